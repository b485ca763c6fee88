// UnicodeWriter (see str_internal.hpp): the buffer behind repr(), FromFormat and the
// methods that build a string whose length is not known in advance.
//
// Invariant: buffer_ holds pos_ characters of kind_, and kind_ == unicode_kind_for(maxchar_)
// once anything was written (kind 1 before). Widening converts the characters already
// written in place, from the last one down, after growing the buffer. Growth is by half
// again, as CPython's writer over-allocates, so n appends cost O(n) copies in total.
#include <cstring>

#include "minipy/pyerrors.h"
#include "minipy/pymem.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {

UnicodeWriter::~UnicodeWriter() noexcept {
    PyMem_Free(buffer_);
}

int UnicodeWriter::widen(Py_UCS4 maxchar) noexcept {
    const int new_kind = unicode_kind_for(maxchar);
    if (new_kind <= kind_) return 0;
    if (capacity_ > 0) {
        if (capacity_ > PY_SSIZE_T_MAX / new_kind) {
            PyErr_NoMemory();
            return -1;
        }
        auto *grown = static_cast<unsigned char *>(
            PyMem_Realloc(buffer_, static_cast<size_t>(capacity_ * new_kind)));
        if (grown == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
        buffer_ = grown;
        // Back to front, so no unit is overwritten before it is read.
        for (Py_ssize_t i = pos_ - 1; i >= 0; --i)
            PyUnicode_WRITE(new_kind, buffer_, i, PyUnicode_READ(kind_, buffer_, i));
    }
    kind_ = new_kind;
    return 0;
}

int UnicodeWriter::reserve(Py_ssize_t extra, Py_UCS4 maxchar) noexcept {
    if (maxchar > maxchar_) {
        if (widen(maxchar) < 0) return -1;
        maxchar_ = maxchar;
    }
    if (extra <= capacity_ - pos_) return 0;
    if (extra > PY_SSIZE_T_MAX - pos_) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t needed = pos_ + extra;
    Py_ssize_t capacity = capacity_ + capacity_ / 2;
    if (capacity < needed) capacity = needed;
    if (capacity < 16) capacity = 16;
    if (capacity > PY_SSIZE_T_MAX / kind_) {
        capacity = needed;
        if (capacity > PY_SSIZE_T_MAX / kind_) {
            PyErr_NoMemory();
            return -1;
        }
    }
    auto *grown =
        static_cast<unsigned char *>(PyMem_Realloc(buffer_, static_cast<size_t>(capacity * kind_)));
    if (grown == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    buffer_ = grown;
    capacity_ = capacity;
    return 0;
}

int UnicodeWriter::write_char(Py_UCS4 ch) noexcept {
    if (reserve(1, ch) < 0) return -1;
    PyUnicode_WRITE(kind_, buffer_, pos_, ch);
    ++pos_;
    return 0;
}

int UnicodeWriter::write_ascii(const char *s, Py_ssize_t n) noexcept {
    if (n <= 0) return 0;  // the buffer may not exist yet
    if (reserve(n, 0) < 0) return -1;
    if (kind_ == PyUnicode_1BYTE_KIND)
        std::memcpy(at(pos_), s, static_cast<size_t>(n));
    else
        for (Py_ssize_t i = 0; i < n; ++i)
            PyUnicode_WRITE(kind_, buffer_, pos_ + i, static_cast<unsigned char>(s[i]));
    pos_ += n;
    return 0;
}

int UnicodeWriter::write_latin1(const char *s, Py_ssize_t n) noexcept {
    if (n <= 0) return 0;
    const Py_UCS4 maxchar = unicode_find_maxchar(PyUnicode_1BYTE_KIND, s, n);
    if (reserve(n, maxchar) < 0) return -1;
    unicode_convert_units(kind_, at(pos_), PyUnicode_1BYTE_KIND, s, n);
    pos_ += n;
    return 0;
}

int UnicodeWriter::write_str(PyObject *str) noexcept {
    return write_substring(str, 0, PyUnicode_GET_LENGTH(str));
}

int UnicodeWriter::write_substring(PyObject *str, Py_ssize_t start, Py_ssize_t end) noexcept {
    if (end <= start) return 0;
    const int kind = PyUnicode_KIND(str);
    const char *data = static_cast<const char *>(PyUnicode_DATA(str)) + start * kind;
    const Py_UCS4 limit = PyUnicode_MAX_CHAR_VALUE(str);
    // A piece of a wide string may itself be narrow: look before widening for nothing.
    const Py_UCS4 maxchar = limit <= maxchar_ ? 0 : unicode_find_maxchar(kind, data, end - start);
    if (reserve(end - start, maxchar) < 0) return -1;
    unicode_convert_units(kind_, at(pos_), kind, data, end - start);
    pos_ += end - start;
    return 0;
}

int UnicodeWriter::write_fill(Py_UCS4 ch, Py_ssize_t count) noexcept {
    if (count <= 0) return 0;
    if (reserve(count, ch) < 0) return -1;
    for (Py_ssize_t i = 0; i < count; ++i) PyUnicode_WRITE(kind_, buffer_, pos_ + i, ch);
    pos_ += count;
    return 0;
}

PyObject *UnicodeWriter::finish() noexcept {
    // reserve() may have been told an upper bound only: the real maximum decides the kind.
    PyObject *result =
        unicode_from_units(kind_, buffer_, pos_, unicode_find_maxchar(kind_, buffer_, pos_));
    PyMem_Free(buffer_);
    buffer_ = nullptr;
    capacity_ = pos_ = 0;
    kind_ = PyUnicode_1BYTE_KIND;
    maxchar_ = 0;
    return result;
}

}  // namespace minipy::runtime
