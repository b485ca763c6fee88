// Argument parsing (args/getargs*.cpp): PyArg_ParseTuple and
// PyArg_ParseTupleAndKeywords against every error CPython 3.11 raises for the same format and
// arguments (data/getargs_cases.txt, made through ctypes by data/abstract_gen.py), then the
// values each unit stores, O& converters and their cleanup, PyArg_Parse, PyArg_UnpackTuple
// and PyArg_ValidateKeywordArguments.
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "abstract_helpers.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

using minipy::test::RuntimeScope;
using minipy::test::objects::is_bad_internal_call;
using namespace minipy::test::abstract_support;
using minipy::test::read_data_file;

namespace {

// One generic 8-byte slot per pointer a format may take.
struct Slots {
    long long values[12] = {};
    void *operator[](int i) { return &values[i]; }
};

std::string parse_case(const std::string &format, const std::string &kwlist_text, PyObject *args,
                       PyObject *kwargs) {
    Slots s;
    int ok;
    if (kwlist_text == "-") {
        ok = PyArg_ParseTuple(args, format.c_str(), s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
                              s[8], s[9], s[10], s[11]);
    } else {
        Owned names(literal(kwlist_text));
        std::vector<std::string> storage;
        for (Py_ssize_t i = 0; i < PyList_Size(names); ++i)
            storage.push_back(utf8_of(PyList_GetItem(names, i)));
        std::vector<char *> kwlist;
        for (std::string &name : storage) kwlist.push_back(name.data());
        kwlist.push_back(nullptr);
        ok = PyArg_ParseTupleAndKeywords(args, kwargs, format.c_str(), kwlist.data(), s[0], s[1],
                                         s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10],
                                         s[11]);
    }
    if (ok) return PyErr_Occurred() ? "ok, but with an exception set" : "ok";
    return "!" + take_error();
}

// An O& converter that makes a str from an int and, asked again with NULL, releases it.
int g_cleanups = 0;
int to_text(PyObject *arg, void *address) {
    auto *out = static_cast<PyObject **>(address);
    if (arg == nullptr) {  // cleanup after a later failure
        ++g_cleanups;
        Py_CLEAR(*out);
        return 0;
    }
    *out = PyObject_Str(arg);
    return *out != nullptr ? Py_CLEANUP_SUPPORTED : 0;
}
int refuse(PyObject *, void *) {
    PyErr_SetString(PyExc_ValueError, "refused");
    return 0;
}
int refuse_silently(PyObject *, void *) {
    return 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(getargs)

BOOST_AUTO_TEST_CASE(every_error_matches_cpython) {
    RuntimeScope runtime;
    const auto rows = read_data_file("getargs_cases.txt", '\t');
    BOOST_REQUIRE(rows.size() > 100);
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 5);
        Owned args(literal(row[2]));
        Owned kwargs(row[3] == "None" ? nullptr : literal(row[3]));
        const std::string actual = parse_case(row[0], row[1], args, kwargs.get());
        BOOST_TEST(actual == row[4], "format '" << row[0] << "' kwlist " << row[1] << " args "
                                                << row[2] << " kwargs " << row[3]);
    }
}

BOOST_AUTO_TEST_CASE(integer_units_store_their_c_types) {
    RuntimeScope runtime;
    // Each variable is named after its format unit: b for 'b', b_upper for 'B'.
    Owned args(literal("(255, -1, -5, 70000, -7, -1, -8, -1, -9, -1, 12)"));
    unsigned char b = 0, b_upper = 0;
    short h = 0;
    unsigned short h_upper = 0;
    int i = 0;
    unsigned int i_upper = 0;
    long l = 0;
    unsigned long k = 0;
    long long l_upper = 0;
    unsigned long long k_upper = 0;
    Py_ssize_t n = 0;
    BOOST_REQUIRE(PyArg_ParseTuple(args, "bBhHiIlkLKn", &b, &b_upper, &h, &h_upper, &i, &i_upper,
                                   &l, &k, &l_upper, &k_upper, &n));
    BOOST_TEST(b == 255);
    BOOST_TEST(b_upper == 255);  // masked
    BOOST_TEST(h == -5);
    BOOST_TEST(h_upper == 70000 % 65536);
    BOOST_TEST(i == -7);
    BOOST_TEST(i_upper == 0xFFFFFFFFu);
    BOOST_TEST(l == -8);
    BOOST_TEST(k == ~0UL);
    BOOST_TEST(l_upper == -9);
    BOOST_TEST(k_upper == ~0ULL);
    BOOST_TEST(n == 12);
    Owned big(literal("(340282366920938463463374607431768211457, True)"));
    BOOST_REQUIRE(PyArg_ParseTuple(big, "Kn", &k_upper, &n));
    BOOST_TEST(k_upper == 1ULL);  // 2**128 + 1, masked to 64 bits
    BOOST_TEST(n == 1);
}

