// The parser: tokens to AST by the rules of CPython 3.11's PEG grammar
// (Grammar/python.gram), written out by hand, one method per rule, in the grammar's order of
// alternatives, with its lookaheads, cuts and memoized rules. Left-recursive rules are
// loops. Keeping the grammar's shape is what makes the errors CPython's: where a parse
// fails, which token was read last, and which specialised message a second pass finds.
//
// How a parse runs (CPython's _PyPegen_run_parser):
//  1. A first pass without the `invalid_*` rules. Success gives the tree.
//  2. On failure, a second pass from the first token with the `invalid_*` rules on; one of
//     them may raise a specialised SyntaxError ("expected ':'", "cannot assign to literal").
//  3. Otherwise the generic error: "'(' was never closed" at end of input with brackets open,
//     "unexpected indent"/"unexpected unindent" when the last token was one, else "invalid
//     syntax" at the last token the *first* pass read; then the rest of the input is
//     tokenized, and a tokenizer error found there replaces a parser error.
// An error raised by the tokenizer or by an action (a bad escape in a string) stops both
// passes at once.
//
// Rule methods return the node (or a non-NULL marker) on success and NULL on failure; after
// an error `error_` is set and every rule returns NULL. Each call counts one level; at
// kMaxStack levels the parse stops with MemoryError, as CPython 3.11 (MAXSTACK), so deep
// nesting never exhausts the C stack.
#ifndef MINIPY_INTERP_PARSE_PARSER_HPP
#define MINIPY_INTERP_PARSE_PARSER_HPP

#include <cstdarg>
#include <cstddef>

#include "parse/arena.hpp"
#include "parse/ast.hpp"
#include "parse/token.hpp"
#include "parse/tokenizer.hpp"

namespace minipy::parse {

enum class StartRule : unsigned char { File, Interactive, Eval, FString };

// A memoized result: rule `type` starting at the token that holds this entry.
struct Memo {
    int type;
    void *node;
    int mark;
    Memo *next;
};

// Grammar helpers' intermediate results (CPython's pegen.h types).
struct CmpopExprPair {
    ast::CmpOp cmpop;
    ast::Expr *expr;
};
struct KeyValuePair {
    ast::Expr *key;  // NULL for **mapping
    ast::Expr *value;
};
struct KeyPatternPair {
    ast::Expr *key;
    ast::Pattern *pattern;
};
struct NameDefaultPair {
    ast::Arg *arg;
    ast::Expr *value;
};
struct SlashWithDefault {
    ast::Seq<ast::Arg *> *plain_names;
    ast::Seq<NameDefaultPair *> *names_with_defaults;
};
struct StarEtc {
    ast::Arg *vararg;
    ast::Seq<NameDefaultPair *> *kwonlyargs;
    ast::Arg *kwarg;
};
struct KeywordOrStarred {
    void *element;  // ast::Keyword * or ast::Expr *
    bool is_keyword;
};
struct AugOperator {
    ast::Operator kind;
};

// The kinds of target an invalid target is looked for in (CPython's TARGETS_TYPE).
constexpr int kStarTargets = 0;
constexpr int kDelTargets = 1;
constexpr int kForTargets = 2;

// The first part of `e` that cannot be assigned to (or deleted), NULL when all can.
ast::Expr *invalid_target(ast::Expr *e, int targets_type) noexcept;

// Where an error must point: CPython's RAISE_*_KNOWN_LOCATION take any node or token.
struct Span {
    int lineno, col_offset, end_lineno, end_col_offset;
    template <class T>
    static Span of(const T *node) noexcept {
        return {node->lineno, node->col_offset, node->end_lineno, node->end_col_offset};
    }
    template <class A, class B>
    static Span range(const A *a, const B *b) noexcept {
        return {a->lineno, a->col_offset, b->end_lineno, b->end_col_offset};
    }
};

class Parser {
  public:
    static constexpr int kMaxStack = 6000;  // CPython 3.11's MAXSTACK
    static constexpr int kCurrentPos = -5;  // CPython's CURRENT_POS

