/* minipy/tupleobject.h: tuple, the immutable sequence (CPython's Include/tupleobject.h).
 *
 * C-compatible. A tuple is a PyVarObject whose ob_size items follow the header in the same
 * OBJ block. PyTuple_New(n) returns a tuple of n NULL slots that the caller fills with
 * PyTuple_SET_ITEM (or PyTuple_SetItem) before anyone else sees it; PyTuple_New(0) returns
 * the empty tuple, a static singleton that is never freed and exists before any allocation.
 *
 * Tuples are GC containers (tracked from PyTuple_New on). Tuples of 1..19 items are kept on
 * per-size free lists (up to 2000 each) when the config's use_freelists is on, as in 3.11. */
#ifndef MINIPY_TUPLEOBJECT_H
#define MINIPY_TUPLEOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    PyObject_VAR_HEAD
        /* ob_item[0 .. ob_size-1]: the items, each a strong reference (NULL only while the
         * creator is filling a fresh tuple). */
        PyObject *ob_item[1];
} PyTupleObject;

PyAPI_DATA(PyTypeObject) PyTuple_Type;
PyAPI_DATA(PyTypeObject) PyTupleIter_Type;

#define PyTuple_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
#define PyTuple_CheckExact(op) Py_IS_TYPE((op), &PyTuple_Type)

/* The layout of tuple_iterator, for an interpreter's inline caches (CPython 3.12's internal
 * pycore_tuple.h has it for FOR_ITER_TUPLE): returns it_seq[it_index++] while it_index <
 * len(it_seq); it_seq is NULL once the iterator is exhausted. */
typedef struct {
    PyObject_HEAD Py_ssize_t it_index;
    PyTupleObject *it_seq;
} _PyTupleIterObject;

/* A new tuple of `size` NULL items (the empty singleton for 0); NULL + MemoryError, or
 * SystemError for a negative size. */
PyAPI_FUNC(PyObject *) PyTuple_New(Py_ssize_t size) MINIPY_NOEXCEPT;
/* -1 + SystemError when `p` is not a tuple. */
PyAPI_FUNC(Py_ssize_t) PyTuple_Size(PyObject *p) MINIPY_NOEXCEPT;
/* Borrowed; NULL + IndexError "tuple index out of range" (SystemError for a non-tuple). */
PyAPI_FUNC(PyObject *) PyTuple_GetItem(PyObject *p, Py_ssize_t pos) MINIPY_NOEXCEPT;
/* Steals `item` (also on failure). Only for a tuple nobody else holds (refcount 1): else
 * SystemError. */
PyAPI_FUNC(int) PyTuple_SetItem(PyObject *p, Py_ssize_t pos, PyObject *item) MINIPY_NOEXCEPT;
/* p[low:high] with the indices clamped as in slicing; `p` itself for the whole of an exact
 * tuple. */
PyAPI_FUNC(PyObject *)
    PyTuple_GetSlice(PyObject *p, Py_ssize_t low, Py_ssize_t high) MINIPY_NOEXCEPT;
/* A tuple of the n objects given (new references taken). */
PyAPI_FUNC(PyObject *) PyTuple_Pack(Py_ssize_t n, ...) MINIPY_NOEXCEPT;
/* Resizes a tuple that only the caller holds, in place or by moving it. On failure *p is
 * released, set to NULL, and -1 is returned with MemoryError (SystemError for misuse). */
PyAPI_FUNC(int) _PyTuple_Resize(PyObject **p, Py_ssize_t newsize) MINIPY_NOEXCEPT;

/* Unchecked access, as CPython's macros. SET_ITEM steals and does not release the old item. */
#define _PyTuple_CAST(op) ((PyTupleObject *)(op))
static inline Py_ssize_t _PyTuple_GET_SIZE(PyObject *op) {
    return Py_SIZE(op);
}
#define PyTuple_GET_SIZE(op)        _PyTuple_GET_SIZE(_PyObject_CAST(op))
#define PyTuple_GET_ITEM(op, index) (_PyTuple_CAST(op)->ob_item[(index)])
static inline void _PyTuple_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value) {
    _PyTuple_CAST(op)->ob_item[index] = value;
}
#define PyTuple_SET_ITEM(op, index, value) \
    _PyTuple_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

MINIPY_EXTERN_C_END

#endif /* MINIPY_TUPLEOBJECT_H */