BOOST_AUTO_TEST_CASE(float_char_and_truth_units) {
    RuntimeScope runtime;
    Owned args(literal("(2.5, 3, b'z', '\\u20ac', [], 'x')"));
    double d = 0;
    float f = 0;
    char c = 0;
    int c_upper = 0, empty_truth = -1, text_truth = -1;
    BOOST_REQUIRE(
        PyArg_ParseTuple(args, "dfcCpp", &d, &f, &c, &c_upper, &empty_truth, &text_truth));
    BOOST_TEST(d == 2.5);
    BOOST_TEST(f == 3.0f);
    BOOST_TEST(c == 'z');
    BOOST_TEST(c_upper == 0x20AC);
    BOOST_TEST(empty_truth == 0);
    BOOST_TEST(text_truth == 1);
}

BOOST_AUTO_TEST_CASE(text_units_point_into_the_arguments) {
    RuntimeScope runtime;
    Owned args(literal("('h\\xe9', 'a\\x00b', b'c\\x00d', None, None, b'xy', 'st')"));
    const char *s = nullptr, *s_hash = nullptr, *y_hash = nullptr, *z = "set", *z_hash = "set";
    const char *bytes_as_s = nullptr, *y = nullptr;
    Py_ssize_t s_len = 0, y_len = 0, z_len = 7, bytes_len = 0;
    BOOST_REQUIRE(PyArg_ParseTuple(args, "ss#y#zz#s#s", &s, &s_hash, &s_len, &y_hash, &y_len, &z,
                                   &z_hash, &z_len, &bytes_as_s, &bytes_len, &y));
    BOOST_TEST(std::string(s) == "h\xc3\xa9");
    BOOST_TEST(std::string(s_hash, static_cast<size_t>(s_len)) == std::string("a\0b", 3));
    BOOST_TEST(std::string(y_hash, static_cast<size_t>(y_len)) == std::string("c\0d", 3));
    BOOST_TEST(z == nullptr);
    BOOST_TEST(z_hash == nullptr);
    BOOST_TEST(z_len == 0);
    BOOST_TEST(std::string(bytes_as_s, static_cast<size_t>(bytes_len)) == "xy");
    BOOST_TEST(std::string(y) == "st");
    Owned bytes(literal("(b'raw',)"));
    BOOST_REQUIRE(PyArg_ParseTuple(bytes, "y", &y));
    BOOST_TEST(std::string(y) == "raw");
}

BOOST_AUTO_TEST_CASE(object_units) {
    RuntimeScope runtime;
    Owned args(literal("([1], 'text', b'raw', 5)"));
    PyObject *list = nullptr, *text = nullptr, *raw = nullptr, *any = nullptr;
    BOOST_REQUIRE(PyArg_ParseTuple(args, "O!USO", &PyList_Type, &list, &text, &raw, &any));
    BOOST_TEST(list == PyTuple_GetItem(args, 0));
    BOOST_TEST(text == PyTuple_GetItem(args, 1));
    BOOST_TEST(raw == PyTuple_GetItem(args, 2));
    BOOST_TEST(any == PyTuple_GetItem(args, 3));
    // O! accepts subclasses.
    Owned flag(literal("(True,)"));
    PyObject *number = nullptr;
    BOOST_REQUIRE(PyArg_ParseTuple(flag, "O!", &PyLong_Type, &number));
    BOOST_TEST(number == Py_True);
    BOOST_TEST(!PyArg_ParseTuple(args, "O!|OOO:f", &PyDict_Type, &any, &any, &any, &any));
    BOOST_TEST(take_error() == "TypeError: f() argument 1 must be dict, not list");
}

BOOST_AUTO_TEST_CASE(groups_unpack_nested_sequences) {
    RuntimeScope runtime;
    Owned args(literal("(1, [2, ('three', 4.5)])"));
    int a = 0, b = 0;
    const char *three = nullptr;
    double d = 0;
    BOOST_REQUIRE(PyArg_ParseTuple(args, "i(i(sd))", &a, &b, &three, &d));
    BOOST_TEST(a == 1);
    BOOST_TEST(b == 2);
    BOOST_TEST(std::string(three) == "three");
    BOOST_TEST(d == 4.5);
}

BOOST_AUTO_TEST_CASE(optional_arguments_keep_their_defaults) {
    RuntimeScope runtime;
    Owned args(literal("(1,)"));
    int a = 0, b = 42;
    const char *c = "default";
    BOOST_REQUIRE(PyArg_ParseTuple(args, "i|is:f", &a, &b, &c));
    BOOST_TEST(a == 1);
    BOOST_TEST(b == 42);
    BOOST_TEST(std::string(c) == "default");
}

