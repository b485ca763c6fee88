// STRING tokens to constants: prefixes and quotes, escape sequences of str and bytes
// literals, and the concatenation of adjacent literals (CPython 3.11's _PyPegen_parsestr,
// decode_unicode_with_escapes, _PyBytes_DecodeEscape and _PyPegen_concatenate_strings).
// A decoding error becomes "(unicode error) ..." or "(value error) ..." at the last token,
// as CPython reports it. \N{...} escapes are refused: minipy carries no character names.
#include <cstring>

#include "parse/source.hpp"
#include "parse/string_parser.hpp"

namespace minipy::parse {

using namespace ast;

namespace {

constexpr Py_UCS4 kMaxUnicode = 0x10FFFF;

int hex_value(unsigned char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Raises UnicodeError with a UnicodeDecodeError's text for 'unicodeescape'. Positions are
// those of CPython's decoder, which sees each non-ASCII character as a 10-byte \U escape.
void unicode_escape_error(Py_ssize_t start, Py_ssize_t end, const char *reason) noexcept {
    if (end == start + 1)
        PyErr_Format(PyExc_UnicodeError,
                     "'unicodeescape' codec can't decode byte 0x5c in position %zd: %s", start,
                     reason);
    else
        PyErr_Format(PyExc_UnicodeError,
                     "'unicodeescape' codec can't decode bytes in position %zd-%zd: %s", start,
                     end - 1, reason);
}

// Decodes one run of non-ASCII UTF-8 at *s (CPython's decode_utf8) into `out`; false with
// UnicodeDecodeError set (position within the run, as CPython reports it).
bool append_utf8_run(const char **s, const char *end, PyObject **out,
                     Py_ssize_t *virtual_pos) noexcept {
    const char *start = *s;
    while (*s < end && (static_cast<unsigned char>(**s) & 0x80)) ++*s;
    PyObject *run = PyUnicode_DecodeUTF8(start, *s - start, nullptr);
    if (run == nullptr) return false;
    *virtual_pos += 10 * PyUnicode_GetLength(run);
    PyUnicode_Append(out, run);
    Py_DECREF(run);
    return *out != nullptr;
}

}  // namespace

PyObject *decode_unicode_with_escapes(const char *s, Py_ssize_t len) noexcept {
    const char *end = s + len;
    // CPython turns every non-ASCII run into \U escapes before it decodes any escape: a run
    // that is not UTF-8 (only in text that is not) is the error, wherever it is.
    for (const char *c = s; c < end;) {
        if (!(static_cast<unsigned char>(*c) & 0x80)) {
            ++c;
            continue;
        }
        const char *run = c;
        bool valid = true;
        while (c < end && (static_cast<unsigned char>(*c) & 0x80)) {
            const int n = utf8_sequence_length(reinterpret_cast<const unsigned char *>(c));
            if (n == 0 || c + n > end) valid = false;
            c += n == 0 ? 1 : n;
        }
        if (!valid) {
            PyObject *decoded = PyUnicode_DecodeUTF8(run, c - run, nullptr);
            if (decoded == nullptr) return nullptr;
            Py_DECREF(decoded);
        }
    }
    PyObject *out = PyUnicode_New(0, 0);
    if (out == nullptr) return nullptr;
    // Characters are collected in a small buffer and flushed into `out`.
    Py_UCS4 buffer[256];
    int count = 0;
    auto flush = [&]() -> bool {
        if (count == 0) return true;
        PyObject *piece = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, count);
        count = 0;
        if (piece == nullptr) return false;
        PyUnicode_Append(&out, piece);
        Py_DECREF(piece);
        return out != nullptr;
    };
    auto put = [&](Py_UCS4 ch) -> bool {
        if (count == 256 && !flush()) return false;
        buffer[count++] = ch;
        return true;
    };
    Py_ssize_t pos = 0;  // position in CPython's rewritten buffer
    while (s < end) {
        const unsigned char c = static_cast<unsigned char>(*s);
        if (c & 0x80) {
            if (!flush() || !append_utf8_run(&s, end, &out, &pos)) goto fail;
            continue;
        }
        if (c != '\\') {
            if (!put(c)) goto fail;
            ++s;
            ++pos;
            continue;
        }
        const Py_ssize_t start = pos;
        ++s;
        if (s >= end || (static_cast<unsigned char>(*s) & 0x80)) {
            // A backslash before a non-ASCII character stays a backslash (CPython writes
            // it as \u005c).
            if (!put('\\')) goto fail;
            pos += 6;
            continue;
        }
        const char e = *s++;
        pos += 2;
        Py_UCS4 ch;
        switch (e) {
        case '\n': continue;
        case '\\': ch = '\\'; break;
        case '\'': ch = '\''; break;
        case '"': ch = '"'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\014'; break;
        case 't': ch = '\t'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 'v': ch = '\013'; break;
        case 'a': ch = '\007'; break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
            ch = static_cast<Py_UCS4>(e - '0');
            for (int k = 0; k < 2 && s < end && *s >= '0' && *s <= '7'; ++k, ++pos)
                ch = (ch << 3) + static_cast<Py_UCS4>(*s++ - '0');
            break;
        case 'x':
        case 'u':
        case 'U': {
            int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            const char *reason = e == 'x'   ? "truncated \\xXX escape"
                                 : e == 'u' ? "truncated \\uXXXX escape"
                                            : "truncated \\UXXXXXXXX escape";
            ch = 0;
            for (; digits > 0; --digits) {
                const int v = s < end ? hex_value(static_cast<unsigned char>(*s)) : -1;
                if (v < 0) {
                    unicode_escape_error(start, pos, reason);
                    goto fail;
                }
                ch = (ch << 4) + static_cast<Py_UCS4>(v);
                ++s;
                ++pos;
            }
            if (ch > kMaxUnicode) {
                unicode_escape_error(start, pos, "illegal Unicode character");
                goto fail;
            }
            break;
        }
        case 'N': {
            // Without a name database every \N{...} is refused; the malformed forms get
            // CPython's own message.
            const char *reason = "malformed \\N character escape";
            if (s < end && *s == '{') {
                ++s;
                ++pos;
                const char *name = s;
                while (s < end && *s != '}') {
                    pos += (static_cast<unsigned char>(*s) & 0x80) ? 0 : 1;
                    if (static_cast<unsigned char>(*s) >= 0xC0) pos += 10;
                    ++s;
                }
                if (s < end && s > name) {
                    ++s;
                    ++pos;
                    reason = "\\N{...} escapes are not supported by minipy (no Unicode name table)";
                }
            }
            unicode_escape_error(start, pos, reason);
            goto fail;
        }
        default:
            // An unknown escape keeps its backslash (CPython warns; minipy has no warnings).
            if (!put('\\') || !put(static_cast<unsigned char>(e))) goto fail;
            continue;
        }
        if (!put(ch)) goto fail;
    }
    if (!flush()) goto fail;
    return out;
fail:
    Py_XDECREF(out);
    return nullptr;
}

namespace {

// The bytes of a non-raw bytes literal; NULL with ValueError ("invalid \x escape at
// position N") when a \x escape lacks its two hex digits.
PyObject *decode_bytes_with_escapes(const char *s, Py_ssize_t len) noexcept {
    PyObject *out = PyBytes_FromStringAndSize(nullptr, len);
    if (out == nullptr) return nullptr;
    char *p = PyBytes_AS_STRING(out);
    const char *start = s;
    const char *end = s + len;
    while (s < end) {
        if (*s != '\\') {
            *p++ = *s++;
            continue;
        }
        ++s;
        if (s >= end) {
            *p++ = '\\';  // cannot happen in a token, kept as CPython's decoder does
            break;
        }
        const char e = *s++;
        switch (e) {
        case '\n': break;
        case '\\': *p++ = '\\'; break;
        case '\'': *p++ = '\''; break;
        case '"': *p++ = '"'; break;
        case 'b': *p++ = '\b'; break;
        case 'f': *p++ = '\014'; break;
        case 't': *p++ = '\t'; break;
        case 'n': *p++ = '\n'; break;
        case 'r': *p++ = '\r'; break;
        case 'v': *p++ = '\013'; break;
        case 'a': *p++ = '\007'; break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            int c = e - '0';
            for (int k = 0; k < 2 && s < end && *s >= '0' && *s <= '7'; ++k)
                c = (c << 3) + (*s++ - '0');
            *p++ = static_cast<char>(c);  // values above 0o377 wrap, as in CPython 3.11
            break;
        }
        case 'x':
            if (s + 1 < end) {
                const int d1 = hex_value(static_cast<unsigned char>(s[0]));
                const int d2 = hex_value(static_cast<unsigned char>(s[1]));
                if (d1 >= 0 && d2 >= 0) {
                    *p++ = static_cast<char>((d1 << 4) + d2);
                    s += 2;
                    break;
                }
            }
            PyErr_Format(PyExc_ValueError, "invalid \\x escape at position %zd", s - 2 - start);
            Py_DECREF(out);
            return nullptr;
        default: *p++ = '\\'; --s;
        }
    }
    if (_PyBytes_Resize(&out, p - PyBytes_AS_STRING(out)) < 0) return nullptr;
    return out;
}

// One STRING token (CPython's _PyPegen_parsestr): its prefix, and either its value (plain
// str or bytes) or, for an f-string, the body to scan. 0, or -1 with an exception set.
int parse_string_token(Parser &p, Token *t, bool *bytesmode, bool *rawmode, PyObject **result,
                       const char **fstr, Py_ssize_t *fstrlen) noexcept {
    const char *s = t->start;
    bool fmode = false;
    *bytesmode = *rawmode = false;
    *result = nullptr;
    *fstr = nullptr;
    for (;; ++s) {
        const char c = *s;
        if (c == 'b' || c == 'B')
            *bytesmode = true;
        else if (c == 'r' || c == 'R')
            *rawmode = true;
        else if (c == 'f' || c == 'F')
            fmode = true;
        else if (c != 'u' && c != 'U')
            break;
    }
    const char quote = *s++;
    Py_ssize_t len = (t->end - s) - 1;  // less the closing quote
    if (len >= 4 && s[0] == quote && s[1] == quote) {
        s += 2;
        len -= 4;
    }
    if (fmode) {
        *fstr = s;
        *fstrlen = len;
        return 0;
    }
    const bool has_escape = std::memchr(s, '\\', len) != nullptr;
    if (*bytesmode) {
        for (Py_ssize_t i = 0; i < len; ++i) {
            if (static_cast<unsigned char>(s[i]) >= 0x80) {
                p.raise_error_known_location(PyExc_SyntaxError, Span::of(t),
                                             "bytes can only contain ASCII literal characters");
                return -1;
            }
        }
        *result = (*rawmode || !has_escape) ? PyBytes_FromStringAndSize(s, len)
                                            : decode_bytes_with_escapes(s, len);
    } else {
        *result = (*rawmode || !has_escape) ? PyUnicode_DecodeUTF8(s, len, nullptr)
                                            : decode_unicode_with_escapes(s, len);
    }
    return *result != nullptr ? 0 : -1;
}

}  // namespace

