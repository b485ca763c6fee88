// int: pow(a, b) and pow(a, b, m).
//
// Rules (CPython 3.11's long_pow):
//   1. b < 0 without m: the result is a float; float's nb_power takes the two ints.
//   2. m == 0: ValueError. m < 0: compute with |m|, then shift a non-zero result into
//      (m, 0] so it has m's sign, like %. |m| == 1: 0.
//   3. b < 0 with m (3.8+): a is replaced by its inverse modulo |m| (ValueError when
//      gcd(a, m) != 1) and b by -b.
//   4. Otherwise square-and-multiply from the top bit down; for exponents longer than
//      kWindowCutoffBits, five bits at a time from a table of a**0 .. a**31, which saves
//      about a fifth of the multiplications. With m, every product is reduced at once.
#include "minipy/floatobject.h"
#include "minipy/pyerrors.h"
#include "objects/int/int_internal.hpp"

namespace minipy::runtime {
namespace {

constexpr std::size_t kWindowCutoffBits = std::size_t{8} * PyLong_SHIFT;
constexpr int kWindowBits = 5;
constexpr int kTableSize = 1 << kWindowBits;

// a * b, reduced modulo m when m is not null. Steals nothing.
PyObject *mul_mod(PyObject *a, PyObject *b, PyObject *m) noexcept {
    PyObject *product = long_mul_values(a, b);
    if (product == nullptr || m == nullptr) return product;
    PyObject *reduced;
    const int status = long_divmod_values(product, m, nullptr, &reduced);
    Py_DECREF(product);
    return status < 0 ? nullptr : reduced;
}

// Replaces *acc with *acc * factor (mod m). False when memory ran out (*acc then cleared).
bool multiply_into(PyObject *&acc, PyObject *factor, PyObject *m) noexcept {
    PyObject *next = mul_mod(acc, factor, m);
    Py_DECREF(acc);
    acc = next;
    return next != nullptr;
}

bool exponent_bit(PyObject *e, std::size_t i) noexcept {
    return (long_digits(e)[i / PyLong_SHIFT] >> (i % PyLong_SHIFT)) & 1;
}

// a ** e (mod m), e >= 0, a already reduced when m is given.
PyObject *power(PyObject *a, PyObject *e, PyObject *m) noexcept {
    const std::size_t bits = long_bit_length(e);
    PyObject *acc = Py_NewRef(long_small_int(1));
    if (bits <= kWindowCutoffBits) {
        for (std::size_t i = bits; i-- > 0;) {
            if (!multiply_into(acc, acc, m)) return nullptr;
            if (exponent_bit(e, i) && !multiply_into(acc, a, m)) return nullptr;
        }
        return acc;
    }
    PyObject *table[kTableSize] = {};
    table[0] = Py_NewRef(long_small_int(1));
    bool ok = true;
    for (int i = 1; ok && i < kTableSize; ++i) {
        table[i] = mul_mod(table[i - 1], a, m);
        ok = table[i] != nullptr;
    }
    // Windows aligned on multiples of kWindowBits counted from bit 0, top one first.
    for (std::size_t top = (bits + kWindowBits - 1) / kWindowBits * kWindowBits; ok && top > 0;
         top -= kWindowBits) {
        int window = 0;
        for (int j = kWindowBits; j-- > 0;) {
            const std::size_t bit = top - kWindowBits + static_cast<std::size_t>(j);
            window = (window << 1) | (bit < bits && exponent_bit(e, bit) ? 1 : 0);
        }
        for (int j = 0; ok && j < kWindowBits; ++j) ok = multiply_into(acc, acc, m);
        if (ok && window != 0) ok = multiply_into(acc, table[window], m);
    }
    for (PyObject *entry : table) Py_XDECREF(entry);
    if (!ok) {
        Py_XDECREF(acc);
        return nullptr;
    }
    return acc;
}

// The inverse of a modulo m (m > 1) by the extended Euclidean algorithm, in [0, m).
PyObject *inverse_mod(PyObject *a, PyObject *m) noexcept {
    PyObject *x = nullptr, *y = Py_NewRef(m);
    PyObject *s0 = Py_NewRef(long_small_int(1)), *s1 = Py_NewRef(long_small_int(0));
    PyObject *result = nullptr;
    if (long_divmod_values(a, m, nullptr, &x) < 0) goto done;
    // Invariant: x == s0 * a (mod m), y == s1 * a (mod m).
    while (Py_SIZE(y) != 0) {
        PyObject *q, *r;
        if (long_divmod_values(x, y, &q, &r) < 0) goto done;
        PyObject *q_s1 = long_mul_values(q, s1);
        Py_DECREF(q);
        PyObject *s2 = q_s1 != nullptr ? long_sub_values(s0, q_s1) : nullptr;
        Py_XDECREF(q_s1);
        if (s2 == nullptr) {
            Py_DECREF(r);
            goto done;
        }
        Py_SETREF(x, y);
        y = r;
        Py_SETREF(s0, s1);
        s1 = s2;
    }
    // x is gcd(a, m) now.
    if (!(Py_SIZE(x) == 1 && long_digits(x)[0] == 1)) {
        PyErr_SetString(PyExc_ValueError, "base is not invertible for the given modulus");
        goto done;
    }
    long_divmod_values(s0, m, nullptr, &result);
done:
    Py_XDECREF(x);
    Py_XDECREF(y);
    Py_DECREF(s0);
    Py_DECREF(s1);
    return result;
}

PyObject *pow_mod(PyObject *a, PyObject *b, PyObject *modulus) noexcept {
    if (Py_SIZE(modulus) == 0) {
        PyErr_SetString(PyExc_ValueError, "pow() 3rd argument cannot be 0");
        return nullptr;
    }
    const bool negative_modulus = long_is_negative(modulus);
    PyObject *m = long_absolute(modulus);
    if (m == nullptr) return nullptr;
    if (Py_SIZE(m) == 1 && long_digits(m)[0] == 1) {
        Py_DECREF(m);
        return Py_NewRef(long_small_int(0));
    }
    PyObject *base = nullptr, *exponent = nullptr, *result = nullptr;
    if (long_is_negative(b)) {
        base = inverse_mod(a, m);
        exponent = base != nullptr ? long_negate(b) : nullptr;
    } else {
        exponent = Py_NewRef(b);
        if (long_divmod_values(a, m, nullptr, &base) < 0) base = nullptr;
    }
    if (base != nullptr && exponent != nullptr) result = power(base, exponent, m);
    Py_XDECREF(base);
    Py_XDECREF(exponent);
    if (result != nullptr && negative_modulus && Py_SIZE(result) != 0)
        Py_SETREF(result, long_sub_values(result, m));
    Py_DECREF(m);
    return result;
}

}  // namespace

PyObject *long_pow(PyObject *a, PyObject *b, PyObject *modulus) noexcept {
    if (!PyLong_Check(a) || !PyLong_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    if (modulus != Py_None && !PyLong_Check(modulus)) Py_RETURN_NOTIMPLEMENTED;
    if (modulus != Py_None) return pow_mod(a, b, modulus);
    if (long_is_negative(b)) return PyFloat_Type.tp_as_number->nb_power(a, b, modulus);
    // Small cases that need no loop.
    if (Py_SIZE(b) == 0) return Py_NewRef(long_small_int(1));
    if (long_is_compact(a)) {
        const sdigit base = long_compact_value(a);
        if (base == 0 || base == 1)
            return Py_NewRef(a == long_small_int(base) ? a : long_small_int(base));
        if (base == -1) return Py_NewRef(long_small_int((long_digits(b)[0] & 1) ? -1 : 1));
    }
    return power(a, b, nullptr);
}

}  // namespace minipy::runtime
