// slice: PySlice_New and the slice type (repr, comparison, slice(), indices()), and the index
// arithmetic of PySlice_Unpack / PySlice_AdjustIndices / PySlice_GetIndicesEx over a grid of
// lengths, bounds (also beyond Py_ssize_t) and steps, compared with python3's slice.indices()
// and len(range(n)[s]) (data/slice_grid.txt).
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"

using minipy::test::RuntimeScope;
using minipy::test::seq::int_or_none;
using minipy::test::seq::parse_literal;
using minipy::test::seq::Ref;
using minipy::test::seq::repr_of;
using minipy::test::seq::repr_steal;
using minipy::test::seq::take_error;

namespace {

PyObject *slice_of(const std::string &start, const std::string &stop, const std::string &step) {
    return PySlice_New(Ref(int_or_none(start)), Ref(int_or_none(stop)), Ref(int_or_none(step)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(slice)

BOOST_AUTO_TEST_CASE(new_repr_and_attributes) {
    RuntimeScope runtime;
    Ref s(PySlice_New(Ref(PyLong_FromLong(1)), Ref(PyLong_FromLong(2)), nullptr));
    BOOST_TEST(PySlice_Check(s.get()));
    BOOST_TEST(repr_of(s) == "slice(1, 2, None)");
    BOOST_TEST(repr_steal(PySlice_New(nullptr, nullptr, nullptr)) == "slice(None, None, None)");
    Ref text(PyUnicode_FromString("a"));
    BOOST_TEST(repr_steal(PySlice_New(text, Py_None, text)) == "slice('a', None, 'a')");
    BOOST_TEST(repr_steal(PyObject_GetAttrString(s, "start")) == "1");
    BOOST_TEST(repr_steal(PyObject_GetAttrString(s, "stop")) == "2");
    BOOST_TEST(repr_steal(PyObject_GetAttrString(s, "step")) == "None");
    BOOST_TEST(PyObject_GC_IsTracked(s));
    BOOST_TEST(repr_steal(PyObject_CallMethod(s, "__reduce__", nullptr)) ==
               "(<class 'slice'>, (1, 2, None))");
}

BOOST_AUTO_TEST_CASE(slice_called_as_a_type) {
    RuntimeScope runtime;
    PyObject *type = reinterpret_cast<PyObject *>(&PySlice_Type);
    BOOST_TEST(repr_steal(PyObject_CallFunction(type, "i", 5)) == "slice(None, 5, None)");
    BOOST_TEST(repr_steal(PyObject_CallFunction(type, "ii", 1, 5)) == "slice(1, 5, None)");
    BOOST_TEST(repr_steal(PyObject_CallFunction(type, "iii", 1, 5, 2)) == "slice(1, 5, 2)");
    BOOST_TEST(repr_steal(PyObject_CallNoArgs(type)) ==
               "!TypeError: slice expected at least 1 argument, got 0");
    BOOST_TEST(repr_steal(PyObject_CallFunction(type, "iiii", 1, 2, 3, 4)) ==
               "!TypeError: slice expected at most 3 arguments, got 4");
    Ref kwargs(PyDict_New());
    PyDict_SetItemString(kwargs, "x", Py_None);
    BOOST_TEST(repr_steal(PyObject_Call(type, Ref(PyTuple_New(0)), kwargs)) ==
               "!TypeError: slice() takes no keyword arguments");
}

BOOST_AUTO_TEST_CASE(comparison_as_tuples_and_unhashable) {
    RuntimeScope runtime;
    Ref a(slice_of("1", "2", "_"));
    Ref b(slice_of("1", "2", "_"));
    Ref c(slice_of("1", "3", "_"));
    Ref d(slice_of("1", "2", "3"));
    BOOST_TEST(PyObject_RichCompareBool(a, b, Py_EQ) == 1);
    BOOST_TEST(PyObject_RichCompareBool(a, c, Py_LT) == 1);
    BOOST_TEST(PyObject_RichCompareBool(a, d, Py_EQ) == 0);
    BOOST_TEST(PyObject_RichCompareBool(a, a, Py_GE) == 1);
    Ref text(PyUnicode_FromString("a"));
    Ref e(PySlice_New(nullptr, text, nullptr));
    Ref f(PySlice_New(nullptr, Ref(PyLong_FromLong(1)), nullptr));
    BOOST_TEST(PyObject_RichCompareBool(f, e, Py_LT) == -1);
    BOOST_TEST(take_error() == "TypeError: '<' not supported between instances of 'int' and 'str'");
    BOOST_TEST(PyObject_Hash(a) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'slice'");
}

BOOST_AUTO_TEST_CASE(index_arithmetic_matches_python3_over_the_grid) {
    RuntimeScope runtime;
    const auto rows = minipy::test::read_data_file("slice_grid.txt", ' ');
    BOOST_REQUIRE(rows.size() > 10000);
    for (const auto &row : rows) {
        const Py_ssize_t n = std::stol(row[0]);
        Ref s(slice_of(row[1], row[2], row[3]));
        const std::string where = row[0] + " " + row[1] + ":" + row[2] + ":" + row[3];
        Py_ssize_t start = -7, stop = -7, step = -7, length = -7;
        if (row[3] == "0") continue;  // not in the grid: ValueError has its own case
        BOOST_REQUIRE_MESSAGE(PySlice_GetIndicesEx(s, n, &start, &stop, &step, &length) == 0,
                              where);
        BOOST_TEST(std::to_string(start) == row[5], where);
        BOOST_TEST(std::to_string(stop) == row[6], where);
        BOOST_TEST(std::to_string(step) == row[7], where);
        BOOST_TEST(std::to_string(length) == row[8], where);
        // The two steps separately give the same.
        Py_ssize_t ustart, ustop, ustep;
        BOOST_REQUIRE(PySlice_Unpack(s, &ustart, &ustop, &ustep) == 0);
        BOOST_TEST(PySlice_AdjustIndices(n, &ustart, &ustop, ustep) == length, where);
        BOOST_TEST(ustart == start);
        BOOST_TEST(ustop == stop);
        // slice.indices(n) on int objects: the step is not clamped there.
        const std::string expected_step = row[3] == "_" ? "1" : row[3];
        BOOST_TEST(repr_steal(PyObject_CallMethod(s, "indices", "l", static_cast<long>(n))) ==
                       "(" + row[5] + ", " + row[6] + ", " + expected_step + ")",
                   where);
    }
}

BOOST_AUTO_TEST_CASE(unpack_clamps_and_refuses) {
    RuntimeScope runtime;
    Py_ssize_t start, stop, step;
    Ref open(PySlice_New(nullptr, nullptr, Ref(PyLong_FromLong(-1))));
    BOOST_TEST(PySlice_Unpack(open, &start, &stop, &step) == 0);
    BOOST_TEST(start == PY_SSIZE_T_MAX);
    BOOST_TEST(stop == PY_SSIZE_T_MIN);
    Ref huge_step(slice_of("_", "_", "-1000000000000000000000000000000"));
    BOOST_TEST(PySlice_Unpack(huge_step, &start, &stop, &step) == 0);
    BOOST_TEST(step == -PY_SSIZE_T_MAX);
    Ref zero(slice_of("_", "_", "0"));
    BOOST_TEST(PySlice_Unpack(zero, &start, &stop, &step) == -1);
    BOOST_TEST(take_error() == "ValueError: slice step cannot be zero");
    Py_ssize_t length = 5;
    BOOST_TEST(PySlice_GetIndicesEx(zero, 3, &start, &stop, &step, &length) == -1);
    BOOST_TEST(length == 0);
    BOOST_TEST(take_error() == "ValueError: slice step cannot be zero");
    Ref text(PySlice_New(Ref(PyUnicode_FromString("a")), nullptr, nullptr));
    BOOST_TEST(PySlice_Unpack(text, &start, &stop, &step) == -1);
    BOOST_TEST(take_error() ==
               "TypeError: slice indices must be integers or None or have an __index__ method");
}

BOOST_AUTO_TEST_CASE(indices_with_int_objects) {
    RuntimeScope runtime;
    Ref all(PySlice_New(nullptr, nullptr, nullptr));
    Ref big(parse_literal("1000000000000000000000000000000"));
    BOOST_TEST(repr_steal(PyObject_CallMethod(all, "indices", "O", big.get())) ==
               "(0, 1000000000000000000000000000000, 1)");
    Ref back(slice_of("-5", "_", "-1"));
    BOOST_TEST(repr_steal(PyObject_CallMethod(back, "indices", "O", big.get())) ==
               "(999999999999999999999999999995, -1, -1)");
    BOOST_TEST(repr_steal(PyObject_CallMethod(all, "indices", "i", -1)) ==
               "!ValueError: length should not be negative");
    BOOST_TEST(repr_steal(PyObject_CallMethod(all, "indices", "s", "a")) ==
               "!TypeError: 'str' object cannot be interpreted as an integer");
    BOOST_TEST(repr_steal(PyObject_CallMethod(Ref(slice_of("_", "_", "0")), "indices", "i", 3)) ==
               "!ValueError: slice step cannot be zero");
    Ref text(PySlice_New(Ref(PyUnicode_FromString("a")), nullptr, nullptr));
    BOOST_TEST(repr_steal(PyObject_CallMethod(text, "indices", "i", 3)) ==
               "!TypeError: slice indices must be integers or None or have an __index__ method");
}

BOOST_AUTO_TEST_CASE(old_get_indices_api) {
    RuntimeScope runtime;
    Py_ssize_t start, stop, step;
    Ref s(slice_of("-2", "_", "_"));
    BOOST_TEST(PySlice_GetIndices(s, 5, &start, &stop, &step) == 0);
    BOOST_TEST(start == 3);
    BOOST_TEST(stop == 5);
    BOOST_TEST(step == 1);
    Ref beyond(slice_of("0", "9", "_"));
    BOOST_TEST(PySlice_GetIndices(beyond, 5, &start, &stop, &step) == -1);
    BOOST_TEST(!PyErr_Occurred());
}

BOOST_AUTO_TEST_CASE(one_slice_object_is_cached_when_free_lists_are_on) {
    {
        RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
        Py_DECREF(PySlice_New(nullptr, nullptr, nullptr));
        const size_t before = minipy::test::obj_blocks();
        PyObject *s = PySlice_New(nullptr, nullptr, nullptr);
        BOOST_TEST(minipy::test::obj_blocks() == before);
        BOOST_TEST(PyObject_GC_IsTracked(s));
        Py_DECREF(s);
        BOOST_TEST(minipy::test::obj_blocks() == before);
    }
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const size_t before = minipy::test::obj_blocks();
    PyObject *s = PySlice_New(nullptr, nullptr, nullptr);
    BOOST_TEST(minipy::test::obj_blocks() == before + 1);
    Py_DECREF(s);
    BOOST_TEST(minipy::test::obj_blocks() == before);
}

BOOST_AUTO_TEST_CASE(the_extreme_steps_slice_every_sequence_as_python_does) {
    RuntimeScope runtime;
    // s[::sys.maxsize] picks the first item and s[::-sys.maxsize] the last; no index
    // arithmetic may overflow on the way (UBSan watches), for every sliceable type.
    const std::string max = std::to_string(PY_SSIZE_T_MAX), min = "-" + max;
    Ref forward(slice_of("_", "_", max)), backward(slice_of("_", "_", min));
    Ref from_one(slice_of("1", "_", max));
    const char *sequences[][4] = {
        // the sequence, [::max], [::-max], [1::max]
        {"(10, 11, 12)", "(10,)", "(12,)", "(11,)"},
        {"[10, 11, 12]", "[10]", "[12]", "[11]"},
    };
    for (const auto &row : sequences) {
        Ref seq(parse_literal(std::string(row[0])));
        BOOST_TEST(repr_steal(PyObject_GetItem(seq, forward)) == row[1]);
        BOOST_TEST(repr_steal(PyObject_GetItem(seq, backward)) == row[2]);
        BOOST_TEST(repr_steal(PyObject_GetItem(seq, from_one)) == row[3]);
    }
    Ref text(PyUnicode_FromString("ab\xe2\x82\xac"));  // 'ab€'
    BOOST_TEST(repr_steal(PyObject_GetItem(text, forward)) == "'a'");
    BOOST_TEST(repr_steal(PyObject_GetItem(text, backward)) == "'\xe2\x82\xac'");
    Ref data(PyBytes_FromString("xyz"));
    BOOST_TEST(repr_steal(PyObject_GetItem(data, forward)) == "b'x'");
    BOOST_TEST(repr_steal(PyObject_GetItem(data, backward)) == "b'z'");
    Ref numbers(PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "i", 3));
    BOOST_TEST(repr_steal(PyObject_GetItem(numbers, backward)) == "range(2, -1, -" + max + ")");
    // Assignment and deletion through an extended slice of one item.
    Ref list(parse_literal(std::string("[10, 11, 12]")));
    Ref one(parse_literal(std::string("[7]")));
    BOOST_TEST(PyObject_SetItem(list, backward, one) == 0);
    BOOST_TEST(repr_of(list) == "[10, 11, 7]");
    BOOST_TEST(PyObject_DelItem(list, forward) == 0);
    BOOST_TEST(repr_of(list) == "[11, 7]");
}

BOOST_AUTO_TEST_SUITE_END()
