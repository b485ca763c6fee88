// tracemalloc with the runtime (issue 15 points 1 and 6): started after start-up, as
// -X tracemalloc will be, the tracer wraps the runtime's accounting hook; a refusal of the
// memory limit leaves no trace, objects are traced, and shutdown stops tracing before the
// hook takes itself out, so nothing is left. (The other order, a limit installed over the
// tracer, is the alloc suite tracemalloc_layers' with a test hook: the runtime installs its
// hook only at start-up, and start-up replaces the domains outright, as CPython's does.)
#include <boost/test/unit_test.hpp>

#include <cstdint>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

namespace {

std::size_t traced_now() {
    std::size_t current = 0, peak = 0;
    minipy_tracemalloc_get_traced_memory(&current, &peak);
    return current;
}

std::size_t traced_size(const void *p) {
    minipy_tracemalloc_frame frame;
    std::size_t size = 0;
    const int n = minipy_tracemalloc_get_traceback(MINIPY_TRACEMALLOC_DEFAULT_DOMAIN,
                                                   reinterpret_cast<std::uintptr_t>(p), &frame, 1,
                                                   &size, nullptr);
    return n > 0 ? size : 0;
}

std::size_t limit_above_usage(std::size_t headroom) {
    minipy_memory_usage usage;
    BOOST_REQUIRE(minipy_get_memory_usage(&usage) == 0);
    return usage.total.current_bytes + headroom;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tracemalloc_runtime)

BOOST_AUTO_TEST_CASE(started_after_the_runtime_it_traces_what_the_limit_lets_through) {
    const std::size_t tracer_bytes = minipy_tracemalloc_get_memory();
    {
        RuntimeScope runtime(RuntimeScope::counting_config());
        BOOST_REQUIRE(minipy_tracemalloc_start(1) == 0);
        BOOST_REQUIRE(minipy_set_memory_limit(limit_above_usage(3000)) == 0);
        void *a = PyMem_Malloc(2000);
        BOOST_REQUIRE(a != nullptr);
        BOOST_TEST(traced_size(a) == 2000u);
        BOOST_TEST(PyObject_Malloc(2000) == nullptr);  // over the limit: refused below us
        BOOST_TEST(traced_now() == 2000u);
        BOOST_TEST(PyMem_Realloc(a, 5000) == nullptr);
        BOOST_TEST(traced_size(a) == 2000u);    // the refused resize kept the block's trace
        PyObject *f = PyFloat_FromDouble(1.5);  // objects are traced too
        BOOST_REQUIRE(f != nullptr);
        BOOST_TEST(traced_size(f) > 0u);
        Py_DECREF(f);
        PyMem_Free(a);
        BOOST_REQUIRE(minipy_set_memory_limit(0) == 0);
        // Shutdown stops tracing while the tracer is still on top of the accounting hook.
    }
    BOOST_TEST(minipy_tracemalloc_is_tracing() == 0);
    BOOST_TEST(minipy_tracemalloc_get_memory() == tracer_bytes);
}

BOOST_AUTO_TEST_SUITE_END()
