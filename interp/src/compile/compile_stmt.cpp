// Statements to instructions (CPython 3.11's compiler_visit_stmt and the functions it calls):
// assignment, control flow, loops with break / continue unwinding through try and with
// blocks, raise, assert, imports. try and with are in compile_try.cpp.
#include "compile/compiler.hpp"
#include "minipy/code.h"

namespace minipy::compile {

using namespace minipy::ast;
using code::Opcode;

namespace {

int next_block(Compiler *c) noexcept {
    BasicBlock *b = new_block(c);
    if (b == nullptr) return -1;
    use_next_block(c, b);
    return 0;
}

bool is_docstring(Stmt *s) noexcept {
    return s->kind == StmtKind::Expr && s->v.Expr.value->kind == ExprKind::Constant &&
           PyUnicode_CheckExact(s->v.Expr.value->v.Constant.value);
}

int compile_if(Compiler *c, Stmt *s) noexcept {
    BasicBlock *end = new_block(c);
    if (end == nullptr) return -1;
    BasicBlock *next = end;
    if (len(s->v.If.orelse) > 0) {
        next = new_block(c);
        if (next == nullptr) return -1;
    }
    if (compile_jump_if(c, s->v.If.test, next, false) < 0) return -1;
    if (compile_body(c, s->v.If.body) < 0) return -1;
    if (len(s->v.If.orelse) > 0) {
        if (addop_jump_noline(c, JUMP, end) < 0) return -1;
        use_next_block(c, next);
        if (compile_body(c, s->v.If.orelse) < 0) return -1;
    }
    use_next_block(c, end);
    return 0;
}

int compile_while(Compiler *c, Stmt *s) noexcept {
    BasicBlock *loop = new_block(c);
    BasicBlock *body = new_block(c);
    BasicBlock *anchor = new_block(c);
    BasicBlock *end = new_block(c);
    if (loop == nullptr || body == nullptr || anchor == nullptr || end == nullptr) return -1;
    use_next_block(c, loop);
    if (push_fblock(c, FBlockType::while_loop, loop, end, nullptr) < 0) return -1;
    if (compile_jump_if(c, s->v.While.test, anchor, false) < 0) return -1;
    use_next_block(c, body);
    if (compile_body(c, s->v.While.body) < 0) return -1;
    // The test again at the bottom, jumping back while true: one jump per iteration.
    set_loc(c, *s);
    if (compile_jump_if(c, s->v.While.test, body, true) < 0) return -1;
    pop_fblock(c);
    use_next_block(c, anchor);
    if (compile_body(c, s->v.While.orelse) < 0) return -1;
    use_next_block(c, end);
    return 0;
}

int compile_for(Compiler *c, Stmt *s) noexcept {
    if (s->kind == StmtKind::AsyncFor)
        return compiler_error(c, loc_of(*s), "'async for' is not supported by minipy");
    BasicBlock *start = new_block(c);
    BasicBlock *body = new_block(c);
    BasicBlock *cleanup = new_block(c);
    BasicBlock *end = new_block(c);
    if (start == nullptr || body == nullptr || cleanup == nullptr || end == nullptr) return -1;
    if (push_fblock(c, FBlockType::for_loop, start, end, nullptr) < 0) return -1;
    if (compile_expr(c, s->v.For.iter) < 0) return -1;
    if (addop(c, code::GET_ITER) < 0) return -1;
    use_next_block(c, start);
    if (addop_jump(c, code::FOR_ITER, cleanup) < 0) return -1;
    use_next_block(c, body);
    if (compile_expr(c, s->v.For.target) < 0) return -1;
    if (compile_body(c, s->v.For.body) < 0) return -1;
    unset_loc(c);
    if (addop_jump(c, JUMP, start) < 0) return -1;
    use_next_block(c, cleanup);
    pop_fblock(c);
    if (compile_body(c, s->v.For.orelse) < 0) return -1;
    use_next_block(c, end);
    return 0;
}

int compile_return(Compiler *c, Stmt *s) noexcept {
    Expr *value = s->v.Return.value;
    if (c->u->ste->type != symtable::BlockType::function)
        return compiler_error(c, loc_of(*s), "'return' outside function");
    const bool preserve_tos = value != nullptr && value->kind != ExprKind::Constant;
    if (preserve_tos && compile_expr(c, value) < 0) return -1;
    if (unwind_fblock_stack(c, preserve_tos, nullptr) < 0) return -1;
    if (value == nullptr) {
        if (addop_load_const(c, Py_None) < 0) return -1;
    } else if (!preserve_tos) {
        if (value != nullptr) set_loc(c, *value);
        if (addop_load_const(c, value->v.Constant.value) < 0) return -1;
        set_loc(c, *s);
    }
    if (addop(c, code::RETURN_VALUE) < 0) return -1;
    return next_block(c);
}

int compile_break(Compiler *c, Stmt *s) noexcept {
    FBlock *loop = nullptr;
    if (unwind_fblock_stack(c, false, &loop) < 0) return -1;
    if (loop == nullptr) return compiler_error(c, loc_of(*s), "'break' outside loop");
    // Leaving the loop itself: a for loop's iterator is popped.
    if (loop->type == FBlockType::for_loop && addop(c, code::POP_TOP) < 0) return -1;
    if (addop_jump(c, JUMP, loop->exit) < 0) return -1;
    return next_block(c);
}

int compile_continue(Compiler *c, Stmt *s) noexcept {
    FBlock *loop = nullptr;
    if (unwind_fblock_stack(c, false, &loop) < 0) return -1;
    if (loop == nullptr) return compiler_error(c, loc_of(*s), "'continue' not properly in loop");
    if (addop_jump(c, JUMP, loop->block) < 0) return -1;
    return next_block(c);
}

int compile_raise(Compiler *c, Stmt *s) noexcept {
    int n = 0;
    if (s->v.Raise.exc != nullptr) {
        if (compile_expr(c, s->v.Raise.exc) < 0) return -1;
        ++n;
        if (s->v.Raise.cause != nullptr) {
            if (compile_expr(c, s->v.Raise.cause) < 0) return -1;
            ++n;
        }
    }
    if (addop(c, code::RAISE_VARARGS, n) < 0) return -1;
    return next_block(c);
}

int compile_assert(Compiler *c, Stmt *s) noexcept {
    if (c->optimize > 0) return 0;
    BasicBlock *end = new_block(c);
    if (end == nullptr) return -1;
    if (compile_jump_if(c, s->v.Assert.test, end, true) < 0) return -1;
    if (addop(c, code::LOAD_ASSERTION_ERROR) < 0) return -1;
    if (s->v.Assert.msg != nullptr) {
        // [AssertionError, msg] CALL 0 calls AssertionError(msg): msg sits in the self slot.
        if (compile_expr(c, s->v.Assert.msg) < 0) return -1;
        if (addop(c, code::CALL, 0) < 0) return -1;
    }
    if (addop(c, code::RAISE_VARARGS, 1) < 0) return -1;
    use_next_block(c, end);
    return 0;
}

int compile_augassign(Compiler *c, Stmt *s) noexcept {
    Expr *e = s->v.AugAssign.target;
    const Location stmt_loc = c->u->loc;
    set_loc(c, *e);
    switch (e->kind) {
    case ExprKind::Attribute: {
        if (compile_expr(c, e->v.Attribute.value) < 0) return -1;
        if (addop(c, code::COPY, 1) < 0) return -1;
        const int lineno = c->u->loc.lineno;
        c->u->loc.lineno = e->end_lineno;
        if (addop_name(c, code::LOAD_ATTR, e->v.Attribute.attr, c->u->names, true) < 0) return -1;
        c->u->loc.lineno = lineno;
        break;
    }
    case ExprKind::Subscript:
        if (compile_expr(c, e->v.Subscript.value) < 0 || compile_expr(c, e->v.Subscript.slice) < 0)
            return -1;
        if (addop(c, code::COPY, 2) < 0 || addop(c, code::COPY, 2) < 0 ||
            addop(c, code::BINARY_SUBSCR) < 0)
            return -1;
        break;
    case ExprKind::Name:
        if (nameop(c, e->v.Name.id, ExprContext::Load) < 0) return -1;
        break;
    default:
        PyErr_Format(PyExc_SystemError, "invalid node type (%d) for augmented assignment",
                     static_cast<int>(e->kind));
        return -1;
    }
    c->u->loc = stmt_loc;
    if (compile_expr(c, s->v.AugAssign.value) < 0) return -1;
    if (addop(c, code::BINARY_OP, binary_oparg(s->v.AugAssign.op, true)) < 0) return -1;
    set_loc(c, *e);
    switch (e->kind) {
    case ExprKind::Attribute:
        c->u->loc.lineno = e->end_lineno;
        if (addop(c, code::SWAP, 2) < 0) return -1;
        return addop_name(c, code::STORE_ATTR, e->v.Attribute.attr, c->u->names, true);
    case ExprKind::Subscript:
        if (addop(c, code::SWAP, 3) < 0 || addop(c, code::SWAP, 2) < 0) return -1;
        return addop(c, code::STORE_SUBSCR);
    default: return nameop(c, e->v.Name.id, ExprContext::Store);
    }
}

int compile_expr_stmt(Compiler *c, Expr *value) noexcept {
    if (c->interactive && c->u->parent == nullptr) {
        if (compile_expr(c, value) < 0) return -1;
        return addop(c, code::PRINT_EXPR);
    }
    if (value->kind == ExprKind::Constant) return addop(c, code::NOP);
    if (compile_expr(c, value) < 0) return -1;
    unset_loc(c);
    return addop(c, code::POP_TOP);
}

int compile_delete(Compiler *c, Stmt *s) noexcept {
    for (Expr *target : each(s->v.Delete.targets))
        if (compile_expr(c, target) < 0) return -1;
    return 0;
}

int compile_assign(Compiler *c, Stmt *s) noexcept {
    const Py_ssize_t n = len(s->v.Assign.targets);
    if (compile_expr(c, s->v.Assign.value) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (i < n - 1 && addop(c, code::COPY, 1) < 0) return -1;
        if (compile_expr(c, (*s->v.Assign.targets)[i]) < 0) return -1;
    }
    return 0;
}

}  // namespace

// The BINARY_OP oparg of an AST operator. The AST's order is the ASDL's (Add, Sub, Mult,
// MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv); BINARY_OP's is
// CPython's NB_* order.
int binary_oparg(ast::Operator op, bool inplace) noexcept {
    int arg = 0;
    switch (op) {
    case Operator::Add: arg = code::NB_ADD; break;
    case Operator::Sub: arg = code::NB_SUBTRACT; break;
    case Operator::Mult: arg = code::NB_MULTIPLY; break;
    case Operator::MatMult: arg = code::NB_MATRIX_MULTIPLY; break;
    case Operator::Div: arg = code::NB_TRUE_DIVIDE; break;
    case Operator::Mod: arg = code::NB_REMAINDER; break;
    case Operator::Pow: arg = code::NB_POWER; break;
    case Operator::LShift: arg = code::NB_LSHIFT; break;
    case Operator::RShift: arg = code::NB_RSHIFT; break;
    case Operator::BitOr: arg = code::NB_OR; break;
    case Operator::BitXor: arg = code::NB_XOR; break;
    case Operator::BitAnd: arg = code::NB_AND; break;
    case Operator::FloorDiv: arg = code::NB_FLOOR_DIVIDE; break;
    }
    return inplace ? arg + code::NB_INPLACE_ADD : arg;
}

bool find_annotations(Seq<Stmt *> *body) noexcept {
    for (Stmt *s : each(body)) {
        switch (s->kind) {
        case StmtKind::AnnAssign: return true;
        case StmtKind::For:
        case StmtKind::AsyncFor:
            if (find_annotations(s->v.For.body) || find_annotations(s->v.For.orelse)) return true;
            break;
        case StmtKind::While:
            if (find_annotations(s->v.While.body) || find_annotations(s->v.While.orelse))
                return true;
            break;
        case StmtKind::If:
            if (find_annotations(s->v.If.body) || find_annotations(s->v.If.orelse)) return true;
            break;
        case StmtKind::With:
        case StmtKind::AsyncWith:
            if (find_annotations(s->v.With.body)) return true;
            break;
        case StmtKind::Try:
        case StmtKind::TryStar:
            for (ExceptHandler *h : each(s->v.Try.handlers))
                if (find_annotations(h->body)) return true;
            if (find_annotations(s->v.Try.body) || find_annotations(s->v.Try.orelse) ||
                find_annotations(s->v.Try.finalbody))
                return true;
            break;
        case StmtKind::Match:
            for (MatchCase *m : each(s->v.Match.cases))
                if (find_annotations(m->body)) return true;
            break;
        default: break;
        }
    }
    return false;
}

// The body of a module or class: __annotations__ set up, the docstring stored as __doc__,
// then the statements (CPython's compiler_body).
int compile_module_body(Compiler *c, Seq<Stmt *> *stmts) noexcept {
    if (c->u->scope == ScopeType::module && len(stmts) > 0) set_loc(c, *(*stmts)[0]);
    if (find_annotations(stmts) && addop(c, code::SETUP_ANNOTATIONS) < 0) return -1;
    Py_ssize_t i = 0;
    if (len(stmts) > 0 && c->optimize < 2 && is_docstring((*stmts)[0])) {
        i = 1;
        Stmt *st = (*stmts)[0];
        set_loc(c, *st);
        if (compile_expr(c, st->v.Expr.value) < 0) return -1;
        unset_loc(c);
        PyObject *doc = PyUnicode_InternFromString("__doc__");
        if (doc == nullptr) return -1;
        const int r = nameop(c, doc, ExprContext::Store);
        Py_DECREF(doc);
        if (r < 0) return -1;
    }
    for (; i < len(stmts); ++i)
        if (compile_stmt(c, (*stmts)[i]) < 0) return -1;
    return 0;
}

int compile_body(Compiler *c, Seq<Stmt *> *body) noexcept {
    for (Stmt *s : each(body))
        if (compile_stmt(c, s) < 0) return -1;
    return 0;
}

int compile_stmt(Compiler *c, Stmt *s) noexcept {
    set_loc(c, *s);
    switch (s->kind) {
    case StmtKind::FunctionDef: return compile_function(c, s);
    case StmtKind::ClassDef: return compile_class(c, s);
    case StmtKind::Return: return compile_return(c, s);
    case StmtKind::Delete: return compile_delete(c, s);
    case StmtKind::Assign: return compile_assign(c, s);
    case StmtKind::AugAssign: return compile_augassign(c, s);
    case StmtKind::AnnAssign: return compile_annassign(c, s);
    case StmtKind::For:
    case StmtKind::AsyncFor: return compile_for(c, s);
    case StmtKind::While: return compile_while(c, s);
    case StmtKind::If: return compile_if(c, s);
    case StmtKind::Raise: return compile_raise(c, s);
    case StmtKind::Try: return compile_try(c, s);
    case StmtKind::Assert: return compile_assert(c, s);
    case StmtKind::With: return compile_with(c, s, 0);
    case StmtKind::Import: return compile_import(c, s);
    case StmtKind::ImportFrom: return compile_import_from(c, s);
    case StmtKind::Global:
    case StmtKind::Nonlocal: return 0;
    case StmtKind::Expr: return compile_expr_stmt(c, s->v.Expr.value);
    case StmtKind::Pass: return addop(c, code::NOP);
    case StmtKind::Break: return compile_break(c, s);
    case StmtKind::Continue: return compile_continue(c, s);
    case StmtKind::Match:
        return compiler_error(c, loc_of(*s), "the match statement is not supported by minipy");
    case StmtKind::TryStar:
        return compiler_error(c, loc_of(*s), "'except*' is not supported by minipy");
    case StmtKind::AsyncFunctionDef:
        return compiler_error(c, loc_of(*s), "'async def' is not supported by minipy");
    case StmtKind::AsyncWith:
        return compiler_error(c, loc_of(*s), "'async with' is not supported by minipy");
    }
    PyErr_SetString(PyExc_SystemError, "compile_stmt: unknown statement kind");
    return -1;
}

// --- imports -------------------------------------------------------------------------------

namespace {

// `import a.b.c as d`: the module a.b.c is on the stack (IMPORT_NAME returned a); walk the
// attributes down to c and bind it (CPython's compiler_import_as).
int import_as(Compiler *c, PyObject *name, PyObject *asname) noexcept {
    const Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, length, 1);
    if (dot == -2) return -1;
    if (dot == -1) return nameop(c, asname, ExprContext::Store);
    for (;;) {
        const Py_ssize_t pos = dot + 1;
        dot = PyUnicode_FindChar(name, '.', pos, length, 1);
        if (dot == -2) return -1;
        PyObject *attr = PyUnicode_Substring(name, pos, dot != -1 ? dot : length);
        if (attr == nullptr) return -1;
        const int r = addop_name(c, code::IMPORT_FROM, attr, c->u->names, false);
        Py_DECREF(attr);
        if (r < 0) return -1;
        if (dot == -1) break;
        if (addop(c, code::SWAP, 2) < 0 || addop(c, code::POP_TOP) < 0) return -1;
    }
    if (nameop(c, asname, ExprContext::Store) < 0) return -1;
    return addop(c, code::POP_TOP);
}

}  // namespace