    struct Options {
        StartRule start_rule = StartRule::File;
        // Messages take their text from the source as a file would give it, offsets stay
        // in bytes when no encoding was declared (CPython's file input); else as compile().
        bool file_input = false;
        bool offsets_in_chars = true;
        // What the file held that the tokenizer's buffer does not: a BOM before line 1, no
        // newline after the last line (its error text shows the file's bytes).
        bool file_bom = false;
        bool file_added_newline = false;
        // For an f-string expression: where "(expr)" sits in the real source.
        int starting_lineno = 0;
        int starting_col_offset = 0;
    };

    // `arena` receives the tree; tokens and memos go to an arena of the parser's own.
    Parser(Tokenizer *tok, Arena *arena, const Options &options) noexcept;
    ~Parser();
    Parser(const Parser &) = delete;
    Parser &operator=(const Parser &) = delete;

    // The whole parse with CPython's error handling: the tree (ast::Mod *, or ast::Expr * for
    // StartRule::FString), or NULL with an exception set.
    void *run() noexcept;

    // --- Used by the string and number helpers ---------------------------------------------
    Arena *arena() const noexcept { return arena_; }
    Tokenizer *tokenizer() const noexcept { return tok_; }
    const Options &options() const noexcept { return options_; }
    void *raise_error(PyObject *type, const char *format, ...) noexcept;
    void *raise_error_known_location(PyObject *type, Span where, const char *format, ...) noexcept;
    void set_error() noexcept { error_ = true; }
    bool has_error() const noexcept { return error_; }
    int fill_count() const noexcept { return fill_; }
    Token *token_at(int index) const noexcept { return tokens_[index]; }

    template <class T>
    ast::Seq<T> *new_seq(Py_ssize_t size) noexcept;

  private:
    friend struct LevelGuard;
    template <class T>
    friend class SeqBuilder;

    // --- Tokens (parser_core.cpp) ----------------------------------------------------------
    int fill_token() noexcept;
    int tokenizer_error() noexcept;
    // A UnicodeError or ValueError in flight becomes "(unicode error) ..." or "(value error)
    // ...", at the last token (CPython's raise_decode_error); other errors stay.
    void raise_decode_error() noexcept;
    Token *expect(Tok type) noexcept;
    Token *expect_forced(Tok type, const char *expected) noexcept;
    Token *expect_soft_keyword(const char *keyword) noexcept;
    Token *soft_keyword_token() noexcept;
    Token *next_token_is(Tok type) noexcept;  // fills, does not consume
    bool lookahead(bool positive, Tok type) noexcept;
    template <class F>
    bool lookahead_rule(bool positive, F rule) noexcept;
    Token *last_non_whitespace_token() noexcept;
    bool ensure_token() noexcept;  // the token at mark_ exists (a rule's EXTRA needs it)
    ast::Location extra(int start_mark) noexcept;
    bool is_memoized(int type, void **result) noexcept;
    void insert_memo(int mark, int type, void *node) noexcept;
    bool update_memo(int mark, int type, void *node) noexcept;
    void *raise_last_token_va(PyObject *type, const char *format, va_list args) noexcept;
    void *raise_known_location_va(PyObject *type, Span where, const char *format,
                                  va_list args) noexcept;
    void *raise_error_va(PyObject *type, Py_ssize_t lineno, Py_ssize_t col_offset,
                         Py_ssize_t end_lineno, Py_ssize_t end_col_offset, const char *format,
                         va_list args) noexcept;
    PyObject *error_line(Py_ssize_t lineno) noexcept;
    void set_syntax_error(Token *last_token) noexcept;
    void raise_unclosed_parentheses_error() noexcept;
    void tokenize_full_source_to_check_for_errors() noexcept;
    void reset_for_error_pass() noexcept;
    void *parse() noexcept;
    template <class T>
    T *check(T *node) noexcept;  // NULL with an exception set marks the error

