/* minipy/intrcheck.h: Ctrl-C and the interpreter (CPython's intrcheck.h and the signal part
 * of pyerrors.h).
 *
 * C-compatible. The interpreter turns SIGINT into KeyboardInterrupt as CPython does: a
 * handler only records that the signal came; the eval loop's check point (taken at every
 * backward jump and at the start of every call) sees the record on the main thread and
 * raises KeyboardInterrupt there, and a blocking read of the interactive prompt does the same
 * through PyErr_CheckSignals. Embedders that want this call minipy_install_sigint_handler()
 * once (the `minipy` command does); without it SIGINT keeps its default action. */
#ifndef MINIPY_INTRCHECK_H
#define MINIPY_INTRCHECK_H

#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* Installs the SIGINT handler, unless SIGINT is ignored (an inherited SIG_IGN is kept, as
 * CPython keeps it). System calls the signal interrupts fail with EINTR instead of
 * restarting, so a blocked read can notice it. The calling thread becomes the one that
 * raises KeyboardInterrupt. Returns 1 when the handler is in place, 0 when SIGINT was
 * ignored. */
PyAPI_FUNC(int) minipy_install_sigint_handler(void) MINIPY_NOEXCEPT;
/* Puts back the action SIGINT had before minipy_install_sigint_handler. */
PyAPI_FUNC(void) minipy_restore_sigint_handler(void) MINIPY_NOEXCEPT;

/* Acts as if SIGINT had arrived (any thread, also from a signal handler). */
PyAPI_FUNC(void) PyErr_SetInterrupt(void) MINIPY_NOEXCEPT;
/* The same for a signal number: SIGINT as above, another signal is ignored (minipy has no
 * Python-level handlers); 0, or -1 when signum is not a signal number. */
PyAPI_FUNC(int) PyErr_SetInterruptEx(int signum) MINIPY_NOEXCEPT;
/* On the main thread with the GIL: when SIGINT came since the last check, forgets it and
 * raises KeyboardInterrupt (returns -1); else 0. Elsewhere always 0. */
PyAPI_FUNC(int) PyErr_CheckSignals(void) MINIPY_NOEXCEPT;
/* 1 (and the record is forgotten) when SIGINT came since the last check, else 0; raises
 * nothing. */
PyAPI_FUNC(int) PyOS_InterruptOccurred(void) MINIPY_NOEXCEPT;

/* 1 when the last exception that reached the top (PyRun_Simple*, the interactive loop's
 * end) and ended the program was a KeyboardInterrupt: the command then ends the way python3
 * does, killed by SIGINT (shells report status 130). */
PyAPI_FUNC(int) minipy_unhandled_keyboard_interrupt(void) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_INTRCHECK_H */
