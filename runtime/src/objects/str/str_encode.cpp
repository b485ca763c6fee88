// Encoding str to bytes: UTF-8 (with the cached form PyUnicode_AsUTF8 keeps), ASCII and
// Latin-1, with CPython's error handlers and messages. Decoding, the handler names and the
// error helpers both directions share are in str_codecs.cpp.
//
// UTF-8 has a fast path: a string without lone surrogates is measured, then written straight
// into a bytes object (or the cache) of the exact size. Strings with surrogates, and the other
// two codecs' unencodable characters, go through a growable buffer and the handler: a run of
// offending characters is reported as one error, as CPython's encoders do.
#include <cstring>

#include "minipy/bytesobject.h"
#include "minipy/pyerrors.h"
#include "minipy/pymem.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {

namespace {

// --- Encoding helpers -----------------------------------------------------------------

// A growable PyMem byte buffer for the encoders' slow paths.
class ByteBuffer {
  public:
    ~ByteBuffer() noexcept { PyMem_Free(data_); }
    int append(const char *s, Py_ssize_t n) noexcept {
        if (n == 0) return 0;  // "ignore" appends nothing, and data_ may still be NULL
        if (n > capacity_ - size_) {
            if (n > PY_SSIZE_T_MAX / 2 - size_) {
                PyErr_NoMemory();
                return -1;
            }
            Py_ssize_t capacity = (size_ + n) * 2;
            auto *grown = static_cast<char *>(PyMem_Realloc(data_, static_cast<size_t>(capacity)));
            if (grown == nullptr) {
                PyErr_NoMemory();
                return -1;
            }
            data_ = grown;
            capacity_ = capacity;
        }
        std::memcpy(data_ + size_, s, static_cast<size_t>(n));
        size_ += n;
        return 0;
    }
    int append_byte(unsigned char c) noexcept {
        char b = static_cast<char>(c);
        return append(&b, 1);
    }
    PyObject *to_bytes() const noexcept {
        return PyBytes_FromStringAndSize(data_ ? data_ : "", size_);
    }

