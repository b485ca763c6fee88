// The Google Benchmark families of minipy_alloc_benchmarks, one file per workload
// (*_benchmark.cpp), registered at run time for the allocators that could be loaded, with
// names BM_<workload>/<parameters>/<allocator>: the allocator comes last so that
// benchmark_main.cpp can line the allocators of one workload up and print their ratios.
#pragma once

#include <vector>

#include "alloc/allocators.hpp"

namespace minipy::bench {

void register_lifo_pair_benchmarks(const std::vector<const Allocator *> &allocators);
void register_churn_benchmarks(const std::vector<const Allocator *> &allocators);
void register_realloc_benchmarks(const std::vector<const Allocator *> &allocators);

}  // namespace minipy::bench
