// The global fixture of the test executables that start the runtime (runtime, interp): the
// process runs on plain pymalloc whatever the build's default, and once every test has run
// the runtime must be down with no block left in MEM or OBJ.
#ifndef MINIPY_TESTS_RUNTIME_FIXTURE_HPP
#define MINIPY_TESTS_RUNTIME_FIXTURE_HPP

#include <boost/test/unit_test.hpp>

#include "minipy/Python.h"

namespace minipy::test {

struct PymallocAndNoRuntime {
    PymallocAndNoRuntime() {
        if (minipy_alloc_configure("pymalloc", 0) != 0) BOOST_FAIL("cannot install pymalloc");
    }
    ~PymallocAndNoRuntime() {
        BOOST_TEST(!Py_IsInitialized());
        BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
    }
};

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_FIXTURE_HPP
