/* minipy/pystate.h: thread states and the GIL-state API.
 *
 * C-compatible. One interpreter per runtime. Every OS thread that runs runtime code does it
 * through a PyThreadState (allocated from the raw domain); exactly one thread state at a
 * time holds the GIL. Names and rules follow CPython's (Include/pystate.h):
 *
 *   - A thread that did not start in the runtime (a host's worker thread) brackets its
 *     calls with PyGILState_Ensure() / PyGILState_Release(); Ensure creates the thread's
 *     state the first time and nests.
 *   - PyGILState_Check() tells whether the calling thread holds the GIL. The debug hooks
 *     call it on every MEM and OBJ call. Before Py_Initialize() and after Py_FinalizeEx()
 *     it answers 1, so the allocator is usable from a single thread without a runtime.
 *   - Misuse (releasing a state that is not current, deleting the current state, calling
 *     before start-up) ends in a "Fatal Python error" naming the function, never in a
 *     silent deadlock or a crash. */
#ifndef MINIPY_PYSTATE_H
#define MINIPY_PYSTATE_H

#include <stdint.h>

#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

typedef struct _is PyInterpreterState; /* opaque */
typedef struct _ts PyThreadState;      /* opaque */

/* The interpreter of the calling thread's state (fatal without one) / the main one (NULL
 * when the runtime is not initialized). */
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Get(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Main(void) MINIPY_NOEXCEPT;

/* A new thread state for the calling thread, not yet holding the GIL; NULL when the raw
 * domain is out of memory. If the thread has no state yet, this one becomes its
 * PyGILState_GetThisThreadState(). */
PyAPI_FUNC(PyThreadState *) PyThreadState_New(PyInterpreterState *interp) MINIPY_NOEXCEPT;
/* Resets the state's contents; the state stays usable. */
PyAPI_FUNC(void) PyThreadState_Clear(PyThreadState *tstate) MINIPY_NOEXCEPT;
/* Frees a state that is not current (fatal if it is). */
PyAPI_FUNC(void) PyThreadState_Delete(PyThreadState *tstate) MINIPY_NOEXCEPT;
/* Frees the calling thread's current state and releases the GIL. */
PyAPI_FUNC(void) PyThreadState_DeleteCurrent(void) MINIPY_NOEXCEPT;

/* The state holding the GIL in this thread: fatal when there is none / NULL when none. */
PyAPI_FUNC(PyThreadState *) PyThreadState_Get(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyThreadState *) _PyThreadState_UncheckedGet(void) MINIPY_NOEXCEPT;
/* Makes `tstate` (may be NULL) the calling thread's current state without touching the
 * GIL, which the caller must manage; returns the previous one. */
PyAPI_FUNC(PyThreadState *) PyThreadState_Swap(PyThreadState *tstate) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyInterpreterState *)
    PyThreadState_GetInterpreter(PyThreadState *tstate) MINIPY_NOEXCEPT;
/* A number unique to the state within the process (1 for the first). */
PyAPI_FUNC(uint64_t) PyThreadState_GetID(PyThreadState *tstate) MINIPY_NOEXCEPT;

typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED } PyGILState_STATE;

/* Makes the calling thread hold the GIL, whatever it held before; returns what to hand
 * back to PyGILState_Release(). Fatal before Py_Initialize(). */
PyAPI_FUNC(PyGILState_STATE) PyGILState_Ensure(void) MINIPY_NOEXCEPT;
/* Undoes the matching Ensure: releases the GIL if Ensure took it, and deletes the thread
 * state when the outermost Ensure created it. */
PyAPI_FUNC(void) PyGILState_Release(PyGILState_STATE state) MINIPY_NOEXCEPT;
/* 1 when the calling thread holds the GIL (or no runtime is running), else 0. */
PyAPI_FUNC(int) PyGILState_Check(void) MINIPY_NOEXCEPT;
/* The calling thread's own state, whether or not it holds the GIL; NULL if none. */
PyAPI_FUNC(PyThreadState *) PyGILState_GetThisThreadState(void) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYSTATE_H */
