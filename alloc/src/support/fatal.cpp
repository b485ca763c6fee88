// See fatal.hpp. write(2) is async-signal-safe and never allocates, unlike stdio, whose
// first use of a stream may call malloc.
#include "support/fatal.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <atomic>

#include "minipy/pymem.h"
#include "support/check.hpp"

namespace minipy::support {

namespace {
// Set by the runtime at start-up; read by a dying process, so a plain atomic load.
std::atomic<minipy_fatal_context_fn> g_fatal_context{nullptr};
}  // namespace

void write_stderr(std::string_view text) noexcept {
    const char *next = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        ssize_t n = ::write(STDERR_FILENO, next, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        next += n;
        left -= static_cast<std::size_t>(n);
    }
}

namespace {

void write_report(const char *function, std::string_view message,
                  const char *detail_lines) noexcept {
    write_stderr("Fatal Python error: ");
    if (function != nullptr && function[0] != '\0') {
        write_stderr(function);
        write_stderr(": ");
    }
    write_stderr(message);
    write_stderr("\n");
    if (detail_lines != nullptr) write_stderr(detail_lines);
}

}  // namespace

void fatal_error(const char *function, std::string_view message,
                 const char *detail_lines) noexcept {
    write_report(function, message, detail_lines);
    if (minipy_fatal_context_fn context = g_fatal_context.load(std::memory_order_acquire))
        context(STDERR_FILENO);
    std::abort();
}

void fatal_exit(const char *function, std::string_view message, const char *detail_lines,
                int status) noexcept {
    write_report(function, message, detail_lines);
    std::_Exit(status);
}

void assertion_failed(const char *expr, const char *file, int line, const char *func) noexcept {
    char line_text[16];
    int i = static_cast<int>(sizeof line_text) - 1;
    line_text[i] = '\0';
    unsigned value = static_cast<unsigned>(line);
    do {
        line_text[--i] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0 && i > 0);
    write_stderr(file);
    write_stderr(":");
    write_stderr(line_text + i);
    write_stderr(": ");
    write_stderr(func);
    write_stderr(": minipy assertion failed: ");
    write_stderr(expr);
    write_stderr("\n");
    std::abort();
}

}  // namespace minipy::support

extern "C" void minipy_alloc_set_fatal_context(minipy_fatal_context_fn print) noexcept {
    minipy::support::g_fatal_context.store(print, std::memory_order_release);
}

extern "C" void minipy_fatal_error(const char *function, const char *message) noexcept {
    minipy::support::fatal_error(function, message != nullptr ? message : "");
}
