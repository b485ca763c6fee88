// The abstract syntax tree: the parser's output and the compiler's input. Node kinds and
// fields are exactly those of CPython 3.11's `ast` module (Parser/Python.asdl), so that
// `ast.dump()` of CPython and minipy::parse::dump_ast() agree byte for byte.
//
// A short guide for the code that walks the tree (the compiler, the symbol table):
//
//  - Four node families carry a kind tag and a union `v` named after the ASDL
//    constructors, as in CPython: Mod, Stmt, Expr and Pattern. Read an `if` as
//        if (s->kind == StmtKind::If) { s->v.If.test; s->v.If.body; s->v.If.orelse; }
//    Product types (Comprehension, Arguments, Arg, Keyword, Alias, WithItem, MatchCase,
//    ExceptHandler) are plain structs.
//  - Every Stmt, Expr, Pattern, ExceptHandler, Arg, Keyword and Alias has a position: lineno
//    and end_lineno are 1-based, col_offset and end_col_offset are 0-based UTF-8 *byte*
//    offsets in the line, exactly as CPython computes them (the compiler's line table and
//    tracebacks use them as they are).
//  - Sequences are `Seq<T> *`; NULL is the empty sequence. Use len(seq) and
//    `for (T item : each(seq))`. A Dict's `keys` holds NULL for a `**mapping` entry, an
//    Arguments' `kw_defaults` NULL for a keyword-only parameter without default, as CPython.
//  - An identifier is a `PyObject *` str (interned); an optional one is NULL when absent.
//    Constant values are runtime objects: int, float, str, bytes, True, False, None,
//    Ellipsis (minipy refuses imaginary literals). The arena owns one reference to each;
//    code that keeps one beyond the arena's life takes its own reference.
//  - Everything lives in the Arena that the parse was given (arena.hpp) and goes away with
//    it; nodes are never freed one by one and may be shared (a NamedExpr target is a Name).
//  - Optional fields are NULL when absent (Expr *returns, Identifier asname, ...).
#ifndef MINIPY_INTERP_PARSE_AST_HPP
#define MINIPY_INTERP_PARSE_AST_HPP

#include <cstdint>

#include "minipy/Python.h"

