// SIGINT as KeyboardInterrupt (minipy/intrcheck.h): the record the signal handler leaves and
// the eval loop's check of it, and the "an uncaught KeyboardInterrupt ended the program"
// flag the entry points keep for the command's exit.
#ifndef MINIPY_INTERP_RUN_SIGNALS_HPP
#define MINIPY_INTERP_RUN_SIGNALS_HPP

#include <atomic>

#include "minipy/Python.h"

namespace minipy::interp {

// Set by the handler (a lock-free atomic store is async-signal-safe), cleared by the check.
extern std::atomic<bool> g_sigint_pending;

// The eval breaker's signal part: one relaxed load when nothing is pending.
inline bool signals_pending() noexcept {
    return g_sigint_pending.load(std::memory_order_relaxed);
}

// PyErr_CheckSignals without the public wrapper: -1 with KeyboardInterrupt set when the
// main thread finds SIGINT pending, else 0.
int handle_pending_signals() noexcept;

// Set when PyOS_InterruptOccurred reported a SIGINT (and forgot it): a line editor that
// returns NULL after that was interrupted. Cleared by PyOS_Readline before each line.
extern bool g_interrupt_taken;

// What run_eval_code_obj does in CPython: cleared before running code at the top, set when
// that code ended with KeyboardInterrupt.
void set_unhandled_keyboard_interrupt(bool value) noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_SIGNALS_HPP
