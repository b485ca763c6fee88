// Fatal errors of the runtime, in child processes (runtime_child.cpp): MEM and OBJ calls
// made without the GIL under the debug hooks (issue 4's death tests), misuse of the
// thread-state API, and start-up from the environment. Reports are matched line by line,
// thread ids included (the child prints them to stdout), against the shape CPython 3.11
// prints: `PYTHONMALLOC=debug python3 -c "import _testcapi;
// _testcapi.pymem_malloc_without_gil()"`.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/runtime_scope.hpp"
#include "support/child.hpp"

namespace bdata = boost::unit_test::data;
using minipy::test::ChildResult;
using minipy::test::EnvChanges;

namespace {

ChildResult run(std::vector<std::string> args, EnvChanges env) {
    args.insert(args.begin(), MINIPY_RUNTIME_CHILD);
    // Nothing of the test process's own environment may leak into the scenario.
    for (const char *name : {"PYTHONMALLOC", "PYTHONMALLOCSTATS"}) {
        bool set = false;
        for (const auto &change : env) set |= change.first == name;
        if (!set) env.push_back({name, std::nullopt});
    }
    return minipy::test::run_child(args, env);
}

// "main=0x..." lines of the child's stdout, by name.
std::map<std::string, std::string> thread_ids(const ChildResult &child) {
    std::map<std::string, std::string> ids;
    for (const std::string &line : minipy::test::split_lines(child.out)) {
        const std::size_t eq = line.find('=');
        if (eq != std::string::npos) ids[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return ids;
}

std::vector<std::string> thread_lines(const std::string &kind, const std::string &id) {
    return {kind + " " + id + " (most recent call first):", "  <no Python frame>"};
}

// The report of a fatal error once the runtime runs: the message, the runtime state, then
// each thread (newest first), blank lines between.
std::vector<std::string> report(const std::string &message,
                                const std::vector<std::vector<std::string>> &threads) {
    std::vector<std::string> lines = {"Fatal Python error: " + message,
                                      "Python runtime state: initialized", ""};
    for (std::size_t i = 0; i < threads.size(); ++i) {
        if (i != 0) lines.push_back("");
        lines.insert(lines.end(), threads[i].begin(), threads[i].end());
    }
    return lines;
}

void require_abort(const ChildResult &child) {
    BOOST_TEST(child.signal == SIGABRT, "expected SIGABRT, got signal "
                                            << child.signal << " status " << child.exit_status
                                            << "\n"
                                            << child.out << child.err);
}

void check_lines(const ChildResult &child, const std::vector<std::string> &expected) {
    const std::vector<std::string> actual = minipy::test::masked_report_lines(child.err);
    BOOST_TEST(actual == expected, boost::test_tools::per_element());
}

const std::vector<const char *> kDebugConfigs = {"debug", "pymalloc_debug", "malloc_debug"};
const std::vector<const char *> kDomains = {"mem", "obj"};
const std::vector<const char *> kFunctions = {"malloc", "calloc", "realloc", "free"};

std::string hook_name(const std::string &function) {
    std::string name = "_PyMem_Debug" + function;
    name[12] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[12])));
    return name;
}

std::string no_gil_message(const std::string &function) {
    return hook_name(function) + ": Python memory allocator called without holding the GIL";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fatal)

// A thread the runtime does not know: it has no thread state, so the report names no
// current thread, only the main one (which holds the GIL, waiting in pthread_join).
BOOST_DATA_TEST_CASE(a_foreign_thread_without_the_gil_is_caught,
                     bdata::make(kDebugConfigs) * bdata::make(kDomains) * bdata::make(kFunctions),
                     config, domain, function) {
    const ChildResult child = run({"foreign-thread", domain, function}, {{"PYTHONMALLOC", config}});
    require_abort(child);
    const auto ids = thread_ids(child);
    BOOST_REQUIRE(ids.count("main") && ids.count("worker"));
    check_lines(child, report(no_gil_message(function), {thread_lines("Thread", ids.at("main"))}));
}

