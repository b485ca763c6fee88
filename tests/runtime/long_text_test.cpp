// int <-> text: str/repr and bin/oct/hex (_PyLong_Format), int(str, base) and int(bytes, base)
// with CPython 3.11's grammar and messages, PyLong_FromString's end pointer, Unicode digits and
// white space, and the 4300-digit limit in both directions. Expected values come from python3
// (tests/runtime/data/gen_long_cases.py).
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <string>

#include "minipy/Python.h"
#include "runtime/long_helpers.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using namespace minipy::test::longs;

namespace {

std::string expected(const std::string &field) {
    if (field[0] != '!') return unpack(field);
    const std::size_t colon = field.find(':');
    return field.substr(0, colon + 1) + unpack(field.substr(colon + 1));
}

// The message of the current ValueError (cleared), or a note saying what else was raised.
std::string value_error() {
    if (!PyErr_ExceptionMatches(PyExc_ValueError))
        return "not a ValueError: " + readable(take_error());
    const std::string text = take_error();
    return text_field(text.substr(text.find(':') + 1));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(long_text)

BOOST_AUTO_TEST_CASE(str_bin_oct_hex_match_cpython) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_cases({"format"})) {
        PyObject *v = int_field(c[2]);
        const int base = std::stoi(c[1]);
        PyObject *text = base == 10 ? PyObject_Str(v) : _PyLong_Format(v, base);
        std::string actual = text != nullptr ? "" : take_error();
        if (text != nullptr) actual = to_hex(str_text(text));
        BOOST_TEST(actual == expected(c[3]), "format " << base << " " << readable(c[2]) << ": got "
                                                       << readable(actual).substr(0, 120));
        Py_DECREF(v);
        ++checked;
    }
    BOOST_TEST(checked > 40);
}

BOOST_AUTO_TEST_CASE(repr_is_str_and_format_rejects_other_bases) {
    RuntimeScope runtime;
    PyObject *v = PyLong_FromLong(-1234567890123L);
    BOOST_TEST(str_text(PyObject_Repr(v)) == "-1234567890123");
    BOOST_TEST(str_text(_PyLong_Format(v, 10)) == "-1234567890123");
    BOOST_TEST(str_text(_PyLong_Format(v, 16)) == "-0x11f71fb04cb");
    BOOST_TEST(_PyLong_Format(v, 7) == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    Py_DECREF(v);
    PyObject *zero = PyLong_FromLong(0);
    BOOST_TEST(str_text(_PyLong_Format(zero, 2)) == "0b0");
    BOOST_TEST(str_text(_PyLong_Format(zero, 8)) == "0o0");
    BOOST_TEST(str_text(PyObject_Repr(zero)) == "0");
    Py_DECREF(zero);
}

BOOST_AUTO_TEST_CASE(int_of_str_matches_cpython) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_cases({"parse", "parseb"})) {
        const std::string text = text_field(c[2]);
        PyObject *source =
            c[0] == "parse"
                ? PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()))
                : PyBytes_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()));
        BOOST_REQUIRE(source != nullptr);
        PyObject *args = Py_BuildValue("(Oi)", source, std::stoi(c[1]));
        const std::string actual = int_text(call_int(args));
        BOOST_TEST(actual == expected(c[3]),
                   c[0] << " " << c[1] << " " << readable(to_hex(text)).substr(0, 60) << ": got "
                        << readable(actual).substr(0, 200) << ", expected "
                        << readable(expected(c[3])).substr(0, 200));
        Py_DECREF(source);
        ++checked;
    }
    BOOST_TEST(checked > 100);
}

BOOST_AUTO_TEST_CASE(from_string_reports_where_it_stopped) {
    RuntimeScope runtime;
    const char *text = "  -0x_ff  ";
    char *end = nullptr;
    PyObject *v = PyLong_FromString(text, &end, 0);
    BOOST_TEST(int_text(v) == "-ff");
    BOOST_TEST(end == text + std::strlen(text));
    const char *bad = "12 x";
    BOOST_TEST(PyLong_FromString(bad, &end, 10) == nullptr);
    BOOST_TEST(value_error() == "invalid literal for int() with base 10: '12 x'");
    BOOST_TEST(end == bad + 3);
    BOOST_TEST(PyLong_FromString("12", nullptr, 37) == nullptr);
    BOOST_TEST(value_error() == "int() arg 2 must be >= 2 and <= 36");
    BOOST_TEST(PyLong_FromString("12", nullptr, 1) == nullptr);
    BOOST_TEST(value_error() == "int() arg 2 must be >= 2 and <= 36");
    // The message shows the repr of the first 200 bytes, itself cut to 200 characters (%.200R).
    const std::string long_bad(300, 'x');
    BOOST_TEST(PyLong_FromString(long_bad.c_str(), nullptr, 10) == nullptr);
    BOOST_TEST(value_error() ==
               "invalid literal for int() with base 10: '" + std::string(199, 'x'));
    BOOST_TEST(PyLong_FromString("\xc3\xa9", nullptr, 10) == nullptr);
    BOOST_TEST(value_error() == "invalid literal for int() with base 10: '\xc3\xa9'");
    BOOST_TEST(int_text(PyLong_FromString("0b1010", nullptr, 2)) == "a");
    BOOST_TEST(int_text(PyLong_FromString("\v 7 \f", nullptr, 8)) == "7");
}

