// int: division. //, %, divmod, / (correctly rounded to a float), _PyLong_DivmodNear and
// _PyLong_GCD.
//
// The magnitude division is Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on 30-bit digits: the
// divisor is shifted until its top digit has its high bit set, which makes the estimate of
// each quotient digit from the top two digits of the remainder at most two too large; the
// estimate is refined with the divisor's second digit, and a final add-back fixes the rare
// case where it is still one too large. One-digit divisors take the short path
// (mag_divrem1).
//
// Python's // and % round toward minus infinity: the remainder has the divisor's sign. The
// magnitude division truncates, so the floor variants adjust by one where the signs differ.
#include <cfloat>
#include <cmath>
#include <cstring>

#include "minipy/floatobject.h"
#include "minipy/pyerrors.h"
#include "minipy/tupleobject.h"
#include "objects/int/int_internal.hpp"
#include "objects/tuple/tuple_internal.hpp"

namespace minipy::runtime {
namespace {

int bit_length_digit(digit d) noexcept {
    int bits = 0;
    while (d != 0) {
        ++bits;
        d >>= 1;
    }
    return bits;
}

// Knuth D on magnitudes: size_v >= size_w >= 2. *q and *r get new non-negative ints.
int divrem_knuth(const digit *v_in, Py_ssize_t size_v, const digit *w_in, Py_ssize_t size_w,
                 PyObject **q_out, PyObject **r_out) noexcept {
    // Normalize: w's top digit gets its high bit set; v grows by one digit for the carry.
    const int shift = PyLong_SHIFT - bit_length_digit(w_in[size_w - 1]);
    PyLongObject *w = long_alloc(size_w);
    if (w == nullptr) return -1;
    PyLongObject *v = long_alloc(size_v + 1);
    if (v == nullptr) {
        Py_DECREF(w);
        return -1;
    }
    mag_lshift(w->ob_digit, w_in, size_w, shift);
    v->ob_digit[size_v] = mag_lshift(v->ob_digit, v_in, size_v, shift);
    const Py_ssize_t size_q = size_v - size_w + 1;
    PyLongObject *q = long_alloc(size_q);
    if (q == nullptr) {
        Py_DECREF(v);
        Py_DECREF(w);
        return -1;
    }
    digit *vd = v->ob_digit;
    const digit *wd = w->ob_digit;
    const digit wtop = wd[size_w - 1], wnext = wd[size_w - 2];
    for (Py_ssize_t j = size_q; --j >= 0;) {
        // Estimate the quotient digit from the top two digits of the current remainder
        // window vd[j .. j + size_w], then refine it with wnext.
        digit *window = vd + j;
        const digit vtop = window[size_w];
        const twodigits top_two =
            (static_cast<twodigits>(vtop) << PyLong_SHIFT) | window[size_w - 1];
        digit qhat = static_cast<digit>(top_two / wtop);
        digit rhat = static_cast<digit>(top_two - static_cast<twodigits>(wtop) * qhat);
        while (static_cast<twodigits>(wnext) * qhat >
               ((static_cast<twodigits>(rhat) << PyLong_SHIFT) | window[size_w - 2])) {
            --qhat;
            rhat += wtop;
            if (rhat >= PyLong_BASE) break;
        }
        // window -= qhat * w, tracking the borrow as a signed carry.
        stwodigits carry = 0;
        for (Py_ssize_t i = 0; i < size_w; ++i) {
            const stwodigits z = static_cast<stwodigits>(window[i]) + carry -
                                 static_cast<stwodigits>(static_cast<twodigits>(qhat) * wd[i]);
            window[i] = static_cast<digit>(z) & PyLong_MASK;
            carry = z >> PyLong_SHIFT;  // arithmetic shift: floor division by BASE
        }
        // If the top digit went negative, qhat was one too large: add w back once.
        if (static_cast<stwodigits>(vtop) + carry < 0) {
            digit c = 0;
            for (Py_ssize_t i = 0; i < size_w; ++i) {
                c += window[i] + wd[i];
                window[i] = c & PyLong_MASK;
                c >>= PyLong_SHIFT;
            }
            --qhat;
        }
        window[size_w] = 0;
        q->ob_digit[j] = qhat;
    }
    // The remainder is what is left in v's low size_w digits, shifted back.
    mag_rshift(w->ob_digit, vd, size_w, shift);
    Py_DECREF(v);
    *q_out = long_finish(q);
    *r_out = long_finish(w);
    return 0;
}

// Truncating division of ints; b != 0.
int divrem_values(PyObject *a, PyObject *b, PyObject **q_out, PyObject **r_out) noexcept {
    const Py_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    PyObject *q = nullptr, *r = nullptr;
    if (na < nb || (na == nb && long_digits(a)[na - 1] < long_digits(b)[nb - 1])) {
        // |a| < |b| for certain: the quotient is zero.
        q = Py_NewRef(long_small_int(0));
        r = long_exact(a);
        if (r == nullptr) {
            Py_DECREF(q);
            return -1;
        }
        *q_out = q;
        *r_out = r;
        return 0;
    }
    if (nb == 1) {
        PyLongObject *quotient = long_alloc(na);
        if (quotient == nullptr) return -1;
        const digit rem = mag_divrem1(quotient->ob_digit, long_digits(a), na, long_digits(b)[0]);
        q = long_finish(quotient);
        r = PyLong_FromLong(static_cast<long>(rem));
        if (r == nullptr) {
            Py_DECREF(q);
            return -1;
        }
    } else if (divrem_knuth(long_digits(a), na, long_digits(b), nb, &q, &r) < 0) {
        return -1;
    }
    // Signs: the quotient is negative when the signs differ, the remainder takes a's sign.
    if (long_is_negative(a) != long_is_negative(b) && Py_SIZE(q) != 0) {
        PyObject *negated = long_negate(q);
        Py_DECREF(q);
        q = negated;
    }
    if (q != nullptr && long_is_negative(a) && Py_SIZE(r) != 0) {
        PyObject *negated = long_negate(r);
        Py_DECREF(r);
        r = negated;
    }
    if (q == nullptr || r == nullptr) {
        Py_XDECREF(q);
        Py_XDECREF(r);
        return -1;
    }
    *q_out = q;
    *r_out = r;
    return 0;
}

// Floor division of ints; b != 0.
int divmod_floor(PyObject *a, PyObject *b, PyObject **q_out, PyObject **r_out) noexcept {
    if (long_is_compact(a) && long_is_compact(b)) {
        const sdigit x = long_compact_value(a), y = long_compact_value(b);
        sdigit q = x / y, r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) {
            --q;
            r += y;
        }
        *q_out = PyLong_FromLong(q);
        if (*q_out == nullptr) return -1;
        *r_out = PyLong_FromLong(r);
        if (*r_out == nullptr) {
            Py_CLEAR(*q_out);
            return -1;
        }
        return 0;
    }
    PyObject *q, *r;
    if (divrem_values(a, b, &q, &r) < 0) return -1;
    if (Py_SIZE(r) != 0 && long_is_negative(r) != long_is_negative(b)) {
        // Truncation rounded toward zero; floor is one further: q - 1, r + b.
        PyObject *one = long_small_int(1);
        PyObject *q1 = long_sub_values(q, one);
        PyObject *r1 = q1 != nullptr ? long_add_values(r, b) : nullptr;
        Py_DECREF(q);
        Py_DECREF(r);
        if (r1 == nullptr) {
            Py_XDECREF(q1);
            return -1;
        }
        q = q1;
        r = r1;
    }
    *q_out = q;
    *r_out = r;
    return 0;
}

bool is_zero(PyObject *v) noexcept {
    return Py_SIZE(v) == 0;
}

}  // namespace

