// list: the C API of listobject.h, over-allocation step by step against what sys.getsizeof
// shows in python3 (data/list_growth.txt), slice deletion and assignment over a grid of
// slices (data/list_slice_ops.txt), sorting, the methods and their messages, repr with its
// recursion guard, iterators, the free list, and GC. Expected texts are CPython 3.11's.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/fault_sweep.hpp"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"

using minipy::test::RuntimeScope;
using minipy::test::objects::is_bad_internal_call;
using minipy::test::seq::int_list;
using minipy::test::seq::parse_literal;
using minipy::test::seq::Ref;
using minipy::test::seq::repr_of;
using minipy::test::seq::repr_steal;
using minipy::test::seq::status_text;
using minipy::test::seq::take_error;

namespace {

Py_ssize_t allocated(PyObject *list) {
    return reinterpret_cast<PyListObject *>(list)->allocated;
}

PyObject *list_type() {
    return reinterpret_cast<PyObject *>(&PyList_Type);
}

PyObject *range_of(long n) {
    return PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "l", n);
}

// What each scenario of list_growth.txt does, one step at a time; returns the allocated slots
// after each step.
std::vector<Py_ssize_t> run_growth_scenario(const std::string &name, size_t steps) {
    std::vector<Py_ssize_t> seen;
    static const long kExtendSizes[] = {1, 2, 3, 5, 8, 13, 21, 34, 55, 3, 1, 0, 100};
    if (name == "append200" || name == "pop200") {
        Ref l(PyList_New(0));
        for (long i = 0; i < 200; i++) {
            PyList_Append(l, Ref(PyLong_FromLong(i)));
            if (name == "append200") seen.push_back(allocated(l));
        }
        if (name == "pop200") {
            for (int i = 0; i < 200; i++) {
                Py_XDECREF(PyObject_CallMethod(l, "pop", nullptr));
                seen.push_back(allocated(l));
            }
        }
    } else if (name == "insert60") {
        Ref l(PyList_New(0));
        for (long i = 0; i < 60; i++) {
            PyList_Insert(l, 0, Ref(PyLong_FromLong(i)));
            seen.push_back(allocated(l));
        }
    } else if (name == "list_of_range" || name == "list_of_list") {
        for (long n = 0; n < 40; n++) {
            Ref source(name == "list_of_range" ? range_of(n) : int_list(0, n));
            Ref l(PyObject_CallOneArg(list_type(), source));
            seen.push_back(allocated(l));
        }
    } else if (name == "extend_list" || name == "extend_range") {
        Ref l(PyList_New(0));
        for (long k : kExtendSizes) {
            Ref source(name == "extend_list" ? int_list(0, k) : range_of(k));
            Py_XDECREF(PyObject_CallMethod(l, "extend", "O", source.get()));
            seen.push_back(allocated(l));
        }
    } else if (name == "del_front9") {
        Ref l(PyObject_CallOneArg(list_type(), Ref(range_of(100))));
        for (int i = 0; i < 10; i++) {
            PyList_SetSlice(l, 0, 9, nullptr);
            seen.push_back(allocated(l));
        }
    } else if (name == "repeat3") {
        Ref base(int_list(0, 3));
        for (Py_ssize_t n = 0; n < 30; n++)
            seen.push_back(allocated(Ref(PySequence_Repeat(base, n))));
    } else if (name == "inplace_repeat2") {
        Ref l(int_list(0, 3));
        for (int i = 0; i < 6; i++) {
            Py_XDECREF(PySequence_InPlaceRepeat(l, 2));
            seen.push_back(allocated(l));
        }
    } else {
        BOOST_FAIL("unknown scenario " << name);
    }
    BOOST_TEST(seen.size() == steps, name);
    return seen;
}

PyObject *first_item(PyObject *, PyObject *item) {
    return PySequence_GetItem(item, 0);
}
PyMethodDef first_item_def = {"first_item", first_item, METH_O, nullptr};

