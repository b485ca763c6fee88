// Compound statements (python.gram: COMPOUND STATEMENTS except match): blocks, class and
// function definitions, if/while/for/with/try.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// block (memo): NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block
Seq<Stmt *> *Parser::block() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoBlock, Seq<Stmt *> *);
    const int mark = mark_;
    auto alternatives = [&]() -> Seq<Stmt *> * {
        {
            Seq<Stmt *> *a;
            if (expect(Tok::NEWLINE) && expect(Tok::INDENT) && (a = statements()) &&
                expect(Tok::DEDENT))
                return a;
            mark_ = mark;
        }
        if (error_) return nullptr;
        if (Seq<Stmt *> *a = simple_stmts()) return a;
        mark_ = mark;
        if (error_) return nullptr;
        if (call_invalid_rules_) {
            if (invalid_block()) return nullptr;
            mark_ = mark;
        }
        return nullptr;
    };
    Seq<Stmt *> *result = alternatives();
    if (error_) return nullptr;
    insert_memo(mark, kMemoBlock, result);
    return result;
}

// decorators: ('@' named_expression NEWLINE)+
Seq<Expr *> *Parser::decorators() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<Expr *> items(*this);
    for (;;) {
        const int before = mark_;
        Expr *f;
        if (expect(Tok::AT) && (f = named_expression()) && expect(Tok::NEWLINE)) {
            if (!items.push(f)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    if (error_ || items.size() == 0) return nullptr;
    return items.finish();
}

// class_def: decorators class_def_raw | class_def_raw
Stmt *Parser::class_def() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Seq<Expr *> *a;
        Stmt *b;
        if ((a = decorators()) && (b = class_def_raw())) return class_def_decorators(a, b);
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Stmt *a = class_def_raw()) return a;
    mark_ = mark;
    return nullptr;
}

// class_def_raw: invalid_class_def_raw | 'class' NAME ['(' [arguments] ')'] ':' block
Stmt *Parser::class_def_raw() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_class_def_raw()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    Expr *a;
    if (expect(Tok::KW_CLASS) && (a = name_token())) {
        Expr *b = nullptr;  // the Call arguments() made, if any
        bool have_parens = false;
        const int before = mark_;
        if (expect(Tok::LPAR)) {
            Expr *z = arguments();
            if (!error_ && expect(Tok::RPAR)) {
                b = z;
                have_parens = true;
            } else {
                mark_ = before;
            }
        }
        (void)have_parens;
        Seq<Stmt *> *c;
        if (!error_ && expect(Tok::COLON) && (c = block())) {
            Stmt *s = new_stmt(StmtKind::ClassDef, extra(mark));
            if (s == nullptr) return nullptr;
            s->v.ClassDef.name = a->v.Name.id;
            s->v.ClassDef.bases = b != nullptr ? b->v.Call.args : nullptr;
            s->v.ClassDef.keywords = b != nullptr ? b->v.Call.keywords : nullptr;
            s->v.ClassDef.body = c;
            return s;
        }
    }
    mark_ = mark;
    return nullptr;
}

// function_def: decorators function_def_raw | function_def_raw
Stmt *Parser::function_def() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Seq<Expr *> *d;
        Stmt *f;
        if ((d = decorators()) && (f = function_def_raw())) return function_def_decorators(d, f);
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Stmt *f = function_def_raw()) return f;
    mark_ = mark;
    return nullptr;
}

// func_type_comment: NEWLINE TYPE_COMMENT &(NEWLINE INDENT) | invalid_double_type_comments
//                  | TYPE_COMMENT  (never matches: no type comments; kept for its lookahead)
Token *Parser::func_type_comment() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (expect(Tok::NEWLINE) && expect(Tok::TYPE_COMMENT)) return nullptr;
    mark_ = mark;
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        expect(Tok::TYPE_COMMENT);  // invalid_double_type_comments
        mark_ = mark;
        if (error_) return nullptr;
    }
    expect(Tok::TYPE_COMMENT);
    mark_ = mark;
    return nullptr;
}

