// Command-line and child-process helpers shared by the bench programs.
#pragma once

#include <sys/resource.h>

#include <optional>
#include <string>
#include <vector>

namespace minipy::bench {

// A strictly positive decimal count, or a message on stderr and exit status 2.
long parse_positive_count(const char *text);

// Runs this very program again (/proc/self/exe) with `args` (args[0] included), in a fresh
// process so that nothing of this one's heap carries over. Returns what the child wrote to
// stdout, or nullopt when it could not run or did not exit with status 0.
// `usage`, when given, receives the child's rusage (ru_maxrss: its peak RSS).
std::optional<std::string> run_self(const std::vector<std::string> &args, rusage *usage = nullptr);

}  // namespace minipy::bench
