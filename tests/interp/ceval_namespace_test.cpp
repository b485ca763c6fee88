// minipy/ceval.h (PyEval_GetGlobals, GetBuiltins, GetLocals, GetFrame) as a C extension sees
// them: from a C function that Python code calls, and with no Python frame running; and the
// built-ins that read them (exec, eval) when C calls them without a frame. Each test runs in a
// RuntimeScope, whose leak check also proves a frame's locals dict is released with it.
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "minipy/ceval.h"
#include "minipy/frameobject.h"
#include "minipy/pythonrun.h"
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

// What probe() saw on its last call (new references, released by the test).
struct Seen {
    PyObject *globals = nullptr;
    PyObject *builtins = nullptr;
    PyObject *locals = nullptr;
    PyObject *locals_copy = nullptr;
    int frame_line = 0;
};
Seen g_seen;

void forget_seen() {
    Py_CLEAR(g_seen.globals);
    Py_CLEAR(g_seen.builtins);
    Py_CLEAR(g_seen.locals);
    Py_CLEAR(g_seen.locals_copy);
}

// probe(): records the caller's namespaces, as an extension function would read them.
PyObject *probe(PyObject *, PyObject *) noexcept {
    forget_seen();
    g_seen.globals = Py_XNewRef(PyEval_GetGlobals());
    g_seen.builtins = Py_XNewRef(PyEval_GetBuiltins());
    PyObject *locals = PyEval_GetLocals();
    if (locals == nullptr) return nullptr;
    g_seen.locals = Py_NewRef(locals);
    g_seen.locals_copy = PyDict_Copy(locals);
    PyFrameObject *frame = PyEval_GetFrame();
    g_seen.frame_line = frame != nullptr ? PyFrame_GetLineNumber(frame) : -1;
    return Py_NewRef(Py_None);
}

PyMethodDef probe_def = {"probe", probe, METH_NOARGS, nullptr};

PyObject *namespace_with_probe() {
    PyObject *globals = PyDict_New();
    PyObject *f = PyCFunction_NewEx(&probe_def, nullptr, nullptr);
    BOOST_REQUIRE(globals != nullptr && f != nullptr);
    BOOST_REQUIRE(PyDict_SetItemString(globals, "probe", f) == 0);
    Py_DECREF(f);
    return globals;
}

void run(const char *source, PyObject *globals) {
    PyObject *r = PyRun_String(source, Py_file_input, globals, globals);
    if (r == nullptr) PyErr_Print();
    BOOST_REQUIRE(r != nullptr);
    Py_DECREF(r);
}

// The builtin `name`, found through a namespace's __builtins__ (a new reference).
PyObject *builtin(const char *name) {
    PyObject *globals = PyDict_New();
    PyObject *f = PyRun_String(name, Py_eval_input, globals, globals);
    Py_DECREF(globals);
    BOOST_REQUIRE(f != nullptr);
    return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ceval_namespace)

BOOST_AUTO_TEST_CASE(no_frame_no_namespaces) {
    RuntimeScope runtime;
    // The interpreter started (a compile), but nothing runs.
    PyObject *code = Py_CompileString("1", "<s>", Py_eval_input);
    BOOST_REQUIRE(code != nullptr);
    Py_DECREF(code);
    BOOST_TEST(PyEval_GetGlobals() == nullptr);
    BOOST_TEST(PyEval_GetBuiltins() == nullptr);
    BOOST_TEST(PyEval_GetFrame() == nullptr);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(PyEval_GetLocals() == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_SystemError));
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(str_of(exc) == "frame does not exist");
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_CASE(module_level_locals_are_the_globals) {
    RuntimeScope runtime;
    PyObject *globals = namespace_with_probe();
    run("x = 1\nprobe()\n", globals);
    BOOST_TEST(g_seen.globals == globals);
    BOOST_TEST(g_seen.locals == globals);
    BOOST_TEST(PyDict_Check(g_seen.builtins));
    BOOST_TEST(g_seen.builtins == PyDict_GetItemString(globals, "__builtins__"));
    BOOST_TEST(g_seen.frame_line == 2);
    forget_seen();
    Py_DECREF(globals);
}

