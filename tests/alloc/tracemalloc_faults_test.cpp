// The fault sweep over the tracer's own allocations (issue 15 points 1 and 6): for k = 1, 2,
// ... the k-th allocation the tracer makes from the C library fails (tables, their growth,
// interned tracebacks, the thread's frame buffer, a snapshot), until a run passes without
// reaching k. Each traced call then either succeeds with its trace or fails cleanly: NULL,
// no trace, a resized block left as it was; and after stop the tracer holds no byte.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstring>
#include <vector>

#include "alloc/support/fake_script_stack.hpp"
#include "minipy/pymem.h"
#include "minipy/tracemalloc.h"
#include "tracemalloc/memory.hpp"

using minipy::test::t_fake_stack;
using minipy::test::trace_of;
using minipy::test::traced_now;

namespace {

long g_countdown = 0;  // the allocation that fails is the one that brings it to 0
long g_failed = 0;

bool fail_kth() {
    if (--g_countdown != 0) return false;
    ++g_failed;
    return true;
}

const char *const kFiles[4] = {"a.py", "b.py", "c.py", "d.py"};

struct Live {
    void *p;
    int domain;  // 0 raw, 1 mem, 2 obj
    std::size_t size;
};

void free_block(const Live &b) {
    if (b.domain == 0) PyMem_RawFree(b.p);
    if (b.domain == 1) PyMem_Free(b.p);
    if (b.domain == 2) PyObject_Free(b.p);
}

// Runs the workload; returns false at the first broken rule (and BOOST_TEST says which).
bool workload(std::vector<Live> &live, std::size_t &expected_traced, std::size_t &tracked) {
    for (unsigned i = 0; i < 300; ++i) {
        // 60 distinct stacks, 3 deep: tracebacks to intern, tables to grow
        t_fake_stack = {{kFiles[i % 4], i % 60}, {kFiles[(i + 1) % 4], 7}, {kFiles[0], 1}};
        const int domain = static_cast<int>(i % 3);
        const std::size_t size = 8 + (i * 37) % 900;
        void *p = domain == 0   ? PyMem_RawMalloc(size)
                  : domain == 1 ? PyMem_Calloc(1, size)
                                : PyObject_Malloc(size);
        if (p == nullptr) {
            if (traced_now() != expected_traced) return false;
            continue;
        }
        const minipy::test::BlockTrace t = trace_of(p);
        BOOST_TEST(t.size == size);
        if (t.size != size || t.nframe != 3) return false;
        expected_traced += size;
        live.push_back({p, domain, size});
        if (i % 5 == 4) {  // resize an older block
            Live &b = live[live.size() / 2];
            const std::size_t new_size = b.size * 2 + 600;
            void *q = b.domain == 0   ? PyMem_RawRealloc(b.p, new_size)
                      : b.domain == 1 ? PyMem_Realloc(b.p, new_size)
                                      : PyObject_Realloc(b.p, new_size);
            if (q == nullptr) {
                BOOST_TEST(trace_of(b.p).size == b.size);  // unchanged, still traced
                if (trace_of(b.p).size != b.size) return false;
            } else {
                expected_traced += new_size - b.size;
                b = {q, b.domain, new_size};
                BOOST_TEST(trace_of(q).size == new_size);
            }
        }
        if (i % 7 == 6) {  // free one
            free_block(live.front());
            expected_traced -= live.front().size;
            live.erase(live.begin());
        }
        if (i % 50 == 0) {
            const int r = PyTraceMalloc_Track(42, 0x10000 + i, 100);
            if (r == 0) expected_traced += 100, tracked += 100;
            BOOST_TEST((r == 0 || r == -1));
        }
        BOOST_TEST(traced_now() == expected_traced);
        if (traced_now() != expected_traced) return false;
    }
    minipy_tracemalloc_snapshot *snap = minipy_tracemalloc_take_snapshot(nullptr);
    if (snap != nullptr) {
        std::size_t total = 0;
        for (std::size_t i = 0; i < snap->ntraces; ++i) total += snap->traces[i].size;
        BOOST_TEST(total == expected_traced);
        minipy_tracemalloc_snapshot_free(snap);
    }
    return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tracemalloc_faults)

BOOST_AUTO_TEST_CASE(each_failing_tracer_allocation_fails_its_call_cleanly) {
    const std::size_t tracer_bytes = minipy_tracemalloc_get_memory();
    long k = 1;
    for (;; ++k) {
        minipy::test::SavedDomains saved;
        minipy_alloc_set_script_stack(&minipy::test::fake_stack);
        g_countdown = k;
        g_failed = 0;
        minipy::tracemalloc::set_fault_injector(&fail_kth);
        // 40 frames: the thread's frame buffer comes from the C library too.
        const int started = minipy_tracemalloc_start(40);
        std::vector<Live> live;
        std::size_t expected = 0, tracked = 0;
        bool ok = true;
        if (started == 0) {
            ok = workload(live, expected, tracked);
        } else {
            BOOST_TEST(started == -1);
            BOOST_TEST(minipy_tracemalloc_is_tracing() == 0);
            PyMemAllocatorEx now;
            PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &now);
            BOOST_TEST(minipy::test::same_allocator(now, saved[PYMEM_DOMAIN_OBJ]));
        }
        minipy::tracemalloc::set_fault_injector(nullptr);
        for (const Live &b : live) free_block(b);
        BOOST_TEST(traced_now() == tracked);  // what is left: the host's tracked buffers
        minipy_tracemalloc_stop();
        minipy_alloc_set_script_stack(nullptr);
        BOOST_TEST(minipy_tracemalloc_get_memory() == tracer_bytes, "k = " << k);
        BOOST_REQUIRE_MESSAGE(ok, "k = " << k);
        if (g_failed == 0) break;  // the k-th allocation was never reached: all swept
    }
    BOOST_TEST(k > 20);  // the sweep went through the tables' growth and the interning
}

BOOST_AUTO_TEST_SUITE_END()
