// float <-> text: repr()/str() give CPython's shortest round-trip text for every double
// (denormals, powers of two, 2**53 +- 1, 1e16, 1e-5, 0.1 + 0.2, -0.0, inf, nan, DBL_MAX,
// random bit patterns), PyOS_double_to_string's codes and flags, float() of str and bytes
// (white space, underscores, inf/nan, Unicode digits, exact rounding of long inputs, the
// error messages), PyOS_string_to_double's contract, and float.hex()/float.fromhex().
// Expected values come from python3 (tests/runtime/data/gen_float_cases.py).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <string>

#include "minipy/Python.h"
#include "runtime/float_helpers.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using minipy::test::objects::is_bad_internal_call;
using namespace minipy::test::floats;
using minipy::test::read_data_file;
using minipy::test::rest_of;

namespace {

std::string float_repr(double v) {
    PyObject *f = PyFloat_FromDouble(v);
    std::string text = text_steal(PyObject_Repr(f));
    Py_DECREF(f);
    return text;
}

std::string float_str(double v) {
    PyObject *f = PyFloat_FromDouble(v);
    std::string text = text_steal(PyObject_Str(f));
    Py_DECREF(f);
    return text;
}

// PyOS_double_to_string's text, or "!Type: message".
std::string to_string(double v, char code, int precision, int flags, int *type = nullptr) {
    char *text = PyOS_double_to_string(v, code, precision, flags, type);
    if (text == nullptr) return "!" + take_error();
    std::string out = text;
    PyMem_Free(text);
    return out;
}

std::string fromhex(const char *text) {
    PyObject *arg = PyUnicode_FromString(text);
    PyObject *result =
        PyObject_CallMethod(reinterpret_cast<PyObject *>(&PyFloat_Type), "fromhex", "O", arg);
    Py_DECREF(arg);
    return result_text(result);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float_text)

BOOST_AUTO_TEST_CASE(repr_is_the_shortest_round_trip_text) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_data_file("float_repr.txt", ' ')) {
        const double v = from_hex(c[0]);
        const std::string repr = float_repr(v);
        BOOST_TEST(repr == c[1], c[0] << ": got " << repr);
        BOOST_TEST(float_str(v) == c[1]);
        BOOST_TEST(to_string(v, 'r', 0, Py_DTSF_ADD_DOT_0) == c[1]);
        checked++;
    }
    BOOST_TEST(checked > 1000);
}

BOOST_AUTO_TEST_CASE(repr_edge_values) {
    RuntimeScope runtime;
    BOOST_TEST(float_repr(0.1 + 0.2) == "0.30000000000000004");
    BOOST_TEST(float_repr(1e16) == "1e+16");
    BOOST_TEST(float_repr(9999999999999998.0) == "9999999999999998.0");
    BOOST_TEST(float_repr(1e-5) == "1e-05");
    BOOST_TEST(float_repr(1e-4) == "0.0001");
    BOOST_TEST(float_repr(-0.0) == "-0.0");
    BOOST_TEST(float_repr(HUGE_VAL) == "inf");
    BOOST_TEST(float_repr(-HUGE_VAL) == "-inf");
    BOOST_TEST(float_repr(Py_NAN) == "nan");
    BOOST_TEST(float_repr(-Py_NAN) == "nan");
    BOOST_TEST(float_repr(9007199254740993.0) == "9007199254740992.0");
    BOOST_TEST(float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
    BOOST_TEST(float_repr(5e-324) == "5e-324");
    BOOST_TEST(float_repr(2.2250738585072014e-308) == "2.2250738585072014e-308");
    BOOST_TEST(float_repr(123456789.0) == "123456789.0");
}

BOOST_AUTO_TEST_CASE(double_to_string_codes_and_flags) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_data_file("float_format.txt", ' ')) {
        const double v = c[0] == "-nan" ? -Py_NAN : from_hex(c[0]);
        const std::string expected = unhex(c[4]);
        int type = -1;
        const std::string got = to_string(v, c[1][0], std::stoi(c[2]), std::stoi(c[3]), &type);
        BOOST_TEST(got == expected, c[0] << " " << c[1] << " " << c[2] << " " << c[3]);
        BOOST_TEST(type == (std::isnan(v)   ? Py_DTST_NAN
                            : std::isinf(v) ? Py_DTST_INFINITE
                                            : Py_DTST_FINITE));
        checked++;
    }
    BOOST_TEST(checked > 300);
    BOOST_TEST(to_string(1.0, 'r', 0, 0) == "1");
    BOOST_TEST(to_string(1e16, 'r', 0, Py_DTSF_ALT) == "1.e+16");
    BOOST_TEST(is_bad_internal_call(to_string(1.5, 'r', 1, 0)));
    BOOST_TEST(is_bad_internal_call(to_string(1.5, 'x', 1, 0)));
    BOOST_TEST(to_string(1e300, 'f', 0, 0).size() == 301u);
}

