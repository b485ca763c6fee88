// Calling objects (call.cpp): PyObject_Call and every convenience form, on built-in types
// (int("12") through the int type's tp_call, list.append through attribute lookup) and on a
// C function made for the test that answers the arguments it got, so that each form's
// argument building can be read off its result; a type with a vectorcall function, called
// directly and as a bound method. Messages are CPython 3.11's.
#include <boost/test/unit_test.hpp>

#include <string>

#include "abstract_helpers.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

using minipy::test::RuntimeScope;
using namespace minipy::test::abstract_support;

namespace {

// echo(*args, **kwargs) -> (args, kwargs or None)
PyObject *echo(PyObject *, PyObject *args, PyObject *kwargs) {
    return PyTuple_Pack(2, args, kwargs != nullptr ? kwargs : Py_None);
}
// Callees that break the calling convention.
PyObject *null_without_error(PyObject *, PyObject *) {
    return nullptr;
}
PyObject *result_with_error(PyObject *, PyObject *) {
    PyErr_SetString(PyExc_ValueError, "stray");
    Py_RETURN_NONE;
}

PyMethodDef echo_def = {"echo", _PyCFunction_CAST(echo), METH_VARARGS | METH_KEYWORDS, nullptr};
PyMethodDef null_def = {"null_without_error", null_without_error, METH_VARARGS, nullptr};
PyMethodDef stray_def = {"result_with_error", result_with_error, METH_VARARGS, nullptr};

PyObject *function(PyMethodDef *def) {
    PyObject *f = PyCFunction_NewEx(def, nullptr, nullptr);
    BOOST_REQUIRE(f != nullptr);
    return f;
}

PyObject *type_object(PyTypeObject *type) {
    return reinterpret_cast<PyObject *>(type);
}

// A callable with a vectorcall function beside its tp_call; each answers which of the two
// ran and what it was given: ("vectorcall", args, kwnames or None) or ("tp_call", args,
// kwargs or None).
struct VectorcallProbe {
    PyObject_HEAD vectorcallfunc vectorcall;
};

PyObject *probe_vectorcall(PyObject *, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    const Py_ssize_t n =
        PyVectorcall_NARGS(nargsf) + (kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0);
    PyObject *all = PyTuple_New(n);
    if (all == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) PyTuple_SET_ITEM(all, i, Py_NewRef(args[i]));
    PyObject *result =
        Py_BuildValue("(sNO)", "vectorcall", all, kwnames != nullptr ? kwnames : Py_None);
    return result;
}

PyObject *probe_call(PyObject *, PyObject *args, PyObject *kwargs) {
    return Py_BuildValue("(sOO)", "tp_call", args, kwargs != nullptr ? kwargs : Py_None);
}

PyTypeObject VectorcallProbeType = {.ob_base = {{1, &PyType_Type}, 0},
                                    .tp_name = "VectorcallProbe",
                                    .tp_basicsize = sizeof(VectorcallProbe),
                                    .tp_vectorcall_offset = offsetof(VectorcallProbe, vectorcall),
                                    .tp_call = probe_call,
                                    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL};

PyObject *vectorcall_probe() {
    BOOST_REQUIRE(PyType_Ready(&VectorcallProbeType) == 0);
    auto *probe = PyObject_New(VectorcallProbe, &VectorcallProbeType);
    BOOST_REQUIRE(probe != nullptr);
    probe->vectorcall = probe_vectorcall;
    return reinterpret_cast<PyObject *>(probe);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(call)

BOOST_AUTO_TEST_CASE(call_with_tuple_and_dict) {
    RuntimeScope runtime;
    Owned echo_f(function(&echo_def)), args(literal("(1, 'a')")), kwargs(literal("{'k': 2}"));
    Owned empty_dict(literal("{}"));
    BOOST_TEST(outcome(PyObject_Call(echo_f, args, kwargs)) == "=((1, 'a'), {'k': 2})");
    BOOST_TEST(outcome(PyObject_Call(echo_f, args, nullptr)) == "=((1, 'a'), None)");
    Owned int_args(literal("('ff',)")), base(literal("{'base': 16}"));
    BOOST_TEST(outcome(PyObject_Call(type_object(&PyLong_Type), int_args, base)) == "=255");
    Owned number(literal("5"));
    BOOST_TEST(outcome(PyObject_Call(number, args, nullptr)) ==
               "!TypeError: 'int' object is not callable");
    BOOST_TEST(outcome(PyObject_Call(echo_f, number, nullptr)) ==
               "!TypeError: argument list must be a tuple");
    BOOST_TEST(outcome(PyObject_Call(echo_f, args, number)) ==
               "!TypeError: keyword list must be a dictionary");
    BOOST_TEST(outcome(PyObject_Call(nullptr, args, nullptr)) ==
               "!SystemError: null argument to internal routine");
}

BOOST_AUTO_TEST_CASE(call_object_no_args_one_arg) {
    RuntimeScope runtime;
    Owned echo_f(function(&echo_def)), args(literal("(7,)")), list(literal("[1, 2]")),
        text(literal("'12'"));
    BOOST_TEST(outcome(PyObject_CallObject(echo_f, nullptr)) == "=((), None)");
    BOOST_TEST(outcome(PyObject_CallObject(echo_f, args)) == "=((7,), None)");
    BOOST_TEST(outcome(PyObject_CallObject(echo_f, list)) ==
               "!TypeError: argument list must be a tuple");
    BOOST_TEST(outcome(PyObject_CallNoArgs(echo_f)) == "=((), None)");
    BOOST_TEST(outcome(PyObject_CallNoArgs(type_object(&PyList_Type))) == "=[]");
    BOOST_TEST(outcome(PyObject_CallOneArg(echo_f, list)) == "=(([1, 2],), None)");
    BOOST_TEST(outcome(PyObject_CallOneArg(type_object(&PyTuple_Type), list)) == "=(1, 2)");
    BOOST_TEST(outcome(PyObject_CallOneArg(type_object(&PyLong_Type), text)) == "=12");
    BOOST_TEST(outcome(PyObject_CallNoArgs(list)) == "!TypeError: 'list' object is not callable");
}

BOOST_AUTO_TEST_CASE(call_function_builds_the_arguments) {
    RuntimeScope runtime;
    Owned echo_f(function(&echo_def)), pair(literal("(1, 2)")), list(literal("[3]"));
    BOOST_TEST(outcome(PyObject_CallFunction(type_object(&PyLong_Type), "s", "12")) == "=12");
    BOOST_TEST(outcome(PyObject_CallFunction(type_object(&PyLong_Type), "si", "ff", 16)) == "=255");
    BOOST_TEST(outcome(PyObject_CallFunction(type_object(&PyLong_Type), "s", "1x")) ==
               "!ValueError: invalid literal for int() with base 10: '1x'");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, nullptr)) == "=((), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "")) == "=((), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "i", 1)) == "=((1,), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "is", 1, "x")) == "=((1, 'x'), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "O", list.get())) == "=(([3],), None)");
    // A lone tuple is the argument list, whether passed with O or built with (...).
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "O", pair.get())) == "=((1, 2), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "(ii)", 4, 5)) == "=((4, 5), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "((ii))", 4, 5)) == "=(((4, 5),), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "[ii]", 4, 5)) == "=(([4, 5],), None)");
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "i?", 1)) ==
               "!SystemError: bad format char passed to Py_BuildValue");
    BOOST_TEST(outcome(PyObject_CallFunction(nullptr, "i", 1)) ==
               "!SystemError: null argument to internal routine");
    BOOST_TEST(outcome(_PyObject_CallFunction_SizeT(
                   echo_f, "s#", "abc", static_cast<Py_ssize_t>(2))) == "=(('ab',), None)");
}

