// The runtime's invariant checkers find a broken structure and say which rule it broke: each
// case breaks one rule of a dict, a set, the collector's lists or a free list in a forked
// child, calls the checker, and matches the whole report (invariant_report.hpp). The checkers
// are called directly, so these cases run in every build; the cases under
// MINIPY_EXPENSIVE_ASSERTS show that the invariants preset calls them at the mutation points
// (an ordinary insert, discard, untrack, collection or allocation stops at the broken rule).
#include <boost/test/unit_test.hpp>

#include <initializer_list>

#include "gc/gc_internal.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"
#include "objects/dict/dict_internal.hpp"
#include "objects/float/float_internal.hpp"
#include "objects/list/list_internal.hpp"
#include "objects/set/set_internal.hpp"
#include "objects/tuple/tuple_internal.hpp"
#include "runtime/gc_node.hpp"
#include "runtime/invariant_report.hpp"
#include "runtime/runtime_scope.hpp"

namespace {

using namespace minipy::runtime;
using minipy::test::announce;
using minipy::test::announce_thread;
using minipy::test::check_report;
using minipy::test::run_forked;
using minipy::test::RuntimeScope;

// {k: k for k in keys}, keys small ints (hash(k) == k: entry i sits in slot keys[i]).
PyObject *dict_of_ints(std::initializer_list<long> keys) {
    PyObject *d = PyDict_New();
    for (long k : keys) {
        PyObject *key = PyLong_FromLong(k);
        PyDict_SetItem(d, key, key);
        Py_DECREF(key);
    }
    return d;
}

PyObject *dict_of_range(long n) {
    PyObject *d = PyDict_New();
    for (long k = 0; k < n; ++k) {
        PyObject *key = PyLong_FromLong(k);
        PyDict_SetItem(d, key, key);
        Py_DECREF(key);
    }
    return d;
}

// {k for k in keys}: small ints, each in slot k of a small table.
PyObject *set_of_range(long first, long end) {
    PyObject *s = PySet_New(nullptr);
    for (long k = first; k < end; ++k) {
        PyObject *key = PyLong_FromLong(k);
        PySet_Add(s, key);
        Py_DECREF(key);
    }
    return s;
}

// The child's runtime, with a quiet collector whose generations start empty.
struct ChildRuntime {
    RuntimeScope runtime;
    ChildRuntime() {
        PyGC_Disable();
        minipy_gc_collect_generation(2);
        announce_thread();
    }
};

// Runs `break_a_rule` in a forked child with a running runtime (ChildRuntime) and checks that
// the child died with the report `expected` (invariant_report.hpp).
template <typename Body>
void check_child_report(Body break_a_rule, const char *expected) {
    check_report(run_forked([&] {
                     ChildRuntime child;
                     break_a_rule();
                 }),
                 expected);
}

// In the child: the __dict__ of an instance of a new class with attributes a and b: a dict split
// on the class's shared keys (dict_split.cpp).
PyObject *split_dict_of_two() {
    PyObject *ns = PyDict_New();
    PyObject *cls = PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyType_Type), "s(O)O", "C",
                                          reinterpret_cast<PyObject *>(&PyBaseObject_Type), ns);
    PyObject *obj = PyObject_CallNoArgs(cls);
    PyObject_SetAttrString(obj, "a", Py_None);
    PyObject_SetAttrString(obj, "b", Py_None);
    PyObject *d = PyObject_GetAttrString(obj, "__dict__");
    BOOST_REQUIRE(d != nullptr && as_dict(d)->ma_values != nullptr);
    return d;
}

PyGC_Head *generation_head(int i) {
    return &gc::g_gc.generations[i].head;
}

// Readying the node type gives it a dict and an MRO, both tracked: ready it and collect first
// (by hand: ChildRuntime disabled the collector), so that generation 0 holds only the nodes a
// test makes next (the reports count positions).
void empty_generation_zero() {
    BOOST_REQUIRE(PyType_Ready(minipy::test::gc_node::node_type()) == 0);
    minipy_gc_collect_generation(2);
}

