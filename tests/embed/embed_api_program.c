/* A host program written for CPython 3.11's embedding API, as "Embedding Python in Another
 * Application" and "Extending and Embedding" describe it: it registers a C module before
 * start-up, starts the interpreter from a PyConfig holding its argv, runs code every way the
 * API offers, calls script functions from C, prints exceptions and finalizes. Built unchanged
 * against minipy (minipy/Python.h, found as <Python.h>) and against CPython 3.11
 * (`python3-config --embed`); both builds must write data/embed_api_*.{out,err} exactly, which
 * the CPython build wrote (data/generate.sh). Nothing is normalized: the program prints no
 * version string, address or absolute path (the scripts are named relative to the working
 * directory, which the test sets to this directory, so that tracebacks show their lines).
 *
 *   embed_api_program main SCRIPT_DIR_RELATIVE...   the whole tour; exit status 0
 *   embed_api_program exit EXPR                     PyErr_Print of SystemExit(EXPR): the
 *                                                   process ends with its status
 *
 * Output goes through PySys_WriteStdout / PySys_WriteStderr (sys.stdout / sys.stderr) while
 * the interpreter runs, so that C's and Python's lines keep their order in either build, and
 * through stdio only before start-up and after Py_FinalizeEx. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <string.h>

/* --- The host's module, `embedded` -------------------------------------------------------- */

static long call_count = 0;

