// The tracer's state and its core operations (CPython's Modules/_tracemalloc.c, in C++):
//
//   state       stopped --start(n)--> tracing --stop--> stopped; clear_traces keeps tracing
//   g_tracing   read without the lock by the hooks: off, they only pass calls through
//   lock        one spin lock over the tables and counters (g_state); held for a probe or
//               two, never across a call to a wrapped allocator or the stack callback, so
//               raw-domain calls from threads without the GIL are safe and a nested call
//               (pymalloc's fallback to PyMem_RawMalloc) cannot deadlock
//   generation  bumped under the lock by clear and stop: a traceback pointer cached by a
//               thread is only used while its generation is current
//
// Per thread (thread-local, no allocation up to kInlineFrames frames): the re-entrancy flag,
// the frames of the last capture and their interned traceback (a cache hit costs one
// comparison of the frames and no hashing), and the block being freed or resized, so that a
// debug-hook report raised inside the wrapped free still finds the block's traceback.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "minipy/tracemalloc.h"
#include "tracemalloc/tables.hpp"

namespace minipy::tracemalloc {

class SpinLock {
  public:
    void lock() noexcept {
        while (busy_.exchange(true, std::memory_order_acquire)) [[unlikely]] wait();
    }
    bool try_lock() noexcept { return !busy_.exchange(true, std::memory_order_acquire); }
    void unlock() noexcept { busy_.store(false, std::memory_order_release); }

  private:
    void wait() noexcept;
    std::atomic<bool> busy_{false};
};

struct State {
    SpinLock lock;
    TraceTable traces;
    TracebackSet tracebacks;
    std::size_t traced = 0;  // bytes of all traces
    std::size_t peak = 0;
    std::uint64_t generation = 1;
};

extern State g_state;
extern std::atomic<bool> g_tracing;
extern std::atomic<int> g_nframe;  // the traceback limit; survives stop

// Adds or replaces the trace of (domain, ptr) with the calling thread's traceback. False,
// nothing changed, when the tracer's memory is short. True without a trace when tracing
// stopped meanwhile.
bool add_trace(unsigned int domain, std::uintptr_t ptr, std::size_t size) noexcept;
// Gives the trace of (domain, ptr), if any, the calling thread's traceback; false: no memory.
bool retrace(unsigned int domain, std::uintptr_t ptr) noexcept;
// Removes the trace if there is one.
void remove_trace(unsigned int domain, std::uintptr_t ptr) noexcept;

// Under the lock: adjusts the counters for a trace of `size` that replaced one of `old`.
inline void count_added(State &s, std::size_t size, std::size_t old) {
    s.traced += size - old;
    if (s.traced > s.peak) s.peak = s.traced;
}

// The traceback of a block for a debug-hook report: the block this thread is freeing or
// resizing, else the table (taken with a bounded try: the report must not wait forever).
const Traceback *traceback_for_report(std::uintptr_t ptr) noexcept;

// Marks the calling thread as inside the tracer (its allocations go untraced) and returns
// the previous mark, for leave_untraced: Track runs the stack callback this way.
bool enter_untraced() noexcept;
void leave_untraced(bool was) noexcept;

// Wraps the three domains (start; false: no memory for a context, nothing wrapped) and
// unwraps those it is still on top of (stop).
bool install_hooks() noexcept;
void remove_hooks() noexcept;
// Gives back the calling thread's frame buffer, when it has one on the heap.
void release_thread_buffer() noexcept;

}  // namespace minipy::tracemalloc
