// set and frozenset: the C API of setobject.h and the types' behaviour, checked against
// CPython 3.11. The algebra (operators, in-place operators and methods with sets and plain
// lists) must give python3's repr, slot order included, and __sizeof__
// (data/set_cases.txt); frozenset hashes of numbers must be python3's
// (data/frozenset_hashes.txt), and so must what the hand-built cases give
// (data/capi_values.txt). Also: pop order, messages, sets used as keys, iteration while
// mutating, comparisons that change the set, GC tracking and cycles through frozensets.
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "runtime/dict_set_helpers.hpp"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"
#include "support/test_size.hpp"

using minipy::test::capi_value;
using minipy::test::hook_key;
using minipy::test::hook_key_state;
using minipy::test::HookKeyReset;
using minipy::test::num;
using minipy::test::parse_literal;
using minipy::test::read_data_file;
using minipy::test::Ref;
using minipy::test::repr_of;
using minipy::test::repr_steal;
using minipy::test::RuntimeScope;
using minipy::test::sizeof_of;
using minipy::test::status_text;
using minipy::test::take_error;
using minipy::test::objects::is_bad_internal_call;

namespace {

PyObject *set_type() {
    return reinterpret_cast<PyObject *>(&PySet_Type);
}
PyObject *frozenset_type() {
    return reinterpret_cast<PyObject *>(&PyFrozenSet_Type);
}

PyObject *set_of(std::initializer_list<long> values) {
    Ref list(PyList_New(0));
    for (long v : values) PyList_Append(list, Ref(num(v)));
    return PySet_New(list);
}

// o.method(*args) as text; the arguments are new references, released here.
std::string call_text(PyObject *o, const char *method,
                      std::initializer_list<PyObject *> args = {}) {
    Ref tuple(PyTuple_New(static_cast<Py_ssize_t>(args.size())));
    Py_ssize_t i = 0;
    for (PyObject *arg : args) PyTuple_SET_ITEM(tuple.get(), i++, arg);
    Ref bound(PyObject_GetAttrString(o, method));
    if (!bound) return "!" + take_error();
    return repr_steal(PyObject_Call(bound, tuple, nullptr));
}

// Runs one line of set_cases.txt; returns the result's repr and size (or "-").
std::pair<std::string, std::string> run_set_case(std::string op, const std::string &a_text,
                                                 const std::string &b_text) {
    bool frozen = false;
    if (op.rfind("f_", 0) == 0) {
        frozen = true;
        op = op.substr(2);
    }
    Ref a_list(parse_literal(a_text));
    Ref b_list(parse_literal(b_text));
    if (op == "pop_all") {
        Ref s(PySet_New(a_list));
        Ref order(PyList_New(0));
        while (PySet_Size(s) > 0) PyList_Append(order, Ref(PySet_Pop(s)));
        return {repr_of(order), "-"};
    }
    if (op == "discard_add") {
        Ref s(PySet_New(a_list));
        const Py_ssize_t n = PyList_GET_SIZE(a_list.get());
        for (Py_ssize_t i = 0; i < n; i += 2) PySet_Discard(s, PyList_GET_ITEM(a_list.get(), i));
        for (Py_ssize_t i = 0; i < n; i += 3)
            PySet_Add(s, Ref(PyNumber_Add(PyList_GET_ITEM(a_list.get(), i), Ref(num(1)))));
        return {repr_of(s), std::to_string(sizeof_of(s))};
    }
    Ref a(frozen ? PyFrozenSet_New(a_list) : PySet_New(a_list));
    Ref b(PySet_New(b_list));
    Ref result;
    bool report_left = false;
    static const std::pair<const char *, int> kCompare[] = {
        {"eq", Py_EQ}, {"ne", Py_NE}, {"lt", Py_LT}, {"le", Py_LE}, {"gt", Py_GT}, {"ge", Py_GE}};
    bool done = false;
    for (const auto &[name, cmp] : kCompare) {
        if (op == name) {
            result.reset(PyObject_RichCompare(a, b, cmp));
            done = true;
        }
    }
    if (done) {
    } else if (op == "or") {
        result.reset(PyNumber_Or(a, b));
    } else if (op == "and") {
        result.reset(PyNumber_And(a, b));
    } else if (op == "sub") {
        result.reset(PyNumber_Subtract(a, b));
    } else if (op == "xor") {
        result.reset(PyNumber_Xor(a, b));
    } else if (op == "ior" || op == "iand" || op == "isub" || op == "ixor") {
        PyObject *(*fn)(PyObject *, PyObject *) = op == "ior"    ? PyNumber_InPlaceOr
                                                  : op == "iand" ? PyNumber_InPlaceAnd
                                                  : op == "isub" ? PyNumber_InPlaceSubtract
                                                                 : PyNumber_InPlaceXor;
        result.reset(fn(a, b));
        BOOST_TEST(result.get() == a.get());
    } else {
        BOOST_REQUIRE(op.size() > 5 && op.substr(op.size() - 5) == "_list");
        const std::string method = op.substr(0, op.size() - 5);
        result.reset(PyObject_CallMethod(a, method.c_str(), "O", b_list.get()));
        report_left = method.find("update") != std::string::npos;
    }
    if (!result) return {"!" + take_error(), "-"};
    PyObject *shown = report_left ? a.get() : result.get();
    const std::string size = PyAnySet_Check(shown) ? std::to_string(sizeof_of(shown)) : "-";
    return {repr_of(shown), size};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(set)

BOOST_AUTO_TEST_CASE(algebra_matches_python3_order_and_size) {
    RuntimeScope runtime;
    const auto rows = read_data_file("set_cases.txt", '\t');
    BOOST_REQUIRE(rows.size() >= 400);
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 5);
        BOOST_TEST_CONTEXT(row[0] << " " << row[1] << " " << row[2]) {
            const auto [text, size] = run_set_case(row[0], row[1], row[2]);
            BOOST_TEST(text == row[3]);
            BOOST_TEST(size == row[4]);
        }
    }
}

