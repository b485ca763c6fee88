// The grammar's start rules and simple statements (python.gram: STARTING RULES, GENERAL
// STATEMENTS, SIMPLE STATEMENTS). Imports are in parse_imports.cpp.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// file: [statements] ENDMARKER
Mod *Parser::file_rule() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Seq<Stmt *> *a = statements();
    if (!error_ && expect(Tok::ENDMARKER)) return check(make_module(a));
    mark_ = mark;
    return nullptr;
}

// interactive: statement_newline
Mod *Parser::interactive_rule() noexcept {
    MINIPY_RULE_ENTER();
    Seq<Stmt *> *a = statement_newline();
    if (a == nullptr) return nullptr;
    auto *m = arena_->make<Mod>();
    if (m == nullptr) {
        error_ = true;
        return nullptr;
    }
    m->kind = ModKind::Interactive;
    m->v.Interactive.body = a;
    return m;
}

// eval: expressions NEWLINE* ENDMARKER
Mod *Parser::eval_rule() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *a = expressions();
    if (a != nullptr) {
        while (expect(Tok::NEWLINE)) {
        }
        if (!error_ && expect(Tok::ENDMARKER)) {
            auto *m = arena_->make<Mod>();
            if (m == nullptr) {
                error_ = true;
                return nullptr;
            }
            m->kind = ModKind::Expression;
            m->v.Expression.body = a;
            return m;
        }
    }
    mark_ = mark;
    return nullptr;
}

// fstring: star_expressions
Expr *Parser::fstring_rule() noexcept {
    MINIPY_RULE_ENTER();
    return star_expressions();
}

// statements: statement+
Seq<Stmt *> *Parser::statements() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<Seq<Stmt *> *> items(*this);
    for (;;) {
        const int mark = mark_;
        Seq<Stmt *> *s = statement();
        if (s == nullptr) {
            mark_ = mark;
            break;
        }
        if (!items.push(s)) return nullptr;
    }
    if (error_ || items.size() == 0) return nullptr;
    return seq_flatten(items.finish());
}

// statement: compound_stmt | simple_stmts
Seq<Stmt *> *Parser::statement() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Stmt *a = compound_stmt()) return singleton_seq(a);
    mark_ = mark;
    if (error_) return nullptr;
    if (Seq<Stmt *> *a = simple_stmts()) return a;
    mark_ = mark;
    return nullptr;
}

// statement_newline: compound_stmt NEWLINE | simple_stmts | NEWLINE | ENDMARKER
Seq<Stmt *> *Parser::statement_newline() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Stmt *a = compound_stmt(); a != nullptr && expect(Tok::NEWLINE)) return singleton_seq(a);
    mark_ = mark;
    if (error_) return nullptr;
    if (Seq<Stmt *> *a = simple_stmts()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (expect(Tok::NEWLINE)) {
        Stmt *pass = new_stmt(StmtKind::Pass, extra(mark));
        return pass != nullptr ? singleton_seq(pass) : nullptr;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (expect(Tok::ENDMARKER)) return nullptr;  // CPython's _PyPegen_interactive_exit
    mark_ = mark;
    return nullptr;
}

// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
Seq<Stmt *> *Parser::simple_stmts() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Stmt *a = simple_stmt();
        a != nullptr && lookahead(false, Tok::SEMI) && expect(Tok::NEWLINE))
        return singleton_seq(a);
    mark_ = mark;
    if (error_) return nullptr;
    SeqBuilder<Stmt *> items(*this);
    Stmt *first = simple_stmt();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            Stmt *next;
            if (expect(Tok::SEMI) && (next = simple_stmt()) != nullptr) {
                if (!items.push(next)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_) {
            expect(Tok::SEMI);
            if (!error_ && expect(Tok::NEWLINE)) return items.finish();
        }
    }
    mark_ = mark;
    return nullptr;
}

// simple_stmt (memo): the alternatives in the grammar's order.
Stmt *Parser::simple_stmt() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoSimpleStmt, Stmt *);
    const int mark = mark_;
    auto alternatives = [&]() -> Stmt * {
        if (Stmt *a = assignment()) return a;
        mark_ = mark;
        if (error_) return nullptr;
        if (Expr *e = star_expressions()) {
            Stmt *s = new_stmt(StmtKind::Expr, extra(mark));
            if (s != nullptr) s->v.Expr.value = e;
            return s;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_RETURN)) {
            if (Stmt *a = return_stmt()) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_IMPORT) || lookahead(true, Tok::KW_FROM)) {
            if (Stmt *a = import_stmt()) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_RAISE)) {
            if (Stmt *a = raise_stmt()) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (expect(Tok::KW_PASS)) return new_stmt(StmtKind::Pass, extra(mark));
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_DEL)) {
            if (Stmt *a = del_stmt()) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_YIELD)) {
            if (Stmt *a = yield_stmt()) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_ASSERT)) {
            if (Stmt *a = assert_stmt()) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (expect(Tok::KW_BREAK)) return new_stmt(StmtKind::Break, extra(mark));
        mark_ = mark;
        if (error_) return nullptr;
        if (expect(Tok::KW_CONTINUE)) return new_stmt(StmtKind::Continue, extra(mark));
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_GLOBAL)) {
            if (Stmt *a = global_stmt(false)) return a;
        }
        mark_ = mark;
        if (error_) return nullptr;
        if (lookahead(true, Tok::KW_NONLOCAL)) {
            if (Stmt *a = global_stmt(true)) return a;
        }
        mark_ = mark;
        return nullptr;
    };
    if (!ensure_token()) return nullptr;
    Stmt *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoSimpleStmt, result);
    return result;
}

