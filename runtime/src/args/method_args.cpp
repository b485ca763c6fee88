// The argument parsing the built-in types' methods share (method_args.hpp): Argument
// Clinic's keyword unpacking and converters, the positional checks, and the
// (sub[, start[, end]]) of the search methods.
#include "args/method_args.hpp"

#include <cstdio>
#include <cstring>

#include "objects/slice/slice_internal.hpp"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime::args {
namespace {

// How many leading "" names (positional-only parameters) and names in all.
struct ParameterCounts {
    int positional_only = 0;
    int total = 0;
};

ParameterCounts count_parameters(const char *const *keywords) noexcept {
    ParameterCounts counts;
    while (keywords[counts.positional_only] != nullptr &&
           keywords[counts.positional_only][0] == '\0')
        ++counts.positional_only;
    counts.total = counts.positional_only;
    while (keywords[counts.total] != nullptr) ++counts.total;
    return counts;
}

// The value of the keyword argument `name`, borrowed; NULL when it was not given.
PyObject *find_keyword(PyObject *kwargs, PyObject *kwnames, PyObject *const *kwvalues,
                       const char *name) noexcept {
    if (kwargs != nullptr) {
        Py_ssize_t position = 0;
        PyObject *key = nullptr, *value = nullptr;
        while (PyDict_Next(kwargs, &position, &key, &value))
            if (PyUnicode_Check(key) && unicode_equal_to_ascii(key, name)) return value;
        return nullptr;
    }
    const Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < n; ++i)
        if (unicode_equal_to_ascii(PyTuple_GET_ITEM(kwnames, i), name)) return kwvalues[i];
    return nullptr;
}

// Keyword arguments were left over and none repeats a positional one: the first that is not
// a str, or that names no parameter (positional-only ones are not names), is the error.
void unexpected_keyword(PyObject *kwargs, PyObject *kwnames, const KeywordParser &parser,
                        int positional_only) noexcept {
    const Py_ssize_t n = kwargs != nullptr ? PyDict_GET_SIZE(kwargs) : PyTuple_GET_SIZE(kwnames);
    Py_ssize_t position = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *key = nullptr;
        if (kwargs != nullptr) {
            if (!PyDict_Next(kwargs, &position, &key, nullptr)) break;
        } else {
            key = PyTuple_GET_ITEM(kwnames, i);
        }
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return;
        }
        bool known = false;
        for (int k = positional_only; parser.keywords[k] != nullptr && !known; ++k)
            known = unicode_equal_to_ascii(key, parser.keywords[k]);
        if (!known) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %.200s()", key,
                         parser.fname);
            return;
        }
    }
    // Every key names a parameter, yet one was not used: there is no better wording.
    PyErr_Format(PyExc_TypeError, "invalid keyword argument for %.200s()", parser.fname);
}

}  // namespace

bool unpack_keywords(PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs, PyObject *kwnames,
                     const KeywordParser &parser, PyObject **buf) noexcept {
    const ParameterCounts counts = count_parameters(parser.keywords);
    const int maxargs = counts.total;
    const int minpos = parser.min_positional;
    const int maxpos = parser.max_positional;
    const int min_positional_only =
        counts.positional_only < minpos ? counts.positional_only : minpos;
    const char *fname = parser.fname;
    if (kwargs != nullptr && PyDict_GET_SIZE(kwargs) == 0) kwargs = nullptr;
    Py_ssize_t nkwargs = kwargs != nullptr    ? PyDict_GET_SIZE(kwargs)
                         : kwnames != nullptr ? PyTuple_GET_SIZE(kwnames)
                                              : 0;
    PyObject *const *kwvalues = args + nargs;

    if (nargs + nkwargs > maxargs) {
        // "keyword" when only keywords came keeps the count from reading wrong (bpo-31229).
        PyErr_Format(PyExc_TypeError, "%.200s() takes at most %d %sargument%s (%zd given)", fname,
                     maxargs, nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s",
                     nargs + nkwargs);
        return false;
    }
    if (nargs > maxpos) {
        if (maxpos == 0) {
            PyErr_Format(PyExc_TypeError, "%.200s() takes no positional arguments", fname);
        } else {
            PyErr_Format(PyExc_TypeError, "%.200s() takes %s %d positional argument%s (%zd given)",
                         fname, minpos < maxpos ? "at most" : "exactly", maxpos,
                         maxpos == 1 ? "" : "s", nargs);
        }
        return false;
    }
    if (nargs < min_positional_only) {
        PyErr_Format(PyExc_TypeError, "%.200s() takes %s %d positional argument%s (%zd given)",
                     fname, min_positional_only < maxpos ? "at least" : "exactly",
                     min_positional_only, min_positional_only == 1 ? "" : "s", nargs);
        return false;
    }

    for (Py_ssize_t i = 0; i < maxargs; ++i) buf[i] = i < nargs ? args[i] : nullptr;
    const int first_keyword =
        nargs > counts.positional_only ? static_cast<int>(nargs) : counts.positional_only;
    for (int i = first_keyword; i < maxargs; ++i) {
        PyObject *value = nullptr;
        if (nkwargs > 0) {
            value = find_keyword(kwargs, kwnames, kwvalues, parser.keywords[i]);
        } else if (i >= minpos) {
            break;
        }
        buf[i] = value;
        if (value != nullptr) {
            --nkwargs;
        } else if (i < minpos) {
            PyErr_Format(PyExc_TypeError, "%.200s() missing required argument '%s' (pos %d)", fname,
                         parser.keywords[i], i + 1);
            return false;
        }
    }
    if (nkwargs == 0) return true;
    // An argument given by position and by name?
    for (int i = counts.positional_only; i < nargs; ++i) {
        if (find_keyword(kwargs, kwnames, kwvalues, parser.keywords[i]) != nullptr) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %.200s() given by name ('%s') and position (%d)", fname,
                         parser.keywords[i], i + 1);
            return false;
        }
    }
    unexpected_keyword(kwargs, kwnames, parser, counts.positional_only);
    return false;
}

