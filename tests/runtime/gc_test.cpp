// The cycle collector (issue 5, point 5): GC objects and their header, tracking, cycles of
// every container type collected and counted as CPython 3.11 counts them, and the collection
// at shutdown. Generations and the schedule are in gc_generations_test.cpp.
//
// Most cases build cycles out of `Node` (gc_node.hpp: a small GC type with two references,
// like an instance of a class with two __slots__), so they need nothing but the core; the container
// cases use each type's CPython API. Expected numbers are what python3 prints for the same
// objects (gc.collect() after building the cycle with gc disabled).
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <string>

#include "minipy/Python.h"
#include "runtime/forked_child.hpp"
#include "runtime/gc_node.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using namespace minipy::test::gc_node;

BOOST_AUTO_TEST_SUITE(gc)

// --- Objects and tracking ------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_new_gc_object_is_untracked_until_track, QuietCollector) {
    const Py_ssize_t before = counts()[0];
    PyObject *node = new_node(nullptr, nullptr, false);
    BOOST_REQUIRE(node != nullptr);
    BOOST_TEST(counts()[0] == before + 1);  // counted as an allocation
    BOOST_TEST(PyObject_IS_GC(node) == 1);
    BOOST_TEST(PyObject_GC_IsTracked(node) == 0);
    PyObject_GC_Track(node);
    BOOST_TEST(PyObject_GC_IsTracked(node) == 1);
    BOOST_TEST(tracked(0) == 1);
    PyObject_GC_UnTrack(node);
    PyObject_GC_UnTrack(node);  // untracking twice is harmless
    BOOST_TEST(PyObject_GC_IsTracked(node) == 0);
    BOOST_TEST(tracked(0) == 0);
    PyObject_GC_Track(node);
    Py_DECREF(node);  // the dealloc untracks and frees
    BOOST_TEST(tracked(0) == 0);
    BOOST_TEST(counts()[0] == before);
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(non_gc_objects_are_never_tracked, QuietCollector) {
    PyObject *number = PyLong_FromLong(123456789);
    BOOST_REQUIRE(number != nullptr);
    BOOST_TEST(PyObject_IS_GC(number) == 0);
    BOOST_TEST(PyObject_GC_IsTracked(number) == 0);
    Py_DECREF(number);
}

BOOST_AUTO_TEST_CASE(tracking_an_object_twice_is_fatal) {
    const auto result = minipy::test::run_forked([] {
        RuntimeScope runtime;
        PyObject *node = new_node();
        PyObject_GC_Track(node);
    });
    BOOST_TEST(result.signal == SIGABRT);
    BOOST_TEST(result.err.find("Fatal Python error: PyObject_GC_Track: object already tracked "
                               "by the garbage collector") != std::string::npos,
               result.err);
}

BOOST_FIXTURE_TEST_CASE(a_var_sized_gc_object_resizes_while_untracked, QuietCollector) {
    PyObject *tuple = PyTuple_New(3);
    BOOST_REQUIRE(tuple != nullptr);
    PyObject_GC_UnTrack(tuple);
    for (Py_ssize_t i = 0; i < 3; ++i) PyTuple_SET_ITEM(tuple, i, PyLong_FromSsize_t(i));
    PyVarObject *grown = PyObject_GC_Resize(PyVarObject, tuple, 40);
    BOOST_REQUIRE(grown != nullptr);
    BOOST_TEST(Py_SIZE(grown) == 40);
    BOOST_TEST(PyLong_AsSsize_t(PyTuple_GET_ITEM(grown, 2)) == 2);
    PyVarObject *shrunk = PyObject_GC_Resize(PyVarObject, grown, 3);
    BOOST_REQUIRE(shrunk != nullptr);
    PyObject_GC_Track(shrunk);
    Py_DECREF(shrunk);
}

BOOST_FIXTURE_TEST_CASE(gc_new_var_refuses_a_negative_or_huge_size, QuietCollector) {
    BOOST_TEST(PyObject_GC_NewVar(PyTupleObject, &PyTuple_Type, -1) == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    BOOST_TEST(PyObject_GC_NewVar(PyTupleObject, &PyTuple_Type, PY_SSIZE_T_MAX / 4) == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_MemoryError));
    PyErr_Clear();
}

// --- Cycles of nodes -----------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_two_node_cycle_is_collected_and_counted, QuietCollector) {
    const minipy_gc_generation_stats before = stats_of(2);
    const Py_ssize_t found = collect_after([] {
        PyObject *a = new_node();
        PyObject *b = new_node(a);
        set_first(a, b);
        Py_DECREF(a);
        Py_DECREF(b);
    });
    BOOST_TEST(found == 2);  // python3: a.ref = b; b.ref = a -> gc.collect() == 2
    BOOST_TEST(g_live_nodes == 0);
    const minipy_gc_generation_stats after = stats_of(2);
    BOOST_TEST(after.collections == before.collections + 1);
    BOOST_TEST(after.collected == before.collected + 2);
    BOOST_TEST(after.uncollectable == 0);
}