PyObject *g_sorting = nullptr;
PyObject *meddling_key(PyObject *, PyObject *item) {
    PyList_Append(g_sorting, item);
    return Py_NewRef(item);
}
PyMethodDef meddling_key_def = {"meddling_key", meddling_key, METH_O, nullptr};

PyObject *negate(PyObject *, PyObject *item) {
    return PyNumber_Negative(item);
}
PyMethodDef negate_def = {"negate", negate, METH_O, nullptr};

// A block of sequence operations for the fault sweep: true when all of it ran, false with
// the exception set when one step failed. Every reference is released either way.
bool sequence_workout() {
    Ref l(PyList_New(0));
    if (!l) return false;
    for (long i = 0; i < 40; i++) {
        Ref v(PyLong_FromLong(i * 7 % 13));
        if (!v || PyList_Append(l, v) < 0) return false;
    }
    Ref t(PyList_AsTuple(l));
    if (!t) return false;
    Ref none(PyObject_CallMethod(l, "extend", "(O)", t.get()));
    if (!none) return false;
    Ref r(range_of(30));
    Ref from_range(r ? PyObject_CallOneArg(list_type(), r) : nullptr);
    if (!from_range) return false;
    Ref step(PyLong_FromLong(3));
    Ref slice(step ? PySlice_New(nullptr, nullptr, step) : nullptr);
    if (!slice) return false;
    Ref picked(PyObject_GetItem(from_range, slice));
    Ref every_third(picked ? PyObject_GetItem(l, slice) : nullptr);
    if (!every_third || PyObject_SetItem(l, slice, every_third) < 0) return false;
    if (PyObject_DelItem(l, slice) < 0) return false;
    Ref key(PyCFunction_New(&negate_def, nullptr));
    Ref kwargs(key ? Py_BuildValue("{sO}", "key", key.get()) : nullptr);
    Ref sort(kwargs ? PyObject_GetAttrString(l, "sort") : nullptr);
    Ref no_args(PyTuple_New(0));
    if (!sort || !no_args || !Ref(PyObject_Call(sort, no_args, kwargs))) return false;
    Ref nested(PyTuple_Pack(3, l.get(), t.get(), picked.get()));
    Ref deep(nested ? PyList_New(0) : nullptr);
    if (!deep) return false;
    PyObject *cur = deep.get();
    for (int i = 0; i < 20; i++) {
        Ref next(PyList_New(0));
        if (!next || PyList_Append(cur, next) < 0) return false;
        cur = next.get();
    }
    if (PyList_Append(cur, nested) < 0) return false;
    Ref text(PyObject_Repr(deep));
    if (!text) return false;
    Ref twice(PySequence_Repeat(t, 2));
    Ref joined(twice ? PySequence_Concat(twice, t) : nullptr);
    if (!joined || PyObject_Hash(joined) == -1) return false;
    Ref big(PyLong_FromString("100000000000000000000000", nullptr, 10));
    Ref big_range(
        big ? PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "iO", 5, big.get())
            : nullptr);
    Ref sub(big_range ? PyObject_GetItem(big_range, slice) : nullptr);
    Ref values(sub ? PyObject_GetIter(sub) : nullptr);
    if (!values) return false;
    for (int i = 0; i < 3; i++) {
        if (!Ref(PyIter_Next(values))) return false;
    }
    Ref back(PyObject_CallMethod(from_range, "__reversed__", nullptr));
    Ref all(back ? PySequence_Tuple(back) : nullptr);
    return static_cast<bool>(all);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(list)