BOOST_AUTO_TEST_CASE(converters_and_their_cleanup) {
    RuntimeScope runtime;
    Owned args(literal("(12, 'x')"));
    PyObject *text = nullptr;
    const char *second = nullptr;
    int number = 0;
    BOOST_REQUIRE(PyArg_ParseTuple(args, "O&s", to_text, &text, &second));
    BOOST_TEST(outcome(text) == "='12'");
    BOOST_TEST(std::string(second) == "x");
    // A later failure gives the converter its object back to release.
    g_cleanups = 0;
    text = nullptr;
    BOOST_TEST(!PyArg_ParseTuple(args, "O&i", to_text, &text, &number));
    BOOST_TEST(take_error() == "TypeError: 'str' object cannot be interpreted as an integer");
    BOOST_TEST(g_cleanups == 1);
    BOOST_TEST(text == nullptr);
    // A converter that fails with its own exception, and one that sets none.
    BOOST_TEST(!PyArg_ParseTuple(args, "O&s", refuse, nullptr, &second));
    BOOST_TEST(take_error() == "ValueError: refused");
    BOOST_TEST(!PyArg_ParseTuple(args, "O&s:g", refuse_silently, nullptr, &second));
    BOOST_TEST(take_error() == "SystemError: g() argument 1 (unspecified)");
    // With keywords too; the cleanup list grows past its built-in room.
    Owned many(literal("(1, 2, 3, 4, 5, 6, 7, 8, 9, 'x')"));
    PyObject *t[9] = {};
    static char a[] = "a", b[] = "b", c[] = "c", d[] = "d", e[] = "e", f[] = "f", g[] = "g",
                h[] = "h", i[] = "i", j[] = "j";
    char *kwlist[] = {a, b, c, d, e, f, g, h, i, j, nullptr};
    g_cleanups = 0;
    BOOST_TEST(!PyArg_ParseTupleAndKeywords(many, nullptr, "O&O&O&O&O&O&O&O&O&i", kwlist, to_text,
                                            &t[0], to_text, &t[1], to_text, &t[2], to_text, &t[3],
                                            to_text, &t[4], to_text, &t[5], to_text, &t[6], to_text,
                                            &t[7], to_text, &t[8], &number));
    BOOST_TEST(take_error() == "TypeError: 'str' object cannot be interpreted as an integer");
    BOOST_TEST(g_cleanups == 9);
}

BOOST_AUTO_TEST_CASE(keywords_fill_parameters_by_name) {
    RuntimeScope runtime;
    static char pos[] = "", name_b[] = "b", name_c[] = "c", name_d[] = "d";
    char *kwlist[] = {pos, name_b, name_c, name_d, nullptr};
    Owned args(literal("(1,)")), kwargs(literal("{'d': 'dee', 'b': 2}"));
    int a = 0, b = 0, c = 33;
    const char *d = nullptr;
    BOOST_REQUIRE(PyArg_ParseTupleAndKeywords(args, kwargs, "ii|i$s", kwlist, &a, &b, &c, &d));
    BOOST_TEST(a == 1);
    BOOST_TEST(b == 2);
    BOOST_TEST(c == 33);
    BOOST_TEST(std::string(d) == "dee");
    // An empty dict is no keywords.
    Owned two(literal("(1, 2)")), empty(literal("{}"));
    BOOST_REQUIRE(PyArg_ParseTupleAndKeywords(two, empty, "ii|i$s", kwlist, &a, &b, &c, &d));
    Owned not_a_dict(literal("[]"));
    BOOST_TEST(!PyArg_ParseTupleAndKeywords(two, not_a_dict, "ii", kwlist, &a, &b));
    BOOST_TEST(is_bad_internal_call(take_error()));
}

BOOST_AUTO_TEST_CASE(arguments_must_be_a_tuple) {
    RuntimeScope runtime;
    Owned list(literal("[1]"));
    int a = 0;
    BOOST_TEST(!PyArg_ParseTuple(list, "i", &a));
    BOOST_TEST(take_error() == "SystemError: new style getargs format but argument is not a tuple");
    BOOST_TEST(!PyArg_ParseTuple(nullptr, "i", &a));
    BOOST_TEST(take_error() == "SystemError: new style getargs format but argument is not a tuple");
}

BOOST_AUTO_TEST_CASE(va_list_form) {
    RuntimeScope runtime;
    auto parse = [](PyObject *args, const char *format, ...) {
        va_list va;
        va_start(va, format);
        const int ok = PyArg_VaParse(args, format, va);
        va_end(va);
        return ok;
    };
    Owned args(literal("(3, 'x')"));
    int a = 0;
    const char *s = nullptr;
    BOOST_REQUIRE(parse(args, "is", &a, &s));
    BOOST_TEST(a == 3);
    BOOST_TEST(std::string(s) == "x");
    BOOST_REQUIRE(_PyArg_ParseTuple_SizeT(args, "i|s", &a, &s));
}

