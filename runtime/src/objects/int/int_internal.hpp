// int's internals, shared by the int_*.cpp files, bool, and the parts that need more of an
// int than the C API gives (float's exact comparisons use _PyLong_Frexp from longobject.h).
//
// Files: int_object.cpp (allocation, small ints, C and double conversions), int_arith.cpp
// (+ - * and Karatsuba, comparison, hash), int_divide.cpp (Knuth's algorithm D, // % divmod,
// true division), int_pow.cpp, int_bitwise.cpp (shifts, & | ^ ~), int_format.cpp
// (int -> str), int_parse.cpp (str -> int), int_bytes.cpp (to_bytes / from_bytes),
// int_type.cpp (the type object, int(), methods), bool_object.cpp.
//
// Invariants every int result keeps (long_finish() establishes them):
//   - normalized: ob_digit[|ob_size| - 1] != 0, and ob_size == 0 for zero;
//   - every value in [kSmallIntMin, kSmallIntMax] is the shared static object, so a caller
//     can test small ints by identity and never frees one.
// A magnitude is a little-endian array of digits (each < PyLong_BASE) and its length.
#ifndef MINIPY_LONG_INTERNAL_HPP
#define MINIPY_LONG_INTERNAL_HPP

#include <cstddef>
#include <cstdint>

#include "minipy/boolobject.h"
#include "minipy/longobject.h"
#include "minipy/objimpl.h"

