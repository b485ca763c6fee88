// Expressions from the top down to the binary operators (python.gram: EXPRESSIONS,
// Comparison operators, Bitwise operators, Arithmetic operators; factor and below are in
// parse_primary.cpp). The binary operator rules are left-recursive in the grammar and loops
// here; each keeps its memo entry as the generated parser's seed-growing does.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// expressions: expression (',' expression)+ [','] | expression ',' | expression
Expr *Parser::expressions() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a;
        if ((a = expression())) {
            SeqBuilder<Expr *> rest(*this);
            if (!rest.push(a)) return nullptr;
            for (;;) {
                const int before = mark_;
                Expr *c;
                if (expect(Tok::COMMA) && (c = expression())) {
                    if (!rest.push(c)) return nullptr;
                    continue;
                }
                mark_ = before;
                break;
            }
            if (!error_ && rest.size() > 1) {
                expect(Tok::COMMA);
                Seq<Expr *> *elts = error_ ? nullptr : rest.finish();
                Expr *e = elts != nullptr ? new_expr(ExprKind::Tuple, extra(mark)) : nullptr;
                if (e != nullptr) e->v.List = {elts, ExprContext::Load};
                return e;
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        if ((a = expression()) && expect(Tok::COMMA)) {
            Seq<Expr *> *elts = singleton_seq(a);
            Expr *e = elts != nullptr ? new_expr(ExprKind::Tuple, extra(mark)) : nullptr;
            if (e != nullptr) e->v.List = {elts, ExprContext::Load};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = expression()) return a;
    mark_ = mark;
    return nullptr;
}

// disjunction 'if' disjunction 'else' expression | disjunction | lambdef: the alternatives
// expression and expression_without_invalid share.
Expr *Parser::conditional_expression() noexcept {
    const int mark = mark_;
    {
        Expr *a, *b, *c;
        if ((a = disjunction()) && expect(Tok::KW_IF) && (b = disjunction()) &&
            expect(Tok::KW_ELSE) && (c = expression())) {
            Expr *e = new_expr(ExprKind::IfExp, extra(mark));
            if (e != nullptr) e->v.IfExp = {b, a, c};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = disjunction()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *a = lambdef()) return a;
    mark_ = mark;
    return nullptr;
}

// expression (memo): invalid_expression | invalid_legacy_expression | the three above
Expr *Parser::expression() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoExpression, Expr *);
    const int mark = mark_;
    auto alternatives = [&]() -> Expr * {
        if (call_invalid_rules_) {
            if (invalid_expression()) return nullptr;
            mark_ = mark;
            if (error_) return nullptr;
            if (invalid_legacy_expression()) return nullptr;
            mark_ = mark;
        }
        if (error_) return nullptr;
        return conditional_expression();
    };
    if (!ensure_token()) return nullptr;
    Expr *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoExpression, result);
    return result;
}

// expression_without_invalid: the same without the invalid rules, also below it (CPython's
// "_without_invalid" rules), so that invalid_expression's own lookahead cannot recurse.
Expr *Parser::expression_without_invalid() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const bool saved = call_invalid_rules_;
    call_invalid_rules_ = false;
    Expr *result = conditional_expression();
    call_invalid_rules_ = saved;
    return result;
}

// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
Expr *Parser::yield_expr() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a;
        if (expect(Tok::KW_YIELD) && expect(Tok::KW_FROM) && (a = expression())) {
            Expr *e = new_expr(ExprKind::YieldFrom, extra(mark));
            if (e != nullptr) e->v.Await.value = a;
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (expect(Tok::KW_YIELD)) {
        Expr *a = star_expressions();
        if (!error_) {
            Expr *e = new_expr(ExprKind::Yield, extra(mark));
            if (e != nullptr) e->v.Await.value = a;
            return e;
        }
    }
    mark_ = mark;
    return nullptr;
}

