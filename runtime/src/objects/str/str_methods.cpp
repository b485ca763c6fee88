// The methods of str (tp_methods): case mapping, the is* predicates, searching, splitting,
// stripping, joining, replacing and encoding. Argument errors use CPython 3.11's messages
// (those of its Argument Clinic wrappers), since scripts may print them.
#include "minipy/abstract.h"
#include "minipy/boolobject.h"
#include "minipy/dictobject.h"
#include "minipy/longobject.h"
#include "minipy/pyerrors.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_ctype.hpp"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

// --- Argument helpers -----------------------------------------------------------------

// A start/end argument: None keeps the default, an index is clamped to Py_ssize_t.
bool slice_index(PyObject *o, Py_ssize_t *out) noexcept {
    if (o == Py_None) return true;
    if (!PyIndex_Check(o)) {
        PyErr_SetString(PyExc_TypeError,
                        "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    Py_ssize_t v = PyNumber_AsSsize_t(o, nullptr);
    if (v == -1 && PyErr_Occurred()) return false;
    *out = v;
    return true;
}

bool arg_count(const char *name, PyObject *args, Py_ssize_t min, Py_ssize_t max) noexcept {
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < min) {
        PyErr_Format(PyExc_TypeError, "%s expected at least %zd argument%s, got %zd", name, min,
                     min == 1 ? "" : "s", n);
        return false;
    }
    if (n > max) {
        PyErr_Format(PyExc_TypeError, "%s expected at most %zd argument%s, got %zd", name, max,
                     max == 1 ? "" : "s", n);
        return false;
    }
    return true;
}

// (sub[, start[, end]]) of find / count / index; start and end are adjusted to self.
bool sub_start_end(const char *name, PyObject *self, PyObject *args, PyObject **sub,
                   Py_ssize_t *start, Py_ssize_t *end) noexcept {
    // These parse their arguments with PyArg_ParseTuple in CPython, hence the other wording.
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "%s() takes at %s %d argument%s (%zd given)", name,
                     nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 3, nargs < 1 ? "" : "s", nargs);
        return false;
    }
    *sub = PyTuple_GET_ITEM(args, 0);
    *start = 0;
    *end = PY_SSIZE_T_MAX;
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > 1 && !slice_index(PyTuple_GET_ITEM(args, 1), start)) return false;
    if (n > 2 && !slice_index(PyTuple_GET_ITEM(args, 2), end)) return false;
    if (!PyUnicode_Check(*sub)) {
        PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(*sub)->tp_name);
        return false;
    }
    unicode_adjust_indices(PyUnicode_GET_LENGTH(self), start, end);
    return true;
}

// Keyword arguments for a method taking (positional..., names): fills values[] from
// kwds; TypeError for an unknown name or a duplicate.
bool take_keywords(const char *method, PyObject *kwds, const char *const *names, int count,
                   PyObject **values) noexcept {
    if (kwds == nullptr) return true;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(kwds, &pos, &key, &value)) {
        int slot = -1;
        for (int k = 0; k < count; ++k)
            if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, names[k]) == 0)
                slot = k;
        if (slot < 0) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", method,
                         key);
            return false;
        }
        if (values[slot] != nullptr) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%d)", method,
                         names[slot], slot + 1);
            return false;
        }
        values[slot] = value;
    }
    return true;
}

PyObject *bool_result(bool value) noexcept {
    return Py_NewRef(value ? Py_True : Py_False);
}

// --- Case mapping ---------------------------------------------------------------------

// The lower-case form of a capital sigma at i: final (U+03C2) after a cased letter and not
// before one, skipping case-ignorable characters both ways; U+03C3 otherwise.
Py_UCS4 lower_sigma(int kind, const void *data, Py_ssize_t n, Py_ssize_t i) noexcept {
    Py_ssize_t j = i - 1;
    while (j >= 0 && unicode_is_case_ignorable(PyUnicode_READ(kind, data, j))) --j;
    bool final = j >= 0 && unicode_is_cased(PyUnicode_READ(kind, data, j));
    if (final) {
        j = i + 1;
        while (j < n && unicode_is_case_ignorable(PyUnicode_READ(kind, data, j))) ++j;
        final = j == n || !unicode_is_cased(PyUnicode_READ(kind, data, j));
    }
    return final ? 0x3C2 : 0x3C3;
}

