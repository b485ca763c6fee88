// repr(str), with CPython's quoting rules (Objects/unicodeobject.c, unicode_repr):
//   - the quote is ' unless the text holds a ' and no ", then it is ";
//   - the quote character and the backslash get a backslash; \t \n \r are spelled so;
//   - other characters below U+0020, and U+007F, become \xhh;
//   - a non-ASCII character stays as it is when printable (Py_UNICODE_ISPRINTABLE, from
//     the tables of str_ctype.cpp), else becomes \xhh, \uhhhh or \Uhhhhhhhh by size.
// Hex digits are lower case.
#include "minipy/unicodeobject.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Escapes ch as \x.., \u.... or \U........ into out; returns the length.
int hex_escape(char *out, Py_UCS4 ch) noexcept {
    int digits;
    out[0] = '\\';
    if (ch <= 0xff) {
        out[1] = 'x';
        digits = 2;
    } else if (ch <= 0xffff) {
        out[1] = 'u';
        digits = 4;
    } else {
        out[1] = 'U';
        digits = 8;
    }
    for (int i = 0; i < digits; ++i) out[2 + i] = kHexDigits[(ch >> (4 * (digits - 1 - i))) & 0xf];
    return 2 + digits;
}

}  // namespace

PyObject *unicode_repr(PyObject *str) noexcept {
    const int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    bool has_single = false, has_double = false;
    for (Py_ssize_t i = 0; i < n; ++i) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        has_single |= ch == '\'';
        has_double |= ch == '"';
    }
    const Py_UCS4 quote = has_single && !has_double ? Py_UCS4{'"'} : Py_UCS4{'\''};
    UnicodeWriter writer;
    if (writer.reserve(n + 2, 0) < 0 || writer.write_char(quote) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        char escaped[10];
        int len = 0;
        if (ch == quote || ch == '\\') {
            escaped[0] = '\\';
            escaped[1] = static_cast<char>(ch);
            len = 2;
        } else if (ch == '\t' || ch == '\n' || ch == '\r') {
            escaped[0] = '\\';
            escaped[1] = ch == '\t' ? 't' : ch == '\n' ? 'n' : 'r';
            len = 2;
        } else if (ch >= ' ' && ch != 0x7f && (ch < 0x7f || Py_UNICODE_ISPRINTABLE(ch))) {
            if (writer.write_char(ch) < 0) return nullptr;
            continue;
        } else {
            len = hex_escape(escaped, ch);  // control characters, DEL, the unprintable
        }
        if (writer.write_ascii(escaped, len) < 0) return nullptr;
    }
    if (writer.write_char(quote) < 0) return nullptr;
    return writer.finish();
}

}  // namespace minipy::runtime
