// The methods of str (tp_methods): case mapping, the is* predicates, searching, splitting,
// stripping, joining, replacing and encoding. Argument errors use CPython 3.11's messages
// (those of its Argument Clinic wrappers), since scripts may print them.
#include "args/method_args.hpp"
#include "minipy/abstract.h"
#include "minipy/boolobject.h"
#include "minipy/dictobject.h"
#include "minipy/longobject.h"
#include "minipy/pyerrors.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_ctype.hpp"
#include "objects/str/str_internal.hpp"
#include "protocols/format_spec.hpp"

namespace minipy::runtime {

// The lower-case form of a capital sigma at i: final (U+03C2) after a cased letter and not
// before one, skipping case-ignorable characters both ways; U+03C3 otherwise.
Py_UCS4 unicode_lower_sigma(int kind, const void *data, Py_ssize_t n, Py_ssize_t i) noexcept {
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

namespace {

// (sub[, start[, end]]) of find / count / index: sub must be a str.
bool sub_start_end(const char *name, PyObject *args, PyObject **sub, Py_ssize_t *start,
                   Py_ssize_t *end) noexcept {
    return args::parse_find_arguments(name, args, sub, start, end) && ensure_str(*sub);
}

PyObject *bool_result(bool value) noexcept {
    return Py_NewRef(value ? Py_True : Py_False);
}

// --- Case mapping ---------------------------------------------------------------------

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
            mapped[0] = unicode_lower_sigma(kind, data, n, i);
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
    if (!sub_start_end(name, args, &sub, &start, &end)) return nullptr;
    args::adjust_indices(PyUnicode_GET_LENGTH(self), &start, &end);
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
    if (!sub_start_end("count", args, &sub, &start, &end)) return nullptr;
    args::adjust_indices(PyUnicode_GET_LENGTH(self), &start, &end);
    return PyLong_FromSsize_t(unicode_count_in(self, sub, start, end, -1));
}

// startswith / endswith: prefix is a str or a tuple of them.
PyObject *tailmatch_common(const char *name, PyObject *self, PyObject *args,
                           int direction) noexcept {
    PyObject *what;
    Py_ssize_t start, end;
    if (!args::parse_find_arguments(name, args, &what, &start, &end)) return nullptr;
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

// split / rsplit(sep=None, maxsplit=-1)
PyObject *split_common(const args::KeywordParser &parser, PyObject *self, PyObject *const *argv,
                       Py_ssize_t nargs, PyObject *kwnames, bool from_right) noexcept {
    PyObject *values[2];
    if (!args::unpack_keywords(argv, nargs, nullptr, kwnames, parser, values)) return nullptr;
    Py_ssize_t maxsplit = -1;
    if (values[1] != nullptr && !args::ssize_argument(values[1], &maxsplit)) return nullptr;
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

constexpr const char *kSplitKeywords[] = {"sep", "maxsplit", nullptr};

PyObject *str_split(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames) noexcept {
    static constexpr args::KeywordParser kParser{"split", kSplitKeywords, 0, 2};
    return split_common(kParser, self, args, nargs, kwnames, false);
}
PyObject *str_rsplit(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames) noexcept {
    static constexpr args::KeywordParser kParser{"rsplit", kSplitKeywords, 0, 2};
    return split_common(kParser, self, args, nargs, kwnames, true);
}

// strip / lstrip / rstrip(chars=None, /)
PyObject *strip_common(const char *name, PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                       int which) noexcept {
    if (!args::check_positional(name, nargs, 0, 1)) return nullptr;
    PyObject *chars = nargs > 0 ? args[0] : nullptr;
    if (chars == Py_None) chars = nullptr;
    if (chars != nullptr && !PyUnicode_Check(chars))
        return PyErr_Format(PyExc_TypeError, "%s arg must be None or str", name);
    return unicode_strip(self, chars, which);
}

PyObject *str_strip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return strip_common("strip", self, args, nargs, 0);
}
PyObject *str_lstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return strip_common("lstrip", self, args, nargs, -1);
}
PyObject *str_rstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return strip_common("rstrip", self, args, nargs, 1);
}

PyObject *str_join(PyObject *self, PyObject *iterable) noexcept {
    return PyUnicode_Join(self, iterable);
}

// replace(old, new, count=-1, /)
PyObject *str_replace(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("replace", nargs, 2, 3)) return nullptr;
    if (!PyUnicode_Check(args[0])) {
        args::bad_argument("replace", "argument 1", "str", args[0]);
        return nullptr;
    }
    if (!PyUnicode_Check(args[1])) {
        args::bad_argument("replace", "argument 2", "str", args[1]);
        return nullptr;
    }
    Py_ssize_t count = -1;
    if (nargs == 3 && !args::ssize_argument(args[2], &count)) return nullptr;
    return PyUnicode_Replace(self, args[0], args[1], count);
}

