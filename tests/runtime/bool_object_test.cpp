// The bool type (the suite is bool_object: `bool` is a C++ keyword): the two static
// instances, bool() and its argument errors, repr and str, & | ^ keeping bool for two bools,
// everything else behaving as the ints 0 and 1, as in CPython 3.11.
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "runtime/long_helpers.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using namespace minipy::test::longs;

namespace {

PyObject *call_bool(PyObject *args, PyObject *kwargs = nullptr) {
    PyObject *result = PyObject_Call(reinterpret_cast<PyObject *>(&PyBool_Type), args, kwargs);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
    return result;
}

// "True" / "False" for a bool result, the readable exception otherwise; releases it.
std::string outcome(PyObject *result) {
    if (result == nullptr) return readable(take_error());
    std::string text = PyBool_Check(result) ? (result == Py_True ? "True" : "False")
                                            : std::string("<") + Py_TYPE(result)->tp_name + ">";
    Py_DECREF(result);
    return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bool_object)

BOOST_AUTO_TEST_CASE(true_and_false_are_the_ints_one_and_zero) {
    RuntimeScope runtime;
    BOOST_TEST(PyBool_Check(Py_True));
    BOOST_TEST(PyBool_Check(Py_False));
    BOOST_TEST(PyLong_Check(Py_True));
    BOOST_TEST(!PyLong_CheckExact(Py_True));
    BOOST_TEST(Py_IsTrue(Py_True));
    BOOST_TEST(Py_IsFalse(Py_False));
    BOOST_TEST(PyLong_AsLong(Py_True) == 1);
    BOOST_TEST(PyLong_AsLong(Py_False) == 0);
    PyObject *one = PyLong_FromLong(1);
    BOOST_TEST(!PyBool_Check(one));
    BOOST_TEST(PyObject_RichCompareBool(one, Py_True, Py_EQ) == 1);
    BOOST_TEST(PyObject_Hash(Py_True) == 1);
    BOOST_TEST(PyObject_Hash(Py_False) == 0);
    Py_DECREF(one);
    BOOST_TEST(PyType_IsSubtype(&PyBool_Type, &PyLong_Type));
}

BOOST_AUTO_TEST_CASE(from_long_and_the_return_macros_hand_out_references) {
    RuntimeScope runtime;
    const Py_ssize_t before = Py_REFCNT(Py_True);
    PyObject *t = PyBool_FromLong(42);
    BOOST_TEST(t == Py_True);
    BOOST_TEST(Py_REFCNT(Py_True) == before + 1);
    Py_DECREF(t);
    PyObject *f = PyBool_FromLong(0);
    BOOST_TEST(f == Py_False);
    Py_DECREF(f);
    auto give_true = []() -> PyObject * { Py_RETURN_TRUE; };
    auto give_false = []() -> PyObject * { Py_RETURN_FALSE; };
    PyObject *a = give_true(), *b = give_false();
    BOOST_TEST(a == Py_True);
    BOOST_TEST(b == Py_False);
    Py_DECREF(a);
    Py_DECREF(b);
    BOOST_TEST(Py_REFCNT(Py_True) == before);
}

BOOST_AUTO_TEST_CASE(repr_and_str_spell_the_names) {
    RuntimeScope runtime;
    BOOST_TEST(str_text(PyObject_Repr(Py_True)) == "True");
    BOOST_TEST(str_text(PyObject_Str(Py_False)) == "False");
    BOOST_TEST(str_text(_PyLong_Format(Py_True, 16)) == "0x1");
}

BOOST_AUTO_TEST_CASE(bool_constructor_uses_truth) {
    RuntimeScope runtime;
    BOOST_TEST(outcome(call_bool(PyTuple_New(0))) == "False");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("(i)", 0))) == "False");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("(i)", -3))) == "True");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("(s)", ""))) == "False");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("(s)", "x"))) == "True");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("([])"))) == "False");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("(d)", 0.0))) == "False");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("(O)", Py_None))) == "False");
    BOOST_TEST(outcome(call_bool(Py_BuildValue("(ii)", 1, 2))) ==
               "!TypeError: bool expected at most 1 argument, got 2");
    BOOST_TEST(outcome(call_bool(PyTuple_New(0), Py_BuildValue("{s:i}", "x", 1))) ==
               "!TypeError: bool() takes no keyword arguments");
    PyObject *args = PyTuple_New(0);
    BOOST_TEST(outcome(PyBool_Type.tp_new(&PyLong_Type, args, nullptr)) ==
               "!TypeError: bool.__new__(int): int is not a subtype of bool");
    Py_DECREF(args);
}

BOOST_AUTO_TEST_CASE(bitwise_operators_keep_bool_only_between_bools) {
    RuntimeScope runtime;
    BOOST_TEST(outcome(PyNumber_And(Py_True, Py_True)) == "True");
    BOOST_TEST(outcome(PyNumber_And(Py_True, Py_False)) == "False");
    BOOST_TEST(outcome(PyNumber_Or(Py_False, Py_False)) == "False");
    BOOST_TEST(outcome(PyNumber_Or(Py_False, Py_True)) == "True");
    BOOST_TEST(outcome(PyNumber_Xor(Py_True, Py_True)) == "False");
    BOOST_TEST(outcome(PyNumber_Xor(Py_True, Py_False)) == "True");
    PyObject *one = PyLong_FromLong(1), *three = PyLong_FromLong(3);
    BOOST_TEST(int_text(PyNumber_And(Py_True, one)) == "1");
    BOOST_TEST(int_text(PyNumber_Or(three, Py_False)) == "3");
    BOOST_TEST(int_text(PyNumber_Xor(Py_True, three)) == "2");
    // A bool slot given a non-int leaves it to the other operand.
    PyObject *f = PyFloat_FromDouble(1.0);
    PyObject *result = PyBool_Type.tp_as_number->nb_and(Py_True, f);
    BOOST_TEST(result == Py_NotImplemented);
    Py_XDECREF(result);
    Py_DECREF(f);
    Py_DECREF(one);
    Py_DECREF(three);
}

BOOST_AUTO_TEST_CASE(arithmetic_gives_ints) {
    RuntimeScope runtime;
    BOOST_TEST(int_text(PyNumber_Add(Py_True, Py_True)) == "2");
    BOOST_TEST(int_text(PyNumber_Negative(Py_True)) == "-1");
    BOOST_TEST(int_text(PyNumber_Invert(Py_False)) == "-1");
    BOOST_TEST(int_text(PyNumber_Invert(Py_True)) == "-2");
    BOOST_TEST(int_text(PyNumber_Multiply(Py_True, Py_False)) == "0");
    BOOST_TEST(int_text(PyNumber_Positive(Py_True)) == "1");
    BOOST_TEST(int_text(PyNumber_Index(Py_True)) == "1");
    BOOST_TEST(int_text(PyNumber_Long(Py_True)) == "1");
    BOOST_TEST(int_text(PyNumber_Lshift(Py_True, Py_True)) == "2");
    PyObject *pair = PyNumber_Divmod(Py_True, Py_True);
    BOOST_REQUIRE(pair != nullptr);
    BOOST_TEST(int_text(Py_NewRef(PyTuple_GET_ITEM(pair, 0))) == "1");
    Py_DECREF(pair);
    BOOST_TEST(readable(int_text(PyNumber_FloorDivide(Py_True, Py_False))) ==
               "!ZeroDivisionError: integer division or modulo by zero");
}

BOOST_AUTO_TEST_SUITE_END()
