// The symbol table against CPython 3.11's: for every source of data/symtable.cases (scopes of
// every kind, global/nonlocal/free/cell resolution, comprehensions, assignment expressions,
// __class__ cells, annotations, the errors, and every exec-mode source of the AST corpus)
// each block's type, name, line, nestedness, symbols with their flag words, parameters and
// children must be what python3's _symtable builds. The flag words are compared whole, so
// every predicate of python3's symtable module (is_local, is_global, is_declared_global,
// is_nonlocal, is_free, is_parameter, is_referenced, is_assigned, is_imported, ...) agrees.
// Then the API the compiler uses: looking blocks up by node, scopes, flags, mangling.
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <string>

#include "interp/corpus.hpp"
#include "minipy/Python.h"
#include "parse/frontend.hpp"
#include "parse/symtable.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
namespace ast = minipy::ast;
namespace st = minipy::symtable;

namespace {

// A parsed module and its table, freed together.
class Table {
  public:
    explicit Table(const char *source) {
        name_ = PyUnicode_FromString("<s>");
        mod_ = minipy::parse::parse_source(source, static_cast<Py_ssize_t>(std::strlen(source)),
                                           name_, minipy::parse::ParseMode::Exec,
                                           minipy::parse::SourceKind::Text, arena_.get());
        BOOST_REQUIRE(mod_ != nullptr);
        table_ = st::build_symtable(mod_, name_);
        BOOST_REQUIRE(table_ != nullptr);
    }
    ~Table() {
        if (table_ != nullptr) st::free_symtable(table_);
        Py_XDECREF(name_);
    }
    Table(const Table &) = delete;
    Table &operator=(const Table &) = delete;

    ast::Stmt *stmt(Py_ssize_t i) const { return mod_->v.Module.body->items[i]; }
    st::Entry *entry(const void *key) const { return st::lookup(table_, key); }
    st::Entry *top() const { return st::top(table_); }

