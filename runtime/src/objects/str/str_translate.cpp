// str.maketrans (a static method) and str.translate, with CPython 3.11's rules: a table maps
// code points (ints) to a code point, a str, or None (delete); a lookup that raises
// LookupError leaves the character as it is.
#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

// maketrans(dict): str keys of length 1 become their code points; int keys stay.
PyObject *table_from_dict(PyObject *dict) noexcept {
    PyObject *table = PyDict_New();
    if (table == nullptr) return nullptr;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        int status;
        if (PyUnicode_Check(key)) {
            if (PyUnicode_GET_LENGTH(key) != 1) {
                PyErr_SetString(PyExc_ValueError,
                                "string keys in translate table must be of length 1");
                status = -1;
            } else {
                PyObject *code = PyLong_FromLong(static_cast<long>(PyUnicode_READ_CHAR(key, 0)));
                status = code != nullptr ? PyDict_SetItem(table, code, value) : -1;
                Py_XDECREF(code);
            }
        } else if (PyLong_Check(key)) {
            status = PyDict_SetItem(table, key, value);
        } else {
            PyErr_SetString(PyExc_TypeError, "keys in translate table must be strings or integers");
            status = -1;
        }
        if (status < 0) {
            Py_DECREF(table);
            return nullptr;
        }
    }
    return table;
}

// table[ord(code)] = value for a code point and any value.
int set_code(PyObject *table, Py_UCS4 code, PyObject *value) noexcept {
    PyObject *key = PyLong_FromLong(static_cast<long>(code));
    if (key == nullptr) return -1;
    const int status = PyDict_SetItem(table, key, value);
    Py_DECREF(key);
    return status;
}

// What the table says for ch: 1 with *out (a new reference: int, str or None), 0 when the
// character is not in it, -1 on error.
int lookup(PyObject *table, Py_UCS4 ch, PyObject **out) noexcept {
    PyObject *key = PyLong_FromLong(static_cast<long>(ch));
    if (key == nullptr) return -1;
    *out = PyObject_GetItem(table, key);
    Py_DECREF(key);
    if (*out != nullptr) return 1;
    if (!PyErr_ExceptionMatches(PyExc_LookupError)) return -1;
    PyErr_Clear();
    return 0;
}

}  // namespace

// maketrans(x, y=<none>, z=<none>, /)
PyObject *unicode_maketrans(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("maketrans", nargs, 1, 3)) return nullptr;
    for (Py_ssize_t i = 1; i < nargs; ++i) {
        if (!PyUnicode_Check(args[i])) {
            args::bad_argument("maketrans", i == 1 ? "argument 2" : "argument 3", "str", args[i]);
            return nullptr;
        }
    }
    PyObject *x = args[0];
    if (nargs == 1) {
        if (!PyDict_CheckExact(x)) {
            PyErr_SetString(PyExc_TypeError,
                            "if you give only one argument to maketrans it must be a dict");
            return nullptr;
        }
        return table_from_dict(x);
    }
    if (!PyUnicode_Check(x)) {
        PyErr_SetString(PyExc_TypeError,
                        "first maketrans argument must be a string if there is a second argument");
        return nullptr;
    }
    PyObject *y = args[1];
    const Py_ssize_t n = PyUnicode_GET_LENGTH(x);
    if (PyUnicode_GET_LENGTH(y) != n) {
        PyErr_SetString(PyExc_ValueError,
                        "the first two maketrans arguments must have equal length");
        return nullptr;
    }
    PyObject *table = PyDict_New();
    if (table == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *value = PyLong_FromLong(static_cast<long>(PyUnicode_READ_CHAR(y, i)));
        const int status =
            value != nullptr ? set_code(table, PyUnicode_READ_CHAR(x, i), value) : -1;
        Py_XDECREF(value);
        if (status < 0) {
            Py_DECREF(table);
            return nullptr;
        }
    }
    if (nargs == 3) {
        PyObject *z = args[2];
        for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(z); ++i) {
            if (set_code(table, PyUnicode_READ_CHAR(z, i), Py_None) < 0) {
                Py_DECREF(table);
                return nullptr;
            }
        }
    }
    return table;
}

// translate(table, /)
PyObject *unicode_translate(PyObject *self, PyObject *table) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    UnicodeWriter writer;
    for (Py_ssize_t i = 0; i < n; ++i) {
        const Py_UCS4 ch = PyUnicode_READ_CHAR(self, i);
        PyObject *mapped = nullptr;
        const int found = lookup(table, ch, &mapped);
        if (found < 0) return nullptr;
        int status = 0;
        if (found == 0) {
            status = writer.write_char(ch);
        } else if (PyLong_Check(mapped)) {
            int overflow = 0;
            const long code = PyLong_AsLongAndOverflow(mapped, &overflow);
            if (code == -1 && PyErr_Occurred()) {
                status = -1;
            } else if (overflow != 0 || code < 0 || code > 0x10ffff) {
                PyErr_SetString(PyExc_ValueError, "character mapping must be in range(0x110000)");
                status = -1;
            } else {
                status = writer.write_char(static_cast<Py_UCS4>(code));
            }
        } else if (PyUnicode_Check(mapped)) {
            status = writer.write_str(mapped);
        } else if (mapped != Py_None) {
            PyErr_SetString(PyExc_TypeError, "character mapping must return integer, None or str");
            status = -1;
        }
        Py_XDECREF(mapped);
        if (status < 0) return nullptr;
    }
    return writer.finish();
}

}  // namespace minipy::runtime
