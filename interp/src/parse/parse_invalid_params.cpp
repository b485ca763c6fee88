// The second pass's rules for parameters of def and lambda (python.gram's
// invalid_parameters, invalid_default, invalid_star_etc, invalid_kwds): "non-default argument
// follows default argument", "named arguments must follow bare *", and the rest. See
// parse_invalid_expressions.cpp for the conventions.
#include "parse/ast_names.hpp"
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// --- Parameters ----------------------------------------------------------------------------

// invalid_parameters_helper: slash_with_default | param_with_default+
void *Parser::invalid_parameters_helper(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (SlashWithDefault *a = slash_with_default_rule(lambda)) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Seq<NameDefaultPair *> *a = param_with_default_loop(lambda, true)) return a;
    mark_ = mark;
    return nullptr;
}

// invalid_parameters (and invalid_lambda_parameters):
//   param_no_default* invalid_parameters_helper param_no_default  "non-default argument ..."
//   | param_no_default* '(' param_no_default+ ','? ')'   "Function parameters cannot be ..."
//     (lambda: '(' ','.lambda_param+ ','? ')'   "Lambda expression parameters cannot be ...")
//   | '/' ','                                             "at least one argument must precede /"
//   | (slash_no_default | slash_with_default) param_maybe_default* '/'   "/ may appear only once"
//   | (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default)
//     param_maybe_default* '/'                            "/ must be ahead of *"
//   | param_maybe_default+ '/' '*'                        "expected comma between / and *"
void *Parser::invalid_parameters(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Arg *a;
        if (param_no_default_loop(lambda, false) && invalid_parameters_helper(lambda) &&
            (a = param_no_default(lambda)))
            return syntax_error_at(Span::of(a), "non-default argument follows default argument");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a, *b;
        if (param_no_default_loop(lambda, false) && (a = expect(Tok::LPAR))) {
            bool inner;
            if (lambda) {
                inner = param(true) != nullptr;
                while (inner) {
                    const int before = mark_;
                    if (expect(Tok::COMMA) && param(true)) continue;
                    mark_ = before;
                    break;
                }
            } else {
                inner = param_no_default_loop(false, true) != nullptr;
            }
            if (inner && !error_) {
                expect(Tok::COMMA);
                if (!error_ && (b = expect(Tok::RPAR)))
                    return syntax_error_at(
                        Span::range(a, b),
                        lambda ? "Lambda expression parameters cannot be parenthesized"
                               : "Function parameters cannot be parenthesized");
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if ((a = expect(Tok::SLASH)) && expect(Tok::COMMA))
            return syntax_error_at(Span::of(a), "at least one argument must precede /");
        mark_ = mark;
    }
    if (error_) return nullptr;
    auto slash_part = [&]() -> bool {
        const int before = mark_;
        if (slash_no_default(lambda)) return true;
        mark_ = before;
        if (error_) return false;
        if (slash_with_default_rule(lambda)) return true;
        mark_ = before;
        return false;
    };
    {
        Token *a;
        if (slash_part() && param_maybe_default_loop(lambda, false) && (a = expect(Tok::SLASH)))
            return syntax_error_at(Span::of(a), "/ may appear only once");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        slash_part();
        Token *a;
        if (!error_ && param_maybe_default_loop(lambda, false) && expect(Tok::STAR)) {
            const int before = mark_;
            bool next = expect(Tok::COMMA) != nullptr;
            if (!next && !error_) {
                mark_ = before;
                next = param_no_default(lambda) != nullptr;
            }
            if (next && param_maybe_default_loop(lambda, false) && (a = expect(Tok::SLASH)))
                return syntax_error_at(Span::of(a), "/ must be ahead of *");
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Token *a;
        if (param_maybe_default_loop(lambda, true) && expect(Tok::SLASH) && (a = expect(Tok::STAR)))
            return syntax_error_at(Span::of(a), "expected comma between / and *");
        mark_ = mark;
    }
    return nullptr;
}

// invalid_default: '=' &(')'|',')
void *Parser::invalid_default() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Token *a;
    if ((a = expect(Tok::EQUAL)) && (lookahead(true, Tok::RPAR) || lookahead(true, Tok::COMMA)))
        return syntax_error_at(Span::of(a), "expected default value expression");
    mark_ = mark;
    return nullptr;
}

// invalid_star_etc:
//   '*' (')' | ',' (')' | '**'))          "named arguments must follow bare *"
//     (lambda: '*' (':' | ',' (':' | '**')), at the last token)
//   | '*' ',' TYPE_COMMENT                (never: no type comments)
//   | '*' param '='                        "var-positional argument cannot have default value"
//   | '*' (param_no_default | ',') param_maybe_default* '*' (param_no_default | ',')
//                                          "* argument may appear only once"
void *Parser::invalid_star_etc(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    const Tok close = lambda ? Tok::COLON : Tok::RPAR;
    {
        Token *a;
        if ((a = expect(Tok::STAR))) {
            const int before = mark_;
            bool bare = expect(close) != nullptr;
            if (!bare && !error_) {
                mark_ = before;
                bare =
                    expect(Tok::COMMA) && (expect(close) || (!error_ && expect(Tok::DOUBLESTAR)));
            }
            if (bare) {
                if (lambda) return syntax_error("named arguments must follow bare *");
                return syntax_error_at(Span::of(a), "named arguments must follow bare *");
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (!lambda) {
        if (expect(Tok::STAR) && expect(Tok::COMMA) && expect(Tok::TYPE_COMMENT))
            return syntax_error("bare * has associated type comment");
        mark_ = mark;
        if (error_) return nullptr;
    }
    {
        Token *a;
        if (expect(Tok::STAR) && param(lambda) && (a = expect(Tok::EQUAL)))
            return syntax_error_at(Span::of(a),
                                   "var-positional argument cannot have default value");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        auto no_default_or_comma = [&]() -> bool {
            const int before = mark_;
            if (param_no_default(lambda)) return true;
            mark_ = before;
            if (error_) return false;
            if (expect(Tok::COMMA)) return true;
            mark_ = before;
            return false;
        };
        Token *a;
        if (expect(Tok::STAR) && no_default_or_comma() && param_maybe_default_loop(lambda, false) &&
            (a = expect(Tok::STAR)) && no_default_or_comma())
            return syntax_error_at(Span::of(a), "* argument may appear only once");
        mark_ = mark;
    }
    return nullptr;
}

// invalid_kwds:
//   '**' param '='                 "var-keyword argument cannot have default value"
//   | '**' param ',' param         "arguments cannot follow var-keyword argument"
//   | '**' param ',' ('*'|'**'|'/') "arguments cannot follow var-keyword argument"
void *Parser::invalid_kwds(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Token *a;
        if (expect(Tok::DOUBLESTAR) && param(lambda) && (a = expect(Tok::EQUAL)))
            return syntax_error_at(Span::of(a), "var-keyword argument cannot have default value");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Arg *a;
        if (expect(Tok::DOUBLESTAR) && param(lambda) && expect(Tok::COMMA) && (a = param(lambda)))
            return syntax_error_at(Span::of(a), "arguments cannot follow var-keyword argument");
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        if (expect(Tok::DOUBLESTAR) && param(lambda) && expect(Tok::COMMA)) {
            Token *a = expect(Tok::STAR);
            if (a == nullptr && !error_) a = expect(Tok::DOUBLESTAR);
            if (a == nullptr && !error_) a = expect(Tok::SLASH);
            if (a != nullptr)
                return syntax_error_at(Span::of(a), "arguments cannot follow var-keyword argument");
        }
        mark_ = mark;
    }
    return nullptr;
}

}  // namespace minipy::parse