    // The error macros of pegen.h.
    void *syntax_error(const char *format, ...) noexcept;
    void *indentation_error(const char *format, ...) noexcept;
    void *syntax_error_at(Span where, const char *format, ...) noexcept;
    void *syntax_error_from(Span start, const char *format, ...) noexcept;
    void *syntax_error_invalid_target(int targets_type, ast::Expr *e) noexcept;

    // --- Action helpers (actions.cpp) ------------------------------------------------------
    ast::Expr *name_token() noexcept;
    ast::Expr *number_token() noexcept;
    ast::Expr *name_from_token(Token *t, ast::ExprContext ctx) noexcept;
    ast::Expr *new_expr(ast::ExprKind kind, const ast::Location &loc) noexcept;
    ast::Stmt *new_stmt(ast::StmtKind kind, const ast::Location &loc) noexcept;
    ast::Pattern *new_pattern(ast::PatternKind kind, const ast::Location &loc) noexcept;
    template <class T>
    ast::Seq<T> *singleton_seq(T item) noexcept;
    template <class T>
    ast::Seq<T> *seq_insert_in_front(T item, ast::Seq<T> *seq) noexcept;
    template <class T>
    ast::Seq<T> *seq_append_to_end(ast::Seq<T> *seq, T item) noexcept;
    ast::Seq<ast::Stmt *> *seq_flatten(ast::Seq<ast::Seq<ast::Stmt *> *> *seqs) noexcept;
    ast::Expr *set_expr_context(ast::Expr *e, ast::ExprContext ctx) noexcept;
    ast::Seq<ast::Expr *> *set_seq_context(ast::Seq<ast::Expr *> *seq,
                                           ast::ExprContext ctx) noexcept;
    ast::Expr *join_names_with_dot(ast::Expr *a, ast::Expr *b) noexcept;
    int seq_count_dots(ast::Seq<Token *> *seq) noexcept;
    ast::Alias *alias_for_star(const ast::Location &loc) noexcept;
    ast::Arguments *empty_arguments() noexcept;
    ast::Arguments *make_arguments(ast::Seq<ast::Arg *> *slash_without_default,
                                   SlashWithDefault *slash_with_default,
                                   ast::Seq<ast::Arg *> *plain_names,
                                   ast::Seq<NameDefaultPair *> *names_with_default,
                                   StarEtc *star_etc) noexcept;
    NameDefaultPair *name_default_pair(ast::Arg *arg, ast::Expr *value) noexcept;
    SlashWithDefault *slash_with_default(ast::Seq<ast::Arg *> *plain,
                                         ast::Seq<NameDefaultPair *> *with_defaults) noexcept;
    StarEtc *star_etc(ast::Arg *vararg, ast::Seq<NameDefaultPair *> *kwonly,
                      ast::Arg *kwarg) noexcept;
    ast::Arg *make_arg(Token *name_tok, ast::Expr *name, ast::Expr *annotation,
                       const ast::Location &loc) noexcept;
    KeyValuePair *key_value_pair(ast::Expr *key, ast::Expr *value) noexcept;
    ast::Seq<ast::Expr *> *get_keys(ast::Seq<KeyValuePair *> *pairs) noexcept;
    ast::Seq<ast::Expr *> *get_values(ast::Seq<KeyValuePair *> *pairs) noexcept;
    KeyPatternPair *key_pattern_pair(ast::Expr *key, ast::Pattern *pattern) noexcept;
    CmpopExprPair *cmpop_expr_pair(ast::CmpOp op, ast::Expr *expr) noexcept;
    KeywordOrStarred *keyword_or_starred(void *element, bool is_keyword) noexcept;
    ast::Expr *collect_call_seqs(ast::Seq<ast::Expr *> *a, ast::Seq<KeywordOrStarred *> *b,
                                 const ast::Location &loc) noexcept;
    ast::Seq<ast::Expr *> *seq_extract_starred_exprs(ast::Seq<KeywordOrStarred *> *kwargs) noexcept;
    ast::Seq<ast::Keyword *> *seq_delete_starred_exprs(
        ast::Seq<KeywordOrStarred *> *kwargs) noexcept;
    ast::Stmt *function_def_decorators(ast::Seq<ast::Expr *> *decorators,
                                       ast::Stmt *function_def) noexcept;
    ast::Stmt *class_def_decorators(ast::Seq<ast::Expr *> *decorators,
                                    ast::Stmt *class_def) noexcept;
    ast::Mod *make_module(ast::Seq<ast::Stmt *> *body) noexcept;
    bool check_legacy_stmt(ast::Expr *name) noexcept;
    void *arguments_parsing_error(ast::Expr *e) noexcept;
    void *nonparen_genexp_in_call(ast::Expr *args, ast::Seq<ast::Comprehension *> *comps) noexcept;
    ast::Expr *ensure_real(ast::Expr *e) noexcept;
    ast::Expr *ensure_imaginary(ast::Expr *e) noexcept;
    ast::Expr *concatenate_strings(ast::Seq<Token *> *strings) noexcept;  // string_literal.cpp

