/* minipy/traceback.h: traceback objects and printing them.
 *
 * C-compatible; CPython 3.11's Include/traceback.h and cpython/traceback.h. An exception's
 * __traceback__ is a chain of entries, outermost frame first: each names a frame object and
 * the instruction that was running in it (tb_lasti, a byte offset). */
#ifndef MINIPY_TRACEBACK_H
#define MINIPY_TRACEBACK_H

#include "minipy/frameobject.h"
#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct _traceback {
    PyObject_HEAD struct _traceback *tb_next;
    PyFrameObject *tb_frame;
    int tb_lasti;  /* byte offset of the instruction */
    int tb_lineno; /* -1 until asked */
} PyTracebackObject;

PyAPI_DATA(PyTypeObject) PyTraceBack_Type;
#define PyTraceBack_Check(v) Py_IS_TYPE((v), &PyTraceBack_Type)

/* Adds an entry for `frame` (its current instruction) in front of the current exception's
 * traceback. 0, or -1 with an exception. */
PyAPI_FUNC(int) PyTraceBack_Here(PyFrameObject *frame) MINIPY_NOEXCEPT;
/* Writes "Traceback (most recent call last):" and the entries, as CPython 3.11 prints them
 * (source lines and ^^^ markers included), to the file-like object `f` (with write()).
 * 0, or -1 with an exception. */
PyAPI_FUNC(int) PyTraceBack_Print(PyObject *tb, PyObject *f) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_TRACEBACK_H */
