// The compiler's internals: the AST (with its symbol table) is turned into a control-flow
// graph of basic blocks of instructions, one graph per code unit (module, function, class
// body, lambda, comprehension), which the assembler lays out into a code object. The shape is
// CPython 3.11's Python/compile.c:
//
//   compile_*.cpp    AST -> instructions appended to the current block; new blocks for jump
//                    targets; pseudo instructions (SETUP_FINALLY, SETUP_CLEANUP, SETUP_WITH,
//                    POP_BLOCK) mark the try regions, directionless jumps (JUMP,
//                    POP_JUMP_IF_FALSE, ...) name their target block.
//   flowgraph.cpp    reachability, the handler of every instruction (from the SETUP/POP_BLOCK
//                    nesting), line numbers for artificial instructions, small clean-ups.
//   assemble.cpp     stack depth, layout (jump directions, EXTENDED_ARG, caches), the word
//                    code, the location table, the exception table, localsplus.
//
// Errors: every function returning int returns 0 on success and -1 with an exception set
// (SyntaxError with the node's position, or MemoryError); the first error ends compilation.
#ifndef MINIPY_INTERP_COMPILE_COMPILER_HPP
#define MINIPY_INTERP_COMPILE_COMPILER_HPP

#include "code/line_table.hpp"
#include "code/opcode.hpp"
#include "minipy/Python.h"
#include "parse/ast.hpp"
#include "parse/symtable.hpp"

namespace minipy::compile {

using code::Location;

// Pseudo instructions: the compiler's only, gone after assembly. Named as CPython's compiler
// names them, like the real opcodes (opcode.hpp).
// NOLINTBEGIN(readability-identifier-naming)
enum PseudoOpcode : int {
    kFirstPseudo = 256,
    SETUP_FINALLY = kFirstPseudo,  // handler: exc pushed
    SETUP_CLEANUP,                 // handler: lasti and exc pushed
    SETUP_WITH,                    // handler: as SETUP_CLEANUP, one item fewer below
    POP_BLOCK,                     // ends the innermost SETUP region
    JUMP,                          // JUMP_FORWARD or JUMP_BACKWARD
    JUMP_NO_INTERRUPT,             // JUMP_FORWARD or JUMP_BACKWARD_NO_INTERRUPT
    POP_JUMP_IF_FALSE,             // the FORWARD / BACKWARD forms
    POP_JUMP_IF_TRUE,
    POP_JUMP_IF_NONE,
    POP_JUMP_IF_NOT_NONE,
    kPseudoEnd
};
// NOLINTEND(readability-identifier-naming)

inline bool is_pseudo(int opcode) noexcept {
    return opcode >= kFirstPseudo;
}
bool has_target(int opcode) noexcept;     // a jump or a SETUP_*
bool is_block_push(int opcode) noexcept;  // SETUP_*
bool is_unconditional_jump(int opcode) noexcept;
bool is_scope_exit(int opcode) noexcept;  // RETURN_*, RAISE_VARARGS, RERAISE

struct BasicBlock;

struct Instr {
    int opcode;
    int oparg;
    BasicBlock *target;          // jumps and SETUP_*
    BasicBlock *except_handler;  // after label_exception_targets: the handler, or NULL
    Location loc;
};

struct BasicBlock {
    BasicBlock *list_next;  // every block of the unit (for freeing)
    BasicBlock *next;       // the next block in layout order (fall-through)
    Instr *instrs;
    int used;
    int capacity;
    int offset;      // in code units, after layout
    int startdepth;  // stack depth on entry; -1 until computed
    int predecessors;
    bool visited;
    bool except_handler;  // a handler's target
    bool preserve_lasti;  // its handler pushes lasti
    bool cold;            // placed after the hot code
    bool warm;
    struct ExceptStack *exceptstack;

