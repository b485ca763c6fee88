// The symbol table's first pass (CPython 3.11's symtable_visit_*): one walk over the tree
// that opens a block for each module, class, def, lambda and comprehension and records in
// it every name bound or used, with the errors that can be seen at that point (a parameter
// declared global, a nonlocal at module level, an assignment expression in a
// comprehension's iterable, ...). Scopes are decided afterwards (symtable_analyze.cpp).
//
// The walk counts its depth against three times the recursion limit, as CPython does, and
// stops with RecursionError ("maximum recursion depth exceeded during compilation").
#include <initializer_list>
#include <new>

#include "parse/symtable_internal.hpp"

namespace minipy::symtable {

using namespace ast;

namespace {

// The error messages of symtable.c.
constexpr const char *kGlobalParam = "name '%U' is parameter and global";
constexpr const char *kNonlocalParam = "name '%U' is parameter and nonlocal";
constexpr const char *kGlobalAfterAssign = "name '%U' is assigned to before global declaration";
constexpr const char *kNonlocalAfterAssign = "name '%U' is assigned to before nonlocal declaration";
constexpr const char *kGlobalAfterUse = "name '%U' is used prior to global declaration";
constexpr const char *kNonlocalAfterUse = "name '%U' is used prior to nonlocal declaration";
constexpr const char *kGlobalAnnot = "annotated name '%U' can't be global";
constexpr const char *kNonlocalAnnot = "annotated name '%U' can't be nonlocal";
constexpr const char *kImportStar = "import * only allowed at module level";
constexpr const char *kDuplicateArgument = "duplicate argument '%U' in function definition";

template <class T>
bool grow(T **items, Py_ssize_t *capacity, Py_ssize_t size) noexcept {
    if (size < *capacity) return true;
    const Py_ssize_t new_capacity = *capacity == 0 ? 8 : *capacity * 2;
    // NOLINTNEXTLINE(bugprone-sizeof-expression): T is the element type, often a pointer
    auto *grown = static_cast<T *>(PyMem_Realloc(*items, sizeof(T) * new_capacity));
    if (grown == nullptr) {
        PyErr_NoMemory();
        return false;
    }
    *items = grown;
    *capacity = new_capacity;
    return true;
}

}  // namespace

// --- Blocks --------------------------------------------------------------------------------

int Builder::enter_block(PyObject *name, BlockType type, const void *key, int lineno,
                         int col_offset, int end_lineno, int end_col_offset) noexcept {
    auto *ste = st_->arena->make<Entry>();
    if (ste == nullptr || !grow(&st_->all, &st_->all_capacity, st_->all_size)) return 0;
    st_->all[st_->all_size++] = ste;
    ste->key = key;
    ste->name = Py_NewRef(name);
    ste->symbols = PyDict_New();
    ste->varnames = PyList_New(0);
    if (ste->symbols == nullptr || ste->varnames == nullptr) return 0;
    ste->type = type;
    ste->lineno = lineno;
    ste->col_offset = col_offset;
    ste->end_lineno = end_lineno;
    ste->end_col_offset = end_col_offset;
    Entry *prev = st_->cur;
    if (prev != nullptr && (prev->nested || prev->type == BlockType::function)) ste->nested = true;
    if (map_insert(st_, key, ste) < 0) return 0;
    if (!grow(&st_->stack, &st_->stack_capacity, st_->stack_size)) return 0;
    st_->stack[st_->stack_size++] = ste;
    // bpo-37757: no assignment expression anywhere in a comprehension's outermost iterable,
    // not even inside a nested comprehension or lambda.
    if (prev != nullptr) ste->comp_iter_expr = prev->comp_iter_expr;
    st_->cur = ste;
    // Annotation blocks (from __future__ import annotations) only absorb the annotation's
    // names: they are nobody's child.
    if (type == BlockType::annotation) return 1;
    if (type == BlockType::module) st_->global = ste->symbols;
    if (prev != nullptr) {
        if (prev->nchildren == prev->children_capacity) {
            const Py_ssize_t capacity =
                prev->children_capacity == 0 ? 4 : prev->children_capacity * 2;
            auto **children =
                // NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, sized as such
                static_cast<Entry **>(st_->arena->allocate(sizeof(Entry *) * capacity));
            if (children == nullptr) return 0;
            for (Py_ssize_t i = 0; i < prev->nchildren; ++i) children[i] = prev->children[i];
            prev->children = children;
            prev->children_capacity = capacity;
        }
        prev->children[prev->nchildren++] = ste;
    }
    return 1;
}

int Builder::enter_named_block(const char *name, BlockType type, const void *key, int lineno,
                               int col_offset, int end_lineno, int end_col_offset) noexcept {
    PyObject *name_object = PyUnicode_InternFromString(name);
    if (name_object == nullptr) return 0;
    const int r =
        enter_block(name_object, type, key, lineno, col_offset, end_lineno, end_col_offset);
    Py_DECREF(name_object);
    return r;
}

int Builder::exit_block() noexcept {
    --st_->stack_size;
    st_->cur = st_->stack_size > 0 ? st_->stack[st_->stack_size - 1] : nullptr;
    return 1;
}

// --- Definitions ---------------------------------------------------------------------------

// Adds `flag` to `name` in `ste` (mangled), with the duplicate-parameter and
// comprehension-target checks; a global also lands in the module's table.
int Builder::add_def_helper(PyObject *name, long flag, Entry *ste, int lineno, int col_offset,
                            int end_lineno, int end_col_offset) noexcept {
    PyObject *mangled = mangle(st_->private_name, name);
    if (mangled == nullptr) return 0;
    int ok = 0;
    long val = flag;
    if (PyObject *o = PyDict_GetItemWithError(ste->symbols, mangled)) {
        val = PyLong_AsLong(o);
        if ((flag & DEF_PARAM) && (val & DEF_PARAM)) {
            raise_at(st_, lineno, col_offset, end_lineno, end_col_offset, kDuplicateArgument, name);
            goto done;
        }
        val |= flag;
    } else if (PyErr_Occurred()) {
        goto done;
    }
    if (ste->comp_iter_target) {
        // An iteration variable: it must not be an assignment expression's target too.
        if (val & (DEF_GLOBAL | DEF_NONLOCAL)) {
            raise_at(st_, lineno, col_offset, end_lineno, end_col_offset,
                     kNamedExprCompInnerLoopConflict, name);
            goto done;
        }
        val |= DEF_COMP_ITER;
    }
    {
        PyObject *v = PyLong_FromLong(val);
        if (v == nullptr) goto done;
        const int r = PyDict_SetItem(ste->symbols, mangled, v);
        Py_DECREF(v);
        if (r < 0) goto done;
    }
    if (flag & DEF_PARAM) {
        if (PyList_Append(ste->varnames, mangled) < 0) goto done;
    } else if (flag & DEF_GLOBAL) {
        long global_val = flag;
        if (PyObject *o = PyDict_GetItemWithError(st_->global, mangled))
            global_val |= PyLong_AsLong(o);
        else if (PyErr_Occurred())
            goto done;
        PyObject *v = PyLong_FromLong(global_val);
        if (v == nullptr) goto done;
        const int r = PyDict_SetItem(st_->global, mangled, v);
        Py_DECREF(v);
        if (r < 0) goto done;
    }
    ok = 1;
done:
    Py_DECREF(mangled);
    return ok;
}

long Builder::lookup_current(PyObject *name) noexcept {
    PyObject *mangled = mangle(st_->private_name, name);
    if (mangled == nullptr) return -1;
    const long flags = symbol_flags(st_->cur, mangled);
    Py_DECREF(mangled);
    return flags;
}

int Builder::record_directive(PyObject *name, int lineno, int col_offset, int end_lineno,
                              int end_col_offset) noexcept {
    Entry *cur = st_->cur;
    if (cur->directives == nullptr && (cur->directives = PyList_New(0)) == nullptr) return 0;
    PyObject *mangled = mangle(st_->private_name, name);
    if (mangled == nullptr) return 0;
    PyObject *data =
        Py_BuildValue("(Niiii)", mangled, lineno, col_offset, end_lineno, end_col_offset);
    if (data == nullptr) return 0;
    const int r = PyList_Append(cur->directives, data);
    Py_DECREF(data);
    return r == 0;
}

int Builder::visit_params(const Seq<Arg *> *args) noexcept {
    for (const Arg *a : each(args))
        if (!add_def(a->arg, DEF_PARAM, a)) return 0;
    return 1;
}

// Parameters in co_varnames order: positional-only, positional, keyword-only, *, **.
int Builder::visit_arguments(const Arguments *a) noexcept {
    if (!visit_params(a->posonlyargs) || !visit_params(a->args) || !visit_params(a->kwonlyargs))
        return 0;
    if (a->vararg != nullptr) {
        if (!add_def(a->vararg->arg, DEF_PARAM, a->vararg)) return 0;
        st_->cur->varargs = true;
    }
    if (a->kwarg != nullptr) {
        if (!add_def(a->kwarg->arg, DEF_PARAM, a->kwarg)) return 0;
        st_->cur->varkeywords = true;
    }
    return 1;
}

int Builder::visit_annotation(const Expr *annotation) noexcept {
    const bool future = st_->future_annotations;
    if (future && !enter_named_block("_annotation", BlockType::annotation, annotation,
                                     annotation->lineno, annotation->col_offset,
                                     annotation->end_lineno, annotation->end_col_offset))
        return 0;
    if (!visit_expr(annotation)) return 0;
    if (future && !exit_block()) return 0;
    return 1;
}

// A def's annotations, in CPython's order: positional-only, positional, *, **, keyword-only;
// then the return annotation.
int Builder::visit_annotations(const Stmt *s, const Arguments *a, const Expr *returns) noexcept {
    const bool future = st_->future_annotations;
    if (future && !enter_named_block("_annotation", BlockType::annotation, s, s->lineno,
                                     s->col_offset, s->end_lineno, s->end_col_offset))
        return 0;
    for (const Seq<Arg *> *args : {a->posonlyargs, a->args}) {
        for (const Arg *arg : each(args))
            if (arg->annotation != nullptr && !visit_expr(arg->annotation)) return 0;
    }
    if (a->vararg != nullptr && a->vararg->annotation != nullptr &&
        !visit_expr(a->vararg->annotation))
        return 0;
    if (a->kwarg != nullptr && a->kwarg->annotation != nullptr && !visit_expr(a->kwarg->annotation))
        return 0;
    for (const Arg *arg : each(a->kwonlyargs))
        if (arg->annotation != nullptr && !visit_expr(arg->annotation)) return 0;
    if (future && !exit_block()) return 0;
    if (returns != nullptr && !visit_annotation(returns)) return 0;
    return 1;
}

// An import binds the alias, or the first part of a dotted name; `import *` must be at module
// level.
int Builder::visit_alias(const Alias *a) noexcept {
    PyObject *name = a->asname != nullptr ? a->asname : a->name;
    const Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, PyUnicode_GetLength(name), 1);
    if (dot == -2) return 0;
    if (PyUnicode_CompareWithASCIIString(name, "*") == 0) {
        if (st_->cur->type != BlockType::module)
            return raise_at(st_, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset,
                            kImportStar);
        return 1;
    }
    PyObject *store_name = dot != -1 ? PyUnicode_Substring(name, 0, dot) : Py_NewRef(name);
    if (store_name == nullptr) return 0;
    const int r = add_def(store_name, DEF_IMPORT, a);
    Py_DECREF(store_name);
    return r;
}

