// String literals, shared by string_literal.cpp (prefixes, escapes, concatenation) and
// fstring.cpp (f-string bodies). Internal to the parser. The behaviour is CPython 3.11's
// Parser/string_parser.c: in 3.11 an f-string is one STRING token whose body is scanned here
// and whose expressions are parsed by a nested parser over "(expr)".
#ifndef MINIPY_INTERP_PARSE_STRING_PARSER_HPP
#define MINIPY_INTERP_PARSE_STRING_PARSER_HPP

#include "parse/parser.hpp"

namespace minipy::parse {

// What an adjacent-literal concatenation has gathered so far (CPython's FstringParser).
struct FstringState {
    PyObject *last_str = nullptr;  // text not yet turned into a Constant (owned)
    ast::Expr **items = nullptr;   // the JoinedStr's values so far, in the scratch of `p`
    Py_ssize_t size = 0;
    Py_ssize_t capacity = 0;
    bool fmode = false;  // an f-string took part: the result is a JoinedStr
};

void fstring_state_clear(FstringState *state) noexcept;
int fstring_state_append(Parser &p, FstringState *state, ast::Expr *e) noexcept;
// Appends text (stolen; an empty str is dropped).
int fstring_concat_and_del(FstringState *state, PyObject *str) noexcept;
// A Constant for `*str` (stolen and cleared) spanning first..last; kind 'u' when the first
// token starts with a lowercase u, as CPython.
ast::Expr *make_str_node_and_del(Parser &p, PyObject **str, Token *first, Token *last) noexcept;
// The JoinedStr (or the plain Constant when no f-string took part) spanning first..last.
ast::Expr *fstring_finish(Parser &p, FstringState *state, Token *first, Token *last) noexcept;
// Scans an f-string body [*str, end) into state (recurse_lvl 0 at the top, 1 in a format
// spec). 0, or -1 with an exception set.
int fstring_concat(Parser &p, FstringState *state, const char **str, const char *end, bool raw,
                   int recurse_lvl, Token *first, Token *t, Token *last) noexcept;

// Decodes the body of a non-raw str literal (escapes, UTF-8), or NULL with an exception: a
// bad escape raises UnicodeError whose text is CPython's ("'unicodeescape' codec can't
// decode bytes in position 0-2: truncated \xXX escape"), to be reported as "(unicode error)".
PyObject *decode_unicode_with_escapes(const char *s, Py_ssize_t len) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_STRING_PARSER_HPP
