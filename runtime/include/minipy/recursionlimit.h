/* minipy/recursionlimit.h: the recursion limit.
 *
 * C-compatible; the functions are those of CPython 3.11's Include/ceval.h (the name ceval.h
 * is left to the interpreter, which the runtime does not know). Code that recurses on the shape of
 * its input (a repr of a list inside a list inside ..., a comparison of two deep
 * structures, a call that leads to another call) counts its depth with
 * Py_EnterRecursiveCall / Py_LeaveRecursiveCall. When the depth passes the limit, the call
 * fails with RecursionError instead of running out of C stack. PyObject_Repr, PyObject_Str,
 * PyObject_RichCompare and PyObject_Call* count themselves, as CPython's do. */
#ifndef MINIPY_RECURSIONLIMIT_H
#define MINIPY_RECURSIONLIMIT_H

#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* Enters one level; 0, or -1 with RecursionError "maximum recursion depth exceeded<where>"
 * set when the calling thread is already `limit` levels deep (the level is then not
 * entered). `where` is appended as is: CPython's callers pass " in comparison", " while
 * getting the repr of an object", ... Needs the GIL. */
PyAPI_FUNC(int) Py_EnterRecursiveCall(const char *where) MINIPY_NOEXCEPT;
/* Leaves the level a successful Py_EnterRecursiveCall entered. */
PyAPI_FUNC(void) Py_LeaveRecursiveCall(void) MINIPY_NOEXCEPT;

/* The limit (1000 after each start-up, as CPython's), shared by every thread. */
PyAPI_FUNC(int) Py_GetRecursionLimit(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) Py_SetRecursionLimit(int new_limit) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_RECURSIONLIMIT_H */
