// Building the SyntaxError family's instances the way CPython 3.11 fills them: the message,
// (filename, lineno, offset, text, end_lineno, end_offset). Offsets handed in are 1-based
// *character* offsets already; byte_offset_to_character_offset converts a parser column.
#ifndef MINIPY_INTERP_PARSE_SYNTAX_ERROR_HPP
#define MINIPY_INTERP_PARSE_SYNTAX_ERROR_HPP

#include "minipy/Python.h"

namespace minipy::parse {

// Sets `type(msg, (filename, lineno, offset, text, end_lineno, end_offset))` as the current
// exception. `text` NULL gives None; nothing is stolen. Returns NULL for `return raise...`.
void *raise_located_error(PyObject *type, PyObject *msg, PyObject *filename, Py_ssize_t lineno,
                          Py_ssize_t offset, PyObject *text, Py_ssize_t end_lineno,
                          Py_ssize_t end_offset) noexcept;

// The 1-based character offset for the 1-based byte offset `col_offset` in `line`, as
// CPython's _PyPegen_byte_offset_to_character_offset (a cut UTF-8 sequence counts as one
// character; an offset past the end is clamped to len + 1). -1 with an exception set.
Py_ssize_t byte_offset_to_character_offset(PyObject *line, Py_ssize_t col_offset) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_SYNTAX_ERROR_HPP
