// dict: the C API of dictobject.h and the type's behaviour, checked against CPython 3.11.
// Operation sequences replayed from data/dict_cases.txt must give python3's repr, len and
// __sizeof__ (the table sizes are CPython's); insertion order through deletes and resizes;
// 10^5 mixed keys (10^4 under MINIPY_TEST_SIZE=small); equal numbers as one key; colliding hashes;
// comparisons that change the dict or raise; iteration while mutating; unhashable and missing keys;
// the methods, views and their messages. Memory (table sizes, free lists, GC, allocation failures)
// is dict_memory_test.cpp's.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/dict_set_helpers.hpp"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"
#include "support/test_size.hpp"

using minipy::test::capi_value;
using minipy::test::dict_type;
using minipy::test::hook_key;
using minipy::test::hook_key_state;
using minipy::test::HookKeyReset;
using minipy::test::num;
using minipy::test::parse_key;
using minipy::test::read_data_file;
using minipy::test::Ref;
using minipy::test::repr_of;
using minipy::test::repr_steal;
using minipy::test::RuntimeScope;
using minipy::test::set_item;
using minipy::test::sizeof_of;
using minipy::test::split_spaces;
using minipy::test::status_text;
using minipy::test::take_error;
using minipy::test::text;
using minipy::test::objects::is_bad_internal_call;

namespace {

// The keys of `d` as the C API walks them.
std::vector<long> int_keys_by_next(PyObject *d) {
    std::vector<long> keys;
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value;
    while (PyDict_Next(d, &pos, &key, &value)) keys.push_back(PyLong_AsLong(key));
    return keys;
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

// dict(*args, **kwargs) as text.
std::string construct(PyObject *args, PyObject *kwargs = nullptr) {
    return repr_steal(PyObject_Call(dict_type(), args, kwargs));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dict)

BOOST_AUTO_TEST_CASE(operation_sequences_match_python3) {
    RuntimeScope runtime;
    const auto rows = read_data_file("dict_cases.txt", '\t');
    BOOST_REQUIRE(rows.size() >= 50);
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 4);
        Ref d(PyDict_New());
        const auto tokens = split_spaces(row[0]);
        for (size_t i = 0; i < tokens.size();) {
            const std::string &op = tokens[i++];
            if (op == "s") {
                Ref key(parse_key(tokens[i++]));
                Ref value(PyLong_FromString(tokens[i++].c_str(), nullptr, 10));
                BOOST_REQUIRE(PyDict_SetItem(d, key, value) == 0);
            } else if (op == "d") {
                Ref key(parse_key(tokens[i++]));
                BOOST_REQUIRE_MESSAGE(PyDict_DelItem(d, key) == 0, take_error());
            } else if (op == "p") {
                BOOST_REQUIRE(Ref(PyObject_CallMethod(d, "popitem", nullptr)));
            } else if (op == "c") {
                PyDict_Clear(d);
            } else {
                BOOST_REQUIRE(op == "y");
                d.reset(PyDict_Copy(d));
            }
        }
        BOOST_TEST(repr_of(d) == row[1]);
        BOOST_TEST(std::to_string(PyDict_Size(d)) == row[2]);
        if (row[3] != "-") BOOST_TEST(std::to_string(sizeof_of(d)) == row[3], row[0].substr(0, 60));
    }
}

BOOST_AUTO_TEST_CASE(insertion_order_survives_deletes_and_resizes) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    std::vector<long> expected;
    for (long i = 0; i < 3000; i++) BOOST_REQUIRE(set_item(d, num(i * 7 % 3001), num(i)) == 0);
    for (long i = 0; i < 3000; i++) expected.push_back(i * 7 % 3001);
    // Delete every third key, re-insert some of them (they go to the end), add new ones.
    std::vector<long> kept;
    for (size_t i = 0; i < expected.size(); i++) {
        if (i % 3 == 0) {
            BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(expected[i]))) == 0);
        } else {
            kept.push_back(expected[i]);
        }
    }
    for (size_t i = 0; i < expected.size(); i += 6) {
        BOOST_REQUIRE(set_item(d, num(expected[i]), num(0)) == 0);
        kept.push_back(expected[i]);
    }
    for (long i = 5000; i < 5500; i++) {
        BOOST_REQUIRE(set_item(d, num(i), num(i)) == 0);
        kept.push_back(i);
    }
    // Replacing a value keeps the key where it was.
    BOOST_REQUIRE(set_item(d, num(kept[1]), text("new")) == 0);
    BOOST_TEST(int_keys_by_next(d) == kept);
    Ref keys(PyDict_Keys(d));
    BOOST_REQUIRE(PyList_GET_SIZE(keys.get()) == static_cast<Py_ssize_t>(kept.size()));
    for (size_t i = 0; i < kept.size(); i++)
        BOOST_TEST(PyLong_AsLong(PyList_GET_ITEM(keys.get(), i)) == kept[i]);
    BOOST_TEST(repr_of(PyDict_GetItem(d, Ref(num(kept[1])))) == "'new'");
    // A copy keeps the order too (compacted).
    Ref copy(PyDict_Copy(d));
    BOOST_TEST(int_keys_by_next(copy) == kept);
    Ref values(PyDict_Values(d));
    Ref items(PyDict_Items(d));
    BOOST_TEST(PyList_GET_SIZE(values.get()) == static_cast<Py_ssize_t>(kept.size()));
    BOOST_TEST(repr_of(PyList_GET_ITEM(items.get(), 1)) ==
               "(" + std::to_string(kept[1]) + ", 'new')");
}

