// RuntimeScope: the runtime started from an isolated config (the test process's
// environment plays no part) for the length of a scope, and stopped again.
//
// The leak check is on: when the scope itself shuts the runtime down, the leak report of that
// Py_FinalizeEx must say that nothing was left in MEM or OBJ. So every runtime test also checks
// that what it made was released. A test that shuts down by itself (to look at the report, or
// because it leaks on purpose) takes that check over.
#ifndef MINIPY_TESTS_RUNTIME_SCOPE_HPP
#define MINIPY_TESTS_RUNTIME_SCOPE_HPP

#include <boost/test/unit_test.hpp>

#include "minipy/Python.h"

namespace minipy::test {

class RuntimeScope {
  public:
    // The config every scope starts from: isolated, the given allocator, no statistics, the
    // leak check on.
    static PyConfig test_config(const char *allocator = "pymalloc", double switch_interval = 0.0) {
        PyConfig config;
        PyConfig_InitIsolatedConfig(&config);
        config.allocator = allocator;
        config.malloc_stats = 0;
        config.switch_interval = switch_interval;
        config.leak_check = 1;
        return config;
    }

    explicit RuntimeScope(const char *allocator = "pymalloc", double switch_interval = 0.0)
        : RuntimeScope(test_config(allocator, switch_interval)) {}

    // Any config (a memory limit, the leak check off, ...).
    explicit RuntimeScope(const PyConfig &config) : leak_check_(config.leak_check > 0) {
        const PyStatus status = Py_InitializeFromConfig(&config);
        BOOST_REQUIRE_MESSAGE(!PyStatus_Exception(status),
                              "start-up failed: " << (status.err_msg ? status.err_msg : "?"));
    }

    ~RuntimeScope() {
        // A test that failed half-way may have left the GIL released: take it back.
        if (Py_IsInitialized()) {
            if (!PyGILState_Check()) PyEval_RestoreThread(PyGILState_GetThisThreadState());
            BOOST_TEST(Py_FinalizeEx() == 0);
            if (leak_check_) check_no_leak();
        }
        // Back to what the other tests expect (a no-op when pymalloc is installed).
        minipy_alloc_configure("pymalloc", 0);
    }
    RuntimeScope(const RuntimeScope &) = delete;
    RuntimeScope &operator=(const RuntimeScope &) = delete;

    // The report of the Py_FinalizeEx that just ran says nothing was left.
    static void check_no_leak() {
        minipy_leak_report report;
        BOOST_TEST(minipy_get_leak_report(&report) == 1);
        BOOST_TEST(report.mem_blocks == 0u);
        BOOST_TEST(report.mem_bytes == 0u);
        BOOST_TEST(report.obj_blocks == 0u);
        BOOST_TEST(report.obj_bytes == 0u);
    }

  private:
    bool leak_check_;
};

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_SCOPE_HPP
