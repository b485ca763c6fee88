// The math module's parts, one file each, that math_module.cpp's method table gathers:
// math_two_floats.cpp (atan2, copysign, remainder, fmod, pow, nextafter), math_gamma.cpp
// (gamma and lgamma by CPython's Lanczos approximation), math_norm.cpp (fsum,
// hypot and dist: CPython's own summation and vector norm, so results match bit for bit) and
// math_integer.cpp (factorial, isqrt, gcd, lcm, comb, perm, prod on ints of any size).
// The error rules they share (is_error, positional_count) live in math_module.cpp.
#ifndef MINIPY_INTERP_MODULES_MATH_MODULE_HPP
#define MINIPY_INTERP_MODULES_MATH_MODULE_HPP

#include "minipy/Python.h"

namespace minipy::modules::math {

// With errno set by a libm-style function that returned `r`: sets ValueError "math domain
// error" for EDOM, OverflowError "math range error" for ERANGE unless |r| < 1.5 (an
// underflow, which is no error), and returns whether an exception was set.
bool is_error(double r) noexcept;

// nargs in [min, max], else TypeError "<name> expected 2 arguments, got 1" (or "at least" /
// "at most"), as Argument Clinic's positional-only functions say it.
bool positional_count(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) noexcept;

// The counts Argument Clinic checks first for a function whose parameters after the
// `positional` ones are keyword-only (isclose, prod): at most max_total arguments in all, then
// no more than `positional` by position ("prod() takes exactly 1 positional argument (2
// given)"; PyArg_ParseTupleAndKeywords would say "at most").
bool clinic_counts(const char *name, PyObject *args, PyObject *kwargs, Py_ssize_t max_total,
                   Py_ssize_t positional) noexcept;

// A float argument of hypot, dist and fsum: exact floats and ints directly (a too large int is
// OverflowError "int too large to convert to float"), else __float__ / __index__. -1 and an
// exception on failure.
int real_argument(PyObject *obj, double *out) noexcept;

// math_two_floats.cpp: the METH_FASTCALL functions of two floats.
PyObject *atan2_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *copysign_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *remainder_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *fmod_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *pow_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *nextafter_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;

// math_two_floats.cpp: the METH_FASTCALL functions of two floats.
PyObject *atan2_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *copysign_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *remainder_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *fmod_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *pow_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *nextafter_method(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;

// math_gamma.cpp: CPython's tgamma and lgamma (errno set to EDOM or ERANGE on failure).
double gamma(double x) noexcept;
double lgamma(double x) noexcept;

// math_norm.cpp
PyObject *fsum(PyObject *module, PyObject *seq) noexcept;
PyObject *hypot(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *dist(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;

// math_integer.cpp
PyObject *factorial(PyObject *module, PyObject *arg) noexcept;
PyObject *isqrt(PyObject *module, PyObject *arg) noexcept;
PyObject *gcd(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *lcm(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *comb(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *perm(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *prod(PyObject *module, PyObject *args, PyObject *kwargs) noexcept;

}  // namespace minipy::modules::math

#endif  // MINIPY_INTERP_MODULES_MATH_MODULE_HPP
