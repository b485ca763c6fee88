// The operator and keyword tables of token.hpp (CPython 3.11's Grammar/Tokens and
// keyword.kwlist).
#include "parse/token.hpp"

#include <cstring>

namespace minipy::parse {

Tok token_one_char(int c1) noexcept {
    switch (c1) {
    case '%': return Tok::PERCENT;
    case '&': return Tok::AMPER;
    case '(': return Tok::LPAR;
    case ')': return Tok::RPAR;
    case '*': return Tok::STAR;
    case '+': return Tok::PLUS;
    case ',': return Tok::COMMA;
    case '-': return Tok::MINUS;
    case '.': return Tok::DOT;
    case '/': return Tok::SLASH;
    case ':': return Tok::COLON;
    case ';': return Tok::SEMI;
    case '<': return Tok::LESS;
    case '=': return Tok::EQUAL;
    case '>': return Tok::GREATER;
    case '@': return Tok::AT;
    case '[': return Tok::LSQB;
    case ']': return Tok::RSQB;
    case '^': return Tok::CIRCUMFLEX;
    case '{': return Tok::LBRACE;
    case '|': return Tok::VBAR;
    case '}': return Tok::RBRACE;
    case '~': return Tok::TILDE;
    default: return Tok::OP;
    }
}

Tok token_two_chars(int c1, int c2) noexcept {
    switch (c1) {
    case '!': return c2 == '=' ? Tok::NOTEQUAL : Tok::OP;
    case '%': return c2 == '=' ? Tok::PERCENTEQUAL : Tok::OP;
    case '&': return c2 == '=' ? Tok::AMPEREQUAL : Tok::OP;
    case '*': return c2 == '*' ? Tok::DOUBLESTAR : c2 == '=' ? Tok::STAREQUAL : Tok::OP;
    case '+': return c2 == '=' ? Tok::PLUSEQUAL : Tok::OP;
    case '-': return c2 == '=' ? Tok::MINEQUAL : c2 == '>' ? Tok::RARROW : Tok::OP;
    case '/': return c2 == '/' ? Tok::DOUBLESLASH : c2 == '=' ? Tok::SLASHEQUAL : Tok::OP;
    case ':': return c2 == '=' ? Tok::COLONEQUAL : Tok::OP;
    case '<':
        return c2 == '<'   ? Tok::LEFTSHIFT
               : c2 == '=' ? Tok::LESSEQUAL
               : c2 == '>' ? Tok::NOTEQUAL
                           : Tok::OP;
    case '=': return c2 == '=' ? Tok::EQEQUAL : Tok::OP;
    case '>': return c2 == '=' ? Tok::GREATEREQUAL : c2 == '>' ? Tok::RIGHTSHIFT : Tok::OP;
    case '@': return c2 == '=' ? Tok::ATEQUAL : Tok::OP;
    case '^': return c2 == '=' ? Tok::CIRCUMFLEXEQUAL : Tok::OP;
    case '|': return c2 == '=' ? Tok::VBAREQUAL : Tok::OP;
    default: return Tok::OP;
    }
}

Tok token_three_chars(int c1, int c2, int c3) noexcept {
    if (c3 == '=') {
        if (c1 == '*' && c2 == '*') return Tok::DOUBLESTAREQUAL;
        if (c1 == '/' && c2 == '/') return Tok::DOUBLESLASHEQUAL;
        if (c1 == '<' && c2 == '<') return Tok::LEFTSHIFTEQUAL;
        if (c1 == '>' && c2 == '>') return Tok::RIGHTSHIFTEQUAL;
    }
    if (c1 == '.' && c2 == '.' && c3 == '.') return Tok::ELLIPSIS;
    return Tok::OP;
}

namespace {

struct Keyword {
    const char *text;
    Tok kind;
};

// ORDER TOKEN (the keyword kinds).
constexpr Keyword kKeywords[] = {
    {"False", Tok::KW_FALSE}, {"None", Tok::KW_NONE},     {"True", Tok::KW_TRUE},
    {"and", Tok::KW_AND},     {"as", Tok::KW_AS},         {"assert", Tok::KW_ASSERT},
    {"break", Tok::KW_BREAK}, {"class", Tok::KW_CLASS},   {"continue", Tok::KW_CONTINUE},
    {"def", Tok::KW_DEF},     {"del", Tok::KW_DEL},       {"elif", Tok::KW_ELIF},
    {"else", Tok::KW_ELSE},   {"except", Tok::KW_EXCEPT}, {"finally", Tok::KW_FINALLY},
    {"for", Tok::KW_FOR},     {"from", Tok::KW_FROM},     {"global", Tok::KW_GLOBAL},
    {"if", Tok::KW_IF},       {"import", Tok::KW_IMPORT}, {"in", Tok::KW_IN},
    {"is", Tok::KW_IS},       {"lambda", Tok::KW_LAMBDA}, {"nonlocal", Tok::KW_NONLOCAL},
    {"not", Tok::KW_NOT},     {"or", Tok::KW_OR},         {"pass", Tok::KW_PASS},
    {"raise", Tok::KW_RAISE}, {"return", Tok::KW_RETURN}, {"try", Tok::KW_TRY},
    {"while", Tok::KW_WHILE}, {"with", Tok::KW_WITH},     {"yield", Tok::KW_YIELD},
};

}  // namespace

Tok keyword_kind(const char *text, int length) noexcept {
    if (length < 2 || length > 8 || text[0] < 'A' || text[0] > 'y') return Tok::NAME;
    for (const Keyword &keyword : kKeywords)
        if (std::strncmp(keyword.text, text, length) == 0 && keyword.text[length] == '\0')
            return keyword.kind;
    return Tok::NAME;
}

const char *token_text(Tok kind) noexcept {
    static constexpr const char *kOperators[] = {
        "(",  ")",   "[",   "]",   ":",  ",",   ";",  "+",  "-",  "*",   "/",  "|",
        "&",  "<",   ">",   "=",   ".",  "%",   "{",  "}",  "==", "!=",  "<=", ">=",
        "~",  "^",   "<<",  ">>",  "**", "+=",  "-=", "*=", "/=", "%=",  "&=", "|=",
        "^=", "<<=", ">>=", "**=", "//", "//=", "@",  "@=", "->", "...", ":=",
    };
    if (kind >= Tok::LPAR && kind <= Tok::COLONEQUAL)
        return kOperators[static_cast<int>(kind) - static_cast<int>(Tok::LPAR)];
    if (kind >= Tok::KW_FALSE)
        return kKeywords[static_cast<int>(kind) - static_cast<int>(Tok::KW_FALSE)].text;
    if (kind == Tok::ASYNC) return "async";
    if (kind == Tok::AWAIT) return "await";
    return nullptr;
}

}  // namespace minipy::parse
