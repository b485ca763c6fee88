// The second pass's rules for statements (python.gram's invalid_* rules for blocks,
// definitions, imports, with/try/except, match): "expected ':'", "expected an indented block
// after 'if' statement on line N", and the rest. Parameters are in parse_invalid_params.cpp;
// see parse_invalid_expressions.cpp for the conventions.
#include "parse/ast_names.hpp"
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// --- Statements ----------------------------------------------------------------------------

// invalid_with_item: expression 'as' expression &(',' | ')' | ':')
void *Parser::invalid_with_item() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *a;
    if (expression() && expect(Tok::KW_AS) && (a = expression()) &&
        (lookahead(true, Tok::COMMA) || lookahead(true, Tok::RPAR) || lookahead(true, Tok::COLON)))
        return syntax_error_invalid_target(kStarTargets, a);
    mark_ = mark;
    return nullptr;
}

// invalid_for_target: ASYNC? 'for' star_expressions
void *Parser::invalid_for_target() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    expect(Tok::ASYNC);
    Expr *a;
    if (!error_ && expect(Tok::KW_FOR) && (a = star_expressions()))
        return syntax_error_invalid_target(kForTargets, a);
    mark_ = mark;
    return nullptr;
}

// invalid_import_from_targets: import_from_as_names ',' NEWLINE
void *Parser::invalid_import_from_targets() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (import_from_as_names() && expect(Tok::COMMA) && expect(Tok::NEWLINE))
        return syntax_error("trailing comma not allowed without surrounding parentheses");
    mark_ = mark;
    return nullptr;
}

// ','.(expression ['as' star_target])+ or, parenthesized, '(' ','.(expressions ['as'
// star_target])+ ','? ')': the items of a with statement as the invalid rules read them.
bool Parser::with_items_then(bool parenthesized) noexcept {
    if (parenthesized && !expect(Tok::LPAR)) return false;
    auto item = [&]() -> bool {
        if (!(parenthesized ? expressions() : expression())) return false;
        const int before = mark_;
        if (!(expect(Tok::KW_AS) && star_target())) mark_ = before;
        return !error_;
    };
    if (!item()) return false;
    for (;;) {
        const int before = mark_;
        if (expect(Tok::COMMA) && item()) continue;
        mark_ = before;
        break;
    }
    if (error_) return false;
    if (parenthesized) {
        expect(Tok::COMMA);
        if (error_ || !expect(Tok::RPAR)) return false;
    }
    return true;
}

// invalid_with_stmt: [ASYNC] 'with' items NEWLINE | [ASYNC] 'with' '(' items ')' NEWLINE
void *Parser::invalid_with_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    for (bool parenthesized : {false, true}) {
        expect(Tok::ASYNC);
        if (!error_ && expect(Tok::KW_WITH) && with_items_then(parenthesized) &&
            expect(Tok::NEWLINE))
            return syntax_error("expected ':'");
        mark_ = mark;
        if (error_) return nullptr;
    }
    return nullptr;
}

// invalid_with_stmt_indent: [ASYNC] 'with' items ':' NEWLINE !INDENT (both forms)
void *Parser::invalid_with_stmt_indent() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    for (bool parenthesized : {false, true}) {
        expect(Tok::ASYNC);
        Token *a;
        if (!error_ && (a = expect(Tok::KW_WITH)) && with_items_then(parenthesized) &&
            expect(Tok::COLON) && expect(Tok::NEWLINE) && lookahead(false, Tok::INDENT))
            return indentation_error("expected an indented block after 'with' statement on line %d",
                                     a->lineno);
        mark_ = mark;
        if (error_) return nullptr;
    }
    return nullptr;
}

