// The cycle collector's front end (objimpl.h): allocating GC objects with their header,
// tracking, the generation counters that decide when to collect, the public collect / enable /
// threshold calls, and the collector's start-up and shutdown steps. The collection itself (the
// subtract-internal-references algorithm) is in gc_collect.cpp; the header layout and the list
// words in gc_internal.hpp.
//
// When a collection runs (CPython 3.11's schedule, Modules/gcmodule.c):
//   1. Each GC allocation adds 1 to generation 0's count and each PyObject_GC_Del takes 1 off
//      (never below 0). Objects reused from a free list do neither.
//   2. After an allocation, if count0 > threshold0, threshold0 != 0, the collector is enabled,
//      no collection is running, no exception is set and the runtime is up (not starting, not
//      finalizing), the oldest generation whose count exceeds its threshold is collected, with
//      the younger ones. Generation 2 is skipped (the next younger candidate is not tried: the
//      search stops) while long_lived_pending < long_lived_total / 4.
//   3. Collecting generation g zeroes the counts of 0..g and adds 1 to generation g+1's count;
//      survivors of g move to g+1 (those of 2 stay in 2). Surviving a generation-1 collection
//      adds to long_lived_pending; a full collection resets it and sets long_lived_total to the
//      size of generation 2.
// Defaults: thresholds (700, 10, 10), enabled.
//
// Exceptions: a collection starts with the thread's current exception put aside and puts it
// back at the end, so neither explicit nor automatic collections clobber it; an exception
// raised by a tp_clear is reported as unraisable, as CPython does.
#include <cstring>

#include "check/check.hpp"
#include "gc/gc_internal.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"
#include "objects/type/object_header_init.hpp"
#include "state/runtime_state.hpp"