// star_expressions: star_expression (',' star_expression)+ [','] | star_expression ','
//                 | star_expression
Expr *Parser::star_expressions() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a;
        if ((a = star_expression())) {
            SeqBuilder<Expr *> items(*this);
            if (!items.push(a)) return nullptr;
            for (;;) {
                const int before = mark_;
                Expr *c;
                if (expect(Tok::COMMA) && (c = star_expression())) {
                    if (!items.push(c)) return nullptr;
                    continue;
                }
                mark_ = before;
                break;
            }
            if (!error_ && items.size() > 1) {
                expect(Tok::COMMA);
                Seq<Expr *> *elts = error_ ? nullptr : items.finish();
                Expr *e = elts != nullptr ? new_expr(ExprKind::Tuple, extra(mark)) : nullptr;
                if (e != nullptr) e->v.List = {elts, ExprContext::Load};
                return e;
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        if ((a = star_expression()) && expect(Tok::COMMA)) {
            Seq<Expr *> *elts = singleton_seq(a);
            Expr *e = elts != nullptr ? new_expr(ExprKind::Tuple, extra(mark)) : nullptr;
            if (e != nullptr) e->v.List = {elts, ExprContext::Load};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = star_expression()) return a;
    mark_ = mark;
    return nullptr;
}

// star_expression (memo): '*' bitwise_or | expression
Expr *Parser::star_expression() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoStarExpression, Expr *);
    const int mark = mark_;
    auto alternatives = [&]() -> Expr * {
        {
            Expr *a;
            if (expect(Tok::STAR) && (a = bitwise_or())) {
                Expr *e = new_expr(ExprKind::Starred, extra(mark));
                if (e != nullptr) e->v.Starred = {a, ExprContext::Load};
                return e;
            }
            mark_ = mark;
        }
        if (error_) return nullptr;
        if (Expr *a = expression()) return a;
        mark_ = mark;
        return nullptr;
    };
    Expr *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoStarExpression, result);
    return result;
}

// star_named_expressions: ','.star_named_expression+ [',']
Seq<Expr *> *Parser::star_named_expressions() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    SeqBuilder<Expr *> items(*this);
    Expr *first = star_named_expression();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            Expr *next;
            if (expect(Tok::COMMA) && (next = star_named_expression())) {
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

// star_named_expression: '*' bitwise_or | named_expression
Expr *Parser::star_named_expression() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a;
        if (expect(Tok::STAR) && (a = bitwise_or())) {
            Expr *e = new_expr(ExprKind::Starred, extra(mark));
            if (e != nullptr) e->v.Starred = {a, ExprContext::Load};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = named_expression()) return a;
    mark_ = mark;
    return nullptr;
}

// assignment_expression: NAME ':=' ~ expression
Expr *Parser::assignment_expression() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Expr *a;
    if ((a = name_token()) && expect(Tok::COLONEQUAL)) {
        Expr *b = expression();
        if (b == nullptr) {
            mark_ = mark;
            return nullptr;  // the cut
        }
        Expr *target = set_expr_context(a, ExprContext::Store);
        Expr *e = target != nullptr ? new_expr(ExprKind::NamedExpr, extra(mark)) : nullptr;
        if (e != nullptr) e->v.NamedExpr = {target, b};
        return e;
    }
    mark_ = mark;
    return nullptr;
}

// named_expression: assignment_expression | invalid_named_expression | expression !':='
Expr *Parser::named_expression() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Expr *a = assignment_expression()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_named_expression()) return nullptr;
        mark_ = mark;
        if (error_) return nullptr;
    }
    if (Expr *a = expression(); a != nullptr && lookahead(false, Tok::COLONEQUAL)) return a;
    mark_ = mark;
    return nullptr;
}

