// Shared by the parse_*.cpp files that hold the grammar's rules: the memo keys and the
// prologue every rule method starts with. Internal to the parser.
#ifndef MINIPY_INTERP_PARSE_RULES_HPP
#define MINIPY_INTERP_PARSE_RULES_HPP

#include <initializer_list>

#include "parse/parser.hpp"

namespace minipy::parse {

// The rules whose results are memoized (marked `(memo)` in the grammar, plus the
// left-recursive ones, which need it to grow their seed).
enum MemoType : int {
    kMemoSimpleStmt = 1,
    kMemoBlock,
    kMemoClosedPattern,
    kMemoStarPattern,
    kMemoExpression,
    kMemoStarExpression,
    kMemoDisjunction,
    kMemoConjunction,
    kMemoInversion,
    kMemoFactor,
    kMemoAwaitPrimary,
    kMemoStrings,
    kMemoArguments,
    kMemoStarTarget,
    kMemoTargetWithStarAtom,
    kMemoDelTarget,
    kMemoInvalidNamedExpression,
    kMemoDottedName,
    kMemoAttr,
    kMemoBitwiseOr,
    kMemoBitwiseXor,
    kMemoBitwiseAnd,
    kMemoShiftExpr,
    kMemoSum,
    kMemoTerm,
    kMemoPrimary,
    kMemoTPrimary,
};

template <class T, class F>
ast::Seq<T> *Parser::gather(F elem) noexcept {
    LevelGuard gather_level(*this);  // the first element is parsed inside _gather_N
    if (gather_level.failed()) return nullptr;
    SeqBuilder<T> items(*this);
    T first = elem();
    if (first == nullptr || !items.push(first)) return nullptr;
    LevelGuard loop_level(*this);  // the others inside _loop0_N, one level deeper
    if (loop_level.failed()) return nullptr;
    for (;;) {
        const int before = mark_;
        T next;
        if (expect(Tok::COMMA) && (next = elem())) {
            if (!items.push(next)) return nullptr;
            continue;
        }
        mark_ = before;
        break;
    }
    return error_ ? nullptr : items.finish();
}

template <class T, class F>
bool Parser::separated_rest(Tok sep, F elem, SeqBuilder<T> &items) noexcept {
    LevelGuard loop_level(*this);
    if (loop_level.failed()) return false;
    for (;;) {
        LevelGuard group_level(*this);  // each (sep elem) is a call of the group's rule
        if (group_level.failed()) return false;
        const int before = mark_;
        T next;
        if (expect(sep) && (next = elem())) {
            if (!items.push(next)) return false;
            continue;
        }
        mark_ = before;
        break;
    }
    return !error_;
}

template <class T, class F>
ast::Seq<T> *Parser::repeat(F elem, bool one_or_more) noexcept {
    LevelGuard loop_level(*this);
    if (loop_level.failed()) return nullptr;
    SeqBuilder<T> items(*this);
    for (;;) {
        const int before = mark_;
        T item = elem();
        if (item == nullptr) {
            mark_ = before;
            break;
        }
        if (!items.push(item)) return nullptr;
    }
    if (error_ || (one_or_more && items.size() == 0)) return nullptr;
    return items.finish();
}

}  // namespace minipy::parse

// Every rule method begins with this: one level counted, NULL at once after an error.
#define MINIPY_RULE_ENTER()             \
    LevelGuard level_guard_(*this);     \
    if (level_guard_.failed()) return { \
        }

// A memoized rule: return the stored result when there is one; MINIPY_MEMO_STORE at the end.
#define MINIPY_MEMO_LOOKUP(TYPE, RESULT_TYPE)                                                \
    do {                                                                                     \
        void *memo_result_ = nullptr;                                                        \
        if (is_memoized(TYPE, &memo_result_)) return static_cast<RESULT_TYPE>(memo_result_); \
    } while (0)

#endif  // MINIPY_INTERP_PARSE_RULES_HPP
