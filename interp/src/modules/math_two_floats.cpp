// The math functions of two floats: atan2, copysign, remainder (CPython's wrapper rules for
// them: a NaN from non-NaN arguments is a domain error, an infinity from finite ones an
// overflow), fmod, pow (IEEE special values decided here, 0.0**negative a domain error) and
// nextafter. atan2's and remainder's special values are decided here too, as CPython does,
// rather than by the platform.
#include <cerrno>
#include <cmath>
#include <limits>

#include "modules/math_module.hpp"

namespace {

namespace m = minipy::modules::math;

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// atan2 with C99's special cases decided here rather than by the platform.
double atan2_of(double y, double x) noexcept {
    if (std::isnan(x) || std::isnan(y)) return kNan;
    if (std::isinf(y)) {
        if (std::isinf(x))
            return std::copysign(std::copysign(1.0, x) == 1.0 ? 0.25 * kPi : 0.75 * kPi, y);
        return std::copysign(0.5 * kPi, y);
    }
    if (std::isinf(x) || y == 0.0)
        return std::copysign(std::copysign(1.0, x) == 1.0 ? 0.0 : kPi, y);
    return std::atan2(y, x);
}

// IEEE 754 remainder x - n*y, n the nearest integer to x/y (even on a tie); always exact.
double remainder_of(double x, double y) noexcept {
    if (std::isfinite(x) && std::isfinite(y)) {
        if (y == 0.0) return kNan;
        const double absx = std::fabs(x);
        const double absy = std::fabs(y);
        const double rem = std::fmod(absx, absy);
        // Compare rem with absy - rem rather than with 0.5 * absy, which may not be exact.
        const double complement = absy - rem;
        double r = 0;
        if (rem < complement)
            r = rem;
        else if (rem > complement)
            r = -complement;
        else  // a tie: rem if the multiple below is even, else -rem
            r = rem - 2.0 * std::fmod(0.5 * (absx - rem), absy);
        return std::copysign(1.0, x) * r;
    }
    if (std::isnan(x)) return x;
    if (std::isnan(y)) return y;
    if (std::isinf(x)) return kNan;
    return x;
}

double copysign_of(double x, double y) noexcept {
    return std::copysign(x, y);
}

// Two float arguments (CPython's math_2): NaN from non-NaN arguments is a domain error, an
// infinity from finite ones an overflow.
PyObject *float_function2(PyObject *const *args, Py_ssize_t nargs, double (*func)(double, double),
                          const char *name) noexcept {
    if (!m::positional_count(name, nargs, 2, 2)) return nullptr;
    const double x = PyFloat_AsDouble(args[0]);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    const double y = PyFloat_AsDouble(args[1]);
    if (y == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    errno = 0;
    const double r = func(x, y);
    if (std::isnan(r))
        errno = !std::isnan(x) && !std::isnan(y) ? EDOM : 0;
    else if (std::isinf(r))
        errno = std::isfinite(x) && std::isfinite(y) ? ERANGE : 0;
    if (errno != 0 && m::is_error(r)) return nullptr;
    return PyFloat_FromDouble(r);
}

// Two float arguments for the functions Argument Clinic declares with `double` parameters.
bool two_floats(const char *name, PyObject *const *args, Py_ssize_t nargs, double *x,
                double *y) noexcept {
    if (!m::positional_count(name, nargs, 2, 2)) return false;
    *x = PyFloat_AsDouble(args[0]);
    if (*x == -1.0 && PyErr_Occurred() != nullptr) return false;
    *y = PyFloat_AsDouble(args[1]);
    return !(*y == -1.0 && PyErr_Occurred() != nullptr);
}

}  // namespace

namespace minipy::modules::math {

PyObject *atan2_method(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return float_function2(args, nargs, atan2_of, "atan2");
}
PyObject *copysign_method(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return float_function2(args, nargs, copysign_of, "copysign");
}
PyObject *remainder_method(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return float_function2(args, nargs, remainder_of, "remainder");
}

PyObject *fmod_method(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    double x = 0, y = 0;
    if (!two_floats("fmod", args, nargs, &x, &y)) return nullptr;
    if (std::isinf(y) && std::isfinite(x)) return PyFloat_FromDouble(x);
    errno = 0;
    const double r = std::fmod(x, y);
    if (std::isnan(r)) errno = !std::isnan(x) && !std::isnan(y) ? EDOM : 0;
    if (errno != 0 && is_error(r)) return nullptr;
    return PyFloat_FromDouble(r);
}

// x**y with the special values decided here: an infinite result of finite arguments is a
// domain error for 0.0**negative and an overflow otherwise.
PyObject *pow_method(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    double x = 0, y = 0;
    if (!two_floats("pow", args, nargs, &x, &y)) return nullptr;
    double r = 0;
    errno = 0;
    if (!std::isfinite(x) || !std::isfinite(y)) {
        if (std::isnan(x)) {
            r = y == 0.0 ? 1.0 : x;
        } else if (std::isnan(y)) {
            r = x == 1.0 ? 1.0 : y;
        } else if (std::isinf(x)) {
            const bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
            if (y > 0.0)
                r = odd_y ? x : std::fabs(x);
            else if (y == 0.0)
                r = 1.0;
            else
                r = odd_y ? std::copysign(0.0, x) : 0.0;
        } else if (std::fabs(x) == 1.0) {  // y is infinite from here on
            r = 1.0;
        } else if (y > 0.0 && std::fabs(x) > 1.0) {
            r = y;
        } else if (y < 0.0 && std::fabs(x) < 1.0) {
            r = -y;
        } else {
            r = 0.0;
        }
    } else {
        r = std::pow(x, y);
        if (std::isnan(r))
            errno = EDOM;
        else if (std::isinf(r))
            errno = x == 0.0 ? EDOM : ERANGE;
    }
    if (errno != 0 && is_error(r)) return nullptr;
    return PyFloat_FromDouble(r);
}

PyObject *nextafter_method(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    double x = 0, y = 0;
    if (!two_floats("nextafter", args, nargs, &x, &y)) return nullptr;
    return PyFloat_FromDouble(std::nextafter(x, y));
}

}  // namespace minipy::modules::math
