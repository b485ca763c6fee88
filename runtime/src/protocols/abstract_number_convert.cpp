// The number protocol's conversions: PyNumber_Index (operator.index), PyNumber_AsSsize_t,
// PyNumber_Long (int(x)) and PyNumber_Float (float(x)), following CPython 3.11's
// Objects/abstract.c. Parsing text is the int and float types' business
// (PyLong_FromUnicodeObject, PyLong_FromString, PyFloat_FromString); this file only decides
// which route an object takes:
//   int(x):   exact int -> itself; nb_int; nb_index; str; bytes; else TypeError.
//   float(x): exact float -> itself; nb_float; nb_index; a float subclass; else the float
//             type's string parser, which also words the TypeError.
// Results of __int__ / __index__ / __float__ that are subclasses of the expected type are
// turned into the exact type (CPython also warns about them; minipy has no warnings yet).
#include <cstring>

#include "protocols/abstract_internal.hpp"

namespace minipy::runtime {

PyObject *number_index(PyObject *item) noexcept {
    if (item == nullptr) return null_argument_error();
    if (PyLong_Check(item)) return Py_NewRef(item);
    if (!PyIndex_Check(item)) {
        return type_name_error("'%.200s' object cannot be interpreted as an integer", item);
    }
    PyObject *result = Py_TYPE(item)->tp_as_number->nb_index(item);
    if (result == nullptr || PyLong_CheckExact(result)) return result;
    if (!PyLong_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__index__ returned non-int (type %.200s)",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

namespace {

// An exact int equal to `value`, an int subclass instance (a bool, say). int's unary plus
// always answers an exact int, so it is the copy. Steals `value`.
PyObject *as_exact_int(PyObject *value) noexcept {
    if (value == nullptr || PyLong_CheckExact(value)) return value;
    PyObject *exact = PyLong_Type.tp_as_number->nb_positive(value);
    Py_DECREF(value);
    return exact;
}

}  // namespace
}  // namespace minipy::runtime

using minipy::runtime::null_argument_error;
using minipy::runtime::number_index;

extern "C" PyObject *PyNumber_Index(PyObject *item) noexcept {
    return minipy::runtime::as_exact_int(number_index(item));
}

extern "C" Py_ssize_t PyNumber_AsSsize_t(PyObject *item, PyObject *exc) noexcept {
    PyObject *value = number_index(item);
    if (value == nullptr) return -1;
    Py_ssize_t result = PyLong_AsSsize_t(value);
    if (result == -1 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
            Py_DECREF(value);
            return -1;
        }
        PyErr_Clear();
        if (exc != nullptr) {
            PyErr_Format(exc, "cannot fit '%.200s' into an index-sized integer",
                         Py_TYPE(item)->tp_name);
        } else {
            // Clamped to the end of the range on the value's side.
            PyObject *zero = PyLong_FromLong(0);
            const int negative =
                zero != nullptr ? PyObject_RichCompareBool(value, zero, Py_LT) : -1;
            Py_XDECREF(zero);
            result = negative < 0 ? -1 : negative ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
        }
    }
    Py_DECREF(value);
    return result;
}

extern "C" PyObject *PyNumber_Long(PyObject *o) noexcept {
    if (o == nullptr) return null_argument_error();
    if (PyLong_CheckExact(o)) return Py_NewRef(o);
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    if (nb != nullptr && nb->nb_int != nullptr) {
        PyObject *result = nb->nb_int(o);
        if (result == nullptr || PyLong_CheckExact(result)) return result;
        if (!PyLong_Check(result)) {
            PyErr_Format(PyExc_TypeError, "__int__ returned non-int (type %.200s)",
                         Py_TYPE(result)->tp_name);
            Py_DECREF(result);
            return nullptr;
        }
        return minipy::runtime::as_exact_int(result);
    }
    if (nb != nullptr && nb->nb_index != nullptr) return PyNumber_Index(o);
    if (PyUnicode_Check(o)) return PyLong_FromUnicodeObject(o, 10);
    if (PyBytes_Check(o)) return _PyLong_FromBytes(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o), 10);
    return minipy::runtime::type_name_error(
        "int() argument must be a string, a bytes-like object or a real number, not '%.200s'", o);
}

extern "C" PyObject *PyNumber_Float(PyObject *o) noexcept {
    if (o == nullptr) return null_argument_error();
    if (PyFloat_CheckExact(o)) return Py_NewRef(o);
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    if (nb != nullptr && nb->nb_float != nullptr) {
        PyObject *result = nb->nb_float(o);
        if (result == nullptr || PyFloat_CheckExact(result)) return result;
        if (!PyFloat_Check(result)) {
            PyErr_Format(PyExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                         Py_TYPE(o)->tp_name, Py_TYPE(result)->tp_name);
            Py_DECREF(result);
            return nullptr;
        }
        const double value = PyFloat_AsDouble(result);
        Py_DECREF(result);
        return PyFloat_FromDouble(value);
    }
    if (nb != nullptr && nb->nb_index != nullptr) {
        PyObject *index = number_index(o);
        if (index == nullptr) return nullptr;
        const double value = PyLong_AsDouble(index);
        Py_DECREF(index);
        if (value == -1.0 && PyErr_Occurred()) return nullptr;
        return PyFloat_FromDouble(value);
    }
    // A float subclass that took nb_float away still holds a double.
    if (PyFloat_Check(o)) return PyFloat_FromDouble(PyFloat_AsDouble(o));
    return PyFloat_FromString(o);
}
