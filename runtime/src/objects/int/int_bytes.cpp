// int <-> bytes: _PyLong_AsByteArray / _PyLong_FromByteArray and the methods built on them,
// int.to_bytes(length=1, byteorder='big', *, signed=False) and the class method
// int.from_bytes(bytes, byteorder='big', *, signed=False), with 3.11's argument rules.
//
// Negative ints are written and read in two's complement. A value fits in n bytes when its
// two's complement form needs at most 8n bits: bit_length(v) for unsigned, bit_length(v) + 1
// for signed non-negative, and bit_length(-v - 1) + 1 for negative v.
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/abstract.h"
#include "minipy/bytesobject.h"
#include "minipy/dictobject.h"
#include "minipy/pyerrors.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/int/int_internal.hpp"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

// 1 for 'little', 0 for 'big' (the default when absent), -1 with an exception. The type was
// checked when the arguments were converted.
int parse_byteorder(PyObject *byteorder) noexcept {
    if (byteorder == nullptr) return 0;
    if (unicode_equal_to_ascii(byteorder, "little")) return 1;
    if (unicode_equal_to_ascii(byteorder, "big")) return 0;
    PyErr_SetString(PyExc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

// The arguments of to_bytes / from_bytes converted, in CPython's order: the first (length, or
// the bytes object left as it is), byteorder (a str), signed (its truth).
struct BytesArguments {
    PyObject *first = nullptr;
    PyObject *byteorder = nullptr;
    int is_signed = 0;
};

bool convert_bytes_arguments(const args::KeywordParser &parser, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames, BytesArguments *out) noexcept {
    PyObject *values[3];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, parser, values)) return false;
    out->first = values[0];
    if (values[1] != nullptr) {
        if (!PyUnicode_Check(values[1])) {
            args::bad_argument(parser.fname, "argument 'byteorder'", "str", values[1]);
            return false;
        }
        out->byteorder = values[1];
    }
    if (values[2] != nullptr) {
        out->is_signed = PyObject_IsTrue(values[2]);
        if (out->is_signed < 0) return false;
    }
    return true;
}

// Bits the two's complement form of v needs (without the sign bit for unsigned).
std::uint64_t twos_complement_bits(PyObject *v, bool is_signed) noexcept {
    const digit *d = long_digits(v);
    const Py_ssize_t n = long_ndigits(v);
    std::uint64_t bits = mag_bit_length(d, n);
    if (!is_signed || bits == 0) return bits;
    if (long_is_negative(v)) {
        // bit_length(|v| - 1): one less than bit_length(|v|) exactly when |v| is a power of two.
        bool power_of_two = (d[n - 1] & (d[n - 1] - 1)) == 0;
        for (Py_ssize_t i = 0; power_of_two && i < n - 1; ++i) power_of_two = d[i] == 0;
        if (power_of_two) --bits;
    }
    return bits + 1;
}

}  // namespace

// to_bytes(length=1, byteorder='big', *, signed=False)
PyObject *long_to_bytes(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"length", "byteorder", "signed", nullptr};
    static constexpr args::KeywordParser kParser{"to_bytes", kKeywords, 0, 2};
    BytesArguments a;
    if (!convert_bytes_arguments(kParser, args, nargs, kwnames, &a)) return nullptr;
    Py_ssize_t length = 1;
    if (a.first != nullptr && !args::ssize_argument(a.first, &length)) return nullptr;
    const int little = parse_byteorder(a.byteorder);
    if (little < 0) return nullptr;
    if (length < 0) {
        PyErr_SetString(PyExc_ValueError, "length argument must be non-negative");
        return nullptr;
    }
    PyObject *bytes = PyBytes_FromStringAndSize(nullptr, length);
    if (bytes == nullptr) return nullptr;
    if (_PyLong_AsByteArray(as_long(self),
                            reinterpret_cast<unsigned char *>(PyBytes_AS_STRING(bytes)),
                            static_cast<size_t>(length), little, a.is_signed) < 0) {
        Py_DECREF(bytes);
        return nullptr;
    }
    return bytes;
}