BOOST_AUTO_TEST_CASE(many_mixed_keys) {
    RuntimeScope runtime;
    // 10^5 keys take 32-bit index slots; the small size (MINIPY_TEST_SIZE=small) stops at
    // 16-bit ones.
    const long count = minipy::test::test_size(100000L, 10000L);
    auto make_key = [](long i) -> PyObject * {
        switch (i % 4) {
        case 0: return PyLong_FromLong(i * 1000003);
        case 1: return PyUnicode_FromFormat("key%ld", i);
        case 2: return PyFloat_FromDouble(static_cast<double>(i) + 0.25);
        default: return Py_BuildValue("(ls)", i, "t");
        }
    };
    Ref d(PyDict_New());
    for (long i = 0; i < count; i++) BOOST_REQUIRE(set_item(d, make_key(i), num(i)) == 0);
    BOOST_TEST(PyDict_Size(d) == count);
    bool all_found = true;
    for (long i = 0; i < count; i++) {
        Ref key(make_key(i));
        PyObject *value = PyDict_GetItemWithError(d, key);
        if (value == nullptr || PyLong_AsLong(value) != i) all_found = false;
    }
    BOOST_TEST(all_found);
    for (long i = 0; i < count; i += 2) BOOST_REQUIRE(PyDict_DelItem(d, Ref(make_key(i))) == 0);
    BOOST_TEST(PyDict_Size(d) == count / 2);
    bool right_membership = true;
    for (long i = 0; i < count; i++) {
        Ref key(make_key(i));
        if (PyDict_Contains(d, key) != (i % 2 == 1 ? 1 : 0)) right_membership = false;
    }
    BOOST_TEST(right_membership);
    Py_ssize_t pos = 0, seen = 0;
    PyObject *key;
    PyObject *value;
    long last = -1;
    bool ordered = true;
    while (PyDict_Next(d, &pos, &key, &value)) {
        const long v = PyLong_AsLong(value);
        if (v <= last) ordered = false;
        last = v;
        seen++;
    }
    BOOST_TEST(seen == count / 2);
    BOOST_TEST(ordered);
}

BOOST_AUTO_TEST_CASE(equal_numbers_are_one_key) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    BOOST_REQUIRE(set_item(d, num(1), text("int")) == 0);
    BOOST_REQUIRE(set_item(d, PyFloat_FromDouble(1.0), text("float")) == 0);
    BOOST_REQUIRE(set_item(d, Py_NewRef(Py_True), text("bool")) == 0);
    // The first key stays; the value is the last one.
    BOOST_TEST(repr_of(d) == "{1: 'bool'}");
    BOOST_REQUIRE(set_item(d, Py_NewRef(Py_False), text("f")) == 0);
    BOOST_REQUIRE(set_item(d, PyFloat_FromDouble(-0.0), text("zero")) == 0);
    BOOST_REQUIRE(set_item(d, PyFloat_FromDouble(18446744073709551616.0), text("2**64")) == 0);
    BOOST_REQUIRE(
        set_item(d, PyLong_FromString("18446744073709551616", nullptr, 10), text("big")) == 0);
    BOOST_TEST(repr_of(d) == "{1: 'bool', False: 'zero', 1.8446744073709552e+19: 'big'}");
    BOOST_TEST(PyDict_DelItem(d, Ref(num(0))) == 0);
    BOOST_TEST(repr_steal(Py_XNewRef(PyDict_GetItem(d, Ref(PyFloat_FromDouble(1.0))))) == "'bool'");
    BOOST_TEST(PyDict_Size(d) == 2);
}

BOOST_AUTO_TEST_CASE(colliding_hashes_probe_past_each_other) {
    RuntimeScope runtime;
    // 5 + k * (2**61 - 1) all hash to 5; -1 and -2 both hash to -2.
    Ref modulus(PyLong_FromString("2305843009213693951", nullptr, 10));
    std::vector<Ref> keys;
    for (long k = 0; k < 60; k++) {
        Ref factor(num(k));
        Ref product(PyNumber_Multiply(modulus, factor));
        keys.emplace_back(PyNumber_Add(product, Ref(num(5))));
        BOOST_REQUIRE(PyObject_Hash(keys.back()) == 5);
    }
    Ref d(PyDict_New());
    for (size_t i = 0; i < keys.size(); i++)
        BOOST_REQUIRE(set_item(d, Py_NewRef(keys[i].get()), num(static_cast<long>(i))) == 0);
    BOOST_REQUIRE(set_item(d, num(-1), text("minus one")) == 0);
    BOOST_REQUIRE(set_item(d, num(-2), text("minus two")) == 0);
    BOOST_TEST(PyDict_Size(d) == 62);
    for (size_t i = 0; i < keys.size(); i++)
        BOOST_TEST(PyLong_AsLong(PyDict_GetItem(d, keys[i])) == static_cast<long>(i));
    BOOST_TEST(repr_of(PyDict_GetItem(d, Ref(num(-1)))) == "'minus one'");
    BOOST_TEST(repr_of(PyDict_GetItem(d, Ref(num(-2)))) == "'minus two'");
    // Deleting from the middle of the collision chain leaves dummies the others probe past.
    for (size_t i = 0; i < keys.size(); i += 2) BOOST_REQUIRE(PyDict_DelItem(d, keys[i]) == 0);
    for (size_t i = 0; i < keys.size(); i++)
        BOOST_TEST(PyDict_Contains(d, keys[i]) == (i % 2 == 1 ? 1 : 0));
    for (size_t i = 0; i < keys.size(); i += 2)
        BOOST_REQUIRE(set_item(d, Py_NewRef(keys[i].get()), num(-7)) == 0);
    BOOST_TEST(PyDict_Size(d) == 62);
    BOOST_TEST(PyLong_AsLong(PyDict_GetItem(d, keys[4])) == -7);
}

