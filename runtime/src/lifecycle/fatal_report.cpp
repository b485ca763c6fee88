// Fatal errors of the runtime: Py_FatalError, Py_ExitStatusException, and the lines that
// follow every "Fatal Python error" once the runtime runs (the runtime state, then each
// thread as faulthandler prints it). Everything here writes with write(2) and formats into
// stack buffers: a fatal error may come from inside a broken allocator.
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "minipy/initconfig.h"
#include "minipy/pylifecycle.h"
#include "minipy/pymem.h"
#include "state/runtime_state.hpp"

namespace minipy::runtime {

namespace {

void put(int fd, const char *text) noexcept {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::write(fd, text, left);
        if (n <= 0) return;  // nothing sensible to do about a failing stderr now
        text += n;
        left -= static_cast<std::size_t>(n);
    }
}

// "0x" and 16 lower-case hex digits, as faulthandler's _Py_DumpHexadecimal writes a pointer.
void put_hex(int fd, unsigned long value) noexcept {
    char text[2 + 16 + 1];
    text[0] = '0';
    text[1] = 'x';
    for (int i = 17; i >= 2; --i) {
        text[i] = "0123456789abcdef"[value & 0xF];
        value >>= 4;
    }
    text[18] = '\0';
    put(fd, text);
}

constinit minipy_frame_dump_hook g_frame_dump_hook = nullptr;

// faulthandler stops after this many threads too.
constexpr int kMaxThreadsDumped = 100;

void dump_threads(int fd) noexcept {
    _ts *const current = bound_tstate();
    int dumped = 0;
    // No lock: the thread that holds the list lock may be the one dying. CPython takes the
    // same risk; the list is only read.
    for (_ts *t = g_runtime.main_interp.threads_head; t != nullptr; t = t->next, ++dumped) {
        if (dumped != 0) put(fd, "\n");
        if (dumped == kMaxThreadsDumped) {
            put(fd, "...\n");
            break;
        }
        put(fd, t == current ? "Current thread " : "Thread ");
        put_hex(fd, t->thread_id);
        put(fd, " (most recent call first):\n");
        // The frames are the interpreter's to name.
        if (g_frame_dump_hook != nullptr)
            g_frame_dump_hook(fd, t);
        else
            put(fd, "  <no Python frame>\n");
    }
}

void put_runtime_state(int fd) noexcept {
    put(fd, "Python runtime state: ");
    switch (g_runtime.phase.load(std::memory_order_acquire)) {
    case Phase::initialized: put(fd, "initialized\n"); break;
    case Phase::finalizing:
        put(fd, "finalizing (tstate=");
        put_hex(fd, reinterpret_cast<unsigned long>(
                        g_runtime.finalizing_tstate.load(std::memory_order_relaxed)));
        put(fd, ")\n");
        break;
    case Phase::initializing: put(fd, "initializing\n"); break;
    case Phase::not_initialized: put(fd, "preinitializing\n"); break;
    }
}

}  // namespace

void print_fatal_context(int fd) noexcept {
    put_runtime_state(fd);
    if (!runtime_running()) return;
    put(fd, "\n");
    dump_threads(fd);
}

}  // namespace minipy::runtime

extern "C" void minipy_set_frame_dump_hook(minipy_frame_dump_hook hook) noexcept {
    minipy::runtime::g_frame_dump_hook = hook;
}

extern "C" void _Py_FatalErrorFunc(const char *func, const char *message) noexcept {
    minipy_fatal_error(func, message);
}

#undef Py_FatalError
extern "C" void Py_FatalError(const char *message) noexcept {
    minipy_fatal_error(nullptr, message);
}

extern "C" void Py_ExitStatusException(PyStatus status) noexcept {
    if (status._type == PyStatus::_PyStatus_TYPE_EXIT) std::exit(status.exitcode);
    if (status._type != PyStatus::_PyStatus_TYPE_ERROR)
        _Py_FatalErrorFunc(__func__, "must not be called on success");
    // CPython's shape: the message, the runtime state, a blank line; then exit status 1
    // rather than an abort, since the process did nothing wrong yet.
    using minipy::runtime::put;
    put(STDERR_FILENO, "Fatal Python error: ");
    if (status.func != nullptr && status.func[0] != '\0') {
        put(STDERR_FILENO, status.func);
        put(STDERR_FILENO, ": ");
    }
    put(STDERR_FILENO, status.err_msg != nullptr ? status.err_msg : "(no message)");
    put(STDERR_FILENO, "\n");
    minipy::runtime::print_fatal_context(STDERR_FILENO);
    put(STDERR_FILENO, "\n");
    std::exit(1);
}
