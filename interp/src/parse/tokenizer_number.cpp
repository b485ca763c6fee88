// The tokenizer's numbers: where a NUMBER token ends and whether it is well formed, with
// CPython 3.11's messages ("invalid decimal literal", "invalid digit '8' in octal literal",
// "leading zeros in decimal integer literals are not permitted; ..."). The value is computed
// by the parser (number_literal.cpp).
#include "parse/identifier.hpp"
#include "parse/tokenizer.hpp"

namespace minipy::parse {

namespace {

bool is_digit(int c) noexcept {
    return c >= '0' && c <= '9';
}

bool is_hex_digit(int c) noexcept {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

// Digits and single underscores between digits; returns the first character after them,
// or 0 after raising "invalid decimal literal" (an underscore not followed by a digit).
int Tokenizer::decimal_tail() noexcept {
    int c;
    for (;;) {
        do {
            c = next_char();
        } while (is_digit(c));
        if (c != '_') break;
        c = next_char();
        if (!is_digit(c)) {
            backup(c);
            syntax_error("invalid decimal literal");
            return 0;
        }
    }
    return c;
}

// A number must not run into a name ("1abc", "0x1g"), except into the keywords that may
// follow a number in valid code ("1if x else 2"; CPython 3.11 warns there, minipy is silent).
bool Tokenizer::verify_end_of_number(int c, const char *kind) noexcept {
    bool keyword_follows = false;
    if (c == 'a') {
        keyword_follows = lookahead("nd");
    } else if (c == 'e') {
        keyword_follows = lookahead("lse");
    } else if (c == 'f') {
        keyword_follows = lookahead("or");
    } else if (c == 'i') {
        const int c2 = next_char();
        keyword_follows = c2 == 'f' || c2 == 'n' || c2 == 's';
        backup(c2);
    } else if (c == 'o') {
        keyword_follows = lookahead("r");
    } else if (c == 'n') {
        keyword_follows = lookahead("ot");
    }
    if (keyword_follows) return true;
    // Only an ASCII letter or digit makes the number invalid (CPython 3.11.7): a non-ASCII
    // character is the next token's problem ("invalid character").
    if (c < 128 && is_potential_identifier_char(c)) {
        backup(c);
        syntax_error("invalid %s literal", kind);
        return false;
    }
    return true;
}

// From just after the '.' of a float (c is the next character), or from an exponent or
// imaginary suffix reached from an integer part.
Tok Tokenizer::fraction_and_exponent(int c, const char **start, const char **end) noexcept {
    if (is_digit(c)) {
        c = decimal_tail();
        if (c == 0) return Tok::ERRORTOKEN;
    }
    if (c == 'e' || c == 'E') {
        const int e = c;
        c = next_char();
        if (c == '+' || c == '-') {
            c = next_char();
            if (!is_digit(c)) {
                backup(c);
                return syntax_error("invalid decimal literal");
            }
        } else if (!is_digit(c)) {
            // "1e" then no digit: the number ends before the 'e' ("1else").
            backup(c);
            if (!verify_end_of_number(e, "decimal")) return Tok::ERRORTOKEN;
            backup(e);
            *start = token_start_;
            *end = cur;
            return Tok::NUMBER;
        }
        c = decimal_tail();
        if (c == 0) return Tok::ERRORTOKEN;
    }
    if (c == 'j' || c == 'J') {
        c = next_char();
        if (!verify_end_of_number(c, "imaginary")) return Tok::ERRORTOKEN;
    } else if (!verify_end_of_number(c, "decimal")) {
        return Tok::ERRORTOKEN;
    }
    backup(c);
    *start = token_start_;
    *end = cur;
    return Tok::NUMBER;
}

// A number from its first digit c.
Tok Tokenizer::number(int c, const char **start, const char **end) noexcept {
    if (c != '0') {
        c = decimal_tail();
        if (c == 0) return Tok::ERRORTOKEN;
        if (c == '.') c = next_char();
        return fraction_and_exponent(c, start, end);
    }
    c = next_char();
    if (c == 'x' || c == 'X') {
        c = next_char();
        do {
            if (c == '_') c = next_char();
            if (!is_hex_digit(c)) {
                backup(c);
                return syntax_error("invalid hexadecimal literal");
            }
            do {
                c = next_char();
            } while (is_hex_digit(c));
        } while (c == '_');
        if (!verify_end_of_number(c, "hexadecimal")) return Tok::ERRORTOKEN;
    } else if (c == 'o' || c == 'O') {
        c = next_char();
        do {
            if (c == '_') c = next_char();
            if (c < '0' || c >= '8') {
                if (is_digit(c)) return syntax_error("invalid digit '%c' in octal literal", c);
                backup(c);
                return syntax_error("invalid octal literal");
            }
            do {
                c = next_char();
            } while ('0' <= c && c < '8');
        } while (c == '_');
        if (is_digit(c)) return syntax_error("invalid digit '%c' in octal literal", c);
        if (!verify_end_of_number(c, "octal")) return Tok::ERRORTOKEN;
    } else if (c == 'b' || c == 'B') {
        c = next_char();
        do {
            if (c == '_') c = next_char();
            if (c != '0' && c != '1') {
                if (is_digit(c)) return syntax_error("invalid digit '%c' in binary literal", c);
                backup(c);
                return syntax_error("invalid binary literal");
            }
            do {
                c = next_char();
            } while (c == '0' || c == '1');
        } while (c == '_');
        if (is_digit(c)) return syntax_error("invalid digit '%c' in binary literal", c);
        if (!verify_end_of_number(c, "binary")) return Tok::ERRORTOKEN;
    } else {
        // Zeros, maybe an old-style octal (refused), maybe a float ("0.5", "00e1", "0j").
        bool nonzero = false;
        for (;;) {
            if (c == '_') {
                c = next_char();
                if (!is_digit(c)) {
                    backup(c);
                    return syntax_error("invalid decimal literal");
                }
            }
            if (c != '0') break;
            c = next_char();
        }
        const char *zeros_end = cur;
        if (is_digit(c)) {
            nonzero = true;
            c = decimal_tail();
            if (c == 0) return Tok::ERRORTOKEN;
        }
        if (c == '.') return fraction_and_exponent(next_char(), start, end);
        if (c == 'e' || c == 'E' || c == 'j' || c == 'J')
            return fraction_and_exponent(c, start, end);
        if (nonzero) {
            backup(c);
            return syntax_error_range(
                static_cast<int>(token_start_ + 1 - line_start),
                static_cast<int>(zeros_end - line_start),
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
                "for octal integers");
        }
        if (!verify_end_of_number(c, "decimal")) return Tok::ERRORTOKEN;
    }
    backup(c);
    *start = token_start_;
    *end = cur;
    return Tok::NUMBER;
}

}  // namespace minipy::parse