namespace minipy::runtime {

inline constexpr int kSmallIntMin = -5;
inline constexpr int kSmallIntMax = 256;

// Products of this many digits or more use Karatsuba (CPython's cutoffs).
inline constexpr Py_ssize_t kKaratsubaCutoff = 70;
inline constexpr Py_ssize_t kKaratsubaSquareCutoff = 2 * kKaratsubaCutoff;

// --- Access ---------------------------------------------------------------------------------

inline PyLongObject *as_long(PyObject *v) noexcept {
    return reinterpret_cast<PyLongObject *>(v);
}
// Number of digits of the magnitude.
inline Py_ssize_t long_ndigits(const PyObject *v) noexcept {
    const Py_ssize_t size = Py_SIZE(v);
    return size < 0 ? -size : size;
}
inline digit *long_digits(PyObject *v) noexcept {
    return as_long(v)->ob_digit;
}
inline const digit *long_digits(const PyObject *v) noexcept {
    return reinterpret_cast<const PyLongObject *>(v)->ob_digit;
}
inline bool long_is_negative(const PyObject *v) noexcept {
    return Py_SIZE(v) < 0;
}
// At most one digit: the value fits in an sdigit and the fast paths apply.
inline bool long_is_compact(const PyObject *v) noexcept {
    const Py_ssize_t size = Py_SIZE(v);
    return size >= -1 && size <= 1;
}
inline sdigit long_compact_value(const PyObject *v) noexcept {
    const Py_ssize_t size = Py_SIZE(v);
    if (size == 0) return 0;
    const sdigit d = static_cast<sdigit>(long_digits(v)[0]);
    return size < 0 ? -d : d;
}

// --- Making ints (int_object.cpp) -----------------------------------------------------------

// The static small int of value v, kSmallIntMin <= v <= kSmallIntMax (borrowed).
PyObject *long_small_int(int v) noexcept;
// ndigits uninitialised digits, ob_size == ndigits; NULL + MemoryError (also when ndigits is
// too large). The same as _PyLong_New.
PyLongObject *long_alloc(Py_ssize_t ndigits) noexcept;
// Strips leading zero digits (keeping the sign), then swaps a small value for the cached
// object. Takes the reference to v and returns the result (NULL if v is NULL).
PyObject *long_finish(PyLongObject *v) noexcept;
// Only the stripping step; keeps the object.
void long_normalize(PyLongObject *v) noexcept;
PyObject *long_from_stwodigits(stwodigits v) noexcept;
PyObject *long_from_magnitude(const digit *mag, Py_ssize_t n, bool negative) noexcept;
// A new exact int equal to -v, or abs(v).
PyObject *long_negate(PyObject *v) noexcept;
PyObject *long_absolute(PyObject *v) noexcept;
// v itself if it is an exact int, else an exact int copy (int subclasses and bool).
PyObject *long_exact(PyObject *v) noexcept;
// tp_dealloc of int (and of its subclasses that add nothing).
void long_dealloc(PyObject *v) noexcept;

// --- Magnitudes (int_arith.cpp, int_bitwise.cpp, int_divide.cpp) --------------------------

// -1, 0, 1 comparing the magnitudes a[0..na) and b[0..nb) (normalized).
int mag_compare(const digit *a, Py_ssize_t na, const digit *b, Py_ssize_t nb) noexcept;
// z[0..m) = a[0..m) << shift (0 <= shift < PyLong_SHIFT); returns the bits shifted out at
// the top. z may be a.
digit mag_lshift(digit *z, const digit *a, Py_ssize_t m, int shift) noexcept;
// z[0..m) = a[0..m) >> shift (0 <= shift < PyLong_SHIFT); returns the bits shifted out at
// the bottom, in the low `shift` bits. z may be a.
digit mag_rshift(digit *z, const digit *a, Py_ssize_t m, int shift) noexcept;
// q[0..n) = a[0..n) / d for 0 < d < PyLong_BASE; returns the remainder. q may be a.
digit mag_divrem1(digit *q, const digit *a, Py_ssize_t n, digit d) noexcept;
// Bits in the magnitude (0 for none).
std::uint64_t mag_bit_length(const digit *a, Py_ssize_t n) noexcept;

// --- Object arithmetic on ints (no type checks; NULL + exception on failure) -----------------

int long_compare(PyObject *a, PyObject *b) noexcept;  // -1, 0, 1
PyObject *long_add_values(PyObject *a, PyObject *b) noexcept;
PyObject *long_sub_values(PyObject *a, PyObject *b) noexcept;
PyObject *long_mul_values(PyObject *a, PyObject *b) noexcept;
// Truncating division: a == q*b + r with sign(r) == sign(a). ZeroDivisionError for b == 0
// ("integer division or modulo by zero"). Either out pointer may be null.
int long_divrem_values(PyObject *a, PyObject *b, PyObject **q, PyObject **r) noexcept;
// Floor division: a == q*b + r with sign(r) == sign(b) (Python's // and %).
int long_divmod_values(PyObject *a, PyObject *b, PyObject **q, PyObject **r) noexcept;
PyObject *long_lshift_bits(PyObject *a, std::size_t shift) noexcept;
PyObject *long_rshift_bits(PyObject *a, std::size_t shift) noexcept;

// --- The slots, defined across the files and gathered in int_type.cpp ---------------------

PyObject *long_add(PyObject *a, PyObject *b) noexcept;
PyObject *long_sub(PyObject *a, PyObject *b) noexcept;
PyObject *long_mul(PyObject *a, PyObject *b) noexcept;
PyObject *long_mod(PyObject *a, PyObject *b) noexcept;
PyObject *long_divmod(PyObject *a, PyObject *b) noexcept;
PyObject *long_floor_div(PyObject *a, PyObject *b) noexcept;
PyObject *long_true_divide(PyObject *a, PyObject *b) noexcept;
PyObject *long_pow(PyObject *a, PyObject *b, PyObject *modulus) noexcept;
PyObject *long_neg(PyObject *v) noexcept;
PyObject *long_pos(PyObject *v) noexcept;
PyObject *long_abs(PyObject *v) noexcept;
int long_bool(PyObject *v) noexcept;
PyObject *long_invert(PyObject *v) noexcept;
PyObject *long_lshift(PyObject *a, PyObject *b) noexcept;
PyObject *long_rshift(PyObject *a, PyObject *b) noexcept;
PyObject *long_and(PyObject *a, PyObject *b) noexcept;
PyObject *long_xor(PyObject *a, PyObject *b) noexcept;
PyObject *long_or(PyObject *a, PyObject *b) noexcept;
PyObject *long_float(PyObject *v) noexcept;
PyObject *long_richcompare(PyObject *a, PyObject *b, int op) noexcept;
Py_hash_t long_hash(PyObject *v) noexcept;
PyObject *long_repr(PyObject *v) noexcept;  // str(v), base 10

// int.to_bytes (a method) and int.from_bytes (a class method), in int_bytes.cpp.
PyObject *long_to_bytes(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames) noexcept;
PyObject *long_from_bytes(PyObject *type, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) noexcept;

// int.bit_length() as a number (size_t is enough: a digit count times 30 fits).
std::size_t long_bit_length(PyObject *v) noexcept;
std::size_t long_bit_count(PyObject *v) noexcept;

// --- int <-> str limit (sys.get_int_max_str_digits / set_int_max_str_digits) ---------------

// 0 means no limit; otherwise at least _PY_LONG_MAX_STR_DIGITS_THRESHOLD.
int long_max_str_digits() noexcept;
// -1 with ValueError for a value that is neither 0 nor >= the threshold.
int long_set_max_str_digits(int maxdigits) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_LONG_INTERNAL_HPP