BOOST_FIXTURE_TEST_CASE(a_self_reference_is_one_object, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *a = new_node();
                   set_first(a, a);
                   Py_DECREF(a);
               }) == 1);
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(a_cycle_held_from_outside_survives_until_released, QuietCollector) {
    PyObject *a = new_node();
    PyObject *b = new_node(a);
    set_first(a, b);
    Py_DECREF(b);  // b lives through a's reference; a through ours
    BOOST_TEST(minipy_gc_collect_generation(2) == 0);
    BOOST_TEST(g_live_nodes == 2);
    // Objects reached only through the cycle also survive: a third node hanging off b.
    PyObject *c = new_node();
    reinterpret_cast<Node *>(b)->second = c;  // b takes our reference
    BOOST_TEST(minipy_gc_collect_generation(2) == 0);
    BOOST_TEST(g_live_nodes == 3);
    Py_DECREF(a);
    BOOST_TEST(minipy_gc_collect_generation(2) == 3);
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(a_long_chain_back_to_its_start_is_collected, QuietCollector) {
    // A ring of 2000 nodes: the survivors' pass must handle objects it already moved aside.
    constexpr int kRing = 2000;
    PyObject *first = new_node();
    PyObject *last = first;
    for (int i = 1; i < kRing; ++i) {
        PyObject *next = new_node(last);  // next holds last
        if (last != first) Py_DECREF(last);
        last = next;
    }
    set_first(first, last);  // close the ring
    Py_DECREF(last);
    BOOST_TEST(minipy_gc_collect_generation(2) == 0);  // `first` is still ours
    Py_DECREF(first);
    BOOST_TEST(minipy_gc_collect_generation(2) == kRing);
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(an_exception_from_tp_clear_is_reported_and_the_cycle_still_goes,
                        QuietCollector) {
    g_clear_raises = true;
    BOOST_TEST(collect_after([] {
                   PyObject *a = new_node();
                   set_first(a, a);
                   Py_DECREF(a);
               }) == 1);
    g_clear_raises = false;
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(g_live_nodes == 0);
}

// --- Cycles through each container type (python3's counts) -----------------------------------

BOOST_FIXTURE_TEST_CASE(a_list_containing_itself, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *l = PyList_New(0);
                   BOOST_REQUIRE(PyList_Append(l, l) == 0);
                   Py_DECREF(l);
               }) == 1);  // l = []; l.append(l)
}

BOOST_FIXTURE_TEST_CASE(a_list_and_a_dict_holding_each_other, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *l = PyList_New(0);
                   PyObject *d = PyDict_New();
                   BOOST_REQUIRE(PyList_Append(l, d) == 0);
                   BOOST_REQUIRE(PyDict_SetItemString(d, "k", l) == 0);
                   Py_DECREF(l);
                   Py_DECREF(d);
               }) == 2);  // l = []; d = {}; l.append(d); d['k'] = l
}

BOOST_FIXTURE_TEST_CASE(a_dict_that_is_its_own_value, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *d = PyDict_New();
                   BOOST_REQUIRE(PyDict_SetItemString(d, "me", d) == 0);
                   Py_DECREF(d);
               }) == 1);
}

BOOST_FIXTURE_TEST_CASE(a_cycle_through_a_dict_key, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *k = new_node();
                   PyObject *d = PyDict_New();
                   BOOST_REQUIRE(PyDict_SetItem(d, k, Py_None) == 0);
                   set_first(k, d);
                   Py_DECREF(k);
                   Py_DECREF(d);
               }) == 2);  // k = K(); d = {k: None}; k.ref = d
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(a_cycle_through_a_dict_value, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *k = new_node();
                   PyObject *d = PyDict_New();
                   BOOST_REQUIRE(PyDict_SetItemString(d, "v", k) == 0);
                   set_first(k, d);
                   Py_DECREF(k);
                   Py_DECREF(d);
               }) == 2);
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(a_cycle_through_a_set, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *k = new_node();
                   PyObject *s = PySet_New(nullptr);
                   BOOST_REQUIRE(PySet_Add(s, k) == 0);
                   set_first(k, s);
                   Py_DECREF(k);
                   Py_DECREF(s);
               }) == 2);  // k = K(); s = {k}; k.ref = s
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(a_cycle_through_a_frozenset, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *k = new_node();
                   PyObject *items = PyList_New(0);
                   BOOST_REQUIRE(PyList_Append(items, k) == 0);
                   PyObject *s = PyFrozenSet_New(items);
                   BOOST_REQUIRE(s != nullptr);
                   Py_DECREF(items);
                   set_first(k, s);
                   Py_DECREF(k);
                   Py_DECREF(s);
               }) == 2);  // k = K(); s = frozenset([k]); k.ref = s
    BOOST_TEST(g_live_nodes == 0);
}