BOOST_AUTO_TEST_CASE(call_function_releases_stolen_references_on_failure) {
    RuntimeScope runtime;
    Owned echo_f(function(&echo_def));
    PyObject *stolen = PyList_New(0);
    Py_INCREF(stolen);  // the test's own reference; the one passed with N must go
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "iN?", 1, stolen)) ==
               "!SystemError: bad format char passed to Py_BuildValue");
    BOOST_TEST(Py_REFCNT(stolen) == 1);
    Py_INCREF(stolen);
    BOOST_TEST(outcome(PyObject_CallFunction(echo_f, "N", stolen)) == "=(([],), None)");
    BOOST_TEST(Py_REFCNT(stolen) == 1);
    Py_DECREF(stolen);
}

BOOST_AUTO_TEST_CASE(call_method_on_builtin_objects) {
    RuntimeScope runtime;
    Owned list(literal("[1]")), exc(PyObject_CallFunction(PyExc_ValueError, "s", "boom"));
    BOOST_TEST(outcome(PyObject_CallMethod(list, "append", "i", 5)) == "=None");
    BOOST_TEST(outcome(PyObject_CallMethod(list, "append", "(i)", 6)) == "=None");
    BOOST_TEST(outcome(PyObject_CallMethod(list, "extend", "[ii]", 7, 8)) == "=None");
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=[1, 5, 6, 7, 8]");
    BOOST_TEST(outcome(PyObject_CallMethod(list, "index", "i", 7)) == "=3");
    BOOST_TEST(outcome(PyObject_CallMethod(list, "copy", nullptr)) == "=[1, 5, 6, 7, 8]");
    BOOST_TEST(outcome(PyObject_CallMethod(list, "append", nullptr)) ==
               "!TypeError: list.append() takes exactly one argument (0 given)");
    BOOST_TEST(outcome(PyObject_CallMethod(list, "nope", nullptr)) ==
               "!AttributeError: 'list' object has no attribute 'nope'");
    BOOST_TEST(outcome(PyObject_CallMethod(exc, "args", nullptr)) ==
               "!TypeError: attribute of type 'tuple' is not callable");
    BOOST_TEST(outcome(_PyObject_CallMethod_SizeT(list, "count", "n",
                                                  static_cast<Py_ssize_t>(1))) == "=1");
    BOOST_TEST(outcome(PyObject_CallMethod(nullptr, "x", nullptr)) ==
               "!SystemError: null argument to internal routine");
}