    Instr *last() noexcept { return used > 0 ? &instrs[used - 1] : nullptr; }
    // Ends without falling through to `next`.
    bool no_fallthrough() noexcept;
};

// The blocks a statement sets up for break / continue / return to unwind through (CPython's
// fblockinfo).
enum class FBlockType {
    while_loop,
    for_loop,
    try_except,
    finally_try,
    finally_end,
    with,
    handler_cleanup,
    pop_value,
    exception_handler,
};

struct FBlock {
    FBlockType type;
    BasicBlock *block;
    BasicBlock *exit;
    const void *datum;  // the finally body (Seq<Stmt*>), the with statement, the handler's name
};

enum class ScopeType { module, class_, function, lambda, comprehension };

constexpr int kMaxFBlocks = 20;  // CPython's CO_MAXBLOCKS

struct Unit {
    Unit *parent;
    symtable::Entry *ste;
    ScopeType scope;
    PyObject *name;
    PyObject *qualname;
    PyObject *consts;        // dict: constant key -> index
    PyObject *const_list;    // list: the constants in index order
    PyObject *names;         // dict: name -> index (co_names)
    PyObject *varnames;      // dict: name -> index (locals, parameters first)
    PyObject *cellvars;      // dict: name -> index
    PyObject *freevars;      // dict: name -> index (after the cells)
    PyObject *private_name;  // the class name for mangling, or NULL
    int argcount;
    int posonlyargcount;
    int kwonlyargcount;
    int firstlineno;
    BasicBlock *blocks;  // every block (list_next)
    BasicBlock *entry;
    BasicBlock *current;
    FBlock fblocks[kMaxFBlocks];
    int nfblocks;
    Location loc;  // the location new instructions get
};

struct Compiler {
    PyObject *filename;
    symtable::SymbolTable *st;
    const char *source;  // for SyntaxError's text (may be NULL)
    int optimize;
    int future_flags;   // CO_FUTURE_*
    int future_lineno;  // line of the last leading future import (-1: none)
    bool interactive;
    int nesting;  // recursion guard for deep expressions
    Unit *u;      // the unit being compiled
};

// --- compiler.cpp: units, blocks, emitting ---------------------------------------------------

int enter_scope(Compiler *c, PyObject *name, ScopeType scope, const void *key, int lineno) noexcept;
void exit_scope(Compiler *c) noexcept;
BasicBlock *new_block(Compiler *c) noexcept;
void use_block(Compiler *c, BasicBlock *block) noexcept;  // `block` follows the current one
void use_next_block(Compiler *c, BasicBlock *block) noexcept;
int addop(Compiler *c, int opcode, int oparg = 0) noexcept;
int addop_noline(Compiler *c, int opcode, int oparg = 0) noexcept;
int addop_jump(Compiler *c, int opcode, BasicBlock *target) noexcept;
int addop_jump_noline(Compiler *c, int opcode, BasicBlock *target) noexcept;
// LOAD_CONST (borrowed object).
int addop_load_const(Compiler *c, PyObject *value) noexcept;
int add_const(Compiler *c, PyObject *value) noexcept;  // its index, or -1
// The index of `name` in `dict` (co_names, varnames), added if new; -1 on failure.
int add_name(PyObject *dict, PyObject *name) noexcept;
int addop_name(Compiler *c, int opcode, PyObject *name, PyObject *dict, bool mangle) noexcept;
int push_fblock(Compiler *c, FBlockType type, BasicBlock *block, BasicBlock *exit,
                const void *datum) noexcept;
void pop_fblock(Compiler *c) noexcept;
// The load / store / delete of a variable, by its scope (CPython's compiler_nameop).
int nameop(Compiler *c, PyObject *name, ast::ExprContext ctx) noexcept;
// SyntaxError at `loc` with the source line as text.
int compiler_error(Compiler *c, const Location &loc, const char *format, ...) noexcept;
int compiler_warn(Compiler *c, const Location &loc, const char *format, ...) noexcept;
PyObject *mangle_name(Compiler *c, PyObject *name) noexcept;

inline Location loc_of(const ast::Location &n) noexcept {
    return Location{n.lineno, n.end_lineno, n.col_offset, n.end_col_offset};
}
inline void set_loc(Compiler *c, const ast::Location &n) noexcept {
    c->u->loc = loc_of(n);
}
inline void unset_loc(Compiler *c) noexcept {
    c->u->loc = Location{};
}

// --- compile_stmt.cpp ----------------------------------------------------------------------
int compile_stmt(Compiler *c, ast::Stmt *s) noexcept;
int compile_body(Compiler *c, ast::Seq<ast::Stmt *> *body) noexcept;
// A module's or class's body: __annotations__, the docstring as __doc__, the statements.
int compile_module_body(Compiler *c, ast::Seq<ast::Stmt *> *stmts) noexcept;
// BINARY_OP's oparg for an AST operator.
int binary_oparg(ast::Operator op, bool inplace) noexcept;
int unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop) noexcept;
// The name of a module binding for `import a.b.c` (its first component), for imports.
int compile_import(Compiler *c, ast::Stmt *s) noexcept;
int compile_import_from(Compiler *c, ast::Stmt *s) noexcept;
int compile_try(Compiler *c, ast::Stmt *s) noexcept;
int compile_with(Compiler *c, ast::Stmt *s, int pos) noexcept;
int compile_annassign(Compiler *c, ast::Stmt *s) noexcept;
bool find_annotations(ast::Seq<ast::Stmt *> *body) noexcept;

