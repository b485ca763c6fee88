// tuple: the C API of tupleobject.h, the type's slots and methods, hashing (compared with the
// hashes python3 prints, data/tuple_hashes.txt), the empty singleton, GC tracking, and the
// per-size free lists with use_freelists on and off. Expected texts are what CPython 3.11
// prints for the same operations.
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"

using minipy::test::RuntimeScope;
using minipy::test::objects::is_bad_internal_call;
using minipy::test::seq::parse_literal;
using minipy::test::seq::Ref;
using minipy::test::seq::repr_of;
using minipy::test::seq::repr_steal;
using minipy::test::seq::take_error;

namespace {

PyObject *ints(std::initializer_list<long> values) {
    PyObject *t = PyTuple_New(static_cast<Py_ssize_t>(values.size()));
    Py_ssize_t i = 0;
    for (long v : values) PyTuple_SET_ITEM(t, i++, PyLong_FromLong(v));
    return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tuple)

BOOST_AUTO_TEST_CASE(new_zero_is_the_static_empty_singleton) {
    RuntimeScope runtime;
    Ref a(PyTuple_New(0));
    Ref b(PyTuple_Pack(0));
    Ref c(PyTuple_GetSlice(Ref(ints({1, 2})), 1, 1));
    BOOST_TEST(a.get() == b.get());
    BOOST_TEST(a.get() == c.get());
    BOOST_TEST(PyTuple_Size(a) == 0);
    BOOST_TEST(PyTuple_CheckExact(a.get()));
    BOOST_TEST(!PyObject_GC_IsTracked(a));
    BOOST_TEST(repr_of(a) == "()");
}

BOOST_AUTO_TEST_CASE(new_tuples_are_tracked_and_filled_with_null) {
    RuntimeScope runtime;
    Ref t(PyTuple_New(3));
    BOOST_TEST(PyObject_GC_IsTracked(t));
    BOOST_TEST(Py_SIZE(t.get()) == 3);
    for (Py_ssize_t i = 0; i < 3; i++) BOOST_TEST(PyTuple_GET_ITEM(t.get(), i) == nullptr);
    // Releasing a half-filled tuple is legal.
    PyTuple_SET_ITEM(t.get(), 0, PyLong_FromLong(7));
    BOOST_TEST(PyTuple_New(-1) == nullptr);
    BOOST_TEST(is_bad_internal_call(take_error()));
}

BOOST_AUTO_TEST_CASE(get_and_set_item_check_bounds_and_ownership) {
    RuntimeScope runtime;
    Ref t(ints({10, 20}));
    BOOST_TEST(repr_of(PyTuple_GetItem(t, 1)) == "20");
    BOOST_TEST(PyTuple_GetItem(t, 2) == nullptr);
    BOOST_TEST(take_error() == "IndexError: tuple index out of range");
    BOOST_TEST(PyTuple_GetItem(t, -1) == nullptr);
    BOOST_TEST(take_error() == "IndexError: tuple index out of range");

    BOOST_TEST(PyTuple_SetItem(t, 0, PyLong_FromLong(11)) == 0);
    BOOST_TEST(repr_of(t) == "(11, 20)");
    BOOST_TEST(PyTuple_SetItem(t, 5, PyLong_FromLong(1)) == -1);
    BOOST_TEST(take_error() == "IndexError: tuple assignment index out of range");
    // A tuple someone else also holds is immutable even through the C API.
    Py_INCREF(t.get());
    BOOST_TEST(PyTuple_SetItem(t, 0, PyLong_FromLong(1)) == -1);
    BOOST_TEST(is_bad_internal_call(take_error()));
    Py_DECREF(t.get());

    Ref list(PyList_New(0));
    BOOST_TEST(PyTuple_Size(list) == -1);
    BOOST_TEST(is_bad_internal_call(take_error()));
    BOOST_TEST(PyTuple_GetItem(list, 0) == nullptr);
    BOOST_TEST(is_bad_internal_call(take_error()));
}

BOOST_AUTO_TEST_CASE(pack_get_slice_and_resize) {
    RuntimeScope runtime;
    Ref one(PyLong_FromLong(1));
    Ref two(PyLong_FromLong(2));
    const Py_ssize_t one_refs = Py_REFCNT(one.get());  // 1 is cached: others hold it too
    Ref packed(PyTuple_Pack(3, one.get(), two.get(), one.get()));
    BOOST_TEST(repr_of(packed) == "(1, 2, 1)");
    BOOST_TEST(Py_REFCNT(one.get()) == one_refs + 2);
    BOOST_TEST(repr_steal(PyTuple_GetSlice(packed, 1, 100)) == "(2, 1)");
    BOOST_TEST(repr_steal(PyTuple_GetSlice(packed, -5, 1)) == "(1,)");
    BOOST_TEST(repr_steal(PyTuple_GetSlice(packed, 2, 1)) == "()");
    // The whole of an exact tuple is the tuple itself.
    Ref whole(PyTuple_GetSlice(packed, 0, 3));
    BOOST_TEST(whole.get() == packed.get());

    PyObject *t = ints({1, 2, 3, 4});
    BOOST_TEST(_PyTuple_Resize(&t, 2) == 0);
    BOOST_TEST(repr_of(t) == "(1, 2)");
    BOOST_TEST(_PyTuple_Resize(&t, 5) == 0);
    BOOST_TEST(Py_SIZE(t) == 5);
    BOOST_TEST(PyTuple_GET_ITEM(t, 4) == nullptr);
    BOOST_TEST(PyObject_GC_IsTracked(t));
    for (Py_ssize_t i = 2; i < 5; i++) PyTuple_SET_ITEM(t, i, PyLong_FromLong(i + 1));
    BOOST_TEST(repr_of(t) == "(1, 2, 3, 4, 5)");
    BOOST_TEST(_PyTuple_Resize(&t, 0) == 0);
    BOOST_TEST(t == PyTuple_New(0));
    Py_DECREF(t);  // the extra reference PyTuple_New(0) just took
    // Growing the shared empty tuple makes a new one.
    BOOST_TEST(_PyTuple_Resize(&t, 2) == 0);
    BOOST_TEST(Py_SIZE(t) == 2);
    Py_DECREF(t);
    // Misuse: a tuple that is shared is released and *p is NULL.
    t = ints({1, 2});
    Py_INCREF(t);
    PyObject *alias = t;
    BOOST_TEST(_PyTuple_Resize(&t, 3) == -1);
    BOOST_TEST(t == nullptr);
    BOOST_TEST(is_bad_internal_call(take_error()));
    Py_DECREF(alias);
}

BOOST_AUTO_TEST_CASE(repr_of_nested_and_recursive_tuples) {
    RuntimeScope runtime;
    BOOST_TEST(repr_steal(ints({1})) == "(1,)");
    BOOST_TEST(repr_steal(parse_literal("((1,),(),(2,3))")) == "((1,), (), (2, 3))");
    Ref str(PyUnicode_FromString("a"));
    Ref inner(ints({1}));
    Ref mixed(PyTuple_Pack(2, inner.get(), str.get()));
    BOOST_TEST(repr_of(mixed) == "((1,), 'a')");
    // t = ([],); t[0].append(t) prints as "([(...)],)".
    Ref list(PyList_New(0));
    Ref t(PyTuple_Pack(1, list.get()));
    PyList_Append(list, t);
    BOOST_TEST(repr_of(t) == "([(...)],)");
    BOOST_TEST(repr_of(list) == "[([...],)]");
    PyList_SetSlice(list, 0, 1, nullptr);  // break the cycle
}

BOOST_AUTO_TEST_CASE(hash_matches_python3) {
    RuntimeScope runtime;
    const auto rows = minipy::test::read_data_file("tuple_hashes.txt", ' ');
    BOOST_REQUIRE(rows.size() > 20);
    for (const auto &row : rows) {
        Ref t(parse_literal(row[1]));
        BOOST_REQUIRE(t);
        BOOST_TEST(std::to_string(PyObject_Hash(t)) == row[0], "hash" << row[1]);
        BOOST_TEST(repr_of(t) == minipy::test::rest_of(row, 2));
    }
    // -1 is never a hash; an unhashable item makes the tuple unhashable.
    Ref list(PyList_New(0));
    Ref t(PyTuple_Pack(2, Py_None, list.get()));
    BOOST_TEST(PyObject_Hash(t) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'list'");
}

BOOST_AUTO_TEST_CASE(comparison_is_lexicographic) {
    RuntimeScope runtime;
    struct Case {
        const char *a;
        const char *b;
        int op;
        bool expected;
    } cases[] = {
        {"(1,2)", "(1,2,0)", Py_LT, true},  {"(1,2)", "(1,3)", Py_LT, true},
        {"(2,)", "(1,9)", Py_GT, true},     {"(1,2)", "(1,2)", Py_EQ, true},
        {"(1,2)", "(1,2.0)", Py_NE, false}, {"()", "()", Py_LE, true},
        {"()", "(0,)", Py_GE, false},       {"(1,(2,3))", "(1,(2,4))", Py_LT, true},
    };
    for (const Case &c : cases) {
        Ref a(parse_literal(c.a));
        Ref b(parse_literal(c.b));
        BOOST_TEST(PyObject_RichCompareBool(a, b, c.op) == (c.expected ? 1 : 0),
                   c.a << " op" << c.op << " " << c.b);
    }
    Ref a(ints({1}));
    Ref s(PyUnicode_FromString("a"));
    Ref b(PyTuple_Pack(1, s.get()));
    BOOST_TEST(PyObject_RichCompareBool(a, b, Py_LT) == -1);
    BOOST_TEST(take_error() == "TypeError: '<' not supported between instances of 'int' and 'str'");
    BOOST_TEST(PyObject_RichCompareBool(a, b, Py_EQ) == 0);
    Ref list(PyList_New(0));
    BOOST_TEST(repr_steal(PyObject_RichCompare(a, list, Py_EQ)) == "False");
}

BOOST_AUTO_TEST_CASE(sequence_protocol) {
    RuntimeScope runtime;
    Ref t(ints({1, 2, 3}));
    Ref two(PyLong_FromLong(2));
    Ref nine(PyLong_FromLong(9));
    BOOST_TEST(PyObject_Length(t) == 3);
    BOOST_TEST(PySequence_Contains(t, two) == 1);
    BOOST_TEST(PySequence_Contains(t, nine) == 0);
    BOOST_TEST(repr_steal(PySequence_Concat(t, t)) == "(1, 2, 3, 1, 2, 3)");
    Ref list(PyList_New(0));
    BOOST_TEST(repr_steal(PySequence_Concat(t, list)) ==
               "!TypeError: can only concatenate tuple (not \"list\") to tuple");
    BOOST_TEST(repr_steal(PySequence_Repeat(t, 2)) == "(1, 2, 3, 1, 2, 3)");
    BOOST_TEST(repr_steal(PySequence_Repeat(t, -1)) == "()");
    Ref same(PySequence_Repeat(t, 1));
    BOOST_TEST(same.get() == t.get());
    BOOST_TEST(repr_steal(PySequence_Repeat(t, PY_SSIZE_T_MAX / 2)) == "!MemoryError");
    BOOST_TEST(repr_steal(PySequence_GetItem(t, -1)) == "3");
    BOOST_TEST(repr_steal(PySequence_GetItem(t, 3)) == "!IndexError: tuple index out of range");
}

BOOST_AUTO_TEST_CASE(subscript_with_ints_and_slices) {
    RuntimeScope runtime;
    Ref t(ints({1, 2, 3, 4, 5}));
    auto get = [&](PyObject *key) { return repr_steal(PyObject_GetItem(t, key)); };
    BOOST_TEST(get(Ref(PyLong_FromLong(-2))) == "4");
    BOOST_TEST(get(Ref(PyLong_FromLong(5))) == "!IndexError: tuple index out of range");
    BOOST_TEST(get(Ref(PyLong_FromString("1000000000000000000000", nullptr, 10))) ==
               "!IndexError: cannot fit 'int' into an index-sized integer");
    BOOST_TEST(get(Ref(PyUnicode_FromString("a"))) ==
               "!TypeError: tuple indices must be integers or slices, not str");
    BOOST_TEST(get(Ref(PySlice_New(nullptr, nullptr, Ref(PyLong_FromLong(-1))))) ==
               "(5, 4, 3, 2, 1)");
    BOOST_TEST(get(Ref(PySlice_New(Ref(PyLong_FromLong(1)), Ref(PyLong_FromLong(4)), nullptr))) ==
               "(2, 3, 4)");
    BOOST_TEST(get(Ref(PySlice_New(nullptr, nullptr, Ref(PyLong_FromLong(0))))) ==
               "!ValueError: slice step cannot be zero");
    Ref whole(PyObject_GetItem(t, Ref(PySlice_New(nullptr, nullptr, nullptr))));
    BOOST_TEST(whole.get() == t.get());
}

BOOST_AUTO_TEST_CASE(slices_select_what_python_selects) {
    RuntimeScope runtime;
    // Every case of the slice grid, as tuple(range(n))[start:stop:step].
    for (const auto &row : minipy::test::read_data_file("slice_grid.txt", ' ')) {
        const long n = std::stol(row[0]);
        Ref list(minipy::test::seq::int_list(0, n));
        Ref t(PyList_AsTuple(list));
        Ref slice(PySlice_New(Ref(minipy::test::seq::int_or_none(row[1])),
                              Ref(minipy::test::seq::int_or_none(row[2])),
                              Ref(minipy::test::seq::int_or_none(row[3]))));
        std::string expected = "(";
        for (size_t i = 9; i < row.size(); i++) expected += (i > 9 ? ", " : "") + row[i];
        expected += row.size() == 10 ? ",)" : ")";
        BOOST_TEST(repr_steal(PyObject_GetItem(t, slice)) == expected);
    }
}

BOOST_AUTO_TEST_CASE(methods_index_and_count) {
    RuntimeScope runtime;
    Ref t(ints({1, 2, 3, 2}));
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "index", "i", 2)) == "1");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "index", "ii", 2, 2)) == "3");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "index", "iii", 2, -3, -1)) == "1");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "index", "ii", 1, 1)) ==
               "!ValueError: tuple.index(x): x not in tuple");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "index", nullptr)) ==
               "!TypeError: index expected at least 1 argument, got 0");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "index", "iiii", 1, 2, 3, 4)) ==
               "!TypeError: index expected at most 3 arguments, got 4");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "index", "is", 1, "a")) ==
               "!TypeError: slice indices must be integers or have an __index__ method");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "count", "i", 2)) == "2");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "count", "s", "x")) == "0");
    BOOST_TEST(repr_steal(PyObject_CallMethod(t, "__getnewargs__", nullptr)) == "((1, 2, 3, 2),)");
}

