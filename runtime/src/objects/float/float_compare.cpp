// float comparison and hash.
//
// float == int must be exact: 2**53 + 1 != 2.0**53, and 10**400 > 1e308, although converting
// the int to a double would say otherwise (or overflow). CPython 3.11's float_richcompare
// decides float against int in steps, cheapest first:
//   1. a NaN or infinity against an int compares as against 0 (NaN: all false but !=);
//   2. different signs (zero counting as its own sign) decide at once;
//   3. an int of at most 48 bits converts to a double exactly;
//   4. otherwise compare bit lengths: |v| < 2**e with e from frexp, |w| < 2**nbits; when
//      e != nbits the longer one is larger;
//   5. same length: the float's integer part is an int that can be compared with |w|
//      exactly, and a nonzero fractional part breaks a tie in the float's favour.
// Steps 4 and 5 work on magnitudes, so for negative operands the operator is mirrored.
#include <cmath>
#include <cstdint>

#include "objects/float/float_internal.hpp"
#include "objects/int/int_internal.hpp"

namespace {

using minipy::runtime::float_value;

PyObject *compare_doubles(double a, double b, int op) noexcept {
    bool r = false;
    switch (op) {
    case Py_EQ: r = a == b; break;
    case Py_NE: r = a != b; break;
    case Py_LE: r = a <= b; break;
    case Py_GE: r = a >= b; break;
    case Py_LT: r = a < b; break;
    case Py_GT: r = a > b; break;
    default: Py_RETURN_NOTIMPLEMENTED;
    }
    return PyBool_FromLong(r);
}

// The operator that gives the same answer with both sides negated (a < b  <=>  -a > -b).
int mirrored(int op) noexcept {
    switch (op) {
    case Py_LT: return Py_GT;
    case Py_LE: return Py_GE;
    case Py_GT: return Py_LT;
    case Py_GE: return Py_LE;
    default: return op;  // == and != are their own mirrors
    }
}

// v (a finite, nonzero double) against w, an int of the same sign and of nbits > 48 bits.
PyObject *compare_with_big_int(double v, PyObject *w, std::uint64_t nbits, int op) noexcept {
    if (v < 0.0) {
        v = -v;
        op = mirrored(op);
    }
    int exponent = 0;
    (void)std::frexp(v, &exponent);  // 2**(exponent-1) <= v < 2**exponent
    if (exponent < 0 || static_cast<std::uint64_t>(exponent) < nbits)
        return compare_doubles(1.0, 2.0, op);
    if (static_cast<std::uint64_t>(exponent) > nbits) return compare_doubles(2.0, 1.0, op);

    double int_part = 0.0;
    const double frac_part = std::modf(v, &int_part);
    PyObject *whole = PyLong_FromDouble(int_part);
    if (whole == nullptr) return nullptr;
    int cmp = minipy::runtime::mag_compare(
        minipy::runtime::long_digits(whole), minipy::runtime::long_ndigits(whole),
        minipy::runtime::long_digits(w), minipy::runtime::long_ndigits(w));
    Py_DECREF(whole);
    if (cmp == 0 && frac_part != 0.0) cmp = 1;
    return compare_doubles(static_cast<double>(cmp), 0.0, op);
}

}  // namespace

namespace minipy::runtime {

PyObject *float_richcompare(PyObject *v, PyObject *w, int op) noexcept {
    const double i = float_value(v);
    if (PyFloat_Check(w)) return compare_doubles(i, float_value(w), op);
    if (!PyLong_Check(w)) Py_RETURN_NOTIMPLEMENTED;
    if (!std::isfinite(i)) return compare_doubles(i, 0.0, op);

    const int vsign = i == 0.0 ? 0 : i < 0.0 ? -1 : 1;
    const int wsign = _PyLong_Sign(w);
    if (vsign != wsign) return compare_doubles(vsign, wsign, op);
    // Ints of up to 48 bits (zero included) are exact as doubles.
    const std::uint64_t nbits = mag_bit_length(long_digits(w), long_ndigits(w));
    if (nbits <= 48) {
        const double j = PyLong_AsDouble(w);
        if (j == -1.0 && PyErr_Occurred()) return nullptr;
        return compare_doubles(i, j, op);
    }
    return compare_with_big_int(i, w, nbits, op);
}

Py_hash_t float_hash(PyObject *v) noexcept {
    return _Py_HashDouble(v, float_value(v));
}

}  // namespace minipy::runtime
