// printf-style formatting: `str % args` (PyUnicode_Format) and `bytes % args` (_PyBytes_Format,
// which runs the same machine over the format's bytes read as Latin-1 and encodes the result
// back), with CPython 3.11's conversions, flags, argument rules and messages.
//
// The argument rules are CPython's, quirks included: a tuple supplies the arguments in order;
// any other object is the single argument; an object with mp_subscript that is neither a
// tuple nor a str (nor bytes, for bytes % args) is also the mapping `%(key)s` reads from, and
// then unused arguments are not an error ("abc" % [1] is "abc").
#include <climits>
#include <cstring>

#include "minipy/Python.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

enum Flags : int { kLeft = 1, kSign = 2, kBlank = 4, kAlt = 8, kZero = 16 };

// One conversion: "%" [ "(" key ")" ] flags [width] ["." precision] [h|l|L] type.
struct Conversion {
    Py_UCS4 ch = 0;
    int flags = 0;
    Py_ssize_t width = -1;
    int prec = -1;
    bool numeric = false;  // a sign and '0' padding apply
};

class PercentFormatter {
  public:
    PercentFormatter(PyObject *format, PyObject *args, bool bytes_mode) noexcept
        : format_(format),
          args_(args),
          bytes_mode_(bytes_mode),
          remaining_(PyUnicode_GET_LENGTH(format)) {
        if (PyTuple_Check(args)) {
            arglen_ = PyTuple_GET_SIZE(args);
            argidx_ = 0;
        }
        const bool mapping = Py_TYPE(args)->tp_as_mapping != nullptr &&
                             Py_TYPE(args)->tp_as_mapping->mp_subscript != nullptr;
        if (mapping && !PyTuple_Check(args) && !PyUnicode_Check(args) &&
            !(bytes_mode && PyBytes_Check(args)))  // bytes % mapping excludes str and bytes
            dict_ = args;
    }
    ~PercentFormatter() noexcept {
        if (args_owned_) Py_DECREF(args_);
    }
    PercentFormatter(const PercentFormatter &) = delete;
    PercentFormatter &operator=(const PercentFormatter &) = delete;

    PyObject *run() noexcept;

  private:
    Py_UCS4 read() const noexcept {
        return pos_ < PyUnicode_GET_LENGTH(format_) ? PyUnicode_READ_CHAR(format_, pos_) : 0;
    }
    // The next character into c.ch; false at the end of the format (remaining_ < 0 then).
    bool advance(Conversion &c) noexcept {
        if (--remaining_ < 0) return false;
        c.ch = read();
        ++pos_;
        return true;
    }
    PyObject *next_arg() noexcept;
    int one_conversion() noexcept;
    int parse(Conversion &c) noexcept;
    int star_value(Py_ssize_t *out, bool precision) noexcept;
    PyObject *convert(Conversion &c, PyObject *v) noexcept;
    int output(Conversion &c, PyObject *text) noexcept;

    PyObject *format_;
    PyObject *args_;
    bool bytes_mode_;
    bool args_owned_ = false;
    // A tuple's length and the next index; -1 and -2 for a single argument not yet taken
    // (-1 once taken), as CPython counts.
    Py_ssize_t arglen_ = -1, argidx_ = -2;
    PyObject *dict_ = nullptr;
    Py_ssize_t remaining_;  // characters not yet consumed, CPython's fmtcnt
    Py_ssize_t pos_ = 0;
    UnicodeWriter writer_;
};

PyObject *PercentFormatter::next_arg() noexcept {
    const Py_ssize_t index = argidx_;
    if (index < arglen_) {
        ++argidx_;
        return arglen_ < 0 ? args_ : PyTuple_GET_ITEM(args_, index);
    }
    PyErr_SetString(PyExc_TypeError, "not enough arguments for format string");
    return nullptr;
}

// The value of a '*' width or precision.
int PercentFormatter::star_value(Py_ssize_t *out, bool precision) noexcept {
    PyObject *v = next_arg();
    if (v == nullptr) return -1;
    if (!PyLong_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "* wants int");
        return -1;
    }
    if (precision) {
        const int prec = _PyLong_AsInt(v);
        if (prec == -1 && PyErr_Occurred()) return -1;
        *out = prec;
        return 0;
    }
    *out = PyLong_AsSsize_t(v);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

