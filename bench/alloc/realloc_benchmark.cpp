// BM_ReallocGrowth/<allocator>: one iteration grows one block from 8 bytes to 64 KiB by
// realloc, n -> n + n/8 + 8 (workloads.hpp). pymalloc serves the steps up to 512 bytes
// (moving the block whenever it leaves its size class) and hands the rest to the raw
// domain, so this mostly measures the hand-over and the C library's realloc behind it.
// The "reallocs" counter gives the time per realloc call.
#include <benchmark/benchmark.h>

#include <string>

#include "alloc/benchmarks.hpp"
#include "alloc/workloads.hpp"

namespace minipy::bench {

namespace {

void BM_ReallocGrowth(benchmark::State &state, const Allocator *a) {
    if (a->activate != nullptr) a->activate();
    const Dynamic d(*a);
    for (auto _ : state) realloc_growth(d);
    const auto per_chain = static_cast<double>(realloc_chain_length());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(per_chain));
    // kIsIterationInvariantRate | kInvert: seconds per realloc, printed as a time.
    state.counters["per_realloc"] = benchmark::Counter(
        per_chain, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

void register_realloc_benchmarks(const std::vector<const Allocator *> &allocators) {
    for (const Allocator *a : allocators) {
        const std::string name = "BM_ReallocGrowth/" + a->name;
        benchmark::RegisterBenchmark(name.c_str(), BM_ReallocGrowth, a);
    }
}

}  // namespace minipy::bench
