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

/* --- What the interpreter keeps in a thread state (minipy) ---------------------------------
 * The runtime knows no frames, but a thread state is where a thread's interpreter data lives
 * and dies. These fields are the interpreter's, reached through minipy_thread_fields():
 *
 *   interp_data      the interpreter's own per-thread block (its frame stack); the runtime
 *                    only hands it to the clear hook when the state is cleared or deleted.
 *   exc_info         the top of the stack of exceptions being handled (CPython's
 *                    _PyErr_StackItem chain): the base item is exc_state; a running generator
 *                    pushes its own. PyErr_SetObject takes __context__ from it (implicit
 *                    chaining), sys.exc_info() and PyErr_GetHandledException() read it.
 *   recursion_depth  what Py_EnterRecursiveCall counts; the interpreter counts Python calls in
 *                    it too, against *recursion_limit (CPython 3.11 shares one counter).
 */
typedef struct _err_stackitem {  // NOLINT(readability-identifier-naming): CPython's tag
    struct _object *exc_value;   /* the exception being handled, None/NULL when none */
    struct _err_stackitem *previous_item;
} _PyErr_StackItem;

typedef struct {
    void *interp_data;
    _PyErr_StackItem *exc_info;
    _PyErr_StackItem exc_state;
    int recursion_depth;
    const int *recursion_limit; /* the interpreter state's limit (Py_SetRecursionLimit) */
} minipy_thread_fields;

PyAPI_FUNC(minipy_thread_fields *) minipy_thread_fields_of(PyThreadState *tstate) MINIPY_NOEXCEPT;

/* Called with the GIL held when a thread state is cleared or deleted and its interp_data is
 * not NULL; the hook frees it (interp_data is reset to NULL afterwards). */
typedef void (*minipy_thread_clear_hook)(PyThreadState *tstate, void *interp_data);
PyAPI_FUNC(void) minipy_set_thread_clear_hook(minipy_thread_clear_hook hook) MINIPY_NOEXCEPT;

/* Writes the Python frames of `tstate` to `fd`, most recent first, as faulthandler does
 * ('  File "x.py", line 3 in f'), for the fatal report. Runs while the process dies: it must
 * neither allocate nor lock. Without one the report says "  <no Python frame>". */
typedef void (*minipy_frame_dump_hook)(int fd, PyThreadState *tstate);
PyAPI_FUNC(void) minipy_set_frame_dump_hook(minipy_frame_dump_hook hook) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYSTATE_H */
