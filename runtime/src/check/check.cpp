// The report of a broken invariant (check.hpp): the rule's pieces formatted into a buffer on
// the stack, then alloc's fatal error (minipy_fatal_error), which writes with write(2),
// prints the runtime's context and aborts. Nothing here allocates.
#include "check/check.hpp"

#include "minipy/pymem.h"

namespace minipy::runtime::check {

namespace {

// A line of text in a fixed buffer; what does not fit is cut (the start of a report is what
// matters).
class Line {
  public:
    void text(const char *s) noexcept {
        if (s == nullptr) s = "(null)";
        while (*s != '\0') ch(*s++);
    }
    void ch(char c) noexcept {
        if (used_ + 1 < sizeof buffer_) buffer_[used_++] = c;
        buffer_[used_] = '\0';
    }
    void number(unsigned long long value, unsigned base) noexcept {
        char digits[24];
        int n = 0;
        do {
            digits[n++] = "0123456789abcdef"[value % base];
            value /= base;
        } while (value != 0);
        while (n > 0) ch(digits[--n]);
    }
    void signed_number(long long value) noexcept {
        if (value < 0) {
            ch('-');
            number(0ULL - static_cast<unsigned long long>(value), 10);
        } else {
            number(static_cast<unsigned long long>(value), 10);
        }
    }
    // As glibc's "%p": "0x" and the digits without padding, "(nil)" for NULL.
    void address(const void *p) noexcept {
        if (p == nullptr) {
            text("(nil)");
            return;
        }
        text("0x");
        number(reinterpret_cast<unsigned long long>(p), 16);
    }
    void piece(const Piece &piece) noexcept {
        switch (piece.kind()) {
        case Piece::Kind::text: text(piece.text()); break;
        case Piece::Kind::signed_number: signed_number(piece.signed_value()); break;
        case Piece::Kind::unsigned_number: number(piece.unsigned_value(), 10); break;
        case Piece::Kind::address: address(piece.address()); break;
        }
    }
    const char *c_str() const noexcept { return buffer_; }

  private:
    char buffer_[512] = {};
    std::size_t used_ = 0;
};

}  // namespace

void Subject::broken(std::initializer_list<Piece> rule) const noexcept {
    Line line;
    line.text(structure_);
    if (address_ != nullptr) {
        line.text(" at ");
        line.address(address_);
    }
    line.text(": ");
    for (const Piece &piece : rule) line.piece(piece);
    minipy_fatal_error(checker_, line.c_str());
}

}  // namespace minipy::runtime::check