// In the child: two tracked nodes a and b, then generation 0's list made to skip a, whose own
// words still say "tracked". Announces a, its node, b's node and the head; returns a.
PyObject *node_left_off_its_list() {
    using minipy::test::gc_node::new_node;
    empty_generation_zero();
    PyObject *a = new_node();
    PyObject *b = new_node();
    announce("a", a);
    announce("a_node", gc::as_gc(a));
    announce("b_node", gc::as_gc(b));
    announce("head", generation_head(0));
    gc::set_next(generation_head(0), gc::as_gc(b));
    gc::set_prev(gc::as_gc(b), generation_head(0));
    return a;
}

constexpr const char *kNodeOffItsListReport =
    "gc_node_is_valid: tracked object at {a}: a tracked object's neighbours link back to it: it "
    "is on a list (next's prev {head}, prev's next {b_node}, the object's node {a_node})";

}  // namespace

BOOST_AUTO_TEST_SUITE(invariant_reports)

// --- dict ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(dict_ma_used_counts_the_live_entries) {
    check_child_report(
        [] {
            PyObject *d = dict_of_ints({1, 2, 3});
            announce("dict", d);
            as_dict(d)->ma_used = 2;
            dict_is_valid(as_dict(d));
        },
        "dict_is_valid: dict at {dict}: ma_used counts the live entries (ma_used 2, "
        "live 3)");
}

BOOST_AUTO_TEST_CASE(dict_split_values_stop_at_ma_used) {
    check_child_report(
        [] {
            PyObject *d = split_dict_of_two();
            announce("dict", d);
            as_dict(d)->ma_values->values[2] = Py_None;
            dict_is_valid(as_dict(d));
        },
        "dict_is_valid: dict at {dict}: a split dict holds no value past its first ma_used keys "
        "(slot 2 is set, ma_used 2)");
}

BOOST_AUTO_TEST_CASE(dict_split_values_cover_the_shared_keys) {
    check_child_report(
        [] {
            PyObject *d = split_dict_of_two();
            announce("dict", d);
            as_dict(d)->ma_values->capacity = 1;
            dict_is_valid(as_dict(d));
        },
        "dict_is_valid: dict at {dict}: the values array has a slot for every shared key "
        "(capacity 1, dk_nentries 2)");
}

BOOST_AUTO_TEST_CASE(dict_index_slots_hold_entries_below_dk_nentries) {
    check_child_report(
        [] {
            PyObject *d = dict_of_ints({1, 2, 3});
            announce("dict", d);
            set_index(as_dict(d)->ma_keys, 2, 4);  // slot 2 held entry 1
            dict_is_valid(as_dict(d));
        },
        "dict_is_valid: dict at {dict}: an index slot holds EMPTY, DUMMY or an entry "
        "below dk_nentries (slot 2 holds 4, dk_nentries 3)");
}

BOOST_AUTO_TEST_CASE(dict_entries_are_reached_from_their_hash) {
    check_child_report(
        [] {
            PyObject *d = dict_of_ints({1, 2, 3});
            announce("dict", d);
            // Entry 0 (key 1) moves from slot 1 to slot 5: a search for 1 stops at 1.
            set_index(as_dict(d)->ma_keys, 1, kDictIxEmpty);
            set_index(as_dict(d)->ma_keys, 5, 0);
            dict_is_valid(as_dict(d));
        },
        "dict_is_valid: dict at {dict}: a live entry is reached from its hash before an "
        "empty slot (entry 0, hash 1, search ended at slot 1)");
}

BOOST_AUTO_TEST_CASE(dict_entries_have_a_key_exactly_when_they_have_a_value) {
    check_child_report(
        [] {
            PyObject *d = dict_of_ints({1, 2, 3});
            DictKeyEntry *entry = &dk_entries(as_dict(d)->ma_keys)[1];
            announce("dict", d);
            announce("key", entry->me_key);
            // Half a deletion: the slot says deleted, the entry keeps its key.
            set_index(as_dict(d)->ma_keys, 2, kDictIxDummy);
            entry->me_value = nullptr;
            as_dict(d)->ma_used = 2;
            dict_is_valid(as_dict(d));
        },
        "dict_is_valid: dict at {dict}: an entry has a key if and only if it has a "
        "value (entry 1: key {key}, value (nil))");
}

BOOST_AUTO_TEST_CASE(dict_change_checks_the_entry_it_touched_in_a_big_table) {
    check_child_report(
        [] {
            PyObject *d = dict_of_range(100);  // 256 slots, key k in slot k
            announce("dict", d);
            dk_entries(as_dict(d)->ma_keys)[50].me_hash = 200;
            dict_change_is_valid(as_dict(d), 50);
        },
        "dict_change_is_valid: dict at {dict}: a live entry is reached from its hash "
        "before an empty slot (entry 50, hash 200, search ended at slot 200)");
}

