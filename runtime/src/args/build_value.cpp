// Py_BuildValue: Python values from a format string and C arguments (CPython 3.11,
// Python/modsupport.c). The format units are listed in minipy/modsupport.h.
//
// How a format is read:
//   1. Count the units at the top level (count_units): zero gives None, one gives that
//      value, more give a tuple. A bracket counts as one unit at its level.
//   2. Build each unit in order (make_value), recursing into (...), [...], {...} with the
//      count of the bracket's own units.
//   3. When a unit fails, the container being built is dropped, and the units still to come
//      at every open level are built and dropped too (skip_values). The caller passed
//      references with N that must be consumed whatever happens, and the only way to find
//      them in the va_list is to walk the rest of the format. The first error is the one
//      reported.
// The two mismatched-bracket messages differ in case, as CPython's do: "unmatched paren in
// format" when counting finds the end of the string first, "Unmatched paren in format"
// when a container's units end on the wrong closing bracket.
#include <cstdarg>
#include <cstring>

#include "protocols/abstract_internal.hpp"

namespace {

class ValueBuilder {
  public:
    ValueBuilder(const char *format, va_list *va) noexcept : format_(format), va_(va) {}

    // The whole format's value (steps 1 and 2 at the top level).
    PyObject *build() noexcept {
        const Py_ssize_t n = count_units(format_, '\0');
        if (n < 0) return nullptr;
        if (n == 0) Py_RETURN_NONE;
        if (n == 1) return make_value();
        return make_sequence('\0', n, false);
    }

  private:
    // Units at the top level of `format` up to `end` (which closes the current bracket), or
    // -1 with SystemError when the string ends first.
    static Py_ssize_t count_units(const char *format, char end) noexcept {
        Py_ssize_t count = 0;
        int level = 0;
        for (; level > 0 || *format != end; ++format) {
            switch (*format) {
            case '\0': PyErr_SetString(PyExc_SystemError, "unmatched paren in format"); return -1;
            case '(':
            case '[':
            case '{':
                if (level == 0) ++count;
                ++level;
                break;
            case ')':
            case ']':
            case '}': --level; break;
            case '#':
            case '&':
            case ',':
            case ':':
            case ' ':
            case '\t': break;
            default:
                if (level == 0) ++count;
            }
        }
        return count;
    }

    // The format must now stand on the container's closing bracket; step past it.
    bool close_container(char end) noexcept {
        if (*format_ != end) {
            PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
            return false;
        }
        if (end != '\0') ++format_;
        return true;
    }

    // Builds and drops the next n values of the current level, then its closing bracket,
    // keeping the exception already set (step 3).
    void skip_values(char end, Py_ssize_t n) noexcept {
        for (Py_ssize_t i = 0; i < n; ++i) {
            PyObject *type, *value, *traceback;
            PyErr_Fetch(&type, &value, &traceback);
            PyObject *skipped = make_value();
            PyErr_Restore(type, value, traceback);
            Py_XDECREF(skipped);
        }
        if (*format_ != end) {
            PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
            return;
        }
        if (end != '\0') ++format_;
    }

    // A tuple (as_list false) or a list of the next n values. On a failure the values not
    // built yet are still consumed from the va_list, so that 'N' arguments are released.
    PyObject *make_sequence(char end, Py_ssize_t n, bool as_list) noexcept {
        if (n < 0) return nullptr;
        PyObject *seq = as_list ? PyList_New(n) : PyTuple_New(n);
        if (seq == nullptr) {
            skip_values(end, n);
            return nullptr;
        }
        for (Py_ssize_t i = 0; i < n; ++i) {
            PyObject *item = make_value();
            if (item == nullptr) {
                skip_values(end, n - i - 1);
                Py_DECREF(seq);
                return nullptr;
            }
            if (as_list)
                PyList_SET_ITEM(seq, i, item);
            else
                PyTuple_SET_ITEM(seq, i, item);
        }
        if (!close_container(end)) {
            Py_DECREF(seq);
            return nullptr;
        }
        return seq;
    }

    PyObject *make_dict(char end, Py_ssize_t n) noexcept {
        if (n < 0) return nullptr;
        if (n % 2 != 0) {
            PyErr_SetString(PyExc_SystemError, "Bad dict format");
            skip_values(end, n);
            return nullptr;
        }
        PyObject *dict = PyDict_New();
        if (dict == nullptr) {
            skip_values(end, n);
            return nullptr;
        }
        for (Py_ssize_t i = 0; i < n; i += 2) {
            PyObject *key = make_value();
            if (key == nullptr) {
                skip_values(end, n - i - 1);
                Py_DECREF(dict);
                return nullptr;
            }
            PyObject *value = make_value();
            if (value == nullptr || PyDict_SetItem(dict, key, value) < 0) {
                skip_values(end, n - i - 2);
                Py_DECREF(key);
                Py_XDECREF(value);
                Py_DECREF(dict);
                return nullptr;
            }
            Py_DECREF(key);
            Py_DECREF(value);
        }
        if (!close_container(end)) {
            Py_DECREF(dict);
            return nullptr;
        }
        return dict;
    }

