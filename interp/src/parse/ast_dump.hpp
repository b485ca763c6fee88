// ast.dump(tree, include_attributes=True) as CPython 3.11 prints it, for the tests and for
// anyone who wants to look at a tree.
#ifndef MINIPY_INTERP_PARSE_AST_DUMP_HPP
#define MINIPY_INTERP_PARSE_AST_DUMP_HPP

#include "minipy/Python.h"
#include "parse/ast.hpp"

namespace minipy::parse {

// The dump as a str (new reference), or NULL with an exception set (MemoryError, or
// RecursionError for a tree nested more than 3000 levels deep).
PyObject *dump_ast(const ast::Mod *mod) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_AST_DUMP_HPP
