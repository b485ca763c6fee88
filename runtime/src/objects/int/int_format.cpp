// int -> str: repr/str in base 10, and bin/oct/hex text (_PyLong_Format).
//
// Base 10 goes through base 10**9: the magnitude is rebuilt one 30-bit digit at a time, top
// first, as an array of 9-decimal-digit words (z = z * 2**30 + d on that array), which is
// quadratic in the size, as CPython 3.11's. That is why CPython 3.11 refuses a base-10
// conversion of more than sys.get_int_max_str_digits() digits (4300 by default): the check
// runs on a lower bound of the digit count first, so a huge int fails before the quadratic
// work, and on the exact count afterwards. Bases 2, 8 and 16 read bits straight off the
// digits and have no limit.
#include <cstring>

#include "minipy/pyerrors.h"
#include "minipy/unicodeobject.h"
#include "objects/int/int_internal.hpp"

namespace minipy::runtime {
namespace {

int g_max_str_digits = _PY_LONG_DEFAULT_MAX_STR_DIGITS;

void raise_too_many_digits() noexcept {
    PyErr_Format(PyExc_ValueError,
                 "Exceeds the limit (%d digits) for integer string conversion; "
                 "use sys.set_int_max_str_digits() to increase the limit",
                 g_max_str_digits);
}

// A new ASCII str of `length` characters whose bytes the caller writes.
PyObject *new_ascii(Py_ssize_t length, char *&data) noexcept {
    PyObject *text = PyUnicode_New(length, 127);
    if (text != nullptr) data = reinterpret_cast<char *>(PyUnicode_1BYTE_DATA(text));
    return text;
}

PyObject *to_decimal(PyObject *v) noexcept {
    const Py_ssize_t size = long_ndigits(v);
    const bool negative = long_is_negative(v);
    const std::uint64_t bits = mag_bit_length(long_digits(v), size);
    if (g_max_str_digits > 0 && bits > 1) {
        // 2**(bits - 1) <= |v| has floor((bits - 1) * log10(2)) + 1 digits; 0.30102 is just
        // below log10(2), so this never overstates.
        const std::uint64_t at_least = (bits - 1) * 30102 / 100000 + 1;
        if (at_least > static_cast<std::uint64_t>(g_max_str_digits)) {
            raise_too_many_digits();
            return nullptr;
        }
    }
    // 10**9 > 2**29.89, so a word holds more than 29 bits: size * 30 / 29 + 2 words suffice.
    const Py_ssize_t capacity = size * PyLong_SHIFT / (PyLong_SHIFT - 1) + 2;
    digit *words =
        static_cast<digit *>(PyMem_Malloc(sizeof(digit) * static_cast<std::size_t>(capacity)));
    if (words == nullptr) return PyErr_NoMemory();
    Py_ssize_t nwords = 0;
    const digit *d = long_digits(v);
    for (Py_ssize_t i = size; --i >= 0;) {
        digit carry = d[i];
        for (Py_ssize_t j = 0; j < nwords; ++j) {
            const twodigits z = (static_cast<twodigits>(words[j]) << PyLong_SHIFT) | carry;
            carry = static_cast<digit>(z / _PyLong_DECIMAL_BASE);
            words[j] = static_cast<digit>(z - static_cast<twodigits>(carry) * _PyLong_DECIMAL_BASE);
        }
        while (carry != 0) {
            words[nwords++] = carry % _PyLong_DECIMAL_BASE;
            carry /= _PyLong_DECIMAL_BASE;
        }
    }
    if (nwords == 0) words[nwords++] = 0;
    // Digits: 9 per word below the top one, plus the top word's own.
    Py_ssize_t ndigits = (nwords - 1) * _PyLong_DECIMAL_SHIFT;
    for (digit top = words[nwords - 1];; top /= 10) {
        ++ndigits;
        if (top < 10) break;
    }
    if (g_max_str_digits > 0 && ndigits > g_max_str_digits) {
        PyMem_Free(words);
        raise_too_many_digits();
        return nullptr;
    }
    char *out;
    PyObject *text = new_ascii(ndigits + (negative ? 1 : 0), out);
    if (text == nullptr) {
        PyMem_Free(words);
        return nullptr;
    }
    char *p = out + ndigits + (negative ? 1 : 0);
    for (Py_ssize_t j = 0; j < nwords - 1; ++j) {
        digit word = words[j];
        for (int k = 0; k < _PyLong_DECIMAL_SHIFT; ++k) {
            *--p = static_cast<char>('0' + word % 10);
            word /= 10;
        }
    }
    for (digit top = words[nwords - 1];; top /= 10) {
        *--p = static_cast<char>('0' + top % 10);
        if (top < 10) break;
    }
    if (negative) *--p = '-';
    PyMem_Free(words);
    return text;
}

// Bases 2, 8, 16: bits_per_char of the magnitude per character, with the prefix.
PyObject *to_power_of_two_base(PyObject *v, int bits_per_char, char prefix) noexcept {
    const Py_ssize_t size = long_ndigits(v);
    const bool negative = long_is_negative(v);
    const std::uint64_t bits = mag_bit_length(long_digits(v), size);
    const std::uint64_t nchars = bits == 0 ? 1 : (bits + bits_per_char - 1) / bits_per_char;
    const Py_ssize_t length = static_cast<Py_ssize_t>(nchars) + 2 + (negative ? 1 : 0);
    char *out;
    PyObject *text = new_ascii(length, out);
    if (text == nullptr) return nullptr;
    static constexpr char kDigits[] = "0123456789abcdef";
    char *p = out + length;
    const digit *d = long_digits(v);
    const digit mask = (digit{1} << bits_per_char) - 1;
    twodigits acc = 0;
    int acc_bits = 0;
    Py_ssize_t i = 0;
    for (std::uint64_t written = 0; written < nchars; ++written) {
        if (acc_bits < bits_per_char && i < size) {
            acc |= static_cast<twodigits>(d[i++]) << acc_bits;
            acc_bits += PyLong_SHIFT;
        }
        *--p = kDigits[acc & mask];
        acc >>= bits_per_char;
        acc_bits -= bits_per_char;
    }
    *--p = prefix;
    *--p = '0';
    if (negative) *--p = '-';
    return text;
}

}  // namespace

PyObject *long_repr(PyObject *v) noexcept {
    if (long_is_compact(v)) {
        // The common case, without the word array.
        char buffer[16];
        sdigit value = long_compact_value(v);
        const bool negative = value < 0;
        digit magnitude = static_cast<digit>(negative ? -value : value);
        char *p = buffer + sizeof buffer;
        do {
            *--p = static_cast<char>('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude != 0);
        if (negative) *--p = '-';
        char *out;
        const Py_ssize_t length = buffer + sizeof buffer - p;
        PyObject *text = new_ascii(length, out);
        if (text != nullptr) std::memcpy(out, p, static_cast<std::size_t>(length));
        return text;
    }
    return to_decimal(v);
}

int long_max_str_digits() noexcept {
    return g_max_str_digits;
}

int long_set_max_str_digits(int maxdigits) noexcept {
    if (maxdigits != 0 && maxdigits < _PY_LONG_MAX_STR_DIGITS_THRESHOLD) {
        PyErr_Format(PyExc_ValueError, "maxdigits must be 0 or larger than %d",
                     _PY_LONG_MAX_STR_DIGITS_THRESHOLD);
        return -1;
    }
    g_max_str_digits = maxdigits;
    return 0;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" int minipy_get_int_max_str_digits(void) noexcept {
    return long_max_str_digits();
}

extern "C" int minipy_set_int_max_str_digits(int maxdigits) noexcept {
    return long_set_max_str_digits(maxdigits);
}

extern "C" PyObject *_PyLong_Format(PyObject *v, int base) noexcept {
    if (v == nullptr || !PyLong_Check(v)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    switch (base) {
    case 10: return long_repr(v);
    case 2: return to_power_of_two_base(v, 1, 'b');
    case 8: return to_power_of_two_base(v, 3, 'o');
    case 16: return to_power_of_two_base(v, 4, 'x');
    default: PyErr_BadInternalCall(); return nullptr;
    }
}
