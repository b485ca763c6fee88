// float to integers and rationals: round(), math.floor/ceil's __floor__/__ceil__, and
// as_integer_ratio(). Results and messages are CPython 3.11's.
//
// round(x, n) is the double nearest to x rounded, exactly and half to even, to a multiple of
// 10**-n (CPython's double_round with dtoa mode 3). For n >= 0 printf's "%.*f" is that exact
// rounding. For n < 0 the exact digits of x's integer part (trunc(x) is a double, printed
// exactly by "%.0f"), with a fractional part as a sticky tail, are rounded by hand.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "args/method_args.hpp"
#include "objects/float/float_internal.hpp"

namespace {

using minipy::runtime::float_value;

// Beyond these, round(x, n) is x itself, or a zero with x's sign.
constexpr Py_ssize_t kRoundDigitsMax =
    static_cast<Py_ssize_t>((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
constexpr Py_ssize_t kRoundDigitsMin = -static_cast<Py_ssize_t>((DBL_MAX_EXP + 1) * 0.30103);

PyObject *rounded_from_text(const char *text) noexcept {
    const double rounded = PyOS_string_to_double(text, nullptr, nullptr);
    if (rounded == -1.0 && PyErr_Occurred()) return nullptr;
    if (std::isinf(rounded)) {
        PyErr_SetString(PyExc_OverflowError, "rounded value too large to represent");
        return nullptr;
    }
    return PyFloat_FromDouble(rounded);
}

// x (finite, nonzero) rounded to a multiple of 10**places, 1 <= places <= 308.
PyObject *round_to_tens(double x, int places) noexcept {
    const double whole = std::trunc(x);
    const bool fraction = whole != x;
    // Up to 309 digits, a sign, room for "e" and the exponent.
    char text[340];
    std::snprintf(text, sizeof text, "%.0f", std::fabs(whole));
    const int length = static_cast<int>(std::strlen(text));
    // text[0, keep) stays; text[keep, length) is rounded away.
    const int keep = length - places;
    bool up = false;
    if (keep >= 0 && keep < length) {
        const char first = text[keep];
        bool beyond = fraction;
        for (int i = keep + 1; i < length && !beyond; i++) beyond = text[i] != '0';
        const bool odd = keep > 0 && (text[keep - 1] - '0') % 2 == 1;
        up = first > '5' || (first == '5' && (beyond || odd));
    }
    // The kept digits, plus one when rounding up (a carry may add a digit).
    char digits[340];
    int n = 0;
    digits[n++] = x < 0 ? '-' : '+';
    digits[n++] = '0';
    for (int i = 0; i < keep; i++) digits[n++] = text[i];
    if (up) {
        int i = n - 1;
        while (digits[i] == '9') digits[i--] = '0';
        digits[i]++;  // stops at the leading '0' at the latest
    }
    std::snprintf(digits + n, sizeof digits - static_cast<std::size_t>(n), "e%d", places);
    return rounded_from_text(digits);
}

PyObject *round_to_digits(double x, Py_ssize_t ndigits) noexcept {
    if (!std::isfinite(x) || x == 0.0 || ndigits > kRoundDigitsMax) return PyFloat_FromDouble(x);
    if (ndigits < kRoundDigitsMin) return PyFloat_FromDouble(0.0 * x);
    if (ndigits < 0) return round_to_tens(x, static_cast<int>(-ndigits));
    char *text = PyOS_double_to_string(x, 'f', static_cast<int>(ndigits), 0, nullptr);
    if (text == nullptr) return nullptr;
    PyObject *result = rounded_from_text(text);
    PyMem_Free(text);
    return result;
}

// round(x) with no digits: the nearest integer, ties to even, as an int.
PyObject *round_to_int(double x) noexcept {
    double rounded = std::round(x);  // ties away from zero
    if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
    return PyLong_FromDouble(rounded);
}

}  // namespace

namespace minipy::runtime {

PyObject *float_round(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("__round__", nargs, 0, 1)) return nullptr;
    const double x = float_value(self);
    if (nargs == 0 || args[0] == Py_None) return round_to_int(x);
    // A huge ndigits saturates (no OverflowError): it is beyond the limits anyway.
    const Py_ssize_t ndigits = PyNumber_AsSsize_t(args[0], nullptr);
    if (ndigits == -1 && PyErr_Occurred()) return nullptr;
    return round_to_digits(x, ndigits);
}

PyObject *float_floor(PyObject *self, PyObject *) noexcept {
    return PyLong_FromDouble(std::floor(float_value(self)));
}

PyObject *float_ceil(PyObject *self, PyObject *) noexcept {
    return PyLong_FromDouble(std::ceil(float_value(self)));
}

// x == numerator / denominator in lowest terms, denominator > 0: double the mantissa until
// it is an integer (at most 53 times: that is all the bits it has), then move the binary
// exponent into one side as a shift.
PyObject *float_as_integer_ratio(PyObject *self, PyObject *) noexcept {
    const double x = float_value(self);
    if (std::isinf(x)) {
        PyErr_SetString(PyExc_OverflowError, "cannot convert Infinity to integer ratio");
        return nullptr;
    }
    if (std::isnan(x)) {
        PyErr_SetString(PyExc_ValueError, "cannot convert NaN to integer ratio");
        return nullptr;
    }
    int exponent = 0;
    double mantissa = std::frexp(x, &exponent);
    for (int i = 0; i < 300 && mantissa != std::floor(mantissa); i++) {
        mantissa *= 2.0;
        exponent--;
    }
    PyObject *numerator = PyLong_FromDouble(mantissa);
    PyObject *denominator = numerator != nullptr ? PyLong_FromLong(1) : nullptr;
    PyObject **shifted = exponent > 0 ? &numerator : &denominator;
    if (denominator != nullptr)
        Py_SETREF(*shifted, _PyLong_Lshift(*shifted, static_cast<size_t>(std::abs(exponent))));
    PyObject *pair = numerator != nullptr && denominator != nullptr ? PyTuple_New(2) : nullptr;
    if (pair == nullptr) {
        Py_XDECREF(numerator);
        Py_XDECREF(denominator);
        return nullptr;
    }
    PyTuple_SET_ITEM(pair, 0, numerator);
    PyTuple_SET_ITEM(pair, 1, denominator);
    return pair;
}

}  // namespace minipy::runtime
