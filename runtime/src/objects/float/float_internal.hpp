// float's internals, shared by the float_*.cpp files.
//
// Files: float_object.cpp (making and freeing floats, the free list, PyFloat_AsDouble, start-up
// and shutdown), float_text.cpp (double -> text: repr's shortest digits and
// PyOS_double_to_string), float_parse.cpp (text -> double: PyOS_string_to_double, float(str)),
// float_arith.cpp (the number slots), float_compare.cpp (comparison and hash),
// float_round.cpp (round, floor, ceil, as_integer_ratio), float_hex.cpp (float.hex,
// float.fromhex), float_pack.cpp (PyFloat_Pack/Unpack 2, 4, 8), float_type.cpp (the type
// object, float(), the other methods).
#ifndef MINIPY_FLOAT_INTERNAL_HPP
#define MINIPY_FLOAT_INTERNAL_HPP

#include <cstddef>

#include "minipy/Python.h"

namespace minipy::runtime {

inline double float_value(PyObject *op) noexcept {
    return PyFloat_AS_DOUBLE(op);
}

// --- float_object.cpp -------------------------------------------------------------------------

// tp_dealloc: an exact float goes to the free list when there is room and free lists are on.
void float_dealloc(PyObject *op) noexcept;
// Floats waiting on the free list (for the tests and the benchmarks).
int float_freelist_size() noexcept;
// The free list's rules (the list above float_object.cpp): the count within 0..100 and equal
// to the chain's length, every block on it dead (refcount 0). true, or a fatal report
// (check/check.hpp).
bool float_freelist_is_valid() noexcept;

// --- float_text.cpp --------------------------------------------------------------------------

// The longest text format_float_repr() writes, its NUL included ("-1.2345678901234567e-308"
// is 24 characters).
inline constexpr std::size_t kFloatReprBufferSize = 32;
// repr(v) with Py_DTSF_* flags (SIGN, ADD_DOT_0, ALT, NO_NEG_0), written to buf; returns the
// length. Allocates nothing.
std::size_t format_float_repr(double v, int flags, char *buf) noexcept;
// tp_repr (str(x) is the same text).
PyObject *float_repr(PyObject *v) noexcept;

// --- float_parse.cpp -------------------------------------------------------------------------

// float() of the characters [s, s + len) as they stand in obj (a str converted to ASCII, or
// a bytes), obj being what error messages show.
PyObject *float_from_ascii(const char *s, Py_ssize_t len, PyObject *obj) noexcept;

// --- float_arith.cpp -------------------------------------------------------------------------

extern PyNumberMethods float_as_number;
// int(x): the integer part, truncated (nb_int and __trunc__).
PyObject *float_trunc(PyObject *v) noexcept;
// An exact float of the same value (nb_float; x itself when already exact).
PyObject *float_float(PyObject *v) noexcept;

// --- float_compare.cpp -----------------------------------------------------------------------

PyObject *float_richcompare(PyObject *v, PyObject *w, int op) noexcept;
Py_hash_t float_hash(PyObject *v) noexcept;

// --- float_round.cpp ------------------------------------------------------------------------

// float.__round__(ndigits=None), __floor__(), __ceil__(), as_integer_ratio().
PyObject *float_round(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *float_floor(PyObject *self, PyObject *unused) noexcept;
PyObject *float_ceil(PyObject *self, PyObject *unused) noexcept;
PyObject *float_as_integer_ratio(PyObject *self, PyObject *unused) noexcept;

// --- float_hex.cpp ---------------------------------------------------------------------------

// float.hex() and float.fromhex() (a class method: cls is the type asked for).
PyObject *float_hex(PyObject *self, PyObject *unused) noexcept;
PyObject *float_fromhex(PyObject *cls, PyObject *text) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_FLOAT_INTERNAL_HPP
