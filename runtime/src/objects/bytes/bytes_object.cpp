// bytes: allocation, the shared empty and one-byte objects, the C API (FromStringAndSize,
// FromFormat, AsString, Concat, _PyBytes_Resize, Repr, FromObject) and bytes_init/fini.
// The type's slots and methods are in bytes_type.cpp.
//
// Layout as CPython's: one OBJ block of offsetof(ob_sval) + size + 1 bytes; the extra byte
// is a NUL after the data. The empty object and the 256 one-byte objects made from data are
// cached (one reference each held by the cache, dropped by bytes_fini; nothing is cached
// after it). PyBytes_FromStringAndSize(NULL, n) always gives a fresh, writable object for
// n > 0, since its caller is going to fill it.
#include <cstddef>
#include <cstdio>
#include <cstring>

#include "lifecycle/part_lifecycle.hpp"
#include "minipy/abstract.h"
#include "minipy/bytesobject.h"
#include "minipy/listobject.h"
#include "minipy/objimpl.h"
#include "minipy/pyerrors.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/bytes/bytes_internal.hpp"
#include "objects/type/object_header_init.hpp"

namespace minipy::runtime {

namespace {

constexpr Py_ssize_t kBytesHeader = static_cast<Py_ssize_t>(offsetof(PyBytesObject, ob_sval));

bool g_bytes_caching = false;
PyObject *g_bytes_empty = nullptr;
PyObject *g_bytes_chars[256] = {};

}  // namespace

PyObject *bytes_allocate(Py_ssize_t size) noexcept {
    if (size > PY_SSIZE_T_MAX - kBytesHeader - 1) {
        PyErr_SetString(PyExc_OverflowError, "byte string is too large");
        return nullptr;
    }
    void *block = PyObject_Malloc(static_cast<size_t>(kBytesHeader + size + 1));
    if (block == nullptr) return PyErr_NoMemory();
    auto *op = reinterpret_cast<PyBytesObject *>(
        init_var_object_header(static_cast<PyVarObject *>(block), &PyBytes_Type, size));
    op->ob_shash = -1;
    op->ob_sval[size] = '\0';
    return reinterpret_cast<PyObject *>(op);
}

PyObject *bytes_get_empty() noexcept {
    if (g_bytes_empty != nullptr) return Py_NewRef(g_bytes_empty);
    PyObject *empty = bytes_allocate(0);
    if (empty != nullptr && g_bytes_caching) g_bytes_empty = Py_NewRef(empty);
    return empty;
}

PyObject *bytes_char(unsigned char c) noexcept {
    if (g_bytes_chars[c] != nullptr) return Py_NewRef(g_bytes_chars[c]);
    PyObject *op = bytes_allocate(1);
    if (op == nullptr) return nullptr;
    PyBytes_AS_STRING(op)[0] = static_cast<char>(c);
    if (g_bytes_caching) g_bytes_chars[c] = Py_NewRef(op);
    return op;
}

// The quoted form b'...': ' unless smartquotes and the data holds ' but no ".
PyObject *bytes_repr_data(const char *data, Py_ssize_t size, int smartquotes) noexcept {
    bool has_single = false, has_double = false;
    Py_ssize_t length = 3;  // b''
    for (Py_ssize_t i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        has_single |= c == '\'';
        has_double |= c == '"';
    }
    const unsigned char quote = smartquotes && has_single && !has_double ? '"' : '\'';
    for (Py_ssize_t i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        Py_ssize_t add = 1;
        if (c == quote || c == '\\' || c == '\t' || c == '\n' || c == '\r')
            add = 2;
        else if (c < ' ' || c >= 0x7f)
            add = 4;
        if (length > PY_SSIZE_T_MAX - add) {
            PyErr_SetString(PyExc_OverflowError, "bytes object is too large to make repr");
            return nullptr;
        }
        length += add;
    }
    PyObject *repr = PyUnicode_New(length, 0x7f);
    if (repr == nullptr) return nullptr;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(repr);
    static const char kHex[] = "0123456789abcdef";
    *out++ = 'b';
    *out++ = static_cast<Py_UCS1>(quote);
    for (Py_ssize_t i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == quote || c == '\\') {
            *out++ = '\\';
            *out++ = c;
        } else if (c == '\t' || c == '\n' || c == '\r') {
            *out++ = '\\';
            *out++ = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        } else if (c < ' ' || c >= 0x7f) {
            *out++ = '\\';
            *out++ = 'x';
            *out++ = static_cast<Py_UCS1>(kHex[c >> 4]);
            *out++ = static_cast<Py_UCS1>(kHex[c & 0xf]);
        } else {
            *out++ = c;
        }
    }
    *out = static_cast<Py_UCS1>(quote);
    return repr;
}

