// float's number slots: + - * / // % divmod ** and the unary ones.
//
// Each binary slot receives a float on at least one side; the other side may be an int
// (converted with PyLong_AsDouble, correctly rounded, OverflowError beyond the double range)
// and anything else is NotImplemented, so that the other type gets its turn. Semantics and
// messages are CPython 3.11's (Objects/floatobject.c): // and % follow the sign of the
// divisor, and a zero divisor raises ZeroDivisionError with the operator's own message.
#include <cerrno>
#include <cmath>
#include <cstring>

#include "objects/float/float_internal.hpp"

namespace {

using minipy::runtime::float_value;

enum class Operand { ok, not_implemented, error };

// The double value of a float or int operand.
Operand operand_value(PyObject *obj, double *out) noexcept {
    if (PyFloat_Check(obj)) {
        *out = float_value(obj);
        return Operand::ok;
    }
    if (!PyLong_Check(obj)) return Operand::not_implemented;
    *out = PyLong_AsDouble(obj);
    if (*out == -1.0 && PyErr_Occurred()) return Operand::error;
    return Operand::ok;
}

// Both operands as doubles; false with *result set to NotImplemented (new reference) or to
// NULL (an exception) when they cannot be.
bool operand_values(PyObject *v, PyObject *w, double *a, double *b, PyObject **result) noexcept {
    Operand state = operand_value(v, a);
    if (state == Operand::ok) state = operand_value(w, b);
    if (state == Operand::ok) return true;
    *result = state == Operand::not_implemented ? Py_NewRef(Py_NotImplemented) : nullptr;
    return false;
}

// NOLINTBEGIN(bugprone-macro-parentheses): declares a and b in the caller
#define MINIPY_FLOAT_OPERANDS(v, w, a, b) \
    double a = 0.0;                       \
    double b = 0.0;                       \
    if (PyObject *failed = nullptr; !operand_values(v, w, &a, &b, &failed)) return failed
// NOLINTEND(bugprone-macro-parentheses)

PyObject *float_add(PyObject *v, PyObject *w) noexcept {
    MINIPY_FLOAT_OPERANDS(v, w, a, b);
    return PyFloat_FromDouble(a + b);
}

PyObject *float_sub(PyObject *v, PyObject *w) noexcept {
    MINIPY_FLOAT_OPERANDS(v, w, a, b);
    return PyFloat_FromDouble(a - b);
}

PyObject *float_mul(PyObject *v, PyObject *w) noexcept {
    MINIPY_FLOAT_OPERANDS(v, w, a, b);
    return PyFloat_FromDouble(a * b);
}

PyObject *float_div(PyObject *v, PyObject *w) noexcept {
    MINIPY_FLOAT_OPERANDS(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return nullptr;
    }
    return PyFloat_FromDouble(a / b);
}

// The remainder of a / b with the sign of b (b != 0): fmod's result is exact and carries
// the sign of a, so one addition of b moves it to b's side when the signs differ. A zero
// remainder takes b's sign too.
double python_mod(double a, double b) noexcept {
    double mod = std::fmod(a, b);
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) mod += b;
    } else {
        mod = std::copysign(0.0, b);
    }
    return mod;
}

// floor(a / b) and a % b, computed from fmod so that a == div * b + mod holds as closely as
// doubles allow (CPython's _float_div_mod): (a - mod) / b is nearly an integer, and
// rounding it to the nearest one removes the division's error.
void python_divmod(double a, double b, double *floordiv, double *mod) noexcept {
    double m = std::fmod(a, b);
    double div = (a - m) / b;
    if (m != 0.0) {
        if ((b < 0) != (m < 0)) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = std::copysign(0.0, b);
    }
    if (div != 0.0) {
        double floored = std::floor(div);
        if (div - floored > 0.5) floored += 1.0;
        *floordiv = floored;
    } else {
        *floordiv = std::copysign(0.0, a / b);
    }
    *mod = m;
}

PyObject *float_rem(PyObject *v, PyObject *w) noexcept {
    MINIPY_FLOAT_OPERANDS(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float modulo");
        return nullptr;
    }
    return PyFloat_FromDouble(python_mod(a, b));
}

PyObject *float_floor_div(PyObject *v, PyObject *w) noexcept {
    MINIPY_FLOAT_OPERANDS(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float floor division by zero");
        return nullptr;
    }
    double floordiv = 0.0;
    double mod = 0.0;
    python_divmod(a, b, &floordiv, &mod);
    return PyFloat_FromDouble(floordiv);
}

