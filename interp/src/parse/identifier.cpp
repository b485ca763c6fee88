// See identifier.hpp. The character tables come from identifier_gen.py.
#include "parse/identifier.hpp"

#include <cstddef>

namespace minipy::parse {

namespace {

struct CodeRange {
    Py_UCS4 first, last;
};

#include "parse/identifier_tables.inc"

template <std::size_t N>
bool in_ranges(const CodeRange (&table)[N], Py_UCS4 ch) noexcept {
    std::size_t lo = 0, hi = N;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (ch < table[mid].first)
            hi = mid;
        else if (ch > table[mid].last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

bool is_xid_start(Py_UCS4 ch) noexcept {
    if (ch < 128) return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
    return in_ranges(kXidStart, ch);
}

bool is_xid_continue(Py_UCS4 ch) noexcept {
    if (ch < 128) return is_xid_start(ch) || (ch >= '0' && ch <= '9');
    return in_ranges(kXidContinue, ch);
}

}  // namespace

Py_ssize_t scan_identifier(PyObject *name) noexcept {
    const Py_ssize_t length = PyUnicode_GetLength(name);
    if (length == 0) return 0;
    if (!is_xid_start(PyUnicode_ReadChar(name, 0))) return 0;
    Py_ssize_t i = 1;
    while (i < length && is_xid_continue(PyUnicode_ReadChar(name, i))) ++i;
    return i;
}

PyObject *new_identifier(const char *text, Py_ssize_t size) noexcept {
    PyObject *id = PyUnicode_DecodeUTF8(text, size, nullptr);
    if (id == nullptr) return nullptr;
    if (!PyUnicode_IS_ASCII(id)) {
        PyObject *normalized = nfkc_normalize(id);
        if (normalized == nullptr) {
            Py_DECREF(id);
            return nullptr;
        }
        Py_SETREF(id, normalized);
    }
    PyUnicode_InternInPlace(&id);
    return id;
}

}  // namespace minipy::parse
