// The symbol table's first pass over expressions (CPython 3.11's symtable_visit_expr):
// names used and bound, lambdas and comprehensions as blocks of their own (a comprehension's
// outermost iterable is evaluated in the enclosing block and passed in as ".0"), assignment
// expressions that bind in the nearest enclosing function or module, super() as a use of
// __class__, and yield making a generator.
#include "parse/symtable_internal.hpp"

namespace minipy::symtable {

using namespace ast;

namespace {

const char *comprehension_word(symtable::Comprehension kind) noexcept {
    switch (kind) {
    case symtable::Comprehension::list: return "'yield' inside list comprehension";
    case symtable::Comprehension::set: return "'yield' inside set comprehension";
    case symtable::Comprehension::dict: return "'yield' inside dict comprehension";
    default: return "'yield' inside generator expression";
    }
}

}  // namespace

int Builder::raise_if_comprehension_block(const Expr *e) noexcept {
    return raise_at(st_, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                    comprehension_word(st_->cur->comprehension));
}

// The comprehension's outermost iterable arrives as parameter ".0".
int Builder::implicit_arg(int pos) noexcept {
    PyObject *id = PyUnicode_FromFormat(".%d", pos);
    if (id == nullptr) return 0;
    Entry *cur = st_->cur;
    const int r = add_def_helper(id, DEF_PARAM, cur, cur->lineno, cur->col_offset, cur->end_lineno,
                                 cur->end_col_offset);
    Py_DECREF(id);
    return r;
}

// An assignment expression inside a comprehension binds in the nearest enclosing function
// (as nonlocal there, or global when declared so) or module (as global); never a class.
int Builder::extend_namedexpr_scope(const Expr *target) noexcept {
    PyObject *name = target->v.Name.id;
    for (Py_ssize_t i = st_->stack_size - 1; i >= 0; --i) {
        Entry *ste = st_->stack[i];
        if (ste->comprehension != symtable::Comprehension::none) {
            if (symbol_flags(ste, name) & DEF_COMP_ITER)
                return raise_at(st_, target->lineno, target->col_offset, target->end_lineno,
                                target->end_col_offset, kNamedExprCompConflict, name);
            continue;
        }
        if (ste->type == BlockType::function) {
            const long in_scope = symbol_flags(ste, name);
            if (!add_def(name, (in_scope & DEF_GLOBAL) ? DEF_GLOBAL : DEF_NONLOCAL, target))
                return 0;
            if (!record_directive(name, target->lineno, target->col_offset, target->end_lineno,
                                  target->end_col_offset))
                return 0;
            return add_def_helper(name, DEF_LOCAL, ste, target->lineno, target->col_offset,
                                  target->end_lineno, target->end_col_offset);
        }
        if (ste->type == BlockType::module) {
            if (!add_def(name, DEF_GLOBAL, target)) return 0;
            if (!record_directive(name, target->lineno, target->col_offset, target->end_lineno,
                                  target->end_col_offset))
                return 0;
            return add_def_helper(name, DEF_GLOBAL, ste, target->lineno, target->col_offset,
                                  target->end_lineno, target->end_col_offset);
        }
        if (ste->type == BlockType::class_)
            return raise_at(st_, target->lineno, target->col_offset, target->end_lineno,
                            target->end_col_offset, kNamedExprCompInClass);
    }
    PyErr_SetString(PyExc_SystemError, "symtable: no block for an assignment expression");
    return 0;
}

int Builder::handle_namedexpr(const Expr *e) noexcept {
    if (st_->cur->comp_iter_expr > 0)
        return raise_at(st_, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                        kNamedExprCompIterExpr);
    if (st_->cur->comprehension != symtable::Comprehension::none &&
        !extend_namedexpr_scope(e->v.NamedExpr.target))
        return 0;
    return visit_expr(e->v.NamedExpr.value) && visit_expr(e->v.NamedExpr.target);
}

// A comprehension: the outermost iterable in the current block, the rest in a new function
// block named `scope_name` whose parameter ".0" is that iterable.
int Builder::visit_comprehension(const Expr *e, const char *scope_name,
                                 const Seq<ast::Comprehension *> *generators, const Expr *elt,
                                 const Expr *value) noexcept {
    const bool is_generator = e->kind == ExprKind::GeneratorExp;
    const ast::Comprehension *outermost = generators->items[0];
    ++st_->cur->comp_iter_expr;
    if (!visit_expr(outermost->iter)) return 0;
    --st_->cur->comp_iter_expr;
    if (!enter_named_block(scope_name, BlockType::function, e, e->lineno, e->col_offset,
                           e->end_lineno, e->end_col_offset))
        return 0;
    Entry *block = st_->cur;
    switch (e->kind) {
    case ExprKind::ListComp: block->comprehension = symtable::Comprehension::list; break;
    case ExprKind::SetComp: block->comprehension = symtable::Comprehension::set; break;
    case ExprKind::DictComp: block->comprehension = symtable::Comprehension::dict; break;
    default: block->comprehension = symtable::Comprehension::generator; break;
    }
    if (outermost->is_async) block->coroutine = true;
    if (!implicit_arg(0)) return 0;
    block->comp_iter_target = true;
    if (!visit_expr(outermost->target)) return 0;
    block->comp_iter_target = false;
    if (!visit_exprs(outermost->ifs)) return 0;
    for (Py_ssize_t i = 1; i < generators->size; ++i) {
        const ast::Comprehension *c = generators->items[i];
        block->comp_iter_target = true;
        if (!visit_expr(c->target)) return 0;
        block->comp_iter_target = false;
        ++block->comp_iter_expr;
        if (!visit_expr(c->iter)) return 0;
        --block->comp_iter_expr;
        if (!visit_exprs(c->ifs)) return 0;
        if (c->is_async) block->coroutine = true;
    }
    if (value != nullptr && !visit_expr(value)) return 0;
    if (!visit_expr(elt)) return 0;
    block->generator = is_generator;
    const bool is_async = block->coroutine && !is_generator;
    if (!exit_block()) return 0;
    if (is_async) st_->cur->coroutine = true;
    return 1;
}

// With `from __future__ import annotations`, an annotation may not yield, await or assign.
int Builder::allowed_outside_annotation(const char *what, const Expr *e) noexcept {
    if (st_->cur->type != BlockType::annotation) return 1;
    PyObject *word = PyUnicode_FromString(what);
    if (word == nullptr) return 0;
    raise_at(st_, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
             "'%U' can not be used within an annotation", word);
    Py_DECREF(word);
    return 0;
}

int Builder::visit_expr(const Expr *e) noexcept {
    if (!enter_recursion()) return 0;
    int ok = 1;
    switch (e->kind) {
    case ExprKind::NamedExpr:
        ok = allowed_outside_annotation("named expression", e) && handle_namedexpr(e);
        break;
    case ExprKind::BoolOp: ok = visit_exprs(e->v.BoolOp.values); break;
    case ExprKind::BinOp: ok = visit_expr(e->v.BinOp.left) && visit_expr(e->v.BinOp.right); break;
    case ExprKind::UnaryOp: ok = visit_expr(e->v.UnaryOp.operand); break;
    case ExprKind::Lambda: {
        const Arguments *a = e->v.Lambda.args;
        ok = visit_exprs(a->defaults) && visit_exprs(a->kw_defaults) &&
             enter_named_block("lambda", BlockType::function, e, e->lineno, e->col_offset,
                               e->end_lineno, e->end_col_offset) &&
             visit_arguments(a) && visit_expr(e->v.Lambda.body) && exit_block();
        break;
    }
    case ExprKind::IfExp:
        ok = visit_expr(e->v.IfExp.test) && visit_expr(e->v.IfExp.body) &&
             visit_expr(e->v.IfExp.orelse);
        break;
    case ExprKind::Dict: ok = visit_exprs(e->v.Dict.keys) && visit_exprs(e->v.Dict.values); break;
    case ExprKind::Set: ok = visit_exprs(e->v.Set.elts); break;
    case ExprKind::GeneratorExp:
        ok =
            visit_comprehension(e, "genexpr", e->v.ListComp.generators, e->v.ListComp.elt, nullptr);
        break;
    case ExprKind::ListComp:
        ok = visit_comprehension(e, "listcomp", e->v.ListComp.generators, e->v.ListComp.elt,
                                 nullptr);
        break;
    case ExprKind::SetComp:
        ok =
            visit_comprehension(e, "setcomp", e->v.ListComp.generators, e->v.ListComp.elt, nullptr);
        break;
    case ExprKind::DictComp:
        ok = visit_comprehension(e, "dictcomp", e->v.DictComp.generators, e->v.DictComp.key,
                                 e->v.DictComp.value);
        break;
    case ExprKind::Yield:
    case ExprKind::YieldFrom:
        ok = allowed_outside_annotation("yield expression", e);
        if (ok && e->v.Await.value != nullptr) ok = visit_expr(e->v.Await.value);
        if (!ok) break;
        st_->cur->generator = true;
        if (st_->cur->comprehension != symtable::Comprehension::none)
            ok = raise_if_comprehension_block(e);
        break;
    case ExprKind::Await:
        ok = allowed_outside_annotation("await expression", e) && visit_expr(e->v.Await.value);
        st_->cur->coroutine = true;
        break;
    case ExprKind::Compare:
        ok = visit_expr(e->v.Compare.left) && visit_exprs(e->v.Compare.comparators);
        break;
    case ExprKind::Call:
        ok = visit_expr(e->v.Call.func) && visit_exprs(e->v.Call.args);
        for (const Keyword *k : each(e->v.Call.keywords))
            if (ok) ok = visit_expr(k->value);
        break;
    case ExprKind::FormattedValue:
        ok = visit_expr(e->v.FormattedValue.value) && (e->v.FormattedValue.format_spec == nullptr ||
                                                       visit_expr(e->v.FormattedValue.format_spec));
        break;
    case ExprKind::JoinedStr: ok = visit_exprs(e->v.JoinedStr.values); break;
    case ExprKind::Constant: break;
    case ExprKind::Attribute: ok = visit_expr(e->v.Attribute.value); break;
    case ExprKind::Subscript:
        ok = visit_expr(e->v.Subscript.value) && visit_expr(e->v.Subscript.slice);
        break;
    case ExprKind::Starred: ok = visit_expr(e->v.Starred.value); break;
    case ExprKind::Slice:
        ok = (e->v.Slice.lower == nullptr || visit_expr(e->v.Slice.lower)) &&
             (e->v.Slice.upper == nullptr || visit_expr(e->v.Slice.upper)) &&
             (e->v.Slice.step == nullptr || visit_expr(e->v.Slice.step));
        break;
    case ExprKind::Name:
        ok = add_def(e->v.Name.id, e->v.Name.ctx == ExprContext::Load ? USE : DEF_LOCAL, e);
        // super() in a function counts as a use of __class__ (its implicit argument).
        if (ok && e->v.Name.ctx == ExprContext::Load && st_->cur->type == BlockType::function &&
            PyUnicode_CompareWithASCIIString(e->v.Name.id, "super") == 0) {
            PyObject *class_name = PyUnicode_InternFromString("__class__");
            ok = class_name != nullptr && add_def(class_name, USE, e);
            Py_XDECREF(class_name);
        }
        break;
    case ExprKind::List:
    case ExprKind::Tuple: ok = visit_exprs(e->v.List.elts); break;
    }
    --st_->recursion_depth;
    return ok;
}

}  // namespace minipy::symtable