namespace minipy::runtime::gc {

constinit GcState g_gc{};

namespace {

constexpr int kDefaultThresholds[kGenerations] = {700, 10, 10};
constexpr int kOldest = kGenerations - 1;

// The generation heads are self-linked at start-up (gc_init); a GC object made before that (a
// host that allocates before Py_InitializeFromConfig) still finds valid lists.
void ensure_lists() noexcept {
    if (g_gc.generations[0].head._gc_next != 0) [[likely]]
        return;
    for (Generation &g : g_gc.generations) gc_list_init(&g.head);
    gc_list_init(&g_gc.permanent);
}

void reset_state() noexcept {
    for (int i = 0; i < kGenerations; ++i) {
        gc_list_init(&g_gc.generations[i].head);
        g_gc.generations[i].threshold = kDefaultThresholds[i];
        g_gc.generations[i].count = 0;
        g_gc.stats[i] = minipy_gc_generation_stats{0, 0, 0};
    }
    gc_list_init(&g_gc.permanent);
    g_gc.enabled = true;
    g_gc.collecting = false;
    g_gc.long_lived_pending = 0;
    g_gc.long_lived_total = 0;
}

// gc.callbacks' caller (the interpreter's gc module), or NULL.
minipy_gc_callback_hook g_callback_hook = nullptr;

// One collection of `generation` with the current exception put aside, between the callback
// hook's "start" and "stop" calls (which run while `collecting` is set, so no collection
// nests in them). The caller checked that none is running.
Py_ssize_t collect_guarded(int generation) noexcept {
    _ts *const tstate = t_current;
    PyObject *const saved = tstate != nullptr ? tstate->curexc : nullptr;
    if (tstate != nullptr) tstate->curexc = nullptr;
    g_gc.collecting = true;
    const minipy_gc_callback_hook hook = g_callback_hook;
    if (hook != nullptr) hook(0, generation, 0, 0);
    const Py_ssize_t found = collect_main(generation);
    if (hook != nullptr) hook(1, generation, found, 0);
    g_gc.collecting = false;
    if (tstate != nullptr) {
        if (tstate->curexc != nullptr) PyErr_WriteUnraisable(nullptr);
        tstate->curexc = saved;
    }
    return found;
}

// Step 2 of the schedule: which generation an allocation's collection takes.
void collect_generations() noexcept {
    for (int i = kOldest; i >= 0; --i) {
        const Generation &g = g_gc.generations[i];
        if (g.count <= g.threshold) continue;
        if (i == kOldest && g_gc.long_lived_pending < g_gc.long_lived_total / 4) continue;
        collect_guarded(i);
        return;
    }
}

// A collection may run here: the object is allocated but not tracked yet, so the collector
// does not see it.
void count_allocation() noexcept {
    Generation &young = g_gc.generations[0];
    ++young.count;
    if (young.count > young.threshold && young.threshold != 0 && g_gc.enabled && !g_gc.collecting &&
        g_runtime.phase.load(std::memory_order_relaxed) == Phase::initialized &&
        t_current != nullptr && t_current->curexc == nullptr) [[unlikely]] {
        collect_generations();
    }
}

PyObject *gc_alloc(std::size_t basic_size) noexcept {
    if (basic_size > static_cast<std::size_t>(PY_SSIZE_T_MAX) - sizeof(PyGC_Head))
        return PyErr_NoMemory();
    auto *head = static_cast<PyGC_Head *>(PyObject_Malloc(sizeof(PyGC_Head) + basic_size));
    if (head == nullptr) return PyErr_NoMemory();
    head->_gc_next = 0;
    head->_gc_prev = 0;
    count_allocation();
    return from_gc(head);
}

// The words a type keeps in front of the GC header (a class's managed __dict__, see
// objects/type/type_internal.hpp), in bytes.
std::size_t preheader_bytes(PyTypeObject *type) noexcept {
    return (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) ? 2 * sizeof(PyObject *) : 0;
}

// gc_alloc with the pre-header zeroed in front.
[[gnu::noinline]] PyObject *gc_alloc_with_preheader(std::size_t presize,
                                                    std::size_t basic_size) noexcept {
    if (basic_size > static_cast<std::size_t>(PY_SSIZE_T_MAX) - sizeof(PyGC_Head) - presize)
        return PyErr_NoMemory();
    auto *block = static_cast<char *>(PyObject_Malloc(presize + sizeof(PyGC_Head) + basic_size));
    if (block == nullptr) return PyErr_NoMemory();
    std::memset(block, 0, presize + sizeof(PyGC_Head));
    count_allocation();
    return from_gc(reinterpret_cast<PyGC_Head *>(block + presize));
}

// A heap type's instance: pre-header, and a reference to its type taken for the instance.
[[gnu::noinline]] PyObject *gc_new_heap_instance(PyTypeObject *type, std::size_t size) noexcept {
    PyObject *op = gc_alloc_with_preheader(preheader_bytes(type), size);
    if (op != nullptr && (type->tp_flags & Py_TPFLAGS_HEAPTYPE)) Py_INCREF(type);
    return op;
}

constexpr unsigned long kSlowAllocFlags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_MANAGED_DICT;

// The bytes of an object of `type` with n items (without the header), 0 when it overflows.
std::size_t var_size(PyTypeObject *type, Py_ssize_t n) noexcept {
    const auto basic = static_cast<std::size_t>(type->tp_basicsize);
    const auto item = static_cast<std::size_t>(type->tp_itemsize);
    constexpr std::size_t kLimit = static_cast<std::size_t>(PY_SSIZE_T_MAX) - sizeof(PyGC_Head);
    const auto count = static_cast<std::size_t>(n);
    if (item != 0 && count > (kLimit - basic - (sizeof(void *) - 1)) / item) return 0;
    return _PyObject_VAR_SIZE(type, n);
}

}  // namespace

PyObject *gc_alloc_object(PyTypeObject *type, std::size_t size) noexcept {
    const std::size_t presize = preheader_bytes(type);
    return presize == 0 ? gc_alloc(size) : gc_alloc_with_preheader(presize, size);
}

}  // namespace minipy::runtime::gc

using namespace minipy::runtime;
using namespace minipy::runtime::gc;

// --- Allocation ----------------------------------------------------------------------------

extern "C" PyObject *_PyObject_GC_New(PyTypeObject *type) noexcept {
    const auto size = static_cast<std::size_t>(type->tp_basicsize);
    PyObject *op =
        (type->tp_flags & kSlowAllocFlags) ? gc_new_heap_instance(type, size) : gc_alloc(size);
    if (op == nullptr) return nullptr;
    return init_object_header(op, type);
}

