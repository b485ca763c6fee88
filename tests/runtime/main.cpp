// The runtime test executable. Each suite lives in its own <suite>_test.cpp.
//
// Like the alloc tests, the process starts on plain pymalloc whatever the build's default,
// and each test that starts the runtime stops it again (RuntimeScope). After the whole run
// no block may be left in MEM or OBJ and the runtime must be down.
#define BOOST_TEST_MODULE minipy_runtime
#include <boost/test/unit_test.hpp>

#include "runtime/runtime_fixture.hpp"

using minipy::test::PymallocAndNoRuntime;
BOOST_TEST_GLOBAL_FIXTURE(PymallocAndNoRuntime);
