/* minipy/iterobject.h: the generic iterators (CPython's Include/iterobject.h).
 *
 * C-compatible. PySeqIter_New(seq) iterates an object that has only __getitem__ (the old
 * sequence protocol): it asks for seq[0], seq[1], ... until IndexError (or StopIteration),
 * which ends the iteration. PyCallIter_New(callable, sentinel) calls `callable` until it
 * returns something equal to `sentinel` (iter(callable, sentinel)). */
#ifndef MINIPY_ITEROBJECT_H
#define MINIPY_ITEROBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

PyAPI_DATA(PyTypeObject) PySeqIter_Type;
PyAPI_DATA(PyTypeObject) PyCallIter_Type;

#define PySeqIter_Check(op)  Py_IS_TYPE((op), &PySeqIter_Type)
#define PyCallIter_Check(op) Py_IS_TYPE((op), &PyCallIter_Type)

PyAPI_FUNC(PyObject *) PySeqIter_New(PyObject *seq) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyCallIter_New(PyObject *callable, PyObject *sentinel) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_ITEROBJECT_H */
