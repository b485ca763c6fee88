// str -> int: PyLong_FromString, PyLong_FromUnicodeObject, _PyLong_FromBytes.
//
// The grammar (CPython 3.11's, int() and PyLong_FromString alike):
//   [ws] [+|-] [0x|0o|0b matching the base, then one optional '_'] digit (['_'] digit)* [ws]
// ws is ASCII white space (space, \t \n \v \f \r). Base 0 takes the base from the prefix,
// else 10; in base 0 a number with a leading 0 must be all zeros (no C-style octal).
//
// The base an error message names: int() and PyLong_FromUnicodeObject / _PyLong_FromBytes name
// the caller's; PyLong_FromString names the one it parsed in (16 for "0x1g" in base 0), and 0
// again for a leading-0 number that got as far as its value (CPython resets it there).
//
// A str is first mapped to ASCII: each non-ASCII white space becomes ' ', each Unicode
// decimal digit its ASCII digit, anything else non-ASCII '?' (which no base accepts).
//
// Conversion: bases 2, 4, 8, 16, 32 place bits directly; other bases take the digits in
// groups of as many as fit a 30-bit word (z = z * base**k + group), quadratic like CPython's,
// hence the same limit as for int -> str (int_format.cpp) on the number of digits.
#include <cstdio>
#include <cstring>

#include "minipy/bytesobject.h"
#include "minipy/pyerrors.h"
#include "minipy/unicodeobject.h"
#include "objects/int/int_internal.hpp"

