// float.hex() and float.fromhex(): exact hexadecimal text, as CPython 3.11 writes and reads
// it ('0x1.8000000000000p+0'; '[sign] [0x] hexdigits [. hexdigits] [p [sign] decimal]',
// inf and nan, white space around).
//
// fromhex rounds half to even like any other conversion: the significant hex digits are
// gathered into a 64-bit accumulator (15 digits, 57 to 60 bits, more than the 53 a double
// keeps) with a sticky flag for any nonzero digit beyond, then the bits below the double's
// last place are rounded away. The last place is 2**(top - 53) for a normal result, where
// 2**(top-1) <= value < 2**top, and 2**-1074 for a subnormal one.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "objects/float/float_internal.hpp"

namespace {

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_ascii_space(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

PyObject *invalid_hex() noexcept {
    PyErr_SetString(PyExc_ValueError, "invalid hexadecimal floating-point string");
    return nullptr;
}

PyObject *hex_overflow() noexcept {
    PyErr_SetString(PyExc_OverflowError, "hexadecimal value too large to represent as a float");
    return nullptr;
}

bool starts_with_word(const char *p, const char *end, const char *word) noexcept {
    for (; *word != '\0'; ++word, ++p) {
        if (p == end) return false;
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != *word) return false;
    }
    return true;
}

// Caps on exponents: beyond them the value is certainly zero or infinite, and every sum
// below stays far inside int64_t.
constexpr std::int64_t kExponentCap = std::int64_t{1} << 50;
constexpr int kAccumulatorDigits = 15;

// The magnitude mant * 2**binexp (+ sticky, a nonzero tail below mant's last bit) rounded
// to a double; false on overflow.
bool round_to_double(std::uint64_t mant, std::int64_t binexp, bool sticky, double *out) noexcept {
    int bits = 0;
    for (std::uint64_t m = mant; m != 0; m >>= 1) bits++;
    const std::int64_t top = binexp + bits;  // 2**(top-1) <= value < 2**top
    if (top > DBL_MAX_EXP) return false;
    if (top < DBL_MIN_EXP - DBL_MANT_DIG) {  // below half the smallest subnormal
        *out = 0.0;
        return true;
    }
    const std::int64_t lsb = (top > DBL_MIN_EXP ? top : DBL_MIN_EXP) - DBL_MANT_DIG;
    if (binexp >= lsb) {  // fits: no rounding
        *out = std::ldexp(static_cast<double>(mant), static_cast<int>(binexp));
        return true;
    }
    const int shift = static_cast<int>(lsb - binexp);  // 1..60 (see the header comment)
    std::uint64_t kept = mant >> shift;
    const std::uint64_t rest = mant & ((std::uint64_t{1} << shift) - 1);
    const std::uint64_t half = std::uint64_t{1} << (shift - 1);
    if (rest > half || (rest == half && (sticky || (kept & 1) != 0))) kept++;
    *out = std::ldexp(static_cast<double>(kept), static_cast<int>(lsb));
    return !std::isinf(*out);
}

}  // namespace

namespace minipy::runtime {

PyObject *float_hex(PyObject *self, PyObject *) noexcept {
    const double x = float_value(self);
    if (!std::isfinite(x)) return float_repr(self);
    if (x == 0.0) return PyUnicode_FromString(std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
    int e = 0;
    double m = std::frexp(std::fabs(x), &e);  // 0.5 <= m < 1
    // One hex digit before the point: 1 for a normal value, 0 for a subnormal one, whose
    // exponent stays at the minimum.
    const int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = std::ldexp(m, shift);
    e -= shift;
    static const char kHexDigits[] = "0123456789abcdef";
    char digits[2 + (DBL_MANT_DIG - 1) / 4 + 1];
    int n = 0;
    digits[n++] = kHexDigits[static_cast<int>(m)];
    m -= static_cast<int>(m);
    digits[n++] = '.';
    for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; i++) {
        m *= 16.0;
        digits[n++] = kHexDigits[static_cast<int>(m)];
        m -= static_cast<int>(m);
    }
    digits[n] = '\0';
    char text[64];
    std::snprintf(text, sizeof text, "%s0x%sp%c%d", x < 0 ? "-" : "", digits, e < 0 ? '-' : '+',
                  e < 0 ? -e : e);
    return PyUnicode_FromString(text);
}

PyObject *float_fromhex(PyObject *cls, PyObject *text) noexcept {
    Py_ssize_t length = 0;
    const char *s = PyUnicode_AsUTF8AndSize(text, &length);
    if (s == nullptr) return nullptr;
    const char *end = s + length;
    while (s < end && is_ascii_space(*s)) s++;

    double x = 0.0;
    bool negative = false;
    const char *sign_end = s + (s < end && (*s == '+' || *s == '-'));
    if (starts_with_word(sign_end, end, "inf") || starts_with_word(sign_end, end, "nan")) {
        negative = *s == '-';
        x = *sign_end == 'n' || *sign_end == 'N' ? NAN : HUGE_VAL;
        s = sign_end + (starts_with_word(sign_end, end, "infinity") ? 8 : 3);
    } else {
        negative = *s == '-';
        s = sign_end;
        if (end - s >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
        std::uint64_t mant = 0;
        int taken = 0;             // significant digits in mant
        bool sticky = false;       // a nonzero digit beyond them
        std::int64_t binexp = 0;   // mant's scale, before the p exponent
        std::int64_t ndigits = 0;  // hex digits of the coefficient, zeros included
        bool fractional = false;
        for (;; ++s) {
            if (s < end && *s == '.' && !fractional) {
                fractional = true;
                continue;
            }
            const int digit = s < end ? hex_value(*s) : -1;
            if (digit < 0) break;
            ndigits++;
            if (taken < kAccumulatorDigits) {
                if (taken > 0 || digit != 0) {
                    mant = mant * 16 + static_cast<unsigned>(digit);
                    taken++;
                }
                if (fractional) binexp -= 4;
            } else {
                if (digit != 0) sticky = true;
                if (!fractional) binexp += 4;
            }
        }
        if (ndigits == 0) return invalid_hex();
        if (s < end && (*s == 'p' || *s == 'P')) {
            ++s;
            bool exp_negative = false;
            if (s < end && (*s == '+' || *s == '-')) exp_negative = *s++ == '-';
            if (s == end || *s < '0' || *s > '9') return invalid_hex();
            std::int64_t exponent = 0;
            for (; s < end && *s >= '0' && *s <= '9'; ++s) {
                if (exponent < kExponentCap) exponent = exponent * 10 + (*s - '0');
            }
            binexp += exp_negative ? -exponent : exponent;
        }
        // CPython reports an overflow before it looks at what follows the number.
        if (mant != 0 && !round_to_double(mant, binexp, sticky, &x)) return hex_overflow();
    }
    while (s < end && is_ascii_space(*s)) s++;
    if (s != end) return invalid_hex();
    PyObject *result = PyFloat_FromDouble(negative ? -x : x);
    if (result != nullptr && cls != reinterpret_cast<PyObject *>(&PyFloat_Type))
        Py_SETREF(result, PyObject_CallOneArg(cls, result));
    return result;
}

}  // namespace minipy::runtime