int PercentFormatter::parse(Conversion &c) noexcept {
    if (c.ch == '(') {
        if (dict_ == nullptr) {
            PyErr_SetString(PyExc_TypeError, "format requires a mapping");
            return -1;
        }
        ++pos_;
        --remaining_;
        const Py_ssize_t key_start = pos_;
        int depth = 1;
        while (depth > 0 && --remaining_ >= 0) {
            c.ch = read();
            if (c.ch == ')')
                --depth;
            else if (c.ch == '(')
                ++depth;
            ++pos_;
        }
        if (remaining_ < 0 || depth > 0) {
            PyErr_SetString(PyExc_ValueError, "incomplete format key");
            return -1;
        }
        PyObject *key = PyUnicode_Substring(format_, key_start, pos_ - 1);
        if (key == nullptr) return -1;
        if (bytes_mode_) {
            // bytes % mapping looks keys up as bytes.
            PyObject *as_bytes = unicode_encode_charmap_limit(key, 256, nullptr);
            Py_SETREF(key, as_bytes);
            if (key == nullptr) return -1;
        }
        if (args_owned_) {
            args_owned_ = false;
            Py_DECREF(args_);
        }
        args_ = PyObject_GetItem(dict_, key);
        Py_DECREF(key);
        if (args_ == nullptr) return -1;
        args_owned_ = true;
        arglen_ = -1;
        argidx_ = -2;
    }
    while (advance(c)) {
        switch (c.ch) {
        case '-': c.flags |= kLeft; continue;
        case '+': c.flags |= kSign; continue;
        case ' ': c.flags |= kBlank; continue;
        case '#': c.flags |= kAlt; continue;
        case '0': c.flags |= kZero; continue;
        default: break;
        }
        break;
    }
    if (c.ch == '*') {
        if (star_value(&c.width, false) < 0) return -1;
        if (c.width < 0) {
            c.flags |= kLeft;
            c.width = -c.width;
        }
        advance(c);
    } else if (c.ch >= '0' && c.ch <= '9') {
        c.width = static_cast<Py_ssize_t>(c.ch - '0');
        while (advance(c)) {
            if (c.ch < '0' || c.ch > '9') break;
            const auto digit = static_cast<Py_ssize_t>(c.ch - '0');
            if (c.width > (PY_SSIZE_T_MAX - digit) / 10) {
                PyErr_SetString(PyExc_ValueError, "width too big");
                return -1;
            }
            c.width = c.width * 10 + digit;
        }
    }
    if (c.ch == '.') {
        c.prec = 0;
        advance(c);
        if (c.ch == '*') {
            Py_ssize_t prec;
            if (star_value(&prec, true) < 0) return -1;
            c.prec = prec < 0 ? 0 : static_cast<int>(prec);
            advance(c);
        } else if (c.ch >= '0' && c.ch <= '9') {
            c.prec = static_cast<int>(c.ch - '0');
            while (advance(c)) {
                if (c.ch < '0' || c.ch > '9') break;
                const int digit = static_cast<int>(c.ch - '0');
                if (c.prec > (INT_MAX - digit) / 10) {
                    PyErr_SetString(PyExc_ValueError, "precision too big");
                    return -1;
                }
                c.prec = c.prec * 10 + digit;
            }
        }
    }
    if (remaining_ >= 0 && (c.ch == 'h' || c.ch == 'l' || c.ch == 'L')) advance(c);
    if (remaining_ < 0) {
        PyErr_SetString(PyExc_ValueError, "incomplete format");
        return -1;
    }
    return 0;
}

// %s and %b of bytes % args: the object's bytes (bytes or bytearray itself, or __bytes__), as
// Latin-1 text.
PyObject *bytes_operand_text(PyObject *v) noexcept {
    PyObject *data = nullptr;
    if (PyBytes_Check(v)) {
        data = Py_NewRef(v);
    } else if (PyByteArray_Check(v)) {
        // A buffer in CPython: bytearray's data as it is now.
        data = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(v), PyByteArray_GET_SIZE(v));
        if (data == nullptr) return nullptr;
    } else {
        PyObject *name = PyUnicode_InternFromString("__bytes__");
        if (name == nullptr) return nullptr;
        PyObject *method = _PyObject_LookupSpecial(v, name);
        Py_DECREF(name);
        if (method == nullptr) {
            if (PyErr_Occurred()) return nullptr;
            return PyErr_Format(PyExc_TypeError,
                                "%%b requires a bytes-like object, or an object that "
                                "implements __bytes__, not '%.100s'",
                                Py_TYPE(v)->tp_name);
        }
        data = PyObject_CallNoArgs(method);
        Py_DECREF(method);
        if (data == nullptr) return nullptr;
        if (!PyBytes_Check(data)) {
            PyErr_Format(PyExc_TypeError, "__bytes__ returned non-bytes (type %.200s)",
                         Py_TYPE(data)->tp_name);
            Py_DECREF(data);
            return nullptr;
        }
    }
    PyObject *text =
        PyUnicode_DecodeLatin1(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), nullptr);
    Py_DECREF(data);
    return text;
}