    // A '#' after s / z / U / y: the length that follows the pointer, else -1 (NUL-ended).
    Py_ssize_t optional_length() noexcept {
        if (*format_ != '#') return -1;
        ++format_;
        return va_arg(*va_, Py_ssize_t);
    }

    // s z U (to str) or y (to bytes): NULL is None, a negative length means strlen.
    PyObject *make_text(bool as_bytes) noexcept {
        const char *text = va_arg(*va_, const char *);
        Py_ssize_t length = optional_length();
        if (text == nullptr) Py_RETURN_NONE;
        if (length < 0) {
            const size_t measured = std::strlen(text);
            if (measured > static_cast<size_t>(PY_SSIZE_T_MAX)) {
                PyErr_SetString(PyExc_OverflowError, as_bytes
                                                         ? "string too long for Python bytes"
                                                         : "string too long for Python string");
                return nullptr;
            }
            length = static_cast<Py_ssize_t>(measured);
        }
        return as_bytes ? PyBytes_FromStringAndSize(text, length)
                        : PyUnicode_FromStringAndSize(text, length);
    }

    // O S N: an object (NULL passes a pending error on), or O& / S& / N&: a converter.
    PyObject *make_object(char unit) noexcept {
        if (*format_ == '&') {
            ++format_;
            using Converter = PyObject *(*)(void *);
            Converter convert = va_arg(*va_, Converter);
            void *argument = va_arg(*va_, void *);
            return convert(argument);
        }
        PyObject *object = va_arg(*va_, PyObject *);
        if (object == nullptr) {
            // A NULL from a call that failed is fine: its error is reported. A NULL with no
            // error is the caller's bug.
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
            return nullptr;
        }
        if (unit != 'N') Py_INCREF(object);
        return object;
    }

    // The next unit's value; separators before it are skipped.
    PyObject *make_value() noexcept {
        for (;;) {
            const char unit = *format_++;
            switch (unit) {
            case '(': return make_sequence(')', count_units(format_, ')'), false);
            case '[': return make_sequence(']', count_units(format_, ']'), true);
            case '{': return make_dict('}', count_units(format_, '}'));
            case 'b':
            case 'B':
            case 'h':
            case 'i': return PyLong_FromLong(va_arg(*va_, int));
            case 'H': return PyLong_FromLong(static_cast<long>(va_arg(*va_, unsigned int)));
            case 'I': return PyLong_FromUnsignedLong(va_arg(*va_, unsigned int));
            case 'n': return PyLong_FromSsize_t(va_arg(*va_, Py_ssize_t));
            case 'l': return PyLong_FromLong(va_arg(*va_, long));
            case 'k': return PyLong_FromUnsignedLong(va_arg(*va_, unsigned long));
            case 'L': return PyLong_FromLongLong(va_arg(*va_, long long));
            case 'K': return PyLong_FromUnsignedLongLong(va_arg(*va_, unsigned long long));
            case 'f':
            case 'd':  // a float argument arrives promoted to double
                return PyFloat_FromDouble(va_arg(*va_, double));
            case 'c': {
                const char byte = static_cast<char>(va_arg(*va_, int));
                return PyBytes_FromStringAndSize(&byte, 1);
            }
            case 'C': return PyUnicode_FromOrdinal(va_arg(*va_, int));
            case 's':
            case 'z':
            case 'U': return make_text(false);
            case 'y': return make_text(true);
            case 'N':
            case 'S':
            case 'O': return make_object(unit);
            case ':':
            case ',':
            case ' ':
            case '\t': break;
            default:
                PyErr_SetString(PyExc_SystemError, "bad format char passed to Py_BuildValue");
                return nullptr;
            }
        }
    }

    const char *format_;
    va_list *va_;
};

PyObject *build_value(const char *format, va_list va) noexcept {
    if (format == nullptr) return minipy::runtime::null_argument_error();
    // A copy that can be handed around by address (a va_list parameter may be an array
    // that decayed to a pointer).
    va_list own;
    va_copy(own, va);
    PyObject *result = ValueBuilder(format, &own).build();
    va_end(own);
    return result;
}

}  // namespace

extern "C" PyObject *Py_BuildValue(const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    PyObject *result = build_value(format, va);
    va_end(va);
    return result;
}

extern "C" PyObject *_Py_BuildValue_SizeT(const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    PyObject *result = build_value(format, va);
    va_end(va);
    return result;
}

extern "C" PyObject *Py_VaBuildValue(const char *format, va_list va) noexcept {
    return build_value(format, va);
}

extern "C" PyObject *_Py_VaBuildValue_SizeT(const char *format, va_list va) noexcept {
    return build_value(format, va);
}