  private:
    char *data_ = nullptr;
    Py_ssize_t size_ = 0, capacity_ = 0;
};

int utf8_encode_char(char *out, Py_UCS4 ch) noexcept {
    if (ch < 0x80) {
        out[0] = static_cast<char>(ch);
        return 1;
    }
    if (ch < 0x800) {
        out[0] = static_cast<char>(0xC0 | (ch >> 6));
        out[1] = static_cast<char>(0x80 | (ch & 0x3F));
        return 2;
    }
    if (ch < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (ch >> 12));
        out[1] = static_cast<char>(0x80 | ((ch >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (ch & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (ch >> 18));
    out[1] = static_cast<char>(0x80 | ((ch >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((ch >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (ch & 0x3F));
    return 4;
}

// The UTF-8 size of a string, or -1 if it holds a surrogate (the fast path then declines).
Py_ssize_t utf8_size_without_surrogates(PyObject *str) noexcept {
    const int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    Py_ssize_t size = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_IS_SURROGATE(ch)) return -1;
        size += ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
    }
    return size;
}

void utf8_encode_into(char *out, PyObject *str) noexcept {
    const int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    for (Py_ssize_t i = 0; i < n; ++i) out += utf8_encode_char(out, PyUnicode_READ(kind, data, i));
}

// &#<decimal>; for ch into out (room for 11 bytes: at most 7 digits); returns the length.
int xml_char_ref(char *out, Py_UCS4 ch) noexcept {
    char digits[8];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + ch % 10);
        ch /= 10;
    } while (ch != 0);
    int len = 0;
    out[len++] = '&';
    out[len++] = '#';
    while (n > 0) out[len++] = digits[--n];
    out[len++] = ';';
    return len;
}

// The general UTF-8 encoder: lone surrogates go through the error handler.
PyObject *utf8_encode_with_handler(PyObject *str, const char *errors_name) noexcept {
    const CodecErrors errors = codec_errors_from_name(errors_name);
    const int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    ByteBuffer out;
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        char encoded[11];
        if (!Py_UNICODE_IS_SURROGATE(ch)) {
            if (out.append(encoded, utf8_encode_char(encoded, ch)) < 0) return nullptr;
            ++i;
            continue;
        }
        Py_ssize_t start = i, end = i;
        while (end < n && Py_UNICODE_IS_SURROGATE(PyUnicode_READ(kind, data, end))) ++end;
        if (errors == CodecErrors::surrogateescape) {
            // Only U+DC80..U+DCFF stand for bytes; the handler gives up at the first other.
            while (start < end) {
                Py_UCS4 s = PyUnicode_READ(kind, data, start);
                if (s < 0xDC80 || s > 0xDCFF) break;
                if (out.append_byte(static_cast<unsigned char>(s & 0xFF)) < 0) return nullptr;
                ++start;
            }
            if (start == end) {
                i = end;
                continue;
            }
            raise_encode_error("utf-8", str, start, end, "surrogates not allowed");
            return nullptr;
        }
        for (Py_ssize_t k = start; k < end; ++k) {
            Py_UCS4 s = PyUnicode_READ(kind, data, k);
            int len = 0;
            switch (errors) {
            case CodecErrors::replace:
                encoded[0] = '?';
                len = 1;
                break;
            case CodecErrors::ignore: break;
            case CodecErrors::backslashreplace: len = backslash_escape(encoded, s); break;
            case CodecErrors::xmlcharrefreplace: len = xml_char_ref(encoded, s); break;
            case CodecErrors::surrogatepass: len = utf8_encode_char(encoded, s); break;
            case CodecErrors::unknown: raise_unknown_handler(errors_name); return nullptr;
            default:
                raise_encode_error("utf-8", str, start, end, "surrogates not allowed");
                return nullptr;
            }
            if (out.append(encoded, len) < 0) return nullptr;
        }
        i = end;
    }
    return out.to_bytes();
}

}  // namespace

PyObject *unicode_encode_utf8(PyObject *str, const char *errors) noexcept {
    if (PyUnicode_IS_ASCII(str))
        return PyBytes_FromStringAndSize(static_cast<const char *>(PyUnicode_DATA(str)),
                                         PyUnicode_GET_LENGTH(str));
    if (const char *cached = _PyCompactUnicodeObject_CAST(str)->utf8; cached != nullptr)
        return PyBytes_FromStringAndSize(cached, _PyCompactUnicodeObject_CAST(str)->utf8_length);
    const Py_ssize_t size = utf8_size_without_surrogates(str);
    if (size < 0) return utf8_encode_with_handler(str, errors);
    PyObject *bytes = PyBytes_FromStringAndSize(nullptr, size);
    if (bytes == nullptr) return nullptr;
    utf8_encode_into(PyBytes_AS_STRING(bytes), str);
    return bytes;
}

PyObject *unicode_encode_charmap_limit(PyObject *str, Py_UCS4 limit,
                                       const char *errors_name) noexcept {
    const CodecErrors errors = codec_errors_from_name(errors_name);
    const char *encoding = limit == 128 ? "ascii" : "latin-1";
    const char *reason = limit == 128 ? "ordinal not in range(128)" : "ordinal not in range(256)";
    const int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    if (PyUnicode_IS_ASCII(str) || (limit == 256 && kind == PyUnicode_1BYTE_KIND))
        return PyBytes_FromStringAndSize(static_cast<const char *>(data), n);
    ByteBuffer out;
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < limit) {
            if (out.append_byte(static_cast<unsigned char>(ch)) < 0) return nullptr;
            ++i;
            continue;
        }
        Py_ssize_t start = i, end = i;
        while (end < n && PyUnicode_READ(kind, data, end) >= limit) ++end;
        if (errors == CodecErrors::surrogateescape) {
            while (start < end) {
                Py_UCS4 s = PyUnicode_READ(kind, data, start);
                if (s < 0xDC80 || s > 0xDCFF) break;
                if (out.append_byte(static_cast<unsigned char>(s - 0xDC00)) < 0) return nullptr;
                ++start;
            }
            if (start == end) {
                i = end;
                continue;
            }
            raise_encode_error(encoding, str, start, end, reason);
            return nullptr;
        }
        for (Py_ssize_t k = start; k < end; ++k) {
            char encoded[11];
            int len = 0;
            switch (errors) {
            case CodecErrors::replace:
                encoded[0] = '?';
                len = 1;
                break;
            case CodecErrors::ignore: break;
            case CodecErrors::backslashreplace:
                len = backslash_escape(encoded, PyUnicode_READ(kind, data, k));
                break;
            case CodecErrors::xmlcharrefreplace:
                len = xml_char_ref(encoded, PyUnicode_READ(kind, data, k));
                break;
            case CodecErrors::unknown: raise_unknown_handler(errors_name); return nullptr;
            default: raise_encode_error(encoding, str, start, end, reason); return nullptr;
            }
            if (out.append(encoded, len) < 0) return nullptr;
        }
        i = end;
    }
    return out.to_bytes();
}
}  // namespace minipy::runtime

