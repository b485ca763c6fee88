// See identifier.hpp. The character properties are the runtime's (_PyUnicode_IsXidStart and
// _PyUnicode_IsXidContinue, tables generated from python3's unicodedata).
#include "parse/identifier.hpp"

namespace minipy::parse {

Py_ssize_t scan_identifier(PyObject *name) noexcept {
    const Py_ssize_t length = PyUnicode_GetLength(name);
    if (length == 0) return 0;
    const Py_UCS4 first = PyUnicode_ReadChar(name, 0);
    if (first != '_' && !_PyUnicode_IsXidStart(first)) return 0;
    Py_ssize_t i = 1;
    while (i < length && _PyUnicode_IsXidContinue(PyUnicode_ReadChar(name, i))) ++i;
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