BOOST_AUTO_TEST_CASE(parse_converts_a_single_object) {
    RuntimeScope runtime;
    Owned five(literal("5")), text(literal("'a'")), pair(literal("(1, 2)")),
        mixed(literal("(1, 'a')"));
    int i = 0, j = 0;
    const char *s = nullptr;
    BOOST_REQUIRE(PyArg_Parse(five, "i", &i));
    BOOST_TEST(i == 5);
    BOOST_REQUIRE(PyArg_Parse(mixed, "(is)", &i, &s));
    BOOST_TEST(std::string(s) == "a");
    BOOST_TEST(!PyArg_Parse(text, "i", &i));
    BOOST_TEST(take_error() == "TypeError: 'str' object cannot be interpreted as an integer");
    BOOST_TEST(!PyArg_Parse(five, "s", &s));
    BOOST_TEST(take_error() == "TypeError: argument must be str, not int");
    BOOST_TEST(!PyArg_Parse(five, "s:foo", &s));
    BOOST_TEST(take_error() == "TypeError: foo() argument must be str, not int");
    BOOST_TEST(!PyArg_Parse(five, ""));
    BOOST_TEST(take_error() == "TypeError: function takes no arguments");
    BOOST_TEST(!PyArg_Parse(five, "ii", &i, &j));
    BOOST_TEST(take_error() == "SystemError: old style getargs format uses new features");
    BOOST_TEST(!PyArg_Parse(five, "i|i", &i, &j));
    BOOST_TEST(take_error() == "SystemError: old style getargs format uses new features");
    BOOST_TEST(!PyArg_Parse(pair, "(is)", &i, &s));
    BOOST_TEST(take_error() == "TypeError: argument 2 must be str, not int");
}

BOOST_AUTO_TEST_CASE(unpack_tuple) {
    RuntimeScope runtime;
    Owned one(literal("(1,)")), three(literal("(1, 2, 3)")), none(literal("()")),
        list(literal("[1]"));
    PyObject *a = nullptr, *b = nullptr, *c = nullptr;
    BOOST_REQUIRE(PyArg_UnpackTuple(three, "f", 1, 3, &a, &b, &c));
    BOOST_TEST(a == PyTuple_GetItem(three, 0));
    BOOST_TEST(c == PyTuple_GetItem(three, 2));
    b = nullptr;
    BOOST_REQUIRE(PyArg_UnpackTuple(one, "f", 1, 2, &a, &b));
    BOOST_TEST(b == nullptr);
    BOOST_REQUIRE(PyArg_UnpackTuple(none, "f", 0, 2, &a, &b));
    BOOST_TEST(!PyArg_UnpackTuple(one, "f", 2, 2, &a, &b));
    BOOST_TEST(take_error() == "TypeError: f expected 2 arguments, got 1");
    BOOST_TEST(!PyArg_UnpackTuple(one, "f", 2, 3, &a, &b, &c));
    BOOST_TEST(take_error() == "TypeError: f expected at least 2 arguments, got 1");
    BOOST_TEST(!PyArg_UnpackTuple(three, "f", 0, 1, &a));
    BOOST_TEST(take_error() == "TypeError: f expected at most 1 argument, got 3");
    BOOST_TEST(!PyArg_UnpackTuple(none, "f", 1, 1, &a));
    BOOST_TEST(take_error() == "TypeError: f expected 1 argument, got 0");
    BOOST_TEST(!PyArg_UnpackTuple(three, nullptr, 0, 2, &a, &b));
    BOOST_TEST(take_error() ==
               "TypeError: unpacked tuple should have at most 2 elements, but has 3");
    BOOST_TEST(!PyArg_UnpackTuple(one, nullptr, 2, 2, &a, &b));
    BOOST_TEST(take_error() == "TypeError: unpacked tuple should have 2 elements, but has 1");
    BOOST_TEST(!PyArg_UnpackTuple(list, nullptr, 1, 1, &a));
    BOOST_TEST(take_error() == "SystemError: PyArg_UnpackTuple() argument list is not a tuple");
}

BOOST_AUTO_TEST_CASE(validate_keyword_arguments) {
    RuntimeScope runtime;
    Owned good(literal("{'a': 1}")), bad(literal("{1: 2}")), list(literal("[]"));
    BOOST_TEST(PyArg_ValidateKeywordArguments(good) == 1);
    BOOST_TEST(PyArg_ValidateKeywordArguments(bad) == 0);
    BOOST_TEST(take_error() == "TypeError: keywords must be strings");
    BOOST_TEST(PyArg_ValidateKeywordArguments(list) == 0);
    BOOST_TEST(is_bad_internal_call(take_error()));
}

BOOST_AUTO_TEST_SUITE_END()
