// The memory limit and usage counters (issue 5, point 6; minipy/memusage.h): exact byte and
// block counts for a known sequence of PyMem_* / PyObject_* calls under each allocator set-up
// (the accounting hook wraps pymalloc, malloc and the debug hooks alike), refusals above the
// limit (NULL from the domain, MemoryError from object creation, a failed realloc keeping its
// block), the limit changed while running, a host allocator sharing the budget, and accounting
// switched off.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/forked_child.hpp"
#include "runtime/runtime_scope.hpp"

// Every case reads the accounting: each starts from RuntimeScope::counting_config(), which has
// it on in both passes of the harness.
using minipy::test::RuntimeScope;
namespace bdata = boost::unit_test::data;

namespace {

minipy_memory_usage usage() {
    minipy_memory_usage u;
    BOOST_REQUIRE(minipy_get_memory_usage(&u) == 0);
    return u;
}

bool raised_memory_error() {
    const bool matched = PyErr_ExceptionMatches(PyExc_MemoryError);
    PyErr_Clear();
    return matched;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(memory_limit)

BOOST_DATA_TEST_CASE(usage_counts_the_bytes_asked_for, bdata::make(minipy::test::kAllocatorNames),
                     allocator) {
    RuntimeScope runtime(RuntimeScope::counting_config(allocator));
    minipy_reset_peak_memory_usage();
    const minipy_memory_usage u0 = usage();
    BOOST_TEST(u0.mem.peak_bytes == u0.mem.current_bytes);
    BOOST_TEST(u0.limit == 0u);

    void *a = PyMem_Malloc(100);
    void *b = PyMem_Calloc(3, 10);
    BOOST_REQUIRE((a != nullptr && b != nullptr));
    BOOST_TEST(std::memcmp(b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 30) ==
               0);
    std::memset(a, 0x5a, 100);
    a = PyMem_Realloc(a, 250);
    BOOST_REQUIRE(a != nullptr);
    BOOST_TEST(static_cast<unsigned char *>(a)[99] == 0x5a);
    void *c = PyObject_Malloc(0);
    void *d = PyObject_Malloc(1000);
    BOOST_REQUIRE((c != nullptr && d != nullptr));

    minipy_memory_usage u = usage();
    BOOST_TEST(u.mem.current_bytes == u0.mem.current_bytes + 280);
    BOOST_TEST(u.mem.current_blocks == u0.mem.current_blocks + 2);
    BOOST_TEST(u.obj.current_bytes == u0.obj.current_bytes + 1000);
    BOOST_TEST(u.obj.current_blocks == u0.obj.current_blocks + 2);
    BOOST_TEST(u.total.current_bytes == u.mem.current_bytes + u.obj.current_bytes);
    BOOST_TEST(u.total.current_blocks == u.mem.current_blocks + u.obj.current_blocks);

    a = PyMem_Realloc(a, 50);  // shrinking gives bytes back
    BOOST_REQUIRE(a != nullptr);
    BOOST_TEST(usage().mem.current_bytes == u0.mem.current_bytes + 80);
    PyMem_Free(a);
    PyMem_Free(b);
    PyObject_Free(c);
    PyObject_Free(d);

    u = usage();
    BOOST_TEST(u.mem.current_bytes == u0.mem.current_bytes);
    BOOST_TEST(u.mem.current_blocks == u0.mem.current_blocks);
    BOOST_TEST(u.obj.current_bytes == u0.obj.current_bytes);
    BOOST_TEST(u.mem.peak_bytes == u0.mem.current_bytes + 280);
    BOOST_TEST(u.mem.peak_blocks == u0.mem.current_blocks + 2);
    BOOST_TEST(u.obj.peak_bytes == u0.obj.current_bytes + 1000);
    // The total's peak is the peak of the sum: 280 + 1000 were live together.
    BOOST_TEST(u.total.peak_bytes == u0.total.current_bytes + 1280);
    BOOST_TEST(u.total.peak_blocks == u0.total.current_blocks + 4);
    BOOST_TEST(u.refused == 0u);

    minipy_reset_peak_memory_usage();
    u = usage();
    BOOST_TEST(u.mem.peak_bytes == u.mem.current_bytes);
    BOOST_TEST(u.total.peak_bytes == u.total.current_bytes);
    BOOST_TEST(u.obj.peak_blocks == u.obj.current_blocks);

    // Shutting down takes the hook off again: the domains hold what they held before.
    BOOST_TEST(Py_FinalizeEx() == 0);
    RuntimeScope::check_no_leak();
    const char *name = _PyMem_GetCurrentAllocatorName();
    BOOST_TEST((name != nullptr && std::string(name) == allocator));
}

BOOST_AUTO_TEST_CASE(allocations_above_the_limit_return_null_and_are_counted) {
    RuntimeScope runtime(RuntimeScope::counting_config());
    const minipy_memory_usage u0 = usage();
    BOOST_REQUIRE(minipy_set_memory_limit(u0.total.current_bytes + 1000) == 0);
    void *a = PyMem_Malloc(600);
    void *b = PyObject_Malloc(400);  // exactly at the limit: allowed
    BOOST_REQUIRE((a != nullptr && b != nullptr));
    BOOST_TEST(PyMem_Malloc(1) == nullptr);
    BOOST_TEST(PyObject_Calloc(1, 1) == nullptr);
    BOOST_TEST(PyMem_Realloc(nullptr, 1) == nullptr);
    const minipy_memory_usage u = usage();
    BOOST_TEST(u.refused == 3u);
    BOOST_TEST(u.total.current_bytes == u0.total.current_bytes + 1000);
    PyObject_Free(b);
    void *c = PyMem_Malloc(400);  // room again
    BOOST_TEST(c != nullptr);
    PyMem_Free(c);
    PyMem_Free(a);
    BOOST_TEST(minipy_set_memory_limit(0) == 0);
}

BOOST_AUTO_TEST_CASE(a_realloc_above_the_limit_fails_and_keeps_the_old_block) {
    RuntimeScope runtime(RuntimeScope::counting_config());
    auto *block = static_cast<unsigned char *>(PyMem_Malloc(100));
    BOOST_REQUIRE(block != nullptr);
    for (int i = 0; i < 100; ++i) block[i] = static_cast<unsigned char>(i);
    const minipy_memory_usage u0 = usage();
    BOOST_REQUIRE(minipy_set_memory_limit(u0.total.current_bytes + 50) == 0);
    BOOST_TEST(PyMem_Realloc(block, 1000) == nullptr);
    for (int i = 0; i < 100; ++i) BOOST_REQUIRE(block[i] == i);
    minipy_memory_usage u = usage();
    BOOST_TEST(u.total.current_bytes == u0.total.current_bytes);
    BOOST_TEST(u.refused == 1u);
    // Growing within the limit and shrinking still work.
    block = static_cast<unsigned char *>(PyMem_Realloc(block, 150));
    BOOST_REQUIRE(block != nullptr);
    BOOST_TEST(block[99] == 99);
    block = static_cast<unsigned char *>(PyMem_Realloc(block, 10));
    BOOST_REQUIRE(block != nullptr);
    BOOST_TEST(block[9] == 9);
    u = usage();
    BOOST_TEST(u.total.current_bytes == u0.total.current_bytes - 90);
    PyMem_Free(block);
    BOOST_TEST(minipy_set_memory_limit(0) == 0);
}

BOOST_AUTO_TEST_CASE(object_creation_above_the_limit_raises_memory_error) {
    RuntimeScope runtime(RuntimeScope::counting_config());
    // Warm every free list and cache this case touches, then leave 4 KiB of room.
    Py_XDECREF(PyList_New(4));
    Py_XDECREF(PyBytes_FromStringAndSize(nullptr, 100));
    const minipy_memory_usage u0 = usage();
    BOOST_REQUIRE(minipy_set_memory_limit(u0.total.current_bytes + 4096) == 0);

    BOOST_TEST(PyBytes_FromStringAndSize(nullptr, 10000) == nullptr);
    BOOST_TEST(raised_memory_error());
    BOOST_TEST(PyList_New(1000) == nullptr);
    BOOST_TEST(raised_memory_error());
    BOOST_TEST(PyTuple_New(1000) == nullptr);
    BOOST_TEST(raised_memory_error());
    const std::string text(5000, 'x');
    BOOST_TEST(PyUnicode_FromStringAndSize(text.data(), 5000) == nullptr);
    BOOST_TEST(raised_memory_error());

    // Filling up: small objects succeed until the limit, then MemoryError, and nothing leaks.
    std::vector<PyObject *> made;
    for (;;) {
        PyObject *bytes = PyBytes_FromStringAndSize("0123456789", 10);
        if (bytes == nullptr) break;
        made.push_back(bytes);
        BOOST_REQUIRE(made.size() < 10000u);
    }
    BOOST_TEST(raised_memory_error());
    BOOST_TEST(made.size() > 10u);
    BOOST_TEST(usage().total.current_bytes <= u0.total.current_bytes + 4096);
    for (PyObject *o : made) Py_DECREF(o);
    BOOST_TEST(usage().total.current_bytes == u0.total.current_bytes);
    BOOST_TEST(usage().refused >= 5u);
    BOOST_TEST(minipy_set_memory_limit(0) == 0);
}

BOOST_AUTO_TEST_CASE(a_limit_from_the_config_holds_from_start_up) {
    PyConfig config = RuntimeScope::counting_config();
    config.memory_limit = 1 << 20;
    RuntimeScope runtime(config);
    const minipy_memory_usage u = usage();
    BOOST_TEST(u.limit == std::size_t{1} << 20);
    BOOST_TEST(u.total.current_bytes <= u.limit);
    BOOST_TEST(PyBytes_FromStringAndSize(nullptr, 2 << 20) == nullptr);
    BOOST_TEST(raised_memory_error());
    PyObject *fits = PyBytes_FromStringAndSize(nullptr, 1 << 19);
    BOOST_TEST(fits != nullptr);
    Py_XDECREF(fits);
}

BOOST_AUTO_TEST_CASE(the_limit_changes_while_running) {
    PyConfig config = RuntimeScope::counting_config();
    config.memory_limit = 1 << 20;
    RuntimeScope runtime(config);
    BOOST_TEST(minipy_set_memory_limit(0) == 0);  // no limit
    BOOST_TEST(usage().limit == 0u);
    void *big = PyMem_Malloc(4 << 20);
    BOOST_TEST(big != nullptr);
    // A limit below what is in use refuses every growth until usage drops.
    BOOST_TEST(minipy_set_memory_limit(1 << 20) == 0);
    BOOST_TEST(usage().limit == std::size_t{1} << 20);
    BOOST_TEST(PyMem_Malloc(1) == nullptr);
    PyMem_Free(big);
    void *small = PyMem_Malloc(1);
    BOOST_TEST(small != nullptr);
    PyMem_Free(small);
}

// A host allocator sharing the budget (demos/lua_host's Lua): its blocks come from under the
// hook, uncounted by it; the bytes it adds to `used` count against Python's requests.
BOOST_DATA_TEST_CASE(a_host_allocator_shares_the_budget, bdata::make(minipy::test::kAllocatorNames),
                     allocator) {
    RuntimeScope runtime(RuntimeScope::counting_config(allocator));
    minipy_memory_budget *budget = minipy_get_memory_budget();
    BOOST_REQUIRE(budget != nullptr);
    const minipy_memory_usage u0 = usage();
    BOOST_TEST(budget->used == u0.total.current_bytes);
    BOOST_TEST(u0.budget_used == budget->used);

    PyMemAllocatorEx under;
    PyMemAllocatorEx current;
    BOOST_REQUIRE(minipy_get_unaccounted_allocator(PYMEM_DOMAIN_OBJ, &under) == 0);
    PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &current);
    BOOST_TEST((under.malloc != current.malloc));  // the hook is what the domain holds
    void *host_block = under.malloc(under.ctx, 5000);
    BOOST_REQUIRE(host_block != nullptr);
    BOOST_TEST(usage().total.current_bytes == u0.total.current_bytes);  // not the runtime's
    budget->used += 5000;                                               // the host counts its own

    BOOST_REQUIRE(minipy_set_memory_limit(budget->used + 1000) == 0);
    BOOST_TEST(budget->limit == budget->used + 1000);
    void *a = PyMem_Malloc(1000);  // exactly at the limit: allowed
    BOOST_REQUIRE(a != nullptr);
    BOOST_TEST(PyObject_Malloc(1) == nullptr);  // the host's bytes count against Python's
    minipy_memory_usage u = usage();
    BOOST_TEST(u.refused == 1u);
    BOOST_TEST(u.budget_used == u.total.current_bytes + 5000);

    under.free(under.ctx, host_block);
    budget->used -= 5000;
    void *b = PyObject_Malloc(4000);  // room again
    BOOST_TEST(b != nullptr);
    PyObject_Free(b);
    PyMem_Free(a);
    BOOST_TEST(usage().budget_used == u0.total.current_bytes);

    BOOST_TEST(Py_FinalizeEx() == 0);
    RuntimeScope::check_no_leak();
    BOOST_TEST(minipy_get_memory_budget() == nullptr);
    BOOST_TEST(budget->limit == 0u);  // the record outlives the runtime, without a limit
}

BOOST_AUTO_TEST_CASE(start_up_under_a_tiny_limit_fails_cleanly_or_objects_fail) {
    PyConfig config = RuntimeScope::counting_config();
    config.memory_limit = 1;
    const PyStatus status = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(status)) {
        BOOST_TEST(!Py_IsInitialized());
        BOOST_TEST(std::string(status.err_msg) == "memory allocation failed");
    } else {
        // Start-up allocated nothing from MEM or OBJ: the first object cannot be made.
        BOOST_TEST(PyList_New(0) == nullptr);
        BOOST_TEST(raised_memory_error());
        BOOST_TEST(Py_FinalizeEx() == 0);
        RuntimeScope::check_no_leak();
    }
    // And the runtime starts normally afterwards.
    RuntimeScope runtime(RuntimeScope::counting_config());
    BOOST_TEST(Py_IsInitialized());
}