BOOST_FIXTURE_TEST_CASE(a_tuple_inside_the_list_it_holds, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *l = PyList_New(0);
                   PyObject *t = PyTuple_Pack(1, l);
                   BOOST_REQUIRE(PyList_Append(l, t) == 0);
                   Py_DECREF(l);
                   Py_DECREF(t);
               }) == 2);  // l = []; t = (l,); l.append(t)
}

BOOST_FIXTURE_TEST_CASE(an_exception_whose_args_hold_it, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *l = PyList_New(0);
                   PyObject *e = PyObject_CallOneArg(PyExc_ValueError, l);
                   BOOST_REQUIRE(e != nullptr);
                   BOOST_REQUIRE(PyList_Append(l, e) == 0);
                   Py_DECREF(l);
                   Py_DECREF(e);
               }) == 3);  // l = []; e = ValueError(l); l.append(e): the list, e, e.args
}

BOOST_FIXTURE_TEST_CASE(a_bound_method_stored_in_its_own_object, QuietCollector) {
    BOOST_TEST(collect_after([] {
                   PyObject *l = PyList_New(0);
                   PyObject *append = PyObject_GetAttrString(l, "append");
                   BOOST_REQUIRE(append != nullptr);
                   BOOST_REQUIRE(PyList_Append(l, append) == 0);
                   Py_DECREF(l);
                   Py_DECREF(append);
               }) == 2);  // l = []; m = l.append; l.append(m)
}

BOOST_FIXTURE_TEST_CASE(tuples_of_atomic_items_are_untracked_by_a_collection, QuietCollector) {
    // python3: t = tuple([1, 2]) is tracked until a collection sees only atoms in it;
    // tuple([1, []]) stays tracked. A tuple holding a tuple goes once the inner one has gone:
    // Py_BuildValue makes the outer tuple first, so the first collection (which scans in
    // allocation order) untracks only the inner one, as CPython's does.
    PyObject *atoms = Py_BuildValue("(is)", 1, "two");
    PyObject *with_list = Py_BuildValue("(iN)", 1, PyList_New(0));
    PyObject *with_tuple = Py_BuildValue("(i(ii))", 1, 2, 3);
    BOOST_REQUIRE((atoms && with_list && with_tuple));
    PyObject *inner = PyTuple_GET_ITEM(with_tuple, 1);
    BOOST_TEST(PyObject_GC_IsTracked(atoms) == 1);
    minipy_gc_collect_generation(0);
    BOOST_TEST(PyObject_GC_IsTracked(atoms) == 0);
    BOOST_TEST(PyObject_GC_IsTracked(with_list) == 1);
    BOOST_TEST(PyObject_GC_IsTracked(inner) == 0);
    BOOST_TEST(PyObject_GC_IsTracked(with_tuple) == 1);
    minipy_gc_collect_generation(1);
    BOOST_TEST(PyObject_GC_IsTracked(with_tuple) == 0);
    BOOST_TEST(PyObject_GC_IsTracked(with_list) == 1);
    Py_DECREF(atoms);
    Py_DECREF(with_list);
    Py_DECREF(with_tuple);
}

// --- Shutdown
// --------------------------------------------------------------------------------------

// The leak check of RuntimeScope proves these were freed: nobody collected them before
// Py_FinalizeEx.
BOOST_AUTO_TEST_CASE(a_self_referencing_list_is_freed_by_the_shutdown_collection) {
    RuntimeScope runtime;
    PyGC_Disable();
    PyObject *l = PyList_New(0);
    BOOST_REQUIRE(l != nullptr);
    BOOST_REQUIRE(PyList_Append(l, l) == 0);
    Py_DECREF(l);
}

BOOST_AUTO_TEST_CASE(cycles_that_free_other_cycles_are_all_gone_at_shutdown) {
    RuntimeScope runtime;
    PyGC_Disable();
    g_live_nodes = 0;
    for (int i = 0; i < 100; ++i) {
        PyObject *a = new_node();
        PyObject *b = new_node(a);
        set_first(a, b);
        Py_DECREF(a);
        Py_DECREF(b);
    }
    BOOST_TEST(g_live_nodes == 200);
}

BOOST_AUTO_TEST_SUITE_END()
