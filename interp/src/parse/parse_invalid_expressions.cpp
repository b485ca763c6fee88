// The second pass's rules for expressions, calls, assignments and displays (python.gram's
// invalid_* rules): each one matches a common mistake and raises CPython 3.11's message for
// it at CPython's position. A rule that matches without raising returns NULL all the same:
// as in the generated parser, the alternatives after a matched one are not tried.
#include "parse/ast_names.hpp"
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

namespace {

Expr *last_comprehension_item(Comprehension *c) noexcept {
    if (len(c->ifs) == 0) return c->iter;
    return c->ifs->items[c->ifs->size - 1];
}

Comprehension *last_of(Seq<Comprehension *> *seq) noexcept {
    return seq->items[seq->size - 1];
}

}  // namespace

// invalid_arguments (CPython 3.11.7's, which differs from 3.11.2's in its first rule):
//   (','.positional+ ',' kwargs | kwargs) ',' '*'         "iterable argument unpacking ..."
//   | expression for_if_clauses ',' [args | expression for_if_clauses]  "Generator ..."
//   | NAME '=' expression for_if_clauses                  "Maybe you meant '==' ..."
//   | args for_if_clauses                                 (nonparen_genexp_in_call)
//   | args ',' expression for_if_clauses                  "Generator ..."
//   | args ',' args                                       "positional argument follows ..."
void *Parser::invalid_arguments() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        bool prefix = false;
        if (positional_argument()) {
            for (;;) {
                const int before = mark_;
                if (expect(Tok::COMMA) && positional_argument()) continue;
                mark_ = before;
                break;
            }
            prefix = !error_ && expect(Tok::COMMA) && kwargs();
        }
        if (!prefix && !error_) {
            mark_ = mark;
            prefix = kwargs() != nullptr;
        }
        Token *b;
        if (prefix && expect(Tok::COMMA) && (b = expect(Tok::STAR)))
            return syntax_error_at(
                Span::of(b), "iterable argument unpacking follows keyword argument unpacking");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Seq<Comprehension *> *b;
        if ((a = expression()) && (b = for_if_clauses()) && expect(Tok::COMMA)) {
            const int before = mark_;
            if (!args()) {
                mark_ = before;
                if (!error_ && !(expression() && for_if_clauses())) mark_ = before;
            }
            if (error_) return nullptr;
            return syntax_error_at(Span::range(a, last_comprehension_item(last_of(b))),
                                   "Generator expression must be parenthesized");
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Token *b;
        if ((a = name_token()) && (b = expect(Tok::EQUAL)) && expression() && for_if_clauses())
            return syntax_error_at(Span::range(a, b),
                                   "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Seq<Comprehension *> *b;
        if ((a = args()) && (b = for_if_clauses())) return nonparen_genexp_in_call(a, b);
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Seq<Comprehension *> *b;
        if (args() && expect(Tok::COMMA) && (a = expression()) && (b = for_if_clauses()))
            return syntax_error_at(Span::range(a, last_comprehension_item(last_of(b))),
                                   "Generator expression must be parenthesized");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        if ((a = args()) && expect(Tok::COMMA) && args()) return arguments_parsing_error(a);
        mark_ = mark;
    }
    return nullptr;
}

// invalid_kwarg:
//   ('True'|'False'|'None') '='                 "cannot assign to True"
//   | NAME '=' expression for_if_clauses        "Maybe you meant '==' or ':=' ..."
//   | !(NAME '=') expression '='                "expression cannot contain assignment ..."
void *Parser::invalid_kwarg() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Token *a = expect(Tok::KW_TRUE);
        if (a == nullptr && !error_) a = expect(Tok::KW_FALSE);
        if (a == nullptr && !error_) a = expect(Tok::KW_NONE);
        Token *b;
        if (a != nullptr && (b = expect(Tok::EQUAL)))
            return syntax_error_at(Span::range(a, b), "cannot assign to %s", token_text(a->type));
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Token *b;
        if ((a = name_token()) && (b = expect(Tok::EQUAL)) && expression() && for_if_clauses())
            return syntax_error_at(Span::range(a, b),
                                   "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        const bool name_equal = name_token() && expect(Tok::EQUAL);
        mark_ = mark;
        Expr *a;
        Token *b;
        if (!error_ && !name_equal && (a = expression()) && (b = expect(Tok::EQUAL)))
            return syntax_error_at(
                Span::range(a, b),
                "expression cannot contain assignment, perhaps you meant \"==\"?");
        mark_ = mark;
    }
    return nullptr;
}