// disjunction (memo): conjunction ('or' conjunction)+ | conjunction
// conjunction (memo): inversion ('and' inversion)+ | inversion
Expr *Parser::disjunction() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoDisjunction, Expr *);
    const int mark = mark_;
    Expr *result = nullptr;
    if (Expr *a = conjunction()) {
        SeqBuilder<Expr *> values(*this);
        if (!values.push(a)) return nullptr;
        for (;;) {
            const int before = mark_;
            Expr *c;
            if (expect(Tok::KW_OR) && (c = conjunction())) {
                if (!values.push(c)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (error_) return nullptr;
        if (values.size() > 1) {
            Seq<Expr *> *seq = values.finish();
            result = seq != nullptr ? new_expr(ExprKind::BoolOp, extra(mark)) : nullptr;
            if (result == nullptr) return nullptr;
            result->v.BoolOp = {BoolOp::Or, seq};
        } else {
            result = a;
        }
    }
    if (error_) return nullptr;
    if (result == nullptr) mark_ = mark;
    insert_memo(mark, kMemoDisjunction, result);
    return result;
}

Expr *Parser::conjunction() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoConjunction, Expr *);
    const int mark = mark_;
    Expr *result = nullptr;
    if (Expr *a = inversion()) {
        SeqBuilder<Expr *> values(*this);
        if (!values.push(a)) return nullptr;
        for (;;) {
            const int before = mark_;
            Expr *c;
            if (expect(Tok::KW_AND) && (c = inversion())) {
                if (!values.push(c)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (error_) return nullptr;
        if (values.size() > 1) {
            Seq<Expr *> *seq = values.finish();
            result = seq != nullptr ? new_expr(ExprKind::BoolOp, extra(mark)) : nullptr;
            if (result == nullptr) return nullptr;
            result->v.BoolOp = {BoolOp::And, seq};
        } else {
            result = a;
        }
    }
    if (error_) return nullptr;
    if (result == nullptr) mark_ = mark;
    insert_memo(mark, kMemoConjunction, result);
    return result;
}

// inversion (memo): 'not' inversion | comparison
Expr *Parser::inversion() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoInversion, Expr *);
    const int mark = mark_;
    Expr *result = nullptr;
    {
        Expr *a;
        if (expect(Tok::KW_NOT) && (a = inversion())) {
            result = new_expr(ExprKind::UnaryOp, extra(mark));
            if (result == nullptr) return nullptr;
            result->v.UnaryOp = {UnaryOp::Not, a};
        } else {
            mark_ = mark;
        }
    }
    if (error_) return nullptr;
    if (result == nullptr) {
        result = comparison();
        if (result == nullptr) mark_ = mark;
    }
    if (error_) return nullptr;
    insert_memo(mark, kMemoInversion, result);
    return result;
}

// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
Expr *Parser::comparison() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Expr *a = bitwise_or();
    if (a != nullptr) {
        SeqBuilder<CmpopExprPair *> pairs(*this);
        for (;;) {
            const int before = mark_;
            CmpopExprPair *pair = compare_op_bitwise_or_pair();
            if (pair == nullptr) {
                mark_ = before;
                break;
            }
            if (!pairs.push(pair)) return nullptr;
        }
        if (error_) return nullptr;
        if (pairs.size() > 0) {
            Seq<CmpOp> *ops = new_seq<CmpOp>(pairs.size());
            Seq<Expr *> *comparators = new_seq<Expr *>(pairs.size());
            if (ops == nullptr || comparators == nullptr) return nullptr;
            for (Py_ssize_t i = 0; i < pairs.size(); ++i) {
                ops->items[i] = pairs[i]->cmpop;
                comparators->items[i] = pairs[i]->expr;
            }
            Expr *e = new_expr(ExprKind::Compare, extra(mark));
            if (e != nullptr) e->v.Compare = {a, ops, comparators};
            return e;
        }
    }
    mark_ = mark;
    if (error_) return nullptr;
    // The second alternative: bitwise_or again (memoized, so no work is repeated).
    if (Expr *b = bitwise_or()) return b;
    mark_ = mark;
    return nullptr;
}

