// str: codecs, repr, hashing and character properties against what CPython 3.11 answers
// (data/unicode_*.txt, written by data/unicode_expected.py), and the object's behaviour:
// canonical kinds, indexing and slicing, the operations of the C API, the methods, interning.
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime_scope.hpp"
#include "unicode_test_support.hpp"

using minipy::test::capi_value;
using minipy::test::read_data_file;
using minipy::test::RuntimeScope;
using minipy::test::strs::code_points_of;
using minipy::test::strs::parse_code_points;
using minipy::test::strs::parse_hex;
using minipy::test::strs::Ref;
using minipy::test::strs::str_from_code_points;
using minipy::test::strs::take_error;
using minipy::test::strs::to_hex;
using minipy::test::strs::utf8_of;

namespace {

std::string utf8_of_repr(PyObject *o) {
    Ref repr(PyObject_Repr(o));
    BOOST_REQUIRE(repr);
    return utf8_of(repr.get());
}

// s[start:stop:step] with Python's None for absent bounds (INT_MIN stands for None).
Ref slice_of(PyObject *s, long start, long stop, long step) {
    auto bound = [](long v) { return v == INT32_MIN ? Py_NewRef(Py_None) : PyLong_FromLong(v); };
    Ref a(bound(start)), b(bound(stop)), c(bound(step));
    Ref slice(PySlice_New(a.get(), b.get(), c.get()));
    BOOST_REQUIRE(slice);
    return Ref(PyObject_GetItem(s, slice.get()));
}

constexpr long kNone = INT32_MIN;

}  // namespace

BOOST_AUTO_TEST_SUITE(unicode)

BOOST_AUTO_TEST_CASE(utf8_latin1_ascii_decoding_matches_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_utf8.txt", '\t')) {
        const std::string &handler_spec = row[0];
        const std::string input = parse_hex(row[1]);
        std::string codec = "utf-8", handler = handler_spec;
        if (auto colon = handler_spec.find(':'); colon != std::string::npos) {
            codec = handler_spec.substr(0, colon);
            handler = handler_spec.substr(colon + 1);
        }
        Ref decoded(PyUnicode_Decode(input.data(), static_cast<Py_ssize_t>(input.size()),
                                     codec.c_str(), handler.c_str()));
        BOOST_TEST_CONTEXT(codec << " " << handler << " " << row[1]) {
            if (row[2] == "ok") {
                BOOST_REQUIRE(decoded);
                BOOST_TEST(code_points_of(decoded.get()) == parse_code_points(row[3]));
            } else {
                BOOST_TEST(!decoded);
                BOOST_TEST(take_error() == row[3]);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(from_string_decodes_strictly) {
    RuntimeScope runtime;
    BOOST_TEST(!PyUnicode_FromString("abc\xff"));
    BOOST_TEST(take_error() ==
               "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 3: invalid "
               "start byte");
    BOOST_TEST(!PyUnicode_FromStringAndSize("\xe2\x82\xac", 2));
    BOOST_TEST(take_error() ==
               "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected "
               "end of data");
    Ref euro(PyUnicode_FromStringAndSize("\xe2\x82\xac!", 3));
    BOOST_REQUIRE(euro);
    BOOST_TEST(PyUnicode_GET_LENGTH(euro.get()) == 1);
    BOOST_TEST(PyUnicode_READ_CHAR(euro.get(), 0) == 0x20acu);
}

BOOST_AUTO_TEST_CASE(stateful_decoding_keeps_an_incomplete_tail) {
    RuntimeScope runtime;
    Py_ssize_t consumed = -1;
    Ref s(PyUnicode_DecodeUTF8Stateful("a\xf0\x9d\x84", 4, nullptr, &consumed));
    BOOST_REQUIRE(s);
    BOOST_TEST(consumed == 1);
    BOOST_TEST(PyUnicode_GET_LENGTH(s.get()) == 1);
    Ref cut_surrogate(PyUnicode_DecodeUTF8Stateful("a\xed\xa0", 3, nullptr, &consumed));
    BOOST_REQUIRE(cut_surrogate);
    BOOST_TEST(consumed == 1);
}

BOOST_AUTO_TEST_CASE(utf8_round_trips_through_the_cached_form) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_utf8.txt", '\t')) {
        if (row[0] != "strict" || row[2] != "ok") continue;
        const std::string input = parse_hex(row[1]);
        Ref s(PyUnicode_FromStringAndSize(input.data(), static_cast<Py_ssize_t>(input.size())));
        BOOST_REQUIRE(s);
        Py_ssize_t size = -1;
        const char *utf8 = PyUnicode_AsUTF8AndSize(s.get(), &size);
        BOOST_REQUIRE(utf8 != nullptr);
        BOOST_TEST(std::string(utf8, static_cast<std::size_t>(size)) == input);
        BOOST_TEST(utf8[size] == '\0');
        BOOST_TEST(PyUnicode_AsUTF8(s.get()) == utf8);  // made once, then cached
        Ref bytes(PyUnicode_AsUTF8String(s.get()));
        BOOST_REQUIRE(bytes);
        BOOST_TEST(std::string(PyBytes_AS_STRING(bytes.get()),
                               static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.get()))) == input);
    }
}