BOOST_AUTO_TEST_CASE(tuple_called_as_a_type) {
    RuntimeScope runtime;
    PyObject *type = reinterpret_cast<PyObject *>(&PyTuple_Type);
    BOOST_TEST(repr_steal(PyObject_CallNoArgs(type)) == "()");
    Ref list(minipy::test::seq::int_list(0, 3));
    BOOST_TEST(repr_steal(PyObject_CallOneArg(type, list)) == "(0, 1, 2)");
    Ref t(ints({4, 5}));
    Ref same(PyObject_CallOneArg(type, t));
    BOOST_TEST(same.get() == t.get());
    Ref range(PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "i", 4));
    BOOST_TEST(repr_steal(PyObject_CallOneArg(type, range)) == "(0, 1, 2, 3)");
    BOOST_TEST(repr_steal(PyObject_CallOneArg(type, Ref(PyLong_FromLong(1)))) ==
               "!TypeError: 'int' object is not iterable");
    BOOST_TEST(repr_steal(PyObject_CallFunction(type, "ii", 1, 2)) ==
               "!TypeError: tuple expected at most 1 argument, got 2");
    Ref kwargs(PyDict_New());
    PyDict_SetItemString(kwargs, "x", Py_None);
    Ref empty(PyTuple_New(0));
    BOOST_TEST(repr_steal(PyObject_Call(type, empty, kwargs)) ==
               "!TypeError: tuple() takes no keyword arguments");
}