// function_def_raw: invalid_def_raw
//   | [ASYNC] 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
Stmt *Parser::function_def_raw() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_def_raw()) return nullptr;
        mark_ = mark;
    }
    for (bool is_async : {false, true}) {
        if (error_) return nullptr;
        Expr *n;
        if ((!is_async || expect(Tok::ASYNC)) && expect(Tok::KW_DEF) && (n = name_token()) &&
            expect_forced(Tok::LPAR, "(")) {
            Arguments *parameters_part = params(false);
            if (!error_ && expect(Tok::RPAR)) {
                Expr *returns = nullptr;
                const int before = mark_;
                if (expect(Tok::RARROW) && (returns = expression()) == nullptr) mark_ = before;
                Seq<Stmt *> *b;
                if (!error_ && expect_forced(Tok::COLON, ":")) {
                    func_type_comment();
                    if (!error_ && (b = block())) {
                        if (parameters_part == nullptr) parameters_part = empty_arguments();
                        if (parameters_part == nullptr) return nullptr;
                        Stmt *s =
                            new_stmt(is_async ? StmtKind::AsyncFunctionDef : StmtKind::FunctionDef,
                                     extra(mark));
                        if (s == nullptr) return nullptr;
                        s->v.FunctionDef.name = n->v.Name.id;
                        s->v.FunctionDef.args = parameters_part;
                        s->v.FunctionDef.body = b;
                        s->v.FunctionDef.returns = returns;
                        return s;
                    }
                }
            }
        }
        mark_ = mark;
    }
    return nullptr;
}

// if_stmt / elif_stmt:
//   invalid_(el)if_stmt | 'if' named_expression ':' block elif_stmt
//   | 'if' named_expression ':' block [else_block]
Stmt *Parser::if_stmt(bool elif) noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    const Tok keyword = elif ? Tok::KW_ELIF : Tok::KW_IF;
    if (call_invalid_rules_) {
        if (invalid_if_stmt(elif)) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Seq<Stmt *> *b;
        Stmt *c;
        if (expect(keyword) && (a = named_expression()) && expect(Tok::COLON) && (b = block()) &&
            (c = if_stmt(true))) {
            Seq<Stmt *> *orelse = singleton_seq(c);
            Stmt *s = orelse != nullptr ? new_stmt(StmtKind::If, extra(mark)) : nullptr;
            if (s != nullptr) s->v.If = {a, b, orelse};
            return s;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *a;
        Seq<Stmt *> *b;
        if (expect(keyword) && (a = named_expression()) && expect(Tok::COLON) && (b = block())) {
            Seq<Stmt *> *c = else_block();
            if (!error_) {
                Stmt *s = new_stmt(StmtKind::If, extra(mark));
                if (s != nullptr) s->v.If = {a, b, c};
                return s;
            }
        }
        mark_ = mark;
    }
    return nullptr;
}

// else_block: invalid_else_stmt | 'else' &&':' block
Seq<Stmt *> *Parser::else_block() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_else_stmt()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    Seq<Stmt *> *b;
    if (expect(Tok::KW_ELSE) && expect_forced(Tok::COLON, ":") && (b = block())) return b;
    mark_ = mark;
    return nullptr;
}

// while_stmt: invalid_while_stmt | 'while' named_expression ':' block [else_block]
Stmt *Parser::while_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_while_stmt()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    Expr *a;
    Seq<Stmt *> *b;
    if (expect(Tok::KW_WHILE) && (a = named_expression()) && expect(Tok::COLON) && (b = block())) {
        Seq<Stmt *> *c = else_block();
        if (!error_) {
            Stmt *s = new_stmt(StmtKind::While, extra(mark));
            if (s != nullptr) s->v.While = {a, b, c};
            return s;
        }
    }
    mark_ = mark;
    return nullptr;
}