BOOST_AUTO_TEST_CASE(obj_args_forms) {
    RuntimeScope runtime;
    Owned echo_f(function(&echo_def)), one(literal("1")), two(literal("'two'")),
        list(literal("[]"));
    Owned append(literal("'append'")), index(literal("'index'")), copy(literal("'copy'"));
    BOOST_TEST(outcome(PyObject_CallFunctionObjArgs(echo_f, one.get(), two.get(), nullptr)) ==
               "=((1, 'two'), None)");
    BOOST_TEST(outcome(PyObject_CallFunctionObjArgs(echo_f, nullptr)) == "=((), None)");
    BOOST_TEST(outcome(PyObject_CallMethodObjArgs(list, append, two.get(), nullptr)) == "=None");
    BOOST_TEST(outcome(PyObject_CallMethodOneArg(list, append, one)) == "=None");
    BOOST_TEST(outcome(PyObject_CallMethodOneArg(list, index, one)) == "=1");
    BOOST_TEST(outcome(PyObject_CallMethodNoArgs(list, copy)) == "=['two', 1]");
    BOOST_TEST(outcome(PyObject_CallMethodNoArgs(list, two)) ==
               "!AttributeError: 'list' object has no attribute 'two'");
    BOOST_TEST(outcome(PyObject_CallMethodObjArgs(list, nullptr, nullptr)) ==
               "!SystemError: null argument to internal routine");
}

