// The grammar's actions: building nodes and sequences, and the helpers CPython 3.11 keeps in
// Parser/action_helpers.c (contexts, arguments, calls, decorators, names with dots) and the
// error helpers the invalid rules call. Strings are in string_literal.cpp, numbers in
// number_literal.cpp.
#include <cstring>
#include <type_traits>

#include "parse/ast_names.hpp"
#include "parse/identifier.hpp"
#include "parse/parser.hpp"

namespace minipy::parse {

using namespace ast;

Expr *Parser::new_expr(ExprKind kind, const Location &loc) noexcept {
    auto *e = arena_->make<Expr>();
    if (e == nullptr) {
        error_ = true;
        return nullptr;
    }
    static_cast<Location &>(*e) = loc;
    e->kind = kind;
    return e;
}

Stmt *Parser::new_stmt(StmtKind kind, const Location &loc) noexcept {
    auto *s = arena_->make<Stmt>();
    if (s == nullptr) {
        error_ = true;
        return nullptr;
    }
    static_cast<Location &>(*s) = loc;
    s->kind = kind;
    return s;
}

Pattern *Parser::new_pattern(PatternKind kind, const Location &loc) noexcept {
    auto *p = arena_->make<Pattern>();
    if (p == nullptr) {
        error_ = true;
        return nullptr;
    }
    static_cast<Location &>(*p) = loc;
    p->kind = kind;
    return p;
}

template <class T>
Seq<T> *Parser::singleton_seq(T item) noexcept {
    Seq<T> *seq = new_seq<T>(1);
    if (seq != nullptr) seq->items[0] = item;
    return seq;
}

template <class T>
Seq<T> *Parser::seq_insert_in_front(T item, Seq<T> *seq) noexcept {
    const Py_ssize_t n = len(seq);
    Seq<T> *out = new_seq<T>(n + 1);
    if (out == nullptr) return nullptr;
    out->items[0] = item;
    for (Py_ssize_t i = 0; i < n; ++i) out->items[i + 1] = seq->items[i];
    return out;
}

template <class T>
Seq<T> *Parser::seq_append_to_end(Seq<T> *seq, T item) noexcept {
    const Py_ssize_t n = len(seq);
    Seq<T> *out = new_seq<T>(n + 1);
    if (out == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) out->items[i] = seq->items[i];
    out->items[n] = item;
    return out;
}

// The instantiations the rules use.
template Seq<Expr *> *Parser::singleton_seq(Expr *) noexcept;
template Seq<Stmt *> *Parser::singleton_seq(Stmt *) noexcept;
template Seq<Alias *> *Parser::singleton_seq(Alias *) noexcept;
template Seq<Expr *> *Parser::seq_insert_in_front(Expr *, Seq<Expr *> *) noexcept;
template Seq<Pattern *> *Parser::seq_insert_in_front(Pattern *, Seq<Pattern *> *) noexcept;
template Seq<Expr *> *Parser::seq_append_to_end(Seq<Expr *> *, Expr *) noexcept;

Seq<Stmt *> *Parser::seq_flatten(Seq<Seq<Stmt *> *> *seqs) noexcept {
    Py_ssize_t total = 0;
    for (Seq<Stmt *> *inner : each(seqs)) total += len(inner);
    Seq<Stmt *> *out = new_seq<Stmt *>(total);
    if (out == nullptr) return nullptr;
    Py_ssize_t k = 0;
    for (Seq<Stmt *> *inner : each(seqs))
        for (Stmt *s : each(inner)) out->items[k++] = s;
    return out;
}

Expr *Parser::name_from_token(Token *t, ExprContext ctx) noexcept {
    PyObject *id = new_identifier(t->start, t->end - t->start);
    if (id == nullptr || arena_->add_object(id) < 0) {
        Py_XDECREF(id);
        error_ = true;
        return nullptr;
    }
    Expr *e =
        new_expr(ExprKind::Name, {t->lineno, t->col_offset, t->end_lineno, t->end_col_offset});
    if (e == nullptr) return nullptr;
    e->v.Name.id = id;
    e->v.Name.ctx = ctx;
    return e;
}

// NAME in the grammar.
Expr *Parser::name_token() noexcept {
    Token *t = expect(Tok::NAME);
    return t != nullptr ? name_from_token(t, ExprContext::Load) : nullptr;
}

// A copy of a target with `ctx` on it and on everything it unpacks (nodes may be shared
// between memoized alternatives, so they are never changed in place).
Expr *Parser::set_expr_context(Expr *e, ExprContext ctx) noexcept {
    Expr *copy;
    switch (e->kind) {
    case ExprKind::Name:
    case ExprKind::Subscript:
    case ExprKind::Attribute:
    case ExprKind::Starred:
    case ExprKind::Tuple:
    case ExprKind::List: break;
    default: return e;
    }
    copy = arena_->make<Expr>();
    if (copy == nullptr) {
        error_ = true;
        return nullptr;
    }
    *copy = *e;
    switch (e->kind) {
    case ExprKind::Name: copy->v.Name.ctx = ctx; break;
    case ExprKind::Subscript: copy->v.Subscript.ctx = ctx; break;
    case ExprKind::Attribute: copy->v.Attribute.ctx = ctx; break;
    case ExprKind::Starred:
        copy->v.Starred.ctx = ctx;
        copy->v.Starred.value = set_expr_context(e->v.Starred.value, ctx);
        if (copy->v.Starred.value == nullptr) return nullptr;
        break;
    default:  // Tuple, List
        copy->v.List.ctx = ctx;
        copy->v.List.elts = set_seq_context(e->v.List.elts, ctx);
        if (copy->v.List.elts == nullptr && e->v.List.elts != nullptr) return nullptr;
        break;
    }
    return copy;
}

Seq<Expr *> *Parser::set_seq_context(Seq<Expr *> *seq, ExprContext ctx) noexcept {
    if (seq == nullptr) return nullptr;
    Seq<Expr *> *out = new_seq<Expr *>(seq->size);
    if (out == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < seq->size; ++i) {
        out->items[i] = set_expr_context(seq->items[i], ctx);
        if (out->items[i] == nullptr) return nullptr;
    }
    return out;
}

// dotted_name: "a" "." "b" becomes one Name "a.b" spanning both.
Expr *Parser::join_names_with_dot(Expr *a, Expr *b) noexcept {
    PyObject *joined = PyUnicode_FromFormat("%U.%U", a->v.Name.id, b->v.Name.id);
    if (joined == nullptr) {
        error_ = true;
        return nullptr;
    }
    PyUnicode_InternInPlace(&joined);
    if (arena_->add_object(joined) < 0) {
        Py_DECREF(joined);
        error_ = true;
        return nullptr;
    }
    Expr *e =
        new_expr(ExprKind::Name, {a->lineno, a->col_offset, b->end_lineno, b->end_col_offset});
    if (e == nullptr) return nullptr;
    e->v.Name.id = joined;
    e->v.Name.ctx = ExprContext::Load;
    return e;
}

int Parser::seq_count_dots(Seq<Token *> *seq) noexcept {
    int count = 0;
    for (Token *t : each(seq)) count += t->type == Tok::ELLIPSIS ? 3 : 1;
    return count;
}

Alias *Parser::alias_for_star(const Location &loc) noexcept {
    PyObject *star = PyUnicode_InternFromString("*");
    if (star == nullptr || arena_->add_object(star) < 0) {
        Py_XDECREF(star);
        error_ = true;
        return nullptr;
    }
    auto *alias = arena_->make<Alias>();
    if (alias == nullptr) {
        error_ = true;
        return nullptr;
    }
    static_cast<Location &>(*alias) = loc;
    alias->name = star;
    return alias;
}

Arguments *Parser::empty_arguments() noexcept {
    auto *a = arena_->make<Arguments>();
    if (a == nullptr) error_ = true;
    return a;
}

NameDefaultPair *Parser::name_default_pair(Arg *arg, Expr *value) noexcept {
    auto *pair = arena_->make<NameDefaultPair>();
    if (pair == nullptr) {
        error_ = true;
        return nullptr;
    }
    pair->arg = arg;
    pair->value = value;
    return pair;
}

SlashWithDefault *Parser::slash_with_default(Seq<Arg *> *plain,
                                             Seq<NameDefaultPair *> *with_defaults) noexcept {
    auto *s = arena_->make<SlashWithDefault>();
    if (s == nullptr) {
        error_ = true;
        return nullptr;
    }
    s->plain_names = plain;
    s->names_with_defaults = with_defaults;
    return s;
}

StarEtc *Parser::star_etc(Arg *vararg, Seq<NameDefaultPair *> *kwonly, Arg *kwarg) noexcept {
    auto *s = arena_->make<StarEtc>();
    if (s == nullptr) {
        error_ = true;
        return nullptr;
    }
    s->vararg = vararg;
    s->kwonlyargs = kwonly;
    s->kwarg = kwarg;
    return s;
}

Arg *Parser::make_arg(Token *, Expr *name, Expr *annotation, const Location &loc) noexcept {
    auto *a = arena_->make<Arg>();
    if (a == nullptr) {
        error_ = true;
        return nullptr;
    }
    static_cast<Location &>(*a) = loc;
    a->arg = name->v.Name.id;
    a->annotation = annotation;
    return a;
}

namespace {

template <class T, class F>
Seq<T> *map_seq(Parser &p, Py_ssize_t n, F f) noexcept {
    Seq<T> *out = p.new_seq<T>(n);
    if (out == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) out->items[i] = f(i);
    return out;
}

}  // namespace

// CPython's _PyPegen_make_arguments: the parameter lists of a def or lambda from the pieces
// the rules matched.
Arguments *Parser::make_arguments(Seq<Arg *> *slash_without_default,
                                  SlashWithDefault *slash_with_default_part,
                                  Seq<Arg *> *plain_names,
                                  Seq<NameDefaultPair *> *names_with_default,
                                  StarEtc *star_etc_part) noexcept {
    auto names_of = [this](Seq<NameDefaultPair *> *pairs) {
        return map_seq<Arg *>(*this, len(pairs),
                              [pairs](Py_ssize_t i) { return pairs->items[i]->arg; });
    };
    auto defaults_of = [this](Seq<NameDefaultPair *> *pairs) {
        return map_seq<Expr *>(*this, len(pairs),
                               [pairs](Py_ssize_t i) { return pairs->items[i]->value; });
    };
    auto join = [this](auto *a, auto *b) {
        using T = std::remove_reference_t<decltype(a->items[0])>;
        const Py_ssize_t na = len(a), nb = len(b);
        return map_seq<T>(*this, na + nb, [a, b, na](Py_ssize_t i) {
            return i < na ? a->items[i] : b->items[i - na];
        });
    };
    auto *args = arena_->make<Arguments>();
    if (args == nullptr) {
        error_ = true;
        return nullptr;
    }
    if (slash_without_default != nullptr)
        args->posonlyargs = slash_without_default;
    else if (slash_with_default_part != nullptr)
        args->posonlyargs = join(slash_with_default_part->plain_names,
                                 names_of(slash_with_default_part->names_with_defaults));
    if (plain_names != nullptr && names_with_default != nullptr)
        args->args = join(plain_names, names_of(names_with_default));
    else if (names_with_default != nullptr)
        args->args = names_of(names_with_default);
    else
        args->args = plain_names;
    if (slash_with_default_part != nullptr && names_with_default != nullptr)
        args->defaults = join(defaults_of(slash_with_default_part->names_with_defaults),
                              defaults_of(names_with_default));
    else if (names_with_default != nullptr)
        args->defaults = defaults_of(names_with_default);
    else if (slash_with_default_part != nullptr)
        args->defaults = defaults_of(slash_with_default_part->names_with_defaults);
    if (star_etc_part != nullptr) {
        args->vararg = star_etc_part->vararg;
        if (star_etc_part->kwonlyargs != nullptr) {
            args->kwonlyargs = names_of(star_etc_part->kwonlyargs);
            args->kw_defaults = defaults_of(star_etc_part->kwonlyargs);
        }
        args->kwarg = star_etc_part->kwarg;
    }
    return error_ ? nullptr : args;
}

KeyValuePair *Parser::key_value_pair(Expr *key, Expr *value) noexcept {
    auto *pair = arena_->make<KeyValuePair>();
    if (pair == nullptr) {
        error_ = true;
        return nullptr;
    }
    pair->key = key;
    pair->value = value;
    return pair;
}

Seq<Expr *> *Parser::get_keys(Seq<KeyValuePair *> *pairs) noexcept {
    return map_seq<Expr *>(*this, len(pairs),
                           [pairs](Py_ssize_t i) { return pairs->items[i]->key; });
}

Seq<Expr *> *Parser::get_values(Seq<KeyValuePair *> *pairs) noexcept {
    return map_seq<Expr *>(*this, len(pairs),
                           [pairs](Py_ssize_t i) { return pairs->items[i]->value; });
}

KeyPatternPair *Parser::key_pattern_pair(Expr *key, Pattern *pattern) noexcept {
    auto *pair = arena_->make<KeyPatternPair>();
    if (pair == nullptr) {
        error_ = true;
        return nullptr;
    }
    pair->key = key;
    pair->pattern = pattern;
    return pair;
}

CmpopExprPair *Parser::cmpop_expr_pair(CmpOp op, Expr *expr) noexcept {
    auto *pair = arena_->make<CmpopExprPair>();
    if (pair == nullptr) {
        error_ = true;
        return nullptr;
    }
    pair->cmpop = op;
    pair->expr = expr;
    return pair;
}

KeywordOrStarred *Parser::keyword_or_starred(void *element, bool is_keyword) noexcept {
    auto *k = arena_->make<KeywordOrStarred>();
    if (k == nullptr) {
        error_ = true;
        return nullptr;
    }
    k->element = element;
    k->is_keyword = is_keyword;
    return k;
}

Seq<Expr *> *Parser::seq_extract_starred_exprs(Seq<KeywordOrStarred *> *kwargs) noexcept {
    Py_ssize_t n = 0;
    for (KeywordOrStarred *k : each(kwargs)) n += k->is_keyword ? 0 : 1;
    if (n == 0) return nullptr;
    Seq<Expr *> *out = new_seq<Expr *>(n);
    if (out == nullptr) return nullptr;
    Py_ssize_t i = 0;
    for (KeywordOrStarred *k : each(kwargs))
        if (!k->is_keyword) out->items[i++] = static_cast<Expr *>(k->element);
    return out;
}

Seq<Keyword *> *Parser::seq_delete_starred_exprs(Seq<KeywordOrStarred *> *kwargs) noexcept {
    Py_ssize_t n = 0;
    for (KeywordOrStarred *k : each(kwargs)) n += k->is_keyword ? 1 : 0;
    if (n == 0) return nullptr;
    Seq<Keyword *> *out = new_seq<Keyword *>(n);
    if (out == nullptr) return nullptr;
    Py_ssize_t i = 0;
    for (KeywordOrStarred *k : each(kwargs))
        if (k->is_keyword) out->items[i++] = static_cast<Keyword *>(k->element);
    return out;
}

// args: positional arguments, then the starred ones found among the keywords, as a Call
// whose func is filled in by the caller.
Expr *Parser::collect_call_seqs(Seq<Expr *> *a, Seq<KeywordOrStarred *> *b,
                                const Location &loc) noexcept {
    Expr *call = new_expr(ExprKind::Call, loc);
    if (call == nullptr) return nullptr;
    if (b == nullptr) {
        call->v.Call.args = a;
        return call;
    }
    Seq<Expr *> *starreds = seq_extract_starred_exprs(b);
    call->v.Call.keywords = seq_delete_starred_exprs(b);
    if (error_) return nullptr;
    const Py_ssize_t na = len(a), ns = len(starreds);
    Seq<Expr *> *all = new_seq<Expr *>(na + ns);
    if (all == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < na; ++i) all->items[i] = a->items[i];
    for (Py_ssize_t i = 0; i < ns; ++i) all->items[na + i] = starreds->items[i];
    call->v.Call.args = all;
    return call;
}

// A decorated def keeps the def's own position (CPython 3.8+).
Stmt *Parser::function_def_decorators(Seq<Expr *> *decorators, Stmt *function_def) noexcept {
    Stmt *s = new_stmt(function_def->kind, *function_def);
    if (s == nullptr) return nullptr;
    s->v.FunctionDef = function_def->v.FunctionDef;
    s->v.FunctionDef.decorator_list = decorators;
    return s;
}

Stmt *Parser::class_def_decorators(Seq<Expr *> *decorators, Stmt *class_def) noexcept {
    Stmt *s = new_stmt(StmtKind::ClassDef, *class_def);
    if (s == nullptr) return nullptr;
    s->v.ClassDef = class_def->v.ClassDef;
    s->v.ClassDef.decorator_list = decorators;
    return s;
}

Mod *Parser::make_module(Seq<Stmt *> *body) noexcept {
    auto *m = arena_->make<Mod>();
    if (m == nullptr) {
        error_ = true;
        return nullptr;
    }
    m->kind = ModKind::Module;
    m->v.Module.body = body;
    return m;
}

bool Parser::check_legacy_stmt(Expr *name) noexcept {
    if (name->kind != ExprKind::Name) return false;
    return PyUnicode_CompareWithASCIIString(name->v.Name.id, "print") == 0 ||
           PyUnicode_CompareWithASCIIString(name->v.Name.id, "exec") == 0;
}

void *Parser::arguments_parsing_error(Expr *e) noexcept {
    bool keyword_unpacking = false;
    for (Keyword *k : each(e->v.Call.keywords))
        if (k->arg == nullptr) keyword_unpacking = true;
    return syntax_error(keyword_unpacking ? "positional argument follows keyword argument unpacking"
                                          : "positional argument follows keyword argument");
}

namespace {

Expr *last_comprehension_item(Comprehension *c) noexcept {
    if (len(c->ifs) == 0) return c->iter;
    return c->ifs->items[c->ifs->size - 1];
}

}  // namespace

// f(a, x for x in y): a generator expression that is not the only argument.
void *Parser::nonparen_genexp_in_call(Expr *args, Seq<Comprehension *> *comps) noexcept {
    const Py_ssize_t n = len(args->v.Call.args);
    if (n <= 1) return nullptr;
    Comprehension *last = comps->items[comps->size - 1];
    return syntax_error_at(
        Span::range(args->v.Call.args->items[n - 1], last_comprehension_item(last)),
        "Generator expression must be parenthesized");
}

// Where an assignment or deletion target is not one, the first offending part
// (CPython's _PyPegen_get_invalid_target); NULL when all of it is a valid target.
Expr *invalid_target(Expr *e, int targets_type) noexcept {
    if (e == nullptr) return nullptr;
    switch (e->kind) {
    case ExprKind::List:
    case ExprKind::Tuple:
        for (Expr *elt : each(e->v.List.elts))
            if (Expr *child = invalid_target(elt, targets_type)) return child;
        return nullptr;
    case ExprKind::Starred:
        if (targets_type == kDelTargets) return e;
        return invalid_target(e->v.Starred.value, targets_type);
    case ExprKind::Compare:
        // `for a in b`: the `a in b` parsed as a comparison; look at its left side.
        if (targets_type == kForTargets) {
            if (e->v.Compare.ops->items[0] == CmpOp::In)
                return invalid_target(e->v.Compare.left, targets_type);
            return nullptr;
        }
        return e;
    case ExprKind::Name:
    case ExprKind::Subscript:
    case ExprKind::Attribute: return nullptr;
    default: return e;
    }
}

void *Parser::syntax_error_invalid_target(int targets_type, Expr *e) noexcept {
    Expr *invalid = invalid_target(e, targets_type);
    if (invalid == nullptr) return nullptr;
    const char *msg = (targets_type == kStarTargets || targets_type == kForTargets)
                          ? "cannot assign to %s"
                          : "cannot delete %s";
    return syntax_error_at(Span::of(invalid), msg, expr_name(invalid));
}

Expr *Parser::ensure_real(Expr *e) noexcept {
    if (e->kind != ExprKind::Constant || e->v.Constant.value == Py_NotImplemented) {
        syntax_error_at(Span::of(e), "real number required in complex literal");
        return nullptr;
    }
    return e;
}

// An imaginary literal is a Constant holding NotImplemented until the parse ends
// (number_literal.cpp).
Expr *Parser::ensure_imaginary(Expr *e) noexcept {
    if (e->kind != ExprKind::Constant || e->v.Constant.value != Py_NotImplemented) {
        syntax_error_at(Span::of(e), "imaginary number required in complex literal");
        return nullptr;
    }
    return e;
}

}  // namespace minipy::parse
