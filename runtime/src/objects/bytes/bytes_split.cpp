// The bytes methods that cut and assemble: split / rsplit, strip / lstrip / rstrip, partition
// / rpartition, splitlines, join, replace, removeprefix / removesuffix, with CPython 3.11's
// argument rules and messages. Whitespace is ASCII's " \t\n\r\v\f".
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/bytes/bytes_internal.hpp"

namespace minipy::runtime {
namespace {

// A bytes object made of self[start:end]; self itself for the whole of an exact bytes.
PyObject *slice_of(PyObject *self, Py_ssize_t start, Py_ssize_t end) noexcept {
    if (start == 0 && end == PyBytes_GET_SIZE(self) && PyBytes_CheckExact(self))
        return Py_NewRef(self);
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(self) + start, end - start);
}

int append_slice(PyObject *list, PyObject *self, Py_ssize_t start, Py_ssize_t end) noexcept {
    PyObject *piece = slice_of(self, start, end);
    if (piece == nullptr) return -1;
    const int status = PyList_Append(list, piece);
    Py_DECREF(piece);
    return status;
}

// Split on runs of whitespace, at most maxsplit times, from the left or the right.
PyObject *split_whitespace(PyObject *self, Py_ssize_t maxsplit, bool from_right) noexcept {
    const char *s = PyBytes_AS_STRING(self);
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    PyObject *list = PyList_New(0);
    if (list == nullptr) return nullptr;
    const auto space = [s](Py_ssize_t i) {
        return bytes_is_space(static_cast<unsigned char>(s[i]));
    };
    bool failed = false;
    if (!from_right) {
        Py_ssize_t i = 0;
        for (; maxsplit > 0; --maxsplit) {
            while (i < n && space(i)) ++i;
            if (i == n) break;
            const Py_ssize_t j = i;
            while (i < n && !space(i)) ++i;
            if ((failed = append_slice(list, self, j, i) < 0)) break;
        }
        while (!failed && i < n && space(i)) ++i;
        if (!failed && i < n) failed = append_slice(list, self, i, n) < 0;
    } else {
        Py_ssize_t i = n;
        for (; maxsplit > 0; --maxsplit) {
            while (i > 0 && space(i - 1)) --i;
            if (i == 0) break;
            const Py_ssize_t j = i;
            while (i > 0 && !space(i - 1)) --i;
            if ((failed = append_slice(list, self, i, j) < 0)) break;
        }
        while (!failed && i > 0 && space(i - 1)) --i;
        if (!failed && i > 0) failed = append_slice(list, self, 0, i) < 0;
        if (!failed) failed = PyList_Reverse(list) < 0;
    }
    if (failed) Py_CLEAR(list);
    return list;
}

PyObject *split_on(PyObject *self, const char *sep, Py_ssize_t k, Py_ssize_t maxsplit,
                   bool from_right) noexcept {
    const char *s = PyBytes_AS_STRING(self);
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    PyObject *list = PyList_New(0);
    if (list == nullptr) return nullptr;
    bool failed = false;
    if (!from_right) {
        Py_ssize_t i = 0;
        for (; maxsplit > 0; --maxsplit) {
            const Py_ssize_t at = bytes_find_in(s, i, n, sep, k, 1);
            if (at < 0) break;
            if ((failed = append_slice(list, self, i, at) < 0)) break;
            i = at + k;
        }
        if (!failed) failed = append_slice(list, self, i, n) < 0;
    } else {
        Py_ssize_t j = n;
        for (; maxsplit > 0; --maxsplit) {
            const Py_ssize_t at = bytes_find_in(s, 0, j, sep, k, -1);
            if (at < 0) break;
            if ((failed = append_slice(list, self, at + k, j) < 0)) break;
            j = at;
        }
        if (!failed) failed = append_slice(list, self, 0, j) < 0;
        if (!failed) failed = PyList_Reverse(list) < 0;
    }
    if (failed) Py_CLEAR(list);
    return list;
}

constexpr const char *kSplitKeywords[] = {"sep", "maxsplit", nullptr};

PyObject *split_common(const args::KeywordParser &parser, PyObject *self, PyObject *const *argv,
                       Py_ssize_t nargs, PyObject *kwnames, bool from_right) noexcept {
    PyObject *values[2];
    if (!args::unpack_keywords(argv, nargs, nullptr, kwnames, parser, values)) return nullptr;
    Py_ssize_t maxsplit = -1;
    if (values[1] != nullptr && !args::ssize_argument(values[1], &maxsplit)) return nullptr;
    if (maxsplit < 0) maxsplit = PY_SSIZE_T_MAX;
    if (values[0] == nullptr || values[0] == Py_None)
        return split_whitespace(self, maxsplit, from_right);
    const char *sep;
    Py_ssize_t k;
    if (!bytes_argument(values[0], &sep, &k)) return nullptr;
    if (k == 0) {
        PyErr_SetString(PyExc_ValueError, "empty separator");
        return nullptr;
    }
    return split_on(self, sep, k, maxsplit, from_right);
}

// which: -1 left, 0 both, 1 right.
PyObject *strip_common(const char *name, PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                       int which) noexcept {
    if (!args::check_positional(name, nargs, 0, 1)) return nullptr;
    const char *chars = nullptr;
    Py_ssize_t k = 0;
    if (nargs == 1 && args[0] != Py_None && !bytes_argument(args[0], &chars, &k)) return nullptr;
    const auto strip = [chars, k](unsigned char c) {
        return chars == nullptr ? bytes_is_space(c)
                                : std::memchr(chars, c, static_cast<std::size_t>(k)) != nullptr;
    };
    const auto *s = reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(self));
    Py_ssize_t start = 0, end = PyBytes_GET_SIZE(self);
    if (which <= 0)
        while (start < end && strip(s[start])) ++start;
    if (which >= 0)
        while (end > start && strip(s[end - 1])) --end;
    return slice_of(self, start, end);
}