BOOST_AUTO_TEST_CASE(pydict_next_positions) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    for (long k = 0; k < 6; k++) BOOST_REQUIRE(set_item(d, num(k * 10), num(k)) == 0);
    BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(0))) == 0);
    BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(30))) == 0);
    // Positions skip the deleted entries; values may be replaced during the walk.
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value;
    std::vector<Py_ssize_t> positions;
    while (PyDict_Next(d, &pos, &key, &value)) {
        positions.push_back(pos);
        BOOST_REQUIRE(PyDict_SetItem(d, key, Ref(num(-1))) == 0);
    }
    BOOST_TEST((positions == std::vector<Py_ssize_t>{2, 3, 5, 6}));
    BOOST_TEST(repr_of(d) == "{10: -1, 20: -1, 40: -1, 50: -1}");
    pos = 100;
    BOOST_TEST(PyDict_Next(d, &pos, &key, &value) == 0);
    pos = -1;
    BOOST_TEST(PyDict_Next(d, &pos, &key, &value) == 0);
    pos = 0;
    Ref list(PyList_New(0));
    BOOST_TEST(PyDict_Next(list, &pos, &key, &value) == 0);
    Py_hash_t hash;
    pos = 0;
    BOOST_REQUIRE(_PyDict_Next(d, &pos, &key, &value, &hash) == 1);
    BOOST_TEST(hash == 10);
}

BOOST_AUTO_TEST_CASE(iteration_while_mutating_raises) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    BOOST_REQUIRE(set_item(d, num(1), num(1)) == 0);
    Ref it(PyObject_GetIter(d));
    BOOST_TEST(repr_steal(PyIter_Next(it)) == "1");
    BOOST_REQUIRE(set_item(d, num(2), num(2)) == 0);
    BOOST_TEST(PyIter_Next(it) == nullptr);
    BOOST_TEST(take_error() == "RuntimeError: dictionary changed size during iteration");
    // It stays broken even once the size is back.
    BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(2))) == 0);
    BOOST_TEST(PyIter_Next(it) == nullptr);
    BOOST_TEST(take_error() == "RuntimeError: dictionary changed size during iteration");

    // Same size, other keys: python3's `for k in d: del d[k]; d[k + 10] = 1`.
    Ref e(PyDict_New());
    BOOST_REQUIRE(set_item(e, num(1), num(1)) == 0);
    BOOST_REQUIRE(set_item(e, num(2), num(2)) == 0);
    Ref it2(PyObject_GetIter(e));
    std::string error;
    for (int round = 0; round < 5 && error.empty(); round++) {
        Ref k(PyIter_Next(it2));
        if (!k) {
            error = take_error();
            break;
        }
        BOOST_REQUIRE(PyDict_DelItem(e, k) == 0);
        BOOST_REQUIRE(set_item(e, PyNumber_Add(k, Ref(num(10))), num(1)) == 0);
    }
    BOOST_TEST(error == "RuntimeError: dictionary keys changed during iteration");

    // Values and items iterators and the reversed ones check the size the same way.
    for (const char *method : {"values", "items", "keys"}) {
        Ref view(PyObject_CallMethod(d, method, nullptr));
        Ref vit(PyObject_GetIter(view));
        BOOST_REQUIRE(set_item(d, num(99), num(0)) == 0);
        BOOST_TEST(PyIter_Next(vit) == nullptr);
        BOOST_TEST(take_error() == "RuntimeError: dictionary changed size during iteration");
        BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(99))) == 0);
    }
    Ref rit(PyObject_CallMethod(d, "__reversed__", nullptr));
    PyDict_Clear(d);
    BOOST_TEST(PyIter_Next(rit) == nullptr);
    BOOST_TEST(take_error() == "RuntimeError: dictionary changed size during iteration");
}