BOOST_AUTO_TEST_CASE(frozenset_hash_matches_python3) {
    RuntimeScope runtime;
    const auto rows = read_data_file("frozenset_hashes.txt", '\t');
    BOOST_REQUIRE(rows.size() >= 40);
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 3);
        Ref items(parse_literal(row[1]));
        Ref frozen;
        if (row[0] == "flat") {
            frozen.reset(PyFrozenSet_New(items));
        } else {
            Ref inner(PyList_New(0));
            for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items.get()); i++)
                PyList_Append(inner, Ref(PyFrozenSet_New(PyList_GET_ITEM(items.get(), i))));
            frozen.reset(PyFrozenSet_New(inner));
        }
        BOOST_REQUIRE(frozen);
        BOOST_TEST(std::to_string(PyObject_Hash(frozen)) == row[2], row[0] << " " << row[1]);
        // Cached: the same value again.
        BOOST_TEST(std::to_string(PyObject_Hash(frozen)) == row[2]);
    }
    BOOST_TEST(PyObject_Hash(Ref(set_of({1}))) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'set'");
}

BOOST_AUTO_TEST_CASE(repr_and_construction) {
    RuntimeScope runtime;
    BOOST_TEST(repr_steal(PySet_New(nullptr)) == "set()");
    BOOST_TEST(repr_steal(PyFrozenSet_New(nullptr)) == "frozenset()");
    BOOST_TEST(repr_steal(PyFrozenSet_New(Ref(Py_BuildValue("[i]", 1)))) == "frozenset({1})");
    BOOST_TEST(repr_steal(set_of({1, 2})) == "{1, 2}");
    BOOST_TEST(repr_steal(PySet_New(Ref(Py_BuildValue("[s(ii)d]", "a", 1, 2, 0.5)))) ==
               capi_value("set_repr_mixed"));
    Ref empty(PyTuple_New(0));
    Ref kwargs(Py_BuildValue("{si}", "a", 1));
    BOOST_TEST(repr_steal(PyObject_Call(set_type(), Ref(Py_BuildValue("(ii)", 1, 2)), nullptr)) ==
               "!TypeError: set expected at most 1 argument, got 2");
    BOOST_TEST(repr_steal(PyObject_Call(set_type(), empty, kwargs)) ==
               "!TypeError: set() takes no keyword arguments");
    BOOST_TEST(repr_steal(PyObject_Call(frozenset_type(), empty, kwargs)) ==
               "!TypeError: frozenset() takes no keyword arguments");
    BOOST_TEST(
        repr_steal(PyObject_Call(frozenset_type(), Ref(Py_BuildValue("(ii)", 1, 2)), nullptr)) ==
        "!TypeError: frozenset expected at most 1 argument, got 2");
    BOOST_TEST(repr_steal(PyObject_CallOneArg(set_type(), Ref(num(1)))) ==
               "!TypeError: 'int' object is not iterable");
    BOOST_TEST(repr_steal(PySet_New(Ref(Py_BuildValue("[[]]")))) ==
               "!TypeError: unhashable type: 'list'");
    // frozenset(f) is f; set(dict) takes the keys; set(str) the characters.
    Ref f(PyFrozenSet_New(Ref(Py_BuildValue("[ii]", 3, 4))));
    Ref again(PyObject_CallOneArg(frozenset_type(), f));
    BOOST_TEST(again.get() == f.get());
    BOOST_TEST(call_text(f, "copy") == "frozenset({3, 4})");
    BOOST_TEST(Ref(PyObject_CallMethod(f, "copy", nullptr)).get() == f.get());
    BOOST_TEST(repr_steal(PySet_New(Ref(Py_BuildValue("{sisi}", "x", 1, "y", 2)))) ==
               capi_value("set_repr_from_dict"));
    BOOST_TEST(repr_steal(PyObject_CallNoArgs(set_type())) == "set()");
    // set.__init__ again empties the set first.
    Ref s(set_of({1, 2, 3}));
    BOOST_TEST(Py_TYPE(s.get())->tp_init(s, Ref(Py_BuildValue("([i])", 9)), nullptr) == 0);
    BOOST_TEST(repr_of(s) == "{9}");
}

