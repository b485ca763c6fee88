// The text of Python 3.11's `ast.dump(tree, include_attributes=True)` for a tree: every node
// as Class(field=value, ...), fields in _fields order, then lineno, col_offset, end_lineno,
// end_col_offset; optional fields that are absent left out; constants and identifiers by
// their repr(). The tests compare it byte for byte with CPython's.
#include "parse/ast_dump.hpp"

#include <cstdio>
#include <cstring>

#include "parse/ast_names.hpp"

namespace minipy::parse {

using namespace ast;

namespace {

constexpr int kMaxDepth = 3000;

class Dumper {
  public:
    ~Dumper() { PyMem_Free(buffer_); }

    PyObject *result() noexcept {
        if (failed_) return nullptr;
        return PyUnicode_DecodeUTF8(buffer_, size_, nullptr);
    }

    void mod(const Mod *m) noexcept {
        open(kind_name(m->kind));
        switch (m->kind) {
        case ModKind::Module:
            stmts("body", m->v.Module.body);
            field("type_ignores");
            text("[]");
            break;
        case ModKind::Interactive: stmts("body", m->v.Interactive.body); break;
        case ModKind::Expression: field("body"), expr(m->v.Expression.body); break;
        case ModKind::FunctionType:
            exprs("argtypes", m->v.FunctionType.argtypes);
            field("returns"), expr(m->v.FunctionType.returns);
            break;
        }
        close();
    }

  private:
    // --- Output ---------------------------------------------------------------------------
    void text(const char *s, std::size_t n) noexcept {
        if (failed_) return;
        if (size_ + n > capacity_) {
            std::size_t capacity = capacity_ == 0 ? 4096 : capacity_;
            while (capacity < size_ + n) capacity *= 2;
            auto *grown = static_cast<char *>(PyMem_Realloc(buffer_, capacity));
            if (grown == nullptr) {
                PyErr_NoMemory();
                failed_ = true;
                return;
            }
            buffer_ = grown;
            capacity_ = capacity;
        }
        std::memcpy(buffer_ + size_, s, n);
        size_ += n;
    }
    void text(const char *s) noexcept { text(s, std::strlen(s)); }
    void number(long value) noexcept {
        char digits[32];
        text(digits, static_cast<std::size_t>(std::snprintf(digits, sizeof digits, "%ld", value)));
    }
    void repr(PyObject *object) noexcept {
        if (failed_) return;
        PyObject *r = PyObject_Repr(object);
        Py_ssize_t n = 0;
        const char *utf8 = r != nullptr ? PyUnicode_AsUTF8AndSize(r, &n) : nullptr;
        if (utf8 == nullptr) {
            failed_ = true;
        } else {
            text(utf8, static_cast<std::size_t>(n));
        }
        Py_XDECREF(r);
    }

    // --- Node structure -------------------------------------------------------------------
    bool enter() noexcept {
        if (++depth_ > kMaxDepth && !failed_) {
            PyErr_SetString(PyExc_RecursionError,
                            "maximum recursion depth exceeded while dumping the AST");
            failed_ = true;
        }
        return !failed_;
    }
    void open(const char *name) noexcept {
        text(name);
        text("(");
        first_ = true;
    }
    void field(const char *name) noexcept {
        if (!first_) text(", ");
        first_ = false;
        text(name);
        text("=");
    }
    void close() noexcept {
        text(")");
        first_ = false;
    }
    template <class T>
    void attributes(const T *node) noexcept {
        field("lineno"), number(node->lineno);
        field("col_offset"), number(node->col_offset);
        field("end_lineno"), number(node->end_lineno);
        field("end_col_offset"), number(node->end_col_offset);
    }
    void singleton(const char *name) noexcept {
        text(name);
        text("()");
    }
    // An optional field: left out when absent.
    void opt_expr(const char *name, const Expr *e) noexcept {
        if (e != nullptr) field(name), expr(e);
    }
    void opt_id(const char *name, PyObject *id) noexcept {
        if (id != nullptr) field(name), repr(id);
    }

