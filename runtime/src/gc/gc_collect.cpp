// One collection (CPython 3.11's algorithm, Modules/gcmodule.c: gc_collect_main): find the
// objects of the collected generations that nothing outside them refers to, and break their
// cycles with tp_clear. The schedule and the public calls are in gc_module.cpp.
//
// The idea: an object of the generation is reachable from outside when its reference count is
// larger than the number of references the generation's own objects hold to it. So:
//   1. update_refs     gc_refs := ob_refcnt for each object (kept in _gc_prev, which stops
//                      being a link until step 3; the objects get kPrevCollecting);
//   2. subtract_refs   for each object, tp_traverse decrements gc_refs of every object it
//                      refers to that is in the collected set. Afterwards gc_refs > 0 means
//                      "referred to from outside": a root;
//   3. move_unreachable  one pass over the list: a root (gc_refs > 0) stays and everything it
//                      refers to is marked reachable (gc_refs := 1), moving it back if the pass
//                      had already put it on the unreachable list; an object with gc_refs == 0
//                      goes to the unreachable list for now (marked by kNextUnreachable), since
//                      a root later in the list may still reach it. Survivors get their
//                      _gc_prev links back and lose kPrevCollecting.
//   4. the survivors move one generation up; tuples that can hold no cycle are untracked;
//   5. finalize_garbage  tp_finalize (a class's __del__, PEP 442) on each unreachable object
//                      not finalized before, marking it finalized (bit 0 of _gc_prev) so it
//                      never runs twice; the finalizers may free objects or resurrect them;
//   6. handle_resurrected_objects  steps 1-3 again on what is left: an object a finalizer made
//                      reachable (stored somewhere outside the garbage) moves to the older
//                      generation with everything it reaches; the rest is final;
//   7. delete_garbage  tp_clear on each unreachable object (holding a reference of our own
//                      around the call), which drops the references that form the cycles; the
//                      objects are then freed by their reference counts. One that is still
//                      alive afterwards moves to the older generation.
// minipy has no legacy finalizers (tp_del) and no weak references, so nothing is ever
// "uncollectable".
//
// Invariant between collections: only the objects of the collected generations carry
// kPrevCollecting, and only during steps 1..3 (survivors) or 1..5 (garbage). No user code runs
// during steps 1..3 except tp_traverse, which must not change any reference.
//
// The invariants preset checks each step's result (gc_check.cpp): the collected generations
// before step 1 and after step 5, gc_refs after steps 1 and 2, the survivors after step 3, the
// unreachable list before step 5.
#include "check/check.hpp"
#include "gc/gc_internal.hpp"
#include "minipy/Python.h"

