// bool: the int subclass whose only instances are the static False (0) and True (1).
//
// Everything numeric is int's (inherited slots): True + True == 2. Only &, | and ^ keep the
// type when both operands are bools, as in CPython; repr and str spell the names.
#include "args/method_args.hpp"
#include "minipy/dictobject.h"
#include "minipy/pyerrors.h"
#include "minipy/pylifecycle.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/int/int_internal.hpp"
#include "objects/type/static_type.hpp"

namespace minipy::runtime {
namespace {

PyObject *bool_repr(PyObject *self) noexcept {
    return PyUnicode_FromString(self == Py_True ? "True" : "False");
}

PyObject *bool_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (type != &PyBool_Type) {
        PyErr_Format(PyExc_TypeError, "bool.__new__(%.200s): %.200s is not a subtype of bool",
                     type->tp_name, type->tp_name);
        return nullptr;
    }
    if (!args::no_keywords("bool", kwds)) return nullptr;
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (!args::check_positional("bool", nargs, 0, 1)) return nullptr;
    if (nargs == 0) Py_RETURN_FALSE;
    const int truth = PyObject_IsTrue(PyTuple_GET_ITEM(args, 0));
    if (truth < 0) return nullptr;
    return PyBool_FromLong(truth);
}

// &, |, ^: a bool for two bools, int's answer otherwise.
PyObject *bool_and(PyObject *a, PyObject *b) noexcept {
    if (PyBool_Check(a) && PyBool_Check(b)) return PyBool_FromLong(a == Py_True && b == Py_True);
    return long_and(a, b);
}
PyObject *bool_or(PyObject *a, PyObject *b) noexcept {
    if (PyBool_Check(a) && PyBool_Check(b)) return PyBool_FromLong(a == Py_True || b == Py_True);
    return long_or(a, b);
}
PyObject *bool_xor(PyObject *a, PyObject *b) noexcept {
    if (PyBool_Check(a) && PyBool_Check(b))
        return PyBool_FromLong((a == Py_True) != (b == Py_True));
    return long_xor(a, b);
}

void bool_dealloc(PyObject *) noexcept {
    Py_FatalError("deallocating True or False (a reference was dropped twice)");
}

PyNumberMethods bool_as_number = {
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyBool_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "bool",
    .tp_basicsize = offsetof(PyLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_as_number = &bool_as_number,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "bool(x) -> bool",
    .tp_base = &PyLong_Type,
    .tp_new = bool_new,
};

// Static, and owned by the runtime for its whole life (the count starts at the table's one).
PyLongObject _Py_FalseStruct = {{{1, &PyBool_Type}, 0}, {0}};
PyLongObject _Py_TrueStruct = {{{1, &PyBool_Type}, 1}, {1}};

PyObject *PyBool_FromLong(long v) noexcept {
    return Py_NewRef(v != 0 ? Py_True : Py_False);
}

}  // extern "C"
