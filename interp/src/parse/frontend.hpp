// The front end's entry point: source text to an AST (tokenizer + parser), for the compiler,
// the `minipy` command and the tests. The symbol table is symtable.hpp's.
//
//     ArenaScope arena;
//     ast::Mod *mod = parse_source(text, size, filename, ParseMode::Exec, SourceKind::Text,
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
enum class ParseMode : unsigned char { Exec, Eval, Single };

// Parses `data[0:size]`. `filename` (a str) names the source in errors. NULL with an
// exception set on failure.
ast::Mod *parse_source(const char *data, Py_ssize_t size, PyObject *filename, ParseMode mode,
                       SourceKind kind, Arena *arena) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_FRONTEND_HPP