namespace minipy::runtime::gc {

namespace {

void set_refs(PyGC_Head *g, Py_ssize_t refs) noexcept {
    g->_gc_prev = (g->_gc_prev & ~kPrevMask) | (static_cast<std::uintptr_t>(refs) << kPrevShift);
}
void reset_refs(PyGC_Head *g, Py_ssize_t refs) noexcept {
    g->_gc_prev = (g->_gc_prev & kPrevFinalized) | kPrevCollecting |
                  (static_cast<std::uintptr_t>(refs) << kPrevShift);
}
void decref(PyGC_Head *g) noexcept {
    g->_gc_prev -= std::uintptr_t{1} << kPrevShift;
}
void clear_collecting(PyGC_Head *g) noexcept {
    g->_gc_prev &= ~kPrevCollecting;
}

// --- Steps 1 and 2 ----------------------------------------------------------------------------

void update_refs(PyGC_Head *containers) noexcept {
    for (PyGC_Head *g = next_of(containers); g != containers; g = next_of(g)) {
        PyObject *op = from_gc(g);
        // A tracked object with no reference is a bug in its type (a dealloc that forgot to
        // untrack): it would look unreachable and be cleared while being freed.
        if (Py_REFCNT(op) <= 0) Py_FatalError("a tracked object has no reference left");
        reset_refs(g, Py_REFCNT(op));
    }
}

int visit_decref(PyObject *op, void *) {
    if (object_is_gc(op)) {
        PyGC_Head *g = as_gc(op);
        if (is_collecting(g)) decref(g);
    }
    return 0;
}

void subtract_refs(PyGC_Head *containers) noexcept {
    for (PyGC_Head *g = next_of(containers); g != containers; g = next_of(g)) {
        PyObject *op = from_gc(g);
        traverseproc traverse = Py_TYPE(op)->tp_traverse;
        if (traverse != nullptr) traverse(op, visit_decref, op);
    }
}

// --- Step 3 -------------------------------------------------------------------------------------

// `op` is referred to by a reachable object. `arg` is the list being scanned.
int visit_reachable(PyObject *op, void *arg) {
    if (!object_is_gc(op)) return 0;
    PyGC_Head *g = as_gc(op);
    if (!is_collecting(g)) return 0;  // not in the collected set, or already a settled survivor
    if (g->_gc_next & kNextUnreachable) {
        // Put aside by the pass already: unlink it from the unreachable list (whose links carry
        // the mark) and append it to the scanned list, which the pass has not finished yet.
        PyGC_Head *prev = prev_of(g);
        auto *next = reinterpret_cast<PyGC_Head *>(g->_gc_next & ~kNextUnreachable);
        prev->_gc_next = g->_gc_next;
        set_prev(next, prev);
        gc_list_append(g, static_cast<PyGC_Head *>(arg));
        set_refs(g, 1);
    } else if (get_refs(g) == 0) {
        // Not reached by the pass yet: when the pass gets there it must stay.
        set_refs(g, 1);
    }
    return 0;
}

void move_unreachable(PyGC_Head *young, PyGC_Head *unreachable) noexcept {
    // `prev` is the last settled survivor: survivors get their _gc_prev back from it, which
    // the pass can do because _gc_next stayed a valid link all along.
    PyGC_Head *prev = young;
    PyGC_Head *g = next_of(young);
    while (g != young) {
        if (get_refs(g) > 0) {
            PyObject *op = from_gc(g);
            traverseproc traverse = Py_TYPE(op)->tp_traverse;
            if (traverse != nullptr) traverse(op, visit_reachable, young);
            set_prev(g, prev);
            clear_collecting(g);
            prev = g;
        } else {
            // Unlink from `young` (through `prev`: g's own _gc_prev holds refs) and append to
            // `unreachable`, with every link into the unreachable list marked.
            prev->_gc_next = g->_gc_next;
            PyGC_Head *last = prev_of(unreachable);
            last->_gc_next = kNextUnreachable | reinterpret_cast<std::uintptr_t>(g);
            set_prev(g, last);
            g->_gc_next = kNextUnreachable | reinterpret_cast<std::uintptr_t>(unreachable);
            unreachable->_gc_prev = reinterpret_cast<std::uintptr_t>(g);
        }
        g = next_of(prev);
    }
    young->_gc_prev = reinterpret_cast<std::uintptr_t>(prev);
    unreachable->_gc_next &= ~kNextUnreachable;
}

void clear_unreachable_marks(PyGC_Head *unreachable) noexcept {
    for (PyGC_Head *g = next_of(unreachable); g != unreachable;) {
        g->_gc_next &= ~kNextUnreachable;
        g = next_of(g);
    }
}

// --- Step 4 -------------------------------------------------------------------------------------

// Whether `op` is or may later become part of a cycle the collector must see: any GC object
// but a tuple that has been untracked already (its items can never change).
bool may_be_tracked(PyObject *op) noexcept {
    if (!object_is_gc(op)) return false;
    if (PyTuple_CheckExact(op)) return is_tracked(op);
    return true;
}

// A tuple whose items are all atomic (or untracked tuples) can never be part of a cycle: stop
// scanning it (CPython's _PyTuple_MaybeUntrack). A tuple with a NULL item is still being
// filled and stays.
void maybe_untrack_tuple(PyGC_Head *g) noexcept {
    PyObject *op = from_gc(g);
    if (!PyTuple_CheckExact(op)) return;
    const Py_ssize_t n = PyTuple_GET_SIZE(op);
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *item = PyTuple_GET_ITEM(op, i);
        if (item == nullptr || may_be_tracked(item)) return;
    }
    gc_list_remove(g);
}

void untrack_tuples(PyGC_Head *head) noexcept {
    for (PyGC_Head *g = next_of(head); g != head;) {
        PyGC_Head *next = next_of(g);
        maybe_untrack_tuple(g);
        g = next;
    }
}

// --- Step 5 -------------------------------------------------------------------------------------

void delete_garbage(PyGC_Head *collectable, PyGC_Head *old) noexcept {
    while (!gc_list_is_empty(collectable)) {
        PyGC_Head *g = next_of(collectable);
        PyObject *op = from_gc(g);
        if (inquiry clear = Py_TYPE(op)->tp_clear; clear != nullptr) {
            Py_INCREF(op);
            clear(op);
            if (PyErr_Occurred() != nullptr) PyErr_WriteUnraisable(_PyObject_CAST(Py_TYPE(op)));
            Py_DECREF(op);  // may free op, which unlinks it from `collectable`
        }
        if (next_of(collectable) == g) {
            // Still alive (something outside the cycle kept a reference through tp_clear,
            // or the type has no tp_clear): keep it, in the older generation.
            clear_collecting(g);
            gc_list_move(g, old);
        }
    }
}

// --- Steps 5 and 6 -------------------------------------------------------------------------------

// Runs each object's tp_finalize once. The finalizers may free any object of the list (it
// leaves the list as it goes) or add references to it: each object is moved to `seen` before
// its finalizer runs, so the walk never depends on the list staying as it was.
void finalize_garbage(PyGC_Head *collectable) noexcept {
    PyGC_Head seen;
    gc_list_init(&seen);
    while (!gc_list_is_empty(collectable)) {
        PyGC_Head *g = next_of(collectable);
        PyObject *op = from_gc(g);
        gc_list_move(g, &seen);
        destructor finalize = Py_TYPE(op)->tp_finalize;
        if (finalize != nullptr && !(g->_gc_prev & kPrevFinalized)) {
            g->_gc_prev |= kPrevFinalized;
            ++g_gc.finalized;
            Py_INCREF(op);
            finalize(op);
            Py_DECREF(op);
        }
    }
    gc_list_merge(&seen, collectable);
}

// Splits what the finalizers left of `unreachable` into the objects now reachable from outside
// (moved to `old`) and the rest (`still_unreachable`, still marked as collecting).
void handle_resurrected_objects(PyGC_Head *unreachable, PyGC_Head *still_unreachable,
                                PyGC_Head *old) noexcept {
    for (PyGC_Head *g = next_of(unreachable); g != unreachable; g = next_of(g)) clear_collecting(g);
    update_refs(unreachable);
    subtract_refs(unreachable);
    gc_list_init(still_unreachable);
    move_unreachable(unreachable, still_unreachable);
    clear_unreachable_marks(still_unreachable);
    gc_list_merge(unreachable, old);
}

}  // namespace

