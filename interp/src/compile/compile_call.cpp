// Calls to instructions (CPython 3.11's compiler_call and compiler_call_helper): method calls
// as LOAD_ATTR's method form + CALL (no bound method), positional and keyword arguments left
// on the stack with KW_NAMES, and CALL_FUNCTION_EX for *args / **kwargs or many arguments.
#include "compile/compiler.hpp"

namespace minipy::compile {

using namespace minipy::ast;

namespace {

int validate_keywords(Compiler *c, Seq<Keyword *> *keywords) noexcept {
    const Py_ssize_t n = len(keywords);
    for (Py_ssize_t i = 0; i < n; ++i) {
        Keyword *key = (*keywords)[i];
        if (key->arg == nullptr) continue;
        for (Py_ssize_t j = i + 1; j < n; ++j) {
            Keyword *other = (*keywords)[j];
            if (other->arg != nullptr && PyUnicode_Compare(key->arg, other->arg) == 0) {
                return compiler_error(c, loc_of(*other), "keyword argument repeated: %U", key->arg);
            }
        }
    }
    return 0;
}

int kw_names(Compiler *c, Seq<Keyword *> *keywords, Py_ssize_t n) noexcept {
    PyObject *names = PyTuple_New(n);
    if (names == nullptr) return -1;
    for (Py_ssize_t i = 0; i < n; ++i) PyTuple_SET_ITEM(names, i, Py_NewRef((*keywords)[i]->arg));
    const int index = add_const(c, names);
    Py_DECREF(names);
    if (index < 0) return -1;
    return addop(c, code::KW_NAMES, index);
}

// Keyword arguments [begin, end) (none of them **) as one dict (CPython's compiler_subkwargs).
int subkwargs(Compiler *c, Seq<Keyword *> *keywords, Py_ssize_t begin, Py_ssize_t end) noexcept {
    const Py_ssize_t n = end - begin;
    const bool big = n * 2 > kStackUseGuideline;
    if (n > 1 && !big) {
        for (Py_ssize_t i = begin; i < end; ++i)
            if (compile_expr(c, (*keywords)[i]->value) < 0) return -1;
        PyObject *keys = PyTuple_New(n);
        if (keys == nullptr) return -1;
        for (Py_ssize_t i = begin; i < end; ++i)
            PyTuple_SET_ITEM(keys, i - begin, Py_NewRef((*keywords)[i]->arg));
        const int r = addop_load_const(c, keys);
        Py_DECREF(keys);
        if (r < 0) return -1;
        return addop(c, code::BUILD_CONST_KEY_MAP, static_cast<int>(n));
    }
    if (big && addop(c, code::BUILD_MAP, 0) < 0) return -1;
    for (Py_ssize_t i = begin; i < end; ++i) {
        Keyword *kw = (*keywords)[i];
        if (addop_load_const(c, kw->arg) < 0 || compile_expr(c, kw->value) < 0) return -1;
        if (big && addop(c, code::MAP_ADD, 1) < 0) return -1;
    }
    if (!big) return addop(c, code::BUILD_MAP, static_cast<int>(n));
    return 0;
}

bool is_import_originated(Compiler *c, Expr *e) noexcept {
    if (e->kind != ExprKind::Name) return false;
    return (symtable::symbol_flags(symtable::top(c->st), e->v.Name.id) & symtable::DEF_IMPORT) != 0;
}

// obj.meth(args) as LOAD_ATTR (method form) + CALL: no bound method is made. 1 when done,
// 0 when the call does not qualify, -1 on error.
int method_call(Compiler *c, Expr *e) noexcept {
    Expr *meth = e->v.Call.func;
    Seq<Expr *> *args = e->v.Call.args;
    Seq<Keyword *> *kwds = e->v.Call.keywords;
    if (meth->kind != ExprKind::Attribute || meth->v.Attribute.ctx != ExprContext::Load) return 0;
    if (is_import_originated(c, meth->v.Attribute.value)) return 0;
    const Py_ssize_t nargs = len(args);
    const Py_ssize_t nkw = len(kwds);
    if (nargs + nkw + (nkw != 0) >= kStackUseGuideline) return 0;
    for (Expr *arg : each(args))
        if (arg->kind == ExprKind::Starred) return 0;
    for (Keyword *kw : each(kwds))
        if (kw->arg == nullptr) return 0;
    if (validate_keywords(c, kwds) < 0) return -1;
    if (compile_expr(c, meth->v.Attribute.value) < 0) return -1;
    set_loc(c, *meth);
    match_attr_start(c, meth);
    PyObject *mangled = mangle_name(c, meth->v.Attribute.attr);
    if (mangled == nullptr) return -1;
    const int index = add_name(c->u->names, mangled);
    Py_DECREF(mangled);
    if (index < 0 || addop(c, code::LOAD_ATTR, (index << 1) | 1) < 0) return -1;
    for (Expr *arg : each(args))
        if (compile_expr(c, arg) < 0) return -1;
    if (nkw > 0) {
        for (Keyword *kw : each(kwds))
            if (compile_expr(c, kw->value) < 0) return -1;
    }
    set_loc(c, *e);
    match_attr_start(c, meth);
    if (nkw > 0 && kw_names(c, kwds, nkw) < 0) return -1;
    if (addop(c, code::CALL, static_cast<int>(nargs + nkw)) < 0) return -1;
    return 1;
}

}  // namespace

int compile_call(Compiler *c, Expr *e) noexcept {
    const int r = method_call(c, e);
    if (r != 0) return r < 0 ? -1 : 0;
    if (compile_expr(c, e->v.Call.func) < 0) return -1;
    set_loc(c, *e->v.Call.func);
    if (addop(c, code::PUSH_NULL) < 0) return -1;
    set_loc(c, *e);
    return compile_call_helper(c, 0, e->v.Call.args, e->v.Call.keywords);
}

int compile_call_helper(Compiler *c, int n, Seq<Expr *> *args, Seq<Keyword *> *keywords) noexcept {
    if (validate_keywords(c, keywords) < 0) return -1;
    const Py_ssize_t nargs = len(args);
    const Py_ssize_t nkw = len(keywords);
    bool ex_call = nargs + nkw * 2 > kStackUseGuideline;
    for (Expr *arg : each(args))
        if (arg->kind == ExprKind::Starred) ex_call = true;
    for (Keyword *kw : each(keywords))
        if (kw->arg == nullptr) ex_call = true;
    if (!ex_call) {
        for (Expr *arg : each(args))
            if (compile_expr(c, arg) < 0) return -1;
        if (nkw > 0) {
            for (Keyword *kw : each(keywords))
                if (compile_expr(c, kw->value) < 0) return -1;
            if (kw_names(c, keywords, nkw) < 0) return -1;
        }
        return addop(c, code::CALL, n + static_cast<int>(nargs + nkw));
    }
    // f(*args, **kwargs): the positional arguments as one tuple, the keywords as one dict.
    if (n == 0 && nargs == 1 && (*args)[0]->kind == ExprKind::Starred) {
        if (compile_expr(c, (*args)[0]->v.Starred.value) < 0) return -1;
    } else if (starunpack(c, args, n, code::BUILD_LIST, code::LIST_APPEND, code::LIST_EXTEND,
                          true) < 0) {
        return -1;
    }
    if (nkw > 0) {
        bool have_dict = false;
        Py_ssize_t nseen = 0;
        for (Py_ssize_t i = 0; i < nkw; ++i) {
            Keyword *kw = (*keywords)[i];
            if (kw->arg == nullptr) {
                if (nseen > 0) {
                    if (subkwargs(c, keywords, i - nseen, i) < 0) return -1;
                    if (have_dict && addop(c, code::DICT_MERGE, 1) < 0) return -1;
                    have_dict = true;
                    nseen = 0;
                }
                if (!have_dict) {
                    if (addop(c, code::BUILD_MAP, 0) < 0) return -1;
                    have_dict = true;
                }
                if (compile_expr(c, kw->value) < 0) return -1;
                if (addop(c, code::DICT_MERGE, 1) < 0) return -1;
            } else {
                ++nseen;
            }
        }
        if (nseen > 0) {
            if (subkwargs(c, keywords, nkw - nseen, nkw) < 0) return -1;
            if (have_dict && addop(c, code::DICT_MERGE, 1) < 0) return -1;
        }
    }
    return addop(c, code::CALL_FUNCTION_EX, nkw > 0 ? 1 : 0);
}

}  // namespace minipy::compile
