// Atoms, displays and comprehensions (python.gram: slices, atom, LITERALS, Dicts,
// Comprehensions & Generators). Call arguments are in parse_arguments.cpp.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// slices: slice !',' | ','.(slice | starred_expression)+ [',']
Expr *Parser::slices() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = slice(); a != nullptr && lookahead(false, Tok::COMMA)) return a;
    mark_ = mark;
    if (error_) return nullptr;
    SeqBuilder<Expr *> items(*this);
    auto element = [&]() -> Expr * {
        const int before = mark_;
        if (Expr *e = slice()) return e;
        mark_ = before;
        if (error_) return nullptr;
        if (Expr *e = starred_expression()) return e;
        mark_ = before;
        return nullptr;
    };
    Expr *first = element();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            Expr *next;
            if (expect(Tok::COMMA) && (next = element())) {
                if (!items.push(next)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_) {
            expect(Tok::COMMA);
            Seq<Expr *> *elts = error_ ? nullptr : items.finish();
            Expr *e = elts != nullptr ? new_expr(ExprKind::Tuple, extra(mark)) : nullptr;
            if (e != nullptr) e->v.List = {elts, ExprContext::Load};
            return e;
        }
    }
    mark_ = mark;
    return nullptr;
}

// slice: [expression] ':' [expression] [':' [expression]] | named_expression
Expr *Parser::slice() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a = expression();
        if (!error_ && expect(Tok::COLON)) {
            Expr *b = expression();
            if (!error_) {
                Expr *c = nullptr;
                const int before = mark_;
                if (expect(Tok::COLON)) {
                    c = expression();
                } else {
                    mark_ = before;
                }
                if (!error_) {
                    Expr *e = new_expr(ExprKind::Slice, extra(mark));
                    if (e != nullptr) e->v.Slice = {a, b, c};
                    return e;
                }
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = named_expression()) return a;
    mark_ = mark;
    return nullptr;
}

// atom: NAME | 'True' | 'False' | 'None' | &STRING strings | NUMBER
//     | &'(' (tuple | group | genexp) | &'[' (list | listcomp)
//     | &'{' (dict | set | dictcomp | setcomp) | '...'
Expr *Parser::atom() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = name_token()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    auto constant = [&](PyObject *value) -> Expr * {
        Expr *e = new_expr(ExprKind::Constant, extra(mark));
        if (e != nullptr) e->v.Constant.value = value;
        return e;
    };
    if (expect(Tok::KW_TRUE)) return constant(Py_True);
    if (error_) return nullptr;
    if (expect(Tok::KW_FALSE)) return constant(Py_False);
    if (error_) return nullptr;
    if (expect(Tok::KW_NONE)) return constant(Py_None);
    if (error_) return nullptr;
    if (lookahead(true, Tok::STRING)) {
        if (Expr *a = strings()) return a;
        mark_ = mark;
        if (error_) return nullptr;
    }
    if (Expr *a = number_token()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (lookahead(true, Tok::LPAR)) {
        for (Expr *(Parser::*rule)() : {&Parser::tuple, &Parser::group, &Parser::genexp}) {
            if (Expr *a = (this->*rule)()) return a;
            mark_ = mark;
            if (error_) return nullptr;
        }
    }
    if (error_) return nullptr;
    if (lookahead(true, Tok::LSQB)) {
        for (Expr *(Parser::*rule)() : {&Parser::list, &Parser::listcomp}) {
            if (Expr *a = (this->*rule)()) return a;
            mark_ = mark;
            if (error_) return nullptr;
        }
    }
    if (error_) return nullptr;
    if (lookahead(true, Tok::LBRACE)) {
        for (Expr *(Parser::*rule)() :
             {&Parser::dict, &Parser::set, &Parser::dictcomp, &Parser::setcomp}) {
            if (Expr *a = (this->*rule)()) return a;
            mark_ = mark;
            if (error_) return nullptr;
        }
    }
    if (error_) return nullptr;
    if (expect(Tok::ELLIPSIS)) return constant(Py_Ellipsis);
    mark_ = mark;
    return nullptr;
}

