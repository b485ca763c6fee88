// The runtime's process-wide state: its phase, the one interpreter with its list of thread
// states, the GIL, and the per-thread pointers. Internal to runtime/.
#ifndef MINIPY_RUNTIME_STATE_HPP
#define MINIPY_RUNTIME_STATE_HPP

#include <pthread.h>

#include <atomic>
#include <cstdint>

#include "gil/gil.hpp"
#include "minipy/pystate.h"

// A thread's runtime state. Allocated from the raw domain (it is made and freed without the
// GIL, as CPython's are) and linked into its interpreter's list, newest first.
struct _ts {
    _ts *prev;
    _ts *next;
    PyInterpreterState *interp;
    unsigned long thread_id;             // pthread_self() of the thread that created it
    std::uint64_t id;                    // PyThreadState_GetID
    std::uint64_t generation;            // the runtime generation it belongs to
    int gilstate_counter;                // PyGILState_Ensure nesting depth
    struct _object *curexc;              // the current exception instance (owned), or nullptr
    minipy_thread_fields fields;         // the interpreter's fields (pystate.h); the recursion
                                         // depth of Py_EnterRecursiveCall is fields.recursion_depth
    int trash_delete_nesting;            // container deallocations under way (the trashcan)
    struct _object *trash_delete_later;  // put aside by the trashcan, linked through GC heads
};

// CPython's default for sys.getrecursionlimit().
inline constexpr int kDefaultRecursionLimit = 1000;

struct _is {
    pthread_mutex_t threads_mutex = PTHREAD_MUTEX_INITIALIZER;  // guards the list links
    _ts *threads_head = nullptr;  // newest first; read lock-free only by the fatal dump
    std::uint64_t next_thread_id = 1;
    int recursion_limit = kDefaultRecursionLimit;  // Py_SetRecursionLimit; reset at start-up
};

namespace minipy::runtime {

enum class Phase : int { not_initialized, initializing, initialized, finalizing };

struct RuntimeState {
    std::atomic<Phase> phase{Phase::not_initialized};
    // Bumped when the runtime starts and when it stops: thread-local pointers and GIL
    // waiters from an earlier span see the mismatch and let go of what is gone.
    std::atomic<std::uint64_t> generation{0};
    std::atomic<_ts *> finalizing_tstate{nullptr};
    _is main_interp;
    Gil gil;
};

extern constinit RuntimeState g_runtime;

// The state through which this thread holds the GIL; nullptr when it holds none.
extern constinit thread_local _ts *t_current;

// The thread's own state (PyGILState_GetThisThreadState), tagged with its generation.
struct ThreadBinding {
    _ts *tstate;
    std::uint64_t generation;
};
extern constinit thread_local ThreadBinding t_bound;

inline bool runtime_running() noexcept {
    const Phase p = g_runtime.phase.load(std::memory_order_acquire);
    return p == Phase::initialized || p == Phase::finalizing;
}

inline _ts *bound_tstate() noexcept {
    return t_bound.generation == g_runtime.generation.load(std::memory_order_relaxed)
               ? t_bound.tstate
               : nullptr;
}

// CPython's words for "this needs the GIL and the caller has no current thread state".
inline constexpr char kNoCurrentThreadState[] =
    "the function must be called with the GIL held, but the GIL is released "
    "(the current Python thread state is NULL)";

// Allocates, links and (if the thread has none) binds a thread state; nullptr when the raw
// domain is out of memory.
_ts *new_thread_state(PyInterpreterState *interp) noexcept;
// Unlinks and frees every thread state (Py_FinalizeEx).
void delete_all_thread_states() noexcept;

// Blocks the calling thread for good: what a thread that comes back to a runtime that has
// been finalized gets, since it can neither hold the GIL nor be told to unwind.
[[noreturn]] void hang_forever() noexcept;

// Writes the runtime-state and thread lines of a fatal report to `fd`. No allocation, no
// locks: it runs while the process dies.
void print_fatal_context(int fd) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_RUNTIME_STATE_HPP
