// int: the type object, int() (tp_new), the methods and attributes, and the part's
// start-up and shutdown steps.
//
// int(x) goes through PyNumber_Long (abstract.h), as CPython's does; int(x, base) parses a
// str or bytes only. Calling a subclass of int makes the int first and then copies its
// digits into an instance of the subclass (tp_alloc), since an int's size is only known once
// it is made.
#include <cstring>

#include "args/method_args.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/abstract.h"
#include "minipy/bytesobject.h"
#include "minipy/dictobject.h"
#include "minipy/methodobject.h"
#include "minipy/pyerrors.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/int/int_internal.hpp"
#include "objects/type/static_type.hpp"
#include "protocols/format_spec.hpp"

namespace minipy::runtime {
namespace {

// int(x, base) once the arguments are known; x may be null (int() or int(base=...)).
PyObject *long_from_arguments(PyObject *x, PyObject *base_object) noexcept {
    if (x == nullptr) {
        if (base_object != nullptr) {
            PyErr_SetString(PyExc_TypeError, "int() missing string argument");
            return nullptr;
        }
        return Py_NewRef(long_small_int(0));
    }
    if (base_object == nullptr) return PyNumber_Long(x);
    const Py_ssize_t base = PyNumber_AsSsize_t(base_object, nullptr);
    if (base == -1 && PyErr_Occurred()) return nullptr;
    if ((base != 0 && base < 2) || base > 36) {
        PyErr_SetString(PyExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return nullptr;
    }
    if (PyUnicode_Check(x)) return PyLong_FromUnicodeObject(x, static_cast<int>(base));
    if (PyBytes_Check(x))
        return _PyLong_FromBytes(PyBytes_AS_STRING(x), PyBytes_GET_SIZE(x), static_cast<int>(base));
    PyErr_SetString(PyExc_TypeError, "int() can't convert non-string with explicit base");
    return nullptr;
}

// An instance of the int subclass `type` with the value of the int `value`.
PyObject *long_subtype_copy(PyTypeObject *type, PyObject *value) noexcept {
    const Py_ssize_t n = long_ndigits(value);
    PyObject *result = type->tp_alloc(type, n);
    if (result == nullptr) return nullptr;
    Py_SET_SIZE(result, Py_SIZE(value));
    if (n > 0)
        std::memcpy(long_digits(result), long_digits(value),
                    sizeof(digit) * static_cast<std::size_t>(n));
    return result;
}

// tp_new: int(x=0, /, base=10).
PyObject *long_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (type == &PyBool_Type) {
        PyErr_SetString(PyExc_TypeError, "int.__new__(bool) is not safe, use bool.__new__()");
        return nullptr;
    }
    static constexpr const char *kKeywords[] = {"", "base", nullptr};
    static constexpr args::KeywordParser kParser{"int", kKeywords, 0, 2};
    PyObject *given[2];
    if (!args::unpack_keywords(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwds, nullptr,
                               kParser, given))
        return nullptr;
    PyObject *result = long_from_arguments(given[0], given[1]);
    if (result == nullptr || type == &PyLong_Type) return result;
    PyObject *instance = long_subtype_copy(type, result);
    Py_DECREF(result);
    return instance;
}

// --- Methods ------------------------------------------------------------------------------

PyObject *int_conjugate(PyObject *self, PyObject *) noexcept {
    return long_exact(self);
}

PyObject *int_bit_length(PyObject *self, PyObject *) noexcept {
    return PyLong_FromSize_t(long_bit_length(self));
}

PyObject *int_bit_count(PyObject *self, PyObject *) noexcept {
    return PyLong_FromSize_t(long_bit_count(self));
}

PyObject *int_as_integer_ratio(PyObject *self, PyObject *) noexcept {
    PyObject *numerator = long_exact(self);
    if (numerator == nullptr) return nullptr;
    PyObject *pair = PyTuple_Pack(2, numerator, long_small_int(1));
    Py_DECREF(numerator);
    return pair;
}

PyObject *int_getnewargs(PyObject *self, PyObject *) noexcept {
    PyObject *value = long_exact(self);
    if (value == nullptr) return nullptr;
    PyObject *args = PyTuple_Pack(1, value);
    Py_DECREF(value);
    return args;
}

PyObject *int_sizeof(PyObject *self, PyObject *) noexcept {
    const Py_ssize_t n = long_ndigits(self);
    return PyLong_FromSsize_t(static_cast<Py_ssize_t>(offsetof(PyLongObject, ob_digit)) +
                              static_cast<Py_ssize_t>(sizeof(digit)) * (n > 0 ? n : 1));
}

// __round__(ndigits=<none>, /): without ndigits (None is not "without") the int itself;
// ndigits >= 0 leaves it alone; a negative one rounds to a multiple of 10**-ndigits, ties to
// even (CPython's int___round___impl).
PyObject *int_round(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("__round__", nargs, 0, 1)) return nullptr;
    if (nargs == 0) return long_exact(self);
    PyObject *ndigits = PyNumber_Index(args[0]);
    if (ndigits == nullptr) return nullptr;
    if (!long_is_negative(ndigits)) {
        Py_DECREF(ndigits);
        return long_exact(self);
    }
    // scale = 10 ** -ndigits; result = self - (self mod-nearest scale).
    PyObject *ten = PyLong_FromLong(10);
    PyObject *exponent = ten != nullptr ? long_negate(ndigits) : nullptr;
    Py_DECREF(ndigits);
    PyObject *scale = exponent != nullptr ? long_pow(ten, exponent, Py_None) : nullptr;
    Py_XDECREF(ten);
    Py_XDECREF(exponent);
    if (scale == nullptr) return nullptr;
    PyObject *pair = _PyLong_DivmodNear(self, scale);
    if (pair == nullptr) {
        Py_DECREF(scale);
        return nullptr;
    }
    PyObject *result = long_sub_values(self, PyTuple_GET_ITEM(pair, 1));
    Py_DECREF(pair);
    Py_DECREF(scale);
    return result;
}

PyMethodDef long_methods[] = {
    {"__format__", minipy::runtime::long_format_method, METH_O, nullptr},
    {"conjugate", int_conjugate, METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length, METH_NOARGS,
     "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, METH_NOARGS,
     "Number of ones in the binary representation of abs(self)."},
    {"to_bytes", _PyCFunction_CAST(long_to_bytes), METH_FASTCALL | METH_KEYWORDS,
     "Return an array of bytes representing an integer."},
    {"from_bytes", _PyCFunction_CAST(long_from_bytes), METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio, METH_NOARGS, "Return integer ratio."},
    {"__trunc__", int_conjugate, METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", int_conjugate, METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", int_conjugate, METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", _PyCFunction_CAST(int_round), METH_FASTCALL,
     "Rounding an Integral returns itself."},
    {"__getnewargs__", int_getnewargs, METH_NOARGS, nullptr},
    {"__sizeof__", int_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject *int_get_self(PyObject *self, void *) noexcept {
    return long_exact(self);
}
PyObject *int_get_zero(PyObject *, void *) noexcept {
    return Py_NewRef(long_small_int(0));
}
PyObject *int_get_one(PyObject *, void *) noexcept {
    return Py_NewRef(long_small_int(1));
}

PyGetSetDef long_getset[] = {
    {"real", int_get_self, nullptr, "the real part of a complex number", nullptr},
    {"imag", int_get_zero, nullptr, "the imaginary part of a complex number", nullptr},
    {"numerator", int_get_self, nullptr, "the numerator of a rational number in lowest terms",
     nullptr},
    {"denominator", int_get_one, nullptr, "the denominator of a rational number in lowest terms",
     nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyNumberMethods long_as_number = {
    .nb_add = long_add,
    .nb_subtract = long_sub,
    .nb_multiply = long_mul,
    .nb_remainder = long_mod,
    .nb_divmod = long_divmod,
    .nb_power = long_pow,
    .nb_negative = long_neg,
    .nb_positive = long_pos,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_invert = long_invert,
    .nb_lshift = long_lshift,
    .nb_rshift = long_rshift,
    .nb_and = long_and,
    .nb_xor = long_xor,
    .nb_or = long_or,
    .nb_int = long_pos,
    .nb_reserved = nullptr,
    .nb_float = long_float,
    .nb_floor_divide = long_floor_div,
    .nb_true_divide = long_true_divide,
    .nb_index = long_pos,
};

}  // namespace

int long_init() noexcept {
    if (PyType_Ready(&PyLong_Type) < 0) return -1;
    return PyType_Ready(&PyBool_Type);
}

// Nothing to release: the small ints and the bools are static, and int keeps no free list.
void long_fini() noexcept {}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyLong_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "int",
    .tp_basicsize = offsetof(PyLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr,
    .tp_as_number = &long_as_number,
    .tp_hash = long_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "int([x]) -> integer\nint(x, base=10) -> integer",
    .tp_richcompare = long_richcompare,
    .tp_methods = long_methods,
    .tp_getset = long_getset,
    .tp_new = long_new,
    .tp_free = PyObject_Free,
};

}  // extern "C"