// group: '(' (yield_expr | named_expression) ')' | invalid_group
Expr *Parser::group() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (expect(Tok::LPAR)) {
        const int inner = mark_;
        Expr *a = yield_expr();
        if (a == nullptr) {
            mark_ = inner;
            if (!error_) a = named_expression();
        }
        if (a != nullptr && expect(Tok::RPAR)) return a;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_group()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// strings (memo): STRING+
Expr *Parser::strings() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoStrings, Expr *);
    const int mark = mark_;
    SeqBuilder<Token *> tokens(*this);
    while (Token *t = expect(Tok::STRING))
        if (!tokens.push(t)) return nullptr;
    if (error_) return nullptr;
    Expr *result = nullptr;
    if (tokens.size() > 0) {
        Seq<Token *> *seq = tokens.finish();
        if (seq == nullptr) return nullptr;
        result = check(concatenate_strings(seq));
        if (error_) return nullptr;
    } else {
        mark_ = mark;
    }
    insert_memo(mark, kMemoStrings, result);
    return result;
}

// list: '[' [star_named_expressions] ']'
Expr *Parser::list() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (expect(Tok::LSQB)) {
        Seq<Expr *> *a = star_named_expressions();
        if (!error_ && expect(Tok::RSQB)) {
            Expr *e = new_expr(ExprKind::List, extra(mark));
            if (e != nullptr) e->v.List = {a, ExprContext::Load};
            return e;
        }
    }
    mark_ = mark;
    return nullptr;
}

// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
Expr *Parser::tuple() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (expect(Tok::LPAR)) {
        Seq<Expr *> *a = nullptr;
        const int before = mark_;
        Expr *y;
        if ((y = star_named_expression()) && expect(Tok::COMMA)) {
            Seq<Expr *> *z = star_named_expressions();
            if (!error_) a = seq_insert_in_front(y, z);
        } else {
            mark_ = before;
        }
        if (!error_ && expect(Tok::RPAR)) {
            Expr *e = new_expr(ExprKind::Tuple, extra(mark));
            if (e != nullptr) e->v.List = {a, ExprContext::Load};
            return e;
        }
    }
    mark_ = mark;
    return nullptr;
}

// set: '{' star_named_expressions '}'
Expr *Parser::set() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    Seq<Expr *> *a;
    if (expect(Tok::LBRACE) && (a = star_named_expressions()) && expect(Tok::RBRACE)) {
        Expr *e = new_expr(ExprKind::Set, extra(mark));
        if (e != nullptr) e->v.Set.elts = a;
        return e;
    }
    mark_ = mark;
    return nullptr;
}

// dict: '{' [double_starred_kvpairs] '}' | '{' invalid_double_starred_kvpairs '}'
Expr *Parser::dict() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (expect(Tok::LBRACE)) {
        Seq<KeyValuePair *> *a = double_starred_kvpairs();
        if (!error_ && expect(Tok::RBRACE)) {
            Seq<Expr *> *keys = get_keys(a);
            Seq<Expr *> *values = get_values(a);
            Expr *e = !error_ ? new_expr(ExprKind::Dict, extra(mark)) : nullptr;
            if (e != nullptr) e->v.Dict = {keys, values};
            return e;
        }
    }
    mark_ = mark;
    if (error_) return nullptr;
    // Not guarded by call_invalid_rules_: CPython's generator guards only alternatives that
    // are a lone invalid_ rule, so this one runs in the first pass too.
    if (expect(Tok::LBRACE) && invalid_double_starred_kvpairs() && expect(Tok::RBRACE))
        return nullptr;
    mark_ = mark;
    return nullptr;
}

// double_starred_kvpairs: ','.double_starred_kvpair+ [',']
Seq<KeyValuePair *> *Parser::double_starred_kvpairs() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    SeqBuilder<KeyValuePair *> items(*this);
    KeyValuePair *first = double_starred_kvpair();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            KeyValuePair *next;
            if (expect(Tok::COMMA) && (next = double_starred_kvpair())) {
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

// double_starred_kvpair: '**' bitwise_or | kvpair
KeyValuePair *Parser::double_starred_kvpair() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    {
        Expr *a;
        if (expect(Tok::DOUBLESTAR) && (a = bitwise_or())) return key_value_pair(nullptr, a);
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (KeyValuePair *a = kvpair()) return a;
    mark_ = mark;
    return nullptr;
}

// kvpair: expression ':' expression
KeyValuePair *Parser::kvpair() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *a, *b;
    if ((a = expression()) && expect(Tok::COLON) && (b = expression())) return key_value_pair(a, b);
    mark_ = mark;
    return nullptr;
}

