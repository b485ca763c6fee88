// The methods of bytes (tp_methods): decode, hex, find, rfind, count, startswith and
// endswith, with CPython 3.11's argument rules (args/method_args.hpp) and messages.
//
// The search methods take (sub[, start[, end]]) as stringlib does, where sub is a bytes
// object or, for find / rfind / count, a byte value (an int in range(256)); startswith and
// endswith take a bytes object or a tuple of them.
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/bytes/bytes_internal.hpp"

namespace minipy::runtime {
namespace {

// decode(encoding='utf-8', errors='strict')
PyObject *bytes_decode(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) noexcept {
    const char *encoding, *errors;
    if (!args::parse_encoding_arguments("decode", args, nargs, kwnames, &encoding, &errors))
        return nullptr;
    return PyUnicode_Decode(PyBytes_AS_STRING(self), Py_SIZE(self), encoding, errors);
}

// The separator of hex(): a str or bytes of length 1, ASCII. 0 without one; -1 on error.
int hex_separator(PyObject *sep, Py_UCS1 *out) noexcept {
    const Py_ssize_t length = PyObject_Length(sep);
    if (length < 0) return -1;
    if (length != 1) {
        PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
        return -1;
    }
    Py_UCS4 c;
    if (PyUnicode_Check(sep)) {
        c = PyUnicode_READ_CHAR(sep, 0);
    } else if (PyBytes_Check(sep)) {
        c = static_cast<unsigned char>(PyBytes_AS_STRING(sep)[0]);
    } else {
        PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
        return -1;
    }
    if (c > 127) {
        PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
        return -1;
    }
    *out = static_cast<Py_UCS1>(c);
    return 0;
}

// hex(sep=<none>, bytes_per_sep=1): two hex digits a byte; with sep, one separator between
// groups of |bytes_per_sep| bytes counted from the right (positive) or the left (negative).
PyObject *bytes_hex(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"sep", "bytes_per_sep", nullptr};
    static constexpr args::KeywordParser kParser{"hex", kKeywords, 0, 2};
    PyObject *values[2];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, kParser, values)) return nullptr;
    int bytes_per_sep = 1;
    if (values[1] != nullptr && !args::int_argument(values[1], &bytes_per_sep)) return nullptr;
    Py_UCS1 sep = 0;
    if (values[0] == nullptr)
        bytes_per_sep = 0;
    else if (hex_separator(values[0], &sep) < 0)
        return nullptr;

    const Py_ssize_t n = Py_SIZE(self);
    // |bytes_per_sep| without overflowing for INT_MIN.
    const size_t group = bytes_per_sep < 0 ? 0u - static_cast<size_t>(bytes_per_sep)
                                           : static_cast<size_t>(bytes_per_sep);
    const Py_ssize_t separators =
        group != 0 && n > 0 ? static_cast<Py_ssize_t>(static_cast<size_t>(n - 1) / group) : 0;
    if (n >= PY_SSIZE_T_MAX / 2 - separators) return PyErr_NoMemory();
    PyObject *result = PyUnicode_New(n * 2 + separators, 0x7f);
    if (result == nullptr) return nullptr;
    static const char kHex[] = "0123456789abcdef";
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(result);
    const auto *in = reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(self));
    Py_ssize_t j = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        // Bytes before position i (from the left) or after it (from the right), in groups.
        if (separators > 0 && i > 0) {
            const size_t before =
                bytes_per_sep < 0 ? static_cast<size_t>(i) : static_cast<size_t>(n - i);
            if (before % group == 0) out[j++] = sep;
        }
        out[j++] = static_cast<Py_UCS1>(kHex[in[i] >> 4]);
        out[j++] = static_cast<Py_UCS1>(kHex[in[i] & 0xf]);
    }
    return result;
}

// The sub of find / rfind / count: bytes, or an int in range(256) stored in *byte.
bool find_needle(PyObject *sub, char *byte, const char **needle, Py_ssize_t *n) noexcept {
    if (bytes_like_data(sub, needle, n)) return true;
    if (!PyIndex_Check(sub)) {
        PyErr_Format(PyExc_TypeError,
                     "argument should be integer or bytes-like object, not '%.200s'",
                     Py_TYPE(sub)->tp_name);
        return false;
    }
    const Py_ssize_t value = PyNumber_AsSsize_t(sub, nullptr);
    if (value == -1 && PyErr_Occurred()) return false;
    if (value < 0 || value > 255) {
        PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
        return false;
    }
    *byte = static_cast<char>(value);
    *needle = byte;
    *n = 1;
    return true;
}

// (sub[, start[, end]]) of find / rfind / count, with start and end adjusted to self.
struct FindArguments {
    char byte;
    const char *needle;
    Py_ssize_t n, start, end;
};

bool find_arguments(const char *name, PyObject *self, PyObject *args, FindArguments *out) noexcept {
    PyObject *sub;
    if (!args::parse_find_arguments(name, args, &sub, &out->start, &out->end) ||
        !find_needle(sub, &out->byte, &out->needle, &out->n))
        return false;
    args::adjust_indices(Py_SIZE(self), &out->start, &out->end);
    return true;
}

