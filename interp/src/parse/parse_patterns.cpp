// The match statement and its patterns (python.gram: Match statement; mapping and class
// patterns are in parse_patterns_mapping_class.cpp). The parser builds them fully; the
// compiler may refuse to compile them.
#include "parse/rules.hpp"

namespace minipy::parse {

using namespace ast;

// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT | invalid_match_stmt
Stmt *Parser::match_stmt() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *subject;
        if (expect_soft_keyword("match") && (subject = subject_expr()) && expect(Tok::COLON) &&
            expect(Tok::NEWLINE) && expect(Tok::INDENT)) {
            SeqBuilder<MatchCase *> cases(*this);
            for (;;) {
                const int before = mark_;
                MatchCase *c = case_block();
                if (c == nullptr) {
                    mark_ = before;
                    break;
                }
                if (!cases.push(c)) return nullptr;
            }
            if (!error_ && cases.size() > 0 && expect(Tok::DEDENT)) {
                Seq<MatchCase *> *seq = cases.finish();
                Stmt *s = seq != nullptr ? new_stmt(StmtKind::Match, extra(mark)) : nullptr;
                if (s != nullptr) s->v.Match = {subject, seq};
                return s;
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_match_stmt()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
Expr *Parser::subject_expr() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Expr *value;
        if ((value = star_named_expression()) && expect(Tok::COMMA)) {
            Seq<Expr *> *values = star_named_expressions();
            if (!error_) {
                Seq<Expr *> *elts = seq_insert_in_front(value, values);
                Expr *e = elts != nullptr ? new_expr(ExprKind::Tuple, extra(mark)) : nullptr;
                if (e != nullptr) e->v.List = {elts, ExprContext::Load};
                return e;
            }
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (Expr *a = named_expression()) return a;
    mark_ = mark;
    return nullptr;
}

// case_block: invalid_case_block | "case" patterns guard? ':' block
MatchCase *Parser::case_block() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (call_invalid_rules_) {
        if (invalid_case_block()) return nullptr;
        mark_ = mark;
    }
    if (error_) return nullptr;
    Pattern *pat;
    if (expect_soft_keyword("case") && (pat = patterns())) {
        Expr *g = guard();
        Seq<Stmt *> *body;
        if (!error_ && expect(Tok::COLON) && (body = block())) {
            auto *c = arena_->make<MatchCase>();
            if (c == nullptr) {
                error_ = true;
                return nullptr;
            }
            c->pattern = pat;
            c->guard = g;
            c->body = body;
            return c;
        }
    }
    mark_ = mark;
    return nullptr;
}

// guard: 'if' named_expression
Expr *Parser::guard() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Expr *g;
    if (expect(Tok::KW_IF) && (g = named_expression())) return g;
    mark_ = mark;
    return nullptr;
}

// patterns: open_sequence_pattern | pattern
Pattern *Parser::patterns() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Seq<Pattern *> *seq = open_sequence_pattern()) {
        Pattern *p = new_pattern(PatternKind::MatchSequence, extra(mark));
        if (p != nullptr) p->v.MatchSequence.patterns = seq;
        return p;
    }
    mark_ = mark;
    if (error_) return nullptr;
    if (Pattern *p = pattern()) return p;
    mark_ = mark;
    return nullptr;
}

// pattern: as_pattern | or_pattern
Pattern *Parser::pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Pattern *p = as_pattern()) return p;
    mark_ = mark;
    if (error_) return nullptr;
    if (Pattern *p = or_pattern()) return p;
    mark_ = mark;
    return nullptr;
}

// as_pattern: or_pattern 'as' pattern_capture_target | invalid_as_pattern
Pattern *Parser::as_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    {
        Pattern *p;
        Expr *target;
        if ((p = or_pattern()) && expect(Tok::KW_AS) && (target = pattern_capture_target())) {
            Pattern *as = new_pattern(PatternKind::MatchAs, extra(mark));
            if (as != nullptr) as->v.MatchAs = {p, target->v.Name.id};
            return as;
        }
        mark_ = mark;
    }
    if (error_) return nullptr;
    if (call_invalid_rules_) {
        if (invalid_as_pattern()) return nullptr;
        mark_ = mark;
    }
    return nullptr;
}

