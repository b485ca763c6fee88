// The leak check (issue 5, point 7; minipy/memusage.h): what Py_FinalizeEx reports as still
// allocated in MEM and OBJ, the line it prints, and blocks that cross start-up or shutdown
// (allocated before the accounting hook went in, or freed after it stopped counting), which a
// header-based hook must handle without touching memory it does not own.
//
// Leaks that could never be freed again (an object outlives its runtime) happen in a forked
// child, so that the test process ends with every block given back.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstring>
#include <string>

#include "minipy/Python.h"
#include "runtime/forked_child.hpp"
#include "runtime/runtime_scope.hpp"
#include "support/alloc_hooks.hpp"

using minipy::test::RuntimeScope;
namespace bdata = boost::unit_test::data;

namespace {

minipy_leak_report leak_report() {
    minipy_leak_report report;
    minipy_get_leak_report(&report);
    return report;
}

bool current_allocator_is(const char *expected) {
    const char *name = _PyMem_GetCurrentAllocatorName();
    return name != nullptr && std::strcmp(name, expected) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(leak_check)

BOOST_AUTO_TEST_CASE(a_run_that_frees_everything_reports_zero) {
    RuntimeScope runtime(RuntimeScope::counting_config());
    PyObject *list = PyList_New(0);
    BOOST_REQUIRE(list != nullptr);
    for (int i = 0; i < 100; ++i) {
        PyObject *item = PyUnicode_FromFormat("item %d", i);
        BOOST_REQUIRE(item != nullptr);
        BOOST_REQUIRE(PyList_Append(list, item) == 0);
        Py_DECREF(item);
    }
    Py_DECREF(list);
    BOOST_TEST(Py_FinalizeEx() == 0);
    const minipy_leak_report report = leak_report();
    BOOST_TEST(report.counted == 1);
    BOOST_TEST(report.mem_blocks == 0u);
    BOOST_TEST(report.mem_bytes == 0u);
    BOOST_TEST(report.obj_blocks == 0u);
    BOOST_TEST(report.obj_bytes == 0u);
}

// The blocks are given back after shutdown: the hook no longer counts, but still knows them
// and takes its header off on the way to the allocator.
BOOST_DATA_TEST_CASE(blocks_left_at_shutdown_are_reported_and_can_be_freed_later,
                     bdata::make(minipy::test::kAllocatorNames), allocator) {
    RuntimeScope runtime(RuntimeScope::counting_config(allocator));
    auto *a = static_cast<char *>(PyMem_Malloc(40));
    void *b = PyObject_Malloc(24);
    void *c = PyMem_Calloc(2, 5);
    BOOST_REQUIRE((a != nullptr && b != nullptr && c != nullptr));
    std::strcpy(a, "still here");
    BOOST_TEST(Py_FinalizeEx() == 0);
    const minipy_leak_report report = leak_report();
    BOOST_TEST(report.counted == 1);
    BOOST_TEST(report.mem_blocks == 2u);
    BOOST_TEST(report.mem_bytes == 50u);
    BOOST_TEST(report.obj_blocks == 1u);
    BOOST_TEST(report.obj_bytes == 24u);

    // Without the runtime: resize one, free them all, allocate and free a new one.
    a = static_cast<char *>(PyMem_Realloc(a, 5000));
    BOOST_REQUIRE(a != nullptr);
    BOOST_TEST(std::string(a) == "still here");
    void *fresh = PyMem_Malloc(30);
    BOOST_TEST(fresh != nullptr);
    PyMem_Free(fresh);
    PyMem_Free(a);
    PyObject_Free(b);
    PyMem_Free(c);

    // The next start-up and shutdown take the drained hook out: plain `allocator` again.
    {
        PyConfig config = RuntimeScope::counting_config(allocator);
        const PyStatus status = Py_InitializeFromConfig(&config);
        BOOST_REQUIRE(!PyStatus_Exception(status));
        BOOST_TEST(Py_FinalizeEx() == 0);
        RuntimeScope::check_no_leak();
    }
    BOOST_TEST(current_allocator_is(allocator));
}

// The host's blocks from before start-up have no header: freeing or resizing them while the
// hook is in must reach the allocator unchanged, and they are not counted.
BOOST_DATA_TEST_CASE(blocks_from_before_start_up_pass_through_uncounted,
                     bdata::make(minipy::test::kAllocatorNames), allocator) {
    BOOST_REQUIRE(minipy_alloc_configure(allocator, 0) == 0);
    void *small = PyMem_Malloc(64);
    void *large = PyObject_Malloc(5000);  // above pymalloc's threshold: the raw domain's
    auto *grow = static_cast<char *>(PyMem_Malloc(32));
    void *kept = PyObject_Malloc(48);
    BOOST_REQUIRE((small && large && grow && kept));
    std::strcpy(grow, "from the host");
    {
        RuntimeScope runtime(RuntimeScope::counting_config(allocator));
        minipy_memory_usage u0;
        BOOST_REQUIRE(minipy_get_memory_usage(&u0) == 0);
        PyMem_Free(small);
        PyObject_Free(large);
        grow = static_cast<char *>(PyMem_Realloc(grow, 4000));
        BOOST_REQUIRE(grow != nullptr);
        BOOST_TEST(std::string(grow) == "from the host");
        minipy_memory_usage u;
        BOOST_REQUIRE(minipy_get_memory_usage(&u) == 0);
        BOOST_TEST(u.total.current_bytes == u0.total.current_bytes);
        BOOST_TEST(u.total.current_blocks == u0.total.current_blocks);
        BOOST_TEST(Py_FinalizeEx() == 0);
        RuntimeScope::check_no_leak();  // the host's blocks are not the runtime's leaks
        // After shutdown, before the scope puts pymalloc back: the host frees its blocks.
        PyMem_Free(grow);
        PyObject_Free(kept);
        BOOST_TEST(current_allocator_is(allocator));
    }
}

// A host's hook installed above the accounting layer while the runtime runs and still there
// at shutdown: the layer cannot come out from under it, but goes on unframing its blocks.
BOOST_AUTO_TEST_CASE(a_host_hook_above_the_layer_at_shutdown) {
    RuntimeScope runtime(RuntimeScope::counting_config());
    void *block = PyMem_Malloc(10);
    BOOST_REQUIRE(block != nullptr);
    {
        minipy::test::CountingHook hook(PYMEM_DOMAIN_MEM);
        void *inner = PyMem_Malloc(20);
        BOOST_TEST(Py_FinalizeEx() == 0);
        const minipy_leak_report report = leak_report();
        BOOST_TEST(report.mem_blocks == 2u);
        BOOST_TEST(report.mem_bytes == 30u);
        // (Shutdown itself frees MEM blocks made before the hook, such as the interned-strings
        // table: only the host's two frees after it are counted here.)
        const auto frees_at_shutdown = hook.frees;
        PyMem_Free(inner);
        PyMem_Free(block);
        BOOST_TEST(hook.frees - frees_at_shutdown == 2u);
    }
    void *after = PyMem_Malloc(10);  // through the drained layer, unframed
    BOOST_TEST(after != nullptr);
    PyMem_Free(after);
}

BOOST_AUTO_TEST_CASE(the_report_is_printed_at_shutdown) {
    const auto result = minipy::test::run_forked([] {
        PyConfig config = RuntimeScope::counting_config();
        if (PyStatus_Exception(Py_InitializeFromConfig(&config))) return;
        PyMem_Malloc(40);
        PyObject_Malloc(24);
        PyObject_Malloc(8);
        Py_FinalizeEx();
    });
    BOOST_TEST(result.exit_status == 0);
    BOOST_TEST(result.err ==
                   "minipy: leak check: 1 blocks (40 bytes) still allocated in MEM, "
                   "2 blocks (32 bytes) in OBJ\n",
               result.err);
}

BOOST_AUTO_TEST_CASE(a_leaked_object_is_reported) {
    const auto result = minipy::test::run_forked([] {
        PyConfig config = RuntimeScope::counting_config();
        if (PyStatus_Exception(Py_InitializeFromConfig(&config))) return;
        PyObject *list = PyList_New(0);
        PyObject *item = PyLong_FromLong(1L << 40);
        PyList_Append(list, item);  // the list's item array: MEM
        Py_DECREF(item);
        Py_FinalizeEx();
        minipy_leak_report report;
        minipy_get_leak_report(&report);
        std::fprintf(stderr, "counted=%d mem=%zu obj=%zu\n", report.counted, report.mem_blocks,
                     report.obj_blocks);
    });
    BOOST_TEST(result.exit_status == 0);
    // The list and its int (OBJ), the list's item array (MEM).
    BOOST_TEST(result.err.find("minipy: leak check: 1 blocks (") == 0, result.err);
    BOOST_TEST(result.err.find("counted=1 mem=1 obj=2\n") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(nothing_is_printed_when_the_check_is_off) {
    const auto result = minipy::test::run_forked([] {
        PyConfig config = RuntimeScope::test_config();
        config.leak_check = 0;
        config.memory_limit = std::size_t{1} << 30;  // the hook counts, for the limit
        if (PyStatus_Exception(Py_InitializeFromConfig(&config))) return;
        PyMem_Malloc(40);
        Py_FinalizeEx();
        minipy_leak_report report;
        minipy_get_leak_report(&report);
        std::fprintf(stderr, "counted=%d mem=%zu/%zu\n", report.counted, report.mem_blocks,
                     report.mem_bytes);
    });
    BOOST_TEST(result.exit_status == 0);
    BOOST_TEST(result.err == "counted=1 mem=1/40\n", result.err);
}

BOOST_AUTO_TEST_CASE(without_accounting_the_report_says_it_did_not_count) {
    PyConfig config = RuntimeScope::test_config();
    config.leak_check = 0;
    RuntimeScope runtime(config);
    void *block = PyMem_Malloc(40);
    BOOST_TEST(Py_FinalizeEx() == 0);
    const minipy_leak_report report = leak_report();
    BOOST_TEST(report.counted == 0);
    BOOST_TEST(report.mem_blocks == 0u);
    PyMem_Free(block);
}

BOOST_AUTO_TEST_SUITE_END()