BOOST_AUTO_TEST_CASE(c_api_basics_and_errors) {
    RuntimeScope runtime;
    Ref l(PyList_New(2));
    BOOST_TEST(PyObject_GC_IsTracked(l));
    BOOST_TEST(PyList_GET_ITEM(l.get(), 1) == nullptr);
    BOOST_TEST(PyList_SetItem(l, 0, PyLong_FromLong(1)) == 0);
    BOOST_TEST(PyList_SetItem(l, 1, PyLong_FromLong(2)) == 0);
    BOOST_TEST(repr_of(l) == "[1, 2]");
    BOOST_TEST(PyList_SetItem(l, 2, PyLong_FromLong(3)) == -1);
    BOOST_TEST(take_error() == "IndexError: list assignment index out of range");
    BOOST_TEST(PyList_GetItem(l, 2) == nullptr);
    BOOST_TEST(take_error() == "IndexError: list index out of range");
    BOOST_TEST(PyList_GetItem(l, -1) == nullptr);
    BOOST_TEST(take_error() == "IndexError: list index out of range");
    BOOST_TEST(PyList_Append(l, Ref(PyLong_FromLong(3))) == 0);
    BOOST_TEST(PyList_Insert(l, -10, Ref(PyLong_FromLong(0))) == 0);
    BOOST_TEST(PyList_Insert(l, 100, Ref(PyLong_FromLong(9))) == 0);
    BOOST_TEST(PyList_Insert(l, -1, Ref(PyLong_FromLong(8))) == 0);
    BOOST_TEST(repr_of(l) == "[0, 1, 2, 3, 8, 9]");
    BOOST_TEST(PyList_Size(l) == 6);
    BOOST_TEST(repr_steal(PyList_GetSlice(l, 2, 100)) == "[2, 3, 8, 9]");
    BOOST_TEST(repr_steal(PyList_GetSlice(l, -3, 2)) == "[0, 1]");
    BOOST_TEST(PyList_Reverse(l) == 0);
    BOOST_TEST(repr_of(l) == "[9, 8, 3, 2, 1, 0]");
    BOOST_TEST(PyList_Sort(l) == 0);
    BOOST_TEST(repr_of(l) == "[0, 1, 2, 3, 8, 9]");
    BOOST_TEST(repr_steal(PyList_AsTuple(l)) == "(0, 1, 2, 3, 8, 9)");
    BOOST_TEST(PyList_SetSlice(l, 1, 5, nullptr) == 0);
    BOOST_TEST(repr_of(l) == "[0, 9]");
    Ref t(parse_literal("(5,6,7)"));
    BOOST_TEST(PyList_SetSlice(l, 1, 1, t) == 0);
    BOOST_TEST(repr_of(l) == "[0, 5, 6, 7, 9]");
    BOOST_TEST(status_text(PyList_SetSlice(l, 0, 1, Ref(PyLong_FromLong(1)))) ==
               "!TypeError: can only assign an iterable");

    Ref tuple(PyTuple_New(0));
    BOOST_TEST(PyList_Size(tuple) == -1);
    BOOST_TEST(is_bad_internal_call(take_error()));
    BOOST_TEST(PyList_Append(tuple, Py_None) == -1);
    BOOST_TEST(is_bad_internal_call(take_error()));
    BOOST_TEST(PyList_New(-1) == nullptr);
    BOOST_TEST(is_bad_internal_call(take_error()));
}

BOOST_AUTO_TEST_CASE(over_allocation_matches_getsizeof_in_python3) {
    RuntimeScope runtime;
    const auto rows = minipy::test::read_data_file("list_growth.txt", ' ');
    BOOST_REQUIRE(rows.size() >= 10);
    for (const auto &row : rows) {
        const std::vector<Py_ssize_t> seen = run_growth_scenario(row[0], row.size() - 1);
        for (size_t i = 0; i < seen.size() && i + 1 < row.size(); i++)
            BOOST_TEST(seen[i] == std::stol(row[i + 1]), row[0] << " step " << i);
    }
    Ref l(PyList_New(0));
    BOOST_TEST(repr_steal(PyObject_CallMethod(l, "__sizeof__", nullptr)) == "40");
}