namespace minipy::ast {

using Identifier = PyObject *;     // str, interned; NULL where the field is optional and absent
using ConstantValue = PyObject *;  // int, float, str, bytes, True, False, None, Ellipsis

template <class T>
struct Seq {
    Py_ssize_t size;
    T *items;  // `size` elements, in the same arena block right after this header
    T &operator[](Py_ssize_t i) const noexcept { return items[i]; }
};

template <class T>
inline Py_ssize_t len(const Seq<T> *seq) noexcept {
    return seq != nullptr ? seq->size : 0;
}

// `for (Expr *e : each(seq))`, NULL-safe.
template <class T>
struct SeqRange {
    T *first;
    T *last;
    T *begin() const noexcept { return first; }
    T *end() const noexcept { return last; }
};
template <class T>
inline SeqRange<T> each(const Seq<T> *seq) noexcept {
    if (seq == nullptr) return {nullptr, nullptr};
    return {seq->items, seq->items + seq->size};
}

struct Stmt;
struct Expr;
struct Pattern;
struct Comprehension;
struct ExceptHandler;
struct Arguments;
struct Arg;
struct Keyword;
struct Alias;
struct WithItem;
struct MatchCase;

// The simple sums. Values start at 1 as CPython's, so 0 never names a valid one.
enum class ExprContext : std::uint8_t { Load = 1, Store, Del };
enum class BoolOp : std::uint8_t { And = 1, Or };
enum class Operator : std::uint8_t {
    Add = 1,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv
};
enum class UnaryOp : std::uint8_t { Invert = 1, Not, UAdd, USub };
enum class CmpOp : std::uint8_t { Eq = 1, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// Where a node sits in the source (see the guide above).
struct Location {
    int lineno;
    int col_offset;
    int end_lineno;
    int end_col_offset;
};

// --- mod -----------------------------------------------------------------------------------

enum class ModKind : std::uint8_t { Module = 1, Interactive, Expression, FunctionType };

struct Mod {
    ModKind kind;
    union {
        struct {
            Seq<Stmt *> *body;
            Seq<void *> *type_ignores;  // always empty: minipy reads no type comments
        } Module;
        struct {
            Seq<Stmt *> *body;
        } Interactive;
        struct {
            Expr *body;
        } Expression;
        struct {
            Seq<Expr *> *argtypes;
            Expr *returns;
        } FunctionType;
    } v;
};

// --- stmt ----------------------------------------------------------------------------------

// ORDER STMT: the ASDL's order (ast_dump.cpp's name table follows it).
enum class StmtKind : std::uint8_t {
    FunctionDef = 1,
    AsyncFunctionDef,
    ClassDef,
    Return,
    Delete,
    Assign,
    AugAssign,
    AnnAssign,
    For,
    AsyncFor,
    While,
    If,
    With,
    AsyncWith,
    Match,
    Raise,
    Try,
    TryStar,
    Assert,
    Import,
    ImportFrom,
    Global,
    Nonlocal,
    Expr,
    Pass,
    Break,
    Continue
};

struct Stmt : Location {
    StmtKind kind;
    union {
        struct {  // FunctionDef and AsyncFunctionDef
            Identifier name;
            Arguments *args;
            Seq<Stmt *> *body;
            Seq<ast::Expr *> *decorator_list;
            ast::Expr *returns;
            PyObject *type_comment;  // always NULL
        } FunctionDef;
        struct {
            Identifier name;
            Seq<ast::Expr *> *bases;
            Seq<Keyword *> *keywords;
            Seq<Stmt *> *body;
            Seq<ast::Expr *> *decorator_list;
        } ClassDef;
        struct {
            ast::Expr *value;
        } Return;
        struct {
            Seq<ast::Expr *> *targets;
        } Delete;
        struct {
            Seq<ast::Expr *> *targets;
            ast::Expr *value;
            PyObject *type_comment;
        } Assign;
        struct {
            ast::Expr *target;
            Operator op;
            ast::Expr *value;
        } AugAssign;
        struct {
            ast::Expr *target;
            ast::Expr *annotation;
            ast::Expr *value;
            int simple;
        } AnnAssign;
        struct {  // For and AsyncFor
            ast::Expr *target;
            ast::Expr *iter;
            Seq<Stmt *> *body;
            Seq<Stmt *> *orelse;
            PyObject *type_comment;
        } For;
        struct {
            ast::Expr *test;
            Seq<Stmt *> *body;
            Seq<Stmt *> *orelse;
        } While;
        struct {
            ast::Expr *test;
            Seq<Stmt *> *body;
            Seq<Stmt *> *orelse;
        } If;
        struct {  // With and AsyncWith
            Seq<WithItem *> *items;
            Seq<Stmt *> *body;
            PyObject *type_comment;
        } With;
        struct {
            ast::Expr *subject;
            Seq<MatchCase *> *cases;
        } Match;
        struct {
            ast::Expr *exc;
            ast::Expr *cause;
        } Raise;
        struct {  // Try and TryStar
            Seq<Stmt *> *body;
            Seq<ExceptHandler *> *handlers;
            Seq<Stmt *> *orelse;
            Seq<Stmt *> *finalbody;
        } Try;
        struct {
            ast::Expr *test;
            ast::Expr *msg;
        } Assert;
        struct {
            Seq<Alias *> *names;
        } Import;
        struct {
            Identifier module;
            Seq<Alias *> *names;
            int level;
        } ImportFrom;
        struct {  // Global and Nonlocal
            Seq<Identifier> *names;
        } Global;
        struct {
            ast::Expr *value;
        } Expr;
    } v;
};

// --- expr ----------------------------------------------------------------------------------

// ORDER EXPR: the ASDL's order.
enum class ExprKind : std::uint8_t {
    BoolOp = 1,
    NamedExpr,
    BinOp,
    UnaryOp,
    Lambda,
    IfExp,
    Dict,
    Set,
    ListComp,
    SetComp,
    DictComp,
    GeneratorExp,
    Await,
    Yield,
    YieldFrom,
    Compare,
    Call,
    FormattedValue,
    JoinedStr,
    Constant,
    Attribute,
    Subscript,
    Starred,
    Name,
    List,
    Tuple,
    Slice
};

struct Expr : Location {
    ExprKind kind;
    union {
        struct {
            ast::BoolOp op;
            Seq<Expr *> *values;
        } BoolOp;
        struct {
            Expr *target;
            Expr *value;
        } NamedExpr;
        struct {
            Expr *left;
            Operator op;
            Expr *right;
        } BinOp;
        struct {
            ast::UnaryOp op;
            Expr *operand;
        } UnaryOp;
        struct {
            Arguments *args;
            Expr *body;
        } Lambda;
        struct {
            Expr *test;
            Expr *body;
            Expr *orelse;
        } IfExp;
        struct {
            Seq<Expr *> *keys;  // NULL entries for **mapping
            Seq<Expr *> *values;
        } Dict;
        struct {
            Seq<Expr *> *elts;
        } Set;
        struct {  // ListComp, SetComp and GeneratorExp
            Expr *elt;
            Seq<Comprehension *> *generators;
        } ListComp;
        struct {
            Expr *key;
            Expr *value;
            Seq<Comprehension *> *generators;
        } DictComp;
        struct {  // Await, Yield (value may be NULL) and YieldFrom
            Expr *value;
        } Await;
        struct {
            Expr *left;
            Seq<CmpOp> *ops;
            Seq<Expr *> *comparators;
        } Compare;
        struct {
            Expr *func;
            Seq<Expr *> *args;
            Seq<Keyword *> *keywords;
        } Call;
        struct {
            Expr *value;
            int conversion;  // -1, or 's', 'r', 'a'
            Expr *format_spec;
        } FormattedValue;
        struct {
            Seq<Expr *> *values;
        } JoinedStr;
        struct {
            ast::ConstantValue value;
            PyObject *kind;  // "u" for a u'' string, else NULL
        } Constant;
        struct {
            Expr *value;
            Identifier attr;
            ExprContext ctx;
        } Attribute;
        struct {
            Expr *value;
            Expr *slice;
            ExprContext ctx;
        } Subscript;
        struct {
            Expr *value;
            ExprContext ctx;
        } Starred;
        struct {
            Identifier id;
            ExprContext ctx;
        } Name;
        struct {  // List and Tuple
            Seq<Expr *> *elts;
            ExprContext ctx;
        } List;
        struct {
            Expr *lower;
            Expr *upper;
            Expr *step;
        } Slice;
    } v;
};

// --- the product types ---------------------------------------------------------------------

struct Comprehension {
    Expr *target;
    Expr *iter;
    Seq<Expr *> *ifs;
    int is_async;
};

struct ExceptHandler : Location {
    Expr *type;
    Identifier name;
    Seq<Stmt *> *body;
};

struct Arguments {
    Seq<Arg *> *posonlyargs;
    Seq<Arg *> *args;
    Arg *vararg;
    Seq<Arg *> *kwonlyargs;
    Seq<Expr *> *kw_defaults;  // one per kwonlyarg, NULL where it has no default
    Arg *kwarg;
    Seq<Expr *> *defaults;  // for the last len(defaults) of posonlyargs + args
};

struct Arg : Location {
    Identifier arg;
    Expr *annotation;
    PyObject *type_comment;  // always NULL
};

struct Keyword : Location {
    Identifier arg;  // NULL for **mapping
    Expr *value;
};

struct Alias : Location {
    Identifier name;  // dotted ("a.b.c") for `import a.b.c`; "*" for `from m import *`
    Identifier asname;
};

struct WithItem {
    Expr *context_expr;
    Expr *optional_vars;
};

struct MatchCase {
    Pattern *pattern;
    Expr *guard;
    Seq<Stmt *> *body;
};

// --- pattern -------------------------------------------------------------------------------

// ORDER PATTERN: the ASDL's order.
enum class PatternKind : std::uint8_t {
    MatchValue = 1,
    MatchSingleton,
    MatchSequence,
    MatchMapping,
    MatchClass,
    MatchStar,
    MatchAs,
    MatchOr
};

struct Pattern : Location {
    PatternKind kind;
    union {
        struct {
            Expr *value;
        } MatchValue;
        struct {
            ast::ConstantValue value;
        } MatchSingleton;
        struct {  // MatchSequence and MatchOr
            Seq<Pattern *> *patterns;
        } MatchSequence;
        struct {
            Seq<Expr *> *keys;
            Seq<Pattern *> *patterns;
            Identifier rest;
        } MatchMapping;
        struct {
            Expr *cls;
            Seq<Pattern *> *patterns;
            Seq<Identifier> *kwd_attrs;
            Seq<Pattern *> *kwd_patterns;
        } MatchClass;
        struct {
            Identifier name;
        } MatchStar;
        struct {
            Pattern *pattern;
            Identifier name;
        } MatchAs;
    } v;
};

}  // namespace minipy::ast

#endif  // MINIPY_INTERP_PARSE_AST_HPP
