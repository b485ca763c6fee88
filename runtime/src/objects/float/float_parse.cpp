// text -> double: PyOS_string_to_double and float() of a str or bytes.
//
// The grammar is CPython's (Python/pystrtod.c, Objects/floatobject.c):
//   number  ::= [sign] (digits ["." [digits]] | "." digits) [("e" | "E") [sign] digits]
//             | [sign] ("inf" | "infinity" | "nan")          (any case)
// float() adds white space around it and single underscores between digits (checked on the
// raw text: an underscore must have a digit on each side).
//
// The value is read by the C library's strtod, which rounds exactly, from a normalized copy
// "DIGITSeEXP" that has no decimal point, so the C locale cannot change the result. The copy
// keeps at most kMaxSignificant digits: the exact midpoint between two adjacent doubles has
// at most 767 significant digits, so digits beyond 780 can only tell "a bit above" from
// "exactly", and one sticky nonzero digit says that. Exponents far outside the double range
// are decided here (0 or infinity) so that any exponent, however long, is accepted.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "objects/float/float_internal.hpp"

namespace {

constexpr int kMaxSignificant = 780;
// Beyond these decimal magnitudes the result is certainly infinity or zero.
constexpr std::int64_t kOverflowMagnitude = 400;
constexpr std::int64_t kUnderflowMagnitude = -400;
constexpr std::int64_t kExponentCap = 1000000000;

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
bool is_ascii_space(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// Whether [p, end) starts with `word` (lower case), ignoring case.
bool starts_with_word(const char *p, const char *end, const char *word) noexcept {
    for (; *word != '\0'; ++word, ++p) {
        if (p == end) return false;
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != *word) return false;
    }
    return true;
}

struct ParsedFloat {
    double value;
    const char *stop;  // the first character not used; the start when there was no number
    bool overflow;     // a finite literal too large for a double (value is +-inf)
};

// Reads the longest number at the start of [s, end). false when none starts there.
bool parse_number(const char *s, const char *end, ParsedFloat *out) noexcept {
    const char *p = s;
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
    out->overflow = false;

    if (starts_with_word(p, end, "inf")) {
        out->stop = p + (starts_with_word(p, end, "infinity") ? 8 : 3);
        out->value = negative ? -HUGE_VAL : HUGE_VAL;
        return true;
    }
    if (starts_with_word(p, end, "nan")) {
        out->stop = p + 3;
        out->value = negative ? -NAN : NAN;
        return true;
    }

    // The significant digits go to `digits` (leading zeros skipped), at most kMaxSignificant
    // of them plus one sticky digit; exp10 counts the places the copy's last digit stands
    // from the units place.
    char digits[kMaxSignificant + 40];
    int ndigits = 0;
    bool sticky = false;
    std::int64_t exp10 = 0;
    std::int64_t seen = 0;  // digits of the mantissa, zeros included
    auto take = [&](char c, bool fractional) {
        seen++;
        if (ndigits == 0 && c == '0') {
            if (fractional) exp10--;
            return;
        }
        if (ndigits < kMaxSignificant) {
            digits[ndigits++] = c;
            if (fractional) exp10--;
        } else {
            if (c != '0') sticky = true;
            if (!fractional) exp10++;
        }
    };
    for (; p < end && is_digit(*p); ++p) take(*p, false);
    if (p < end && *p == '.') {
        for (++p; p < end && is_digit(*p); ++p) take(*p, true);
    }
    // "." alone is no number; "5." and ".5" are.
    if (seen == 0) {
        out->stop = s;
        return false;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        bool exp_negative = false;
        if (q < end && (*q == '+' || *q == '-')) exp_negative = *q++ == '-';
        if (q < end && is_digit(*q)) {
            std::int64_t exponent = 0;
            for (; q < end && is_digit(*q); ++q) {
                if (exponent < kExponentCap) exponent = exponent * 10 + (*q - '0');
            }
            exp10 += exp_negative ? -exponent : exponent;
            p = q;
        }
    }
    out->stop = p;

    if (sticky) {
        digits[ndigits++] = '1';
        exp10--;
    }
    // Trailing zeros only lengthen the copy.
    while (ndigits > 0 && digits[ndigits - 1] == '0') ndigits--, exp10++;
    double magnitude = 0.0;
    if (ndigits > 0) {
        const std::int64_t order = ndigits + exp10;  // the value is below 10**order
        if (order > kOverflowMagnitude) {
            magnitude = HUGE_VAL;
        } else if (order >= kUnderflowMagnitude) {
            std::snprintf(digits + ndigits, sizeof digits - static_cast<std::size_t>(ndigits),
                          "e%lld", static_cast<long long>(exp10));
            magnitude = std::strtod(digits, nullptr);
        }
        out->overflow = std::isinf(magnitude);
    }
    out->value = negative ? -magnitude : magnitude;
    return true;
}

PyObject *cannot_convert(PyObject *obj) noexcept {
    return PyErr_Format(PyExc_ValueError, "could not convert string to float: %R", obj);
}

// float() of text without underscores.
PyObject *float_from_plain_ascii(const char *s, const char *last, PyObject *obj) noexcept {
    while (s < last && is_ascii_space(*s)) s++;
    while (last > s && is_ascii_space(last[-1])) last--;
    ParsedFloat parsed{};
    if (s == last || !parse_number(s, last, &parsed) || parsed.stop != last)
        return cannot_convert(obj);
    return PyFloat_FromDouble(parsed.value);
}

// The value of a Unicode decimal digit, or -1. Unicode keeps decimal digits in runs of ten
// consecutive code points with the values 0 to 9, and runs that touch each other (the
// mathematical digits) each start at a zero, so the offset from the start of the block of
// digits, modulo 10, is the value.
int decimal_digit_value(Py_UCS4 ch) noexcept {
    if (!Py_UNICODE_ISDECIMAL(ch)) return -1;
    Py_UCS4 start = ch;
    while (start > 0 && Py_UNICODE_ISDECIMAL(start - 1)) start--;
    return static_cast<int>((ch - start) % 10);
}

// A str's text as float() reads it: ASCII as is, other white space as ' ', other decimal
// digits as their ASCII digit, and the first other character as '?' (which no number
// contains) where the text then ends. Writes at most `length` characters to out.
Py_ssize_t str_to_ascii(PyObject *str, char *out) noexcept {
    const int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(str);
    for (Py_ssize_t i = 0; i < length; i++) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 127) {
            out[i] = static_cast<char>(ch);
        } else if (Py_UNICODE_ISSPACE(ch)) {
            out[i] = ' ';
        } else {
            const int value = decimal_digit_value(ch);
            if (value < 0) {
                out[i] = '?';
                return i + 1;
            }
            out[i] = static_cast<char>('0' + value);
        }
    }
    return length;
}

}  // namespace

