// What the list files share: internal to runtime/src. The public API is
// minipy/listobject.h; the invariants of a list are written there.
#ifndef MINIPY_OBJECTS_LIST_INTERNAL_HPP
#define MINIPY_OBJECTS_LIST_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

inline PyListObject *as_list(PyObject *op) noexcept {
    return reinterpret_cast<PyListObject *>(op);
}

// list_object.cpp ------------------------------------------------------------------------------

// CPython 3.11's list_resize: sets ob_size to newsize, reallocating the vector (with
// over-allocation) only when newsize leaves [allocated / 2, allocated]. New slots past the old
// size are NOT initialised. -1 + MemoryError leaves the list as it was.
int list_resize(PyListObject *self, Py_ssize_t newsize) noexcept;
// An empty list whose vector has room for exactly `size` items (ob_size stays 0).
PyObject *list_new_prealloc(Py_ssize_t size) noexcept;
// Empties the list (size 0, no vector), releasing the items after it is empty, since their
// destructors may look at the list again.
void list_clear_items(PyListObject *self) noexcept;
// self[low:high] as a new list; indices already clamped by the caller.
PyObject *list_slice(PyListObject *self, Py_ssize_t low, Py_ssize_t high) noexcept;
// self[low:high] = v (v NULL deletes; any iterable, even self).
int list_ass_slice(PyListObject *self, Py_ssize_t low, Py_ssize_t high, PyObject *v) noexcept;
// list.extend(iterable): None, or NULL with the exception.
PyObject *list_extend(PyListObject *self, PyObject *iterable) noexcept;
// Appends, taking over the reference to item (released on failure).
int list_append_take(PyListObject *self, PyObject *item) noexcept;
// tp_dealloc of PyList_Type.
void list_dealloc(PyObject *self) noexcept;
// The free list's rules: at most 80 blocks, none twice, each an exact list nobody holds
// (refcount 0, untracked) without an item vector. true, or a fatal report (check/check.hpp).
bool list_freelist_is_valid() noexcept;

// CPython's PySequence_Fast: `v` itself when it is an exact list or tuple, else a new list of
// its items; TypeError `message` when it is not iterable. The items are fast_items(result).
PyObject *sequence_fast(PyObject *v, const char *message) noexcept;
inline PyObject **fast_items(PyObject *seq) noexcept {
    return PyList_Check(seq) ? as_list(seq)->ob_item
                             : reinterpret_cast<PyTupleObject *>(seq)->ob_item;
}

// list_sort.cpp ------------------------------------------------------------------------------

// list.sort(key=keyfunc, reverse=reverse): stable; None, or NULL with the exception (the list
// then holds the same items in some order). keyfunc may be NULL or None.
PyObject *list_sort_impl(PyListObject *self, PyObject *keyfunc, bool reverse) noexcept;

// list_type.cpp ------------------------------------------------------------------------------

// list.__reversed__(): a list_reverseiterator.
PyObject *list_reversed(PyObject *self, PyObject *unused) noexcept;

// list_methods.cpp ---------------------------------------------------------------------------

extern PyMethodDef list_methods[];
// tp_init: list(iterable).
int list_init_slot(PyObject *self, PyObject *args, PyObject *kwds) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_LIST_INTERNAL_HPP
