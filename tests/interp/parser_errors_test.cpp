// Syntax errors against CPython 3.11's: for every source of data/errors.cases (brackets,
// strings, f-strings, numbers, characters, indentation, continuation lines, targets, calls,
// displays, parameters, statements, errors found on later lines, non-ASCII positions, the
// eval and single modes) the exception's type, msg, lineno, offset, end_lineno, end_offset
// and text must be python3's compile()'s; data/file.cases does the same for sources read as
// script files (BOM, coding cookies, bad UTF-8, NUL bytes, positions in bytes). Then the
// refusals that are minipy's own, and limits on nesting.
#include <boost/test/unit_test.hpp>
#include <string>

#include "interp/case_file.hpp"
#include "interp/corpus.hpp"
#include "minipy/Python.h"
#include "parse/frontend.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using minipy::test::SourceCase;

namespace {

std::string describe(const std::string &source, const char *mode = "exec",
                     const char *kind = "text") {
    return minipy::test::parse_and_describe(SourceCase{mode, kind, source, ""});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parser_errors)

BOOST_AUTO_TEST_CASE(every_corpus_error_equals_cpythons) {
    RuntimeScope runtime;
    BOOST_TEST(minipy::test::check_corpus("errors.cases") >= 500u);
}

BOOST_AUTO_TEST_CASE(script_files_fail_as_cpython_reads_them) {
    RuntimeScope runtime;
    BOOST_TEST(minipy::test::check_corpus("file.cases", "case.py") >= 30u);
}

BOOST_AUTO_TEST_CASE(the_exception_names_the_file_and_has_cpythons_class) {
    RuntimeScope runtime;
    using namespace minipy;
    PyObject *name = PyUnicode_FromString("dir/prog.py");
    parse::ArenaScope arena;
    const char source[] = "if x:\n\ty = 1\n        z = 2\n";
    BOOST_TEST(parse::parse_source(source, sizeof source - 1, name, parse::ParseMode::Exec,
                                   parse::SourceKind::Text, arena.get()) == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_REQUIRE(exc != nullptr);
    BOOST_TEST(Py_TYPE(exc) == reinterpret_cast<PyTypeObject *>(PyExc_TabError));
    BOOST_TEST(PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_IndentationError)));
    PyObject *filename = PyObject_GetAttrString(exc, "filename");
    BOOST_TEST(filename == name);
    PyObject *text = PyObject_Str(exc);
    BOOST_TEST(std::string(PyUnicode_AsUTF8(text)) ==
               "inconsistent use of tabs and spaces in indentation (prog.py, line 3)");
    Py_XDECREF(text);
    Py_XDECREF(filename);
    Py_DECREF(exc);
    Py_DECREF(name);
}

// minipy has no complex type: an imaginary literal is refused at the literal, but only when
// nothing else is wrong with the source (else the error is CPython's).
BOOST_AUTO_TEST_CASE(imaginary_literals_are_refused_after_a_successful_parse) {
    RuntimeScope runtime;
    BOOST_TEST(describe("x = 1\ny = 2 + 3j\n") ==
               "('SyntaxError', 'imaginary literals are not supported by minipy', 2, 9, 2, 11, "
               "'y = 2 + 3j\\n')");
    BOOST_TEST(describe("[x, 1.5J]", "eval") ==
               "('SyntaxError', 'imaginary literals are not supported by minipy', 1, 5, 1, 9, "
               "'[x, 1.5J]')");
    // python3: "invalid syntax" at "y", which comes first in the source's own errors.
    BOOST_TEST(describe("x = 3j\ny y\n") ==
               "('SyntaxError', 'invalid syntax', 2, 3, 2, 4, 'y y\\n')");
    BOOST_TEST(describe("match x:\n    case 1 + 2j:\n        pass\n") ==
               "('SyntaxError', 'imaginary literals are not supported by minipy', 2, 14, 2, 16, "
               "'    case 1 + 2j:')");
    // The forms that are errors in CPython too stay CPython's.
    BOOST_TEST(describe("match x:\n    case 1 + 2:\n        pass\n") ==
               "('SyntaxError', 'imaginary number required in complex literal', 2, 14, 2, 15, "
               "'    case 1 + 2:\\n')");
    BOOST_TEST(describe("1j = 2") ==
               "('SyntaxError', \"cannot assign to literal here. Maybe you meant '==' instead of "
               "'='?\", 1, 1, 1, 3, '1j = 2\\n')");
}

// Without a table of character names, \N{...} is refused with a message that says so; the
// malformed forms keep CPython's message.
BOOST_AUTO_TEST_CASE(named_unicode_escapes_are_refused_clearly) {
    RuntimeScope runtime;
    BOOST_TEST(describe("s = '\\N{BULLET}'") ==
               "('SyntaxError', \"(unicode error) 'unicodeescape' codec can't decode bytes in "
               "position 0-9: \\\\N{...} escapes are not supported by minipy (no Unicode name "
               "table)\", 1, 17, 1, 17, \"s = '\\\\N{BULLET}'\\n\")");
    BOOST_TEST(describe("s = '\\N'") ==
               "('SyntaxError', \"(unicode error) 'unicodeescape' codec can't decode bytes in "
               "position 0-1: malformed \\\\N character escape\", 1, 9, 1, 9, \"s = '\\\\N'\\n\")");
    BOOST_TEST(describe("s = rb'\\N{BULLET}'").find("Module(") == 0);  // raw: no escapes
}

BOOST_AUTO_TEST_CASE(source_encodings_other_than_utf8_and_latin1_are_refused) {
    RuntimeScope runtime;
    BOOST_TEST(describe("# coding: cp1252\nx = 1\n", "exec", "file") ==
               "('SyntaxError', 'encoding problem: cp1252 (minipy reads UTF-8 and Latin-1 source "
               "only)', None, None, None, None, None)");
    BOOST_TEST(
        describe("# -*- coding: ISO-8859-1 -*-\nx = '\xe9'\n", "exec", "file").find("value='é'") !=
        std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
