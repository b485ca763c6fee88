// BM_Churn/<allocator>: one iteration is one step of the churn window of workloads.hpp
// (free a random block of the 10^5 live ones, malloc 1..512 bytes in its place, write its
// first byte). The window is filled before the timed loop and drained after it; the loop
// replays a pre-generated stream of 2^20 steps, cyclically, in batches.
#include <benchmark/benchmark.h>

#include <string>

#include "alloc/benchmarks.hpp"
#include "alloc/workloads.hpp"

namespace minipy::bench {

namespace {

constexpr std::size_t kStreamSteps = std::size_t{1} << 20;
constexpr std::size_t kBatch = 1024;  // divides kStreamSteps
static_assert(kStreamSteps % kBatch == 0);

const ChurnStream &stream() {
    static const ChurnStream kStream = make_churn_stream(kStreamSteps);
    return kStream;
}

void BM_Churn(benchmark::State &state, const Allocator *a) {
    if (a->activate != nullptr) a->activate();
    const Dynamic d(*a);
    const ChurnStream &s = stream();
    std::vector<void *> slots(kChurnLive);
    churn_fill(d, s, slots.data());
    std::size_t first = 0;
    while (state.KeepRunningBatch(kBatch)) {
        churn_steps(d, s.steps.data() + first, kBatch, slots.data());
        first = (first + kBatch) % kStreamSteps;
    }
    churn_drain(d, slots.data());  // the timer stopped with the loop
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

void register_churn_benchmarks(const std::vector<const Allocator *> &allocators) {
    for (const Allocator *a : allocators) {
        const std::string name = "BM_Churn/" + a->name;
        benchmark::RegisterBenchmark(name.c_str(), BM_Churn, a);
    }
}

}  // namespace minipy::bench