namespace minipy::runtime {

PyObject *float_from_ascii(const char *s, Py_ssize_t len, PyObject *obj) noexcept {
    const char *last = s + len;
    if (std::memchr(s, '_', static_cast<std::size_t>(len)) == nullptr)
        return float_from_plain_ascii(s, last, obj);
    // Drop the underscores, each of which must stand between two digits.
    auto *copy = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(len) + 1));
    if (copy == nullptr) return PyErr_NoMemory();
    char *out = copy;
    char prev = '\0';
    bool valid = true;
    for (const char *p = s; p < last && valid; ++p) {
        if (*p == '_') {
            valid = is_digit(prev);
        } else {
            *out++ = *p;
            valid = prev != '_' || is_digit(*p);
        }
        prev = *p;
    }
    if (prev == '_') valid = false;
    PyObject *result = valid ? float_from_plain_ascii(copy, out, obj) : cannot_convert(obj);
    PyMem_Free(copy);
    return result;
}

}  // namespace minipy::runtime

extern "C" {

double PyOS_string_to_double(const char *s, char **endptr, PyObject *overflow_exception) noexcept {
    ParsedFloat parsed{};
    const char *end = s + std::strlen(s);
    const bool found = parse_number(s, end, &parsed);
    double result = -1.0;
    if (!found || (endptr == nullptr && parsed.stop != end)) {
        PyErr_Format(PyExc_ValueError, "could not convert string to float: '%.200s'", s);
    } else if (parsed.overflow && overflow_exception != nullptr) {
        PyErr_Format(overflow_exception, "value too large to convert to float: '%.200s'", s);
    } else {
        result = parsed.value;
    }
    if (endptr != nullptr) *endptr = const_cast<char *>(parsed.stop);
    return result;
}

PyObject *PyFloat_FromString(PyObject *v) noexcept {
    if (PyBytes_Check(v))
        return minipy::runtime::float_from_ascii(PyBytes_AS_STRING(v), PyBytes_GET_SIZE(v), v);
    if (!PyUnicode_Check(v)) {
        return PyErr_Format(PyExc_TypeError,
                            "float() argument must be a string or a real number, not '%.200s'",
                            Py_TYPE(v)->tp_name);
    }
    if (PyUnicode_IS_ASCII(v)) {
        return minipy::runtime::float_from_ascii(static_cast<const char *>(PyUnicode_DATA(v)),
                                                 PyUnicode_GET_LENGTH(v), v);
    }
    const Py_ssize_t length = PyUnicode_GET_LENGTH(v);
    auto *text = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(length) + 1));
    if (text == nullptr) return PyErr_NoMemory();
    const Py_ssize_t used = str_to_ascii(v, text);
    PyObject *result = minipy::runtime::float_from_ascii(text, used, v);
    PyMem_Free(text);
    return result;
}

}  // extern "C"
