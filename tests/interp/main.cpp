// The interpreter's test executable. Each suite lives in its own <suite>_test.cpp; each test
// starts the runtime in a RuntimeScope (tests/runtime/runtime_scope.hpp), which checks that
// nothing was left allocated when it stops it.
#define BOOST_TEST_MODULE minipy_interp
#include <boost/test/unit_test.hpp>

#include "minipy/Python.h"

namespace {

struct PymallocAndNoRuntime {
    PymallocAndNoRuntime() {
        if (minipy_alloc_configure("pymalloc", 0) != 0) BOOST_FAIL("cannot install pymalloc");
    }
    ~PymallocAndNoRuntime() {
        BOOST_TEST(!Py_IsInitialized());
        BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
    }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(PymallocAndNoRuntime);
