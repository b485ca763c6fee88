// Positional argument parsing (CPython 3.11, Python/getargs.c: vgetargs1): PyArg_ParseTuple,
// PyArg_VaParse, the old single-object PyArg_Parse, PyArg_UnpackTuple, and
// PyArg_ValidateKeywordArguments. Keyword parsing is in getargs_keywords.cpp; one
// unit's conversion in getargs_convert.cpp.
//
// PyArg_ParseTuple(args, format, ...):
//   1. Scan the format once: count the top-level units (max) and those before '|' (min),
//      find the ':name' or ';message' that ends it. A malformed nesting of parentheses is a
//      programming error and ends the process (Py_FatalError), as in CPython.
//   2. Check the number of arguments: "function takes exactly 2 arguments (1 given)", or
//      "at least" / "at most"; a ';message' replaces that text.
//   3. Convert each argument by its unit; the first failure raises and stops. Converters
//      of O& that asked for cleanup are called back when a later step fails.
//   4. What is left of the format must be more units, '|', or the end: anything else is a
//      SystemError ("bad format string").
#include <cstdarg>

#include "args/getargs.hpp"
#include "args/method_args.hpp"

namespace getargs = minipy::runtime::getargs;

namespace {

struct FormatSummary {
    int min = -1;                  // arguments before '|' (all of them without one)
    int max = 0;                   // top-level units
    const char *fname = nullptr;   // after ':'
    const char *custom = nullptr;  // after ';'
};

FormatSummary scan_format(const char *format) noexcept {
    FormatSummary summary;
    int level = 0;
    for (bool end = false; !end;) {
        const char c = *format++;
        switch (c) {
        case '(':
            if (level == 0) ++summary.max;
            if (++level >= getargs::kMaxLevels - 2)
                Py_FatalError("too many tuple nesting levels in argument format string");
            break;
        case ')':
            if (level == 0) Py_FatalError("excess ')' in getargs format");
            --level;
            break;
        case '\0': end = true; break;
        case ':':
            summary.fname = format;
            end = true;
            break;
        case ';':
            summary.custom = format;
            end = true;
            break;
        case '|':
            if (level == 0) summary.min = summary.max;
            break;
        default:
            if (level == 0 && getargs::is_unit_letter(c) && c != 'e') ++summary.max;
            break;
        }
    }
    if (level != 0) Py_FatalError("missing ')' in getargs format");
    if (summary.min < 0) summary.min = summary.max;
    return summary;
}

// PyArg_Parse: `arg` is the one value, converted by a format of exactly one unit.
int parse_single(PyObject *arg, const char *format, va_list *va) noexcept {
    if (format == nullptr) {
        PyErr_BadInternalCall();
        return 0;
    }
    const FormatSummary summary = scan_format(format);
    if (summary.max == 0) {
        if (arg == nullptr) return 1;
        PyErr_Format(PyExc_TypeError, "%.200s%s takes no arguments",
                     getargs::function_name(summary.fname),
                     getargs::function_parens(summary.fname));
        return 0;
    }
    if (summary.min != 1 || summary.max != 1) {
        PyErr_SetString(PyExc_SystemError, "old style getargs format uses new features");
        return 0;
    }
    if (arg == nullptr) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at least one argument",
                     getargs::function_name(summary.fname),
                     getargs::function_parens(summary.fname));
        return 0;
    }
    getargs::Cleanups cleanups;
    if (!cleanups.reserve(getargs::unit_bound(format))) return 0;
    char text[256];
    int levels[getargs::kMaxLevels] = {};
    const char *message =
        getargs::convert_item(arg, &format, va, levels, {text, sizeof text}, &cleanups);
    if (message == nullptr) return cleanups.finish(1);
    // A group's failure reports its item as the argument number.
    getargs::set_error(levels[0], message, levels + 1, summary.fname, summary.custom);
    return cleanups.finish(0);
}