BOOST_AUTO_TEST_CASE(encoding_matches_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_encode.txt", '\t')) {
        Ref s(str_from_code_points(parse_code_points(row[2])));
        BOOST_REQUIRE(s);
        Ref encoded(PyUnicode_AsEncodedString(s.get(), row[0].c_str(), row[1].c_str()));
        BOOST_TEST_CONTEXT(row[0] << " " << row[1] << " " << row[2]) {
            if (row[3] == "ok") {
                BOOST_REQUIRE(encoded);
                BOOST_TEST(to_hex(PyBytes_AS_STRING(encoded.get()),
                                  PyBytes_GET_SIZE(encoded.get())) == row[4]);
            } else {
                BOOST_TEST(!encoded);
                BOOST_TEST(take_error() == row[4]);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(as_utf8_refuses_lone_surrogates) {
    RuntimeScope runtime;
    Ref s(PyUnicode_FromOrdinal(0xd800));
    BOOST_REQUIRE(s);
    BOOST_TEST(PyUnicode_AsUTF8(s.get()) == nullptr);
    BOOST_TEST(take_error() ==
               "UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 0: "
               "surrogates not allowed");
}

BOOST_AUTO_TEST_CASE(unknown_codec_and_handler_are_lookup_errors) {
    RuntimeScope runtime;
    BOOST_TEST(!PyUnicode_Decode("a", 1, "koi8-r", nullptr));
    BOOST_TEST(take_error() == "LookupError: unknown encoding: koi8-r");
    // As in CPython, the handler is looked up only when an error needs it.
    Ref s(PyUnicode_FromString("a\xc3\xa9"));
    Ref fine(PyUnicode_AsEncodedString(s.get(), "utf-8", "bogus"));
    BOOST_TEST(static_cast<bool>(fine));
    BOOST_TEST(!PyUnicode_AsEncodedString(s.get(), "ascii", "bogus"));
    BOOST_TEST(take_error() == "LookupError: unknown error handler name 'bogus'");
    BOOST_TEST(!PyUnicode_DecodeUTF8("\xff", 1, "bogus"));
    BOOST_TEST(take_error() == "LookupError: unknown error handler name 'bogus'");
}

BOOST_AUTO_TEST_CASE(repr_matches_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_repr.txt", '\t')) {
        Ref s(str_from_code_points(parse_code_points(row[0])));
        BOOST_REQUIRE(s);
        const std::string repr = utf8_of_repr(s.get());
        BOOST_TEST(to_hex(repr.data(), static_cast<Py_ssize_t>(repr.size())) == row[1],
                   "repr of " << row[0]);
    }
}

BOOST_AUTO_TEST_CASE(hash_matches_cpython_with_hashseed_zero) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_hash.txt", '\t')) {
        if (row[0] != "str") continue;
        Ref s(str_from_code_points(parse_code_points(row[1])));
        BOOST_REQUIRE(s);
        BOOST_TEST(PyObject_Hash(s.get()) == std::stoll(row[2]), "hash of " << row[1]);
        BOOST_TEST(PyObject_Hash(s.get()) == std::stoll(row[2]));  // the cached value
    }
}