bool check_positional(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) noexcept {
    const char *bound = nullptr;
    Py_ssize_t limit = 0;
    if (nargs < min) {
        bound = "at least ";
        limit = min;
    } else if (nargs > max && nargs != 0) {
        bound = "at most ";
        limit = max;
    } else {
        return true;
    }
    if (min == max) bound = "";
    const char *plural = limit == 1 ? "" : "s";
    if (name != nullptr) {
        PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name, bound,
                     limit, plural, nargs);
    } else {
        PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                     bound, limit, plural, nargs);
    }
    return false;
}

bool no_keywords(const char *name, PyObject *kwargs) noexcept {
    if (kwargs == nullptr) return true;
    if (!PyDict_Check(kwargs)) {
        PyErr_BadInternalCall();
        return false;
    }
    if (PyDict_GET_SIZE(kwargs) == 0) return true;
    PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", name);
    return false;
}

void bad_argument(const char *fname, const char *displayname, const char *expected,
                  PyObject *arg) noexcept {
    PyErr_Format(PyExc_TypeError, "%.200s() %.200s must be %.50s, not %.50s", fname, displayname,
                 expected, arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
}

bool str_argument(const char *fname, const char *displayname, PyObject *arg,
                  const char **out) noexcept {
    if (!PyUnicode_Check(arg)) {
        bad_argument(fname, displayname, "str", arg);
        return false;
    }
    Py_ssize_t length = 0;
    const char *text = PyUnicode_AsUTF8AndSize(arg, &length);
    if (text == nullptr) return false;
    if (std::strlen(text) != static_cast<size_t>(length)) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return false;
    }
    *out = text;
    return true;
}

bool ssize_argument(PyObject *arg, Py_ssize_t *out) noexcept {
    PyObject *index = PyNumber_Index(arg);
    if (index == nullptr) return false;
    const Py_ssize_t value = PyLong_AsSsize_t(index);
    Py_DECREF(index);
    if (value == -1 && PyErr_Occurred()) return false;
    *out = value;
    return true;
}

bool int_argument(PyObject *arg, int *out) noexcept {
    const int value = _PyLong_AsInt(arg);
    if (value == -1 && PyErr_Occurred()) return false;
    *out = value;
    return true;
}

bool parse_encoding_arguments(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames, const char **encoding,
                              const char **errors) noexcept {
    static constexpr const char *kKeywords[] = {"encoding", "errors", nullptr};
    const KeywordParser parser{fname, kKeywords, 0, 2};
    PyObject *values[2];
    if (!unpack_keywords(args, nargs, nullptr, kwnames, parser, values)) return false;
    *encoding = nullptr;
    *errors = nullptr;
    return (values[0] == nullptr ||
            str_argument(fname, "argument 'encoding'", values[0], encoding)) &&
           (values[1] == nullptr || str_argument(fname, "argument 'errors'", values[1], errors));
}

bool parse_find_arguments(const char *name, PyObject *args, PyObject **sub, Py_ssize_t *start,
                          Py_ssize_t *end) noexcept {
    char format[64];
    std::snprintf(format, sizeof format, "O|OO:%s", name);
    PyObject *start_object = Py_None;
    PyObject *end_object = Py_None;
    if (!PyArg_ParseTuple(args, format, sub, &start_object, &end_object)) return false;
    *start = 0;
    *end = PY_SSIZE_T_MAX;
    return slice_index(start_object, start) && slice_index(end_object, end);
}

}  // namespace minipy::runtime::args