    // --- Rules: statements (parse_statements.cpp, imports in parse_imports.cpp) ------------
    ast::Mod *file_rule() noexcept;
    ast::Mod *interactive_rule() noexcept;
    ast::Mod *eval_rule() noexcept;
    ast::Expr *fstring_rule() noexcept;
    ast::Seq<ast::Stmt *> *statements() noexcept;
    ast::Seq<ast::Stmt *> *statement() noexcept;
    ast::Seq<ast::Stmt *> *statement_newline() noexcept;
    ast::Seq<ast::Stmt *> *simple_stmts() noexcept;
    ast::Stmt *simple_stmt() noexcept;
    ast::Stmt *compound_stmt() noexcept;
    ast::Stmt *assignment() noexcept;
    ast::Expr *annotated_rhs() noexcept;
    AugOperator *augassign() noexcept;
    ast::Stmt *return_stmt() noexcept;
    ast::Stmt *raise_stmt() noexcept;
    ast::Stmt *global_stmt(bool nonlocal) noexcept;
    ast::Stmt *del_stmt() noexcept;
    ast::Stmt *yield_stmt() noexcept;
    ast::Stmt *assert_stmt() noexcept;
    ast::Stmt *import_stmt() noexcept;
    ast::Stmt *import_name() noexcept;
    ast::Stmt *import_from() noexcept;
    ast::Seq<ast::Alias *> *import_from_targets() noexcept;
    ast::Seq<ast::Alias *> *import_from_as_names() noexcept;
    ast::Alias *import_from_as_name() noexcept;
    ast::Seq<ast::Alias *> *dotted_as_names() noexcept;
    ast::Alias *dotted_as_name() noexcept;
    ast::Expr *dotted_name() noexcept;
    ast::Seq<Token *> *import_dots(bool one_or_more) noexcept;
    ast::Seq<ast::Expr *> *name_list() noexcept;

    // --- Rules: compound statements (parse_compound.cpp) -----------------------------------
    ast::Seq<ast::Stmt *> *block() noexcept;
    ast::Seq<ast::Expr *> *decorators() noexcept;
    ast::Stmt *class_def() noexcept;
    ast::Stmt *class_def_raw() noexcept;
    ast::Stmt *function_def() noexcept;
    ast::Stmt *function_def_raw() noexcept;
    Token *func_type_comment() noexcept;
    ast::Stmt *if_stmt(bool elif) noexcept;
    ast::Seq<ast::Stmt *> *else_block() noexcept;
    ast::Stmt *while_stmt() noexcept;
    ast::Stmt *for_stmt() noexcept;
    ast::Stmt *with_stmt() noexcept;
    ast::WithItem *with_item() noexcept;
    ast::Stmt *try_stmt() noexcept;
    ast::ExceptHandler *except_block(bool star) noexcept;
    ast::Seq<ast::Stmt *> *finally_block() noexcept;