BOOST_AUTO_TEST_CASE(vectorcall_forms) {
    RuntimeScope runtime;
    Owned echo_f(function(&echo_def)), one(literal("1")), two(literal("2")), three(literal("3"));
    Owned names(literal("('k',)")), kwdict(literal("{'j': 4}")), list(literal("[]")),
        append(literal("'append'"));
    PyObject *stack[] = {nullptr, one, two, three};
    BOOST_TEST(outcome(PyObject_Vectorcall(echo_f, stack + 1, 3, nullptr)) == "=((1, 2, 3), None)");
    BOOST_TEST(outcome(PyObject_Vectorcall(echo_f, stack + 1, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                           names)) == "=((1, 2), {'k': 3})");
    BOOST_TEST(outcome(PyObject_Vectorcall(echo_f, nullptr, 0, nullptr)) == "=((), None)");
    BOOST_TEST(outcome(PyObject_VectorcallDict(echo_f, stack + 1, 1, kwdict)) ==
               "=((1,), {'j': 4})");
    BOOST_TEST(PyVectorcall_NARGS(5 | PY_VECTORCALL_ARGUMENTS_OFFSET) == 5);
    PyObject *method_stack[] = {list, three};
    BOOST_TEST(outcome(PyObject_VectorcallMethod(append, method_stack, 2, nullptr)) == "=None");
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=[3]");
    BOOST_TEST(outcome(PyObject_Vectorcall(one, stack + 1, 1, nullptr)) ==
               "!TypeError: 'int' object is not callable");
}

BOOST_AUTO_TEST_CASE(a_vectorcall_function_gets_the_array) {
    RuntimeScope runtime;
    Owned probe(vectorcall_probe()), one(literal("1")), two(literal("2")), self(literal("'self'"));
    Owned names(literal("('k',)")), kwdict(literal("{'j': 4}")), args(literal("(1,)"));
    PyObject *stack[] = {nullptr, one, two};
    BOOST_TEST(outcome(PyObject_Vectorcall(probe, stack + 1, 2, nullptr)) ==
               "=('vectorcall', (1, 2), None)");
    BOOST_TEST(outcome(PyObject_Vectorcall(probe, stack + 1, 1, names)) ==
               "=('vectorcall', (1, 2), ('k',))");
    BOOST_TEST(outcome(PyObject_VectorcallDict(probe, stack + 1, 1, nullptr)) ==
               "=('vectorcall', (1,), None)");
    // Keywords from a dict become names and values after the positional arguments.
    BOOST_TEST(outcome(PyObject_VectorcallDict(probe, stack + 1, 1, kwdict)) ==
               "=('vectorcall', (1, 4), ('j',))");
    // PyObject_Call keeps the tuple: tp_call (a vectorcall type's PyVectorcall_Call).
    BOOST_TEST(outcome(PyObject_Call(probe, args, kwdict)) == "=('tp_call', (1,), {'j': 4})");
    // A bound method puts self in front, borrowing the slot before the array when offered,
    // and gives the slot back.
    Owned method(PyMethod_New(probe, self));
    BOOST_TEST(outcome(PyObject_Vectorcall(method, stack + 1, 1, names)) ==
               "=('vectorcall', ('self', 1, 2), ('k',))");
    BOOST_TEST(outcome(PyObject_Vectorcall(method, stack + 1, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                           nullptr)) == "=('vectorcall', ('self', 1, 2), None)");
    BOOST_TEST(stack[0] == nullptr);
    BOOST_TEST(outcome(PyObject_Vectorcall(method, nullptr, 0, nullptr)) ==
               "=('vectorcall', ('self',), None)");
    BOOST_TEST(outcome(PyObject_Call(method, args, nullptr)) ==
               "=('vectorcall', ('self', 1), None)");
    BOOST_TEST(outcome(PyObject_Call(method, args, kwdict)) ==
               "=('vectorcall', ('self', 1, 4), ('j',))");
    // The convenience forms take the same path.
    BOOST_TEST(outcome(PyObject_CallNoArgs(probe)) == "=('vectorcall', (), None)");
    BOOST_TEST(outcome(PyObject_CallOneArg(probe, one)) == "=('vectorcall', (1,), None)");
    BOOST_TEST(outcome(PyObject_CallOneArg(method, one)) == "=('vectorcall', ('self', 1), None)");
    BOOST_TEST(outcome(PyObject_CallFunctionObjArgs(method, one.get(), two.get(), nullptr)) ==
               "=('vectorcall', ('self', 1, 2), None)");
}

