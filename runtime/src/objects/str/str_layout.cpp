// The str methods that pad, cut or re-lay text: center / ljust / rjust / zfill, expandtabs,
// partition / rpartition, splitlines, removeprefix / removesuffix, and __getnewargs__ /
// __sizeof__, with CPython 3.11's argument rules and messages.
#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

// self unchanged: itself when it is an exact str, else a str copy of it.
PyObject *unchanged(PyObject *self) noexcept {
    if (PyUnicode_CheckExact(self)) return Py_NewRef(self);
    return unicode_substring(self, 0, PyUnicode_GET_LENGTH(self));
}

// self with `left` and `right` fill characters around it.
PyObject *pad(PyObject *self, Py_ssize_t left, Py_ssize_t right, Py_UCS4 fill) noexcept {
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    if (left == 0 && right == 0) return unchanged(self);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (left > PY_SSIZE_T_MAX - n || right > PY_SSIZE_T_MAX - (left + n)) {
        PyErr_SetString(PyExc_OverflowError, "padded string is too long");
        return nullptr;
    }
    UnicodeWriter writer;
    if (writer.write_fill(fill, left) < 0 || writer.write_str(self) < 0 ||
        writer.write_fill(fill, right) < 0)
        return nullptr;
    return writer.finish();
}

// (width, fillchar=' ', /) of center, ljust and rjust.
bool width_and_fill(const char *name, PyObject *const *args, Py_ssize_t nargs, Py_ssize_t *width,
                    Py_UCS4 *fill) noexcept {
    if (!args::check_positional(name, nargs, 1, 2) || !args::ssize_argument(args[0], width))
        return false;
    *fill = ' ';
    if (nargs < 2) return true;
    if (!PyUnicode_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "The fill character must be a unicode character, not %.100s",
                     Py_TYPE(args[1])->tp_name);
        return false;
    }
    if (PyUnicode_GET_LENGTH(args[1]) != 1) {
        PyErr_SetString(PyExc_TypeError, "The fill character must be exactly one character long");
        return false;
    }
    *fill = PyUnicode_READ_CHAR(args[1], 0);
    return true;
}

// Line boundaries of splitlines(): \n \r \v \f \x1c \x1d \x1e \x85 U+2028 U+2029.
bool is_line_break(Py_UCS4 ch) noexcept {
    return (ch >= 0x0a && ch <= 0x0d) || (ch >= 0x1c && ch <= 0x1e) || ch == 0x85 || ch == 0x2028 ||
           ch == 0x2029;
}

// The separator of partition / rpartition: a non-empty str.
bool partition_separator(PyObject *sep) noexcept {
    if (!ensure_str(sep)) return false;
    if (PyUnicode_GET_LENGTH(sep) == 0) {
        PyErr_SetString(PyExc_ValueError, "empty separator");
        return false;
    }
    return true;
}

PyObject *partition_common(PyObject *self, PyObject *sep, int direction) noexcept {
    if (!partition_separator(sep)) return nullptr;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    const Py_ssize_t at = unicode_find_in(self, sep, 0, n, direction);
    PyObject *empty = unicode_get_empty();
    if (empty == nullptr) return nullptr;
    PyObject *result;
    if (at < 0) {
        PyObject *whole = unchanged(self);
        result = whole == nullptr ? nullptr
                 : direction > 0  ? PyTuple_Pack(3, whole, empty, empty)
                                  : PyTuple_Pack(3, empty, empty, whole);
        Py_XDECREF(whole);
    } else {
        PyObject *head = unicode_substring(self, 0, at);
        PyObject *tail = unicode_substring(self, at + PyUnicode_GET_LENGTH(sep), n);
        result = head != nullptr && tail != nullptr ? PyTuple_Pack(3, head, sep, tail) : nullptr;
        Py_XDECREF(head);
        Py_XDECREF(tail);
    }
    Py_DECREF(empty);
    return result;
}

PyObject *remove_affix(const char *name, PyObject *self, PyObject *affix, bool prefix) noexcept {
    if (!PyUnicode_Check(affix)) {
        args::bad_argument(name, "argument", "str", affix);
        return nullptr;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self), k = PyUnicode_GET_LENGTH(affix);
    const int match = static_cast<int>(PyUnicode_Tailmatch(self, affix, 0, n, prefix ? -1 : 1));
    if (match < 0) return nullptr;
    if (match == 0 || k == 0) return unchanged(self);
    return prefix ? unicode_substring(self, k, n) : unicode_substring(self, 0, n - k);
}

}  // namespace

PyObject *unicode_center(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t width;
    Py_UCS4 fill;
    if (!width_and_fill("center", args, nargs, &width, &fill)) return nullptr;
    const Py_ssize_t margin = width - PyUnicode_GET_LENGTH(self);
    if (margin <= 0) return unchanged(self);
    // CPython's split of an odd margin: the extra character goes left when width is odd.
    const Py_ssize_t left = margin / 2 + (margin & width & 1);
    return pad(self, left, margin - left, fill);
}

PyObject *unicode_ljust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t width;
    Py_UCS4 fill;
    if (!width_and_fill("ljust", args, nargs, &width, &fill)) return nullptr;
    return pad(self, 0, width - PyUnicode_GET_LENGTH(self), fill);
}

PyObject *unicode_rjust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t width;
    Py_UCS4 fill;
    if (!width_and_fill("rjust", args, nargs, &width, &fill)) return nullptr;
    return pad(self, width - PyUnicode_GET_LENGTH(self), 0, fill);
}