    // --- Rules: parameters (parse_params.cpp) ----------------------------------------------
    ast::Arguments *params(bool lambda) noexcept;
    ast::Arguments *parameters(bool lambda) noexcept;
    ast::Seq<ast::Arg *> *slash_no_default(bool lambda) noexcept;
    SlashWithDefault *slash_with_default_rule(bool lambda) noexcept;
    StarEtc *star_etc_rule(bool lambda) noexcept;
    ast::Arg *kwds(bool lambda) noexcept;
    ast::Arg *param_no_default(bool lambda) noexcept;
    ast::Arg *param_no_default_star_annotation() noexcept;
    NameDefaultPair *param_with_default(bool lambda) noexcept;
    NameDefaultPair *param_maybe_default(bool lambda) noexcept;
    ast::Arg *param(bool lambda) noexcept;
    ast::Arg *param_star_annotation() noexcept;
    ast::Expr *default_rule() noexcept;
    ast::Seq<ast::Arg *> *param_no_default_loop(bool lambda, bool one_or_more) noexcept;
    ast::Seq<NameDefaultPair *> *param_with_default_loop(bool lambda, bool one_or_more) noexcept;
    ast::Seq<NameDefaultPair *> *param_maybe_default_loop(bool lambda, bool one_or_more) noexcept;
    ast::Expr *lambdef() noexcept;

    // --- Rules: match statements (parse_patterns.cpp, parse_patterns_mapping_class.cpp) ----
    ast::Stmt *match_stmt() noexcept;
    ast::Expr *subject_expr() noexcept;
    ast::MatchCase *case_block() noexcept;
    ast::Expr *guard() noexcept;
    ast::Pattern *patterns() noexcept;
    ast::Pattern *pattern() noexcept;
    ast::Pattern *as_pattern() noexcept;
    ast::Pattern *or_pattern() noexcept;
    ast::Pattern *closed_pattern() noexcept;
    ast::Pattern *literal_pattern() noexcept;
    ast::Expr *literal_expr() noexcept;
    ast::Expr *complex_number() noexcept;
    ast::Expr *signed_number() noexcept;
    ast::Expr *signed_real_number() noexcept;
    ast::Expr *pattern_capture_target() noexcept;
    ast::Pattern *capture_pattern() noexcept;
    ast::Pattern *wildcard_pattern() noexcept;
    ast::Pattern *value_pattern() noexcept;
    ast::Expr *attr() noexcept;
    ast::Expr *name_or_attr() noexcept;
    ast::Pattern *group_pattern() noexcept;
    ast::Pattern *sequence_pattern() noexcept;
    ast::Seq<ast::Pattern *> *open_sequence_pattern() noexcept;
    ast::Seq<ast::Pattern *> *maybe_sequence_pattern() noexcept;
    ast::Pattern *maybe_star_pattern() noexcept;
    ast::Pattern *star_pattern() noexcept;
    ast::Pattern *mapping_pattern() noexcept;
    ast::Seq<KeyPatternPair *> *items_pattern() noexcept;
    KeyPatternPair *key_value_pattern() noexcept;
    ast::Expr *double_star_pattern() noexcept;
    ast::Pattern *class_pattern() noexcept;
    ast::Seq<ast::Pattern *> *positional_patterns() noexcept;
    ast::Seq<KeyPatternPair *> *keyword_patterns() noexcept;
    KeyPatternPair *keyword_pattern() noexcept;

