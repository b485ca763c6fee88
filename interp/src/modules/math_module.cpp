// The math module (CPython 3.11's Modules/mathmodule.c): its functions on floats, their
// error rules and the constants, and the method table that gathers the other parts
// (math_module.hpp). Results come from the same libm CPython calls, wrapped in the same
// special-case handling, so they agree bit for bit; errors follow CPython's rules: a NaN from
// non-NaN arguments or a singularity is ValueError "math domain error", overflow is
// OverflowError "math range error", an underflow is no error.
#include <cerrno>
#include <climits>
#include <cmath>
#include <limits>

#include "modules/math_module.hpp"
#include "modules/modules.hpp"

namespace minipy::modules::math {

bool is_error(double r) noexcept {
    // libm may set ERANGE on underflow too (and expm1 underflows towards -1.0): only a large
    // result is an overflow. EDOM (or, were there one, any other errno) is a domain error.
    if (errno == ERANGE) {
        if (std::fabs(r) < 1.5) return false;
        PyErr_SetString(PyExc_OverflowError, "math range error");
    } else {
        PyErr_SetString(PyExc_ValueError, "math domain error");
    }
    return true;
}

bool positional_count(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) noexcept {
    if (nargs >= min && nargs <= max) return true;
    const Py_ssize_t bound = nargs < min ? min : max;
    const char *which = min == max ? "" : nargs < min ? "at least " : "at most ";
    PyErr_Format(PyExc_TypeError, "%s expected %s%zd argument%s, got %zd", name, which, bound,
                 bound == 1 ? "" : "s", nargs);
    return false;
}

bool clinic_counts(const char *name, PyObject *args, PyObject *kwargs, Py_ssize_t max_total,
                   Py_ssize_t positional) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    const Py_ssize_t total = nargs + (kwargs != nullptr ? PyDict_GET_SIZE(kwargs) : 0);
    if (total > max_total) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %zd arguments (%zd given)", name,
                     max_total, total);
        return false;
    }
    if (nargs > positional) {
        PyErr_Format(PyExc_TypeError, "%s() takes exactly %zd positional argument%s (%zd given)",
                     name, positional, positional == 1 ? "" : "s", nargs);
        return false;
    }
    return true;
}

int real_argument(PyObject *obj, double *out) noexcept {
    if (PyFloat_CheckExact(obj)) {
        *out = PyFloat_AS_DOUBLE(obj);
        return 0;
    }
    *out = PyLong_CheckExact(obj) ? PyLong_AsDouble(obj) : PyFloat_AsDouble(obj);
    return *out == -1.0 && PyErr_Occurred() != nullptr ? -1 : 0;
}

}  // namespace minipy::modules::math

namespace {

namespace m = minipy::modules::math;

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kE = 2.718281828459045235360287471352662498;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// --- One float argument ------------------------------------------------------------------------

// A libm function of one float (CPython's math_1): a NaN result from a non-NaN argument is a
// domain error; an infinite one from a finite argument is an overflow when the function can
// overflow (exp, cosh, ...), else a singularity (a domain error).
PyObject *float_function(PyObject *arg, double (*func)(double), bool can_overflow) noexcept {
    const double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    errno = 0;
    const double r = func(x);
    if (std::isnan(r) && !std::isnan(x)) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return nullptr;
    }
    if (std::isinf(r) && std::isfinite(x)) {
        if (can_overflow)
            PyErr_SetString(PyExc_OverflowError, "math range error");
        else
            PyErr_SetString(PyExc_ValueError, "math domain error");
        return nullptr;
    }
    if (std::isfinite(r) && errno != 0 && m::is_error(r)) return nullptr;
    return PyFloat_FromDouble(r);
}

// A function that sets errno itself (CPython's math_1a: gamma, lgamma, erf, erfc).
PyObject *errno_function(PyObject *arg, double (*func)(double)) noexcept {
    const double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    errno = 0;
    const double r = func(x);
    if (errno != 0 && m::is_error(r)) return nullptr;
    return PyFloat_FromDouble(r);
}

