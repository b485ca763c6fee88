// int: allocation, the small-int cache, and conversions between ints and C numbers.
//
// Owns _PyLong_New and the normalizing step every other int_*.cpp file ends with
// (long_finish), the static objects -5..256, and the PyLong_From*/As* family including the
// double conversions. Arithmetic lives in int_arith.cpp and its neighbours; see
// int_internal.hpp for the map.
//
// Small ints: one static array, initialised at compile time, whose objects start with a
// reference count of 1 (the table's own) and are never freed; dropping the last reference
// to one is a reference-count bug elsewhere and ends the process with a fatal error.
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <type_traits>

#include "minipy/pyerrors.h"
#include "minipy/pylifecycle.h"
#include "objects/int/int_internal.hpp"
#include "objects/type/object_header_init.hpp"

namespace minipy::runtime {
namespace {

constexpr int kSmallIntCount = kSmallIntMax - kSmallIntMin + 1;

struct SmallIntTable {
    PyLongObject items[kSmallIntCount];
};

constexpr SmallIntTable make_small_ints() noexcept {
    SmallIntTable table{};
    for (int i = 0; i < kSmallIntCount; ++i) {
        const int value = i + kSmallIntMin;
        PyLongObject &item = table.items[i];
        item.ob_base.ob_base.ob_refcnt = 1;
        item.ob_base.ob_base.ob_type = &PyLong_Type;
        item.ob_base.ob_size = value < 0 ? -1 : (value > 0 ? 1 : 0);
        item.ob_digit[0] = static_cast<digit>(value < 0 ? -value : value);
    }
    return table;
}

constinit SmallIntTable g_small_ints = make_small_ints();

// The most digits an int may have: its byte size must fit in a Py_ssize_t.
constexpr Py_ssize_t kMaxDigits =
    (PY_SSIZE_T_MAX - static_cast<Py_ssize_t>(offsetof(PyLongObject, ob_digit))) /
    static_cast<Py_ssize_t>(sizeof(digit));

template <typename Unsigned>
PyObject *long_from_unsigned(Unsigned magnitude, bool negative) noexcept {
    if (magnitude <= static_cast<Unsigned>(kSmallIntMax)) {
        const int v = static_cast<int>(magnitude);
        if (!negative) return Py_NewRef(long_small_int(v));
        if (v <= -kSmallIntMin) return Py_NewRef(long_small_int(-v));
    }
    if (magnitude <= static_cast<Unsigned>(PyLong_MASK)) {
        // One digit, the common case after the cache (CPython's "medium" ints): no loops.
        PyLongObject *v = long_alloc(1);
        if (v == nullptr) return nullptr;
        v->ob_digit[0] = static_cast<digit>(magnitude);
        if (negative) Py_SET_SIZE(v, -1);
        return reinterpret_cast<PyObject *>(v);
    }
    Py_ssize_t ndigits = 0;
    for (Unsigned t = magnitude; t != 0; t >>= PyLong_SHIFT) ++ndigits;
    PyLongObject *v = long_alloc(ndigits);
    if (v == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < ndigits; ++i) {
        v->ob_digit[i] = static_cast<digit>(magnitude & PyLong_MASK);
        magnitude >>= PyLong_SHIFT;
    }
    if (negative) Py_SET_SIZE(v, -ndigits);
    return reinterpret_cast<PyObject *>(v);
}

template <typename Signed>
PyObject *long_from_signed(Signed v) noexcept {
    using Unsigned = std::make_unsigned_t<Signed>;
    // Negating in the unsigned type is exact for the most negative value too.
    const Unsigned magnitude =
        v < 0 ? Unsigned(0) - static_cast<Unsigned>(v) : static_cast<Unsigned>(v);
    return long_from_unsigned(magnitude, v < 0);
}

// The int that `v` stands for: a new reference to v itself or to the result of __index__.
// TypeError when v has no __index__ (or it returned something else than an int).
PyObject *index_value(PyObject *v) noexcept {
    if (v == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (PyLong_Check(v)) return Py_NewRef(v);
    PyNumberMethods *nb = Py_TYPE(v)->tp_as_number;
    if (nb == nullptr || nb->nb_index == nullptr) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                     Py_TYPE(v)->tp_name);
        return nullptr;
    }
    PyObject *result = nb->nb_index(v);
    if (result == nullptr || PyLong_Check(result)) return result;
    PyErr_Format(PyExc_TypeError, "__index__ returned non-int (type %.200s)",
                 Py_TYPE(result)->tp_name);
    Py_DECREF(result);
    return nullptr;
}

// abs(v) as an unsigned 64-bit number; false when it needs more bits.
bool magnitude_u64(const PyObject *v, unsigned long long &out) noexcept {
    const digit *d = long_digits(v);
    unsigned long long x = 0;
    for (Py_ssize_t i = long_ndigits(v); --i >= 0;) {
        if (x >> (64 - PyLong_SHIFT) != 0) return false;
        x = (x << PyLong_SHIFT) | d[i];
    }
    out = x;
    return true;
}

// Signed conversion of an int (not an __index__ object): 0 and the value, or +1 / -1 when
// it does not fit in Signed.
template <typename Signed>
int signed_value(const PyObject *v, Signed &out) noexcept {
    using Unsigned = std::make_unsigned_t<Signed>;
    static_assert(sizeof(Unsigned) <= sizeof(unsigned long long));
    unsigned long long magnitude;
    const bool negative = long_is_negative(v);
    const unsigned long long limit =
        static_cast<unsigned long long>(static_cast<Unsigned>(~Unsigned(0)) >> 1) +
        (negative ? 1 : 0);
    if (!magnitude_u64(v, magnitude) || magnitude > limit) return negative ? -1 : 1;
    out = negative ? static_cast<Signed>(Unsigned(0) - static_cast<Unsigned>(magnitude))
                   : static_cast<Signed>(magnitude);
    return 0;
}

// AsLongAndOverflow for any signed type: accepts __index__ objects.
template <typename Signed>
Signed as_signed_and_overflow(PyObject *obj, int *overflow) noexcept {
    *overflow = 0;
    PyObject *v = index_value(obj);
    if (v == nullptr) return -1;
    Signed result = -1;
    const int status = signed_value(v, result);
    Py_DECREF(v);
    if (status != 0) {
        *overflow = status;
        return -1;
    }
    return result;
}

template <typename Signed>
Signed as_signed(PyObject *obj, const char *overflow_message) noexcept {
    int overflow;
    const Signed result = as_signed_and_overflow<Signed>(obj, &overflow);
    if (overflow != 0) PyErr_SetString(PyExc_OverflowError, overflow_message);
    return result;
}

// Unsigned conversion of an int only (CPython's rule for these), with its messages.
template <typename Unsigned>
Unsigned as_unsigned(PyObject *v, const char *negative_message,
                     const char *overflow_message) noexcept {
    if (v == nullptr) {
        PyErr_BadInternalCall();
        return static_cast<Unsigned>(-1);
    }
    if (!PyLong_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return static_cast<Unsigned>(-1);
    }
    if (long_is_negative(v)) {
        PyErr_SetString(PyExc_OverflowError, negative_message);
        return static_cast<Unsigned>(-1);
    }
    unsigned long long magnitude;
    if (!magnitude_u64(v, magnitude) ||
        magnitude > static_cast<unsigned long long>(static_cast<Unsigned>(-1))) {
        PyErr_SetString(PyExc_OverflowError, overflow_message);
        return static_cast<Unsigned>(-1);
    }
    return static_cast<Unsigned>(magnitude);
}

// The value modulo 2**64 of an int or __index__ object.
unsigned long long as_mask(PyObject *obj) noexcept {
    PyObject *v = index_value(obj);
    if (v == nullptr) return static_cast<unsigned long long>(-1);
    const digit *d = long_digits(v);
    unsigned long long x = 0;
    for (Py_ssize_t i = long_ndigits(v); --i >= 0;) x = (x << PyLong_SHIFT) | d[i];
    if (long_is_negative(v)) x = 0ULL - x;
    Py_DECREF(v);
    return x;
}

// Bits [bitpos, bitpos + count) of a magnitude, count <= 64.
std::uint64_t extract_bits(const digit *a, Py_ssize_t n, std::uint64_t bitpos, int count) noexcept {
    std::uint64_t result = 0;
    int filled = 0;
    Py_ssize_t index = static_cast<Py_ssize_t>(bitpos / PyLong_SHIFT);
    int offset = static_cast<int>(bitpos % PyLong_SHIFT);
    while (filled < count && index < n) {
        const std::uint64_t chunk = a[index] >> offset;
        result |= chunk << filled;
        filled += PyLong_SHIFT - offset;
        offset = 0;
        ++index;
    }
    return count >= 64 ? result : result & ((std::uint64_t{1} << count) - 1);
}

// Whether any of the bits below bitpos is set.
bool any_bits_below(const digit *a, std::uint64_t bitpos) noexcept {
    const Py_ssize_t full = static_cast<Py_ssize_t>(bitpos / PyLong_SHIFT);
    for (Py_ssize_t i = 0; i < full; ++i)
        if (a[i] != 0) return true;
    const int rest = static_cast<int>(bitpos % PyLong_SHIFT);
    return rest != 0 && (a[full] & ((digit{1} << rest) - 1)) != 0;
}

}  // namespace

