// Decoding for the three codecs str needs without a codec registry: UTF-8, Latin-1 and
// ASCII, with CPython's error handlers and CPython 3.11's exact error messages; also the
// names of encodings and handlers and the error helpers encoding shares (str_encode.cpp).
//
// UTF-8 decoding follows the classification of CPython's decoder (Objects/stringlib/
// codecs.h, utf8_decode), because the error messages name the byte range it blames:
//   invalid start byte        0x80..0xC1, 0xF5..0xFF                  blames 1 byte
//   invalid continuation byte the sequence's valid prefix (1..3 bytes), where overlong
//                             forms (E0 80..9F, F0 80..8F) and surrogates (ED A0..BF)
//                             count as a bad second byte, and F4 90.. as beyond U+10FFFF
//   unexpected end of data    a valid prefix cut by the end of the input: blames the rest
// Errors are reported as UnicodeDecodeError("'utf-8' codec can't decode byte 0x%02x in
// position %zd: <reason>") for one byte, "... bytes in position %zd-%zd: ..." for more.
//
// The exception types are plain here (no .start/.end/.object attributes): the message is
// their single argument.
//
// CPython decodes and encodes utf-8, ascii and latin-1 by a few spellings of their names on a
// fast path and everything else (other aliases such as "u8" or "l1") through its codec
// registry, which rewraps a plain LookupError raised inside the codec (an unknown error
// handler) as "decoding with 'u8' codec failed (LookupError: ...)". minipy has no registry
// but gives the same errors: encoding_is_fast_path() says which way CPython would go.
#include <cstring>
#include <initializer_list>

#include "minipy/abstract.h"
#include "minipy/bytearrayobject.h"
#include "minipy/bytesobject.h"
#include "minipy/pyerrors.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {

namespace {

// CPython's _Py_normalize_encoding: lower case, every run of characters other than ASCII
// letters, digits and '.' as one '_' (none at the start or the end). False when the result
// does not fit in `size` bytes with its NUL.
bool normalize_encoding(const char *name, char *out, size_t size) noexcept {
    size_t length = 0;
    bool punctuation = false;
    for (const char *c = name; *c != '\0'; ++c) {
        const char ch = *c;
        const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                          (ch >= '0' && ch <= '9') || ch == '.';
        if (!keep) {
            punctuation = true;
            continue;
        }
        if (punctuation && length > 0) {
            if (length == size - 1) return false;
            out[length++] = '_';
        }
        punctuation = false;
        if (length == size - 1) return false;
        out[length++] = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    }
    out[length] = '\0';
    return true;
}

bool is_one_of(const char *name, std::initializer_list<const char *> names) noexcept {
    for (const char *candidate : names)
        if (std::strcmp(name, candidate) == 0) return true;
    return false;
}

// The names of each codec in encodings/aliases.py, and its module in the encodings package.
struct CodecNames {
    Encoding encoding;
    const char *module;
    std::initializer_list<const char *> aliases;
};

}  // namespace

// --- Error handler names and encodings ------------------------------------------------