PyObject *change_case(PyObject *self, bool upper) noexcept {
    const int kind = PyUnicode_KIND(self);
    const void *data = PyUnicode_DATA(self);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (PyUnicode_IS_ASCII(self)) {
        PyObject *result = PyUnicode_New(n, 0x7f);
        if (result == nullptr || n == 0) return result;
        const Py_UCS1 *in = PyUnicode_1BYTE_DATA(self);
        Py_UCS1 *out = PyUnicode_1BYTE_DATA(result);
        for (Py_ssize_t i = 0; i < n; ++i) {
            Py_UCS1 c = in[i];
            if (upper && c >= 'a' && c <= 'z') c = static_cast<Py_UCS1>(c - 32);
            if (!upper && c >= 'A' && c <= 'Z') c = static_cast<Py_UCS1>(c + 32);
            out[i] = c;
        }
        return result;
    }
    UnicodeWriter writer;
    if (writer.reserve(n, 0) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        Py_UCS4 mapped[3];
        int count;
        if (!upper && ch == 0x3A3) {
            mapped[0] = lower_sigma(kind, data, n, i);
            count = 1;
        } else {
            count = upper ? unicode_full_upper(ch, mapped) : unicode_full_lower(ch, mapped);
        }
        for (int k = 0; k < count; ++k)
            if (writer.write_char(mapped[k]) < 0) return nullptr;
    }
    return writer.finish();
}

PyObject *str_upper(PyObject *self, PyObject *) noexcept {
    return change_case(self, true);
}
PyObject *str_lower(PyObject *self, PyObject *) noexcept {
    return change_case(self, false);
}

// --- Predicates -----------------------------------------------------------------------

template <typename Pred>
PyObject *all_chars(PyObject *self, Pred pred) noexcept {
    const int kind = PyUnicode_KIND(self);
    const void *data = PyUnicode_DATA(self);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (n == 0) return bool_result(false);
    for (Py_ssize_t i = 0; i < n; ++i)
        if (!pred(PyUnicode_READ(kind, data, i))) return bool_result(false);
    return bool_result(true);
}

PyObject *str_isdigit(PyObject *self, PyObject *) noexcept {
    return all_chars(self, [](Py_UCS4 c) { return _PyUnicode_IsDigit(c) != 0; });
}
PyObject *str_isdecimal(PyObject *self, PyObject *) noexcept {
    return all_chars(self, [](Py_UCS4 c) { return _PyUnicode_IsDecimalDigit(c) != 0; });
}
PyObject *str_isnumeric(PyObject *self, PyObject *) noexcept {
    return all_chars(self, [](Py_UCS4 c) { return unicode_is_numeric(c); });
}
PyObject *str_isalpha(PyObject *self, PyObject *) noexcept {
    return all_chars(self, [](Py_UCS4 c) { return _PyUnicode_IsAlpha(c) != 0; });
}
PyObject *str_isspace(PyObject *self, PyObject *) noexcept {
    return all_chars(self, [](Py_UCS4 c) { return _PyUnicode_IsWhitespace(c) != 0; });
}
PyObject *str_isalnum(PyObject *self, PyObject *) noexcept {
    return all_chars(self, [](Py_UCS4 c) {
        return _PyUnicode_IsAlpha(c) || _PyUnicode_IsDecimalDigit(c) || _PyUnicode_IsDigit(c) ||
               unicode_is_numeric(c);
    });
}
PyObject *str_isascii(PyObject *self, PyObject *) noexcept {
    return bool_result(PyUnicode_IS_ASCII(self));
}
PyObject *str_isprintable(PyObject *self, PyObject *) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    for (Py_ssize_t i = 0; i < n; ++i)
        if (!_PyUnicode_IsPrintable(PyUnicode_READ_CHAR(self, i))) return bool_result(false);
    return bool_result(true);  // the empty string is printable
}

