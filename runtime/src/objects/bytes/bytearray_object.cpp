// bytearray's storage and C API (PyByteArray_*): the buffer's growth policy (CPython 3.11's
// PyByteArray_Resize, so __alloc__ and sys.getsizeof agree with CPython) and the replacement
// of a slice that slice assignment, deletion, extend and insert share. The type's slots are
// bytearray_type.cpp's, its methods bytearray_methods.cpp's.
#include <cstring>

#include "minipy/Python.h"
#include "objects/bytes/bytes_internal.hpp"

extern "C" {
char _PyByteArray_empty_string[] = "";
}

namespace minipy::runtime {

namespace {

PyByteArrayObject *as_bytearray(PyObject *op) noexcept {
    return reinterpret_cast<PyByteArrayObject *>(op);
}

// CPython's _getbytevalue: an int (by __index__) in range(256).
bool byte_value(PyObject *arg, int *value) noexcept {
    int overflow = 0;
    const long v = PyLong_AsLongAndOverflow(arg, &overflow);
    if (v == -1 && PyErr_Occurred()) return false;
    if (overflow != 0 || v < 0 || v >= 256) {
        PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
        return false;
    }
    *value = static_cast<int>(v);
    return true;
}

}  // namespace

bool bytearray_byte_value(PyObject *arg, int *value) noexcept {
    return byte_value(arg, value);
}

bool bytes_like_data(PyObject *arg, const char **data, Py_ssize_t *size) noexcept {
    if (PyBytes_Check(arg)) {
        *data = PyBytes_AS_STRING(arg);
        *size = PyBytes_GET_SIZE(arg);
        return true;
    }
    if (PyByteArray_Check(arg)) {
        *data = PyByteArray_AS_STRING(arg);
        *size = PyByteArray_GET_SIZE(arg);
        return true;
    }
    return false;
}

// Replaces self[lo:hi] with bytes[0:bytes_len] (CPython's bytearray_setslice_linear): a
// deletion at the front moves the logical start instead of the data.
int bytearray_setslice_linear(PyObject *self, Py_ssize_t lo, Py_ssize_t hi, const char *bytes,
                              Py_ssize_t bytes_len) noexcept {
    PyByteArrayObject *obj = as_bytearray(self);
    const Py_ssize_t growth = bytes_len - (hi - lo);
    char *buf = PyByteArray_AS_STRING(self);
    if (growth < 0) {
        if (lo == 0)
            obj->ob_start -= growth;
        else
            std::memmove(buf + lo + bytes_len, buf + hi, static_cast<size_t>(Py_SIZE(self) - hi));
        if (PyByteArray_Resize(self, Py_SIZE(self) + growth) < 0) {
            if (lo == 0) {
                obj->ob_start += growth;
                return -1;
            }
            Py_SET_SIZE(self, Py_SIZE(self) + growth);
            return -1;
        }
        buf = PyByteArray_AS_STRING(self);
    } else if (growth > 0) {
        if (Py_SIZE(self) > PY_SSIZE_T_MAX - growth) {
            PyErr_NoMemory();
            return -1;
        }
        if (PyByteArray_Resize(self, Py_SIZE(self) + growth) < 0) return -1;
        buf = PyByteArray_AS_STRING(self);
        std::memmove(buf + lo + bytes_len, buf + hi,
                     static_cast<size_t>(Py_SIZE(self) - lo - bytes_len));
    }
    if (bytes_len > 0) std::memcpy(buf + lo, bytes, static_cast<size_t>(bytes_len));
    return 0;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyObject *PyByteArray_FromStringAndSize(const char *v, Py_ssize_t size) noexcept {
    if (size < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
        return nullptr;
    }
    if (size == PY_SSIZE_T_MAX) return PyErr_NoMemory();
    PyByteArrayObject *obj = PyObject_New(PyByteArrayObject, &PyByteArray_Type);
    if (obj == nullptr) return nullptr;
    obj->ob_bytes = nullptr;
    obj->ob_alloc = 0;
    if (size > 0) {
        obj->ob_bytes = static_cast<char *>(PyObject_Malloc(static_cast<size_t>(size) + 1));
        if (obj->ob_bytes == nullptr) {
            Py_DECREF(obj);
            return PyErr_NoMemory();
        }
        if (v != nullptr) std::memcpy(obj->ob_bytes, v, static_cast<size_t>(size));
        obj->ob_bytes[size] = '\0';
        obj->ob_alloc = size + 1;
    }
    Py_SET_SIZE(obj, size);
    obj->ob_start = obj->ob_bytes;
    obj->ob_exports = 0;
    return reinterpret_cast<PyObject *>(obj);
}

PyObject *PyByteArray_FromObject(PyObject *o) noexcept {
    return PyObject_CallOneArg(reinterpret_cast<PyObject *>(&PyByteArray_Type), o);
}

PyObject *PyByteArray_Concat(PyObject *a, PyObject *b) noexcept {
    const char *da = nullptr, *db = nullptr;
    Py_ssize_t na = 0, nb = 0;
    if (!bytes_like_data(a, &da, &na) || !bytes_like_data(b, &db, &nb)) {
        PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name,
                     Py_TYPE(a)->tp_name);
        return nullptr;
    }
    if (na > PY_SSIZE_T_MAX - nb) return PyErr_NoMemory();
    PyObject *result = PyByteArray_FromStringAndSize(nullptr, na + nb);
    if (result == nullptr || na + nb == 0) return result;
    char *out = PyByteArray_AS_STRING(result);
    if (na > 0) std::memcpy(out, da, static_cast<size_t>(na));
    if (nb > 0) std::memcpy(out + na, db, static_cast<size_t>(nb));
    return result;
}

Py_ssize_t PyByteArray_Size(PyObject *o) noexcept {
    if (o == nullptr || !PyByteArray_Check(o)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return Py_SIZE(o);
}

char *PyByteArray_AsString(PyObject *o) noexcept {
    if (o == nullptr || !PyByteArray_Check(o)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return PyByteArray_AS_STRING(o);
}

int PyByteArray_Resize(PyObject *self, Py_ssize_t requested_size) noexcept {
    if (self == nullptr || !PyByteArray_Check(self) || requested_size < 0) {
        PyErr_BadInternalCall();
        return -1;
    }
    PyByteArrayObject *obj = as_bytearray(self);
    auto alloc = static_cast<size_t>(obj->ob_alloc);
    const auto logical_offset = static_cast<size_t>(obj->ob_start - obj->ob_bytes);
    const auto size = static_cast<size_t>(requested_size);
    if (requested_size == Py_SIZE(self)) return 0;
    if (size + logical_offset + 1 <= alloc) {
        if (size < alloc / 2) {
            alloc = size + 1;  // a large shrink: down to the exact size
        } else {
            Py_SET_SIZE(self, requested_size);  // a small one: keep the buffer
            PyByteArray_AS_STRING(self)[size] = '\0';
            return 0;
        }
    } else if (static_cast<double>(size) <= static_cast<double>(alloc) * 1.125) {
        alloc = size + (size >> 3) + (size < 9 ? 3 : 6);  // a moderate growth: over-allocate
    } else {
        alloc = size + 1;  // a large one: the exact size
    }
    if (alloc > static_cast<size_t>(PY_SSIZE_T_MAX)) {
        PyErr_NoMemory();
        return -1;
    }
    char *buffer = nullptr;
    if (logical_offset > 0) {
        buffer = static_cast<char *>(PyObject_Malloc(alloc));
        if (buffer == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
        const Py_ssize_t keep = requested_size < Py_SIZE(self) ? requested_size : Py_SIZE(self);
        std::memcpy(buffer, PyByteArray_AS_STRING(self), static_cast<size_t>(keep));
        PyObject_Free(obj->ob_bytes);
    } else {
        buffer = static_cast<char *>(PyObject_Realloc(obj->ob_bytes, alloc));
        if (buffer == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
    }
    obj->ob_bytes = obj->ob_start = buffer;
    Py_SET_SIZE(self, requested_size);
    obj->ob_alloc = static_cast<Py_ssize_t>(alloc);
    obj->ob_bytes[size] = '\0';
    return 0;
}

}  // extern "C"
