// The symbol table's own state, shared by symtable_build.cpp (the walk over the tree) and
// symtable_analyze.cpp (scopes, lookups, errors). Internal to the front end.
#ifndef MINIPY_INTERP_PARSE_SYMTABLE_INTERNAL_HPP
#define MINIPY_INTERP_PARSE_SYMTABLE_INTERNAL_HPP

#include "parse/symtable.hpp"

namespace minipy::symtable {

struct SymbolTable {
    parse::Arena *arena;  // the entries and their child arrays
    PyObject *filename;   // borrowed
    const char *source;   // for the text of errors, or NULL
    bool future_annotations;
    Entry *top = nullptr;
    Entry *cur = nullptr;
    Entry **stack = nullptr;  // the blocks being visited, innermost last (PyMem)
    Py_ssize_t stack_size = 0;
    Py_ssize_t stack_capacity = 0;
    Entry **all = nullptr;  // every entry made, annotation blocks included (PyMem)
    Py_ssize_t all_size = 0;
    Py_ssize_t all_capacity = 0;
    PyObject *global = nullptr;        // the module's symbols (borrowed from top)
    PyObject *private_name = nullptr;  // the enclosing class's name, for mangling
    int recursion_depth = 0;
    int recursion_limit = 0;
    // key -> entry, open addressing over pointers (PyMem); capacity a power of two.
    const void **keys = nullptr;
    Entry **values = nullptr;
    std::size_t map_capacity = 0;
    std::size_t map_size = 0;
};

// symtable.c's messages for assignment expressions in comprehensions (PEP 572), raised from
// the builder's two files.
inline constexpr const char *kNamedExprCompInClass =
    "assignment expression within a comprehension cannot be used in a class body";
inline constexpr const char *kNamedExprCompConflict =
    "assignment expression cannot rebind comprehension iteration variable '%U'";
inline constexpr const char *kNamedExprCompInnerLoopConflict =
    "comprehension inner loop cannot rebind assignment expression target '%U'";
inline constexpr const char *kNamedExprCompIterExpr =
    "assignment expression cannot be used in a comprehension iterable expression";

// Raises SyntaxError(msg) at [lineno:col_offset, end_lineno:end_col_offset] (0-based byte
// columns; CPython's PyErr_RangedSyntaxLocationObject adds one and converts nothing).
// Returns 0 for `return raise_at(...)`. `msg` may be a format with one %U argument.
int raise_at(SymbolTable *st, int lineno, int col_offset, int end_lineno, int end_col_offset,
             const char *format, PyObject *name = nullptr) noexcept;

// Records `entry` under `key` for lookup(); 0, or -1 with MemoryError.
int map_insert(SymbolTable *st, const void *key, Entry *entry) noexcept;

// The first pass: the walk over the tree (symtable_build.cpp for blocks and statements,
// symtable_expr.cpp for expressions and comprehensions).
class Builder {
  public:
    explicit Builder(SymbolTable *st) noexcept : st_(st) {}

    int enter_block(PyObject *name, BlockType type, const void *key, int lineno, int col_offset,
                    int end_lineno, int end_col_offset) noexcept;
    int enter_named_block(const char *name, BlockType type, const void *key, int lineno,
                          int col_offset, int end_lineno, int end_col_offset) noexcept;
    int exit_block() noexcept;
    int visit_stmt(const ast::Stmt *s) noexcept;
    int visit_expr(const ast::Expr *e) noexcept;

  private:
    int add_def_helper(PyObject *name, long flag, Entry *ste, int lineno, int col_offset,
                       int end_lineno, int end_col_offset) noexcept;
    template <class T>
    int add_def(PyObject *name, long flag, const T *where) noexcept {
        return add_def_helper(name, flag, st_->cur, where->lineno, where->col_offset,
                              where->end_lineno, where->end_col_offset);
    }
    long lookup_current(PyObject *name) noexcept;
    int record_directive(PyObject *name, int lineno, int col_offset, int end_lineno,
                         int end_col_offset) noexcept;
    int visit_params(const ast::Seq<ast::Arg *> *args) noexcept;
    int visit_arguments(const ast::Arguments *a) noexcept;
    int visit_annotation(const ast::Expr *annotation) noexcept;
    int visit_annotations(const ast::Stmt *s, const ast::Arguments *a,
                          const ast::Expr *returns) noexcept;
    int visit_alias(const ast::Alias *a) noexcept;
    int visit_pattern(const ast::Pattern *p) noexcept;
    int visit_declaration(const ast::Stmt *s, bool nonlocal) noexcept;
    int visit_function(const ast::Stmt *s) noexcept;
    int visit_comprehension(const ast::Expr *e, const char *scope_name,
                            const ast::Seq<ast::Comprehension *> *generators, const ast::Expr *elt,
                            const ast::Expr *value) noexcept;
    int handle_namedexpr(const ast::Expr *e) noexcept;
    int extend_namedexpr_scope(const ast::Expr *target) noexcept;
    int implicit_arg(int pos) noexcept;
    int raise_if_comprehension_block(const ast::Expr *e) noexcept;
    int allowed_outside_annotation(const char *what, const ast::Expr *e) noexcept;

    int visit_exprs(const ast::Seq<ast::Expr *> *seq) noexcept {
        for (const ast::Expr *e : each(seq))
            if (e != nullptr && !visit_expr(e)) return 0;
        return 1;
    }
    int visit_stmts(const ast::Seq<ast::Stmt *> *seq) noexcept {
        for (const ast::Stmt *s : each(seq))
            if (!visit_stmt(s)) return 0;
        return 1;
    }
    bool enter_recursion() noexcept {
        if (++st_->recursion_depth > st_->recursion_limit) {
            PyErr_SetString(PyExc_RecursionError,
                            "maximum recursion depth exceeded during compilation");
            return false;
        }
        return true;
    }

    SymbolTable *st_;
};

// The second pass: every name's scope (CPython's symtable_analyze). 1, or 0 with an error.
int analyze(SymbolTable *st) noexcept;

}  // namespace minipy::symtable

#endif  // MINIPY_INTERP_PARSE_SYMTABLE_INTERNAL_HPP