// --- Making ints ----------------------------------------------------------------------------

PyObject *long_small_int(int v) noexcept {
    return reinterpret_cast<PyObject *>(&g_small_ints.items[v - kSmallIntMin]);
}

PyLongObject *long_alloc(Py_ssize_t ndigits) noexcept {
    if (ndigits > kMaxDigits) {
        PyErr_SetString(PyExc_OverflowError, "too many digits in integer");
        return nullptr;
    }
    // One digit even for zero, so ob_digit[0] may always be read.
    const std::size_t bytes = offsetof(PyLongObject, ob_digit) +
                              sizeof(digit) * static_cast<std::size_t>(ndigits > 0 ? ndigits : 1);
    void *memory = PyObject_Malloc(bytes);
    if (memory == nullptr) return reinterpret_cast<PyLongObject *>(PyErr_NoMemory());
    return reinterpret_cast<PyLongObject *>(
        init_var_object_header(static_cast<PyVarObject *>(memory), &PyLong_Type, ndigits));
}

void long_normalize(PyLongObject *v) noexcept {
    Py_ssize_t n = long_ndigits(reinterpret_cast<PyObject *>(v));
    while (n > 0 && v->ob_digit[n - 1] == 0) --n;
    Py_SET_SIZE(v, Py_SIZE(v) < 0 ? -n : n);
}

