// RuntimeScope: the runtime started from the test harness's config for the length of a scope,
// and stopped again; and that config, which two environment variables of the test process
// choose (the runtime itself reads none of them: the config is isolated).
//
//   PYTHONMALLOC            the allocator every suite runs on, with the runtime's names. Unset
//                           or empty means "default", the build's default, as Py_Initialize
//                           would pick it: the debug preset then runs the suites under the
//                           debug hooks (pymalloc_debug), which see an overrun inside a
//                           pymalloc arena where ASan cannot; release and asan run plain
//                           pymalloc, the allocator users get; `tools/dev asan` runs them
//                           again with PYTHONMALLOC=malloc so that ASan sees every block.
//   MINIPY_TEST_LEAK_CHECK  "on" (unset or empty: on) or "off". On: config.leak_check, so the
//                           accounting hook sits on MEM and OBJ, and the report of the scope's
//                           Py_FinalizeEx must say nothing was left. Off: no hook, so the
//                           objects take pymalloc's inline fast path, the one users get; the
//                           leak is then counted as _Py_GetAllocatedBlocks() before start-up
//                           against after Py_FinalizeEx (under malloc that count is pymalloc's
//                           and stays put: the asan preset's LeakSanitizer counts instead).
//                           CTest runs every runtime suite both ways: runtime.<suite> and
//                           runtime_no_leak_check.<suite>.
//
// The process installs the harness's allocator before any test runs (main.cpp), and each scope
// puts it back when it ends, so a test that pins another allocator leaves none behind. A test
// that pins one says why beside the pin; a test that reads the accounting (block counts,
// minipy_get_memory_usage, a memory limit) starts from counting_config(). A test that shuts
// the runtime down by itself (to look at the report, or because it leaks on purpose) takes
// the leak check over.
#ifndef MINIPY_TESTS_RUNTIME_SCOPE_HPP
#define MINIPY_TESTS_RUNTIME_SCOPE_HPP

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <cstring>
#include <utility>

#include "minipy/Python.h"

namespace minipy::test {

// What PYTHONMALLOC's "default" stands for in this build (alloc/src/domains/allocator_name.cpp).
#if defined(MINIPY_PYDEBUG)
constexpr const char *kBuildDefaultAllocator = "pymalloc_debug";
#else
constexpr const char *kBuildDefaultAllocator = "pymalloc";
#endif

// pymalloc's pool and arena sizes when no geometry is asked for ("pool arena", in bytes).
#if defined(MINIPY_LARGE_POOLS)
constexpr const char *kBuildDefaultGeometry = "16384 1048576";
#else
constexpr const char *kBuildDefaultGeometry = "4096 262144";
#endif

// The allocators a name installs (what _PyMem_GetCurrentAllocatorName() reports), for tests that
// run a case under each.
constexpr const char *kAllocatorNames[] = {"pymalloc", "malloc", "pymalloc_debug", "malloc_debug"};

// PYTHONMALLOC as the harness reads it: the name, "default" when unset or empty.
inline const char *harness_allocator() {
    const char *env = std::getenv("PYTHONMALLOC");
    return env != nullptr && env[0] != '\0' ? env : "default";
}

// The name _PyMem_GetCurrentAllocatorName() gives for what harness_allocator() installs (NULL
// for a name the runtime does not know).
inline const char *harness_allocator_installed_name() {
    const char *name = harness_allocator();
    if (std::strcmp(name, "default") == 0) return kBuildDefaultAllocator;
    if (std::strcmp(name, "debug") == 0) return "pymalloc_debug";
    for (const char *known : kAllocatorNames)
        if (std::strcmp(name, known) == 0) return known;
    return nullptr;
}

// MINIPY_TEST_LEAK_CHECK as the harness reads it: 1 on, 0 off, -1 a value it does not know.
inline int harness_leak_check() {
    const char *env = std::getenv("MINIPY_TEST_LEAK_CHECK");
    if (env == nullptr || env[0] == '\0' || std::strcmp(env, "on") == 0) return 1;
    if (std::strcmp(env, "off") == 0) return 0;
    return -1;
}

// Blocks live in MEM and OBJ now, as the accounting hook counts them: for a runtime started
// from RuntimeScope::counting_config*().
inline std::pair<size_t, size_t> live_blocks() {
    minipy_memory_usage usage;
    BOOST_REQUIRE_MESSAGE(minipy_get_memory_usage(&usage) == 0,
                          "no accounting: start the runtime from RuntimeScope::counting_config()");
    return {usage.mem.current_blocks, usage.obj.current_blocks};
}

// OBJ blocks live now (see live_blocks).
inline size_t obj_blocks() {
    return live_blocks().second;
}

class RuntimeScope {
  public:
    // The config every scope starts from: isolated, the harness's allocator, no statistics,
    // the default switch interval, the leak check as MINIPY_TEST_LEAK_CHECK says.
    static PyConfig test_config() {
        PyConfig config;
        PyConfig_InitIsolatedConfig(&config);
        config.allocator = harness_allocator();
        config.malloc_stats = 0;
        config.leak_check = harness_leak_check() == 0 ? 0 : 1;
        return config;
    }