// islower / isupper: at least one cased character of the wanted case, none of the other
// case and no titlecase letter.
PyObject *cased_as(PyObject *self, bool upper) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    bool cased = false;
    for (Py_ssize_t i = 0; i < n; ++i) {
        const Py_UCS4 ch = PyUnicode_READ_CHAR(self, i);
        const bool wanted = upper ? _PyUnicode_IsUppercase(ch) : _PyUnicode_IsLowercase(ch);
        const bool other = upper ? _PyUnicode_IsLowercase(ch) : _PyUnicode_IsUppercase(ch);
        if (other || unicode_is_titlecase(ch)) return bool_result(false);
        cased |= wanted;
    }
    return bool_result(cased);
}
PyObject *str_islower(PyObject *self, PyObject *) noexcept {
    return cased_as(self, false);
}
PyObject *str_isupper(PyObject *self, PyObject *) noexcept {
    return cased_as(self, true);
}

// --- Searching ------------------------------------------------------------------------

PyObject *find_common(const char *name, PyObject *self, PyObject *args, int direction,
                      bool raise) noexcept {
    PyObject *sub;
    Py_ssize_t start, end;
    if (!sub_start_end(name, self, args, &sub, &start, &end)) return nullptr;
    const Py_ssize_t at = unicode_find_in(self, sub, start, end, direction);
    if (at < 0 && raise) {
        PyErr_SetString(PyExc_ValueError, "substring not found");
        return nullptr;
    }
    return PyLong_FromSsize_t(at);
}

PyObject *str_find(PyObject *self, PyObject *args) noexcept {
    return find_common("find", self, args, 1, false);
}
PyObject *str_rfind(PyObject *self, PyObject *args) noexcept {
    return find_common("rfind", self, args, -1, false);
}
PyObject *str_index(PyObject *self, PyObject *args) noexcept {
    return find_common("index", self, args, 1, true);
}
PyObject *str_rindex(PyObject *self, PyObject *args) noexcept {
    return find_common("rindex", self, args, -1, true);
}

PyObject *str_count(PyObject *self, PyObject *args) noexcept {
    PyObject *sub;
    Py_ssize_t start, end;
    if (!sub_start_end("count", self, args, &sub, &start, &end)) return nullptr;
    return PyLong_FromSsize_t(unicode_count_in(self, sub, start, end, -1));
}

// startswith / endswith: prefix is a str or a tuple of them.
PyObject *tailmatch_common(const char *name, PyObject *self, PyObject *args,
                           int direction) noexcept {
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1 || n > 3)
        return PyErr_Format(PyExc_TypeError, "%s() takes at %s %d argument%s (%zd given)", name,
                            n < 1 ? "least" : "most", n < 1 ? 1 : 3, n < 1 ? "" : "s", n);
    PyObject *what = PyTuple_GET_ITEM(args, 0);
    Py_ssize_t start = 0, end = PY_SSIZE_T_MAX;
    if (n > 1 && !slice_index(PyTuple_GET_ITEM(args, 1), &start)) return nullptr;
    if (n > 2 && !slice_index(PyTuple_GET_ITEM(args, 2), &end)) return nullptr;
    if (PyTuple_Check(what)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(what); ++i) {
            PyObject *item = PyTuple_GET_ITEM(what, i);
            if (!PyUnicode_Check(item))
                return PyErr_Format(PyExc_TypeError,
                                    "tuple for %s must only contain str, not %.100s", name,
                                    Py_TYPE(item)->tp_name);
            Py_ssize_t r = PyUnicode_Tailmatch(self, item, start, end, direction);
            if (r < 0) return nullptr;
            if (r) return bool_result(true);
        }
        return bool_result(false);
    }
    if (!PyUnicode_Check(what))
        return PyErr_Format(PyExc_TypeError,
                            "%s first arg must be str or a tuple of str, not %.100s", name,
                            Py_TYPE(what)->tp_name);
    Py_ssize_t r = PyUnicode_Tailmatch(self, what, start, end, direction);
    return r < 0 ? nullptr : bool_result(r != 0);
}

PyObject *str_startswith(PyObject *self, PyObject *args) noexcept {
    return tailmatch_common("startswith", self, args, -1);
}
PyObject *str_endswith(PyObject *self, PyObject *args) noexcept {
    return tailmatch_common("endswith", self, args, 1);
}

// --- Cutting and assembling -----------------------------------------------------------

