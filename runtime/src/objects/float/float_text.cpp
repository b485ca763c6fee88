// double -> text: repr()'s shortest round-trip digits and PyOS_double_to_string.
//
// repr(x) is the shortest decimal string that reads back as x; among strings of that length,
// the one nearest x (CPython's dtoa mode 0). minipy finds it with the C library alone, whose
// printf rounds exactly and whose strtod reads exactly (glibc and musl both do):
//   - for a digit count p, "%.*e" gives the p-digit decimal d nearest x (one call with 26
//     digits serves every p, see nearest_decimal);
//   - d reads back as x when it falls inside x's rounding interval. At a power of two that
//     interval is lopsided (the gap below is half the gap above), so when d lies on the short
//     side and misses, its neighbour one unit up may still hit: try d, then d + 1, then d - 1
//     (at most one of the neighbours lies on the other side of x, nearer than any other
//     p-digit decimal there).
//   - if some p-digit decimal reads back, so does some (p+1)-digit one (the p-digit decimals
//     are among them): success is monotone in p, so a search over 1..17 finds the shortest
//     p in a few probes; 17 digits always read back.
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

#include "objects/float/float_internal.hpp"

namespace {

// A decimal candidate mantissa * 10**exp10, the mantissa of at most 18 digits.
struct Decimal {
    std::uint64_t mantissa;
    int exp10;
};

// Writes the decimal digits of n (n > 0) ending just before `end`; returns where they start.
char *write_digits_backwards(std::uint64_t n, char *end) noexcept {
    do {
        *--end = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n != 0);
    return end;
}

bool reads_back(const Decimal &d, double v) noexcept {
    if (d.mantissa == 0) return false;
    // "MANTISSAeEXP", built by hand: this runs a few times per repr.
    char text[48];
    char *start = write_digits_backwards(d.mantissa, text + 24);
    char *c = text + 24;
    *c++ = 'e';
    if (d.exp10 < 0) *c++ = '-';
    char *exp_end = text + sizeof text - 1;
    char *exp_start = write_digits_backwards(
        static_cast<std::uint64_t>(d.exp10 < 0 ? -d.exp10 : d.exp10), exp_end);
    std::memmove(c, exp_start, static_cast<std::size_t>(exp_end - exp_start));
    c[exp_end - exp_start] = '\0';
    return std::strtod(start, nullptr) == v;
}

// printf's "%.*e" text read back as a decimal: the digits (the locale's decimal point and
// the sign are skipped) and the exponent of the first one.
int read_exponent_text(const char *text, char *digits, int *ndigits) noexcept {
    const char *c = text;
    int n = 0;
    for (; *c != '\0' && *c != 'e'; ++c) {
        if (*c >= '0' && *c <= '9') digits[n++] = *c;
    }
    *ndigits = n;
    return *c == 'e' ? std::atoi(c + 1) : 0;
}

// v's first kExpansionDigits significant digits, correctly rounded: one printf call from
// which every shorter candidate is cut.
constexpr int kExpansionDigits = 26;
struct Expansion {
    char digits[kExpansionDigits + 8];
    int exponent;  // of the first digit
};

void expand(double v, Expansion *out) noexcept {
    char text[64];
    std::snprintf(text, sizeof text, "%.*e", kExpansionDigits - 1, v);
    int n = 0;
    out->exponent = read_exponent_text(text, out->digits, &n);
}

// The p-digit decimal nearest v (v finite and positive), cut from the expansion. Cutting an
// already rounded expansion rounds twice; that can only go wrong when the cut-off part
// reads exactly "5000...", and then printf rounds v itself to p digits.
Decimal nearest_decimal(double v, const Expansion &e, int p) noexcept {
    Decimal d{0, e.exponent - (p - 1)};
    for (int i = 0; i < p; i++)
        d.mantissa = d.mantissa * 10 + static_cast<unsigned>(e.digits[i] - '0');
    const char first_cut = e.digits[p];
    bool rest_zero = true;
    for (int i = p + 1; i < kExpansionDigits && rest_zero; i++) rest_zero = e.digits[i] == '0';
    if (first_cut > '5' || (first_cut == '5' && !rest_zero)) {
        d.mantissa++;
    } else if (first_cut == '5') {
        char text[64];
        std::snprintf(text, sizeof text, "%.*e", p - 1, v);
        char digits[32];
        int n = 0;
        const int exponent = read_exponent_text(text, digits, &n);
        d = Decimal{0, exponent - (p - 1)};
        for (int i = 0; i < n; i++)
            d.mantissa = d.mantissa * 10 + static_cast<unsigned>(digits[i] - '0');
    }
    return d;
}

// The p-digit decimal (or a neighbour of it) that reads back as v, if there is one.
bool round_trip_candidate(double v, const Expansion &e, int p, Decimal *out) noexcept {
    const Decimal nearest = nearest_decimal(v, e, p);
    const Decimal tries[3] = {
        nearest, {nearest.mantissa + 1, nearest.exp10}, {nearest.mantissa - 1, nearest.exp10}};
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
//
// Most doubles need 16 or 17 digits and the values people type need few, so 15 is probed
// first: a miss leaves 16 and 17 to try, a hit a binary search below 15.
int shortest_digits(double v, char digits[20], int *decpt) noexcept {
    Expansion e{};
    expand(v, &e);
    Decimal found{};
    if (round_trip_candidate(v, e, 15, &found)) {
        int lo = 1;
        int hi = 15;  // found holds hi's candidate
        while (lo < hi) {
            const int mid = (lo + hi) / 2;
            Decimal d{};
            if (round_trip_candidate(v, e, mid, &d)) {
                hi = mid;
                found = d;
            } else {
                lo = mid + 1;
            }
        }
    } else if (!round_trip_candidate(v, e, 16, &found)) {
        // Seventeen significant digits always identify a double.
        if (!round_trip_candidate(v, e, 17, &found)) found = nearest_decimal(v, e, 17);
    }
    while (found.mantissa % 10 == 0) {
        found.mantissa /= 10;
        found.exp10++;
    }
    char text[24];
    char *end = text + sizeof text;
    const char *start = write_digits_backwards(found.mantissa, end);
    const int n = static_cast<int>(end - start);
    std::memcpy(digits, start, static_cast<std::size_t>(n));
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
    if (point == nullptr || point[0] == '\0' || (point[0] == '.' && point[1] == '\0'))
        return nullptr;
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
    // 'g' with ADD_DOT_0 (format()'s no-type with a precision) keeps room for the ".0": it
    // switches to the exponent form one decimal exponent earlier than %g, at precision - 1,
    // and strips trailing zeros as %g does.
    bool strip_zeros = false;
    if ((code == 'g' || code == 'G') && (flags & Py_DTSF_ADD_DOT_0) && std::isfinite(val)) {
        const int digits = precision == 0 ? 1 : precision;
        char probe[64];
        std::snprintf(probe, sizeof probe, "%.*e", digits - 1, val);
        const char *e = std::strchr(probe, 'e');
        if (e != nullptr && std::atoi(e + 1) >= digits - 1) {
            code = code == 'g' ? 'e' : 'E';
            precision = digits - 1;
            strip_zeros = (flags & Py_DTSF_ALT) == 0;
        }
    }
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
    char *point = std::strchr(text, '.');
    if (strip_zeros && point != nullptr) {
        // Fraction digits only: "1.500e+05" -> "1.5e+05", "1.000e+05" -> "1e+05".
        char *exponent = std::strpbrk(point, "eE");
        char *cut = exponent;
        while (cut[-1] == '0') cut--;
        if (cut[-1] == '.') cut--;
        std::memmove(cut, exponent, std::strlen(exponent) + 1);
    }
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
    // ADD_DOT_0: an integral value without exponent gets a fraction digit, even after the
    // bare point of ALT ("1." becomes "1.0", as CPython's format_float_short writes it).
    if ((flags & Py_DTSF_ADD_DOT_0) && std::isfinite(val)) {
        const std::size_t digits = std::strspn(body, "0123456789");
        if (body[digits] == '\0')
            std::strcat(text, ".0");
        else if (body[digits] == '.' && body[digits + 1] == '\0')
            std::strcat(text, "0");
    }
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
    if (type != nullptr)
        *type = std::isnan(val) ? Py_DTST_NAN : std::isinf(val) ? Py_DTST_INFINITE : Py_DTST_FINITE;
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
    default: break;
    }
    PyErr_BadInternalCall();
    return nullptr;
}