BOOST_AUTO_TEST_CASE(methods_and_messages) {
    RuntimeScope runtime;
    Ref s(set_of({1, 2, 3}));
    BOOST_TEST(call_text(s, "add", {num(4)}) == "None");
    BOOST_TEST(call_text(s, "add") == "!TypeError: set.add() takes exactly one argument (0 given)");
    BOOST_TEST(call_text(s, "remove", {num(4)}) == "None");
    BOOST_TEST(call_text(s, "remove", {num(4)}) == "!KeyError: 4");
    BOOST_TEST(call_text(s, "remove", {Py_BuildValue("(ii)", 1, 2)}) == "!KeyError: (1, 2)");
    BOOST_TEST(call_text(s, "discard", {num(4)}) == "None");
    BOOST_TEST(call_text(s, "discard", {PyList_New(0)}) == "!TypeError: unhashable type: 'list'");
    BOOST_TEST(call_text(s, "__contains__", {num(2)}) == "True");
    BOOST_TEST(PySequence_Contains(s, Ref(PyList_New(0))) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'list'");
    BOOST_TEST(call_text(s, "union", {Py_BuildValue("[i]", 5), Py_BuildValue("(i)", 6)}) ==
               "{1, 2, 3, 5, 6}");
    BOOST_TEST(call_text(s, "intersection", {Py_BuildValue("[iii]", 2, 3, 4), set_of({3})}) ==
               "{3}");
    BOOST_TEST(call_text(s, "difference") == "{1, 2, 3}");
    BOOST_TEST(call_text(s, "difference", {Py_BuildValue("[i]", 1), Py_BuildValue("[i]", 2)}) ==
               "{3}");
    BOOST_TEST(call_text(s, "issubset", {num(1)}) == "!TypeError: 'int' object is not iterable");
    BOOST_TEST(call_text(s, "isdisjoint", {Py_BuildValue("[i]", 7)}) == "True");
    BOOST_TEST(call_text(s, "copy") == "{1, 2, 3}");
    BOOST_TEST(call_text(s, "pop") == "1");
    BOOST_TEST(call_text(s, "clear") == "None");
    BOOST_TEST(call_text(s, "pop") == "!KeyError: 'pop from an empty set'");
    BOOST_TEST(repr_steal(PySet_Pop(s)) == "!KeyError: 'pop from an empty set'");
    BOOST_TEST(repr_steal(PyNumber_Or(s, Ref(num(1)))) ==
               "!TypeError: unsupported operand type(s) for |: 'set' and 'int'");
    BOOST_TEST(repr_steal(PyObject_RichCompare(s, Ref(num(1)), Py_LT)) ==
               "!TypeError: '<' not supported between instances of 'set' and 'int'");
    BOOST_TEST(repr_steal(PyNumber_InPlaceAnd(s, Ref(Py_BuildValue("[i]", 1)))) ==
               "!TypeError: unsupported operand type(s) for &=: 'set' and 'list'");
    // frozenset has no mutators.
    Ref f(PyFrozenSet_New(nullptr));
    BOOST_TEST(call_text(f, "add", {num(1)}) == "!" + capi_value("frozenset_add"));
}

BOOST_AUTO_TEST_CASE(sets_as_keys_are_looked_up_frozen) {
    RuntimeScope runtime;
    Ref inner(PyFrozenSet_New(Ref(Py_BuildValue("[ii]", 1, 2))));
    Ref outer(PySet_New(Ref(Py_BuildValue("[O]", inner.get()))));
    Ref probe(set_of({2, 1}));
    BOOST_TEST(PySequence_Contains(outer, probe) == 1);
    BOOST_TEST(call_text(outer, "discard", {set_of({9})}) == "None");
    BOOST_TEST(call_text(outer, "remove", {set_of({9})}) == "!KeyError: {9}");
    BOOST_TEST(call_text(outer, "remove", {set_of({1, 2})}) == "None");
    BOOST_TEST(PySet_Size(outer) == 0);
    // The C API takes no such detour.
    BOOST_TEST(status_text(PySet_Contains(outer, probe)) == "!TypeError: unhashable type: 'set'");
}

BOOST_AUTO_TEST_CASE(c_api_and_misuse) {
    RuntimeScope runtime;
    Ref s(PySet_New(nullptr));
    BOOST_TEST(PySet_Add(s, Ref(num(5))) == 0);
    BOOST_TEST(PySet_Add(s, Ref(num(5))) == 0);
    BOOST_TEST(PySet_Size(s) == 1);
    BOOST_TEST(PySet_Contains(s, Ref(num(5))) == 1);
    BOOST_TEST(PySet_Discard(s, Ref(num(5))) == 1);
    BOOST_TEST(PySet_Discard(s, Ref(num(5))) == 0);
    BOOST_TEST(status_text(PySet_Add(s, Ref(PyList_New(0)))) ==
               "!TypeError: unhashable type: 'list'");
    BOOST_TEST(PySet_Add(s, Ref(num(1))) == 0);
    BOOST_TEST(PySet_Clear(s) == 0);
    BOOST_TEST(PySet_Size(s) == 0);
    // A frozenset may be filled while only its creator holds it.
    Ref f(PyFrozenSet_New(nullptr));
    BOOST_TEST(PySet_Add(f, Ref(num(1))) == 0);
    Ref second_owner(Py_NewRef(f.get()));
    BOOST_TEST(is_bad_internal_call(status_text(PySet_Add(f, Ref(num(2))))));
    BOOST_TEST(is_bad_internal_call(status_text(PySet_Discard(f, Ref(num(1))))));
    BOOST_TEST(is_bad_internal_call(status_text(PySet_Clear(f))));
    BOOST_TEST(is_bad_internal_call(repr_steal(PySet_Pop(f))));
    Ref list(PyList_New(0));
    BOOST_TEST(is_bad_internal_call(status_text(PySet_Size(list))));
    BOOST_TEST(is_bad_internal_call(status_text(PySet_Contains(list, list))));
    BOOST_TEST(PyAnySet_Check(f.get()));
    BOOST_TEST(PyFrozenSet_CheckExact(f.get()));
    BOOST_TEST(!PySet_Check(f.get()));
    BOOST_TEST(PyAnySet_CheckExact(s.get()));
    // _PySet_NextEntry walks the slots with their hashes.
    Ref t(set_of({10, 3}));
    Py_ssize_t pos = 0;
    PyObject *key;
    Py_hash_t hash;
    std::string seen;
    while (_PySet_NextEntry(t, &pos, &key, &hash)) seen += std::to_string(hash) + " ";
    BOOST_TEST(seen == "10 3 ");
    BOOST_TEST(_PySet_Update(t, Ref(Py_BuildValue("[i]", 4))) == 0);
    BOOST_TEST(repr_of(t) == "{10, 3, 4}");
}

BOOST_AUTO_TEST_CASE(iteration_while_mutating_raises) {
    RuntimeScope runtime;
    Ref s(set_of({1}));
    Ref it(PyObject_GetIter(s));
    BOOST_TEST(std::string(Py_TYPE(it.get())->tp_name) == "set_iterator");
    BOOST_TEST(repr_steal(PyObject_CallMethod(it, "__length_hint__", nullptr)) == "1");
    BOOST_TEST(repr_steal(PyIter_Next(it)) == "1");
    BOOST_TEST(PySet_Add(s, Ref(num(2))) == 0);
    BOOST_TEST(PyIter_Next(it) == nullptr);
    BOOST_TEST(take_error() == "RuntimeError: Set changed size during iteration");
    BOOST_TEST(PySet_Discard(s, Ref(num(2))) == 1);
    BOOST_TEST(PyIter_Next(it) == nullptr);
    BOOST_TEST(take_error() == "RuntimeError: Set changed size during iteration");
    // A finished iterator lets go of its set.
    Ref it2(PyObject_GetIter(s));
    Ref first(PyIter_Next(it2));
    BOOST_TEST(PyIter_Next(it2) == nullptr);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(PyIter_Next(it2) == nullptr);
}

BOOST_AUTO_TEST_CASE(comparisons_that_change_the_set) {
    RuntimeScope runtime;
    HookKeyReset reset;
    Ref s(PySet_New(nullptr));
    BOOST_REQUIRE(PySet_Add(s, Ref(hook_key(5, 1))) == 0);
    // Growing the table during the comparison: the insertion starts over.
    PyObject *target = s.get();
    hook_key_state().on_compare = [target] {
        for (long k = 100; k < 140; k++) PySet_Add(target, Ref(num(k)));
    };
    BOOST_REQUIRE(PySet_Add(s, Ref(hook_key(5, 2))) == 0);
    BOOST_TEST(PySet_Size(s) == 42);
    BOOST_TEST(PySet_Contains(s, Ref(hook_key(5, 2))) == 1);
    hook_key_state().raise_on_compare = true;
    BOOST_TEST(status_text(PySet_Add(s, Ref(hook_key(5, 3)))) == "!ValueError: comparison failed");
    BOOST_TEST(status_text(PySet_Contains(s, Ref(hook_key(5, 3)))) ==
               "!ValueError: comparison failed");
    BOOST_TEST(status_text(PySet_Discard(s, Ref(hook_key(5, 3)))) ==
               "!ValueError: comparison failed");
    hook_key_state().raise_on_compare = false;
    BOOST_TEST(PySet_Size(s) == 42);
    // The comparison empties the set: the insertion starts over in the small table.
    hook_key_state().on_compare = [target] { PySet_Clear(target); };
    BOOST_REQUIRE(PySet_Add(s, Ref(hook_key(5, 4))) == 0);
    BOOST_TEST(repr_of(s) == "{HookKey(4)}");
    BOOST_TEST(sizeof_of(s) == 200);
}

BOOST_AUTO_TEST_CASE(many_numbers_and_dummies) {
    RuntimeScope runtime;
    Ref s(PySet_New(nullptr));
    const long count = minipy::test::test_size(100000L, 10000L);
    for (long i = 0; i < count; i++) BOOST_REQUIRE(PySet_Add(s, Ref(num(i * 31 - 5000))) == 0);
    BOOST_TEST(PySet_Size(s) == count);
    for (long i = 0; i < count; i += 2)
        BOOST_REQUIRE(PySet_Discard(s, Ref(num(i * 31 - 5000))) == 1);
    bool right = true;
    for (long i = 0; i < count; i++)
        if (PySet_Contains(s, Ref(num(i * 31 - 5000))) != (i % 2)) right = false;
    BOOST_TEST(right);
    // 1, 1.0 and True are one element.
    Ref t(PySet_New(Ref(Py_BuildValue("[idO]", 1, 1.0, Py_True))));
    BOOST_TEST(repr_of(t) == "{1}");
}

BOOST_AUTO_TEST_CASE(gc_tracking_and_cycles) {
    RuntimeScope runtime;
    Ref s(PySet_New(nullptr));
    Ref f(PyFrozenSet_New(nullptr));
    BOOST_TEST(PyObject_GC_IsTracked(s));
    BOOST_TEST(PyObject_GC_IsTracked(f));
    // set -> frozenset -> tuple -> the set's iterator -> the set.
    {
        PyObject *set = PySet_New(nullptr);
        Ref iter(PyObject_GetIter(set));
        Ref tuple(PyTuple_Pack(1, iter.get()));
        Ref items(PyList_New(0));
        BOOST_REQUIRE(PyList_Append(items, tuple) == 0);
        Ref frozen(PyFrozenSet_New(items));
        BOOST_REQUIRE(frozen);
        BOOST_REQUIRE(PySet_Add(set, frozen) == 0);
        Py_DECREF(set);
    }
    // set -> its own iterator (through a tuple key).
    {
        PyObject *set = PySet_New(nullptr);
        Ref iter(PyObject_GetIter(set));
        Ref tuple(Py_BuildValue("(O)", iter.get()));
        BOOST_REQUIRE(PySet_Add(set, tuple) == 0);
        Py_DECREF(set);
    }
    BOOST_TEST(std::to_string(PyGC_Collect()) == capi_value("set_gc_two_cycles"));
}

BOOST_AUTO_TEST_CASE(every_allocation_failure_is_a_clean_memory_error) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    minipy::test::sweep_allocation_failures([] {
        Ref list(PyList_New(0));
        if (!list) return false;
        for (long i = 0; i < 60; i++) {
            Ref item(PyLong_FromLong(i * 97 + 1000));
            if (!item || PyList_Append(list, item) < 0) return false;
        }
        Ref a(PySet_New(list));
        Ref slice(a ? PyList_GetSlice(list, 10, 50) : nullptr);
        Ref b(slice ? PyFrozenSet_New(slice) : nullptr);
        Ref u(b ? PyNumber_Or(a, b) : nullptr);
        Ref i(u ? PyNumber_And(b, a) : nullptr);
        Ref d(i ? PyNumber_Subtract(a, b) : nullptr);
        Ref x2(d ? PyNumber_Xor(b, a) : nullptr);
        if (!x2 || PyObject_Hash(b) == -1 || PyObject_RichCompareBool(b, a, Py_LE) != 1)
            return false;
        Ref grown(PySet_New(b));
        if (!grown) return false;
        for (long k = 0; k < 50; k++) {
            Ref item(PyLong_FromLong(-k));
            if (!item || PySet_Add(grown, item) < 0) return false;
        }
        Ref r1(PyNumber_InPlaceAnd(grown, a));
        Ref r2(r1 ? PyNumber_InPlaceOr(grown, b) : nullptr);
        Ref r3(r2 ? PyNumber_InPlaceXor(grown, a) : nullptr);
        Ref r4(r3 ? PyNumber_InPlaceSubtract(grown, b) : nullptr);
        Ref text(r4 ? PyObject_Repr(a) : nullptr);
        Ref popped(text ? PySet_Pop(a) : nullptr);
        Ref dict(popped ? PyDict_New() : nullptr);
        if (!dict || PyDict_SetItem(dict, popped, popped) < 0) return false;
        Ref from_dict(PySet_New(dict));
        Ref holder(from_dict ? Py_BuildValue("[O]", b.get()) : nullptr);
        Ref nested(holder ? PyFrozenSet_New(holder) : nullptr);
        if (!nested || PyObject_Hash(nested) == -1) return false;
        // A cycle: a set holding a tuple holding the set's iterator.
        Ref iter(PyObject_GetIter(a));
        Ref tuple(iter ? PyTuple_Pack(1, iter.get()) : nullptr);
        if (!tuple || PySet_Add(a, tuple) < 0) return false;
        return true;
    });
}

BOOST_AUTO_TEST_SUITE_END()
