/* Regression cases for the differences the C-API fuzzer found, one named case each, reduced
 * to the smallest call that showed it. Built unchanged against minipy and against CPython 3.11
 * like the fuzzer; each case prints "name: result" (the result's repr, or "!Type: message").
 * regressions.expected is what the CPython build prints (regenerate it with
 *   build/debug/tests/capi_fuzz/minipy_capi_regressions_on_cpython > regressions.expected
 * ), and CTest checks both builds against it, so that sanitized builds, which have no CPython
 * build, check minipy too. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>

/* Prints the case's line and releases the result. */
static void show(const char *name, PyObject *result) {
    printf("%s: ", name);
    if (result == NULL) {
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        PyErr_NormalizeException(&type, &value, &traceback);
        PyObject *text = value != NULL ? PyObject_Str(value) : NULL;
        printf("!%s: %s\n",
               type != NULL ? ((PyTypeObject *)type)->tp_name : "NULL without an exception",
               text != NULL ? PyUnicode_AsUTF8(text) : "?");
        Py_XDECREF(text);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(traceback);
        return;
    }
    PyObject *repr = PyObject_Repr(result);
    printf("%s\n", repr != NULL ? PyUnicode_AsUTF8(repr) : "<repr failed>");
    Py_XDECREF(repr);
    Py_DECREF(result);
    PyErr_Clear();
}

/* obj.name(*args), the arguments from a Py_BuildValue format (a tuple). */
static PyObject *call(PyObject *obj, const char *name, PyObject *args) {
    PyObject *method = PyObject_GetAttrString(obj, name);
    PyObject *result = method != NULL && args != NULL ? PyObject_Call(method, args, NULL) : NULL;
    Py_XDECREF(method);
    Py_XDECREF(args);
    return result;
}

/* A set of the items of a list built from a Py_BuildValue format. */
static PyObject *set_of(PyObject *list) {
    PyObject *set = list != NULL ? PySet_New(list) : NULL;
    Py_XDECREF(list);
    return set;
}

/* set.intersection(iterable) hashes every item of the iterable: it stops early only once the
 * result holds all of the set, and an empty set's empty result does not count as that. */
static void set_intersection_hashes_every_item(void) {
    PyObject *empty = PySet_New(NULL), *one = set_of(Py_BuildValue("[i]", 1));
    show("set_intersection_hashes_every_item",
         call(empty, "intersection", Py_BuildValue("([s{}])", "a")));
    show("set_intersection_hashes_until_full",
         call(one, "intersection", Py_BuildValue("([i{}])", 2)));
    show("set_intersection_stops_when_full",
         call(one, "intersection", Py_BuildValue("([i{}])", 1)));
    Py_DECREF(empty);
    Py_DECREF(one);
}

int main(void) {
#ifdef MINIPY_PYTHON_H
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.leak_check = 1;
    if (PyStatus_Exception(Py_InitializeFromConfig(&config))) return 1;
#else
    Py_InitializeEx(0);
#endif
    set_intersection_hashes_every_item();
    if (Py_FinalizeEx() < 0) return 1;
#ifdef MINIPY_PYTHON_H
    minipy_leak_report report;
    if (!minipy_get_leak_report(&report) || report.mem_blocks != 0 || report.obj_blocks != 0)
        return 1;
#endif
    return 0;
}
