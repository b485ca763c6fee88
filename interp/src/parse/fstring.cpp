// f-string bodies (CPython 3.11's string_parser.c): literal text with doubled braces and
// escapes, replacement fields {expr[=][!conv][:spec]} whose expression is parsed by a nested
// Parser over "(expr)" placed where the expression sits in the source, and format specs
// that nest one level. Every Constant and FormattedValue of the result carries the whole
// concatenation's position, as in CPython 3.11; the expressions carry their own.
#include <cstring>

#include "parse/source.hpp"
#include "parse/string_parser.hpp"

namespace minipy::parse {

using namespace ast;

void fstring_state_clear(FstringState *state) noexcept {
    Py_CLEAR(state->last_str);
}

int fstring_state_append(Parser &p, FstringState *state, Expr *e) noexcept {
    if (state->size == state->capacity) {
        const Py_ssize_t capacity = state->capacity == 0 ? 8 : state->capacity * 2;
        Seq<Expr *> *grown = p.new_seq<Expr *>(capacity);
        if (grown == nullptr) return -1;
        for (Py_ssize_t i = 0; i < state->size; ++i) grown->items[i] = state->items[i];
        state->items = grown->items;
        state->capacity = capacity;
    }
    state->items[state->size++] = e;
    return 0;
}

int fstring_concat_and_del(FstringState *state, PyObject *str) noexcept {
    if (PyUnicode_GetLength(str) == 0) {
        Py_DECREF(str);
        return 0;
    }
    if (state->last_str == nullptr) {
        state->last_str = str;
        return 0;
    }
    PyUnicode_AppendAndDel(&state->last_str, str);
    return state->last_str != nullptr ? 0 : -1;
}

Expr *make_str_node_and_del(Parser &p, PyObject **str, Token *first, Token *last) noexcept {
    PyObject *s = *str;
    *str = nullptr;
    if (p.arena()->add_object(s) < 0) {
        Py_DECREF(s);
        return nullptr;
    }
    PyObject *kind = nullptr;
    if (first->start[0] == 'u') {
        kind = PyUnicode_InternFromString("u");
        if (kind == nullptr || p.arena()->add_object(kind) < 0) {
            Py_XDECREF(kind);
            return nullptr;
        }
    }
    Expr *e = p.arena()->make<Expr>();
    if (e == nullptr) return nullptr;
    static_cast<Location &>(*e) = {first->lineno, first->col_offset, last->end_lineno,
                                   last->end_col_offset};
    e->kind = ExprKind::Constant;
    e->v.Constant = {s, kind};
    return e;
}

Expr *fstring_finish(Parser &p, FstringState *state, Token *first, Token *last) noexcept {
    if (!state->fmode) {
        if (state->last_str == nullptr) {
            state->last_str = PyUnicode_New(0, 0);
            if (state->last_str == nullptr) return nullptr;
        }
        return make_str_node_and_del(p, &state->last_str, first, last);
    }
    if (state->last_str != nullptr) {
        Expr *str = make_str_node_and_del(p, &state->last_str, first, last);
        if (str == nullptr || fstring_state_append(p, state, str) < 0) return nullptr;
    }
    Seq<Expr *> *values = p.new_seq<Expr *>(state->size);
    if (values == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < state->size; ++i) values->items[i] = state->items[i];
    Expr *e = p.arena()->make<Expr>();
    if (e == nullptr) return nullptr;
    static_cast<Location &>(*e) = {first->lineno, first->col_offset, last->end_lineno,
                                   last->end_col_offset};
    e->kind = ExprKind::JoinedStr;
    e->v.JoinedStr.values = values;
    return e;
}

namespace {

constexpr int kMaxNesting = 200;  // brackets inside one replacement field

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Literal text up to an un-doubled brace (CPython's fstring_find_literal). 1: a doubled
// brace ended it (scan again, skipping the second brace); 0: at '{', '}' or the end; -1:
// error. `*literal` receives the decoded text, or stays NULL when there is none.
int find_literal(Parser &p, const char **str, const char *end, bool raw, PyObject **literal,
                 int recurse_lvl) noexcept {
    const char *s = *str;
    const char *literal_start = s;
    int result = 0;
    while (s < end) {
        char ch = *s++;
        if (!raw && ch == '\\' && s < end) {
            ch = *s++;
            if (ch == 'N') {
                // \N{name}: its braces are not a replacement field.
                if (s < end && *s++ == '{') {
                    while (s < end && *s++ != '}') {
                    }
                }
                continue;
            }
        }
        if (ch == '{' || ch == '}') {
            if (recurse_lvl == 0) {
                if (s < end && *s == ch) {
                    *str = s + 1;
                    result = 1;
                    goto done;
                }
                if (ch == '}') {
                    *str = s - 1;
                    p.raise_error(PyExc_SyntaxError, "f-string: single '}' is not allowed");
                    return -1;
                }
            }
            --s;
            break;
        }
    }
    *str = s;
done:
    if (literal_start != s) {
        *literal = raw ? PyUnicode_DecodeUTF8(literal_start, s - literal_start, nullptr)
                       : decode_unicode_with_escapes(literal_start, s - literal_start);
        if (*literal == nullptr) return -1;
    }
    return result;
}

// Where the expression's "(" goes in the source: the lines before the '{' and its column
// (CPython's fstring_find_expr_location).
void find_expr_location(Token *parent, const char *expr_start, int *p_lines, int *p_cols) noexcept {
    *p_lines = 0;
    *p_cols = 0;
    const char *parent_str = parent->start;
    // A newline right after the brace (blanks aside) means the expression starts a line.
    bool newline_after_brace = true;
    for (const char *s = expr_start + 1; *s != '}' && *s != '\n'; ++s) {
        if (*s != ' ' && *s != '\t' && *s != '\f') {
            newline_after_brace = false;
            break;
        }
    }
    if (!newline_after_brace) {
        const char *s = expr_start;
        while (s > parent_str && *s != '\n') --s;
        *p_cols += static_cast<int>(expr_start - s);
        if (*s == '\n') *p_cols -= 1;
    }
    for (const char *s = parent_str; s < expr_start; ++s)
        if (*s == '\n') ++*p_lines;
}

// The expression of a replacement field, parsed as "(" + text + ")" by a nested parser
// placed where the text sits (CPython's fstring_compile_expr).
Expr *compile_expr(Parser &p, const char *expr_start, const char *expr_end, Token *t) noexcept {
    const char *s = expr_start;
    while (s != expr_end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f')) ++s;
    if (s == expr_end) {
        if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=') {
            p.raise_error(PyExc_SyntaxError, "f-string: expression required before '%c'",
                          *expr_end);
            return nullptr;
        }
        p.raise_error(PyExc_SyntaxError, "f-string: empty expression not allowed");
        return nullptr;
    }
    const Py_ssize_t len = expr_end - expr_start;
    int lines, cols;
    find_expr_location(t, expr_start - 1, &lines, &cols);
    auto *text = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(len) + 2));
    if (text == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    text[0] = '(';
    std::memcpy(text + 1, expr_start, static_cast<std::size_t>(len));
    text[len + 1] = ')';
    Source source;
    const int prepared = source_prepare(text, len + 2, SourceKind::Text, true, &source);
    PyMem_Free(text);
    if (prepared < 0) return nullptr;
    Tokenizer tok(source.text, source.size, p.tokenizer()->filename, false, false);
    tok.lineno = t->lineno + lines - 1;
    Parser::Options options;
    options.start_rule = StartRule::FString;
    options.starting_lineno = t->lineno + lines;
    options.starting_col_offset = lines != 0 ? cols : t->col_offset + cols;
    // CPython's nested tokenizer has no encoding set, so its offsets stay in bytes.
    options.offsets_in_chars = false;
    Expr *result;
    {
        Parser sub(&tok, p.arena(), options);
        result = static_cast<Expr *>(sub.run());
    }
    source_free(&source);
    return result;
}

Expr *fstring_parse_spec(Parser &p, const char **str, const char *end, bool raw, int recurse_lvl,
                         Token *first, Token *t, Token *last) noexcept;

// A replacement field from its '{' (CPython's fstring_find_expr).
int find_expr(Parser &p, const char **str, const char *end, bool raw, int recurse_lvl,
              PyObject **expr_text, Expr **expression, Token *first, Token *t,
              Token *last) noexcept {
    Expr *format_spec = nullptr;
    int conversion = -1;
    char quote_char = 0;
    int string_type = 0;
    int nested_depth = 0;
    char parenstack[kMaxNesting];
    Expr *simple_expression;
    const char *expr_start;
    const char *expr_end;
    *expr_text = nullptr;
    if (recurse_lvl >= 2) {
        p.raise_error(PyExc_SyntaxError, "f-string: expressions nested too deeply");
        goto error;
    }
    ++*str;  // the '{'
    expr_start = *str;
    for (; *str < end; ++*str) {
        const char ch = **str;
        if (ch == '\\') {
            p.raise_error(PyExc_SyntaxError, "f-string expression part cannot include a backslash");
            goto error;
        }
        if (quote_char) {
            // Inside a string of the expression: look for its end only.
            if (ch == quote_char) {
                if (string_type == 3) {
                    if (*str + 2 < end && (*str)[1] == ch && (*str)[2] == ch) {
                        *str += 2;
                        string_type = 0;
                        quote_char = 0;
                    }
                } else {
                    string_type = 0;
                    quote_char = 0;
                }
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            if (*str + 2 < end && (*str)[1] == ch && (*str)[2] == ch) {
                string_type = 3;
                *str += 2;
            } else {
                string_type = 1;
            }
            quote_char = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (nested_depth >= kMaxNesting) {
                p.raise_error(PyExc_SyntaxError, "f-string: too many nested parenthesis");
                goto error;
            }
            parenstack[nested_depth++] = ch;
        } else if (ch == '#') {
            p.raise_error(PyExc_SyntaxError, "f-string expression part cannot include '#'");
            goto error;
        } else if (nested_depth == 0 &&
                   (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            // "!=", "==", "<=", ">=" and a lone '<' or '>' belong to the expression.
            if (*str + 1 < end) {
                const char next = (*str)[1];
                if ((ch == '!' && next == '=') || (ch == '=' && next == '=') ||
                    (ch == '<' && next == '=') || (ch == '>' && next == '=')) {
                    ++*str;
                    continue;
                }
            }
            if (ch == '>' || ch == '<') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (nested_depth == 0) {
                p.raise_error(PyExc_SyntaxError, "f-string: unmatched '%c'", ch);
                goto error;
            }
            const int opening = parenstack[--nested_depth];
            if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') ||
                  (opening == '{' && ch == '}'))) {
                p.raise_error(PyExc_SyntaxError,
                              "f-string: closing parenthesis '%c' does not match opening "
                              "parenthesis '%c'",
                              ch, opening);
                goto error;
            }
        }
    }
    expr_end = *str;
    if (quote_char) {
        p.raise_error(PyExc_SyntaxError, "f-string: unterminated string");
        goto error;
    }
    if (nested_depth) {
        p.raise_error(PyExc_SyntaxError, "f-string: unmatched '%c'", parenstack[nested_depth - 1]);
        goto error;
    }
    if (*str >= end) goto unexpected_end_of_string;
    // The expression first, so that its errors come before those of what follows it.
    simple_expression = compile_expr(p, expr_start, expr_end, t);
    if (simple_expression == nullptr) goto error;
    if (**str == '=') {
        ++*str;
        while (is_space(**str)) ++*str;
        if (*str >= end) goto unexpected_end_of_string;
        *expr_text = PyUnicode_FromStringAndSize(expr_start, *str - expr_start);
        if (*expr_text == nullptr) goto error;
    }
    if (**str == '!') {
        ++*str;
        if (*str >= end) goto unexpected_end_of_string;
        conversion = static_cast<unsigned char>(**str);
        ++*str;
        if (!(conversion == 's' || conversion == 'r' || conversion == 'a')) {
            p.raise_error(PyExc_SyntaxError,
                          "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            goto error;
        }
    }
    if (**str == ':') {
        ++*str;
        if (*str >= end) goto unexpected_end_of_string;
        format_spec = fstring_parse_spec(p, str, end, raw, recurse_lvl + 1, first, t, last);
        if (format_spec == nullptr) goto error;
    }
    if (*str >= end || **str != '}') goto unexpected_end_of_string;
    ++*str;
    // "{x=}" without conversion or spec shows the repr.
    if (*expr_text != nullptr && format_spec == nullptr && conversion == -1) conversion = 'r';
    *expression = p.arena()->make<Expr>();
    if (*expression == nullptr) goto error;
    static_cast<Location &>(**expression) = {first->lineno, first->col_offset, last->end_lineno,
                                             last->end_col_offset};
    (*expression)->kind = ExprKind::FormattedValue;
    (*expression)->v.FormattedValue = {simple_expression, conversion, format_spec};
    return 0;
unexpected_end_of_string:
    p.raise_error(PyExc_SyntaxError, "f-string: expecting '}'");
error:
    Py_CLEAR(*expr_text);
    return -1;
}

// A format spec: a nested f-string body, its values located like the whole string's but
// its own Constant tail and JoinedStr at this token only (CPython's fstring_parse).
Expr *fstring_parse_spec(Parser &p, const char **str, const char *end, bool raw, int recurse_lvl,
                         Token *first, Token *t, Token *last) noexcept {
    FstringState state;
    if (fstring_concat(p, &state, str, end, raw, recurse_lvl, first, t, last) < 0) {
        fstring_state_clear(&state);
        return nullptr;
    }
    Expr *result = fstring_finish(p, &state, t, t);
    fstring_state_clear(&state);
    return result;
}

}  // namespace

int fstring_concat(Parser &p, FstringState *state, const char **str, const char *end, bool raw,
                   int recurse_lvl, Token *first, Token *t, Token *last) noexcept {
    state->fmode = true;
    for (;;) {
        PyObject *literal = nullptr;
        PyObject *expr_text = nullptr;
        Expr *expression = nullptr;
        const int result = find_literal(p, str, end, raw, &literal, recurse_lvl);
        if (result < 0) return -1;
        if (result == 0 && *str < end && **str != '}') {
            if (find_expr(p, str, end, raw, recurse_lvl, &expr_text, &expression, first, t, last) <
                0) {
                Py_XDECREF(literal);
                return -1;
            }
        }
        if (literal != nullptr && fstring_concat_and_del(state, literal) < 0) {
            Py_XDECREF(expr_text);
            return -1;
        }
        if (expr_text != nullptr && fstring_concat_and_del(state, expr_text) < 0) return -1;
        if (result == 1) continue;
        if (expression == nullptr) break;
        if (state->last_str != nullptr) {
            Expr *str_node = make_str_node_and_del(p, &state->last_str, first, last);
            if (str_node == nullptr || fstring_state_append(p, state, str_node) < 0) return -1;
        }
        if (fstring_state_append(p, state, expression) < 0) return -1;
    }
    if (recurse_lvl == 0 && *str < end - 1) {
        p.raise_error(PyExc_SyntaxError, "f-string: unexpected end of string");
        return -1;
    }
    if (recurse_lvl != 0 && **str != '}') {
        p.raise_error(PyExc_SyntaxError, "f-string: expecting '}'");
        return -1;
    }
    return 0;
}

}  // namespace minipy::parse
