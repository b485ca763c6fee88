// The death tests of the runtime's invariant checkers (invariant_reports_test.cpp): each
// breaks one rule of one structure in a forked child (forked_child.hpp) and compares the
// child's stderr, line by line, with the report the checker must print. The child first
// names the values the report will contain that only it knows ("dict=0x55..": addresses,
// announced with announce()), and the expected first line refers to them as "{dict}".
#ifndef MINIPY_TESTS_RUNTIME_INVARIANT_REPORT_HPP
#define MINIPY_TESTS_RUNTIME_INVARIANT_REPORT_HPP

#include <pthread.h>

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "runtime/forked_child.hpp"
#include "support/child.hpp"

namespace minipy::test {

// In the child: "name=<p as %p prints it>" on stderr, before the report.
inline void announce(const char *name, const void *p) {
    std::fprintf(stderr, "%s=%p\n", name, p);
    std::fflush(stderr);
}

// In the child: the thread line the report will print, as "thread=0x<16 digits>".
inline void announce_thread() {
    std::fprintf(stderr, "thread=0x%016lx\n", static_cast<unsigned long>(pthread_self()));
    std::fflush(stderr);
}

// The child died of SIGABRT, and its stderr is exactly: its announcements, then
//   Fatal Python error: <expected_error with each {name} replaced by the announced value>
//   Python runtime state: initialized
//   (an empty line)
//   Current thread <the announced thread> (most recent call first):
//     <no Python frame>
inline void check_report(const ForkedResult &result, const std::string &expected_error) {
    BOOST_TEST(result.signal == SIGABRT, result.err);
    const std::vector<std::string> lines = split_lines(result.err);
    std::map<std::string, std::string> values;
    std::size_t first = 0;
    for (; first < lines.size(); ++first) {
        const std::size_t eq = lines[first].find('=');
        if (lines[first].rfind("Fatal Python error: ", 0) == 0 || eq == std::string::npos) break;
        values["{" + lines[first].substr(0, eq) + "}"] = lines[first].substr(eq + 1);
    }
    std::string expected = "Fatal Python error: " + expected_error;
    for (const auto &[name, value] : values) {
        for (std::size_t at = expected.find(name); at != std::string::npos;
             at = expected.find(name, at + value.size()))
            expected.replace(at, name.size(), value);
    }
    const std::vector<std::string> tail(lines.begin() + static_cast<std::ptrdiff_t>(first),
                                        lines.end());
    const std::vector<std::string> wanted = {
        expected,
        "Python runtime state: initialized",
        "",
        "Current thread " + values["{thread}"] + " (most recent call first):",
        "  <no Python frame>",
    };
    BOOST_TEST(tail == wanted, boost::test_tools::per_element());
}

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_INVARIANT_REPORT_HPP
