// printf-style formatting (objects/str/str_percent_format.cpp), str % args and bytes % args,
// through PyNumber_Remainder (the types' nb_remainder) against python3:
// data/percent_format_cases.txt holds about 10000 formats drawn from every conversion, flag,
// width, precision and length modifier over a set of values, and the edge cases of its
// generator (argument counts, mappings, '*', bad conversions), results and messages both.
#include <boost/test/unit_test.hpp>

#include <string>

#include "abstract_helpers.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

using minipy::test::read_data_file;
using minipy::test::RuntimeScope;
using namespace minipy::test::abstract_support;

BOOST_AUTO_TEST_SUITE(percent_format)

BOOST_AUTO_TEST_CASE(str_and_bytes_percent_args_match_python3) {
    RuntimeScope runtime;
    const auto rows = read_data_file("percent_format_cases.txt", '\t');
    BOOST_REQUIRE(rows.size() > 10000);
    int bytes_rows = 0;
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 3);
        Owned format(literal(row[0]));
        Owned args(literal(row[1]));
        if (PyBytes_Check(format.get())) ++bytes_rows;
        const std::string got = outcome(PyNumber_Remainder(format, args));
        BOOST_TEST(got == row[2], row[0] << " % " << row[1] << ": got " << got);
        BOOST_REQUIRE(!PyErr_Occurred());
    }
    BOOST_TEST(bytes_rows > 2500);
}

// The C API entry points: PyUnicode_Format checks its arguments, and ascii() escapes.
BOOST_AUTO_TEST_CASE(c_api_entry_points) {
    RuntimeScope runtime;
    Owned format(literal("'%d'")), number(literal("12"));
    BOOST_TEST(outcome(PyUnicode_Format(format, number)) == "='12'");
    BOOST_TEST(outcome(PyUnicode_Format(number, format)) == "!TypeError: must be str, not int");
    BOOST_TEST(outcome(PyUnicode_Format(nullptr, number)).rfind("!SystemError", 0) == 0);
    Owned text(literal("'\\u20ac\\xe9x'"));
    BOOST_TEST(outcome(PyObject_ASCII(text)) == "=\"'\\\\u20ac\\\\xe9x'\"");
}

BOOST_AUTO_TEST_SUITE_END()