PyObject *split_common(const char *name, PyObject *self, PyObject *args, PyObject *kwds,
                       bool from_right) noexcept {
    static const char *const kNames[] = {"sep", "maxsplit"};
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > 2)
        return PyErr_Format(PyExc_TypeError, "%s() takes at most 2 arguments (%zd given)", name, n);
    PyObject *values[2] = {n > 0 ? PyTuple_GET_ITEM(args, 0) : nullptr,
                           n > 1 ? PyTuple_GET_ITEM(args, 1) : nullptr};
    const Py_ssize_t nkw = kwds != nullptr ? PyDict_Size(kwds) : 0;
    if (nkw > 0 && n + nkw > 2)
        return PyErr_Format(PyExc_TypeError, "%s() takes at most 2 keyword arguments (%zd given)",
                            name, n + nkw);
    if (!take_keywords(name, kwds, kNames, 2, values)) return nullptr;
    Py_ssize_t maxsplit = -1;
    if (values[1] != nullptr) {
        if (!PyIndex_Check(values[1]))
            return PyErr_Format(PyExc_TypeError,
                                "'%.200s' object cannot be interpreted as an integer",
                                Py_TYPE(values[1])->tp_name);
        maxsplit = PyNumber_AsSsize_t(values[1], PyExc_OverflowError);
        if (maxsplit == -1 && PyErr_Occurred()) return nullptr;
    }
    PyObject *sep = values[0] == Py_None ? nullptr : values[0];
    if (sep != nullptr) {
        if (!PyUnicode_Check(sep))
            return PyErr_Format(PyExc_TypeError, "must be str or None, not %.100s",
                                Py_TYPE(sep)->tp_name);
        if (PyUnicode_GET_LENGTH(sep) == 0) {
            PyErr_SetString(PyExc_ValueError, "empty separator");
            return nullptr;
        }
    }
    return unicode_split(self, sep, maxsplit, from_right);
}

PyObject *str_split(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    return split_common("split", self, args, kwds, false);
}
PyObject *str_rsplit(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    return split_common("rsplit", self, args, kwds, true);
}

PyObject *strip_common(const char *name, PyObject *self, PyObject *args, int which) noexcept {
    if (!arg_count(name, args, 0, 1)) return nullptr;
    PyObject *chars = PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : nullptr;
    if (chars == Py_None) chars = nullptr;
    if (chars != nullptr && !PyUnicode_Check(chars))
        return PyErr_Format(PyExc_TypeError, "%s arg must be None or str", name);
    return unicode_strip(self, chars, which);
}

PyObject *str_strip(PyObject *self, PyObject *args) noexcept {
    return strip_common("strip", self, args, 0);
}
PyObject *str_lstrip(PyObject *self, PyObject *args) noexcept {
    return strip_common("lstrip", self, args, -1);
}
PyObject *str_rstrip(PyObject *self, PyObject *args) noexcept {
    return strip_common("rstrip", self, args, 1);
}

PyObject *str_join(PyObject *self, PyObject *iterable) noexcept {
    return PyUnicode_Join(self, iterable);
}

PyObject *str_replace(PyObject *self, PyObject *args) noexcept {
    if (!arg_count("replace", args, 2, 3)) return nullptr;
    PyObject *old_text = PyTuple_GET_ITEM(args, 0), *new_text = PyTuple_GET_ITEM(args, 1);
    for (int k = 0; k < 2; ++k) {
        PyObject *o = PyTuple_GET_ITEM(args, k);
        if (!PyUnicode_Check(o))
            return PyErr_Format(PyExc_TypeError, "replace() argument %d must be str, not %.100s",
                                k + 1, Py_TYPE(o)->tp_name);
    }
    Py_ssize_t count = -1;
    if (PyTuple_GET_SIZE(args) == 3) {
        PyObject *o = PyTuple_GET_ITEM(args, 2);
        if (!PyIndex_Check(o))
            return PyErr_Format(PyExc_TypeError,
                                "'%.200s' object cannot be interpreted as an integer",
                                Py_TYPE(o)->tp_name);
        count = PyNumber_AsSsize_t(o, PyExc_OverflowError);
        if (count == -1 && PyErr_Occurred()) return nullptr;
    }
    return PyUnicode_Replace(self, old_text, new_text, count);
}

