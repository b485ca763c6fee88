// The three allocator workloads of the benchmarks, written once as templates so that the
// Google Benchmark programs, the tables and the callgrind driver replay the same loops.
//
// An allocator type `A` has malloc(n), free(p) and realloc(p, n). Two kinds exist:
//   Dynamic   function pointers from the allocator table (allocators.hpp), copied into a
//             value so that the pointers stay in registers across the loop;
//   a static policy (callgrind_driver.cpp) calling minipy's functions directly, for
//             instruction counts without the cost of an indirect call.
//
// Workloads (each frees everything it allocated before returning, so that minipy's
// domains may be switched between runs):
//   lifo_pairs      malloc + free of one size, n times, optionally with one other block of
//                   that size held ("pinned") for the whole loop. Without the pin each free
//                   empties the pool, pymalloc (like CPython) hands the pool back to its
//                   arena and the next malloc takes it again: the slow path, every time.
//   churn           a window of kChurnLive live blocks; each step frees a random one and
//                   allocates a block of random size 1..512 in its place, then writes the
//                   block's first byte. The write keeps allocators that never touch the
//                   memory they hand out from being favoured: a program uses its blocks.
//                   The random stream is generated once (fixed seed), so every allocator
//                   replays the same requests and the generator is not timed.
//   churn, reading  the same, but each step first reads the block it is about to free (a
//                   program looks at an object before it lets it go: a reference count, a
//                   type). The block's line is then in cache when free writes its link, so
//                   what remains of the step's misses is the allocator's own metadata.
//   realloc_growth  one block grown from 8 bytes to 64 KiB by realloc, each step asking
//                   for n + n/8 + 8 bytes (the shape of CPython's list over-allocation),
//                   writing the new last byte each time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "alloc/allocators.hpp"

namespace minipy::bench {

// Tells the compiler that `p` is used, without any instruction: the loops must not be
// folded away, and the allocators must not be elided (GCC may remove malloc+free pairs).
inline void keep(void *p) {
    __asm__ volatile("" : : "r"(p) : "memory");
}

struct Dynamic {
    MallocFn m;
    FreeFn f;
    ReallocFn r;
    explicit Dynamic(const Allocator &a) : m(a.malloc), f(a.free), r(a.realloc) {}
    void *malloc(std::size_t n) const { return m(n); }
    void free(void *p) const { f(p); }
    void *realloc(void *p, std::size_t n) const { return r(p, n); }
};

// --- LIFO pairs ---------------------------------------------------------------------------

template <class A>
void lifo_pairs(const A &a, std::size_t size, long n, bool pinned) {
    void *pin = pinned ? a.malloc(size) : nullptr;
    for (long i = 0; i < n; i++) {
        void *p = a.malloc(size);
        keep(p);
        a.free(p);
    }
    if (pinned) a.free(pin);
}

// --- Churn window -------------------------------------------------------------------------

inline constexpr std::size_t kChurnLive = 100000;
inline constexpr std::size_t kChurnMaxSize = 512;

struct ChurnStep {
    std::uint32_t slot;  // which live block to free, < kChurnLive
    std::uint32_t size;  // size of the block allocated in its place, 1..kChurnMaxSize
};

struct ChurnStream {
    std::vector<std::uint32_t> fill_sizes;  // kChurnLive sizes for the initial window
    std::vector<ChurnStep> steps;
};

// The same stream for the same (steps, seed), on every run and machine.
ChurnStream make_churn_stream(std::size_t steps, std::uint64_t seed = 20261124);

template <class A>
void churn_fill(const A &a, const ChurnStream &s, void **slots) {
    for (std::size_t i = 0; i < kChurnLive; i++) {
        auto *p = static_cast<unsigned char *>(a.malloc(s.fill_sizes[i]));
        p[0] = static_cast<unsigned char>(i);
        slots[i] = p;
    }
}

// Steps [first, first + n) of the stream. The hot loop of the churn figures.
template <class A>
void churn_steps(const A &a, const ChurnStep *steps, std::size_t n, void **slots) {
    for (std::size_t i = 0; i < n; i++) {
        void *&slot = slots[steps[i].slot];
        a.free(slot);
        auto *p = static_cast<unsigned char *>(a.malloc(steps[i].size));
        p[0] = static_cast<unsigned char>(i);
        slot = p;
    }
}

// The reading churn: steps [first, first + n), each reading the first byte of the block it
// frees. Returns the sum of the bytes read, which the caller passes to keep().
template <class A>
unsigned churn_steps_reading(const A &a, const ChurnStep *steps, std::size_t n, void **slots) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < n; i++) {
        void *&slot = slots[steps[i].slot];
        sum += *static_cast<const volatile unsigned char *>(slot);
        a.free(slot);
        auto *p = static_cast<unsigned char *>(a.malloc(steps[i].size));
        p[0] = static_cast<unsigned char>(i);
        slot = p;
    }
    return sum;
}

// The two churn drivers, by name, for the programs that run both.
enum class ChurnDriver { write, read };
inline const char *churn_driver_name(ChurnDriver d) {
    return d == ChurnDriver::write ? "churn" : "churn, reading each block before freeing it";
}

template <class A>
void run_churn_steps(ChurnDriver d, const A &a, const ChurnStep *steps, std::size_t n,
                     void **slots) {
    if (d == ChurnDriver::write) {
        churn_steps(a, steps, n, slots);
    } else {
        const unsigned sum = churn_steps_reading(a, steps, n, slots);
        __asm__ volatile("" : : "r"(sum));
    }
}

template <class A>
void churn_drain(const A &a, void **slots) {
    for (std::size_t i = 0; i < kChurnLive; i++) a.free(slots[i]);
}

// --- Realloc growth -----------------------------------------------------------------------

inline constexpr std::size_t kReallocFirst = 8;
inline constexpr std::size_t kReallocLast = std::size_t{64} * 1024;

inline std::size_t realloc_next(std::size_t n) {
    const std::size_t next = n + n / 8 + 8;
    return next < kReallocLast ? next : kReallocLast;
}

// Number of realloc calls in one chain (for ns per realloc).
std::size_t realloc_chain_length();

template <class A>
void realloc_growth(const A &a) {
    std::size_t n = kReallocFirst;
    auto *p = static_cast<unsigned char *>(a.malloc(n));
    p[0] = 1;
    while (n < kReallocLast) {
        n = realloc_next(n);
        p = static_cast<unsigned char *>(a.realloc(p, n));
        p[n - 1] = 1;
    }
    keep(p);
    a.free(p);
}

}  // namespace minipy::bench