// strings: STRING+ made one constant (or one JoinedStr when an f-string takes part).
Expr *Parser::concatenate_strings(Seq<Token *> *strings) noexcept {
    Token *first = strings->items[0];
    Token *last = strings->items[strings->size - 1];
    bool bytesmode = false;
    PyObject *bytes_str = nullptr;
    FstringState state;
    Expr *result = nullptr;
    for (Py_ssize_t i = 0; i < strings->size; ++i) {
        Token *t = strings->items[i];
        bool this_bytesmode, this_rawmode;
        PyObject *s;
        const char *fstr;
        Py_ssize_t fsize = 0;
        if (parse_string_token(*this, t, &this_bytesmode, &this_rawmode, &s, &fstr, &fsize) != 0)
            goto error;
        if (i != 0 && bytesmode != this_bytesmode) {
            syntax_error("cannot mix bytes and nonbytes literals");
            Py_XDECREF(s);
            goto error;
        }
        bytesmode = this_bytesmode;
        if (fstr != nullptr) {
            if (fstring_concat(*this, &state, &fstr, fstr + fsize, this_rawmode, 0, first, t,
                               last) < 0)
                goto error;
        } else if (bytesmode) {
            if (i == 0) {
                bytes_str = s;
            } else {
                PyBytes_ConcatAndDel(&bytes_str, s);
                if (bytes_str == nullptr) goto error;
            }
        } else if (fstring_concat_and_del(&state, s) < 0) {
            goto error;
        }
    }
    if (bytesmode) {
        if (arena_->add_object(bytes_str) < 0) goto error;
        result = new_expr(ExprKind::Constant, {first->lineno, first->col_offset, last->end_lineno,
                                               last->end_col_offset});
        if (result != nullptr) result->v.Constant.value = bytes_str;
        bytes_str = nullptr;
        fstring_state_clear(&state);
        return result;
    }
    result = fstring_finish(*this, &state, first, last);
    fstring_state_clear(&state);
    return result;
error:
    Py_XDECREF(bytes_str);
    fstring_state_clear(&state);
    if (PyErr_Occurred()) raise_decode_error();
    error_ = true;
    return nullptr;
}

}  // namespace minipy::parse
