// PYTHONMALLOC: the names, what each installs, the build's default, and start-up from the
// environment in a child process (an unknown value is a fatal error, exit status 1, and
// nothing else runs).
#include <boost/test/unit_test.hpp>
#include <string>

#include "alloc/support/domain_api.hpp"
#include "alloc/support/pymalloc_state.hpp"
#include "minipy/pymalloc.h"
#include "support/child.hpp"

using minipy::test::AllocatorConfig;
using minipy::test::object_domain_is_pymalloc;
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

#if defined(MINIPY_PYDEBUG)
constexpr const char *kBuildDefault = "pymalloc_debug";
#else
constexpr const char *kBuildDefault = "pymalloc";
#endif

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
    AllocatorConfig config("pymalloc");
    BOOST_REQUIRE(config.ok());
    BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_RAW), system));
    BOOST_TEST(same_functions(allocator_of(PYMEM_DOMAIN_MEM), allocator_of(PYMEM_DOMAIN_OBJ)));
    BOOST_TEST(!same_functions(allocator_of(PYMEM_DOMAIN_OBJ), system));
    BOOST_TEST(object_domain_is_pymalloc());
}

BOOST_AUTO_TEST_CASE(each_name_installs_what_it_stands_for) {
    const std::pair<const char *, const char *> cases[] = {
        {"pymalloc", "pymalloc"},
        {"malloc", "malloc"},
        {"pymalloc_debug", "pymalloc_debug"},
        {"malloc_debug", "malloc_debug"},
        {"debug", "pymalloc_debug"},  // the default plus the hooks, in either build
        {"default", kBuildDefault},
        {"", kBuildDefault},
    };
    for (const auto &[name, installed] : cases) {
        AllocatorConfig config(name);
        BOOST_REQUIRE_MESSAGE(config.ok(), name);
        const char *current = _PyMem_GetCurrentAllocatorName();
        BOOST_REQUIRE_MESSAGE(current != nullptr, name);
        BOOST_TEST(std::string(current) == installed, "PYTHONMALLOC=" << name);
        // The statistics see pymalloc through the hooks.
        const bool pymalloc = std::string(installed).rfind("pymalloc", 0) == 0;
        BOOST_TEST(object_domain_is_pymalloc() == pymalloc, name);
    }
}

BOOST_AUTO_TEST_CASE(the_name_query_knows_no_name_for_a_custom_set_up) {
    AllocatorConfig config("pymalloc");
    PyMemAllocatorEx custom = allocator_of(PYMEM_DOMAIN_OBJ);
    custom.ctx = &custom;  // the same functions with another context: still pymalloc
    PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &custom);
    BOOST_TEST(std::string(_PyMem_GetCurrentAllocatorName()) == "pymalloc");
    PyMemAllocatorEx raw = allocator_of(PYMEM_DOMAIN_RAW);
    PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &raw);  // OBJ on malloc, MEM on pymalloc: no name
    BOOST_TEST(_PyMem_GetCurrentAllocatorName() == nullptr);
}

BOOST_AUTO_TEST_CASE(asking_for_the_installed_set_up_keeps_live_blocks_valid) {
    AllocatorConfig config("pymalloc_debug");
    BOOST_REQUIRE(config.ok());
    const PyMemAllocatorEx before = allocator_of(PYMEM_DOMAIN_MEM);
    void *p = PyMem_Malloc(40);  // framed by the hooks installed above
    BOOST_TEST(minipy_alloc_configure("pymalloc_debug", 0) == 0);
    BOOST_TEST(minipy_alloc_configure("debug", 0) == 0);
    const PyMemAllocatorEx after = allocator_of(PYMEM_DOMAIN_MEM);
    BOOST_TEST((before.ctx == after.ctx && same_functions(before, after)));
    PyMem_Free(p);  // a fatal "bad ID" or worse if the hooks had been replaced
}

BOOST_AUTO_TEST_CASE(before_any_initialisation_the_build_default_serves) {
    // A release build starts with pymalloc, a debug build with pymalloc_debug, as CPython's
    // static defaults do, whatever the environment says (nothing has read it yet).
    const minipy::test::ChildResult child =
        run_child({MINIPY_ALLOC_CHILD, "no-init"}, {{"PYTHONMALLOC", "malloc"}});
    BOOST_TEST(child.exited(0), child.err);
    BOOST_TEST(child.out ==
               "object domain: pymalloc\nallocator: " + std::string(kBuildDefault) + "\n");
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
    const std::string pymalloc = "object domain: pymalloc\nallocator: ";
    const std::string other = "object domain: other\nallocator: ";
    const std::pair<Env, std::string> cases[] = {
        {{{"PYTHONMALLOC", std::nullopt}}, pymalloc + kBuildDefault},
        {{{"PYTHONMALLOC", ""}}, pymalloc + kBuildDefault},
        {{{"PYTHONMALLOC", "default"}}, pymalloc + kBuildDefault},
        {{{"PYTHONMALLOC", "debug"}}, pymalloc + "pymalloc_debug"},
        {{{"PYTHONMALLOC", "pymalloc"}}, pymalloc + "pymalloc"},
        {{{"PYTHONMALLOC", "pymalloc_debug"}}, pymalloc + "pymalloc_debug"},
        {{{"PYTHONMALLOC", "malloc"}}, other + "malloc"},
        {{{"PYTHONMALLOC", "malloc_debug"}}, other + "malloc_debug"},
    };
    for (const auto &[env, expected] : cases) {
        const minipy::test::ChildResult child =
            run_child({MINIPY_ALLOC_CHILD, "init-from-env"}, env);
        BOOST_TEST(child.exited(0), child.err);
        BOOST_TEST(child.out == expected + "\n");
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