BOOST_AUTO_TEST_CASE(iterators_and_reversed_order) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    for (long k = 1; k <= 5; k++) BOOST_REQUIRE(set_item(d, num(k), num(k * k)) == 0);
    BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(3))) == 0);
    auto drain = [](PyObject *iterable) {
        Ref list(PySequence_List(iterable));
        return repr_of(list);
    };
    BOOST_TEST(drain(d) == "[1, 2, 4, 5]");
    BOOST_TEST(drain(Ref(PyObject_CallMethod(d, "values", nullptr))) == "[1, 4, 16, 25]");
    BOOST_TEST(drain(Ref(PyObject_CallMethod(d, "items", nullptr))) ==
               "[(1, 1), (2, 4), (4, 16), (5, 25)]");
    BOOST_TEST(drain(Ref(PyObject_CallMethod(d, "__reversed__", nullptr))) == "[5, 4, 2, 1]");
    Ref items(PyObject_CallMethod(d, "items", nullptr));
    BOOST_TEST(drain(Ref(PyObject_CallMethod(items, "__reversed__", nullptr))) ==
               "[(5, 25), (4, 16), (2, 4), (1, 1)]");
    Ref values(PyObject_CallMethod(d, "values", nullptr));
    BOOST_TEST(drain(Ref(PyObject_CallMethod(values, "__reversed__", nullptr))) ==
               "[25, 16, 4, 1]");
    // The items iterator hands out a fresh tuple when the last one is still held.
    Ref it(PyObject_GetIter(items));
    Ref first(PyIter_Next(it));
    Ref second(PyIter_Next(it));
    BOOST_TEST(first.get() != second.get());
    BOOST_TEST(repr_of(first) == "(1, 1)");
    BOOST_TEST(repr_of(second) == "(2, 4)");
    BOOST_TEST(repr_steal(PyObject_CallMethod(it, "__length_hint__", nullptr)) == "2");
    BOOST_TEST(Py_TYPE(it.get()) == &PyDictIterItem_Type);
    BOOST_TEST(std::string(Py_TYPE(Ref(PyObject_GetIter(d)).get())->tp_name) == "dict_keyiterator");
}

BOOST_AUTO_TEST_CASE(unhashable_and_missing_keys) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    Ref list(PyList_New(0));
    Ref other(PyDict_New());
    BOOST_TEST(status_text(PyDict_SetItem(d, list, Py_None)) ==
               "!TypeError: unhashable type: 'list'");
    BOOST_TEST(status_text(PyDict_SetItem(d, other, Py_None)) ==
               "!TypeError: unhashable type: 'dict'");
    BOOST_TEST(status_text(PyDict_Contains(d, list)) == "!TypeError: unhashable type: 'list'");
    BOOST_TEST(status_text(PyDict_DelItem(d, list)) == "!TypeError: unhashable type: 'list'");
    BOOST_TEST(PyDict_GetItemWithError(d, list) == nullptr);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'list'");
    // PyDict_GetItem swallows the error...
    BOOST_TEST(PyDict_GetItem(d, list) == nullptr);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(PyObject_Hash(d) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'dict'");
    // ...and one raised by a comparison, leaving an earlier exception alone.
    HookKeyReset reset;
    BOOST_REQUIRE(set_item(d, hook_key(7, 1), num(1)) == 0);
    hook_key_state().raise_on_compare = true;
    PyErr_SetString(PyExc_OSError, "earlier");
    BOOST_TEST(PyDict_GetItem(d, Ref(hook_key(7, 2))) == nullptr);
    BOOST_TEST(take_error() == "OSError: earlier");
    BOOST_TEST(status_text(PyDict_SetItem(d, Ref(hook_key(7, 3)), Py_None)) ==
               "!ValueError: comparison failed");
    BOOST_TEST(status_text(PyDict_Contains(d, Ref(hook_key(7, 3)))) ==
               "!ValueError: comparison failed");
    hook_key_state().raise_on_compare = false;

    // Missing keys: KeyError with the key itself as the one argument.
    BOOST_TEST(status_text(PyDict_DelItem(d, Ref(text("x")))) == "!KeyError: 'x'");
    Ref pair(Py_BuildValue("(ii)", 1, 2));
    BOOST_TEST(status_text(PyDict_DelItem(d, pair)) == "!KeyError: (1, 2)");
    BOOST_TEST(repr_steal(PyObject_GetItem(d, pair)) == "!KeyError: (1, 2)");
    BOOST_TEST(PyDict_GetItemWithError(d, pair) == nullptr);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(PyDict_GetItemString(d, "nothing") == nullptr);
    BOOST_TEST(status_text(PyDict_DelItemString(d, "nothing")) == "!KeyError: 'nothing'");
    BOOST_REQUIRE(PyDict_SetItemString(d, "name", Py_True) == 0);
    BOOST_TEST(PyDict_GetItemString(d, "name") == Py_True);
    BOOST_TEST(PyDict_DelItemString(d, "name") == 0);
    // Misuse: not a dict.
    BOOST_TEST(is_bad_internal_call(status_text(PyDict_SetItem(list, list, list))));
    BOOST_TEST(is_bad_internal_call(status_text(PyDict_Size(list))));
    BOOST_TEST(PyDict_GetItem(list, list) == nullptr);
}

