// The format mini-language of int, float and str (CPython 3.11's int.__format__,
// float.__format__ and str.__format__, what format(), f-strings and str.format call):
//
//   [[fill]align][sign]["z"]["#"]["0"][width][","|"_"]["." precision][type]
//
// One parser (parse_spec) with CPython's checks and messages, in its order; then one layout
// for numbers (sign, prefix, digits grouped by ',' or '_' and zero-padded to the width when
// the fill is '0' with '=' alignment, the rest after the integer digits) and one for strings.
// Locale-dependent 'n' is formatted as in the C locale (no grouping), as minipy has no locale.
#include <climits>
#include <cstring>

#include "minipy/Python.h"
#include "protocols/format_spec.hpp"

namespace {

struct Spec {
    Py_UCS4 fill = ' ';
    Py_UCS4 align = '>';
    Py_UCS4 sign = 0;
    bool no_neg_0 = false;  // 'z'
    bool alternate = false;
    Py_ssize_t width = -1;
    Py_UCS4 separator = 0;  // ',' or '_'
    int group = 3;          // digits per group ('_' in bin/oct/hex: 4)
    Py_ssize_t precision = -1;
    Py_UCS4 type = 0;
};

bool is_align(Py_UCS4 c) noexcept {
    return c == '<' || c == '>' || c == '=' || c == '^';
}

// The type character as CPython's messages show it.
void unknown_type_error(Py_UCS4 type, PyObject *obj) noexcept {
    if (type > 32 && type < 128)
        PyErr_Format(PyExc_ValueError, "Unknown format code '%c' for object of type '%.200s'",
                     static_cast<int>(type), Py_TYPE(obj)->tp_name);
    else
        PyErr_Format(PyExc_ValueError, "Unknown format code '\\x%x' for object of type '%.200s'",
                     static_cast<unsigned>(type), Py_TYPE(obj)->tp_name);
}

// Digits at *pos into *value; the count read, or -1 with ValueError on overflow.
Py_ssize_t read_integer(PyObject *spec, Py_ssize_t *pos, Py_ssize_t end,
                        Py_ssize_t *value) noexcept {
    Py_ssize_t count = 0;
    *value = 0;
    for (; *pos < end; ++*pos, ++count) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(spec, *pos);
        if (c < '0' || c > '9') break;
        const Py_ssize_t digit = static_cast<Py_ssize_t>(c - '0');
        if (*value > (PY_SSIZE_T_MAX - digit) / 10) {
            PyErr_SetString(PyExc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        *value = *value * 10 + digit;
    }
    return count;
}

bool parse_spec(PyObject *spec, PyObject *obj, Py_UCS4 default_type, Py_UCS4 default_align,
                Spec *out) noexcept {
    const Py_ssize_t end = PyUnicode_GET_LENGTH(spec);
    Py_ssize_t pos = 0;
    Spec s;
    s.align = default_align;
    s.type = default_type;
    const auto at = [&](Py_ssize_t i) { return PyUnicode_READ_CHAR(spec, i); };
    bool fill_given = false, align_given = false;
    if (end - pos >= 2 && is_align(at(pos + 1))) {
        s.fill = at(pos);
        s.align = at(pos + 1);
        fill_given = align_given = true;
        pos += 2;
    } else if (end - pos >= 1 && is_align(at(pos))) {
        s.align = at(pos++);
        align_given = true;
    }
    if (end - pos >= 1 && (at(pos) == '+' || at(pos) == '-' || at(pos) == ' ')) s.sign = at(pos++);
    if (end - pos >= 1 && at(pos) == 'z') {
        s.no_neg_0 = true;
        ++pos;
    }
    if (end - pos >= 1 && at(pos) == '#') {
        s.alternate = true;
        ++pos;
    }
    // A leading '0' pads with zeros after the sign (unless a fill was given).
    if (!fill_given && end - pos >= 1 && at(pos) == '0') {
        s.fill = '0';
        if (!align_given && default_align == '>') s.align = '=';
        ++pos;
    }
    const Py_ssize_t width_digits = read_integer(spec, &pos, end, &s.width);
    if (width_digits < 0) return false;
    if (width_digits == 0) s.width = -1;
    if (end - pos >= 1 && at(pos) == ',') {
        s.separator = ',';
        ++pos;
    }
    if (end - pos >= 1 && at(pos) == '_') {
        if (s.separator != 0) {
            PyErr_SetString(PyExc_ValueError, "Cannot specify both ',' and '_'.");
            return false;
        }
        s.separator = '_';
        ++pos;
    }
    if (end - pos >= 1 && at(pos) == ',' && s.separator == '_') {
        PyErr_SetString(PyExc_ValueError, "Cannot specify both ',' and '_'.");
        return false;
    }
    if (end - pos >= 1 && at(pos) == '.') {
        ++pos;
        const Py_ssize_t digits = read_integer(spec, &pos, end, &s.precision);
        if (digits < 0) return false;
        if (digits == 0) {
            PyErr_SetString(PyExc_ValueError, "Format specifier missing precision");
            return false;
        }
    }
    if (end - pos > 1) {
        PyErr_Format(PyExc_ValueError, "Invalid format specifier '%U' for object of type '%.200s'",
                     spec, Py_TYPE(obj)->tp_name);
        return false;
    }
    if (end - pos == 1) s.type = at(pos);
    if (s.separator != 0) {
        switch (s.type) {
        case 'd':
        case 'e':
        case 'f':
        case 'g':
        case 'E':
        case 'G':
        case '%':
        case 'F':
        case 0: break;
        case 'b':
        case 'o':
        case 'x':
        case 'X':
            if (s.separator == '_') {
                s.group = 4;
                break;
            }
            [[fallthrough]];
        default:
            if (s.type > 32 && s.type < 128)
                PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with '%c'.",
                             static_cast<int>(s.separator), static_cast<int>(s.type));
            else
                PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with '\\x%x'.",
                             static_cast<int>(s.separator), static_cast<unsigned>(s.type));
            return false;
        }
    }
    *out = s;
    return true;
}

