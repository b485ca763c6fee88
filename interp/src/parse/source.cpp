// See source.hpp. The coding-cookie search is CPython 3.11's get_coding_spec /
// check_coding_spec: the cookie must sit in a comment that is alone on line 1, or on line 2
// when line 1 holds only a comment or blanks.
#include "parse/source.hpp"

#include <cstring>
#include <initializer_list>

namespace minipy::parse {

namespace {

bool is_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The encoding a cookie names on this line ([line, line + size)), in *name (at most 63
// characters); false when the line has none.
bool find_coding_spec(const char *line, Py_ssize_t size, char *name) noexcept {
    Py_ssize_t i = 0;
    for (; i < size - 6; ++i) {
        if (line[i] == '#') break;
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\014') return false;
    }
    for (; i < size - 6; ++i) {
        const char *t = line + i;
        if (std::memcmp(t, "coding", 6) != 0) continue;
        t += 6;
        if (t[0] != ':' && t[0] != '=') continue;
        do {
            ++t;
        } while (t[0] == ' ' || t[0] == '\t');
        const char *begin = t;
        while (t < line + size && (is_alnum(t[0]) || t[0] == '-' || t[0] == '_' || t[0] == '.'))
            ++t;
        if (begin < t) {
            Py_ssize_t n = t - begin;
            if (n > 63) n = 63;
            std::memcpy(name, begin, n);
            name[n] = '\0';
            return true;
        }
    }
    return false;
}

// Whether a line without a cookie still lets line 2 carry one (blanks and a comment only).
bool only_comment_or_blank(const char *line, Py_ssize_t size) noexcept {
    for (Py_ssize_t i = 0; i < size; ++i) {
        if (line[i] == '#' || line[i] == '\n' || line[i] == '\r') return true;
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\014') return false;
    }
    return true;
}

// The cookie of [data, data + size) (past any BOM), in *name: on line 1, or on line 2 when
// line 1 holds only a comment or blanks. False when there is none.
bool find_cookie(const char *data, Py_ssize_t size, char *name) noexcept {
    const char *line = data;
    for (int lineno = 1; lineno <= 2 && line < data + size; ++lineno) {
        const char *newline =
            static_cast<const char *>(std::memchr(line, '\n', data + size - line));
        const Py_ssize_t line_size = (newline != nullptr ? newline + 1 : data + size) - line;
        if (find_coding_spec(line, line_size, name)) return true;
        if (!only_comment_or_blank(line, line_size)) return false;
        line += line_size;
    }
    return false;
}

bool starts_with_bom(const char *data, Py_ssize_t size) noexcept {
    return size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0;
}

enum class Encoding { utf8, latin1, ascii, other };

// Whether the codec registry would find Python's ascii codec under `name`: the name as
// encodings.normalize_encoding() leaves it (lower case, each run of other characters than
// letters, digits and '.' one '_', none at the ends), then encodings/aliases.py's names for it.
bool names_ascii(const char *name) noexcept {
    char normal[64];
    std::size_t n = 0;
    bool punct = false;
    for (; *name != '\0' && n < sizeof normal - 2; ++name) {
        char c = *name;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
            if (punct && n > 0) normal[n++] = '_';
            normal[n++] = c;
            punct = false;
        } else {
            punct = true;
        }
    }
    normal[n] = '\0';
    for (const char *alias :
         {"ascii", "646", "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968", "cp367", "csascii",
          "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii"})
        if (std::strcmp(normal, alias) == 0) return true;
    return false;
}

// CPython's get_normal_name, widened to the spellings of the encodings minipy reads.
Encoding classify_encoding(const char *name) noexcept {
    char lower[64];
    std::size_t n = 0;
    for (; name[n] != '\0' && n < sizeof lower - 1; ++n) {
        const char c = name[n];
        lower[n] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    lower[n] = '\0';
    for (const char *utf8 : {"utf-8", "utf8", "u8", "utf", "cp65001"})
        if (std::strcmp(lower, utf8) == 0) return Encoding::utf8;
    if (std::strncmp(lower, "utf-8-", 6) == 0) return Encoding::utf8;
    for (const char *latin1 : {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso-latin-1", "l1",
                               "latin", "8859", "cp819"})
        if (std::strcmp(lower, latin1) == 0) return Encoding::latin1;
    for (const char *prefix : {"latin-1-", "iso-8859-1-", "iso-latin-1-"})
        if (std::strncmp(lower, prefix, std::strlen(prefix)) == 0) return Encoding::latin1;
    return names_ascii(name) ? Encoding::ascii : Encoding::other;
}

// Copies `data` into a new buffer with newlines normalized and, when asked, a final newline.
// Latin-1 input is transcoded to UTF-8 on the way.
char *normalized_copy(const char *data, Py_ssize_t size, bool latin1, bool final_newline,
                      Py_ssize_t *out_size) noexcept {
    const std::size_t capacity = static_cast<std::size_t>(size) * (latin1 ? 2 : 1) + 2;
    auto *out = static_cast<char *>(PyMem_Malloc(capacity));
    if (out == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    char *p = out;
    for (Py_ssize_t i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == '\r') {
            *p++ = '\n';
            if (i + 1 < size && data[i + 1] == '\n') ++i;
        } else if (latin1 && c >= 0x80) {
            *p++ = static_cast<char>(0xC0 | (c >> 6));
            *p++ = static_cast<char>(0x80 | (c & 0x3F));
        } else {
            *p++ = static_cast<char>(c);
        }
    }
    if (final_newline && (p == out || p[-1] != '\n')) *p++ = '\n';
    *p = '\0';
    *out_size = p - out;
    return out;
}

}  // namespace

// CPython 3.11.7's valid_utf8: no overlong forms, no surrogates, nothing past U+10FFFF.
int utf8_sequence_length(const unsigned char *s) noexcept {
    int expected;
    if (*s < 0x80) return 1;
    if (*s < 0xE0) {
        if (*s < 0xC2) return 0;  // a continuation byte, or an overlong 0000-007F
        expected = 1;
    } else if (*s < 0xF0) {
        if (*s == 0xE0 && s[1] < 0xA0) return 0;   // overlong 0000-0800
        if (*s == 0xED && s[1] >= 0xA0) return 0;  // a surrogate D800-DFFF
        expected = 2;
    } else if (*s < 0xF5) {
        if (s[1] < 0x90 ? *s == 0xF0 : *s == 0xF4) return 0;  // overlong, or past 10FFFF
        expected = 3;
    } else {
        return 0;
    }
    for (int k = 1; k <= expected; ++k)
        if (s[k] < 0x80 || s[k] >= 0xC0) return 0;
    return expected + 1;
}

int source_prepare(const char *data, Py_ssize_t size, SourceKind kind, bool final_newline,
                   Source *out) noexcept {
    *out = Source{};
    if (kind == SourceKind::text) {
        if (std::memchr(data, '\0', size) != nullptr) {
            PyErr_SetString(PyExc_SyntaxError, "source code string cannot contain null bytes");
            return -1;
        }
        out->text = normalized_copy(data, size, false, final_newline, &out->size);
        if (out->text == nullptr) return -1;
        for (const char *c = out->text; *c != '\0';) {
            const int length = utf8_sequence_length(reinterpret_cast<const unsigned char *>(c));
            if (length == 0) {
                out->valid_utf8 = false;
                break;
            }
            c += length;
        }
        return 0;
    }
    // A file always ends with a newline for the tokenizer (CPython fakes the last one).
    final_newline = true;
    const bool bom = starts_with_bom(data, size);
    if (bom) {
        data += 3;
        size -= 3;
    }
    char name[64];
    const bool declared = find_cookie(data, size, name);
    Encoding encoding = Encoding::utf8;
    if (declared) {
        encoding = classify_encoding(name);
        if (bom && encoding != Encoding::utf8) {
            PyErr_Format(PyExc_SyntaxError, "encoding problem: %s with BOM",
                         encoding == Encoding::latin1 ? "iso-8859-1" : name);
            return -1;
        }
        if (encoding == Encoding::other) {
            PyErr_Format(PyExc_SyntaxError,
                         "encoding problem: %s (minipy reads UTF-8, Latin-1 and ASCII source only)",
                         name);
            return -1;
        }
        // Python's file reader decodes its first chunk whole: a byte ascii cannot decode
        // there fails as the cookie's problem (CPython 3.11.7; past the first 8 KiB it
        // names the line instead, which minipy does not follow).
        if (encoding == Encoding::ascii) {
            for (Py_ssize_t i = 0; i < size; ++i) {
                if (static_cast<unsigned char>(data[i]) >= 0x80) {
                    PyErr_Format(PyExc_SyntaxError, "encoding problem: %s", name);
                    return -1;
                }
            }
        }
    }
    out->text =
        normalized_copy(data, size, encoding == Encoding::latin1, final_newline, &out->size);
    if (out->text == nullptr) return -1;
    out->bom = bom;
    out->added_newline = size == 0 || (data[size - 1] != '\n' && data[size - 1] != '\r');
    // Undeclared UTF-8 is checked line by line; a BOM or a cookie declares it.
    out->check_utf8 = !declared && !bom;
    out->check_nul = true;
    return 0;
}

void source_free(Source *source) noexcept {
    PyMem_Free(source->text);
    source->text = nullptr;
}

bool source_declares_encoding(const char *data, Py_ssize_t size) noexcept {
    char name[64];
    return starts_with_bom(data, size) || find_cookie(data, size, name);
}

}  // namespace minipy::parse
