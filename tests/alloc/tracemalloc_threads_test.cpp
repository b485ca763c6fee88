// Raw-domain calls traced from threads that hold no GIL (issue 15 point 1): each thread
// allocates and frees through PyMem_Raw* with its own script stack, another tracks and
// untracks host buffers, while the main thread allocates through OBJ; every trace keeps
// its own thread's traceback and the counters add up. Threads with a frame buffer on the
// heap give it back when they end. (Label "threads": the tsan preset runs this suite.)
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "alloc/support/fake_script_stack.hpp"
#include "minipy/pymem.h"
#include "minipy/tracemalloc.h"

using minipy::test::t_fake_stack;
using minipy::test::trace_of;
using minipy::test::traced_now;
using minipy::test::TracingScope;

namespace {

constexpr int kThreads = 4;
const char *const kThreadFiles[kThreads] = {"t0.py", "t1.py", "t2.py", "t3.py"};

}  // namespace

BOOST_AUTO_TEST_SUITE(tracemalloc_threads)

BOOST_AUTO_TEST_CASE(raw_domain_threads_without_the_gil_are_traced_safely) {
    const std::size_t tracer_bytes_before = minipy_tracemalloc_get_memory();
    TracingScope tracing(40);  // beyond the inline buffer: each thread's is on the heap
    BOOST_REQUIRE(tracing.started());
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([t, &wrong] {
            std::vector<void *> live;
            for (unsigned i = 0; i < 20000; ++i) {
                t_fake_stack = {{kThreadFiles[t], i % 17}};
                void *p = PyMem_RawMalloc(8 + i % 64);
                if (p == nullptr) {
                    ++wrong;
                    continue;
                }
                live.push_back(p);
                if (live.size() > 16) {
                    const minipy::test::BlockTrace tr = trace_of(live.front());
                    if (tr.nframe != 1 || tr.frames[0].filename != kThreadFiles[t]) ++wrong;
                    if (i % 3 == 0) {
                        live.front() = PyMem_RawRealloc(live.front(), 100);
                        if (trace_of(live.front()).size != 100u) ++wrong;
                    }
                    PyMem_RawFree(live.front());
                    live.erase(live.begin());
                }
            }
            for (void *p : live) PyMem_RawFree(p);
        });
    }
    threads.emplace_back([&wrong] {
        for (uintptr_t i = 0; i < 20000; ++i) {
            if (PyTraceMalloc_Track(42, 0x1000 + 16 * (i % 32), 10) != 0) ++wrong;
            if (i % 2 == 1 && PyTraceMalloc_Untrack(42, 0x1000 + 16 * (i % 32)) != 0) ++wrong;
        }
        for (uintptr_t i = 0; i < 32; ++i) PyTraceMalloc_Untrack(42, 0x1000 + 16 * i);
    });
    t_fake_stack = {{"main.py", 1}};
    std::vector<void *> mine;
    for (int i = 0; i < 5000; ++i) mine.push_back(PyObject_Malloc(24));
    for (std::thread &th : threads) th.join();
    BOOST_TEST(wrong.load() == 0);
    BOOST_TEST(traced_now() == 5000u * 24u);
    BOOST_TEST(trace_of(mine[17]).frames.at(0).filename == std::string("main.py"));
    for (void *p : mine) PyObject_Free(p);
    BOOST_TEST(traced_now() == 0u);
    minipy_tracemalloc_stop();
    // The ended threads gave their frame buffers back; stop gave back the rest.
    BOOST_TEST(minipy_tracemalloc_get_memory() == tracer_bytes_before);
}

BOOST_AUTO_TEST_SUITE_END()
