// Running a program as a child process and collecting what it did: exit status or
// signal, stdout and stderr. Death tests use it the way CPython's test_capi does: the
// deliberate bug runs in a child, the parent matches the report line by line.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace minipy::test {

struct ChildResult {
    int exit_status = -1;  // exit code, or -1 if the child was killed by a signal
    int signal = 0;        // the terminating signal, or 0
    bool timed_out = false;
    std::string out;
    std::string err;

    bool exited(int status) const { return signal == 0 && exit_status == status; }
    std::vector<std::string> err_lines() const;
};

// Environment changes for the child: {name, value} sets, {name, nullopt} unsets.
using EnvChanges = std::vector<std::pair<std::string, std::optional<std::string>>>;

// Runs argv[0] (a path) with the given arguments and environment changes, and waits for it
// at most `timeout_seconds` (then kills it and sets timed_out).
ChildResult run_child(const std::vector<std::string> &argv, const EnvChanges &env = {},
                      int timeout_seconds = 60);

// Splits text into lines without their '\n'.
std::vector<std::string> split_lines(const std::string &text);

// The lines of a report (a child's stderr) with the addresses it prints after '='
// ("p=0x...", "tail=0x...", "tstate=0x...") replaced by "<ptr>". Byte values ("at tail+0:
// 0x78") and thread ids ("Thread 0x...") are kept.
std::vector<std::string> masked_report_lines(const std::string &text);

}  // namespace minipy::test
