// int: addition, subtraction, multiplication, comparison, hashing and the unary slots.
//
// Sign and magnitude are handled apart: the add/sub helpers work on magnitudes and the
// callers pick which one to run from the signs. Multiplication is schoolbook below
// kKaratsubaCutoff digits and Karatsuba above (with the "lopsided" split CPython uses when
// one factor is much longer), on raw digit arrays with scratch space from PyMem_Malloc.
//
// Hot: the compact (one-digit) paths of long_add/long_sub/long_mul and long_richcompare;
// everything with a loop is the slow path.
#include <cstring>
#include <utility>

#include "minipy/floatobject.h"
#include "minipy/pyerrors.h"
#include "minipy/pyhash.h"
#include "objects/int/int_internal.hpp"

namespace minipy::runtime {
namespace {

// |a| + |b| as a new int with the sign of `negative`.
PyObject *add_magnitudes(PyObject *a, PyObject *b, bool negative) noexcept {
    Py_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    if (na < nb) {
        std::swap(a, b);
        std::swap(na, nb);
    }
    PyLongObject *z = long_alloc(na + 1);
    if (z == nullptr) return nullptr;
    const digit *da = long_digits(a), *db = long_digits(b);
    digit carry = 0;
    Py_ssize_t i = 0;
    for (; i < nb; ++i) {
        carry += da[i] + db[i];
        z->ob_digit[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    for (; i < na; ++i) {
        carry += da[i];
        z->ob_digit[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    z->ob_digit[i] = carry;
    if (negative) Py_SET_SIZE(z, -Py_SIZE(z));
    return long_finish(z);
}

// |a| - |b| as a new int, negated when `negative`.
PyObject *sub_magnitudes(PyObject *a, PyObject *b, bool negative) noexcept {
    Py_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    const int order = mag_compare(long_digits(a), na, long_digits(b), nb);
    if (order == 0) return Py_NewRef(long_small_int(0));
    if (order < 0) {
        std::swap(a, b);
        std::swap(na, nb);
        negative = !negative;
    }
    PyLongObject *z = long_alloc(na);
    if (z == nullptr) return nullptr;
    const digit *da = long_digits(a), *db = long_digits(b);
    digit borrow = 0;
    Py_ssize_t i = 0;
    for (; i < nb; ++i) {
        borrow = da[i] - db[i] - borrow;
        z->ob_digit[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    for (; i < na; ++i) {
        borrow = da[i] - borrow;
        z->ob_digit[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    if (negative) Py_SET_SIZE(z, -Py_SIZE(z));
    return long_finish(z);
}

// z[0..m) += a[0..n) for n <= m, carries past z[m - 1] dropped (Karatsuba works modulo
// BASE**m, see kmul). Returns the carry out.
digit window_add(digit *z, Py_ssize_t m, const digit *a, Py_ssize_t n) noexcept {
    digit carry = 0;
    Py_ssize_t i = 0;
    for (; i < n; ++i) {
        carry += z[i] + a[i];
        z[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    for (; carry != 0 && i < m; ++i) {
        carry += z[i];
        z[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    return carry;
}

// z[0..m) -= a[0..n) for n <= m, modulo BASE**m.
void window_sub(digit *z, Py_ssize_t m, const digit *a, Py_ssize_t n) noexcept {
    digit borrow = 0;
    Py_ssize_t i = 0;
    for (; i < n; ++i) {
        borrow = z[i] - a[i] - borrow;
        z[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    for (; borrow != 0 && i < m; ++i) {
        borrow = z[i] - borrow;
        z[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
}

Py_ssize_t trimmed(const digit *a, Py_ssize_t n) noexcept {
    while (n > 0 && a[n - 1] == 0) --n;
    return n;
}

// z[0..na+nb) = a * b, the schoolbook way. z must not overlap a or b.
void schoolbook_mul(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb,
                    digit *z) noexcept {
    std::memset(z, 0, sizeof(digit) * static_cast<std::size_t>(na + nb));
    for (Py_ssize_t i = 0; i < na; ++i) {
        const twodigits f = a[i];
        if (f == 0) continue;
        // z[i + j] + f * b[j] + carry < BASE**2: no overflow of twodigits.
        twodigits carry = 0;
        digit *zp = z + i;
        for (Py_ssize_t j = 0; j < nb; ++j) {
            carry += zp[j] + f * b[j];
            zp[j] = static_cast<digit>(carry & PyLong_MASK);
            carry >>= PyLong_SHIFT;
        }
        zp[nb] = static_cast<digit>(carry);
    }
}

bool kmul(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb, digit *z) noexcept;

// b at least twice as long as a: multiply a by slices of b as long as a, so that each
// product is balanced enough for Karatsuba to pay off.
bool lopsided_mul(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb, digit *z) noexcept {
    std::memset(z, 0, sizeof(digit) * static_cast<std::size_t>(na + nb));
    digit *product =
        static_cast<digit *>(PyMem_Malloc(sizeof(digit) * static_cast<std::size_t>(2 * na)));
    if (product == nullptr) {
        PyErr_NoMemory();
        return false;
    }
    for (Py_ssize_t done = 0; done < nb;) {
        const Py_ssize_t slice = nb - done < na ? nb - done : na;
        if (!kmul(a, na, b + done, slice, product)) {
            PyMem_Free(product);
            return false;
        }
        window_add(z + done, na + nb - done, product, na + slice);
        done += slice;
    }
    PyMem_Free(product);
    return true;
}

// z[0..na+nb) = a * b by Karatsuba's method (falling back to schoolbook for short factors).
// With B = BASE**shift, a = ah*B + al and b = bh*B + bl:
//   a*b = ah*bh*B**2 + ((ah + al)*(bh + bl) - ah*bh - al*bl)*B + al*bl,
// three half-size products instead of four. The middle term is put together in the window
// z[shift..) modulo its size: intermediate values may go negative there, the end result
// fits. False (MemoryError set) when scratch memory runs out.
bool kmul(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb, digit *z) noexcept {
    const Py_ssize_t total = na + nb;
    na = trimmed(a, na);
    nb = trimmed(b, nb);
    if (na > nb) {
        std::swap(a, b);
        std::swap(na, nb);
    }
    const bool square = a == b && na == nb;
    if (na <= (square ? kKaratsubaSquareCutoff : kKaratsubaCutoff)) {
        if (na == 0) {
            std::memset(z, 0, sizeof(digit) * static_cast<std::size_t>(total));
            return true;
        }
        schoolbook_mul(a, na, b, nb, z);
        std::memset(z + na + nb, 0, sizeof(digit) * static_cast<std::size_t>(total - na - nb));
        return true;
    }
    if (2 * na <= nb) {
        if (!lopsided_mul(a, na, b, nb, z)) return false;
        std::memset(z + na + nb, 0, sizeof(digit) * static_cast<std::size_t>(total - na - nb));
        return true;
    }
    const Py_ssize_t shift = nb >> 1;  // na > shift since 2 * na > nb
    const Py_ssize_t nah = na - shift, nbh = nb - shift;
    const Py_ssize_t n = na + nb;
    // Scratch: ah*bh, al*bl, ah+al, bh+bl, and their product.
    const Py_ssize_t nsa = (nah > shift ? nah : shift) + 1, nsb = nbh + 1;
    const Py_ssize_t scratch_digits = (nah + nbh) + 2 * shift + nsa + nsb + (nsa + nsb);
    digit *scratch = static_cast<digit *>(
        PyMem_Malloc(sizeof(digit) * static_cast<std::size_t>(scratch_digits)));
    if (scratch == nullptr) {
        PyErr_NoMemory();
        return false;
    }
    digit *high = scratch, *low = high + (nah + nbh), *sum_a = low + 2 * shift,
          *sum_b = sum_a + nsa;
    digit *middle = sum_b + nsb;
    bool ok = kmul(a + shift, nah, b + shift, nbh, high) && kmul(a, shift, b, shift, low);
    if (ok) {
        std::memcpy(z, low, sizeof(digit) * static_cast<std::size_t>(2 * shift));
        std::memcpy(z + 2 * shift, high, sizeof(digit) * static_cast<std::size_t>(nah + nbh));
        window_sub(z + shift, n - shift, low, 2 * shift);
        window_sub(z + shift, n - shift, high, nah + nbh);
        // ah + al and bh + bl.
        std::memset(sum_a, 0, sizeof(digit) * static_cast<std::size_t>(nsa));
        std::memcpy(sum_a, a, sizeof(digit) * static_cast<std::size_t>(shift));
        window_add(sum_a, nsa, a + shift, nah);
        const digit *factor_b = sum_a;
        Py_ssize_t nfactor_b = nsa;
        if (!square) {
            std::memset(sum_b, 0, sizeof(digit) * static_cast<std::size_t>(nsb));
            std::memcpy(sum_b, b, sizeof(digit) * static_cast<std::size_t>(shift));
            window_add(sum_b, nsb, b + shift, nbh);
            factor_b = sum_b;
            nfactor_b = nsb;
        }
        ok = kmul(sum_a, nsa, factor_b, nfactor_b, middle);
        if (ok) {
            Py_ssize_t nmiddle = trimmed(middle, nsa + nfactor_b);
            if (nmiddle > n - shift) nmiddle = n - shift;
            window_add(z + shift, n - shift, middle, nmiddle);
            std::memset(z + n, 0, sizeof(digit) * static_cast<std::size_t>(total - n));
        }
    }
    PyMem_Free(scratch);
    return ok;
}

}  // namespace

// --- Magnitudes -------------------------------------------------------------------------------

int mag_compare(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb) noexcept {
    if (na != nb) return na < nb ? -1 : 1;
    for (Py_ssize_t i = na; --i >= 0;)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

// --- Object arithmetic -------------------------------------------------------------------------

int long_compare(PyObject *a, PyObject *b) noexcept {
    const Py_ssize_t sa = Py_SIZE(a), sb = Py_SIZE(b);
    if (sa != sb) return sa < sb ? -1 : 1;
    const int order = mag_compare(long_digits(a), long_ndigits(a), long_digits(b), long_ndigits(b));
    return sa < 0 ? -order : order;
}

PyObject *long_add_values(PyObject *a, PyObject *b) noexcept {
    if (long_is_compact(a) && long_is_compact(b))
        return long_from_stwodigits(static_cast<stwodigits>(long_compact_value(a)) +
                                    long_compact_value(b));
    const bool na = long_is_negative(a), nb = long_is_negative(b);
    if (na == nb) return add_magnitudes(a, b, na);
    // Opposite signs: the difference of the magnitudes, negative when the negative one wins.
    return na ? sub_magnitudes(b, a, false) : sub_magnitudes(a, b, false);
}

PyObject *long_sub_values(PyObject *a, PyObject *b) noexcept {
    if (long_is_compact(a) && long_is_compact(b))
        return long_from_stwodigits(static_cast<stwodigits>(long_compact_value(a)) -
                                    long_compact_value(b));
    const bool na = long_is_negative(a), nb = long_is_negative(b);
    if (na != nb) return add_magnitudes(a, b, na);
    // Same signs: |a| - |b|, flipped when both are negative.
    return sub_magnitudes(a, b, na);
}

PyObject *long_mul_values(PyObject *a, PyObject *b) noexcept {
    if (long_is_compact(a) && long_is_compact(b))
        return long_from_stwodigits(static_cast<stwodigits>(long_compact_value(a)) *
                                    long_compact_value(b));
    const Py_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    PyLongObject *z = long_alloc(na + nb);
    if (z == nullptr) return nullptr;
    const digit *da = long_digits(a);
    const digit *db = a == b ? da : long_digits(b);
    if (!kmul(da, na, db, nb, z->ob_digit)) {
        Py_DECREF(z);
        return nullptr;
    }
    if (long_is_negative(a) != long_is_negative(b)) Py_SET_SIZE(z, -Py_SIZE(z));
    return long_finish(z);
}

// --- Slots ------------------------------------------------------------------------------------

#define MINIPY_LONG_BINARY_CHECK(a, b) \
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED

PyObject *long_add(PyObject *a, PyObject *b) noexcept {
    MINIPY_LONG_BINARY_CHECK(a, b);
    return long_add_values(a, b);
}

PyObject *long_sub(PyObject *a, PyObject *b) noexcept {
    MINIPY_LONG_BINARY_CHECK(a, b);
    return long_sub_values(a, b);
}

PyObject *long_mul(PyObject *a, PyObject *b) noexcept {
    MINIPY_LONG_BINARY_CHECK(a, b);
    return long_mul_values(a, b);
}

#undef MINIPY_LONG_BINARY_CHECK

PyObject *long_neg(PyObject *v) noexcept {
    return long_negate(v);
}
PyObject *long_pos(PyObject *v) noexcept {
    return long_exact(v);
}
PyObject *long_abs(PyObject *v) noexcept {
    return long_absolute(v);
}
int long_bool(PyObject *v) noexcept {
    return Py_SIZE(v) != 0;
}

PyObject *long_float(PyObject *v) noexcept {
    const double result = PyLong_AsDouble(v);
    if (result == -1.0 && PyErr_Occurred()) return nullptr;
    return PyFloat_FromDouble(result);
}

PyObject *long_richcompare(PyObject *a, PyObject *b, int op) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    const int order = a == b ? 0 : long_compare(a, b);
    Py_RETURN_RICHCOMPARE(order, 0, op);
}

// CPython's numeric hash: the value modulo the Mersenne prime 2**61 - 1 (so that equal ints
// and floats hash alike), with the sign of the value, and -1 (the error value) mapped to -2.
Py_hash_t long_hash(PyObject *v) noexcept {
    constexpr int kHashBits = _PyHASH_BITS;
    constexpr Py_uhash_t kModulus = _PyHASH_MODULUS;
    if (long_is_compact(v)) {
        const sdigit value = long_compact_value(v);
        return value == -1 ? -2 : value;
    }
    const digit *d = long_digits(v);
    Py_uhash_t x = 0;
    for (Py_ssize_t i = long_ndigits(v); --i >= 0;) {
        // x * 2**30 modulo 2**61 - 1 is a rotation of the 61-bit value by 30 places.
        x = ((x << PyLong_SHIFT) & kModulus) | (x >> (kHashBits - PyLong_SHIFT));
        x += d[i];
        if (x >= kModulus) x -= kModulus;
    }
    if (long_is_negative(v)) x = Py_uhash_t{0} - x;
    if (x == static_cast<Py_uhash_t>(-1)) x = static_cast<Py_uhash_t>(-2);
    return static_cast<Py_hash_t>(x);
}

}  // namespace minipy::runtime