PyObject *long_finish(PyLongObject *v) noexcept {
    if (v == nullptr) return nullptr;
    long_normalize(v);
    PyObject *obj = reinterpret_cast<PyObject *>(v);
    if (long_is_compact(obj) && Py_IS_TYPE(obj, &PyLong_Type)) {
        const sdigit value = long_compact_value(obj);
        if (value >= kSmallIntMin && value <= kSmallIntMax) {
            Py_DECREF(obj);
            return Py_NewRef(long_small_int(value));
        }
    }
    return obj;
}

PyObject *long_from_stwodigits(stwodigits v) noexcept {
    return long_from_signed<long long>(v);
}

PyObject *long_from_magnitude(const digit *mag, Py_ssize_t n, bool negative) noexcept {
    while (n > 0 && mag[n - 1] == 0) --n;
    PyLongObject *v = long_alloc(n);
    if (v == nullptr) return nullptr;
    if (n > 0) std::memcpy(v->ob_digit, mag, sizeof(digit) * static_cast<std::size_t>(n));
    if (negative) Py_SET_SIZE(v, -n);
    return long_finish(v);
}

PyObject *long_negate(PyObject *v) noexcept {
    if (long_is_compact(v))
        return long_from_stwodigits(-static_cast<stwodigits>(long_compact_value(v)));
    return long_from_magnitude(long_digits(v), long_ndigits(v), !long_is_negative(v));
}

PyObject *long_absolute(PyObject *v) noexcept {
    if (!long_is_negative(v)) return long_exact(v);
    return long_negate(v);
}

PyObject *long_exact(PyObject *v) noexcept {
    if (PyLong_CheckExact(v)) return Py_NewRef(v);
    return _PyLong_Copy(as_long(v));
}

