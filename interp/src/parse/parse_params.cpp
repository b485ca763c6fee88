// Parameters of a def and of a lambda (python.gram: Function parameters, Lambda functions).
// The two grammars differ only in annotations, in the token that closes the list (')' or
// ':') and in a few error rules, so each rule here takes `lambda`.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

namespace {

// The token after a parameter list: ')' for a def, ':' for a lambda.
Tok closing(bool lambda) noexcept {
    return lambda ? Tok::COLON : Tok::RPAR;
}

}  // namespace

// params: invalid_parameters | parameters  (lambda_params likewise)
Arguments *Parser::params(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_parameters(lambda)) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Arguments *a = parameters(lambda)) return a;
    mark_ = mark;
    return nullptr;
}

Seq<Arg *> *Parser::param_no_default_loop(bool lambda, bool one_or_more) noexcept {
    SeqBuilder<Arg *> items(*this);
    for (;;) {
        const int before = mark_;
        Arg *a = param_no_default(lambda);
        if (a == nullptr) {
            mark_ = before;
            break;
        }
        if (!items.push(a)) return nullptr;
    }
    if (error_ || (one_or_more && items.size() == 0)) return nullptr;
    return items.finish();
}

Seq<NameDefaultPair *> *Parser::param_with_default_loop(bool lambda, bool one_or_more) noexcept {
    SeqBuilder<NameDefaultPair *> items(*this);
    for (;;) {
        const int before = mark_;
        NameDefaultPair *a = param_with_default(lambda);
        if (a == nullptr) {
            mark_ = before;
            break;
        }
        if (!items.push(a)) return nullptr;
    }
    if (error_ || (one_or_more && items.size() == 0)) return nullptr;
    return items.finish();
}

Seq<NameDefaultPair *> *Parser::param_maybe_default_loop(bool lambda, bool one_or_more) noexcept {
    SeqBuilder<NameDefaultPair *> items(*this);
    for (;;) {
        const int before = mark_;
        NameDefaultPair *a = param_maybe_default(lambda);
        if (a == nullptr) {
            mark_ = before;
            break;
        }
        if (!items.push(a)) return nullptr;
    }
    if (error_ || (one_or_more && items.size() == 0)) return nullptr;
    return items.finish();
}