// As CPython's codec registry finds a codec: the name normalized (normalize_encoding), then
// looked up among the aliases, as it is and with every '.' read as '_', then as a module name
// (which has no '.'). So "{latin-1", "UTF 8" and "ansi.x3.4.1968" are codecs, ".utf8" is not.
Encoding encoding_from_name(const char *encoding) noexcept {
    if (encoding == nullptr) return Encoding::utf8;
    static const CodecNames kCodecs[] = {
        {Encoding::utf8, "utf_8", {"cp65001", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4"}},
        {Encoding::latin1,
         "latin_1",
         {"8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso8859_1", "iso_8859_1",
          "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1"}},
        {Encoding::ascii,
         "ascii",
         {"646", "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968", "cp367", "csascii", "ibm367",
          "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii"}},
    };
    char name[32];  // longer than every name above: a longer one is none of them
    if (!normalize_encoding(encoding, name, sizeof name)) return Encoding::unknown;
    char dotless[sizeof name];
    std::memcpy(dotless, name, sizeof name);
    for (char *c = dotless; *c != '\0'; ++c)
        if (*c == '.') *c = '_';
    for (const CodecNames &codec : kCodecs)
        if (is_one_of(name, codec.aliases) || is_one_of(dotless, codec.aliases))
            return codec.encoding;
    for (const CodecNames &codec : kCodecs)
        if (std::strcmp(name, codec.module) == 0) return codec.encoding;
    return Encoding::unknown;
}

// CPython's fast path normalizes into an 11-byte buffer: a name that does not fit takes the
// registry.
bool encoding_is_fast_path(const char *encoding) noexcept {
    if (encoding == nullptr) return true;
    char lower[11];
    if (!normalize_encoding(encoding, lower, sizeof lower)) return false;
    return is_one_of(lower, {"utf_8", "utf8", "ascii", "us_ascii", "latin1", "latin_1",
                             "iso_8859_1", "iso8859_1"});
}

void wrap_codec_error(const char *operation, const char *encoding) noexcept {
    PyObject *raised = PyErr_GetRaisedException();
    if (raised == nullptr) return;
    if (!Py_IS_TYPE(raised, reinterpret_cast<PyTypeObject *>(PyExc_LookupError))) {
        PyErr_SetRaisedException(raised);
        return;
    }
    PyErr_Format(PyExc_LookupError, "%s with '%s' codec failed (%s: %S)", operation, encoding,
                 Py_TYPE(raised)->tp_name, raised);
    PyObject *wrapped = PyErr_GetRaisedException();
    if (wrapped == nullptr) {  // formatting failed: keep what went wrong first
        PyErr_SetRaisedException(raised);
        return;
    }
    PyException_SetCause(wrapped, raised);
    PyErr_SetRaisedException(wrapped);
}

// Writes \xNN, \uNNNN or \UNNNNNNNN for ch (what backslashreplace puts in); returns the
// number of bytes (at most 10).
int backslash_escape(char *out, Py_UCS4 ch) noexcept {
    static const char kHex[] = "0123456789abcdef";
    const int digits = ch <= 0xff ? 2 : ch <= 0xffff ? 4 : 8;
    out[0] = '\\';
    out[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
    for (int i = 0; i < digits; ++i) out[2 + i] = kHex[(ch >> (4 * (digits - 1 - i))) & 0xf];
    out[2 + digits] = '\0';
    return 2 + digits;
}

// --- Errors ---------------------------------------------------------------------------

void raise_unknown_handler(const char *errors) noexcept {
    PyErr_Format(PyExc_LookupError, "unknown error handler name '%.400s'", errors);
}

// The codecs raise real instances, so a handler sees encoding, object, start, end and reason.
void raise_decode_error(const char *encoding, const char *bytes, Py_ssize_t size, Py_ssize_t start,
                        Py_ssize_t end, const char *reason) noexcept {
    PyObject *exc = PyUnicodeDecodeError_Create(encoding, bytes, size, start, end, reason);
    if (exc == nullptr) return;
    PyErr_SetObject(PyExc_UnicodeDecodeError, exc);
    Py_DECREF(exc);
}

void raise_encode_error(const char *encoding, PyObject *str, Py_ssize_t start, Py_ssize_t end,
                        const char *reason) noexcept {
    PyObject *exc =
        PyObject_CallFunction(PyExc_UnicodeEncodeError, "sOnns", encoding, str, start, end, reason);
    if (exc == nullptr) return;
    PyErr_SetObject(PyExc_UnicodeEncodeError, exc);
    Py_DECREF(exc);
}

namespace {

// --- UTF-8 decoding -------------------------------------------------------------------

enum class Utf8Status { ok, end_of_data, invalid_start, invalid_continuation };

struct Utf8Step {
    Utf8Status status;
    int length;  // ok: bytes used; invalid_continuation: bytes blamed
    Py_UCS4 ch;
};

inline bool is_continuation(unsigned char c) noexcept {
    return (c & 0xC0) == 0x80;
}

// Looks at the sequence starting at s (s < end). See the file comment for the classes.
Utf8Step utf8_step(const unsigned char *s, const unsigned char *end) noexcept {
    const unsigned char c = s[0];
    const Py_ssize_t left = end - s;
    if (c < 0x80) return {Utf8Status::ok, 1, c};
    if (c < 0xC2) return {Utf8Status::invalid_start, 1, 0};
    if (c < 0xE0) {
        if (left < 2) return {Utf8Status::end_of_data, 0, 0};
        if (!is_continuation(s[1])) return {Utf8Status::invalid_continuation, 1, 0};
        return {Utf8Status::ok, 2, (Py_UCS4{c} & 0x1F) << 6 | (s[1] & 0x3Fu)};
    }
    if (c < 0xF0) {
        if (left < 2) return {Utf8Status::end_of_data, 0, 0};
        const unsigned char c2 = s[1];
        // E0 needs A0..BF (no overlong form), ED needs 80..9F (no surrogate).
        if (!is_continuation(c2) || (c == 0xE0 && c2 < 0xA0) || (c == 0xED && c2 >= 0xA0))
            return {Utf8Status::invalid_continuation, 1, 0};
        if (left < 3) return {Utf8Status::end_of_data, 0, 0};
        if (!is_continuation(s[2])) return {Utf8Status::invalid_continuation, 2, 0};
        return {Utf8Status::ok, 3, (Py_UCS4{c} & 0x0F) << 12 | (c2 & 0x3Fu) << 6 | (s[2] & 0x3Fu)};
    }
    if (c < 0xF5) {
        if (left < 2) return {Utf8Status::end_of_data, 0, 0};
        const unsigned char c2 = s[1];
        // F0 needs 90..BF (no overlong form), F4 needs 80..8F (nothing past U+10FFFF).
        if (!is_continuation(c2) || (c == 0xF0 && c2 < 0x90) || (c == 0xF4 && c2 >= 0x90))
            return {Utf8Status::invalid_continuation, 1, 0};
        if (left < 3) return {Utf8Status::end_of_data, 0, 0};
        if (!is_continuation(s[2])) return {Utf8Status::invalid_continuation, 2, 0};
        if (left < 4) return {Utf8Status::end_of_data, 0, 0};
        if (!is_continuation(s[3])) return {Utf8Status::invalid_continuation, 3, 0};
        return {
            Utf8Status::ok, 4,
            (Py_UCS4{c} & 0x07) << 18 | (c2 & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu)};
    }
    return {Utf8Status::invalid_start, 1, 0};
}

// Applies a non-strict handler to the bytes [start, end) of a failed decode; 0 or -1.
int decode_error_substitute(UnicodeWriter &writer, CodecErrors errors, const unsigned char *bytes,
                            Py_ssize_t start, Py_ssize_t end) noexcept {
    switch (errors) {
    case CodecErrors::replace: return writer.write_char(Py_UNICODE_REPLACEMENT_CHARACTER);
    case CodecErrors::ignore: return 0;
    case CodecErrors::backslashreplace:
        for (Py_ssize_t i = start; i < end; ++i) {
            char escaped[11];
            int n = backslash_escape(escaped, bytes[i]);
            if (writer.write_ascii(escaped, n) < 0) return -1;
        }
        return 0;
    case CodecErrors::surrogateescape:
        for (Py_ssize_t i = start; i < end; ++i)
            if (writer.write_char(0xDC00u + bytes[i]) < 0) return -1;
        return 0;
    case CodecErrors::xmlcharrefreplace:
        PyErr_SetString(PyExc_TypeError,
                        "don't know how to handle UnicodeDecodeError in error callback");
        return -1;
    default: return -1;  // strict and surrogatepass are handled by the caller
    }
}

bool all_ascii(const char *s, Py_ssize_t size) noexcept {
    unsigned char any = 0;
    for (Py_ssize_t i = 0; i < size; ++i) any |= static_cast<unsigned char>(s[i]);
    return any < 0x80;
}

}  // namespace

CodecErrors codec_errors_from_name(const char *errors) noexcept {
    static const struct {
        const char *name;
        CodecErrors value;
    } kHandlers[] = {{"strict", CodecErrors::strict},
                     {"replace", CodecErrors::replace},
                     {"ignore", CodecErrors::ignore},
                     {"backslashreplace", CodecErrors::backslashreplace},
                     {"surrogateescape", CodecErrors::surrogateescape},
                     {"surrogatepass", CodecErrors::surrogatepass},
                     {"xmlcharrefreplace", CodecErrors::xmlcharrefreplace}};
    if (errors == nullptr) return CodecErrors::strict;
    for (const auto &handler : kHandlers)
        if (std::strcmp(errors, handler.name) == 0) return handler.value;
    return CodecErrors::unknown;
}
}  // namespace minipy::runtime

using namespace minipy::runtime;

// --- Decoding ---------------------------------------------------------------------------

extern "C" PyObject *PyUnicode_DecodeUTF8Stateful(const char *s, Py_ssize_t size,
                                                  const char *errors,
                                                  Py_ssize_t *consumed) noexcept {
    const CodecErrors handler = codec_errors_from_name(errors);
    if (size < 0 || (s == nullptr && size > 0)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (all_ascii(s, size)) {
        if (consumed != nullptr) *consumed = size;
        return unicode_from_units(PyUnicode_1BYTE_KIND, s, size, 0x7f);
    }
    const auto *bytes = reinterpret_cast<const unsigned char *>(s);
    const unsigned char *end = bytes + size;
    UnicodeWriter writer;
    if (writer.reserve(size, 0) < 0) return nullptr;
    Py_ssize_t pos = 0;
    while (pos < size) {
        const Utf8Step step = utf8_step(bytes + pos, end);
        if (step.status == Utf8Status::ok) {
            if (writer.write_char(step.ch) < 0) return nullptr;
            pos += step.length;
            continue;
        }
        Py_ssize_t blame_end = pos + 1;
        const char *reason = "invalid start byte";
        if (step.status == Utf8Status::end_of_data) {
            if (consumed != nullptr) break;  // the caller will send the rest later
            blame_end = size;
            reason = "unexpected end of data";
        } else if (step.status == Utf8Status::invalid_continuation) {
            // A stateful caller waits for the rest of a cut surrogate (ED A0..BF), as CPython.
            if (consumed != nullptr && bytes[pos] == 0xED && size - pos == 2 &&
                bytes[pos + 1] >= 0xA0)
                break;
            blame_end = pos + step.length;
            reason = "invalid continuation byte";
        }
        if (handler == CodecErrors::surrogatepass && bytes[pos] == 0xED && size - pos >= 3 &&
            bytes[pos + 1] >= 0xA0 && bytes[pos + 1] <= 0xBF && is_continuation(bytes[pos + 2])) {
            Py_UCS4 ch = 0xD000u | (bytes[pos + 1] & 0x3Fu) << 6 | (bytes[pos + 2] & 0x3Fu);
            if (writer.write_char(ch) < 0) return nullptr;
            pos += 3;
            continue;
        }
        if (handler == CodecErrors::strict || handler == CodecErrors::surrogatepass) {
            raise_decode_error("utf-8", s, size, pos, blame_end, reason);
            return nullptr;
        }
        if (handler == CodecErrors::unknown) {
            raise_unknown_handler(errors);
            return nullptr;
        }
        if (decode_error_substitute(writer, handler, bytes, pos, blame_end) < 0) return nullptr;
        pos = blame_end;
    }
    if (consumed != nullptr) *consumed = pos;
    return writer.finish();
}

extern "C" PyObject *PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size,
                                          const char *errors) noexcept {
    return PyUnicode_DecodeUTF8Stateful(s, size, errors, nullptr);
}

extern "C" PyObject *PyUnicode_FromStringAndSize(const char *u, Py_ssize_t size) noexcept {
    if (size < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_FromStringAndSize");
        return nullptr;
    }
    if (u == nullptr && size != 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return PyUnicode_DecodeUTF8Stateful(u, size, nullptr, nullptr);
}

extern "C" PyObject *PyUnicode_FromString(const char *u) noexcept {
    if (u == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const size_t size = std::strlen(u);
    if (size > static_cast<size_t>(PY_SSIZE_T_MAX)) {
        PyErr_SetString(PyExc_OverflowError, "input too long");
        return nullptr;
    }
    return PyUnicode_DecodeUTF8Stateful(u, static_cast<Py_ssize_t>(size), nullptr, nullptr);
}

extern "C" PyObject *PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *) noexcept {
    if (size < 0 || (s == nullptr && size > 0)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return unicode_from_units(PyUnicode_1BYTE_KIND, s, size,
                              unicode_find_maxchar(PyUnicode_1BYTE_KIND, s, size));
}

extern "C" PyObject *PyUnicode_DecodeASCII(const char *s, Py_ssize_t size,
                                           const char *errors) noexcept {
    const CodecErrors handler = codec_errors_from_name(errors);
    if (size < 0 || (s == nullptr && size > 0)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (all_ascii(s, size)) return unicode_from_units(PyUnicode_1BYTE_KIND, s, size, 0x7f);
    const auto *bytes = reinterpret_cast<const unsigned char *>(s);
    UnicodeWriter writer;
    if (writer.reserve(size, 0) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < size; ++i) {
        if (bytes[i] < 0x80) {
            if (writer.write_char(bytes[i]) < 0) return nullptr;
            continue;
        }
        if (handler == CodecErrors::strict || handler == CodecErrors::surrogatepass) {
            raise_decode_error("ascii", s, size, i, i + 1, "ordinal not in range(128)");
            return nullptr;
        }
        if (handler == CodecErrors::unknown) {
            raise_unknown_handler(errors);
            return nullptr;
        }
        if (decode_error_substitute(writer, handler, bytes, i, i + 1) < 0) return nullptr;
    }
    return writer.finish();
}

// Empty input is "" whatever the encoding names, before any codec is looked up (CPython's
// order: b"".decode("bogus") is '').
extern "C" PyObject *PyUnicode_Decode(const char *s, Py_ssize_t size, const char *encoding,
                                      const char *errors) noexcept {
    if (size == 0) return unicode_get_empty();
    PyObject *result;
    switch (encoding_from_name(encoding)) {
    case Encoding::utf8: result = PyUnicode_DecodeUTF8Stateful(s, size, errors, nullptr); break;
    case Encoding::latin1: result = PyUnicode_DecodeLatin1(s, size, errors); break;
    case Encoding::ascii: result = PyUnicode_DecodeASCII(s, size, errors); break;
    default: return PyErr_Format(PyExc_LookupError, "unknown encoding: %s", encoding);
    }
    if (result == nullptr && !encoding_is_fast_path(encoding))
        wrap_codec_error("decoding", encoding);
    return result;
}

extern "C" PyObject *PyUnicode_FromEncodedObject(PyObject *obj, const char *encoding,
                                                 const char *errors) noexcept {
    if (obj == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (PyBytes_Check(obj))
        return PyUnicode_Decode(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj), encoding, errors);
    if (PyByteArray_Check(obj))  // a buffer in CPython
        return PyUnicode_Decode(PyByteArray_AS_STRING(obj), PyByteArray_GET_SIZE(obj), encoding,
                                errors);
    if (PyUnicode_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "decoding str is not supported");
        return nullptr;
    }
    return PyErr_Format(PyExc_TypeError, "decoding to str: need a bytes-like object, %.80s found",
                        Py_TYPE(obj)->tp_name);
}
