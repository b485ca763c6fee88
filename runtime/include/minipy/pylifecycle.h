/* minipy/pylifecycle.h: starting and stopping the runtime, and fatal errors.
 *
 * C-compatible, after CPython's Include/pylifecycle.h. Py_Initialize() applies
 * PYTHONMALLOC and PYTHONMALLOCSTATS, creates the main thread state and leaves the calling
 * thread holding the GIL; Py_FinalizeEx() must be called by the thread holding the GIL and
 * gives back every thread state. The runtime can be started again afterwards. Threads must
 * stop using the runtime before Py_FinalizeEx(): one that tries to take the GIL after it
 * blocks for good (as daemon threads do in CPython 3.14). */
#ifndef MINIPY_PYLIFECYCLE_H
#define MINIPY_PYLIFECYCLE_H

#include "minipy/initconfig.h"
#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* Starts the runtime from the environment; a bad PYTHONMALLOC ends the process with
 * "Fatal Python error: ...: PYTHONMALLOC: unknown allocator" and status 1. */
PyAPI_FUNC(void) Py_Initialize(void) MINIPY_NOEXCEPT;
/* The same; initsigs is accepted for CPython compatibility (minipy installs no handlers). */
PyAPI_FUNC(void) Py_InitializeEx(int initsigs) MINIPY_NOEXCEPT;
/* Starts the runtime from `config`; nothing happens and the status says why when a field is
 * invalid. Calling it while the runtime runs changes nothing and returns ok. */
PyAPI_FUNC(PyStatus) Py_InitializeFromConfig(const PyConfig *config) MINIPY_NOEXCEPT;
/* Stops the runtime; 0 on success. Does nothing (returns 0) if it is not running. */
PyAPI_FUNC(int) Py_FinalizeEx(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) Py_Finalize(void) MINIPY_NOEXCEPT;
/* The interpreter's shutdown step (minipy): called first by Py_FinalizeEx, with the GIL held
 * and the runtime still fully running, so that what the interpreter keeps (its modules, the
 * handled exceptions of its threads) is released before the leak report. One hook; NULL
 * removes it. */
typedef void (*minipy_finalize_hook)(void);
PyAPI_FUNC(void) minipy_set_finalize_hook(minipy_finalize_hook hook) MINIPY_NOEXCEPT;
/* The interpreter's last shutdown step (minipy): called by Py_FinalizeEx after its final
 * collections, whose finalizers (__del__) may still run code, so that what running code needs
 * (the builtins, interned names) goes only then. One hook; NULL removes it. */
PyAPI_FUNC(void) minipy_set_late_finalize_hook(minipy_finalize_hook hook) MINIPY_NOEXCEPT;
/* 1 between a successful start-up and the start of Py_FinalizeEx(). */
PyAPI_FUNC(int) Py_IsInitialized(void) MINIPY_NOEXCEPT;

/* Prints "Fatal Python error: <func>: <message>", the runtime state and every thread's
 * stack to stderr and aborts. Allocates nothing. The macro passes the caller's name. */
MINIPY_NORETURN PyAPI_FUNC(void)
    _Py_FatalErrorFunc(const char *func, const char *message) MINIPY_NOEXCEPT;
MINIPY_NORETURN PyAPI_FUNC(void) Py_FatalError(const char *message) MINIPY_NOEXCEPT;
#define Py_FatalError(message) _Py_FatalErrorFunc(__func__, (message))

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYLIFECYCLE_H */