// --- Magnitudes -------------------------------------------------------------------------------

digit mag_divrem1(digit *q, const digit *a, Py_ssize_t n, digit d) noexcept {
    twodigits rem = 0;
    for (Py_ssize_t i = n; --i >= 0;) {
        rem = (rem << PyLong_SHIFT) | a[i];
        const digit hi = static_cast<digit>(rem / d);
        q[i] = hi;
        rem -= static_cast<twodigits>(hi) * d;
    }
    return static_cast<digit>(rem);
}

// --- Object division --------------------------------------------------------------------------

namespace {

// Runs `divide` (truncating or flooring) after the zero check both share, and hands out the
// quotient and the remainder the caller asked for (NULL: not wanted).
int divide_checked(int (*divide)(PyObject *, PyObject *, PyObject **, PyObject **) noexcept,
                   PyObject *a, PyObject *b, PyObject **q, PyObject **r) noexcept {
    if (is_zero(b)) {
        PyErr_SetString(PyExc_ZeroDivisionError, "integer division or modulo by zero");
        return -1;
    }
    PyObject *quotient, *remainder;
    if (divide(a, b, &quotient, &remainder) < 0) return -1;
    if (q != nullptr)
        *q = quotient;
    else
        Py_DECREF(quotient);
    if (r != nullptr)
        *r = remainder;
    else
        Py_DECREF(remainder);
    return 0;
}

}  // namespace

