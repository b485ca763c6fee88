// Call arguments (python.gram: FUNCTION CALL ARGUMENTS): positional, starred, keyword and
// double-starred arguments in their allowed orders.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// arguments (memo): args [','] &')' | invalid_arguments
Expr *Parser::arguments() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoArguments, Expr *);
    const int mark = mark_;
    auto alternatives = [&]() -> Expr * {
        if (Expr *a = args()) {
            expect(Tok::COMMA);
            if (!error_ && lookahead(true, Tok::RPAR)) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (call_invalid_rules_) {
            if (invalid_arguments()) return nullptr;
            mark_ = mark;
        }
        return nullptr;
    };
    Expr *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoArguments, result);
    return result;
}

// One element of args' first alternative:
//   starred_expression | (assignment_expression | expression !':=') !'='
Expr *Parser::positional_argument() noexcept {
    const int before = mark_;
    if (Expr *e = starred_expression()) return e;
    mark_ = before;
    if (error_) return nullptr;
    Expr *e = assignment_expression();
    if (e == nullptr) {
        mark_ = before;
        if (error_) return nullptr;
        e = expression();
        if (e != nullptr && !lookahead(false, Tok::COLONEQUAL)) e = nullptr;
    }
    if (e != nullptr && lookahead(false, Tok::EQUAL)) return e;
    mark_ = before;
    return nullptr;
}

// args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+
//       [',' kwargs]
//     | kwargs
Expr *Parser::args() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    auto positional = [&]() { return positional_argument(); };
    {
        SeqBuilder<Expr *> items(*this);
        Expr *first = positional();
        if (first != nullptr && items.push(first)) {
            for (;;) {
                const int before = mark_;
                Expr *next;
                if (expect(Tok::COMMA) && (next = positional())) {
                    if (!items.push(next)) return nullptr;
                    continue;
                }
                mark_ = before;
                break;
            }
            if (!error_) {
                Seq<KeywordOrStarred *> *b = nullptr;
                const int before = mark_;
                if (!(expect(Tok::COMMA) && (b = kwargs()))) {
                    mark_ = before;
                    b = nullptr;
                }
                if (!error_) {
                    Seq<Expr *> *a = items.finish();
                    return a != nullptr ? collect_call_seqs(a, b, extra(mark)) : nullptr;
                }
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Seq<KeywordOrStarred *> *a = kwargs()) {
        Expr *e = new_expr(ExprKind::Call, extra(mark));
        if (e == nullptr) return nullptr;
        e->v.Call.args = seq_extract_starred_exprs(a);
        e->v.Call.keywords = seq_delete_starred_exprs(a);
        return error_ ? nullptr : e;
    }
    mark_ = mark;
    return nullptr;
}

// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+
//       | ','.kwarg_or_starred+ | ','.kwarg_or_double_starred+
Seq<KeywordOrStarred *> *Parser::kwargs() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    auto gather = [&](KeywordOrStarred *(Parser::*rule)(), SeqBuilder<KeywordOrStarred *> &out) {
        KeywordOrStarred *first = (this->*rule)();
        if (first == nullptr || !out.push(first)) return false;
        for (;;) {
            const int before = mark_;
            KeywordOrStarred *next;
            if (expect(Tok::COMMA) && (next = (this->*rule)())) {
                if (!out.push(next)) return false;
                continue;
            }
            mark_ = before;
            break;
        }
        return !error_;
    };
    {
        SeqBuilder<KeywordOrStarred *> a(*this), b(*this);
        if (gather(&Parser::kwarg_or_starred, a) && expect(Tok::COMMA) &&
            gather(&Parser::kwarg_or_double_starred, b)) {
            for (Py_ssize_t i = 0; i < b.size(); ++i)
                if (!a.push(b[i])) return nullptr;
            return a.finish();
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        SeqBuilder<KeywordOrStarred *> a(*this);
        if (gather(&Parser::kwarg_or_starred, a)) return a.finish();
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        SeqBuilder<KeywordOrStarred *> a(*this);
        if (gather(&Parser::kwarg_or_double_starred, a)) return a.finish();
        mark_ = mark;
    }
    return nullptr;
}

// starred_expression: '*' expression
Expr *Parser::starred_expression() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Expr *a;
    if (expect(Tok::STAR) && (a = expression())) {
        Expr *e = new_expr(ExprKind::Starred, extra(mark));
        if (e != nullptr) e->v.Starred = {a, ExprContext::Load};
        return e;
    }
    mark_ = mark;
    return nullptr;
}

// A keyword argument NAME '=' expression (or '**' expression with a NULL name).
static KeywordOrStarred *keyword_argument(Parser &p, Arena *arena, Identifier name, Expr *value,
                                          const Location &loc) noexcept;

// kwarg_or_starred: invalid_kwarg | NAME '=' expression | starred_expression
KeywordOrStarred *Parser::kwarg_or_starred() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_kwarg()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a, *b;
        if ((a = name_token()) && expect(Tok::EQUAL) && (b = expression()))
            return keyword_argument(*this, arena_, a->v.Name.id, b, extra(mark));
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = starred_expression()) return keyword_or_starred(a, false);
    mark_ = mark;
    return nullptr;
}

// kwarg_or_double_starred: invalid_kwarg | NAME '=' expression | '**' expression
KeywordOrStarred *Parser::kwarg_or_double_starred() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_kwarg()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a, *b;
        if ((a = name_token()) && expect(Tok::EQUAL) && (b = expression()))
            return keyword_argument(*this, arena_, a->v.Name.id, b, extra(mark));
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        if (expect(Tok::DOUBLESTAR) && (a = expression()))
            return keyword_argument(*this, arena_, nullptr, a, extra(mark));
        mark_ = mark;
    }
    return nullptr;
}

static KeywordOrStarred *keyword_argument(Parser &p, Arena *arena, Identifier name, Expr *value,
                                          const Location &loc) noexcept {
    auto *k = arena->make<Keyword>();
    auto *ks = arena->make<KeywordOrStarred>();
    if (k == nullptr || ks == nullptr) {
        p.set_error();
        return nullptr;
    }
    static_cast<Location &>(*k) = loc;
    k->arg = name;
    k->value = value;
    ks->element = k;
    ks->is_keyword = true;
    return ks;
}

}  // namespace minipy::parse