BOOST_AUTO_TEST_CASE(float_of_str_and_bytes_matches_python) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_data_file("float_parse.txt", ' ')) {
        const std::string input = unhex(c[1]);
        PyObject *arg =
            c[0] == "s"
                ? PyUnicode_FromStringAndSize(input.data(), static_cast<Py_ssize_t>(input.size()))
                : PyBytes_FromStringAndSize(input.data(), static_cast<Py_ssize_t>(input.size()));
        BOOST_REQUIRE(arg != nullptr);
        const std::string got = result_text(PyFloat_FromString(arg));
        Py_DECREF(arg);
        BOOST_TEST(got == rest_of(c, 2), c[0] << " " << c[1] << ": got " << got);
        checked++;
    }
    BOOST_TEST(checked > 300);
    BOOST_TEST(result_text(PyFloat_FromString(Py_None)) ==
               "!TypeError: float() argument must be a string or a real number, not 'NoneType'");
}

BOOST_AUTO_TEST_CASE(string_to_double_contract) {
    RuntimeScope runtime;
    char *end = nullptr;
    const char *text = "1.5abc";
    BOOST_TEST(PyOS_string_to_double(text, &end, nullptr) == 1.5);
    BOOST_TEST(end == text + 3);
    BOOST_TEST(PyErr_Occurred() == nullptr);
    // The whole string must be the number when endptr is NULL.
    BOOST_TEST(PyOS_string_to_double(text, nullptr, nullptr) == -1.0);
    BOOST_TEST(take_error() == "ValueError: could not convert string to float: '1.5abc'");
    // No number at all: -1.0, ValueError, endptr at the start.
    const char *junk = " 1";  // no white space skipped here
    BOOST_TEST(PyOS_string_to_double(junk, &end, nullptr) == -1.0);
    BOOST_TEST(end == junk);
    BOOST_TEST(take_error() == "ValueError: could not convert string to float: ' 1'");
    // Overflow: infinity, or the exception asked for.
    BOOST_TEST(PyOS_string_to_double("-1e500", nullptr, nullptr) == -HUGE_VAL);
    BOOST_TEST(PyOS_string_to_double("1e500", nullptr, PyExc_OverflowError) == -1.0);
    BOOST_TEST(take_error() == "OverflowError: value too large to convert to float: '1e500'");
    BOOST_TEST(PyOS_string_to_double("1e-500", nullptr, PyExc_OverflowError) == 0.0);
    BOOST_TEST(PyErr_Occurred() == nullptr);
    // "inf" and "1e" stop where the number ends; underscores are float()'s, not this API's.
    BOOST_TEST(PyOS_string_to_double("infinityx", &end, nullptr) == HUGE_VAL);
    BOOST_TEST(std::strcmp(end, "x") == 0);
    BOOST_TEST(PyOS_string_to_double("1e+x", &end, nullptr) == 1.0);
    BOOST_TEST(std::strcmp(end, "e+x") == 0);
    BOOST_TEST(PyOS_string_to_double("1_0", &end, nullptr) == 1.0);
    BOOST_TEST(std::strcmp(end, "_0") == 0);
    BOOST_TEST(std::signbit(PyOS_string_to_double("-0", nullptr, nullptr)));
}