// zfill(width, /): zeros on the left, after a leading sign.
PyObject *unicode_zfill(PyObject *self, PyObject *arg) noexcept {
    Py_ssize_t width;
    if (!args::ssize_argument(arg, &width)) return nullptr;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (n >= width) return unchanged(self);
    const Py_ssize_t fill = width - n;
    const Py_UCS4 first = n > 0 ? PyUnicode_READ_CHAR(self, 0) : 0;
    const bool sign = first == '+' || first == '-';
    UnicodeWriter writer;
    if ((sign && writer.write_char(first) < 0) || writer.write_fill('0', fill) < 0 ||
        writer.write_substring(self, sign ? 1 : 0, n) < 0)
        return nullptr;
    return writer.finish();
}

// expandtabs(tabsize=8): each tab to spaces up to the next multiple of tabsize (columns count
// from the last \n or \r); a tabsize <= 0 removes tabs.
PyObject *unicode_expandtabs(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"tabsize", nullptr};
    static constexpr args::KeywordParser kParser{"expandtabs", kKeywords, 0, 1};
    PyObject *values[1];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, kParser, values)) return nullptr;
    int tabsize = 8;
    if (values[0] != nullptr && !args::int_argument(values[0], &tabsize)) return nullptr;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    UnicodeWriter writer;
    Py_ssize_t column = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        const Py_UCS4 ch = PyUnicode_READ_CHAR(self, i);
        if (ch == '\t') {
            if (tabsize > 0) {
                const Py_ssize_t spaces = tabsize - column % tabsize;
                if (column > PY_SSIZE_T_MAX - spaces) {
                    PyErr_SetString(PyExc_OverflowError, "new string is too long");
                    return nullptr;
                }
                column += spaces;
                if (writer.write_fill(' ', spaces) < 0) return nullptr;
            }
            continue;
        }
        ++column;
        if (ch == '\n' || ch == '\r') column = 0;
        if (writer.write_char(ch) < 0) return nullptr;
    }
    return writer.finish();
}

PyObject *unicode_partition(PyObject *self, PyObject *sep) noexcept {
    return partition_common(self, sep, 1);
}

PyObject *unicode_rpartition(PyObject *self, PyObject *sep) noexcept {
    return partition_common(self, sep, -1);
}

// splitlines(keepends=False): lines cut at every line boundary, \r\n counting as one.
PyObject *unicode_splitlines(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"keepends", nullptr};
    static constexpr args::KeywordParser kParser{"splitlines", kKeywords, 0, 1};
    PyObject *values[1];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, kParser, values)) return nullptr;
    int keepends = 0;
    if (values[0] != nullptr && !args::int_argument(values[0], &keepends)) return nullptr;
    PyObject *list = PyList_New(0);
    if (list == nullptr) return nullptr;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    Py_ssize_t i = 0;
    while (i < n) {
        const Py_ssize_t start = i;
        while (i < n && !is_line_break(PyUnicode_READ_CHAR(self, i))) ++i;
        Py_ssize_t eol = i;
        if (i < n) {
            if (PyUnicode_READ_CHAR(self, i) == '\r' && i + 1 < n &&
                PyUnicode_READ_CHAR(self, i + 1) == '\n')
                i += 2;
            else
                ++i;
            if (keepends) eol = i;
        }
        // The whole of an exact str is the line itself, as CPython gives it.
        PyObject *line =
            start == 0 && eol == n ? unchanged(self) : unicode_substring(self, start, eol);
        if (line == nullptr || PyList_Append(list, line) < 0) {
            Py_XDECREF(line);
            Py_DECREF(list);
            return nullptr;
        }
        Py_DECREF(line);
    }
    return list;
}

PyObject *unicode_removeprefix(PyObject *self, PyObject *prefix) noexcept {
    return remove_affix("removeprefix", self, prefix, true);
}

PyObject *unicode_removesuffix(PyObject *self, PyObject *suffix) noexcept {
    return remove_affix("removesuffix", self, suffix, false);
}

// __getnewargs__(): (a str copy of self,), for pickling.
PyObject *unicode_getnewargs(PyObject *self, PyObject *) noexcept {
    PyObject *copy = unicode_substring(self, 0, PyUnicode_GET_LENGTH(self));
    if (copy == nullptr) return nullptr;
    PyObject *result = PyTuple_Pack(1, copy);
    Py_DECREF(copy);
    return result;
}

// __sizeof__(): CPython 3.11's figure: the compact header (48 bytes for ASCII, 72 otherwise,
// with the wstr fields minipy does not have), the characters and their NUL, and the cached
// UTF-8 form of a non-ASCII string.
PyObject *unicode_sizeof(PyObject *self, PyObject *) noexcept {
    constexpr Py_ssize_t kAsciiHeader = 48, kCompactHeader = 72;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    Py_ssize_t size;
    if (PyUnicode_IS_ASCII(self)) {
        size = kAsciiHeader + n + 1;
    } else {
        size = kCompactHeader + (n + 1) * PyUnicode_KIND(self);
        const auto *compact = reinterpret_cast<PyCompactUnicodeObject *>(self);
        if (compact->utf8 != nullptr) size += compact->utf8_length + 1;
    }
    return PyLong_FromSsize_t(size);
}

}  // namespace minipy::runtime