// --- compile_expr.cpp ----------------------------------------------------------------------
// Above this many items, displays and calls build incrementally instead of from the stack
// (CPython's STACK_USE_GUIDELINE).
constexpr Py_ssize_t kStackUseGuideline = 30;
// Lists, tuples and sets, with starred items (CPython's starunpack_helper). `pushed` items
// are on the stack already.
int starunpack(Compiler *c, ast::Seq<ast::Expr *> *elts, int pushed, int build, int add, int extend,
               bool tuple) noexcept;
// Attribute loads and method calls start at the attribute's last line (CPython's
// update_start_location_to_match_attr).
void match_attr_start(Compiler *c, ast::Expr *attr) noexcept;
// --- compile_call.cpp: a Call expression.
int compile_call(Compiler *c, ast::Expr *e) noexcept;
int compile_expr(Compiler *c, ast::Expr *e) noexcept;
// Jumps to `next` when bool(e) == cond, else falls through (CPython's compiler_jump_if).
int compile_jump_if(Compiler *c, ast::Expr *e, BasicBlock *next, bool cond) noexcept;
int compile_call_helper(Compiler *c, int n, ast::Seq<ast::Expr *> *args,
                        ast::Seq<ast::Keyword *> *keywords) noexcept;
int compile_unpack_target(Compiler *c, ast::Expr *target) noexcept;  // stores TOS into target
bool is_const_expr(ast::Expr *e) noexcept;

// --- compile_function.cpp ------------------------------------------------------------------
int compile_function(Compiler *c, ast::Stmt *s) noexcept;
int compile_lambda(Compiler *c, ast::Expr *e) noexcept;
int compile_class(Compiler *c, ast::Stmt *s) noexcept;
// Builds the function for the code just compiled (closure cells, MAKE_FUNCTION).
int make_closure(Compiler *c, PyObject *code, int flags, PyObject *qualname) noexcept;
int compile_comprehension(Compiler *c, ast::Expr *e) noexcept;
// Assembles the current unit into a code object (new reference) or NULL.
PyObject *assemble_unit(Compiler *c, bool add_none_return) noexcept;

// --- flowgraph.cpp / assemble.cpp ----------------------------------------------------------
int stack_effect(int opcode, int oparg, int jump) noexcept;  // jump: 1 taken, 0 not, -1 max
constexpr int kUnknownStackEffect = 0x7fffffff;
PyObject *assemble(Compiler *c, Unit *u, int code_flags) noexcept;

// --- const_fold.cpp --------------------------------------------------------------------------
// Folds constant subexpressions of `e` in place (numbers, strings, tuples of constants), as
// CPython's ast_opt.c does; 0 or -1 (MemoryError).
int fold_constants(Compiler *c, ast::Mod *mod, parse::Arena *arena) noexcept;

}  // namespace minipy::compile

#endif  // MINIPY_INTERP_COMPILE_COMPILER_HPP
