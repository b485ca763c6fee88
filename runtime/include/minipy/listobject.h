/* minipy/listobject.h: list, the mutable sequence (CPython's Include/listobject.h).
 *
 * C-compatible. A list is a PyVarObject (ob_size = number of items) pointing at an item
 * vector from the MEM domain (PyMem_Malloc) with room for `allocated` items. Growth follows
 * CPython 3.11's over-allocation (new_allocated = (n + n/8 + 6) & ~3), so sys.getsizeof
 * steps the same. Invariants: 0 <= ob_size <= allocated; ob_item == NULL only when
 * allocated == 0; ob_item[i] for i < ob_size is a strong, non-NULL reference once the
 * list is visible (PyList_New(n) hands out n NULL slots for the creator to fill).
 *
 * Lists are GC containers. Up to 80 list objects (without their vectors) are kept on a
 * free list when the config's use_freelists is on. */
#ifndef MINIPY_LISTOBJECT_H
#define MINIPY_LISTOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    PyObject_VAR_HEAD PyObject **ob_item; /* the items, ob_item[0 .. ob_size-1] */
    Py_ssize_t allocated;                 /* slots in ob_item */
} PyListObject;

PyAPI_DATA(PyTypeObject) PyList_Type;
PyAPI_DATA(PyTypeObject) PyListIter_Type;
PyAPI_DATA(PyTypeObject) PyListRevIter_Type;

#define PyList_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LIST_SUBCLASS)
#define PyList_CheckExact(op) Py_IS_TYPE((op), &PyList_Type)

/* The layout of list_iterator and list_reverseiterator, for an interpreter's inline caches
 * (CPython 3.12's internal pycore_list.h has it for FOR_ITER_LIST). it_seq is the list (or an
 * instance of a subclass that kept list's __iter__), NULL once the iterator is exhausted; a
 * forward iterator returns it_seq[it_index++] while it_index < len(it_seq). */
typedef struct {
    PyObject_HEAD Py_ssize_t it_index;
    PyListObject *it_seq;
} _PyListIterObject;

/* A list of `size` NULL items to be filled with PyList_SET_ITEM; SystemError for size < 0. */
PyAPI_FUNC(PyObject *) PyList_New(Py_ssize_t size) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyList_Size(PyObject *list) MINIPY_NOEXCEPT;
/* Borrowed; NULL + IndexError "list index out of range" (no negative indices). */
PyAPI_FUNC(PyObject *) PyList_GetItem(PyObject *list, Py_ssize_t index) MINIPY_NOEXCEPT;
/* Steals `item` (also on failure) and releases the old item. */
PyAPI_FUNC(int) PyList_SetItem(PyObject *list, Py_ssize_t index, PyObject *item) MINIPY_NOEXCEPT;
/* Inserts before `index` (clamped like list.insert). */
PyAPI_FUNC(int) PyList_Insert(PyObject *list, Py_ssize_t index, PyObject *item) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyList_Append(PyObject *list, PyObject *item) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyList_GetSlice(PyObject *list, Py_ssize_t low, Py_ssize_t high) MINIPY_NOEXCEPT;
/* list[low:high] = itemlist; a NULL itemlist deletes the slice. */
PyAPI_FUNC(int) PyList_SetSlice(PyObject *list, Py_ssize_t low, Py_ssize_t high,
                                PyObject *itemlist) MINIPY_NOEXCEPT;
/* Stable sort by `<` (list.sort()). */
PyAPI_FUNC(int) PyList_Sort(PyObject *list) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyList_Reverse(PyObject *list) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyList_AsTuple(PyObject *list) MINIPY_NOEXCEPT;
/* list.extend(iterable); returns a new reference to None. */
PyAPI_FUNC(PyObject *) _PyList_Extend(PyListObject *list, PyObject *iterable) MINIPY_NOEXCEPT;

#define _PyList_CAST(op) ((PyListObject *)(op))
static inline Py_ssize_t _PyList_GET_SIZE(PyObject *op) {
    return Py_SIZE(op);
}
#define PyList_GET_SIZE(op)        _PyList_GET_SIZE(_PyObject_CAST(op))
#define PyList_GET_ITEM(op, index) (_PyList_CAST(op)->ob_item[(index)])
static inline void _PyList_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value) {
    _PyList_CAST(op)->ob_item[index] = value;
}
#define PyList_SET_ITEM(op, index, value) \
    _PyList_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

MINIPY_EXTERN_C_END

#endif /* MINIPY_LISTOBJECT_H */
