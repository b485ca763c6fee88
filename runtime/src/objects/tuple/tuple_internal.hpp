// What the tuple files share with each other and with the other sequence files (list, range,
// slice): internal to runtime/src. The public API is minipy/tupleobject.h.
#ifndef MINIPY_OBJECTS_TUPLE_INTERNAL_HPP
#define MINIPY_OBJECTS_TUPLE_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

// The empty tuple: a static singleton (tuple_object.cpp), never freed, usable before any
// allocation (the preallocated MemoryError's args).
PyObject *empty_tuple() noexcept;

// tuple_object.cpp: tp_dealloc of PyTuple_Type (free list or tp_free).
void tuple_dealloc(PyObject *self) noexcept;
// A new exact tuple holding new references to items[0..n-1]; the empty singleton for n == 0.
PyObject *tuple_from_array(PyObject *const *items, Py_ssize_t n) noexcept;
// A new exact tuple taking over the references in items[0..n-1] (on failure they are
// released), for callers that built the items themselves.
PyObject *tuple_from_array_steal(PyObject *const *items, Py_ssize_t n) noexcept;
// The rules of the free list of `size`-item tuples (1 <= size <= 19): at most 2000 blocks, as
// many as the chain is long, each an exact tuple of that size that nobody holds (refcount 0,
// untracked). true, or a fatal report (check/check.hpp).
bool tuple_freelist_is_valid(Py_ssize_t size) noexcept;
// tuple_type.cpp: tuple(iterable) for the exact type, shared with list.__init__'s helpers.
PyObject *tuple_from_iterable(PyObject *iterable) noexcept;

// tuple_type.cpp: "<open>r0, r1, ...<close>" from a list of str reprs, with a trailing
// "," inside when `one_tail` and there is exactly one item ("(1,)").
PyObject *join_reprs(PyObject *reprs, const char *open, const char *close, bool one_tail) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_TUPLE_INTERNAL_HPP