BOOST_AUTO_TEST_CASE(slice_deletion_and_assignment_match_python3) {
    RuntimeScope runtime;
    const auto rows = minipy::test::read_data_file("list_slice_ops.txt", ' ');
    BOOST_REQUIRE(rows.size() > 1000);
    for (const auto &row : rows) {
        const long n = std::stol(row[0]);
        Ref l(int_list(0, n));
        Ref slice(PySlice_New(Ref(minipy::test::seq::int_or_none(row[1])),
                              Ref(minipy::test::seq::int_or_none(row[2])),
                              Ref(minipy::test::seq::int_or_none(row[3]))));
        if (row[4] == "del") {
            BOOST_REQUIRE(PyObject_DelItem(l, slice) == 0);
        } else {
            Py_ssize_t start, stop, step, length;
            BOOST_REQUIRE(PySlice_GetIndicesEx(slice, n, &start, &stop, &step, &length) == 0);
            if (row[3] == "_" || row[3] == "1") length++;
            Ref values(int_list(100, 100 + length));
            BOOST_REQUIRE(PyObject_SetItem(l, slice, values) == 0);
        }
        std::string expected = "[";
        for (size_t i = 6; i < row.size(); i++) expected += (i > 6 ? ", " : "") + row[i];
        expected += "]";
        BOOST_TEST(repr_of(l) == expected,
                   row[0] << " " << row[1] << ":" << row[2] << ":" << row[3] << " " << row[4]);
    }
}

BOOST_AUTO_TEST_CASE(subscript_errors_and_self_assignment) {
    RuntimeScope runtime;
    Ref l(int_list(1, 4));
    Ref every_other(PySlice_New(nullptr, nullptr, Ref(PyLong_FromLong(2))));
    BOOST_TEST(status_text(PyObject_SetItem(l, every_other, Ref(int_list(0, 1)))) ==
               "!ValueError: attempt to assign sequence of size 1 to extended slice of size 2");
    BOOST_TEST(status_text(PyObject_SetItem(l, every_other, Ref(PyLong_FromLong(1)))) ==
               "!TypeError: must assign iterable to extended slice");
    BOOST_TEST(repr_steal(PyObject_GetItem(l, Ref(PyUnicode_FromString("a")))) ==
               "!TypeError: list indices must be integers or slices, not str");
    BOOST_TEST(status_text(PyObject_SetItem(l, Ref(PyLong_FromLong(5)), Py_None)) ==
               "!IndexError: list assignment index out of range");
    BOOST_TEST(status_text(PyObject_DelItem(l, Ref(PyLong_FromLong(-5)))) ==
               "!IndexError: list assignment index out of range");
    BOOST_TEST(repr_steal(PyObject_GetItem(l, Ref(PyLong_FromLong(3)))) ==
               "!IndexError: list index out of range");
    // a[1:2] = a and a[::-1] = a read the list before it changes.
    Ref middle(PySlice_New(Ref(PyLong_FromLong(1)), Ref(PyLong_FromLong(2)), nullptr));
    BOOST_TEST(PyObject_SetItem(l, middle, l) == 0);
    BOOST_TEST(repr_of(l) == "[1, 1, 2, 3, 3]");
    Ref reversed(PySlice_New(nullptr, nullptr, Ref(PyLong_FromLong(-1))));
    BOOST_TEST(PyObject_SetItem(l, reversed, l) == 0);
    BOOST_TEST(repr_of(l) == "[3, 3, 2, 1, 1]");
    BOOST_TEST(repr_steal(PyObject_CallMethod(l, "extend", "O", l.get())) == "None");
    BOOST_TEST(repr_of(l) == "[3, 3, 2, 1, 1, 3, 3, 2, 1, 1]");
}

