// int: shifts, & | ^ ~, and the bit counts (bit_length, bit_count).
//
// Python's bitwise operators act on ints as if they were two's complement numbers with
// infinitely many sign bits. The binary operators convert each negative operand to two's
// complement on the fly over max(len) digits, combine digit by digit, combine the two
// infinite sign extensions the same way (which gives the result's sign), and turn a negative
// result back into sign and magnitude. That magnitude can need one digit more than the
// operands: (-(2**30 - 1)) & -2 == -2**30.
//
// Right shifts round toward minus infinity: for a negative a, a >> s == -ceil(|a| / 2**s),
// the magnitude shifted plus one when any bit shifted out was set.
#include <bit>
#include <climits>
#include <cstring>

#include "minipy/pyerrors.h"
#include "objects/int/int_internal.hpp"

namespace minipy::runtime {
namespace {

enum class BitOp { and_, or_, xor_ };

digit apply(BitOp op, digit x, digit y) noexcept {
    switch (op) {
    case BitOp::and_: return x & y;
    case BitOp::or_: return x | y;
    case BitOp::xor_: return x ^ y;
    }
    return 0;
}

// Digit i of a in two's complement; `carry` threads the +1 of the negation through.
digit twos_complement_digit(PyObject *a, Py_ssize_t i, digit &carry) noexcept {
    digit x = i < long_ndigits(a) ? long_digits(a)[i] : 0;
    if (!long_is_negative(a)) return x;
    x = (x ^ PyLong_MASK) + carry;
    carry = x >> PyLong_SHIFT;
    return x & PyLong_MASK;
}

PyObject *bitwise(PyObject *a, BitOp op, PyObject *b) noexcept {
    const Py_ssize_t n = long_ndigits(a) > long_ndigits(b) ? long_ndigits(a) : long_ndigits(b);
    PyLongObject *z = long_alloc(n + 1);
    if (z == nullptr) return nullptr;
    digit carry_a = 1, carry_b = 1;
    for (Py_ssize_t i = 0; i < n; ++i) {
        const digit x = twos_complement_digit(a, i, carry_a);
        const digit y = twos_complement_digit(b, i, carry_b);
        z->ob_digit[i] = apply(op, x, y);
    }
    const digit sign =
        apply(op, long_is_negative(a) ? PyLong_MASK : 0, long_is_negative(b) ? PyLong_MASK : 0);
    z->ob_digit[n] = sign;
    if (sign != 0) {
        // Negative: the magnitude is the two's complement of the n + 1 digits.
        digit carry = 1;
        for (Py_ssize_t i = 0; i <= n; ++i) {
            const digit x = (z->ob_digit[i] ^ PyLong_MASK) + carry;
            z->ob_digit[i] = x & PyLong_MASK;
            carry = x >> PyLong_SHIFT;
        }
        Py_SET_SIZE(z, -(n + 1));
    }
    return long_finish(z);
}

// The shift count of a >> b or a << b: a non-negative int, clipped to what a size_t holds
// (any larger left shift runs out of memory anyway, and a right shift by it gives 0 or -1).
bool shift_count(PyObject *b, std::size_t &count) noexcept {
    if (long_is_negative(b)) {
        PyErr_SetString(PyExc_ValueError, "negative shift count");
        return false;
    }
    const digit *d = long_digits(b);
    std::size_t value = 0;
    for (Py_ssize_t i = long_ndigits(b); --i >= 0;) {
        if (value > (SIZE_MAX >> PyLong_SHIFT)) {
            count = SIZE_MAX;
            return true;
        }
        value = (value << PyLong_SHIFT) | d[i];
    }
    count = value;
    return true;
}

}  // namespace

// --- Magnitudes -------------------------------------------------------------------------------

digit mag_lshift(digit *z, const digit *a, Py_ssize_t m, int shift) noexcept {
    digit carry = 0;
    for (Py_ssize_t i = 0; i < m; ++i) {
        const twodigits acc = (static_cast<twodigits>(a[i]) << shift) | carry;
        z[i] = static_cast<digit>(acc) & PyLong_MASK;
        carry = static_cast<digit>(acc >> PyLong_SHIFT);
    }
    return carry;
}

digit mag_rshift(digit *z, const digit *a, Py_ssize_t m, int shift) noexcept {
    const digit low_mask = (digit{1} << shift) - 1;
    digit carry = 0;
    for (Py_ssize_t i = m; --i >= 0;) {
        const twodigits acc = (static_cast<twodigits>(carry) << PyLong_SHIFT) | a[i];
        carry = a[i] & low_mask;
        z[i] = static_cast<digit>(acc >> shift) & PyLong_MASK;
    }
    return carry;
}

std::uint64_t mag_bit_length(const digit *a, Py_ssize_t n) noexcept {
    if (n == 0) return 0;
    return static_cast<std::uint64_t>(n - 1) * PyLong_SHIFT +
           static_cast<std::uint64_t>(std::bit_width(a[n - 1]));
}

// --- Shifts -----------------------------------------------------------------------------------

namespace {

// a << (word_shift * PyLong_SHIFT + bit_shift). More digits than an int may have is
// OverflowError "too many digits in integer" (long_alloc), fewer but too many for memory
// MemoryError, as in CPython.
PyObject *long_lshift_words(PyObject *a, std::size_t word_shift, int bit_shift) noexcept {
    const Py_ssize_t na = long_ndigits(a);
    const Py_ssize_t size = na + static_cast<Py_ssize_t>(word_shift) + (bit_shift != 0 ? 1 : 0);
    PyLongObject *z = long_alloc(size);
    if (z == nullptr) return nullptr;
    std::memset(z->ob_digit, 0, sizeof(digit) * word_shift);
    const digit carry = mag_lshift(z->ob_digit + word_shift, long_digits(a), na, bit_shift);
    if (bit_shift != 0) z->ob_digit[size - 1] = carry;
    if (long_is_negative(a)) Py_SET_SIZE(z, -size);
    return long_finish(z);
}

// The most digits a shift may ask for before CPython clips it (its divmod_shift): one more
// digit than any int can have, so that the allocation fails with OverflowError.
constexpr std::size_t kWordShiftClip = static_cast<std::size_t>(PY_SSIZE_T_MAX) / sizeof(digit);

}  // namespace

PyObject *long_lshift_bits(PyObject *a, std::size_t shift) noexcept {
    if (Py_SIZE(a) == 0) return Py_NewRef(long_small_int(0));
    if (long_is_compact(a) && shift <= PyLong_SHIFT)
        return long_from_stwodigits(static_cast<stwodigits>(long_compact_value(a)) *
                                    (stwodigits{1} << shift));
    std::size_t word_shift = shift / PyLong_SHIFT;
    int bit_shift = static_cast<int>(shift % PyLong_SHIFT);
    if (word_shift >= kWordShiftClip) {
        word_shift = kWordShiftClip;
        bit_shift = 0;
    }
    return long_lshift_words(a, word_shift, bit_shift);
}

PyObject *long_rshift_bits(PyObject *a, std::size_t shift) noexcept {
    if (long_is_compact(a)) {
        const sdigit v = long_compact_value(a);
        // An arithmetic shift of the C value is floor division by 2**shift.
        return PyLong_FromLong(shift >= PyLong_SHIFT ? (v < 0 ? -1 : 0) : (v >> shift));
    }
    const Py_ssize_t na = long_ndigits(a);
    const bool negative = long_is_negative(a);
    const std::size_t word_shift = shift / PyLong_SHIFT;
    if (word_shift >= static_cast<std::size_t>(na))
        return Py_NewRef(long_small_int(negative ? -1 : 0));
    const int bit_shift = static_cast<int>(shift % PyLong_SHIFT);
    const Py_ssize_t size = na - static_cast<Py_ssize_t>(word_shift);
    PyLongObject *z = long_alloc(size + 1);
    if (z == nullptr) return nullptr;
    const digit *da = long_digits(a);
    digit lost = mag_rshift(z->ob_digit, da + word_shift, size, bit_shift);
    z->ob_digit[size] = 0;
    if (negative) {
        for (std::size_t i = 0; lost == 0 && i < word_shift; ++i) lost = da[i];
        if (lost != 0) {
            // Round the magnitude up: -ceil(|a| / 2**shift).
            digit carry = 1;
            for (Py_ssize_t i = 0; carry != 0 && i <= size; ++i) {
                carry += z->ob_digit[i];
                z->ob_digit[i] = carry & PyLong_MASK;
                carry >>= PyLong_SHIFT;
            }
        }
        Py_SET_SIZE(z, -(size + 1));
    }
    return long_finish(z);
}

// --- Slots ------------------------------------------------------------------------------------

PyObject *long_lshift(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    std::size_t count;
    if (!shift_count(b, count)) return nullptr;
    if (count <= static_cast<std::size_t>(PY_SSIZE_T_MAX)) return long_lshift_bits(a, count);
    // A count past Py_ssize_t: CPython divides the int itself by PyLong_SHIFT and clips the
    // quotient, so 1 << 10**30 is OverflowError while 1 << 2**64 is MemoryError.
    if (Py_SIZE(a) == 0) return Py_NewRef(long_small_int(0));
    const digit *d = long_digits(b);
    unsigned __int128 value = 0;
    bool huge = false;
    for (Py_ssize_t i = long_ndigits(b); --i >= 0 && !huge;) {
        huge = (value >> (128 - PyLong_SHIFT)) != 0;
        value = (value << PyLong_SHIFT) | d[i];
    }
    const unsigned __int128 words = value / PyLong_SHIFT;
    if (huge || words >= kWordShiftClip) return long_lshift_words(a, kWordShiftClip, 0);
    return long_lshift_words(a, static_cast<std::size_t>(words),
                             static_cast<int>(value % PyLong_SHIFT));
}

PyObject *long_rshift(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    std::size_t count;
    if (!shift_count(b, count)) return nullptr;
    return long_rshift_bits(a, count);
}

PyObject *long_and(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    if (long_is_compact(a) && long_is_compact(b))
        return PyLong_FromLong(long_compact_value(a) & long_compact_value(b));
    return bitwise(a, BitOp::and_, b);
}

PyObject *long_or(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    if (long_is_compact(a) && long_is_compact(b))
        return PyLong_FromLong(long_compact_value(a) | long_compact_value(b));
    return bitwise(a, BitOp::or_, b);
}

PyObject *long_xor(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    if (long_is_compact(a) && long_is_compact(b))
        return PyLong_FromLong(long_compact_value(a) ^ long_compact_value(b));
    return bitwise(a, BitOp::xor_, b);
}

// ~v == -(v + 1).
PyObject *long_invert(PyObject *v) noexcept {
    if (long_is_compact(v)) return PyLong_FromLong(~static_cast<long>(long_compact_value(v)));
    PyObject *plus_one = long_add_values(v, long_small_int(1));
    if (plus_one == nullptr) return nullptr;
    PyObject *result = long_negate(plus_one);
    Py_DECREF(plus_one);
    return result;
}

std::size_t long_bit_length(PyObject *v) noexcept {
    return static_cast<std::size_t>(mag_bit_length(long_digits(v), long_ndigits(v)));
}

std::size_t long_bit_count(PyObject *v) noexcept {
    std::size_t count = 0;
    const digit *d = long_digits(v);
    for (Py_ssize_t i = long_ndigits(v); --i >= 0;)
        count += static_cast<std::size_t>(std::popcount(d[i]));
    return count;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *_PyLong_Lshift(PyObject *a, size_t shiftby) noexcept {
    return long_lshift_bits(a, shiftby);
}
extern "C" PyObject *_PyLong_Rshift(PyObject *a, size_t shiftby) noexcept {
    return long_rshift_bits(a, shiftby);
}
