// Timing and summary helpers shared by the interleaved programs (alloc_table.cpp,
// churn_compare.cpp). Google Benchmark does its own timing; this is for the programs that
// alternate allocators round by round, because on a noisy machine only figures measured
// side by side, at the same moment, can be compared.
#pragma once

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <utility>
#include <vector>

namespace minipy::bench {

// Wall-clock nanoseconds spent in f().
template <class F>
double elapsed_ns(F &&f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const auto stop = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::nano>(stop - start).count();
}

// Timings of an unoptimised build say nothing about the allocators; say so in the output.
inline void note_if_unoptimised() {
#if !defined(__OPTIMIZE__)
    std::printf(
        "note: this is not an optimised build (use the release preset): the figures "
        "are not representative\n");
#endif
}

// Called after each run, untimed: gives glibc's free memory back and consolidates its heap,
// so that every run that uses glibc (malloc, minipy-malloc, and the raw domain behind
// pymalloc's large blocks) starts from a heap shaped the same way, whatever ran before it.
inline void settle_heap() {
    malloc_trim(0);
}

// The q-quantile (0 <= q <= 1) by linear interpolation between order statistics; 0 for
// no values. quantile(v, 0.5) is the median.
inline double quantile(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

inline double median(std::vector<double> values) {
    return quantile(std::move(values), 0.5);
}

// Per-round ratios a[i] / b[i]: what the programs summarise, rather than a ratio of
// medians, so that a round slowed down as a whole cancels out of its own ratio.
inline std::vector<double> ratios(const std::vector<double> &a, const std::vector<double> &b) {
    std::vector<double> r;
    for (std::size_t i = 0; i < a.size() && i < b.size(); i++) r.push_back(a[i] / b[i]);
    return r;
}

}  // namespace minipy::bench
