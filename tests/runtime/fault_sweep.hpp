// sweep_allocation_failures(): the one fault-injection sweep of the runtime suites. A block of
// object work is run again and again while an allocator hook on MEM and OBJ
// (FailNthRequest, tests/support/alloc_hooks.hpp) refuses allocation request N of the two
// domains together, or every request from N on (SweepOptions::and_after: the error paths must
// then cope without any memory, as under a hard limit), for N = 1, 2, ... until a run makes
// fewer than N requests. For every N the hook refused a request at:
//   - the block gave up (returned false): a refusal was not swallowed;
//   - the exception set is exactly MemoryError, with no message (PyErr_NoMemory's), not a
//     subclass, not SystemError, not another error raised on the way out;
//   - once the exception is cleared and the garbage collected, MEM and OBJ hold exactly as
//     many live blocks as after a clean run (minipy's accounting, minipy/memusage.h, which
//     sits below the hook, so refused requests never reach it).
// The run in which nothing was refused must complete with no exception set, and the block must
// have made more than SweepOptions::min_runs requests. Checks a block makes itself (a stolen
// reference consumed, values computed) run inside the sweep's context, which names N and the
// first request refused.
//
// Two clean runs come first, so that free lists and caches hold what they hold after any run
// (a failed run must then leave the same count behind), and the second one's requests are the
// sweep's length. The runtime must run with the accounting on
// (RuntimeScope::counting_config*); a block that keeps objects in free lists may leave them
// there, since the clean runs filled them first.
//
// MINIPY_FAULT_INJECTION_STRIDE=k (environment, default 1) sweeps N = 1, 1+k, 1+2k, ... only,
// for slow runs such as valgrind's; every N is still covered by the other runs.
#ifndef MINIPY_TESTS_RUNTIME_FAULT_SWEEP_HPP
#define MINIPY_TESTS_RUNTIME_FAULT_SWEEP_HPP

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <functional>
#include <string>
#include <utility>

#include "minipy/Python.h"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"
#include "support/alloc_hooks.hpp"

namespace minipy::test {

struct SweepOptions {
    bool and_after = false;  // refuse every request from N on, not request N only
    long min_runs = 10;      // the block must make more requests than this
    // Where the last run gave up, for the messages (the failed call's text, say).
    std::function<std::string()> stopped_at = nullptr;
    // Checks what a run that completed computed (after each clean run and the last run).
    std::function<void()> check_complete = nullptr;
};

inline long sweep_stride() {
    const char *env = std::getenv("MINIPY_FAULT_INJECTION_STRIDE");
    if (env == nullptr || env[0] == '\0') return 1;
    const long stride = std::strtol(env, nullptr, 10);
    return stride > 0 ? stride : 1;
}

// `block` returns true when it completed, false when it gave up with an exception set. Returns
// the number of runs in which a request was refused.
inline long sweep_allocation_failures(const std::function<bool()> &block,
                                      const SweepOptions &options = {}) {
    constexpr int kMaxReported = 5;  // a broken error path shows a handful of N, not hundreds
    const auto where = [&options]() -> std::string {
        return options.stopped_at ? ", stopped at " + options.stopped_at() : "";
    };
    FailNthRequest injector;
    long requests_per_run = 0;
    for (int clean = 0; clean < 2; ++clean) {
        injector.count_only();
        const bool completed = block();
        injector.disarm();
        requests_per_run = injector.requests();
        BOOST_REQUIRE_MESSAGE(
            completed, "the block fails without injection: " << objects::take_error() << where());
        BOOST_REQUIRE(!PyErr_Occurred());
        if (options.check_complete) options.check_complete();
        PyGC_Collect();
    }
    const auto baseline = live_blocks();
    const long stride = sweep_stride();

    long runs = 0;
    int reported = 0;
    long n = 1;
    for (; reported < kMaxReported; n += stride) {
        bool completed = false;
        bool ok = true;
        BOOST_TEST_CONTEXT("N = " << n) {
            injector.arm(n, options.and_after);
            completed = block();
            injector.disarm();
        }
        if (!injector.fired()) {  // the run made fewer than n requests: done
            BOOST_TEST(completed, "N = " << n << ": gave up with nothing refused: "
                                         << objects::take_error() << where());
            BOOST_TEST(!PyErr_Occurred());
            if (completed && options.check_complete) options.check_complete();
            PyErr_Clear();
            break;
        }
        ++runs;
        BOOST_TEST_CONTEXT("N = " << n
                                  << ", first refused request: " << injector.first_refused_domain()
                                  << " " << injector.first_refused_size() << " bytes" << where()) {
            if (completed) {
                BOOST_ERROR("the refusal was swallowed: the block completed");
                ok = false;
            } else if (const std::string error = objects::take_error(); error != "MemoryError") {
                BOOST_ERROR((error.empty() ? "no exception" : error) << " instead of MemoryError");
                ok = false;
            }
            PyErr_Clear();
            PyGC_Collect();
            const auto now = live_blocks();
            if (now != baseline) {
                BOOST_ERROR("live blocks after clean-up: MEM "
                            << now.first << " (before: " << baseline.first << "), OBJ "
                            << now.second << " (before: " << baseline.second << ")");
                ok = false;
            }
        }
        if (!ok) ++reported;
        if (n > 4 * requests_per_run + 1000) {
            BOOST_ERROR("the sweep does not end: N = " << n << ", a clean run makes "
                                                       << requests_per_run << " requests");
            break;
        }
    }
    BOOST_TEST_MESSAGE("allocation failures swept: " << runs << " runs, " << requests_per_run
                                                     << " requests in a clean run, stride "
                                                     << stride);
    BOOST_TEST(requests_per_run > options.min_runs);
    BOOST_TEST(runs > 0);
    return runs;
}

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_FAULT_SWEEP_HPP