BOOST_AUTO_TEST_CASE(comparisons_that_change_the_dict) {
    RuntimeScope runtime;
    HookKeyReset reset;
    Ref d(PyDict_New());
    BOOST_REQUIRE(set_item(d, hook_key(42, 1), text("one")) == 0);
    // The comparison adds enough keys to resize the table: the lookup starts over and still
    // finds nothing equal, so the new key goes in.
    PyObject *target = d.get();
    hook_key_state().on_compare = [target] {
        for (long k = 100; k < 120; k++) set_item(target, num(k), num(k));
    };
    BOOST_REQUIRE(set_item(d, hook_key(42, 2), text("two")) == 0);
    BOOST_TEST(PyDict_Size(d) == 22);
    BOOST_TEST(repr_of(PyDict_GetItem(d, Ref(hook_key(42, 2)))) == "'two'");
    // The comparison deletes the key it is compared with: start over, the key is absent.
    hook_key_state().on_compare = [target] {
        // Delete the key being compared: find the HookKey with id 1 and delete it by identity.
        Py_ssize_t pos = 0;
        PyObject *k;
        PyObject *v;
        while (PyDict_Next(target, &pos, &k, &v)) {
            if (Py_TYPE(k) == &minipy::test::hook_key_type() &&
                reinterpret_cast<minipy::test::HookKey *>(k)->id == 1) {
                Ref hold(Py_NewRef(k));
                PyDict_DelItem(target, hold);
                break;
            }
        }
    };
    BOOST_TEST(PyDict_Contains(d, Ref(hook_key(42, 3))) == 0);
    BOOST_TEST(PyDict_Size(d) == 21);
    BOOST_TEST(hook_key_state().comparisons > 0);
    // The comparison empties the dict (back to the shared empty table): the insertion still
    // lands, in a table of its own.
    hook_key_state().on_compare = [target] { PyDict_Clear(target); };
    BOOST_REQUIRE(set_item(d, hook_key(42, 4), text("four")) == 0);
    BOOST_TEST(repr_of(d) == "{HookKey(4): 'four'}");
    hook_key_state().on_compare = [target] { PyDict_Clear(target); };
    BOOST_TEST(repr_steal(Py_XNewRef(PyDict_SetDefault(d, Ref(hook_key(42, 5)), Py_None))) ==
               "None");
    BOOST_TEST(repr_of(d) == "{HookKey(5): None}");
}

BOOST_AUTO_TEST_CASE(repr_and_equality_match_python3) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    BOOST_TEST(repr_of(d) == "{}");
    Ref inner(PyDict_New());
    BOOST_REQUIRE(set_item(inner, num(2), num(3)) == 0);
    BOOST_REQUIRE(PyDict_SetItem(d, Ref(num(1)), inner) == 0);
    BOOST_REQUIRE(set_item(d, text("a"), Py_BuildValue("[is]", 1, "b")) == 0);
    BOOST_TEST(repr_of(d) == "{1: {2: 3}, 'a': [1, 'b']}");
    // A dict inside itself.
    BOOST_REQUIRE(PyDict_SetItem(inner, Ref(num(4)), inner) == 0);
    BOOST_TEST(repr_of(inner) == "{2: 3, 4: {...}}");
    PyDict_Clear(inner);  // break the cycle

    Ref a(Py_BuildValue("{sisi}", "x", 1, "y", 2));
    Ref b(Py_BuildValue("{sisi}", "y", 2, "x", 1));
    Ref c(Py_BuildValue("{sisi}", "y", 2, "x", 3));
    BOOST_TEST(PyObject_RichCompareBool(a, b, Py_EQ) == 1);
    BOOST_TEST(PyObject_RichCompareBool(a, c, Py_EQ) == 0);
    BOOST_TEST(PyObject_RichCompareBool(a, c, Py_NE) == 1);
    BOOST_TEST(PyObject_RichCompareBool(a, Ref(PyList_New(0)), Py_EQ) == 0);
    BOOST_TEST(repr_steal(PyObject_RichCompare(a, b, Py_LT)) ==
               "!TypeError: '<' not supported between instances of 'dict' and 'dict'");
    // 1 and 1.0 are the same key, so these dicts are equal.
    Ref ints(Py_BuildValue("{ii}", 1, 5));
    Ref floats(Py_BuildValue("{dd}", 1.0, 5.0));
    BOOST_TEST(PyObject_RichCompareBool(ints, floats, Py_EQ) == 1);
    BOOST_TEST(repr_steal(PyDict_Copy(a)) == repr_of(a));
}