BOOST_AUTO_TEST_CASE(function_locals_are_one_dict_refreshed_per_call) {
    RuntimeScope runtime;
    PyObject *globals = namespace_with_probe();
    run("def f(a):\n"
        "    b = a + 1\n"
        "    probe()\n"
        "    first = 1\n"
        "    del b\n"
        "    probe()\n"
        "f(5)\n",
        globals);
    // The second call refreshed the same dict: `first` added, `b` (unbound) removed.
    BOOST_REQUIRE(g_seen.locals != nullptr);
    BOOST_TEST(g_seen.locals != globals);
    BOOST_TEST(PyDict_Size(g_seen.locals_copy) == 2);
    BOOST_TEST(PyLong_AsLong(PyDict_GetItemString(g_seen.locals_copy, "a")) == 5);
    BOOST_TEST(PyLong_AsLong(PyDict_GetItemString(g_seen.locals_copy, "first")) == 1);
    BOOST_TEST(PyDict_GetItemString(g_seen.locals_copy, "b") == nullptr);
    BOOST_TEST(g_seen.frame_line == 6);
    forget_seen();
    // A cell's content and a free variable's are the variables' values.
    run("def outer():\n"
        "    c = 'cell'\n"
        "    def inner():\n"
        "        probe()\n"
        "        return c\n"
        "    return inner()\n"
        "outer()\n",
        globals);
    BOOST_TEST(PyDict_Size(g_seen.locals_copy) == 1);
    BOOST_TEST(str_of(PyDict_GetItemString(g_seen.locals_copy, "c")) == "cell");
    forget_seen();
    Py_DECREF(globals);
}

BOOST_AUTO_TEST_CASE(exec_and_eval_without_a_frame) {
    RuntimeScope runtime;
    PyObject *exec = builtin("exec");
    PyObject *eval = builtin("eval");
    // No namespaces given and no frame to take them from: CPython's SystemError.
    BOOST_TEST(PyObject_CallFunction(exec, "s", "x = 1") == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_SystemError)));
    BOOST_TEST(str_of(exc) == "frame does not exist");
    Py_DECREF(exc);
    BOOST_TEST(PyObject_CallFunction(eval, "s", "1") == nullptr);
    exc = PyErr_GetRaisedException();
    BOOST_TEST(str_of(exc) == "frame does not exist");
    Py_DECREF(exc);
    // With globals they run, and the globals get the interpreter's builtins.
    PyObject *globals = PyDict_New();
    PyObject *r = PyObject_CallFunction(exec, "sO", "y = len('abc')", globals);
    BOOST_REQUIRE(r == Py_None);
    Py_DECREF(r);
    BOOST_TEST(PyLong_AsLong(PyDict_GetItemString(globals, "y")) == 3);
    BOOST_TEST(PyDict_Check(PyDict_GetItemString(globals, "__builtins__")));
    r = PyObject_CallFunction(eval, "sO", "y * 2", globals);
    BOOST_REQUIRE(r != nullptr);
    BOOST_TEST(PyLong_AsLong(r) == 6);
    Py_DECREF(r);
    Py_DECREF(globals);
    Py_DECREF(exec);
    Py_DECREF(eval);
}

BOOST_AUTO_TEST_CASE(complex_is_refused) {
    RuntimeScope runtime;
    PyObject *complex = builtin("complex");
    BOOST_TEST(PyType_Check(complex));
    BOOST_TEST(str_of(complex) == "<class 'complex'>");
    BOOST_TEST(PyObject_CallFunction(complex, "i", 1) == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(
        PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_NotImplementedError)));
    BOOST_TEST(str_of(exc) == "complex numbers are not supported by minipy");
    Py_DECREF(exc);
    PyObject *one = PyLong_FromLong(1);
    BOOST_TEST(PyObject_IsInstance(one, complex) == 0);
    Py_DECREF(one);
    Py_DECREF(complex);
    // The literal's refusal says the same.
    BOOST_TEST(Py_CompileString("x = 2j", "<s>", Py_file_input) == nullptr);
    exc = PyErr_GetRaisedException();
    BOOST_TEST(str_of(exc) == "imaginary literals are not supported by minipy (<s>, line 1)");
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_CASE(compile_refuses_what_minipy_lacks) {
    RuntimeScope runtime;
    PyObject *compile = builtin("compile");
    // PyCF_ONLY_AST (no ast module) and `from __future__ import annotations`'s flag.
    for (int flag : {0x400, 0x1000000}) {
        BOOST_TEST(PyObject_CallFunction(compile, "sssi", "1", "f", "exec", flag) == nullptr);
        PyObject *exc = PyErr_GetRaisedException();
        BOOST_TEST(PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_ValueError)));
        BOOST_TEST(str_of(exc) ==
                   "compile(): minipy supports only the flags 0, PyCF_DONT_IMPLY_DEDENT, "
                   "PyCF_ALLOW_INCOMPLETE_INPUT and the mandatory __future__ features");
        Py_DECREF(exc);
    }
    Py_DECREF(compile);
}

BOOST_AUTO_TEST_SUITE_END()
