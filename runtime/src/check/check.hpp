// How the runtime's invariant checkers report a broken rule. The checkers themselves live
// beside the structure they check (dict_check.cpp, set_check.cpp, gc_check.cpp, and the free
// lists' owners); this header is what they share. Internal to runtime/.
//
// The assert macros are alloc's (support/check.hpp), so that both layers switch on together:
//   MINIPY_ASSERT(x)            a local invariant; debug builds.
//   MINIPY_ASSERT_EXPENSIVE(x)  a checker over a whole structure; only with
//                               -DMINIPY_EXPENSIVE_ASSERTS=ON (the `invariants` preset), and
//                               compiled away otherwise, the call and its arguments included.
//
// A checker returns true when every rule holds, so that a call site reads
//     MINIPY_ASSERT_EXPENSIVE(dict_is_valid(mp));
// and it never returns false: at the first broken rule it stops the process with a report
// that says which structure and which rule, with the values that broke it:
//
//   Fatal Python error: dict_is_valid: dict at 0x7f3a..: ma_used counts the live entries
//   (ma_used 2, live 3)
//   Python runtime state: initialized
//   ...
// (the first line is one line; cut here to fit).
//
// (minipy_fatal_error's layout: the runtime state and the threads follow, then abort.) The
// report is formatted on the stack and written with write(2): it allocates nothing, since a
// broken structure may be the allocator's or may sit in memory the allocator owns.
//
// A checker must not change what it checks, run user code (no __eq__, no __hash__, no
// Py_DECREF) or allocate, so that calling it anywhere leaves the program as it was.
#ifndef MINIPY_CHECK_CHECK_HPP
#define MINIPY_CHECK_CHECK_HPP

#include <cstddef>
#include <initializer_list>

#include "support/check.hpp"

namespace minipy::runtime::check {

// One piece of a rule's text: a string, a number or an address (written as "%p" writes it).
class Piece {
  public:
    enum class Kind { text, signed_number, unsigned_number, address };

    Piece(const char *text) noexcept : kind_(Kind::text), value_{.text = text} {}
    Piece(long long value) noexcept : kind_(Kind::signed_number), value_{.signed_number = value} {}
    Piece(long value) noexcept : Piece(static_cast<long long>(value)) {}
    Piece(int value) noexcept : Piece(static_cast<long long>(value)) {}
    Piece(unsigned long long value) noexcept
        : kind_(Kind::unsigned_number), value_{.unsigned_number = value} {}
    Piece(unsigned long value) noexcept : Piece(static_cast<unsigned long long>(value)) {}
    Piece(unsigned value) noexcept : Piece(static_cast<unsigned long long>(value)) {}
    Piece(unsigned char value) noexcept : Piece(static_cast<unsigned long long>(value)) {}
    Piece(const void *address) noexcept : kind_(Kind::address), value_{.address = address} {}

    Kind kind() const noexcept { return kind_; }
    const char *text() const noexcept { return value_.text; }
    long long signed_value() const noexcept { return value_.signed_number; }
    unsigned long long unsigned_value() const noexcept { return value_.unsigned_number; }
    const void *address() const noexcept { return value_.address; }

  private:
    Kind kind_;
    union Value {
        const char *text;
        long long signed_number;
        unsigned long long unsigned_number;
        const void *address;
    } value_;
};

// The structure one checker call looks at: who checks (the checker's name, the function
// the report names), what (a structure's name: "dict", "set", "gc generation 0", ...) and
// where (its address; NULL for the runtime's singletons, the free lists and generations,
// whose name says which).
class Subject {
  public:
    constexpr Subject(const char *checker, const char *structure, const void *address) noexcept
        : checker_(checker), structure_(structure), address_(address) {}

    // Reports `rule` (its pieces written one after the other) as broken and aborts:
    //   Fatal Python error: <checker>: <structure> at <address>: <rule>
    // (without " at <address>" when the address is NULL).
    [[noreturn]] void broken(std::initializer_list<Piece> rule) const noexcept;

    // true when `holds`; otherwise reports `rule`. The pieces are evaluated either way, so
    // they must be safe to compute when the rule holds (use `broken` behind an `if` when a
    // piece reads what the rule guards).
    bool require(bool holds, std::initializer_list<Piece> rule) const noexcept {
        if (!holds) [[unlikely]]
            broken(rule);
        return true;
    }

  private:
    const char *checker_;
    const char *structure_;
    const void *address_;
};

}  // namespace minipy::runtime::check

#endif  // MINIPY_CHECK_CHECK_HPP
