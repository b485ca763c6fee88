/* minipy/sliceobject.h: slice objects and the index arithmetic of slicing (CPython's
 * Include/sliceobject.h). Py_Ellipsis lives in object.h.
 *
 * C-compatible. A slice holds three objects, any of which may be None; a sequence turns it
 * into C indices in two steps:
 *   PySlice_Unpack        start/stop/step as Py_ssize_t (None -> defaults, big values
 *                         clamped to PY_SSIZE_T_MIN/MAX, step 0 -> ValueError)
 *   PySlice_AdjustIndices clamps them to a sequence of `length` items, returns how many
 *                         items the slice selects
 * PySlice_GetIndicesEx does both. */
#ifndef MINIPY_SLICEOBJECT_H
#define MINIPY_SLICEOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    PyObject_HEAD PyObject *start, *stop, *step; /* never NULL: None where not given */
} PySliceObject;

PyAPI_DATA(PyTypeObject) PySlice_Type;
#define PySlice_Check(op) Py_IS_TYPE((op), &PySlice_Type)

/* slice(start, stop, step); NULL arguments mean None. */
PyAPI_FUNC(PyObject *) PySlice_New(PyObject *start, PyObject *stop, PyObject *step) MINIPY_NOEXCEPT;
/* 0, or -1 with TypeError (a non-index bound) or ValueError "slice step cannot be zero". */
PyAPI_FUNC(int) PySlice_Unpack(PyObject *slice, Py_ssize_t *start, Py_ssize_t *stop,
                               Py_ssize_t *step) MINIPY_NOEXCEPT;
/* Clamps unpacked indices to `length`; returns the slice length. Cannot fail. */
PyAPI_FUNC(Py_ssize_t) PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                                             Py_ssize_t step) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PySlice_GetIndicesEx(PyObject *slice, Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                         Py_ssize_t *step, Py_ssize_t *slicelength) MINIPY_NOEXCEPT;
/* The old API: plain ints only, indices not clamped; -1 (no exception for a bad bound). */
PyAPI_FUNC(int) PySlice_GetIndices(PyObject *slice, Py_ssize_t length, Py_ssize_t *start,
                                   Py_ssize_t *stop, Py_ssize_t *step) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_SLICEOBJECT_H */
