// Fatal errors of the alloc layer, printed the way CPython prints them:
//
//   Fatal Python error: <function>: <message>
//
// Both functions write straight to file descriptor 2 from a stack buffer: they allocate
// nothing, because they may run while the heap is broken or while pymalloc itself is in the
// middle of a change.
#pragma once

#include <string_view>

namespace minipy::support {

// Prints the report, then `detail_lines` (may be null; each line ends in '\n'), then the
// runtime's fatal context (minipy_alloc_set_fatal_context: runtime state, current thread),
// then calls std::abort(): a crash report for bugs. The message is written byte for byte,
// NULs included (a report may quote a corrupted byte, as CPython's does).
[[noreturn]] void fatal_error(const char *function, std::string_view message,
                              const char *detail_lines = nullptr) noexcept;

// Prints the report and `detail_lines`, then exits with `status` without running atexit
// handlers: a start-up error such as an unknown PYTHONMALLOC value, which is the user's
// mistake rather than a crash.
[[noreturn]] void fatal_exit(const char *function, std::string_view message,
                             const char *detail_lines, int status) noexcept;

// Writes bytes to stderr without allocating (partial writes retried); a const char *
// converts to the NUL-terminated string it points at.
void write_stderr(std::string_view text) noexcept;

}  // namespace minipy::support