BOOST_AUTO_TEST_CASE(operators) {
    RuntimeScope runtime;
    Ref a(int_list(1, 3));
    Ref b(int_list(3, 5));
    BOOST_TEST(repr_steal(PySequence_Concat(a, b)) == "[1, 2, 3, 4]");
    BOOST_TEST(repr_steal(PySequence_Concat(a, Ref(PyTuple_New(0)))) ==
               "!TypeError: can only concatenate list (not \"tuple\") to list");
    BOOST_TEST(repr_steal(PySequence_Repeat(a, 3)) == "[1, 2, 1, 2, 1, 2]");
    BOOST_TEST(repr_steal(PySequence_Repeat(a, -3)) == "[]");
    BOOST_TEST(repr_steal(PySequence_Repeat(a, PY_SSIZE_T_MAX / 2)) == "!MemoryError");
    Ref same(PySequence_InPlaceConcat(a, Ref(parse_literal("(7,8)"))));
    BOOST_TEST(same.get() == a.get());
    BOOST_TEST(repr_of(a) == "[1, 2, 7, 8]");
    BOOST_TEST(repr_steal(PySequence_InPlaceConcat(a, Ref(PyLong_FromLong(1)))) ==
               "!TypeError: 'int' object is not iterable");
    Ref cleared(PySequence_InPlaceRepeat(b, 0));
    BOOST_TEST(repr_of(b) == "[]");
    BOOST_TEST(PySequence_Contains(a, Ref(PyLong_FromLong(7))) == 1);
    BOOST_TEST(PySequence_Contains(a, Ref(PyLong_FromLong(9))) == 0);

    struct Case {
        const char *x;
        const char *y;
        int op;
        bool expected;
    } cases[] = {{"[1,2]", "[1,2,0]", Py_LT, true}, {"[1,2]", "[1,2]", Py_EQ, true},
                 {"[2]", "[1,9]", Py_GT, true},     {"[1,2]", "[1,3]", Py_NE, true},
                 {"[]", "[]", Py_GE, true},         {"[1,2]", "[1]", Py_EQ, false}};
    for (const Case &c : cases) {
        BOOST_TEST(PyObject_RichCompareBool(Ref(parse_literal(c.x)), Ref(parse_literal(c.y)),
                                            c.op) == (c.expected ? 1 : 0),
                   c.x << " op" << c.op << " " << c.y);
    }
    BOOST_TEST(PyObject_RichCompareBool(Ref(parse_literal("[1]")), Ref(parse_literal("(1,)")),
                                        Py_EQ) == 0);
    BOOST_TEST(PyObject_Hash(a) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'list'");
}

BOOST_AUTO_TEST_CASE(methods_and_their_messages) {
    RuntimeScope runtime;
    Ref l(int_list(1, 4));
    auto call = [&](const char *name, const char *format, auto... args) {
        return repr_steal(PyObject_CallMethod(l, name, format, args...));
    };
    BOOST_TEST(call("pop", nullptr) == "3");
    BOOST_TEST(call("pop", "i", 0) == "1");
    BOOST_TEST(repr_of(l) == "[2]");
    BOOST_TEST(call("pop", "i", 10) == "!IndexError: pop index out of range");
    BOOST_TEST(call("pop", "ii", 1, 2) == "!TypeError: pop expected at most 1 argument, got 2");
    BOOST_TEST(call("pop", "s", "a") ==
               "!TypeError: 'str' object cannot be interpreted as an integer");
    BOOST_TEST(
        call("pop", "O", Ref(PyLong_FromString("1180591620717411303424", nullptr, 10)).get()) ==
        "!OverflowError: Python int too large to convert to C ssize_t");
    BOOST_TEST(call("pop", nullptr) == "2");
    BOOST_TEST(call("pop", nullptr) == "!IndexError: pop from empty list");
    BOOST_TEST(call("append", "i", 5) == "None");
    BOOST_TEST(call("insert", "ii", 0, 4) == "None");
    BOOST_TEST(call("insert", "i", 0) == "!TypeError: insert expected 2 arguments, got 1");
    BOOST_TEST(call("insert", "si", "a", 1) ==
               "!TypeError: 'str' object cannot be interpreted as an integer");
    BOOST_TEST(call("extend", "(O)", Ref(parse_literal("(6,4)")).get()) == "None");
    BOOST_TEST(repr_of(l) == "[4, 5, 6, 4]");
    BOOST_TEST(call("extend", "i", 1) == "!TypeError: 'int' object is not iterable");
    BOOST_TEST(call("index", "i", 4) == "0");
    BOOST_TEST(call("index", "ii", 4, 1) == "3");
    BOOST_TEST(call("index", "iii", 4, 1, 3) == "!ValueError: 4 is not in list");
    BOOST_TEST(call("index", "is", 4, "a") ==
               "!TypeError: slice indices must be integers or have an __index__ method");
    BOOST_TEST(call("count", "i", 4) == "2");
    BOOST_TEST(call("remove", "i", 4) == "None");
    BOOST_TEST(repr_of(l) == "[5, 6, 4]");
    BOOST_TEST(call("remove", "i", 9) == "!ValueError: list.remove(x): x not in list");
    Ref copy(PyObject_CallMethod(l, "copy", nullptr));
    BOOST_TEST(copy.get() != l.get());
    BOOST_TEST(repr_of(copy) == "[5, 6, 4]");
    BOOST_TEST(call("reverse", nullptr) == "None");
    BOOST_TEST(repr_of(l) == "[4, 6, 5]");
    BOOST_TEST(call("clear", nullptr) == "None");
    BOOST_TEST(repr_of(l) == "[]");
    BOOST_TEST(allocated(l) == 0);
}

BOOST_AUTO_TEST_CASE(list_called_as_a_type_and_init_again) {
    RuntimeScope runtime;
    BOOST_TEST(repr_steal(PyObject_CallNoArgs(list_type())) == "[]");
    BOOST_TEST(repr_steal(PyObject_CallOneArg(list_type(), Ref(parse_literal("(1,(2,))")))) ==
               "[1, (2,)]");
    BOOST_TEST(repr_steal(PyObject_CallFunction(list_type(), "ii", 1, 2)) ==
               "!TypeError: list expected at most 1 argument, got 2");
    Ref kwargs(PyDict_New());
    PyDict_SetItemString(kwargs, "x", Py_None);
    BOOST_TEST(repr_steal(PyObject_Call(list_type(), Ref(PyTuple_New(0)), kwargs)) ==
               "!TypeError: list() takes no keyword arguments");
    // __init__ on a list with items starts it over.
    Ref l(int_list(1, 3));
    Ref args(parse_literal("((5,),)"));
    BOOST_TEST(PyList_Type.tp_init(l, args, nullptr) == 0);
    BOOST_TEST(repr_of(l) == "[5]");
    BOOST_TEST(PyList_Type.tp_init(l, Ref(PyTuple_New(0)), nullptr) == 0);
    BOOST_TEST(repr_of(l) == "[]");
}

BOOST_AUTO_TEST_CASE(sort_is_stable_and_handles_key_and_reverse) {
    RuntimeScope runtime;
    std::mt19937 random(5);
    for (int n : {0, 1, 2, 31, 32, 33, 64, 100, 257, 1000, 5000}) {
        std::vector<long> values(static_cast<size_t>(n));
        for (long &v : values) v = static_cast<long>(random() % 50);
        // (value, position) pairs sorted by value only: positions of equal values must stay
        // in order (and go reversed-stable with reverse=True).
        Ref l(PyList_New(0));
        for (int i = 0; i < n; i++) {
            Ref pair(Py_BuildValue("(li)", values[static_cast<size_t>(i)], i));
            PyList_Append(l, pair);
        }
        Ref key(PyCFunction_New(&first_item_def, nullptr));
        for (int reverse = 0; reverse < 2; reverse++) {
            Ref shuffled(PyList_GetSlice(l, 0, n));
            Ref kwargs(Py_BuildValue("{sOsi}", "key", key.get(), "reverse", reverse));
            Ref sort(PyObject_GetAttrString(shuffled, "sort"));
            BOOST_REQUIRE(repr_steal(PyObject_Call(sort, Ref(PyTuple_New(0)), kwargs)) == "None");
            std::vector<std::pair<long, long>> expected;
            for (int i = 0; i < n; i++) expected.emplace_back(values[static_cast<size_t>(i)], i);
            std::stable_sort(expected.begin(), expected.end(),
                             [reverse](const auto &x, const auto &y) {
                                 return reverse ? x.first > y.first : x.first < y.first;
                             });
            for (int i = 0; i < n; i++) {
                PyObject *pair = PyList_GET_ITEM(shuffled.get(), i);
                BOOST_TEST(PyLong_AsLong(PyTuple_GET_ITEM(pair, 0)) ==
                           expected[static_cast<size_t>(i)].first);
                BOOST_TEST(PyLong_AsLong(PyTuple_GET_ITEM(pair, 1)) ==
                           expected[static_cast<size_t>(i)].second);
            }
        }
        // Plain sort of the pairs: fully ordered.
        BOOST_TEST(PyList_Sort(l) == 0);
        for (int i = 1; i < n; i++)
            BOOST_TEST(PyObject_RichCompareBool(PyList_GET_ITEM(l.get(), i - 1),
                                                PyList_GET_ITEM(l.get(), i), Py_LE) == 1);
    }
}

BOOST_AUTO_TEST_CASE(sort_errors_leave_every_item_in_the_list) {
    RuntimeScope runtime;
    Ref l(parse_literal("[3,1,2,5,4]"));
    PyList_Append(l, Ref(PyUnicode_FromString("a")));
    BOOST_TEST(status_text(PyList_Sort(l)) ==
               "!TypeError: '<' not supported between instances of 'str' and 'int'");
    BOOST_TEST(PyList_Size(l) == 6);
    Ref two(parse_literal("[3,1]"));
    PyList_Append(two, Ref(PyUnicode_FromString("a")));
    PyList_SetSlice(two, 0, 1, nullptr);
    BOOST_TEST(status_text(PyList_Sort(two)) ==
               "!TypeError: '<' not supported between instances of 'str' and 'int'");
    BOOST_TEST(repr_of(two) == "[1, 'a']");

    Ref sort(PyObject_GetAttrString(l, "sort"));
    BOOST_TEST(repr_steal(PyObject_CallOneArg(sort, Py_None)) ==
               "!TypeError: sort() takes no positional arguments");
    Ref bad_name(Py_BuildValue("{si}", "foo", 1));
    BOOST_TEST(repr_steal(PyObject_Call(sort, Ref(PyTuple_New(0)), bad_name)) ==
               "!TypeError: 'foo' is an invalid keyword argument for sort()");
    Ref bad_reverse(Py_BuildValue("{ss}", "reverse", "a"));
    BOOST_TEST(repr_steal(PyObject_Call(sort, Ref(PyTuple_New(0)), bad_reverse)) ==
               "!TypeError: 'str' object cannot be interpreted as an integer");
    Ref bad_key(Py_BuildValue("{si}", "key", 1));
    BOOST_TEST(repr_steal(PyObject_Call(sort, Ref(PyTuple_New(0)), bad_key)) ==
               "!TypeError: 'int' object is not callable");
    BOOST_TEST(PyList_Size(l) == 6);

    // A key function that changes the list being sorted.
    Ref victim(parse_literal("[2,1]"));
    g_sorting = victim.get();
    Ref meddler(PyCFunction_New(&meddling_key_def, nullptr));
    Ref with_meddler(Py_BuildValue("{sO}", "key", meddler.get()));
    Ref victim_sort(PyObject_GetAttrString(victim, "sort"));
    BOOST_TEST(repr_steal(PyObject_Call(victim_sort, Ref(PyTuple_New(0)), with_meddler)) ==
               "!ValueError: list modified during sort");
    BOOST_TEST(repr_of(victim) == "[1, 2]");
    g_sorting = nullptr;
}

BOOST_AUTO_TEST_CASE(repr_guards_against_cycles) {
    RuntimeScope runtime;
    BOOST_TEST(repr_steal(PyList_New(0)) == "[]");
    Ref l(parse_literal("[1]"));
    PyList_Append(l, Ref(PyUnicode_FromString("x")));
    BOOST_TEST(repr_of(l) == "[1, 'x']");
    Ref self(PyList_New(0));
    PyList_Append(self, self);
    BOOST_TEST(repr_of(self) == "[[...]]");
    // Deeper than the guard's inline entries.
    Ref outer(PyList_New(0));
    PyObject *cur = outer.get();
    for (int i = 0; i < 40; i++) {
        Ref next(PyList_New(0));
        PyList_Append(cur, next);
        cur = next.get();
    }
    PyList_Append(cur, outer);
    const std::string text = repr_of(outer);
    BOOST_TEST(text == std::string(41, '[') + "[...]" + std::string(41, ']'));
    PyList_SetSlice(outer, 0, 1, nullptr);
    PyList_SetSlice(self, 0, 1, nullptr);
}

BOOST_AUTO_TEST_CASE(iterators_forward_and_reversed) {
    RuntimeScope runtime;
    Ref l(int_list(1, 4));
    Ref it(PyObject_GetIter(l));
    BOOST_TEST(std::string(Py_TYPE(it.get())->tp_name) == "list_iterator");
    BOOST_TEST(repr_steal(PyIter_Next(it)) == "1");
    BOOST_TEST(repr_steal(PyObject_CallMethod(it, "__length_hint__", nullptr)) == "2");
    PyList_Append(l, Ref(PyLong_FromLong(4)));
    BOOST_TEST(repr_steal(PySequence_List(it)) == "[2, 3, 4]");
    BOOST_TEST(PyIter_Next(it) == nullptr);
    Ref rev(PyObject_CallMethod(l, "__reversed__", nullptr));
    BOOST_TEST(std::string(Py_TYPE(rev.get())->tp_name) == "list_reverseiterator");
    BOOST_TEST(repr_steal(PyObject_CallMethod(rev, "__length_hint__", nullptr)) == "4");
    BOOST_TEST(repr_steal(PyIter_Next(rev)) == "4");
    PyList_SetSlice(l, 1, 4, nullptr);  // shrink under the reverse iterator
    BOOST_TEST(PyIter_Next(rev) == nullptr);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(repr_steal(PyObject_CallMethod(rev, "__length_hint__", nullptr)) == "0");
}

BOOST_AUTO_TEST_CASE(free_list_reuses_list_objects_when_on) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
    Py_DECREF(PyList_New(0));
    const size_t before = minipy::test::obj_blocks();
    PyObject *l = PyList_New(0);
    BOOST_TEST(minipy::test::obj_blocks() == before);
    BOOST_TEST(PyObject_GC_IsTracked(l));
    Py_DECREF(l);
    BOOST_TEST(minipy::test::obj_blocks() == before);
    // At most 80 are kept.
    PyObject *many[90];
    for (PyObject *&m : many) m = PyList_New(0);
    const size_t all = minipy::test::obj_blocks();
    for (PyObject *m : many) Py_DECREF(m);
    BOOST_TEST(all - minipy::test::obj_blocks() == 10u);
}