PyObject *partition_common(PyObject *self, PyObject *sep_arg, int direction) noexcept {
    const char *sep;
    Py_ssize_t k;
    if (!bytes_argument(sep_arg, &sep, &k)) return nullptr;
    if (k == 0) {
        PyErr_SetString(PyExc_ValueError, "empty separator");
        return nullptr;
    }
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    const Py_ssize_t at = bytes_find_in(PyBytes_AS_STRING(self), 0, n, sep, k, direction);
    PyObject *empty = bytes_get_empty();
    PyObject *parts[3] = {nullptr, nullptr, nullptr};
    if (at < 0) {
        parts[direction > 0 ? 0 : 2] = slice_of(self, 0, n);
        parts[1] = Py_XNewRef(empty);
        parts[direction > 0 ? 2 : 0] = Py_XNewRef(empty);
    } else {
        parts[0] = slice_of(self, 0, at);
        parts[1] = Py_NewRef(sep_arg);
        parts[2] = slice_of(self, at + k, n);
    }
    Py_XDECREF(empty);
    PyObject *result = parts[0] != nullptr && parts[1] != nullptr && parts[2] != nullptr
                           ? PyTuple_Pack(3, parts[0], parts[1], parts[2])
                           : nullptr;
    for (PyObject *part : parts) Py_XDECREF(part);
    return result;
}

PyObject *remove_affix(PyObject *self, PyObject *affix, bool prefix) noexcept {
    const char *a;
    Py_ssize_t k;
    if (!bytes_argument(affix, &a, &k)) return nullptr;
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    const char *s = PyBytes_AS_STRING(self);
    if (k > 0 && k <= n && std::memcmp(prefix ? s : s + n - k, a, static_cast<std::size_t>(k)) == 0)
        return prefix ? slice_of(self, k, n) : slice_of(self, 0, n - k);
    return slice_of(self, 0, n);
}

}  // namespace

bool bytes_argument(PyObject *arg, const char **data, Py_ssize_t *size) noexcept {
    if (bytes_like_data(arg, data, size)) return true;
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                 Py_TYPE(arg)->tp_name);
    return false;
}

PyObject *bytes_split(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept {
    static constexpr args::KeywordParser kParser{"split", kSplitKeywords, 0, 2};
    return split_common(kParser, self, args, nargs, kwnames, false);
}
PyObject *bytes_rsplit(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) noexcept {
    static constexpr args::KeywordParser kParser{"rsplit", kSplitKeywords, 0, 2};
    return split_common(kParser, self, args, nargs, kwnames, true);
}

PyObject *bytes_strip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return strip_common("strip", self, args, nargs, 0);
}
PyObject *bytes_lstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return strip_common("lstrip", self, args, nargs, -1);
}
PyObject *bytes_rstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return strip_common("rstrip", self, args, nargs, 1);
}

PyObject *bytes_partition(PyObject *self, PyObject *sep) noexcept {
    return partition_common(self, sep, 1);
}
PyObject *bytes_rpartition(PyObject *self, PyObject *sep) noexcept {
    return partition_common(self, sep, -1);
}

PyObject *bytes_removeprefix(PyObject *self, PyObject *prefix) noexcept {
    return remove_affix(self, prefix, true);
}
PyObject *bytes_removesuffix(PyObject *self, PyObject *suffix) noexcept {
    return remove_affix(self, suffix, false);
}