// or_pattern: '|'.closed_pattern+
Pattern *Parser::or_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    SeqBuilder<Pattern *> items(*this);
    Pattern *first = closed_pattern();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            Pattern *next;
            if (expect(Tok::VBAR) && (next = closed_pattern())) {
                if (!items.push(next)) return nullptr;
                continue;
            }
            mark_ = before;
            break;
        }
        if (!error_) {
            if (items.size() == 1) return first;
            Seq<Pattern *> *seq = items.finish();
            Pattern *p = seq != nullptr ? new_pattern(PatternKind::MatchOr, extra(mark)) : nullptr;
            if (p != nullptr) p->v.MatchSequence.patterns = seq;
            return p;
        }
    }
    mark_ = mark;
    return nullptr;
}

// closed_pattern (memo): literal | capture | wildcard | value | group | sequence | mapping
//                      | class
Pattern *Parser::closed_pattern() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoClosedPattern, Pattern *);
    const int mark = mark_;
    Pattern *result = nullptr;
    for (Pattern *(Parser::*rule)() :
         {&Parser::literal_pattern, &Parser::capture_pattern, &Parser::wildcard_pattern,
          &Parser::value_pattern, &Parser::group_pattern, &Parser::sequence_pattern,
          &Parser::mapping_pattern, &Parser::class_pattern}) {
        if (error_) return nullptr;
        result = (this->*rule)();
        if (result != nullptr) break;
        mark_ = mark;
    }
    if (error_) return nullptr;
    insert_memo(mark, kMemoClosedPattern, result);
    return result;
}

// literal_pattern: signed_number !('+' | '-') | complex_number | strings
//                | 'None' | 'True' | 'False'
Pattern *Parser::literal_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    auto value = [&](Expr *e) -> Pattern * {
        Pattern *p = new_pattern(PatternKind::MatchValue, extra(mark));
        if (p != nullptr) p->v.MatchValue.value = e;
        return p;
    };
    if (Expr *e = signed_number();
        e != nullptr && lookahead(false, Tok::PLUS) && lookahead(false, Tok::MINUS))
        return value(e);
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *e = complex_number()) return value(e);
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *e = strings()) return value(e);
    mark_ = mark;
    if (error_) return nullptr;
    static constexpr Tok kSingletons[] = {Tok::KW_NONE, Tok::KW_TRUE, Tok::KW_FALSE};
    for (Tok t : kSingletons) {
        if (expect(t)) {
            Pattern *p = new_pattern(PatternKind::MatchSingleton, extra(mark));
            if (p != nullptr)
                p->v.MatchSingleton.value = t == Tok::KW_NONE   ? Py_None
                                            : t == Tok::KW_TRUE ? Py_True
                                                                : Py_False;
            return p;
        }
        if (error_) return nullptr;
    }
    return nullptr;
}

// literal_expr: the same alternatives as expressions.
Expr *Parser::literal_expr() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *e = signed_number();
        e != nullptr && lookahead(false, Tok::PLUS) && lookahead(false, Tok::MINUS))
        return e;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *e = complex_number()) return e;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *e = strings()) return e;
    mark_ = mark;
    if (error_) return nullptr;
    static constexpr Tok kSingletons[] = {Tok::KW_NONE, Tok::KW_TRUE, Tok::KW_FALSE};
    for (Tok t : kSingletons) {
        if (expect(t)) {
            Expr *e = new_expr(ExprKind::Constant, extra(mark));
            if (e != nullptr)
                e->v.Constant.value = t == Tok::KW_NONE   ? Py_None
                                      : t == Tok::KW_TRUE ? Py_True
                                                          : Py_False;
            return e;
        }
        if (error_) return nullptr;
    }
    return nullptr;
}

