// SIGINT as KeyboardInterrupt (minipy/intrcheck.h, signals.hpp). The handler only stores a
// flag; the main thread turns it into KeyboardInterrupt at the eval loop's check points and
// in blocking reads (PyErr_CheckSignals), as CPython's signal module does for SIGINT's
// default Python handler.
#include "run/signals.hpp"

#include <pthread.h>
#include <signal.h>

#include "minipy/intrcheck.h"

namespace minipy::interp {

std::atomic<bool> g_sigint_pending{false};
bool g_interrupt_taken = false;

namespace {

static_assert(std::atomic<bool>::is_always_lock_free, "the handler stores without a lock");

bool g_handler_installed = false;
struct sigaction g_previous_action;
pthread_t g_main_thread;
bool g_unhandled_keyboard_interrupt = false;

extern "C" void sigint_handler(int) {
    g_sigint_pending.store(true, std::memory_order_relaxed);
}

// Signals are handled on the thread that installed the handler, as CPython handles them on
// the main thread only; without a handler, on any thread (PyErr_SetInterrupt from a host).
bool on_handling_thread() noexcept {
    return !g_handler_installed || pthread_equal(pthread_self(), g_main_thread) != 0;
}

}  // namespace

int handle_pending_signals() noexcept {
    if (!on_handling_thread()) return 0;
    if (!g_sigint_pending.exchange(false, std::memory_order_relaxed)) return 0;
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    return -1;
}

void set_unhandled_keyboard_interrupt(bool value) noexcept {
    g_unhandled_keyboard_interrupt = value;
}

}  // namespace minipy::interp

using namespace minipy::interp;

extern "C" {

int minipy_install_sigint_handler(void) noexcept {
    if (g_handler_installed) return 1;
    struct sigaction current;
    if (sigaction(SIGINT, nullptr, &current) != 0) return 0;
    if ((current.sa_flags & SA_SIGINFO) == 0 && current.sa_handler == SIG_IGN) return 0;
    struct sigaction action = {};
    action.sa_handler = sigint_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;  // no SA_RESTART: a blocked read returns EINTR
    if (sigaction(SIGINT, &action, &g_previous_action) != 0) return 0;
    g_main_thread = pthread_self();
    g_handler_installed = true;
    return 1;
}

void minipy_restore_sigint_handler(void) noexcept {
    if (!g_handler_installed) return;
    sigaction(SIGINT, &g_previous_action, nullptr);
    g_handler_installed = false;
}

void PyErr_SetInterrupt(void) noexcept {
    g_sigint_pending.store(true, std::memory_order_relaxed);
}

int PyErr_SetInterruptEx(int signum) noexcept {
    if (signum < 1 || signum >= NSIG) return -1;
    if (signum == SIGINT) PyErr_SetInterrupt();  // other signals have no Python handler
    return 0;
}

int PyErr_CheckSignals(void) noexcept {
    if (!signals_pending()) return 0;
    return handle_pending_signals();
}

int PyOS_InterruptOccurred(void) noexcept {
    if (!on_handling_thread()) return 0;
    if (!g_sigint_pending.exchange(false, std::memory_order_relaxed)) return 0;
    g_interrupt_taken = true;
    return 1;
}

int minipy_unhandled_keyboard_interrupt(void) noexcept {
    return g_unhandled_keyboard_interrupt ? 1 : 0;
}

}  // extern "C"
