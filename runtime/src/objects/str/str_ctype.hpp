// The case mappings and extra properties str_ctype.cpp offers the str methods beyond
// the _PyUnicode_Is* functions of the public header. Internal to runtime/.
#ifndef MINIPY_UNICODE_CTYPE_HPP
#define MINIPY_UNICODE_CTYPE_HPP

#include "minipy/unicodeobject.h"

namespace minipy::runtime {

// str.lower() / str.upper() of one code point: writes 1..3 code points, returns the count.
int unicode_full_lower(Py_UCS4 ch, Py_UCS4 out[3]) noexcept;
int unicode_full_upper(Py_UCS4 ch, Py_UCS4 out[3]) noexcept;
// str.title() / str.casefold() of one code point, the same way.
int unicode_full_title(Py_UCS4 ch, Py_UCS4 out[3]) noexcept;
int unicode_full_fold(Py_UCS4 ch, Py_UCS4 out[3]) noexcept;
// For the final-sigma rule of str.lower().
bool unicode_is_cased(Py_UCS4 ch) noexcept;
bool unicode_is_case_ignorable(Py_UCS4 ch) noexcept;
bool unicode_is_numeric(Py_UCS4 ch) noexcept;
// The value of a decimal digit (str.isdecimal()), -1 for any other character.
int unicode_decimal_value(Py_UCS4 ch) noexcept;
// General category Lt (titlecase letters such as U+01C5).
bool unicode_is_titlecase(Py_UCS4 ch) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_UNICODE_CTYPE_HPP