PyObject *str_encode(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    static const char *const kNames[] = {"encoding", "errors"};
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > 2)
        return PyErr_Format(PyExc_TypeError, "encode() takes at most 2 arguments (%zd given)", n);
    PyObject *values[2] = {n > 0 ? PyTuple_GET_ITEM(args, 0) : nullptr,
                           n > 1 ? PyTuple_GET_ITEM(args, 1) : nullptr};
    if (!take_keywords("encode", kwds, kNames, 2, values)) return nullptr;
    const char *strings[2] = {"utf-8", "strict"};
    for (int k = 0; k < 2; ++k) {
        if (values[k] == nullptr) continue;
        if (!PyUnicode_Check(values[k]))
            return PyErr_Format(PyExc_TypeError, "encode() argument '%s' must be str, not %.50s",
                                kNames[k], Py_TYPE(values[k])->tp_name);
        strings[k] = PyUnicode_AsUTF8(values[k]);
        if (strings[k] == nullptr) return nullptr;
    }
    return PyUnicode_AsEncodedString(self, strings[0], strings[1]);
}

}  // namespace

PyMethodDef unicode_methods[] = {
    {"encode", _PyCFunction_CAST(str_encode), METH_VARARGS | METH_KEYWORDS,
     "Encode the string using the codec registered for encoding."},
    {"upper", str_upper, METH_NOARGS, "Return a copy of the string converted to uppercase."},
    {"lower", str_lower, METH_NOARGS, "Return a copy of the string converted to lowercase."},
    {"join", str_join, METH_O, "Concatenate any number of strings."},
    {"split", _PyCFunction_CAST(str_split), METH_VARARGS | METH_KEYWORDS,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"rsplit", _PyCFunction_CAST(str_rsplit), METH_VARARGS | METH_KEYWORDS,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"strip", str_strip, METH_VARARGS,
     "Return a copy of the string with leading and trailing whitespace removed."},
    {"lstrip", str_lstrip, METH_VARARGS,
     "Return a copy of the string with leading whitespace removed."},
    {"rstrip", str_rstrip, METH_VARARGS,
     "Return a copy of the string with trailing whitespace removed."},
    {"startswith", str_startswith, METH_VARARGS,
     "Return True if S starts with the specified prefix, False otherwise."},
    {"endswith", str_endswith, METH_VARARGS,
     "Return True if S ends with the specified suffix, False otherwise."},
    {"find", str_find, METH_VARARGS, "Return the lowest index in S where substring sub is found."},
    {"rfind", str_rfind, METH_VARARGS,
     "Return the highest index in S where substring sub is found."},
    {"index", str_index, METH_VARARGS,
     "Like find() but raise ValueError when the substring is not found."},
    {"rindex", str_rindex, METH_VARARGS,
     "Like rfind() but raise ValueError when the substring is not found."},
    {"count", str_count, METH_VARARGS,
     "Return the number of non-overlapping occurrences of substring sub."},
    {"replace", str_replace, METH_VARARGS,
     "Return a copy with all occurrences of substring old replaced by new."},
    {"isdigit", str_isdigit, METH_NOARGS,
     "Return True if the string is a digit string, False otherwise."},
    {"isdecimal", str_isdecimal, METH_NOARGS,
     "Return True if the string is a decimal string, False otherwise."},
    {"isnumeric", str_isnumeric, METH_NOARGS,
     "Return True if the string is a numeric string, False otherwise."},
    {"isalpha", str_isalpha, METH_NOARGS,
     "Return True if the string is an alphabetic string, False otherwise."},
    {"isalnum", str_isalnum, METH_NOARGS,
     "Return True if the string is an alpha-numeric string, False otherwise."},
    {"isspace", str_isspace, METH_NOARGS,
     "Return True if the string is a whitespace string, False otherwise."},
    {"islower", str_islower, METH_NOARGS,
     "Return True if the string is a lowercase string, False otherwise."},
    {"isupper", str_isupper, METH_NOARGS,
     "Return True if the string is an uppercase string, False otherwise."},
    {"isascii", str_isascii, METH_NOARGS,
     "Return True if all characters in the string are ASCII, False otherwise."},
    {"isprintable", str_isprintable, METH_NOARGS,
     "Return True if the string is printable, False otherwise."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::runtime