// splitlines(keepends=False): lines end at \n, \r or \r\n.
PyObject *bytes_splitlines(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"keepends", nullptr};
    static constexpr args::KeywordParser kParser{"splitlines", kKeywords, 0, 1};
    PyObject *values[1];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, kParser, values)) return nullptr;
    int keepends = 0;
    if (values[0] != nullptr && !args::int_argument(values[0], &keepends)) return nullptr;
    const char *s = PyBytes_AS_STRING(self);
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    PyObject *list = PyList_New(0);
    if (list == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n;) {
        const Py_ssize_t start = i;
        while (i < n && s[i] != '\n' && s[i] != '\r') ++i;
        Py_ssize_t eol = i;
        if (i < n) {
            i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
            if (keepends) eol = i;
        }
        if (append_slice(list, self, start, eol) < 0) {
            Py_DECREF(list);
            return nullptr;
        }
    }
    return list;
}

// join(iterable_of_bytes, /)
PyObject *bytes_join(PyObject *self, PyObject *iterable) noexcept {
    PyObject *seq = PySequence_Fast(iterable, "can only join an iterable");
    if (seq == nullptr) return nullptr;
    const Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    const Py_ssize_t sep_len = PyBytes_GET_SIZE(self);
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < count; ++i) {
        const char *item_data = nullptr;
        Py_ssize_t item_size = 0;
        if (!bytes_like_data(items[i], &item_data, &item_size)) {
            PyErr_Format(PyExc_TypeError,
                         "sequence item %zd: expected a bytes-like object, %.80s found", i,
                         Py_TYPE(items[i])->tp_name);
            Py_DECREF(seq);
            return nullptr;
        }
        const Py_ssize_t add = item_size + (i > 0 ? sep_len : 0);
        if (total > PY_SSIZE_T_MAX - add) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_OverflowError, "join() result is too long for bytes");
            return nullptr;
        }
        total += add;
    }
    PyObject *result;
    if (count == 1 && PyBytes_CheckExact(items[0])) {
        result = Py_NewRef(items[0]);
    } else if ((result = PyBytes_FromStringAndSize(nullptr, total)) != nullptr) {
        char *out = PyBytes_AS_STRING(result);
        for (Py_ssize_t i = 0; i < count; ++i) {
            if (i > 0) {
                std::memcpy(out, PyBytes_AS_STRING(self), static_cast<std::size_t>(sep_len));
                out += sep_len;
            }
            const char *item_data = nullptr;
            Py_ssize_t len = 0;
            bytes_like_data(items[i], &item_data, &len);
            std::memcpy(out, item_data, static_cast<std::size_t>(len));
            out += len;
        }
    }
    Py_DECREF(seq);
    return result;
}

// replace(old, new, count=-1, /)
PyObject *bytes_replace(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("replace", nargs, 2, 3)) return nullptr;
    const char *old_data, *new_data;
    Py_ssize_t old_len, new_len, count = -1;
    // count first: its __index__ may resize a bytearray old or new, whose data pointer must be
    // taken after it (no Python code runs from there on).
    if (nargs == 3 && !args::ssize_argument(args[2], &count)) return nullptr;
    if (!bytes_argument(args[0], &old_data, &old_len) ||
        !bytes_argument(args[1], &new_data, &new_len))
        return nullptr;
    if (count < 0) count = PY_SSIZE_T_MAX;
    const char *s = PyBytes_AS_STRING(self);
    const Py_ssize_t n = PyBytes_GET_SIZE(self);
    // The matches first (an empty old matches before each byte and at the end).
    Py_ssize_t matches = 0;
    if (old_len == 0) {
        matches = n + 1 < count ? n + 1 : count;
    } else {
        for (Py_ssize_t i = 0; matches < count;) {
            const Py_ssize_t at = bytes_find_in(s, i, n, old_data, old_len, 1);
            if (at < 0) break;
            ++matches;
            i = at + old_len;
        }
    }
    if (matches == 0) return slice_of(self, 0, n);
    const Py_ssize_t growth = new_len - old_len;
    if (growth > 0 && matches > (PY_SSIZE_T_MAX - n) / growth) {
        PyErr_SetString(PyExc_OverflowError, "replace bytes is too long");
        return nullptr;
    }
    PyObject *result = PyBytes_FromStringAndSize(nullptr, n + matches * growth);
    if (result == nullptr) return nullptr;
    char *out = PyBytes_AS_STRING(result);
    Py_ssize_t i = 0;
    for (Py_ssize_t m = 0; m < matches; ++m) {
        const Py_ssize_t at = old_len == 0 ? i : bytes_find_in(s, i, n, old_data, old_len, 1);
        std::memcpy(out, s + i, static_cast<std::size_t>(at - i));
        out += at - i;
        std::memcpy(out, new_data, static_cast<std::size_t>(new_len));
        out += new_len;
        if (old_len == 0) {
            if (at < n) *out++ = s[at];
            i = at + 1;
        } else {
            i = at + old_len;
        }
    }
    if (i < n) std::memcpy(out, s + i, static_cast<std::size_t>(n - i));
    return result;
}

}  // namespace minipy::runtime