    template <class T, class F>
    void list(const char *name, const Seq<T> *seq, F each_item) noexcept {
        field(name);
        text("[");
        for (Py_ssize_t i = 0; i < len(seq); ++i) {
            if (i > 0) text(", ");
            each_item(seq->items[i]);
        }
        text("]");
        first_ = false;
    }
    void exprs(const char *name, const Seq<Expr *> *seq) noexcept {
        list(name, seq, [this](const Expr *e) {
            if (e == nullptr)
                text("None");
            else
                expr(e);
        });
    }
    void stmts(const char *name, const Seq<Stmt *> *seq) noexcept {
        list(name, seq, [this](const Stmt *s) { stmt(s); });
    }
    void ids(const char *name, const Seq<Identifier> *seq) noexcept {
        list(name, seq, [this](PyObject *id) { repr(id); });
    }
    void patterns(const char *name, const Seq<Pattern *> *seq) noexcept {
        list(name, seq, [this](const Pattern *p) { pattern(p); });
    }

    void stmt(const Stmt *s) noexcept;
    void expr(const Expr *e) noexcept;
    void pattern(const Pattern *p) noexcept;
    void arguments(const Arguments *a) noexcept;
    void arg(const Arg *a) noexcept;
    void keywords(const char *name, const Seq<Keyword *> *seq) noexcept;
    void comprehensions(const Seq<Comprehension *> *seq) noexcept;
    void aliases(const Seq<Alias *> *seq) noexcept;

