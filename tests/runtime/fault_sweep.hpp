// sweep_allocation_failures(): the fault-injection sweep the per-type suites share. A block
// of object work is run with allocation request N of MEM and OBJ failing (FailNthRequest),
// for N = 1, 2, ... until a run needs fewer than N requests; every failed run must give up
// with exactly MemoryError and, once the exception is cleared and garbage collected, leave
// MEM and OBJ with as many blocks as a clean run did.
#ifndef MINIPY_TESTS_RUNTIME_FAULT_SWEEP_HPP
#define MINIPY_TESTS_RUNTIME_FAULT_SWEEP_HPP

#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>
#include <utility>

#include "minipy/Python.h"
#include "runtime/object_ref.hpp"
#include "support/alloc_hooks.hpp"

namespace minipy::test {

struct SweepOptions {
    bool and_after = false;  // fail every request from N on (error paths with no memory left)
    long min_runs = 10;      // the block must make more requests than this
};

// Blocks live in MEM and OBJ now.
inline std::pair<size_t, size_t> live_blocks() {
    minipy_memory_usage usage;
    BOOST_REQUIRE(minipy_get_memory_usage(&usage) == 0);
    return {usage.mem.current_blocks, usage.obj.current_blocks};
}

// `block` returns true when it completed, false when it gave up with an exception set. Run
// it with the free lists off, or with a first clean run filling them (the sweep makes one).
inline void sweep_allocation_failures(const std::function<bool()> &block,
                                      SweepOptions options = {}) {
    // A clean run first: whatever is cached afterwards stays.
    BOOST_REQUIRE_MESSAGE(block(), "the block fails without injection: " << objects::take_error());
    PyGC_Collect();
    const auto baseline = live_blocks();
    FailNthRequest injector;
    int failures = 0;
    long n = 1;
    for (; failures < 5 && n < 100000; ++n) {
        injector.arm(n, options.and_after);
        const bool completed = block();
        injector.disarm();
        if (!injector.fired()) {
            BOOST_TEST(completed);
            BOOST_TEST(!PyErr_Occurred());
            break;
        }
        bool ok = true;
        if (completed) {
            BOOST_ERROR("N = " << n << ": the failure was swallowed");
            ok = false;
        } else if (PyErr_Occurred() != PyExc_MemoryError) {
            BOOST_ERROR("N = " << n << ": " << objects::take_error() << " instead of MemoryError");
            ok = false;
        }
        PyErr_Clear();
        PyGC_Collect();
        if (live_blocks() != baseline) {
            BOOST_ERROR("N = " << n << ": blocks left behind");
            ok = false;
        }
        if (!ok) ++failures;
    }
    BOOST_TEST_MESSAGE("allocation failures swept: " << n - 1);
    BOOST_TEST(n > options.min_runs);
}

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_FAULT_SWEEP_HPP
