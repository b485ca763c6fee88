// Start-up and shutdown (issue 4, point 8): what Py_InitializeFromConfig applies, how it
// refuses a bad config without changing anything, and that Py_FinalizeEx gives back every
// thread state so the runtime can start again.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <utility>

#include "minipy/Python.h"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"
#include "support/alloc_hooks.hpp"

using minipy::test::RuntimeScope;
using minipy::test::objects::Ref;

namespace {

PyConfig isolated() {
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    return config;
}

// The harness's config with the allocator pinned to unset: start-up keeps what the domains
// hold, the host's hook a case installed included.
PyConfig keeping_the_domains() {
    PyConfig config = RuntimeScope::test_config();
    config.allocator = nullptr;
    return config;
}

std::string message_of(const PyStatus &status) {
    return status.err_msg != nullptr ? status.err_msg : "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle)

BOOST_AUTO_TEST_CASE(config_init_functions_leave_fields_unset) {
    PyConfig python;
    PyConfig_InitPythonConfig(&python);
    BOOST_TEST(python.use_environment == 1);
    BOOST_TEST(python.allocator == nullptr);
    BOOST_TEST(python.malloc_stats == -1);
    BOOST_TEST(python.switch_interval == 0.0);
    BOOST_TEST(python.pymalloc_geometry == nullptr);
    const PyConfig iso = isolated();
    BOOST_TEST(iso.use_environment == 0);
}

BOOST_AUTO_TEST_CASE(start_up_leaves_the_caller_holding_the_gil_and_shutdown_undoes_it) {
    BOOST_TEST(!Py_IsInitialized());
    BOOST_TEST(PyInterpreterState_Main() == nullptr);
    BOOST_TEST(PyEval_ThreadsInitialized() == 0);
    const PyConfig config = isolated();
    const PyStatus status = Py_InitializeFromConfig(&config);
    BOOST_REQUIRE(!PyStatus_Exception(status));
    BOOST_TEST(Py_IsInitialized());
    BOOST_TEST(PyEval_ThreadsInitialized() == 1);
    BOOST_TEST(PyGILState_Check() == 1);
    BOOST_TEST(PyThreadState_Get() != nullptr);
    // A second start-up while running is harmless.
    BOOST_TEST(!PyStatus_Exception(Py_InitializeFromConfig(&config)));
    BOOST_TEST(Py_FinalizeEx() == 0);
    BOOST_TEST(!Py_IsInitialized());
    BOOST_TEST(_PyThreadState_UncheckedGet() == nullptr);
    BOOST_TEST(PyGILState_GetThisThreadState() == nullptr);
    // A second shutdown too.
    BOOST_TEST(Py_FinalizeEx() == 0);
}

BOOST_AUTO_TEST_CASE(the_runtime_starts_again_after_shutdown) {
    for (int round = 0; round < 3; ++round) {
        RuntimeScope runtime;
        BOOST_TEST(Py_IsInitialized());
        // A worker thread's state from this round...
        std::thread worker([] {
            const PyGILState_STATE state = PyGILState_Ensure();
            PyGILState_Release(state);
        });
        Py_BEGIN_ALLOW_THREADS worker.join();
        Py_END_ALLOW_THREADS
    }
    BOOST_TEST(!Py_IsInitialized());
}

// Thread states come from the raw domain, without the GIL, and all go back at shutdown,
// including those of threads that never released theirs.
BOOST_AUTO_TEST_CASE(shutdown_frees_every_thread_state) {
    minipy::test::CountingHook raw(PYMEM_DOMAIN_RAW);
    const auto live = [&raw] { return raw.mallocs + raw.callocs - raw.frees; };
    {
        RuntimeScope runtime(keeping_the_domains());
        std::thread leaves_its_state([] {
            PyGILState_Ensure();
            PyEval_SaveThread();
        });
        Py_BEGIN_ALLOW_THREADS leaves_its_state.join();
        Py_END_ALLOW_THREADS BOOST_TEST(live() >= 2u);  // the main state and the worker's
    }
    BOOST_TEST(live() == 0u);
}

BOOST_AUTO_TEST_CASE(the_config_chooses_the_allocator) {
    for (const char *name : minipy::test::kAllocatorNames) {
        // Pinned: each allocator in turn is what the case is about. Without the leak check,
        // whose accounting hook would make the domains "custom".
        PyConfig config = RuntimeScope::test_config();
        config.allocator = name;
        config.leak_check = 0;
        RuntimeScope runtime(config);
        BOOST_TEST(std::string(_PyMem_GetCurrentAllocatorName()) == name);
        void *block = PyObject_Malloc(24);
        BOOST_TEST(block != nullptr);
        PyObject_Free(block);
    }
}

// An unset allocator keeps what the domains hold, a custom hook included (CPython's
// PYMEM_ALLOCATOR_NOT_SET).
BOOST_AUTO_TEST_CASE(an_unset_allocator_keeps_a_hosts_hook) {
    minipy::test::CountingHook obj(PYMEM_DOMAIN_OBJ);
    {
        RuntimeScope runtime(keeping_the_domains());
        PyObject_Free(PyObject_Malloc(10));
        BOOST_TEST(_PyMem_GetCurrentAllocatorName() == nullptr);  // custom set-up
    }
    BOOST_TEST(obj.mallocs >= 1u);
    BOOST_TEST(obj.frees >= 1u);
}

BOOST_AUTO_TEST_CASE(a_bad_allocator_name_changes_nothing) {
    const char *before = _PyMem_GetCurrentAllocatorName();
    PyConfig config = isolated();
    config.allocator = "jemalloc";
    const PyStatus status = Py_InitializeFromConfig(&config);
    BOOST_TEST(PyStatus_IsError(status));
    BOOST_TEST(!PyStatus_IsExit(status));
    BOOST_TEST(std::string(status.func) == "Py_InitializeFromConfig");
    BOOST_TEST(message_of(status).rfind("config.allocator: unknown allocator 'jemalloc'", 0) == 0u);
    BOOST_TEST(!Py_IsInitialized());
    BOOST_TEST(std::string(_PyMem_GetCurrentAllocatorName()) == before);
}

std::size_t pool_size_in_use() {
    minipy_pymalloc_geometry geometry;
    minipy_pymalloc_get_geometry(&geometry);
    return geometry.pool_size;
}

BOOST_AUTO_TEST_CASE(config_pymalloc_geometry_chooses_pool_and_arena_sizes) {
    const std::size_t before = pool_size_in_use();
    for (const auto &[name, pool_size] :
         {std::pair<const char *, std::size_t>{"large", 16384}, {"small", 4096}}) {
        PyConfig config = RuntimeScope::test_config();
        config.pymalloc_geometry = name;
        {
            RuntimeScope runtime(config);
            BOOST_TEST(pool_size_in_use() == pool_size, name);
            PyObject *list = PyList_New(0);  // objects live in the chosen pools
            BOOST_REQUIRE(list != nullptr);
            for (long i = 0; i < 1000; ++i) PyList_Append(list, Ref(PyLong_FromLong(i << 20)));
            BOOST_TEST(PyList_GET_SIZE(list) == 1000);
            Py_DECREF(list);
        }
        BOOST_REQUIRE(minipy_pymalloc_configure(nullptr) == 0);  // back to the build's
    }
    BOOST_TEST(pool_size_in_use() == before);
}

BOOST_AUTO_TEST_CASE(a_bad_or_late_pymalloc_geometry_is_refused) {
    const std::size_t before = pool_size_in_use();
    PyConfig config = isolated();
    config.pymalloc_geometry = "huge";
    PyStatus status = Py_InitializeFromConfig(&config);
    BOOST_TEST(PyStatus_IsError(status));
    BOOST_TEST(message_of(status) ==
               "config.pymalloc_geometry: unknown geometry 'huge' (expected default, small or "
               "large)");
    BOOST_TEST(!Py_IsInitialized());

    // A host that allocated from pymalloc before start-up cannot change its geometry.
    const char *allocator_before = _PyMem_GetCurrentAllocatorName();
    BOOST_REQUIRE(_PyMem_SetupAllocators(PYMEM_ALLOCATOR_PYMALLOC) == 0);
    void *held = PyObject_Malloc(64);
    config.pymalloc_geometry = before == 4096 ? "large" : "small";
    status = Py_InitializeFromConfig(&config);
    BOOST_TEST(PyStatus_IsError(status));
    BOOST_TEST(message_of(status) == std::string("config.pymalloc_geometry: cannot change to "
                                                 "geometry '") +
                                         config.pymalloc_geometry +
                                         "': pymalloc already holds blocks");
    BOOST_TEST(!Py_IsInitialized());
    BOOST_TEST(pool_size_in_use() == before);
    PyObject_Free(held);
    PyMemAllocatorName name;
    if (allocator_before != nullptr && _PyMem_GetAllocatorName(allocator_before, &name) == 0)
        _PyMem_SetupAllocators(name);
}

BOOST_AUTO_TEST_CASE(a_bad_switch_interval_is_refused) {
    for (double bad : {-1.0, std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity(), 1e12}) {
        PyConfig config = isolated();
        config.switch_interval = bad;
        const PyStatus status = Py_InitializeFromConfig(&config);
        BOOST_TEST(PyStatus_IsError(status), "accepted " << bad);
        BOOST_TEST(message_of(status) ==
                   "config.switch_interval must be a positive number of seconds");
        BOOST_TEST(!Py_IsInitialized());
    }
    // The smallest interval that is not zero still means at least one microsecond.
    PyConfig config = RuntimeScope::test_config();
    config.switch_interval = 1e-9;
    RuntimeScope runtime(config);
    BOOST_TEST(_PyEval_GetSwitchInterval() == 1u);
}

// PyConfig's argv: copied by PyConfig_SetBytesArgv (the caller's strings may go), kept by
// start-up as sys.argv is to be (parse_argv: without argv[0]) after the host cleared its config,
// released at shutdown; one of python's options is refused, minipy parsing none.
BOOST_AUTO_TEST_CASE(config_argv_is_kept_for_sys_argv) {
    const auto kept = [] {
        Py_ssize_t argc = -1;
        char *const *argv = minipy_config_argv(&argc);
        std::string joined;
        for (Py_ssize_t i = 0; i < argc; ++i) joined += std::string(argv[i]) + "|";
        return joined;
    };
    for (int parse : {1, 0}) {
        PyConfig config = RuntimeScope::test_config();
        config.parse_argv = parse;
        char program[] = "host", first[] = "-", second[] = "two";
        char *argv[] = {program, first, second};
        BOOST_REQUIRE(!PyStatus_Exception(PyConfig_SetBytesArgv(&config, 3, argv)));
        second[0] = 'x';  // the config holds copies
        BOOST_TEST(config.argv.length == 3);
        {
            RuntimeScope runtime(config);
            PyConfig_Clear(&config);
            BOOST_TEST(config.argv.length == 0);
            BOOST_TEST(kept() == (parse ? "-|two|" : "host|-|two|"));
        }
        BOOST_TEST(kept().empty());
    }
    PyConfig config = isolated();
    config.parse_argv = 1;
    char program[] = "host", option[] = "-c", code[] = "pass";
    char *argv[] = {program, option, code};
    BOOST_REQUIRE(!PyStatus_Exception(PyConfig_SetBytesArgv(&config, 3, argv)));
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    BOOST_TEST(PyStatus_IsError(status));
    BOOST_TEST(message_of(status).find("minipy parses none of python's options") !=
               std::string::npos);
    BOOST_TEST(!Py_IsInitialized());
    BOOST_TEST(PyStatus_IsError(PyConfig_SetBytesArgv(&config, -1, argv)));
}

BOOST_AUTO_TEST_CASE(status_helpers_say_what_they_hold) {
    BOOST_TEST(!PyStatus_Exception(PyStatus_Ok()));
    const PyStatus error = PyStatus_Error("broken");
    BOOST_TEST(PyStatus_IsError(error));
    BOOST_TEST(PyStatus_Exception(error));
    BOOST_TEST(message_of(error) == "broken");
    BOOST_TEST(PyStatus_IsError(PyStatus_NoMemory()));
    const PyStatus exit = PyStatus_Exit(3);
    BOOST_TEST(PyStatus_IsExit(exit));
    BOOST_TEST(PyStatus_Exception(exit));
    BOOST_TEST(exit.exitcode == 3);
}

BOOST_AUTO_TEST_CASE(start_up_without_memory_for_the_main_state_fails_cleanly) {
    minipy::test::FailingHook raw(PYMEM_DOMAIN_RAW, 0);  // every raw allocation fails
    const PyConfig config = isolated();
    const PyStatus status = Py_InitializeFromConfig(&config);
    BOOST_TEST(PyStatus_IsError(status));
    BOOST_TEST(message_of(status) == "memory allocation failed");
    BOOST_TEST(!Py_IsInitialized());
    BOOST_TEST(PyGILState_Check() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
