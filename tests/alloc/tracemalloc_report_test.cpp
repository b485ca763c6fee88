// The allocation traceback in a debug-hook report (issue 15 point 5, C level): a traced
// block's report prints where it was allocated, in CPython 3.11's text, in place of the
// hint to enable tracemalloc; a block allocated before tracing started prints neither. The
// expected lines come from python3 running data/traced_overflow.py (its comment says how);
// the deliberate bugs are alloc_crasher's, under each PYTHONMALLOC that installs the hooks
// (the tracer then wraps them, as -X tracemalloc does at start-up).
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <string>
#include <vector>

#include "support/child.hpp"

namespace bdata = boost::unit_test::data;

namespace {

const std::vector<const char *> kDebugConfigs = {"debug", "pymalloc_debug", "malloc_debug"};

const std::vector<std::string> kDump = {
    "Debug memory block at address p=<ptr>: API 'm'",
    "    16 bytes originally requested",
    "    The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.",
    "    The 8 pad bytes at tail=<ptr> are not all FORBIDDENBYTE (0xfd):",
    "        at tail+0: 0x78 *** OUCH",
    "        at tail+1: 0xfd",
    "        at tail+2: 0xfd",
    "        at tail+3: 0xfd",
    "        at tail+4: 0xfd",
    "        at tail+5: 0xfd",
    "        at tail+6: 0xfd",
    "        at tail+7: 0xfd",
    "    Data at p: cd cd cd cd cd cd cd cd cd cd cd cd cd cd cd cd",
    "",
};

minipy::test::ChildResult crash(const char *config, const char *scenario) {
    return minipy::test::run_child({MINIPY_ALLOC_CRASHER, scenario},
                                   {{"PYTHONMALLOC", config}, {"PYTHONMALLOCSTATS", std::nullopt}});
}

void require_report(const minipy::test::ChildResult &child, std::vector<std::string> expected) {
    BOOST_TEST(child.signal == SIGABRT, "expected SIGABRT, got signal "
                                            << child.signal << " status " << child.exit_status
                                            << "\n"
                                            << child.out << child.err);
    BOOST_TEST(child.out.empty());
    expected.insert(expected.begin(), kDump.begin(), kDump.end());
    expected.emplace_back("Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte");
    BOOST_TEST(minipy::test::masked_report_lines(child.err) == expected,
               boost::test_tools::per_element());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tracemalloc_report)

BOOST_DATA_TEST_CASE(a_traced_block_shows_where_it_was_allocated, bdata::make(kDebugConfigs),
                     config) {
    require_report(crash(config, "traced-overflow"),
                   {
                       "Memory block allocated at (most recent call first):",
                       "  File \"<string>\", line 3",
                       "  File \"<string>\", line 4",
                       "",
                   });
}

BOOST_DATA_TEST_CASE(a_block_from_before_tracing_shows_no_traceback, bdata::make(kDebugConfigs),
                     config) {
    require_report(crash(config, "untraced-overflow"), {});
}

BOOST_AUTO_TEST_SUITE_END()