    // test_config() with the accounting hook on in both passes: for tests that read what it
    // counts (minipy_get_memory_usage, the leak report) or set a memory limit later. A test
    // about the accounting under each allocator pins one with `allocator`.
    static PyConfig counting_config(const char *allocator = harness_allocator()) {
        PyConfig config = test_config();
        config.allocator = allocator;
        config.leak_check = 1;
        return config;
    }

    // counting_config() with the free lists on or off: for tests that count the blocks a free
    // list keeps or gives back, and fault sweeps that compare block counts.
    static PyConfig counting_config_with_free_lists(bool on) {
        PyConfig config = counting_config();
        config.use_freelists = on ? 1 : 0;
        return config;
    }

    RuntimeScope() : RuntimeScope(test_config()) {}

    // Any config (an allocator pinned, a memory limit, the free lists off, ...).
    explicit RuntimeScope(const PyConfig &config)
        : leak_check_(config.leak_check > 0), blocks_before_(_Py_GetAllocatedBlocks()) {
        const PyStatus status = Py_InitializeFromConfig(&config);
        BOOST_REQUIRE_MESSAGE(!PyStatus_Exception(status),
                              "start-up failed: " << (status.err_msg ? status.err_msg : "?"));
    }

    ~RuntimeScope() {
        // A test that failed half-way may have left the GIL released: take it back.
        if (Py_IsInitialized()) {
            if (!PyGILState_Check()) PyEval_RestoreThread(PyGILState_GetThisThreadState());
            BOOST_TEST(Py_FinalizeEx() == 0);
            if (leak_check_) check_no_leak();
            // Both passes: the accounting hook allocates its frames from the allocator below
            // it, so with the check on this count must come back too.
            BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_before_,
                       "pymalloc blocks before start-up and after shutdown differ");
        }
        // Back to what the other tests expect (a no-op when it is installed).
        minipy_alloc_configure(harness_allocator(), 0);
    }
    RuntimeScope(const RuntimeScope &) = delete;
    RuntimeScope &operator=(const RuntimeScope &) = delete;

    // The report of the Py_FinalizeEx that just ran says nothing was left.
    static void check_no_leak() {
        minipy_leak_report report;
        BOOST_TEST(minipy_get_leak_report(&report) == 1);
        BOOST_TEST(report.mem_blocks == 0u);
        BOOST_TEST(report.mem_bytes == 0u);
        BOOST_TEST(report.obj_blocks == 0u);
        BOOST_TEST(report.obj_bytes == 0u);
    }

  private:
    bool leak_check_;
    Py_ssize_t blocks_before_;
};

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_SCOPE_HPP
