// The alloc test executable. Each suite lives in its own <suite>_test.cpp.
//
// The suites describe allocators, not the build's default: before any test runs, the
// process installs plain pymalloc (a debug build would otherwise start under
// pymalloc_debug), and each test that wants another set-up installs it in a scope. The
// default itself is checked in a child process (pythonmalloc suite). Every test leaves
// the domains as it found them and gives back every block it took, which the global
// fixture checks once all tests have run.
#define BOOST_TEST_MODULE minipy_alloc
#include <boost/test/unit_test.hpp>

#include "minipy/pymalloc.h"
#include "minipy/pymem.h"

namespace {

struct PymallocForEveryTest {
    PymallocForEveryTest() {
        // Nothing has been allocated through MEM or OBJ yet, so replacing them is safe.
        if (minipy_alloc_configure("pymalloc", 0) != 0) BOOST_FAIL("cannot install pymalloc");
    }
    ~PymallocForEveryTest() {
        // Blocks still allocated after the whole run are a leak in a test or in alloc.
        BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
    }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(PymallocForEveryTest);