namespace minipy::runtime {
namespace {

constexpr int kNotADigit = 37;

constexpr int digit_value(unsigned char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return kNotADigit;
}

constexpr bool is_ascii_space(unsigned char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// For each base, how many of its digits fit a word (base**width < 2**30) and base**width.
struct GroupSize {
    int width;
    twodigits multiplier;
};
struct GroupTable {
    GroupSize sizes[37];
};
constexpr GroupTable make_group_table() noexcept {
    GroupTable table{};
    for (int base = 2; base <= 36; ++base) {
        twodigits power = static_cast<twodigits>(base);
        int width = 1;
        while (power * static_cast<twodigits>(base) < PyLong_BASE) {
            power *= static_cast<twodigits>(base);
            ++width;
        }
        table.sizes[base] = {width, power};
    }
    return table;
}
constexpr GroupTable kGroups = make_group_table();

enum class ParseStatus { ok, invalid, error };

struct Text {
    const char *data;
    Py_ssize_t length;  // a NUL inside ends the text too, as for a C string
    unsigned char at(Py_ssize_t i) const noexcept {
        return i < length ? static_cast<unsigned char>(data[i]) : 0;
    }
};

// The digits text[begin, end) (underscores in between allowed), a power-of-two base.
PyObject *convert_binary_base(const Text &text, Py_ssize_t begin, Py_ssize_t end,
                              Py_ssize_t ndigits, int base) noexcept {
    int bits_per_char = 0;
    while ((1 << bits_per_char) < base) ++bits_per_char;
    const std::uint64_t bits =
        static_cast<std::uint64_t>(ndigits) * static_cast<std::uint64_t>(bits_per_char);
    PyLongObject *z = long_alloc(static_cast<Py_ssize_t>((bits + PyLong_SHIFT - 1) / PyLong_SHIFT));
    if (z == nullptr) return nullptr;
    twodigits acc = 0;
    int acc_bits = 0;
    Py_ssize_t out = 0;
    for (Py_ssize_t i = end; i-- > begin;) {
        const unsigned char c = text.at(i);
        if (c == '_') continue;
        acc |= static_cast<twodigits>(digit_value(c)) << acc_bits;
        acc_bits += bits_per_char;
        if (acc_bits >= PyLong_SHIFT) {
            z->ob_digit[out++] = static_cast<digit>(acc & PyLong_MASK);
            acc >>= PyLong_SHIFT;
            acc_bits -= PyLong_SHIFT;
        }
    }
    if (acc_bits > 0) z->ob_digit[out++] = static_cast<digit>(acc);
    return reinterpret_cast<PyObject *>(z);
}

PyObject *convert_general_base(const Text &text, Py_ssize_t begin, Py_ssize_t end,
                               Py_ssize_t ndigits, int base) noexcept {
    // Bits per digit rounded up (log2(36) < 6) bound the size from above.
    int bits_per_char = 0;
    while ((1 << bits_per_char) < base) ++bits_per_char;
    const Py_ssize_t capacity = static_cast<Py_ssize_t>(
        (static_cast<std::uint64_t>(ndigits) * static_cast<std::uint64_t>(bits_per_char)) /
            PyLong_SHIFT +
        1);
    PyLongObject *z = long_alloc(capacity);
    if (z == nullptr) return nullptr;
    const GroupSize group = kGroups.sizes[base];
    Py_ssize_t size = 0;
    Py_ssize_t i = begin;
    while (i < end) {
        // Gather up to group.width digits; the last group may be shorter.
        twodigits value = 0, multiplier = 1;
        for (int k = 0; k < group.width && i < end; ++i) {
            const unsigned char c = text.at(i);
            if (c == '_') continue;
            value = value * static_cast<twodigits>(base) + static_cast<twodigits>(digit_value(c));
            multiplier *= static_cast<twodigits>(base);
            ++k;
        }
        // z = z * multiplier + value.
        twodigits carry = value;
        for (Py_ssize_t j = 0; j < size; ++j) {
            carry += static_cast<twodigits>(z->ob_digit[j]) * multiplier;
            z->ob_digit[j] = static_cast<digit>(carry & PyLong_MASK);
            carry >>= PyLong_SHIFT;
        }
        while (carry != 0) {
            z->ob_digit[size++] = static_cast<digit>(carry & PyLong_MASK);
            carry >>= PyLong_SHIFT;
        }
    }
    Py_SET_SIZE(z, size);
    return reinterpret_cast<PyObject *>(z);
}

// Parses text as described at the top. ok: *result is the int, *stop the end of the text.
// invalid: not an int literal, *stop where parsing stopped, *message_base the base
// PyLong_FromString's error names. error: an exception is set (too many digits, memory).
ParseStatus parse(const Text &text, int base, PyObject **result, Py_ssize_t *stop,
                  int *message_base) noexcept {
    Py_ssize_t p = 0;
    *result = nullptr;
    while (is_ascii_space(text.at(p))) ++p;
    bool negative = false;
    if (text.at(p) == '+' || text.at(p) == '-') negative = text.at(p++) == '-';
    bool zeros_only = false;
    const unsigned char first = text.at(p), second = text.at(p + 1);
    if (base == 0) {
        if (first != '0')
            base = 10;
        else if (second == 'x' || second == 'X')
            base = 16;
        else if (second == 'o' || second == 'O')
            base = 8;
        else if (second == 'b' || second == 'B')
            base = 2;
        else {
            base = 10;
            zeros_only = true;
        }
    }
    *message_base = base;
    if (first == '0' && ((base == 16 && (second == 'x' || second == 'X')) ||
                         (base == 8 && (second == 'o' || second == 'O')) ||
                         (base == 2 && (second == 'b' || second == 'B')))) {
        p += 2;
        if (text.at(p) == '_') ++p;  // "0x_1f" is allowed
    }
    *stop = p;
    if (text.at(p) == '_') return ParseStatus::invalid;
    const Py_ssize_t begin = p;
    Py_ssize_t ndigits = 0;
    bool after_underscore = false;
    for (;; ++p) {
        const unsigned char c = text.at(p);
        if (c == '_') {
            if (after_underscore) {
                *stop = p;
                return ParseStatus::invalid;
            }
            after_underscore = true;
        } else if (digit_value(c) < base) {
            after_underscore = false;
            ++ndigits;
        } else {
            break;
        }
    }
    *stop = p;
    if (after_underscore || ndigits == 0) return ParseStatus::invalid;
    const bool binary_base = (base & (base - 1)) == 0;
    PyObject *z;
    if (binary_base) {
        z = convert_binary_base(text, begin, p, ndigits, base);
    } else {
        const int limit = long_max_str_digits();
        if (ndigits > _PY_LONG_MAX_STR_DIGITS_THRESHOLD && limit > 0 && ndigits > limit) {
            PyErr_Format(
                PyExc_ValueError,
                "Exceeds the limit (%d digits) for integer string conversion: value has %zd "
                "digits; use sys.set_int_max_str_digits() to increase the limit",
                limit, ndigits);
            return ParseStatus::error;
        }
        z = convert_general_base(text, begin, p, ndigits, base);
    }
    if (z == nullptr) return ParseStatus::error;
    if (negative) Py_SET_SIZE(z, -Py_SIZE(z));
    z = long_finish(as_long(z));
    if (zeros_only) *message_base = 0;
    if (zeros_only && Py_SIZE(z) != 0) {
        Py_DECREF(z);
        return ParseStatus::invalid;
    }
    while (is_ascii_space(text.at(p))) ++p;
    *stop = p;
    if (text.at(p) != 0) {
        Py_DECREF(z);
        return ParseStatus::invalid;
    }
    *result = z;
    return ParseStatus::ok;
}

bool check_base(int base) noexcept {
    if ((base != 0 && base < 2) || base > 36) {
        PyErr_SetString(PyExc_ValueError, "int() arg 2 must be >= 2 and <= 36");
        return false;
    }
    return true;
}

// ValueError "invalid literal for int() with base %d: " + repr(shown), the repr cut to 200
// characters as CPython's %.200R does.
void raise_invalid_literal(int base, PyObject *shown) noexcept {
    PyObject *repr = PyObject_Repr(shown);
    if (repr == nullptr) return;
    Py_ssize_t length;
    const char *utf8 = PyUnicode_AsUTF8AndSize(repr, &length);
    if (utf8 == nullptr) {
        Py_DECREF(repr);
        return;
    }
    // Cut after 200 code points: count the bytes that do not continue a sequence.
    Py_ssize_t cut = 0;
    for (int chars = 0; cut < length; ++cut) {
        if ((static_cast<unsigned char>(utf8[cut]) & 0xC0) != 0x80 && chars++ == 200) break;
    }
    char prefix[64];
    const int prefix_length =
        std::snprintf(prefix, sizeof prefix, "invalid literal for int() with base %d: ", base);
    char *message =
        static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(prefix_length + cut)));
    if (message == nullptr) {
        Py_DECREF(repr);
        PyErr_NoMemory();
        return;
    }
    std::memcpy(message, prefix, static_cast<std::size_t>(prefix_length));
    std::memcpy(message + prefix_length, utf8, static_cast<std::size_t>(cut));
    Py_DECREF(repr);
    PyObject *text = PyUnicode_FromStringAndSize(message, prefix_length + cut);
    PyMem_Free(message);
    if (text == nullptr) return;
    PyErr_SetObject(PyExc_ValueError, text);
    Py_DECREF(text);
}

// The ASCII digit of a Unicode decimal digit, or 0 when c is not one. Every Unicode 14
// decimal digit belongs to a run of ten starting at one of these zeros.
char unicode_decimal(Py_UCS4 c) noexcept {
    static constexpr Py_UCS4 kZeros[] = {
        0x660,   0x6F0,   0x7C0,   0x966,   0x9E6,   0xA66,   0xAE6,   0xB66,   0xBE6,   0xC66,
        0xCE6,   0xD66,   0xDE6,   0xE50,   0xED0,   0xF20,   0x1040,  0x1090,  0x17E0,  0x1810,
        0x1946,  0x19D0,  0x1A80,  0x1A90,  0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,
        0xA900,  0xA9D0,  0xA9F0,  0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x10D30, 0x11066, 0x110F0,
        0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
        0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC,
        0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
    };
    for (Py_UCS4 zero : kZeros)
        if (c >= zero && c < zero + 10) return static_cast<char>('0' + (c - zero));
    return 0;
}

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *PyLong_FromString(const char *str, char **pend, int base) noexcept {
    if (!check_base(base)) return nullptr;
    const Text text{str, static_cast<Py_ssize_t>(std::strlen(str))};
    PyObject *result;
    Py_ssize_t stop = 0;
    int message_base = base;
    const ParseStatus status = parse(text, base, &result, &stop, &message_base);
    if (pend != nullptr) *pend = const_cast<char *>(str + stop);
    if (status == ParseStatus::invalid) {
        PyObject *shown = PyUnicode_FromStringAndSize(str, text.length < 200 ? text.length : 200);
        if (shown == nullptr) return nullptr;
        raise_invalid_literal(message_base, shown);
        Py_DECREF(shown);
    }
    return result;
}

extern "C" PyObject *_PyLong_FromBytes(const char *s, Py_ssize_t len, int base) noexcept {
    if (!check_base(base)) return nullptr;
    PyObject *result;
    Py_ssize_t stop = 0;
    int message_base;
    const ParseStatus status = parse(Text{s, len}, base, &result, &stop, &message_base);
    if (status == ParseStatus::ok && stop == len) return result;
    if (status == ParseStatus::error) return nullptr;
    Py_XDECREF(result);  // stopped at a NUL inside the bytes
    PyObject *shown = PyBytes_FromStringAndSize(s, len < 200 ? len : 200);
    if (shown == nullptr) return nullptr;
    raise_invalid_literal(base, shown);
    Py_DECREF(shown);
    return nullptr;
}

// u must be a str (CPython checks it before the base): SystemError otherwise.
extern "C" PyObject *PyLong_FromUnicodeObject(PyObject *u, int base) noexcept {
    if (u == nullptr || !PyUnicode_Check(u)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (!check_base(base)) return nullptr;
    const Py_ssize_t length = PyUnicode_GET_LENGTH(u);
    const int kind = PyUnicode_KIND(u);
    const void *data = PyUnicode_DATA(u);
    char *ascii = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(length) + 1));
    if (ascii == nullptr) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < length; ++i) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        char mapped = '?';
        if (c < 128)
            mapped = static_cast<char>(c);
        else if (Py_UNICODE_ISSPACE(c))
            mapped = ' ';
        else if (char d = unicode_decimal(c); d != 0)
            mapped = d;
        ascii[i] = mapped;
    }
    ascii[length] = '\0';
    PyObject *result;
    Py_ssize_t stop = 0;
    int message_base;
    const ParseStatus status = parse(Text{ascii, length}, base, &result, &stop, &message_base);
    PyMem_Free(ascii);
    if (status == ParseStatus::ok && stop == length) return result;
    if (status == ParseStatus::error) return nullptr;
    Py_XDECREF(result);
    raise_invalid_literal(base, u);
    return nullptr;
}
