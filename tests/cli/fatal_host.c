/* A host for the fatal-report tests (fatal.py): runs a script that calls back into C, where
 * a deliberate bug stops the process, so that the report's frames can be checked.
 *
 *   minipy_fatal_host overflow SCRIPT   debug hooks and the tracer on; make_block() takes 16
 *                                       bytes from PyMem_Malloc, break_block() writes past
 *                                       them and frees them: the debug hooks' report
 *   minipy_fatal_host fatal SCRIPT      fatal_error() calls Py_FatalError
 *
 * The report names the Python frames of the thread (faulthandler's format) and, for the
 * overflow, where the block was allocated (the tracer's script stack). */
#include <stdio.h>
#include <string.h>

#include "minipy/Python.h"
#include "minipy/pythonrun.h"

static void *g_block = NULL;

static PyObject *make_block(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    g_block = PyMem_Malloc(16);
    if (g_block == NULL) return PyErr_NoMemory();
    Py_RETURN_NONE;
}

static PyObject *break_block(PyObject *self, PyObject *arg) {
    (void)self;
    (void)arg;
    ((unsigned char *)g_block)[16] = 0x78; /* one byte past the end: the trailing pad */
    PyMem_Free(g_block);
    Py_RETURN_NONE;
}

static PyObject *fatal_error(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    Py_FatalError("deliberate");
}

static PyMethodDef g_functions[] = {
    {"make_block", make_block, METH_NOARGS, NULL},
    {"break_block", break_block, METH_O, NULL},
    {"fatal_error", fatal_error, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s overflow|fatal SCRIPT\n", argv[0]);
        return 2;
    }
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    if (strcmp(argv[1], "overflow") == 0) config.allocator = "debug";
    const PyStatus status = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(status)) Py_ExitStatusException(status);
    if (strcmp(argv[1], "overflow") == 0 && minipy_tracemalloc_start(10) != 0) return 3;
    PyObject *globals = minipy_main_dict();
    if (globals == NULL) return 3;
    for (PyMethodDef *def = g_functions; def->ml_name != NULL; ++def) {
        PyObject *function = PyCFunction_New(def, NULL);
        if (function == NULL || PyDict_SetItemString(globals, def->ml_name, function) < 0) return 3;
        Py_DECREF(function);
    }
    const int r = PyRun_SimpleString(argv[2]);
    Py_FinalizeEx();
    return r == 0 ? 4 : 5; /* the script was to stop the process before this */
}
