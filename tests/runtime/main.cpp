// The runtime test executable. Each suite lives in its own <suite>_test.cpp.
//
// Before any test runs, the process installs the allocator the harness runs the suites on
// (PYTHONMALLOC, else the build's default: runtime_scope.hpp), and refuses to run under a
// PYTHONMALLOC or MINIPY_TEST_LEAK_CHECK it does not know, naming the variable. Each test that
// starts the runtime stops it again (RuntimeScope). After the whole run no pymalloc block may
// be left and the runtime must be down.
#define BOOST_TEST_MODULE minipy_runtime
#include <boost/test/unit_test.hpp>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"

namespace {

struct HarnessAllocatorAndNoRuntime {
    HarnessAllocatorAndNoRuntime() {
        using namespace minipy::test;
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

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(HarnessAllocatorAndNoRuntime);
