// The tokenizer: source text to tokens, one at a time, on demand of the parser. It follows
// CPython 3.11's Parser/tokenizer.c in everything a program can observe: the token kinds and
// their extents, INDENT/DEDENT (tab size 8, checked against a tab size of 1 for
// TabError), implicit line joining inside brackets, explicit joining with a backslash,
// comments, the literal forms (numbers are checked here and converted by the parser;
// strings are delimited here and decoded by the parser), and each error with CPython's
// message and position.
//
// Input: one NUL-terminated buffer of UTF-8 with newlines already normalized to '\n' (see
// source.hpp). The buffer is read line by line as CPython's string tokenizer does, so that
// `buf`/`line_start`/`inp` mean what they mean there, which the parser's error positions
// depend on.
//
// States of `done`: OK while tokens come; EOF once the input is exhausted (ENDMARKER, or
// ERRORTOKEN when brackets are still open); ERROR after a SyntaxError was raised here; the
// other values mark an error the parser turns into an exception (DEDENT: unindent does not
// match; TABSPACE: TabError; TOODEEP: too many indentation levels; LINECONT: a character after
// a backslash). Every state but OK is final: the next get() returns ERRORTOKEN or ENDMARKER.
#ifndef MINIPY_INTERP_PARSE_TOKENIZER_HPP
#define MINIPY_INTERP_PARSE_TOKENIZER_HPP

#include "minipy/Python.h"
#include "parse/token.hpp"

namespace minipy::parse {

// DECODE: a name that is not UTF-8 (UnicodeDecodeError set; the parser reports it as
// "(unicode error) ...").
enum class TokDone : unsigned char { OK, EOF_, ERROR, DECODE, DEDENT, TABSPACE, TOODEEP, LINECONT };

class Tokenizer {
  public:
    static constexpr int kMaxIndent = 100;  // CPython's MAXINDENT
    static constexpr int kMaxLevel = 200;   // CPython's MAXLEVEL: nested brackets
    static constexpr int kTabSize = 8;

    // `source[0:size]` must outlive the tokenizer and be followed by a NUL; `filename` is
    // borrowed. `check_utf8`/`check_nul`: refuse a line that is not UTF-8 / holds a NUL, as
    // CPython's file tokenizer (source.hpp says when).
    Tokenizer(const char *source, Py_ssize_t size, PyObject *filename, bool check_utf8,
              bool check_nul) noexcept;

    // The next token's kind; its text is [*start, *end) (both NULL for INDENT, DEDENT and
    // ERRORTOKEN). On ERRORTOKEN either an exception is set or `done` says what went wrong.
    Tok get(const char **start, const char **end) noexcept;

    // --- State the parser reads (CPython's tok_state fields of the same names) ------------
    const char *str;               // the whole input
    const char *buf;               // start of the last line read
    const char *cur;               // next character
    const char *inp;               // end of the last line read
    const char *line_start;        // start of the line `cur` is on
    const char *multi_line_start;  // start of the line a STRING began on
    int lineno = 0;                // line of `cur`
    int first_lineno = 0;          // line a STRING began on
    int level = 0;                 // open brackets
    char parenstack[kMaxLevel];
    int parenlinenostack[kMaxLevel];
    int parencolstack[kMaxLevel];
    TokDone done = TokDone::OK;
    PyObject *filename;
    // Interactive-mode parsing ('single') asks for dedents before the implied newline.
    int indent = 0;
    int pendin = 0;

  private:
    Tok next_token(const char **start, const char **end) noexcept;
    int next_char() noexcept;
    bool check_new_line() noexcept;
    void backup(int c) noexcept;
    bool lookahead(const char *test) noexcept;
    int continuation_line() noexcept;
    Tok indentation_error() noexcept;
    bool read_indentation(bool *blankline) noexcept;
    Tok number(int c, const char **start, const char **end) noexcept;
    Tok fraction_and_exponent(int c, const char **start, const char **end) noexcept;
    int decimal_tail() noexcept;
    bool verify_end_of_number(int c, const char *kind) noexcept;
    bool verify_identifier() noexcept;
    Tok string(int quote, const char **start, const char **end) noexcept;
    Tok syntax_error(const char *format, ...) noexcept;
    Tok syntax_error_range(int col_offset, int end_col_offset, const char *format, ...) noexcept;
    Tok syntax_error_va(int col_offset, int end_col_offset, const char *format,
                        va_list args) noexcept;

    const char *end_of_input_;
    bool check_utf8_;
    bool check_nul_;
    bool decoding_erred_ = false;        // a line was not UTF-8: every token is an error now
    const char *token_start_ = nullptr;  // CPython's tok->start
    bool atbol_ = true;
    bool cont_line_ = false;
    int indstack_[kMaxIndent] = {0};
    int altindstack_[kMaxIndent] = {0};
};

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_TOKENIZER_HPP