    // --- Rules: expressions (parse_expressions.cpp; factor to primary in parse_primary.cpp;
    // slices to comprehensions in parse_atoms.cpp; arguments in parse_arguments.cpp) -------
    ast::Expr *expressions() noexcept;
    ast::Expr *expression() noexcept;
    ast::Expr *expression_without_invalid() noexcept;
    ast::Expr *conditional_expression() noexcept;
    ast::Expr *yield_expr() noexcept;
    ast::Expr *star_expressions() noexcept;
    ast::Expr *star_expression() noexcept;
    ast::Seq<ast::Expr *> *star_named_expressions() noexcept;
    ast::Expr *star_named_expression() noexcept;
    ast::Expr *assignment_expression() noexcept;
    ast::Expr *named_expression() noexcept;
    ast::Expr *disjunction() noexcept;
    ast::Expr *conjunction() noexcept;
    ast::Expr *inversion() noexcept;
    ast::Expr *comparison() noexcept;
    CmpopExprPair *compare_op_bitwise_or_pair() noexcept;
    ast::Expr *bitwise_or() noexcept;
    ast::Expr *bitwise_xor() noexcept;
    ast::Expr *bitwise_and() noexcept;
    ast::Expr *shift_expr() noexcept;
    ast::Expr *sum() noexcept;
    ast::Expr *term() noexcept;
    ast::Expr *factor() noexcept;
    ast::Expr *power() noexcept;
    ast::Expr *await_primary() noexcept;
    ast::Expr *primary() noexcept;
    ast::Expr *slices() noexcept;
    ast::Expr *slice() noexcept;
    ast::Expr *atom() noexcept;
    ast::Expr *group() noexcept;
    ast::Expr *strings() noexcept;
    ast::Expr *list() noexcept;
    ast::Expr *tuple() noexcept;
    ast::Expr *set() noexcept;
    ast::Expr *dict() noexcept;
    ast::Seq<KeyValuePair *> *double_starred_kvpairs() noexcept;
    KeyValuePair *double_starred_kvpair() noexcept;
    KeyValuePair *kvpair() noexcept;
    ast::Seq<ast::Comprehension *> *for_if_clauses() noexcept;
    ast::Comprehension *for_if_clause() noexcept;
    ast::Expr *listcomp() noexcept;
    ast::Expr *setcomp() noexcept;
    ast::Expr *genexp() noexcept;
    ast::Expr *dictcomp() noexcept;
    ast::Expr *arguments() noexcept;
    ast::Expr *args() noexcept;
    ast::Expr *positional_argument() noexcept;
    ast::Seq<KeywordOrStarred *> *kwargs() noexcept;
    ast::Expr *starred_expression() noexcept;
    KeywordOrStarred *kwarg_or_starred() noexcept;
    KeywordOrStarred *kwarg_or_double_starred() noexcept;

    // --- Rules: targets (parse_targets.cpp) ------------------------------------------------
    ast::Expr *star_targets() noexcept;
    ast::Seq<ast::Expr *> *star_targets_list_seq() noexcept;
    ast::Seq<ast::Expr *> *star_targets_tuple_seq() noexcept;
    ast::Expr *star_target() noexcept;
    ast::Expr *target_with_star_atom() noexcept;
    ast::Expr *star_atom() noexcept;
    ast::Expr *single_target() noexcept;
    ast::Expr *single_subscript_attribute_target() noexcept;
    ast::Expr *t_primary() noexcept;
    bool t_lookahead() noexcept;
    ast::Expr *attribute_or_subscript(int mark, ast::ExprContext ctx) noexcept;
    ast::Seq<ast::Expr *> *del_targets() noexcept;
    ast::Expr *del_target() noexcept;
    ast::Expr *del_t_atom() noexcept;

    // --- Rules: specialised errors (parse_invalid_*.cpp) -----------------------------------
    void *invalid_arguments() noexcept;
    void *invalid_kwarg() noexcept;
    void *invalid_legacy_expression() noexcept;
    void *invalid_expression() noexcept;
    void *invalid_named_expression() noexcept;
    void *invalid_assignment() noexcept;
    ast::Expr *invalid_ann_assign_target() noexcept;
    void *invalid_del_stmt() noexcept;
    void *invalid_block() noexcept;
    void *invalid_comprehension() noexcept;
    void *invalid_dict_comprehension() noexcept;
    void *invalid_parameters(bool lambda) noexcept;
    void *invalid_parameters_helper(bool lambda) noexcept;
    void *invalid_default() noexcept;
    void *invalid_star_etc(bool lambda) noexcept;
    void *invalid_kwds(bool lambda) noexcept;
    void *invalid_with_item() noexcept;
    void *invalid_for_target() noexcept;
    void *invalid_group() noexcept;
    void *invalid_import_from_targets() noexcept;
    void *invalid_with_stmt() noexcept;
    void *invalid_with_stmt_indent() noexcept;
    void *invalid_try_stmt() noexcept;
    void *invalid_except_stmt() noexcept;
    void *invalid_finally_stmt() noexcept;
    void *invalid_except_stmt_indent() noexcept;
    void *invalid_except_star_stmt_indent() noexcept;
    void *invalid_match_stmt() noexcept;
    void *invalid_case_block() noexcept;
    void *invalid_as_pattern() noexcept;
    void *invalid_class_pattern() noexcept;
    ast::Seq<ast::Pattern *> *invalid_class_argument_pattern() noexcept;
    void *invalid_if_stmt(bool elif) noexcept;
    void *invalid_else_stmt() noexcept;
    void *invalid_while_stmt() noexcept;
    void *invalid_for_stmt() noexcept;
    void *invalid_def_raw() noexcept;
    void *invalid_class_def_raw() noexcept;
    void *invalid_double_starred_kvpairs() noexcept;
    void *invalid_kvpair() noexcept;
    bool with_items_then(bool parenthesized) noexcept;

