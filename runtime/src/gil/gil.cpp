// See gil.hpp for the protocol; the comments here say why each step is where it is.
#include "gil/gil.hpp"

#include <cerrno>
#include <ctime>

namespace minipy::runtime {

namespace {

struct Locked {
    explicit Locked(pthread_mutex_t &m) noexcept : mutex(m) { pthread_mutex_lock(&mutex); }
    ~Locked() { pthread_mutex_unlock(&mutex); }
    Locked(const Locked &) = delete;
    Locked &operator=(const Locked &) = delete;
    pthread_mutex_t &mutex;
};

timespec monotonic_after(unsigned long microseconds) noexcept {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    const unsigned long long ns =
        static_cast<unsigned long long>(t.tv_nsec) + microseconds * 1000ULL;
    t.tv_sec += static_cast<time_t>(ns / 1000000000ULL);
    t.tv_nsec = static_cast<long>(ns % 1000000000ULL);
    return t;
}

}  // namespace

bool Gil::take(_ts *holder, std::uint64_t generation) noexcept {
    Locked lock(mutex_);
    while (locked_ && generation_ == generation) {
        const std::uint64_t seen = switch_number_.load(std::memory_order_relaxed);
        unsigned long interval = interval_us_.load(std::memory_order_relaxed);
        if (interval < 1) interval = 1;
        // The monotonic clock: a wall-clock jump must not make a waiter ask early or never.
        const timespec deadline = monotonic_after(interval);
        const int rc = pthread_cond_clockwait(&released_, &mutex_, CLOCK_MONOTONIC, &deadline);
        // Ask only if a whole interval passed with the same holder: a waiter woken by a
        // release that another waiter won must not cut the new holder's turn short.
        if (rc == ETIMEDOUT && locked_ && generation_ == generation &&
            switch_number_.load(std::memory_order_relaxed) == seen &&
            !drop_request_.exchange(true, std::memory_order_relaxed))
            requests_made_.fetch_add(1, std::memory_order_relaxed);
    }
    if (generation_ != generation) return false;

    locked_ = true;
    {
        Locked switching(switch_mutex_);
        if (last_holder_.load(std::memory_order_relaxed) != holder) {
            last_holder_.store(holder, std::memory_order_relaxed);
            switch_number_.fetch_add(1, std::memory_order_relaxed);
        }
        // Wakes the thread that dropped the lock on request and waits to see it taken.
        pthread_cond_signal(&switched_);
    }
    // The request, if any, was answered by this very take.
    drop_request_.store(false, std::memory_order_relaxed);
    return true;
}

void Gil::drop(_ts *holder, std::uint64_t generation) noexcept {
    last_holder_.store(holder, std::memory_order_relaxed);
    {
        Locked lock(mutex_);
        if (generation_ != generation) return;  // a runtime that ended holds nothing
        locked_ = false;
        pthread_cond_signal(&released_);
    }
    if (!drop_request_.load(std::memory_order_relaxed)) return;
    // Someone asked for the lock: do not compete for it again until they have it.
    Locked switching(switch_mutex_);
    while (last_holder_.load(std::memory_order_relaxed) == holder && generation_ == generation)
        pthread_cond_wait(&switched_, &switch_mutex_);
}

void Gil::reset(_ts *holder, std::uint64_t generation) noexcept {
    {
        Locked lock(mutex_);
        generation_ = generation;
        locked_ = holder != nullptr;
        drop_request_.store(false, std::memory_order_relaxed);
        // Waiters of an ended generation wake, see it and give up.
        pthread_cond_broadcast(&released_);
    }
    Locked switching(switch_mutex_);
    last_holder_.store(holder, std::memory_order_relaxed);
    if (holder != nullptr) switch_number_.fetch_add(1, std::memory_order_relaxed);
    pthread_cond_broadcast(&switched_);
}

}  // namespace minipy::runtime