    char *buffer_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
    bool first_ = true;
    bool failed_ = false;
    int depth_ = 0;
};

void Dumper::arg(const Arg *a) noexcept {
    open("arg");
    field("arg"), repr(a->arg);
    opt_expr("annotation", a->annotation);
    attributes(a);
    close();
}

void Dumper::arguments(const Arguments *a) noexcept {
    open("arguments");
    list("posonlyargs", a->posonlyargs, [this](const Arg *x) { arg(x); });
    list("args", a->args, [this](const Arg *x) { arg(x); });
    if (a->vararg != nullptr) field("vararg"), arg(a->vararg);
    list("kwonlyargs", a->kwonlyargs, [this](const Arg *x) { arg(x); });
    exprs("kw_defaults", a->kw_defaults);
    if (a->kwarg != nullptr) field("kwarg"), arg(a->kwarg);
    exprs("defaults", a->defaults);
    close();
}

void Dumper::keywords(const char *name, const Seq<Keyword *> *seq) noexcept {
    list(name, seq, [this](const Keyword *k) {
        open("keyword");
        opt_id("arg", k->arg);
        field("value"), expr(k->value);
        attributes(k);
        close();
    });
}

void Dumper::comprehensions(const Seq<Comprehension *> *seq) noexcept {
    list("generators", seq, [this](const Comprehension *c) {
        open("comprehension");
        field("target"), expr(c->target);
        field("iter"), expr(c->iter);
        exprs("ifs", c->ifs);
        field("is_async"), number(c->is_async);
        close();
    });
}

void Dumper::aliases(const Seq<Alias *> *seq) noexcept {
    list("names", seq, [this](const Alias *a) {
        open("alias");
        field("name"), repr(a->name);
        opt_id("asname", a->asname);
        attributes(a);
        close();
    });
}

void Dumper::stmt(const Stmt *s) noexcept {
    if (!enter()) return;
    open(kind_name(s->kind));
    switch (s->kind) {
    case StmtKind::FunctionDef:
    case StmtKind::AsyncFunctionDef:
        field("name"), repr(s->v.FunctionDef.name);
        field("args"), arguments(s->v.FunctionDef.args);
        stmts("body", s->v.FunctionDef.body);
        exprs("decorator_list", s->v.FunctionDef.decorator_list);
        opt_expr("returns", s->v.FunctionDef.returns);
        break;
    case StmtKind::ClassDef:
        field("name"), repr(s->v.ClassDef.name);
        exprs("bases", s->v.ClassDef.bases);
        keywords("keywords", s->v.ClassDef.keywords);
        stmts("body", s->v.ClassDef.body);
        exprs("decorator_list", s->v.ClassDef.decorator_list);
        break;
    case StmtKind::Return: opt_expr("value", s->v.Return.value); break;
    case StmtKind::Delete: exprs("targets", s->v.Delete.targets); break;
    case StmtKind::Assign:
        exprs("targets", s->v.Assign.targets);
        field("value"), expr(s->v.Assign.value);
        break;
    case StmtKind::AugAssign:
        field("target"), expr(s->v.AugAssign.target);
        field("op"), singleton(kind_name(s->v.AugAssign.op));
        field("value"), expr(s->v.AugAssign.value);
        break;
    case StmtKind::AnnAssign:
        field("target"), expr(s->v.AnnAssign.target);
        field("annotation"), expr(s->v.AnnAssign.annotation);
        opt_expr("value", s->v.AnnAssign.value);
        field("simple"), number(s->v.AnnAssign.simple);
        break;
    case StmtKind::For:
    case StmtKind::AsyncFor:
        field("target"), expr(s->v.For.target);
        field("iter"), expr(s->v.For.iter);
        stmts("body", s->v.For.body);
        stmts("orelse", s->v.For.orelse);
        break;
    case StmtKind::While:
        field("test"), expr(s->v.While.test);
        stmts("body", s->v.While.body);
        stmts("orelse", s->v.While.orelse);
        break;
    case StmtKind::If:
        field("test"), expr(s->v.If.test);
        stmts("body", s->v.If.body);
        stmts("orelse", s->v.If.orelse);
        break;
    case StmtKind::With:
    case StmtKind::AsyncWith:
        list("items", s->v.With.items, [this](const WithItem *item) {
            open("withitem");
            field("context_expr"), expr(item->context_expr);
            opt_expr("optional_vars", item->optional_vars);
            close();
        });
        stmts("body", s->v.With.body);
        break;
    case StmtKind::Match:
        field("subject"), expr(s->v.Match.subject);
        list("cases", s->v.Match.cases, [this](const MatchCase *c) {
            open("match_case");
            field("pattern"), pattern(c->pattern);
            opt_expr("guard", c->guard);
            stmts("body", c->body);
            close();
        });
        break;
    case StmtKind::Raise:
        opt_expr("exc", s->v.Raise.exc);
        opt_expr("cause", s->v.Raise.cause);
        break;
    case StmtKind::Try:
    case StmtKind::TryStar:
        stmts("body", s->v.Try.body);
        list("handlers", s->v.Try.handlers, [this](const ExceptHandler *h) {
            open("ExceptHandler");
            opt_expr("type", h->type);
            opt_id("name", h->name);
            stmts("body", h->body);
            attributes(h);
            close();
        });
        stmts("orelse", s->v.Try.orelse);
        stmts("finalbody", s->v.Try.finalbody);
        break;
    case StmtKind::Assert:
        field("test"), expr(s->v.Assert.test);
        opt_expr("msg", s->v.Assert.msg);
        break;
    case StmtKind::Import: aliases(s->v.Import.names); break;
    case StmtKind::ImportFrom:
        opt_id("module", s->v.ImportFrom.module);
        aliases(s->v.ImportFrom.names);
        field("level"), number(s->v.ImportFrom.level);
        break;
    case StmtKind::Global:
    case StmtKind::Nonlocal: ids("names", s->v.Global.names); break;
    case StmtKind::Expr: field("value"), expr(s->v.Expr.value); break;
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue: break;
    }
    attributes(s);
    close();
    --depth_;
}

void Dumper::expr(const Expr *e) noexcept {
    if (!enter()) return;
    open(kind_name(e->kind));
    switch (e->kind) {
    case ExprKind::BoolOp:
        field("op"), singleton(kind_name(e->v.BoolOp.op));
        exprs("values", e->v.BoolOp.values);
        break;
    case ExprKind::NamedExpr:
        field("target"), expr(e->v.NamedExpr.target);
        field("value"), expr(e->v.NamedExpr.value);
        break;
    case ExprKind::BinOp:
        field("left"), expr(e->v.BinOp.left);
        field("op"), singleton(kind_name(e->v.BinOp.op));
        field("right"), expr(e->v.BinOp.right);
        break;
    case ExprKind::UnaryOp:
        field("op"), singleton(kind_name(e->v.UnaryOp.op));
        field("operand"), expr(e->v.UnaryOp.operand);
        break;
    case ExprKind::Lambda:
        field("args"), arguments(e->v.Lambda.args);
        field("body"), expr(e->v.Lambda.body);
        break;
    case ExprKind::IfExp:
        field("test"), expr(e->v.IfExp.test);
        field("body"), expr(e->v.IfExp.body);
        field("orelse"), expr(e->v.IfExp.orelse);
        break;
    case ExprKind::Dict:
        exprs("keys", e->v.Dict.keys);
        exprs("values", e->v.Dict.values);
        break;
    case ExprKind::Set: exprs("elts", e->v.Set.elts); break;
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::GeneratorExp:
        field("elt"), expr(e->v.ListComp.elt);
        comprehensions(e->v.ListComp.generators);
        break;
    case ExprKind::DictComp:
        field("key"), expr(e->v.DictComp.key);
        field("value"), expr(e->v.DictComp.value);
        comprehensions(e->v.DictComp.generators);
        break;
    case ExprKind::Await:
    case ExprKind::YieldFrom: field("value"), expr(e->v.Await.value); break;
    case ExprKind::Yield: opt_expr("value", e->v.Await.value); break;
    case ExprKind::Compare:
        field("left"), expr(e->v.Compare.left);
        list("ops", e->v.Compare.ops, [this](CmpOp op) { singleton(kind_name(op)); });
        exprs("comparators", e->v.Compare.comparators);
        break;
    case ExprKind::Call:
        field("func"), expr(e->v.Call.func);
        exprs("args", e->v.Call.args);
        keywords("keywords", e->v.Call.keywords);
        break;
    case ExprKind::FormattedValue:
        field("value"), expr(e->v.FormattedValue.value);
        field("conversion"), number(e->v.FormattedValue.conversion);
        opt_expr("format_spec", e->v.FormattedValue.format_spec);
        break;
    case ExprKind::JoinedStr: exprs("values", e->v.JoinedStr.values); break;
    case ExprKind::Constant:
        field("value"), repr(e->v.Constant.value);
        opt_id("kind", e->v.Constant.kind);
        break;
    case ExprKind::Attribute:
        field("value"), expr(e->v.Attribute.value);
        field("attr"), repr(e->v.Attribute.attr);
        field("ctx"), singleton(kind_name(e->v.Attribute.ctx));
        break;
    case ExprKind::Subscript:
        field("value"), expr(e->v.Subscript.value);
        field("slice"), expr(e->v.Subscript.slice);
        field("ctx"), singleton(kind_name(e->v.Subscript.ctx));
        break;
    case ExprKind::Starred:
        field("value"), expr(e->v.Starred.value);
        field("ctx"), singleton(kind_name(e->v.Starred.ctx));
        break;
    case ExprKind::Name:
        field("id"), repr(e->v.Name.id);
        field("ctx"), singleton(kind_name(e->v.Name.ctx));
        break;
    case ExprKind::List:
    case ExprKind::Tuple:
        exprs("elts", e->v.List.elts);
        field("ctx"), singleton(kind_name(e->v.List.ctx));
        break;
    case ExprKind::Slice:
        opt_expr("lower", e->v.Slice.lower);
        opt_expr("upper", e->v.Slice.upper);
        opt_expr("step", e->v.Slice.step);
        break;
    }
    attributes(e);
    close();
    --depth_;
}

void Dumper::pattern(const Pattern *p) noexcept {
    if (!enter()) return;
    open(kind_name(p->kind));
    switch (p->kind) {
    case PatternKind::MatchValue: field("value"), expr(p->v.MatchValue.value); break;
    case PatternKind::MatchSingleton: field("value"), repr(p->v.MatchSingleton.value); break;
    case PatternKind::MatchSequence:
    case PatternKind::MatchOr: patterns("patterns", p->v.MatchSequence.patterns); break;
    case PatternKind::MatchMapping:
        exprs("keys", p->v.MatchMapping.keys);
        patterns("patterns", p->v.MatchMapping.patterns);
        opt_id("rest", p->v.MatchMapping.rest);
        break;
    case PatternKind::MatchClass:
        field("cls"), expr(p->v.MatchClass.cls);
        patterns("patterns", p->v.MatchClass.patterns);
        ids("kwd_attrs", p->v.MatchClass.kwd_attrs);
        patterns("kwd_patterns", p->v.MatchClass.kwd_patterns);
        break;
    case PatternKind::MatchStar: opt_id("name", p->v.MatchStar.name); break;
    case PatternKind::MatchAs:
        if (p->v.MatchAs.pattern != nullptr) field("pattern"), pattern(p->v.MatchAs.pattern);
        opt_id("name", p->v.MatchAs.name);
        break;
    }
    attributes(p);
    close();
    --depth_;
}

}  // namespace

PyObject *dump_ast(const Mod *mod) noexcept {
    Dumper dumper;
    dumper.mod(mod);
    return dumper.result();
}

}  // namespace minipy::parse