BOOST_AUTO_TEST_CASE(character_properties_match_cpython) {
    RuntimeScope runtime;
    int (*const predicates[])(Py_UCS4) = {_PyUnicode_IsPrintable, _PyUnicode_IsWhitespace,
                                          _PyUnicode_IsAlpha, _PyUnicode_IsDecimalDigit,
                                          _PyUnicode_IsDigit};
    const char *const methods[] = {"isprintable", "isspace",   "isalpha", "isdecimal",
                                   "isdigit",     "isnumeric", "islower", "isupper"};
    for (const auto &row : read_data_file("unicode_ctype.txt", '\t')) {
        const auto ch = static_cast<Py_UCS4>(std::stoul(row[0], nullptr, 16));
        BOOST_TEST_CONTEXT("U+" << row[0]) {
            for (int k = 0; k < 5; ++k)
                BOOST_TEST((predicates[k](ch) != 0) == (row[1][k] == '1'), methods[k]);
            Ref s(PyUnicode_FromOrdinal(static_cast<int>(ch)));
            BOOST_REQUIRE(s);
            for (int k = 5; k < 8; ++k) {
                Ref result(PyObject_CallMethod(s.get(), methods[k], nullptr));
                BOOST_REQUIRE(result);
                BOOST_TEST((result.get() == Py_True) == (row[1][k] == '1'), methods[k]);
            }
            Ref lower(PyObject_CallMethod(s.get(), "lower", nullptr));
            Ref upper(PyObject_CallMethod(s.get(), "upper", nullptr));
            BOOST_REQUIRE(lower);
            BOOST_REQUIRE(upper);
            BOOST_TEST(code_points_of(lower.get()) == parse_code_points(row[2]));
            BOOST_TEST(code_points_of(upper.get()) == parse_code_points(row[3]));
        }
    }
}

BOOST_AUTO_TEST_CASE(lower_and_upper_of_strings_match_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_case.txt", '\t')) {
        Ref s(str_from_code_points(parse_code_points(row[0])));
        Ref lower(PyObject_CallMethod(s.get(), "lower", nullptr));
        Ref upper(PyObject_CallMethod(s.get(), "upper", nullptr));
        BOOST_REQUIRE(lower);
        BOOST_REQUIRE(upper);
        BOOST_TEST(code_points_of(lower.get()) == parse_code_points(row[1]), "lower of " << row[0]);
        BOOST_TEST(code_points_of(upper.get()) == parse_code_points(row[2]), "upper of " << row[0]);
    }
}

BOOST_AUTO_TEST_CASE(kinds_are_the_narrowest_that_fit) {
    RuntimeScope runtime;
    const std::uint32_t ascii[] = {'a', 'b'}, latin1[] = {'a', 0xe9}, bmp[] = {'a', 0x20ac},
                        astral[] = {'a', 0x1f600};
    struct Case {
        const std::uint32_t *points;
        int kind;
        bool is_ascii;
        Py_UCS4 max;
    } cases[] = {{ascii, 1, true, 0x7f},
                 {latin1, 1, false, 0xff},
                 {bmp, 2, false, 0xffff},
                 {astral, 4, false, 0x10ffff}};
    for (const Case &c : cases) {
        Ref s(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, c.points, 2));
        BOOST_REQUIRE(s);
        BOOST_TEST(PyUnicode_KIND(s.get()) == c.kind);
        BOOST_TEST(static_cast<bool>(PyUnicode_IS_ASCII(s.get())) == c.is_ascii);
        BOOST_TEST(PyUnicode_MAX_CHAR_VALUE(s.get()) == c.max);
        BOOST_TEST(PyUnicode_GET_LENGTH(s.get()) == 2);
        BOOST_TEST(PyUnicode_READ_CHAR(s.get(), 1) == c.points[1]);
    }
    // A slice of a wide string is as narrow as its own characters.
    Ref wide(PyUnicode_FromString("ab\xf0\x9f\x98\x80"));
    Ref head(PyUnicode_Substring(wide.get(), 0, 2));
    BOOST_REQUIRE(head);
    BOOST_TEST(PyUnicode_IS_ASCII(head.get()));
    BOOST_TEST(PyUnicode_KIND(head.get()) == PyUnicode_1BYTE_KIND);
}

BOOST_AUTO_TEST_CASE(empty_and_latin1_strings_are_shared) {
    RuntimeScope runtime;
    Ref a(PyUnicode_FromString("")), b(PyUnicode_FromStringAndSize(nullptr, 0)),
        c(PyUnicode_New(0, 0x10ffff));
    BOOST_TEST(a.get() == b.get());
    BOOST_TEST(a.get() == c.get());
    Ref e1(PyUnicode_FromString("\xc3\xa9")), e2(PyUnicode_FromOrdinal(0xe9));
    BOOST_TEST(e1.get() == e2.get());
    Ref abc(PyUnicode_FromString("abc"));
    Ref item(PySequence_GetItem(abc.get(), 1)), b_char(PyUnicode_FromString("b"));
    BOOST_TEST(item.get() == b_char.get());
}

