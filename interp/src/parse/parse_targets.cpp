// Assignment and deletion targets (python.gram: ASSIGNMENT TARGETS, Targets for del
// statements). t_primary is left-recursive in the grammar and a loop here.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// star_targets: star_target !',' | star_target (',' star_target)* [',']
Expr *Parser::star_targets() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = star_target(); a != nullptr && lookahead(false, Tok::COMMA)) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *a = star_target()) {
        SeqBuilder<Expr *> items(*this);
        if (!items.push(a)) return nullptr;
        for (;;) {
            const int before = mark_;
            Expr *c;
            if (expect(Tok::COMMA) && (c = star_target())) {
                if (!items.push(c)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_) {
            expect(Tok::COMMA);
            Seq<Expr *> *elts = error_ ? nullptr : items.finish();
            Expr *e = elts != nullptr ? new_expr(ExprKind::Tuple, extra(mark)) : nullptr;
            if (e != nullptr) e->v.List = {elts, ExprContext::Store};
            return e;
        }
    }
    mark_ = mark;
    return nullptr;
}

// star_targets_list_seq: ','.star_target+ [',']
Seq<Expr *> *Parser::star_targets_list_seq() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    SeqBuilder<Expr *> items(*this);
    Expr *first = star_target();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            Expr *next;
            if (expect(Tok::COMMA) && (next = star_target())) {
                if (!items.push(next)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_) {
            expect(Tok::COMMA);
            if (!error_) return items.finish();
        }
    }
    mark_ = mark;
    return nullptr;
}

// star_targets_tuple_seq: star_target (',' star_target)+ [','] | star_target ','
Seq<Expr *> *Parser::star_targets_tuple_seq() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Expr *a = star_target()) {
        SeqBuilder<Expr *> items(*this);
        if (!items.push(a)) return nullptr;
        for (;;) {
            const int before = mark_;
            Expr *c;
            if (expect(Tok::COMMA) && (c = star_target())) {
                if (!items.push(c)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_ && items.size() > 1) {
            expect(Tok::COMMA);
            if (!error_) return items.finish();
        }
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *a = star_target(); a != nullptr && expect(Tok::COMMA)) return singleton_seq(a);
    mark_ = mark;
    return nullptr;
}

// star_target (memo): '*' (!'*' star_target) | target_with_star_atom
Expr *Parser::star_target() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoStarTarget, Expr *);
    const int mark = mark_;
    auto alternatives = [&]() -> Expr * {
        {
            Expr *a;
            if (expect(Tok::STAR) && lookahead(false, Tok::STAR) && (a = star_target())) {
                Expr *value = set_expr_context(a, ExprContext::Store);
                Expr *e = value != nullptr ? new_expr(ExprKind::Starred, extra(mark)) : nullptr;
                if (e != nullptr) e->v.Starred = {value, ExprContext::Store};
                return e;
            }
            mark_ = mark;
        }
        if (error_) return nullptr;
        if (Expr *a = target_with_star_atom()) return a;
        mark_ = mark;
        return nullptr;
    };
    if (!ensure_token()) return nullptr;
    Expr *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoStarTarget, result);
    return result;
}

// target_with_star_atom (memo): the attribute/subscript targets | star_atom
Expr *Parser::target_with_star_atom() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoTargetWithStarAtom, Expr *);
    const int mark = mark_;
    auto alternatives = [&]() -> Expr * {
        if (Expr *a = single_subscript_attribute_target()) return a;
        mark_ = mark;
        if (error_) return nullptr;
        if (Expr *a = star_atom()) return a;
        mark_ = mark;
        return nullptr;
    };
    if (!ensure_token()) return nullptr;
    Expr *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoTargetWithStarAtom, result);
    return result;
}

// star_atom: NAME | '(' target_with_star_atom ')' | '(' [star_targets_tuple_seq] ')'
//          | '[' [star_targets_list_seq] ']'
Expr *Parser::star_atom() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = name_token()) return set_expr_context(a, ExprContext::Store);
    mark_ = mark;
    if (error_) return nullptr;
    {
        Expr *a;
        if (expect(Tok::LPAR) && (a = target_with_star_atom()) && expect(Tok::RPAR))
            return set_expr_context(a, ExprContext::Store);
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (expect(Tok::LPAR)) {
        Seq<Expr *> *a = star_targets_tuple_seq();
        if (!error_ && expect(Tok::RPAR)) {
            Expr *e = new_expr(ExprKind::Tuple, extra(mark));
            if (e != nullptr) e->v.List = {a, ExprContext::Store};
            return e;
        }
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (expect(Tok::LSQB)) {
        Seq<Expr *> *a = star_targets_list_seq();
        if (!error_ && expect(Tok::RSQB)) {
            Expr *e = new_expr(ExprKind::List, extra(mark));
            if (e != nullptr) e->v.List = {a, ExprContext::Store};
            return e;
        }
    }
    mark_ = mark;
    return nullptr;
}

// single_target: single_subscript_attribute_target | NAME | '(' single_target ')'
Expr *Parser::single_target() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Expr *a = single_subscript_attribute_target()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *a = name_token()) return set_expr_context(a, ExprContext::Store);
    mark_ = mark;
    if (error_) return nullptr;
    {
        Expr *a;
        if (expect(Tok::LPAR) && (a = single_target()) && expect(Tok::RPAR)) return a;
        mark_ = mark;
    }
    return nullptr;
}

// single_subscript_attribute_target: t_primary '.' NAME !t_lookahead
//                                  | t_primary '[' slices ']' !t_lookahead
Expr *Parser::single_subscript_attribute_target() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    return attribute_or_subscript(mark_, ExprContext::Store);
}

