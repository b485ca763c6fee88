// The symbol table: which names each scope binds, and how each name is resolved (local,
// global declared or implicit, nonlocal, free, cell), computed from the AST before the
// compiler runs, exactly as CPython 3.11's Python/symtable.c does.
//
// A guide for the compiler:
//  - build_symtable() walks the tree once to record every name's uses and bindings per
//    block (module, class, function, lambda, comprehension), then analyzes the blocks from
//    the top: each name gets its scope, free variables flow up to the block that binds
//    them (which makes them cells), a class gives its methods a __class__ cell when they
//    use super() or __class__.
//  - Each block is an Entry. Find a block's entry by the node that opened it:
//    lookup(table, mod) for the module, lookup(table, stmt) for a def/class, lookup(table,
//    expr) for a lambda or comprehension.
//  - entry->symbols maps each name (mangled, as the compiler must also mangle: mangle())
//    to an int of DEF_* flags with the scope in bits SCOPE_OFFSET.. (scope_of()). These are
//    CPython's values, bit for bit (python3's _symtable shows the same numbers).
//  - entry->varnames lists the parameters in co_varnames order.
//  - Errors are SyntaxErrors with CPython's messages and positions. Some errors CPython
//    raises later, in its compiler ('return' outside function, 'yield' outside function,
//    'break' outside loop, cannot assign to __debug__, ...): they are the compiler's.
#ifndef MINIPY_INTERP_PARSE_SYMTABLE_HPP
#define MINIPY_INTERP_PARSE_SYMTABLE_HPP

#include "minipy/Python.h"
#include "parse/arena.hpp"
#include "parse/ast.hpp"

namespace minipy::symtable {

// A symbol's flags (CPython's Include/internal/pycore_symtable.h).
constexpr long DEF_GLOBAL = 1;           // global statement
constexpr long DEF_LOCAL = 2;            // assignment in the block
constexpr long DEF_PARAM = 2 << 1;       // parameter
constexpr long DEF_NONLOCAL = 2 << 2;    // nonlocal statement
constexpr long USE = 2 << 3;             // read
constexpr long DEF_FREE = 2 << 4;        // used but not defined in a nested block
constexpr long DEF_FREE_CLASS = 2 << 5;  // free in a method, bound in its class
constexpr long DEF_IMPORT = 2 << 6;      // bound by an import
constexpr long DEF_ANNOT = 2 << 7;       // annotated
constexpr long DEF_COMP_ITER = 2 << 8;   // a comprehension's iteration variable
constexpr long DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

// The scope, stored in bits SCOPE_OFFSET and up.
constexpr int SCOPE_OFFSET = 11;
constexpr long SCOPE_MASK = DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL;
enum Scope : int { LOCAL = 1, GLOBAL_EXPLICIT = 2, GLOBAL_IMPLICIT = 3, FREE = 4, CELL = 5 };

// _symtable's TYPE_FUNCTION / TYPE_CLASS / TYPE_MODULE values.
enum class BlockType : int { Function = 0, Class = 1, Module = 2, Annotation = 3 };
enum class Comprehension : int { None = 0, List, Dict, Set, Generator };

struct Entry {
    const void *key;       // the Mod, Stmt or Expr that opened the block
    PyObject *name;        // "top", the def/class name, "lambda", "listcomp", ...
    PyObject *symbols;     // dict: name -> int flags (scope included after analysis)
    PyObject *varnames;    // list: the parameters, in order
    PyObject *directives;  // list of (name, lineno, col, end_lineno, end_col), or NULL
    Entry **children;      // the blocks nested directly in this one, in source order
    Py_ssize_t nchildren;
    Py_ssize_t children_capacity;
    BlockType type;
    Comprehension comprehension;
    int lineno, col_offset, end_lineno, end_col_offset;
    bool nested;               // inside a function (directly or not)
    bool free;                 // has free variables
    bool child_free;           // a nested block has free variables
    bool generator;            // yields (or is a generator expression)
    bool coroutine;            // async def, or an async comprehension / await inside
    bool varargs;              // *args
    bool varkeywords;          // **kwargs
    bool returns_value;        // has `return <value>`
    bool needs_class_closure;  // a class whose methods use __class__
    bool comp_iter_target;     // while visiting a comprehension's target
    int comp_iter_expr;        // > 0 while visiting a comprehension's iterable
};

struct SymbolTable;

struct BuildOptions {
    // `from __future__ import annotations` is in effect: annotations are not visited as
    // expressions of their block (they become strings).
    bool future_annotations = false;
    // The source, NUL-terminated, for the `text` of errors (NULL: text is None, as for
    // compile() of a string, whose filename cannot be read back).
    const char *source = nullptr;
};

// The table for `mod`, or NULL with SyntaxError, RecursionError ("maximum recursion depth
// exceeded during compilation") or MemoryError set. Free it with free_symtable.
SymbolTable *build_symtable(const ast::Mod *mod, PyObject *filename,
                            const BuildOptions &options = {}) noexcept;
void free_symtable(SymbolTable *table) noexcept;

// The entry of the block `key` opened, or NULL.
Entry *lookup(const SymbolTable *table, const void *key) noexcept;
Entry *top(const SymbolTable *table) noexcept;

// The flags of `name` in `entry` (0 when absent), and its scope (0 when absent).
long symbol_flags(const Entry *entry, PyObject *name) noexcept;
inline int scope_of(long flags) noexcept {
    return static_cast<int>((flags >> SCOPE_OFFSET) & SCOPE_MASK);
}

// Private name mangling inside class `private_name` (NULL outside a class): "__x" becomes
// "_Class__x" (CPython's _Py_Mangle). New reference, or NULL with an exception set.
PyObject *mangle(PyObject *private_name, PyObject *name) noexcept;

}  // namespace minipy::symtable

#endif  // MINIPY_INTERP_PARSE_SYMTABLE_HPP