PyObject *float_divmod(PyObject *v, PyObject *w) noexcept {
    MINIPY_FLOAT_OPERANDS(v, w, a, b);
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float divmod()");
        return nullptr;
    }
    double floordiv = 0.0;
    double mod = 0.0;
    python_divmod(a, b, &floordiv, &mod);
    PyObject *pair = PyTuple_New(2);
    if (pair == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < 2; i++) {
        PyObject *item = PyFloat_FromDouble(i == 0 ? floordiv : mod);
        if (item == nullptr) {
            Py_DECREF(pair);
            return nullptr;
        }
        PyTuple_SET_ITEM(pair, i, item);
    }
    return pair;
}

bool is_odd_integer(double x) noexcept {
    return std::fmod(std::fabs(x), 2.0) == 1.0;
}

// What CPython's PyErr_SetFromErrno(type) raises: type(errno, strerror(errno)).
PyObject *raise_errno_error(PyObject *type, int error) noexcept {
    PyObject *code = PyLong_FromLong(error);
    PyObject *text = code != nullptr ? PyUnicode_FromString(std::strerror(error)) : nullptr;
    PyObject *args = text != nullptr ? PyTuple_New(2) : nullptr;
    if (args == nullptr) {
        Py_XDECREF(code);
        Py_XDECREF(text);
        return nullptr;
    }
    PyTuple_SET_ITEM(args, 0, code);
    PyTuple_SET_ITEM(args, 1, text);
    PyErr_SetObject(type, args);
    Py_DECREF(args);
    return nullptr;
}

// a ** b as CPython 3.11's float_pow: C99's pow() special cases are decided here first
// (libm implementations differ on them), then pow() for finite, nonzero, positive bases.
PyObject *float_pow(PyObject *v, PyObject *w, PyObject *z) noexcept {
    if (z != Py_None) {
        PyErr_SetString(PyExc_TypeError,
                        "pow() 3rd argument not allowed unless all arguments are integers");
        return nullptr;
    }
    MINIPY_FLOAT_OPERANDS(v, w, base, exponent);
    if (exponent == 0.0) return PyFloat_FromDouble(1.0);  // even for a NaN base
    if (std::isnan(base)) return PyFloat_FromDouble(base);
    if (std::isnan(exponent)) return PyFloat_FromDouble(base == 1.0 ? 1.0 : exponent);
    if (std::isinf(exponent)) {
        const double magnitude = std::fabs(base);
        if (magnitude == 1.0) return PyFloat_FromDouble(1.0);
        // |base| > 1 grows without bound toward +inf, |base| < 1 toward -inf; else to 0.
        if ((exponent > 0.0) == (magnitude > 1.0)) return PyFloat_FromDouble(std::fabs(exponent));
        return PyFloat_FromDouble(0.0);
    }
    if (std::isinf(base)) {
        const bool odd = is_odd_integer(exponent);
        if (exponent > 0.0) return PyFloat_FromDouble(odd ? base : std::fabs(base));
        return PyFloat_FromDouble(odd ? std::copysign(0.0, base) : 0.0);
    }
    if (base == 0.0) {
        if (exponent < 0.0) {
            PyErr_SetString(PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return nullptr;
        }
        return PyFloat_FromDouble(is_odd_integer(exponent) ? base : 0.0);
    }
    if (base == 1.0) return PyFloat_FromDouble(1.0);
    bool negate = false;
    if (base < 0.0) {
        if (exponent != std::floor(exponent)) {
            // CPython hands this case to complex; minipy has no complex type.
            PyErr_SetString(PyExc_ValueError,
                            "negative number cannot be raised to a fractional power");
            return nullptr;
        }
        base = -base;
        negate = is_odd_integer(exponent);
    }
    if (base == 1.0) return PyFloat_FromDouble(negate ? -1.0 : 1.0);
    // base is finite and positive, exponent finite: an infinite result is an overflow, and a
    // result that underflows to zero is no error.
    double result = std::pow(base, exponent);
    if (std::isinf(result)) return raise_errno_error(PyExc_OverflowError, ERANGE);
    if (negate) result = -result;
    return PyFloat_FromDouble(result);
}

PyObject *float_neg(PyObject *v) noexcept {
    return PyFloat_FromDouble(-float_value(v));
}

PyObject *float_abs(PyObject *v) noexcept {
    return PyFloat_FromDouble(std::fabs(float_value(v)));
}

int float_bool(PyObject *v) noexcept {
    return float_value(v) != 0.0;
}

}  // namespace

namespace minipy::runtime {

PyObject *float_trunc(PyObject *v) noexcept {
    return PyLong_FromDouble(float_value(v));
}

PyObject *float_float(PyObject *v) noexcept {
    if (PyFloat_CheckExact(v)) return Py_NewRef(v);
    return PyFloat_FromDouble(float_value(v));
}

PyNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_float,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_trunc,
    .nb_float = float_float,
    .nb_floor_divide = float_floor_div,
    .nb_true_divide = float_div,
};

}  // namespace minipy::runtime