// invalid_try_stmt:
//   'try' ':' NEWLINE !INDENT                  "expected an indented block after 'try' ..."
//   | 'try' ':' block !('except' | 'finally')  "expected 'except' or 'finally' block"
//   | 'try' ':' block* except_block+ 'except' '*' expression ['as' NAME] ':'
//   | 'try' ':' block* except_star_block+ 'except' [expression ['as' NAME]] ':'
//                             "cannot have both 'except' and 'except*' on the same 'try'"
void *Parser::invalid_try_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Token *a;
        if ((a = expect(Tok::KW_TRY)) && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
            lookahead(false, Tok::INDENT))
            return indentation_error("expected an indented block after 'try' statement on line %d",
                                     a->lineno);
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (expect(Tok::KW_TRY) && expect(Tok::COLON) && block() && lookahead(false, Tok::KW_EXCEPT) &&
        lookahead(false, Tok::KW_FINALLY))
        return syntax_error("expected 'except' or 'finally' block");
    mark_ = mark;
    if (error_) return nullptr;
    auto blocks_then_handlers = [&](bool star) -> bool {
        if (!(expect(Tok::KW_TRY) && expect(Tok::COLON))) return false;
        for (;;) {
            const int before = mark_;
            if (!block()) {
                mark_ = before;
                break;
            }
        }
        if (error_) return false;
        int count = 0;
        for (;;) {
            const int before = mark_;
            if (!except_block(star)) {
                mark_ = before;
                break;
            }
            ++count;
        }
        return !error_ && count > 0;
    };
    {
        Token *a, *b;
        if (blocks_then_handlers(false) && (a = expect(Tok::KW_EXCEPT)) &&
            (b = expect(Tok::STAR)) && expression()) {
            const int before = mark_;
            if (!(expect(Tok::KW_AS) && name_token())) mark_ = before;
            if (!error_ && expect(Tok::COLON))
                return syntax_error_at(Span::range(a, b),
                                       "cannot have both 'except' and 'except*' on the same 'try'");
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if (blocks_then_handlers(true) && (a = expect(Tok::KW_EXCEPT))) {
            const int before = mark_;
            if (expression()) {
                const int after = mark_;
                if (!(expect(Tok::KW_AS) && name_token())) mark_ = after;
            } else {
                mark_ = before;
            }
            if (!error_ && expect(Tok::COLON))
                return syntax_error_at(Span::of(a),
                                       "cannot have both 'except' and 'except*' on the same 'try'");
        }
        mark_ = mark;
    }
    return nullptr;
}

// invalid_except_stmt:
//   'except' '*'? expression ',' expressions ['as' NAME] ':'
//                                       "multiple exception types must be parenthesized"
//   | 'except' '*'? expression ['as' NAME] NEWLINE      "expected ':'"
//   | 'except' NEWLINE                                   "expected ':'"
//   | 'except' '*' (NEWLINE | ':')       "expected one or more exception types"
void *Parser::invalid_except_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    auto optional_as = [&]() {
        const int before = mark_;
        if (!(expect(Tok::KW_AS) && name_token())) mark_ = before;
    };
    {
        Expr *a;
        if (expect(Tok::KW_EXCEPT)) {
            expect(Tok::STAR);
            if (!error_ && (a = expression()) && expect(Tok::COMMA) && expressions()) {
                optional_as();
                if (!error_ && expect(Tok::COLON))
                    return syntax_error_from(Span::of(a),
                                             "multiple exception types must be parenthesized");
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (expect(Tok::KW_EXCEPT)) {
        expect(Tok::STAR);
        if (!error_ && expression()) {
            optional_as();
            if (!error_ && expect(Tok::NEWLINE)) return syntax_error("expected ':'");
        }
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (expect(Tok::KW_EXCEPT) && expect(Tok::NEWLINE)) return syntax_error("expected ':'");
    mark_ = mark;
    if (error_) return nullptr;
    if (expect(Tok::KW_EXCEPT) && expect(Tok::STAR) &&
        (expect(Tok::NEWLINE) || (!error_ && expect(Tok::COLON))))
        return syntax_error("expected one or more exception types");
    mark_ = mark;
    return nullptr;
}

// invalid_finally_stmt: 'finally' ':' NEWLINE !INDENT
void *Parser::invalid_finally_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Token *a;
    if ((a = expect(Tok::KW_FINALLY)) && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
        lookahead(false, Tok::INDENT))
        return indentation_error("expected an indented block after 'finally' statement on line %d",
                                 a->lineno);
    mark_ = mark;
    return nullptr;
}

// invalid_except_stmt_indent: 'except' expression ['as' NAME] ':' NEWLINE !INDENT
//                           | 'except' ':' NEWLINE !INDENT
void *Parser::invalid_except_stmt_indent() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Token *a;
        if ((a = expect(Tok::KW_EXCEPT)) && expression()) {
            const int before = mark_;
            if (!(expect(Tok::KW_AS) && name_token())) mark_ = before;
            if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
                lookahead(false, Tok::INDENT))
                return indentation_error(
                    "expected an indented block after 'except' statement on line %d", a->lineno);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if ((a = expect(Tok::KW_EXCEPT)) && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
            lookahead(false, Tok::INDENT))
            return indentation_error(
                "expected an indented block after 'except' statement on line %d", a->lineno);
        mark_ = mark;
    }
    return nullptr;
}