BOOST_AUTO_TEST_CASE(indexing_by_code_point) {
    RuntimeScope runtime;
    Ref s(PyUnicode_FromString("a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e"));  // a é € 𝄞
    BOOST_REQUIRE(s);
    BOOST_TEST(PyUnicode_GetLength(s.get()) == 4);
    BOOST_TEST(PyUnicode_ReadChar(s.get(), 3) == 0x1d11eu);
    BOOST_TEST(PyUnicode_ReadChar(s.get(), 4) == static_cast<Py_UCS4>(-1));
    BOOST_TEST(take_error() == "IndexError: string index out of range");
    Ref last(PySequence_GetItem(s.get(), -1));
    BOOST_REQUIRE(last);
    BOOST_TEST(PyUnicode_READ_CHAR(last.get(), 0) == 0x1d11eu);
    Ref index(PyLong_FromLong(-5));
    BOOST_TEST(!PyObject_GetItem(s.get(), index.get()));
    BOOST_TEST(take_error() == "IndexError: string index out of range");
    Ref key(PyFloat_FromDouble(1.0));
    BOOST_TEST(!PyObject_GetItem(s.get(), key.get()));
    BOOST_TEST(take_error() == "TypeError: string indices must be integers, not 'float'");
}

BOOST_AUTO_TEST_CASE(slicing_with_any_step) {
    RuntimeScope runtime;
    Ref s(
        PyUnicode_FromString("abc\xe2\x82\xac"
                             "def"));  // "abc€def"
    struct Case {
        long start, stop, step;
        const char *expected;
    } cases[] = {
        {kNone, kNone, kNone,
         "abc\xe2\x82\xac"
         "def"},
        {1, 3, kNone, "bc"},
        {-3, kNone, kNone, "def"},
        {kNone, kNone, -1,
         "fed\xe2\x82\xac"
         "cba"},
        {kNone, kNone, 2, "acdf"},
        {5, 1, -2, "e\xe2\x82\xac"},
        {kNone, kNone, -3,
         "f\xe2\x82\xac"
         "a"},
        {10, 20, kNone, ""},
        {-100, 2, kNone, "ab"},
        {3, 4, kNone, "\xe2\x82\xac"},
        {6, -8, -1,
         "fed\xe2\x82\xac"
         "cba"},
    };
    for (const Case &c : cases) {
        Ref piece = slice_of(s.get(), c.start, c.stop, c.step);
        BOOST_REQUIRE(piece);
        BOOST_TEST(utf8_of(piece.get()) == c.expected);
    }
    Ref whole = slice_of(s.get(), kNone, kNone, kNone);
    BOOST_TEST(whole.get() == s.get());  // an exact str sliced whole is itself
    Ref ascii_part = slice_of(s.get(), kNone, kNone, 2);
    BOOST_TEST(PyUnicode_IS_ASCII(ascii_part.get()));
    Ref zero_step = slice_of(s.get(), kNone, kNone, 0);
    BOOST_TEST(!zero_step);
    BOOST_TEST(take_error() == "ValueError: slice step cannot be zero");
}

