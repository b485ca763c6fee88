// double -> text: repr()'s shortest round-trip digits and PyOS_double_to_string.
//
// repr(x) is the shortest decimal string that reads back as x; among strings of that length,
// the one nearest x (CPython's dtoa mode 0). minipy finds it with the C library alone, whose
// printf rounds exactly and whose strtod reads exactly (glibc and musl both do):
//   - for a digit count p, "%.*e" gives the p-digit decimal d nearest x;
//   - d reads back as x when it falls inside x's rounding interval. At a power of two that
//     interval is lopsided (the gap below is half the gap above), so when d lies on the short
//     side and misses, its neighbour one unit up may still hit: try d, then d + 1, then d - 1
//     (at most one of the neighbours lies on the other side of x, nearer than any other
//     p-digit decimal there).
//   - if some p-digit decimal reads back, so does some (p+1)-digit one (the p-digit decimals
//     are among them): success is monotone in p, so a binary search over 1..17 finds the
//     shortest p in about four probes; 17 digits always read back.
// The digits are then laid out as CPython's float_repr_style 'short' does: exponent form when
// the decimal exponent is below -4 or at least 16 ("1e-05", "1e+16"), else positional with
// ".0" for an integral value.
//
// The other codes (e f g, upper-case too) are printf's own output, which matches CPython's
// for every precision, after three fixes: the locale's decimal point becomes '.', a NaN
// loses its sign, and the flags below printf's reach (ADD_DOT_0, NO_NEG_0) are applied.
#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "objects/float_internal.hpp"

namespace {

// A decimal candidate mantissa * 10**exp10, the mantissa of at most 18 digits.
struct Decimal {
    std::uint64_t mantissa;
    int exp10;
};

bool reads_back(const Decimal &d, double v) noexcept {
    if (d.mantissa == 0) return false;
    char text[48];
    std::snprintf(text, sizeof text, "%llue%d", static_cast<unsigned long long>(d.mantissa), d.exp10);
    return std::strtod(text, nullptr) == v;
}

// The p-digit decimal nearest v (v finite and positive), read from printf's "%.*e" text.
// Only digits, the letter e and the exponent are looked at, so the locale's decimal point
// does not matter.
Decimal nearest_decimal(double v, int p) noexcept {
    char text[64];
    std::snprintf(text, sizeof text, "%.*e", p - 1, v);
    Decimal d{0, 0};
    const char *c = text;
    for (; *c != '\0' && *c != 'e'; ++c) {
        if (*c >= '0' && *c <= '9') d.mantissa = d.mantissa * 10 + static_cast<unsigned>(*c - '0');
    }
    const int exponent = *c == 'e' ? std::atoi(c + 1) : 0;
    d.exp10 = exponent - (p - 1);
    return d;
}

// The p-digit decimal (or a neighbour of it) that reads back as v, if there is one.
bool round_trip_candidate(double v, int p, Decimal *out) noexcept {
    const Decimal nearest = nearest_decimal(v, p);
    const Decimal tries[3] = {nearest, {nearest.mantissa + 1, nearest.exp10}, {nearest.mantissa - 1, nearest.exp10}};
    for (const Decimal &d : tries) {
        if (reads_back(d, v)) {
            *out = d;
            return true;
        }
    }
    return false;
}

// Digits of the shortest decimal that reads back as v (finite, > 0), without trailing zeros;
// v is 0.DIGITS * 10**decpt. Returns the digit count.
int shortest_digits(double v, char digits[20], int *decpt) noexcept {
    int lo = 1;
    int hi = 17;
    Decimal found{};
    bool found_at_hi = false;  // found holds the candidate for hi
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        Decimal d{};
        if (round_trip_candidate(v, mid, &d)) {
            hi = mid;
            found = d;
            found_at_hi = true;
        } else {
            lo = mid + 1;
        }
    }
    // Seventeen significant digits always identify a double.
    if (!found_at_hi && !round_trip_candidate(v, 17, &found)) found = nearest_decimal(v, 17);
    while (found.mantissa % 10 == 0) {
        found.mantissa /= 10;
        found.exp10++;
    }
    char reversed[20];
    int n = 0;
    for (std::uint64_t m = found.mantissa; m != 0; m /= 10) reversed[n++] = static_cast<char>('0' + m % 10);
    for (int i = 0; i < n; i++) digits[i] = reversed[n - 1 - i];
    *decpt = n + found.exp10;
    return n;
}

// A small writer over a buffer known to be large enough.
struct TextOut {
    char *at;
    void put(char c) noexcept { *at++ = c; }
    void put(const char *s, std::size_t n) noexcept {
        std::memcpy(at, s, n);
        at += n;
    }
    void zeros(int n) noexcept {
        for (int i = 0; i < n; i++) put('0');
    }
};

// The locale's decimal point, when it is not '.' (a host may have called setlocale).
const char *foreign_decimal_point() noexcept {
    const char *point = std::localeconv()->decimal_point;
    if (point == nullptr || point[0] == '\0' || (point[0] == '.' && point[1] == '\0')) return nullptr;
    return point;
}

// Replaces the locale's decimal point by '.' in printf's output, in place.
void use_dot_as_decimal_point(char *text) noexcept {
    const char *point = foreign_decimal_point();
    if (point == nullptr) return;
    char *found = std::strstr(text, point);
    if (found == nullptr) return;
    const std::size_t point_len = std::strlen(point);
    *found = '.';
    std::memmove(found + 1, found + point_len, std::strlen(found + point_len) + 1);
}