// compound_stmt: each statement behind a lookahead on its first token.
Stmt *Parser::compound_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (lookahead(true, Tok::KW_DEF) || lookahead(true, Tok::AT) || lookahead(true, Tok::ASYNC)) {
        if (Stmt *a = function_def()) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (lookahead(true, Tok::KW_IF)) {
        if (Stmt *a = if_stmt(false)) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (lookahead(true, Tok::KW_CLASS) || lookahead(true, Tok::AT)) {
        if (Stmt *a = class_def()) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (lookahead(true, Tok::KW_WITH) || lookahead(true, Tok::ASYNC)) {
        if (Stmt *a = with_stmt()) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (lookahead(true, Tok::KW_FOR) || lookahead(true, Tok::ASYNC)) {
        if (Stmt *a = for_stmt()) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (lookahead(true, Tok::KW_TRY)) {
        if (Stmt *a = try_stmt()) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (lookahead(true, Tok::KW_WHILE)) {
        if (Stmt *a = while_stmt()) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (Stmt *a = match_stmt()) return a;
    mark_ = mark;
    return nullptr;
}

// assignment: the annotated forms, chained '=' targets, augmented, invalid_assignment.
Stmt *Parser::assignment() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    // NAME ':' expression ['=' annotated_rhs]
    {
        Expr *a, *b;
        if ((a = name_token()) && expect(Tok::COLON) && (b = expression())) {
            Expr *c = nullptr;
            const int before = mark_;
            if (expect(Tok::EQUAL) && (c = annotated_rhs()) == nullptr) mark_ = before;
            if (error_) return nullptr;
            Expr *target = set_expr_context(a, ExprContext::Store);
            Stmt *s = target != nullptr ? new_stmt(StmtKind::AnnAssign, extra(mark)) : nullptr;
            if (s == nullptr) return nullptr;
            s->v.AnnAssign = {target, b, c, 1};
            return s;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    // ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' ...]
    {
        Expr *a = nullptr;
        {
            const int group = mark_;
            Expr *inner;
            if (expect(Tok::LPAR) && (inner = single_target()) && expect(Tok::RPAR))
                a = inner;
            else
                mark_ = group;
            if (a == nullptr && !error_) {
                a = single_subscript_attribute_target();
                if (a == nullptr) mark_ = group;
            }
        }
        Expr *b;
        if (a != nullptr && expect(Tok::COLON) && (b = expression())) {
            Expr *c = nullptr;
            const int before = mark_;
            if (expect(Tok::EQUAL) && (c = annotated_rhs()) == nullptr) mark_ = before;
            if (error_) return nullptr;
            Stmt *s = new_stmt(StmtKind::AnnAssign, extra(mark));
            if (s == nullptr) return nullptr;
            s->v.AnnAssign = {a, b, c, 0};
            return s;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    // (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
    {
        SeqBuilder<Expr *> targets(*this);
        for (;;) {
            const int before = mark_;
            Expr *z;
            if ((z = star_targets()) && expect(Tok::EQUAL)) {
                if (!targets.push(z)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_ && targets.size() > 0) {
            const int before = mark_;
            Expr *b = yield_expr();
            if (b == nullptr) {
                mark_ = before;
                if (!error_) b = star_expressions();
            }
            if (b != nullptr && lookahead(false, Tok::EQUAL)) {
                expect(Tok::TYPE_COMMENT);
                if (error_) return nullptr;
                Seq<Expr *> *seq = targets.finish();
                Stmt *s = seq != nullptr ? new_stmt(StmtKind::Assign, extra(mark)) : nullptr;
                if (s == nullptr) return nullptr;
                s->v.Assign.targets = seq;
                s->v.Assign.value = b;
                return s;
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    // single_target augassign ~ (yield_expr | star_expressions)
    {
        Expr *a;
        AugOperator *b;
        if ((a = single_target()) && (b = augassign())) {
            const int before = mark_;
            Expr *c = yield_expr();
            if (c == nullptr) {
                mark_ = before;
                if (!error_) c = star_expressions();
            }
            if (c == nullptr) {
                mark_ = mark;
                return nullptr;  // the cut: no other alternative
            }
            Stmt *s = new_stmt(StmtKind::AugAssign, extra(mark));
            if (s == nullptr) return nullptr;
            s->v.AugAssign = {a, b->kind, c};
            return s;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_assignment()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// annotated_rhs: yield_expr | star_expressions
Expr *Parser::annotated_rhs() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Expr *a = yield_expr()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *a = star_expressions()) return a;
    mark_ = mark;
    return nullptr;
}

AugOperator *Parser::augassign() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    static constexpr struct {
        Tok token;
        Operator op;
    } kAugmented[] = {
        {Tok::PLUSEQUAL, Operator::Add},
        {Tok::MINEQUAL, Operator::Sub},
        {Tok::STAREQUAL, Operator::Mult},
        {Tok::ATEQUAL, Operator::MatMult},
        {Tok::SLASHEQUAL, Operator::Div},
        {Tok::PERCENTEQUAL, Operator::Mod},
        {Tok::AMPEREQUAL, Operator::BitAnd},
        {Tok::VBAREQUAL, Operator::BitOr},
        {Tok::CIRCUMFLEXEQUAL, Operator::BitXor},
        {Tok::LEFTSHIFTEQUAL, Operator::LShift},
        {Tok::RIGHTSHIFTEQUAL, Operator::RShift},
        {Tok::DOUBLESTAREQUAL, Operator::Pow},
        {Tok::DOUBLESLASHEQUAL, Operator::FloorDiv},
    };
    for (const auto &entry : kAugmented) {
        if (expect(entry.token)) {
            auto *op = arena_->make<AugOperator>();
            if (op == nullptr) {
                error_ = true;
                return nullptr;
            }
            op->kind = entry.op;
            return op;
        }
    }
    return nullptr;
}

// return_stmt: 'return' [star_expressions]
Stmt *Parser::return_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (expect(Tok::KW_RETURN)) {
        Expr *a = star_expressions();
        if (!error_) {
            Stmt *s = new_stmt(StmtKind::Return, extra(mark));
            if (s != nullptr) s->v.Return.value = a;
            return s;
        }
    }
    mark_ = mark;
    return nullptr;
}

// raise_stmt: 'raise' expression ['from' expression] | 'raise'
Stmt *Parser::raise_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a;
        if (expect(Tok::KW_RAISE) && (a = expression())) {
            Expr *b = nullptr;
            const int before = mark_;
            if (expect(Tok::KW_FROM) && (b = expression()) == nullptr) mark_ = before;
            if (!error_) {
                Stmt *s = new_stmt(StmtKind::Raise, extra(mark));
                if (s != nullptr) s->v.Raise = {a, b};
                return s;
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (expect(Tok::KW_RAISE)) return new_stmt(StmtKind::Raise, extra(mark));
    mark_ = mark;
    return nullptr;
}

// ','.NAME+ as identifiers.
Seq<Expr *> *Parser::name_list() noexcept {
    SeqBuilder<Expr *> names(*this);
    Expr *first = name_token();
    if (first == nullptr || !names.push(first)) return nullptr;
    for (;;) {
        const int before = mark_;
        Expr *next;
        if (expect(Tok::COMMA) && (next = name_token())) {
            if (!names.push(next)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    return error_ ? nullptr : names.finish();
}

// global_stmt: 'global' ','.NAME+  /  nonlocal_stmt: 'nonlocal' ','.NAME+
Stmt *Parser::global_stmt(bool nonlocal) noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Seq<Expr *> *a;
    if (expect(nonlocal ? Tok::KW_NONLOCAL : Tok::KW_GLOBAL) && (a = name_list())) {
        Seq<Identifier> *ids = new_seq<Identifier>(a->size);
        if (ids == nullptr) return nullptr;
        for (Py_ssize_t i = 0; i < a->size; ++i) ids->items[i] = a->items[i]->v.Name.id;
        Stmt *s = new_stmt(nonlocal ? StmtKind::Nonlocal : StmtKind::Global, extra(mark));
        if (s != nullptr) s->v.Global.names = ids;
        return s;
    }
    mark_ = mark;
    return nullptr;
}

// del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt
Stmt *Parser::del_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Seq<Expr *> *a;
        if (expect(Tok::KW_DEL) && (a = del_targets()) &&
            (lookahead(true, Tok::SEMI) || lookahead(true, Tok::NEWLINE))) {
            Stmt *s = new_stmt(StmtKind::Delete, extra(mark));
            if (s != nullptr) s->v.Delete.targets = a;
            return s;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_del_stmt()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// yield_stmt: yield_expr
Stmt *Parser::yield_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *y = yield_expr()) {
        Stmt *s = new_stmt(StmtKind::Expr, extra(mark));
        if (s != nullptr) s->v.Expr.value = y;
        return s;
    }
    mark_ = mark;
    return nullptr;
}

// assert_stmt: 'assert' expression [',' expression]
Stmt *Parser::assert_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Expr *a;
    if (expect(Tok::KW_ASSERT) && (a = expression())) {
        Expr *b = nullptr;
        const int before = mark_;
        if (expect(Tok::COMMA) && (b = expression()) == nullptr) mark_ = before;
        if (!error_) {
            Stmt *s = new_stmt(StmtKind::Assert, extra(mark));
            if (s != nullptr) s->v.Assert = {a, b};
            return s;
        }
    }
    mark_ = mark;
    return nullptr;
}

}  // namespace minipy::parse
