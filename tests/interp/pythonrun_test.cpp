// The embedding entry points (minipy/pythonrun.h) as a C host uses them: compiling, running in
// a namespace, calling a Python function and a generator from C, errors with their
// tracebacks, the recursion limit, and the interpreter restarting with the runtime. Each test
// runs in a RuntimeScope, whose leak check also proves the interpreter released what it made.
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "minipy/code.h"
#include "minipy/functionobject.h"
#include "minipy/pythonrun.h"
#include "minipy/traceback.h"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

namespace {

std::string str_of(PyObject *obj) {
    PyObject *s = PyObject_Str(obj);
    BOOST_REQUIRE(s != nullptr);
    std::string out = PyUnicode_AsUTF8(s);
    Py_DECREF(s);
    return out;
}

long long_item(PyObject *dict, const char *name) {
    PyObject *v = PyDict_GetItemString(dict, name);
    BOOST_REQUIRE(v != nullptr);
    return PyLong_AsLong(v);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pythonrun)

BOOST_AUTO_TEST_CASE(eval_and_exec_in_a_namespace) {
    RuntimeScope runtime;
    PyObject *globals = PyDict_New();
    PyObject *r = PyRun_String("6 * 7", Py_eval_input, globals, globals);
    BOOST_REQUIRE(r != nullptr);
    BOOST_TEST(PyLong_AsLong(r) == 42);
    Py_DECREF(r);
    r = PyRun_String("def sq(x):\n    return x * x\ntotal = sum(sq(i) for i in range(10))\n",
                     Py_file_input, globals, globals);
    BOOST_REQUIRE(r != nullptr);
    BOOST_TEST(r == Py_None);
    Py_DECREF(r);
    BOOST_TEST(long_item(globals, "total") == 285);
    BOOST_TEST(PyFunction_Check(PyDict_GetItemString(globals, "sq")));
    Py_DECREF(globals);
}

BOOST_AUTO_TEST_CASE(compile_gives_a_code_object_or_a_syntax_error) {
    RuntimeScope runtime;
    PyObject *code = Py_CompileString("x = 1\ny = x + 1\n", "ok.py", Py_file_input);
    BOOST_REQUIRE(code != nullptr);
    BOOST_TEST(PyCode_Check(code));
    BOOST_TEST(str_of(reinterpret_cast<PyCodeObject *>(code)->co_filename) == "ok.py");
    PyObject *globals = PyDict_New();
    PyObject *r = PyEval_EvalCode(code, globals, nullptr);
    BOOST_REQUIRE(r != nullptr);
    Py_DECREF(r);
    BOOST_TEST(long_item(globals, "y") == 2);
    Py_DECREF(globals);
    Py_DECREF(code);

    BOOST_TEST(Py_CompileString("x = (1 +\n", "bad.py", Py_file_input) == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_SyntaxError));
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(str_of(exc) == "'(' was never closed (bad.py, line 1)");
    Py_DECREF(exc);
    BOOST_TEST(Py_CompileString("return 1\n", "bad.py", Py_file_input) == nullptr);
    exc = PyErr_GetRaisedException();
    BOOST_TEST(str_of(exc) == "'return' outside function (bad.py, line 1)");
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_CASE(python_functions_called_from_c) {
    RuntimeScope runtime;
    PyObject *globals = PyDict_New();
    PyObject *r = PyRun_String(
        "def add(a, b=10, *, scale=1):\n    return (a + b) * scale\n"
        "def fail(d):\n    return d['missing']\n"
        "def count(n):\n    for i in range(n):\n        yield i * i\n",
        Py_file_input, globals, globals);
    BOOST_REQUIRE(r != nullptr);
    Py_DECREF(r);
    PyObject *add = PyDict_GetItemString(globals, "add");
    PyObject *result = PyObject_CallFunction(add, "ii", 1, 2);
    BOOST_REQUIRE(result != nullptr);
    BOOST_TEST(PyLong_AsLong(result) == 3);
    Py_DECREF(result);
    // Keywords through the vectorcall protocol.
    PyObject *args[] = {PyLong_FromLong(5), PyLong_FromLong(3)};
    PyObject *kwnames = Py_BuildValue("(s)", "scale");
    result = PyObject_Vectorcall(add, args, 1, kwnames);
    BOOST_REQUIRE(result != nullptr);
    BOOST_TEST(PyLong_AsLong(result) == 45);
    Py_DECREF(result);
    Py_DECREF(kwnames);
    Py_DECREF(args[0]);
    Py_DECREF(args[1]);
    // A wrong call: CPython's message.
    BOOST_TEST(PyObject_CallNoArgs(add) == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(str_of(exc) == "add() missing 1 required positional argument: 'a'");
    Py_DECREF(exc);
    // An exception raised inside carries a traceback entry for the function's frame.
    PyObject *empty = PyDict_New();
    BOOST_TEST(PyObject_CallOneArg(PyDict_GetItemString(globals, "fail"), empty) == nullptr);
    Py_DECREF(empty);
    exc = PyErr_GetRaisedException();
    BOOST_TEST(PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_KeyError)));
    PyObject *tb = PyException_GetTraceback(exc);
    BOOST_REQUIRE(tb != nullptr);
    BOOST_TEST(PyTraceBack_Check(tb));
    BOOST_TEST(reinterpret_cast<PyTracebackObject *>(tb)->tb_next == nullptr);
    BOOST_TEST(PyFrame_GetLineNumber(reinterpret_cast<PyTracebackObject *>(tb)->tb_frame) == 4);
    Py_DECREF(tb);
    Py_DECREF(exc);
    // A generator driven from C.
    PyObject *gen = PyObject_CallFunction(PyDict_GetItemString(globals, "count"), "i", 4);
    BOOST_REQUIRE(gen != nullptr);
    long total = 0;
    while (PyObject *item = PyIter_Next(gen)) {
        total += PyLong_AsLong(item);
        Py_DECREF(item);
    }
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(total == 0 + 1 + 4 + 9);
    Py_DECREF(gen);
    Py_DECREF(globals);
}

BOOST_AUTO_TEST_CASE(recursion_limit_counts_python_calls) {
    RuntimeScope runtime;
    const int saved = Py_GetRecursionLimit();
    Py_SetRecursionLimit(100);
    PyObject *globals = PyDict_New();
    PyObject *r = PyRun_String(
        "def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\n"
        "shallow = down(50)\n",
        Py_file_input, globals, globals);
    BOOST_REQUIRE(r != nullptr);
    Py_DECREF(r);
    BOOST_TEST(long_item(globals, "shallow") == 50);
    BOOST_TEST(PyRun_String("down(500)", Py_eval_input, globals, globals) == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_RecursionError)));
    BOOST_TEST(str_of(exc) == "maximum recursion depth exceeded");
    Py_DECREF(exc);
    Py_SetRecursionLimit(saved);
    Py_DECREF(globals);
}

BOOST_AUTO_TEST_CASE(interpreter_restarts_with_the_runtime) {
    for (int round = 0; round < 3; ++round) {
        RuntimeScope runtime;
        PyObject *globals = PyDict_New();
        PyObject *r =
            PyRun_String("[len(str(i)) for i in range(20)][-1]", Py_eval_input, globals, globals);
        BOOST_REQUIRE(r != nullptr);
        BOOST_TEST(PyLong_AsLong(r) == 2);
        Py_DECREF(r);
        Py_DECREF(globals);
    }
}

BOOST_AUTO_TEST_SUITE_END()
