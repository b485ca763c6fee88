// The two directions between special methods and C slots (internal to runtime/src):
//
//   wrap_*  (slot_wrappers.cpp)  a C slot called as a method: int.__add__(1, 2) runs nb_add
//                                through wrap_binaryfunc_l; one per slot signature.
//   slot_*  (slot_dispatch.cpp)  a special method called as a C slot: a class that defines
//                                __add__ gets slot_nb_add in nb_add, which looks __add__ up
//                                on the instance's type and calls it.
//
// slot_defs.cpp pairs them, name by name, in the slot table.
#ifndef MINIPY_OBJECTS_TYPE_SLOT_FUNCTIONS_HPP
#define MINIPY_OBJECTS_TYPE_SLOT_FUNCTIONS_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

// --- wrap_*: (self, args tuple, the C function) -> result --------------------------------------
PyObject *wrap_unaryfunc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_binaryfunc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_binaryfunc_l(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_binaryfunc_r(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_ternaryfunc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_ternaryfunc_r(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_inquirypred(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_lenfunc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_indexargfunc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_sq_item(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_sq_setitem(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_sq_delitem(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_objobjproc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_objobjargproc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_delitem(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_setattr(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_delattr(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_hashfunc(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_call(PyObject *self, PyObject *args, void *wrapped, PyObject *kwds) noexcept;
PyObject *wrap_del(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *richcmp_lt(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *richcmp_le(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *richcmp_eq(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *richcmp_ne(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *richcmp_gt(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *richcmp_ge(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_next(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_descr_get(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_descr_set(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_descr_delete(PyObject *self, PyObject *args, void *wrapped) noexcept;
PyObject *wrap_init(PyObject *self, PyObject *args, void *wrapped, PyObject *kwds) noexcept;

// --- slot_*: the C slots of a class that defines the special method ---------------------------
PyObject *slot_tp_repr(PyObject *self) noexcept;
PyObject *slot_tp_str(PyObject *self) noexcept;
Py_hash_t slot_tp_hash(PyObject *self) noexcept;
PyObject *slot_tp_call(PyObject *self, PyObject *args, PyObject *kwds) noexcept;
PyObject *slot_tp_getattro(PyObject *self, PyObject *name) noexcept;
PyObject *slot_tp_getattr_hook(PyObject *self, PyObject *name) noexcept;
int slot_tp_setattro(PyObject *self, PyObject *name, PyObject *value) noexcept;
PyObject *slot_tp_richcompare(PyObject *self, PyObject *other, int op) noexcept;
PyObject *slot_tp_iter(PyObject *self) noexcept;
PyObject *slot_tp_iternext(PyObject *self) noexcept;
PyObject *slot_tp_descr_get(PyObject *self, PyObject *obj, PyObject *type) noexcept;
int slot_tp_descr_set(PyObject *self, PyObject *target, PyObject *value) noexcept;
int slot_tp_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept;
PyObject *slot_tp_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept;
void slot_tp_finalize(PyObject *self) noexcept;

PyObject *slot_nb_add(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_subtract(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_multiply(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_remainder(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_divmod(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_power(PyObject *self, PyObject *other, PyObject *modulus) noexcept;
PyObject *slot_nb_negative(PyObject *self) noexcept;
PyObject *slot_nb_positive(PyObject *self) noexcept;
PyObject *slot_nb_absolute(PyObject *self) noexcept;
int slot_nb_bool(PyObject *self) noexcept;
PyObject *slot_nb_invert(PyObject *self) noexcept;
PyObject *slot_nb_lshift(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_rshift(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_and(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_xor(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_or(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_int(PyObject *self) noexcept;
PyObject *slot_nb_float(PyObject *self) noexcept;
PyObject *slot_nb_index(PyObject *self) noexcept;
PyObject *slot_nb_floor_divide(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_true_divide(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_matrix_multiply(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_add(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_subtract(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_multiply(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_remainder(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_power(PyObject *self, PyObject *other, PyObject *modulus) noexcept;
PyObject *slot_nb_inplace_lshift(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_rshift(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_and(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_xor(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_or(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_floor_divide(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_true_divide(PyObject *self, PyObject *other) noexcept;
PyObject *slot_nb_inplace_matrix_multiply(PyObject *self, PyObject *other) noexcept;

Py_ssize_t slot_sq_length(PyObject *self) noexcept;  // also mp_length
PyObject *slot_sq_item(PyObject *self, Py_ssize_t index) noexcept;
int slot_sq_ass_item(PyObject *self, Py_ssize_t index, PyObject *value) noexcept;
int slot_sq_contains(PyObject *self, PyObject *value) noexcept;
PyObject *slot_mp_subscript(PyObject *self, PyObject *key) noexcept;
int slot_mp_ass_subscript(PyObject *self, PyObject *key, PyObject *value) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_TYPE_SLOT_FUNCTIONS_HPP