BOOST_AUTO_TEST_CASE(accounting_is_off_without_a_limit_or_the_leak_check) {
    PyConfig config = RuntimeScope::test_config();
    config.leak_check = 0;
    RuntimeScope runtime(config);
    minipy_memory_usage u;
    BOOST_TEST(minipy_get_memory_usage(&u) == -1);
    BOOST_TEST(u.total.current_bytes == 0u);
    BOOST_TEST(minipy_set_memory_limit(1000) == -1);
    BOOST_TEST(minipy_get_memory_budget() == nullptr);
    PyMemAllocatorEx under;
    PyMemAllocatorEx current;
    BOOST_TEST(minipy_get_unaccounted_allocator(PYMEM_DOMAIN_OBJ, &under) == 0);
    PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &current);
    BOOST_TEST((under.malloc == current.malloc && under.ctx == current.ctx));
    minipy_reset_peak_memory_usage();  // harmless
    // No hook: the allocator itself (under pymalloc, its inline fast path) serves MEM and OBJ.
    const char *name = _PyMem_GetCurrentAllocatorName();
    const char *harness = minipy::test::harness_allocator_installed_name();
    BOOST_TEST((name != nullptr && std::string(name) == harness));
    BOOST_TEST(Py_FinalizeEx() == 0);
    minipy_leak_report report;
    BOOST_TEST(minipy_get_leak_report(&report) == 0);
    BOOST_TEST(report.counted == 0);
    BOOST_TEST(report.obj_blocks == 0u);
}

BOOST_AUTO_TEST_CASE(a_block_freed_through_the_wrong_domain_is_fatal) {
    const auto result = minipy::test::run_forked([] {
        RuntimeScope runtime(RuntimeScope::counting_config());
        PyObject_Free(PyMem_Malloc(16));
    });
    BOOST_TEST(result.signal == SIGABRT);
    BOOST_TEST(result.err.find("Fatal Python error: PyObject_Free: block allocated with "
                               "PyMem_Malloc freed through the OBJ domain") != std::string::npos,
               result.err);
}

BOOST_AUTO_TEST_SUITE_END()
