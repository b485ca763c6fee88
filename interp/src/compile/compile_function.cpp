// Code units nested in another: def, lambda, class bodies and comprehensions (each its own
// code object, made into a function by MAKE_FUNCTION with its defaults and closure), and the
// hand-over of a finished unit to the assembler. CPython 3.11's compiler_function,
// compiler_lambda, compiler_class and compiler_comprehension are the model.
#include "compile/compiler.hpp"
#include "minipy/code.h"

namespace minipy::compile {

using namespace minipy::ast;

namespace {

int compile_decorators(Compiler *c, Seq<Expr *> *decorators) noexcept {
    for (Expr *d : each(decorators)) {
        set_loc(c, *d);
        if (compile_expr(c, d) < 0 || addop(c, code::PUSH_NULL) < 0) return -1;
    }
    return 0;
}

int apply_decorators(Compiler *c, Seq<Expr *> *decorators) noexcept {
    for (Py_ssize_t i = len(decorators) - 1; i >= 0; --i) {
        set_loc(c, *(*decorators)[i]);
        if (addop(c, code::CALL, 0 + 1) < 0) return -1;
    }
    return 0;
}

// Keyword-only defaults as one dict (name -> value); 1 when made, 0 when none, -1 on error.
int compile_kwdefaults(Compiler *c, Arguments *args) noexcept {
    int n = 0;
    for (Py_ssize_t i = 0; i < len(args->kwonlyargs); ++i) {
        Expr *value = (*args->kw_defaults)[i];
        if (value == nullptr) continue;
        PyObject *name = mangle_name(c, (*args->kwonlyargs)[i]->arg);
        if (name == nullptr) return -1;
        const int r = addop_load_const(c, name);
        Py_DECREF(name);
        if (r < 0 || compile_expr(c, value) < 0) return -1;
        ++n;
    }
    if (n == 0) return 0;
    return addop(c, code::BUILD_MAP, n) < 0 ? -1 : 1;
}

// Pushes the defaults and keyword-only defaults; returns MAKE_FUNCTION's flags or -1.
int compile_defaults(Compiler *c, Arguments *args) noexcept {
    int flags = 0;
    if (len(args->defaults) > 0) {
        for (Expr *d : each(args->defaults))
            if (compile_expr(c, d) < 0) return -1;
        if (addop(c, code::BUILD_TUPLE, static_cast<int>(len(args->defaults))) < 0) return -1;
        flags |= code::MAKE_FUNCTION_DEFAULTS;
    }
    const int kw = compile_kwdefaults(c, args);
    if (kw < 0) return -1;
    if (kw > 0) flags |= code::MAKE_FUNCTION_KWDEFAULTS;
    return flags;
}

void set_arg_counts(Compiler *c, Arguments *args) noexcept {
    c->u->argcount = static_cast<int>(len(args->args) + len(args->posonlyargs));
    c->u->posonlyargcount = static_cast<int>(len(args->posonlyargs));
    c->u->kwonlyargcount = static_cast<int>(len(args->kwonlyargs));
}

// The index of `name` among the enclosing unit's cells and free variables (for LOAD_CLOSURE).
int closure_index(Compiler *c, PyObject *name) noexcept {
    PyObject *found = PyDict_GetItemWithError(c->u->cellvars, name);
    if (found == nullptr && !PyErr_Occurred())
        found = PyDict_GetItemWithError(c->u->freevars, name);
    if (found == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_SystemError, "compiler: no closure cell for %R", name);
        return -1;
    }
    return static_cast<int>(PyLong_AsLong(found));
}

}  // namespace

int make_closure(Compiler *c, PyObject *code, int flags, PyObject *) noexcept {
    auto *co = reinterpret_cast<PyCodeObject *>(code);
    if (co->co_nfreevars > 0) {
        const int first_free = co->co_nlocalsplus - co->co_nfreevars;
        for (int i = 0; i < co->co_nfreevars; ++i) {
            PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, first_free + i);
            const int index = closure_index(c, name);
            if (index < 0 || addop(c, code::LOAD_CLOSURE, index) < 0) return -1;
        }
        if (addop(c, code::BUILD_TUPLE, co->co_nfreevars) < 0) return -1;
        flags |= code::MAKE_FUNCTION_CLOSURE;
    }
    if (addop_load_const(c, code) < 0) return -1;
    return addop(c, code::MAKE_FUNCTION, flags);
}

