// PyMember_GetOne / PyMember_SetOne: a C field of an object read and written as a Python
// value, by the T_* type code of its PyMemberDef (CPython 3.11's Python/structmember.c).
//
// Reading: numbers become int / float / bool, T_STRING a str (None for NULL), T_OBJECT the
// object (None for NULL), T_OBJECT_EX the object or AttributeError "'T' object has no
// attribute 'x'" (how an unset __slots__ entry reads).
// Writing: READONLY -> AttributeError "readonly attribute"; deleting anything but an object
// field -> TypeError "can't delete numeric/char attribute"; deleting an unset T_OBJECT_EX ->
// AttributeError with the bare name; numbers are converted as int() / float() would accept
// them and stored truncated to the field's width (CPython also warns about the truncation;
// minipy has no warnings module and stays silent).
#include <climits>
#include <cstring>

#include "minipy/structmember.h"
#include "objects/type/type_internal.hpp"

namespace {

template <typename T>
T &field(char *addr) noexcept {
    return *reinterpret_cast<T *>(addr);
}
template <typename T>
T field(const char *addr) noexcept {
    T value;
    // T is the member's C type, a pointer for T_OBJECT and T_STRING members.
    std::memcpy(&value, addr, sizeof(T));  // NOLINT(bugprone-sizeof-expression)
    return value;
}

// A long from v, or -1 with an exception (PyLong_AsLong accepts anything with __index__).
bool to_long(PyObject *v, long *out) noexcept {
    *out = PyLong_AsLong(v);
    return !(*out == -1 && PyErr_Occurred());
}

// An unsigned long: negative values are accepted and wrap, as CPython does for T_ULONG.
bool to_ulong(PyObject *v, unsigned long *out) noexcept {
    *out = PyLong_AsUnsignedLong(v);
    if (*out != static_cast<unsigned long>(-1) || !PyErr_Occurred()) return true;
    PyErr_Clear();
    long signed_value;
    if (!to_long(v, &signed_value)) return false;
    *out = static_cast<unsigned long>(signed_value);
    return true;
}

}  // namespace

extern "C" PyObject *PyMember_GetOne(const char *obj_addr, PyMemberDef *m) noexcept {
    const char *addr = obj_addr + m->offset;
    switch (m->type) {
    case T_BOOL: return PyBool_FromLong(field<char>(addr));
    case T_BYTE: return PyLong_FromLong(field<signed char>(addr));
    case T_UBYTE: return PyLong_FromLong(field<unsigned char>(addr));
    case T_SHORT: return PyLong_FromLong(field<short>(addr));
    case T_USHORT: return PyLong_FromLong(field<unsigned short>(addr));
    case T_INT: return PyLong_FromLong(field<int>(addr));
    case T_UINT: return PyLong_FromUnsignedLong(field<unsigned int>(addr));
    case T_LONG: return PyLong_FromLong(field<long>(addr));
    case T_ULONG: return PyLong_FromUnsignedLong(field<unsigned long>(addr));
    case T_PYSSIZET: return PyLong_FromSsize_t(field<Py_ssize_t>(addr));
    case T_FLOAT: return PyFloat_FromDouble(field<float>(addr));
    case T_DOUBLE: return PyFloat_FromDouble(field<double>(addr));
    case T_STRING: {
        const char *text = field<const char *>(addr);
        if (text == nullptr) Py_RETURN_NONE;
        return PyUnicode_FromString(text);
    }
    case T_STRING_INPLACE: return PyUnicode_FromString(addr);
    case T_CHAR: return PyUnicode_FromStringAndSize(addr, 1);
    case T_OBJECT: {
        PyObject *value = field<PyObject *>(addr);
        return Py_NewRef(value != nullptr ? value : Py_None);
    }
    case T_OBJECT_EX: {
        PyObject *value = field<PyObject *>(addr);
        if (value == nullptr) {
            auto *obj = reinterpret_cast<PyObject *>(const_cast<char *>(obj_addr));
            PyErr_Format(PyExc_AttributeError, "'%.200s' object has no attribute '%s'",
                         Py_TYPE(obj)->tp_name, m->name);
            return nullptr;
        }
        return Py_NewRef(value);
    }
    case T_LONGLONG: return PyLong_FromLongLong(field<long long>(addr));
    case T_ULONGLONG: return PyLong_FromUnsignedLongLong(field<unsigned long long>(addr));
    case T_NONE: Py_RETURN_NONE;
    default: PyErr_SetString(PyExc_SystemError, "bad memberdescr type"); return nullptr;
    }
}

