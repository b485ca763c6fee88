/* minipy/pygil.h: giving the GIL up and taking it back, and the switch interval.
 *
 * C-compatible. CPython declares these in its eval-loop header; minipy keeps them with the
 * GIL, since the runtime knows no interpreter. A thread about to block (I/O, a lock, a long
 * computation on its own data) releases the GIL around that code,
 *
 *     Py_BEGIN_ALLOW_THREADS
 *     ... no MEM / OBJ calls, no objects touched ...
 *     Py_END_ALLOW_THREADS
 *
 * and a thread that holds it for long gives it up at check points: a thread that waits for
 * the GIL longer than the switch interval asks the holder to drop it, and the holder's next
 * minipy_eval_checkpoint() hands it over (the eval loop calls it between instructions). */
#ifndef MINIPY_PYGIL_H
#define MINIPY_PYGIL_H

#include <stdint.h>

#include "minipy/pyport.h"
#include "minipy/pystate.h"

MINIPY_EXTERN_C_BEGIN

/* Releases the GIL and returns the calling thread's state (fatal if it holds none). */
PyAPI_FUNC(PyThreadState *) PyEval_SaveThread(void) MINIPY_NOEXCEPT;
/* Takes the GIL for `tstate` and makes it current (fatal if the thread already holds it). */
PyAPI_FUNC(void) PyEval_RestoreThread(PyThreadState *tstate) MINIPY_NOEXCEPT;
/* The same pair for a given state: Acquire = RestoreThread; Release checks that `tstate`
 * is the current state, then releases. */
PyAPI_FUNC(void) PyEval_AcquireThread(PyThreadState *tstate) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyEval_ReleaseThread(PyThreadState *tstate) MINIPY_NOEXCEPT;
/* Deprecated in CPython and no-ops there since 3.7: the GIL exists from Py_Initialize(). */
PyAPI_FUNC(void) PyEval_InitThreads(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyEval_ThreadsInitialized(void) MINIPY_NOEXCEPT;

#define Py_BEGIN_ALLOW_THREADS \
    {                          \
        PyThreadState *_save;  \
        _save = PyEval_SaveThread();
#define Py_BLOCK_THREADS   PyEval_RestoreThread(_save);
#define Py_UNBLOCK_THREADS _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS     \
    PyEval_RestoreThread(_save); \
    }

/* The switch interval in microseconds (CPython's internal names, behind
 * sys.setswitchinterval). Values below 1 act as 1. Default 5000. */
PyAPI_FUNC(void) _PyEval_SetSwitchInterval(unsigned long microseconds) MINIPY_NOEXCEPT;
PyAPI_FUNC(unsigned long) _PyEval_GetSwitchInterval(void) MINIPY_NOEXCEPT;

/* A check point: if another thread asked for the GIL, hand it over and wait to get it back.
 * Costs one relaxed load when nobody waits. Must be called holding the GIL. */
PyAPI_FUNC(void) minipy_eval_checkpoint(void) MINIPY_NOEXCEPT;

/* How the GIL has been passed around since the process started (for tests, benchmarks and
 * the curious): switches = times it went to a different thread state; drop_requests =
 * times a waiter ran out of patience and asked the holder to let go. */
typedef struct {
    uint64_t switches;
    uint64_t drop_requests;
} minipy_gil_stats;
PyAPI_FUNC(void) minipy_gil_get_stats(minipy_gil_stats *out) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYGIL_H */
