// PyUnicode_FromFormat and PyBytes_FromFormat against CPython 3.11's own functions: each
// case of data/unicode_format.txt and data/bytes_format.txt was produced by calling
// CPython's PyUnicode_FromFormat / PyBytes_FromFormat through ctypes with the same format
// and arguments this test passes (unicode_expected.py lists them).
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "format_call.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"
#include "unicode_test_support.hpp"

using minipy::test::read_data_file;
using minipy::test::RuntimeScope;
using minipy::test::strs::code_points_of;
using minipy::test::strs::parse_code_points;
using minipy::test::strs::parse_hex;
using minipy::test::strs::Ref;
using minipy::test::strs::take_error;
using minipy::test::strs::to_hex;

BOOST_AUTO_TEST_SUITE(unicode_format)

BOOST_AUTO_TEST_CASE(every_unit_matches_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_format.txt", '\t')) {
        minipy::test::strs::FormatArgs args(row[2], row[3]);
        const std::string format = parse_hex(row[1]);
        Ref result(args.call(PyUnicode_FromFormat, format.c_str()));
        BOOST_TEST_CONTEXT(row[0] << ": " << format) {
            if (row[4] == "ok") {
                BOOST_REQUIRE_MESSAGE(result, take_error());
                BOOST_TEST(code_points_of(result.get()) == parse_code_points(row[5]));
            } else {
                BOOST_TEST(!result);
                BOOST_TEST(take_error() == row[5]);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(bytes_units_match_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("bytes_format.txt", '\t')) {
        minipy::test::strs::FormatArgs args(row[2], row[3]);
        const std::string format = parse_hex(row[1]);
        Ref result(args.call(PyBytes_FromFormat, format.c_str()));
        BOOST_TEST_CONTEXT(row[0] << ": " << format) {
            if (row[4] == "ok") {
                BOOST_REQUIRE_MESSAGE(result, take_error());
                BOOST_TEST(to_hex(PyBytes_AS_STRING(result.get()),
                                  PyBytes_GET_SIZE(result.get())) == row[5]);
            } else {
                BOOST_TEST(!result);
                BOOST_TEST(take_error() == row[5]);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(error_messages_go_through_from_format) {
    RuntimeScope runtime;
    Ref name(PyUnicode_FromString("x\xc3\xa9"));
    PyErr_Format(PyExc_KeyError, "%R not found in %s (%zd tries)", name.get(), "the table",
                 Py_ssize_t{3});
    BOOST_TEST(take_error() == "KeyError: \"'x\xc3\xa9' not found in the table (3 tries)\"");
    PyErr_Format(PyExc_TypeError, "'%.5s' object is not callable", "verylongname");
    BOOST_TEST(take_error() == "TypeError: 'veryl' object is not callable");
}

BOOST_AUTO_TEST_SUITE_END()
