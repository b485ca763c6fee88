// The tokenizer's scanner: lines, indentation, names, operators, brackets, strings. Numbers
// are in tokenizer_number.cpp. See tokenizer.hpp for the contract; the behaviour (and each
// message) is CPython 3.11's tok_get.
#include "parse/tokenizer.hpp"

#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "parse/identifier.hpp"
#include "parse/source.hpp"
#include "parse/syntax_error.hpp"

namespace minipy::parse {

namespace {

constexpr int kEOF = -1;
constexpr int kAltTabSize = 1;

bool is_identifier_start(int c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

}  // namespace

bool is_potential_identifier_char(int c) noexcept {  // identifier.hpp
    return is_identifier_start(c) || (c >= '0' && c <= '9');
}

Tokenizer::Tokenizer(const char *source, Py_ssize_t size, PyObject *filename_object,
                     bool check_utf8, bool check_nul) noexcept
    : str(source),
      buf(source),
      cur(source),
      inp(source),
      line_start(source),
      multi_line_start(source),
      filename(filename_object),
      end_of_input_(source + size),
      check_utf8_(check_utf8),
      check_nul_(check_nul) {}

// The checks CPython's file tokenizer makes on each line it reads: UTF-8 unless an encoding
// was declared ("Non-UTF-8 code ...", no position), then no NUL byte.
[[gnu::noinline]] bool Tokenizer::check_new_line() noexcept {
    if (check_utf8_) {
        for (const char *c = line_start; c < inp && *c != '\0';) {
            const int length = utf8_sequence_length(reinterpret_cast<const unsigned char *>(c));
            if (length == 0) {
                PyErr_Format(PyExc_SyntaxError,
                             "Non-UTF-8 code starting with '\\x%.2x' in file %U on line %d, but "
                             "no encoding declared; see https://peps.python.org/pep-0263/ for "
                             "details",
                             static_cast<unsigned char>(*c), filename, lineno);
                done = TokDone::ERROR;
                decoding_erred_ = true;
                cur = inp;
                return false;
            }
            c += length;
        }
    }
    if (check_nul_ && std::memchr(line_start, '\0', inp - line_start) != nullptr) {
        syntax_error("source code cannot contain null bytes");
        cur = inp;
        return false;
    }
    return true;
}

// The next byte (0..255), or kEOF. Reads a new line when the current one is used up, as
// CPython's tok_nextc over a string: `lineno` counts the lines read, `line_start` (and `buf`
// outside a token) move to the new line, `inp` to its end.
int Tokenizer::next_char() noexcept {
    if (cur != inp) [[likely]]
        return static_cast<unsigned char>(*cur++);
    if (done != TokDone::OK) return kEOF;
    if (inp == end_of_input_) {
        done = TokDone::EOF_;
        cur = inp;
        return kEOF;
    }
    const char *newline = static_cast<const char *>(std::memchr(inp, '\n', end_of_input_ - inp));
    const char *line_end = newline != nullptr ? newline + 1 : end_of_input_;
    ++lineno;
    // `buf` (where an error's text starts) stays on the first line of a token that spans
    // lines: a triple-quoted string, a backslash continuation.
    if (token_start_ == nullptr) buf = cur;
    line_start = cur;
    inp = line_end;
    if ((check_utf8_ || check_nul_) && !check_new_line()) return kEOF;
    return static_cast<unsigned char>(*cur++);
}

void Tokenizer::backup(int c) noexcept {
    if (c != kEOF) --cur;
}

// Whether the next characters spell `test` and no identifier character follows; consumes
// nothing.
bool Tokenizer::lookahead(const char *test) noexcept {
    const char *s = test;
    bool result = false;
    for (;;) {
        const int c = next_char();
        if (*s == '\0') {
            result = !is_potential_identifier_char(c);
        } else if (c == static_cast<unsigned char>(*s)) {
            ++s;
            continue;
        }
        backup(c);
        while (s != test) {
            --s;
            backup(static_cast<unsigned char>(*s));
        }
        return result;
    }
}

// After a backslash: the newline it must precede, then the first character of the next
// line (put back). -1 when the backslash is not followed by a newline or ends the input.
int Tokenizer::continuation_line() noexcept {
    int c = next_char();
    if (c != '\n') {
        done = TokDone::LINECONT;
        return -1;
    }
    c = next_char();
    if (c == kEOF) {
        done = TokDone::EOF_;
        cur = inp;
        return -1;
    }
    backup(c);
    return c;
}

Tok Tokenizer::indentation_error() noexcept {
    done = TokDone::TABSPACE;
    cur = inp;
    return Tok::ERRORTOKEN;
}

// A SyntaxError at the current position (CPython's _syntaxerror_range): the offset counts
// the characters from the line's start to `cur` unless given; the text is the line.
Tok Tokenizer::syntax_error_va(int col_offset, int end_col_offset, const char *format,
                               va_list args) noexcept {
    // After a line that failed its checks the tokenizer sees the end of the input; the
    // line's error stays the one reported.
    if (done == TokDone::ERROR && PyErr_Occurred()) return Tok::ERRORTOKEN;
    done = TokDone::ERROR;
    PyObject *msg = PyUnicode_FromFormatV(format, args);
    if (msg == nullptr) return Tok::ERRORTOKEN;
    PyObject *text = PyUnicode_DecodeUTF8(line_start, cur - line_start, "replace");
    if (text != nullptr) {
        if (col_offset == -1) col_offset = static_cast<int>(PyUnicode_GetLength(text));
        if (end_col_offset == -1) end_col_offset = col_offset;
        const Py_ssize_t line_len = static_cast<Py_ssize_t>(std::strcspn(line_start, "\n"));
        if (line_len != cur - line_start) {
            Py_DECREF(text);
            text = PyUnicode_DecodeUTF8(line_start, line_len, "replace");
        }
    }
    if (text != nullptr) {
        raise_located_error(PyExc_SyntaxError, msg, filename, lineno, col_offset, text, lineno,
                            end_col_offset);
        Py_DECREF(text);
    }
    Py_DECREF(msg);
    return Tok::ERRORTOKEN;
}

Tok Tokenizer::syntax_error(const char *format, ...) noexcept {
    va_list args;
    va_start(args, format);
    syntax_error_va(-1, -1, format, args);
    va_end(args);
    return Tok::ERRORTOKEN;
}

Tok Tokenizer::syntax_error_range(int col_offset, int end_col_offset, const char *format,
                                  ...) noexcept {
    va_list args;
    va_start(args, format);
    syntax_error_va(col_offset, end_col_offset, format, args);
    va_end(args);
    return Tok::ERRORTOKEN;
}

// A name with non-ASCII characters: every character must be an identifier character
// (CPython's verify_identifier); else "invalid character" naming the first bad one.
bool Tokenizer::verify_identifier() noexcept {
    PyObject *name = PyUnicode_DecodeUTF8(token_start_, cur - token_start_, nullptr);
    if (name == nullptr) {
        done = PyErr_ExceptionMatches(PyExc_UnicodeDecodeError) ? TokDone::DECODE : TokDone::ERROR;
        return false;
    }
    const Py_ssize_t length = PyUnicode_GetLength(name);
    const Py_ssize_t invalid = scan_identifier(name);
    if (invalid >= length) {
        Py_DECREF(name);
        return true;
    }
    const Py_UCS4 ch = PyUnicode_ReadChar(name, invalid);
    Py_DECREF(name);
    if (invalid + 1 < length) {
        // Point just past the bad character: count the UTF-8 bytes up to it.
        const char *p = token_start_;
        for (Py_ssize_t i = 0; i <= invalid; ++i) {
            ++p;
            while ((static_cast<unsigned char>(*p) & 0xC0) == 0x80) ++p;
        }
        cur = p;
    }
    char hex[9];
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(ch));
    if (_PyUnicode_IsPrintable(ch))
        syntax_error("invalid character '%c' (U+%s)", static_cast<int>(ch), hex);
    else
        syntax_error("invalid non-printable character U+%s", hex);
    return false;
}

// At the start of a line: measures its indentation and queues INDENT/DEDENT (pendin).
// Returns false after an error. Sets *blankline for lines with only blanks or a comment.
bool Tokenizer::read_indentation(bool *blankline) noexcept {
    int col = 0, altcol = 0, cont_line_col = 0;
    int c;
    for (;;) {
        c = next_char();
        if (c == ' ') {
            ++col;
            ++altcol;
        } else if (c == '\t') {
            col = (col / kTabSize + 1) * kTabSize;
            altcol = (altcol / kAltTabSize + 1) * kAltTabSize;
        } else if (c == '\014') {  // form feed resets the column, for Emacs users
            col = altcol = 0;
        } else if (c == '\\') {
            // A backslash splits the indentation: the first one found decides the level.
            cont_line_col = cont_line_col != 0 ? cont_line_col : col;
            if (continuation_line() == -1) return false;
        } else {
            break;
        }
    }
    backup(c);
    *blankline = c == '#' || c == '\n';
    if (*blankline || level != 0) return true;
    if (cont_line_col != 0) col = altcol = cont_line_col;
    if (col == indstack_[indent]) {
        if (altcol != altindstack_[indent]) {
            indentation_error();
            return false;
        }
    } else if (col > indstack_[indent]) {
        if (indent + 1 >= kMaxIndent) {
            done = TokDone::TOODEEP;
            cur = inp;
            return false;
        }
        if (altcol <= altindstack_[indent]) {
            indentation_error();
            return false;
        }
        ++pendin;
        indstack_[++indent] = col;
        altindstack_[indent] = altcol;
    } else {
        while (indent > 0 && col < indstack_[indent]) {
            --pendin;
            --indent;
        }
        if (col != indstack_[indent]) {
            done = TokDone::DEDENT;
            cur = inp;
            return false;
        }
        if (altcol != altindstack_[indent]) {
            indentation_error();
            return false;
        }
    }
    return true;
}

// A string literal from its opening quote (any prefix already read): single or triple
// quoted, backslash escapes skipped, to the matching closing quote.
Tok Tokenizer::string(int quote, const char **start, const char **end) noexcept {
    int quote_size = 1;
    int end_quote_size = 0;
    first_lineno = lineno;
    multi_line_start = line_start;
    int c = next_char();
    if (c == quote) {
        c = next_char();
        if (c == quote)
            quote_size = 3;
        else
            end_quote_size = 1;  // the empty string
    }
    if (c != quote) backup(c);
    while (end_quote_size != quote_size) {
        c = next_char();
        if (c == kEOF || (quote_size == 1 && c == '\n')) {
            // Report from the opening quote, on the line the string began.
            cur = token_start_ + 1;
            line_start = multi_line_start;
            const int detected_at = lineno;
            lineno = first_lineno;
            if (quote_size == 3)
                return syntax_error(
                    "unterminated triple-quoted string literal (detected at line %d)", detected_at);
            return syntax_error("unterminated string literal (detected at line %d)", detected_at);
        }
        if (c == quote) {
            ++end_quote_size;
        } else {
            end_quote_size = 0;
            if (c == '\\') next_char();  // the escaped character
        }
    }
    *start = token_start_;
    *end = cur;
    return Tok::STRING;
}

// CPython's _PyTokenizer_Get: once a line failed to decode, every token is an error (so
// that no DEDENT or ENDMARKER lets the parser go on to an error of its own).
Tok Tokenizer::get(const char **start, const char **end) noexcept {
    const Tok type = next_token(start, end);
    if (decoding_erred_) [[unlikely]] {
        done = TokDone::DECODE;
        return Tok::ERRORTOKEN;
    }
    return type;
}

Tok Tokenizer::next_token(const char **start, const char **end) noexcept {
    *start = *end = nullptr;
    int c;
    bool blankline = false;
nextline:
    token_start_ = nullptr;
    blankline = false;
    if (atbol_) {
        atbol_ = false;
        if (!read_indentation(&blankline)) return Tok::ERRORTOKEN;
    }
    token_start_ = cur;
    if (pendin != 0) {
        if (pendin < 0) {
            ++pendin;
            return Tok::DEDENT;
        }
        --pendin;
        return Tok::INDENT;
    }
    // Peek at the next character (this reads the next line when needed).
    c = next_char();
    backup(c);
again:
    token_start_ = nullptr;
    do {
        c = next_char();
    } while (c == ' ' || c == '\t' || c == '\014');
    token_start_ = cur == nullptr ? nullptr : cur - 1;
    if (c == '#') {
        while (c != kEOF && c != '\n') c = next_char();
    }
    if (c == kEOF) {
        if (level != 0) return Tok::ERRORTOKEN;
        return done == TokDone::EOF_ ? Tok::ENDMARKER : Tok::ERRORTOKEN;
    }

    if (is_identifier_start(c)) {
        // String prefixes: any order of b/r, f/r, or a lone u.
        bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
        for (;;) {
            if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B'))
                saw_b = true;
            else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U'))
                saw_u = true;
            else if (!(saw_r || saw_u) && (c == 'r' || c == 'R'))
                saw_r = true;
            else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F'))
                saw_f = true;
            else
                break;
            c = next_char();
            if (c == '"' || c == '\'') return string(c, start, end);
        }
        bool nonascii = false;
        while (is_potential_identifier_char(c)) {
            if (c >= 128) nonascii = true;
            c = next_char();
        }
        backup(c);
        if (nonascii && !verify_identifier()) return Tok::ERRORTOKEN;
        *start = token_start_;
        *end = cur;
        if (cur - token_start_ == 5 && token_start_[0] == 'a') {
            if (std::memcmp(token_start_, "async", 5) == 0) return Tok::ASYNC;
            if (std::memcmp(token_start_, "await", 5) == 0) return Tok::AWAIT;
        }
        return Tok::NAME;
    }

    if (c == '\n') {
        atbol_ = true;
        if (blankline || level > 0) goto nextline;
        *start = token_start_;
        *end = cur - 1;  // the newline itself is not part of the token
        cont_line_ = false;
        return Tok::NEWLINE;
    }

    if (c == '.') {
        c = next_char();
        if (c >= '0' && c <= '9') return fraction_and_exponent(c, start, end);
        if (c == '.') {
            c = next_char();
            if (c == '.') {
                *start = token_start_;
                *end = cur;
                return Tok::ELLIPSIS;
            }
            backup(c);
            backup('.');
        } else {
            backup(c);
        }
        *start = token_start_;
        *end = cur;
        return Tok::DOT;
    }

    if (c >= '0' && c <= '9') return number(c, start, end);

    if (c == '\'' || c == '"') return string(c, start, end);

    if (c == '\\') {
        if (continuation_line() == -1) return Tok::ERRORTOKEN;
        cont_line_ = true;
        goto again;
    }

    {
        const int c2 = next_char();
        Tok kind = token_two_chars(c, c2);
        if (kind != Tok::OP) {
            const int c3 = next_char();
            const Tok kind3 = token_three_chars(c, c2, c3);
            if (kind3 != Tok::OP)
                kind = kind3;
            else
                backup(c3);
            *start = token_start_;
            *end = cur;
            return kind;
        }
        backup(c2);
    }

    switch (c) {
    case '(':
    case '[':
    case '{':
        if (level >= kMaxLevel) return syntax_error("too many nested parentheses");
        parenstack[level] = static_cast<char>(c);
        parenlinenostack[level] = lineno;
        parencolstack[level] = static_cast<int>(token_start_ - line_start);
        ++level;
        break;
    case ')':
    case ']':
    case '}': {
        if (level == 0) return syntax_error("unmatched '%c'", c);
        --level;
        const int opening = parenstack[level];
        if (!((opening == '(' && c == ')') || (opening == '[' && c == ']') ||
              (opening == '{' && c == '}'))) {
            if (parenlinenostack[level] != lineno)
                return syntax_error(
                    "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                    c, opening, parenlinenostack[level]);
            return syntax_error("closing parenthesis '%c' does not match opening parenthesis '%c'",
                                c, opening);
        }
        break;
    }
    default: break;
    }

    if (!_PyUnicode_IsPrintable(static_cast<Py_UCS4>(c))) {
        char hex[9];
        std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
        return syntax_error("invalid non-printable character U+%s", hex);
    }
    *start = token_start_;
    *end = cur;
    return token_one_char(c);
}

}  // namespace minipy::parse
