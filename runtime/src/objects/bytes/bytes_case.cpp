// The bytes methods that read bytes as ASCII text: the case mappings (lower, upper,
// capitalize, swapcase, title), the is* predicates, and the padding methods (center, ljust,
// rjust, zfill, expandtabs), with CPython 3.11's rules: only ASCII letters have case and only
// " \t\n\r\v\f" are whitespace; every other byte is left alone.
#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/bytes/bytes_internal.hpp"

namespace minipy::runtime {
namespace {

bool is_lower(unsigned char c) noexcept {
    return c >= 'a' && c <= 'z';
}
bool is_upper(unsigned char c) noexcept {
    return c >= 'A' && c <= 'Z';
}
bool is_alpha(unsigned char c) noexcept {
    return is_lower(c) || is_upper(c);
}
bool is_digit(unsigned char c) noexcept {
    return c >= '0' && c <= '9';
}
unsigned char to_lower(unsigned char c) noexcept {
    return is_upper(c) ? static_cast<unsigned char>(c + 32) : c;
}
unsigned char to_upper(unsigned char c) noexcept {
    return is_lower(c) ? static_cast<unsigned char>(c - 32) : c;
}

const unsigned char *bytes_of(PyObject *self) noexcept {
    return reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(self));
}

// A new bytes object of the same length, each byte mapped by map(i, byte, previous byte).
template <typename Map>
PyObject *map_bytes(PyObject *self, Map map) noexcept {
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    PyObject *result = PyBytes_FromStringAndSize(nullptr, n);
    if (result == nullptr) return nullptr;
    const unsigned char *in = bytes_of(self);
    auto *out = reinterpret_cast<unsigned char *>(PyBytes_AS_STRING(result));
    for (Py_ssize_t i = 0; i < n; ++i) out[i] = map(i, in[i], i > 0 ? in[i - 1] : 0);
    return result;
}

// True when every byte passes (False for b"").
template <typename Pred>
PyObject *all_bytes(PyObject *self, Pred pred) noexcept {
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    if (n == 0) Py_RETURN_FALSE;
    const unsigned char *in = bytes_of(self);
    for (Py_ssize_t i = 0; i < n; ++i)
        if (!pred(in[i])) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

// islower / isupper: some byte of the wanted case and none of the other.
PyObject *cased_as(PyObject *self, bool upper) noexcept {
    bool cased = false;
    const unsigned char *in = bytes_of(self);
    for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(self); ++i) {
        if (upper ? is_lower(in[i]) : is_upper(in[i])) Py_RETURN_FALSE;
        cased |= upper ? is_upper(in[i]) : is_lower(in[i]);
    }
    return PyBool_FromLong(cased);
}

PyObject *unchanged(PyObject *self) noexcept {
    if (PyBytes_CheckExact(self)) return Py_NewRef(self);
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(self), PyBytes_GET_SIZE(self));
}

PyObject *pad(PyObject *self, Py_ssize_t left, Py_ssize_t right, char fill) noexcept {
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    if (left == 0 && right == 0) return unchanged(self);
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    if (left > PY_SSIZE_T_MAX - n || right > PY_SSIZE_T_MAX - (left + n)) {
        PyErr_SetString(PyExc_OverflowError, "padded string is too long");
        return nullptr;
    }
    PyObject *result = PyBytes_FromStringAndSize(nullptr, left + n + right);
    if (result == nullptr) return nullptr;
    char *out = PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < left; ++i) out[i] = fill;
    for (Py_ssize_t i = 0; i < n; ++i) out[left + i] = PyBytes_AS_STRING(self)[i];
    for (Py_ssize_t i = 0; i < right; ++i) out[left + n + i] = fill;
    return result;
}

bool width_and_fill(const char *name, PyObject *const *args, Py_ssize_t nargs, Py_ssize_t *width,
                    char *fill) noexcept {
    if (!args::check_positional(name, nargs, 1, 2) || !args::ssize_argument(args[0], width))
        return false;
    *fill = ' ';
    if (nargs < 2) return true;
    const char *fill_data = nullptr;
    Py_ssize_t fill_size = 0;
    if (!bytes_like_data(args[1], &fill_data, &fill_size) || fill_size != 1) {
        PyErr_Format(PyExc_TypeError,
                     "%s() argument 2 must be a byte string of length 1, not %.50s", name,
                     Py_TYPE(args[1])->tp_name);
        return false;
    }
    *fill = fill_data[0];
    return true;
}

}  // namespace

PyObject *bytes_lower(PyObject *self, PyObject *) noexcept {
    return map_bytes(self, [](Py_ssize_t, unsigned char c, unsigned char) { return to_lower(c); });
}
PyObject *bytes_upper(PyObject *self, PyObject *) noexcept {
    return map_bytes(self, [](Py_ssize_t, unsigned char c, unsigned char) { return to_upper(c); });
}
PyObject *bytes_capitalize(PyObject *self, PyObject *) noexcept {
    return map_bytes(self, [](Py_ssize_t i, unsigned char c, unsigned char) {
        return i == 0 ? to_upper(c) : to_lower(c);
    });
}
PyObject *bytes_swapcase(PyObject *self, PyObject *) noexcept {
    return map_bytes(self, [](Py_ssize_t, unsigned char c, unsigned char) {
        return is_upper(c) ? to_lower(c) : to_upper(c);
    });
}
// A letter after a letter is lowered, any other letter raised.
PyObject *bytes_title(PyObject *self, PyObject *) noexcept {
    return map_bytes(self, [](Py_ssize_t, unsigned char c, unsigned char previous) {
        return is_alpha(previous) ? to_lower(c) : to_upper(c);
    });
}

