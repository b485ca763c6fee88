/* minipy/rangeobject.h: range, the lazy arithmetic sequence (CPython's Include/rangeobject.h).
 *
 * C-compatible. As in CPython the object's layout is private: a range keeps start, stop,
 * step and its length as int objects, so any size works, and iterates with a C-long
 * iterator (range_iterator) when every value fits, an int-object one (longrange_iterator)
 * otherwise. */
#ifndef MINIPY_RANGEOBJECT_H
#define MINIPY_RANGEOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

PyAPI_DATA(PyTypeObject) PyRange_Type;
PyAPI_DATA(PyTypeObject) PyRangeIter_Type;
PyAPI_DATA(PyTypeObject) PyLongRangeIter_Type;

#define PyRange_Check(op) Py_IS_TYPE((op), &PyRange_Type)

/* The layout of a range_iterator, for an interpreter's inline caches (CPython 3.12 keeps the
 * same struct in its internal pycore_range.h for its FOR_ITER_RANGE): next() returns start,
 * adds step to it and counts len down; len <= 0 means exhausted. Every value it will return
 * is a C long. */
typedef struct {
    PyObject_HEAD long start;
    long step;
    long len;
} _PyRangeIterObject;

MINIPY_EXTERN_C_END

#endif /* MINIPY_RANGEOBJECT_H */