// complex_number: signed_real_number ('+' | '-') imaginary_number
Expr *Parser::complex_number() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    for (Tok sign : {Tok::PLUS, Tok::MINUS}) {
        if (error_) return nullptr;
        Expr *real, *imag;
        if ((real = signed_real_number()) && expect(sign) && (imag = number_token()) &&
            (imag = ensure_imaginary(imag))) {
            Expr *e = new_expr(ExprKind::BinOp, extra(mark));
            if (e != nullptr)
                e->v.BinOp = {real, sign == Tok::PLUS ? Operator::Add : Operator::Sub, imag};
            return e;
        }
        mark_ = mark;
    }
    return nullptr;
}

// signed_number: NUMBER | '-' NUMBER
Expr *Parser::signed_number() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *e = number_token()) return e;
    mark_ = mark;
    if (error_) return nullptr;
    Expr *number;
    if (expect(Tok::MINUS) && (number = number_token())) {
        Expr *e = new_expr(ExprKind::UnaryOp, extra(mark));
        if (e != nullptr) e->v.UnaryOp = {UnaryOp::USub, number};
        return e;
    }
    mark_ = mark;
    return nullptr;
}

// signed_real_number: real_number | '-' real_number   (real_number: NUMBER, real)
Expr *Parser::signed_real_number() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *e = number_token()) return ensure_real(e);
    mark_ = mark;
    if (error_) return nullptr;
    Expr *real;
    if (expect(Tok::MINUS) && (real = number_token()) && (real = ensure_real(real))) {
        Expr *e = new_expr(ExprKind::UnaryOp, extra(mark));
        if (e != nullptr) e->v.UnaryOp = {UnaryOp::USub, real};
        return e;
    }
    mark_ = mark;
    return nullptr;
}

// capture_pattern: pattern_capture_target
Pattern *Parser::capture_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *target = pattern_capture_target()) {
        Pattern *p = new_pattern(PatternKind::MatchAs, extra(mark));
        if (p != nullptr) p->v.MatchAs = {nullptr, target->v.Name.id};
        return p;
    }
    mark_ = mark;
    return nullptr;
}

// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
Expr *Parser::pattern_capture_target() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    const bool underscore = expect_soft_keyword("_") != nullptr;
    mark_ = mark;
    if (!underscore && !error_) {
        Expr *name = name_token();
        if (name != nullptr && lookahead(false, Tok::DOT) && lookahead(false, Tok::LPAR) &&
            lookahead(false, Tok::EQUAL))
            return set_expr_context(name, ExprContext::Store);
    }
    mark_ = mark;
    return nullptr;
}

// wildcard_pattern: "_"
Pattern *Parser::wildcard_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (expect_soft_keyword("_")) return new_pattern(PatternKind::MatchAs, extra(mark));
    mark_ = mark;
    return nullptr;
}

// value_pattern: attr !('.' | '(' | '=')
Pattern *Parser::value_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    if (Expr *a = attr(); a != nullptr && lookahead(false, Tok::DOT) &&
                          lookahead(false, Tok::LPAR) && lookahead(false, Tok::EQUAL)) {
        Pattern *p = new_pattern(PatternKind::MatchValue, extra(mark));
        if (p != nullptr) p->v.MatchValue.value = a;
        return p;
    }
    mark_ = mark;
    return nullptr;
}

// attr: name_or_attr '.' NAME  (left-recursive: NAME ('.' NAME)+)
Expr *Parser::attr() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoAttr, Expr *);
    const int mark = mark_;
    Expr *result = name_token();
    bool dotted = false;
    while (result != nullptr && !error_) {
        const int before = mark_;
        Expr *b;
        if (expect(Tok::DOT) && (b = name_token())) {
            Expr *e = new_expr(ExprKind::Attribute, extra(mark));
            if (e == nullptr) return nullptr;
            e->v.Attribute = {result, b->v.Name.id, ExprContext::Load};
            result = e;
            dotted = true;
            continue;
        }
        mark_ = before;
        break;
    }
    if (error_) return nullptr;
    if (!dotted) {
        result = nullptr;
        mark_ = mark;
    }
    insert_memo(mark, kMemoAttr, result);
    return result;
}