// --- Layout -------------------------------------------------------------------------------

// Padding on each side of `content` characters for the alignment ('=' pads in the middle).
struct Padding {
    Py_ssize_t left = 0, middle = 0, right = 0;
};

Padding pad(const Spec &s, Py_ssize_t content) noexcept {
    Padding p;
    const Py_ssize_t total = s.width > content ? s.width - content : 0;
    switch (s.align) {
    case '>': p.left = total; break;
    case '^':
        p.left = total / 2;
        p.right = total - p.left;
        break;
    case '=': p.middle = total; break;
    default: p.right = total; break;
    }
    return p;
}

// The text left + head + middle + body + right, where head is ASCII, body is `body` (a str)
// and the padding is made of `fill`.
PyObject *assemble(Py_UCS4 fill, const Padding &p, const char *head, Py_ssize_t head_len,
                   PyObject *body) noexcept {
    const Py_ssize_t body_len = PyUnicode_GET_LENGTH(body);
    const Py_ssize_t pads = p.left + p.middle + p.right;
    if (pads > PY_SSIZE_T_MAX - head_len - body_len) return PyErr_NoMemory();
    Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(body);
    if (pads > 0 && fill > maxchar) maxchar = fill;
    PyObject *out = PyUnicode_New(pads + head_len + body_len, maxchar);
    if (out == nullptr) return nullptr;
    const int kind = PyUnicode_KIND(out);
    void *data = PyUnicode_DATA(out);
    Py_ssize_t i = 0;
    for (Py_ssize_t k = 0; k < p.left; ++k) PyUnicode_WRITE(kind, data, i++, fill);
    for (Py_ssize_t k = 0; k < head_len; ++k)
        PyUnicode_WRITE(kind, data, i++, static_cast<unsigned char>(head[k]));
    for (Py_ssize_t k = 0; k < p.middle; ++k) PyUnicode_WRITE(kind, data, i++, fill);
    const int body_kind = PyUnicode_KIND(body);
    const void *body_data = PyUnicode_DATA(body);
    for (Py_ssize_t k = 0; k < body_len; ++k)
        PyUnicode_WRITE(kind, data, i++, PyUnicode_READ(body_kind, body_data, k));
    for (Py_ssize_t k = 0; k < p.right; ++k) PyUnicode_WRITE(kind, data, i++, fill);
    return out;
}

