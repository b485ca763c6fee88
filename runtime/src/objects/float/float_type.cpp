// The float type object: float() itself, the small methods, the attributes real and imag,
// and the table that gathers the slots defined in the other float_*.cpp files.
#include <cmath>
#include <cstring>

#include "args/method_args.hpp"
#include "objects/float/float_internal.hpp"
#include "objects/type/static_type.hpp"
#include "protocols/format_spec.hpp"

namespace {

using minipy::runtime::float_float;
using minipy::runtime::float_value;

// --- float() ------------------------------------------------------------------------------------

// float(x) for float itself: 0.0, a str parsed, or whatever PyNumber_Float makes of x
// (__float__, __index__, a bytes parsed).
PyObject *float_from_argument(PyObject *x) noexcept {
    if (x == nullptr) return PyFloat_FromDouble(0.0);
    if (PyUnicode_CheckExact(x)) return PyFloat_FromString(x);
    return PyNumber_Float(x);
}

// A subclass instance: the value as float(x) computes it, in an object from the subclass's
// tp_alloc.
PyObject *float_subtype_new(PyTypeObject *type, PyObject *x) noexcept {
    PyObject *value = float_from_argument(x);
    if (value == nullptr) return nullptr;
    PyObject *made = type->tp_alloc(type, 0);
    if (made != nullptr) reinterpret_cast<PyFloatObject *>(made)->ob_fval = float_value(value);
    Py_DECREF(value);
    return made;
}

PyObject *float_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    namespace args_ = minipy::runtime::args;
    if ((type == &PyFloat_Type || type->tp_init == PyFloat_Type.tp_init) &&
        !args_::no_keywords("float", kwds))
        return nullptr;
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (!args_::check_positional("float", nargs, 0, 1)) return nullptr;
    PyObject *x = nargs == 1 ? PyTuple_GET_ITEM(args, 0) : nullptr;
    if (type != &PyFloat_Type) return float_subtype_new(type, x);
    return float_from_argument(x);
}

// --- Methods ------------------------------------------------------------------------------------

PyObject *float_is_integer(PyObject *self, PyObject *) noexcept {
    const double x = float_value(self);
    return PyBool_FromLong(std::isfinite(x) && std::floor(x) == x);
}

PyObject *float_conjugate(PyObject *self, PyObject *) noexcept {
    return float_float(self);
}

PyObject *float_trunc_method(PyObject *self, PyObject *) noexcept {
    return minipy::runtime::float_trunc(self);
}

PyObject *float_getnewargs(PyObject *self, PyObject *) noexcept {
    PyObject *value = PyFloat_FromDouble(float_value(self));
    if (value == nullptr) return nullptr;
    PyObject *args = PyTuple_Pack(1, value);
    Py_DECREF(value);
    return args;
}

// float.__getformat__('double' | 'float'): the storage format, always IEEE here.
PyObject *float_getformat(PyObject *, PyObject *typestr) noexcept {
    const char *name = nullptr;
    if (!minipy::runtime::args::str_argument("__getformat__", "argument", typestr, &name))
        return nullptr;
    if (std::strcmp(name, "double") != 0 && std::strcmp(name, "float") != 0) {
        PyErr_SetString(PyExc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
        return nullptr;
    }
    const unsigned probe = 1;
    const bool little = *reinterpret_cast<const unsigned char *>(&probe) == 1;
    return PyUnicode_FromString(little ? "IEEE, little-endian" : "IEEE, big-endian");
}

PyMethodDef float_methods[] = {
    {"__format__", minipy::runtime::float_format_method, METH_O,
     "Formats the float according to format_spec."},
    {"conjugate", float_conjugate, METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc_method, METH_NOARGS,
     "Return the Integral closest to x between 0 and x."},
    {"__floor__", minipy::runtime::float_floor, METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", minipy::runtime::float_ceil, METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", _PyCFunction_CAST(minipy::runtime::float_round), METH_FASTCALL,
     "Return the Integral closest to x, rounding half toward even.\n\n"
     "When an argument is passed, work like built-in round(x, ndigits)."},
    {"as_integer_ratio", minipy::runtime::float_as_integer_ratio, METH_NOARGS,
     "Return integer ratio.\n\n"
     "Return a pair of integers, whose ratio is exactly equal to the original float\n"
     "and with a positive denominator.\n\n"
     "Raise OverflowError on infinities and a ValueError on NaNs."},
    {"fromhex", minipy::runtime::float_fromhex, METH_O | METH_CLASS,
     "Create a floating-point number from a hexadecimal string."},
    {"hex", minipy::runtime::float_hex, METH_NOARGS,
     "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", float_is_integer, METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", float_getnewargs, METH_NOARGS, nullptr},
    {"__getformat__", float_getformat, METH_O | METH_CLASS,
     "You probably don't want to use this function.\n\n"
     "It exists mainly to be used in Python's test suite."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject *float_get_real(PyObject *self, void *) noexcept {
    return float_float(self);
}

PyObject *float_get_imag(PyObject *, void *) noexcept {
    return PyFloat_FromDouble(0.0);
}

PyGetSetDef float_getset[] = {
    {"real", float_get_real, nullptr, "the real part of a complex number", nullptr},
    {"imag", float_get_imag, nullptr, "the imaginary part of a complex number", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

extern "C" {

PyTypeObject PyFloat_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "float",
    .tp_basicsize = sizeof(PyFloatObject),
    .tp_dealloc = minipy::runtime::float_dealloc,
    .tp_repr = minipy::runtime::float_repr,
    .tp_as_number = &minipy::runtime::float_as_number,
    .tp_hash = minipy::runtime::float_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Convert a string or number to a floating point number, if possible.",
    .tp_richcompare = minipy::runtime::float_richcompare,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_new = float_new,
    .tp_free = PyObject_Free,
};

}  // extern "C"
