// Source text as the tokenizer reads it: one NUL-terminated UTF-8 buffer with '\r\n' and
// '\r' turned into '\n' (as CPython's translate_newlines and universal-newline reading do)
// and, for files and 'exec' input, a final newline.
//
// Two kinds of input, as CPython distinguishes them:
//  - text: what a str object holds (compile(str), `minipy -c`): already valid Unicode. A NUL
//    is refused up front ("source code string cannot contain null bytes"), a BOM is just
//    a character (U+FEFF, which the tokenizer refuses), coding cookies are comments. Text
//    that is not UTF-8 after all is read as compile() reads such bytes: offsets in errors
//    count bytes, and the names and strings that hold bad bytes are "(unicode error)"s.
//  - file: the bytes of a script. A UTF-8 BOM is dropped; a coding cookie on line 1 or 2
//    (PEP 263) may name UTF-8, Latin-1 (transcoded here) or ASCII; other encodings are refused
//    with a clear SyntaxError. Without a declared encoding each line must be UTF-8: the
//    tokenizer checks lines as it reads them, as CPython does ("Non-UTF-8 code starting
//    with '\xff' in file x.py on line 3, ..."); NUL bytes likewise, declared or not.
#ifndef MINIPY_INTERP_PARSE_SOURCE_HPP
#define MINIPY_INTERP_PARSE_SOURCE_HPP

#include "minipy/Python.h"

namespace minipy::parse {

enum class SourceKind : unsigned char { text, file };

struct Source {
    char *text = nullptr;        // PyMem_Malloc'ed, NUL-terminated; free with source_free
    Py_ssize_t size = 0;         // bytes before the terminating NUL (NULs inside count, for files)
    bool check_utf8 = false;     // a file without declared encoding: each line must be UTF-8
    bool check_nul = false;      // a file: a NUL byte is an error on its line
    bool bom = false;            // a file that began with a UTF-8 BOM (dropped from `text`)
    bool added_newline = false;  // a file whose last line had no newline (one was added)
    bool valid_utf8 = true;      // text: false when the bytes are not UTF-8 after all
};

// Prepares `data[0:size]` for the tokenizer. `final_newline`: add '\n' when the input does not
// end with one (CPython does so for 'exec' input and for files). 0, or -1 with SyntaxError
// (or MemoryError) set.
int source_prepare(const char *data, Py_ssize_t size, SourceKind kind, bool final_newline,
                   Source *out) noexcept;

void source_free(Source *source) noexcept;

// Whether bytes say their encoding as a file does: a UTF-8 BOM, or a coding cookie where
// source_prepare looks for one (exec, eval and compile read such bytes as a file's).
bool source_declares_encoding(const char *data, Py_ssize_t size) noexcept;

// The length of the valid UTF-8 sequence at s (CPython's valid_utf8, as the file tokenizer
// checks each line), 0 when it is not one.
int utf8_sequence_length(const unsigned char *s) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_SOURCE_HPP