// --- set ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(set_fill_counts_active_and_dummy_slots) {
    check_child_report(
        [] {
            PyObject *s = set_of_range(1, 4);
            announce("set", s);
            as_set(s)->fill = 4;
            set_is_valid(as_set(s));
        },
        "set_is_valid: set at {set}: fill counts the active and dummy slots (fill 4, "
        "active 3, dummy 0)");
}

BOOST_AUTO_TEST_CASE(set_keys_are_found_from_their_hash) {
    check_child_report(
        [] {
            PyObject *s = set_of_range(1, 4);
            announce("set", s);
            setentry *table = as_set(s)->table;
            table[6] = table[1];  // key 1 moves away from the slot its search ends at
            table[1] = setentry{nullptr, 0};
            set_is_valid(as_set(s));
        },
        "set_is_valid: set at {set}: an active key is found from its hash before an "
        "unused slot (slot 6, hash 1, search ended at slot 1)");
}

BOOST_AUTO_TEST_CASE(set_dummy_slots_have_hash_minus_one) {
    check_child_report(
        [] {
            PyObject *s = set_of_range(1, 4);
            PyObject *two = PyLong_FromLong(2);
            PySet_Discard(s, two);
            announce("set", s);
            as_set(s)->table[2].hash = 0;
            set_is_valid(as_set(s));
        },
        "set_is_valid: set at {set}: a dummy slot has hash -1 (slot 2 has hash 0)");
}

BOOST_AUTO_TEST_CASE(set_holds_each_key_once) {
    check_child_report(
        [] {
            PyObject *s = set_of_range(1, 4);
            announce("set", s);
            PySetObject *so = as_set(s);
            so->table[4] = so->table[1];
            so->fill++;
            so->used++;
            set_is_valid(so);
        },
        "set_is_valid: set at {set}: a key is in the table once (slots 1 and 4)");
}

BOOST_AUTO_TEST_CASE(set_change_checks_the_slot_it_touched_in_a_big_table) {
    check_child_report(
        [] {
            PyObject *s = set_of_range(0, 100);  // 512 slots, key k in slot k
            announce("set", s);
            PySetObject *so = as_set(s);
            so->table[50].hash = 200;
            set_change_is_valid(so, &so->table[50]);
        },
        "set_change_is_valid: set at {set}: an active key is found from its hash "
        "before an unused slot (slot 50, hash 200, search ended at slot 200)");
}

// --- the collector ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(gc_list_links_agree_both_ways) {
    using minipy::test::gc_node::new_node;
    check_child_report(
        [] {
            empty_generation_zero();
            PyObject *a = new_node();
            PyObject *b = new_node();
            announce("head", generation_head(0));
            announce("a_node", gc::as_gc(a));
            announce("b_node", gc::as_gc(b));
            gc::set_prev(gc::as_gc(b), generation_head(0));
            gc::gc_generations_are_valid(2);
        },
        "gc_generations_are_valid: gc generation 0: links agree both ways: the next node's "
        "prev is the node itself (node 1 at {b_node} has prev {head}, its predecessor "
        "is {a_node})");
}

BOOST_AUTO_TEST_CASE(gc_tracked_objects_are_alive) {
    using minipy::test::gc_node::new_node;
    check_child_report(
        [] {
            PyObject *a = new_node();
            announce("a", a);
            Py_SET_REFCNT(a, 0);
            gc::gc_generations_are_valid(2);
        },
        "gc_generations_are_valid: gc generation 0: a tracked object is alive (object {a} "
        "has refcount 0)");
}

BOOST_AUTO_TEST_CASE(gc_objects_are_on_exactly_one_list) {
    using minipy::test::gc_node::new_node;
    check_child_report(
        [] {
            empty_generation_zero();
            PyObject *a = new_node();
            // Generation 0's only node runs on into generation 1's circle.
            gc::set_next(gc::as_gc(a), generation_head(1));
            gc::set_prev(generation_head(1), gc::as_gc(a));
            gc::gc_generations_are_valid(2);
        },
        "gc_generations_are_valid: gc generation 0: every tracked object is on exactly one "
        "list (node 1 is the head of generation 1)");
}