// name_or_attr: attr | NAME
Expr *Parser::name_or_attr() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Expr *a = attr()) return a;
    mark_ = mark;
    if (error_) return nullptr;
    if (Expr *a = name_token()) return a;
    mark_ = mark;
    return nullptr;
}

// group_pattern: '(' pattern ')'
Pattern *Parser::group_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Pattern *p;
    if (expect(Tok::LPAR) && (p = pattern()) && expect(Tok::RPAR)) return p;
    mark_ = mark;
    return nullptr;
}

// sequence_pattern: '[' maybe_sequence_pattern? ']' | '(' open_sequence_pattern? ')'
Pattern *Parser::sequence_pattern() noexcept {
    MINIPY_RULE_ENTER();
    if (!ensure_token()) return nullptr;
    const int mark = mark_;
    for (bool square : {true, false}) {
        if (expect(square ? Tok::LSQB : Tok::LPAR)) {
            Seq<Pattern *> *seq = square ? maybe_sequence_pattern() : open_sequence_pattern();
            if (!error_ && expect(square ? Tok::RSQB : Tok::RPAR)) {
                Pattern *p = new_pattern(PatternKind::MatchSequence, extra(mark));
                if (p != nullptr) p->v.MatchSequence.patterns = seq;
                return p;
            }
        }
        mark_ = mark;
        if (error_) return nullptr;
    }
    return nullptr;
}

// open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?
Seq<Pattern *> *Parser::open_sequence_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    Pattern *first;
    if ((first = maybe_star_pattern()) && expect(Tok::COMMA)) {
        Seq<Pattern *> *rest = maybe_sequence_pattern();
        if (!error_) return seq_insert_in_front(first, rest);
    }
    mark_ = mark;
    return nullptr;
}

// maybe_sequence_pattern: ','.maybe_star_pattern+ ','?
Seq<Pattern *> *Parser::maybe_sequence_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    SeqBuilder<Pattern *> items(*this);
    Pattern *first = maybe_star_pattern();
    if (first != nullptr && items.push(first)) {
        for (;;) {
            const int before = mark_;
            Pattern *next;
            if (expect(Tok::COMMA) && (next = maybe_star_pattern())) {
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

// maybe_star_pattern: star_pattern | pattern
Pattern *Parser::maybe_star_pattern() noexcept {
    MINIPY_RULE_ENTER();
    const int mark = mark_;
    if (Pattern *p = star_pattern()) return p;
    mark_ = mark;
    if (error_) return nullptr;
    if (Pattern *p = pattern()) return p;
    mark_ = mark;
    return nullptr;
}

// star_pattern (memo): '*' pattern_capture_target | '*' wildcard_pattern
Pattern *Parser::star_pattern() noexcept {
    MINIPY_RULE_ENTER();
    MINIPY_MEMO_LOOKUP(kMemoStarPattern, Pattern *);
    const int mark = mark_;
    Pattern *result = nullptr;
    {
        Expr *target;
        if (expect(Tok::STAR) && (target = pattern_capture_target())) {
            result = new_pattern(PatternKind::MatchStar, extra(mark));
            if (result == nullptr) return nullptr;
            result->v.MatchStar.name = target->v.Name.id;
        } else {
            mark_ = mark;
        }
    }
    if (error_) return nullptr;
    if (result == nullptr) {
        if (expect(Tok::STAR) && wildcard_pattern()) {
            result = new_pattern(PatternKind::MatchStar, extra(mark));
            if (result == nullptr) return nullptr;
        } else {
            mark_ = mark;
        }
    }
    if (error_) return nullptr;
    insert_memo(mark, kMemoStarPattern, result);
    return result;
}

}  // namespace minipy::parse