double erf_of(double x) noexcept {
    return std::erf(x);
}
double erfc_of(double x) noexcept {
    return std::erfc(x);
}

// The method of a libm function (float_function) and of one that sets errno (errno_function).
template <double (*Func)(double), bool CanOverflow>
PyObject *libm_method(PyObject *, PyObject *arg) noexcept {
    return float_function(arg, Func, CanOverflow);
}
template <double (*Func)(double)>
PyObject *errno_method(PyObject *, PyObject *arg) noexcept {
    return errno_function(arg, Func);
}

double libm_acos(double x) noexcept {
    return std::acos(x);
}
double libm_acosh(double x) noexcept {
    return std::acosh(x);
}
double libm_asin(double x) noexcept {
    return std::asin(x);
}
double libm_asinh(double x) noexcept {
    return std::asinh(x);
}
double libm_atan(double x) noexcept {
    return std::atan(x);
}
double libm_atanh(double x) noexcept {
    return std::atanh(x);
}
double libm_cbrt(double x) noexcept {
    return std::cbrt(x);
}
double libm_cos(double x) noexcept {
    return std::cos(x);
}
double libm_cosh(double x) noexcept {
    return std::cosh(x);
}
double libm_exp(double x) noexcept {
    return std::exp(x);
}
double libm_exp2(double x) noexcept {
    return std::exp2(x);
}
double libm_expm1(double x) noexcept {
    return std::expm1(x);
}
double libm_fabs(double x) noexcept {
    return std::fabs(x);
}
double libm_log1p(double x) noexcept {
    return std::log1p(x);
}
double libm_sin(double x) noexcept {
    return std::sin(x);
}
double libm_sinh(double x) noexcept {
    return std::sinh(x);
}
double libm_sqrt(double x) noexcept {
    return std::sqrt(x);
}
double libm_tan(double x) noexcept {
    return std::tan(x);
}
double libm_tanh(double x) noexcept {
    return std::tanh(x);
}

// --- Logarithms --------------------------------------------------------------------------------

// log, log2 and log10 (Log) with the special values decided here: log(0) is -inf and log of
// a negative number NaN, both with errno EDOM.
double libm_log(double x) noexcept {
    return std::log(x);
}
double libm_log2(double x) noexcept {
    return std::log2(x);
}
double libm_log10(double x) noexcept {
    return std::log10(x);
}
template <double (*Log)(double)>
double checked_log(double x) noexcept {
    if (std::isfinite(x)) {
        if (x > 0.0) return Log(x);
        errno = EDOM;
        return x == 0.0 ? -kInf : kNan;
    }
    if (std::isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return kNan;
}

// The logarithm of an int of any size: one too large for a float is m * 2**e, whose
// logarithm is func(m) + func(2) * e. Other arguments go through float_function.
PyObject *log_helper(PyObject *arg, double (*func)(double)) noexcept {
    if (!PyLong_Check(arg)) return float_function(arg, func, false);
    if (_PyLong_Sign(arg) <= 0) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return nullptr;
    }
    const double x = PyLong_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return nullptr;
        PyErr_Clear();
        Py_ssize_t e = 0;
        const double mantissa = _PyLong_Frexp(reinterpret_cast<PyLongObject *>(arg), &e);
        if (mantissa == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
        return PyFloat_FromDouble(func(mantissa) + func(2.0) * static_cast<double>(e));
    }
    return PyFloat_FromDouble(func(x));
}

PyObject *math_log(PyObject *, PyObject *args) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "math.log requires 1 to 2 arguments");
        return nullptr;
    }
    PyObject *num = log_helper(PyTuple_GET_ITEM(args, 0), checked_log<libm_log>);
    if (num == nullptr || nargs == 1) return num;
    PyObject *den = log_helper(PyTuple_GET_ITEM(args, 1), checked_log<libm_log>);
    if (den == nullptr) {
        Py_DECREF(num);
        return nullptr;
    }
    PyObject *result = PyNumber_TrueDivide(num, den);
    Py_DECREF(num);
    Py_DECREF(den);
    return result;
}
PyObject *math_log2(PyObject *, PyObject *arg) noexcept {
    return log_helper(arg, checked_log<libm_log2>);
}
PyObject *math_log10(PyObject *, PyObject *arg) noexcept {
    return log_helper(arg, checked_log<libm_log10>);
}

