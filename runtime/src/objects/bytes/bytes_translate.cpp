// bytes.maketrans / translate, bytes.fromhex, and the small protocol methods __bytes__ and
// __getnewargs__, with CPython 3.11's rules and messages.
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/bytes/bytes_internal.hpp"

namespace minipy::runtime {
namespace {

// The value of a hexadecimal digit, or -1.
int hex_value(Py_UCS4 c) noexcept {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return -1;
}

}  // namespace

// maketrans(frm, to, /): the 256-byte table mapping each byte of frm to the byte of to.
PyObject *bytes_maketrans(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("maketrans", nargs, 2, 2)) return nullptr;
    const char *from, *to;
    Py_ssize_t from_len, to_len;
    if (!bytes_argument(args[0], &from, &from_len) || !bytes_argument(args[1], &to, &to_len))
        return nullptr;
    if (from_len != to_len) {
        PyErr_SetString(PyExc_ValueError, "maketrans arguments must have same length");
        return nullptr;
    }
    PyObject *table = PyBytes_FromStringAndSize(nullptr, 256);
    if (table == nullptr) return nullptr;
    auto *out = reinterpret_cast<unsigned char *>(PyBytes_AS_STRING(table));
    for (int i = 0; i < 256; ++i) out[i] = static_cast<unsigned char>(i);
    for (Py_ssize_t i = 0; i < from_len; ++i)
        out[static_cast<unsigned char>(from[i])] = static_cast<unsigned char>(to[i]);
    return table;
}

// translate(table, /, delete=b''): each byte not in delete mapped through table (None keeps).
PyObject *bytes_translate(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"", "delete", nullptr};
    static constexpr args::KeywordParser kParser{"translate", kKeywords, 1, 2};
    PyObject *values[2];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, kParser, values)) return nullptr;
    const char *table = nullptr;
    if (values[0] != Py_None) {
        Py_ssize_t table_len;
        if (!bytes_argument(values[0], &table, &table_len)) return nullptr;
        if (table_len != 256) {
            PyErr_SetString(PyExc_ValueError, "translation table must be 256 characters long");
            return nullptr;
        }
    }
    bool deleted[256] = {};
    if (values[1] != nullptr) {
        const char *del;
        Py_ssize_t del_len;
        if (!bytes_argument(values[1], &del, &del_len)) return nullptr;
        for (Py_ssize_t i = 0; i < del_len; ++i) deleted[static_cast<unsigned char>(del[i])] = true;
    }
    const auto *in = reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(self));
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < n; ++i) kept += deleted[in[i]] ? 0 : 1;
    PyObject *result = PyBytes_FromStringAndSize(nullptr, kept);
    if (result == nullptr) return nullptr;
    char *out = PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < n; ++i)
        if (!deleted[in[i]]) *out++ = table != nullptr ? table[in[i]] : static_cast<char>(in[i]);
    return result;
}

// fromhex(string, /), a class method: pairs of hex digits, ASCII whitespace between pairs.
PyObject *bytes_fromhex(PyObject *cls, PyObject *string) noexcept {
    if (!PyUnicode_Check(string)) {
        args::bad_argument("fromhex", "argument", "str", string);
        return nullptr;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(string);
    PyObject *result = PyBytes_FromStringAndSize(nullptr, n / 2);
    if (result == nullptr) return nullptr;
    char *out = PyBytes_AS_STRING(result);
    Py_ssize_t made = 0, i = 0, invalid = -1;
    while (i < n) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(string, i);
        if (c < 128 && bytes_is_space(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        const int top = hex_value(c);
        if (top < 0) {
            invalid = i;
            break;
        }
        const int bottom = i + 1 < n ? hex_value(PyUnicode_READ_CHAR(string, i + 1)) : -1;
        if (bottom < 0) {
            invalid = i + 1;
            break;
        }
        out[made++] = static_cast<char>(top * 16 + bottom);
        i += 2;
    }
    if (invalid >= 0) {
        // A string with non-ASCII characters is reported at its first one, as CPython does.
        if (!PyUnicode_IS_ASCII(string)) {
            invalid = 0;
            while (PyUnicode_READ_CHAR(string, invalid) < 128) ++invalid;
        }
        Py_DECREF(result);
        return PyErr_Format(PyExc_ValueError,
                            "non-hexadecimal number found in fromhex() arg at position %zd",
                            invalid);
    }
    if (_PyBytes_Resize(&result, made) < 0) return nullptr;
    if (cls == reinterpret_cast<PyObject *>(&PyBytes_Type)) return result;
    PyObject *made_by_class = PyObject_CallOneArg(cls, result);
    Py_DECREF(result);
    return made_by_class;
}

// __bytes__(): an exact bytes object with the same bytes.
PyObject *bytes_bytes_method(PyObject *self, PyObject *) noexcept {
    if (PyBytes_CheckExact(self)) return Py_NewRef(self);
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(self), PyBytes_GET_SIZE(self));
}

// __getnewargs__(): (bytes(self),), for pickling.
PyObject *bytes_getnewargs(PyObject *self, PyObject *) noexcept {
    PyObject *copy = PyBytes_FromStringAndSize(PyBytes_AS_STRING(self), PyBytes_GET_SIZE(self));
    if (copy == nullptr) return nullptr;
    PyObject *result = PyTuple_Pack(1, copy);
    Py_DECREF(copy);
    return result;
}

}  // namespace minipy::runtime