int Builder::visit_pattern(const Pattern *p) noexcept {
    if (!enter_recursion()) return 0;
    int ok = 1;
    switch (p->kind) {
    case PatternKind::MatchValue: ok = visit_expr(p->v.MatchValue.value); break;
    case PatternKind::MatchSingleton: break;
    case PatternKind::MatchSequence:
    case PatternKind::MatchOr:
        for (const Pattern *q : each(p->v.MatchSequence.patterns))
            if (!(ok = visit_pattern(q))) break;
        break;
    case PatternKind::MatchStar:
        if (p->v.MatchStar.name != nullptr) ok = add_def(p->v.MatchStar.name, DEF_LOCAL, p);
        break;
    case PatternKind::MatchMapping:
        ok = visit_exprs(p->v.MatchMapping.keys);
        for (const Pattern *q : each(p->v.MatchMapping.patterns))
            if (ok) ok = visit_pattern(q);
        if (ok && p->v.MatchMapping.rest != nullptr)
            ok = add_def(p->v.MatchMapping.rest, DEF_LOCAL, p);
        break;
    case PatternKind::MatchClass:
        ok = visit_expr(p->v.MatchClass.cls);
        for (const Pattern *q : each(p->v.MatchClass.patterns))
            if (ok) ok = visit_pattern(q);
        for (const Pattern *q : each(p->v.MatchClass.kwd_patterns))
            if (ok) ok = visit_pattern(q);
        break;
    case PatternKind::MatchAs:
        if (p->v.MatchAs.pattern != nullptr) ok = visit_pattern(p->v.MatchAs.pattern);
        if (ok && p->v.MatchAs.name != nullptr) ok = add_def(p->v.MatchAs.name, DEF_LOCAL, p);
        break;
    }
    --st_->recursion_depth;
    return ok;
}