// %c: a code point from an int or a one-character str (a byte from an int or a one-byte
// bytes for bytes % args).
PyObject *char_operand(PyObject *v, bool bytes_mode) noexcept {
    if (bytes_mode ? PyBytes_Check(v) && PyBytes_GET_SIZE(v) == 1
                   : PyUnicode_Check(v) && PyUnicode_GET_LENGTH(v) == 1)
        return bytes_mode ? unicode_latin1_char(static_cast<Py_UCS1>(PyBytes_AS_STRING(v)[0]))
                          : Py_NewRef(v);
    const char *type_message = bytes_mode ? "%c requires an integer in range(256) or a single byte"
                                          : "%c requires int or char";
    if (PyUnicode_Check(v)) {
        PyErr_SetString(PyExc_TypeError, type_message);
        return nullptr;
    }
    int overflow = 0;
    const long x = PyLong_AsLongAndOverflow(v, &overflow);
    if (x == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, type_message);
        }
        return nullptr;
    }
    const long limit = bytes_mode ? 255 : 0x10ffff;
    if (overflow != 0 || x < 0 || x > limit) {
        PyErr_SetString(PyExc_OverflowError,
                        bytes_mode ? "%c arg not in range(256)" : "%c arg not in range(0x110000)");
        return nullptr;
    }
    return unicode_char(static_cast<Py_UCS4>(x));
}

}  // namespace

// CPython's _PyUnicode_FormatLong: the digits of an int for %d %i %u %o %x %X, with the
// "0o"/"0x"/"0X" prefix only when alt is set, at least prec digits.
PyObject *unicode_format_long(PyObject *value, bool alt, int prec, Py_UCS4 type) noexcept {
    if (prec > INT_MAX - 3) {
        PyErr_SetString(PyExc_OverflowError, "precision too large");
        return nullptr;
    }
    const int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    PyObject *text = _PyLong_Format(value, base);
    if (text == nullptr) return nullptr;
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const bool negative = data[0] == '-';
    const Py_ssize_t prefix = base != 10 ? 2 : 0;
    const Py_ssize_t digits = length - (negative ? 1 : 0) - prefix;
    const Py_ssize_t zeros = prec > digits ? prec - digits : 0;
    const bool with_prefix = alt && prefix != 0;
    const Py_ssize_t total = (negative ? 1 : 0) + (with_prefix ? 2 : 0) + zeros + digits;
    PyObject *out = PyUnicode_New(total, 127);
    if (out != nullptr) {
        Py_UCS1 *o = PyUnicode_1BYTE_DATA(out);
        if (negative) *o++ = '-';
        if (with_prefix) {
            *o++ = '0';
            *o++ = static_cast<Py_UCS1>(type);
        }
        for (Py_ssize_t i = 0; i < zeros; ++i) *o++ = '0';
        for (Py_ssize_t i = length - digits; i < length; ++i)
            *o++ = type == 'X' && data[i] >= 'a' && data[i] <= 'f'
                       ? static_cast<Py_UCS1>(data[i] - ('a' - 'A'))
                       : data[i];
    }
    Py_DECREF(text);
    return out;
}

