// The churn stream generator and the realloc chain length (workloads.hpp has the loops).
#include "alloc/workloads.hpp"

namespace minipy::bench {

namespace {

// SplitMix64: small, fast, and the same sequence with every standard library (the
// distributions of <random> are not specified bit for bit).
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound) by multiply-shift; the bias (bound / 2^32) is negligible here.
    std::uint32_t below(std::uint32_t bound) {
        return static_cast<std::uint32_t>(((next() >> 32) * bound) >> 32);
    }
};

}  // namespace

ChurnStream make_churn_stream(std::size_t steps, std::uint64_t seed) {
    SplitMix64 rng{seed};
    ChurnStream s;
    s.fill_sizes.resize(kChurnLive);
    for (auto &size : s.fill_sizes) size = 1 + rng.below(kChurnMaxSize);
    s.steps.resize(steps);
    for (auto &step : s.steps) {
        step.slot = rng.below(kChurnLive);
        step.size = 1 + rng.below(kChurnMaxSize);
    }
    return s;
}

std::size_t realloc_chain_length() {
    std::size_t count = 0;
    for (std::size_t n = kReallocFirst; n < kReallocLast; n = realloc_next(n)) ++count;
    return count;
}

}  // namespace minipy::bench
