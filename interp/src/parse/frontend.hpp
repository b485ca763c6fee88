// The front end's entry point: source text to an AST (tokenizer + parser), for the compiler,
// the `minipy` command and the tests. The symbol table is symtable.hpp's.
//
//     ArenaScope arena;
//     ast::Mod *mod = parse_source(text, size, filename, ParseMode::exec, SourceKind::text,
//                                  arena.get());
//     if (mod == nullptr) ...  // SyntaxError, IndentationError, TabError or MemoryError set
//
// Needs the GIL (it creates objects). The tree lives in the arena.
#ifndef MINIPY_INTERP_PARSE_FRONTEND_HPP
#define MINIPY_INTERP_PARSE_FRONTEND_HPP

#include "minipy/Python.h"
#include "parse/arena.hpp"
#include "parse/ast.hpp"
#include "parse/source.hpp"

namespace minipy::parse {

// compile()'s modes: 'exec' (a Module), 'eval' (an Expression), 'single' (an Interactive
// statement, as the REPL compiles it).
enum class ParseMode : unsigned char { exec, eval, single };

// compile()'s flags that the interactive prompt passes (codeop's: CPython's
// PyCF_DONT_IMPLY_DEDENT and PyCF_ALLOW_INCOMPLETE_INPUT). With both, 'single' input that
// may go on (an open block, bracket or string, a trailing backslash) fails with the
// SyntaxError "incomplete input", and any other error is the usual one; codeop's rules for
// using that (compile the lines, then the lines and "\n") are the prompt's.
struct ParseFlags {
    bool dont_imply_dedent = false;
    bool allow_incomplete_input = false;
};

// Parses `data[0:size]`. `filename` (a str) names the source in errors. NULL with an
// exception set on failure.
ast::Mod *parse_source(const char *data, Py_ssize_t size, PyObject *filename, ParseMode mode,
                       SourceKind kind, Arena *arena, ParseFlags flags = {}) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_FRONTEND_HPP