// invalid_legacy_expression: NAME !'(' star_expressions   (print x / exec x)
void *Parser::invalid_legacy_expression() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *a, *b;
    if ((a = name_token()) && lookahead(false, Tok::LPAR) && (b = star_expressions())) {
        if (!check_legacy_stmt(a)) return nullptr;
        return syntax_error_at(Span::range(a, b),
                               "Missing parentheses in call to '%U'. Did you mean %U(...)?",
                               a->v.Name.id, a->v.Name.id);
    }
    mark_ = mark;
    return nullptr;
}

// invalid_expression:
//   !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
//        "invalid syntax. Perhaps you forgot a comma?" (inside brackets only)
//   | disjunction 'if' disjunction !('else'|':')     "expected 'else' after 'if' expression"
void *Parser::invalid_expression() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        bool excluded = name_token() && expect(Tok::STRING);
        mark_ = mark;
        if (!excluded && !error_) excluded = soft_keyword_token() != nullptr;
        mark_ = mark;
        Expr *a, *b;
        if (!error_ && !excluded && (a = disjunction()) && (b = expression_without_invalid())) {
            if (check_legacy_stmt(a) || tokens_[mark_ - 1]->level == 0) return nullptr;
            return syntax_error_at(Span::range(a, b),
                                   "invalid syntax. Perhaps you forgot a comma?");
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a, *b;
        if ((a = disjunction()) && expect(Tok::KW_IF) && (b = disjunction()) &&
            lookahead(false, Tok::KW_ELSE) && lookahead(false, Tok::COLON))
            return syntax_error_at(Span::range(a, b), "expected 'else' after 'if' expression");
        mark_ = mark;
    }
    return nullptr;
}

// invalid_named_expression (memo):
//   expression ':=' expression           "cannot use assignment expressions with ..."
//   | NAME '=' bitwise_or !('='|':=')    "Maybe you meant '==' or ':=' instead of '='?"
//   | !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')
//                                        "cannot assign to ... here. Maybe you meant '=='?"
void *Parser::invalid_named_expression() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoInvalidNamedExpression, void *);
    const int mark = mark_;
    auto alternatives = [&]() -> void * {
        {
            Expr *a;
            if ((a = expression()) && expect(Tok::COLONEQUAL) && expression())
                return syntax_error_at(Span::of(a), "cannot use assignment expressions with %s",
                                       expr_name(a));
            mark_ = mark;
        }
        if (error_) return nullptr;
        {
            Expr *a, *b;
            if ((a = name_token()) && expect(Tok::EQUAL) && (b = bitwise_or()) &&
                lookahead(false, Tok::EQUAL) && lookahead(false, Tok::COLONEQUAL))
                return syntax_error_at(
                    Span::range(a, b),
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            mark_ = mark;
        }
        if (error_) return nullptr;
        {
            bool excluded = false;
            for (Expr *(Parser::*rule)() : {&Parser::list, &Parser::tuple, &Parser::genexp}) {
                excluded = (this->*rule)() != nullptr;
                mark_ = mark;
                if (excluded || error_) break;
            }
            for (Tok t : {Tok::KW_TRUE, Tok::KW_NONE, Tok::KW_FALSE}) {
                if (excluded || error_) break;
                excluded = !lookahead(false, t);
            }
            Expr *a;
            if (!error_ && !excluded && (a = bitwise_or()) && expect(Tok::EQUAL) && bitwise_or() &&
                lookahead(false, Tok::EQUAL) && lookahead(false, Tok::COLONEQUAL))
                return syntax_error_at(
                    Span::of(a), "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                    expr_name(a));
            mark_ = mark;
        }
        return nullptr;
    };
    void *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoInvalidNamedExpression, result);
    return result;
}

