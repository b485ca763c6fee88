// PyUnicode_FromFormat / FromFormatV with the units and quirks of CPython 3.11
// (Objects/unicodeobject.c, unicode_fromformat_arg), since every error message in the
// runtime goes through here and must read as CPython's does.
//
// A unit is  % [0] [width] [.precision] [l | ll | z] conversion.  What 3.11 does, kept here:
//   - the 0 flag pads numbers with zeros up to the width; other units ignore it;
//   - a precision on an integer is a minimum digit count, zero-filled before the sign-less
//     text sprintf made, so "%.5d" of -3 gives "000-3" (3.11's behaviour, fixed in 3.12);
//   - widths pad with spaces on the left; there is no '-' flag in 3.11;
//   - precision truncates: bytes for %s (decoded with errors="replace" afterwards, so a cut
//     sequence becomes U+FFFD), code points for %U %V %S %R %A;
//   - l and ll apply to d i u only, z to d i u only; "%lx" is an unknown unit;
//   - an unknown unit copies the rest of the format, from its '%', as it stands (the
//     arguments cannot be skipped safely);
//   - a non-ASCII byte outside a unit is a ValueError.
#include <cstdio>
#include <cstring>

#include "minipy/bytesobject.h"
#include "minipy/pyerrors.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

// Writes str (or its first `precision` code points) right-aligned in `width`.
int write_str_padded(UnicodeWriter &writer, PyObject *str, Py_ssize_t width,
                     Py_ssize_t precision) noexcept {
    Py_ssize_t length = PyUnicode_GET_LENGTH(str);
    if (precision != -1 && precision < length) length = precision;
    if (width > length && writer.write_fill(' ', width - length) < 0) return -1;
    return writer.write_substring(str, 0, length);
}

// %s and the char * of %V: UTF-8, invalid bytes replaced, precision in bytes.
int write_cstr_padded(UnicodeWriter &writer, const char *s, Py_ssize_t width,
                      Py_ssize_t precision) noexcept {
    Py_ssize_t length = 0;
    if (precision == -1) {
        length = static_cast<Py_ssize_t>(std::strlen(s));
    } else {
        while (length < precision && s[length] != '\0') ++length;
    }
    PyObject *decoded = PyUnicode_DecodeUTF8Stateful(s, length, "replace", nullptr);
    if (decoded == nullptr) return -1;
    int result = write_str_padded(writer, decoded, width, -1);
    Py_DECREF(decoded);
    return result;
}

// An integer's text with 3.11's width / precision / zero-pad rules.
int write_number(UnicodeWriter &writer, const char *text, int len, Py_ssize_t width,
                 Py_ssize_t precision, bool zeropad) noexcept {
    if (precision < len) precision = len;
    if (width > precision && writer.write_fill(zeropad ? '0' : ' ', width - precision) < 0)
        return -1;
    if (precision > len && writer.write_fill('0', precision - len) < 0) return -1;
    return writer.write_ascii(text, len);
}

// ascii(obj): its repr with every non-ASCII character escaped (what CPython's
// PyObject_ASCII does through the ascii codec's backslashreplace handler).
PyObject *ascii_of(PyObject *obj) noexcept {
    PyObject *repr = PyObject_Repr(obj);
    if (repr == nullptr || PyUnicode_IS_ASCII(repr)) return repr;
    PyObject *bytes = unicode_encode_charmap_limit(repr, 128, "backslashreplace");
    Py_DECREF(repr);
    if (bytes == nullptr) return nullptr;
    PyObject *text =
        PyUnicode_DecodeASCII(PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes), nullptr);
    Py_DECREF(bytes);
    return text;
}

// Reads a decimal number at *f; -1 with ValueError("<what> too big") on overflow.
int parse_count(const char **f, Py_ssize_t *out, const char *too_big) noexcept {
    Py_ssize_t value = **f - '0';
    ++*f;
    while (**f >= '0' && **f <= '9') {
        const int digit = **f - '0';
        if (value > (PY_SSIZE_T_MAX - digit) / 10) {
            PyErr_SetString(PyExc_ValueError, too_big);
            return -1;
        }
        value = value * 10 + digit;
        ++*f;
    }
    *out = value;
    return 0;
}