BOOST_AUTO_TEST_CASE(unicode_digits_and_spaces_count_as_ascii) {
    RuntimeScope runtime;
    auto parse = [](const char *utf8, int base) {
        PyObject *u = PyUnicode_FromString(utf8);
        BOOST_REQUIRE(u != nullptr);
        std::string result = int_text(PyLong_FromUnicodeObject(u, base));
        Py_DECREF(u);
        return readable(result);
    };
    BOOST_TEST(parse("\xd9\xa1\xd9\xa2\xd9\xa3", 10) == "7b");      // Arabic-Indic 123
    BOOST_TEST(parse("\xe3\x80\x80 42 \xe2\x80\xa8", 10) == "2a");  // ideographic space, LS
    BOOST_TEST(parse("\xc2\x85-5\xc2\xa0", 10) == "-5");            // NEL, NBSP
    BOOST_TEST(parse("\xef\xbc\x91\xef\xbc\x92", 16) == "12");      // fullwidth 1 2
    BOOST_TEST(parse("\xf0\x9d\x9f\x8e", 10) == "0");               // mathematical bold 0
    BOOST_TEST(parse("\xef\xbd\x81", 16) ==
               "!ValueError: invalid literal for int() with base 16: '\xef\xbd\x81'");
    BOOST_TEST(parse("\x1c"
                     "5",
                     10) == "!ValueError: invalid literal for int() with base 10: '\\x1c5'");
    BOOST_TEST(parse("12", 1) == "!ValueError: int() arg 2 must be >= 2 and <= 36");
    PyObject *with_nul = PyUnicode_FromStringAndSize("1\0", 2);
    BOOST_TEST(readable(int_text(PyLong_FromUnicodeObject(with_nul, 10))) ==
               "!ValueError: invalid literal for int() with base 10: '1\\x00'");
    Py_DECREF(with_nul);
    BOOST_TEST(readable(int_text(_PyLong_FromBytes("1\0", 2, 10))) ==
               "!ValueError: invalid literal for int() with base 10: b'1\\x00'");
    BOOST_TEST(int_text(_PyLong_FromBytes(" -1_0 ", 6, 0)) == "-a");
}

BOOST_AUTO_TEST_CASE(digit_limit_applies_to_decimal_both_ways) {
    RuntimeScope runtime;
    const std::string limit_out =
        "Exceeds the limit (4300 digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to "
        "increase the limit";
    std::string digits(4300, '9');
    PyObject *v = PyLong_FromString(digits.c_str(), nullptr, 10);
    BOOST_REQUIRE(v != nullptr);
    BOOST_TEST(str_text(PyObject_Str(v)) == digits);
    PyObject *one = PyLong_FromLong(1);
    PyObject *w = PyNumber_Add(v, one);  // 10**4300: 4301 digits
    BOOST_TEST(PyObject_Str(w) == nullptr);
    BOOST_TEST(value_error() == limit_out);
    BOOST_TEST(PyObject_Repr(w) == nullptr);
    BOOST_TEST(value_error() == limit_out);
    PyObject *hex = _PyLong_Format(w, 16);  // powers of two have no limit
    BOOST_TEST(hex != nullptr);
    Py_XDECREF(hex);
    digits += "1";
    BOOST_TEST(PyLong_FromString(digits.c_str(), nullptr, 10) == nullptr);
    BOOST_TEST(
        value_error() ==
        "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use "
        "sys.set_int_max_str_digits() to increase the limit");
    PyObject *hex_digits = PyLong_FromString(digits.c_str(), nullptr, 16);
    BOOST_TEST(hex_digits != nullptr);
    Py_XDECREF(hex_digits);
    Py_DECREF(v);
    Py_DECREF(w);
    Py_DECREF(one);
}

BOOST_AUTO_TEST_SUITE_END()