// Appends to a PyMem buffer for FromFormatV; 0 or -1 with MemoryError.
struct FormatBuffer {
    char *data = nullptr;
    Py_ssize_t size = 0, capacity = 0;
    ~FormatBuffer() { PyMem_Free(data); }
    int append(const char *s, Py_ssize_t n) noexcept {
        if (n == 0) return 0;
        if (n > capacity - size) {
            if (n > PY_SSIZE_T_MAX / 2 - size) {
                PyErr_NoMemory();
                return -1;
            }
            Py_ssize_t grown_capacity = (size + n) * 2 < 64 ? 64 : (size + n) * 2;
            auto *grown =
                static_cast<char *>(PyMem_Realloc(data, static_cast<size_t>(grown_capacity)));
            if (grown == nullptr) {
                PyErr_NoMemory();
                return -1;
            }
            data = grown;
            capacity = grown_capacity;
        }
        std::memcpy(data + size, s, static_cast<size_t>(n));
        size += n;
        return 0;
    }
};

int bytes_init() noexcept {
    if (PyType_Ready(&PyBytes_Type) < 0 || PyType_Ready(&PyBytesIter_Type) < 0 ||
        bytearray_methods_init() < 0 || PyType_Ready(&PyByteArray_Type) < 0 ||
        PyType_Ready(&PyByteArrayIter_Type) < 0)
        return -1;
    g_bytes_caching = true;
    PyObject *empty = bytes_get_empty();
    if (empty == nullptr) {
        g_bytes_caching = false;
        return -1;
    }
    Py_DECREF(empty);
    return 0;
}

void bytes_fini() noexcept {
    g_bytes_caching = false;
    Py_CLEAR(g_bytes_empty);
    for (PyObject *&c : g_bytes_chars) Py_CLEAR(c);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *PyBytes_FromStringAndSize(const char *v, Py_ssize_t size) noexcept {
    if (size < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
        return nullptr;
    }
    if (size == 0) return bytes_get_empty();
    if (size == 1 && v != nullptr) return bytes_char(static_cast<unsigned char>(*v));
    PyObject *op = bytes_allocate(size);
    if (op != nullptr && v != nullptr)
        std::memcpy(PyBytes_AS_STRING(op), v, static_cast<size_t>(size));
    return op;
}

extern "C" PyObject *PyBytes_FromString(const char *v) noexcept {
    if (v == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const size_t size = std::strlen(v);
    if (size > static_cast<size_t>(PY_SSIZE_T_MAX - kBytesHeader - 1)) {
        PyErr_SetString(PyExc_OverflowError, "byte string is too long");
        return nullptr;
    }
    return PyBytes_FromStringAndSize(v, static_cast<Py_ssize_t>(size));
}

extern "C" char *PyBytes_AsString(PyObject *o) noexcept {
    if (o == nullptr || !PyBytes_Check(o)) {
        PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found",
                     o ? Py_TYPE(o)->tp_name : "NULL");
        return nullptr;
    }
    return PyBytes_AS_STRING(o);
}

extern "C" int PyBytes_AsStringAndSize(PyObject *o, char **buffer, Py_ssize_t *len) noexcept {
    if (buffer == nullptr) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (o == nullptr || !PyBytes_Check(o)) {
        PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found",
                     o ? Py_TYPE(o)->tp_name : "NULL");
        return -1;
    }
    *buffer = PyBytes_AS_STRING(o);
    if (len != nullptr) {
        *len = PyBytes_GET_SIZE(o);
    } else if (std::strlen(*buffer) != static_cast<size_t>(PyBytes_GET_SIZE(o))) {
        PyErr_SetString(PyExc_ValueError, "embedded null byte");
        return -1;
    }
    return 0;
}

