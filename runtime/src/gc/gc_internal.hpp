// The cycle collector's header and list words, shared by gc_module.cpp, gc_collect.cpp and by
// any runtime file that needs to look at a GC object's header (internal to runtime/src; the
// public API is objimpl.h's).
//
// Every object allocated by PyObject_GC_New/NewVar has a PyGC_Head right in front of it, in the
// same OBJ block:
//
//     block:  | _gc_next | _gc_prev | PyObject ... |
//             ^ as_gc(op)           ^ op
//
// Statically allocated GC objects (the empty tuple, the preallocated MemoryError) carry the same
// two words, zero, in front of them, so the rules below hold for them too (they are never
// tracked and never freed).
//
// The two words, as CPython 3.11 uses them (Include/internal/pycore_gc.h):
//   _gc_next  0 when the object is not tracked. Otherwise the next PyGC_Head of the circular
//             list the object is on (a generation, or a collection's working list). While a
//             collection moves an object to its "unreachable" list, bit 0 is set
//             (kNextUnreachable).
//   _gc_prev  the previous PyGC_Head, with two flag bits below it: bit 1 (kPrevCollecting) while
//             the object's generation is being collected. Between update_refs and
//             move_unreachable the pointer part holds gc_refs instead (the count of references
//             from outside the generation), shifted by kPrevShift; only _gc_next is a valid link
//             then. Bit 0 (kPrevFinalized) is set once the object's tp_finalize has run
//             (PyObject_CallFinalizer or a collection): it never runs twice.
//
// Invariant outside a collection: an object is tracked if and only if _gc_next != 0, and then
// both words are plain pointers of a doubly linked circular list headed by a generation.
#ifndef MINIPY_OBJECTS_GC_INTERNAL_HPP
#define MINIPY_OBJECTS_GC_INTERNAL_HPP

#include <cstdint>

#include "minipy/object.h"
#include "minipy/objimpl.h"

struct PyGC_Head {
    std::uintptr_t _gc_next;
    std::uintptr_t _gc_prev;
};
// Two words, so that the object after it keeps the 16-byte alignment of the block (pymalloc's
// and malloc's), as CPython's header does.
static_assert(sizeof(PyGC_Head) == 2 * sizeof(std::uintptr_t));

