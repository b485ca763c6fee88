// NFKC normalization for identifiers (see identifier.hpp): full compatibility decomposition,
// canonical ordering by combining class, canonical composition (Unicode Standard Annex 15),
// Hangul syllables by their formula. The tables come from nfkc_gen.py.
#include <cstdint>

#include "parse/identifier.hpp"

namespace minipy::parse {

namespace {

struct Decomposition {
    Py_UCS4 cp;
    std::uint16_t offset;  // into kDecompositionPool
    std::uint8_t length;
};
struct CombiningClass {
    Py_UCS4 first, last;
    std::uint8_t ccc;
};
struct Composition {
    Py_UCS4 first, second, composite;
};

#include "parse/nfkc_tables.inc"

constexpr Py_UCS4 kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr Py_UCS4 kLCount = 19, kVCount = 21, kTCount = 28;
constexpr Py_UCS4 kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;
constexpr Py_ssize_t kMaxExpansion = 18;  // U+FDFA's NFKD is 18 characters long

const Decomposition *find_decomposition(Py_UCS4 ch) noexcept {
    std::size_t lo = 0, hi = sizeof kDecompositions / sizeof kDecompositions[0];
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (ch < kDecompositions[mid].cp)
            hi = mid;
        else if (ch > kDecompositions[mid].cp)
            lo = mid + 1;
        else
            return &kDecompositions[mid];
    }
    return nullptr;
}

int combining_class(Py_UCS4 ch) noexcept {
    if (ch < 0x300) return 0;
    std::size_t lo = 0, hi = sizeof kCombiningClasses / sizeof kCombiningClasses[0];
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (ch < kCombiningClasses[mid].first)
            hi = mid;
        else if (ch > kCombiningClasses[mid].last)
            lo = mid + 1;
        else
            return kCombiningClasses[mid].ccc;
    }
    return 0;
}

// The primary composite of `first` and `second`, or 0.
Py_UCS4 compose(Py_UCS4 first, Py_UCS4 second) noexcept {
    if (first >= kLBase && first < kLBase + kLCount && second >= kVBase &&
        second < kVBase + kVCount)
        return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
    if (first >= kSBase && first < kSBase + kSCount && (first - kSBase) % kTCount == 0 &&
        second > kTBase && second < kTBase + kTCount)
        return first + (second - kTBase);
    std::size_t lo = 0, hi = sizeof kCompositions / sizeof kCompositions[0];
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const Composition &c = kCompositions[mid];
        if (first < c.first || (first == c.first && second < c.second))
            hi = mid;
        else if (first > c.first || second > c.second)
            lo = mid + 1;
        else
            return c.composite;
    }
    return 0;
}

// Appends the full compatibility decomposition of `ch` to out[*n...].
void decompose(Py_UCS4 ch, Py_UCS4 *out, Py_ssize_t *n) noexcept {
    if (ch >= kSBase && ch < kSBase + kSCount) {
        const Py_UCS4 index = ch - kSBase;
        out[(*n)++] = kLBase + index / kNCount;
        out[(*n)++] = kVBase + (index % kNCount) / kTCount;
        if (index % kTCount != 0) out[(*n)++] = kTBase + index % kTCount;
        return;
    }
    const Decomposition *d = find_decomposition(ch);
    if (d == nullptr) {
        out[(*n)++] = ch;
        return;
    }
    for (int i = 0; i < d->length; ++i) out[(*n)++] = kDecompositionPool[d->offset + i];
}

}  // namespace

PyObject *nfkc_normalize(PyObject *name) noexcept {
    const Py_ssize_t length = PyUnicode_GetLength(name);
    auto *buffer =
        static_cast<Py_UCS4 *>(PyMem_Malloc(sizeof(Py_UCS4) * (length * kMaxExpansion + 1)));
    if (buffer == nullptr) return PyErr_NoMemory();
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < length; ++i) decompose(PyUnicode_ReadChar(name, i), buffer, &n);
    // Canonical ordering: each run of non-starters sorted by combining class, stably.
    for (Py_ssize_t i = 1; i < n; ++i) {
        const Py_UCS4 ch = buffer[i];
        const int ccc = combining_class(ch);
        if (ccc == 0) continue;
        Py_ssize_t j = i;
        while (j > 0 && combining_class(buffer[j - 1]) > ccc) {
            buffer[j] = buffer[j - 1];
            --j;
        }
        buffer[j] = ch;
    }
    // Canonical composition: a character joins the last starter unless a character between
    // them blocks it (a starter, or one of the same or a higher class).
    Py_ssize_t written = n > 0 ? 1 : 0;
    Py_ssize_t starter = 0;
    int last_class = n > 0 && combining_class(buffer[0]) != 0 ? 256 : 0;
    for (Py_ssize_t i = 1; i < n; ++i) {
        const Py_UCS4 ch = buffer[i];
        const int ccc = combining_class(ch);
        const Py_UCS4 composite = compose(buffer[starter], ch);
        if (composite != 0 && (last_class < ccc || last_class == 0)) {
            buffer[starter] = composite;
            continue;
        }
        if (ccc == 0) starter = written;
        last_class = ccc;
        buffer[written++] = ch;
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, written);
    PyMem_Free(buffer);
    return result;
}

}  // namespace minipy::parse