using namespace minipy::runtime;

// --- Encoding ---------------------------------------------------------------------------

extern "C" const char *PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *size) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return nullptr;
    }
    if (PyUnicode_IS_ASCII(unicode)) {
        if (size != nullptr) *size = PyUnicode_GET_LENGTH(unicode);
        return static_cast<const char *>(PyUnicode_DATA(unicode));
    }
    PyCompactUnicodeObject *compact = _PyCompactUnicodeObject_CAST(unicode);
    if (compact->utf8 == nullptr) {
        const Py_ssize_t n = utf8_size_without_surrogates(unicode);
        if (n < 0) {
            // Only to raise the error with the handler's message.
            PyObject *failed = utf8_encode_with_handler(unicode, nullptr);
            Py_XDECREF(failed);
            return nullptr;
        }
        auto *utf8 = static_cast<char *>(PyObject_Malloc(static_cast<size_t>(n) + 1));
        if (utf8 == nullptr) {
            PyErr_NoMemory();
            return nullptr;
        }
        utf8_encode_into(utf8, unicode);
        utf8[n] = '\0';
        compact->utf8 = utf8;
        compact->utf8_length = n;
    }
    if (size != nullptr) *size = compact->utf8_length;
    return compact->utf8;
}

extern "C" const char *PyUnicode_AsUTF8(PyObject *unicode) noexcept {
    return PyUnicode_AsUTF8AndSize(unicode, nullptr);
}

extern "C" PyObject *PyUnicode_AsUTF8String(PyObject *unicode) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return nullptr;
    }
    return unicode_encode_utf8(unicode, nullptr);
}

extern "C" PyObject *PyUnicode_AsASCIIString(PyObject *unicode) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return nullptr;
    }
    return unicode_encode_charmap_limit(unicode, 128, nullptr);
}

extern "C" PyObject *PyUnicode_AsLatin1String(PyObject *unicode) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return nullptr;
    }
    return unicode_encode_charmap_limit(unicode, 256, nullptr);
}

extern "C" PyObject *PyUnicode_AsEncodedString(PyObject *unicode, const char *encoding,
                                               const char *errors) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return nullptr;
    }
    PyObject *result;
    switch (encoding_from_name(encoding)) {
    case Encoding::utf8: result = unicode_encode_utf8(unicode, errors); break;
    case Encoding::latin1: result = unicode_encode_charmap_limit(unicode, 256, errors); break;
    case Encoding::ascii: result = unicode_encode_charmap_limit(unicode, 128, errors); break;
    default: return PyErr_Format(PyExc_LookupError, "unknown encoding: %s", encoding);
    }
    if (result == nullptr && !encoding_is_fast_path(encoding))
        wrap_codec_error("encoding", encoding);
    return result;
}