// from_bytes(bytes, byteorder='big', *, signed=False), a class method
PyObject *long_from_bytes(PyObject *type, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"bytes", "byteorder", "signed", nullptr};
    static constexpr args::KeywordParser kParser{"from_bytes", kKeywords, 1, 2};
    BytesArguments a;
    if (!convert_bytes_arguments(kParser, args, nargs, kwnames, &a)) return nullptr;
    const int little = parse_byteorder(a.byteorder);
    if (little < 0) return nullptr;
    PyObject *bytes = PyBytes_FromObject(a.first);
    if (bytes == nullptr) return nullptr;
    PyObject *result =
        _PyLong_FromByteArray(reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(bytes)),
                              static_cast<size_t>(PyBytes_GET_SIZE(bytes)), little, a.is_signed);
    Py_DECREF(bytes);
    // A subclass gets its own instance, made by calling it with the int (CPython's rule).
    if (result != nullptr && type != reinterpret_cast<PyObject *>(&PyLong_Type))
        Py_SETREF(result, PyObject_CallOneArg(type, result));
    return result;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" int _PyLong_AsByteArray(PyLongObject *v, unsigned char *bytes, size_t n,
                                   int little_endian, int is_signed) noexcept {
    PyObject *obj = reinterpret_cast<PyObject *>(v);
    const bool negative = long_is_negative(obj);
    if (negative && !is_signed) {
        PyErr_SetString(PyExc_OverflowError, "can't convert negative int to unsigned");
        return -1;
    }
    if (twos_complement_bits(obj, is_signed != 0) > static_cast<std::uint64_t>(n) * 8) {
        PyErr_SetString(PyExc_OverflowError, "int too big to convert");
        return -1;
    }
    // Least significant byte first into position i (or n - 1 - i for big-endian).
    const digit *d = long_digits(obj);
    const Py_ssize_t ndigits = long_ndigits(obj);
    twodigits acc = 0;
    int acc_bits = 0;
    digit carry = 1;  // the +1 of the two's complement negation
    Py_ssize_t next_digit = 0;
    for (size_t i = 0; i < n; ++i) {
        if (acc_bits < 8) {
            digit x = next_digit < ndigits ? d[next_digit] : 0;
            ++next_digit;
            if (negative) {
                x = (x ^ PyLong_MASK) + carry;
                carry = x >> PyLong_SHIFT;
                x &= PyLong_MASK;
            }
            acc |= static_cast<twodigits>(x) << acc_bits;
            acc_bits += PyLong_SHIFT;
        }
        bytes[little_endian ? i : n - 1 - i] = static_cast<unsigned char>(acc & 0xFF);
        acc >>= 8;
        acc_bits -= 8;
    }
    return 0;
}

extern "C" PyObject *_PyLong_FromByteArray(const unsigned char *bytes, size_t n, int little_endian,
                                           int is_signed) noexcept {
    if (n == 0) return Py_NewRef(long_small_int(0));
    const unsigned char top = bytes[little_endian ? n - 1 : 0];
    const bool negative = is_signed && (top & 0x80) != 0;
    if (n > static_cast<size_t>(PY_SSIZE_T_MAX) / 8) {
        PyErr_SetString(PyExc_OverflowError, "byte array too long to convert to int");
        return nullptr;
    }
    const Py_ssize_t ndigits = static_cast<Py_ssize_t>((n * 8 + PyLong_SHIFT - 1) / PyLong_SHIFT);
    PyLongObject *z = long_alloc(ndigits);
    if (z == nullptr) return nullptr;
    twodigits acc = 0;
    int acc_bits = 0;
    unsigned carry = 1;  // negating the two's complement as the bytes come in
    Py_ssize_t out = 0;
    for (size_t i = 0; i < n; ++i) {
        unsigned byte = bytes[little_endian ? i : n - 1 - i];
        if (negative) {
            byte = (byte ^ 0xFFu) + carry;
            carry = byte >> 8;
            byte &= 0xFFu;
        }
        acc |= static_cast<twodigits>(byte) << acc_bits;
        acc_bits += 8;
        if (acc_bits >= PyLong_SHIFT) {
            z->ob_digit[out++] = static_cast<digit>(acc & PyLong_MASK);
            acc >>= PyLong_SHIFT;
            acc_bits -= PyLong_SHIFT;
        }
    }
    if (acc_bits > 0) z->ob_digit[out++] = static_cast<digit>(acc);
    while (out < ndigits) z->ob_digit[out++] = 0;
    if (negative) Py_SET_SIZE(z, -ndigits);
    return long_finish(z);
}
