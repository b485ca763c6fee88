// Import statements (python.gram: Import statements): import and from-import, dotted
// names, aliases, relative dots.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// import_stmt: import_name | import_from
Stmt *Parser::import_stmt() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Stmt *a = import_name()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Stmt *a = import_from()) return a;
    mark_ = mark;
    return nullptr;
}

// import_name: 'import' dotted_as_names
Stmt *Parser::import_name() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Seq<Alias *> *a;
    if (expect(Tok::KW_IMPORT) && (a = dotted_as_names())) {
        Stmt *s = new_stmt(StmtKind::Import, extra(mark));
        if (s != nullptr) s->v.Import.names = a;
        return s;
    }
    mark_ = mark;
    return nullptr;
}

// ('.' | '...')* or ('.' | '...')+: the dots of a relative import.
Seq<Token *> *Parser::import_dots(bool one_or_more) noexcept {
    SeqBuilder<Token *> dots(*this);
    for (;;) {
        Token *t = expect(Tok::DOT);
        if (t == nullptr && !error_) t = expect(Tok::ELLIPSIS);
        if (t == nullptr) break;
        if (!dots.push(t)) return nullptr;
    }
    if (error_ || (one_or_more && dots.size() == 0)) return nullptr;
    return dots.finish();
}

// import_from: 'from' dots dotted_name 'import' targets | 'from' dots+ 'import' targets
Stmt *Parser::import_from() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Seq<Token *> *a;
        Expr *b;
        Seq<Alias *> *c;
        if (expect(Tok::KW_FROM) && (a = import_dots(false)) && (b = dotted_name()) &&
            expect(Tok::KW_IMPORT) && (c = import_from_targets())) {
            Stmt *s = new_stmt(StmtKind::ImportFrom, extra(mark));
            if (s != nullptr) s->v.ImportFrom = {b->v.Name.id, c, seq_count_dots(a)};
            return s;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Seq<Token *> *a;
        Seq<Alias *> *b;
        if (expect(Tok::KW_FROM) && (a = import_dots(true)) && expect(Tok::KW_IMPORT) &&
            (b = import_from_targets())) {
            Stmt *s = new_stmt(StmtKind::ImportFrom, extra(mark));
            if (s != nullptr) s->v.ImportFrom = {nullptr, b, seq_count_dots(a)};
            return s;
        }
        mark_ = mark;
    }
    return nullptr;
}

// import_from_targets: '(' import_from_as_names [','] ')' | import_from_as_names !','
//                    | '*' | invalid_import_from_targets
Seq<Alias *> *Parser::import_from_targets() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Seq<Alias *> *a;
        if (expect(Tok::LPAR) && (a = import_from_as_names())) {
            expect(Tok::COMMA);
            if (!error_ && expect(Tok::RPAR)) return a;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Seq<Alias *> *a = import_from_as_names(); a != nullptr && lookahead(false, Tok::COMMA))
        return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (expect(Tok::STAR)) {
        Alias *star = alias_for_star(extra(mark));
        return star != nullptr ? singleton_seq(star) : nullptr;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_import_from_targets()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// import_from_as_names: ','.import_from_as_name+
Seq<Alias *> *Parser::import_from_as_names() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<Alias *> names(*this);
    Alias *first = import_from_as_name();
    if (first == nullptr || !names.push(first)) return nullptr;
    for (;;) {
        const int before = mark_;
        Alias *next;
        if (expect(Tok::COMMA) && (next = import_from_as_name())) {
            if (!names.push(next)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    return error_ ? nullptr : names.finish();
}

// import_from_as_name: NAME ['as' NAME]  /  dotted_as_name: dotted_name ['as' NAME]
static Alias *make_alias(Parser &p, Arena *arena, Expr *name, Expr *asname,
                         const Location &loc) noexcept {
    auto *alias = arena->make<Alias>();
    if (alias == nullptr) {
        p.set_error();
        return nullptr;
    }
    static_cast<Location &>(*alias) = loc;
    alias->name = name->v.Name.id;
    alias->asname = asname != nullptr ? asname->v.Name.id : nullptr;
    return alias;
}

Alias *Parser::import_from_as_name() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = name_token()) {
        Expr *b = nullptr;
        const int before = mark_;
        if (expect(Tok::KW_AS) && (b = name_token()) == nullptr) mark_ = before;
        if (!error_) return make_alias(*this, arena_, a, b, extra(mark));
    }
    mark_ = mark;
    return nullptr;
}

// dotted_as_names: ','.dotted_as_name+
Seq<Alias *> *Parser::dotted_as_names() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<Alias *> names(*this);
    Alias *first = dotted_as_name();
    if (first == nullptr || !names.push(first)) return nullptr;
    for (;;) {
        const int before = mark_;
        Alias *next;
        if (expect(Tok::COMMA) && (next = dotted_as_name())) {
            if (!names.push(next)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    return error_ ? nullptr : names.finish();
}

Alias *Parser::dotted_as_name() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = dotted_name()) {
        Expr *b = nullptr;
        const int before = mark_;
        if (expect(Tok::KW_AS) && (b = name_token()) == nullptr) mark_ = before;
        if (!error_) return make_alias(*this, arena_, a, b, extra(mark));
    }
    mark_ = mark;
    return nullptr;
}

// dotted_name: dotted_name '.' NAME | NAME  (left-recursive: a loop)
Expr *Parser::dotted_name() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoDottedName, Expr *);
    const int mark = mark_;
    Expr *result = name_token();
    while (result != nullptr) {
        const int before = mark_;
        Expr *b;
        if (expect(Tok::DOT) && (b = name_token())) {
            result = join_names_with_dot(result, b);
            continue;
        }
        mark_ = before;
        break;
    }
    if (error_) return nullptr;
    if (result == nullptr) mark_ = mark;
    insert_memo(mark, kMemoDottedName, result);
    return result;
}

}  // namespace minipy::parse