namespace {

// %d %i %u %o %x %X of an int, or of any number int() (%d) or __index__ (%o %x %X) accepts.
PyObject *integer_operand(PyObject *v, const Conversion &c) noexcept {
    const bool needs_index = c.ch == 'o' || c.ch == 'x' || c.ch == 'X';
    if (PyNumber_Check(v)) {
        PyObject *number = PyLong_Check(v) ? Py_NewRef(v)
                           : needs_index   ? PyNumber_Index(v)
                                           : PyNumber_Long(v);
        if (number != nullptr) {
            PyObject *text = unicode_format_long(number, (c.flags & kAlt) != 0, c.prec, c.ch);
            Py_DECREF(number);
            return text;
        }
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) return nullptr;
        PyErr_Clear();
    }
    return PyErr_Format(PyExc_TypeError, "%%%c format: %s is required, not %.200s",
                        static_cast<int>(c.ch), needs_index ? "an integer" : "a real number",
                        Py_TYPE(v)->tp_name);
}

PyObject *float_operand(PyObject *v, const Conversion &c, bool bytes_mode) noexcept {
    const double x = PyFloat_AsDouble(v);
    if (x == -1.0 && PyErr_Occurred()) {
        // bytes % args replaces whatever float() raised.
        if (bytes_mode) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "float argument required, not %.200s",
                         Py_TYPE(v)->tp_name);
        }
        return nullptr;
    }
    char *text = PyOS_double_to_string(x, static_cast<char>(c.ch), c.prec < 0 ? 6 : c.prec,
                                       (c.flags & kAlt) != 0 ? Py_DTSF_ALT : 0, nullptr);
    if (text == nullptr) return nullptr;
    PyObject *out = unicode_from_units(PyUnicode_1BYTE_KIND, text,
                                       static_cast<Py_ssize_t>(std::strlen(text)), 127);
    PyMem_Free(text);
    return out;
}

}  // namespace

PyObject *PercentFormatter::convert(Conversion &c, PyObject *v) noexcept {
    switch (c.ch) {
    case 's':
        if (bytes_mode_) return bytes_operand_text(v);
        return PyUnicode_CheckExact(v) ? Py_NewRef(v) : PyObject_Str(v);
    case 'b':
        if (!bytes_mode_) break;
        return bytes_operand_text(v);
    case 'r': return bytes_mode_ ? PyObject_ASCII(v) : PyObject_Repr(v);
    case 'a': return PyObject_ASCII(v);
    case 'i':
        // bytes % args reads %i as %d, which its messages show.
        if (bytes_mode_) c.ch = 'd';
        [[fallthrough]];
    case 'd':
    case 'u':
    case 'o':
    case 'x':
    case 'X': c.numeric = true; return integer_operand(v, c);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': c.numeric = true; return float_operand(v, c, bytes_mode_);
    case 'c': return char_operand(v, bytes_mode_);
    default: break;
    }
    if (bytes_mode_ && c.ch >= 128) {
        // CPython passes the byte as a (signed) char to its message, which then fails.
        PyErr_SetString(PyExc_OverflowError, "character argument not in range(0x110000)");
        return nullptr;
    }
    const bool shown = bytes_mode_ || (c.ch >= 31 && c.ch <= 126);
    return PyErr_Format(PyExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                        shown ? static_cast<int>(c.ch) : '?', static_cast<unsigned>(c.ch),
                        pos_ - 1);
}

// The converted text padded to the width: the sign and the "0x" prefix ahead of '0' padding,
// after ' ' padding.
int PercentFormatter::output(Conversion &c, PyObject *text) noexcept {
    const Py_UCS4 fill = c.numeric && (c.flags & kZero) != 0 ? Py_UCS4{'0'} : Py_UCS4{' '};
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if ((c.width == -1 || c.width <= len) && (c.prec == -1 || c.prec >= len) &&
        (c.flags & (kSign | kBlank)) == 0)
        return writer_.write_str(text);
    if ((c.ch == 's' || c.ch == 'r' || c.ch == 'a' || c.ch == 'b') && c.prec >= 0 && len > c.prec)
        len = c.prec;
    Py_ssize_t index = 0;
    Py_UCS4 sign_char = 0;
    bool sign = c.numeric;
    if (sign) {
        const Py_UCS4 first = len > 0 ? PyUnicode_READ_CHAR(text, 0) : 0;
        if (first == '-' || first == '+') {
            sign_char = first;
            --len;
            ++index;
        } else if ((c.flags & kSign) != 0) {
            sign_char = '+';
        } else if ((c.flags & kBlank) != 0) {
            sign_char = ' ';
        } else {
            sign = false;
        }
    }
    Py_ssize_t width = c.width < len ? len : c.width;
    const bool prefix = (c.flags & kAlt) != 0 && (c.ch == 'x' || c.ch == 'X' || c.ch == 'o');
    if (sign) {
        if (fill != ' ' && writer_.write_char(sign_char) < 0) return -1;
        if (width > len) --width;
    }
    if (prefix) {
        if (fill != ' ') {
            if (writer_.write_substring(text, index, index + 2) < 0) return -1;
            index += 2;
        }
        width = width - 2 < 0 ? 0 : width - 2;
        len -= 2;
    }
    if (width > len && (c.flags & kLeft) == 0) {
        if (writer_.write_fill(fill, width - len) < 0) return -1;
        width = len;
    }
    if (fill == ' ') {
        if (sign && writer_.write_char(sign_char) < 0) return -1;
        if (prefix) {
            if (writer_.write_substring(text, index, index + 2) < 0) return -1;
            index += 2;
        }
    }
    if (writer_.write_substring(text, index, index + len) < 0) return -1;
    return width > len ? writer_.write_fill(' ', width - len) : 0;
}