// digits[0..n) grouped by `separator` every `group` digits from the right, with zeros in front
// (and separators among them) until min_width characters are reached; a new str.
PyObject *group_digits(const char *digits, Py_ssize_t n, Py_UCS4 separator, int group,
                       Py_ssize_t min_width) noexcept {
    // Right to left into a buffer sized for the worst case, then reversed into the str.
    const Py_ssize_t width = n > min_width ? n : min_width;
    const Py_ssize_t capacity = width + width / (group > 0 ? group : 1) + 2;
    char *buffer = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(capacity)));
    if (buffer == nullptr) return PyErr_NoMemory();
    Py_ssize_t length = 0, remaining = n;
    bool use_separator = false;
    const bool grouping = separator != 0;
    for (;;) {
        const Py_ssize_t wanted = remaining > min_width ? remaining : min_width;
        Py_ssize_t l = wanted > 1 ? wanted : 1;
        if (grouping && l > group) l = group;
        const Py_ssize_t chars = remaining < l ? remaining : l;
        const Py_ssize_t zeros = l - (chars > 0 ? chars : 0);
        if (use_separator) buffer[length++] = static_cast<char>(separator);
        for (Py_ssize_t k = 0; k < chars; ++k) buffer[length++] = digits[remaining - 1 - k];
        for (Py_ssize_t k = 0; k < zeros; ++k) buffer[length++] = '0';
        use_separator = grouping;
        remaining -= chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0) break;
        if (grouping) min_width -= 1;
    }
    PyObject *out = PyUnicode_New(length, 127);
    if (out != nullptr) {
        char *data = static_cast<char *>(PyUnicode_DATA(out));
        for (Py_ssize_t k = 0; k < length; ++k) data[k] = buffer[length - 1 - k];
    }
    PyMem_Free(buffer);
    return out;
}

// A number laid out: `negative`, the prefix ("0x"), the integer digits (grouped and
// zero-padded as the spec says) and `rest` (the fraction, exponent, '%', or "inf").
PyObject *layout_number(const Spec &s, bool negative, const char *prefix, const char *digits,
                        Py_ssize_t n_digits, const char *rest) noexcept {
    char head[4];
    Py_ssize_t head_len = 0;
    if (negative)
        head[head_len++] = '-';
    else if (s.sign == '+' || s.sign == ' ')
        head[head_len++] = static_cast<char>(s.sign);
    for (const char *c = prefix; *c != '\0'; ++c) head[head_len++] = *c;
    const Py_ssize_t rest_len = static_cast<Py_ssize_t>(std::strlen(rest));
    Py_ssize_t min_width = 0;
    if (s.fill == '0' && s.align == '=' && s.width > head_len + rest_len)
        min_width = s.width - head_len - rest_len;
    PyObject *grouped = n_digits > 0
                            ? group_digits(digits, n_digits, s.separator, s.group, min_width)
                            : PyUnicode_FromString("");
    if (grouped == nullptr) return nullptr;
    PyObject *tail = PyUnicode_FromStringAndSize(rest, rest_len);
    PyObject *body = tail != nullptr ? PyUnicode_Concat(grouped, tail) : nullptr;
    Py_DECREF(grouped);
    Py_XDECREF(tail);
    if (body == nullptr) return nullptr;
    PyObject *out =
        assemble(s.fill, pad(s, head_len + PyUnicode_GET_LENGTH(body)), head, head_len, body);
    Py_DECREF(body);
    return out;
}

// --- The three types ----------------------------------------------------------------------