// --- Rounding to integers ----------------------------------------------------------------------

// floor and ceil: an exact float directly, else the argument's __floor__ / __ceil__ if its
// type has one, else its float value.
PyObject *round_to_int(PyObject *number, const char *special, double (*func)(double)) noexcept {
    if (!PyFloat_CheckExact(number)) {
        PyObject *name = PyUnicode_InternFromString(special);
        if (name == nullptr) return nullptr;
        PyObject *method = _PyObject_LookupSpecial(number, name);
        Py_DECREF(name);
        if (method != nullptr) {
            PyObject *result = PyObject_CallNoArgs(method);
            Py_DECREF(method);
            return result;
        }
        if (PyErr_Occurred() != nullptr) return nullptr;
    }
    const double x = PyFloat_AsDouble(number);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    return PyLong_FromDouble(func(x));
}

double floor_of(double x) noexcept {
    return std::floor(x);
}
double ceil_of(double x) noexcept {
    return std::ceil(x);
}

PyObject *math_floor(PyObject *, PyObject *number) noexcept {
    return round_to_int(number, "__floor__", floor_of);
}
PyObject *math_ceil(PyObject *, PyObject *number) noexcept {
    return round_to_int(number, "__ceil__", ceil_of);
}

PyObject *math_trunc(PyObject *, PyObject *x) noexcept {
    if (PyFloat_CheckExact(x)) return PyFloat_Type.tp_as_number->nb_int(x);
    PyObject *name = PyUnicode_InternFromString("__trunc__");
    if (name == nullptr) return nullptr;
    PyObject *method = _PyObject_LookupSpecial(x, name);
    Py_DECREF(name);
    if (method == nullptr) {
        if (PyErr_Occurred() == nullptr)
            PyErr_Format(PyExc_TypeError, "type %.100s doesn't define __trunc__ method",
                         Py_TYPE(x)->tp_name);
        return nullptr;
    }
    PyObject *result = PyObject_CallNoArgs(method);
    Py_DECREF(method);
    return result;
}

// --- Pieces of floats --------------------------------------------------------------------------

PyObject *math_frexp(PyObject *, PyObject *arg) noexcept {
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    int exponent = 0;
    if (std::isfinite(x) && x != 0.0) x = std::frexp(x, &exponent);
    return Py_BuildValue("(di)", x, exponent);
}

PyObject *math_ldexp(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!m::positional_count("ldexp", nargs, 2, 2)) return nullptr;
    const double x = PyFloat_AsDouble(args[0]);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    if (!PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "Expected an int as second argument to ldexp.");
        return nullptr;
    }
    int overflow = 0;
    long exponent = PyLong_AsLongAndOverflow(args[1], &overflow);
    if (exponent == -1 && PyErr_Occurred() != nullptr) return nullptr;
    if (overflow != 0) exponent = overflow < 0 ? LONG_MIN : LONG_MAX;
    double r = x;
    errno = 0;
    if (x == 0.0 || !std::isfinite(x)) {
        r = x;
    } else if (exponent > INT_MAX) {
        r = std::copysign(kInf, x);
        errno = ERANGE;
    } else if (exponent < INT_MIN) {
        r = std::copysign(0.0, x);
    } else {
        r = std::ldexp(x, static_cast<int>(exponent));
        if (std::isinf(r)) errno = ERANGE;
    }
    if (errno != 0 && m::is_error(r)) return nullptr;
    return PyFloat_FromDouble(r);
}

PyObject *math_modf(PyObject *, PyObject *arg) noexcept {
    const double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    if (std::isinf(x)) return Py_BuildValue("(dd)", std::copysign(0.0, x), x);
    if (std::isnan(x)) return Py_BuildValue("(dd)", x, x);
    double integral = 0;
    const double fraction = std::modf(x, &integral);
    return Py_BuildValue("(dd)", fraction, integral);
}