BOOST_AUTO_TEST_CASE(construction_and_its_messages) {
    RuntimeScope runtime;
    Ref empty(PyTuple_New(0));
    Ref kwargs(Py_BuildValue("{sisi}", "a", 1, "b", 2));
    BOOST_TEST(construct(empty) == "{}");
    BOOST_TEST(construct(empty, kwargs) == "{'a': 1, 'b': 2}");
    BOOST_TEST(construct(Ref(Py_BuildValue("({ii})", 1, 2)), Ref(Py_BuildValue("{si}", "x", 3))) ==
               "{1: 2, 'x': 3}");
    BOOST_TEST(construct(Ref(Py_BuildValue("([(ii)[ii]])", 1, 2, 3, 4))) == "{1: 2, 3: 4}");
    BOOST_TEST(construct(Ref(Py_BuildValue("(ii)", 1, 2))) ==
               "!TypeError: dict expected at most 1 argument, got 2");
    BOOST_TEST(construct(Ref(Py_BuildValue("(i)", 1))) ==
               "!TypeError: 'int' object is not iterable");
    BOOST_TEST(construct(Ref(Py_BuildValue("([i])", 1))) ==
               "!TypeError: cannot convert dictionary update sequence element #0 to a sequence");
    BOOST_TEST(construct(Ref(Py_BuildValue("([[i]])", 1))) ==
               "!ValueError: dictionary update sequence element #0 has length 1; 2 is required");
    BOOST_TEST(construct(Ref(Py_BuildValue("([(ii)(iii)])", 1, 2, 1, 2, 3))) ==
               "!ValueError: dictionary update sequence element #1 has length 3; 2 is required");
    // A str is a sequence of its characters: pairs of one-character strings work.
    BOOST_TEST(construct(Ref(Py_BuildValue("([ss])", "ab", "cd"))) == "{'a': 'b', 'c': 'd'}");
    BOOST_TEST(repr_steal(PyObject_CallOneArg(
                   dict_type(), Ref(Py_BuildValue("[(ii)(ii)]", 1, 2, 1, 3)))) == "{1: 3}");
    // PyDict_MergeFromSeq2 without override keeps the first value.
    Ref d(PyDict_New());
    BOOST_TEST(PyDict_MergeFromSeq2(d, Ref(Py_BuildValue("[(ii)(ii)]", 1, 2, 1, 3)), 0) == 0);
    BOOST_TEST(repr_of(d) == "{1: 2}");
    // Merge override modes.
    Ref source(Py_BuildValue("{iiii}", 1, 10, 5, 50));
    BOOST_TEST(PyDict_Merge(d, source, 0) == 0);
    BOOST_TEST(repr_of(d) == "{1: 2, 5: 50}");
    BOOST_TEST(PyDict_Merge(d, source, 1) == 0);
    BOOST_TEST(repr_of(d) == "{1: 10, 5: 50}");
    BOOST_TEST(status_text(_PyDict_MergeEx(d, source, 2)) == "!KeyError: 1");
    BOOST_TEST(PyDict_Update(d, Ref(PyDict_New())) == 0);
    BOOST_TEST(status_text(PyDict_Update(d, Ref(num(3)))) == "!" + capi_value("dict_update_int"));
}