// A thread with a state that released the GIL (Py_BEGIN_ALLOW_THREADS) and allocates
// anyway: it is the current thread of the report, listed first as the newest.
BOOST_DATA_TEST_CASE(a_thread_that_released_the_gil_is_caught,
                     bdata::make(kDomains) * bdata::make(kFunctions), domain, function) {
    const ChildResult child =
        run({"released-thread", domain, function}, {{"PYTHONMALLOC", "debug"}});
    require_abort(child);
    const auto ids = thread_ids(child);
    BOOST_REQUIRE(ids.count("main") && ids.count("worker"));
    check_lines(child,
                report(no_gil_message(function), {thread_lines("Current thread", ids.at("worker")),
                                                  thread_lines("Thread", ids.at("main"))}));
}

BOOST_DATA_TEST_CASE(the_main_thread_inside_allow_threads_is_caught,
                     bdata::make(kDomains) * bdata::make(kFunctions), domain, function) {
    const ChildResult child =
        run({"allow-threads", domain, function}, {{"PYTHONMALLOC", "pymalloc_debug"}});
    require_abort(child);
    const auto ids = thread_ids(child);
    BOOST_REQUIRE(ids.count("main"));
    check_lines(child,
                report(no_gil_message(function), {thread_lines("Current thread", ids.at("main"))}));
}