int parse_tuple(PyObject *args, const char *format, va_list *va) noexcept {
    if (args == nullptr || format == nullptr || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
        return 0;
    }
    const Py_ssize_t nargs = PyTuple_Size(args);
    const char *const whole_format = format;
    const FormatSummary summary = scan_format(format);
    getargs::Cleanups cleanups;
    if (!cleanups.reserve(getargs::unit_bound(format))) return 0;

    if (nargs < summary.min || nargs > summary.max) {
        if (summary.custom != nullptr) {
            PyErr_SetString(PyExc_TypeError, summary.custom);
        } else {
            const int expected = nargs < summary.min ? summary.min : summary.max;
            PyErr_Format(PyExc_TypeError, "%.150s%s takes %s %d argument%s (%zd given)",
                         getargs::function_name(summary.fname),
                         getargs::function_parens(summary.fname),
                         summary.min == summary.max ? "exactly"
                         : nargs < summary.min      ? "at least"
                                                    : "at most",
                         expected, expected == 1 ? "" : "s", nargs);
        }
        return 0;
    }

    char text[256];
    int levels[getargs::kMaxLevels] = {};
    for (Py_ssize_t i = 0; i < nargs; ++i) {
        if (*format == '|') ++format;
        const char *message = getargs::convert_item(PyTuple_GET_ITEM(args, i), &format, va, levels,
                                                    {text, sizeof text}, &cleanups);
        if (message != nullptr) {
            getargs::set_error(i + 1, message, levels, summary.fname, summary.custom);
            return cleanups.finish(0);
        }
    }
    const char next = *format;
    if (next != '\0' && !getargs::is_unit_letter(next) && next != '(' && next != '|' &&
        next != ':' && next != ';') {
        PyErr_Format(PyExc_SystemError, "bad format string: %.200s", whole_format);
        return cleanups.finish(0);
    }
    return cleanups.finish(1);
}

// va_list parameters may be arrays that decayed to pointers; a local copy has an address.
int parse_tuple_va(PyObject *args, const char *format, va_list va) noexcept {
    va_list own;
    va_copy(own, va);
    const int result = parse_tuple(args, format, &own);
    va_end(own);
    return result;
}

int parse_single_va(PyObject *arg, const char *format, va_list va) noexcept {
    va_list own;
    va_copy(own, va);
    const int result = parse_single(arg, format, &own);
    va_end(own);
    return result;
}

}  // namespace

extern "C" int PyArg_ParseTuple(PyObject *args, const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    const int result = parse_tuple_va(args, format, va);
    va_end(va);
    return result;
}

extern "C" int _PyArg_ParseTuple_SizeT(PyObject *args, const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    const int result = parse_tuple_va(args, format, va);
    va_end(va);
    return result;
}

extern "C" int PyArg_VaParse(PyObject *args, const char *format, va_list va) noexcept {
    return parse_tuple_va(args, format, va);
}

extern "C" int _PyArg_VaParse_SizeT(PyObject *args, const char *format, va_list va) noexcept {
    return parse_tuple_va(args, format, va);
}

extern "C" int PyArg_Parse(PyObject *arg, const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    const int result = parse_single_va(arg, format, va);
    va_end(va);
    return result;
}

extern "C" int _PyArg_Parse_SizeT(PyObject *arg, const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    const int result = parse_single_va(arg, format, va);
    va_end(va);
    return result;
}

extern "C" int PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max,
                                 ...) noexcept {
    if (args == nullptr || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
        return 0;
    }
    const Py_ssize_t nargs = PyTuple_Size(args);
    if (!minipy::runtime::args::check_positional(name, nargs, min, max)) return 0;
    if (nargs == 0) return 1;
    va_list va;
    va_start(va, max);
    for (Py_ssize_t i = 0; i < nargs; ++i) *va_arg(va, PyObject **) = PyTuple_GET_ITEM(args, i);
    va_end(va);
    return 1;
}

extern "C" int PyArg_ValidateKeywordArguments(PyObject *kwargs) noexcept {
    if (kwargs == nullptr || !PyDict_Check(kwargs)) {
        PyErr_BadInternalCall();
        return 0;
    }
    Py_ssize_t position = 0;
    PyObject *key = nullptr;
    while (PyDict_Next(kwargs, &position, &key, nullptr)) {
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return 0;
        }
    }
    return 1;
}
