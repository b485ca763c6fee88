// Names of AST node kinds and operators: the class names `ast.dump()` prints, and the words
// CPython's error messages use for an expression ("cannot assign to function call").
#ifndef MINIPY_INTERP_PARSE_AST_NAMES_HPP
#define MINIPY_INTERP_PARSE_AST_NAMES_HPP

#include "parse/ast.hpp"

namespace minipy::parse {

const char *kind_name(ast::ModKind kind) noexcept;
const char *kind_name(ast::StmtKind kind) noexcept;
const char *kind_name(ast::ExprKind kind) noexcept;
const char *kind_name(ast::PatternKind kind) noexcept;
const char *kind_name(ast::ExprContext ctx) noexcept;
const char *kind_name(ast::BoolOp op) noexcept;
const char *kind_name(ast::Operator op) noexcept;
const char *kind_name(ast::UnaryOp op) noexcept;
const char *kind_name(ast::CmpOp op) noexcept;

// What an expression is called in messages (CPython's _PyPegen_get_expr_name): "literal",
// "function call", "None", ...
const char *expr_name(const ast::Expr *e) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_AST_NAMES_HPP