// global / nonlocal: refused when the name was already a parameter, used, annotated or
// assigned in this block.
int Builder::visit_declaration(const Stmt *s, bool nonlocal) noexcept {
    for (PyObject *name : each(s->v.Global.names)) {
        const long cur = lookup_current(name);
        if (cur < 0) return 0;
        if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            const char *msg = (cur & DEF_PARAM) ? (nonlocal ? kNonlocalParam : kGlobalParam)
                              : (cur & USE)     ? (nonlocal ? kNonlocalAfterUse : kGlobalAfterUse)
                              : (cur & DEF_ANNOT)
                                  ? (nonlocal ? kNonlocalAnnot : kGlobalAnnot)
                                  : (nonlocal ? kNonlocalAfterAssign : kGlobalAfterAssign);
            return raise_at(st_, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset, msg,
                            name);
        }
        if (!add_def(name, nonlocal ? DEF_NONLOCAL : DEF_GLOBAL, s)) return 0;
        if (!record_directive(name, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset))
            return 0;
    }
    return 1;
}

// def and async def: the name, defaults, annotations and decorators belong to the
// enclosing block; the parameters and body to the new one.
int Builder::visit_function(const Stmt *s) noexcept {
    const auto &f = s->v.FunctionDef;
    if (!add_def(f.name, DEF_LOCAL, s)) return 0;
    if (!visit_exprs(f.args->defaults) || !visit_exprs(f.args->kw_defaults)) return 0;
    if (!visit_annotations(s, f.args, f.returns)) return 0;
    if (!visit_exprs(f.decorator_list)) return 0;
    if (!enter_block(f.name, BlockType::function, s, s->lineno, s->col_offset, s->end_lineno,
                     s->end_col_offset))
        return 0;
    if (s->kind == StmtKind::AsyncFunctionDef) st_->cur->coroutine = true;
    if (!visit_arguments(f.args) || !visit_stmts(f.body)) return 0;
    return exit_block();
}

