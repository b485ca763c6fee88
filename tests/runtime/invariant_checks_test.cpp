// The runtime's invariant checkers accept every state the ordinary operations leave: dicts
// and sets through long random sequences of inserts, deletes, pops, clears, copies, merges
// and the set algebra (checked after every step); the collector's lists through tracking,
// untracking and collections of each generation; every free list filled past its depth and
// drained, with free lists on and off. A checker that rejects a valid state stops the test
// process with its report. (The invariants preset runs every other suite with the same
// checkers called at each mutation point; invariant_reports_test.cpp shows they reject broken
// states.)
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

#include "gc/gc_internal.hpp"
#include "minipy/Python.h"
#include "objects/dict/dict_internal.hpp"
#include "objects/float/float_internal.hpp"
#include "objects/list/list_internal.hpp"
#include "objects/set/set_internal.hpp"
#include "objects/tuple/tuple_internal.hpp"
#include "runtime/gc_node.hpp"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"

namespace {

using namespace minipy::runtime;
using minipy::test::RuntimeScope;
using minipy::test::objects::Ref;

// A key drawn from 0..range-1, as an int or (every third) as the str of the number, so that
// the tables mix cached str hashes with int ones.
PyObject *key_for(unsigned k) {
    if (k % 3 == 0) return PyUnicode_FromFormat("k%u", k);
    return PyLong_FromUnsignedLong(k);
}

bool all_tuple_freelists_are_valid() {
    for (Py_ssize_t size = 1; size < 20; ++size)
        if (!tuple_freelist_is_valid(size)) return false;
    return true;
}

bool all_freelists_are_valid() {
    return float_freelist_is_valid() && all_tuple_freelists_are_valid() &&
           list_freelist_is_valid() && dict_freelist_is_valid() && dictkeys_freelist_is_valid();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(invariant_checks)

BOOST_AUTO_TEST_CASE(dict_checkers_accept_every_state_of_a_random_walk) {
    RuntimeScope runtime;
    std::mt19937 rng(20240611);
    Ref d(PyDict_New());
    Ref copy(PyDict_New());
    BOOST_TEST(dict_is_valid(as_dict(d)));
    for (int step = 0; step < 6000; ++step) {
        // Mostly inserts at first, so the table grows through every index width up to 16 bits;
        // more deletes later, so it also lives with many dummies and popitem's holes.
        const unsigned range = step < 3000 ? 2000 : 400;
        const unsigned roll = rng() % 100;
        Ref key(key_for(rng() % range));
        if (roll < 55) {
            BOOST_REQUIRE(PyDict_SetItem(d, key, key) == 0);
        } else if (roll < 80) {
            if (PyDict_DelItem(d, key) < 0) PyErr_Clear();
        } else if (roll < 88) {
            Ref item(PyObject_CallMethod(d, "popitem", nullptr));
            if (item.get() == nullptr) PyErr_Clear();
        } else if (roll < 93) {
            BOOST_REQUIRE(PyDict_SetDefault(d, key, Py_None) != nullptr);  // borrowed
        } else if (roll < 96) {
            copy.reset(PyDict_Copy(d));
            BOOST_REQUIRE(copy.get() != nullptr);
        } else if (roll < 99) {
            BOOST_REQUIRE(PyDict_Update(copy, d) == 0);
        } else {
            PyDict_Clear(d);
        }
        BOOST_REQUIRE(dict_is_valid(as_dict(d)));
        BOOST_REQUIRE(dict_is_valid(as_dict(copy)));
        // The entry just written or deleted, as the insert and delete paths check it.
        if (as_dict(d)->ma_keys != dict_empty_keys() && as_dict(d)->ma_keys->dk_nentries > 0)
            BOOST_REQUIRE(dict_change_is_valid(as_dict(d), as_dict(d)->ma_keys->dk_nentries - 1));
    }
}

BOOST_AUTO_TEST_CASE(dict_checkers_accept_presized_and_merged_tables) {
    RuntimeScope runtime;
    Ref presized(_PyDict_NewPresized(1000));
    BOOST_TEST(dict_is_valid(as_dict(presized)));
    Ref source(PyDict_New());
    for (unsigned k = 0; k < 700; ++k) {
        Ref key(key_for(k));
        BOOST_REQUIRE(PyDict_SetItem(source, key, key) == 0);
    }
    BOOST_REQUIRE(PyDict_Update(presized, source) == 0);
    BOOST_TEST(dict_is_valid(as_dict(presized)));
    Ref empty(PyDict_New());
    BOOST_REQUIRE(PyDict_Merge(empty, source, 1) == 0);  // the whole-table clone
    BOOST_TEST(dict_is_valid(as_dict(empty)));
    Ref from_keys(PyObject_CallMethod(reinterpret_cast<PyObject *>(&PyDict_Type), "fromkeys", "O",
                                      source.get()));
    BOOST_REQUIRE(from_keys.get() != nullptr);
    BOOST_TEST(dict_is_valid(as_dict(from_keys)));
}

BOOST_AUTO_TEST_CASE(set_checkers_accept_every_state_of_a_random_walk) {
    RuntimeScope runtime;
    std::mt19937 rng(7);
    Ref s(PySet_New(nullptr));
    Ref other(PySet_New(nullptr));
    for (int step = 0; step < 6000; ++step) {
        const unsigned range = step < 3000 ? 3000 : 300;
        const unsigned roll = rng() % 100;
        Ref key(key_for(rng() % range));
        if (roll < 55) {
            BOOST_REQUIRE(PySet_Add(s, key) == 0);
        } else if (roll < 80) {
            BOOST_REQUIRE(PySet_Discard(s, key) >= 0);
        } else if (roll < 86) {
            Ref popped(PySet_Pop(s));
            if (popped.get() == nullptr) PyErr_Clear();
        } else if (roll < 89) {
            BOOST_REQUIRE(PySet_Add(other, key) == 0);
            Ref result(PyNumber_InPlaceOr(s, other));  // merge
            BOOST_REQUIRE(result.get() != nullptr);
        } else if (roll < 92) {
            Ref result(PyNumber_InPlaceSubtract(s, other));  // difference_update, rebuild
            BOOST_REQUIRE(result.get() != nullptr);
        } else if (roll < 94) {
            Ref result(PyNumber_InPlaceAnd(other, s));  // intersection_update: swaps bodies
            BOOST_REQUIRE(result.get() != nullptr);
        } else if (roll < 96) {
            Ref result(PyNumber_InPlaceXor(other, s));
            BOOST_REQUIRE(result.get() != nullptr);
        } else if (roll < 98) {
            Ref frozen(PyFrozenSet_New(s));
            BOOST_REQUIRE(frozen.get() != nullptr);
            BOOST_REQUIRE(PyObject_Hash(frozen) != -1);
            BOOST_REQUIRE(set_is_valid(as_set(frozen)));
        } else if (roll < 99) {
            other.reset(PySet_New(s));  // the slot-by-slot copy into an empty table
        } else {
            BOOST_REQUIRE(PySet_Clear(s) == 0);
        }
        BOOST_REQUIRE(set_is_valid(as_set(s)));
        BOOST_REQUIRE(set_is_valid(as_set(other)));
        BOOST_REQUIRE(
            set_change_is_valid(as_set(s), &as_set(s)->table[rng() % (as_set(s)->mask + 1)]));
    }
}

BOOST_AUTO_TEST_CASE(gc_checkers_accept_tracking_untracking_and_collections) {
    using namespace minipy::test::gc_node;
    QuietCollector quiet;
    BOOST_TEST(gc::gc_generations_are_valid(2));
    std::vector<PyObject *> kept;
    for (int round = 0; round < 30; ++round) {
        // A cycle that becomes garbage, a chain that stays, containers of the built-in types.
        PyObject *a = new_node();
        PyObject *b = new_node(a);
        set_first(a, b);
        Py_DECREF(a);
        Py_DECREF(b);
        kept.push_back(new_node(Py_None));
        kept.push_back(PyList_New(0));
        Ref key(PyLong_FromLong(round));
        Ref d(PyDict_New());
        BOOST_REQUIRE(PyDict_SetItem(d, key, kept.back()) == 0);  // tracks the dict
        BOOST_TEST(gc::gc_node_is_valid(d));
        kept.push_back(PyTuple_Pack(2, key.get(), key.get()));  // untracked by a collection
        PyObject_GC_UnTrack(kept[kept.size() - 2]);
        BOOST_TEST(gc::gc_node_is_valid(kept[kept.size() - 2]));
        PyObject_GC_Track(kept[kept.size() - 2]);
        BOOST_TEST(gc::gc_generations_are_valid(2));
        BOOST_TEST(minipy_gc_collect_generation(round % 3) >= 0);
        BOOST_TEST(gc::gc_generations_are_valid(2));
        for (PyObject *op : kept) BOOST_TEST(gc::gc_node_is_valid(op));
    }
    BOOST_TEST(g_live_nodes == 30);  // the kept nodes; every cycle was collected
    for (PyObject *op : kept) Py_DECREF(op);
    BOOST_TEST(minipy_gc_collect_generation(2) == 0);
    BOOST_TEST(gc::gc_generations_are_valid(2));
}

BOOST_AUTO_TEST_CASE(freelist_checkers_accept_lists_filled_past_their_depth_and_drained) {
    RuntimeScope runtime;
    BOOST_TEST(all_freelists_are_valid());
    std::vector<PyObject *> objects;
    for (int i = 0; i < 150; ++i) {
        objects.push_back(PyFloat_FromDouble(i));
        objects.push_back(PyList_New(0));
        Ref key(PyLong_FromLong(i));
        PyObject *d = PyDict_New();
        BOOST_REQUIRE(PyDict_SetItem(d, key, key) == 0);  // an 8-slot keys object
        objects.push_back(d);
    }
    for (Py_ssize_t size = 1; size < 20; ++size) {
        for (int i = 0; i < 40; ++i) {
            PyObject *t = PyTuple_New(size);
            for (Py_ssize_t j = 0; j < size; ++j) PyTuple_SET_ITEM(t, j, PyLong_FromSsize_t(j));
            objects.push_back(t);
        }
    }
    for (PyObject *op : objects) Py_DECREF(op);  // more than every list's depth but the tuples'
    BOOST_TEST(float_freelist_size() == 100);
    BOOST_TEST(all_freelists_are_valid());
    objects.clear();
    for (int i = 0; i < 120; ++i) {  // and taken back past empty
        objects.push_back(PyFloat_FromDouble(i));
        objects.push_back(PyList_New(1));
        objects.push_back(PyTuple_Pack(2, Py_None, Py_None));
        objects.push_back(PyDict_New());
        BOOST_REQUIRE(PyDict_SetItem(objects.back(), Py_None, Py_None) == 0);
    }
    BOOST_TEST(all_freelists_are_valid());
    for (PyObject *op : objects) Py_DECREF(op);
    BOOST_TEST(all_freelists_are_valid());
}

BOOST_AUTO_TEST_CASE(freelist_checkers_accept_free_lists_switched_off) {
    PyConfig config = RuntimeScope::test_config();
    config.use_freelists = 0;
    RuntimeScope runtime(config);
    std::vector<PyObject *> objects;
    for (int i = 0; i < 50; ++i) {
        objects.push_back(PyFloat_FromDouble(i));
        objects.push_back(PyList_New(0));
        objects.push_back(PyTuple_Pack(1, Py_None));
        objects.push_back(PyDict_New());
        BOOST_REQUIRE(PyDict_SetItem(objects.back(), Py_None, Py_None) == 0);
    }
    for (PyObject *op : objects) Py_DECREF(op);
    BOOST_TEST(float_freelist_size() == 0);
    BOOST_TEST(all_freelists_are_valid());
}

BOOST_AUTO_TEST_SUITE_END()
