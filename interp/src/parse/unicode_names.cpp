// \N{...} name lookup: CPython 3.11's _getcode (Modules/unicodedata.c) over minipy's own
// tables. Hangul syllables and CJK unified ideographs are computed, as CPython computes them;
// every other name and alias is stored (unicode_names_tables.inc, from unicode_names_gen.py).
#include "parse/unicode_names.hpp"

#include <cstdint>
#include <cstring>

namespace minipy::parse {

namespace {

struct IdeographRange {
    Py_UCS4 first;
    Py_UCS4 last;
};

#include "parse/unicode_names_tables.inc"

constexpr int kBlockCount =
    static_cast<int>(sizeof kNameBlockOffsets / sizeof kNameBlockOffsets[0]);

char ascii_upper(char c) noexcept {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// CPython compares the two computed families' prefixes case-sensitively (strncmp): "cjk
// unified ideograph-4E00" is looked up, and not found, among the stored names.
bool starts_with(const char *name, std::size_t size, const char *prefix) noexcept {
    const std::size_t n = std::strlen(prefix);
    return size >= n && std::memcmp(name, prefix, n) == 0;
}

// The jamo of a syllable's name, by column (leading consonant, vowel, trailing consonant),
// as Unicode's Jamo.txt short names; "" is a jamo too (IEUNG leads, no trailing consonant).
constexpr const char *kLeading[] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                    "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
constexpr const char *kVowels[] = {"A",   "AE", "YA", "YAE", "EO", "E",  "YEO",
                                   "YE",  "O",  "WA", "WAE", "OE", "YO", "U",
                                   "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
constexpr const char *kTrailing[] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D", "L",  "LG",
                                     "LM", "LB", "LS", "LT", "LP", "LH", "M",  "B", "BS", "S",
                                     "SS", "NG", "J",  "C",  "K",  "T",  "P",  "H"};

// CPython's find_syllable: the longest jamo of `column` that `text` starts with (the first
// of equal lengths), compared case-sensitively; its index, or -1. *length is what it used.
template <std::size_t N>
int find_jamo(const char *text, std::size_t size, const char *const (&column)[N],
              std::size_t *length) noexcept {
    int found = -1;
    std::size_t best = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const std::size_t n = std::strlen(column[i]);
        if (found >= 0 && n <= best) continue;
        if (n <= size && std::memcmp(text, column[i], n) == 0) {
            found = static_cast<int>(i);
            best = n;
        }
    }
    *length = best;
    return found;
}

bool hangul_syllable(const char *name, std::size_t size, Py_UCS4 *code) noexcept {
    constexpr Py_UCS4 kSyllableBase = 0xAC00;
    constexpr std::size_t kVowelCount = sizeof kVowels / sizeof kVowels[0];
    constexpr std::size_t kTrailingCount = sizeof kTrailing / sizeof kTrailing[0];
    std::size_t n = 0;
    const int l = find_jamo(name, size, kLeading, &n);
    name += n;
    size -= n;
    const int v = find_jamo(name, size, kVowels, &n);
    name += n;
    size -= n;
    const int t = find_jamo(name, size, kTrailing, &n);
    if (l < 0 || v < 0 || t < 0 || n != size) return false;
    *code = kSyllableBase + static_cast<Py_UCS4>((static_cast<std::size_t>(l) * kVowelCount +
                                                  static_cast<std::size_t>(v)) *
                                                     kTrailingCount +
                                                 static_cast<std::size_t>(t));
    return true;
}

// Four or five hex digits, upper case only (as CPython reads them), of a unified ideograph.
bool unified_ideograph(const char *digits, std::size_t size, Py_UCS4 *code) noexcept {
    if (size != 4 && size != 5) return false;
    Py_UCS4 value = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const char c = digits[i];
        int digit = 0;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return false;
        value = value * 16 + static_cast<Py_UCS4>(digit);
    }
    for (const IdeographRange &range : kUnifiedIdeographs) {
        if (value >= range.first && value <= range.last) {
            *code = value;
            return true;
        }
    }
    return false;
}

// A stored name, spelled out: entry `at` of kNameEntries written to `out` (at most
// kNameMaxLength bytes); returns where the next entry starts.
std::size_t spell_entry(std::size_t at, char *out, std::size_t *length, Py_UCS4 *code) noexcept {
    const int words = kNameEntries[at++];
    std::size_t n = 0;
    for (int i = 0; i < words; ++i) {
        int k = kNameEntries[at++];
        if (k >= 0x80) k = ((k & 0x7F) << 8) | kNameEntries[at++];
        if (i > 0) out[n++] = ' ';
        // Each word ends in a NUL, and one offset more than there are words ends the last.
        const std::size_t size = kNameWordOffsets[k + 1] - kNameWordOffsets[k] - 1;
        std::memcpy(out + n, kNameWords + kNameWordOffsets[k], size);
        n += size;
    }
    *length = n;
    *code = (static_cast<Py_UCS4>(kNameEntries[at]) << 16) |
            (static_cast<Py_UCS4>(kNameEntries[at + 1]) << 8) | kNameEntries[at + 2];
    return at + 3;
}

// Byte order, shorter first on a tie: the order unicode_names_gen.py sorted the names in.
int compare(const char *a, std::size_t a_size, const char *b, std::size_t b_size) noexcept {
    const int c = std::memcmp(a, b, a_size < b_size ? a_size : b_size);
    if (c != 0) return c;
    return a_size < b_size ? -1 : a_size > b_size ? 1 : 0;
}

bool stored_name(const char *upper, std::size_t size, Py_UCS4 *code) noexcept {
    char spelled[kNameMaxLength + 1];
    std::size_t length = 0;
    Py_UCS4 found = 0;
    // The last block whose first name is not above the query.
    int low = 0, high = kBlockCount - 1;
    while (low < high) {
        const int middle = (low + high + 1) / 2;
        spell_entry(kNameBlockOffsets[middle], spelled, &length, &found);
        if (compare(spelled, length, upper, size) <= 0)
            low = middle;
        else
            high = middle - 1;
    }
    std::size_t at = kNameBlockOffsets[low];
    for (int i = low * kNameBlock; i < kNameCount && i < (low + 1) * kNameBlock; ++i) {
        at = spell_entry(at, spelled, &length, &found);
        const int c = compare(spelled, length, upper, size);
        if (c == 0) {
            *code = found;
            return true;
        }
        if (c > 0) break;
    }
    return false;
}

}  // namespace

bool lookup_unicode_name(const char *name, std::size_t size, Py_UCS4 *code) noexcept {
    if (starts_with(name, size, "HANGUL SYLLABLE "))
        return hangul_syllable(name + 16, size - 16, code);
    if (starts_with(name, size, "CJK UNIFIED IDEOGRAPH-"))
        return unified_ideograph(name + 22, size - 22, code);
    if (size > static_cast<std::size_t>(kNameMaxLength)) return false;
    char upper[kNameMaxLength];
    for (std::size_t i = 0; i < size; ++i) upper[i] = ascii_upper(name[i]);
    return stored_name(upper, size, code);
}

}  // namespace minipy::parse