// Without the hooks nothing checks the GIL (as in CPython's release builds).
BOOST_AUTO_TEST_CASE(without_debug_hooks_no_gil_check_runs) {
    const ChildResult child =
        run({"foreign-thread", "mem", "malloc"}, {{"PYTHONMALLOC", "pymalloc"}});
    BOOST_TEST(child.exited(0), child.err);
    BOOST_TEST(child.out.find("the call went unnoticed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(py_fatal_error_names_the_caller_and_dumps_the_threads) {
    const ChildResult child = run({"fatal-error"}, {{"PYTHONMALLOC", "pymalloc"}});
    require_abort(child);
    const auto ids = thread_ids(child);
    check_lines(child, report("fatal_from_host: the host gave up",
                              {thread_lines("Current thread", ids.at("main"))}));
}

struct Misuse {
    const char *scenario;
    const char *message;
    const char *main_kind;  // how the report lists the main thread
};

std::ostream &operator<<(std::ostream &out, const Misuse &m) {
    return out << m.scenario;
}

const std::vector<Misuse> kMisuses = {
    {"save-twice",
     "PyEval_SaveThread: the function must be called with the GIL held, but the GIL is "
     "released (the current Python thread state is NULL)",
     "Current thread"},
    {"restore-twice",
     "PyEval_RestoreThread: this thread already holds the GIL (taking it again would deadlock)",
     "Current thread"},
    {"release-without-ensure",
     "PyGILState_Release: auto-releasing thread-state, but no thread-state for this thread",
     "Thread"},
    {"finalize-without-gil",
     "Py_FinalizeEx: the calling thread must hold the GIL (its thread state must be current)",
     "Current thread"},
    {"delete-current", "PyThreadState_Delete: tstate is still current", "Current thread"},
};

BOOST_DATA_TEST_CASE(thread_state_misuse_is_a_fatal_error, bdata::make(kMisuses), misuse) {
    const ChildResult child = run({misuse.scenario}, {{"PYTHONMALLOC", "pymalloc"}});
    require_abort(child);
    const auto ids = thread_ids(child);
    BOOST_REQUIRE(ids.count("main"));
    check_lines(child, report(misuse.message, {thread_lines(misuse.main_kind, ids.at("main"))}));
}

BOOST_AUTO_TEST_CASE(ensure_before_start_up_is_a_fatal_error) {
    const ChildResult child = run({"ensure-before-init"}, {});
    require_abort(child);
    check_lines(child, {"Fatal Python error: PyGILState_Ensure: the runtime is not "
                        "initialized: call Py_Initialize() first"});
}

BOOST_AUTO_TEST_CASE(py_initialize_applies_pythonmalloc) {
    for (const char *name : {"malloc", "malloc_debug", "pymalloc", "pymalloc_debug"}) {
        const ChildResult child = run({"init-from-env"}, {{"PYTHONMALLOC", name}});
        BOOST_TEST(child.exited(0), name << ": " << child.err);
        BOOST_TEST(minipy::test::split_lines(child.out).back() == name);
    }
    for (const std::optional<std::string> &unset :
         {std::optional<std::string>{}, std::optional<std::string>{""}}) {
        const ChildResult child = run({"init-from-env"}, {{"PYTHONMALLOC", unset}});
        BOOST_TEST(child.exited(0), child.err);
        BOOST_TEST(minipy::test::split_lines(child.out).back() ==
                   minipy::test::kBuildDefaultAllocator);
    }
    const ChildResult debug = run({"init-from-env"}, {{"PYTHONMALLOC", "debug"}});
    BOOST_TEST(minipy::test::split_lines(debug.out).back() == "pymalloc_debug");
}

BOOST_AUTO_TEST_CASE(py_initialize_refuses_an_unknown_pythonmalloc) {
    const ChildResult child = run({"init-from-env"}, {{"PYTHONMALLOC", "bogus"}});
    BOOST_TEST(child.exited(1), "status " << child.exit_status << " signal " << child.signal);
    BOOST_TEST(child.out.empty());  // nothing ran
    check_lines(child, {"Fatal Python error: Py_InitializeFromConfig: PYTHONMALLOC: unknown "
                        "allocator 'bogus' (expected default, debug, pymalloc, pymalloc_debug, "
                        "malloc or malloc_debug)",
                        "Python runtime state: preinitializing", ""});
}

BOOST_AUTO_TEST_CASE(py_initialize_applies_minipy_pymalloc_geometry) {
    const std::pair<std::optional<std::string>, std::string> cases[] = {
        {"small", "4096 262144"},
        {"large", "16384 1048576"},
        {"default", minipy::test::kBuildDefaultGeometry},
        {"", minipy::test::kBuildDefaultGeometry},
        {std::nullopt, minipy::test::kBuildDefaultGeometry},
    };
    for (const auto &[value, expected] : cases) {
        const ChildResult child = run({"geometry-from-env"}, {{"MINIPY_PYMALLOC_GEOMETRY", value}});
        BOOST_TEST(child.exited(0), value.value_or("unset") << ": " << child.err);
        BOOST_TEST(minipy::test::split_lines(child.out).back() == expected,
                   value.value_or("unset"));
    }
    const ChildResult bad = run({"geometry-from-env"}, {{"MINIPY_PYMALLOC_GEOMETRY", "huge"}});
    BOOST_TEST(bad.exited(1), "status " << bad.exit_status << " signal " << bad.signal);
    BOOST_TEST(bad.out.empty());
    check_lines(bad, {"Fatal Python error: Py_InitializeFromConfig: MINIPY_PYMALLOC_GEOMETRY: "
                      "unknown geometry 'huge' (expected default, small or large)",
                      "Python runtime state: preinitializing", ""});
}

BOOST_AUTO_TEST_CASE(an_isolated_config_ignores_the_environment) {
    const ChildResult child = run({"isolated-ignores-env"}, {{"PYTHONMALLOC", "bogus"}});
    BOOST_TEST(child.exited(0), child.err);
    BOOST_TEST(minipy::test::split_lines(child.out).back() == minipy::test::kBuildDefaultAllocator);
}

BOOST_AUTO_TEST_CASE(pythonmallocstats_prints_the_statistics_at_shutdown) {
    const std::string header = "Small block threshold = 512, in 32 size classes.";
    const ChildResult on =
        run({"stats-at-shutdown"}, {{"PYTHONMALLOC", "pymalloc"}, {"PYTHONMALLOCSTATS", "1"}});
    BOOST_TEST(on.exited(0), on.err);
    // One report when the first arena is made, one at shutdown.
    std::size_t reports = 0;
    for (std::size_t at = on.err.find(header); at != std::string::npos;
         at = on.err.find(header, at + 1))
        ++reports;
    BOOST_TEST(reports == 2u, on.err);
    const ChildResult off = run({"stats-at-shutdown"}, {{"PYTHONMALLOC", "pymalloc"}});
    BOOST_TEST(off.exited(0));
    BOOST_TEST(off.err.empty());
}

BOOST_AUTO_TEST_SUITE_END()
