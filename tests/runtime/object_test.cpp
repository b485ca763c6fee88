// The object core (issue 5, point 1): reference counting, the singletons, `object` and
// `type`, PyType_Ready's inheritance, generic attribute access through a type's tables,
// built-in methods, and the generic protocol's errors. Every message is what CPython 3.11
// prints for the same operation.
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstring>
#include <string>

#include "minipy/Python.h"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"
#include "support/alloc_hooks.hpp"

using minipy::test::CountingHook;
using minipy::test::RuntimeScope;
using minipy::test::objects::take_error;

namespace {

std::string text(PyObject *obj) {
    BOOST_REQUIRE(obj != nullptr);
    std::string out = PyUnicode_AsUTF8(obj);
    Py_DECREF(obj);
    return out;
}

PyObject *call(PyObject *callable, PyObject *args, PyObject *kwargs = nullptr) {
    PyObject *tuple = args != nullptr ? args : PyTuple_New(0);
    PyObject *result = PyObject_Call(callable, tuple, kwargs);
    Py_DECREF(tuple);
    return result;
}

// A pair of types written the C-extension way: Base has a negation and a length, Sub
// redefines only the length and must inherit the rest slot by slot.
struct Sized {
    PyObject_HEAD Py_ssize_t length;
};

PyObject *base_negative(PyObject *) {
    return PyUnicode_FromString("negated");
}
Py_ssize_t base_length(PyObject *self) {
    return reinterpret_cast<Sized *>(self)->length;
}
Py_ssize_t sub_length(PyObject *self) {
    return 2 * reinterpret_cast<Sized *>(self)->length;
}
PyObject *base_describe(PyObject *self, PyObject *) {
    return PyUnicode_FromFormat("%s of %zd", Py_TYPE(self)->tp_name,
                                reinterpret_cast<Sized *>(self)->length);
}
PyObject *base_get_length(PyObject *self, void *) {
    return PyLong_FromSsize_t(base_length(self));
}
int base_set_length(PyObject *self, PyObject *value, void *) {
    const Py_ssize_t n = PyLong_AsSsize_t(value);
    if (n == -1 && PyErr_Occurred()) return -1;
    reinterpret_cast<Sized *>(self)->length = n;
    return 0;
}

PyNumberMethods base_number = {.nb_negative = base_negative};
PySequenceMethods base_sequence = {.sq_length = base_length};
PySequenceMethods sub_sequence = {.sq_length = sub_length};
PyMethodDef base_methods[] = {{"describe", base_describe, METH_NOARGS, nullptr}, {}};
PyGetSetDef base_getset[] = {{"length", base_get_length, base_set_length, nullptr, nullptr}, {}};

PyTypeObject BaseType = {
    .ob_base = {{1, nullptr}, 0},
    .tp_name = "test.Base",
    .tp_basicsize = sizeof(Sized),
    .tp_dealloc = [](PyObject *self) { PyObject_Del(self); },
    .tp_as_number = &base_number,
    .tp_as_sequence = &base_sequence,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_methods = base_methods,
    .tp_getset = base_getset,
};

PyTypeObject SubType = {
    .ob_base = {{1, nullptr}, 0},
    .tp_name = "test.Sub",
    .tp_as_sequence = &sub_sequence,
    .tp_base = &BaseType,
};

PyObject *make_sized(PyTypeObject *type, Py_ssize_t length) {
    Sized *obj = PyObject_New(Sized, type);
    BOOST_REQUIRE(obj != nullptr);
    obj->length = length;
    return reinterpret_cast<PyObject *>(obj);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(object)

BOOST_AUTO_TEST_CASE(reference_counting_macros) {
    RuntimeScope runtime;
    // bytes: no free list or cache keeps it, so its last reference frees its block.
    PyObject *bytes = PyBytes_FromString("counted");
    BOOST_TEST(Py_REFCNT(bytes) == 1);
    PyObject *alias = Py_NewRef(bytes);
    BOOST_TEST(alias == bytes);
    BOOST_TEST(Py_REFCNT(bytes) == 2);
    Py_XINCREF(bytes);
    Py_XDECREF(static_cast<PyObject *>(nullptr));
    BOOST_TEST(Py_REFCNT(bytes) == 3);
    Py_CLEAR(alias);
    BOOST_TEST(alias == nullptr);
    Py_XDECREF(bytes);
    BOOST_TEST(Py_REFCNT(bytes) == 1);
    // The last reference frees the object through its type's tp_dealloc.
    CountingHook obj(PYMEM_DOMAIN_OBJ);
    Py_DECREF(bytes);
    BOOST_TEST(obj.frees == 1u);
}

BOOST_AUTO_TEST_CASE(objects_come_from_the_obj_domain) {
    RuntimeScope runtime;
    PyType_Ready(&BaseType);
    CountingHook obj(PYMEM_DOMAIN_OBJ);
    PyObject *sized = make_sized(&BaseType, 3);
    BOOST_TEST(obj.mallocs == 1u);
    BOOST_TEST(obj.last_size == sizeof(Sized));
    Py_DECREF(sized);
    BOOST_TEST(obj.frees == 1u);
}

BOOST_AUTO_TEST_CASE(singletons) {
    RuntimeScope runtime;
    BOOST_TEST(text(PyObject_Repr(Py_None)) == "None");
    BOOST_TEST(text(PyObject_Str(Py_NotImplemented)) == "NotImplemented");
    BOOST_TEST(text(PyObject_Repr(Py_Ellipsis)) == "Ellipsis");
    BOOST_TEST(PyObject_IsTrue(Py_None) == 0);
    BOOST_TEST(PyObject_Not(Py_None) == 1);
    PyObject *none_type = reinterpret_cast<PyObject *>(Py_TYPE(Py_None));
    BOOST_TEST(text(PyObject_Repr(none_type)) == "<class 'NoneType'>");
    PyObject *result = call(none_type, nullptr);
    BOOST_TEST(result == Py_None);
    Py_XDECREF(result);
    BOOST_TEST(call(none_type, Py_BuildValue("(i)", 1)) == nullptr);
    BOOST_TEST(take_error() == "TypeError: NoneType takes no arguments");
}

BOOST_AUTO_TEST_CASE(object_and_type) {
    RuntimeScope runtime;
    PyObject *object_type = reinterpret_cast<PyObject *>(&PyBaseObject_Type);
    PyObject *instance = call(object_type, nullptr);
    BOOST_REQUIRE(instance != nullptr);
    char expected[64];
    std::snprintf(expected, sizeof expected, "<object object at %p>",
                  static_cast<void *>(instance));
    BOOST_TEST(text(PyObject_Repr(instance)) == expected);
    BOOST_TEST(PyObject_Hash(instance) != -1);
    BOOST_TEST(call(object_type, Py_BuildValue("(i)", 1)) == nullptr);
    BOOST_TEST(take_error() == "TypeError: object() takes no arguments");
    Py_DECREF(instance);
    BOOST_TEST(PyType_Check(reinterpret_cast<PyObject *>(&PyLong_Type)));
    BOOST_TEST(text(PyObject_GetAttrString(reinterpret_cast<PyObject *>(&PyLong_Type),
                                           "__name__")) == "int");
    BOOST_TEST(PyObject_GetAttrString(reinterpret_cast<PyObject *>(&PyLong_Type), "x") == nullptr);
    BOOST_TEST(take_error() == "AttributeError: type object 'int' has no attribute 'x'");
}

BOOST_AUTO_TEST_CASE(type_ready_inherits_slot_by_slot) {
    RuntimeScope runtime;
    BOOST_REQUIRE(PyType_Ready(&SubType) == 0);
    BOOST_TEST(SubType.tp_base == &BaseType);
    BOOST_TEST((BaseType.tp_flags & Py_TPFLAGS_READY) != 0);  // the base was readied first
    BOOST_TEST(Py_TYPE(&SubType) == &PyType_Type);
    BOOST_TEST(SubType.tp_basicsize == BaseType.tp_basicsize);
    BOOST_TEST(PyType_IsSubtype(&SubType, &BaseType));
    BOOST_TEST(!PyType_IsSubtype(&BaseType, &SubType));
    BOOST_TEST(PyType_IsSubtype(&SubType, &PyBaseObject_Type));

    PyObject *sub = make_sized(&SubType, 5);
    BOOST_TEST(PyObject_TypeCheck(sub, &BaseType));
    BOOST_TEST(PyObject_Length(sub) == 10);                 // its own slot
    BOOST_TEST(text(PyNumber_Negative(sub)) == "negated");  // the base's, inherited
    BOOST_TEST(PyObject_IsTrue(sub) == 1);
    BOOST_TEST(text(PyObject_CallMethod(sub, "describe", nullptr)) == "test.Sub of 5");
    // A getset attribute: read, written through its setter, refused on bad input.
    PyObject *seven = PyLong_FromLong(7);
    BOOST_TEST(PyObject_SetAttrString(sub, "length", seven) == 0);
    BOOST_TEST(text(PyObject_Repr(PyObject_GetAttrString(sub, "length"))) == "7");
    BOOST_TEST(PyObject_SetAttrString(sub, "describe", seven) == -1);
    BOOST_TEST(take_error() ==
               "AttributeError: 'test.Sub' object attribute 'describe' is read-only");
    BOOST_TEST(PyObject_SetAttrString(sub, "other", seven) == -1);
    BOOST_TEST(take_error() == "AttributeError: 'test.Sub' object has no attribute 'other'");
    BOOST_TEST(PyObject_HasAttrString(sub, "describe") == 1);
    BOOST_TEST(PyObject_HasAttrString(sub, "nothing") == 0);
    BOOST_TEST(PyErr_Occurred() == nullptr);
    Py_DECREF(seven);
    Py_DECREF(sub);
}

BOOST_AUTO_TEST_CASE(rich_comparison_falls_back_to_identity_only_for_equality) {
    RuntimeScope runtime;
    PyObject *one = PyLong_FromLong(1);
    PyObject *word = PyUnicode_FromString("a");
    BOOST_TEST(PyObject_RichCompareBool(one, word, Py_EQ) == 0);
    BOOST_TEST(PyObject_RichCompareBool(one, word, Py_NE) == 1);
    BOOST_TEST(PyObject_RichCompareBool(one, word, Py_LT) == -1);
    BOOST_TEST(take_error() == "TypeError: '<' not supported between instances of 'int' and 'str'");
    BOOST_TEST(PyObject_RichCompare(word, one, Py_GE) == nullptr);
    BOOST_TEST(take_error() ==
               "TypeError: '>=' not supported between instances of 'str' and 'int'");
    // Identity implies equality in RichCompareBool, even for NaN.
    PyObject *nan = PyFloat_FromDouble(__builtin_nan(""));
    BOOST_TEST(PyObject_RichCompareBool(nan, nan, Py_EQ) == 1);
    PyObject *is_equal = PyObject_RichCompare(nan, nan, Py_EQ);
    BOOST_TEST(is_equal == Py_False);
    Py_XDECREF(is_equal);
    for (PyObject *o : {one, word, nan}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(hash_iteration_and_call_errors) {
    RuntimeScope runtime;
    PyObject *list = PyList_New(0);
    PyObject *number = PyLong_FromLong(3);
    BOOST_TEST(PyObject_Hash(list) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'list'");
    BOOST_TEST(PyObject_GetIter(number) == nullptr);
    BOOST_TEST(take_error() == "TypeError: 'int' object is not iterable");
    BOOST_TEST(!PyCallable_Check(number));
    BOOST_TEST(PyCallable_Check(reinterpret_cast<PyObject *>(&PyLong_Type)));
    BOOST_TEST(PyObject_GetAttrString(list, "x") == nullptr);
    BOOST_TEST(take_error() == "AttributeError: 'list' object has no attribute 'x'");
    BOOST_TEST(PyObject_SetAttr(list, number, Py_None) == -1);
    BOOST_TEST(take_error() == "TypeError: attribute name must be string, not 'int'");
    for (PyObject *o : {list, number}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(builtin_methods_check_their_arguments) {
    RuntimeScope runtime;
    PyObject *list = PyList_New(0);
    PyObject *append = PyObject_GetAttrString(list, "append");
    BOOST_REQUIRE(append != nullptr);
    BOOST_TEST(PyCFunction_Check(append));
    BOOST_TEST(PyCFunction_GetSelf(append) == list);
    char expected[96];
    std::snprintf(expected, sizeof expected, "<built-in method append of list object at %p>",
                  static_cast<void *>(list));
    BOOST_TEST(text(PyObject_Repr(append)) == expected);
    BOOST_TEST(text(PyObject_GetAttrString(append, "__name__")) == "append");
    BOOST_TEST(call(append, nullptr) == nullptr);
    BOOST_TEST(take_error() == "TypeError: list.append() takes exactly one argument (0 given)");
    PyObject *kwargs = Py_BuildValue("{s:i}", "x", 1);
    BOOST_TEST(call(append, Py_BuildValue("()"), kwargs) == nullptr);
    BOOST_TEST(take_error() == "TypeError: list.append() takes no keyword arguments");
    PyObject *clear = PyObject_GetAttrString(list, "clear");
    BOOST_TEST(call(clear, Py_BuildValue("(i)", 1)) == nullptr);
    BOOST_TEST(take_error() == "TypeError: list.clear() takes no arguments (1 given)");
    PyObject *result = call(append, Py_BuildValue("(i)", 4));
    BOOST_TEST(result == Py_None);
    Py_XDECREF(result);
    BOOST_TEST(PyList_Size(list) == 1);
    // Two lookups give equal, distinct bound methods.
    PyObject *again = PyObject_GetAttrString(list, "append");
    BOOST_TEST(again != append);
    BOOST_TEST(PyObject_RichCompareBool(again, append, Py_EQ) == 1);
    for (PyObject *o : {append, again, kwargs, clear, list}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(print_writes_repr_or_str) {
    RuntimeScope runtime;
    char buffer[64] = {};
    FILE *stream = fmemopen(buffer, sizeof buffer, "w");
    PyObject *word = PyUnicode_FromString("hi");
    BOOST_TEST(PyObject_Print(word, stream, 0) == 0);
    BOOST_TEST(PyObject_Print(word, stream, Py_PRINT_RAW) == 0);
    std::fclose(stream);
    BOOST_TEST(std::string(buffer) == "'hi'hi");
    Py_DECREF(word);
}

BOOST_AUTO_TEST_SUITE_END()
