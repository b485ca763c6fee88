// The argument parsing the built-in types' methods share. Internal to runtime/.
//
// CPython 3.11 declares most of these methods with Argument Clinic, whose generated code
// calls a few helpers of Python/getargs.c; their rules, and so the messages a script sees,
// live here once:
//   - unpack_keywords (_PyArg_UnpackKeywords): a function with keyword parameters. Checked in
//     this order: the total count ("split() takes at most 2 arguments (3 given)"), the
//     positional count ("sort() takes no positional arguments", "... takes at most 1
//     positional argument (2 given)"), too few positional-only ones, then each parameter in
//     order, taking the positional argument or else the keyword of its name, where a missing
//     required one is "from_bytes() missing required argument 'bytes' (pos 1)"; keywords left
//     over are given twice ("argument for f() given by name ('a') and position (1)") or
//     unknown ("'x' is an invalid keyword argument for encode()").
//   - check_positional (_PyArg_CheckPositional): a positional-only function's count,
//     "replace expected at least 2 arguments, got 1"; no_keywords (_PyArg_NoKeywords) for the
//     constructors that take none, "float() takes no keyword arguments".
//   - the converters Clinic's generated code inlines: bad_argument ("encode() argument
//     'encoding' must be str, not None"), str_argument (a str without NUL, as UTF-8),
//     ssize_argument and int_argument (__index__, then the C range).
//   - parse_find_arguments: the (sub[, start[, end]]) of str's and bytes' find, count, index,
//     startswith and endswith (stringlib's parse_args_finds: PyArg_ParseTuple, then start and
//     end as slice indices, None meaning absent).
// All return false (or -1) with the exception set.
#ifndef MINIPY_ARGS_METHOD_ARGS_HPP
#define MINIPY_ARGS_METHOD_ARGS_HPP

#include "minipy/Python.h"

namespace minipy::runtime::args {

// One function's parameters as Argument Clinic declares them (CPython's _PyArg_Parser plus
// the bounds its generated code passes).
struct KeywordParser {
    const char *fname;            // the messages say "<fname>()"
    const char *const *keywords;  // every parameter in order, ended by NULL; the
                                  // positional-only ones come first and are ""
    int min_positional;           // arguments that must come (by position or keyword)
    int max_positional;           // parameters that may be given by position; the others are
                                  // keyword-only and optional (no built-in method of minipy's
                                  // has a required keyword-only one)
};

// Fills buf[0 .. number of parameters) with the argument of each parameter (borrowed), NULL
// for those not given. args[0 .. nargs) are the positional arguments; the keyword ones are
// either the dict kwargs or, when kwnames (a tuple of str) is given instead, named by it with
// their values at args[nargs ...]. Either may be NULL.
bool unpack_keywords(PyObject *const *args, Py_ssize_t nargs, PyObject *kwargs, PyObject *kwnames,
                     const KeywordParser &parser, PyObject **buf) noexcept;

// nargs in [min, max], else TypeError "<name> expected at least 2 arguments, got 1" (or "at
// most", or "expected 2 arguments" when min == max); without a name "unpacked tuple should
// have at least 2 elements, but has 1".
bool check_positional(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) noexcept;

// kwargs NULL or empty, else TypeError "<name>() takes no keyword arguments".
bool no_keywords(const char *name, PyObject *kwargs) noexcept;

// TypeError "<fname>() <displayname> must be <expected>, not <type of arg>" ("None" for
// None); displayname is "argument 'encoding'" or, positional-only, "argument 1".
void bad_argument(const char *fname, const char *displayname, const char *expected,
                  PyObject *arg) noexcept;

// A `str` parameter: arg must be a str (bad_argument otherwise) without NUL characters
// (ValueError "embedded null character"); *out points into its UTF-8 form.
bool str_argument(const char *fname, const char *displayname, PyObject *arg,
                  const char **out) noexcept;

// A Py_ssize_t parameter: arg.__index__(), OverflowError past Py_ssize_t.
bool ssize_argument(PyObject *arg, Py_ssize_t *out) noexcept;

// An int parameter: arg.__index__(), OverflowError past a C int.
bool int_argument(PyObject *arg, int *out) noexcept;

// (encoding='utf-8', errors='strict') of str.encode and bytes.decode (fname names the method):
// *encoding and *errors point into the str arguments, NULL for those not given.
bool parse_encoding_arguments(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames, const char **encoding,
                              const char **errors) noexcept;

// (sub[, start[, end]]) of the method called `name`: *sub borrowed, start and end as given
// (0 and PY_SSIZE_T_MAX when absent or None), not yet adjusted to any length.
bool parse_find_arguments(const char *name, PyObject *args, PyObject **sub, Py_ssize_t *start,
                          Py_ssize_t *end) noexcept;

// CPython's ADJUST_INDICES: start and end of a search in a sequence of `length` items, a
// negative one counting from the end, then clamped to [0, length] (start is not clamped
// above: a start past the end selects nothing).
inline void adjust_indices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *end) noexcept {
    if (*end > length) {
        *end = length;
    } else if (*end < 0) {
        *end += length;
        if (*end < 0) *end = 0;
    }
    if (*start < 0) {
        *start += length;
        if (*start < 0) *start = 0;
    }
}

}  // namespace minipy::runtime::args

#endif  // MINIPY_ARGS_METHOD_ARGS_HPP
