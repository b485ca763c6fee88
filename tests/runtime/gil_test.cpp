// The GIL (issue 4, point 7): mutual exclusion, hand-off at check points, the GIL-state API
// in each thread, and the debug hooks' view of it from many threads.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using Clock = std::chrono::steady_clock;

namespace {

// Runs `body` in `n` threads while the calling thread, which holds the GIL, waits for them
// with the GIL released (as a host's main thread does).
template <typename Body>
void run_threads(int n, Body body) {
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) threads.emplace_back(body, i);
    Py_BEGIN_ALLOW_THREADS for (std::thread &t : threads) t.join();
    Py_END_ALLOW_THREADS
}

// The harness's config with a shorter switch interval (seconds).
PyConfig with_switch_interval(double seconds) {
    PyConfig config = RuntimeScope::test_config();
    config.switch_interval = seconds;
    return config;
}

minipy_gil_stats gil_stats() {
    minipy_gil_stats stats{};
    minipy_gil_get_stats(&stats);
    return stats;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gil)

// The counter is a plain long: only the GIL keeps the increments from being lost. Threads
// pass a check point after each increment, and a short switch interval makes waiters ask
// for the GIL often, so it really changes hands many times.
BOOST_AUTO_TEST_CASE(the_gil_alone_keeps_a_shared_counter_exact) {
    RuntimeScope runtime(with_switch_interval(0.0001));
    constexpr int kThreads = 8;
    constexpr int kIncrements = 200000;
    long counter = 0;
    volatile int sink = 0;
    // Every thread keeps its thread state until all are done: a state freed early could be
    // reused at the same address by a later thread, and the GIL would not count that hand-over
    // as a switch (it compares holders), which on a loaded machine made the count below fall
    // short although every thread did take the GIL.
    std::latch all_done(kThreads);
    const minipy_gil_stats before = gil_stats();
    run_threads(kThreads, [&](int) {
        const PyGILState_STATE state = PyGILState_Ensure();
        for (int i = 0; i < kIncrements; ++i) {
            // A read-modify-write with a window in it: without mutual exclusion another
            // thread's update would land in the window and be lost.
            const long seen = counter;
            for (int delay = 0; delay < 8; ++delay) sink = delay;
            counter = seen + 1;
            minipy_eval_checkpoint();  // the GIL may change hands here, between updates
        }
        PyThreadState *self = PyEval_SaveThread();
        all_done.arrive_and_wait();
        PyEval_RestoreThread(self);
        PyGILState_Release(state);
    });
    BOOST_TEST(counter == static_cast<long>(kThreads) * kIncrements);
    const minipy_gil_stats after = gil_stats();
    BOOST_TEST_MESSAGE("switches " << after.switches - before.switches << ", drop requests "
                                   << after.drop_requests - before.drop_requests);
    // Every thread took the GIL at least once, and waiters had to ask for it.
    BOOST_TEST(after.switches - before.switches >= static_cast<unsigned long>(kThreads));
}

// The same with the lock taken and released around every increment.
BOOST_AUTO_TEST_CASE(ensure_and_release_per_increment_lose_nothing) {
    RuntimeScope runtime;
    constexpr int kThreads = 4;
    constexpr int kIncrements = 20000;
    long counter = 0;
    run_threads(kThreads, [&](int) {
        for (int i = 0; i < kIncrements; ++i) {
            const PyGILState_STATE state = PyGILState_Ensure();
            ++counter;
            PyGILState_Release(state);
        }
    });
    BOOST_TEST(counter == static_cast<long>(kThreads) * kIncrements);
}

// A thread that holds the GIL and never gives it up keeps a waiter out: the waiter waits a
// whole switch interval, asks the holder to drop the GIL (a drop request), and still does not
// get in, since the holder passes no check point...
BOOST_AUTO_TEST_CASE(without_check_points_a_waiter_stays_out) {
    RuntimeScope runtime(with_switch_interval(0.001));
    std::atomic<bool> waiter_in{false};
    const minipy_gil_stats before = gil_stats();
    std::thread waiter([&] {
        const PyGILState_STATE state = PyGILState_Ensure();
        waiter_in = true;
        PyGILState_Release(state);
    });
    // Hold the GIL, with no check point, until the waiter has asked for it (or got in, which
    // is the bug this case looks for). The cap only keeps a broken GIL from hanging the suite.
    const auto cap = Clock::now() + std::chrono::seconds(20);
    bool asked = false;
    while (!asked && !waiter_in && Clock::now() < cap)
        asked = gil_stats().drop_requests > before.drop_requests;
    BOOST_TEST(asked, "the waiter never asked for the GIL");
    BOOST_TEST(!waiter_in.load(), "the waiter got in while the GIL was held");
    Py_BEGIN_ALLOW_THREADS waiter.join();
    Py_END_ALLOW_THREADS BOOST_TEST(waiter_in.load());
}

