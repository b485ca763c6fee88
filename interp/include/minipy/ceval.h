/* minipy/ceval.h: the running frame's namespaces, as CPython 3.11's Include/ceval.h has them
 * (the rest of that header, the recursion limit, is the runtime's minipy/recursionlimit.h).
 *
 * C-compatible. Each needs the GIL; each returns a borrowed reference, or NULL when no Python
 * frame is running on the calling thread (GetLocals then sets SystemError "frame does not
 * exist"). */
#ifndef MINIPY_CEVAL_H
#define MINIPY_CEVAL_H

#include "minipy/frameobject.h"
#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* The running frame's globals and builtins dicts. */
PyAPI_FUNC(PyObject *) PyEval_GetGlobals(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyEval_GetBuiltins(void) MINIPY_NOEXCEPT;
/* The running frame's locals: a module or class body's namespace itself; for a function,
 * one dict per frame that each call brings up to date with the variables' values (bound
 * names set, unbound ones removed), as locals() does in 3.11. NULL with an exception. */
PyAPI_FUNC(PyObject *) PyEval_GetLocals(void) MINIPY_NOEXCEPT;
/* The running frame's frame object (made on first request), or NULL. */
PyAPI_FUNC(PyFrameObject *) PyEval_GetFrame(void) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_CEVAL_H */
