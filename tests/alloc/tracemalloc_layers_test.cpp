// The tracer among the other layers of a domain (issue 15 point 1): it wraps what a domain
// holds when it starts, and whatever is installed later wraps it, so it composes with the
// debug hooks, a memory limit and custom allocators in either order, and stop leaves a
// later layer in place. (The memory limit below the tracer: tracemalloc suite.)
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstring>

#include "alloc/support/fake_script_stack.hpp"
#include "minipy/pymem.h"
#include "minipy/tracemalloc.h"
#include "support/alloc_hooks.hpp"

using minipy::test::AllocatorConfig;
using minipy::test::t_fake_stack;
using minipy::test::trace_of;
using minipy::test::traced_now;
using minipy::test::TracingScope;

namespace {

constexpr const char *kMain = "main.py";
constexpr std::size_t kHookOverhead = 3 * sizeof(std::size_t);  // the debug hooks' frame

}  // namespace

BOOST_AUTO_TEST_SUITE(tracemalloc_layers)

BOOST_AUTO_TEST_CASE(over_the_debug_hooks_a_trace_has_the_size_the_caller_asked_for) {
    AllocatorConfig debug("pymalloc_debug");
    BOOST_REQUIRE(debug.ok());
    PyMemAllocatorEx hooks;
    PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &hooks);
    {
        TracingScope tracing(1);
        BOOST_REQUIRE(tracing.started());
        t_fake_stack = {{kMain, 2}};
        auto *p = static_cast<unsigned char *>(PyMem_Malloc(16));
        BOOST_TEST(p[0] == 0xCD);  // the hooks below filled it
        BOOST_TEST(trace_of(p).size == 16u);
        BOOST_TEST(traced_now() == 16u);
        p = static_cast<unsigned char *>(PyMem_Realloc(p, 40));
        BOOST_TEST(trace_of(p).size == 40u);
        PyMem_Free(p);  // the hooks check the block: intact
        BOOST_TEST(traced_now() == 0u);
        minipy_tracemalloc_stop();
        PyMemAllocatorEx after;
        PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &after);
        BOOST_TEST(minipy::test::same_allocator(after, hooks));
    }
}

BOOST_AUTO_TEST_CASE(under_debug_hooks_installed_later_the_tracer_sees_their_framed_request) {
    minipy::test::SavedDomains saved;
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    PyMem_SetupDebugHooks();  // on top of the tracer
    t_fake_stack = {{kMain, 3}};
    auto *p = static_cast<unsigned char *>(PyObject_Malloc(16));
    BOOST_TEST(trace_of(p).nframe == 0);  // the tracer handed out the hooks' base
    BOOST_TEST(trace_of(p - 2 * sizeof(std::size_t)).size == 16u + kHookOverhead);
    minipy_tracemalloc_stop();
    // The hooks stay on top; the tracer under them only passes calls through.
    BOOST_TEST(_PyMem_GetCurrentAllocatorName() == nullptr);  // hooks over a stopped tracer
    PyObject_Free(p);
    void *q = PyObject_Malloc(8);
    BOOST_TEST(q != nullptr);
    PyObject_Free(q);
    BOOST_TEST(traced_now() == 0u);
}

BOOST_AUTO_TEST_CASE(a_custom_allocator_set_before_start_does_the_work_of_traced_calls) {
    minipy::test::SavedDomains saved;
    minipy::test::CountingHook counting(PYMEM_DOMAIN_RAW);
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    void *p = PyMem_RawMalloc(100);
    p = PyMem_RawRealloc(p, 200);
    void *q = PyMem_RawCalloc(4, 4);
    BOOST_TEST(counting.mallocs == 1u);
    BOOST_TEST(counting.reallocs == 1u);
    BOOST_TEST(counting.callocs == 1u);
    BOOST_TEST(trace_of(p).size == 200u);
    BOOST_TEST(trace_of(q).size == 16u);
    PyMem_RawFree(p);
    PyMem_RawFree(q);
    BOOST_TEST(counting.frees == 2u);
    BOOST_TEST(traced_now() == 0u);
}

BOOST_AUTO_TEST_CASE(a_custom_allocator_set_after_start_stays_after_stop) {
    minipy::test::SavedDomains saved;
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    {
        minipy::test::CountingHook counting(PYMEM_DOMAIN_MEM);  // over the tracer
        void *p = PyMem_Malloc(24);
        BOOST_TEST(counting.mallocs == 1u);
        BOOST_TEST(trace_of(p).size == 24u);  // the tracer under it traced the block
        minipy_tracemalloc_stop();
        PyMemAllocatorEx top;
        PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &top);
        BOOST_TEST(top.ctx == &counting);  // stop did not take the hook away
        PyMem_Free(p);
        BOOST_TEST(counting.frees == 1u);
        void *q = PyMem_Malloc(8);
        BOOST_TEST(counting.mallocs == 2u);
        PyMem_Free(q);
    }
    // The hook put back the stopped tracer; a new start serves from it, once per call.
    BOOST_REQUIRE(minipy_tracemalloc_start(1) == 0);
    void *r = PyMem_Malloc(40);
    BOOST_TEST(trace_of(r).size == 40u);
    minipy_tracemalloc_snapshot *snap = minipy_tracemalloc_take_snapshot(nullptr);
    BOOST_REQUIRE(snap != nullptr);
    BOOST_TEST(snap->ntraces == 1u);
    minipy_tracemalloc_snapshot_free(snap);
    PyMem_Free(r);
    BOOST_TEST(traced_now() == 0u);
}

BOOST_AUTO_TEST_CASE(a_memory_limit_over_the_tracer_refuses_before_anything_is_traced) {
    minipy::test::SavedDomains saved;
    TracingScope tracing(1);
    BOOST_REQUIRE(tracing.started());
    minipy::test::ByteLimitHook limit(PYMEM_DOMAIN_MEM, 64);
    void *p = PyMem_Malloc(48);
    BOOST_TEST(PyMem_Malloc(48) == nullptr);
    // The limit's own header is part of what the tracer sees.
    BOOST_TEST(traced_now() == 48u + minipy::test::ByteLimitHook::kHeader);
    PyMem_Free(p);
    BOOST_TEST(traced_now() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
