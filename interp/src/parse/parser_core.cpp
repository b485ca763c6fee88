// The parser's machinery: the token array, matching tokens, memos, the two passes and
// every way an error is raised and located (CPython 3.11's pegen.c and pegen_errors.c).
#include <cstring>
#include <initializer_list>

#include "parse/parser.hpp"
#include "parse/syntax_error.hpp"

namespace minipy::parse {

Parser::Parser(Tokenizer *tok, Arena *arena, const Options &options) noexcept
    : tok_(tok), arena_(arena), scratch_(Arena::create()), options_(options) {
    if (scratch_ == nullptr) error_ = true;
}

Parser::~Parser() {
    PyMem_Free(tokens_);
    if (scratch_ != nullptr) Arena::destroy(scratch_);
}

// --- Tokens -------------------------------------------------------------------------------

// Reads one token into the array (CPython's _PyPegen_fill_token + initialize_token). An
// error token becomes the tokenizer's error (tokenizer_error) after it was stored.
int Parser::fill_token() noexcept {
    const char *start;
    const char *end;
    Tok type = tok_->get(&start, &end);
    // Interactive input ends its statement with an implied NEWLINE (and the dedents).
    if (options_.start_rule == StartRule::Interactive && type == Tok::ENDMARKER &&
        parsing_started_) {
        type = Tok::NEWLINE;
        parsing_started_ = false;
        if (tok_->indent != 0) {
            tok_->pendin = -tok_->indent;
            tok_->indent = 0;
        }
    } else {
        parsing_started_ = true;
    }
    if (fill_ == size_) {
        const int new_size = size_ == 0 ? 64 : size_ * 2;
        auto **tokens = static_cast<Token **>(PyMem_Realloc(tokens_, sizeof(Token *) * new_size));
        if (tokens == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
        tokens_ = tokens;
        size_ = new_size;
    }
    auto *t = static_cast<Token *>(scratch_->allocate(sizeof(Token)));
    if (t == nullptr) return -1;
    t->type = type == Tok::NAME ? keyword_kind(start, static_cast<int>(end - start)) : type;
    t->start = start;
    t->end = end;
    t->memo = nullptr;
    t->level = tok_->level;
    const char *line_start = type == Tok::STRING ? tok_->multi_line_start : tok_->line_start;
    const int lineno = type == Tok::STRING ? tok_->first_lineno : tok_->lineno;
    const int col_offset =
        (start != nullptr && start >= line_start) ? static_cast<int>(start - line_start) : -1;
    const int end_col_offset =
        (end != nullptr && end >= tok_->line_start) ? static_cast<int>(end - tok_->line_start) : -1;
    const bool shifted = tok_->lineno == options_.starting_lineno;
    t->lineno = lineno;
    t->col_offset = shifted ? options_.starting_col_offset + col_offset : col_offset;
    t->end_lineno = tok_->lineno;
    t->end_col_offset = shifted ? options_.starting_col_offset + end_col_offset : end_col_offset;
    tokens_[fill_++] = t;
    if (type == Tok::ERRORTOKEN && tok_->done == TokDone::DECODE) {
        raise_decode_error();
        return -1;
    }
    return type == Tok::ERRORTOKEN ? tokenizer_error() : 0;
}

// The exception for an error token whose cause the tokenizer only recorded in `done`.
int Parser::tokenizer_error() noexcept {
    if (PyErr_Occurred()) return -1;
    PyObject *type = PyExc_SyntaxError;
    const char *msg;
    Py_ssize_t col_offset = -1;
    switch (tok_->done) {
    case TokDone::EOF_:
        if (tok_->level != 0)
            raise_unclosed_parentheses_error();
        else
            syntax_error("unexpected EOF while parsing");
        return -1;
    case TokDone::DEDENT:
        indentation_error("unindent does not match any outer indentation level");
        return -1;
    case TokDone::TABSPACE:
        type = PyExc_TabError;
        msg = "inconsistent use of tabs and spaces in indentation";
        break;
    case TokDone::TOODEEP:
        type = PyExc_IndentationError;
        msg = "too many levels of indentation";
        break;
    case TokDone::LINECONT:
        col_offset = tok_->cur - tok_->buf - 1;
        msg = "unexpected character after line continuation character";
        break;
    default: msg = "unknown parsing error";
    }
    raise_error_known_location(
        type, {tok_->lineno, static_cast<int>(col_offset >= 0 ? col_offset : 0), tok_->lineno, -1},
        "%s", msg);
    return -1;
}

// A decoding error as CPython reports it: "(unicode error) ..." or "(value error) ...",
// at the last token read. A SyntaxError stays as it is.
void Parser::raise_decode_error() noexcept {
    const char *kind = nullptr;
    if (PyErr_ExceptionMatches(PyExc_UnicodeError))
        kind = "unicode error";
    else if (PyErr_ExceptionMatches(PyExc_ValueError))
        kind = "value error";
    if (kind == nullptr) return;
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *text = PyObject_Str(exc);
    Py_DECREF(exc);
    if (text == nullptr) {
        PyErr_Clear();
        raise_error(PyExc_SyntaxError, "(%s) unknown error", kind);
        return;
    }
    raise_error(PyExc_SyntaxError, "(%s) %U", kind, text);
    Py_DECREF(text);
}

bool Parser::ensure_token() noexcept {
    if (mark_ == fill_ && fill_token() < 0) {
        error_ = true;
        return false;
    }
    return true;
}

Token *Parser::expect(Tok type) noexcept {
    if (!ensure_token()) return nullptr;
    Token *t = tokens_[mark_];
    if (t->type != type) return nullptr;
    ++mark_;
    return t;
}

// `&&'x'` in the grammar: a token that must be there, or "expected 'x'" at once.
Token *Parser::expect_forced(Tok type, const char *expected) noexcept {
    if (error_) return nullptr;
    if (!ensure_token()) return nullptr;
    Token *t = tokens_[mark_];
    if (t->type != type) {
        syntax_error_at(Span::of(t), "expected '%s'", expected);
        return nullptr;
    }
    ++mark_;
    return t;
}

Token *Parser::expect_soft_keyword(const char *keyword) noexcept {
    if (!ensure_token()) return nullptr;
    Token *t = tokens_[mark_];
    if (t->type != Tok::NAME) return nullptr;
    const std::size_t length = static_cast<std::size_t>(t->end - t->start);
    if (std::strlen(keyword) != length || std::memcmp(t->start, keyword, length) != 0)
        return nullptr;
    ++mark_;
    return t;
}

// SOFT_KEYWORD: a NAME consumed; CPython compares only the NAME's length worth of
// characters of each soft keyword, so "ma" counts as one too (kept for the same errors).
Token *Parser::soft_keyword_token() noexcept {
    Token *t = expect(Tok::NAME);
    if (t == nullptr) return nullptr;
    const std::size_t length = static_cast<std::size_t>(t->end - t->start);
    for (const char *keyword : {"_", "case", "match"})
        if (std::strncmp(keyword, t->start, length) == 0) return t;
    return nullptr;
}

Token *Parser::next_token_is(Tok type) noexcept {
    if (!ensure_token()) return nullptr;
    return tokens_[mark_]->type == type ? tokens_[mark_] : nullptr;
}

bool Parser::lookahead(bool positive, Tok type) noexcept {
    const int mark = mark_;
    const bool found = expect(type) != nullptr;
    mark_ = mark;
    return found == positive;
}

// The last token before the mark that is not NEWLINE, INDENT, DEDENT or ENDMARKER: where a
// node ends (CPython's _PyPegen_get_last_nonnwhitespace_token).
Token *Parser::last_non_whitespace_token() noexcept {
    Token *token = nullptr;
    for (int m = mark_ - 1; m >= 0; --m) {
        token = tokens_[m];
        if (token->type != Tok::ENDMARKER &&
            (token->type < Tok::NEWLINE || token->type > Tok::DEDENT))
            break;
    }
    return token;
}

// A node's position: from the token at start_mark to the last non-blank token read (EXTRA).
ast::Location Parser::extra(int start_mark) noexcept {
    const Token *first = tokens_[start_mark];
    const Token *last = last_non_whitespace_token();
    return {first->lineno, first->col_offset, last->end_lineno, last->end_col_offset};
}

bool Parser::is_memoized(int type, void **result) noexcept {
    if (!ensure_token()) return true;  // *result stays NULL; error_ is set
    for (Memo *m = tokens_[mark_]->memo; m != nullptr; m = m->next) {
        if (m->type == type) {
            mark_ = m->mark;
            *result = m->node;
            return true;
        }
    }
    return false;
}

void Parser::insert_memo(int mark, int type, void *node) noexcept {
    auto *m = static_cast<Memo *>(scratch_->allocate(sizeof(Memo)));
    if (m == nullptr) {
        error_ = true;
        return;
    }
    m->type = type;
    m->node = node;
    m->mark = mark_;
    m->next = tokens_[mark]->memo;
    tokens_[mark]->memo = m;
}

// For the left-recursive rules' growing seed; false when memory ran out.
bool Parser::update_memo(int mark, int type, void *node) noexcept {
    for (Memo *m = tokens_[mark]->memo; m != nullptr; m = m->next) {
        if (m->type == type) {
            m->node = node;
            m->mark = mark_;
            return true;
        }
    }
    insert_memo(mark, type, node);
    return !error_;
}

// --- Errors -------------------------------------------------------------------------------

// The source line an error shows (CPython: the file's line for file input, else the
// tokenizer's current line when the error is on it, else the line found in the buffer).
PyObject *Parser::error_line(Py_ssize_t lineno) noexcept {
    if (options_.file_input && options_.start_rule == StartRule::File && lineno >= 1) {
        const char *line = tok_->str;
        for (Py_ssize_t i = 1; i < lineno && line != nullptr; ++i) {
            line = std::strchr(line, '\n');
            if (line != nullptr) ++line;
        }
        if (line != nullptr && *line != '\0') {
            const char *newline = std::strchr(line, '\n');
            Py_ssize_t size = newline != nullptr ? newline + 1 - line : std::strlen(line);
            if (options_.file_added_newline && newline != nullptr && newline[1] == '\0') --size;
            PyObject *text = PyUnicode_DecodeUTF8(line, size, "replace");
            if (text != nullptr && lineno == 1 && options_.file_bom) {
                PyObject *bom = PyUnicode_FromOrdinal(0xFEFF);
                PyObject *with_bom = bom != nullptr ? PyUnicode_Concat(bom, text) : nullptr;
                Py_XDECREF(bom);
                Py_SETREF(text, with_bom);
            }
            if (text != nullptr || !PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) return text;
            PyErr_Clear();
        }
    }
    if (tok_->lineno <= lineno && tok_->inp > tok_->buf)
        return PyUnicode_DecodeUTF8(tok_->buf, tok_->inp - tok_->buf, "replace");
    const char *cur_line = tok_->str;
    const Py_ssize_t relative =
        options_.starting_lineno != 0 ? lineno - options_.starting_lineno + 1 : lineno;
    for (Py_ssize_t i = 0; i < relative - 1; ++i) {
        const char *newline = std::strchr(cur_line, '\n');
        if (newline == nullptr || newline + 1 > tok_->inp) break;
        cur_line = newline + 1;
    }
    const char *next_newline = std::strchr(cur_line, '\n');
    if (next_newline == nullptr) next_newline = cur_line + std::strlen(cur_line);
    return PyUnicode_DecodeUTF8(cur_line, next_newline - cur_line, "replace");
}

// CPython's _PyPegen_raise_error_known_location: offsets are 1-based bytes here and
// become characters of the error line.
void *Parser::raise_error_va(PyObject *type, Py_ssize_t lineno, Py_ssize_t col_offset,
                             Py_ssize_t end_lineno, Py_ssize_t end_col_offset, const char *format,
                             va_list args) noexcept {
    // An error already raised (by the tokenizer, reading a line) stays the one reported.
    if (error_ && PyErr_Occurred()) return nullptr;
    // One still pending without a failed token (a NUL on a line the parser only saw as the
    // end of a block) is replaced, as CPython's PyErr_SetObject replaces it.
    Py_XDECREF(PyErr_GetRaisedException());
    error_ = true;
    if (end_lineno == kCurrentPos) end_lineno = tok_->lineno;
    if (end_col_offset == kCurrentPos) end_col_offset = tok_->cur - tok_->line_start;
    PyObject *msg;
    if (options_.start_rule == StartRule::FString) {
        PyObject *rest = PyUnicode_FromFormatV(format, args);
        msg = rest != nullptr ? PyUnicode_FromFormat("f-string: %U", rest) : nullptr;
        Py_XDECREF(rest);
    } else {
        msg = PyUnicode_FromFormatV(format, args);
    }
    if (msg == nullptr) return nullptr;
    PyObject *line = error_line(lineno);
    if (line == nullptr) {
        Py_DECREF(msg);
        return nullptr;
    }
    if (options_.start_rule == StartRule::FString) {
        col_offset -= options_.starting_col_offset;
        end_col_offset -= options_.starting_col_offset;
    }
    Py_ssize_t col_number = col_offset;
    Py_ssize_t end_col_number = end_col_offset;
    bool converted = true;
    if (options_.offsets_in_chars) {
        if (col_number > 0) {
            col_number = byte_offset_to_character_offset(line, col_offset);
            converted = col_number >= 0;
        }
        if (converted && end_col_number > 0) {
            end_col_number = byte_offset_to_character_offset(line, end_col_offset);
            converted = end_col_number >= 0;
        }
    }
    if (converted)
        raise_located_error(type, msg, tok_->filename, lineno, col_number, line, end_lineno,
                            end_col_number);
    Py_DECREF(line);
    Py_DECREF(msg);
    return nullptr;
}

void *Parser::raise_known_location_va(PyObject *type, Span where, const char *format,
                                      va_list args) noexcept {
    const Py_ssize_t col = where.col_offset == kCurrentPos ? kCurrentPos : where.col_offset + 1;
    const Py_ssize_t end_col =
        where.end_col_offset == kCurrentPos ? kCurrentPos : where.end_col_offset + 1;
    return raise_error_va(type, where.lineno, col, where.end_lineno, end_col, format, args);
}

void *Parser::raise_error_known_location(PyObject *type, Span where, const char *format,
                                         ...) noexcept {
    va_list args;
    va_start(args, format);
    raise_known_location_va(type, where, format, args);
    va_end(args);
    return nullptr;
}

// CPython's _PyPegen_raise_error: at the last token read.
void *Parser::raise_last_token_va(PyObject *type, const char *format, va_list args) noexcept {
    if (error_ && PyErr_Occurred()) return nullptr;
    if (fill_ == 0) return raise_error_va(type, 0, 0, 0, -1, format, args);
    const Token *t = known_err_token_ != nullptr ? known_err_token_ : tokens_[fill_ - 1];
    Py_ssize_t col_offset;
    if (t->col_offset == -1)
        col_offset = tok_->cur == tok_->buf ? 0 : tok_->cur - tok_->line_start;
    else
        col_offset = t->col_offset + 1;
    const Py_ssize_t end_col_offset = t->end_col_offset != -1 ? t->end_col_offset + 1 : -1;
    return raise_error_va(type, t->lineno, col_offset, t->end_lineno, end_col_offset, format, args);
}

void *Parser::raise_error(PyObject *type, const char *format, ...) noexcept {
    va_list args;
    va_start(args, format);
    raise_last_token_va(type, format, args);
    va_end(args);
    return nullptr;
}

void *Parser::syntax_error(const char *format, ...) noexcept {
    va_list args;
    va_start(args, format);
    raise_last_token_va(PyExc_SyntaxError, format, args);
    va_end(args);
    return nullptr;
}

void *Parser::indentation_error(const char *format, ...) noexcept {
    va_list args;
    va_start(args, format);
    raise_last_token_va(PyExc_IndentationError, format, args);
    va_end(args);
    return nullptr;
}

void *Parser::syntax_error_at(Span where, const char *format, ...) noexcept {
    va_list args;
    va_start(args, format);
    raise_known_location_va(PyExc_SyntaxError, where, format, args);
    va_end(args);
    return nullptr;
}

// RAISE_SYNTAX_ERROR_STARTING_FROM: from a node to where the tokenizer is now.
void *Parser::syntax_error_from(Span start, const char *format, ...) noexcept {
    start.end_lineno = kCurrentPos;
    start.end_col_offset = kCurrentPos;
    va_list args;
    va_start(args, format);
    raise_known_location_va(PyExc_SyntaxError, start, format, args);
    va_end(args);
    return nullptr;
}

void Parser::raise_unclosed_parentheses_error() noexcept {
    const int error_lineno = tok_->parenlinenostack[tok_->level - 1];
    const int error_col = tok_->parencolstack[tok_->level - 1];
    raise_error_known_location(PyExc_SyntaxError, {error_lineno, error_col, error_lineno, -1},
                               "'%c' was never closed", tok_->parenstack[tok_->level - 1]);
}

// After a parser error: the rest of the input is tokenized, and an error the tokenizer finds
// there (or a bracket left open on an earlier line) replaces it.
void Parser::tokenize_full_source_to_check_for_errors() noexcept {
    PyObject *saved = PyErr_GetRaisedException();
    const Token *current = known_err_token_ != nullptr ? known_err_token_ : tokens_[fill_ - 1];
    const int current_err_line = current->lineno;
    for (;;) {
        const char *start;
        const char *end;
        const Tok type = tok_->get(&start, &end);
        if (type == Tok::ERRORTOKEN) {
            if (PyErr_Occurred()) break;
            if (tok_->level != 0) {
                const int error_lineno = tok_->parenlinenostack[tok_->level - 1];
                if (current_err_line > error_lineno) raise_unclosed_parentheses_error();
            }
            break;
        }
        if (type == Tok::ENDMARKER) break;
    }
    if (PyErr_Occurred())
        Py_XDECREF(saved);
    else
        PyErr_SetRaisedException(saved);
}

void Parser::set_syntax_error(Token *last_token) noexcept {
    if (PyErr_Occurred()) {
        // A specialised error from the second pass still yields to a tokenizer error later on.
        if (tok_->done == TokDone::OK && PyErr_ExceptionMatches(PyExc_SyntaxError))
            tokenize_full_source_to_check_for_errors();
        return;
    }
    if (fill_ == 0) {
        syntax_error("error at start before reading any input");
        return;
    }
    if (last_token->type == Tok::ERRORTOKEN && tok_->done == TokDone::EOF_) {
        if (tok_->level != 0)
            raise_unclosed_parentheses_error();
        else
            syntax_error("unexpected EOF while parsing");
        return;
    }
    if (last_token->type == Tok::INDENT || last_token->type == Tok::DEDENT) {
        indentation_error(last_token->type == Tok::INDENT ? "unexpected indent"
                                                          : "unexpected unindent");
        return;
    }
    // The first pass's last token: the second pass may have read further.
    syntax_error_at(Span::of(last_token), "invalid syntax");
    tokenize_full_source_to_check_for_errors();
}

void Parser::reset_for_error_pass() noexcept {
    for (int i = 0; i < fill_; ++i) tokens_[i]->memo = nullptr;
    mark_ = 0;
    call_invalid_rules_ = true;
}

void *Parser::parse() noexcept {
    switch (options_.start_rule) {
    case StartRule::File: return file_rule();
    case StartRule::Interactive: return interactive_rule();
    case StartRule::Eval: return eval_rule();
    case StartRule::FString: return fstring_rule();
    }
    return nullptr;
}

// Whether more than one statement follows in 'single' input (CPython's bad_single_statement).
static bool more_than_one_statement(const char *cur) noexcept {
    char c = *cur;
    for (;;) {
        while (c == ' ' || c == '\t' || c == '\n' || c == '\014') c = *++cur;
        if (c == '\0') return false;
        if (c != '#') return true;
        while (c != '\0' && c != '\n') c = *++cur;
    }
}

void *Parser::run() noexcept {
    if (error_) return nullptr;
    void *result = parse();
    if (result == nullptr) {
        if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_SyntaxError)) return nullptr;
        if (fill_ == 0) {
            set_syntax_error(nullptr);
            return nullptr;
        }
        Token *last_token = tokens_[fill_ - 1];
        reset_for_error_pass();
        parse();
        set_syntax_error(last_token);
        return nullptr;
    }
    if (options_.start_rule == StartRule::Interactive && more_than_one_statement(tok_->cur))
        return syntax_error("multiple statements found while compiling a single statement");
    if (first_imaginary_ != nullptr)
        return syntax_error_at(Span::of(first_imaginary_),
                               "imaginary literals are not supported by minipy");
    return result;
}

}  // namespace minipy::parse