// invalid_assignment:
//   invalid_ann_assign_target ':' expression       "only single target (not list) ..."
//   | star_named_expression ',' star_named_expressions* ':' expression
//                                                  "only single target (not tuple) ..."
//   | expression ':' expression                    "illegal target for annotation"
//   | (star_targets '=')* star_expressions '='     "cannot assign to ..."
//   | (star_targets '=')* yield_expr '='           "assignment to yield expression ..."
//   | star_expressions augassign (yield_expr | star_expressions)
//                                                  "'...' is an illegal expression for ..."
void *Parser::invalid_assignment() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Expr *a;
        if ((a = invalid_ann_assign_target()) && expect(Tok::COLON) && expression())
            return syntax_error_at(Span::of(a), "only single target (not %s) can be annotated",
                                   expr_name(a));
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        if ((a = star_named_expression()) && expect(Tok::COMMA)) {
            for (;;) {
                const int before = mark_;
                if (!star_named_expressions()) {
                    mark_ = before;
                    break;
                }
            }
            if (!error_ && expect(Tok::COLON) && expression())
                return syntax_error_at(Span::of(a),
                                       "only single target (not tuple) can be annotated");
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        if ((a = expression()) && expect(Tok::COLON) && expression())
            return syntax_error_at(Span::of(a), "illegal target for annotation");
        mark_ = mark;
    }
    if (error_) return nullptr;
    auto skip_targets = [&]() {
        for (;;) {
            const int before = mark_;
            if (star_targets() && expect(Tok::EQUAL)) continue;
            mark_ = before;
            break;
        }
    };
    {
        skip_targets();
        Expr *a;
        if (!error_ && (a = star_expressions()) && expect(Tok::EQUAL))
            return syntax_error_invalid_target(kStarTargets, a);
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        skip_targets();
        Expr *a;
        if (!error_ && (a = yield_expr()) && expect(Tok::EQUAL))
            return syntax_error_at(Span::of(a), "assignment to yield expression not possible");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        if ((a = star_expressions()) && augassign()) {
            const int before = mark_;
            bool rhs = yield_expr() != nullptr;
            if (!rhs) {
                mark_ = before;
                rhs = !error_ && star_expressions() != nullptr;
            }
            if (rhs)
                return syntax_error_at(Span::of(a),
                                       "'%s' is an illegal expression for augmented assignment",
                                       expr_name(a));
        }
        mark_ = mark;
    }
    return nullptr;
}

// invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
Expr *Parser::invalid_ann_assign_target() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Expr *a = list()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *a = tuple()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    Expr *a;
    if (expect(Tok::LPAR) && (a = invalid_ann_assign_target()) && expect(Tok::RPAR)) return a;
    mark_ = mark;
    return nullptr;
}

// invalid_del_stmt: 'del' star_expressions
void *Parser::invalid_del_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *a;
    if (expect(Tok::KW_DEL) && (a = star_expressions()))
        return syntax_error_invalid_target(kDelTargets, a);
    mark_ = mark;
    return nullptr;
}

// invalid_block: NEWLINE !INDENT
void *Parser::invalid_block() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (expect(Tok::NEWLINE) && lookahead(false, Tok::INDENT))
        return indentation_error("expected an indented block");
    mark_ = mark;
    return nullptr;
}