int long_divrem_values(PyObject *a, PyObject *b, PyObject **q, PyObject **r) noexcept {
    return divide_checked(divrem_values, a, b, q, r);
}

int long_divmod_values(PyObject *a, PyObject *b, PyObject **q, PyObject **r) noexcept {
    return divide_checked(divmod_floor, a, b, q, r);
}

// --- Slots ------------------------------------------------------------------------------------

PyObject *long_floor_div(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *q;
    if (long_divmod_values(a, b, &q, nullptr) < 0) return nullptr;
    return q;
}

PyObject *long_mod(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    if (is_zero(b)) {
        PyErr_SetString(PyExc_ZeroDivisionError, "integer modulo by zero");
        return nullptr;
    }
    PyObject *r;
    if (long_divmod_values(a, b, nullptr, &r) < 0) return nullptr;
    return r;
}

PyObject *long_divmod(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *q, *r;
    if (long_divmod_values(a, b, &q, &r) < 0) return nullptr;
    PyObject *const pair[2] = {q, r};
    return tuple_from_array_steal(pair, 2);  // releases both if the tuple cannot be made
}

// a / b rounded once, half to even, as CPython's long_true_divide promises. Small operands
// (both exactly representable) divide as doubles, which IEEE rounds correctly. Otherwise
// pick a power of two 2**shift so that q = floor(|a| / (|b| * 2**shift)) has 55 or 56 bits
// (fewer only where the result is subnormal), divide exactly, then round q to the bits the
// double can hold, the remainder acting as a sticky bit.
PyObject *long_true_divide(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    if (is_zero(b)) {
        PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
        return nullptr;
    }
    const bool negative = long_is_negative(a) != long_is_negative(b);
    if (is_zero(a)) return PyFloat_FromDouble(negative ? -0.0 : 0.0);
    const std::uint64_t bits_a = mag_bit_length(long_digits(a), long_ndigits(a));
    const std::uint64_t bits_b = mag_bit_length(long_digits(b), long_ndigits(b));
    if (bits_a <= DBL_MANT_DIG && bits_b <= DBL_MANT_DIG) {
        const double x = PyLong_AsDouble(a), y = PyLong_AsDouble(b);
        return PyFloat_FromDouble(x / y);
    }
    // |a| / |b| lies in [2**(diff - 1), 2**(diff + 1)).
    const long long diff = static_cast<long long>(bits_a) - static_cast<long long>(bits_b);
    if (diff > DBL_MAX_EXP) {
        PyErr_SetString(PyExc_OverflowError, "integer division result too large for a float");
        return nullptr;
    }
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1)  // below half the smallest subnormal
        return PyFloat_FromDouble(negative ? -0.0 : 0.0);
    const long long shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;

    PyObject *x = long_absolute(a);
    PyObject *y = x != nullptr ? long_absolute(b) : nullptr;
    if (y == nullptr) {
        Py_XDECREF(x);
        return nullptr;
    }
    PyObject *scaled = shift < 0 ? long_lshift_bits(x, static_cast<std::size_t>(-shift))
                                 : long_lshift_bits(y, static_cast<std::size_t>(shift));
    if (scaled == nullptr) {
        Py_DECREF(x);
        Py_DECREF(y);
        return nullptr;
    }
    if (shift < 0)
        Py_SETREF(x, scaled);
    else
        Py_SETREF(y, scaled);
    PyObject *quotient = nullptr, *remainder = nullptr;
    const int status = divrem_values(x, y, &quotient, &remainder);
    Py_DECREF(x);
    Py_DECREF(y);
    if (status < 0) return nullptr;
    const bool inexact = Py_SIZE(remainder) != 0;
    Py_DECREF(remainder);
    // quotient < 2**57, so it fits in 64 bits.
    std::uint64_t q = 0;
    for (Py_ssize_t i = long_ndigits(quotient); --i >= 0;)
        q = (q << PyLong_SHIFT) | long_digits(quotient)[i];
    Py_DECREF(quotient);

    int q_bits = 0;
    for (std::uint64_t t = q; t != 0; t >>= 1) ++q_bits;
    // The value is in [2**(e - 1), 2**e); its last kept bit has weight 2**(lsb).
    const long long e = q_bits + shift;
    const long long lsb = (e > DBL_MIN_EXP ? e : DBL_MIN_EXP) - DBL_MANT_DIG;
    const int drop = static_cast<int>(lsb - shift);  // >= 2 by the choice of shift
    const std::uint64_t half = std::uint64_t{1} << (drop - 1);
    const std::uint64_t rest = q & ((half << 1) - 1);
    q >>= drop;
    if (rest > half || (rest == half && (inexact || (q & 1) != 0))) ++q;
    const double result = std::ldexp(static_cast<double>(q), static_cast<int>(lsb));
    if (std::isinf(result)) {
        PyErr_SetString(PyExc_OverflowError, "integer division result too large for a float");
        return nullptr;
    }
    return PyFloat_FromDouble(negative ? -result : result);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *_PyLong_DivmodNear(PyObject *a, PyObject *b) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) {
        PyErr_SetString(PyExc_TypeError, "non-integer arguments in division");
        return nullptr;
    }
    PyObject *q, *r;
    if (long_divmod_values(a, b, &q, &r) < 0) return nullptr;
    // r has b's sign and |r| < |b|. Round up (q + 1, r - b) when 2r is beyond b/2's side, or
    // exactly at it with q odd.
    PyObject *twice = long_lshift_bits(r, 1);
    if (twice == nullptr) {
        Py_DECREF(q);
        Py_DECREF(r);
        return nullptr;
    }
    int order = long_compare(twice, b);
    Py_DECREF(twice);
    if (long_is_negative(b)) order = -order;
    const bool q_odd = Py_SIZE(q) != 0 && (long_digits(q)[0] & 1) != 0;
    if (order > 0 || (order == 0 && q_odd)) {
        PyObject *q1 = long_add_values(q, long_small_int(1));
        PyObject *r1 = q1 != nullptr ? long_sub_values(r, b) : nullptr;
        Py_DECREF(q);
        Py_DECREF(r);
        if (r1 == nullptr) {
            Py_XDECREF(q1);
            return nullptr;
        }
        q = q1;
        r = r1;
    }
    PyObject *const pair[2] = {q, r};
    return tuple_from_array_steal(pair, 2);  // releases both if the tuple cannot be made
}

// Euclid's algorithm on the ints (each step a full division), in C once both fit in a digit.
extern "C" PyObject *_PyLong_GCD(PyObject *a, PyObject *b) noexcept {
    PyObject *x = long_absolute(a);
    if (x == nullptr) return nullptr;
    PyObject *y = long_absolute(b);
    if (y == nullptr) {
        Py_DECREF(x);
        return nullptr;
    }
    while (Py_SIZE(y) != 0) {
        if (long_is_compact(x) && long_is_compact(y)) {
            long u = long_compact_value(x), v = long_compact_value(y);
            while (v != 0) {
                const long t = u % v;
                u = v;
                v = t;
            }
            Py_DECREF(x);
            Py_DECREF(y);
            return PyLong_FromLong(u);
        }
        PyObject *r;
        if (long_divrem_values(x, y, nullptr, &r) < 0) {
            Py_DECREF(x);
            Py_DECREF(y);
            return nullptr;
        }
        Py_DECREF(x);
        x = y;
        y = r;
    }
    Py_DECREF(y);
    return x;
}