// ...and with check points it gets in while the holder is still spinning: the holder's
// next check point after the waiter's request hands the GIL over.
BOOST_AUTO_TEST_CASE(a_waiter_gets_the_gil_at_the_holders_next_check_point) {
    constexpr double kInterval = 0.002;
    RuntimeScope runtime(with_switch_interval(kInterval));
    std::atomic<bool> waiter_asking{false};
    std::atomic<bool> waiter_in{false};
    Clock::time_point asked{};
    Clock::time_point got{};
    const minipy_gil_stats before = gil_stats();
    std::thread waiter([&] {
        asked = Clock::now();
        waiter_asking = true;
        const PyGILState_STATE state = PyGILState_Ensure();
        got = Clock::now();
        waiter_in = true;  // set while holding the GIL: the spinner sees it after a switch
        PyGILState_Release(state);
    });
    while (!waiter_asking) std::this_thread::yield();
    // Spin holding the GIL, with check points, until the waiter has been in. The cap only
    // keeps a broken hand-off from hanging the suite.
    const auto cap = Clock::now() + std::chrono::seconds(20);
    while (!waiter_in && Clock::now() < cap) minipy_eval_checkpoint();
    BOOST_TEST(waiter_in.load(), "the waiter never got the GIL from a spinning holder");
    Py_BEGIN_ALLOW_THREADS waiter.join();
    Py_END_ALLOW_THREADS const minipy_gil_stats after = gil_stats();
    BOOST_TEST(after.drop_requests - before.drop_requests >= 1u);
    using Milliseconds = std::chrono::duration<double, std::milli>;
    const double waited = Milliseconds(got - asked).count();
    BOOST_TEST_MESSAGE("hand-off after " << waited << " ms with a " << kInterval * 1e3
                                         << " ms switch interval");
}

BOOST_AUTO_TEST_CASE(pygilstate_check_is_right_in_each_thread) {
    BOOST_TEST(PyGILState_Check() == 1);  // no runtime: everybody passes
    {
        RuntimeScope runtime;
        BOOST_TEST(PyGILState_Check() == 1);  // Py_Initialize leaves the caller holding it
        BOOST_TEST(PyGILState_GetThisThreadState() == PyThreadState_Get());
        Py_BEGIN_ALLOW_THREADS BOOST_TEST(PyGILState_Check() == 0);
        BOOST_TEST(_PyThreadState_UncheckedGet() == nullptr);
        BOOST_TEST(PyGILState_GetThisThreadState() == _save);  // still this thread's state
        Py_END_ALLOW_THREADS BOOST_TEST(PyGILState_Check() == 1);

        int foreign = -1, ensured = -1, nested = -1, released = -1, after = -1;
        PyGILState_STATE outer = PyGILState_LOCKED, inner = PyGILState_UNLOCKED;
        bool state_kept = false, state_gone = false;
        run_threads(1, [&](int) {
            foreign = PyGILState_Check();
            outer = PyGILState_Ensure();
            ensured = PyGILState_Check();
            PyThreadState *mine = PyGILState_GetThisThreadState();
            inner = PyGILState_Ensure();
            nested = PyGILState_Check();
            PyGILState_Release(inner);
            released = PyGILState_Check();  // the outer Ensure still holds it
            state_kept = PyGILState_GetThisThreadState() == mine;
            PyGILState_Release(outer);
            after = PyGILState_Check();
            state_gone = PyGILState_GetThisThreadState() == nullptr;
        });
        BOOST_TEST(foreign == 0);
        BOOST_TEST(outer == PyGILState_UNLOCKED);
        BOOST_TEST(ensured == 1);
        BOOST_TEST(inner == PyGILState_LOCKED);
        BOOST_TEST(nested == 1);
        BOOST_TEST(released == 1);
        BOOST_TEST(state_kept);
        BOOST_TEST(after == 0);
        BOOST_TEST(state_gone);  // the outermost Release deleted the state it created
    }
    BOOST_TEST(PyGILState_Check() == 1);  // after Py_FinalizeEx, no runtime again
}