// for_stmt: invalid_for_stmt
//   | [ASYNC] 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//   | invalid_for_target
Stmt *Parser::for_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_for_stmt()) return nullptr;
        mark_ = mark;
    }
    for (bool is_async : {false, true}) {
        if (error_) return nullptr;
        Expr *t;
        if ((!is_async || expect(Tok::ASYNC)) && expect(Tok::KW_FOR) && (t = star_targets()) &&
            expect(Tok::KW_IN)) {
            // The cut: past 'in', no other alternative is tried.
            Expr *ex;
            Seq<Stmt *> *b;
            if ((ex = star_expressions()) && expect(Tok::COLON)) {
                expect(Tok::TYPE_COMMENT);
                if (!error_ && (b = block())) {
                    Seq<Stmt *> *el = else_block();
                    if (!error_) {
                        Stmt *s =
                            new_stmt(is_async ? StmtKind::AsyncFor : StmtKind::For, extra(mark));
                        if (s != nullptr) s->v.For = {t, ex, b, el, nullptr};
                        return s;
                    }
                }
            }
            mark_ = mark;
            return nullptr;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_for_target()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// with_stmt: invalid_with_stmt_indent
//   | [ASYNC] 'with' '(' ','.with_item+ ','? ')' ':' block
//   | [ASYNC] 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//   | invalid_with_stmt
Stmt *Parser::with_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_with_stmt_indent()) return nullptr;
        mark_ = mark;
    }
    auto items = [&]() -> Seq<WithItem *> * {
        SeqBuilder<WithItem *> list(*this);
        WithItem *first = with_item();
        if (first == nullptr || !list.push(first)) return nullptr;
        for (;;) {
            const int before = mark_;
            WithItem *next;
            if (expect(Tok::COMMA) && (next = with_item())) {
                if (!list.push(next)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        return error_ ? nullptr : list.finish();
    };
    for (bool is_async : {false, true}) {
        if (error_) return nullptr;
        {
            Seq<WithItem *> *a;
            Seq<Stmt *> *b;
            if ((!is_async || expect(Tok::ASYNC)) && expect(Tok::KW_WITH) && expect(Tok::LPAR) &&
                (a = items())) {
                expect(Tok::COMMA);
                if (!error_ && expect(Tok::RPAR) && expect(Tok::COLON) && (b = block())) {
                    Stmt *s =
                        new_stmt(is_async ? StmtKind::AsyncWith : StmtKind::With, extra(mark));
                    if (s != nullptr) s->v.With = {a, b, nullptr};
                    return s;
                }
            }
            mark_ = mark;
        }
        if (error_) return nullptr;
        {
            Seq<WithItem *> *a;
            Seq<Stmt *> *b;
            if ((!is_async || expect(Tok::ASYNC)) && expect(Tok::KW_WITH) && (a = items()) &&
                expect(Tok::COLON)) {
                expect(Tok::TYPE_COMMENT);
                if (!error_ && (b = block())) {
                    Stmt *s =
                        new_stmt(is_async ? StmtKind::AsyncWith : StmtKind::With, extra(mark));
                    if (s != nullptr) s->v.With = {a, b, nullptr};
                    return s;
                }
            }
            mark_ = mark;
        }
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_with_stmt()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
WithItem *Parser::with_item() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    auto make = [&](Expr *e, Expr *t) -> WithItem * {
        auto *item = arena_->make<WithItem>();
        if (item == nullptr) {
            error_ = true;
            return nullptr;
        }
        item->context_expr = e;
        item->optional_vars = t;
        return item;
    };
    {
        Expr *e, *t;
        if ((e = expression()) && expect(Tok::KW_AS) && (t = star_target()) &&
            (lookahead(true, Tok::COMMA) || lookahead(true, Tok::RPAR) ||
             lookahead(true, Tok::COLON)))
            return make(e, t);
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_with_item()) return nullptr;
        mark_ = mark;
        if (error_) return nullptr;
    }
    if (Expr *e = expression()) return make(e, nullptr);
    mark_ = mark;
    return nullptr;
}

// try_stmt: invalid_try_stmt | 'try' &&':' block finally_block
//   | 'try' &&':' block except_block+ [else_block] [finally_block]
//   | 'try' &&':' block except_star_block+ [else_block] [finally_block]
Stmt *Parser::try_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_try_stmt()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Seq<Stmt *> *b, *f;
        if (expect(Tok::KW_TRY) && expect_forced(Tok::COLON, ":") && (b = block()) &&
            (f = finally_block())) {
            Stmt *s = new_stmt(StmtKind::Try, extra(mark));
            if (s != nullptr) s->v.Try = {b, nullptr, nullptr, f};
            return s;
        }
        mark_ = mark;
    }
    for (bool star : {false, true}) {
        if (error_) return nullptr;
        Seq<Stmt *> *b;
        if (expect(Tok::KW_TRY) && expect_forced(Tok::COLON, ":") && (b = block())) {
            SeqBuilder<ExceptHandler *> handlers(*this);
            for (;;) {
                const int before = mark_;
                ExceptHandler *h = except_block(star);
                if (h == nullptr) {
                    mark_ = before;
                    break;
                }
                if (!handlers.push(h)) return nullptr;
            }
            if (!error_ && handlers.size() > 0) {
                Seq<Stmt *> *el = else_block();
                Seq<Stmt *> *f = error_ ? nullptr : finally_block();
                if (!error_) {
                    Seq<ExceptHandler *> *ex = handlers.finish();
                    Stmt *s = ex != nullptr
                                  ? new_stmt(star ? StmtKind::TryStar : StmtKind::Try, extra(mark))
                                  : nullptr;
                    if (s != nullptr) s->v.Try = {b, ex, el, f};
                    return s;
                }
            }
        }
        mark_ = mark;
    }
    return nullptr;
}