int compile_function(Compiler *c, Stmt *s) noexcept {
    if (s->kind == StmtKind::AsyncFunctionDef)
        return compiler_error(c, loc_of(*s), "'async def' is not supported by minipy");
    Arguments *args = s->v.FunctionDef.args;
    Seq<Expr *> *decorators = s->v.FunctionDef.decorator_list;
    if (compile_decorators(c, decorators) < 0) return -1;
    int firstlineno = s->lineno;
    if (len(decorators) > 0) firstlineno = (*decorators)[0]->lineno;
    set_loc(c, *s);
    const int flags = compile_defaults(c, args);
    if (flags < 0) return -1;
    if (enter_scope(c, s->v.FunctionDef.name, ScopeType::function, s, firstlineno) < 0) return -1;
    Seq<Stmt *> *body = s->v.FunctionDef.body;
    // The docstring (or None) is always the first constant: function_new reads it there.
    Stmt *first = len(body) > 0 ? (*body)[0] : nullptr;
    const bool has_doc = first != nullptr && first->kind == StmtKind::Expr &&
                         first->v.Expr.value->kind == ExprKind::Constant &&
                         PyUnicode_CheckExact(first->v.Expr.value->v.Constant.value);
    PyObject *doc = has_doc && c->optimize < 2 ? first->v.Expr.value->v.Constant.value : Py_None;
    if (add_const(c, doc) < 0) {
        exit_scope(c);
        return -1;
    }
    set_arg_counts(c, args);
    for (Py_ssize_t i = has_doc ? 1 : 0; i < len(body); ++i) {
        if (compile_stmt(c, (*body)[i]) < 0) {
            exit_scope(c);
            return -1;
        }
    }
    PyObject *qualname = Py_NewRef(c->u->qualname);
    PyObject *co = assemble_unit(c, true);
    exit_scope(c);
    if (co == nullptr) {
        Py_DECREF(qualname);
        return -1;
    }
    set_loc(c, *s);
    const int r = make_closure(c, co, flags, qualname);
    Py_DECREF(co);
    Py_DECREF(qualname);
    if (r < 0 || apply_decorators(c, decorators) < 0) return -1;
    return nameop(c, s->v.FunctionDef.name, ExprContext::Store);
}

int compile_lambda(Compiler *c, Expr *e) noexcept {
    Arguments *args = e->v.Lambda.args;
    const int flags = compile_defaults(c, args);
    if (flags < 0) return -1;
    PyObject *name = PyUnicode_InternFromString("<lambda>");
    if (name == nullptr) return -1;
    const int entered = enter_scope(c, name, ScopeType::lambda, e, e->lineno);
    Py_DECREF(name);
    if (entered < 0) return -1;
    // A lambda has no docstring; None keeps the first constant's convention.
    if (add_const(c, Py_None) < 0) {
        exit_scope(c);
        return -1;
    }
    set_arg_counts(c, args);
    set_loc(c, *e->v.Lambda.body);
    if (compile_expr(c, e->v.Lambda.body) < 0) {
        exit_scope(c);
        return -1;
    }
    if (c->u->ste->generator) {
        if (addop(c, code::POP_TOP) < 0 || addop_load_const(c, Py_None) < 0) {
            exit_scope(c);
            return -1;
        }
    }
    if (addop(c, code::RETURN_VALUE) < 0) {
        exit_scope(c);
        return -1;
    }
    PyObject *co = assemble_unit(c, false);
    exit_scope(c);
    if (co == nullptr) return -1;
    set_loc(c, *e);
    const int r = make_closure(c, co, flags, nullptr);
    Py_DECREF(co);
    return r;
}