  private:
    minipy::parse::ArenaScope arena_;
    PyObject *name_ = nullptr;
    ast::Mod *mod_ = nullptr;
    st::SymbolTable *table_ = nullptr;
};

long flags(const st::Entry *entry, const char *name) {
    PyObject *key = PyUnicode_FromString(name);
    const long result = st::symbol_flags(entry, key);
    Py_DECREF(key);
    return result;
}

int scope(const st::Entry *entry, const char *name) {
    return st::scope_of(flags(entry, name));
}

std::string varnames(const st::Entry *entry) {
    PyObject *repr = PyObject_Repr(entry->varnames);
    std::string out = PyUnicode_AsUTF8(repr);
    Py_DECREF(repr);
    return out;
}

std::string mangled(const char *private_name, const char *name) {
    PyObject *owner = private_name != nullptr ? PyUnicode_FromString(private_name) : nullptr;
    PyObject *n = PyUnicode_FromString(name);
    PyObject *m = st::mangle(owner, n);
    std::string out = PyUnicode_AsUTF8(m);
    Py_DECREF(m);
    Py_DECREF(n);
    Py_XDECREF(owner);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(symtable)

BOOST_AUTO_TEST_CASE(every_corpus_table_equals_cpythons) {
    RuntimeScope runtime;
    BOOST_TEST(minipy::test::check_corpus("symtable.cases") >= 600u);
}

BOOST_AUTO_TEST_CASE(blocks_are_found_by_the_node_that_opened_them) {
    RuntimeScope runtime;
    Table t(
        "def f(a, b=1, /, c=2, *args, d, e=3, **kw):\n"
        "    g = lambda x: x + a\n"
        "    return [y for y in args]\n");
    st::Entry *module = t.top();
    BOOST_TEST((module->type == st::BlockType::Module));
    st::Entry *f = t.entry(t.stmt(0));
    BOOST_REQUIRE(f != nullptr);
    BOOST_TEST((f->type == st::BlockType::Function));
    BOOST_TEST(module->nchildren == 1);
    BOOST_TEST(module->children[0] == f);
    // Parameters in co_varnames order: positional, keyword-only, then *args and **kw.
    BOOST_TEST(varnames(f) == "['a', 'b', 'c', 'd', 'e', 'args', 'kw']");
    BOOST_TEST(f->varargs);
    BOOST_TEST(f->varkeywords);
    BOOST_TEST(f->returns_value);
    BOOST_TEST(!f->generator);
    BOOST_TEST(scope(f, "a") == st::CELL);
    BOOST_TEST(scope(f, "args") == st::LOCAL);
    BOOST_TEST(flags(f, "y") == 0);  // the comprehension's own

    ast::Stmt *assign = t.stmt(0)->v.FunctionDef.body->items[0];
    st::Entry *lambda = t.entry(assign->v.Assign.value);
    BOOST_REQUIRE(lambda != nullptr);
    BOOST_TEST(PyUnicode_CompareWithASCIIString(lambda->name, "lambda") == 0);
    BOOST_TEST(lambda->nested);
    BOOST_TEST(scope(lambda, "a") == st::FREE);
    BOOST_TEST(lambda->free);
    BOOST_TEST(f->child_free);

    ast::Stmt *ret = t.stmt(0)->v.FunctionDef.body->items[1];
    st::Entry *comp = t.entry(ret->v.Return.value);
    BOOST_REQUIRE(comp != nullptr);
    BOOST_TEST((comp->comprehension == st::Comprehension::List));
    BOOST_TEST(varnames(comp) == "['.0']");
    BOOST_TEST(scope(comp, "y") == st::LOCAL);
    BOOST_TEST((flags(comp, "y") & st::DEF_COMP_ITER) != 0);
    BOOST_TEST(t.entry(ret) == nullptr);  // a return opens no block
}

BOOST_AUTO_TEST_CASE(names_resolve_to_cpythons_scopes) {
    RuntimeScope runtime;
    Table t(
        "g1 = 0\n"
        "def outer():\n"
        "    global g2\n"
        "    g2 = 1\n"
        "    v = 2\n"
        "    def inner():\n"
        "        nonlocal v\n"
        "        v += len(g1)\n");
    st::Entry *outer = t.entry(t.stmt(1));
    BOOST_TEST(scope(outer, "g2") == st::GLOBAL_EXPLICIT);
    BOOST_TEST((flags(outer, "g2") & st::DEF_GLOBAL) != 0);
    BOOST_TEST(scope(outer, "v") == st::CELL);
    BOOST_TEST(scope(outer, "inner") == st::LOCAL);
    st::Entry *inner = outer->children[0];
    BOOST_TEST(scope(inner, "v") == st::FREE);
    BOOST_TEST((flags(inner, "v") & st::DEF_NONLOCAL) != 0);
    BOOST_TEST(scope(inner, "len") == st::GLOBAL_IMPLICIT);
    BOOST_TEST(scope(inner, "g1") == st::GLOBAL_IMPLICIT);
    BOOST_TEST(scope(t.top(), "g2") == st::GLOBAL_EXPLICIT);
    BOOST_TEST(scope(t.top(), "g1") == st::LOCAL);
}

BOOST_AUTO_TEST_CASE(methods_using_super_get_the_class_cell) {
    RuntimeScope runtime;
    Table t(
        "class A(B):\n"
        "    def m(self):\n"
        "        return super().m()\n"
        "class C:\n"
        "    def n(self):\n"
        "        return self\n");
    st::Entry *a = t.entry(t.stmt(0));
    BOOST_TEST((a->type == st::BlockType::Class));
    BOOST_TEST(a->needs_class_closure);
    BOOST_TEST(scope(a->children[0], "__class__") == st::FREE);
    BOOST_TEST(flags(a, "__class__") == 0);  // the cell is the class body's, not a symbol
    st::Entry *c = t.entry(t.stmt(1));
    BOOST_TEST(!c->needs_class_closure);
    BOOST_TEST(flags(c->children[0], "__class__") == 0);
}

BOOST_AUTO_TEST_CASE(generators_and_coroutines_are_flagged) {
    RuntimeScope runtime;
    Table t(
        "def g():\n    yield 1\n"
        "async def h(x):\n    await x\n"
        "def k():\n    return 1\n"
        "e = (i for i in range(3))\n");
    BOOST_TEST(t.entry(t.stmt(0))->generator);
    BOOST_TEST(!t.entry(t.stmt(0))->coroutine);
    BOOST_TEST(t.entry(t.stmt(1))->coroutine);
    BOOST_TEST(!t.entry(t.stmt(1))->generator);
    BOOST_TEST(!t.entry(t.stmt(2))->generator);
    st::Entry *genexpr = t.entry(t.stmt(3)->v.Assign.value);
    BOOST_REQUIRE(genexpr != nullptr);
    BOOST_TEST(genexpr->generator);
    BOOST_TEST((genexpr->comprehension == st::Comprehension::Generator));
}

BOOST_AUTO_TEST_CASE(private_names_are_mangled_as_cpython_does) {
    RuntimeScope runtime;
    BOOST_TEST(mangled("C", "__x") == "_C__x");
    BOOST_TEST(mangled("_C", "__x") == "_C__x");     // the class name's underscores go
    BOOST_TEST(mangled("__C_", "__x") == "_C___x");  // only the leading ones
    BOOST_TEST(mangled("C", "__x__") == "__x__");    // dunder names stay
    BOOST_TEST(mangled("C", "_x") == "_x");
    BOOST_TEST(mangled("C", "__a.b") == "__a.b");  // dotted import names stay
    BOOST_TEST(mangled("___", "__x") == "__x");    // a class of underscores only
    BOOST_TEST(mangled(nullptr, "__x") == "__x");
    Table t("class K:\n    __p = 1\n    def m(self):\n        return self.__q\n");
    BOOST_TEST(scope(t.entry(t.stmt(0)), "_K__p") == st::LOCAL);
    BOOST_TEST(flags(t.entry(t.stmt(0)), "__p") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
