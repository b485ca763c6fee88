// The case methods beyond lower() and upper(): capitalize, casefold, title, swapcase and the
// istitle / isidentifier predicates, with CPython 3.11's rules (the full mappings of
// str_ctype.cpp, the final-sigma rule wherever a character is lowered).
#include "minipy/Python.h"
#include "objects/str/str_ctype.hpp"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

// str.lower() of the character at i, the final-sigma rule included.
int lower_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, Py_UCS4 out[3]) noexcept {
    const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch == 0x3A3) {
        out[0] = unicode_lower_sigma(kind, data, n, i);
        return 1;
    }
    return unicode_full_lower(ch, out);
}

// A new str from each character's mapping: map(kind, data, n, i, state, out) gives 1..3
// code points for character i.
template <typename Map>
PyObject *map_characters(PyObject *self, Map map) noexcept {
    const int kind = PyUnicode_KIND(self);
    const void *data = PyUnicode_DATA(self);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    UnicodeWriter writer;
    if (writer.reserve(n, 0) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
        Py_UCS4 mapped[3];
        const int count = map(kind, data, n, i, mapped);
        for (int k = 0; k < count; ++k)
            if (writer.write_char(mapped[k]) < 0) return nullptr;
    }
    return writer.finish();
}

}  // namespace

// The first character in title case, the rest lowered.
PyObject *unicode_capitalize(PyObject *self, PyObject *) noexcept {
    return map_characters(
        self, [](int kind, const void *data, Py_ssize_t n, Py_ssize_t i, Py_UCS4 out[3]) {
            return i == 0 ? unicode_full_title(PyUnicode_READ(kind, data, 0), out)
                          : lower_at(kind, data, n, i, out);
        });
}

PyObject *unicode_casefold(PyObject *self, PyObject *) noexcept {
    return map_characters(self,
                          [](int kind, const void *data, Py_ssize_t, Py_ssize_t i, Py_UCS4 out[3]) {
                              return unicode_full_fold(PyUnicode_READ(kind, data, i), out);
                          });
}

// Upper case lowered, lower case raised, the rest kept.
PyObject *unicode_swapcase(PyObject *self, PyObject *) noexcept {
    return map_characters(
        self, [](int kind, const void *data, Py_ssize_t n, Py_ssize_t i, Py_UCS4 out[3]) {
            const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            if (_PyUnicode_IsUppercase(ch)) return lower_at(kind, data, n, i, out);
            if (_PyUnicode_IsLowercase(ch)) return unicode_full_upper(ch, out);
            out[0] = ch;
            return 1;
        });
}

// Title case after an uncased character, lower case after a cased one.
PyObject *unicode_title(PyObject *self, PyObject *) noexcept {
    return map_characters(self, [](int kind, const void *data, Py_ssize_t n, Py_ssize_t i,
                                   Py_UCS4 out[3]) {
        const bool previous_cased = i > 0 && unicode_is_cased(PyUnicode_READ(kind, data, i - 1));
        return previous_cased ? lower_at(kind, data, n, i, out)
                              : unicode_full_title(PyUnicode_READ(kind, data, i), out);
    });
}

// Upper- or titlecase characters only after uncased ones, lowercase only after cased ones,
// and at least one cased character.
PyObject *unicode_istitle(PyObject *self, PyObject *) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (n == 1) {
        const Py_UCS4 ch = PyUnicode_READ_CHAR(self, 0);
        return PyBool_FromLong(unicode_is_titlecase(ch) || _PyUnicode_IsUppercase(ch));
    }
    bool cased = false, previous_cased = false;
    for (Py_ssize_t i = 0; i < n; ++i) {
        const Py_UCS4 ch = PyUnicode_READ_CHAR(self, i);
        if (_PyUnicode_IsUppercase(ch) || unicode_is_titlecase(ch)) {
            if (previous_cased) Py_RETURN_FALSE;
            previous_cased = cased = true;
        } else if (_PyUnicode_IsLowercase(ch)) {
            if (!previous_cased) Py_RETURN_FALSE;
            previous_cased = cased = true;
        } else {
            previous_cased = false;
        }
    }
    return PyBool_FromLong(cased);
}

// An identifier: XID_Start or '_', then XID_Continue characters.
PyObject *unicode_isidentifier_method(PyObject *self, PyObject *) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (n == 0) Py_RETURN_FALSE;
    const Py_UCS4 first = PyUnicode_READ_CHAR(self, 0);
    if (first != '_' && !_PyUnicode_IsXidStart(first)) Py_RETURN_FALSE;
    for (Py_ssize_t i = 1; i < n; ++i)
        if (!_PyUnicode_IsXidContinue(PyUnicode_READ_CHAR(self, i))) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

}  // namespace minipy::runtime
