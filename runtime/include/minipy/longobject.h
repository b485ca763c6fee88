/* minipy/longobject.h: int, Python's arbitrary-precision integer.
 *
 * C-compatible; names, layout and rules follow CPython 3.11 (Include/longobject.h,
 * Include/cpython/longintrepr.h, Include/cpython/longobject.h).
 *
 * Representation: a PyVarObject followed by |ob_size| digits of PyLong_SHIFT (30) bits, least
 * significant first, in 32-bit words. The value is sign(ob_size) * sum(ob_digit[i] << 30*i);
 * zero has ob_size == 0 and the top digit of any other value is not zero ("normalized").
 * The ints -5..256 are static objects shared by every result that equals them, never freed.
 *
 * Conversions to C types raise OverflowError when the value does not fit, with CPython's
 * messages. The functions that take "an int" accept any object with __index__ where CPython's
 * do (PyLong_AsLong, AsLongAndOverflow, AsLongLong), and only ints elsewhere.
 *
 * int <-> str: base 10 conversions of more than 4300 digits raise ValueError, as CPython 3.11
 * does by default (sys.set_int_max_str_digits); bases that are powers of two have no limit. */
#ifndef MINIPY_LONGOBJECT_H
#define MINIPY_LONGOBJECT_H

#include <stdint.h>

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* --- Representation ---------------------------------------------------------------------- */
typedef uint32_t digit;
typedef int32_t sdigit;
typedef uint64_t twodigits;
typedef int64_t stwodigits;

#define PyLong_SHIFT 30
#define PyLong_BASE  ((digit)1 << PyLong_SHIFT)
#define PyLong_MASK  ((digit)(PyLong_BASE - 1))
/* Decimal digits held by one base-10**9 word of the int -> str conversion. */
#define _PyLong_DECIMAL_SHIFT 9
#define _PyLong_DECIMAL_BASE  ((digit)1000000000)

struct _longobject {
    PyObject_VAR_HEAD digit ob_digit[1]; /* |ob_size| digits (one word allocated even for zero) */
};
typedef struct _longobject PyLongObject;

PyAPI_DATA(PyTypeObject) PyLong_Type;

#define PyLong_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)

/* The default and the bounds of sys.set_int_max_str_digits(). */
#define _PY_LONG_DEFAULT_MAX_STR_DIGITS   4300
#define _PY_LONG_MAX_STR_DIGITS_THRESHOLD 640
/* sys.get_int_max_str_digits() / sys.set_int_max_str_digits(n): 0 means no limit; setting
 * anything else below the threshold fails with ValueError (-1). */
PyAPI_FUNC(int) minipy_get_int_max_str_digits(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) minipy_set_int_max_str_digits(int maxdigits) MINIPY_NOEXCEPT;

