// PyFloat_Pack2/4/8 and PyFloat_Unpack2/4/8: a double to and from the IEEE 754 binary16,
// binary32 and binary64 byte layouts, little-endian (le != 0) or big-endian, as CPython 3.11
// does for struct's 'e', 'f' and 'd' formats.
//
// binary32 and binary64 are the C float and double of every platform minipy builds on, so
// those are a conversion and a byte copy. binary16 is done by hand: 1 sign bit, 5 exponent
// bits (bias 15), 10 fraction bits; values below 2**-14 are subnormal, rounding is half to
// even, and anything that rounds to 2**16 or more cannot be packed.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "objects/float/float_internal.hpp"

static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559,
              "float and double must be IEEE 754 binary32 and binary64");

namespace {

bool host_is_little_endian() noexcept {
    const std::uint16_t probe = 1;
    unsigned char first = 0;
    std::memcpy(&first, &probe, 1);
    return first == 1;
}

// Copies n bytes of a host value to or from p, reversing them when the byte orders differ.
void copy_ordered(unsigned char *dst, const unsigned char *src, std::size_t n,
                  bool reverse) noexcept {
    for (std::size_t i = 0; i < n; i++) dst[i] = src[reverse ? n - 1 - i : i];
}

int pack_overflow(const char *format) noexcept {
    PyErr_Format(PyExc_OverflowError, "float too large to pack with %s format", format);
    return -1;
}

// The binary16 bits of x, or -1 (OverflowError set).
long half_bits(double x) noexcept {
    unsigned sign = std::signbit(x) ? 1 : 0;
    unsigned exponent = 0;
    unsigned fraction = 0;
    if (std::isinf(x)) {
        exponent = 0x1f;
    } else if (std::isnan(x)) {
        exponent = 0x1f;
        fraction = 0x200;  // a quiet NaN
    } else if (x != 0.0) {
        int e = 0;
        double f = std::frexp(std::fabs(x), &e) * 2.0;  // |x| == f * 2**(e-1), 1 <= f < 2
        e--;
        if (e >= 16) return pack_overflow("e");
        if (e < -25) {  // below half the smallest subnormal (2**-24): zero
            f = 0.0;
            e = 0;
        } else if (e < -14) {  // subnormal: the fraction holds the leading bit too
            f = std::ldexp(f, 14 + e);
            e = 0;
        } else {
            e += 15;
            f -= 1.0;  // the leading 1 is implicit
        }
        f *= 1024.0;
        fraction = static_cast<unsigned>(f);
        const double rest = f - fraction;
        if (rest > 0.5 || (rest == 0.5 && (fraction & 1) != 0)) {
            if (++fraction == 1024) {  // the carry ran through all ten bits
                fraction = 0;
                if (++e == 31) return pack_overflow("e");
            }
        }
        exponent = static_cast<unsigned>(e);
    }
    return static_cast<long>((sign << 15) | (exponent << 10) | fraction);
}

}  // namespace

extern "C" {

int PyFloat_Pack2(double x, char *p, int le) noexcept {
    const long bits = half_bits(x);
    if (bits < 0) return -1;
    auto *out = reinterpret_cast<unsigned char *>(p);
    out[le ? 0 : 1] = static_cast<unsigned char>(bits & 0xff);
    out[le ? 1 : 0] = static_cast<unsigned char>(bits >> 8);
    return 0;
}

int PyFloat_Pack4(double x, char *p, int le) noexcept {
    const auto y = static_cast<float>(x);
    if (std::isinf(y) && !std::isinf(x)) return pack_overflow("f");
    unsigned char bytes[sizeof y];
    std::memcpy(bytes, &y, sizeof y);
    copy_ordered(reinterpret_cast<unsigned char *>(p), bytes, sizeof y,
                 (le != 0) != host_is_little_endian());
    return 0;
}

int PyFloat_Pack8(double x, char *p, int le) noexcept {
    unsigned char bytes[sizeof x];
    std::memcpy(bytes, &x, sizeof x);
    copy_ordered(reinterpret_cast<unsigned char *>(p), bytes, sizeof x,
                 (le != 0) != host_is_little_endian());
    return 0;
}

double PyFloat_Unpack2(const char *p, int le) noexcept {
    const auto *in = reinterpret_cast<const unsigned char *>(p);
    const unsigned bits = static_cast<unsigned>(in[le ? 1 : 0]) << 8 | in[le ? 0 : 1];
    const bool negative = (bits >> 15) != 0;
    const int exponent = static_cast<int>((bits >> 10) & 0x1f);
    const unsigned fraction = bits & 0x3ff;
    double x = 0.0;
    if (exponent == 0x1f) {
        x = fraction == 0 ? HUGE_VAL : NAN;
    } else if (exponent == 0) {
        x = std::ldexp(static_cast<double>(fraction), -24);  // subnormal: fraction * 2**-24
    } else {
        x = std::ldexp(1.0 + fraction / 1024.0, exponent - 15);
    }
    return negative ? -x : x;
}

double PyFloat_Unpack4(const char *p, int le) noexcept {
    unsigned char bytes[sizeof(float)];
    copy_ordered(bytes, reinterpret_cast<const unsigned char *>(p), sizeof bytes,
                 (le != 0) != host_is_little_endian());
    float y = 0.0f;
    std::memcpy(&y, bytes, sizeof y);
    return y;
}

double PyFloat_Unpack8(const char *p, int le) noexcept {
    unsigned char bytes[sizeof(double)];
    copy_ordered(bytes, reinterpret_cast<const unsigned char *>(p), sizeof bytes,
                 (le != 0) != host_is_little_endian());
    double x = 0.0;
    std::memcpy(&x, bytes, sizeof x);
    return x;
}

}  // extern "C"