// parameters:
//   slash_no_default param_no_default* param_with_default* [star_etc]
//   | slash_with_default param_with_default* [star_etc]
//   | param_no_default+ param_with_default* [star_etc]
//   | param_with_default+ [star_etc]
//   | star_etc
Arguments *Parser::parameters(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Seq<Arg *> *a, *b;
        Seq<NameDefaultPair *> *c;
        if ((a = slash_no_default(lambda)) && (b = param_no_default_loop(lambda, false)) &&
            (c = param_with_default_loop(lambda, false))) {
            StarEtc *d = star_etc_rule(lambda);
            if (!error_) return make_arguments(a, nullptr, b, c, d);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        SlashWithDefault *a;
        Seq<NameDefaultPair *> *b;
        if ((a = slash_with_default_rule(lambda)) && (b = param_with_default_loop(lambda, false))) {
            StarEtc *c = star_etc_rule(lambda);
            if (!error_) return make_arguments(nullptr, a, nullptr, b, c);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Seq<Arg *> *a;
        Seq<NameDefaultPair *> *b;
        if ((a = param_no_default_loop(lambda, true)) &&
            (b = param_with_default_loop(lambda, false))) {
            StarEtc *c = star_etc_rule(lambda);
            if (!error_) return make_arguments(nullptr, nullptr, a, b, c);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Seq<NameDefaultPair *> *a;
        if ((a = param_with_default_loop(lambda, true))) {
            StarEtc *b = star_etc_rule(lambda);
            if (!error_) return make_arguments(nullptr, nullptr, nullptr, a, b);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (StarEtc *a = star_etc_rule(lambda))
        return make_arguments(nullptr, nullptr, nullptr, nullptr, a);
    mark_ = mark;
    return nullptr;
}

// slash_no_default: param_no_default+ '/' ',' | param_no_default+ '/' &')'
Seq<Arg *> *Parser::slash_no_default(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    for (int alt = 0; alt < 2; ++alt) {
        if (error_) return nullptr;
        Seq<Arg *> *a;
        if ((a = param_no_default_loop(lambda, true)) && expect(Tok::SLASH) &&
            (alt == 0 ? expect(Tok::COMMA) != nullptr : lookahead(true, closing(lambda))))
            return a;
        mark_ = mark;
    }
    return nullptr;
}

// slash_with_default: param_no_default* param_with_default+ '/' (',' | &')')
SlashWithDefault *Parser::slash_with_default_rule(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    for (int alt = 0; alt < 2; ++alt) {
        if (error_) return nullptr;
        Seq<Arg *> *a;
        Seq<NameDefaultPair *> *b;
        if ((a = param_no_default_loop(lambda, false)) &&
            (b = param_with_default_loop(lambda, true)) && expect(Tok::SLASH) &&
            (alt == 0 ? expect(Tok::COMMA) != nullptr : lookahead(true, closing(lambda))))
            return slash_with_default(a, b);
        mark_ = mark;
    }
    return nullptr;
}

// star_etc: invalid_star_etc
//   | '*' param_no_default param_maybe_default* [kwds]
//   | '*' param_no_default_star_annotation param_maybe_default* [kwds]   (def only)
//   | '*' ',' param_maybe_default+ [kwds]
//   | kwds
StarEtc *Parser::star_etc_rule(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_star_etc(lambda)) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Arg *a;
        Seq<NameDefaultPair *> *b;
        if (expect(Tok::STAR) && (a = param_no_default(lambda)) &&
            (b = param_maybe_default_loop(lambda, false))) {
            Arg *c = kwds(lambda);
            if (!error_) return star_etc(a, b, c);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (!lambda) {
        Arg *a;
        Seq<NameDefaultPair *> *b;
        if (expect(Tok::STAR) && (a = param_no_default_star_annotation()) &&
            (b = param_maybe_default_loop(false, false))) {
            Arg *c = kwds(false);
            if (!error_) return star_etc(a, b, c);
        }
        mark_ = mark;
        if (error_) return nullptr;
    }
    {
        Seq<NameDefaultPair *> *b;
        if (expect(Tok::STAR) && expect(Tok::COMMA) &&
            (b = param_maybe_default_loop(lambda, true))) {
            Arg *c = kwds(lambda);
            if (!error_) return star_etc(nullptr, b, c);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Arg *a = kwds(lambda)) return star_etc(nullptr, nullptr, a);
    mark_ = mark;
    return nullptr;
}

// kwds: invalid_kwds | '**' param_no_default
Arg *Parser::kwds(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_kwds(lambda)) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    Arg *a;
    if (expect(Tok::DOUBLESTAR) && (a = param_no_default(lambda))) return a;
    mark_ = mark;
    return nullptr;
}

// param_no_default: param ',' TYPE_COMMENT? | param TYPE_COMMENT? &')'
// lambda_param_no_default: lambda_param ',' | lambda_param &':'
Arg *Parser::param_no_default(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Arg *a;
        if ((a = param(lambda)) && expect(Tok::COMMA)) {
            if (!lambda) expect(Tok::TYPE_COMMENT);
            if (!error_) return a;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    Arg *a;
    if ((a = param(lambda))) {
        if (!lambda) expect(Tok::TYPE_COMMENT);
        if (!error_ && lookahead(true, closing(lambda))) return a;
    }
    mark_ = mark;
    return nullptr;
}

// param_no_default_star_annotation: param_star_annotation ',' TYPE_COMMENT?
//   | param_star_annotation TYPE_COMMENT? &')'
Arg *Parser::param_no_default_star_annotation() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Arg *a;
        if ((a = param_star_annotation()) && expect(Tok::COMMA)) {
            expect(Tok::TYPE_COMMENT);
            if (!error_) return a;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    Arg *a;
    if ((a = param_star_annotation())) {
        expect(Tok::TYPE_COMMENT);
        if (!error_ && lookahead(true, Tok::RPAR)) return a;
    }
    mark_ = mark;
    return nullptr;
}

// param_with_default: param default ',' TYPE_COMMENT? | param default TYPE_COMMENT? &')'
NameDefaultPair *Parser::param_with_default(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Arg *a;
        Expr *c;
        if ((a = param(lambda)) && (c = default_rule()) && expect(Tok::COMMA)) {
            if (!lambda) expect(Tok::TYPE_COMMENT);
            if (!error_) return name_default_pair(a, c);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    Arg *a;
    Expr *c;
    if ((a = param(lambda)) && (c = default_rule())) {
        if (!lambda) expect(Tok::TYPE_COMMENT);
        if (!error_ && lookahead(true, closing(lambda))) return name_default_pair(a, c);
    }
    mark_ = mark;
    return nullptr;
}

// param_maybe_default: param default? ',' TYPE_COMMENT? | param default? TYPE_COMMENT? &')'
NameDefaultPair *Parser::param_maybe_default(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    for (int alt = 0; alt < 2; ++alt) {
        if (error_) return nullptr;
        Arg *a;
        if ((a = param(lambda))) {
            Expr *c = default_rule();
            if (!error_) {
                if (alt == 0) {
                    if (expect(Tok::COMMA)) {
                        if (!lambda) expect(Tok::TYPE_COMMENT);
                        if (!error_) return name_default_pair(a, c);
                    }
                } else {
                    if (!lambda) expect(Tok::TYPE_COMMENT);
                    if (!error_ && lookahead(true, closing(lambda))) return name_default_pair(a, c);
                }
            }
        }
        mark_ = mark;
    }
    return nullptr;
}

// param: NAME annotation?   lambda_param: NAME
Arg *Parser::param(bool lambda) noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Token *t = next_token_is(Tok::NAME);
    Expr *a;
    if ((a = name_token())) {
        Expr *b = nullptr;
        if (!lambda) {
            const int before = mark_;
            if (!(expect(Tok::COLON) && (b = expression()))) {
                mark_ = before;
                b = nullptr;
            }
        }
        if (!error_) return make_arg(t, a, b, extra(mark));
    }
    mark_ = mark;
    return nullptr;
}

// param_star_annotation: NAME star_annotation   (star_annotation: ':' star_expression)
Arg *Parser::param_star_annotation() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Token *t = next_token_is(Tok::NAME);
    Expr *a, *b;
    if ((a = name_token()) && expect(Tok::COLON) && (b = star_expression()))
        return make_arg(t, a, b, extra(mark));
    mark_ = mark;
    return nullptr;
}

// default: '=' expression | invalid_default
Expr *Parser::default_rule() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Expr *a;
        if (expect(Tok::EQUAL) && (a = expression())) return a;
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_default()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// lambdef: 'lambda' [lambda_params] ':' expression
Expr *Parser::lambdef() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (expect(Tok::KW_LAMBDA)) {
        Arguments *a = params(true);
        Expr *b;
        if (!error_ && expect(Tok::COLON) && (b = expression())) {
            if (a == nullptr) a = empty_arguments();
            Expr *e = a != nullptr ? new_expr(ExprKind::Lambda, extra(mark)) : nullptr;
            if (e != nullptr) e->v.Lambda = {a, b};
            return e;
        }
    }
    mark_ = mark;
    return nullptr;
}

}  // namespace minipy::parse
