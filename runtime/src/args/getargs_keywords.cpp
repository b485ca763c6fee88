// Argument parsing with keywords (CPython 3.11, Python/getargs.c: vgetargskeywords):
// PyArg_ParseTupleAndKeywords and PyArg_VaParseTupleAndKeywords.
//
// kwlist names the parameters in format order; leading "" names are positional-only. The
// parameters are walked in order, each taking the positional argument of its position or
// else the keyword argument of its name:
//   - '|' starts the optional parameters, '$' the keyword-only ones;
//   - a missing required parameter is "missing required argument 'a' (pos 1)", except a
//     positional-only one, whose error waits until the bounds are known ("takes at least 2
//     positional arguments (1 given)");
//   - once every keyword argument has been used and the required parameters are filled,
//     parsing stops with success: what follows in the format is not checked;
//   - keyword arguments left over are then either also given by position ("argument for
//     foo() given by name ('a') and position (1)") or unknown ("'c' is an invalid keyword
//     argument for foo()").
#include <climits>
#include <cstdarg>
#include <cstring>

#include "args/getargs.hpp"
#include "objects/str/str_internal.hpp"

namespace getargs = minipy::runtime::getargs;

namespace {

// kwargs[name], borrowed; NULL with no exception when absent, NULL with one on failure.
PyObject *keyword_value(PyObject *kwargs, const char *name) noexcept {
    PyObject *key = PyUnicode_FromString(name);
    if (key == nullptr) return nullptr;
    PyObject *value = PyDict_GetItemWithError(kwargs, key);
    Py_DECREF(key);
    return value;
}

// After the parameters: keyword arguments that were not used. Always raises; 0.
int report_extra_keywords(PyObject *args, PyObject *kwargs, char **kwlist, int positional_only,
                          int parameters, const char *fname) noexcept {
    const char *name = getargs::function_name(fname);
    const char *parens = getargs::function_parens(fname);
    const Py_ssize_t nargs = PyTuple_Size(args);
    for (Py_ssize_t i = positional_only; i < nargs; ++i) {
        PyObject *value = keyword_value(kwargs, kwlist[i]);
        if (value != nullptr) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %.200s%s given by name ('%s') and position (%d)", name,
                         parens, kwlist[i], static_cast<int>(i + 1));
            return 0;
        }
        if (PyErr_Occurred()) return 0;
    }
    const char *subject = fname != nullptr ? fname : "this function";
    Py_ssize_t position = 0;
    PyObject *key = nullptr;
    while (PyDict_Next(kwargs, &position, &key, nullptr)) {
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return 0;
        }
        bool known = false;
        for (int i = positional_only; i < parameters && !known; ++i) {
            known = minipy::runtime::unicode_equal_to_ascii(key, kwlist[i]);
        }
        if (!known) {
            PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %.200s%s", key,
                         subject, parens);
            return 0;
        }
    }
    // Every key names a parameter, yet some went unused: there is no better wording.
    PyErr_Format(PyExc_TypeError, "invalid keyword argument for %.200s%s", subject, parens);
    return 0;
}