PyObject *bytes_isalnum(PyObject *self, PyObject *) noexcept {
    return all_bytes(self, [](unsigned char c) { return is_alpha(c) || is_digit(c); });
}
PyObject *bytes_isalpha(PyObject *self, PyObject *) noexcept {
    return all_bytes(self, is_alpha);
}
PyObject *bytes_isdigit(PyObject *self, PyObject *) noexcept {
    return all_bytes(self, is_digit);
}
PyObject *bytes_isspace(PyObject *self, PyObject *) noexcept {
    return all_bytes(self, [](unsigned char c) { return bytes_is_space(c); });
}
PyObject *bytes_isascii(PyObject *self, PyObject *) noexcept {
    const unsigned char *in = bytes_of(self);
    for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(self); ++i)
        if (in[i] >= 128) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}
PyObject *bytes_islower(PyObject *self, PyObject *) noexcept {
    return cased_as(self, false);
}
PyObject *bytes_isupper(PyObject *self, PyObject *) noexcept {
    return cased_as(self, true);
}
// Capitals only after uncased bytes, lowercase only after cased ones, some cased byte.
PyObject *bytes_istitle(PyObject *self, PyObject *) noexcept {
    bool cased = false, previous_cased = false;
    const unsigned char *in = bytes_of(self);
    for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(self); ++i) {
        if (is_upper(in[i])) {
            if (previous_cased) Py_RETURN_FALSE;
            previous_cased = cased = true;
        } else if (is_lower(in[i])) {
            if (!previous_cased) Py_RETURN_FALSE;
            previous_cased = cased = true;
        } else {
            previous_cased = false;
        }
    }
    return PyBool_FromLong(cased);
}

PyObject *bytes_center(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t width;
    char fill;
    if (!width_and_fill("center", args, nargs, &width, &fill)) return nullptr;
    const Py_ssize_t margin = width - PyBytes_GET_SIZE(self);
    if (margin <= 0) return unchanged(self);
    const Py_ssize_t left = margin / 2 + (margin & width & 1);
    return pad(self, left, margin - left, fill);
}
PyObject *bytes_ljust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t width;
    char fill;
    if (!width_and_fill("ljust", args, nargs, &width, &fill)) return nullptr;
    return pad(self, 0, width - PyBytes_GET_SIZE(self), fill);
}
PyObject *bytes_rjust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t width;
    char fill;
    if (!width_and_fill("rjust", args, nargs, &width, &fill)) return nullptr;
    return pad(self, width - PyBytes_GET_SIZE(self), 0, fill);
}

PyObject *bytes_zfill(PyObject *self, PyObject *arg) noexcept {
    Py_ssize_t width;
    if (!args::ssize_argument(arg, &width)) return nullptr;
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    if (n >= width) return unchanged(self);
    PyObject *result = pad(self, width - n, 0, '0');
    if (result == nullptr) return nullptr;
    char *out = PyBytes_AS_STRING(result);
    const char first = out[width - n];
    if (first == '+' || first == '-') {
        out[0] = first;
        out[width - n] = '0';
    }
    return result;
}

PyObject *bytes_expandtabs(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"tabsize", nullptr};
    static constexpr args::KeywordParser kParser{"expandtabs", kKeywords, 0, 1};
    PyObject *values[1];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, kParser, values)) return nullptr;
    int tabsize = 8;
    if (values[0] != nullptr && !args::int_argument(values[0], &tabsize)) return nullptr;
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    const char *in = PyBytes_AS_STRING(self);
    // First the length, then the bytes.
    Py_ssize_t total = 0, column = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        Py_ssize_t add = 1;
        if (in[i] == '\t') {
            add = tabsize > 0 ? tabsize - column % tabsize : 0;
            column += add;
        } else {
            column = in[i] == '\n' || in[i] == '\r' ? 0 : column + 1;
        }
        if (total > PY_SSIZE_T_MAX - add) {
            PyErr_SetString(PyExc_OverflowError, "result too long");
            return nullptr;
        }
        total += add;
    }
    PyObject *result = PyBytes_FromStringAndSize(nullptr, total);
    if (result == nullptr) return nullptr;
    char *out = PyBytes_AS_STRING(result);
    column = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (in[i] == '\t') {
            const Py_ssize_t spaces = tabsize > 0 ? tabsize - column % tabsize : 0;
            for (Py_ssize_t k = 0; k < spaces; ++k) *out++ = ' ';
            column += spaces;
        } else {
            *out++ = in[i];
            column = in[i] == '\n' || in[i] == '\r' ? 0 : column + 1;
        }
    }
    return result;
}

}  // namespace minipy::runtime
