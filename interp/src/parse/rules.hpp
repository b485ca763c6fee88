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