int compile_class(Compiler *c, Stmt *s) noexcept {
    Seq<Expr *> *decorators = s->v.ClassDef.decorator_list;
    if (compile_decorators(c, decorators) < 0) return -1;
    int firstlineno = s->lineno;
    if (len(decorators) > 0) firstlineno = (*decorators)[0]->lineno;
    if (enter_scope(c, s->v.ClassDef.name, ScopeType::class_, s, firstlineno) < 0) return -1;
    Py_XSETREF(c->u->private_name, Py_NewRef(s->v.ClassDef.name));
    int failed = 0;
    PyObject *name_str = PyUnicode_InternFromString("__name__");
    PyObject *module_str = PyUnicode_InternFromString("__module__");
    PyObject *qualname_str = PyUnicode_InternFromString("__qualname__");
    set_loc(c, *s);
    failed = name_str == nullptr || module_str == nullptr || qualname_str == nullptr ||
             nameop(c, name_str, ExprContext::Load) < 0 ||
             nameop(c, module_str, ExprContext::Store) < 0 ||
             addop_load_const(c, c->u->qualname) < 0 ||
             nameop(c, qualname_str, ExprContext::Store) < 0 ||
             compile_module_body(c, s->v.ClassDef.body) < 0;
    Py_XDECREF(name_str);
    Py_XDECREF(module_str);
    Py_XDECREF(qualname_str);
    if (!failed) {
        unset_loc(c);
        if (c->u->ste->needs_class_closure) {
            // __classcell__ = the __class__ cell; type.__new__ fills it.
            PyObject *cls = PyUnicode_InternFromString("__class__");
            PyObject *classcell = PyUnicode_InternFromString("__classcell__");
            const int index = cls != nullptr ? closure_index(c, cls) : -1;
            failed = index < 0 || classcell == nullptr || addop(c, code::LOAD_CLOSURE, index) < 0 ||
                     addop(c, code::COPY, 1) < 0 || nameop(c, classcell, ExprContext::Store) < 0;
            Py_XDECREF(cls);
            Py_XDECREF(classcell);
        } else {
            failed = addop_load_const(c, Py_None) < 0;
        }
        failed = failed || addop(c, code::RETURN_VALUE) < 0;
    }
    if (failed) {
        exit_scope(c);
        return -1;
    }
    PyObject *co = assemble_unit(c, false);
    exit_scope(c);
    if (co == nullptr) return -1;
    set_loc(c, *s);
    if (addop(c, code::LOAD_BUILD_CLASS) < 0 || addop(c, code::PUSH_NULL) < 0) {
        Py_DECREF(co);
        return -1;
    }
    const int r = make_closure(c, co, 0, nullptr);
    Py_DECREF(co);
    if (r < 0 || addop_load_const(c, s->v.ClassDef.name) < 0) return -1;
    if (compile_call_helper(c, 2, s->v.ClassDef.bases, s->v.ClassDef.keywords) < 0) return -1;
    if (apply_decorators(c, decorators) < 0) return -1;
    return nameop(c, s->v.ClassDef.name, ExprContext::Store);
}