// The format is assembled below from fixed pieces ('%', '#', '+', ".*", the code), so the
// compiler's check of literal formats has nothing to add.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

// printf's %e %f %g (and upper case) with the flags; a string from PyMem_Malloc.
char *format_with_printf(double val, char code, int precision, int flags) noexcept {
    char format[8];
    char *f = format;
    *f++ = '%';
    if (flags & Py_DTSF_ALT) *f++ = '#';
    if (flags & Py_DTSF_SIGN) *f++ = '+';
    *f++ = '.';
    *f++ = '*';
    *f++ = code;
    *f = '\0';
    const int length = std::snprintf(nullptr, 0, format, precision, val);
    if (length < 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    // Room for ".0", and for a multi-byte decimal point that becomes '.'.
    auto *text = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(length) + 3));
    if (text == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    std::snprintf(text, static_cast<std::size_t>(length) + 1, format, precision, val);
    use_dot_as_decimal_point(text);
    char *body = text + (text[0] == '-' || text[0] == '+');
    if ((flags & Py_DTSF_NO_NEG_0) && text[0] == '-' && std::isfinite(val)) {
        // A value that rounded to zero at this precision loses its minus sign.
        bool all_zero = true;
        for (const char *c = body; *c != '\0' && *c != 'e' && *c != 'E'; ++c)
            if (*c >= '1' && *c <= '9') all_zero = false;
        if (all_zero) {
            if (flags & Py_DTSF_SIGN)
                text[0] = '+';
            else
                std::memmove(text, text + 1, std::strlen(text));
            body = text + (text[0] == '+');
        }
    }
    if ((flags & Py_DTSF_ADD_DOT_0) && std::isfinite(val) && std::strspn(body, "0123456789") == std::strlen(body))
        std::strcat(text, ".0");
    return text;
}

#pragma GCC diagnostic pop

char *copy_to_mem(const char *text, std::size_t length) noexcept {
    auto *copy = static_cast<char *>(PyMem_Malloc(length + 1));
    if (copy == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    std::memcpy(copy, text, length + 1);
    return copy;
}

}  // namespace

namespace minipy::runtime {

std::size_t format_float_repr(double v, int flags, char *buf) noexcept {
    TextOut out{buf};
    if (std::isnan(v)) {
        if (flags & Py_DTSF_SIGN) out.put('+');
        out.put("nan", 3);
        *out.at = '\0';
        return static_cast<std::size_t>(out.at - buf);
    }
    bool negative = std::signbit(v);
    if (negative && v == 0.0 && (flags & Py_DTSF_NO_NEG_0)) negative = false;
    if (negative)
        out.put('-');
    else if (flags & Py_DTSF_SIGN)
        out.put('+');
    const double magnitude = std::fabs(v);
    if (std::isinf(magnitude)) {
        out.put("inf", 3);
        *out.at = '\0';
        return static_cast<std::size_t>(out.at - buf);
    }
    char digits[20];
    int decpt = 1;
    int ndigits = 1;
    if (magnitude == 0.0)
        digits[0] = '0';
    else
        ndigits = shortest_digits(magnitude, digits, &decpt);

    const bool alt = (flags & Py_DTSF_ALT) != 0;
    if (decpt <= -4 || decpt > 16) {
        // d.ddde+XX with at least two exponent digits.
        out.put(digits[0]);
        if (ndigits > 1 || alt) out.put('.');
        out.put(digits + 1, static_cast<std::size_t>(ndigits - 1));
        const int exponent = decpt - 1;
        char tail[8];
        const int n = std::snprintf(tail, sizeof tail, "e%c%02d", exponent < 0 ? '-' : '+',
                                    exponent < 0 ? -exponent : exponent);
        out.put(tail, static_cast<std::size_t>(n));
    } else if (decpt <= 0) {
        out.put("0.", 2);
        out.zeros(-decpt);
        out.put(digits, static_cast<std::size_t>(ndigits));
    } else if (decpt < ndigits) {
        out.put(digits, static_cast<std::size_t>(decpt));
        out.put('.');
        out.put(digits + decpt, static_cast<std::size_t>(ndigits - decpt));
    } else {
        out.put(digits, static_cast<std::size_t>(ndigits));
        out.zeros(decpt - ndigits);
        if (flags & Py_DTSF_ADD_DOT_0)
            out.put(".0", 2);
        else if (alt)
            out.put('.');
    }
    *out.at = '\0';
    return static_cast<std::size_t>(out.at - buf);
}

PyObject *float_repr(PyObject *v) noexcept {
    char text[kFloatReprBufferSize];
    const std::size_t length = format_float_repr(float_value(v), Py_DTSF_ADD_DOT_0, text);
    return PyUnicode_FromStringAndSize(text, static_cast<Py_ssize_t>(length));
}

}  // namespace minipy::runtime

extern "C" char *PyOS_double_to_string(double val, char format_code, int precision, int flags,
                                       int *type) noexcept {
    if (type != nullptr) *type = std::isnan(val) ? Py_DTST_NAN : std::isinf(val) ? Py_DTST_INFINITE : Py_DTST_FINITE;
    switch (format_code) {
    case 'r': {
        if (precision != 0) break;
        char text[minipy::runtime::kFloatReprBufferSize];
        const std::size_t length = minipy::runtime::format_float_repr(val, flags, text);
        return copy_to_mem(text, length);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
        if (precision < 0) break;
        // CPython never prints a NaN's sign.
        if (std::isnan(val)) val = std::fabs(val);
        return format_with_printf(val, format_code, precision, flags);
    default:
        break;
    }
    PyErr_BadInternalCall();
    return nullptr;
}
