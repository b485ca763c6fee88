// The alloc test executable. Each suite lives in its own <suite>_test.cpp; every test
// leaves the domains as it found them and gives back every block it took, which the
// global fixture checks once all tests have run.
#define BOOST_TEST_MODULE minipy_alloc
#include <boost/test/unit_test.hpp>

#include "minipy/pymalloc.h"

namespace {

struct EveryBlockReturned {
    ~EveryBlockReturned() {
        // Blocks still allocated after the whole run are a leak in a test or in alloc.
        BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
    }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(EveryBlockReturned);