// Formats the unit at f (f[0] == '%'); returns where the format goes on, or NULL with an
// exception set.
const char *format_unit(UnicodeWriter &writer, const char *f, va_list *vargs) noexcept {
    const char *const unit_start = f;
    ++f;
    bool zeropad = false;
    if (*f == '0') {
        zeropad = true;
        ++f;
    }
    Py_ssize_t width = -1, precision = -1;
    if (*f >= '0' && *f <= '9' && parse_count(&f, &width, "width too big") < 0) return nullptr;
    if (*f == '.') {
        ++f;
        if (*f >= '0' && *f <= '9' && parse_count(&f, &precision, "precision too big") < 0)
            return nullptr;
        if (*f == '%') --f;  // "%.3%": the conversion seen is '3', an unknown unit
    }
    if (*f == '\0') --f;  // "%.12" at the end: the same
    enum { kPlain, kLongArg, kLongLongArg, kSizeArg } size = kPlain;
    const bool integer_follows = f[1] == 'd' || f[1] == 'u' || f[1] == 'i';
    if (*f == 'l' && integer_follows) {
        size = kLongArg;
        ++f;
    } else if (*f == 'l' && f[1] == 'l' && (f[2] == 'd' || f[2] == 'u' || f[2] == 'i')) {
        size = kLongLongArg;
        f += 2;
    } else if (*f == 'z' && integer_follows) {
        size = kSizeArg;
        ++f;
    }

    char buffer[64];
    int len = 0;
    switch (*f) {
    case 'c': {
        const int ordinal = va_arg(*vargs, int);
        if (ordinal < 0 || ordinal > MAX_UNICODE) {
            PyErr_SetString(PyExc_OverflowError, "character argument not in range(0x110000)");
            return nullptr;
        }
        if (writer.write_char(static_cast<Py_UCS4>(ordinal)) < 0) return nullptr;
        break;
    }
    case 'i':
    case 'd':
        switch (size) {
        case kLongArg:
            len = std::snprintf(buffer, sizeof buffer, "%ld", va_arg(*vargs, long));
            break;
        case kLongLongArg:
            len = std::snprintf(buffer, sizeof buffer, "%lld", va_arg(*vargs, long long));
            break;
        case kSizeArg:
            len = std::snprintf(buffer, sizeof buffer, "%zd", va_arg(*vargs, Py_ssize_t));
            break;
        default: len = std::snprintf(buffer, sizeof buffer, "%d", va_arg(*vargs, int)); break;
        }
        if (write_number(writer, buffer, len, width, precision, zeropad) < 0) return nullptr;
        break;
    case 'u':
        switch (size) {
        case kLongArg:
            len = std::snprintf(buffer, sizeof buffer, "%lu", va_arg(*vargs, unsigned long));
            break;
        case kLongLongArg:
            len = std::snprintf(buffer, sizeof buffer, "%llu", va_arg(*vargs, unsigned long long));
            break;
        case kSizeArg:
            len = std::snprintf(buffer, sizeof buffer, "%zu", va_arg(*vargs, size_t));
            break;
        default:
            len = std::snprintf(buffer, sizeof buffer, "%u", va_arg(*vargs, unsigned int));
            break;
        }
        if (write_number(writer, buffer, len, width, precision, zeropad) < 0) return nullptr;
        break;
    case 'x':
        len = std::snprintf(buffer, sizeof buffer, "%x", va_arg(*vargs, unsigned int));
        if (write_number(writer, buffer, len, width, precision, zeropad) < 0) return nullptr;
        break;
    case 'p': {
        len = std::snprintf(buffer + 2, sizeof buffer - 2, "%p", va_arg(*vargs, void *));
        // The C library's %p text varies; CPython makes sure it starts with 0x.
        const char *text = buffer + 2;
        if (text[1] == 'X') {
            buffer[3] = 'x';
        } else if (text[1] != 'x') {
            buffer[0] = '0';
            buffer[1] = 'x';
            text = buffer;
            len += 2;
        }
        if (writer.write_ascii(text, len) < 0) return nullptr;
        break;
    }
    case '%':
        if (writer.write_char('%') < 0) return nullptr;
        break;
    case 's': {
        const char *s = va_arg(*vargs, const char *);
        if (write_cstr_padded(writer, s, width, precision) < 0) return nullptr;
        break;
    }
    case 'U': {
        PyObject *obj = va_arg(*vargs, PyObject *);
        if (obj == nullptr || !PyUnicode_Check(obj)) {
            PyErr_BadInternalCall();
            return nullptr;
        }
        if (write_str_padded(writer, obj, width, precision) < 0) return nullptr;
        break;
    }
    case 'V': {
        PyObject *obj = va_arg(*vargs, PyObject *);
        const char *s = va_arg(*vargs, const char *);
        int r = obj != nullptr ? write_str_padded(writer, obj, width, precision)
                               : write_cstr_padded(writer, s, width, precision);
        if (r < 0) return nullptr;
        break;
    }
    case 'S':
    case 'R':
    case 'A': {
        PyObject *obj = va_arg(*vargs, PyObject *);
        PyObject *text = *f == 'S'   ? PyObject_Str(obj)
                         : *f == 'R' ? PyObject_Repr(obj)
                                     : ascii_of(obj);
        if (text == nullptr) return nullptr;
        int r = write_str_padded(writer, text, width, precision);
        Py_DECREF(text);
        if (r < 0) return nullptr;
        break;
    }
    default: {
        const Py_ssize_t rest = static_cast<Py_ssize_t>(std::strlen(unit_start));
        if (writer.write_latin1(unit_start, rest) < 0) return nullptr;
        return unit_start + rest;
    }
    }
    return f + 1;
}

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *PyUnicode_FromFormatV(const char *format, va_list vargs) noexcept {
    UnicodeWriter writer;
    va_list args;
    va_copy(args, vargs);  // format_unit takes the list by pointer
    const char *f = format;
    while (*f != '\0') {
        if (*f == '%') {
            f = format_unit(writer, f, &args);
            if (f == nullptr) {
                va_end(args);
                return nullptr;
            }
            continue;
        }
        const char *p = f;
        do {
            if (static_cast<unsigned char>(*p) > 127) {
                va_end(args);
                return PyErr_Format(PyExc_ValueError,
                                    "PyUnicode_FromFormatV() expects an ASCII-encoded format "
                                    "string, got a non-ASCII byte: 0x%02x",
                                    static_cast<int>(static_cast<unsigned char>(*p)));
            }
            ++p;
        } while (*p != '\0' && *p != '%');
        if (writer.write_ascii(f, p - f) < 0) {
            va_end(args);
            return nullptr;
        }
        f = p;
    }
    va_end(args);
    return writer.finish();
}

extern "C" PyObject *PyUnicode_FromFormat(const char *format, ...) noexcept {
    va_list vargs;
    va_start(vargs, format);
    PyObject *result = PyUnicode_FromFormatV(format, vargs);
    va_end(vargs);
    return result;
}