PyObject *find_common(const char *name, PyObject *self, PyObject *args, int direction) noexcept {
    FindArguments a;
    if (!find_arguments(name, self, args, &a)) return nullptr;
    return PyLong_FromSsize_t(
        bytes_find_in(PyBytes_AS_STRING(self), a.start, a.end, a.needle, a.n, direction));
}

PyObject *bytes_find(PyObject *self, PyObject *args) noexcept {
    return find_common("find", self, args, 1);
}
PyObject *bytes_rfind(PyObject *self, PyObject *args) noexcept {
    return find_common("rfind", self, args, -1);
}

PyObject *index_common(const char *name, PyObject *self, PyObject *args, int direction) noexcept {
    FindArguments a;
    if (!find_arguments(name, self, args, &a)) return nullptr;
    const Py_ssize_t at =
        bytes_find_in(PyBytes_AS_STRING(self), a.start, a.end, a.needle, a.n, direction);
    if (at < 0) {
        PyErr_SetString(PyExc_ValueError, "subsection not found");
        return nullptr;
    }
    return PyLong_FromSsize_t(at);
}

PyObject *bytes_index(PyObject *self, PyObject *args) noexcept {
    return index_common("index", self, args, 1);
}
PyObject *bytes_rindex(PyObject *self, PyObject *args) noexcept {
    return index_common("rindex", self, args, -1);
}

PyObject *bytes_count(PyObject *self, PyObject *args) noexcept {
    FindArguments a;
    if (!find_arguments("count", self, args, &a)) return nullptr;
    if (a.end < a.start) return PyLong_FromLong(0);
    if (a.n == 0) return PyLong_FromSsize_t(a.end - a.start + 1);
    Py_ssize_t count = 0;
    for (Py_ssize_t at;
         (at = bytes_find_in(PyBytes_AS_STRING(self), a.start, a.end, a.needle, a.n, 1)) >= 0;
         a.start = at + a.n)
        ++count;
    return PyLong_FromSsize_t(count);
}

// Whether self[start:end] starts (direction < 0) or ends with prefix; -1 with TypeError when
// prefix is not bytes.
int tailmatch(PyObject *self, PyObject *prefix, Py_ssize_t start, Py_ssize_t end,
              int direction) noexcept {
    const char *prefix_data = nullptr;
    Py_ssize_t n = 0;
    if (!bytes_like_data(prefix, &prefix_data, &n)) {
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                     Py_TYPE(prefix)->tp_name);
        return -1;
    }
    const Py_ssize_t length = Py_SIZE(self);
    args::adjust_indices(length, &start, &end);
    if (direction < 0) {
        if (start > length - n) return 0;
    } else {
        if (end - start < n || start > length) return 0;
        if (end - n > start) start = end - n;
    }
    if (end - start < n) return 0;
    return std::memcmp(PyBytes_AS_STRING(self) + start, prefix_data, static_cast<size_t>(n)) == 0;
}

PyObject *tailmatch_common(const char *name, PyObject *self, PyObject *args,
                           int direction) noexcept {
    PyObject *what;
    Py_ssize_t start, end;
    if (!args::parse_find_arguments(name, args, &what, &start, &end)) return nullptr;
    if (PyTuple_Check(what)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(what); ++i) {
            const int r = tailmatch(self, PyTuple_GET_ITEM(what, i), start, end, direction);
            if (r < 0) return nullptr;
            if (r) Py_RETURN_TRUE;
        }
        Py_RETURN_FALSE;
    }
    const int r = tailmatch(self, what, start, end, direction);
    if (r < 0) {
        PyErr_Clear();
        return PyErr_Format(PyExc_TypeError,
                            "%s first arg must be bytes or a tuple of bytes, not %s", name,
                            Py_TYPE(what)->tp_name);
    }
    return PyBool_FromLong(r);
}

PyObject *bytes_startswith(PyObject *self, PyObject *args) noexcept {
    return tailmatch_common("startswith", self, args, -1);
}
PyObject *bytes_endswith(PyObject *self, PyObject *args) noexcept {
    return tailmatch_common("endswith", self, args, 1);
}

}  // namespace

