// PYTHONMALLOC: the names, what each installs, the build's default, and start-up from the
// environment in a child process (an unknown value is a fatal error, exit status 1, and
// nothing else runs).
#include <boost/test/unit_test.hpp>
#include <string>

#include "alloc/support/domain_api.hpp"
#include "minipy/pymalloc.h"
#include "support/child.hpp"

using minipy::test::AllocatorConfig;
using minipy::test::run_child;

namespace {

bool same_functions(const PyMemAllocatorEx &a, const PyMemAllocatorEx &b) {
    return a.malloc == b.malloc && a.calloc == b.calloc && a.realloc == b.realloc &&
           a.free == b.free;
}

PyMemAllocatorEx allocator_of(PyMemAllocatorDomain domain) {
    PyMemAllocatorEx a;
    PyMem_GetAllocator(domain, &a);
    return a;
}

bool object_domain_is_pymalloc() {
    std::FILE *sink = std::fopen("/dev/null", "w");
    const bool yes = _PyObject_DebugMallocStats(sink) == 1;
    std::fclose(sink);
    return yes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pythonmalloc)

BOOST_AUTO_TEST_CASE(the_six_names_parse_exactly) {
    const std::pair<const char *, PyMemAllocatorName> names[] = {
        {"default", PYMEM_ALLOCATOR_DEFAULT},   {"debug", PYMEM_ALLOCATOR_DEBUG},
        {"malloc", PYMEM_ALLOCATOR_MALLOC},     {"malloc_debug", PYMEM_ALLOCATOR_MALLOC_DEBUG},
        {"pymalloc", PYMEM_ALLOCATOR_PYMALLOC}, {"pymalloc_debug", PYMEM_ALLOCATOR_PYMALLOC_DEBUG},
        {"", PYMEM_ALLOCATOR_DEFAULT},
    };
    for (const auto &[text, value] : names) {
        PyMemAllocatorName parsed = PYMEM_ALLOCATOR_NOT_SET;
        BOOST_TEST(_PyMem_GetAllocatorName(text, &parsed) == 0, text);
        BOOST_TEST(parsed == value, text);
    }
    PyMemAllocatorName parsed = PYMEM_ALLOCATOR_NOT_SET;
    BOOST_TEST(_PyMem_GetAllocatorName(nullptr, &parsed) == 0);
    BOOST_TEST(parsed == PYMEM_ALLOCATOR_DEFAULT);
    // Case, spaces and allocators this build does not have are all unknown, as in CPython.
    for (const char *bad : {"Debug", " debug", "debug ", "mimalloc", "MALLOC", "pymalloc_", "0"}) {
        parsed = PYMEM_ALLOCATOR_NOT_SET;
        BOOST_TEST(_PyMem_GetAllocatorName(bad, &parsed) == -1, bad);
        BOOST_TEST(parsed == PYMEM_ALLOCATOR_NOT_SET, bad);
    }
}

BOOST_AUTO_TEST_CASE(malloc_puts_the_system_allocator_in_all_three_domains) {
    AllocatorConfig config("malloc");
    BOOST_REQUIRE(config.ok());
    const PyMemAllocatorEx raw = allocator_of(PYMEM_DOMAIN_RAW);
    BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_MEM), raw));
    BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_OBJ), raw));
    BOOST_TEST(!object_domain_is_pymalloc());
    void *p = PyObject_Malloc(32);
    BOOST_TEST(_Py_GetAllocatedBlocks() == 0);  // not pymalloc's: not counted
    PyObject_Free(p);
}

BOOST_AUTO_TEST_CASE(pymalloc_serves_mem_and_obj_and_leaves_raw_to_the_system) {
    PyMemAllocatorEx system;
    {
        AllocatorConfig config("malloc");
        system = allocator_of(PYMEM_DOMAIN_RAW);
    }
    for (const char *name : {"pymalloc", "default", "debug", "pymalloc_debug"}) {
        // Until the debug hooks exist, the *_debug names install the same allocators.
        AllocatorConfig config(name);
        BOOST_REQUIRE_MESSAGE(config.ok(), name);
        BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_RAW), system), name);
        BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_MEM), allocator_of(PYMEM_DOMAIN_OBJ)),
                   name);
        BOOST_TEST(!same_functions(allocator_of(PYMEM_DOMAIN_OBJ), system), name);
        BOOST_TEST(object_domain_is_pymalloc(), name);
    }
    AllocatorConfig config("malloc_debug");
    BOOST_REQUIRE(config.ok());
    BOOST_TEST(!object_domain_is_pymalloc());
}