// The main thread's state was not made by PyGILState_Ensure: a matching Ensure/Release
// pair in that thread must leave it alone.
BOOST_AUTO_TEST_CASE(ensure_release_in_the_main_thread_keeps_its_state) {
    RuntimeScope runtime;
    PyThreadState *main_state = PyThreadState_Get();
    const PyGILState_STATE state = PyGILState_Ensure();
    BOOST_TEST(state == PyGILState_LOCKED);
    PyGILState_Release(state);
    BOOST_TEST(PyThreadState_Get() == main_state);
    BOOST_TEST(PyGILState_Check() == 1);
}

BOOST_AUTO_TEST_CASE(thread_states_have_ids_and_an_interpreter) {
    RuntimeScope runtime;
    PyThreadState *main_state = PyThreadState_Get();
    BOOST_TEST(PyThreadState_GetInterpreter(main_state) == PyInterpreterState_Main());
    BOOST_TEST(PyInterpreterState_Get() == PyInterpreterState_Main());
    PyThreadState *extra = PyThreadState_New(PyInterpreterState_Main());
    BOOST_REQUIRE(extra != nullptr);
    BOOST_TEST(PyThreadState_GetID(extra) > PyThreadState_GetID(main_state));
    // A second state of this thread is not its GIL state: the main one stays that.
    BOOST_TEST(PyGILState_GetThisThreadState() == main_state);
    // Hand the GIL from one state to the other and back.
    PyThreadState *previous = PyThreadState_Swap(extra);
    BOOST_TEST(previous == main_state);
    BOOST_TEST(PyThreadState_Get() == extra);
    PyThreadState_Swap(main_state);
    PyThreadState_Clear(extra);
    PyThreadState_Delete(extra);
}

BOOST_AUTO_TEST_CASE(the_switch_interval_is_settable) {
    {
        RuntimeScope runtime;
        BOOST_TEST(_PyEval_GetSwitchInterval() == 5000u);  // CPython's 5 ms
        _PyEval_SetSwitchInterval(250);
        BOOST_TEST(_PyEval_GetSwitchInterval() == 250u);
    }
    RuntimeScope runtime(with_switch_interval(0.0015));
    BOOST_TEST(_PyEval_GetSwitchInterval() == 1500u);
}

// With the debug hooks on, MEM and OBJ calls from every thread that holds the GIL pass the
// check, however the thread got the GIL. (Calls without it are death tests: fatal_test.)
BOOST_AUTO_TEST_CASE(debug_hooks_accept_calls_from_every_gil_holder) {
    // Pinned: this case is about the debug hooks, whatever the harness runs on. The leak
    // check's accounting hook would sit on top of them and hide their name.
    PyConfig config = with_switch_interval(0.0002);
    config.allocator = "pymalloc_debug";
    config.leak_check = 0;
    RuntimeScope runtime(config);
    BOOST_TEST(std::string(_PyMem_GetCurrentAllocatorName()) == "pymalloc_debug");
    std::atomic<long> calls{0};
    run_threads(4, [&](int) {
        const PyGILState_STATE state = PyGILState_Ensure();
        for (int i = 0; i < 5000; ++i) {
            void *mem = PyMem_Malloc(static_cast<std::size_t>(i % 600));
            void *obj = PyObject_Calloc(1, static_cast<std::size_t>(i % 300) + 1);
            mem = PyMem_Realloc(mem, 40);
            minipy_eval_checkpoint();
            PyObject_Free(obj);
            PyMem_Free(mem);
            calls += 5;
        }
        PyGILState_Release(state);
        // The raw domain needs no GIL, hooks or not.
        PyMem_RawFree(PyMem_RawMalloc(64));
    });
    BOOST_TEST(calls.load() == 4 * 5000 * 5);
}

BOOST_AUTO_TEST_SUITE_END()