// Ints die here; the static ones never should.
void long_dealloc(PyObject *v) noexcept {
    const auto *first = reinterpret_cast<const char *>(&g_small_ints.items[0]);
    const auto *end = reinterpret_cast<const char *>(&g_small_ints.items[kSmallIntCount]);
    const auto *self = reinterpret_cast<const char *>(v);
    if (self >= first && self < end)
        Py_FatalError("deallocating a small int (a reference was dropped twice)");
    Py_TYPE(v)->tp_free(v);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

// --- C API: from C numbers ------------------------------------------------------------------

extern "C" PyLongObject *_PyLong_New(Py_ssize_t size) noexcept {
    return long_alloc(size);
}

extern "C" PyObject *_PyLong_Copy(PyLongObject *src) noexcept {
    PyObject *obj = reinterpret_cast<PyObject *>(src);
    return long_from_magnitude(src->ob_digit, long_ndigits(obj), long_is_negative(obj));
}

extern "C" PyObject *PyLong_FromLong(long v) noexcept {
    if (v >= kSmallIntMin && v <= kSmallIntMax)
        return Py_NewRef(long_small_int(static_cast<int>(v)));
    return long_from_signed(v);
}
extern "C" PyObject *PyLong_FromUnsignedLong(unsigned long v) noexcept {
    return long_from_unsigned(v, false);
}
extern "C" PyObject *PyLong_FromLongLong(long long v) noexcept {
    return long_from_signed(v);
}
extern "C" PyObject *PyLong_FromUnsignedLongLong(unsigned long long v) noexcept {
    return long_from_unsigned(v, false);
}
extern "C" PyObject *PyLong_FromSsize_t(Py_ssize_t v) noexcept {
    return long_from_signed(v);
}
extern "C" PyObject *PyLong_FromSize_t(size_t v) noexcept {
    return long_from_unsigned(v, false);
}
extern "C" PyObject *PyLong_FromVoidPtr(void *p) noexcept {
    return long_from_unsigned(reinterpret_cast<std::uintptr_t>(p), false);
}

extern "C" PyObject *PyLong_FromDouble(double v) noexcept {
    // Every double below 2**63 in magnitude truncates to a long exactly.
    constexpr double kLongBound = 9223372036854775808.0;
    if (-kLongBound < v && v < kLongBound) return PyLong_FromLong(static_cast<long>(v));
    if (std::isnan(v)) {
        PyErr_SetString(PyExc_ValueError, "cannot convert float NaN to integer");
        return nullptr;
    }
    if (std::isinf(v)) {
        PyErr_SetString(PyExc_OverflowError, "cannot convert float infinity to integer");
        return nullptr;
    }
    // |v| >= 2**63 is an integer: peel off PyLong_SHIFT bits at a time from the top, each
    // step exact because the fraction never has more than 53 significant bits.
    int exponent;
    double fraction = std::frexp(std::fabs(v), &exponent);  // |v| = fraction * 2**exponent
    const Py_ssize_t ndigits = (exponent - 1) / PyLong_SHIFT + 1;
    PyLongObject *result = long_alloc(ndigits);
    if (result == nullptr) return nullptr;
    fraction = std::ldexp(fraction, (exponent - 1) % PyLong_SHIFT + 1);
    for (Py_ssize_t i = ndigits; --i >= 0;) {
        const digit bits = static_cast<digit>(fraction);
        result->ob_digit[i] = bits;
        fraction = std::ldexp(fraction - static_cast<double>(bits), PyLong_SHIFT);
    }
    if (v < 0) Py_SET_SIZE(result, -ndigits);
    return long_finish(result);
}

// --- C API: to C numbers ---------------------------------------------------------------------

extern "C" long PyLong_AsLongAndOverflow(PyObject *v, int *overflow) noexcept {
    return as_signed_and_overflow<long>(v, overflow);
}
extern "C" long long PyLong_AsLongLongAndOverflow(PyObject *v, int *overflow) noexcept {
    return as_signed_and_overflow<long long>(v, overflow);
}
extern "C" long PyLong_AsLong(PyObject *v) noexcept {
    if (v != nullptr && PyLong_CheckExact(v) && long_is_compact(v)) return long_compact_value(v);
    return as_signed<long>(v, "Python int too large to convert to C long");
}
extern "C" long long PyLong_AsLongLong(PyObject *v) noexcept {
    return as_signed<long long>(v, "int too big to convert");
}
extern "C" int _PyLong_AsInt(PyObject *v) noexcept {
    int overflow;
    const long result = PyLong_AsLongAndOverflow(v, &overflow);
    if (overflow != 0 || result > INT_MAX || result < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    return static_cast<int>(result);
}

extern "C" Py_ssize_t PyLong_AsSsize_t(PyObject *v) noexcept {
    if (v == nullptr) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (!PyLong_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return -1;
    }
    if (long_is_compact(v)) return long_compact_value(v);
    Py_ssize_t result;
    if (signed_value(v, result) != 0) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return result;
}

extern "C" size_t PyLong_AsSize_t(PyObject *v) noexcept {
    return as_unsigned<size_t>(v, "can't convert negative value to size_t",
                               "Python int too large to convert to C size_t");
}
extern "C" unsigned long PyLong_AsUnsignedLong(PyObject *v) noexcept {
    return as_unsigned<unsigned long>(v, "can't convert negative value to unsigned int",
                                      "Python int too large to convert to C unsigned long");
}
extern "C" unsigned long long PyLong_AsUnsignedLongLong(PyObject *v) noexcept {
    return as_unsigned<unsigned long long>(v, "can't convert negative int to unsigned",
                                           "int too big to convert");
}
extern "C" unsigned long PyLong_AsUnsignedLongMask(PyObject *v) noexcept {
    return static_cast<unsigned long>(as_mask(v));
}
extern "C" unsigned long long PyLong_AsUnsignedLongLongMask(PyObject *v) noexcept {
    return as_mask(v);
}

extern "C" void *PyLong_AsVoidPtr(PyObject *v) noexcept {
    if (v != nullptr && PyLong_Check(v) && long_is_negative(v)) {
        const long x = PyLong_AsLong(v);
        if (x == -1 && PyErr_Occurred()) return nullptr;
        return reinterpret_cast<void *>(x);
    }
    const unsigned long x = PyLong_AsUnsignedLong(v);
    if (x == static_cast<unsigned long>(-1) && PyErr_Occurred()) return nullptr;
    return reinterpret_cast<void *>(x);
}

// --- Doubles ----------------------------------------------------------------------------------

extern "C" double _PyLong_Frexp(PyLongObject *a, Py_ssize_t *e) noexcept {
    PyObject *obj = reinterpret_cast<PyObject *>(a);
    const Py_ssize_t n = long_ndigits(obj);
    const digit *d = a->ob_digit;
    const std::uint64_t bits = mag_bit_length(d, n);
    if (bits == 0) {
        *e = 0;
        return 0.0;
    }
    std::uint64_t mantissa;
    if (bits <= DBL_MANT_DIG) {
        mantissa = extract_bits(d, n, 0, static_cast<int>(bits));  // exact
        *e = static_cast<Py_ssize_t>(bits);
        return std::ldexp(static_cast<double>(mantissa), -static_cast<int>(bits));
    }
    // Keep DBL_MANT_DIG + 2 bits: the rounding bit, and one below it that, or-ed with every
    // bit further down ("sticky"), says whether the rest is above or exactly at a half.
    constexpr int kKept = DBL_MANT_DIG + 2;
    if (bits <= kKept) {
        mantissa = extract_bits(d, n, 0, static_cast<int>(bits)) << (kKept - bits);
    } else {
        const std::uint64_t low = bits - kKept;
        mantissa = extract_bits(d, n, low, kKept);
        if (any_bits_below(d, low)) mantissa |= 1;
    }
    const std::uint64_t guard = mantissa & 3;
    mantissa >>= 2;
    if ((guard & 2) != 0 && ((guard & 1) != 0 || (mantissa & 1) != 0)) ++mantissa;
    *e = static_cast<Py_ssize_t>(bits);
    // A carry out of the top (mantissa == 2**53) makes x == 1.0: renormalize.
    double x = std::ldexp(static_cast<double>(mantissa), -DBL_MANT_DIG);
    if (x == 1.0) {
        x = 0.5;
        *e += 1;
    }
    return x;
}

extern "C" double PyLong_AsDouble(PyObject *v) noexcept {
    if (v == nullptr) {
        PyErr_BadInternalCall();
        return -1.0;
    }
    if (!PyLong_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return -1.0;
    }
    if (long_is_compact(v)) return static_cast<double>(long_compact_value(v));
    Py_ssize_t exponent;
    const double x = _PyLong_Frexp(as_long(v), &exponent);
    if (exponent > DBL_MAX_EXP) {
        PyErr_SetString(PyExc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return std::ldexp(long_is_negative(v) ? -x : x, static_cast<int>(exponent));
}

// --- Size and sign ----------------------------------------------------------------------------

extern "C" int _PyLong_Sign(PyObject *v) noexcept {
    const Py_ssize_t size = Py_SIZE(v);
    return size == 0 ? 0 : (size < 0 ? -1 : 1);
}

extern "C" size_t _PyLong_NumBits(PyObject *v) noexcept {
    const std::uint64_t bits = mag_bit_length(long_digits(v), long_ndigits(v));
    if (bits > static_cast<std::uint64_t>(PY_SSIZE_T_MAX)) {
        PyErr_SetString(PyExc_OverflowError,
                        "int has too many bits to express in a platform size_t");
        return static_cast<size_t>(-1);
    }
    return static_cast<size_t>(bits);
}