PyObject *math_ulp(PyObject *, PyObject *arg) noexcept {
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    if (std::isnan(x)) return PyFloat_FromDouble(x);
    x = std::fabs(x);
    if (std::isinf(x)) return PyFloat_FromDouble(x);
    const double up = std::nextafter(x, kInf);
    if (std::isinf(up))
        return PyFloat_FromDouble(x - std::nextafter(x, -kInf));  // the largest float
    return PyFloat_FromDouble(up - x);
}

// --- Angles, classification, closeness ---------------------------------------------------------

PyObject *math_degrees(PyObject *, PyObject *arg) noexcept {
    const double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    return PyFloat_FromDouble(x * (180.0 / kPi));
}
PyObject *math_radians(PyObject *, PyObject *arg) noexcept {
    const double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    return PyFloat_FromDouble(x * (kPi / 180.0));
}

PyObject *classify(PyObject *arg, bool (*test)(double)) noexcept {
    const double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred() != nullptr) return nullptr;
    return PyBool_FromLong(test(x) ? 1 : 0);
}
bool is_finite(double x) noexcept {
    return std::isfinite(x);
}
bool is_inf(double x) noexcept {
    return std::isinf(x);
}
bool is_nan(double x) noexcept {
    return std::isnan(x);
}
PyObject *math_isfinite(PyObject *, PyObject *arg) noexcept {
    return classify(arg, is_finite);
}
PyObject *math_isinf(PyObject *, PyObject *arg) noexcept {
    return classify(arg, is_inf);
}
PyObject *math_isnan(PyObject *, PyObject *arg) noexcept {
    return classify(arg, is_nan);
}

// isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0): Boost's "weak" test; infinities are close
// only to themselves, NaN to nothing.
PyObject *math_isclose(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *keywords[] = {"a", "b", "rel_tol", "abs_tol", nullptr};
    double a = 0, b = 0, rel_tol = 1e-09, abs_tol = 0.0;
    if (!m::clinic_counts("isclose", args, kwargs, 4, 2)) return nullptr;
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "dd|$dd:isclose", const_cast<char **>(keywords),
                                    &a, &b, &rel_tol, &abs_tol) == 0)
        return nullptr;
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        PyErr_SetString(PyExc_ValueError, "tolerances must be non-negative");
        return nullptr;
    }
    if (a == b) Py_RETURN_TRUE;
    if (std::isinf(a) || std::isinf(b)) Py_RETURN_FALSE;
    const double diff = std::fabs(b - a);
    const bool close =
        diff <= std::fabs(rel_tol * b) || diff <= std::fabs(rel_tol * a) || diff <= abs_tol;
    return PyBool_FromLong(close ? 1 : 0);
}

// --- The module --------------------------------------------------------------------------------