    Tokenizer *tok_;
    Arena *arena_;
    Arena *scratch_;  // tokens and memos, freed with the parser
    Options options_;
    Token **tokens_ = nullptr;
    int fill_ = 0;
    int size_ = 0;
    int mark_ = 0;
    int level_ = 0;
    bool error_ = false;
    bool call_invalid_rules_ = false;
    bool parsing_started_ = false;
    Token *known_err_token_ = nullptr;
    Token *first_imaginary_ = nullptr;  // refused once the parse succeeds (number_literal.cpp)
};

// Counts one rule level for the length of a rule method (CPython's p->level). The rule
// returns NULL at once when `failed()`: an error is pending or the stack limit was reached.
struct LevelGuard {
    Parser &p;
    explicit LevelGuard(Parser &parser) noexcept : p(parser) {
        if (p.level_++ == Parser::kMaxStack) {
            p.error_ = true;
            PyErr_NoMemory();
        }
    }
    ~LevelGuard() { --p.level_; }
    bool failed() const noexcept { return p.error_; }
};

// A growing list of rule results, kept in the parser's scratch arena until finish() copies it
// into the tree's arena.
template <class T>
class SeqBuilder {
  public:
    explicit SeqBuilder(Parser &p) noexcept : p_(p) {}
    bool push(T item) noexcept {
        if (size_ == capacity_ && !grow()) return false;
        items_[size_++] = item;
        return true;
    }
    Py_ssize_t size() const noexcept { return size_; }
    T operator[](Py_ssize_t i) const noexcept { return items_[i]; }
    ast::Seq<T> *finish() noexcept {
        ast::Seq<T> *seq = p_.template new_seq<T>(size_);
        if (seq == nullptr) return nullptr;
        for (Py_ssize_t i = 0; i < size_; ++i) seq->items[i] = items_[i];
        return seq;
    }

  private:
    bool grow() noexcept {
        const Py_ssize_t capacity = capacity_ == 0 ? 8 : capacity_ * 2;
        T *items = static_cast<T *>(p_.scratch_->allocate(sizeof(T) * capacity));
        if (items == nullptr) {
            p_.error_ = true;
            return false;
        }
        for (Py_ssize_t i = 0; i < size_; ++i) items[i] = items_[i];
        items_ = items;
        capacity_ = capacity;
        return true;
    }
    Parser &p_;
    T *items_ = nullptr;
    Py_ssize_t size_ = 0;
    Py_ssize_t capacity_ = 0;
};

template <class T>
T *Parser::check(T *node) noexcept {
    if (node == nullptr && PyErr_Occurred()) error_ = true;
    return node;
}

template <class T>
ast::Seq<T> *Parser::new_seq(Py_ssize_t size) noexcept {
    auto *seq = static_cast<ast::Seq<T> *>(
        arena_->allocate(sizeof(ast::Seq<T>) + sizeof(T) * static_cast<std::size_t>(size)));
    if (seq == nullptr) {
        error_ = true;
        return nullptr;
    }
    seq->size = size;
    seq->items = reinterpret_cast<T *>(seq + 1);
    return seq;
}

// The entry points the rest of minipy uses are in frontend.hpp.

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_PARSER_HPP