BOOST_AUTO_TEST_CASE(no_free_list_when_off) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const size_t before = minipy::test::obj_blocks();
    PyObject *l = PyList_New(0);
    BOOST_TEST(minipy::test::obj_blocks() == before + 1);
    Py_DECREF(l);
    BOOST_TEST(minipy::test::obj_blocks() == before);
}

BOOST_AUTO_TEST_CASE(gc_tracks_lists_and_collects_their_cycles) {
    RuntimeScope runtime;
    PyObject *l = PyList_New(0);
    BOOST_TEST(PyObject_GC_IsTracked(l));
    PyList_Append(l, l);
    Py_DECREF(l);
    BOOST_TEST(PyGC_Collect() == 1);
    PyObject *a = PyList_New(0);
    PyObject *t = PyTuple_Pack(1, a);
    PyList_Append(a, t);
    Py_DECREF(t);
    Py_DECREF(a);
    BOOST_TEST(PyGC_Collect() == 2);
}

BOOST_AUTO_TEST_CASE(every_allocation_failure_is_a_clean_memory_error) {
    // Free lists off, so that every block released shows in the counts.
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    for (const bool and_after : {false, true})
        minipy::test::sweep_allocation_failures(sequence_workout,
                                                {.and_after = and_after, .min_runs = 100});
}

BOOST_AUTO_TEST_SUITE_END()