// invalid_comprehension:
//   ('[' | '(' | '{') starred_expression for_if_clauses   "iterable unpacking cannot ..."
//   | ('[' | '{') star_named_expression ',' star_named_expressions for_if_clauses
//   | ('[' | '{') star_named_expression ',' for_if_clauses
//                                       "did you forget parentheses around the ... target?"
void *Parser::invalid_comprehension() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    auto open = [&](bool paren) {
        return expect(Tok::LSQB) || (!error_ && paren && expect(Tok::LPAR)) ||
               (!error_ && expect(Tok::LBRACE));
    };
    {
        Expr *a;
        if (open(true) && (a = starred_expression()) && for_if_clauses())
            return syntax_error_at(Span::of(a),
                                   "iterable unpacking cannot be used in comprehension");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Seq<Expr *> *b;
        if (open(false) && (a = star_named_expression()) && expect(Tok::COMMA) &&
            (b = star_named_expressions()) && for_if_clauses())
            return syntax_error_at(Span::range(a, b->items[b->size - 1]),
                                   "did you forget parentheses around the comprehension target?");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Token *b;
        if (open(false) && (a = star_named_expression()) && (b = expect(Tok::COMMA)) &&
            for_if_clauses())
            return syntax_error_at(Span::range(a, b),
                                   "did you forget parentheses around the comprehension target?");
        mark_ = mark;
    }
    return nullptr;
}

// invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}'
void *Parser::invalid_dict_comprehension() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Token *a;
    if (expect(Tok::LBRACE) && (a = expect(Tok::DOUBLESTAR)) && bitwise_or() && for_if_clauses() &&
        expect(Tok::RBRACE))
        return syntax_error_at(Span::of(a), "dict unpacking cannot be used in dict comprehension");
    mark_ = mark;
    return nullptr;
}

// invalid_group: '(' starred_expression ')' | '(' '**' expression ')'
void *Parser::invalid_group() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Expr *a;
        if (expect(Tok::LPAR) && (a = starred_expression()) && expect(Tok::RPAR))
            return syntax_error_at(Span::of(a), "cannot use starred expression here");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if (expect(Tok::LPAR) && (a = expect(Tok::DOUBLESTAR)) && expression() && expect(Tok::RPAR))
            return syntax_error_at(Span::of(a), "cannot use double starred expression here");
        mark_ = mark;
    }
    return nullptr;
}

// invalid_double_starred_kvpairs:
//   ','.double_starred_kvpair+ ',' invalid_kvpair
//   | expression ':' '*' bitwise_or     "cannot use a starred expression in a dictionary value"
//   | expression ':' &('}'|',')         "expression expected after dictionary key and ':'"
void *Parser::invalid_double_starred_kvpairs() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        bool matched = double_starred_kvpair() != nullptr;
        while (matched) {
            const int before = mark_;
            if (expect(Tok::COMMA) && double_starred_kvpair()) continue;
            mark_ = before;
            break;
        }
        if (matched && !error_ && expect(Tok::COMMA)) {
            if (void *r = invalid_kvpair()) return r;
            if (error_) return nullptr;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if (expression() && expect(Tok::COLON) && (a = expect(Tok::STAR)) && bitwise_or())
            return syntax_error_from(Span::of(a),
                                     "cannot use a starred expression in a dictionary value");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if (expression() && (a = expect(Tok::COLON)) &&
            (lookahead(true, Tok::RBRACE) || lookahead(true, Tok::COMMA)))
            return syntax_error_at(Span::of(a), "expression expected after dictionary key and ':'");
        mark_ = mark;
    }
    return nullptr;
}

// invalid_kvpair:
//   expression !(':')                   "':' expected after dictionary key"
//   | expression ':' '*' bitwise_or     "cannot use a starred expression in a dictionary value"
//   | expression ':' &('}'|',')         "expression expected after dictionary key and ':'"
void *Parser::invalid_kvpair() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Expr *a;
        if ((a = expression()) && lookahead(false, Tok::COLON))
            return raise_error_known_location(PyExc_SyntaxError,
                                              {a->lineno, a->end_col_offset - 1, a->end_lineno, -1},
                                              "':' expected after dictionary key");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if (expression() && expect(Tok::COLON) && (a = expect(Tok::STAR)) && bitwise_or())
            return syntax_error_from(Span::of(a),
                                     "cannot use a starred expression in a dictionary value");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if (expression() && (a = expect(Tok::COLON)) &&
            (lookahead(true, Tok::RBRACE) || lookahead(true, Tok::COMMA)))
            return syntax_error_at(Span::of(a), "expression expected after dictionary key and ':'");
        mark_ = mark;
    }
    return nullptr;
}

}  // namespace minipy::parse
