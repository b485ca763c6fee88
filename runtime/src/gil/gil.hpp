// The GIL: one lock per runtime that a thread holds while it runs runtime code, built as
// CPython's "new GIL" (3.2+) is.
//
// A waiting thread does not spin and does not take the lock the instant it is free: it
// sleeps on a condition for one switch interval. If the holder has not let go by then (no
// switch happened meanwhile), the waiter raises drop_request. The holder sees the request
// at its next check point, releases, and then waits until some other thread has taken the
// lock (FORCE_SWITCHING): without that wait the releasing thread, still running on its
// core, would usually win the lock straight back and the waiter would starve.
//
// Built on pthreads directly (not std::mutex) so that the runtime needs no libstdc++ and a
// C host links it with nothing but -lpthread.
#ifndef MINIPY_RUNTIME_GIL_HPP
#define MINIPY_RUNTIME_GIL_HPP

#include <pthread.h>

#include <atomic>
#include <cstdint>

struct _ts;

namespace minipy::runtime {

class Gil {
  public:
    // Blocks until the calling thread holds the lock for `holder`. Returns false, without
    // the lock, when the runtime generation the caller belongs to has ended (Py_FinalizeEx
    // ran): the caller must not touch runtime state any more.
    bool take(_ts *holder, std::uint64_t generation) noexcept;

    // Releases the lock held for `holder` in `generation`. When another thread asked for
    // the lock, waits until one has taken it (see above).
    void drop(_ts *holder, std::uint64_t generation) noexcept;

    // The one load a check point costs when nobody waits.
    bool drop_requested() const noexcept { return drop_request_.load(std::memory_order_relaxed); }

    // Starts generation `generation` with the lock held by `holder` (Py_Initialize), or
    // ends the current one and leaves the lock free (Py_FinalizeEx, `holder` nullptr).
    void reset(_ts *holder, std::uint64_t generation) noexcept;

    // Switch interval in microseconds; values below 1 act as 1.
    void set_interval(unsigned long microseconds) noexcept {
        interval_us_.store(microseconds, std::memory_order_relaxed);
    }
    unsigned long interval() const noexcept { return interval_us_.load(std::memory_order_relaxed); }

    // Counters for tests and benchmarks: how often the lock changed hands, and how often a
    // waiter had to ask the holder to let go.
    std::uint64_t switches() const noexcept {
        return switch_number_.load(std::memory_order_relaxed);
    }
    std::uint64_t drop_requests() const noexcept {
        return requests_made_.load(std::memory_order_relaxed);
    }

  private:
    pthread_mutex_t mutex_ =
        PTHREAD_MUTEX_INITIALIZER;  // guards locked_; generation_ changes under it
    pthread_cond_t released_ = PTHREAD_COND_INITIALIZER;  // signalled when locked_ drops
    pthread_mutex_t switch_mutex_ = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t switched_ = PTHREAD_COND_INITIALIZER;  // signalled when a thread takes it

    bool locked_ = false;
    // Which Py_Initialize..Py_FinalizeEx span is live. Written under mutex_; atomic so that
    // a thread waiting on switched_ (under switch_mutex_) can read it too.
    std::atomic<std::uint64_t> generation_{0};
    std::atomic<_ts *> last_holder_{nullptr};
    std::atomic<std::uint64_t> switch_number_{0};
    std::atomic<std::uint64_t> requests_made_{0};
    std::atomic<bool> drop_request_{false};
    std::atomic<unsigned long> interval_us_{5000};
};

}  // namespace minipy::runtime

#endif  // MINIPY_RUNTIME_GIL_HPP
