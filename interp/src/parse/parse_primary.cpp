// Unary operators, power, await and primaries (python.gram: Arithmetic operators' factor,
// Primary elements): attribute access, calls, subscripts and generator-expression calls,
// left-recursive in the grammar and a loop here.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// factor (memo): '+' factor | '-' factor | '~' factor | power
Expr *Parser::factor() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoFactor, Expr *);
    const int mark = mark_;
    static constexpr struct {
        Tok token;
        UnaryOp op;
    } kUnary[] = {
        {Tok::PLUS, UnaryOp::UAdd}, {Tok::MINUS, UnaryOp::USub}, {Tok::TILDE, UnaryOp::Invert}};
    Expr *result = nullptr;
    for (const auto &entry : kUnary) {
        if (error_) return nullptr;
        Expr *a;
        if (expect(entry.token) && (a = factor())) {
            result = new_expr(ExprKind::UnaryOp, extra(mark));
            if (result == nullptr) return nullptr;
            result->v.UnaryOp = {entry.op, a};
            break;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (result == nullptr) {
        result = power();
        if (result == nullptr) mark_ = mark;
    }
    if (error_) return nullptr;
    insert_memo(mark, kMemoFactor, result);
    return result;
}

// power: await_primary '**' factor | await_primary
Expr *Parser::power() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a, *b;
        if ((a = await_primary()) && expect(Tok::DOUBLESTAR) && (b = factor())) {
            Expr *e = new_expr(ExprKind::BinOp, extra(mark));
            if (e != nullptr) e->v.BinOp = {a, Operator::Pow, b};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = await_primary()) return a;
    mark_ = mark;
    return nullptr;
}

// await_primary (memo): AWAIT primary | primary
Expr *Parser::await_primary() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoAwaitPrimary, Expr *);
    const int mark = mark_;
    Expr *result = nullptr;
    {
        Expr *a;
        if (expect(Tok::AWAIT) && (a = primary())) {
            result = new_expr(ExprKind::Await, extra(mark));
            if (result == nullptr) return nullptr;
            result->v.Await.value = a;
        } else {
            mark_ = mark;
        }
    }
    if (error_) return nullptr;
    if (result == nullptr) {
        result = primary();
        if (result == nullptr) mark_ = mark;
    }
    if (error_) return nullptr;
    insert_memo(mark, kMemoAwaitPrimary, result);
    return result;
}

// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
//        | primary '[' slices ']' | atom   (left-recursive: atom, then postfixes in a loop)
Expr *Parser::primary() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoPrimary, Expr *);
    const int mark = mark_;
    Expr *result = atom();
    while (result != nullptr && !error_) {
        const int before = mark_;
        Expr *next = nullptr;
        {
            Expr *b;
            if (expect(Tok::DOT) && (b = name_token())) {
                next = new_expr(ExprKind::Attribute, extra(mark));
                if (next != nullptr) next->v.Attribute = {result, b->v.Name.id, ExprContext::Load};
            } else {
                mark_ = before;
            }
        }
        if (next == nullptr && !error_) {
            if (Expr *b = genexp()) {
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
                if (!error_ && expect(Tok::RPAR)) {
                    next = new_expr(ExprKind::Call, extra(mark));
                    if (next != nullptr)
                        next->v.Call = {result, b != nullptr ? b->v.Call.args : nullptr,
                                        b != nullptr ? b->v.Call.keywords : nullptr};
                }
            }
            if (next == nullptr) mark_ = before;
        }
        if (next == nullptr && !error_) {
            Expr *b;
            if (expect(Tok::LSQB) && (b = slices()) && expect(Tok::RSQB)) {
                next = new_expr(ExprKind::Subscript, extra(mark));
                if (next != nullptr) next->v.Subscript = {result, b, ExprContext::Load};
            } else {
                mark_ = before;
            }
        }
        if (next == nullptr) break;
        result = next;
    }
    if (error_) return nullptr;
    if (result == nullptr) mark_ = mark;
    insert_memo(mark, kMemoPrimary, result);
    return result;
}

}  // namespace minipy::parse