BOOST_AUTO_TEST_CASE(iterator_walks_and_then_lets_go) {
    RuntimeScope runtime;
    Ref t(ints({7, 8}));
    Ref it(PyObject_GetIter(t));
    BOOST_TEST(std::string(Py_TYPE(it.get())->tp_name) == "tuple_iterator");
    BOOST_TEST(repr_steal(PyObject_CallMethod(it, "__length_hint__", nullptr)) == "2");
    BOOST_TEST(repr_steal(PyIter_Next(it)) == "7");
    const Py_ssize_t held = Py_REFCNT(t.get());
    BOOST_TEST(repr_steal(PyIter_Next(it)) == "8");
    BOOST_TEST(PyIter_Next(it) == nullptr);
    BOOST_TEST(!PyErr_Occurred());
    // Exhausted: the iterator no longer holds the tuple.
    BOOST_TEST(Py_REFCNT(t.get()) == held - 1);
    BOOST_TEST(repr_steal(PyObject_CallMethod(it, "__length_hint__", nullptr)) == "0");
    BOOST_TEST(PyObject_GC_IsTracked(it));
}

BOOST_AUTO_TEST_CASE(free_lists_reuse_blocks_when_on) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
    // Warm the size-3 list: one tuple freed goes on it.
    Py_DECREF(PyTuple_New(3));
    const size_t before = minipy::test::obj_blocks();
    PyObject *a = PyTuple_New(3);
    BOOST_TEST(minipy::test::obj_blocks() == before);  // taken from the free list
    Py_DECREF(a);
    BOOST_TEST(minipy::test::obj_blocks() == before);  // back on it
    // Sizes above 19 have no free list.
    PyObject *big = PyTuple_New(20);
    BOOST_TEST(minipy::test::obj_blocks() == before + 1);
    Py_DECREF(big);
    BOOST_TEST(minipy::test::obj_blocks() == before);
    // A block from the free list is a clean, tracked tuple.
    PyObject *b = PyTuple_New(3);
    BOOST_TEST(b == a);
    BOOST_TEST(PyObject_GC_IsTracked(b));
    BOOST_TEST(Py_REFCNT(b) == 1);
    BOOST_TEST(PyTuple_GET_ITEM(b, 0) == nullptr);
    Py_DECREF(b);
    // The lists hold at most 2000 of one size.
    PyObject *many[2100];
    for (PyObject *&t : many) t = PyTuple_New(2);
    const size_t all = minipy::test::obj_blocks();
    for (PyObject *t : many) Py_DECREF(t);
    BOOST_TEST(all - minipy::test::obj_blocks() == 100u);
}

BOOST_AUTO_TEST_CASE(free_lists_are_off_when_config_says_so) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const size_t before = minipy::test::obj_blocks();
    PyObject *a = PyTuple_New(3);
    BOOST_TEST(minipy::test::obj_blocks() == before + 1);
    Py_DECREF(a);
    BOOST_TEST(minipy::test::obj_blocks() == before);
}

BOOST_AUTO_TEST_CASE(cycles_through_tuples_are_collected) {
    // Free lists off: the two objects' blocks go back when the cycle is collected.
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const size_t before = minipy::test::obj_blocks();
    PyObject *list = PyList_New(0);
    PyObject *t = PyTuple_Pack(1, list);
    PyList_Append(list, t);
    Py_DECREF(t);
    Py_DECREF(list);
    BOOST_TEST(minipy::test::obj_blocks() == before + 2);  // unreachable, not yet freed
    BOOST_TEST(PyGC_Collect() == 2);
    BOOST_TEST(minipy::test::obj_blocks() == before);
}

BOOST_AUTO_TEST_SUITE_END()