BOOST_AUTO_TEST_CASE(concat_repeat_and_compare) {
    RuntimeScope runtime;
    Ref a(PyUnicode_FromString("ab")), b(PyUnicode_FromString("\xe2\x82\xac"));
    Ref ab(PyUnicode_Concat(a.get(), b.get()));
    BOOST_TEST(utf8_of(ab.get()) == "ab\xe2\x82\xac");
    BOOST_TEST(PyUnicode_KIND(ab.get()) == PyUnicode_2BYTE_KIND);
    Ref one(PyLong_FromLong(1));
    BOOST_TEST(!PyUnicode_Concat(a.get(), one.get()));
    BOOST_TEST(take_error() == "TypeError: can only concatenate str (not \"int\") to str");
    Ref sum(PyNumber_Add(a.get(), b.get()));
    BOOST_TEST(utf8_of(sum.get()) == "ab\xe2\x82\xac");
    Ref three(PyLong_FromLong(3));
    Ref rep(PyNumber_Multiply(b.get(), three.get()));
    BOOST_REQUIRE(rep);
    BOOST_TEST(utf8_of(rep.get()) == "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
    PyObject *acc = PyUnicode_FromString("x");
    PyUnicode_Append(&acc, a.get());
    PyUnicode_AppendAndDel(&acc, PyUnicode_FromString("y"));
    BOOST_REQUIRE(acc != nullptr);
    BOOST_TEST(utf8_of(acc) == "xaby");
    Py_DECREF(acc);

    Ref b2(PyUnicode_FromString("b")), e_acute(PyUnicode_FromString("\xc3\xa9"));
    BOOST_TEST(PyUnicode_Compare(a.get(), b2.get()) == -1);
    BOOST_TEST(PyUnicode_Compare(e_acute.get(), b.get()) == -1);  // U+00E9 < U+20AC
    BOOST_TEST(PyUnicode_Compare(b.get(), a.get()) == 1);
    BOOST_TEST(PyUnicode_CompareWithASCIIString(a.get(), "ab") == 0);
    BOOST_TEST(PyUnicode_CompareWithASCIIString(a.get(), "abc") == -1);
    BOOST_TEST(PyUnicode_CompareWithASCIIString(a.get(), "a") == 1);
    BOOST_TEST(PyObject_RichCompareBool(a.get(), b2.get(), Py_LT) == 1);
    Ref ab_again(PyUnicode_FromString("ab"));
    BOOST_TEST(PyObject_RichCompareBool(a.get(), ab_again.get(), Py_EQ) == 1);
    Ref not_implemented(PyUnicode_RichCompare(a.get(), one.get(), Py_EQ));
    BOOST_TEST(not_implemented.get() == Py_NotImplemented);
}

BOOST_AUTO_TEST_CASE(contains_find_count_tailmatch) {
    RuntimeScope runtime;
    Ref s(PyUnicode_FromString("abracadabra")), abra(PyUnicode_FromString("abra")),
        euro(PyUnicode_FromString("\xe2\x82\xac"));
    BOOST_TEST(PyUnicode_Contains(s.get(), abra.get()) == 1);
    BOOST_TEST(PyUnicode_Contains(s.get(), euro.get()) == 0);
    Ref one(PyLong_FromLong(1));
    BOOST_TEST(PySequence_Contains(s.get(), one.get()) == -1);
    BOOST_TEST(take_error() == "TypeError: 'in <string>' requires string as left operand, not int");
    BOOST_TEST(PyUnicode_Find(s.get(), abra.get(), 0, PY_SSIZE_T_MAX, 1) == 0);
    BOOST_TEST(PyUnicode_Find(s.get(), abra.get(), 0, PY_SSIZE_T_MAX, -1) == 7);
    BOOST_TEST(PyUnicode_Find(s.get(), abra.get(), 1, -1, 1) == -1);
    BOOST_TEST(PyUnicode_Find(s.get(), euro.get(), 0, PY_SSIZE_T_MAX, 1) == -1);
    BOOST_TEST(PyUnicode_FindChar(s.get(), 'c', 0, 11, 1) == 4);
    BOOST_TEST(PyUnicode_Count(s.get(), abra.get(), 0, PY_SSIZE_T_MAX) == 2);
    Ref empty(PyUnicode_FromString(""));
    BOOST_TEST(PyUnicode_Count(s.get(), empty.get(), 0, PY_SSIZE_T_MAX) == 12);
    BOOST_TEST(PyUnicode_Tailmatch(s.get(), abra.get(), 0, PY_SSIZE_T_MAX, -1) == 1);
    BOOST_TEST(PyUnicode_Tailmatch(s.get(), abra.get(), 0, PY_SSIZE_T_MAX, 1) == 1);
    BOOST_TEST(PyUnicode_Tailmatch(s.get(), abra.get(), 1, PY_SSIZE_T_MAX, -1) == 0);
    BOOST_TEST(PyUnicode_Tailmatch(s.get(), empty.get(), 12, PY_SSIZE_T_MAX, -1) == 0);
}

BOOST_AUTO_TEST_CASE(join_split_replace) {
    RuntimeScope runtime;
    Ref sep(PyUnicode_FromString(", ")), items(PyList_New(0));
    for (const char *word : {"a", "\xc3\xa9", "\xf0\x9f\x98\x80"}) {
        Ref w(PyUnicode_FromString(word));
        BOOST_REQUIRE(PyList_Append(items.get(), w.get()) == 0);
    }
    Ref joined(PyUnicode_Join(sep.get(), items.get()));
    BOOST_REQUIRE(joined);
    BOOST_TEST(utf8_of(joined.get()) == "a, \xc3\xa9, \xf0\x9f\x98\x80");
    BOOST_TEST(PyUnicode_KIND(joined.get()) == PyUnicode_4BYTE_KIND);
    Ref bad(PyList_New(0)), one(PyLong_FromLong(1));
    PyList_Append(bad.get(), sep.get());
    PyList_Append(bad.get(), one.get());
    BOOST_TEST(!PyUnicode_Join(sep.get(), bad.get()));
    BOOST_TEST(take_error() == "TypeError: sequence item 1: expected str instance, int found");
    BOOST_TEST(!PyUnicode_Join(sep.get(), one.get()));
    BOOST_TEST(take_error() == "TypeError: can only join an iterable");

    Ref text(PyUnicode_FromString("  a b\t\nc  "));
    Ref parts(PyUnicode_Split(text.get(), nullptr, -1));
    BOOST_REQUIRE(parts);
    BOOST_TEST(utf8_of_repr(parts.get()) == "['a', 'b', 'c']");
    Ref parts1(PyUnicode_Split(text.get(), nullptr, 1));
    BOOST_TEST(utf8_of_repr(parts1.get()) == "['a', 'b\\t\\nc  ']");
    Ref csv(PyUnicode_FromString("x,,y,")), comma(PyUnicode_FromString(","));
    Ref fields(PyUnicode_Split(csv.get(), comma.get(), -1));
    BOOST_TEST(utf8_of_repr(fields.get()) == "['x', '', 'y', '']");
    Ref rsplit(PyObject_CallMethod(csv.get(), "rsplit", "sn", ",", Py_ssize_t{1}));
    BOOST_REQUIRE(rsplit);
    BOOST_TEST(utf8_of_repr(rsplit.get()) == "['x,,y', '']");
    Ref empty(PyUnicode_FromString(""));
    BOOST_TEST(!PyUnicode_Split(csv.get(), empty.get(), -1));
    BOOST_TEST(take_error() == "ValueError: empty separator");

    Ref abc(PyUnicode_FromString("abc")), dash(PyUnicode_FromString("-"));
    Ref every(PyUnicode_Replace(abc.get(), empty.get(), dash.get(), -1));
    BOOST_TEST(utf8_of(every.get()) == "-a-b-c-");
    Ref two(PyUnicode_Replace(abc.get(), empty.get(), dash.get(), 2));
    BOOST_TEST(utf8_of(two.get()) == "-a-bc");
    Ref b(PyUnicode_FromString("b")), euro(PyUnicode_FromString("\xe2\x82\xac"));
    Ref widened(PyUnicode_Replace(abc.get(), b.get(), euro.get(), -1));
    BOOST_TEST(utf8_of(widened.get()) ==
               "a\xe2\x82\xac"
               "c");
    Ref narrowed(PyUnicode_Replace(widened.get(), euro.get(), b.get(), -1));
    BOOST_TEST(PyUnicode_IS_ASCII(narrowed.get()));
    BOOST_TEST(PyObject_RichCompareBool(narrowed.get(), abc.get(), Py_EQ) == 1);
}

BOOST_AUTO_TEST_CASE(methods_behave_as_cpython) {
    RuntimeScope runtime;
    Ref s(PyUnicode_FromString("  Hello World  "));
    struct Case {
        const char *method, *format;
        const char *arg;
        const char *expected_repr;
    } cases[] = {
        {"strip", nullptr, nullptr, "'Hello World'"},
        {"lstrip", nullptr, nullptr, "'Hello World  '"},
        {"rstrip", nullptr, nullptr, "'  Hello World'"},
        {"strip", "s", " Hd", "'ello Worl'"},
        {"upper", nullptr, nullptr, "'  HELLO WORLD  '"},
        {"lower", nullptr, nullptr, "'  hello world  '"},
        {"split", nullptr, nullptr, "['Hello', 'World']"},
        {"split", "s", "o", "['  Hell', ' W', 'rld  ']"},
        {"find", "s", "o", "6"},
        {"rfind", "s", "o", "9"},
        {"count", "s", "l", "3"},
        {"startswith", "s", "  H", "True"},
        {"endswith", "s", "d", "False"},
        {"replace", "ss", nullptr, nullptr},
        {"isalpha", nullptr, nullptr, "False"},
        {"encode", nullptr, nullptr, "b'  Hello World  '"},
    };
    for (const Case &c : cases) {
        if (c.expected_repr == nullptr) continue;
        Ref result(c.format ? PyObject_CallMethod(s.get(), c.method, c.format, c.arg)
                            : PyObject_CallMethod(s.get(), c.method, nullptr));
        BOOST_TEST_CONTEXT(c.method) {
            BOOST_REQUIRE_MESSAGE(result, take_error());
            BOOST_TEST(utf8_of_repr(result.get()) == c.expected_repr);
        }
    }
    Ref replaced(PyObject_CallMethod(s.get(), "replace", "ssi", "l", "L", 2));
    BOOST_TEST(utf8_of(replaced.get()) == "  HeLLo World  ");
    Ref index_error(PyObject_CallMethod(s.get(), "index", "s", "z"));
    BOOST_TEST(!index_error);
    BOOST_TEST(take_error() == "ValueError: substring not found");
    Ref strip_error(PyObject_CallMethod(s.get(), "strip", "i", 1));
    BOOST_TEST(!strip_error);
    BOOST_TEST(take_error() == "TypeError: strip arg must be None or str");
    Ref starts_error(PyObject_CallMethod(s.get(), "startswith", "i", 1));
    BOOST_TEST(!starts_error);
    BOOST_TEST(take_error() ==
               "TypeError: startswith first arg must be str or a tuple of str, not int");
    Ref find_error(PyObject_CallMethod(s.get(), "find", nullptr));
    BOOST_TEST(!find_error);
    BOOST_TEST(take_error() == "TypeError: find() takes at least 1 argument (0 given)");
    Ref replace_error(PyObject_CallMethod(s.get(), "replace", "s", "a"));
    BOOST_TEST(!replace_error);
    BOOST_TEST(take_error() == "TypeError: replace expected at least 2 arguments, got 1");
    Ref split_error(PyObject_CallMethod(s.get(), "split", "i", 1));
    BOOST_TEST(!split_error);
    BOOST_TEST(take_error() == "TypeError: must be str or None, not int");
    Ref digits(
        PyUnicode_FromString("\xd9\xa3"
                             "42"));  // ARABIC-INDIC DIGIT THREE, 4, 2
    Ref isdigit(PyObject_CallMethod(digits.get(), "isdigit", nullptr));
    BOOST_TEST(isdigit.get() == Py_True);
    Ref latin(PyUnicode_FromString("\xc3\xa9t\xc3\xa9"));
    Ref isalpha(PyObject_CallMethod(latin.get(), "isalpha", nullptr));
    BOOST_TEST(isalpha.get() == Py_True);
    Ref nbsp(PyUnicode_FromString("\xc2\xa0 \t"));
    Ref isspace(PyObject_CallMethod(nbsp.get(), "isspace", nullptr));
    BOOST_TEST(isspace.get() == Py_True);
    Ref encoded(PyObject_CallMethod(latin.get(), "encode", "ss", "ascii", "backslashreplace"));
    BOOST_REQUIRE(encoded);
    BOOST_TEST(utf8_of_repr(encoded.get()) == "b'\\\\xe9t\\\\xe9'");
}

BOOST_AUTO_TEST_CASE(iteration_yields_characters) {
    RuntimeScope runtime;
    Ref s(PyUnicode_FromString("a\xe2\x82\xac"));
    Ref it(PyObject_GetIter(s.get()));
    BOOST_REQUIRE(it);
    Ref first(PyIter_Next(it.get())), second(PyIter_Next(it.get())), end(PyIter_Next(it.get()));
    BOOST_TEST(utf8_of(first.get()) == "a");
    BOOST_TEST(utf8_of(second.get()) == "\xe2\x82\xac");
    BOOST_TEST(!end);
    BOOST_TEST(!PyErr_Occurred());
}

BOOST_AUTO_TEST_CASE(str_constructor) {
    RuntimeScope runtime;
    auto *type = reinterpret_cast<PyObject *>(&PyUnicode_Type);
    Ref empty(PyObject_CallNoArgs(type));
    BOOST_TEST(utf8_of(empty.get()) == "");
    Ref forty_two(PyLong_FromLong(42));
    Ref text(PyObject_CallOneArg(type, forty_two.get()));
    BOOST_TEST(utf8_of(text.get()) == "42");
    Ref decoded(PyObject_CallFunction(type, "y#s", "caf\xc3\xa9", Py_ssize_t{5}, "utf-8"));
    BOOST_REQUIRE(decoded);
    BOOST_TEST(PyUnicode_GET_LENGTH(decoded.get()) == 4);
    Ref failed(PyObject_CallFunction(type, "ss", "x", "utf-8"));
    BOOST_TEST(!failed);
    BOOST_TEST(take_error() == "TypeError: decoding str is not supported");
}

BOOST_AUTO_TEST_CASE(from_ordinal_and_kind_data_check_ranges) {
    RuntimeScope runtime;
    BOOST_TEST(!PyUnicode_FromOrdinal(0x110000));
    BOOST_TEST(take_error() == "ValueError: chr() arg not in range(0x110000)");
    const std::uint32_t too_big[] = {0x110000};
    BOOST_TEST(!PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, too_big, 1));
    BOOST_TEST(take_error() == capi_value("unicode_from_kind_data_too_big"));
    const Py_UCS2 ucs2[] = {'h', 'i'};
    Ref hi(PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, ucs2, 2));
    BOOST_TEST(PyUnicode_IS_ASCII(hi.get()));
    Py_UCS4 buffer[3];
    BOOST_TEST(PyUnicode_AsUCS4(hi.get(), buffer, 3, 1) == buffer);
    BOOST_TEST(buffer[2] == 0u);
    BOOST_TEST(!PyUnicode_AsUCS4(hi.get(), buffer, 2, 1));
    BOOST_TEST(take_error() == capi_value("unicode_as_ucs4_too_short"));
}

