// minipy_runtime_callgrind_driver: plain loops for instruction counts under callgrind, as
// bench/alloc/callgrind_driver.cpp does for the allocators; bench/alloc/callgrind_counts.sh
// runs it with N and 2N operations (--debug-hooks, --gil) and divides the difference by N.
//
//   hooks pair <setup> <domain> <size> <n> [bare]
//   hooks churn <setup> <domain> <steps> <stream-steps> [bare]
//       setup: pymalloc, pymalloc_debug, malloc, malloc_debug (minipy; its runtime started
//       with config.allocator = setup, unless `bare`: then _PyMem_SetupAllocators only), or
//       cpython, cpython_debug (libpython: hooks set, then Py_InitializeEx(0), unless
//       `bare`: then never initialized); domain: raw, mem, obj. (allocator_setup.hpp)
//       pair: malloc + free with one block of the size held; churn: the 10^5-block window.
//   gil <minipy|cpython> <op> <n>
//       op: check, checkpoint, ensure-held, ensure-free, ensure-new, save-restore
//       (runtime/gil_ops.hpp); the runtime is started first and its GIL held.
//   empty <calls> <n>
//       the loop calling 1 or 2 functions that do nothing: what the loop costs.
//
// minipy's functions are called directly, CPython's through a pointer in memory (one call
// instruction either way). Exit status: 0 done, 2 bad arguments, 3 not available (CPython
// missing, or an op it has no counterpart for), 1 set-up failed.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "alloc/process.hpp"
#include "alloc/workloads.hpp"
#include "minipy/Python.h"
#include "runtime/allocator_setup.hpp"
#include "runtime/cpython_api.hpp"
#include "runtime/gil_ops.hpp"

namespace {

using namespace minipy::bench;

template <PyMemAllocatorDomain D>
struct Minipy;
template <>
struct Minipy<PYMEM_DOMAIN_RAW> {
    static void *malloc(std::size_t n) { return PyMem_RawMalloc(n); }
    static void free(void *p) { PyMem_RawFree(p); }
};
template <>
struct Minipy<PYMEM_DOMAIN_MEM> {
    static void *malloc(std::size_t n) { return PyMem_Malloc(n); }
    static void free(void *p) { PyMem_Free(p); }
};
template <>
struct Minipy<PYMEM_DOMAIN_OBJ> {
    static void *malloc(std::size_t n) { return PyObject_Malloc(n); }
    static void free(void *p) { PyObject_Free(p); }
};

MallocFn g_malloc;
FreeFn g_free;
struct ViaPointer {
    static void *malloc(std::size_t n) { return g_malloc(n); }
    static void free(void *p) { g_free(p); }
};

// As in bench/alloc/callgrind_driver.cpp: opaque to the optimiser, on GCC and clang.
#if defined(__clang__)
#define MINIPY_BENCH_OPAQUE gnu::noinline
#else
#define MINIPY_BENCH_OPAQUE gnu::noipa
#endif
[[MINIPY_BENCH_OPAQUE]] void empty_call() {
    __asm__ volatile("" ::: "memory");
}

int usage() {
    std::fputs(
        "usage: minipy_runtime_callgrind_driver hooks pair <setup> <domain> <size> <n> [bare]\n"
        "       minipy_runtime_callgrind_driver hooks churn <setup> <domain> <steps> "
        "<stream-steps> [bare]\n"
        "       minipy_runtime_callgrind_driver gil <minipy|cpython> <op> <n>\n"
        "       minipy_runtime_callgrind_driver empty <1|2> <n>\n",
        stderr);
    return 2;
}

template <class A>
void run_hooks(const A &a, bool churn, long first, long second) {
    if (!churn) {
        lifo_pairs(a, static_cast<std::size_t>(first), second, true);
        return;
    }
    const ChurnStream s = make_churn_stream(static_cast<std::size_t>(second));
    std::vector<void *> slots(kChurnLive);
    churn_fill(a, s, slots.data());
    churn_steps(a, s.steps.data(), static_cast<std::size_t>(first), slots.data());
    churn_drain(a, slots.data());
}

// hooks pair|churn <setup> <domain> <a> <b> [bare]
int hooks_mode(int argc, char **argv) {
    if (argc != 7 && argc != 8) return usage();
    const bool churn = std::strcmp(argv[2], "churn") == 0;
    if (!churn && std::strcmp(argv[2], "pair") != 0) return usage();
    Setup setup;
    PyMemAllocatorDomain domain;
    if (!parse_setup_name(argv[3], &setup.base, &setup.hooks) || !parse_domain(argv[4], &domain))
        return usage();
    const bool bare = argc == 8;
    if (bare && std::strcmp(argv[7], "bare") != 0) return usage();
    setup.runtime = !bare;
    const long first = parse_positive_count(argv[5]);
    const long second = parse_positive_count(argv[6]);
    if (churn && second < first) return usage();

    std::string why;
    if (setup.base == Base::cpython && load_cpython(&why) == nullptr) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 3;
    }
    if (!setup_apply(setup, &why)) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    if (setup.base == Base::cpython) {
        const DomainFns fns = domain_fns(setup.base, domain);
        g_malloc = fns.malloc;
        g_free = fns.free;
        run_hooks(ViaPointer{}, churn, first, second);
    } else if (domain == PYMEM_DOMAIN_RAW) {
        run_hooks(Minipy<PYMEM_DOMAIN_RAW>{}, churn, first, second);
    } else if (domain == PYMEM_DOMAIN_MEM) {
        run_hooks(Minipy<PYMEM_DOMAIN_MEM>{}, churn, first, second);
    } else {
        run_hooks(Minipy<PYMEM_DOMAIN_OBJ>{}, churn, first, second);
    }
    setup_undo(setup);
    return 0;
}

// gil <minipy|cpython> <op> <n>
int gil_mode(int argc, char **argv) {
    if (argc != 5) return usage();
    GilOp op;
    if (!parse_gil_op(argv[3], &op)) return usage();
    const long n = parse_positive_count(argv[4]);
    make_process_multithreaded();  // as the timing programs do (gil_ops.hpp)
    std::string why;
    if (std::strcmp(argv[2], "minipy") == 0) {
        if (!start_minipy_runtime(0.0, &why)) {
            std::fprintf(stderr, "%s\n", why.c_str());
            return 1;
        }
        run_minipy_gil_op(op, n);
        Py_FinalizeEx();
        return 0;
    }
    if (std::strcmp(argv[2], "cpython") != 0) return usage();
    const CPythonApi *py = load_cpython(&why);
    if (py == nullptr) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 3;
    }
    if (!start_cpython_runtime(*py, &why)) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    if (!run_cpython_gil_op(*py, op, n)) {
        std::fprintf(stderr, "cpython has no %s\n", gil_op_name(op));
        return 3;
    }
    return 0;  // no Py_FinalizeEx: its cost would be the same in both runs anyway
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2) return usage();
    const std::string mode = argv[1];
    if (mode == "hooks") return hooks_mode(argc, argv);
    if (mode == "gil") return gil_mode(argc, argv);
    if (mode == "empty" && argc == 4) {
        const long calls = parse_positive_count(argv[2]);
        const long n = parse_positive_count(argv[3]);
        if (calls == 1) {
            for (long i = 0; i < n; i++) empty_call();
        } else {
            for (long i = 0; i < n; i++) {
                empty_call();
                empty_call();
            }
        }
        return 0;
    }
    return usage();
}
