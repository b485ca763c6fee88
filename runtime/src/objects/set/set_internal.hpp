// What the set files share with each other and with the dict views: internal to
// runtime/src. The public API and the slot states are in minipy/setobject.h.
//
//   set_table.cpp    the hash table: lookup, add, discard, resize, merge, clear
//   set_ops.cpp      the algebra: copy, union, intersection, difference, symmetric
//                    difference, subset tests, comparison
//   set_type.cpp     PySet_Type, PyFrozenSet_Type, the iterator, the public C API
//   set_check.cpp    the invariant checker of the table
#ifndef MINIPY_OBJECTS_SET_INTERNAL_HPP
#define MINIPY_OBJECTS_SET_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

inline PySetObject *as_set(PyObject *op) noexcept {
    return reinterpret_cast<PySetObject *>(op);
}
inline PyObject *as_object(PySetObject *so) noexcept {
    return reinterpret_cast<PyObject *>(so);
}

constexpr int kSetLinearProbes = 9;  // LINEAR_PROBES: neighbours tried before jumping
constexpr int kDiscardNotFound = 0;
constexpr int kDiscardFound = 1;

// The key of a dummy slot (_PySet_Dummy points to it).
PyObject *set_dummy() noexcept;

// set_table.cpp ----------------------------------------------------------------------------

// Adds key (with its hash); the set takes its own reference. 0 / -1.
int set_add_entry(PySetObject *so, PyObject *key, Py_hash_t hash) noexcept;
int set_add_key(PySetObject *so, PyObject *key) noexcept;
// kDiscardFound / kDiscardNotFound, or -1 on error.
int set_discard_entry(PySetObject *so, PyObject *key, Py_hash_t hash) noexcept;
int set_discard_key(PySetObject *so, PyObject *key) noexcept;
// 1 / 0, or -1 on error.
int set_contains_entry(PySetObject *so, PyObject *key, Py_hash_t hash) noexcept;
int set_contains_key(PySetObject *so, PyObject *key) noexcept;
// Rebuilds the table with the smallest power of two above `minused` slots (no dummies).
int set_table_resize(PySetObject *so, Py_ssize_t minused) noexcept;
// Empties the set (back to the small table) and releases the keys afterwards.
void set_clear_internal(PySetObject *so) noexcept;
// Walks the active slots: start with *pos = 0; false at the end.
bool set_next(PySetObject *so, Py_ssize_t *pos, setentry **entry) noexcept;
// so |= other for a set or frozenset `other`.
int set_merge(PySetObject *so, PyObject *other) noexcept;
// so |= iterable for any iterable (sets, dicts and the rest).
int set_update_internal(PySetObject *so, PyObject *iterable) noexcept;
// A new set of exactly `type` holding the items of `iterable` (may be NULL).
PyObject *make_new_set(PyTypeObject *type, PyObject *iterable) noexcept;
// The same, with a subtype of set or frozenset replaced by the base type (what the algebra
// returns).
PyObject *make_new_set_basetype(PyTypeObject *type, PyObject *iterable) noexcept;
// Exchanges the contents of two sets (intersection_update builds a new table that way).
void set_swap_bodies(PySetObject *a, PySetObject *b) noexcept;

// set_check.cpp ----------------------------------------------------------------------------
// The table's invariants (minipy/setobject.h's slot states and counts, set_table.cpp's
// probing). Each returns true or stops the process with a report naming the broken rule
// (check/check.hpp); neither runs user code.

// The whole table: every slot, every active key found from its hash. O(size).
bool set_is_valid(PySetObject *so) noexcept;
// After an O(1) change to slot `entry` (add, discard, pop): the counts and that slot; the
// whole table while it has fewer than 64 slots.
bool set_change_is_valid(PySetObject *so, const setentry *entry) noexcept;

// set_ops.cpp ------------------------------------------------------------------------------

PyObject *set_copy(PySetObject *so) noexcept;
PyObject *set_intersection(PySetObject *so, PyObject *other) noexcept;
PyObject *set_difference(PySetObject *so, PyObject *other) noexcept;
int set_difference_update_internal(PySetObject *so, PyObject *other) noexcept;
int set_symmetric_difference_update_internal(PySetObject *so, PyObject *other) noexcept;
// True / False as a new reference, or NULL.
PyObject *set_issubset(PySetObject *so, PyObject *other) noexcept;
PyObject *set_issuperset(PySetObject *so, PyObject *other) noexcept;
PyObject *set_richcompare(PyObject *self, PyObject *other, int op) noexcept;
extern PyNumberMethods set_as_number;
extern PyNumberMethods frozenset_as_number;
// The methods' bodies (set_type.cpp lists them in the method tables).
PyObject *set_union_method(PyObject *self, PyObject *args) noexcept;
PyObject *set_intersection_multi(PyObject *self, PyObject *args) noexcept;
PyObject *set_intersection_update_multi(PyObject *self, PyObject *args) noexcept;
PyObject *set_difference_multi(PyObject *self, PyObject *args) noexcept;
PyObject *set_difference_update_multi(PyObject *self, PyObject *args) noexcept;
PyObject *set_update_multi(PyObject *self, PyObject *args) noexcept;
PyObject *set_symmetric_difference_method(PyObject *self, PyObject *other) noexcept;
PyObject *set_symmetric_difference_update_method(PyObject *self, PyObject *other) noexcept;
PyObject *set_issubset_method(PyObject *self, PyObject *other) noexcept;
PyObject *set_issuperset_method(PyObject *self, PyObject *other) noexcept;
PyObject *set_isdisjoint(PyObject *self, PyObject *other) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_SET_INTERNAL_HPP