extern "C" Py_ssize_t PyBytes_Size(PyObject *o) noexcept {
    if (o == nullptr || !PyBytes_Check(o)) {
        PyErr_Format(PyExc_TypeError, "expected bytes, %.200s found",
                     o ? Py_TYPE(o)->tp_name : "NULL");
        return -1;
    }
    return PyBytes_GET_SIZE(o);
}

extern "C" PyObject *PyBytes_Repr(PyObject *o, int smartquotes) noexcept {
    return bytes_repr_data(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o), smartquotes);
}

extern "C" int _PyBytes_Resize(PyObject **pv, Py_ssize_t newsize) noexcept {
    PyObject *v = *pv;
    if (v == nullptr || !PyBytes_Check(v) || newsize < 0) {
        Py_CLEAR(*pv);
        PyErr_BadInternalCall();
        return -1;
    }
    const Py_ssize_t oldsize = PyBytes_GET_SIZE(v);
    if (oldsize == newsize) return 0;
    if (oldsize == 0) {  // the shared empty object is never changed: make a new one
        *pv = bytes_allocate(newsize);
        Py_DECREF(v);
        return *pv == nullptr ? -1 : 0;
    }
    if (Py_REFCNT(v) != 1) {
        Py_CLEAR(*pv);
        PyErr_BadInternalCall();
        return -1;
    }
    if (newsize == 0) {
        *pv = bytes_get_empty();
        Py_DECREF(v);
        return *pv == nullptr ? -1 : 0;
    }
    if (newsize > PY_SSIZE_T_MAX - kBytesHeader - 1) {
        Py_CLEAR(*pv);
        PyErr_NoMemory();
        return -1;
    }
    void *grown = PyObject_Realloc(v, static_cast<size_t>(kBytesHeader + newsize + 1));
    if (grown == nullptr) {
        PyObject_Free(v);  // refcount 1: nobody else sees it go
        *pv = nullptr;
        PyErr_NoMemory();
        return -1;
    }
    auto *op = static_cast<PyBytesObject *>(grown);
    Py_SET_SIZE(op, newsize);
    op->ob_shash = -1;
    op->ob_sval[newsize] = '\0';
    *pv = reinterpret_cast<PyObject *>(op);
    return 0;
}

extern "C" void PyBytes_Concat(PyObject **pv, PyObject *w) noexcept {
    if (pv == nullptr) {
        PyErr_BadInternalCall();
        return;
    }
    if (*pv == nullptr) return;
    // As CPython: a NULL newpart only drops *pv (the caller's error stands), and operands
    // without the buffer protocol (here: anything but bytes) are a TypeError.
    if (w == nullptr) {
        Py_CLEAR(*pv);
        return;
    }
    if (!PyBytes_Check(*pv) || !PyBytes_Check(w)) {
        PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(w)->tp_name,
                     Py_TYPE(*pv)->tp_name);
        Py_CLEAR(*pv);
        return;
    }
    const Py_ssize_t left = PyBytes_GET_SIZE(*pv), right = PyBytes_GET_SIZE(w);
    if (right == 0) return;
    if (left > PY_SSIZE_T_MAX - right) {
        Py_CLEAR(*pv);
        PyErr_NoMemory();
        return;
    }
    PyObject *result = PyBytes_FromStringAndSize(nullptr, left + right);
    if (result != nullptr) {
        std::memcpy(PyBytes_AS_STRING(result), PyBytes_AS_STRING(*pv), static_cast<size_t>(left));
        std::memcpy(PyBytes_AS_STRING(result) + left, PyBytes_AS_STRING(w),
                    static_cast<size_t>(right));
    }
    Py_SETREF(*pv, result);
}

extern "C" void PyBytes_ConcatAndDel(PyObject **pv, PyObject *w) noexcept {
    PyBytes_Concat(pv, w);
    Py_XDECREF(w);
}

