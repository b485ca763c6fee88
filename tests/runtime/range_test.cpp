// range: construction and its messages, repr, len, indexing and slicing (a slice of a range
// is a range), membership / count / index by arithmetic and by iteration, equality and hash,
// and the two iterators on both sides of the C-long boundary. Expected texts are what CPython
// 3.11 prints for the same expressions.
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"

using minipy::test::RuntimeScope;
using minipy::test::seq::parse_literal;
using minipy::test::seq::Ref;
using minipy::test::seq::repr_of;
using minipy::test::seq::repr_steal;
using minipy::test::seq::take_error;

namespace {

PyObject *range_type() {
    return reinterpret_cast<PyObject *>(&PyRange_Type);
}

// range(*args) with the arguments as Python literals ("2**63" style is not parsed: write the
// digits).
PyObject *make_range(std::initializer_list<const char *> args) {
    Ref tuple(PyTuple_New(static_cast<Py_ssize_t>(args.size())));
    Py_ssize_t i = 0;
    for (const char *a : args) PyTuple_SET_ITEM(tuple.get(), i++, parse_literal(a));
    return PyObject_Call(range_type(), tuple, nullptr);
}

std::string item(PyObject *r, const char *key) {
    return repr_steal(PyObject_GetItem(r, Ref(parse_literal(key))));
}

std::string sliced(PyObject *r, const char *start, const char *stop, const char *step) {
    auto bound = [](const char *text) {
        return text == nullptr ? Py_NewRef(Py_None) : parse_literal(text);
    };
    Ref slice(PySlice_New(Ref(bound(start)), Ref(bound(stop)), Ref(bound(step))));
    return repr_steal(PyObject_GetItem(r, slice));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(range)

BOOST_AUTO_TEST_CASE(construction_and_repr) {
    RuntimeScope runtime;
    BOOST_TEST(repr_steal(make_range({"5"})) == "range(0, 5)");
    BOOST_TEST(repr_steal(make_range({"0", "10", "2"})) == "range(0, 10, 2)");
    BOOST_TEST(repr_steal(make_range({"0", "10", "1"})) == "range(0, 10)");
    BOOST_TEST(repr_steal(make_range({"True", "3"})) == "range(1, 3)");
    BOOST_TEST(repr_steal(make_range({"-3", "100000000000000000000", "7"})) ==
               "range(-3, 100000000000000000000, 7)");
    BOOST_TEST(repr_steal(make_range({})) ==
               "!TypeError: range expected at least 1 argument, got 0");
    BOOST_TEST(repr_steal(make_range({"1", "2", "3", "4"})) ==
               "!TypeError: range expected at most 3 arguments, got 4");
    BOOST_TEST(repr_steal(make_range({"1", "2", "0"})) ==
               "!ValueError: range() arg 3 must not be zero");
    BOOST_TEST(repr_steal(make_range({"1.5"})) ==
               "!TypeError: 'float' object cannot be interpreted as an integer");
    Ref kwargs(PyDict_New());
    PyDict_SetItemString(kwargs, "x", Py_None);
    BOOST_TEST(repr_steal(PyObject_Call(range_type(), Ref(parse_literal("(1,)")), kwargs)) ==
               "!TypeError: range() takes no keyword arguments");
    Ref r(make_range({"1", "9", "2"}));
    BOOST_TEST(repr_steal(PyObject_GetAttrString(r, "start")) == "1");
    BOOST_TEST(repr_steal(PyObject_GetAttrString(r, "stop")) == "9");
    BOOST_TEST(repr_steal(PyObject_GetAttrString(r, "step")) == "2");
    BOOST_TEST(!PyObject_IS_GC(r));
}

BOOST_AUTO_TEST_CASE(length_and_truth) {
    RuntimeScope runtime;
    BOOST_TEST(PyObject_Length(Ref(make_range({"-5", "5", "3"}))) == 4);
    BOOST_TEST(PyObject_Length(Ref(make_range({"5", "-5"}))) == 0);
    BOOST_TEST(PyObject_Length(Ref(make_range({"10", "0", "-4"}))) == 3);
    BOOST_TEST(PyObject_Length(Ref(make_range({"18446744073709551616"}))) == -1);
    BOOST_TEST(take_error() == "OverflowError: Python int too large to convert to C ssize_t");
    BOOST_TEST(PyObject_IsTrue(Ref(make_range({"0"}))) == 0);
    BOOST_TEST(PyObject_IsTrue(Ref(make_range({"1"}))) == 1);
    BOOST_TEST(PyObject_IsTrue(Ref(make_range({"18446744073709551616"}))) == 1);
}

BOOST_AUTO_TEST_CASE(indexing_and_slicing) {
    RuntimeScope runtime;
    Ref ten(make_range({"10"}));
    BOOST_TEST(item(ten, "-1") == "9");
    BOOST_TEST(item(ten, "-11") == "!IndexError: range object index out of range");
    BOOST_TEST(item(ten, "10") == "!IndexError: range object index out of range");
    BOOST_TEST(repr_steal(PySequence_GetItem(ten, 3)) == "3");
    BOOST_TEST(repr_steal(PyObject_GetItem(ten, Ref(PyUnicode_FromString("a")))) ==
               "!TypeError: range indices must be integers or slices, not str");
    BOOST_TEST(item(ten, "1.0") ==
               "!TypeError: range indices must be integers or slices, not float");
    Ref huge(make_range({"1000000000000000000000000000000"}));
    BOOST_TEST(item(huge, "100000000000000000000000000000") == "100000000000000000000000000000");
    BOOST_TEST(item(Ref(make_range({"0", "100000000000000000000", "10000000000000000000"})), "3") ==
               "30000000000000000000");

    BOOST_TEST(sliced(Ref(make_range({"0", "10", "3"})), nullptr, nullptr, "2") ==
               "range(0, 12, 6)");
    BOOST_TEST(sliced(Ref(make_range({"-5", "5"})), "2", "8", "3") == "range(-3, 3, 3)");
    BOOST_TEST(sliced(ten, nullptr, nullptr, "-2") == "range(9, -1, -2)");
    BOOST_TEST(sliced(Ref(make_range({"5", "0", "-1"})), "1", nullptr, nullptr) ==
               "range(4, 0, -1)");
    BOOST_TEST(sliced(Ref(make_range({"-3", "100000000000000000000", "7"})), nullptr, nullptr,
                      "3") == "range(-3, 100000000000000000002, 21)");
    BOOST_TEST(sliced(ten, nullptr, nullptr, "0") == "!ValueError: slice step cannot be zero");
}

BOOST_AUTO_TEST_CASE(slices_select_what_python_selects) {
    RuntimeScope runtime;
    // Every case of the slice grid as range(n)[start:stop:step], compared through its values.
    for (const auto &row : minipy::test::read_data_file("slice_grid.txt", ' ')) {
        Ref r(make_range({row[0].c_str()}));
        Ref slice(PySlice_New(Ref(minipy::test::seq::int_or_none(row[1])),
                              Ref(minipy::test::seq::int_or_none(row[2])),
                              Ref(minipy::test::seq::int_or_none(row[3]))));
        Ref sub(PyObject_GetItem(r, slice));
        BOOST_REQUIRE(sub);
        BOOST_TEST(std::string(Py_TYPE(sub.get())->tp_name) == "range");
        std::string expected = "[";
        for (size_t i = 9; i < row.size(); i++) expected += (i > 9 ? ", " : "") + row[i];
        expected += "]";
        BOOST_TEST(repr_steal(PySequence_List(sub)) == expected);
        BOOST_TEST(PyObject_Length(sub) == std::stol(row[8]));
    }
}

BOOST_AUTO_TEST_CASE(membership_count_and_index) {
    RuntimeScope runtime;
    Ref r(make_range({"0", "10", "3"}));
    BOOST_TEST(PySequence_Contains(r, Ref(PyLong_FromLong(3))) == 1);
    BOOST_TEST(PySequence_Contains(r, Ref(PyLong_FromLong(4))) == 0);
    BOOST_TEST(PySequence_Contains(r, Ref(PyLong_FromLong(12))) == 0);
    BOOST_TEST(PySequence_Contains(r, Ref(PyFloat_FromDouble(6.0))) == 1);
    BOOST_TEST(PySequence_Contains(r, Py_True) == 0);
    BOOST_TEST(PySequence_Contains(Ref(make_range({"3"})), Py_True) == 1);
    Ref down(make_range({"10", "0", "-4"}));
    BOOST_TEST(PySequence_Contains(down, Ref(PyLong_FromLong(6))) == 1);
    BOOST_TEST(PySequence_Contains(down, Ref(PyLong_FromLong(0))) == 0);
    BOOST_TEST(repr_steal(PyObject_CallMethod(r, "index", "i", 9)) == "3");
    BOOST_TEST(repr_steal(PyObject_CallMethod(r, "index", "i", 8)) ==
               "!ValueError: 8 is not in range");
    BOOST_TEST(repr_steal(PyObject_CallMethod(r, "count", "i", 9)) == "1");
    BOOST_TEST(repr_steal(PyObject_CallMethod(r, "count", "i", 8)) == "0");
    Ref three(make_range({"3"}));
    BOOST_TEST(repr_steal(PyObject_CallMethod(three, "index", "d", 1.0)) == "1");
    BOOST_TEST(repr_steal(PyObject_CallMethod(three, "count", "d", 1.0)) == "1");
    BOOST_TEST(repr_steal(PyObject_CallMethod(three, "index", "s", "a")) ==
               "!ValueError: sequence.index(x): x not in sequence");
    Ref big(make_range({"0", "100000000000000000000000", "7"}));
    BOOST_TEST(repr_steal(PyObject_CallMethod(big, "index", "O",
                                              Ref(parse_literal("70000000000000000000")).get())) ==
               "10000000000000000000");
}

BOOST_AUTO_TEST_CASE(equality_and_hash_follow_the_values) {
    RuntimeScope runtime;
    struct Case {
        std::initializer_list<const char *> a, b;
        bool equal;
    } cases[] = {
        {{"0", "3", "2"}, {"0", "4", "2"}, true}, {{"0"}, {"2", "2"}, true},
        {{"0", "1"}, {"0", "1", "5"}, true},      {{"0", "10", "3"}, {"0", "11", "3"}, true},
        {{"0", "3"}, {"1", "4"}, false},          {{"0", "5", "2"}, {"0", "5", "3"}, false},
    };
    for (const Case &c : cases) {
        Ref a(make_range(c.a));
        Ref b(make_range(c.b));
        BOOST_TEST(PyObject_RichCompareBool(a, b, Py_EQ) == (c.equal ? 1 : 0),
                   repr_of(a) << " == " << repr_of(b));
        BOOST_TEST(PyObject_RichCompareBool(a, b, Py_NE) == (c.equal ? 0 : 1));
        if (c.equal) BOOST_TEST(PyObject_Hash(a) == PyObject_Hash(b));
    }
    // hash(range(0, 10, 2)) == hash((5, 0, 2)); hash(range(1, 2)) == hash((1, 1, None)).
    BOOST_TEST(PyObject_Hash(Ref(make_range({"0", "10", "2"}))) ==
               PyObject_Hash(Ref(parse_literal("(5,0,2)"))));
    BOOST_TEST(PyObject_Hash(Ref(make_range({"1", "2"}))) ==
               PyObject_Hash(Ref(parse_literal("(1,1,None)"))));
    BOOST_TEST(PyObject_Hash(Ref(make_range({"7", "2"}))) ==
               PyObject_Hash(Ref(parse_literal("(0,None,None)"))));
    BOOST_TEST(PyObject_RichCompareBool(Ref(make_range({"3"})), Ref(make_range({"4"})), Py_LT) ==
               -1);
    BOOST_TEST(take_error() ==
               "TypeError: '<' not supported between instances of 'range' and 'range'");
    BOOST_TEST(PyObject_RichCompareBool(Ref(make_range({"3"})), Ref(parse_literal("[0,1,2]")),
                                        Py_EQ) == 0);
}

BOOST_AUTO_TEST_CASE(iterators_on_both_sides_of_the_long_boundary) {
    RuntimeScope runtime;
    struct Case {
        std::initializer_list<const char *> args;
        const char *forward;
        const char *backward;
        const char *iterator_type;
        const char *reversed_type;
    } cases[] = {
        {{"0", "10", "3"}, "[0, 3, 6, 9]", "[9, 6, 3, 0]", "range_iterator", "range_iterator"},
        {{"10", "0", "-4"}, "[10, 6, 2]", "[2, 6, 10]", "range_iterator", "range_iterator"},
        {{"9223372036854775805", "9223372036854775807"},
         "[9223372036854775805, 9223372036854775806]",
         "[9223372036854775806, 9223372036854775805]",
         "range_iterator",
         "range_iterator"},
        {{"0", "9223372036854775807", "4611686018427387904"},
         "[0, 4611686018427387904]",
         "[4611686018427387904, 0]",
         "longrange_iterator",
         "range_iterator"},
        {{"9223372036854775805", "9223372036854775810"},
         "[9223372036854775805, 9223372036854775806, 9223372036854775807, 9223372036854775808, "
         "9223372036854775809]",
         "[9223372036854775809, 9223372036854775808, 9223372036854775807, 9223372036854775806, "
         "9223372036854775805]",
         "longrange_iterator",
         "longrange_iterator"},
        {{"-9223372036854775808", "-9223372036854775805"},
         "[-9223372036854775808, -9223372036854775807, -9223372036854775806]",
         "[-9223372036854775806, -9223372036854775807, -9223372036854775808]",
         "range_iterator",
         "longrange_iterator"},
        {{"0"}, "[]", "[]", "range_iterator", "range_iterator"},
    };
    for (const Case &c : cases) {
        Ref r(make_range(c.args));
        Ref it(PyObject_GetIter(r));
        BOOST_TEST(std::string(Py_TYPE(it.get())->tp_name) == c.iterator_type, repr_of(r));
        BOOST_TEST(repr_steal(PySequence_List(it)) == c.forward, repr_of(r));
        BOOST_TEST(PyIter_Next(it) == nullptr);
        Ref back(PyObject_CallMethod(r, "__reversed__", nullptr));
        BOOST_TEST(std::string(Py_TYPE(back.get())->tp_name) == c.reversed_type, repr_of(r));
        BOOST_TEST(repr_steal(PySequence_List(back)) == c.backward, repr_of(r));
    }
    Ref huge(make_range({"0", "100000000000000000000000"}));
    Ref it(PyObject_GetIter(huge));
    BOOST_TEST(std::string(Py_TYPE(it.get())->tp_name) == "longrange_iterator");
    BOOST_TEST(repr_steal(PyObject_CallMethod(it, "__length_hint__", nullptr)) ==
               "100000000000000000000000");
    BOOST_TEST(repr_steal(PyIter_Next(it)) == "0");
    BOOST_TEST(repr_steal(PyObject_CallMethod(it, "__length_hint__", nullptr)) ==
               "99999999999999999999999");
    Ref small(PyObject_GetIter(Ref(make_range({"4"}))));
    BOOST_TEST(repr_steal(PyIter_Next(small)) == "0");
    BOOST_TEST(repr_steal(PyObject_CallMethod(small, "__length_hint__", nullptr)) == "3");
}

BOOST_AUTO_TEST_SUITE_END()