// compare_op_bitwise_or_pair: one comparison operator and its right operand, tried in the
// grammar's order (==, !=, <=, <, >=, >, not in, in, is not, is).
CmpopExprPair *Parser::compare_op_bitwise_or_pair() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    static constexpr struct {
        Tok first;
        Tok second;  // ENDMARKER: a one-token operator
        CmpOp op;
    } kOperators[] = {
        {Tok::EQEQUAL, Tok::ENDMARKER, CmpOp::Eq},
        {Tok::NOTEQUAL, Tok::ENDMARKER, CmpOp::NotEq},
        {Tok::LESSEQUAL, Tok::ENDMARKER, CmpOp::LtE},
        {Tok::LESS, Tok::ENDMARKER, CmpOp::Lt},
        {Tok::GREATEREQUAL, Tok::ENDMARKER, CmpOp::GtE},
        {Tok::GREATER, Tok::ENDMARKER, CmpOp::Gt},
        {Tok::KW_NOT, Tok::KW_IN, CmpOp::NotIn},
        {Tok::KW_IN, Tok::ENDMARKER, CmpOp::In},
        {Tok::KW_IS, Tok::KW_NOT, CmpOp::IsNot},
        {Tok::KW_IS, Tok::ENDMARKER, CmpOp::Is},
    };
    for (const auto &entry : kOperators) {
        if (error_) return nullptr;
        Token *t = expect(entry.first);
        // '<>' is a NOTEQUAL token that only Barry as BDFL accepts.
        if (t != nullptr && entry.op == CmpOp::NotEq &&
            (t->end - t->start != 2 || t->start[0] != '!'))
            t = nullptr;
        Expr *a;
        if (t != nullptr && (entry.second == Tok::ENDMARKER || expect(entry.second)) &&
            (a = bitwise_or()))
            return cmpop_expr_pair(entry.op, a);
        mark_ = mark;
    }
    return nullptr;
}

namespace {

struct BinaryLevel {
    Tok token;
    Operator op;
};

}  // namespace

// The left-recursive binary operator rules as loops: operand (op operand)*, left-associated.
#define MINIPY_BINARY_RULE(NAME, MEMO, OPERAND, ...)           \
    Expr *Parser::NAME() noexcept {                            \
        MINIPY_RULE_ENTER();                                   \
        MINIPY_MEMO_LOOKUP(MEMO, Expr *);                      \
        static constexpr BinaryLevel kOps[] = {__VA_ARGS__};   \
        const int mark = mark_;                                \
        Expr *result = OPERAND();                              \
        while (result != nullptr) {                            \
            const int before = mark_;                          \
            Expr *right = nullptr;                             \
            const BinaryLevel *matched = nullptr;              \
            for (const BinaryLevel &level : kOps) {            \
                if (expect(level.token)) {                     \
                    if ((right = OPERAND())) matched = &level; \
                    break;                                     \
                }                                              \
                if (error_) break;                             \
            }                                                  \
            if (matched == nullptr) {                          \
                mark_ = before;                                \
                break;                                         \
            }                                                  \
            Expr *e = new_expr(ExprKind::BinOp, extra(mark));  \
            if (e == nullptr) return nullptr;                  \
            e->v.BinOp = {result, matched->op, right};         \
            result = e;                                        \
        }                                                      \
        if (error_) return nullptr;                            \
        if (result == nullptr) mark_ = mark;                   \
        insert_memo(mark, MEMO, result);                       \
        return result;                                         \
    }

MINIPY_BINARY_RULE(bitwise_or, kMemoBitwiseOr, bitwise_xor, {Tok::VBAR, Operator::BitOr})
MINIPY_BINARY_RULE(bitwise_xor, kMemoBitwiseXor, bitwise_and, {Tok::CIRCUMFLEX, Operator::BitXor})
MINIPY_BINARY_RULE(bitwise_and, kMemoBitwiseAnd, shift_expr, {Tok::AMPER, Operator::BitAnd})
MINIPY_BINARY_RULE(shift_expr, kMemoShiftExpr, sum, {Tok::LEFTSHIFT, Operator::LShift},
                   {Tok::RIGHTSHIFT, Operator::RShift})
MINIPY_BINARY_RULE(sum, kMemoSum, term, {Tok::PLUS, Operator::Add}, {Tok::MINUS, Operator::Sub})
MINIPY_BINARY_RULE(term, kMemoTerm, factor, {Tok::STAR, Operator::Mult},
                   {Tok::SLASH, Operator::Div}, {Tok::DOUBLESLASH, Operator::FloorDiv},
                   {Tok::PERCENT, Operator::Mod}, {Tok::AT, Operator::MatMult})

#undef MINIPY_BINARY_RULE

}  // namespace minipy::parse
