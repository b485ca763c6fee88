// The parser's trees against CPython 3.11's: for every source of data/ast.cases (literals of
// every form, f-strings, operators and precedence, every statement and expression kind,
// patterns, positions in multi-line and non-ASCII code, and the files of data/ast_corpus),
// minipy's dump_ast() must equal python3's ast.dump(tree, include_attributes=True) byte for
// byte. The expected text comes from data/ast_gen.py.
#include <boost/test/unit_test.hpp>

#include "interp/corpus.hpp"
#include "minipy/Python.h"
#include "parse/ast_dump.hpp"
#include "parse/frontend.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

BOOST_AUTO_TEST_SUITE(ast_dump)

BOOST_AUTO_TEST_CASE(every_corpus_tree_equals_cpythons_dump) {
    RuntimeScope runtime;
    BOOST_TEST(minipy::test::check_corpus("ast.cases") >= 500u);
}

BOOST_AUTO_TEST_CASE(constants_are_runtime_objects_owned_by_the_arena) {
    RuntimeScope runtime;
    using namespace minipy;
    PyObject *name = PyUnicode_FromString("<s>");
    {
        parse::ArenaScope arena;
        const char source[] = "x = (1, 2.5, 'é', b'\\x00', True, None, ..., 10**30)\n";
        ast::Mod *mod = parse::parse_source(source, sizeof source - 1, name, parse::ParseMode::Exec,
                                            parse::SourceKind::Text, arena.get());
        BOOST_REQUIRE(mod != nullptr);
        ast::Expr *tuple = mod->v.Module.body->items[0]->v.Assign.value;
        BOOST_REQUIRE((tuple->kind == ast::ExprKind::Tuple));
        ast::Seq<ast::Expr *> *elts = tuple->v.List.elts;
        BOOST_TEST(PyLong_CheckExact(elts->items[0]->v.Constant.value));
        BOOST_TEST(PyFloat_AsDouble(elts->items[1]->v.Constant.value) == 2.5);
        BOOST_TEST(PyUnicode_GetLength(elts->items[2]->v.Constant.value) == 1);
        BOOST_TEST(PyUnicode_ReadChar(elts->items[2]->v.Constant.value, 0) == 0xE9u);
        BOOST_TEST(PyBytes_Size(elts->items[3]->v.Constant.value) == 1);
        BOOST_TEST(elts->items[4]->v.Constant.value == Py_True);
        BOOST_TEST(elts->items[5]->v.Constant.value == Py_None);
        BOOST_TEST(elts->items[6]->v.Constant.value == Py_Ellipsis);
        BOOST_TEST((elts->items[7]->kind == ast::ExprKind::BinOp));
    }
    Py_DECREF(name);
}

BOOST_AUTO_TEST_CASE(dump_of_a_tree_deeper_than_its_limit_is_a_recursion_error) {
    RuntimeScope runtime;
    using namespace minipy;
    // "x" + ".a" * 5000 parses iteratively (a left-recursive rule) into a 5000-deep tree.
    std::string source = "x";
    for (int i = 0; i < 5000; ++i) source += ".a";
    PyObject *name = PyUnicode_FromString("<s>");
    {
        parse::ArenaScope arena;
        ast::Mod *mod =
            parse::parse_source(source.data(), static_cast<Py_ssize_t>(source.size()), name,
                                parse::ParseMode::Eval, parse::SourceKind::Text, arena.get());
        BOOST_REQUIRE(mod != nullptr);
        BOOST_TEST(parse::dump_ast(mod) == nullptr);
        BOOST_TEST(PyErr_ExceptionMatches(PyExc_RecursionError));
        PyErr_Clear();
    }
    Py_DECREF(name);
}

BOOST_AUTO_TEST_SUITE_END()
