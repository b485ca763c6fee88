/* minipy/floatobject.h: float, Python's IEEE 754 double, and the text <-> double
 * conversions (CPython's pystrtod.h API) that float(), repr() and formatting rest on.
 *
 * C-compatible; names, layout and behaviour follow CPython 3.11 (Include/floatobject.h,
 * Include/cpython/floatobject.h, Include/pystrtod.h, Include/pymath.h).
 *
 * A float is a PyObject followed by one double. repr() and str() give the shortest text that
 * reads back as the same double ('r' below): 0.1, 1e+16, 1e-05, inf, nan, -0.0.
 * Arithmetic takes int operands too (converted with PyLong_AsDouble, so an int beyond the
 * double range is OverflowError "int too large to convert to float"); comparisons with ints
 * are exact, however large the int. Freed floats are kept on a free list of at most 100 for
 * reuse, as CPython 3.11 does, unless the runtime was started with use_freelists off.
 *
 * One departure: minipy has no complex type, so a negative float raised to a non-integral
 * power, which CPython answers with a complex, raises ValueError "negative number cannot be
 * raised to a fractional power". */
#ifndef MINIPY_FLOATOBJECT_H
#define MINIPY_FLOATOBJECT_H

#include <math.h>

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* --- pymath.h's constants and tests ------------------------------------------------------ */
#ifndef Py_INFINITY
#define Py_INFINITY ((double)INFINITY)
#endif
#ifndef Py_HUGE_VAL
#define Py_HUGE_VAL HUGE_VAL
#endif
#ifndef Py_NAN
#define Py_NAN ((double)NAN)
#endif
#ifndef Py_IS_NAN
#define Py_IS_NAN(X) isnan(X)
#endif
#ifndef Py_IS_INFINITY
#define Py_IS_INFINITY(X) isinf(X)
#endif
#ifndef Py_IS_FINITE
#define Py_IS_FINITE(X) isfinite(X)
#endif

/* --- The object --------------------------------------------------------------------------- */
typedef struct {
    PyObject_HEAD double ob_fval;
} PyFloatObject;

PyAPI_DATA(PyTypeObject) PyFloat_Type;

#define PyFloat_Check(op)      PyObject_TypeCheck((op), &PyFloat_Type)
#define PyFloat_CheckExact(op) Py_IS_TYPE((op), &PyFloat_Type)
/* The value of a float (no type check). */
#define PyFloat_AS_DOUBLE(op) (((PyFloatObject *)(op))->ob_fval)

#define Py_RETURN_NAN return PyFloat_FromDouble(Py_NAN)
#define Py_RETURN_INF(sign)                          \
    do {                                             \
        if (copysign(1., (sign)) == 1.) {            \
            return PyFloat_FromDouble(Py_HUGE_VAL);  \
        } else {                                     \
            return PyFloat_FromDouble(-Py_HUGE_VAL); \
        }                                            \
    } while (0)

/* DBL_MAX and DBL_MIN (the smallest normal double). */
PyAPI_FUNC(double) PyFloat_GetMax(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(double) PyFloat_GetMin(void) MINIPY_NOEXCEPT;

/* A new float (NULL + MemoryError when memory runs out). */
PyAPI_FUNC(PyObject *) PyFloat_FromDouble(double fval) MINIPY_NOEXCEPT;
/* float(str) of a str, bytes or bytearray: surrounding white space, a sign, decimal digits
 * with single underscores between them, an exponent, or inf / infinity / nan in any case.
 * Anything else is ValueError "could not convert string to float: %R"; another type is
 * TypeError "float() argument must be a string or a real number, not '%.200s'". */
PyAPI_FUNC(PyObject *) PyFloat_FromString(PyObject *str) MINIPY_NOEXCEPT;
/* The value of a float, or of any object with __float__ or __index__ (so an int, exactly
 * rounded); else TypeError "must be real number, not %.50s". -1.0 with an exception set on
 * failure (check PyErr_Occurred()). */
PyAPI_FUNC(double) PyFloat_AsDouble(PyObject *op) MINIPY_NOEXCEPT;

/* --- Bytes <-> double (struct's 'e', 'f', 'd') ---------------------------------------------- */
/* Writes x as IEEE 754 binary16 (2 bytes), binary32 (4) or binary64 (8) to p, little-endian
 * when le is nonzero, else big-endian. 0, or -1 with OverflowError "float too large to pack
 * with e format" (or "f format") when x is finite but beyond the smaller format's range. */
PyAPI_FUNC(int) PyFloat_Pack2(double x, char *p, int le) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyFloat_Pack4(double x, char *p, int le) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyFloat_Pack8(double x, char *p, int le) MINIPY_NOEXCEPT;
/* The double that 2, 4 or 8 bytes at p hold in that layout (never fails here). */
PyAPI_FUNC(double) PyFloat_Unpack2(const char *p, int le) MINIPY_NOEXCEPT;
PyAPI_FUNC(double) PyFloat_Unpack4(const char *p, int le) MINIPY_NOEXCEPT;
PyAPI_FUNC(double) PyFloat_Unpack8(const char *p, int le) MINIPY_NOEXCEPT;

/* --- Text <-> double (CPython's pystrtod.h) ----------------------------------------------- */

/* Parses the longest prefix of s that is a float literal as float() reads it, without
 * white space or underscores, whatever the C locale: optional sign, then digits with an
 * optional '.', an optional exponent; or inf, infinity, nan in any case.
 *  - endptr NULL: all of s must be the number; otherwise ValueError
 *    "could not convert string to float: '%.200s'" and -1.0.
 *  - endptr given: *endptr is where parsing stopped (s itself, with that ValueError, when
 *    no number starts at s).
 *  - an overflowing value is +-inf, or, when overflow_exception is not NULL, that exception
 *    "value too large to convert to float: '%.200s'" and -1.0.
 * Values too small underflow to (signed) zero without error. */
PyAPI_FUNC(double) PyOS_string_to_double(const char *s, char **endptr,
                                         PyObject *overflow_exception) MINIPY_NOEXCEPT;

/* Formats val as printf's %e %E %f %F %g %G with `precision`, or with format_code 'r' as
 * repr() does (precision must be 0): the shortest digits that read back as val, in
 * exponent form when the decimal exponent is below -4 or at least 16. Returns a string from
 * PyMem_Malloc that the caller frees with PyMem_Free, or NULL with MemoryError (or
 * BadInternalCall for an unknown code). flags is a mix of Py_DTSF_*. When type is not NULL
 * it receives Py_DTST_FINITE, Py_DTST_INFINITE or Py_DTST_NAN. Infinity and NaN print as
 * inf / nan (INF / NAN for upper-case codes); a NaN never shows a sign. */
PyAPI_FUNC(char *) PyOS_double_to_string(double val, char format_code, int precision, int flags,
                                         int *type) MINIPY_NOEXCEPT;

#define Py_DTSF_SIGN      0x01 /* always add the sign */
#define Py_DTSF_ADD_DOT_0 0x02 /* "1" becomes "1.0" when there is no '.' or exponent */
#define Py_DTSF_ALT       0x04 /* printf's '#': keep the '.' and trailing zeros */
#define Py_DTSF_NO_NEG_0  0x08 /* a value that rounds to -0 prints as 0 ('z' in a format) */

#define Py_DTST_FINITE   0
#define Py_DTST_INFINITE 1
#define Py_DTST_NAN      2

MINIPY_EXTERN_C_END

#endif /* MINIPY_FLOATOBJECT_H */