/* --- From C values (new references; NULL + MemoryError when memory runs out) ------------- */
PyAPI_FUNC(PyObject *) PyLong_FromLong(long v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLong(unsigned long v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyLong_FromLongLong(long long v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLongLong(unsigned long long v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyLong_FromSsize_t(Py_ssize_t v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyLong_FromSize_t(size_t v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyLong_FromVoidPtr(void *p) MINIPY_NOEXCEPT;
/* The integer part of v (truncated toward zero). ValueError for a NaN, OverflowError for an
 * infinity. */
PyAPI_FUNC(PyObject *) PyLong_FromDouble(double v) MINIPY_NOEXCEPT;

/* --- From text ---------------------------------------------------------------------------- */
/* Parses a NUL-terminated string as int(str, base) does: base 0 or 2..36, optional
 * surrounding whitespace and sign, a 0x/0o/0b prefix matching the base (base 0 takes the base
 * from it), single underscores between digits. Anything else is ValueError "invalid literal
 * for int() with base %d: %R". If pend is not NULL it receives the position where parsing
 * stopped. */
PyAPI_FUNC(PyObject *) PyLong_FromString(const char *str, char **pend, int base) MINIPY_NOEXCEPT;
/* The same for a str: Unicode decimal digits and white space count as their ASCII ones. */
PyAPI_FUNC(PyObject *) PyLong_FromUnicodeObject(PyObject *u, int base) MINIPY_NOEXCEPT;
/* The same for len bytes (not NUL-terminated), as int(bytes, base) parses them. */
PyAPI_FUNC(PyObject *) _PyLong_FromBytes(const char *s, Py_ssize_t len, int base) MINIPY_NOEXCEPT;

/* --- To C values (-1 with an exception set on failure; check PyErr_Occurred()) ----------- */
PyAPI_FUNC(long) PyLong_AsLong(PyObject *v) MINIPY_NOEXCEPT;
/* Sets *overflow to +1 / -1 (and returns -1, no exception) when v does not fit in a long. */
PyAPI_FUNC(long) PyLong_AsLongAndOverflow(PyObject *v, int *overflow) MINIPY_NOEXCEPT;
PyAPI_FUNC(long long) PyLong_AsLongLong(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(long long) PyLong_AsLongLongAndOverflow(PyObject *v, int *overflow) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyLong_AsInt(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyLong_AsSsize_t(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(size_t) PyLong_AsSize_t(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLong(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLong(PyObject *v) MINIPY_NOEXCEPT;
/* The value modulo 2**64, for any int (or __index__ object); no overflow check. */
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLongMask(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLongMask(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyLong_AsVoidPtr(PyObject *v) MINIPY_NOEXCEPT;
/* Correctly rounded (half to even). OverflowError "int too large to convert to float". */
PyAPI_FUNC(double) PyLong_AsDouble(PyObject *v) MINIPY_NOEXCEPT;

/* --- Helpers CPython exports under these names ----------------------------------------- */
/* -1, 0 or 1. v must be an int. */
PyAPI_FUNC(int) _PyLong_Sign(PyObject *v) MINIPY_NOEXCEPT;
/* Bits in abs(v) (0 for zero); (size_t)-1 with OverflowError if that does not fit. */
PyAPI_FUNC(size_t) _PyLong_NumBits(PyObject *v) MINIPY_NOEXCEPT;
/* x in [0.5, 1) and *e with abs(a) == x * 2***e, x rounded half to even to 53 bits
 * (x == 0.0 and *e == 0 for zero). The sign is dropped. */
PyAPI_FUNC(double) _PyLong_Frexp(PyLongObject *a, Py_ssize_t *e) MINIPY_NOEXCEPT;
/* str(v) in base 2, 8, 10 or 16, with bin()/oct()/hex()'s prefix for 2, 8 and 16. */
PyAPI_FUNC(PyObject *) _PyLong_Format(PyObject *v, int base) MINIPY_NOEXCEPT;
/* A new int with the value of src (which may be a subclass instance). */
PyAPI_FUNC(PyObject *) _PyLong_Copy(PyLongObject *src) MINIPY_NOEXCEPT;
/* An uninitialised int of `size` digits (ob_size == size); the caller fills and normalizes. */
PyAPI_FUNC(PyLongObject *) _PyLong_New(Py_ssize_t size) MINIPY_NOEXCEPT;
/* int.from_bytes / int.to_bytes on a byte buffer. */
PyAPI_FUNC(PyObject *) _PyLong_FromByteArray(const unsigned char *bytes, size_t n,
                                             int little_endian, int is_signed) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyLong_AsByteArray(PyLongObject *v, unsigned char *bytes, size_t n,
                                    int little_endian, int is_signed) MINIPY_NOEXCEPT;
/* a << shift and a >> shift (floor) for a non-negative shift in bits. */
PyAPI_FUNC(PyObject *) _PyLong_Lshift(PyObject *a, size_t shiftby) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) _PyLong_Rshift(PyObject *a, size_t shiftby) MINIPY_NOEXCEPT;
/* (q, r) with a == q*b + r and q the integer nearest a/b, ties to even. */
PyAPI_FUNC(PyObject *) _PyLong_DivmodNear(PyObject *a, PyObject *b) MINIPY_NOEXCEPT;
/* The greatest common divisor, >= 0. */
PyAPI_FUNC(PyObject *) _PyLong_GCD(PyObject *a, PyObject *b) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_LONGOBJECT_H */
