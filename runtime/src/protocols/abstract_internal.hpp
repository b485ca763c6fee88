// Helpers shared by the abstract object layer's files (abstract_*.cpp, call.cpp). Internal to
// runtime/: nothing here is exported.
//
// The number dispatch (binary_op1 and its in-place twin) lives in abstract_number.cpp and is
// declared here because the sequence protocol falls back on it, as CPython's does: a
// PySequence_Concat of two sequences without sq_concat tries nb_add.
#ifndef MINIPY_ABSTRACT_INTERNAL_HPP
#define MINIPY_ABSTRACT_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

// One binary slot of PyNumberMethods, named by a pointer to member (what CPython's
// NB_SLOT offsets express).
using NumberSlot = binaryfunc PyNumberMethods::*;

// SystemError "null argument to internal routine", unless an exception is already set (the
// NULL was then most likely the result of a call that failed, and its error is the one to
// report). Returns NULL.
PyObject *null_argument_error() noexcept;

// TypeError with `format` holding one %.200s, filled with the type name of `obj`. Returns NULL.
PyObject *type_name_error(const char *format, PyObject *obj) noexcept;

// The heart of binary operators: left slot, right slot, subclass first. Returns a new
// reference, NULL with an exception, or a new reference to Py_NotImplemented when neither
// operand handles the operation.
PyObject *binary_op1(PyObject *v, PyObject *w, NumberSlot slot) noexcept;

// The left operand's in-place slot, then binary_op1 with the plain slot. Same results.
PyObject *binary_iop1(PyObject *v, PyObject *w, NumberSlot inplace_slot, NumberSlot slot) noexcept;

// PyNumber_Index without the conversion of an int subclass to an exact int (the result may
// be a bool, say). New reference or NULL.
PyObject *number_index(PyObject *item) noexcept;

// `ob in seq` by iterating and comparing (what a class without __contains__ gets, as
// CPython's _PySequence_IterSearch): 1, 0, or -1 with an exception.
int sequence_iter_contains(PyObject *seq, PyObject *ob) noexcept;

// The TypeError of PyObject_Call & co. for an object without tp_call.
PyObject *not_callable_error(PyObject *callable) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_ABSTRACT_INTERNAL_HPP
