// BM_LifoPair/<size>/<allocator>: malloc + free of one size, for each of pymalloc's 32 size
// classes (16 .. 512 bytes), with one other block of the size held for the whole run: the
// steady state of a program that keeps allocating and freeing objects of a type.
// BM_LifoPairUnpinned/<size>/<allocator>: the same without the held block. Then each free
// empties the pool, pymalloc (like CPython) gives the pool back to its arena, and the next
// malloc takes it again: the slow path on every pair, shown separately, labelled as such.
#include <benchmark/benchmark.h>

#include <string>

#include "alloc/benchmarks.hpp"
#include "alloc/workloads.hpp"

namespace minipy::bench {

namespace {

void BM_LifoPair(benchmark::State &state, const Allocator *a, std::size_t size, bool pinned) {
    if (a->activate != nullptr) a->activate();
    const Dynamic d(*a);
    void *pin = pinned ? d.malloc(size) : nullptr;
    for (auto _ : state) {
        void *p = d.malloc(size);
        keep(p);
        d.free(p);
    }
    if (pinned) d.free(pin);
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

void register_lifo_pair_benchmarks(const std::vector<const Allocator *> &allocators) {
    for (std::size_t size = 16; size <= kChurnMaxSize; size += 16) {
        for (const Allocator *a : allocators) {
            const std::string name = "BM_LifoPair/" + std::to_string(size) + "/" + a->name;
            benchmark::RegisterBenchmark(name.c_str(), BM_LifoPair, a, size, true);
        }
    }
    for (std::size_t size : {16, 64, 256}) {
        for (const Allocator *a : allocators) {
            const std::string name = "BM_LifoPairUnpinned/" + std::to_string(size) + "/" + a->name;
            benchmark::RegisterBenchmark(name.c_str(), BM_LifoPair, a, size, false);
        }
    }
}

}  // namespace minipy::bench