/* METH_VARARGS: add(a, b) */
static PyObject *embedded_add(PyObject *self, PyObject *args) {
    (void)self;
    long a, b;
    if (!PyArg_ParseTuple(args, "ll:add", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

/* METH_NOARGS: count() */
static PyObject *embedded_count(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyLong_FromLong(++call_count);
}

/* METH_O: describe(obj) */
static PyObject *embedded_describe(PyObject *self, PyObject *obj) {
    (void)self;
    return PyUnicode_FromFormat("<%s %R>", Py_TYPE(obj)->tp_name, obj);
}

/* METH_VARARGS | METH_KEYWORDS: greet(name, *, punct="!") */
static PyObject *embedded_greet(PyObject *self, PyObject *args, PyObject *kwargs) {
    (void)self;
    static char *keywords[] = {"name", "punct", NULL};
    const char *name;
    const char *punct = "!";
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|$s:greet", keywords, &name, &punct))
        return NULL;
    return PyUnicode_FromFormat("hello, %s%s", name, punct);
}

static PyMethodDef embedded_methods[] = {
    {"add", embedded_add, METH_VARARGS, "add(a, b)"},
    {"count", embedded_count, METH_NOARGS, "count()"},
    {"describe", embedded_describe, METH_O, "describe(obj)"},
    {"greet", (PyCFunction)(void (*)(void))embedded_greet, METH_VARARGS | METH_KEYWORDS,
     "greet(name, *, punct='!')"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef embedded_module = {
    PyModuleDef_HEAD_INIT,
    "embedded",
    "The host's functions.",
    -1,
    embedded_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

static PyObject *PyInit_embedded(void) {
    PyObject *module = PyModule_Create(&embedded_module);
    if (module == NULL) return NULL;
    PyObject *greeting = PyUnicode_FromString("hi from C");
    int failed = greeting == NULL || PyModule_AddObjectRef(module, "greeting", greeting) < 0 ||
                 PyModule_AddIntConstant(module, "ANSWER", 42) < 0;
    Py_XDECREF(greeting);
    if (!failed) {
        /* The module's namespace, written directly. */
        PyObject *pair = Py_BuildValue("(ii)", 3, 11);
        failed = pair == NULL ||
                 PyDict_SetItemString(PyModule_GetDict(module), "version_pair", pair) < 0;
        Py_XDECREF(pair);
    }
    if (failed) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}

/* --- Printing ----------------------------------------------------------------------------- */

/* "label: repr(result)" on stdout and the result released; for NULL, "label: error" and the
 * exception's traceback on stderr (PyErr_Print). */
static void show(const char *label, PyObject *result) {
    if (result == NULL) {
        PySys_WriteStdout("%s: error\n", label);
        PySys_WriteStderr("--- %s:\n", label);
        PyErr_Print();
        return;
    }
    PyObject *repr = PyObject_Repr(result);
    Py_DECREF(result);
    if (repr == NULL) {
        PySys_WriteStdout("%s: repr failed\n", label);
        PyErr_Print();
        return;
    }
    PySys_WriteStdout("%s: %s\n", label, PyUnicode_AsUTF8(repr));
    Py_DECREF(repr);
}

/* A borrowed result: shown without being released. */
static void show_borrowed(const char *label, PyObject *result) {
    Py_XINCREF(result);
    show(label, result);
}

/* --- The tour ----------------------------------------------------------------------------- */

/* PyRun_String in a namespace the host made: a fresh dict, which gets __builtins__. */
static void run_in_fresh_namespace(void) {
    PyObject *globals = PyDict_New();
    PyObject *locals = PyDict_New();
    if (globals == NULL || locals == NULL) {
        PyErr_Print();
        Py_XDECREF(globals);
        Py_XDECREF(locals);
        return;
    }
    show_borrowed("fresh globals before", globals);
    show("file_input",
         PyRun_String("x = 6\ny = x * 7\nimport sys\n", Py_file_input, globals, globals));
    show("has __builtins__",
         PyBool_FromLong(PyDict_GetItemString(globals, "__builtins__") != NULL));
    show("__builtins__ is the builtins module's dict",
         PyRun_String(
             "type(__builtins__).__name__, __builtins__ is sys.modules['builtins'].__dict__",
             Py_eval_input, globals, globals));
    show("eval_input", PyRun_String("y + 1, len('abc')", Py_eval_input, globals, globals));
    show_borrowed("y from C", PyDict_GetItemString(globals, "y"));
    /* Separate locals: assignments land there, names are found in globals too. */
    show("file_input with locals",
         PyRun_String("z = y * 2\nw = [x, z]\n", Py_file_input, globals, locals));
    show_borrowed("locals", locals);
    show("z in globals", PyBool_FromLong(PyDict_GetItemString(globals, "z") != NULL));
    /* single_input echoes an expression statement's value through sys.displayhook. */
    show("single_input", PyRun_String("w[1] - 1\n", Py_single_input, globals, locals));
    show("single_input statement", PyRun_String("q = 5\n", Py_single_input, globals, locals));
    show("eval_input syntax error", PyRun_String("1 +", Py_eval_input, globals, globals));
    show("eval_input of a statement", PyRun_String("x = 1", Py_eval_input, globals, globals));
    show("name error", PyRun_String("undefined_name", Py_eval_input, globals, locals));
    Py_DECREF(locals);
    Py_DECREF(globals);
}

/* Py_CompileString + PyEval_EvalCode, twice with the same code object. */
static void compile_and_eval(void) {
    PyObject *code = Py_CompileString("total = sum(range(n))\n", "<host>", Py_file_input);
    if (code == NULL) {
        show("compile", NULL);
        return;
    }
    PyObject *globals = PyDict_New();
    for (int n = 5; n <= 10 && globals != NULL; n += 5) {
        PyObject *value = PyLong_FromLong(n);
        if (value == NULL || PyDict_SetItemString(globals, "n", value) < 0) {
            Py_XDECREF(value);
            break;
        }
        Py_DECREF(value);
        show("PyEval_EvalCode", PyEval_EvalCode(code, globals, globals));
        show_borrowed("total", PyDict_GetItemString(globals, "total"));
    }
    Py_XDECREF(globals);
    Py_DECREF(code);
    show("Py_CompileString eval", Py_CompileString("(", "<host-bad>", Py_eval_input));
}

static void import_modules(void) {
    PyObject *scratch = PyImport_AddModule("scratch"); /* borrowed, made empty */
    show("AddModule", scratch == NULL ? NULL : PyObject_GetAttrString(scratch, "__name__"));
    show("AddModule again is the same",
         PyBool_FromLong(scratch != NULL && PyImport_AddModule("scratch") == scratch));
    PyObject *embedded = PyImport_ImportModule("embedded");
    show("ImportModule embedded.ANSWER",
         embedded == NULL ? NULL : PyObject_GetAttrString(embedded, "ANSWER"));
    Py_XDECREF(embedded);
    PyObject *name = PyUnicode_FromString("embedded");
    PyObject *again = name == NULL ? NULL : PyImport_Import(name);
    show("Import is the same module",
         again == NULL ? NULL : PyBool_FromLong(again == PyImport_AddModule("embedded")));
    Py_XDECREF(again);
    Py_XDECREF(name);
    show("ImportModule missing", PyImport_ImportModule("no_such_module_here"));
}

/* Calling what the script defined in __main__. */
static void call_script_functions(void) {
    PyObject *main_module = PyImport_AddModule("__main__");
    if (main_module == NULL) {
        PyErr_Print();
        return;
    }
    PyObject *scale = PyObject_GetAttrString(main_module, "scale");
    if (scale == NULL) {
        show("scale", NULL);
        return;
    }
    PyObject *args = Py_BuildValue("(i)", 5);
    PyObject *kwargs = Py_BuildValue("{s:i,s:i}", "factor", 3, "offset", 1);
    if (args != NULL && kwargs != NULL) {
        show("PyObject_Call scale(5, factor=3, offset=1)", PyObject_Call(scale, args, kwargs));
        show("PyObject_Call scale(5)", PyObject_Call(scale, args, NULL));
    }
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    show("PyObject_CallFunction scale(7, 10)", PyObject_CallFunction(scale, "ii", 7, 10));
    show("PyObject_CallFunction scale('ab')", PyObject_CallFunction(scale, "s", "ab"));
    args = Py_BuildValue("(d)", 1.5);
    show("PyObject_CallObject scale(1.5)", args == NULL ? NULL : PyObject_CallObject(scale, args));
    Py_XDECREF(args);
    show("PyObject_CallObject scale()", PyObject_CallObject(scale, NULL));
    Py_DECREF(scale);

    PyObject *counter = PyObject_GetAttrString(main_module, "counter");
    if (counter != NULL) {
        show("CallMethod bump(5)", PyObject_CallMethod(counter, "bump", "i", 5));
        show("CallMethod bump()", PyObject_CallMethod(counter, "bump", NULL));
        PyObject *bump = PyObject_GetAttrString(counter, "bump");
        PyObject *kwargs2 = Py_BuildValue("{s:O}", "twice", Py_True);
        PyObject *args2 = Py_BuildValue("(i)", 2);
        if (bump != NULL && kwargs2 != NULL && args2 != NULL)
            show("Call bump(2, twice=True)", PyObject_Call(bump, args2, kwargs2));
        Py_XDECREF(args2);
        Py_XDECREF(kwargs2);
        Py_XDECREF(bump);
        show("CallMethod missing", PyObject_CallMethod(counter, "no_such_method", NULL));
        show_borrowed("counter", counter);
        Py_DECREF(counter);
    }
    show("GetAttrString missing", PyObject_GetAttrString(main_module, "no_such_name"));

    /* An exception from a script function, with its traceback through two frames. */
    PyObject *outer = PyObject_GetAttrString(main_module, "outer");
    if (outer != NULL) {
        PyObject *result = PyObject_CallObject(outer, NULL);
        if (result == NULL) {
            PySys_WriteStderr("--- outer(), PyErr_PrintEx(0):\n");
            PyErr_PrintEx(0);
            PySys_WriteStdout("outer(): printed\n");
        } else {
            show("outer()", result);
        }
        Py_DECREF(outer);
    }
}

static int run_tour(const char *script, const char *failing) {
    show("PyRun_SimpleString", PyLong_FromLong(PyRun_SimpleString(
                                   "import sys\nprint('simple string: argv', sys.argv[1:])\n")));
    PySys_WriteStderr("--- PyRun_SimpleString raising:\n");
    show("PyRun_SimpleString raising",
         PyLong_FromLong(PyRun_SimpleString("def f():\n    return [][1]\nf()\n")));

    FILE *fp = fopen(script, "r");
    if (fp == NULL) {
        PySys_WriteStderr("cannot open %s\n", script);
        return 1;
    }
    show("PyRun_SimpleFile", PyLong_FromLong(PyRun_SimpleFile(fp, script)));
    fclose(fp);
    fp = fopen(failing, "r");
    if (fp == NULL) {
        PySys_WriteStderr("cannot open %s\n", failing);
        return 1;
    }
    PySys_WriteStderr("--- PyRun_SimpleFile raising:\n");
    show("PyRun_SimpleFile raising", PyLong_FromLong(PyRun_SimpleFile(fp, failing)));
    fclose(fp);

    run_in_fresh_namespace();
    compile_and_eval();
    import_modules();
    call_script_functions();

    PySys_WriteStdout("PySys_WriteStdout: %d %s %zd%%\n", 7, "seven", (Py_ssize_t)70);
    PySys_WriteStderr("PySys_WriteStderr: %ld\n", -3L);
    /* Past 1000 bytes the text is cut and "... truncated" follows. */
    char long_text[1200];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    PySys_WriteStdout("long: %s\n", long_text);
    PySys_WriteStdout("\n");
    return 0;
}

/* --- Start-up and shutdown ---------------------------------------------------------------- */

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[1], "main") != 0 && strcmp(argv[1], "exit") != 0)) {
        fprintf(stderr, "usage: %s main SCRIPT FAILING_SCRIPT | %s exit EXPR\n", argv[0], argv[0]);
        return 2;
    }
    if (PyImport_AppendInittab("embedded", PyInit_embedded) < 0) {
        fprintf(stderr, "PyImport_AppendInittab failed\n");
        return 1;
    }

    /* The host's argv goes to sys.argv: the Python config parses it as python's command line
     * is, so argv[0] is the program's name and the rest (the mode first) becomes sys.argv. */
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    PyStatus status = PyConfig_SetBytesArgv(&config, argc, argv);
    if (PyStatus_Exception(status)) {
        PyConfig_Clear(&config);
        Py_ExitStatusException(status);
    }
    status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) Py_ExitStatusException(status);

    int result = 0;
    if (strcmp(argv[1], "exit") == 0) {
        /* SystemExit at PyErr_Print: the process ends with its status, after the message. */
        PySys_WriteStdout("raising SystemExit(%s)\n", argv[2]);
        PyObject *globals = PyDict_New();
        PyObject *code = PyUnicode_FromFormat("raise SystemExit(%s)", argv[2]);
        PyObject *value =
            globals == NULL || code == NULL
                ? NULL
                : PyRun_String(PyUnicode_AsUTF8(code), Py_file_input, globals, globals);
        Py_XDECREF(value);
        Py_XDECREF(code);
        Py_XDECREF(globals);
        PyErr_Print();
        PySys_WriteStdout("not reached\n");
        result = 1;
    } else {
        result = run_tour(argv[2], argc > 3 ? argv[3] : argv[2]);
    }

    const int finalized = Py_FinalizeEx();
    printf("Py_FinalizeEx: %d\n", finalized);
    return result != 0 ? result : (finalized < 0 ? 120 : 0);
}