int compile_import(Compiler *c, Stmt *s) noexcept {
    PyObject *zero = PyLong_FromLong(0);
    if (zero == nullptr) return -1;
    for (Alias *alias : each(s->v.Import.names)) {
        if (addop_load_const(c, zero) < 0 || addop_load_const(c, Py_None) < 0 ||
            addop_name(c, code::IMPORT_NAME, alias->name, c->u->names, true) < 0) {
            Py_DECREF(zero);
            return -1;
        }
        int r;
        if (alias->asname != nullptr) {
            r = import_as(c, alias->name, alias->asname);
        } else {
            const Py_ssize_t dot =
                PyUnicode_FindChar(alias->name, '.', 0, PyUnicode_GET_LENGTH(alias->name), 1);
            PyObject *first =
                dot >= 0 ? PyUnicode_Substring(alias->name, 0, dot) : Py_NewRef(alias->name);
            r = first != nullptr ? nameop(c, first, ExprContext::Store) : -1;
            Py_XDECREF(first);
        }
        if (r < 0) {
            Py_DECREF(zero);
            return -1;
        }
    }
    Py_DECREF(zero);
    return 0;
}

int compile_import_from(Compiler *c, Stmt *s) noexcept {
    const Py_ssize_t n = len(s->v.ImportFrom.names);
    PyObject *level = PyLong_FromLong(s->v.ImportFrom.level);
    if (level == nullptr) return -1;
    const int r = addop_load_const(c, level);
    Py_DECREF(level);
    if (r < 0) return -1;
    PyObject *names = PyTuple_New(n);
    if (names == nullptr) return -1;
    for (Py_ssize_t i = 0; i < n; ++i)
        PyTuple_SET_ITEM(names, i, Py_NewRef((*s->v.ImportFrom.names)[i]->name));
    if (s->v.ImportFrom.module != nullptr &&
        PyUnicode_CompareWithASCIIString(s->v.ImportFrom.module, "__future__") == 0 &&
        s->lineno > c->future_lineno) {
        Py_DECREF(names);
        return compiler_error(c, loc_of(*s),
                              "from __future__ imports must occur at the beginning of the file");
    }
    const int rc = addop_load_const(c, names);
    Py_DECREF(names);
    if (rc < 0) return -1;
    PyObject *module = s->v.ImportFrom.module != nullptr ? Py_NewRef(s->v.ImportFrom.module)
                                                         : PyUnicode_FromString("");
    if (module == nullptr) return -1;
    const int rm = addop_name(c, code::IMPORT_NAME, module, c->u->names, true);
    Py_DECREF(module);
    if (rm < 0) return -1;
    for (Py_ssize_t i = 0; i < n; ++i) {
        Alias *alias = (*s->v.ImportFrom.names)[i];
        if (i == 0 && PyUnicode_READ_CHAR(alias->name, 0) == '*')
            return addop(c, code::IMPORT_STAR);
        if (addop_name(c, code::IMPORT_FROM, alias->name, c->u->names, true) < 0) return -1;
        if (nameop(c, alias->asname != nullptr ? alias->asname : alias->name, ExprContext::Store) <
            0)
            return -1;
    }
    return addop(c, code::POP_TOP);
}