// invalid_except_star_stmt_indent: 'except' '*' expression ['as' NAME] ':' NEWLINE !INDENT
void *Parser::invalid_except_star_stmt_indent() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Token *a;
    if ((a = expect(Tok::KW_EXCEPT)) && expect(Tok::STAR) && expression()) {
        const int before = mark_;
        if (!(expect(Tok::KW_AS) && name_token())) mark_ = before;
        if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) && lookahead(false, Tok::INDENT))
            return indentation_error(
                "expected an indented block after 'except*' statement on line %d", a->lineno);
    }
    mark_ = mark;
    return nullptr;
}

// invalid_match_stmt: "match" subject_expr NEWLINE | "match" subject_expr ':' NEWLINE !INDENT
void *Parser::invalid_match_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (expect_soft_keyword("match") && subject_expr() && expect(Tok::NEWLINE))
        return syntax_error("expected ':'");
    mark_ = mark;
    if (error_) return nullptr;
    Token *a;
    if ((a = expect_soft_keyword("match")) && subject_expr() && expect(Tok::COLON) &&
        expect(Tok::NEWLINE) && lookahead(false, Tok::INDENT))
        return indentation_error("expected an indented block after 'match' statement on line %d",
                                 a->lineno);
    mark_ = mark;
    return nullptr;
}

// invalid_case_block: "case" patterns guard? NEWLINE | "case" patterns guard? ':' NEWLINE !INDENT
void *Parser::invalid_case_block() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (expect_soft_keyword("case") && patterns()) {
        guard();
        if (!error_ && expect(Tok::NEWLINE)) return syntax_error("expected ':'");
    }
    mark_ = mark;
    if (error_) return nullptr;
    Token *a;
    if ((a = expect_soft_keyword("case")) && patterns()) {
        guard();
        if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) && lookahead(false, Tok::INDENT))
            return indentation_error("expected an indented block after 'case' statement on line %d",
                                     a->lineno);
    }
    mark_ = mark;
    return nullptr;
}

// invalid_as_pattern: or_pattern 'as' "_" | or_pattern 'as' !NAME expression
void *Parser::invalid_as_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Token *a;
        if (or_pattern() && expect(Tok::KW_AS) && (a = expect_soft_keyword("_")))
            return syntax_error_at(Span::of(a), "cannot use '_' as a target");
        mark_ = mark;
    }
    if (error_) return nullptr;
    Expr *a;
    if (or_pattern() && expect(Tok::KW_AS) && lookahead(false, Tok::NAME) && (a = expression()))
        return syntax_error_at(Span::of(a), "invalid pattern target");
    mark_ = mark;
    return nullptr;
}

// invalid_class_pattern: name_or_attr '(' invalid_class_argument_pattern
void *Parser::invalid_class_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Seq<Pattern *> *a;
    if (name_or_attr() && expect(Tok::LPAR) && (a = invalid_class_argument_pattern()))
        return syntax_error_at(Span::range(a->items[0], a->items[a->size - 1]),
                               "positional patterns follow keyword patterns");
    mark_ = mark;
    return nullptr;
}

// invalid_class_argument_pattern: [positional_patterns ','] keyword_patterns ','
// positional_patterns
Seq<Pattern *> *Parser::invalid_class_argument_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        const int before = mark_;
        if (!(positional_patterns() && expect(Tok::COMMA))) mark_ = before;
    }
    Seq<Pattern *> *a;
    if (!error_ && keyword_patterns() && expect(Tok::COMMA) && (a = positional_patterns()))
        return a;
    mark_ = mark;
    return nullptr;
}