extern "C" PyVarObject *_PyObject_GC_NewVar(PyTypeObject *type, Py_ssize_t n) noexcept {
    if (n < 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const std::size_t size = var_size(type, n);
    if (size == 0) return reinterpret_cast<PyVarObject *>(PyErr_NoMemory());
    PyObject *op =
        (type->tp_flags & kSlowAllocFlags) ? gc_new_heap_instance(type, size) : gc_alloc(size);
    if (op == nullptr) return nullptr;
    return init_var_object_header(reinterpret_cast<PyVarObject *>(op), type, n);
}

extern "C" PyVarObject *_PyObject_GC_Resize(PyVarObject *op, Py_ssize_t n) noexcept {
    if (is_tracked(_PyObject_CAST(op)))
        Py_FatalError("cannot resize an object tracked by the garbage collector");
    if (n < 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const std::size_t size = var_size(Py_TYPE(op), n);
    if (size == 0) return reinterpret_cast<PyVarObject *>(PyErr_NoMemory());
    void *block = PyObject_Realloc(as_gc(_PyObject_CAST(op)), sizeof(PyGC_Head) + size);
    if (block == nullptr) return reinterpret_cast<PyVarObject *>(PyErr_NoMemory());
    auto *resized = reinterpret_cast<PyVarObject *>(from_gc(static_cast<PyGC_Head *>(block)));
    Py_SET_SIZE(resized, n);
    return resized;
}

extern "C" void PyObject_GC_Del(void *op) noexcept {
    if (op == nullptr) return;
    PyGC_Head *head = as_gc(static_cast<PyObject *>(op));
    // A dealloc that forgot PyObject_GC_UnTrack: unlink rather than leave a dangling node.
    if (head->_gc_next != 0) {
        MINIPY_ASSERT_EXPENSIVE(gc_node_is_valid(static_cast<PyObject *>(op)));
        gc_list_remove(head);
    }
    if (g_gc.generations[0].count > 0) --g_gc.generations[0].count;
    PyObject_Free(reinterpret_cast<char *>(head) -
                  preheader_bytes(Py_TYPE(static_cast<PyObject *>(op))));
}

// --- Tracking ------------------------------------------------------------------------------

extern "C" void PyObject_GC_Track(void *op) noexcept {
    PyGC_Head *head = as_gc(static_cast<PyObject *>(op));
    if (head->_gc_next != 0) Py_FatalError("object already tracked by the garbage collector");
    ensure_lists();
    gc_list_append(head, &g_gc.generations[0].head);
    MINIPY_ASSERT_EXPENSIVE(gc_node_is_valid(static_cast<PyObject *>(op)));
}

extern "C" void PyObject_GC_UnTrack(void *op) noexcept {
    PyGC_Head *head = as_gc(static_cast<PyObject *>(op));
    if (head->_gc_next != 0) {
        MINIPY_ASSERT_EXPENSIVE(gc_node_is_valid(static_cast<PyObject *>(op)));
        gc_list_remove(head);
    }
}

extern "C" int PyObject_GC_IsTracked(PyObject *op) noexcept {
    return object_is_gc(op) && is_tracked(op) ? 1 : 0;
}

extern "C" int PyObject_GC_IsFinalized(PyObject *op) noexcept {
    return object_is_gc(op) && (as_gc(op)->_gc_prev & kPrevFinalized) != 0 ? 1 : 0;
}

extern "C" int PyObject_IS_GC(PyObject *obj) noexcept {
    return object_is_gc(obj) ? 1 : 0;
}

// --- Collecting ----------------------------------------------------------------------------

// CPython's PyGC_Collect: nothing while the collector is disabled or already collecting.
extern "C" Py_ssize_t PyGC_Collect(void) noexcept {
    if (!g_gc.enabled || g_gc.collecting || !runtime_running() || t_current == nullptr) return 0;
    return collect_guarded(kOldest);
}

// gc.collect(generation): runs whether or not automatic collection is enabled.
extern "C" Py_ssize_t minipy_gc_collect_generation(int generation) noexcept {
    if (generation < 0 || generation > kOldest) {
        PyErr_SetString(PyExc_ValueError, "invalid generation");
        return -1;
    }
    if (g_gc.collecting || !runtime_running() || t_current == nullptr) return 0;
    return collect_guarded(generation);
}

extern "C" int PyGC_Enable(void) noexcept {
    const bool was = g_gc.enabled;
    g_gc.enabled = true;
    return was ? 1 : 0;
}

extern "C" int PyGC_Disable(void) noexcept {
    const bool was = g_gc.enabled;
    g_gc.enabled = false;
    return was ? 1 : 0;
}

extern "C" int PyGC_IsEnabled(void) noexcept {
    return g_gc.enabled ? 1 : 0;
}

// --- Freezing (gc.freeze, CPython 3.7+) ------------------------------------------------------
// Frozen objects stay tracked but sit in a permanent generation that no collection looks at:
// what lives until shutdown anyway (the start-up objects, types_init freezes them) costs the
// collections nothing. Shutdown unfreezes them before its last collections.

extern "C" void minipy_gc_freeze(void) noexcept {
    ensure_lists();
    for (Generation &g : g_gc.generations) gc_list_merge(&g.head, &g_gc.permanent);
    g_gc.generations[0].count = 0;
}

extern "C" void minipy_gc_unfreeze(void) noexcept {
    ensure_lists();
    gc_list_merge(&g_gc.permanent, &g_gc.generations[kOldest].head);
}

extern "C" Py_ssize_t minipy_gc_get_freeze_count(void) noexcept {
    ensure_lists();
    return gc_list_size(&g_gc.permanent);
}

// --- What the gc module shows ---------------------------------------------------------------

extern "C" void minipy_gc_get_count(Py_ssize_t count[MINIPY_GC_GENERATIONS]) noexcept {
    for (int i = 0; i < kGenerations; ++i) count[i] = g_gc.generations[i].count;
}

extern "C" void minipy_gc_get_threshold(int threshold[MINIPY_GC_GENERATIONS]) noexcept {
    for (int i = 0; i < kGenerations; ++i) threshold[i] = g_gc.generations[i].threshold;
}

extern "C" int minipy_gc_set_threshold(const int threshold[MINIPY_GC_GENERATIONS]) noexcept {
    // Any int, as CPython 3.11 takes it: a negative threshold is passed at once (for
    // generation 0, a collection at every allocation).
    for (int i = 0; i < kGenerations; ++i) g_gc.generations[i].threshold = threshold[i];
    return 0;
}

extern "C" Py_ssize_t minipy_gc_tracked_count(int generation) noexcept {
    if (generation < 0 || generation > kOldest) return -1;
    ensure_lists();
    return gc_list_size(&g_gc.generations[generation].head);
}

extern "C" int minipy_gc_visit_tracked(int generation, int (*visit)(PyObject *op, void *arg),
                                       void *arg) noexcept {
    if (generation < -1 || generation > kOldest) return -1;
    ensure_lists();
    const int first = generation == -1 ? 0 : generation;
    const int last = generation == -1 ? kGenerations : generation;  // kGenerations: permanent
    for (int g = first; g <= last; ++g) {
        PyGC_Head *head = g == kGenerations ? &g_gc.permanent : &g_gc.generations[g].head;
        for (PyGC_Head *node = next_of(head); node != head; node = next_of(node)) {
            const int r = visit(from_gc(node), arg);
            if (r != 0) return r;
        }
    }
    return 0;
}

extern "C" void minipy_gc_set_callback_hook(minipy_gc_callback_hook hook) noexcept {
    g_callback_hook = hook;
}

extern "C" void minipy_gc_get_stats(
    minipy_gc_generation_stats out[MINIPY_GC_GENERATIONS]) noexcept {
    for (int i = 0; i < kGenerations; ++i) out[i] = g_gc.stats[i];
}

// --- Start-up and shutdown -------------------------------------------------------------------

namespace minipy::runtime {

void gc_init() noexcept {
    reset_state();
}

// Every generation, again and again while a round still finds garbage: freeing one cycle can
// make another unreachable only through references its tp_clear dropped, which the next round
// sees. The rounds are bounded in case a tp_clear never lets go of its cycle.
void gc_collect_at_shutdown() noexcept {
    constexpr int kMaxRounds = 64;
    if (g_gc.collecting || t_current == nullptr) return;
    g_callback_hook = nullptr;  // no Python code runs in the shutdown's collections
    ensure_lists();
    minipy_gc_unfreeze();
    // Until a collection neither frees nor finalizes anything: one that only ran finalizers
    // (which may have made new garbage) frees nothing itself. A finalizer that makes garbage
    // with a finalizer every time ends at the cap; what is left then stays, as CPython
    // leaves it.
    for (int round = 0; round < kMaxRounds; ++round) {
        const Py_ssize_t finalized_before = g_gc.finalized;
        if (collect_guarded(kOldest) == 0 && g_gc.finalized == finalized_before) break;
    }
}

// Objects still tracked now are leaks: something holds a reference nobody will drop. They are
// not freed (their owners may still use them, and the leak check counts their blocks); they are
// unlinked, so that the lists start empty next time and a late PyObject_GC_Del of one of them
// touches no list.
void gc_fini() noexcept {
    ensure_lists();
    minipy_gc_unfreeze();
    for (Generation &g : g_gc.generations) {
        PyGC_Head *node = next_of(&g.head);
        while (node != &g.head) {
            PyGC_Head *next = next_of(node);
            node->_gc_next = 0;
            node->_gc_prev = 0;
            node = next;
        }
        gc_list_init(&g.head);
        g.count = 0;
    }
    g_gc.collecting = false;
}

}  // namespace minipy::runtime