int parse_keywords(PyObject *args, PyObject *kwargs, const char *format, char **kwlist,
                   va_list *va) noexcept {
    if (args == nullptr || !PyTuple_Check(args) || (kwargs != nullptr && !PyDict_Check(kwargs)) ||
        format == nullptr || kwlist == nullptr) {
        PyErr_BadInternalCall();
        return 0;
    }
    // The name and the custom message exclude each other; the first of ':' / ';' decides.
    const char *fname = std::strchr(format, ':');
    const char *custom = nullptr;
    if (fname != nullptr) {
        ++fname;
    } else if ((custom = std::strchr(format, ';')) != nullptr) {
        ++custom;
    }
    const char *name = getargs::function_name(fname);
    const char *parens = getargs::function_parens(fname);

    int positional_only = 0;
    while (kwlist[positional_only] != nullptr && kwlist[positional_only][0] == '\0')
        ++positional_only;
    int parameters = positional_only;
    for (; kwlist[parameters] != nullptr; ++parameters) {
        if (kwlist[parameters][0] == '\0') {
            PyErr_SetString(PyExc_SystemError, "Empty keyword parameter name");
            return 0;
        }
    }
    getargs::Cleanups cleanups;
    if (!cleanups.reserve(getargs::unit_bound(format))) return 0;

    const Py_ssize_t nargs = PyTuple_Size(args);
    Py_ssize_t nkwargs = kwargs != nullptr ? PyDict_Size(kwargs) : 0;
    if (nargs + nkwargs > parameters) {
        // "keyword" when only keywords were given makes the count read right.
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)", name,
                     parens, parameters, nargs == 0 ? "keyword " : "", parameters == 1 ? "" : "s",
                     nargs + nkwargs);
        return 0;
    }

    char text[512];
    int levels[getargs::kMaxLevels] = {};
    int min = INT_MAX;  // index of the first optional parameter
    int max = INT_MAX;  // index of the first keyword-only parameter
    bool skip = false;  // a positional-only parameter is missing: report once bounds are known
    int i = 0;
    for (; i < parameters; ++i) {
        if (*format == '|') {
            if (min != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string (| specified twice)");
                return cleanups.finish(0);
            }
            min = i;
            ++format;
            if (max != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string ($ before |)");
                return cleanups.finish(0);
            }
        }
        if (*format == '$') {
            if (max != INT_MAX) {
                PyErr_SetString(PyExc_SystemError, "Invalid format string ($ specified twice)");
                return cleanups.finish(0);
            }
            max = i;
            ++format;
            if (max < positional_only) {
                PyErr_SetString(PyExc_SystemError, "Empty parameter name after $");
                return cleanups.finish(0);
            }
            if (skip) break;
            if (max < nargs) {
                if (max == 0) {
                    PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments", name,
                                 parens);
                } else {
                    PyErr_Format(PyExc_TypeError,
                                 "%.200s%s takes %s %d positional argument%s (%zd given)", name,
                                 parens, min != INT_MAX ? "at most" : "exactly", max,
                                 max == 1 ? "" : "s", nargs);
                }
                return cleanups.finish(0);
            }
        }
        if (getargs::is_end_of_format(*format)) {
            PyErr_Format(PyExc_SystemError,
                         "More keyword list entries (%d) than format specifiers (%d)", parameters,
                         i);
            return cleanups.finish(0);
        }
        if (!skip) {
            PyObject *value = nullptr;
            if (i < nargs) {
                value = PyTuple_GET_ITEM(args, i);
            } else if (nkwargs > 0 && i >= positional_only) {
                value = keyword_value(kwargs, kwlist[i]);
                if (value != nullptr)
                    --nkwargs;
                else if (PyErr_Occurred())
                    return cleanups.finish(0);
            }
            if (value != nullptr) {
                const char *message = getargs::convert_item(value, &format, va, levels,
                                                            {text, sizeof text}, &cleanups);
                if (message != nullptr) {
                    getargs::set_error(i + 1, message, levels, fname, custom);
                    return cleanups.finish(0);
                }
                continue;
            }
            if (i < min) {
                if (i < positional_only) {
                    skip = true;
                } else {
                    PyErr_Format(PyExc_TypeError,
                                 "%.200s%s missing required argument '%s' (pos %d)", name, parens,
                                 kwlist[i], i + 1);
                    return cleanups.finish(0);
                }
            }
            // Required parameters filled and no keyword argument left: done.
            if (nkwargs == 0 && !skip) return cleanups.finish(1);
        }
        // An optional parameter not given: step over its unit.
        if (const char *message = getargs::skip_item(&format, va); message != nullptr) {
            PyErr_Format(PyExc_SystemError, "%s: '%s'", message, format);
            return cleanups.finish(0);
        }
    }

    if (skip) {
        const int bound = positional_only < min ? positional_only : min;
        PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                     name, parens, bound < i ? "at least" : "exactly", bound, bound == 1 ? "" : "s",
                     nargs);
        return cleanups.finish(0);
    }
    if (!getargs::is_end_of_format(*format) && *format != '|' && *format != '$') {
        PyErr_Format(PyExc_SystemError,
                     "more argument specifiers than keyword list entries (remaining format:'%s')",
                     format);
        return cleanups.finish(0);
    }
    if (nkwargs > 0) {
        return cleanups.finish(
            report_extra_keywords(args, kwargs, kwlist, positional_only, parameters, fname));
    }
    return cleanups.finish(1);
}

int parse_keywords_va(PyObject *args, PyObject *kwargs, const char *format, char **kwlist,
                      va_list va) noexcept {
    va_list own;
    va_copy(own, va);
    const int result = parse_keywords(args, kwargs, format, kwlist, &own);
    va_end(own);
    return result;
}

}  // namespace

extern "C" int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                           char **kwlist, ...) noexcept {
    va_list va;
    va_start(va, kwlist);
    const int result = parse_keywords_va(args, kwargs, format, kwlist, va);
    va_end(va);
    return result;
}

extern "C" int _PyArg_ParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs,
                                                  const char *format, char **kwlist, ...) noexcept {
    va_list va;
    va_start(va, kwlist);
    const int result = parse_keywords_va(args, kwargs, format, kwlist, va);
    va_end(va);
    return result;
}

extern "C" int PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                             char **kwlist, va_list va) noexcept {
    return parse_keywords_va(args, kwargs, format, kwlist, va);
}

extern "C" int _PyArg_VaParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs,
                                                    const char *format, char **kwlist,
                                                    va_list va) noexcept {
    return parse_keywords_va(args, kwargs, format, kwlist, va);
}