// --- annotated assignment ------------------------------------------------------------------

int compile_annassign(Compiler *c, Stmt *s) noexcept {
    Expr *target = s->v.AnnAssign.target;
    if (s->v.AnnAssign.value != nullptr) {
        if (compile_expr(c, s->v.AnnAssign.value) < 0 || compile_expr(c, target) < 0) return -1;
    }
    const bool module_or_class =
        c->u->scope == ScopeType::module || c->u->scope == ScopeType::class_;
    switch (target->kind) {
    case ExprKind::Name:
        if (s->v.AnnAssign.simple && module_or_class) {
            if (c->future_flags & CO_FUTURE_ANNOTATIONS)
                return compiler_error(
                    c, loc_of(*s),
                    "'from __future__ import annotations' is not supported by minipy");
            if (compile_expr(c, s->v.AnnAssign.annotation) < 0) return -1;
            PyObject *annotations = PyUnicode_InternFromString("__annotations__");
            if (annotations == nullptr) return -1;
            int r = addop_name(c, code::LOAD_NAME, annotations, c->u->names, false);
            Py_DECREF(annotations);
            if (r < 0) return -1;
            PyObject *mangled = mangle_name(c, target->v.Name.id);
            if (mangled == nullptr) return -1;
            r = addop_load_const(c, mangled);
            Py_DECREF(mangled);
            if (r < 0) return -1;
            return addop(c, code::STORE_SUBSCR);
        }
        return 0;
    case ExprKind::Attribute:
        if (s->v.AnnAssign.value == nullptr) {
            if (compile_expr(c, target->v.Attribute.value) < 0) return -1;
            if (addop(c, code::POP_TOP) < 0) return -1;
        }
        break;
    case ExprKind::Subscript:
        if (s->v.AnnAssign.value == nullptr) {
            if (compile_expr(c, target->v.Subscript.value) < 0 || addop(c, code::POP_TOP) < 0)
                return -1;
            if (compile_expr(c, target->v.Subscript.slice) < 0 || addop(c, code::POP_TOP) < 0)
                return -1;
        }
        break;
    default:
        PyErr_Format(PyExc_SystemError, "invalid node type (%d) for annotated assignment",
                     static_cast<int>(target->kind));
        return -1;
    }
    // A complex target's annotation is evaluated (and dropped) at module and class level.
    if (!s->v.AnnAssign.simple && module_or_class && !(c->future_flags & CO_FUTURE_ANNOTATIONS)) {
        if (compile_expr(c, s->v.AnnAssign.annotation) < 0) return -1;
        return addop(c, code::POP_TOP);
    }
    return 0;
}

}  // namespace minipy::compile
