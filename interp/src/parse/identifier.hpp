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
// exception set. A non-ASCII identifier is normalized to NFKC, as CPython does ("ﬁ" is
// "fi", "ｘ" is "x", "e" + U+0301 is "é").
PyObject *new_identifier(const char *text, Py_ssize_t size) noexcept;

// unicodedata.normalize('NFKC', name) for a name made of identifier characters (nfkc.cpp;
// other characters are left as they are). New reference, or NULL with MemoryError set.
PyObject *nfkc_normalize(PyObject *name) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_IDENTIFIER_HPP