// except_block: invalid_except_stmt_indent | 'except' expression ['as' NAME] ':' block
//   | 'except' ':' block | invalid_except_stmt
// except_star_block: invalid_except_star_stmt_indent
//   | 'except' '*' expression ['as' NAME] ':' block | invalid_except_stmt
ExceptHandler *Parser::except_block(bool star) noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    auto make = [&](Expr *type, Expr *name, Seq<Stmt *> *body) -> ExceptHandler * {
        auto *h = arena_->make<ExceptHandler>();
        if (h == nullptr) {
            error_ = true;
            return nullptr;
        }
        static_cast<Location &>(*h) = extra(mark);
        h->type = type;
        h->name = name != nullptr ? name->v.Name.id : nullptr;
        h->body = body;
        return h;
    };
    if (call_invalid_rules_) {
        if (star ? invalid_except_star_stmt_indent() : invalid_except_stmt_indent()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *e;
        if (expect(Tok::KW_EXCEPT) && (!star || expect(Tok::STAR)) && (e = expression())) {
            Expr *t = nullptr;
            const int before = mark_;
            if (expect(Tok::KW_AS) && (t = name_token()) == nullptr) mark_ = before;
            Seq<Stmt *> *b;
            if (!error_ && expect(Tok::COLON) && (b = block())) return make(e, t, b);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (!star) {
        Seq<Stmt *> *b;
        if (expect(Tok::KW_EXCEPT) && expect(Tok::COLON) && (b = block()))
            return make(nullptr, nullptr, b);
        mark_ = mark;
        if (error_) return nullptr;
    }
    if (call_invalid_rules_) {
        if (invalid_except_stmt()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// finally_block: invalid_finally_stmt | 'finally' &&':' block
Seq<Stmt *> *Parser::finally_block() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_finally_stmt()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    Seq<Stmt *> *a;
    if (expect(Tok::KW_FINALLY) && expect_forced(Tok::COLON, ":") && (a = block())) return a;
    mark_ = mark;
    return nullptr;
}

}  // namespace minipy::parse
