// The interpreter's test executable. Each suite lives in its own <suite>_test.cpp; each test
// starts the runtime in a RuntimeScope (tests/runtime/runtime_scope.hpp), which checks that
// nothing was left allocated when it stops it, and the global fixture (shared with the
// runtime's tests) installs PYTHONMALLOC's allocator and checks the whole run.
#define BOOST_TEST_MODULE minipy_interp
#include <boost/test/unit_test.hpp>

#include "runtime/runtime_fixture.hpp"

using minipy::test::HarnessAllocatorAndNoRuntime;
BOOST_TEST_GLOBAL_FIXTURE(HarnessAllocatorAndNoRuntime);
