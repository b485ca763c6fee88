// The collector's invariant checkers (declared at the end of gc_internal.hpp): the generation
// lists, a collection's working lists and its gc_refs, and single objects at track/untrack.
// Called by MINIPY_ASSERT_EXPENSIVE in gc_module.cpp (track, untrack, delete) and
// gc_collect.cpp (each phase of a collection, over the lists that collection works on, so
// that checking stays proportional to the collection's own work), and by tests. Reports go
// through check/check.hpp.
//
// Why walking the lists is enough to find an object on two lists: each step checks that the
// next node's prev is the node just left. A node has one prev, so the walk from a head can
// only ever return to that head (or stop at a broken link); a node reached from two heads
// would need two prevs. The same check ends a walk that would run round a loop which
// misses its head (the node where the loop closes has the wrong prev), so every walk ends.
//
// What the lists cannot show is an object that says it is tracked (_gc_next != 0) but is
// on no list: gc_node_is_valid catches it when it is untracked or freed (its neighbours do
// not link back to it).
#include "check/check.hpp"
#include "gc/gc_internal.hpp"

namespace minipy::runtime::gc {

namespace {

using check::Subject;

static_assert(kGenerations == 3, "the names below list three generations");
constexpr const char *kGenerationNames[kGenerations] = {"gc generation 0", "gc generation 1",
                                                        "gc generation 2"};

// Which generation's head `g` is, or -1.
int generation_of_head(const PyGC_Head *g) noexcept {
    for (int i = 0; i < kGenerations; ++i)
        if (g == &g_gc.generations[i].head) return i;
    return -1;
}

// A tracked object is a GC object.
void check_gc_type(const Subject &s, PyGC_Head *g) noexcept {
    PyObject *op = from_gc(g);
    s.require(object_is_gc(op),
              {"a tracked object has a GC type (object ", static_cast<const void *>(op),
               " of type ", static_cast<const void *>(Py_TYPE(op)), ")"});
}

// What a node on a list must be: a GC object that someone refers to. (Not while its own
// deallocator runs: it is still tracked at refcount 0 until it untracks itself, which is why
// gc_node_is_valid does not ask; no collection runs in between.)
void check_object(const Subject &s, PyGC_Head *g) noexcept {
    PyObject *op = from_gc(g);
    s.require(Py_REFCNT(op) > 0,
              {"a tracked object is alive (object ", static_cast<const void *>(op),
               " has refcount ", Py_REFCNT(op), ")"});
    check_gc_type(s, g);
}

void check_list(const Subject &s, PyGC_Head *head, bool collecting) noexcept {
    PyGC_Head *prev = head;
    Py_ssize_t position = 0;
    for (;;) {
        if (prev->_gc_next & kNextUnreachable)
            s.broken({"no link carries the unreachable mark outside move_unreachable (node ",
                      position, ")"});
        PyGC_Head *g = next_of(prev);
        if (g == nullptr)
            s.broken(
                {"a list is a circle: every node has a next (node ", position, " has _gc_next 0)"});
        if (prev_of(g) != prev)
            s.broken({"links agree both ways: the next node's prev is the node itself (node ",
                      position, " at ", static_cast<const void *>(g), " has prev ",
                      static_cast<const void *>(prev_of(g)), ", its predecessor is ",
                      static_cast<const void *>(prev), ")"});
        if (g == head) return;
        if (const int other = generation_of_head(g); other >= 0)
            s.broken({"every tracked object is on exactly one list (node ", position,
                      " is the head of generation ", other, ")"});
        s.require(is_collecting(g) == collecting,
                  {collecting ? "every node of this list carries the collecting flag (node "
                              : "no node of this list carries the collecting flag (node ",
                   position, " at ", static_cast<const void *>(g), ")"});
        check_object(s, g);
        prev = g;
        ++position;
    }
}

}  // namespace

bool gc_list_is_valid(PyGC_Head *head, const char *name, bool collecting) noexcept {
    check_list(Subject{"gc_list_is_valid", name, nullptr}, head, collecting);
    return true;
}

bool gc_generations_are_valid(int oldest) noexcept {
    for (int i = 0; i <= oldest && i < kGenerations; ++i) {
        Generation &gen = g_gc.generations[i];
        const Subject s{"gc_generations_are_valid", kGenerationNames[i], nullptr};
        // (Any threshold is valid: gc.set_threshold takes negative ones, as CPython's does.)
        s.require(gen.count >= 0, {"count >= 0 (count ", gen.count, ")"});
        check_list(s, &gen.head, false);
    }
    const Subject s{"gc_generations_are_valid", "gc state", nullptr};
    s.require(g_gc.long_lived_pending >= 0 && g_gc.long_lived_total >= 0,
              {"long_lived_pending >= 0 and long_lived_total >= 0 (", g_gc.long_lived_pending, ", ",
               g_gc.long_lived_total, ")"});
    return true;
}

bool gc_refs_are_valid(PyGC_Head *young, RefsPhase phase) noexcept {
    const Subject s{"gc_refs_are_valid", "collected generations", nullptr};
    Py_ssize_t position = 0;
    for (PyGC_Head *g = next_of(young); g != young; g = next_of(g), ++position) {
        s.require(is_collecting(g), {("every object being collected carries the collecting flag "
                                      "(node "),
                                     position, " at ", static_cast<const void *>(g), ")"});
        PyObject *op = from_gc(g);
        // gc_refs as a signed number: a decrement below 0 borrows into the top bits.
        const Py_ssize_t refs = static_cast<Py_ssize_t>(g->_gc_prev & kPrevMask) >> kPrevShift;
        if (phase == RefsPhase::updated) {
            s.require(refs == Py_REFCNT(op),
                      {"update_refs sets gc_refs to the reference count (node ", position,
                       ": object ", static_cast<const void *>(op), ", gc_refs ", refs,
                       ", refcount ", Py_REFCNT(op), ")"});
        } else {
            s.require(refs >= 0 && refs <= Py_REFCNT(op),
                      {("0 <= gc_refs <= refcount after subtract_refs: no tp_traverse visits a "
                        "reference it does not hold (node "),
                       position, ": object ", static_cast<const void *>(op), ", gc_refs ", refs,
                       ", refcount ", Py_REFCNT(op), ")"});
        }
    }
    return true;
}

bool gc_node_is_valid(PyObject *op) noexcept {
    PyGC_Head *g = as_gc(op);
    if (g->_gc_next == 0) return true;  // untracked: nothing links to it
    const Subject s{"gc_node_is_valid", "tracked object", op};
    PyGC_Head *next = next_of(g);
    PyGC_Head *prev = prev_of(g);
    if (next == nullptr || prev == nullptr || (g->_gc_next & kNextUnreachable) != 0)
        s.broken({"a tracked object is linked into a list (next ", static_cast<const void *>(next),
                  ", prev ", static_cast<const void *>(prev), ")"});
    if (prev_of(next) != g || next_of(prev) != g)
        s.broken({"a tracked object's neighbours link back to it: it is on a list (next's prev ",
                  static_cast<const void *>(prev_of(next)), ", prev's next ",
                  static_cast<const void *>(next_of(prev)), ", the object's node ",
                  static_cast<const void *>(g), ")"});
    check_gc_type(s, g);
    return true;
}

}  // namespace minipy::runtime::gc
