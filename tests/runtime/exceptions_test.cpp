// The built-in exception types (issue 5, point 2): CPython 3.11's hierarchy, what str() and
// repr() print for 0, 1 and several arguments, args, attributes and the special fields.
#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

namespace {

std::string utf8(PyObject *text) {
    BOOST_REQUIRE(text != nullptr);
    std::string out = PyUnicode_AsUTF8(text);
    Py_DECREF(text);
    return out;
}

PyObject *make(PyObject *type, PyObject *args) {
    PyObject *exc = PyObject_CallObject(type, args);
    BOOST_REQUIRE(exc != nullptr);
    return exc;
}

// repr() of an attribute, releasing what it took.
std::string attr_repr(PyObject *obj, const char *name) {
    PyObject *value = PyObject_GetAttrString(obj, name);
    BOOST_REQUIRE(value != nullptr);
    std::string out = utf8(PyObject_Repr(value));
    Py_DECREF(value);
    return out;
}

PyTypeObject *as_type(PyObject *o) {
    return reinterpret_cast<PyTypeObject *>(o);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exceptions)

BOOST_AUTO_TEST_CASE(hierarchy_is_cpythons) {
    RuntimeScope runtime;
    // (class, its base) for every built-in exception, as `python3 -c "print(X.__base__)"`.
    const std::vector<std::pair<PyObject *, PyObject *>> edges = {
        {PyExc_SystemExit, PyExc_BaseException},
        {PyExc_KeyboardInterrupt, PyExc_BaseException},
        {PyExc_GeneratorExit, PyExc_BaseException},
        {PyExc_Exception, PyExc_BaseException},
        {PyExc_StopIteration, PyExc_Exception},
        {PyExc_ArithmeticError, PyExc_Exception},
        {PyExc_FloatingPointError, PyExc_ArithmeticError},
        {PyExc_OverflowError, PyExc_ArithmeticError},
        {PyExc_ZeroDivisionError, PyExc_ArithmeticError},
        {PyExc_AssertionError, PyExc_Exception},
        {PyExc_AttributeError, PyExc_Exception},
        {PyExc_BufferError, PyExc_Exception},
        {PyExc_EOFError, PyExc_Exception},
        {PyExc_ImportError, PyExc_Exception},
        {PyExc_ModuleNotFoundError, PyExc_ImportError},
        {PyExc_LookupError, PyExc_Exception},
        {PyExc_IndexError, PyExc_LookupError},
        {PyExc_KeyError, PyExc_LookupError},
        {PyExc_MemoryError, PyExc_Exception},
        {PyExc_NameError, PyExc_Exception},
        {PyExc_UnboundLocalError, PyExc_NameError},
        {PyExc_OSError, PyExc_Exception},
        {PyExc_RuntimeError, PyExc_Exception},
        {PyExc_NotImplementedError, PyExc_RuntimeError},
        {PyExc_RecursionError, PyExc_RuntimeError},
        {PyExc_SyntaxError, PyExc_Exception},
        {PyExc_IndentationError, PyExc_SyntaxError},
        {PyExc_TabError, PyExc_IndentationError},
        {PyExc_SystemError, PyExc_Exception},
        {PyExc_TypeError, PyExc_Exception},
        {PyExc_ValueError, PyExc_Exception},
        {PyExc_UnicodeError, PyExc_ValueError},
        {PyExc_UnicodeDecodeError, PyExc_UnicodeError},
        {PyExc_UnicodeEncodeError, PyExc_UnicodeError},
        {PyExc_UnicodeTranslateError, PyExc_UnicodeError},
        {PyExc_Warning, PyExc_Exception},
        {PyExc_UserWarning, PyExc_Warning},
        {PyExc_DeprecationWarning, PyExc_Warning},
        {PyExc_RuntimeWarning, PyExc_Warning},
    };
    for (const auto &[cls, base] : edges) {
        BOOST_TEST_CONTEXT(as_type(cls)->tp_name) {
            BOOST_TEST(as_type(cls)->tp_base == as_type(base));
            BOOST_TEST(PyExceptionClass_Check(cls));
            BOOST_TEST(PyType_IsSubtype(as_type(cls), as_type(PyExc_BaseException)));
        }
    }
    BOOST_TEST(std::string(PyExceptionClass_Name(PyExc_KeyError)) == "KeyError");
}

BOOST_AUTO_TEST_CASE(str_and_repr_by_argument_count) {
    RuntimeScope runtime;
    // Expected texts: python3 -c "e = ValueError(...); print(str(e)); print(repr(e))".
    PyObject *none = make(PyExc_ValueError, nullptr);
    BOOST_TEST(utf8(PyObject_Str(none)) == "");
    BOOST_TEST(utf8(PyObject_Repr(none)) == "ValueError()");
    PyObject *one_args = Py_BuildValue("(s)", "msg");
    PyObject *one = make(PyExc_ValueError, one_args);
    BOOST_TEST(utf8(PyObject_Str(one)) == "msg");
    BOOST_TEST(utf8(PyObject_Repr(one)) == "ValueError('msg')");
    PyObject *two_args = Py_BuildValue("(si)", "a", 2);
    PyObject *two = make(PyExc_TypeError, two_args);
    BOOST_TEST(utf8(PyObject_Str(two)) == "('a', 2)");
    BOOST_TEST(utf8(PyObject_Repr(two)) == "TypeError('a', 2)");
    PyObject *key_args = Py_BuildValue("(s)", "");
    PyObject *key = make(PyExc_KeyError, key_args);
    BOOST_TEST(utf8(PyObject_Str(key)) == "''");
    BOOST_TEST(utf8(PyObject_Repr(key)) == "KeyError('')");
    for (PyObject *o : {none, one_args, one, two_args, two, key_args, key}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(args_attribute_and_instance_attributes) {
    RuntimeScope runtime;
    PyObject *args = Py_BuildValue("(ii)", 1, 2);
    PyObject *exc = make(PyExc_RuntimeError, args);
    PyObject *got = PyObject_GetAttrString(exc, "args");
    BOOST_TEST(got == args);  // the same tuple, as in CPython
    Py_DECREF(got);
    // Exceptions have a __dict__: any attribute can be set, read back and deleted.
    PyObject *value = PyLong_FromLong(99);
    BOOST_TEST(PyObject_SetAttrString(exc, "detail", value) == 0);
    PyObject *back = PyObject_GetAttrString(exc, "detail");
    BOOST_TEST(back == value);
    Py_XDECREF(back);
    BOOST_TEST(PyObject_SetAttrString(exc, "detail", nullptr) == 0);
    BOOST_TEST(PyObject_GetAttrString(exc, "detail") == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_AttributeError));
    PyErr_Clear();
    // Assigning args converts any sequence to a tuple.
    PyObject *list = Py_BuildValue("[s]", "x");
    BOOST_TEST(PyObject_SetAttrString(exc, "args", list) == 0);
    BOOST_TEST(utf8(PyObject_Repr(exc)) == "RuntimeError('x')");
    for (PyObject *o : {args, exc, value, list}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(context_and_cause) {
    RuntimeScope runtime;
    PyObject *outer = make(PyExc_ValueError, nullptr);
    PyObject *inner = make(PyExc_KeyError, nullptr);
    PyObject *cause = PyObject_GetAttrString(outer, "__cause__");
    BOOST_TEST(cause == Py_None);
    Py_DECREF(cause);
    BOOST_TEST(PyObject_SetAttrString(outer, "__cause__", inner) == 0);
    cause = PyException_GetCause(outer);
    BOOST_TEST(cause == inner);
    Py_XDECREF(cause);
    PyException_SetContext(outer, Py_NewRef(inner));
    PyObject *context = PyException_GetContext(outer);
    BOOST_TEST(context == inner);
    Py_XDECREF(context);
    PyObject *number = PyLong_FromLong(1);
    BOOST_TEST(PyObject_SetAttrString(outer, "__cause__", number) == -1);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_TypeError));
    PyErr_Clear();
    for (PyObject *o : {outer, inner, number}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(stop_iteration_value_and_system_exit_code) {
    RuntimeScope runtime;
    PyObject *args = Py_BuildValue("(i)", 5);
    PyObject *stop = make(PyExc_StopIteration, args);
    BOOST_TEST(attr_repr(stop, "value") == "5");
    PyObject *empty = make(PyExc_StopIteration, nullptr);
    PyObject *value = PyObject_GetAttrString(empty, "value");
    BOOST_TEST(value == Py_None);
    Py_DECREF(value);
    PyObject *two = Py_BuildValue("(ii)", 1, 2);
    PyObject *exit = make(PyExc_SystemExit, two);
    BOOST_TEST(attr_repr(exit, "code") == "(1, 2)");
    for (PyObject *o : {args, stop, empty, two, exit}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(syntax_error_fields_and_str) {
    RuntimeScope runtime;
    // Expected texts: python3 -c "e = SyntaxError('bad', ('dir/f.py', 3, 5, 'x y\n', 3, 7));
    // print(str(e), repr(e), e.msg, ...)", and so on for each line below.
    PyObject *args = Py_BuildValue("(s(siisii))", "bad", "dir/f.py", 3, 5, "x y\n", 3, 7);
    PyObject *full = make(PyExc_SyntaxError, args);
    BOOST_TEST(utf8(PyObject_Str(full)) == "bad (f.py, line 3)");
    BOOST_TEST(utf8(PyObject_Repr(full)) ==
               "SyntaxError('bad', ('dir/f.py', 3, 5, 'x y\\n', 3, 7))");
    BOOST_TEST(attr_repr(full, "msg") == "'bad'");
    BOOST_TEST(attr_repr(full, "filename") == "'dir/f.py'");
    BOOST_TEST(attr_repr(full, "lineno") == "3");
    BOOST_TEST(attr_repr(full, "offset") == "5");
    BOOST_TEST(attr_repr(full, "end_lineno") == "3");
    BOOST_TEST(attr_repr(full, "end_offset") == "7");
    BOOST_TEST(attr_repr(full, "text") == "'x y\\n'");
    BOOST_TEST(attr_repr(full, "print_file_and_line") == "None");
    PyObject *msg_args = Py_BuildValue("(s)", "m");
    PyObject *msg_only = make(PyExc_SyntaxError, msg_args);
    BOOST_TEST(utf8(PyObject_Str(msg_only)) == "m");
    BOOST_TEST(attr_repr(msg_only, "lineno") == "None");
    PyObject *indent_args = Py_BuildValue("(s(siiO))", "m", "f", 1, 2, Py_None);
    PyObject *indent = make(PyExc_IndentationError, indent_args);
    BOOST_TEST(utf8(PyObject_Str(indent)) == "m (f, line 1)");
    BOOST_TEST(attr_repr(indent, "end_lineno") == "None");
    PyObject *tab_args = Py_BuildValue("(s(OiiO))", "m", Py_None, 4, 2, Py_None);
    PyObject *tab = make(PyExc_TabError, tab_args);
    BOOST_TEST(utf8(PyObject_Str(tab)) == "m (line 4)");
    BOOST_TEST(utf8(PyObject_Repr(tab)) == "TabError('m', (None, 4, 2, None))");
    PyObject *half_args = Py_BuildValue("(s(siisi))", "m", "f", 1, 2, "t", 1);
    BOOST_TEST(PyObject_CallObject(PyExc_SyntaxError, half_args) == nullptr);
    PyObject *error = PyErr_GetRaisedException();
    BOOST_TEST(Py_TYPE(error) == as_type(PyExc_TypeError));
    BOOST_TEST(utf8(PyObject_Str(error)) ==
               "end_offset must be provided when end_lineno is provided");
    for (PyObject *o :
         {args, full, msg_args, msg_only, indent_args, indent, tab_args, tab, half_args, error})
        Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(keyword_arguments_are_refused) {
    RuntimeScope runtime;
    PyObject *args = PyTuple_New(0);
    PyObject *kwargs = Py_BuildValue("{s:i}", "x", 1);
    BOOST_TEST(PyObject_Call(PyExc_ValueError, args, kwargs) == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(utf8(PyObject_Str(exc)) == "ValueError() takes no keyword arguments");
    for (PyObject *o : {args, kwargs, exc}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(exception_cycles_are_collected) {
    RuntimeScope runtime;
    PyObject *a = make(PyExc_ValueError, nullptr);
    PyObject *b = make(PyExc_TypeError, nullptr);
    PyException_SetContext(a, Py_NewRef(b));
    PyException_SetContext(b, Py_NewRef(a));
    Py_DECREF(a);
    Py_DECREF(b);
    BOOST_TEST(std::to_string(PyGC_Collect()) == minipy::test::capi_value("exception_gc_cycle"));
}

BOOST_AUTO_TEST_SUITE_END()