PyMethodDef bytes_methods[] = {
    {"decode", _PyCFunction_CAST(bytes_decode), METH_FASTCALL | METH_KEYWORDS,
     "Decode the bytes using the codec registered for encoding."},
    {"hex", _PyCFunction_CAST(bytes_hex), METH_FASTCALL | METH_KEYWORDS,
     "Create a string of hexadecimal numbers from a bytes object."},
    {"find", bytes_find, METH_VARARGS,
     "Return the lowest index in B where subsection sub is found."},
    {"rfind", bytes_rfind, METH_VARARGS,
     "Return the highest index in B where subsection sub is found."},
    {"count", bytes_count, METH_VARARGS,
     "Return the number of non-overlapping occurrences of subsection sub."},
    {"startswith", bytes_startswith, METH_VARARGS,
     "Return True if B starts with the specified prefix."},
    {"endswith", bytes_endswith, METH_VARARGS, "Return True if B ends with the specified suffix."},
    {"index", bytes_index, METH_VARARGS,
     "Return the lowest index in B where subsection sub is found, raising ValueError if not."},
    {"rindex", bytes_rindex, METH_VARARGS,
     "Return the highest index in B where subsection sub is found, raising ValueError if not."},
    {"lower", bytes_lower, METH_NOARGS,
     "B.lower() -> copy of B with all ASCII characters lowered."},
    {"upper", bytes_upper, METH_NOARGS, "B.upper() -> copy of B with all ASCII characters raised."},
    {"capitalize", bytes_capitalize, METH_NOARGS, "B.capitalize() -> copy of B capitalized."},
    {"swapcase", bytes_swapcase, METH_NOARGS, "B.swapcase() -> copy of B with case swapped."},
    {"title", bytes_title, METH_NOARGS, "B.title() -> copy of B titlecased."},
    {"isalnum", bytes_isalnum, METH_NOARGS, "B.isalnum() -> bool"},
    {"isalpha", bytes_isalpha, METH_NOARGS, "B.isalpha() -> bool"},
    {"isascii", bytes_isascii, METH_NOARGS, "B.isascii() -> bool"},
    {"isdigit", bytes_isdigit, METH_NOARGS, "B.isdigit() -> bool"},
    {"islower", bytes_islower, METH_NOARGS, "B.islower() -> bool"},
    {"isspace", bytes_isspace, METH_NOARGS, "B.isspace() -> bool"},
    {"istitle", bytes_istitle, METH_NOARGS, "B.istitle() -> bool"},
    {"isupper", bytes_isupper, METH_NOARGS, "B.isupper() -> bool"},
    {"center", _PyCFunction_CAST(bytes_center), METH_FASTCALL,
     "Return a centered string of length width."},
    {"ljust", _PyCFunction_CAST(bytes_ljust), METH_FASTCALL,
     "Return a left-justified string of length width."},
    {"rjust", _PyCFunction_CAST(bytes_rjust), METH_FASTCALL,
     "Return a right-justified string of length width."},
    {"zfill", bytes_zfill, METH_O, "Pad a numeric string with zeros on the left."},
    {"expandtabs", _PyCFunction_CAST(bytes_expandtabs), METH_FASTCALL | METH_KEYWORDS,
     "Return a copy where all tab characters are expanded using spaces."},
    {"split", _PyCFunction_CAST(bytes_split), METH_FASTCALL | METH_KEYWORDS,
     "Return a list of the sections in the bytes, using sep as the delimiter."},
    {"rsplit", _PyCFunction_CAST(bytes_rsplit), METH_FASTCALL | METH_KEYWORDS,
     "Return a list of the sections in the bytes, using sep as the delimiter."},
    {"strip", _PyCFunction_CAST(bytes_strip), METH_FASTCALL,
     "Strip leading and trailing bytes contained in the argument."},
    {"lstrip", _PyCFunction_CAST(bytes_lstrip), METH_FASTCALL,
     "Strip leading bytes contained in the argument."},
    {"rstrip", _PyCFunction_CAST(bytes_rstrip), METH_FASTCALL,
     "Strip trailing bytes contained in the argument."},
    {"partition", bytes_partition, METH_O,
     "Partition the bytes into three parts using the given separator."},
    {"rpartition", bytes_rpartition, METH_O,
     "Partition the bytes into three parts using the given separator."},
    {"removeprefix", bytes_removeprefix, METH_O,
     "Return a bytes object with the given prefix string removed if present."},
    {"removesuffix", bytes_removesuffix, METH_O,
     "Return a bytes object with the given suffix string removed if present."},
    {"splitlines", _PyCFunction_CAST(bytes_splitlines), METH_FASTCALL | METH_KEYWORDS,
     "Return a list of the lines in the bytes, breaking at line boundaries."},
    {"join", bytes_join, METH_O, "Concatenate any number of bytes objects."},
    {"replace", _PyCFunction_CAST(bytes_replace), METH_FASTCALL,
     "Return a copy with all occurrences of substring old replaced by new."},
    {"maketrans", _PyCFunction_CAST(bytes_maketrans), METH_FASTCALL | METH_STATIC,
     "Return a translation table useable for the bytes or bytearray translate method."},
    {"translate", _PyCFunction_CAST(bytes_translate), METH_FASTCALL | METH_KEYWORDS,
     "Return a copy with each character mapped by the given translation table."},
    {"fromhex", bytes_fromhex, METH_O | METH_CLASS,
     "Create a bytes object from a string of hexadecimal numbers."},
    {"__bytes__", bytes_bytes_method, METH_NOARGS, "Convert this value to exact type bytes."},
    {"__getnewargs__", bytes_getnewargs, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::runtime