PyObject *format_double(double value, const Spec &s) noexcept {
    if (s.precision > INT_MAX) {
        PyErr_SetString(PyExc_ValueError, "precision too big");
        return nullptr;
    }
    int precision = static_cast<int>(s.precision);
    int flags = 0;
    if (s.alternate) flags |= Py_DTSF_ALT;
    if (s.no_neg_0) flags |= Py_DTSF_NO_NEG_0;
    Py_UCS4 type = s.type;
    int default_precision = 6;
    if (type == 0) {
        flags |= Py_DTSF_ADD_DOT_0;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n') type = 'g';
    const bool percent = type == '%';
    if (percent) {
        type = 'f';
        value *= 100;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    char *text = PyOS_double_to_string(value, static_cast<char>(type), precision, flags, nullptr);
    if (text == nullptr) return nullptr;
    // The integer digits, and what follows them (with the '%' of the percent type).
    const bool negative = text[0] == '-';
    const char *number = text + (negative ? 1 : 0);
    Py_ssize_t n_digits = 0;
    while (number[n_digits] >= '0' && number[n_digits] <= '9') ++n_digits;
    const std::size_t rest_len = std::strlen(number + n_digits);
    char *rest = static_cast<char *>(PyMem_Malloc(rest_len + 2));
    PyObject *out = nullptr;
    if (rest == nullptr) {
        PyErr_NoMemory();
    } else {
        std::memcpy(rest, number + n_digits, rest_len);
        if (percent) rest[rest_len] = '%';
        rest[rest_len + (percent ? 1 : 0)] = '\0';
        out = layout_number(s, negative, "", number, n_digits, rest);
        PyMem_Free(rest);
    }
    PyMem_Free(text);
    return out;
}

PyObject *format_int(PyObject *value, const Spec &s) noexcept {
    if (s.precision != -1) {
        PyErr_SetString(PyExc_ValueError, "Precision not allowed in integer format specifier");
        return nullptr;
    }
    if (s.no_neg_0) {
        PyErr_SetString(PyExc_ValueError,
                        "Negative zero coercion (z) not allowed in integer format specifier");
        return nullptr;
    }
    if (s.type == 'c') {
        if (s.sign != 0) {
            PyErr_SetString(PyExc_ValueError, "Sign not allowed with integer format specifier 'c'");
            return nullptr;
        }
        if (s.alternate) {
            PyErr_SetString(PyExc_ValueError,
                            "Alternate form (#) not allowed with integer format specifier 'c'");
            return nullptr;
        }
        const long code = PyLong_AsLong(value);
        if (code == -1 && PyErr_Occurred()) return nullptr;
        if (code < 0 || code > 0x10ffff) {
            PyErr_SetString(PyExc_OverflowError, "%c arg not in range(0x110000)");
            return nullptr;
        }
        PyObject *body = PyUnicode_FromOrdinal(static_cast<int>(code));
        if (body == nullptr) return nullptr;
        PyObject *out = assemble(s.fill, pad(s, 1), "", 0, body);
        Py_DECREF(body);
        return out;
    }
    int base = 10;
    const char *prefix = "";
    switch (s.type) {
    case 'b':
        base = 2;
        prefix = "0b";
        break;
    case 'o':
        base = 8;
        prefix = "0o";
        break;
    case 'x':
        base = 16;
        prefix = "0x";
        break;
    case 'X':
        base = 16;
        prefix = "0X";
        break;
    default: break;  // 'd', 'n'
    }
    PyObject *text = _PyLong_Format(value, base);
    if (text == nullptr) return nullptr;
    const char *utf8 = PyUnicode_AsUTF8(text);
    PyObject *out = nullptr;
    if (utf8 != nullptr) {
        const bool negative = utf8[0] == '-';
        const char *digits = utf8 + (negative ? 1 : 0) + (base != 10 ? 2 : 0);
        Py_ssize_t n = static_cast<Py_ssize_t>(std::strlen(digits));
        char *copy = nullptr;
        if (s.type == 'X') {
            copy = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(n) + 1));
            if (copy == nullptr) {
                Py_DECREF(text);
                return PyErr_NoMemory();
            }
            for (Py_ssize_t k = 0; k <= n; ++k)
                copy[k] = digits[k] >= 'a' && digits[k] <= 'f' ? static_cast<char>(digits[k] - 32)
                                                               : digits[k];
            digits = copy;
        }
        out = layout_number(s, negative, s.alternate ? prefix : "", digits, n, "");
        PyMem_Free(copy);
    }
    Py_DECREF(text);
    return out;
}

