// A driver for instruction counts under callgrind: each mode runs one workload's hot loop
// as plain C++ (no Google Benchmark machinery), so that callgrind_counts.sh can take two
// runs of N and 2N operations and divide the difference by N, which cancels start-up,
// library loading and the set-up of the churn window.
//
//   minipy_alloc_callgrind_driver pair <allocator> <size> <iterations>
//   minipy_alloc_callgrind_driver pair-unpinned <allocator> <size> <iterations>
//   minipy_alloc_callgrind_driver churn|churn-read <allocator> <steps> [<stream-steps>]
//   minipy_alloc_callgrind_driver realloc <allocator> <chains>
//   minipy_alloc_callgrind_driver empty <iterations>
//   minipy_alloc_callgrind_driver realloc-length     (prints the reallocs in one chain)
//
// minipy's allocators are called directly (a call instruction, as a program calls
// PyObject_Malloc); the others through a function pointer in memory, which is also one
// call instruction and spares glibc's malloc the extra jump of a PLT entry. `empty` is the
// pair loop calling two functions that do nothing: the cost of the loop and the calls.
// `churn` generates its stream of <stream-steps> (default <steps>) entries: give both runs
// the same value, otherwise the generator's own instructions do not cancel.
// Exit status: 0 done, 2 bad arguments, 3 allocator not available (reason on stderr).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "alloc/allocators.hpp"
#include "alloc/process.hpp"
#include "alloc/workloads.hpp"
#include "minipy/pymem.h"

namespace {

using namespace minipy::bench;

struct Minipy {
    static void *malloc(std::size_t n) { return PyObject_Malloc(n); }
    static void free(void *p) { PyObject_Free(p); }
    static void *realloc(void *p, std::size_t n) { return PyObject_Realloc(p, n); }
};

MallocFn g_malloc;
FreeFn g_free;
ReallocFn g_realloc;

struct ViaPointer {
    static void *malloc(std::size_t n) { return g_malloc(n); }
    static void free(void *p) { g_free(p); }
    static void *realloc(void *p, std::size_t n) { return g_realloc(p, n); }
};

// The compiler must neither inline these nor learn from their bodies that the calls could
// be dropped: GCC's noipa says both; clang has no noipa, so noinline, and the empty asm
// statement (no instruction) makes each body a side effect clang cannot see through.
#if defined(__clang__)
#define MINIPY_BENCH_OPAQUE gnu::noinline
#else
#define MINIPY_BENCH_OPAQUE gnu::noipa
#endif
unsigned char g_dummy[16];
[[MINIPY_BENCH_OPAQUE]] void *empty_malloc(std::size_t) {
    __asm__ volatile("" ::: "memory");
    return g_dummy;
}
[[MINIPY_BENCH_OPAQUE]] void empty_free(void *) {
    __asm__ volatile("" ::: "memory");
}

struct Empty {
    static void *malloc(std::size_t n) { return empty_malloc(n); }
    static void free(void *p) { empty_free(p); }
};

int usage() {
    std::fputs(
        "usage: minipy_alloc_callgrind_driver pair|pair-unpinned <allocator> <size> <n>\n"
        "       minipy_alloc_callgrind_driver churn|churn-read <allocator> <steps> "
        "[<stream-steps>]\n"
        "       minipy_alloc_callgrind_driver realloc <allocator> <chains>\n"
        "       minipy_alloc_callgrind_driver empty <n>\n"
        "       minipy_alloc_callgrind_driver realloc-length\n",
        stderr);
    return 2;
}

template <class A>
int run(const A &a, const std::string &mode, int argc, char **argv) {
    if (mode == "pair" || mode == "pair-unpinned") {
        if (argc != 5) return usage();
        const long size = parse_positive_count(argv[3]);
        lifo_pairs(a, static_cast<std::size_t>(size), parse_positive_count(argv[4]),
                   mode == "pair");
        return 0;
    }
    if (mode == "churn" || mode == "churn-read") {
        if (argc != 4 && argc != 5) return usage();
        const auto steps = static_cast<std::size_t>(parse_positive_count(argv[3]));
        const auto stream_steps =
            argc == 5 ? static_cast<std::size_t>(parse_positive_count(argv[4])) : steps;
        if (stream_steps < steps) return usage();
        const ChurnStream s = make_churn_stream(stream_steps);
        std::vector<void *> slots(kChurnLive);
        churn_fill(a, s, slots.data());
        run_churn_steps(mode == "churn" ? ChurnDriver::write : ChurnDriver::read, a, s.steps.data(),
                        steps, slots.data());
        churn_drain(a, slots.data());
        return 0;
    }
    if (mode == "realloc") {
        if (argc != 4) return usage();
        const long chains = parse_positive_count(argv[3]);
        for (long i = 0; i < chains; i++) realloc_growth(a);
        return 0;
    }
    return usage();
}

}  // namespace

int main(int argc, char **argv) {
    if (argc == 2 && std::strcmp(argv[1], "realloc-length") == 0) {
        std::printf("%zu\n", realloc_chain_length());
        return 0;
    }
    if (argc < 3) return usage();
    // Only for jemalloc: under valgrind the re-executed process would not be traced (the
    // script sets the tunable itself, so that it never happens there).
    if (std::strcmp(argv[2], "jemalloc") == 0) reexec_for_jemalloc_tls(argv);
    const std::string mode = argv[1];
    if (mode == "empty") {
        if (argc != 3) return usage();
        lifo_pairs(Empty{}, 32, parse_positive_count(argv[2]), true);
        return 0;
    }
    std::string why;
    const Allocator *a = load_allocator(argv[2], &why);
    if (a == nullptr) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 3;
    }
    if (a->activate != nullptr) a->activate();
    if (a->activate != nullptr) return run(Minipy{}, mode, argc, argv);
    g_malloc = a->malloc;
    g_free = a->free;
    g_realloc = a->realloc;
    return run(ViaPointer{}, mode, argc, argv);
}