BOOST_AUTO_TEST_CASE(methods_match_python3) {
    RuntimeScope runtime;
    Ref d(Py_BuildValue("{si}", "a", 1));
    BOOST_TEST(call_text(d, "setdefault", {text("b"), PyList_New(0)}) == "[]");
    BOOST_TEST(repr_of(d) == "{'a': 1, 'b': []}");
    BOOST_TEST(call_text(d, "pop", {text("a")}) == "1");
    BOOST_TEST(call_text(d, "pop", {text("zz"), num(5)}) == "5");
    BOOST_TEST(call_text(d, "get", {text("b")}) == "[]");
    BOOST_TEST(call_text(d, "get", {text("q")}) == "None");
    BOOST_TEST(call_text(d, "get", {text("q"), num(7)}) == "7");
    BOOST_TEST(call_text(d, "setdefault", {text("n")}) == "None");
    BOOST_TEST(call_text(d, "pop", {text("missing")}) == "!KeyError: 'missing'");
    BOOST_TEST(call_text(d, "get") == "!TypeError: get expected at least 1 argument, got 0");
    BOOST_TEST(repr_steal(PyObject_CallMethod(d, "get", "iii", 1, 2, 3)) ==
               "!TypeError: get expected at most 2 arguments, got 3");
    BOOST_TEST(call_text(d, "pop") == "!TypeError: pop expected at least 1 argument, got 0");
    BOOST_TEST(call_text(d, "setdefault") ==
               "!TypeError: setdefault expected at least 1 argument, got 0");
    BOOST_TEST(repr_steal(PyObject_CallMethod(d, "update", "ii", 1, 2)) ==
               "!TypeError: update expected at most 1 argument, got 2");
    Ref three(Py_BuildValue("{iiiiii}", 1, 1, 2, 2, 3, 3));
    BOOST_TEST(call_text(three, "popitem") == "(3, 3)");
    BOOST_TEST(repr_of(three) == "{1: 1, 2: 2}");
    BOOST_TEST(call_text(Ref(PyDict_New()), "popitem") ==
               "!KeyError: 'popitem(): dictionary is empty'");
    BOOST_TEST(call_text(three, "copy") == "{1: 1, 2: 2}");
    BOOST_TEST(call_text(three, "keys") == "dict_keys([1, 2])");
    BOOST_TEST(call_text(three, "values") == "dict_values([1, 2])");
    BOOST_TEST(call_text(three, "items") == "dict_items([(1, 1), (2, 2)])");
    BOOST_TEST(call_text(three, "__contains__", {num(2)}) == "True");
    BOOST_TEST(call_text(three, "__contains__", {PyList_New(0)}) ==
               "!TypeError: unhashable type: 'list'");
    BOOST_TEST(repr_steal(PyObject_CallMethod(three, "update", "O",
                                              Ref(Py_BuildValue("[(ii)]", 9, 9)).get())) == "None");
    BOOST_TEST(repr_of(three) == "{1: 1, 2: 2, 9: 9}");
    BOOST_TEST(call_text(three, "clear") == "None");
    BOOST_TEST(repr_of(three) == "{}");
    BOOST_TEST(repr_steal(PyObject_CallMethod(dict_type(), "fromkeys", "s", "ab")) ==
               "{'a': None, 'b': None}");
    BOOST_TEST(repr_steal(PyObject_CallMethod(dict_type(), "fromkeys", "Oi",
                                              Ref(Py_BuildValue("[ii]", 3, 1)).get(), 0)) ==
               "{3: 0, 1: 0}");
    BOOST_TEST(repr_steal(PyObject_CallMethod(dict_type(), "fromkeys", nullptr)) ==
               "!TypeError: fromkeys expected at least 1 argument, got 0");
    // fromkeys of a set or a dict sizes the table up front: CPython 3.11 gives 1152 for 21
    // keys and 2248 for 50.
    Ref set21(PySet_New(
        Ref(PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "i", 21))));
    BOOST_TEST(sizeof_of(Ref(PyObject_CallMethod(dict_type(), "fromkeys", "O", set21.get()))) ==
               1152);
    Ref dict50(PyObject_CallMethod(
        dict_type(), "fromkeys", "O",
        Ref(PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "i", 50)).get()));
    BOOST_TEST(sizeof_of(Ref(PyObject_CallMethod(dict_type(), "fromkeys", "O", dict50.get()))) ==
               2248);
    // | and |=.
    Ref left(Py_BuildValue("{ii}", 1, 2));
    Ref right(Py_BuildValue("{ii}", 3, 4));
    BOOST_TEST(repr_steal(PyNumber_Or(left, right)) == "{1: 2, 3: 4}");
    BOOST_TEST(repr_steal(PyNumber_Or(left, Ref(num(1)))) ==
               "!TypeError: unsupported operand type(s) for |: 'dict' and 'int'");
    BOOST_TEST(repr_steal(PyNumber_InPlaceOr(left, Ref(Py_BuildValue("[(ii)]", 5, 6)))) ==
               "{1: 2, 5: 6}");
    // PyDict_SetDefault and the Pop functions.
    Ref e(PyDict_New());
    Ref dflt(text("d"));
    BOOST_TEST(PyDict_SetDefault(e, Ref(num(1)), dflt) == dflt.get());
    BOOST_TEST(PyDict_SetDefault(e, Ref(num(1)), Py_None) == dflt.get());
    BOOST_TEST(repr_steal(_PyDict_Pop(e, Ref(num(1)), nullptr)) == "'d'");
    BOOST_TEST(repr_steal(_PyDict_Pop(e, Ref(num(1)), nullptr)) == "!KeyError: 1");
    PyObject *result = Py_None;
    BOOST_TEST(PyDict_Pop(e, Ref(num(1)), &result) == 0);
    BOOST_TEST(result == nullptr);
    BOOST_REQUIRE(set_item(e, num(2), num(4)) == 0);
    BOOST_TEST(PyDict_Pop(e, Ref(num(2)), &result) == 1);
    BOOST_TEST(repr_steal(result) == "4");
}

BOOST_AUTO_TEST_CASE(the_generic_protocols_reach_the_slots) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    Ref key(text("k"));
    BOOST_TEST(PyObject_SetItem(d, key, Ref(num(1))) == 0);
    BOOST_TEST(repr_steal(PyObject_GetItem(d, key)) == "1");
    BOOST_TEST(PyObject_Size(d) == 1);
    BOOST_TEST(PySequence_Contains(d, key) == 1);
    BOOST_TEST(PyMapping_HasKey(d, key) == 1);
    BOOST_TEST(repr_steal(PyMapping_Items(d)) == "[('k', 1)]");
    BOOST_TEST(PyObject_DelItem(d, key) == 0);
    BOOST_TEST(status_text(PyObject_DelItem(d, key)) == "!KeyError: 'k'");
    BOOST_TEST(PyObject_IsTrue(d) == 0);
    BOOST_TEST(std::regex_match(repr_steal(PyObject_GetIter(d)),
                                std::regex("<dict_keyiterator object at 0x[0-9a-f]+>")));
    // dict(d) copies; dict.copy of a dict with many deleted entries compacts (python3: 336).
    Ref big(PyDict_New());
    for (long k = 0; k < 10; k++) BOOST_REQUIRE(set_item(big, num(k), num(k)) == 0);
    for (long k = 0; k < 8; k++) BOOST_REQUIRE(PyDict_DelItem(big, Ref(num(k))) == 0);
    Ref copy(PyDict_Copy(big));
    Ref called(PyObject_CallOneArg(dict_type(), big));
    BOOST_TEST(repr_of(copy) == "{8: 8, 9: 9}");
    BOOST_TEST(repr_of(called) == "{8: 8, 9: 9}");
    BOOST_TEST(sizeof_of(copy) == 336);
    BOOST_TEST(sizeof_of(called) == 336);
    BOOST_TEST(is_bad_internal_call(repr_steal(PyDict_Keys(Ref(PyList_New(0))))));
}