// invalid_if_stmt / invalid_elif_stmt: 'if' named_expression NEWLINE
//   | 'if' named_expression ':' NEWLINE !INDENT
void *Parser::invalid_if_stmt(bool elif) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    const Tok keyword = elif ? Tok::KW_ELIF : Tok::KW_IF;
    if (expect(keyword) && named_expression() && expect(Tok::NEWLINE))
        return syntax_error("expected ':'");
    mark_ = mark;
    if (error_) return nullptr;
    Token *a;
    if ((a = expect(keyword)) && named_expression() && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
        lookahead(false, Tok::INDENT))
        return indentation_error("expected an indented block after '%s' statement on line %d",
                                 elif ? "elif" : "if", a->lineno);
    mark_ = mark;
    return nullptr;
}

// invalid_else_stmt: 'else' ':' NEWLINE !INDENT
void *Parser::invalid_else_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Token *a;
    if ((a = expect(Tok::KW_ELSE)) && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
        lookahead(false, Tok::INDENT))
        return indentation_error("expected an indented block after 'else' statement on line %d",
                                 a->lineno);
    mark_ = mark;
    return nullptr;
}

// invalid_while_stmt: 'while' named_expression NEWLINE | ... ':' NEWLINE !INDENT
void *Parser::invalid_while_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (expect(Tok::KW_WHILE) && named_expression() && expect(Tok::NEWLINE))
        return syntax_error("expected ':'");
    mark_ = mark;
    if (error_) return nullptr;
    Token *a;
    if ((a = expect(Tok::KW_WHILE)) && named_expression() && expect(Tok::COLON) &&
        expect(Tok::NEWLINE) && lookahead(false, Tok::INDENT))
        return indentation_error("expected an indented block after 'while' statement on line %d",
                                 a->lineno);
    mark_ = mark;
    return nullptr;
}

// invalid_for_stmt: [ASYNC] 'for' star_targets 'in' star_expressions NEWLINE
//   | [ASYNC] 'for' star_targets 'in' star_expressions ':' NEWLINE !INDENT
void *Parser::invalid_for_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    expect(Tok::ASYNC);
    if (!error_ && expect(Tok::KW_FOR) && star_targets() && expect(Tok::KW_IN) &&
        star_expressions() && expect(Tok::NEWLINE))
        return syntax_error("expected ':'");
    mark_ = mark;
    if (error_) return nullptr;
    expect(Tok::ASYNC);
    Token *a;
    if (!error_ && (a = expect(Tok::KW_FOR)) && star_targets() && expect(Tok::KW_IN) &&
        star_expressions() && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
        lookahead(false, Tok::INDENT))
        return indentation_error("expected an indented block after 'for' statement on line %d",
                                 a->lineno);
    mark_ = mark;
    return nullptr;
}

// invalid_def_raw: [ASYNC] 'def' NAME '(' [params] ')' ['->' expression] ':' NEWLINE !INDENT
void *Parser::invalid_def_raw() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    expect(Tok::ASYNC);
    Token *a;
    if (!error_ && (a = expect(Tok::KW_DEF)) && name_token() && expect(Tok::LPAR)) {
        params(false);
        if (!error_ && expect(Tok::RPAR)) {
            const int before = mark_;
            if (!(expect(Tok::RARROW) && expression())) mark_ = before;
            if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) &&
                lookahead(false, Tok::INDENT))
                return indentation_error(
                    "expected an indented block after function definition on line %d", a->lineno);
        }
    }
    mark_ = mark;
    return nullptr;
}

// invalid_class_def_raw: 'class' NAME ['(' [arguments] ')'] NEWLINE
//   | 'class' NAME ['(' [arguments] ')'] ':' NEWLINE !INDENT
void *Parser::invalid_class_def_raw() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    auto optional_bases = [&]() {
        const int before = mark_;
        if (expect(Tok::LPAR)) {
            arguments();
            if (!error_ && expect(Tok::RPAR)) return;
        }
        mark_ = before;
    };
    if (expect(Tok::KW_CLASS) && name_token()) {
        optional_bases();
        if (!error_ && expect(Tok::NEWLINE)) return syntax_error("expected ':'");
    }
    mark_ = mark;
    if (error_) return nullptr;
    Token *a;
    if ((a = expect(Tok::KW_CLASS)) && name_token()) {
        optional_bases();
        if (!error_ && expect(Tok::COLON) && expect(Tok::NEWLINE) && lookahead(false, Tok::INDENT))
            return indentation_error("expected an indented block after class definition on line %d",
                                     a->lineno);
    }
    mark_ = mark;
    return nullptr;
}

}  // namespace minipy::parse
