// Identifiers: which characters make one (PEP 3131, as CPython 3.11's
// _PyUnicode_ScanIdentifier) and the str object a NAME token becomes.
#ifndef MINIPY_INTERP_PARSE_IDENTIFIER_HPP
#define MINIPY_INTERP_PARSE_IDENTIFIER_HPP

#include "minipy/Python.h"

namespace minipy::parse {

// The tokenizer's cheap test: ASCII letters, digits, '_' and every non-ASCII byte (the
// exact check comes later, in scan_identifier).
bool is_potential_identifier_char(int c) noexcept;

// The index of the first character of `name` that cannot stand where it stands in an
// identifier (the first must be XID_Start or '_', the rest XID_Continue); the length when
// every character is fine.
Py_ssize_t scan_identifier(PyObject *name) noexcept;

// The interned str for an identifier's UTF-8 text (new reference), or NULL with an
// exception set. CPython normalizes non-ASCII identifiers to NFKC; minipy does not yet
// (interp/README.md), so "ﬁ" and "fi" are two names here.
PyObject *new_identifier(const char *text, Py_ssize_t size) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_IDENTIFIER_HPP
