// How big the long loops of a test are. Most suites run the same workload in every build; the
// ones whose loops the invariants preset makes slow (it runs every invariant checker at every
// mutation point, some over the whole structure) are labelled `slow` there and get
// MINIPY_TEST_SIZE=small from CTest (minipy_mark_slow_suites in tests/CMakeLists.txt), so that
// CI can afford the preset. A small workload still takes every path the full one takes (every
// table growth step, arenas beyond the first, dummies, deep nesting past the trashcan's
// unwind level); it only repeats them less often.
#pragma once

#include <cstdlib>
#include <cstring>

namespace minipy::test {

// Whether CTest (or the person running the suite) asked for the small workloads.
inline bool small_test_size() {
    const char *size = std::getenv("MINIPY_TEST_SIZE");
    return size != nullptr && std::strcmp(size, "small") == 0;
}

// `full`, or `small` under MINIPY_TEST_SIZE=small.
template <typename T>
T test_size(T full, T small) {
    return small_test_size() ? small : full;
}

}  // namespace minipy::test