BOOST_AUTO_TEST_CASE(gc_tracked_object_is_on_a_list) {
    check_child_report([] { gc::gc_node_is_valid(node_left_off_its_list()); },
                       kNodeOffItsListReport);
}

// A list of one node `op`, the way update_refs leaves the collected set, with gc_refs `refs`.
void collecting_list_of(PyGC_Head *head, PyObject *op, Py_ssize_t refs) {
    gc::gc_list_init(head);
    gc::gc_list_move(gc::as_gc(op), head);
    gc::as_gc(op)->_gc_prev =
        (static_cast<std::uintptr_t>(refs) << gc::kPrevShift) | gc::kPrevCollecting;
}

BOOST_AUTO_TEST_CASE(gc_refs_start_as_the_reference_count) {
    using minipy::test::gc_node::new_node;
    check_child_report(
        [] {
            PyObject *a = new_node();
            announce("a", a);
            PyGC_Head young;
            collecting_list_of(&young, a, 5);
            gc::gc_refs_are_valid(&young, gc::RefsPhase::updated);
        },
        "gc_refs_are_valid: collected generations: update_refs sets gc_refs to the "
        "reference count (node 0: object {a}, gc_refs 5, refcount 1)");
}

BOOST_AUTO_TEST_CASE(gc_refs_never_go_below_zero) {
    using minipy::test::gc_node::new_node;
    check_child_report(
        [] {
            PyObject *a = new_node();
            announce("a", a);
            PyGC_Head young;
            collecting_list_of(&young, a, -1);
            gc::gc_refs_are_valid(&young, gc::RefsPhase::subtracted);
        },
        "gc_refs_are_valid: collected generations: 0 <= gc_refs <= refcount after "
        "subtract_refs: no tp_traverse visits a reference it does not hold (node 0: "
        "object {a}, gc_refs -1, refcount 1)");
}

// --- the free lists -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(float_free_list_entries_are_dead) {
    check_child_report(
        [] {
            PyObject *f = PyFloat_FromDouble(1.5);
            announce("float", f);
            Py_DECREF(f);  // the head of the free list now
            Py_SET_REFCNT(f, 1);
            float_freelist_is_valid();
        },
        "float_freelist_is_valid: float free list: an entry is dead: nobody holds it "
        "(entry 0 at {float} has refcount 1)");
}

BOOST_AUTO_TEST_CASE(tuple_free_list_entries_have_the_lists_size) {
    check_child_report(
        [] {
            PyObject *t = PyTuple_New(3);
            for (Py_ssize_t i = 0; i < 3; ++i) PyTuple_SET_ITEM(t, i, PyLong_FromSsize_t(i));
            Py_DECREF(t);  // the head of the 3-item list now
            Py_SET_SIZE(t, 4);
            tuple_freelist_is_valid(3);
        },
        "tuple_freelist_is_valid: tuple free list: every entry has the list's size "
        "(size 3, entry 0 has ob_size 4)");
}

BOOST_AUTO_TEST_CASE(list_free_list_entries_have_no_item_vector) {
    check_child_report(
        [] {
            list_fini();  // an empty free list: the next list freed is entry 0
            PyObject *l = PyList_New(0);
            announce("list", l);
            Py_DECREF(l);
            reinterpret_cast<PyListObject *>(l)->ob_item = reinterpret_cast<PyObject **>(l);
            list_freelist_is_valid();
        },
        "list_freelist_is_valid: list free list: an entry has no item vector (entry 0 "
        "at {list} has {list})");
}

BOOST_AUTO_TEST_CASE(list_free_list_holds_each_block_once) {
    check_child_report(
        [] {
            list_fini();  // room on the free list for l
            PyObject *l = PyList_New(0);
            announce("list", l);
            Py_DECREF(l);
            list_dealloc(l);  // freed twice
            list_freelist_is_valid();
        },
        "list_freelist_is_valid: list free list: no block is on the list twice ({list} "
        "is there twice)");
}

BOOST_AUTO_TEST_CASE(dict_free_list_entries_are_dead) {
    check_child_report(
        [] {
            dict_freelist_clear();
            PyObject *d = PyDict_New();
            announce("dict", d);
            Py_DECREF(d);
            Py_SET_REFCNT(d, 1);
            dict_freelist_is_valid();
        },
        "dict_freelist_is_valid: dict free list: an entry is dead: nobody holds it "
        "(entry 0 at {dict} has refcount 1)");
}