PyMethodDef math_methods[] = {
    {"acos", libm_method<libm_acos, false>, METH_O, nullptr},
    {"acosh", libm_method<libm_acosh, false>, METH_O, nullptr},
    {"asin", libm_method<libm_asin, false>, METH_O, nullptr},
    {"asinh", libm_method<libm_asinh, false>, METH_O, nullptr},
    {"atan", libm_method<libm_atan, false>, METH_O, nullptr},
    {"atan2", _PyCFunction_CAST(m::atan2_method), METH_FASTCALL, nullptr},
    {"atanh", libm_method<libm_atanh, false>, METH_O, nullptr},
    {"cbrt", libm_method<libm_cbrt, false>, METH_O, nullptr},
    {"ceil", math_ceil, METH_O, nullptr},
    {"comb", _PyCFunction_CAST(m::comb), METH_FASTCALL, nullptr},
    {"copysign", _PyCFunction_CAST(m::copysign_method), METH_FASTCALL, nullptr},
    {"cos", libm_method<libm_cos, false>, METH_O, nullptr},
    {"cosh", libm_method<libm_cosh, true>, METH_O, nullptr},
    {"degrees", math_degrees, METH_O, nullptr},
    {"dist", _PyCFunction_CAST(m::dist), METH_FASTCALL, nullptr},
    {"erf", errno_method<erf_of>, METH_O, nullptr},
    {"erfc", errno_method<erfc_of>, METH_O, nullptr},
    {"exp", libm_method<libm_exp, true>, METH_O, nullptr},
    {"exp2", libm_method<libm_exp2, true>, METH_O, nullptr},
    {"expm1", libm_method<libm_expm1, true>, METH_O, nullptr},
    {"fabs", libm_method<libm_fabs, false>, METH_O, nullptr},
    {"factorial", m::factorial, METH_O, nullptr},
    {"floor", math_floor, METH_O, nullptr},
    {"fmod", _PyCFunction_CAST(m::fmod_method), METH_FASTCALL, nullptr},
    {"frexp", math_frexp, METH_O, nullptr},
    {"fsum", m::fsum, METH_O, nullptr},
    {"gamma", errno_method<m::gamma>, METH_O, nullptr},
    {"gcd", _PyCFunction_CAST(m::gcd), METH_FASTCALL, nullptr},
    {"hypot", _PyCFunction_CAST(m::hypot), METH_FASTCALL, nullptr},
    {"isclose", _PyCFunction_CAST(math_isclose), METH_VARARGS | METH_KEYWORDS, nullptr},
    {"isfinite", math_isfinite, METH_O, nullptr},
    {"isinf", math_isinf, METH_O, nullptr},
    {"isnan", math_isnan, METH_O, nullptr},
    {"isqrt", m::isqrt, METH_O, nullptr},
    {"lcm", _PyCFunction_CAST(m::lcm), METH_FASTCALL, nullptr},
    {"ldexp", _PyCFunction_CAST(math_ldexp), METH_FASTCALL, nullptr},
    {"lgamma", errno_method<m::lgamma>, METH_O, nullptr},
    {"log", math_log, METH_VARARGS, nullptr},
    {"log1p", libm_method<libm_log1p, false>, METH_O, nullptr},
    {"log10", math_log10, METH_O, nullptr},
    {"log2", math_log2, METH_O, nullptr},
    {"modf", math_modf, METH_O, nullptr},
    {"pow", _PyCFunction_CAST(m::pow_method), METH_FASTCALL, nullptr},
    {"radians", math_radians, METH_O, nullptr},
    {"remainder", _PyCFunction_CAST(m::remainder_method), METH_FASTCALL, nullptr},
    {"sin", libm_method<libm_sin, false>, METH_O, nullptr},
    {"sinh", libm_method<libm_sinh, true>, METH_O, nullptr},
    {"sqrt", libm_method<libm_sqrt, false>, METH_O, nullptr},
    {"tan", libm_method<libm_tan, false>, METH_O, nullptr},
    {"tanh", libm_method<libm_tanh, false>, METH_O, nullptr},
    {"trunc", math_trunc, METH_O, nullptr},
    {"prod", _PyCFunction_CAST(m::prod), METH_VARARGS | METH_KEYWORDS, nullptr},
    {"perm", _PyCFunction_CAST(m::perm), METH_FASTCALL, nullptr},
    {"nextafter", _PyCFunction_CAST(m::nextafter_method), METH_FASTCALL, nullptr},
    {"ulp", math_ulp, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef math_def = {
    PyModuleDef_HEAD_INIT,
    "math",
    "This module provides access to the mathematical functions\n"
    "defined by the C standard.",
    -1,
    math_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject *PyInit_math(void) noexcept {
    PyObject *module = PyModule_Create(&math_def);
    if (module == nullptr) return nullptr;
    const struct {
        const char *name;
        double value;
    } constants[] = {{"pi", kPi}, {"e", kE}, {"tau", 2.0 * kPi}, {"inf", kInf}, {"nan", kNan}};
    for (const auto &constant : constants) {
        PyObject *value = PyFloat_FromDouble(constant.value);
        if (value == nullptr || PyModule_AddObject(module, constant.name, value) < 0) {
            Py_XDECREF(value);
            Py_DECREF(module);
            return nullptr;
        }
    }
    return module;
}
