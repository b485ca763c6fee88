// The test harness itself (runtime_scope.hpp): the runtime a RuntimeScope starts really runs on
// the allocator PYTHONMALLOC names, with the accounting hook exactly when
// MINIPY_TEST_LEAK_CHECK says so, and a value the harness does not know stops the run.
//
// The proof that a block is (or is not) pymalloc's does not trust any name: pymalloc's own walk
// says whether the block lies in one of its arenas, and under ASan the byte just past a block
// must be a poisoned redzone exactly when the system malloc (ASan's) served it, which is what
// the malloc pass is for: ASan cannot see an overrun inside a pymalloc arena.
#include <unistd.h>
#include <boost/test/unit_test.hpp>
#include <climits>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"
#include "support/child.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define MINIPY_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MINIPY_TEST_ASAN 1
#endif
#endif
#if defined(MINIPY_TEST_ASAN)
#include <sanitizer/asan_interface.h>
#endif

using minipy::test::kBuildDefaultAllocator;
using minipy::test::RuntimeScope;

namespace {

// The address ranges of pymalloc's arenas now.
std::vector<std::pair<std::uintptr_t, std::uintptr_t>> arena_ranges() {
    minipy_pymalloc_geometry geometry;
    minipy_pymalloc_get_geometry(&geometry);
    struct Walk {
        std::size_t arena_size;
        std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges;
    } walk{geometry.arena_size, {}};
    minipy_pymalloc_walk(
        [](const minipy_arena_info *arena, void *ctx) {
            auto *w = static_cast<Walk *>(ctx);
            const auto start = reinterpret_cast<std::uintptr_t>(arena->address);
            w->ranges.emplace_back(start, start + w->arena_size);
            return 0;
        },
        nullptr, &walk);
    return walk.ranges;
}

bool in_an_arena(const void *p,
                 const std::vector<std::pair<std::uintptr_t, std::uintptr_t>> &ranges) {
    const auto address = reinterpret_cast<std::uintptr_t>(p);
    for (const auto &[start, end] : ranges)
        if (address >= start && address < end) return true;
    return false;
}

bool pymalloc_based(const std::string &name) {
    return name == "pymalloc" || name == "pymalloc_debug";
}

std::string name_or_custom(const char *name) {
    return name != nullptr ? name : "(custom)";
}

// This test executable, by its real path: under valgrind /proc/self/exe is valgrind's own
// tool, which cannot be run directly, while reading the link gives the client program.
std::string self_path() {
    char path[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    return n > 0 ? std::string(path, static_cast<std::size_t>(n)) : "/proc/self/exe";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(harness)

// Under whatever PYTHONMALLOC and MINIPY_TEST_LEAK_CHECK this process got.
BOOST_AUTO_TEST_CASE(the_runtime_runs_on_the_allocator_the_harness_names) {
    const char *expected_name = minipy::test::harness_allocator_installed_name();
    BOOST_REQUIRE(expected_name != nullptr);
    const std::string expected = expected_name;
    const bool leak_check = minipy::test::harness_leak_check() == 1;
    minipy_pymalloc_stats before;
    minipy_pymalloc_get_stats(&before);
    const Py_ssize_t blocks_before = _Py_GetAllocatedBlocks();

    RuntimeScope runtime;
    // The accounting hook is on top exactly when the leak check is: without it the domains hold
    // the allocator itself (for pymalloc, its inline fast path).
    minipy_memory_usage usage;
    BOOST_TEST((minipy_get_memory_usage(&usage) == 0) == leak_check);
    const char *running = _PyMem_GetCurrentAllocatorName();
    if (leak_check)
        BOOST_TEST(running == nullptr, "the accounting hook is missing");
    else
        BOOST_TEST(name_or_custom(running) == expected);

    // Objects and raw blocks of both domains, in pymalloc's arenas or not at all.
    std::vector<PyObject *> objects;
    for (long i = 0; i < 200; ++i) objects.push_back(PyLong_FromLong((1L << 40) + i));
    PyObject *number = PyFloat_FromDouble(2.5);
    void *mem = PyMem_Malloc(24);
    void *obj = PyObject_Malloc(24);
    BOOST_REQUIRE((number != nullptr && mem != nullptr && obj != nullptr));
    const auto ranges = arena_ranges();
    std::size_t inside = 0;
    for (PyObject *o : objects) inside += in_an_arena(o, ranges) ? 1 : 0;
    inside += in_an_arena(number, ranges) ? 1 : 0;
    inside += in_an_arena(mem, ranges) ? 1 : 0;
    inside += in_an_arena(obj, ranges) ? 1 : 0;
    minipy_pymalloc_stats during;
    minipy_pymalloc_get_stats(&during);
    if (pymalloc_based(expected)) {
        BOOST_TEST(inside == objects.size() + 3);
        BOOST_TEST(_Py_GetAllocatedBlocks() >= blocks_before + 203);
    } else {
        BOOST_TEST(inside == 0u);
        // Start-up and all of the above took nothing from pymalloc.
        BOOST_TEST(during.arenas_allocated_total == before.arenas_allocated_total);
        BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_before);
    }
#if defined(MINIPY_TEST_ASAN)
    // ASan sees a one-byte overrun of a block exactly when its malloc served the block (under
    // malloc_debug the debug hooks' trailing pad comes first, and reports it instead).
    const bool sees_overrun = expected == "malloc";
    BOOST_TEST(__asan_address_is_poisoned(static_cast<char *>(mem) + 24) == sees_overrun);
    BOOST_TEST(__asan_address_is_poisoned(static_cast<char *>(obj) + 24) == sees_overrun);
    BOOST_TEST(__asan_address_is_poisoned(reinterpret_cast<char *>(number) +
                                          Py_TYPE(number)->tp_basicsize) == sees_overrun);
#endif
    PyMem_Free(mem);
    PyObject_Free(obj);
    Py_DECREF(number);
    for (PyObject *o : objects) Py_DECREF(o);

    // Once the runtime is down the accounting hook is gone again: what is left is what it ran
    // on. The line is read by the case below.
    BOOST_TEST(Py_FinalizeEx() == 0);
    if (leak_check) RuntimeScope::check_no_leak();
    const std::string after = name_or_custom(_PyMem_GetCurrentAllocatorName());
    BOOST_TEST(after == expected);
    BOOST_TEST_MESSAGE("harness allocator: " << after << ", accounting "
                                             << (leak_check ? "on" : "off"));
}

// The case above in a child for every name PYTHONMALLOC takes, unset and empty included, and
// both passes: each name gives the allocator CPython's table gives it, whatever this process
// itself runs on.
BOOST_AUTO_TEST_CASE(pythonmalloc_picks_the_allocator_of_every_suite) {
    const std::vector<std::pair<std::optional<std::string>, std::string>> table = {
        {std::nullopt, kBuildDefaultAllocator},
        {"", kBuildDefaultAllocator},
        {"default", kBuildDefaultAllocator},
        {"debug", "pymalloc_debug"},
        {"pymalloc", "pymalloc"},
        {"pymalloc_debug", "pymalloc_debug"},
        {"malloc", "malloc"},
        {"malloc_debug", "malloc_debug"},
    };
    for (const auto &[value, expected] : table) {
        for (const char *leak_check : {"on", "off"}) {
            const minipy::test::ChildResult child = minipy::test::run_child(
                {self_path(),
                 "--run_test=harness/the_runtime_runs_on_the_allocator_the_harness_names",
                 "--log_level=message", "--color_output=no"},
                {{"PYTHONMALLOC", value}, {"MINIPY_TEST_LEAK_CHECK", std::string(leak_check)}});
            const std::string context = "PYTHONMALLOC=" + value.value_or("(unset)") +
                                        " MINIPY_TEST_LEAK_CHECK=" + leak_check;
            BOOST_TEST(child.exited(0), context << ":\n" << child.out << child.err);
            const std::string line =
                "harness allocator: " + expected + ", accounting " + leak_check;
            BOOST_TEST(child.out.find(line) != std::string::npos, context << ": no line \"" << line
                                                                          << "\" in\n"
                                                                          << child.out);
        }
    }
}

// A value the harness does not know stops the run before any test, naming the variable.
BOOST_AUTO_TEST_CASE(an_unknown_value_stops_the_run) {
    const std::vector<std::pair<minipy::test::EnvChanges, std::string>> cases = {
        {{{"PYTHONMALLOC", "jemalloc"}},
         "PYTHONMALLOC=jemalloc: unknown allocator (expected "
         "default, debug, pymalloc, pymalloc_debug, malloc or "
         "malloc_debug)"},
        {{{"MINIPY_TEST_LEAK_CHECK", "yes"}}, "MINIPY_TEST_LEAK_CHECK=yes: expected on or off"},
    };
    for (const auto &[env, message] : cases) {
        const minipy::test::ChildResult child = minipy::test::run_child(
            {self_path(), "--run_test=harness/the_runtime_runs_on_the_allocator_the_harness_names",
             "--color_output=no"},
            env);
        BOOST_TEST(!child.exited(0));
        BOOST_TEST(child.out.find(message) != std::string::npos, child.out << child.err);
        BOOST_TEST(child.out.find("harness allocator:") == std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