// encode(encoding='utf-8', errors='strict')
PyObject *str_encode(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames) noexcept {
    const char *encoding, *errors;
    if (!args::parse_encoding_arguments("encode", args, nargs, kwnames, &encoding, &errors))
        return nullptr;
    return PyUnicode_AsEncodedString(self, encoding, errors);
}

}  // namespace

PyMethodDef unicode_methods[] = {
    {"__format__", minipy::runtime::unicode_format_method, METH_O,
     "Return a formatted version of the string as described by format_spec."},
    {"encode", _PyCFunction_CAST(str_encode), METH_FASTCALL | METH_KEYWORDS,
     "Encode the string using the codec registered for encoding."},
    {"upper", str_upper, METH_NOARGS, "Return a copy of the string converted to uppercase."},
    {"lower", str_lower, METH_NOARGS, "Return a copy of the string converted to lowercase."},
    {"join", str_join, METH_O, "Concatenate any number of strings."},
    {"split", _PyCFunction_CAST(str_split), METH_FASTCALL | METH_KEYWORDS,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"rsplit", _PyCFunction_CAST(str_rsplit), METH_FASTCALL | METH_KEYWORDS,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"strip", _PyCFunction_CAST(str_strip), METH_FASTCALL,
     "Return a copy of the string with leading and trailing whitespace removed."},
    {"lstrip", _PyCFunction_CAST(str_lstrip), METH_FASTCALL,
     "Return a copy of the string with leading whitespace removed."},
    {"rstrip", _PyCFunction_CAST(str_rstrip), METH_FASTCALL,
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
    {"replace", _PyCFunction_CAST(str_replace), METH_FASTCALL,
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
    {"format", _PyCFunction_CAST(unicode_format_call), METH_VARARGS | METH_KEYWORDS,
     "Return a formatted version of S, using substitutions from args and kwargs."},
    {"format_map", unicode_format_map, METH_O,
     "Return a formatted version of S, using substitutions from mapping."},
    {"capitalize", unicode_capitalize, METH_NOARGS, "Return a capitalized version of the string."},
    {"casefold", unicode_casefold, METH_NOARGS,
     "Return a version of the string suitable for caseless comparisons."},
    {"title", unicode_title, METH_NOARGS,
     "Return a version of the string where each word is titlecased."},
    {"istitle", unicode_istitle, METH_NOARGS,
     "Return True if the string is a title-cased string, False otherwise."},
    {"swapcase", unicode_swapcase, METH_NOARGS,
     "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"isidentifier", unicode_isidentifier_method, METH_NOARGS,
     "Return True if the string is a valid Python identifier, False otherwise."},
    {"center", _PyCFunction_CAST(unicode_center), METH_FASTCALL,
     "Return a centered string of length width."},
    {"ljust", _PyCFunction_CAST(unicode_ljust), METH_FASTCALL,
     "Return a left-justified string of length width."},
    {"rjust", _PyCFunction_CAST(unicode_rjust), METH_FASTCALL,
     "Return a right-justified string of length width."},
    {"zfill", unicode_zfill, METH_O,
     "Pad a numeric string with zeros on the left, to fill a field of the given width."},
    {"expandtabs", _PyCFunction_CAST(unicode_expandtabs), METH_FASTCALL | METH_KEYWORDS,
     "Return a copy where all tab characters are expanded using spaces."},
    {"partition", unicode_partition, METH_O,
     "Partition the string into three parts using the given separator."},
    {"rpartition", unicode_rpartition, METH_O,
     "Partition the string into three parts using the given separator."},
    {"splitlines", _PyCFunction_CAST(unicode_splitlines), METH_FASTCALL | METH_KEYWORDS,
     "Return a list of the lines in the string, breaking at line boundaries."},
    {"removeprefix", unicode_removeprefix, METH_O,
     "Return a str with the given prefix string removed if present."},
    {"removesuffix", unicode_removesuffix, METH_O,
     "Return a str with the given suffix string removed if present."},
    {"maketrans", _PyCFunction_CAST(unicode_maketrans), METH_FASTCALL | METH_STATIC,
     "Return a translation table usable for str.translate()."},
    {"translate", unicode_translate, METH_O,
     "Replace each character in the string using the given translation table."},
    {"__getnewargs__", unicode_getnewargs, METH_NOARGS, nullptr},
    {"__sizeof__", unicode_sizeof, METH_NOARGS,
     "Return the size of the string in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::runtime
