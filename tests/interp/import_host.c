/* A C host of minipy's import system (minipy/import.h), written in C as any embedding program
 * would be: it adds its own built-in module with PyImport_AppendInittab before start-up, imports
 * it from C and from Python, and uses the rest of the PyImport_* API. Each check prints what
 * failed and exits 1; the runtime's leak check is on, so whatever the import system left behind
 * at shutdown is reported on stderr (CTest fails the test on that report). Run as CTest test
 * interp.import_host. */
#include <stdio.h>
#include <string.h>

#include "minipy/Python.h"
#include "minipy/import.h"
#include "minipy/pythonrun.h"

static int g_spam_inits = 0;

static PyObject *spam_add(PyObject *self, PyObject *args) {
    long a = 0, b = 0;
    (void)self;
    if (!PyArg_ParseTuple(args, "ll:add", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef spam_methods[] = {
    {"add", spam_add, METH_VARARGS, "add(a, b) -> a + b"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef spam_def = {
    PyModuleDef_HEAD_INIT,
    "spam",
    "A module the host adds.",
    -1,
    spam_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

static PyObject *PyInit_spam(void) {
    ++g_spam_inits;
    PyObject *m = PyModule_Create(&spam_def);
    if (m != NULL && PyModule_AddIntConstant(m, "ANSWER", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

/* Fails without saying why: the import system must raise SystemError for it. */
static PyObject *PyInit_broken(void) {
    return NULL;
}

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            if (PyErr_Occurred()) PyErr_Print();                                     \
            return 1;                                                                \
        }                                                                            \
    } while (0)

/* 1 when the raised exception is of `type` and reads `message`; clears it. */
static int raised(PyObject *type, const char *message) {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) return 0;
    int ok = PyErr_GivenExceptionMatches(exc, type);
    PyObject *text = PyObject_Str(exc);
    const char *utf8 = text != NULL ? PyUnicode_AsUTF8(text) : NULL;
    if (utf8 == NULL || strcmp(utf8, message) != 0) {
        fprintf(stderr, "raised: %s\nexpected: %s\n", utf8 != NULL ? utf8 : "?", message);
        ok = 0;
    }
    Py_XDECREF(text);
    Py_DECREF(exc);
    PyErr_Clear();
    return ok;
}

static int start(void) {
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.leak_check = 1;
    PyStatus status = Py_InitializeFromConfig(&config);
    return PyStatus_Exception(status) ? -1 : 0;
}

static int first_run(void) {
    PyObject *spam = PyImport_ImportModule("spam");
    CHECK(spam != NULL && PyModule_Check(spam));
    CHECK(g_spam_inits == 1);
    PyObject *r = PyObject_CallMethod(spam, "add", "ii", 2, 3);
    CHECK(r != NULL && PyLong_AsLong(r) == 5);
    Py_DECREF(r);
    PyObject *again = PyImport_ImportModule("spam");
    CHECK(again == spam && g_spam_inits == 1);
    Py_DECREF(again);
    CHECK(PyDict_GetItemString(PyImport_GetModuleDict(), "spam") == spam);

    /* The same module from Python: the table, the cache, the module's repr. */
    CHECK(PyRun_SimpleString("import spam, sys\n"
                             "assert spam.ANSWER == 42 and spam.add(20, 22) == 42\n"
                             "assert 'spam' in sys.builtin_module_names\n"
                             "assert repr(spam) == \"<module 'spam' (built-in)>\", repr(spam)\n"
                             "from spam import add\n"
                             "assert add(1, 1) == 2\n") == 0);
    CHECK(g_spam_inits == 1);

    /* Too late for the table once the interpreter runs. */
    CHECK(PyImport_AppendInittab("late", PyInit_spam) == -1);

    CHECK(PyImport_ImportModule("no_such_module") == NULL);
    CHECK(raised(PyExc_ModuleNotFoundError, "No module named 'no_such_module'"));
    CHECK(PyImport_ImportModule("spam.sub") == NULL);
    CHECK(raised(PyExc_ModuleNotFoundError, "No module named 'spam.sub'; 'spam' is not a package"));
    CHECK(PyImport_ImportModule("broken") == NULL);
    CHECK(
        raised(PyExc_SystemError, "initialization of broken failed without raising an exception"));

    /* AddModule: made once, then found. */
    PyObject *fresh = PyImport_AddModule("fresh");
    CHECK(fresh != NULL && PyModule_Check(fresh) && PyImport_AddModule("fresh") == fresh);
    PyObject *name = PyUnicode_FromString("fresh");
    PyObject *got = PyImport_GetModule(name);
    CHECK(got == fresh);
    Py_DECREF(got);
    Py_DECREF(name);

    /* ExecCodeModule: a module from a code object; one that fails leaves sys.modules. */
    PyObject *code =
        Py_CompileString("x = 6 * 7\ndef f():\n    return x\n", "made.py", Py_file_input);
    CHECK(code != NULL);
    PyObject *made = PyImport_ExecCodeModule("made", code);
    Py_DECREF(code);
    CHECK(made != NULL);
    r = PyObject_CallMethod(made, "f", NULL);
    CHECK(r != NULL && PyLong_AsLong(r) == 42);
    Py_DECREF(r);
    Py_DECREF(made);
    code = Py_CompileString("y = 1\nraise ValueError('no')\n", "failing.py", Py_file_input);
    CHECK(code != NULL);
    CHECK(PyImport_ExecCodeModule("failing", code) == NULL);
    Py_DECREF(code);
    CHECK(raised(PyExc_ValueError, "no"));
    CHECK(PyDict_GetItemString(PyImport_GetModuleDict(), "failing") == NULL);

    /* ImportModuleLevel with a fromlist returns the leaf; without, the top. */
    PyObject *sys = PyImport_ImportModuleLevel("sys", NULL, NULL, NULL, 0);
    CHECK(sys != NULL && strcmp(PyModule_GetName(sys), "sys") == 0);
    Py_DECREF(sys);
    Py_DECREF(spam);
    return 0;
}

int main(void) {
    CHECK(PyImport_AppendInittab("spam", PyInit_spam) == 0);
    CHECK(PyImport_AppendInittab("broken", PyInit_broken) == 0);
    CHECK(start() == 0);
    if (first_run() != 0) return 1;
    CHECK(Py_FinalizeEx() == 0);

    /* A new interpreter runs the init function again, once. */
    CHECK(start() == 0);
    CHECK(PyRun_SimpleString("import spam\nimport spam\nassert spam.add(1, 2) == 3\n") == 0);
    CHECK(g_spam_inits == 2);
    CHECK(Py_FinalizeEx() == 0);
    printf("import host: ok\n");
    return 0;
}