BOOST_AUTO_TEST_CASE(an_unknown_name_changes_nothing) {
    const PyMemAllocatorEx before = allocator_of(PYMEM_DOMAIN_OBJ);
    BOOST_TEST(minipy_alloc_configure("jemalloc", 0) == -1);
    BOOST_TEST(_PyMem_SetupAllocators(static_cast<PyMemAllocatorName>(42)) == -1);
    BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_OBJ), before));
    BOOST_TEST(_PyMem_SetupAllocators(PYMEM_ALLOCATOR_NOT_SET) == 0);  // "keep what is there"
    BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_OBJ), before));
}

BOOST_AUTO_TEST_CASE(the_environment_chooses_the_allocator_at_start_up) {
    using Env = minipy::test::EnvChanges;
    const std::pair<Env, const char *> cases[] = {
        {{{"PYTHONMALLOC", std::nullopt}}, "object domain: pymalloc"},
        {{{"PYTHONMALLOC", ""}}, "object domain: pymalloc"},
        {{{"PYTHONMALLOC", "default"}}, "object domain: pymalloc"},
        {{{"PYTHONMALLOC", "debug"}}, "object domain: pymalloc"},
        {{{"PYTHONMALLOC", "pymalloc"}}, "object domain: pymalloc"},
        {{{"PYTHONMALLOC", "pymalloc_debug"}}, "object domain: pymalloc"},
        {{{"PYTHONMALLOC", "malloc"}}, "object domain: other"},
        {{{"PYTHONMALLOC", "malloc_debug"}}, "object domain: other"},
    };
    for (const auto &[env, expected] : cases) {
        const minipy::test::ChildResult child =
            run_child({MINIPY_ALLOC_CHILD, "init-from-env"}, env);
        BOOST_TEST(child.exited(0), child.err);
        BOOST_TEST(child.out == std::string(expected) + "\n");
        BOOST_TEST(child.err.empty());
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_pythonmalloc_is_a_fatal_start_up_error) {
    for (const char *bad : {"bogus", "Debug", "pymalloc "}) {
        const minipy::test::ChildResult child =
            run_child({MINIPY_ALLOC_CHILD, "init-from-env"}, {{"PYTHONMALLOC", bad}});
        BOOST_TEST(child.exited(1), "status " << child.exit_status << " signal " << child.signal);
        BOOST_TEST(child.out.empty(), "nothing may run after the error");
        const std::vector<std::string> lines = child.err_lines();
        BOOST_REQUIRE(lines.size() >= 3u);
        BOOST_TEST(
            lines[0] ==
            "Fatal Python error: minipy_alloc_init_from_env: PYTHONMALLOC: unknown allocator");
        BOOST_TEST(lines[1] == "PYTHONMALLOC=" + std::string(bad) +
                                   " (expected default, debug, pymalloc, pymalloc_debug, malloc "
                                   "or malloc_debug)");
        BOOST_TEST(lines[2] == "Python runtime state: preinitializing");
    }
}

BOOST_AUTO_TEST_CASE(a_huge_pythonmalloc_value_is_reported_cut_not_allocated) {
    const std::string huge(100000, 'x');
    const minipy::test::ChildResult child =
        run_child({MINIPY_ALLOC_CHILD, "init-from-env"}, {{"PYTHONMALLOC", huge}});
    BOOST_TEST(child.exited(1));
    BOOST_TEST(child.err.rfind("Fatal Python error: ", 0) == 0u);
    BOOST_TEST(child.err.size() < 400u);
    BOOST_TEST(child.err.find("...") != std::string::npos);
    BOOST_TEST(child.err.find("Python runtime state: preinitializing") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
