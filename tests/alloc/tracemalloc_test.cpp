// The tracer core (issue 15 points 1-3): start and its limit, a trace per block of each
// domain with its interned traceback, realloc and free, the counters, stop and clear,
// PyTraceMalloc_Track / Untrack, snapshots. The stack comes from a fake callback
// (support/fake_script_stack.hpp) standing in for the interpreter's. Expected behaviour is
// CPython 3.11's (Modules/_tracemalloc.c; the Track/Untrack sequence is the one of
// ../shared/reference/cpython-memory.md 5.1, run under python3).
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>

#include "alloc/support/fake_script_stack.hpp"
#include "minipy/pymem.h"
#include "minipy/tracemalloc.h"
#include "support/alloc_hooks.hpp"

using minipy::test::t_fake_stack;
using minipy::test::trace_of;
using minipy::test::traced_now;
using minipy::test::traced_peak;
using minipy::test::TracingScope;

namespace {

// Filenames are interned by the interpreter: the tracer keeps them by pointer.
constexpr const char *kMain = "main.py";
constexpr const char *kLib = "lib.py";

bool same_frame(const minipy_tracemalloc_frame &f, const char *file, unsigned line) {
    return f.filename == file && f.lineno == line;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tracemalloc)

BOOST_AUTO_TEST_CASE(start_accepts_1_to_65535_frames_and_keeps_its_limit_while_tracing) {
    minipy::test::SavedDomains saved;
    BOOST_TEST(minipy_tracemalloc_start(0) == -2);
    BOOST_TEST(minipy_tracemalloc_start(-1) == -2);
    BOOST_TEST(minipy_tracemalloc_start(65536) == -2);
    BOOST_TEST(minipy_tracemalloc_is_tracing() == 0);
    BOOST_TEST(std::string(MINIPY_TRACEMALLOC_NFRAME_ERROR) ==
               "the number of frames must be in range [1; 65535]");
    BOOST_TEST(minipy_tracemalloc_start(65535) == 0);
    BOOST_TEST(minipy_tracemalloc_get_traceback_limit() == 65535);
    minipy_tracemalloc_stop();
    BOOST_TEST(minipy_tracemalloc_start(3) == 0);
    BOOST_TEST(minipy_tracemalloc_is_tracing() == 1);
    BOOST_TEST(minipy_tracemalloc_start(5) == 0);  // already tracing: nothing changes
    BOOST_TEST(minipy_tracemalloc_get_traceback_limit() == 3);
    minipy_tracemalloc_stop();
    BOOST_TEST(minipy_tracemalloc_is_tracing() == 0);
    BOOST_TEST(minipy_tracemalloc_get_traceback_limit() == 3);  // survives stop
}

BOOST_AUTO_TEST_CASE(stop_puts_back_the_allocators_it_wrapped) {
    PyMemAllocatorEx before[3], during[3], after[3];
    for (int d = 0; d < 3; ++d) PyMem_GetAllocator(PyMemAllocatorDomain(d), &before[d]);
    {
        TracingScope tracing;
        BOOST_REQUIRE(tracing.started());
        for (int d = 0; d < 3; ++d) PyMem_GetAllocator(PyMemAllocatorDomain(d), &during[d]);
        minipy_tracemalloc_stop();
        for (int d = 0; d < 3; ++d) PyMem_GetAllocator(PyMemAllocatorDomain(d), &after[d]);
    }
    for (int d = 0; d < 3; ++d) {
        BOOST_TEST(during[d].malloc != before[d].malloc);
        BOOST_TEST(minipy::test::same_allocator(after[d], before[d]));
    }
}

BOOST_AUTO_TEST_CASE(each_domain_traces_its_blocks_under_domain_0_with_the_requested_size) {
    TracingScope tracing(5);
    BOOST_REQUIRE(tracing.started());
    t_fake_stack = {{kLib, 7}, {kMain, 3}};
    void *raw = PyMem_RawMalloc(10);
    void *mem = PyMem_Calloc(3, 7);
    void *obj = PyObject_Malloc(700);  // above pymalloc's threshold: its raw fallback
    BOOST_REQUIRE(raw != nullptr);
    BOOST_REQUIRE(mem != nullptr);
    BOOST_REQUIRE(obj != nullptr);
    const std::size_t sizes[3] = {10, 21, 700};
    const void *blocks[3] = {raw, mem, obj};
    for (int i = 0; i < 3; ++i) {
        const minipy::test::BlockTrace t = trace_of(blocks[i]);
        BOOST_TEST(t.nframe == 2);
        BOOST_TEST(t.total == 2);
        BOOST_TEST(t.size == sizes[i]);
        BOOST_TEST(same_frame(t.frames[0], kLib, 7));
        BOOST_TEST(same_frame(t.frames[1], kMain, 3));
        BOOST_TEST(trace_of(blocks[i], 1).nframe == 0);  // not under the domain's number
    }
    // pymalloc's fallback to PyMem_RawMalloc happened inside the traced call: one trace.
    int out_of_memory = 1;
    minipy_tracemalloc_snapshot *snap = minipy_tracemalloc_take_snapshot(&out_of_memory);
    BOOST_REQUIRE(snap != nullptr);
    BOOST_TEST(out_of_memory == 0);
    BOOST_TEST(snap->ntraces == 3u);
    BOOST_TEST(snap->traceback_limit == 5);
    minipy_tracemalloc_snapshot_free(snap);
    BOOST_TEST(traced_now() == 10u + 21u + 700u);
    PyMem_RawFree(raw);
    PyMem_Free(mem);
    PyObject_Free(obj);
    BOOST_TEST(trace_of(raw).nframe == 0);
    BOOST_TEST(trace_of(obj).nframe == 0);
    BOOST_TEST(traced_now() == 0u);
    BOOST_TEST(traced_peak() == 731u);
}

BOOST_AUTO_TEST_CASE(a_thread_without_script_frames_gets_the_unknown_frame) {
    TracingScope tracing(3);
    BOOST_REQUIRE(tracing.started());
    void *p = PyObject_Malloc(16);
    const minipy::test::BlockTrace t = trace_of(p);
    BOOST_TEST(t.nframe == 1);
    BOOST_TEST(t.total == 1);
    BOOST_TEST(std::string(t.frames.at(0).filename) == "<unknown>");
    BOOST_TEST(t.frames.at(0).lineno == 0u);
    minipy_alloc_set_script_stack(nullptr);  // no callback at all: the same
    void *q = PyObject_Malloc(16);
    BOOST_TEST(std::string(trace_of(q).frames.at(0).filename) == "<unknown>");
    PyObject_Free(p);
    PyObject_Free(q);
}

BOOST_AUTO_TEST_CASE(tracebacks_keep_the_most_recent_frames_up_to_the_limit_and_the_depth) {
    for (const int limit : {1, 25, 40}) {  // 40: beyond the per-thread inline buffer
        TracingScope tracing(limit);
        BOOST_REQUIRE(tracing.started());
        t_fake_stack.clear();
        for (unsigned i = 0; i < 30; ++i) t_fake_stack.push_back({i % 2 ? kLib : kMain, 100 + i});
        void *p = PyMem_Malloc(8);
        const minipy::test::BlockTrace t = trace_of(p);
        BOOST_TEST(t.nframe == std::min(limit, 30));
        BOOST_TEST(t.total == 30);
        for (int i = 0; i < t.nframe; ++i)
            BOOST_TEST(t.frames[static_cast<std::size_t>(i)].lineno == 100u + unsigned(i));
        PyMem_Free(p);
    }
}

BOOST_AUTO_TEST_CASE(equal_tracebacks_are_one_record_and_a_changed_stack_is_seen) {
    TracingScope tracing(2);
    BOOST_REQUIRE(tracing.started());
    t_fake_stack = {{kMain, 1}};
    void *a = PyObject_Malloc(8);
    void *b = PyMem_RawMalloc(8);
    t_fake_stack = {{kMain, 2}};
    void *c = PyObject_Malloc(8);
    t_fake_stack = {{kMain, 2}, {kLib, 9}};  // same top frame, one more below
    void *d = PyObject_Malloc(8);
    t_fake_stack = {{kMain, 1}};
    void *e = PyObject_Malloc(8);
    BOOST_TEST(trace_of(c).frames.at(0).lineno == 2u);
    BOOST_TEST(trace_of(d).nframe == 2);
    minipy_tracemalloc_snapshot *snap = minipy_tracemalloc_take_snapshot(nullptr);
    BOOST_REQUIRE(snap != nullptr);
    std::set<const minipy_tracemalloc_traceback *> distinct;
    const minipy_tracemalloc_traceback *of_a = nullptr, *of_e = nullptr;
    for (std::size_t i = 0; i < snap->ntraces; ++i) {
        distinct.insert(snap->traces[i].traceback);
        const minipy_tracemalloc_traceback *tb = snap->traces[i].traceback;
        if (tb->nframe == 1 && tb->frames[0].lineno == 1) (of_a == nullptr ? of_a : of_e) = tb;
    }
    BOOST_TEST(snap->ntraces == 5u);
    BOOST_TEST(distinct.size() == 3u);  // (main:1) three times, (main:2), (main:2, lib:9)
    BOOST_TEST(of_a == of_e);
    minipy_tracemalloc_snapshot_free(snap);
    for (void *p : {a, c, d, e}) PyObject_Free(p);
    PyMem_RawFree(b);
}

BOOST_AUTO_TEST_CASE(realloc_moves_the_trace_to_the_new_block) {
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    t_fake_stack = {{kMain, 4}};
    auto *p = static_cast<char *>(PyMem_Malloc(16));
    std::memset(p, 'a', 16);
    t_fake_stack = {{kMain, 5}};
    auto *q = static_cast<char *>(PyMem_Realloc(p, 4000));  // leaves pymalloc: it moves
    BOOST_REQUIRE(q != nullptr);
    BOOST_TEST(static_cast<void *>(q) != static_cast<void *>(p));
    BOOST_TEST(trace_of(p).nframe == 0);
    BOOST_TEST(trace_of(q).size == 4000u);
    BOOST_TEST(trace_of(q).frames.at(0).lineno == 5u);  // the resize's traceback
    BOOST_TEST(traced_now() == 4000u);
    BOOST_TEST(q[15] == 'a');
    void *fresh = PyMem_Realloc(nullptr, 24);  // realloc(NULL, n) is a traced malloc
    BOOST_TEST(trace_of(fresh).size == 24u);
    BOOST_TEST(trace_of(q).size == 4000u);
    PyMem_Free(q);
    PyMem_Free(fresh);
    BOOST_TEST(traced_now() == 0u);
}

BOOST_AUTO_TEST_CASE(a_refusal_below_the_tracer_leaves_no_trace) {
    minipy::test::SavedDomains saved;
    // Installed first: the tracer wraps it, as it wraps a memory limit.
    minipy::test::ByteLimitHook limit(PYMEM_DOMAIN_OBJ, 100);
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    t_fake_stack = {{kMain, 8}};
    void *p = PyObject_Malloc(60);
    BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(PyObject_Malloc(60) == nullptr);  // 120 > 100
    BOOST_TEST(traced_now() == 60u);
    BOOST_TEST(PyObject_Realloc(p, 200) == nullptr);
    BOOST_TEST(trace_of(p).size == 60u);  // the failed resize kept the old trace
    BOOST_TEST(limit.refusals() == 2u);
    PyObject_Free(p);
    BOOST_TEST(traced_now() == 0u);
    BOOST_TEST(limit.live_bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(peak_follows_the_high_water_mark_until_reset_or_clear) {
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    void *a = PyMem_RawMalloc(1000);
    void *b = PyMem_RawMalloc(500);
    PyMem_RawFree(a);
    BOOST_TEST(traced_now() == 500u);
    BOOST_TEST(traced_peak() == 1500u);
    minipy_tracemalloc_reset_peak();
    BOOST_TEST(traced_peak() == 500u);
    void *c = PyMem_RawMalloc(100);
    BOOST_TEST(traced_peak() == 600u);
    minipy_tracemalloc_clear_traces();
    BOOST_TEST(traced_now() == 0u);
    BOOST_TEST(traced_peak() == 0u);
    BOOST_TEST(trace_of(b).nframe == 0);  // forgotten, still tracing
    BOOST_TEST(minipy_tracemalloc_is_tracing() == 1);
    PyMem_RawFree(b);  // a block without a trace frees normally
    PyMem_RawFree(c);
    void *d = PyMem_RawMalloc(7);
    BOOST_TEST(traced_now() == 7u);
    PyMem_RawFree(d);
}

BOOST_AUTO_TEST_CASE(stop_frees_every_byte_of_the_tracer) {
    const std::size_t before = minipy_tracemalloc_get_memory();
    {
        TracingScope tracing(40);  // a heap frame buffer for this thread too
        BOOST_REQUIRE(tracing.started());
        std::vector<void *> blocks;
        for (unsigned i = 0; i < 5000; ++i) {  // grows the tables several times
            t_fake_stack = {{kMain, i % 300}};
            blocks.push_back(PyObject_Malloc(8 + i % 100));
        }
        BOOST_TEST(minipy_tracemalloc_get_memory() > before + std::size_t{5000} * 16);
        minipy_tracemalloc_snapshot *snap = minipy_tracemalloc_take_snapshot(nullptr);
        minipy_tracemalloc_stop();
        BOOST_TEST(minipy_tracemalloc_get_memory() == before);
        BOOST_TEST(traced_now() == 0u);
        // The snapshot outlives stop.
        BOOST_REQUIRE(snap != nullptr);
        BOOST_TEST(snap->ntraces == 5000u);
        std::size_t total = 0;
        for (std::size_t i = 0; i < snap->ntraces; ++i) total += snap->traces[i].size;
        BOOST_TEST(total == 5000u * 8u + 50u * 4950u);
        minipy_tracemalloc_snapshot_free(snap);
        for (void *p : blocks) PyObject_Free(p);  // through the unwrapped domains
    }
    BOOST_TEST(minipy_tracemalloc_get_memory() == before);
    BOOST_TEST(minipy_tracemalloc_take_snapshot(nullptr) == nullptr);  // not tracing
}

BOOST_AUTO_TEST_CASE(alloc_finalize_stops_tracing) {
    minipy::test::SavedDomains saved;
    BOOST_REQUIRE(minipy_tracemalloc_start(1) == 0);
    void *p = PyObject_Malloc(32);
    minipy_alloc_finalize();
    BOOST_TEST(minipy_tracemalloc_is_tracing() == 0);
    BOOST_TEST(minipy_tracemalloc_get_memory() == 0u);
    PyObject_Free(p);
}

// --- PyTraceMalloc_Track / Untrack --------------------------------------------------------

BOOST_AUTO_TEST_CASE(track_and_untrack_return_cpython_codes_and_keep_domains_apart) {
    constexpr uintptr_t kPtr = 0x1000;
    BOOST_TEST(PyTraceMalloc_Track(7, kPtr, 10) == -2);  // not tracing
    BOOST_TEST(PyTraceMalloc_Untrack(7, kPtr) == -2);
    TracingScope tracing(2);
    BOOST_REQUIRE(tracing.started());
    t_fake_stack = {{kMain, 11}};
    BOOST_TEST(PyTraceMalloc_Track(7, kPtr, 10) == 0);
    BOOST_TEST(traced_now() == 10u);
    t_fake_stack = {{kMain, 12}};
    BOOST_TEST(PyTraceMalloc_Track(7, kPtr, 20) == 0);  // updates size and traceback
    BOOST_TEST(traced_now() == 20u);
    BOOST_TEST(trace_of(reinterpret_cast<void *>(kPtr), 7).size == 20u);
    BOOST_TEST(trace_of(reinterpret_cast<void *>(kPtr), 7).frames.at(0).lineno == 12u);
    BOOST_TEST(PyTraceMalloc_Track(0, kPtr, 5) == 0);  // another key
    BOOST_TEST(PyTraceMalloc_Track(42, kPtr, 1 << 20) == 0);
    BOOST_TEST(traced_now() == 20u + 5u + (1u << 20));
    minipy_tracemalloc_snapshot *snap = minipy_tracemalloc_take_snapshot(nullptr);
    BOOST_REQUIRE(snap != nullptr);
    BOOST_TEST(snap->ntraces == 3u);
    std::size_t in_42 = 0;
    for (std::size_t i = 0; i < snap->ntraces; ++i)
        if (snap->traces[i].domain == 42) in_42 += snap->traces[i].size;
    BOOST_TEST(in_42 == 1u << 20);
    minipy_tracemalloc_snapshot_free(snap);
    BOOST_TEST(PyTraceMalloc_Untrack(7, kPtr) == 0);
    BOOST_TEST(PyTraceMalloc_Untrack(7, kPtr) == 0);  // again: harmless
    BOOST_TEST(trace_of(reinterpret_cast<void *>(kPtr), 7).nframe == 0);
    BOOST_TEST(trace_of(reinterpret_cast<void *>(kPtr), 0).size == 5u);
    BOOST_TEST(PyTraceMalloc_Untrack(0, kPtr) == 0);
    BOOST_TEST(PyTraceMalloc_Untrack(42, kPtr) == 0);
    BOOST_TEST(traced_now() == 0u);
}

BOOST_AUTO_TEST_CASE(retrace_gives_a_trace_the_current_traceback_and_keeps_its_size) {
    void *early = PyObject_Malloc(8);
    BOOST_TEST(minipy_tracemalloc_retrace(0, reinterpret_cast<uintptr_t>(early)) == -2);
    {
        TracingScope tracing(1);
        BOOST_REQUIRE(tracing.started());
        t_fake_stack = {{kMain, 20}};
        void *p = PyObject_Malloc(48);
        t_fake_stack = {{kLib, 21}};
        BOOST_TEST(minipy_tracemalloc_retrace(0, reinterpret_cast<uintptr_t>(p)) == 0);
        BOOST_TEST(same_frame(trace_of(p).frames.at(0), kLib, 21));
        BOOST_TEST(trace_of(p).size == 48u);
        BOOST_TEST(traced_now() == 48u);
        // A block without a trace stays without one.
        BOOST_TEST(minipy_tracemalloc_retrace(0, reinterpret_cast<uintptr_t>(early)) == 0);
        BOOST_TEST(trace_of(early).nframe == 0);
        PyObject_Free(p);
    }
    PyObject_Free(early);
}

BOOST_AUTO_TEST_CASE(allocations_of_the_stack_callback_are_not_traced) {
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    static void *made_inside = nullptr;
    minipy_alloc_set_script_stack([](minipy_tracemalloc_frame *frames, int) {
        if (made_inside == nullptr) made_inside = PyMem_RawMalloc(64);
        frames[0] = {kMain, 1};
        return 1;
    });
    void *p = PyMem_Malloc(8);
    BOOST_TEST(PyTraceMalloc_Track(42, 0x2000, 3) == 0);
    BOOST_REQUIRE(made_inside != nullptr);
    BOOST_TEST(trace_of(made_inside).nframe == 0);
    BOOST_TEST(trace_of(p).nframe == 1);
    BOOST_TEST(traced_now() == 8u + 3u);
    PyMem_Free(p);
    PyMem_RawFree(made_inside);
    made_inside = nullptr;
}

BOOST_AUTO_TEST_SUITE_END()
