// Identifiers normalized to NFKC as CPython 3.11 does (PEP 3131): for every source name of
// data/names.txt (each identifier character whose normalization changes it, every canonical
// pair that composes, Hangul jamo, shuffled runs of combining marks) the Name the parser
// makes must carry the id python3's parser gave (data/names_gen.py).
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <string>

#include "interp/corpus.hpp"
#include "minipy/Python.h"
#include "parse/frontend.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

BOOST_AUTO_TEST_SUITE(identifiers)

BOOST_AUTO_TEST_CASE(every_name_is_normalized_as_cpython_does) {
    RuntimeScope runtime;
    std::ifstream in(minipy::test::data_path("names.txt"), std::ios::binary);
    BOOST_REQUIRE(in.good());
    PyObject *filename = PyUnicode_FromString("<s>");
    std::string line;
    std::size_t count = 0, changed = 0;
    while (std::getline(in, line)) {
        const std::size_t tab = line.find('\t');
        BOOST_REQUIRE(tab != std::string::npos);
        const std::string source = line.substr(0, tab), expected = line.substr(tab + 1);
        minipy::parse::ArenaScope arena;
        minipy::ast::Mod *mod = minipy::parse::parse_source(
            source.data(), static_cast<Py_ssize_t>(source.size()), filename,
            minipy::parse::ParseMode::Eval, minipy::parse::SourceKind::Text, arena.get());
        BOOST_REQUIRE_MESSAGE(mod != nullptr, "no parse: " << source);
        const minipy::ast::Expr *body = mod->v.Expression.body;
        BOOST_REQUIRE((body->kind == minipy::ast::ExprKind::Name));
        const std::string got = PyUnicode_AsUTF8(body->v.Name.id);
        BOOST_TEST(got == expected, "name " << source);
        changed += got != source;
        ++count;
    }
    Py_DECREF(filename);
    BOOST_TEST(count >= 8000u);
    BOOST_TEST(changed >= 8000u);
    BOOST_TEST_MESSAGE("names.txt: " << count << " names compared with python3, " << changed
                                     << " changed by normalization");
}

BOOST_AUTO_TEST_SUITE_END()
