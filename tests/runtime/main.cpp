// The runtime test executable. Each suite lives in its own <suite>_test.cpp.
//
// Before any test runs, the process installs the allocator the harness runs the suites on
// (PYTHONMALLOC, else the build's default: runtime_scope.hpp), and refuses to run under a
// PYTHONMALLOC or MINIPY_TEST_LEAK_CHECK it does not know, naming the variable. Each test that
// starts the runtime stops it again (RuntimeScope). After the whole run no pymalloc block may
// be left and the runtime must be down (runtime_fixture.hpp, shared with tests/interp).
#define BOOST_TEST_MODULE minipy_runtime
#include <boost/test/unit_test.hpp>

#include "runtime/runtime_fixture.hpp"

using minipy::test::HarnessAllocatorAndNoRuntime;
BOOST_TEST_GLOBAL_FIXTURE(HarnessAllocatorAndNoRuntime);