BOOST_AUTO_TEST_CASE(views_are_live_and_set_like) {
    RuntimeScope runtime;
    Ref d(Py_BuildValue("{iiii}", 1, 2, 3, 4));
    Ref keys(PyObject_CallMethod(d, "keys", nullptr));
    Ref items(PyObject_CallMethod(d, "items", nullptr));
    Ref values(PyObject_CallMethod(d, "values", nullptr));
    Ref one(PySet_New(Ref(Py_BuildValue("[i]", 1))));
    BOOST_TEST(repr_steal(PyNumber_And(keys, one)) == "{1}");
    BOOST_TEST(repr_steal(PyNumber_Or(keys, Ref(Py_BuildValue("[i]", 5)))) == "{1, 3, 5}");
    BOOST_TEST(repr_steal(PyNumber_Subtract(keys, one)) == "{3}");
    BOOST_TEST(repr_steal(PyNumber_Xor(keys, Ref(PySet_New(Ref(Py_BuildValue("[ii]", 3, 9)))))) ==
               "{1, 9}");
    BOOST_TEST(repr_steal(PyNumber_Or(keys, Ref(num(1)))) ==
               "!TypeError: 'int' object is not iterable");
    BOOST_TEST(repr_steal(PyNumber_And(
                   items, Ref(PySet_New(Ref(Py_BuildValue("[(ii)]", 1, 2)))))) == "{(1, 2)}");
    BOOST_TEST(PyObject_RichCompareBool(keys, Ref(PySet_New(Ref(Py_BuildValue("[ii]", 1, 3)))),
                                        Py_EQ) == 1);
    BOOST_TEST(PyObject_RichCompareBool(keys, Ref(PySet_New(Ref(Py_BuildValue("[iii]", 1, 3, 5)))),
                                        Py_LT) == 1);
    BOOST_TEST(repr_steal(PyObject_CallMethod(keys, "isdisjoint", "O",
                                              Ref(Py_BuildValue("[i]", 7)).get())) == "True");
    BOOST_TEST(PySequence_Contains(items, Ref(Py_BuildValue("(ii)", 3, 4))) == 1);
    BOOST_TEST(PySequence_Contains(items, Ref(Py_BuildValue("(ii)", 3, 5))) == 0);
    BOOST_TEST(PySequence_Contains(items, Ref(num(3))) == 0);
    BOOST_TEST(PySequence_Contains(values, Ref(num(4))) == 1);
    BOOST_TEST(PyObject_Hash(keys) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'dict_keys'");
    // Orders as python3 prints them (items ^ items has its own algorithm in CPython 3.11).
    Ref d1(Py_BuildValue("{iiiiiiiiii}", 1, 1, 2, 2, 3, 3, 9, 0, 17, 1));
    Ref d2(Py_BuildValue("{iiiiiiiiii}", 2, 2, 3, 4, 5, 5, 64, 1, 33, 3));
    Ref i1(PyObject_CallMethod(d1, "items", nullptr)),
        i2(PyObject_CallMethod(d2, "items", nullptr));
    Ref k1(PyObject_CallMethod(d1, "keys", nullptr)), k2(PyObject_CallMethod(d2, "keys", nullptr));
    BOOST_TEST(repr_steal(PyNumber_Xor(i1, i2)) ==
               "{(9, 0), (5, 5), (64, 1), (3, 4), (17, 1), (1, 1), (33, 3), (3, 3)}");
    BOOST_TEST(repr_steal(PyNumber_Xor(k1, k2)) == "{64, 1, 17, 33, 5, 9}");
    BOOST_TEST(repr_steal(PyNumber_Xor(
                   i1, Ref(PySet_New(Ref(Py_BuildValue("[(ii)(ii)]", 1, 1, 7, 7)))))) ==
               "{(9, 0), (17, 1), (7, 7), (3, 3), (2, 2)}");
    BOOST_TEST(repr_steal(PyNumber_Subtract(k1, k2)) == "{1, 17, 9}");
    BOOST_TEST(repr_steal(PyNumber_And(k1, k2)) == "{2, 3}");
    BOOST_TEST(repr_steal(PyNumber_And(Ref(Py_BuildValue("[iii]", 1, 2, 99)), k1)) == "{1, 2}");
    BOOST_TEST(repr_steal(PyNumber_Or(k1, k2)) == "{64, 1, 2, 3, 17, 5, 33, 9}");
    // Live: they follow the dict.
    BOOST_REQUIRE(set_item(d, num(5), num(6)) == 0);
    BOOST_TEST(PyObject_Size(keys) == 3);
    BOOST_TEST(repr_of(keys) == "dict_keys([1, 3, 5])");
    BOOST_TEST(repr_of(values) == "dict_values([2, 4, 6])");
    BOOST_TEST(repr_of(items) == "dict_items([(1, 2), (3, 4), (5, 6)])");
    BOOST_TEST(repr_steal(PyObject_CallMethod(Ref(PyDict_New()), "keys", nullptr)) ==
               "dict_keys([])");
    BOOST_TEST(repr_steal(_PyDictView_New(Ref(PyList_New(0)), &PyDictKeys_Type)) ==
               "!TypeError: dict_keys() requires a dict argument, not 'list'");
}

BOOST_AUTO_TEST_SUITE_END()