BOOST_AUTO_TEST_CASE(new_strings_are_writable_until_shared) {
    RuntimeScope runtime;
    Ref s(PyUnicode_New(3, 0x20ac));
    BOOST_REQUIRE(s);
    BOOST_TEST(PyUnicode_WriteChar(s.get(), 0, 'a') == 0);
    BOOST_TEST(PyUnicode_WriteChar(s.get(), 1, 0x20ac) == 0);
    BOOST_TEST(PyUnicode_WriteChar(s.get(), 2, 'c') == 0);
    BOOST_TEST(utf8_of(s.get()) ==
               "a\xe2\x82\xac"
               "c");
    BOOST_TEST(PyUnicode_WriteChar(s.get(), 3, 'x') == -1);
    BOOST_TEST(take_error() == "IndexError: string index out of range");
    PyObject_Hash(s.get());
    BOOST_TEST(PyUnicode_WriteChar(s.get(), 0, 'b') == -1);
    BOOST_TEST(take_error() == "SystemError: Cannot modify a string currently used");
}

BOOST_AUTO_TEST_CASE(interning_gives_one_object_per_text) {
    RuntimeScope runtime;
    Ref a(PyUnicode_InternFromString("spam_and_eggs"));
    Ref b(PyUnicode_InternFromString("spam_and_eggs"));
    BOOST_TEST(a.get() == b.get());
    BOOST_TEST(PyUnicode_CHECK_INTERNED(a.get()) == SSTATE_INTERNED_MORTAL);
    PyObject *c = PyUnicode_FromString("spam_and_eggs");
    BOOST_TEST(c != a.get());
    PyUnicode_InternInPlace(&c);
    BOOST_TEST(c == a.get());
    Py_DECREF(c);
    // Interned strings are mortal: once the last holder lets go, the table forgets them.
    for (int i = 0; i < 200; ++i) {
        Ref name(PyUnicode_FromFormat("name_%d", i));
        PyObject *p = Py_NewRef(name.get());
        PyUnicode_InternInPlace(&p);
        BOOST_TEST(p == name.get());
        Py_DECREF(p);
    }
    for (int i = 0; i < 200; ++i) {
        PyObject *p = PyUnicode_FromFormat("name_%d", i);
        PyUnicode_InternInPlace(&p);
        BOOST_TEST(Py_REFCNT(p) == 1);  // a fresh object: the old one had died
        Py_DECREF(p);
    }
}

BOOST_AUTO_TEST_CASE(huge_requests_raise_memory_error) {
    RuntimeScope runtime;
    BOOST_TEST(!PyUnicode_New(PY_SSIZE_T_MAX / 2, 0x10ffff));
    BOOST_TEST(take_error() == capi_value("unicode_new_huge"));
    Ref xx(PyUnicode_FromString("xx"));
    BOOST_TEST(!PySequence_Repeat(xx.get(), PY_SSIZE_T_MAX / 2 + 1));
    BOOST_TEST(take_error() == "OverflowError: repeated string is too long");
}

BOOST_AUTO_TEST_SUITE_END()