BOOST_AUTO_TEST_CASE(hex_of_every_repr_case_and_back) {
    RuntimeScope runtime;
    for (const auto &c : read_data_file("float_repr.txt", ' ')) {
        const double v = from_hex(c[0]);
        PyObject *f = PyFloat_FromDouble(v);
        BOOST_TEST(result_text(Py_NewRef(f)) == c[0]);  // result_text prints with float.hex()
        Py_DECREF(f);
        const std::string back = fromhex(c[0].c_str());
        BOOST_TEST(back == c[0]);
    }
}

BOOST_AUTO_TEST_CASE(fromhex_rounds_and_reports_as_python) {
    RuntimeScope runtime;
    struct Case {
        const char *text;
        const char *expected;  // python3's float.fromhex(text).hex(), or its exception
    };
    const Case cases[] = {
        {"0x1.00000000000008p0", "0x1.0000000000000p+0"},  // a tie: to even
        {"0x1.00000000000018p0", "0x1.0000000000002p+0"},
        {"0x1.000000000000081p0", "0x1.0000000000001p+0"},
        {"0x0.00000000000008p-1022", "0x0.0p+0"},
        {"0x0.0000000000000cp-1022", "0x0.0000000000001p-1022"},
        {"0x1p-1075", "0x0.0p+0"},
        {"0x1.0000000000001p-1075", "0x0.0000000000001p-1022"},
        {"0x3p-1076", "0x0.0000000000001p-1022"},
        {"0X1.8P+1", "0x1.8000000000000p+1"},
        {"1p1", "0x1.0000000000000p+1"},
        {"  0x1p0  ", "0x1.0000000000000p+0"},
        {"-0x0p0", "-0x0.0p+0"},
        {" -0x1.8p1 ", "-0x1.8000000000000p+1"},
        {"0x.8", "0x1.0000000000000p-1"},
        {"1.", "0x1.0000000000000p+0"},
        {"0x000000000000000000000000000000000000000000000000001p0", "0x1.0000000000000p+0"},
        {"0x100000000000000000000000000000000000000000000000000p-200", "0x1.0000000000000p+0"},
        {"0x1.fffffffffffff7p1023", "0x1.fffffffffffffp+1023"},
        {"-Infinity", "-inf"},
        {"nan", "nan"},
        {"0x1p-99999999999999999999", "0x0.0p+0"},
        {"0x1p9999999999999999999999",
         "!OverflowError: hexadecimal value too large to represent as a float"},
        {"0x1.fffffffffffff8p1023",
         "!OverflowError: hexadecimal value too large to represent as a float"},
        {"0x1.fffffffffffff8p1023 x",
         "!OverflowError: hexadecimal value too large to represent as a float"},
        {"0x1p", "!ValueError: invalid hexadecimal floating-point string"},
        {"0x", "!ValueError: invalid hexadecimal floating-point string"},
        {"0x1.2.3", "!ValueError: invalid hexadecimal floating-point string"},
        {"0x1 1", "!ValueError: invalid hexadecimal floating-point string"},
        {"", "!ValueError: invalid hexadecimal floating-point string"},
    };
    for (const Case &c : cases)
        BOOST_TEST(fromhex(c.text) == c.expected, "fromhex('" << c.text << "')");
    PyObject *result =
        PyObject_CallMethod(reinterpret_cast<PyObject *>(&PyFloat_Type), "fromhex", "O", Py_None);
    BOOST_TEST(result_text(result) == "!TypeError: bad argument type for built-in operation");
}

BOOST_AUTO_TEST_SUITE_END()
