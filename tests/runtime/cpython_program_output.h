/* What the programs built against minipy and against CPython (cpython_capi_program.c,
 * cpython_sort_program.c) share for printing: the pending exception as one comparable piece of
 * a line. C, header-only (each program is one file). */
#ifndef MINIPY_TESTS_CPYTHON_PROGRAM_OUTPUT_H
#define MINIPY_TESTS_CPYTHON_PROGRAM_OUTPUT_H

#include <Python.h>
#include <stdio.h>
#include <string.h>

/* Prints the pending exception as " !Type: message" and clears it. PyErr_BadInternalCall names
 * the C file and line of the call that raised it, which differ between the implementations:
 * only "bad argument to internal function" is kept. */
static inline void print_error(void) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *text = value != NULL ? PyObject_Str(value) : NULL;
    const char *message = text != NULL ? PyUnicode_AsUTF8(text) : "?";
    const char *located = strstr(message, ": bad argument to internal function");
    if (located != NULL) message = located + 2;
    printf(" !%s: %s", ((PyTypeObject *)type)->tp_name, message);
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

#endif /* MINIPY_TESTS_CPYTHON_PROGRAM_OUTPUT_H */