// Method descriptors (list.append) are called through their vectorcall with self first, with
// the messages of CPython's method_vectorcall_* for each calling convention.
BOOST_AUTO_TEST_CASE(a_method_descriptor_is_called_with_self_first) {
    RuntimeScope runtime;
    Owned list(literal("[3, 1]")), dict(literal("{}")), one(literal("1")), two(literal("2"));
    Owned reverse_key(literal("('reverse',)")), key(literal("('k',)")), kwdict(literal("{'k': 5}"));
    auto descr = [](PyTypeObject *type, const char *name) {
        PyObject *found = PyDict_GetItemString(type->tp_dict, name);
        BOOST_REQUIRE(found != nullptr);
        return found;
    };
    PyObject *append = descr(&PyList_Type, "append");
    PyObject *clear = descr(&PyList_Type, "clear");
    PyObject *sort = descr(&PyList_Type, "sort");
    PyObject *update = descr(&PyDict_Type, "update");
    PyObject *append_args[] = {list, two, one};
    BOOST_TEST(outcome(PyObject_Vectorcall(append, append_args, 2, nullptr)) == "=None");
    PyObject *sort_args[] = {list, Py_True};
    BOOST_TEST(outcome(PyObject_Vectorcall(sort, sort_args, 1, reverse_key)) == "=None");
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=[3, 2, 1]");
    PyObject *update_args[] = {dict, kwdict};
    BOOST_TEST(outcome(PyObject_Vectorcall(update, update_args, 1, key)) == "=None");
    BOOST_TEST(outcome(Py_NewRef(dict.get())) == "={'k': {'k': 5}}");
    BOOST_TEST(outcome(PyObject_Vectorcall(clear, append_args, 1, nullptr)) == "=None");
    BOOST_TEST(outcome(PyObject_Vectorcall(append, nullptr, 0, nullptr)) ==
               "!TypeError: unbound method list.append() needs an argument");
    PyObject *wrong_self[] = {one, two};
    BOOST_TEST(
        outcome(PyObject_Vectorcall(append, wrong_self, 2, nullptr)) ==
        "!TypeError: descriptor 'append' for 'list' objects doesn't apply to a 'int' object");
    BOOST_TEST(outcome(PyObject_Vectorcall(append, append_args, 3, nullptr)) ==
               "!TypeError: list.append() takes exactly one argument (2 given)");
    BOOST_TEST(outcome(PyObject_Vectorcall(append, append_args, 1, key)) ==
               "!TypeError: list.append() takes no keyword arguments");
    BOOST_TEST(outcome(PyObject_Vectorcall(clear, append_args, 2, nullptr)) ==
               "!TypeError: list.clear() takes no arguments (1 given)");
}

BOOST_AUTO_TEST_CASE(a_callee_that_breaks_the_convention_is_a_system_error) {
    RuntimeScope runtime;
    Owned null_f(function(&null_def)), stray_f(function(&stray_def));
    BOOST_TEST(outcome(PyObject_CallNoArgs(null_f)) ==
               "!SystemError: <built-in function null_without_error> returned NULL without setting "
               "an exception");
    BOOST_TEST(outcome(PyObject_CallNoArgs(stray_f)) ==
               "!SystemError: <built-in function result_with_error> returned a result with an "
               "exception set");
    // The stray exception is kept as the cause.
    BOOST_REQUIRE(PyObject_CallNoArgs(stray_f) == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_REQUIRE(exc != nullptr);
    Owned cause(PyException_GetCause(exc));
    BOOST_REQUIRE(cause.get() != nullptr);
    BOOST_TEST(outcome(PyObject_Repr(cause)) == "=\"ValueError('stray')\"");
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_SUITE_END()