PyObject *format_str(PyObject *value, const Spec &s) noexcept {
    if (s.sign != 0) {
        PyErr_SetString(PyExc_ValueError, s.sign == ' '
                                              ? "Space not allowed in string format specifier"
                                              : "Sign not allowed in string format specifier");
        return nullptr;
    }
    if (s.no_neg_0) {
        PyErr_SetString(PyExc_ValueError,
                        "Negative zero coercion (z) not allowed in string format specifier");
        return nullptr;
    }
    if (s.alternate) {
        PyErr_SetString(PyExc_ValueError,
                        "Alternate form (#) not allowed in string format specifier");
        return nullptr;
    }
    if (s.align == '=') {
        PyErr_SetString(PyExc_ValueError, "'=' alignment not allowed in string format specifier");
        return nullptr;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    if (s.precision >= 0 && s.precision < length) length = s.precision;
    // Nothing to cut or pad: the str itself, even a subclass's instance (CPython's writer hands
    // back the one str it was given: format(S("t"), "<1") is that S).
    if (s.width <= length && length == PyUnicode_GET_LENGTH(value)) return Py_NewRef(value);
    PyObject *body = PyUnicode_Substring(value, 0, length);
    if (body == nullptr) return nullptr;
    PyObject *out = assemble(s.fill, pad(s, length), "", 0, body);
    Py_DECREF(body);
    return out;
}

// The argument check the three methods share, and the empty spec (str(self)).
bool spec_argument(PyObject *spec) noexcept {
    if (PyUnicode_Check(spec)) return true;
    PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.200s",
                 Py_TYPE(spec)->tp_name);
    return false;
}

}  // namespace

namespace minipy::runtime {

PyObject *long_format_method(PyObject *self, PyObject *spec) noexcept {
    if (!spec_argument(spec)) return nullptr;
    if (PyUnicode_GET_LENGTH(spec) == 0) return PyObject_Str(self);
    Spec s;
    if (!parse_spec(spec, self, 'd', '>', &s)) return nullptr;
    switch (s.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n': return format_int(self, s);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
        const double value = PyLong_AsDouble(self);
        if (value == -1.0 && PyErr_Occurred()) return nullptr;
        return format_double(value, s);
    }
    default: unknown_type_error(s.type, self); return nullptr;
    }
}

PyObject *float_format_method(PyObject *self, PyObject *spec) noexcept {
    if (!spec_argument(spec)) return nullptr;
    if (PyUnicode_GET_LENGTH(spec) == 0) return PyObject_Str(self);
    Spec s;
    if (!parse_spec(spec, self, 0, '>', &s)) return nullptr;
    switch (s.type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%': {
        const double value = PyFloat_AsDouble(self);
        if (value == -1.0 && PyErr_Occurred()) return nullptr;
        return format_double(value, s);
    }
    default: unknown_type_error(s.type, self); return nullptr;
    }
}

PyObject *unicode_format_method(PyObject *self, PyObject *spec) noexcept {
    if (!spec_argument(spec)) return nullptr;
    if (PyUnicode_GET_LENGTH(spec) == 0) return PyObject_Str(self);
    Spec s;
    if (!parse_spec(spec, self, 's', '<', &s)) return nullptr;
    if (s.type != 's') {
        unknown_type_error(s.type, self);
        return nullptr;
    }
    return format_str(self, s);
}

}  // namespace minipy::runtime
