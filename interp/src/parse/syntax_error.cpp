// See syntax_error.hpp.
#include "parse/syntax_error.hpp"

#include <cstring>

namespace minipy::parse {

void *raise_located_error(PyObject *type, PyObject *msg, PyObject *filename, Py_ssize_t lineno,
                          Py_ssize_t offset, PyObject *text, Py_ssize_t end_lineno,
                          Py_ssize_t end_offset) noexcept {
    PyObject *args =
        Py_BuildValue("(O(OnnOnn))", msg, filename != nullptr ? filename : Py_None, lineno, offset,
                      text != nullptr ? text : Py_None, end_lineno, end_offset);
    if (args == nullptr) return nullptr;
    PyObject *exc = PyObject_CallObject(type, args);
    Py_DECREF(args);
    if (exc == nullptr) return nullptr;
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
    return nullptr;
}

Py_ssize_t byte_offset_to_character_offset(PyObject *line, Py_ssize_t col_offset) noexcept {
    const char *str = PyUnicode_AsUTF8(line);
    if (str == nullptr) return -1;
    const Py_ssize_t len = static_cast<Py_ssize_t>(std::strlen(str));
    if (col_offset > len + 1) col_offset = len + 1;
    if (col_offset <= 0) return col_offset;
    // Decoding len + 1 bytes takes in the terminating NUL, as CPython does.
    PyObject *text = PyUnicode_DecodeUTF8(str, col_offset, "replace");
    if (text == nullptr) return -1;
    const Py_ssize_t size = PyUnicode_GetLength(text);
    Py_DECREF(text);
    return size;
}

}  // namespace minipy::parse
