// Token kinds and the Token record the parser works on. The kinds are CPython 3.11's
// (Grammar/Tokens) plus one kind per keyword, which the parser assigns to a NAME whose
// text is a keyword (as pegen does). Soft keywords (match, case, _) stay NAMEs.
#ifndef MINIPY_INTERP_PARSE_TOKEN_HPP
#define MINIPY_INTERP_PARSE_TOKEN_HPP

#include <cstdint>

namespace minipy::parse {

// ORDER TOKEN: NEWLINE, INDENT, DEDENT stay adjacent (Parser::last_non_whitespace_token).
enum class Tok : std::uint8_t {
    ENDMARKER,
    NAME,
    NUMBER,
    STRING,
    NEWLINE,
    INDENT,
    DEDENT,
    LPAR,
    RPAR,
    LSQB,
    RSQB,
    COLON,
    COMMA,
    SEMI,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    VBAR,
    AMPER,
    LESS,
    GREATER,
    EQUAL,
    DOT,
    PERCENT,
    LBRACE,
    RBRACE,
    EQEQUAL,
    NOTEQUAL,
    LESSEQUAL,
    GREATEREQUAL,
    TILDE,
    CIRCUMFLEX,
    LEFTSHIFT,
    RIGHTSHIFT,
    DOUBLESTAR,
    PLUSEQUAL,
    MINEQUAL,
    STAREQUAL,
    SLASHEQUAL,
    PERCENTEQUAL,
    AMPEREQUAL,
    VBAREQUAL,
    CIRCUMFLEXEQUAL,
    LEFTSHIFTEQUAL,
    RIGHTSHIFTEQUAL,
    DOUBLESTAREQUAL,
    DOUBLESLASH,
    DOUBLESLASHEQUAL,
    AT,
    ATEQUAL,
    RARROW,
    ELLIPSIS,
    COLONEQUAL,
    OP,  // any other character ('$', '?', '!', a backquote)
    AWAIT,
    ASYNC,
    TYPE_COMMENT,  // never produced: minipy reads no type comments (the grammar asks)
    ERRORTOKEN,
    // Keywords (the parser's reserved words), alphabetical as in keyword.kwlist.
    KW_FALSE,
    KW_NONE,
    KW_TRUE,
    KW_AND,
    KW_AS,
    KW_ASSERT,
    KW_BREAK,
    KW_CLASS,
    KW_CONTINUE,
    KW_DEF,
    KW_DEL,
    KW_ELIF,
    KW_ELSE,
    KW_EXCEPT,
    KW_FINALLY,
    KW_FOR,
    KW_FROM,
    KW_GLOBAL,
    KW_IF,
    KW_IMPORT,
    KW_IN,
    KW_IS,
    KW_LAMBDA,
    KW_NONLOCAL,
    KW_NOT,
    KW_OR,
    KW_PASS,
    KW_RAISE,
    KW_RETURN,
    KW_TRY,
    KW_WHILE,
    KW_WITH,
    KW_YIELD,
};

// The operator for one, two or three characters (OP when there is none), as CPython's
// PyToken_OneChar / TwoChars / ThreeChars.
Tok token_one_char(int c1) noexcept;
Tok token_two_chars(int c1, int c2) noexcept;
Tok token_three_chars(int c1, int c2, int c3) noexcept;

// The keyword kind for a NAME's text, or Tok::NAME.
Tok keyword_kind(const char *text, int length) noexcept;

// The text a kind is written with in source ("if", "(", "**="), for messages; NULL for the
// kinds without a fixed spelling (NAME, NUMBER, STRING, NEWLINE, ...).
const char *token_text(Tok kind) noexcept;

struct Memo;

// One token. `start`/`end` point into the tokenizer's buffer (NULL for INDENT, DEDENT and
// the error token); positions are CPython's: 1-based lines, 0-based byte columns, -1 when
// the token has no text of its own.
struct Token {
    Tok type;
    int level;  // parenthesis depth after this token
    int lineno;
    int col_offset;
    int end_lineno;
    int end_col_offset;
    const char *start;
    const char *end;
    Memo *memo;  // the parser's results of memoized rules starting here
};

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_TOKEN_HPP
