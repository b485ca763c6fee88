// Unicode character names for \N{...} escapes: the lookup CPython's unicode-escape decoder
// makes through unicodedata's name database (Modules/unicodedata.c, _getcode with named
// sequences refused), over tables generated from python3 (unicode_names_gen.py).
#ifndef MINIPY_INTERP_PARSE_UNICODE_NAMES_HPP
#define MINIPY_INTERP_PARSE_UNICODE_NAMES_HPP

#include <cstddef>

#include "minipy/Python.h"

namespace minipy::parse {

// The character `name` (size bytes, not NUL-terminated) names, as \N{name} reads it: a
// character's name or formal alias compared without regard to ASCII case, or, in upper case
// only, "CJK UNIFIED IDEOGRAPH-" and the four or five hex digits of an ideograph or
// "HANGUL SYLLABLE " and the syllable's jamo. False when nothing has that name.
bool lookup_unicode_name(const char *name, std::size_t size, Py_UCS4 *code) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_UNICODE_NAMES_HPP
