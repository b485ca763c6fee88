// Mapping and class patterns of the match statement (python.gram: Match statement,
// mapping_pattern to keyword_pattern).
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// mapping_pattern: '{' '}' | '{' double_star_pattern ','? '}'
//   | '{' items_pattern ',' double_star_pattern ','? '}' | '{' items_pattern ','? '}'
Pattern *Parser::mapping_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    auto make = [&](Seq<KeyPatternPair *> *items, Expr *rest) -> Pattern * {
        Pattern *p = new_pattern(PatternKind::MatchMapping, extra(mark));
        if (p == nullptr) return nullptr;
        if (items != nullptr) {
            Seq<Expr *> *keys = new_seq<Expr *>(items->size);
            Seq<Pattern *> *values = new_seq<Pattern *>(items->size);
            if (keys == nullptr || values == nullptr) return nullptr;
            for (Py_ssize_t i = 0; i < items->size; ++i) {
                keys->items[i] = items->items[i]->key;
                values->items[i] = items->items[i]->pattern;
            }
            p->v.MatchMapping.keys = keys;
            p->v.MatchMapping.patterns = values;
        }
        p->v.MatchMapping.rest = rest != nullptr ? rest->v.Name.id : nullptr;
        return p;
    };
    if (expect(Tok::LBRACE) && expect(Tok::RBRACE)) return make(nullptr, nullptr);
    mark_ = mark;
    if (error_) return nullptr;
    {
        Expr *rest;
        if (expect(Tok::LBRACE) && (rest = double_star_pattern())) {
            expect(Tok::COMMA);
            if (!error_ && expect(Tok::RBRACE)) return make(nullptr, rest);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Seq<KeyPatternPair *> *items;
        Expr *rest;
        if (expect(Tok::LBRACE) && (items = items_pattern()) && expect(Tok::COMMA) &&
            (rest = double_star_pattern())) {
            expect(Tok::COMMA);
            if (!error_ && expect(Tok::RBRACE)) return make(items, rest);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Seq<KeyPatternPair *> *items;
        if (expect(Tok::LBRACE) && (items = items_pattern())) {
            expect(Tok::COMMA);
            if (!error_ && expect(Tok::RBRACE)) return make(items, nullptr);
        }
        mark_ = mark;
    }
    return nullptr;
}

// items_pattern: ','.key_value_pattern+
Seq<KeyPatternPair *> *Parser::items_pattern() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<KeyPatternPair *> items(*this);
    KeyPatternPair *first = key_value_pattern();
    if (first == nullptr || !items.push(first)) return nullptr;
    for (;;) {
        const int before = mark_;
        KeyPatternPair *next;
        if (expect(Tok::COMMA) && (next = key_value_pattern())) {
            if (!items.push(next)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    return error_ ? nullptr : items.finish();
}

// key_value_pattern: (literal_expr | attr) ':' pattern
KeyPatternPair *Parser::key_value_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *key = literal_expr();
    if (key == nullptr) {
        mark_ = mark;
        if (!error_) key = attr();
    }
    Pattern *p;
    if (key != nullptr && expect(Tok::COLON) && (p = pattern())) return key_pattern_pair(key, p);
    mark_ = mark;
    return nullptr;
}

// double_star_pattern: '**' pattern_capture_target
Expr *Parser::double_star_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *target;
    if (expect(Tok::DOUBLESTAR) && (target = pattern_capture_target())) return target;
    mark_ = mark;
    return nullptr;
}

// class_pattern: name_or_attr '(' ')' | name_or_attr '(' positional_patterns ','? ')'
//   | name_or_attr '(' keyword_patterns ','? ')'
//   | name_or_attr '(' positional_patterns ',' keyword_patterns ','? ')'
//   | invalid_class_pattern
Pattern *Parser::class_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    auto make = [&](Expr *cls, Seq<Pattern *> *positional,
                    Seq<KeyPatternPair *> *keywords) -> Pattern * {
        Pattern *p = new_pattern(PatternKind::MatchClass, extra(mark));
        if (p == nullptr) return nullptr;
        p->v.MatchClass.cls = cls;
        p->v.MatchClass.patterns = positional;
        if (keywords != nullptr) {
            Seq<Identifier> *names = new_seq<Identifier>(keywords->size);
            Seq<Pattern *> *values = new_seq<Pattern *>(keywords->size);
            if (names == nullptr || values == nullptr) return nullptr;
            for (Py_ssize_t i = 0; i < keywords->size; ++i) {
                names->items[i] = keywords->items[i]->key->v.Name.id;
                values->items[i] = keywords->items[i]->pattern;
            }
            p->v.MatchClass.kwd_attrs = names;
            p->v.MatchClass.kwd_patterns = values;
        }
        return p;
    };
    {
        Expr *cls;
        if ((cls = name_or_attr()) && expect(Tok::LPAR) && expect(Tok::RPAR))
            return make(cls, nullptr, nullptr);
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *cls;
        Seq<Pattern *> *positional;
        if ((cls = name_or_attr()) && expect(Tok::LPAR) && (positional = positional_patterns())) {
            expect(Tok::COMMA);
            if (!error_ && expect(Tok::RPAR)) return make(cls, positional, nullptr);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *cls;
        Seq<KeyPatternPair *> *keywords;
        if ((cls = name_or_attr()) && expect(Tok::LPAR) && (keywords = keyword_patterns())) {
            expect(Tok::COMMA);
            if (!error_ && expect(Tok::RPAR)) return make(cls, nullptr, keywords);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    {
        Expr *cls;
        Seq<Pattern *> *positional;
        Seq<KeyPatternPair *> *keywords;
        if ((cls = name_or_attr()) && expect(Tok::LPAR) && (positional = positional_patterns()) &&
            expect(Tok::COMMA) && (keywords = keyword_patterns())) {
            expect(Tok::COMMA);
            if (!error_ && expect(Tok::RPAR)) return make(cls, positional, keywords);
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_class_pattern()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// positional_patterns: ','.pattern+
Seq<Pattern *> *Parser::positional_patterns() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<Pattern *> items(*this);
    Pattern *first = pattern();
    if (first == nullptr || !items.push(first)) return nullptr;
    for (;;) {
        const int before = mark_;
        Pattern *next;
        if (expect(Tok::COMMA) && (next = pattern())) {
            if (!items.push(next)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    return error_ ? nullptr : items.finish();
}

// keyword_patterns: ','.keyword_pattern+
Seq<KeyPatternPair *> *Parser::keyword_patterns() noexcept {
    MINIPY_RULE_ENTER();
    SeqBuilder<KeyPatternPair *> items(*this);
    KeyPatternPair *first = keyword_pattern();
    if (first == nullptr || !items.push(first)) return nullptr;
    for (;;) {
        const int before = mark_;
        KeyPatternPair *next;
        if (expect(Tok::COMMA) && (next = keyword_pattern())) {
            if (!items.push(next)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    return error_ ? nullptr : items.finish();
}

// keyword_pattern: NAME '=' pattern
KeyPatternPair *Parser::keyword_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *arg;
    Pattern *value;
    if ((arg = name_token()) && expect(Tok::EQUAL) && (value = pattern()))
        return key_pattern_pair(arg, value);
    mark_ = mark;
    return nullptr;
}

}  // namespace minipy::parse