namespace {

// One `for ... in ... if ...` of a comprehension; the innermost appends the element.
int comprehension_generator(Compiler *c, Seq<Comprehension *> *generators, Py_ssize_t gen_index,
                            int depth, Expr *elt, Expr *val, ExprKind kind) noexcept {
    Comprehension *gen = (*generators)[gen_index];
    if (gen->is_async)
        return compiler_error(c, loc_of(*gen->iter),
                              "asynchronous comprehension outside of an asynchronous function");
    BasicBlock *start = new_block(c);
    BasicBlock *if_cleanup = new_block(c);
    BasicBlock *anchor = new_block(c);
    if (start == nullptr || if_cleanup == nullptr || anchor == nullptr) return -1;
    if (gen_index == 0) {
        // The outermost iterator arrives as the parameter ".0".
        c->u->argcount = 1;
        if (addop(c, code::LOAD_FAST, 0) < 0) return -1;
    } else {
        if (compile_expr(c, gen->iter) < 0 || addop(c, code::GET_ITER) < 0) return -1;
    }
    use_next_block(c, start);
    if (addop_jump(c, code::FOR_ITER, anchor) < 0) return -1;
    if (compile_expr(c, gen->target) < 0) return -1;
    for (Expr *cond : each(gen->ifs))
        if (compile_jump_if(c, cond, if_cleanup, false) < 0) return -1;
    if (++gen_index < len(generators)) {
        if (comprehension_generator(c, generators, gen_index, depth + 1, elt, val, kind) < 0)
            return -1;
    } else {
        switch (kind) {
        case ExprKind::GeneratorExp:
            if (compile_expr(c, elt) < 0 || addop(c, code::YIELD_VALUE) < 0 ||
                addop(c, code::RESUME, code::RESUME_AFTER_YIELD) < 0 || addop(c, code::POP_TOP) < 0)
                return -1;
            break;
        case ExprKind::ListComp:
            if (compile_expr(c, elt) < 0 || addop(c, code::LIST_APPEND, depth + 2) < 0) return -1;
            break;
        case ExprKind::SetComp:
            if (compile_expr(c, elt) < 0 || addop(c, code::SET_ADD, depth + 2) < 0) return -1;
            break;
        default:  // DictComp
            if (compile_expr(c, elt) < 0 || compile_expr(c, val) < 0 ||
                addop(c, code::MAP_ADD, depth + 2) < 0)
                return -1;
            break;
        }
    }
    use_next_block(c, if_cleanup);
    if (addop_jump(c, JUMP, start) < 0) return -1;
    use_next_block(c, anchor);
    return 0;
}

}  // namespace

int compile_comprehension(Compiler *c, Expr *e) noexcept {
    const char *name_text = "<genexpr>";
    Expr *elt = e->v.ListComp.elt;
    Expr *val = nullptr;
    Seq<Comprehension *> *generators = e->v.ListComp.generators;
    int build = -1;
    switch (e->kind) {
    case ExprKind::ListComp:
        name_text = "<listcomp>";
        build = code::BUILD_LIST;
        break;
    case ExprKind::SetComp:
        name_text = "<setcomp>";
        build = code::BUILD_SET;
        break;
    case ExprKind::DictComp:
        name_text = "<dictcomp>";
        build = code::BUILD_MAP;
        elt = e->v.DictComp.key;
        val = e->v.DictComp.value;
        generators = e->v.DictComp.generators;
        break;
    default: break;
    }
    Comprehension *outermost = (*generators)[0];
    PyObject *name = PyUnicode_InternFromString(name_text);
    if (name == nullptr) return -1;
    const int entered = enter_scope(c, name, ScopeType::comprehension, e, e->lineno);
    Py_DECREF(name);
    if (entered < 0) return -1;
    set_loc(c, *e);
    bool failed = add_const(c, Py_None) < 0;
    if (!failed && build >= 0) failed = addop(c, build, 0) < 0;
    if (!failed) failed = comprehension_generator(c, generators, 0, 0, elt, val, e->kind) < 0;
    if (!failed) {
        if (build >= 0)
            failed = addop(c, code::RETURN_VALUE) < 0;
        else
            failed = addop_load_const(c, Py_None) < 0 || addop(c, code::RETURN_VALUE) < 0;
    }
    if (failed) {
        exit_scope(c);
        return -1;
    }
    PyObject *co = assemble_unit(c, false);
    exit_scope(c);
    if (co == nullptr) return -1;
    set_loc(c, *e);
    const int r = make_closure(c, co, 0, nullptr);
    Py_DECREF(co);
    if (r < 0 || addop(c, code::PUSH_NULL) < 0) return -1;
    if (compile_expr(c, outermost->iter) < 0) return -1;
    set_loc(c, *e);
    if (addop(c, code::GET_ITER) < 0) return -1;
    return addop(c, code::CALL, 1);
}

}  // namespace minipy::compile