// CPython 3.11's _PyBytes_FromFormatV: widths are skipped, a precision limits %s, l and z
// apply to d and u only, and an unknown unit copies the rest of the format unformatted.
extern "C" PyObject *PyBytes_FromFormatV(const char *format, va_list vargs) noexcept {
    FormatBuffer out;
    va_list args;
    va_copy(args, vargs);
    PyObject *result = nullptr;
    for (const char *f = format; *f != '\0'; ++f) {
        if (*f != '%') {
            if (out.append(f, 1) < 0) goto done;
            continue;
        }
        {
            const char *const unit_start = f++;
            Py_ssize_t precision = 0;
            while (*f >= '0' && *f <= '9') ++f;
            if (*f == '.') {
                ++f;
                for (; *f >= '0' && *f <= '9'; ++f) precision = precision * 10 + (*f - '0');
            }
            while (*f != '\0' && *f != '%' && !((*f | 0x20) >= 'a' && (*f | 0x20) <= 'z')) ++f;
            bool long_arg = false, size_arg = false;
            if (*f == 'l' && (f[1] == 'd' || f[1] == 'u')) {
                long_arg = true;
                ++f;
            }
            if (*f == 'z' && (f[1] == 'd' || f[1] == 'u')) {
                size_arg = true;
                ++f;
            }
            char number[64];
            int len = -1;
            switch (*f) {
            case 'c': {
                const int c = va_arg(args, int);
                if (c < 0 || c > 255) {
                    PyErr_SetString(
                        PyExc_OverflowError,
                        "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");
                    goto done;
                }
                const char byte = static_cast<char>(c);
                if (out.append(&byte, 1) < 0) goto done;
                break;
            }
            case 'd':
                len = long_arg ? std::snprintf(number, sizeof number, "%ld", va_arg(args, long))
                      : size_arg
                          ? std::snprintf(number, sizeof number, "%zd", va_arg(args, Py_ssize_t))
                          : std::snprintf(number, sizeof number, "%d", va_arg(args, int));
                break;
            case 'u':
                len = long_arg
                          ? std::snprintf(number, sizeof number, "%lu", va_arg(args, unsigned long))
                      : size_arg
                          ? std::snprintf(number, sizeof number, "%zu", va_arg(args, size_t))
                          : std::snprintf(number, sizeof number, "%u", va_arg(args, unsigned int));
                break;
            case 'i': len = std::snprintf(number, sizeof number, "%i", va_arg(args, int)); break;
            case 'x':
                len = std::snprintf(number, sizeof number, "%x", va_arg(args, unsigned int));
                break;
            case 's': {
                const char *s = va_arg(args, const char *);
                Py_ssize_t n = 0;
                if (precision <= 0) {
                    n = static_cast<Py_ssize_t>(std::strlen(s));
                } else {
                    while (n < precision && s[n] != '\0') ++n;
                }
                if (out.append(s, n) < 0) goto done;
                break;
            }
            case 'p': {
                len = std::snprintf(number + 2, sizeof number - 2, "%p", va_arg(args, void *));
                const char *text = number + 2;
                if (text[1] == 'X') {
                    number[3] = 'x';
                } else if (text[1] != 'x') {
                    number[0] = '0';
                    number[1] = 'x';
                    len += 2;
                    text = number;
                }
                if (out.append(text, len) < 0) goto done;
                len = -1;
                break;
            }
            case '%':
                if (out.append("%", 1) < 0) goto done;
                break;
            default:
                if (out.append(unit_start, static_cast<Py_ssize_t>(std::strlen(unit_start))) < 0)
                    goto done;
                result = PyBytes_FromStringAndSize(out.data, out.size);
                goto done;
            }
            if (len >= 0 && out.append(number, len) < 0) goto done;
        }
    }
    result = PyBytes_FromStringAndSize(out.data, out.size);
done:
    va_end(args);
    return result;
}

extern "C" PyObject *PyBytes_FromFormat(const char *format, ...) noexcept {
    va_list vargs;
    va_start(vargs, format);
    PyObject *result = PyBytes_FromFormatV(format, vargs);
    va_end(vargs);
    return result;
}

extern "C" PyObject *PyBytes_FromObject(PyObject *x) noexcept {
    if (x == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (PyBytes_CheckExact(x)) return Py_NewRef(x);
    if (PyBytes_Check(x))
        return PyBytes_FromStringAndSize(PyBytes_AS_STRING(x), PyBytes_GET_SIZE(x));
    if (PyByteArray_Check(x))
        return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(x), PyByteArray_GET_SIZE(x));
    if (!PyUnicode_Check(x)) {
        PyObject *it = PyObject_GetIter(x);
        if (it != nullptr) {
            PyObject *result = bytes_from_iterator(it);
            Py_DECREF(it);
            return result;
        }
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) return nullptr;
        PyErr_Clear();
    }
    return PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to bytes",
                        Py_TYPE(x)->tp_name);
}