int Builder::visit_stmt(const Stmt *s) noexcept {
    if (!enter_recursion()) return 0;
    int ok = 1;
    switch (s->kind) {
    case StmtKind::FunctionDef:
    case StmtKind::AsyncFunctionDef: ok = visit_function(s); break;
    case StmtKind::ClassDef: {
        const auto &c = s->v.ClassDef;
        ok = add_def(c.name, DEF_LOCAL, s) && visit_exprs(c.bases);
        for (const Keyword *k : each(c.keywords))
            if (ok) ok = visit_expr(k->value);
        if (ok) ok = visit_exprs(c.decorator_list);
        if (ok)
            ok = enter_block(c.name, BlockType::class_, s, s->lineno, s->col_offset, s->end_lineno,
                             s->end_col_offset);
        if (ok) {
            PyObject *saved = st_->private_name;
            st_->private_name = c.name;
            ok = visit_stmts(c.body);
            st_->private_name = saved;
        }
        if (ok) ok = exit_block();
        break;
    }
    case StmtKind::Return:
        if (s->v.Return.value != nullptr) {
            ok = visit_expr(s->v.Return.value);
            st_->cur->returns_value = true;
        }
        break;
    case StmtKind::Delete: ok = visit_exprs(s->v.Delete.targets); break;
    case StmtKind::Assign:
        ok = visit_exprs(s->v.Assign.targets) && visit_expr(s->v.Assign.value);
        break;
    case StmtKind::AnnAssign: {
        const auto &a = s->v.AnnAssign;
        if (a.target->kind == ExprKind::Name) {
            PyObject *id = a.target->v.Name.id;
            const long cur = lookup_current(id);
            if (cur < 0) {
                ok = 0;
                break;
            }
            if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && st_->cur->symbols != st_->global &&
                a.simple) {
                ok = raise_at(st_, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                              (cur & DEF_GLOBAL) ? kGlobalAnnot : kNonlocalAnnot, id);
                break;
            }
            if (a.simple)
                ok = add_def(id, DEF_ANNOT | DEF_LOCAL, a.target);
            else if (a.value != nullptr)
                ok = add_def(id, DEF_LOCAL, a.target);
        } else {
            ok = visit_expr(a.target);
        }
        if (ok) ok = visit_annotation(a.annotation);
        if (ok && a.value != nullptr) ok = visit_expr(a.value);
        break;
    }
    case StmtKind::AugAssign:
        ok = visit_expr(s->v.AugAssign.target) && visit_expr(s->v.AugAssign.value);
        break;
    case StmtKind::For:
    case StmtKind::AsyncFor:
        ok = visit_expr(s->v.For.target) && visit_expr(s->v.For.iter) &&
             visit_stmts(s->v.For.body) && visit_stmts(s->v.For.orelse);
        break;
    case StmtKind::While:
        ok = visit_expr(s->v.While.test) && visit_stmts(s->v.While.body) &&
             visit_stmts(s->v.While.orelse);
        break;
    case StmtKind::If:
        ok = visit_expr(s->v.If.test) && visit_stmts(s->v.If.body) && visit_stmts(s->v.If.orelse);
        break;
    case StmtKind::Match:
        ok = visit_expr(s->v.Match.subject);
        for (const MatchCase *m : each(s->v.Match.cases)) {
            if (!ok) break;
            ok = visit_pattern(m->pattern) && (m->guard == nullptr || visit_expr(m->guard)) &&
                 visit_stmts(m->body);
        }
        break;
    case StmtKind::Raise:
        if (s->v.Raise.exc != nullptr) {
            ok = visit_expr(s->v.Raise.exc);
            if (ok && s->v.Raise.cause != nullptr) ok = visit_expr(s->v.Raise.cause);
        }
        break;
    case StmtKind::Try:
    case StmtKind::TryStar:
        ok = visit_stmts(s->v.Try.body) && visit_stmts(s->v.Try.orelse);
        for (const ExceptHandler *h : each(s->v.Try.handlers)) {
            if (!ok) break;
            if (h->type != nullptr) ok = visit_expr(h->type);
            if (ok && h->name != nullptr) ok = add_def(h->name, DEF_LOCAL, h);
            if (ok) ok = visit_stmts(h->body);
        }
        if (ok) ok = visit_stmts(s->v.Try.finalbody);
        break;
    case StmtKind::Assert:
        ok = visit_expr(s->v.Assert.test) &&
             (s->v.Assert.msg == nullptr || visit_expr(s->v.Assert.msg));
        break;
    case StmtKind::Import:
        for (const Alias *a : each(s->v.Import.names))
            if (!(ok = visit_alias(a))) break;
        break;
    case StmtKind::ImportFrom:
        for (const Alias *a : each(s->v.ImportFrom.names))
            if (!(ok = visit_alias(a))) break;
        break;
    case StmtKind::Global: ok = visit_declaration(s, false); break;
    case StmtKind::Nonlocal: ok = visit_declaration(s, true); break;
    case StmtKind::Expr: ok = visit_expr(s->v.Expr.value); break;
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue: break;
    case StmtKind::With:
    case StmtKind::AsyncWith:
        for (const WithItem *item : each(s->v.With.items)) {
            if (!(ok = visit_expr(item->context_expr))) break;
            if (item->optional_vars != nullptr && !(ok = visit_expr(item->optional_vars))) break;
        }
        if (ok) ok = visit_stmts(s->v.With.body);
        break;
    }
    --st_->recursion_depth;
    return ok;
}

// visit_expr and the comprehensions are in symtable_expr.cpp.

}  // namespace minipy::symtable
