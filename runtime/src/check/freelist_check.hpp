// The rules every free list keeps, whatever it holds (float, tuple per size, list, dict, dict
// keys): what its owner's checker (float_freelist_is_valid, tuple_freelist_is_valid, ...)
// builds on. Internal to runtime/.
//
// An object on a free list is dead to everyone but the list: nobody holds a reference
// (ob_refcnt 0: a reference that survived its object's deallocation would be a
// use-after-free waiting to happen) and the collector does not see it (untracked). The list
// holds each block once (twice would hand the same block to two owners) and no more than its
// depth.
#ifndef MINIPY_CHECK_FREELIST_CHECK_HPP
#define MINIPY_CHECK_FREELIST_CHECK_HPP

#include "check/check.hpp"
#include "minipy/object.h"

namespace minipy::runtime::check {

// Entry `position` of a free list: not NULL, of exactly `type` (unless NULL: the float list
// threads its links through ob_type), refcount 0, and untracked when `gc`.
void freelist_entry_is_dead(const Subject &s, Py_ssize_t position, PyObject *op, PyTypeObject *type,
                            bool gc) noexcept;

// A free list kept as an array: 0 <= count <= depth (at most 128) and no block twice.
void freelist_array_is_valid(const Subject &s, void *const *items, int count, int depth) noexcept;

}  // namespace minipy::runtime::check

#endif  // MINIPY_CHECK_FREELIST_CHECK_HPP