namespace minipy::runtime::gc {

inline constexpr std::uintptr_t kPrevFinalized = 1;   // tp_finalize has run (PEP 442)
inline constexpr std::uintptr_t kPrevCollecting = 2;  // in the generation being collected
inline constexpr int kPrevShift = 2;
inline constexpr std::uintptr_t kPrevMask = ~std::uintptr_t{0} << kPrevShift;
inline constexpr std::uintptr_t kNextUnreachable = 1;  // on a collection's unreachable list

inline PyGC_Head *as_gc(PyObject *op) noexcept {
    return reinterpret_cast<PyGC_Head *>(op) - 1;
}
inline PyObject *from_gc(PyGC_Head *g) noexcept {
    return reinterpret_cast<PyObject *>(g + 1);
}

inline bool is_tracked(PyObject *op) noexcept {
    return as_gc(op)->_gc_next != 0;
}

inline PyGC_Head *next_of(const PyGC_Head *g) noexcept {
    return reinterpret_cast<PyGC_Head *>(g->_gc_next);
}
inline PyGC_Head *prev_of(const PyGC_Head *g) noexcept {
    return reinterpret_cast<PyGC_Head *>(g->_gc_prev & kPrevMask);
}
inline void set_next(PyGC_Head *g, PyGC_Head *next) noexcept {
    g->_gc_next = reinterpret_cast<std::uintptr_t>(next);
}
// Keeps the flag bits of `g`.
inline void set_prev(PyGC_Head *g, PyGC_Head *prev) noexcept {
    g->_gc_prev = (g->_gc_prev & ~kPrevMask) | reinterpret_cast<std::uintptr_t>(prev);
}

// During a collection, between update_refs and move_unreachable: the object's gc_refs, kept
// in the pointer part of _gc_prev, and whether it belongs to the collected generations.
inline Py_ssize_t get_refs(const PyGC_Head *g) noexcept {
    return static_cast<Py_ssize_t>(g->_gc_prev >> kPrevShift);
}
inline bool is_collecting(const PyGC_Head *g) noexcept {
    return (g->_gc_prev & kPrevCollecting) != 0;
}

// PyObject_IS_GC without the call: the type has GC and, when it asks, this instance has too.
inline bool object_is_gc(PyObject *op) noexcept {
    PyTypeObject *type = Py_TYPE(op);
    return PyType_IS_GC(type) && (type->tp_is_gc == nullptr || type->tp_is_gc(op));
}

// --- The collector's state (gc_module.cpp), shared with the algorithm (gc_collect.cpp) -----

inline constexpr int kGenerations = MINIPY_GC_GENERATIONS;

struct Generation {
    PyGC_Head head;    // circular list of the tracked objects of this generation
    int threshold;     // gen 0: allocations minus deallocations; older: younger collections
    Py_ssize_t count;  // what `threshold` is compared with (gc.get_count())
};

struct GcState {
    Generation generations[kGenerations];
    PyGC_Head permanent;  // frozen objects (gc.freeze): tracked, never collected
    bool enabled;         // automatic collection (gc.enable / gc.disable)
    bool collecting;      // a collection is running: no other may start
    // The oldest generation's brake (CPython issue #4074): objects that survived a
    // generation-1 collection since the last full one, against those the last full one kept.
    Py_ssize_t long_lived_pending;
    Py_ssize_t long_lived_total;
    minipy_gc_generation_stats stats[kGenerations];
    // tp_finalize calls made by the collector since start-up: a collection whose finalizers
    // made new garbage (a __del__ that resurrects or builds objects) frees nothing itself, and
    // the shutdown's collections must go on past it.
    Py_ssize_t finalized;
};

extern constinit GcState g_gc;

// gc_module.cpp: an untracked GC object of `size` bytes (header not set) with the type's
// pre-header in front (PyType_GenericAlloc's allocation); NULL + MemoryError.
PyObject *gc_alloc_object(PyTypeObject *type, std::size_t size) noexcept;

// gc_collect.cpp: collects `generation` and every younger one (the caller has set
// g_gc.collecting and put the current exception aside); returns the number of unreachable
// objects found.
Py_ssize_t collect_main(int generation) noexcept;

// Circular lists of PyGC_Head (gc_collect.cpp uses them on its own working lists too).
inline void gc_list_init(PyGC_Head *head) noexcept {
    set_next(head, head);
    head->_gc_prev = reinterpret_cast<std::uintptr_t>(head);
}
inline bool gc_list_is_empty(const PyGC_Head *head) noexcept {
    return head->_gc_next == reinterpret_cast<std::uintptr_t>(head);
}
inline void gc_list_append(PyGC_Head *node, PyGC_Head *head) noexcept {
    PyGC_Head *last = prev_of(head);
    set_next(last, node);
    set_prev(node, last);
    set_next(node, head);
    head->_gc_prev = reinterpret_cast<std::uintptr_t>(node);
}
// Unlinks `node` and marks it untracked (its flags go too).
inline void gc_list_remove(PyGC_Head *node) noexcept {
    PyGC_Head *prev = prev_of(node);
    PyGC_Head *next = next_of(node);
    set_next(prev, next);
    set_prev(next, prev);
    node->_gc_next = 0;
    node->_gc_prev &= kPrevFinalized;
}
// Moves `node` from whatever list it is on to the end of `head` (its flags stay).
inline void gc_list_move(PyGC_Head *node, PyGC_Head *head) noexcept {
    PyGC_Head *prev = prev_of(node);
    PyGC_Head *next = next_of(node);
    set_next(prev, next);
    set_prev(next, prev);
    gc_list_append(node, head);
}
// Appends every node of `from` to `to`; `from` is left empty.
inline void gc_list_merge(PyGC_Head *from, PyGC_Head *to) noexcept {
    if (gc_list_is_empty(from)) return;
    PyGC_Head *to_tail = prev_of(to);
    PyGC_Head *from_head = next_of(from);
    PyGC_Head *from_tail = prev_of(from);
    set_next(to_tail, from_head);
    set_prev(from_head, to_tail);
    set_next(from_tail, to);
    to->_gc_prev = reinterpret_cast<std::uintptr_t>(from_tail);
    gc_list_init(from);
}
inline Py_ssize_t gc_list_size(const PyGC_Head *head) noexcept {
    Py_ssize_t n = 0;
    for (const PyGC_Head *g = next_of(head); g != head; g = next_of(g)) ++n;
    return n;
}

// --- The invariant checkers (gc_check.cpp) ---------------------------------------------------
// Each returns true or stops the process with a report naming the broken rule
// (check/check.hpp). None follows a link it has not checked first, none runs user code.

// Generations 0..oldest (all of them for kGenerations - 1): links that agree both ways
// (node->next->prev == node) all around the circle back to its head, no node on two lists
// (or carrying another list's head), no collection flags, every node a GC object with
// references; counts and thresholds >= 0. O(objects on those lists).
bool gc_generations_are_valid(int oldest) noexcept;
// The same rules for one working list of a collection (`name` in the report); `collecting`:
// whether every node carries kPrevCollecting (the unreachable list) or none does.
bool gc_list_is_valid(PyGC_Head *head, const char *name, bool collecting) noexcept;
// The collected generations (`young`, linked by _gc_next only) after update_refs
// (gc_refs == ob_refcnt) or after subtract_refs (0 <= gc_refs <= ob_refcnt); every node
// carries kPrevCollecting.
enum class RefsPhase { updated, subtracted };
bool gc_refs_are_valid(PyGC_Head *young, RefsPhase phase) noexcept;
// One object at track / untrack: when tracked, its neighbours link back to it and it is a GC
// object. O(1).
bool gc_node_is_valid(PyObject *op) noexcept;

}  // namespace minipy::runtime::gc

#endif  // MINIPY_OBJECTS_GC_INTERNAL_HPP