Py_ssize_t collect_main(int generation) noexcept {
    MINIPY_ASSERT_EXPENSIVE(gc_generations_are_valid(generation));
    Generation *gens = g_gc.generations;
    if (generation + 1 < kGenerations) gens[generation + 1].count += 1;
    for (int i = 0; i <= generation; ++i) gens[i].count = 0;

    for (int i = 0; i < generation; ++i) gc_list_merge(&gens[i].head, &gens[generation].head);
    PyGC_Head *young = &gens[generation].head;
    PyGC_Head *old = generation + 1 < kGenerations ? &gens[generation + 1].head : young;

    PyGC_Head unreachable;
    update_refs(young);
    MINIPY_ASSERT_EXPENSIVE(gc_refs_are_valid(young, RefsPhase::updated));
    subtract_refs(young);
    MINIPY_ASSERT_EXPENSIVE(gc_refs_are_valid(young, RefsPhase::subtracted));
    gc_list_init(&unreachable);
    move_unreachable(young, &unreachable);
    MINIPY_ASSERT_EXPENSIVE(gc_list_is_valid(young, "gc survivors", false));

    untrack_tuples(young);
    if (young != old) {
        if (generation == kGenerations - 2) g_gc.long_lived_pending += gc_list_size(young);
        gc_list_merge(young, old);
    } else {
        g_gc.long_lived_pending = 0;
        g_gc.long_lived_total = gc_list_size(young);
    }

    clear_unreachable_marks(&unreachable);
    MINIPY_ASSERT_EXPENSIVE(gc_list_is_valid(&unreachable, "gc unreachable list", true));
    finalize_garbage(&unreachable);
    PyGC_Head final_unreachable;
    handle_resurrected_objects(&unreachable, &final_unreachable, old);
    MINIPY_ASSERT_EXPENSIVE(gc_list_is_valid(&final_unreachable, "gc unreachable list", true));
    const Py_ssize_t found = gc_list_size(&final_unreachable);
    delete_garbage(&final_unreachable, old);
    MINIPY_ASSERT_EXPENSIVE(gc_generations_are_valid(generation));

    minipy_gc_generation_stats &stats = g_gc.stats[generation];
    stats.collections += 1;
    stats.collected += found;
    return found;
}

}  // namespace minipy::runtime::gc