int PercentFormatter::one_conversion() noexcept {
    Conversion c;
    c.ch = read();
    if (c.ch == '%') {
        ++pos_;
        --remaining_;
        return writer_.write_char('%');
    }
    if (parse(c) < 0) return -1;
    PyObject *v = next_arg();
    if (v == nullptr) return -1;
    PyObject *text = convert(c, v);
    if (text == nullptr) return -1;
    const int written = output(c, text);
    Py_DECREF(text);
    if (written < 0) return -1;
    if (dict_ != nullptr && argidx_ < arglen_) {
        PyErr_SetString(PyExc_TypeError,
                        bytes_mode_ ? "not all arguments converted during bytes formatting"
                                    : "not all arguments converted during string formatting");
        return -1;
    }
    return 0;
}

PyObject *PercentFormatter::run() noexcept {
    const Py_ssize_t length = PyUnicode_GET_LENGTH(format_);
    while (--remaining_ >= 0) {
        if (read() != '%') {
            const Py_ssize_t start = pos_++;
            while (pos_ < length && read() != '%') ++pos_;
            remaining_ = length - pos_;
            if (writer_.write_substring(format_, start, pos_) < 0) return nullptr;
        } else {
            ++pos_;
            if (one_conversion() < 0) return nullptr;
        }
    }
    if (argidx_ < arglen_ && dict_ == nullptr) {
        PyErr_SetString(PyExc_TypeError,
                        bytes_mode_ ? "not all arguments converted during bytes formatting"
                                    : "not all arguments converted during string formatting");
        return nullptr;
    }
    return writer_.finish();
}

// The bytes format as Latin-1 text through the same machine, and the result back to bytes.
PyObject *bytes_percent_format(PyObject *format, PyObject *args) noexcept {
    PyObject *text =
        PyUnicode_DecodeLatin1(PyBytes_AS_STRING(format), PyBytes_GET_SIZE(format), nullptr);
    if (text == nullptr) return nullptr;
    PyObject *result = PercentFormatter(text, args, true).run();
    Py_DECREF(text);
    if (result == nullptr) return nullptr;
    PyObject *out = unicode_encode_charmap_limit(result, 256, nullptr);
    Py_DECREF(result);
    return out;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *PyUnicode_Format(PyObject *format, PyObject *args) noexcept {
    if (format == nullptr || args == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (!ensure_str(format)) return nullptr;
    return PercentFormatter(format, args, false).run();
}

extern "C" PyObject *_PyBytes_Format(PyObject *format, PyObject *args) noexcept {
    if (format == nullptr || !PyBytes_Check(format) || args == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return bytes_percent_format(format, args);
}

extern "C" PyObject *PyObject_ASCII(PyObject *v) noexcept {
    PyObject *repr = PyObject_Repr(v);
    if (repr == nullptr || PyUnicode_IS_ASCII(repr)) return repr;
    PyObject *escaped = unicode_encode_charmap_limit(repr, 128, "backslashreplace");
    Py_DECREF(repr);
    if (escaped == nullptr) return nullptr;
    PyObject *out =
        PyUnicode_DecodeASCII(PyBytes_AS_STRING(escaped), PyBytes_GET_SIZE(escaped), nullptr);
    Py_DECREF(escaped);
    return out;
}