// t_primary: the postfix chain of a target, each step followed by '(' '[' or '.'
Expr *Parser::t_primary() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoTPrimary, Expr *);
    const int mark = mark_;
    Expr *result = atom();
    if (result != nullptr && !t_lookahead()) result = nullptr;
    while (result != nullptr && !error_) {
        const int before = mark_;
        Expr *next = nullptr;
        {
            Expr *b;
            if (expect(Tok::DOT) && (b = name_token()) && t_lookahead()) {
                next = new_expr(ExprKind::Attribute, extra(mark));
                if (next != nullptr) next->v.Attribute = {result, b->v.Name.id, ExprContext::Load};
            } else {
                mark_ = before;
            }
        }
        if (next == nullptr && !error_) {
            Expr *b;
            if (expect(Tok::LSQB) && (b = slices()) && expect(Tok::RSQB) && t_lookahead()) {
                next = new_expr(ExprKind::Subscript, extra(mark));
                if (next != nullptr) next->v.Subscript = {result, b, ExprContext::Load};
            } else {
                mark_ = before;
            }
        }
        if (next == nullptr && !error_) {
            Expr *b;
            if ((b = genexp()) && t_lookahead()) {
                Seq<Expr *> *args = singleton_seq(b);
                next = args != nullptr ? new_expr(ExprKind::Call, extra(mark)) : nullptr;
                if (next != nullptr) next->v.Call = {result, args, nullptr};
            } else {
                mark_ = before;
            }
        }
        if (next == nullptr && !error_) {
            if (expect(Tok::LPAR)) {
                Expr *b = arguments();
                if (!error_ && expect(Tok::RPAR) && t_lookahead()) {
                    next = new_expr(ExprKind::Call, extra(mark));
                    if (next != nullptr)
                        next->v.Call = {result, b != nullptr ? b->v.Call.args : nullptr,
                                        b != nullptr ? b->v.Call.keywords : nullptr};
                }
            }
            if (next == nullptr) mark_ = before;
        }
        if (next == nullptr) break;
        result = next;
    }
    if (error_) return nullptr;
    if (result == nullptr) mark_ = mark;
    insert_memo(mark, kMemoTPrimary, result);
    return result;
}

// t_lookahead: '(' | '[' | '.'  (a lookahead: consumes nothing)
bool Parser::t_lookahead() noexcept {
    LevelGuard level_guard_(*this);
    if (level_guard_.failed()) return false;
    return lookahead(true, Tok::LPAR) || lookahead(true, Tok::LSQB) || lookahead(true, Tok::DOT);
}

// t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead, with `ctx`:
// target_with_star_atom, single_subscript_attribute_target and del_target share these.
Expr *Parser::attribute_or_subscript(int mark, ExprContext ctx) noexcept {
    {
        Expr *a, *b;
        if ((a = t_primary()) && expect(Tok::DOT) && (b = name_token()) && !t_lookahead() &&
            !error_) {
            Expr *e = new_expr(ExprKind::Attribute, extra(mark));
            if (e != nullptr) e->v.Attribute = {a, b->v.Name.id, ctx};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a, *b;
        if ((a = t_primary()) && expect(Tok::LSQB) && (b = slices()) && expect(Tok::RSQB) &&
            !t_lookahead() && !error_) {
            Expr *e = new_expr(ExprKind::Subscript, extra(mark));
            if (e != nullptr) e->v.Subscript = {a, b, ctx};
            return e;
        }
        mark_ = mark;
    }
    return nullptr;
}

// del_targets: ','.del_target+ [',']
Seq<Expr *> *Parser::del_targets() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    SeqBuilder<Expr *> items(*this);
    Expr *first = del_target();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            Expr *next;
            if (expect(Tok::COMMA) && (next = del_target())) {
                if (!items.push(next)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_) {
            expect(Tok::COMMA);
            if (!error_) return items.finish();
        }
    }
    mark_ = mark;
    return nullptr;
}

// del_target (memo): the attribute/subscript targets with Del | del_t_atom
Expr *Parser::del_target() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoDelTarget, Expr *);
    const int mark = mark_;
    auto alternatives = [&]() -> Expr * {
        if (Expr *a = attribute_or_subscript(mark, ExprContext::Del)) return a;
        mark_ = mark;
        if (error_) return nullptr;
        if (Expr *a = del_t_atom()) return a;
        mark_ = mark;
        return nullptr;
    };
    if (!ensure_token()) return nullptr;
    Expr *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoDelTarget, result);
    return result;
}

// del_t_atom: NAME | '(' del_target ')' | '(' [del_targets] ')' | '[' [del_targets] ']'
Expr *Parser::del_t_atom() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = name_token()) return set_expr_context(a, ExprContext::Del);
    mark_ = mark;
    if (error_) return nullptr;
    {
        Expr *a;
        if (expect(Tok::LPAR) && (a = del_target()) && expect(Tok::RPAR))
            return set_expr_context(a, ExprContext::Del);
        mark_ = mark;
    }
    if (error_) return nullptr;
    for (bool list : {false, true}) {
        if (expect(list ? Tok::LSQB : Tok::LPAR)) {
            Seq<Expr *> *a = del_targets();
            if (!error_ && expect(list ? Tok::RSQB : Tok::RPAR)) {
                Expr *e = new_expr(list ? ExprKind::List : ExprKind::Tuple, extra(mark));
                if (e != nullptr) e->v.List = {a, ExprContext::Del};
                return e;
            }
        }
        mark_ = mark;
        if (error_) return nullptr;
    }
    return nullptr;
}

}  // namespace minipy::parse