extern "C" int PyMember_SetOne(char *obj_addr, PyMemberDef *m, PyObject *v) noexcept {
    char *addr = obj_addr + m->offset;
    if (m->flags & READONLY) {
        PyErr_SetString(PyExc_AttributeError, "readonly attribute");
        return -1;
    }
    if (v == nullptr) {
        if (m->type == T_OBJECT_EX) {
            if (field<PyObject *>(addr) == nullptr) {
                PyErr_SetString(PyExc_AttributeError, m->name);
                return -1;
            }
        } else if (m->type != T_OBJECT) {
            PyErr_SetString(PyExc_TypeError, "can't delete numeric/char attribute");
            return -1;
        }
    }
    long value = 0;
    unsigned long uvalue = 0;
    switch (m->type) {
    case T_BOOL:
        if (!PyBool_Check(v)) {
            PyErr_SetString(PyExc_TypeError, "attribute value type must be bool");
            return -1;
        }
        field<char>(addr) = v == Py_True ? 1 : 0;
        return 0;
    case T_BYTE:
        if (!to_long(v, &value)) return -1;
        field<char>(addr) = static_cast<char>(value);
        return 0;
    case T_UBYTE:
        if (!to_long(v, &value)) return -1;
        field<unsigned char>(addr) = static_cast<unsigned char>(value);
        return 0;
    case T_SHORT:
        if (!to_long(v, &value)) return -1;
        field<short>(addr) = static_cast<short>(value);
        return 0;
    case T_USHORT:
        if (!to_long(v, &value)) return -1;
        field<unsigned short>(addr) = static_cast<unsigned short>(value);
        return 0;
    case T_INT:
        if (!to_long(v, &value)) return -1;
        field<int>(addr) = static_cast<int>(value);
        return 0;
    case T_UINT:
        if (!to_ulong(v, &uvalue)) return -1;
        field<unsigned int>(addr) = static_cast<unsigned int>(uvalue);
        return 0;
    case T_LONG:
        if (!to_long(v, &value)) return -1;
        field<long>(addr) = value;
        return 0;
    case T_ULONG:
        if (!to_ulong(v, &uvalue)) return -1;
        field<unsigned long>(addr) = uvalue;
        return 0;
    case T_PYSSIZET: {
        const Py_ssize_t n = PyLong_AsSsize_t(v);
        if (n == -1 && PyErr_Occurred()) return -1;
        field<Py_ssize_t>(addr) = n;
        return 0;
    }
    case T_FLOAT: {
        const double d = PyFloat_AsDouble(v);
        if (d == -1 && PyErr_Occurred()) return -1;
        field<float>(addr) = static_cast<float>(d);
        return 0;
    }
    case T_DOUBLE: {
        const double d = PyFloat_AsDouble(v);
        if (d == -1 && PyErr_Occurred()) return -1;
        field<double>(addr) = d;
        return 0;
    }
    case T_OBJECT:
    case T_OBJECT_EX: {
        PyObject *old = field<PyObject *>(addr);
        field<PyObject *>(addr) = Py_XNewRef(v);
        Py_XDECREF(old);
        return 0;
    }
    case T_CHAR: {
        Py_ssize_t length = 0;
        const char *text = PyUnicode_Check(v) ? PyUnicode_AsUTF8AndSize(v, &length) : nullptr;
        if (text == nullptr || length != 1) {
            if (!PyErr_Occurred()) PyErr_BadArgument();
            return -1;
        }
        field<char>(addr) = text[0];
        return 0;
    }
    case T_STRING:
    case T_STRING_INPLACE: PyErr_SetString(PyExc_TypeError, "readonly attribute"); return -1;
    case T_LONGLONG: {
        const long long n = PyLong_AsLongLong(v);
        if (n == -1 && PyErr_Occurred()) return -1;
        field<long long>(addr) = n;
        return 0;
    }
    case T_ULONGLONG: {
        const unsigned long long n = PyLong_AsUnsignedLongLong(v);
        if (n == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return -1;
        field<unsigned long long>(addr) = n;
        return 0;
    }
    default: PyErr_Format(PyExc_SystemError, "bad memberdescr type for %s", m->name); return -1;
    }
}