BOOST_AUTO_TEST_CASE(dict_keys_free_list_entries_have_the_minimum_size) {
    check_child_report(
        [] {
            dict_freelist_clear();
            PyObject *d = dict_of_ints({1});
            PyDictKeysObject *keys = as_dict(d)->ma_keys;
            announce("keys", keys);
            Py_DECREF(d);  // its 8-slot keys object goes to the keys free list
            keys->dk_log2_size = 4;
            dictkeys_freelist_is_valid();
        },
        "dictkeys_freelist_is_valid: dict keys free list: every entry is a keys object "
        "of the minimum size (entry 0 at {keys} has dk_log2_size 4, "
        "dk_log2_index_bytes 3)");
}

#if defined(MINIPY_EXPENSIVE_ASSERTS)

// --- The invariants preset calls the checkers where the structures change -----------------------

BOOST_AUTO_TEST_CASE(an_insert_checks_the_dict) {
    check_child_report(
        [] {
            PyObject *d = dict_of_ints({1, 2, 3});
            announce("dict", d);
            as_dict(d)->ma_used = 2;
            PyObject *key = PyLong_FromLong(4);
            PyDict_SetItem(d, key, key);
        },
        "dict_change_is_valid: dict at {dict}: ma_used counts the live entries "
        "(ma_used 3, live 4)");
}

BOOST_AUTO_TEST_CASE(a_discard_checks_the_set) {
    check_child_report(
        [] {
            PyObject *s = set_of_range(1, 4);
            announce("set", s);
            as_set(s)->fill = 4;
            PyObject *three = PyLong_FromLong(3);
            PySet_Discard(s, three);
        },
        "set_change_is_valid: set at {set}: fill counts the active and dummy slots "
        "(fill 4, active 2, dummy 1)");
}

BOOST_AUTO_TEST_CASE(untracking_checks_the_object_is_on_a_list) {
    check_child_report([] { PyObject_GC_UnTrack(node_left_off_its_list()); },
                       kNodeOffItsListReport);
}

// A Node type whose tp_traverse visits `first` twice: a reference it holds once.
int visit_first_twice(PyObject *self, visitproc visit, void *arg) {
    auto *node = reinterpret_cast<minipy::test::gc_node::Node *>(self);
    Py_VISIT(node->first);
    Py_VISIT(node->first);
    return 0;
}

BOOST_AUTO_TEST_CASE(a_collection_checks_gc_refs_after_subtract_refs) {
    using minipy::test::gc_node::new_node;
    check_child_report(
        [] {
            empty_generation_zero();
            PyObject *b = new_node();
            PyObject *a = new_node(b);
            Py_DECREF(b);  // a holds the only reference to b
            announce("b", b);
            Py_TYPE(a)->tp_traverse = visit_first_twice;
            minipy_gc_collect_generation(0);
        },
        "gc_refs_are_valid: collected generations: 0 <= gc_refs <= refcount after "
        "subtract_refs: no tp_traverse visits a reference it does not hold (node 0: "
        "object {b}, gc_refs -1, refcount 1)");
}

BOOST_AUTO_TEST_CASE(taking_a_float_from_the_free_list_checks_it) {
    check_child_report(
        [] {
            PyObject *f = PyFloat_FromDouble(1.5);
            announce("float", f);
            Py_DECREF(f);
            Py_SET_REFCNT(f, 1);
            PyFloat_FromDouble(2.5);
        },
        "float_freelist_is_valid: float free list: an entry is dead: nobody holds it "
        "(entry 0 at {float} has refcount 1)");
}

BOOST_AUTO_TEST_CASE(freeing_a_list_twice_is_caught_when_it_is_pushed) {
    check_child_report(
        [] {
            list_fini();  // room on the free list for l
            PyObject *l = PyList_New(0);
            announce("list", l);
            Py_DECREF(l);
            list_dealloc(l);
        },
        "list_freelist_is_valid: list free list: no block is on the list twice ({list} "
        "is there twice)");
}

#endif  // MINIPY_EXPENSIVE_ASSERTS

BOOST_AUTO_TEST_SUITE_END()
