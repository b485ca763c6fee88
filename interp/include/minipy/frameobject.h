/* minipy/frameobject.h: frame objects, the Python view of a running or finished frame.
 *
 * C-compatible; names follow CPython 3.11 (Include/cpython/frameobject.h, pyframe.h). The
 * interpreter's frames are not objects (they live on a per-thread data stack); a frame
 * object is made only when something asks for one: a traceback entry, sys._getframe(), a
 * generator's gi_frame. When its frame finishes while the frame object lives on, the frame's
 * contents move into the frame object. */
#ifndef MINIPY_FRAMEOBJECT_H
#define MINIPY_FRAMEOBJECT_H

#include "minipy/code.h"
#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct _frame PyFrameObject;

PyAPI_DATA(PyTypeObject) PyFrame_Type;
#define PyFrame_Check(op) Py_IS_TYPE((op), &PyFrame_Type)

/* The line the frame is at. */
PyAPI_FUNC(int) PyFrame_GetLineNumber(PyFrameObject *frame) MINIPY_NOEXCEPT;
/* New references: the code, the calling frame's object (NULL at the outermost frame). */
PyAPI_FUNC(PyCodeObject *) PyFrame_GetCode(PyFrameObject *frame) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyFrameObject *) PyFrame_GetBack(PyFrameObject *frame) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFrame_GetGlobals(PyFrameObject *frame) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFrame_GetBuiltins(PyFrameObject *frame) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFrame_GetLocals(PyFrameObject *frame) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyFrame_GetLasti(PyFrameObject *frame) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_FRAMEOBJECT_H */
