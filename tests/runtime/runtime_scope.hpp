// RuntimeScope: the runtime started from an isolated config (the test process's
// environment plays no part) for the length of a scope, and stopped again.
#ifndef MINIPY_TESTS_RUNTIME_SCOPE_HPP
#define MINIPY_TESTS_RUNTIME_SCOPE_HPP

#include <boost/test/unit_test.hpp>

#include "minipy/Python.h"

namespace minipy::test {

class RuntimeScope {
  public:
    explicit RuntimeScope(const char *allocator = "pymalloc", double switch_interval = 0.0) {
        PyConfig config;
        PyConfig_InitIsolatedConfig(&config);
        config.allocator = allocator;
        config.malloc_stats = 0;
        config.switch_interval = switch_interval;
        const PyStatus status = Py_InitializeFromConfig(&config);
        PyConfig_Clear(&config);
        BOOST_REQUIRE_MESSAGE(!PyStatus_Exception(status),
                              "start-up failed: " << (status.err_msg ? status.err_msg : "?"));
    }
    ~RuntimeScope() {
        // A test that failed half-way may have left the GIL released: take it back.
        if (Py_IsInitialized()) {
            if (!PyGILState_Check()) PyEval_RestoreThread(PyGILState_GetThisThreadState());
            BOOST_TEST(Py_FinalizeEx() == 0);
        }
        // Back to what the other tests expect (a no-op when pymalloc is installed).
        minipy_alloc_configure("pymalloc", 0);
    }
    RuntimeScope(const RuntimeScope &) = delete;
    RuntimeScope &operator=(const RuntimeScope &) = delete;
};

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_SCOPE_HPP