// for_if_clauses: for_if_clause+
Seq<Comprehension *> *Parser::for_if_clauses() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<Comprehension *> items(*this);
    for (;;) {
        const int before = mark_;
        Comprehension *c = for_if_clause();
        if (c == nullptr) {
            mark_ = before;
            break;
        }
        if (!items.push(c)) return nullptr;
    }
    if (error_ || items.size() == 0) return nullptr;
    return items.finish();
}

// for_if_clause: [ASYNC] 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//              | invalid_for_target
Comprehension *Parser::for_if_clause() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    for (bool is_async : {true, false}) {
        if (error_) return nullptr;
        Expr *a;
        if ((!is_async || expect(Tok::ASYNC)) && expect(Tok::KW_FOR) && (a = star_targets()) &&
            expect(Tok::KW_IN)) {
            Expr *b = disjunction();
            if (b == nullptr) {
                mark_ = mark;
                return nullptr;  // the cut
            }
            SeqBuilder<Expr *> ifs(*this);
            for (;;) {
                const int before = mark_;
                Expr *z;
                if (expect(Tok::KW_IF) && (z = disjunction())) {
                    if (!ifs.push(z)) return nullptr;
                    continue;
                }
                mark_ = before;
                break;
            }
            if (error_) return nullptr;
            auto *c = arena_->make<Comprehension>();
            if (c == nullptr) {
                error_ = true;
                return nullptr;
            }
            c->target = a;
            c->iter = b;
            c->ifs = ifs.finish();
            c->is_async = is_async ? 1 : 0;
            return c;
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

// listcomp: '[' named_expression for_if_clauses ']' | invalid_comprehension
// setcomp: '{' named_expression for_if_clauses '}' | invalid_comprehension
Expr *Parser::listcomp() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a;
        Seq<Comprehension *> *b;
        if (expect(Tok::LSQB) && (a = named_expression()) && (b = for_if_clauses()) &&
            expect(Tok::RSQB)) {
            Expr *e = new_expr(ExprKind::ListComp, extra(mark));
            if (e != nullptr) e->v.ListComp = {a, b};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_comprehension()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

Expr *Parser::setcomp() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *a;
        Seq<Comprehension *> *b;
        if (expect(Tok::LBRACE) && (a = named_expression()) && (b = for_if_clauses()) &&
            expect(Tok::RBRACE)) {
            Expr *e = new_expr(ExprKind::SetComp, extra(mark));
            if (e != nullptr) e->v.ListComp = {a, b};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_comprehension()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')'
//       | invalid_comprehension
Expr *Parser::genexp() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (expect(Tok::LPAR)) {
        const int inner = mark_;
        Expr *a = assignment_expression();
        if (a == nullptr) {
            mark_ = inner;
            if (!error_) {
                a = expression();
                if (a != nullptr && !lookahead(false, Tok::COLONEQUAL)) a = nullptr;
                if (a == nullptr) mark_ = inner;
            }
        }
        Seq<Comprehension *> *b;
        if (a != nullptr && (b = for_if_clauses()) && expect(Tok::RPAR)) {
            Expr *e = new_expr(ExprKind::GeneratorExp, extra(mark));
            if (e != nullptr) e->v.ListComp = {a, b};
            return e;
        }
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_comprehension()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// dictcomp: '{' kvpair for_if_clauses '}' | invalid_dict_comprehension
Expr *Parser::dictcomp() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        KeyValuePair *a;
        Seq<Comprehension *> *b;
        if (expect(Tok::LBRACE) && (a = kvpair()) && (b = for_if_clauses()) &&
            expect(Tok::RBRACE)) {
            Expr *e = new_expr(ExprKind::DictComp, extra(mark));
            if (e != nullptr) e->v.DictComp = {a->key, a->value, b};
            return e;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_dict_comprehension()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

}  // namespace minipy::parse
