// The global fixture of the test executables that start the runtime (runtime, interp): before
// any test runs, the process installs the allocator the harness runs the suites on
// (PYTHONMALLOC, else the build's default: runtime_scope.hpp), and refuses to run under a
// PYTHONMALLOC or MINIPY_TEST_LEAK_CHECK it does not know, naming the variable. Once every test
// has run, the runtime must be down with no pymalloc block left.
#ifndef MINIPY_TESTS_RUNTIME_FIXTURE_HPP
#define MINIPY_TESTS_RUNTIME_FIXTURE_HPP

#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"

namespace minipy::test {

struct HarnessAllocatorAndNoRuntime {
    HarnessAllocatorAndNoRuntime() {
        if (minipy_alloc_configure(harness_allocator(), 0) != 0)
            BOOST_FAIL("PYTHONMALLOC=" << harness_allocator()
                                       << ": unknown allocator (expected default, debug, pymalloc, "
                                          "pymalloc_debug, malloc or malloc_debug)");
        if (harness_leak_check() < 0)
            BOOST_FAIL("MINIPY_TEST_LEAK_CHECK=" << std::getenv("MINIPY_TEST_LEAK_CHECK")
                                                 << ": expected on or off");
    }
    ~HarnessAllocatorAndNoRuntime() {
        BOOST_TEST(!Py_IsInitialized());
        BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
    }
};

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_FIXTURE_HPP
