// bytes: repr and hash against CPython 3.11 (data/bytes_repr.txt, data/unicode_hash.txt),
// the C API's contracts (fresh writable objects, _PyBytes_Resize, Concat, AsStringAndSize),
// the sequence and mapping protocols, bytes() and the methods.
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <string>

#include "minipy/Python.h"
#include "runtime_scope.hpp"
#include "unicode_test_support.hpp"

using minipy::test::read_data_file;
using minipy::test::RuntimeScope;
using minipy::test::objects::is_bad_internal_call;
using minipy::test::strs::parse_hex;
using minipy::test::strs::Ref;
using minipy::test::strs::take_error;
using minipy::test::strs::to_hex;
using minipy::test::strs::utf8_of;

namespace {

std::string repr_of(PyObject *o) {
    Ref repr(PyObject_Repr(o));
    BOOST_REQUIRE(repr);
    return utf8_of(repr.get());
}

std::string value_of(PyObject *bytes) {
    return std::string(PyBytes_AS_STRING(bytes), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes)));
}

Ref bytes_of(const std::string &data) {
    return Ref(PyBytes_FromStringAndSize(data.data(), static_cast<Py_ssize_t>(data.size())));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bytes)

BOOST_AUTO_TEST_CASE(repr_matches_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("bytes_repr.txt", '\t')) {
        Ref b = bytes_of(parse_hex(row[0]));
        BOOST_REQUIRE(b);
        BOOST_TEST(repr_of(b.get()) == row[1]);
        Ref str(PyObject_Str(b.get()));
        BOOST_TEST(utf8_of(str.get()) == row[1]);
    }
}

BOOST_AUTO_TEST_CASE(hash_matches_cpython_with_hashseed_zero) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("unicode_hash.txt", '\t')) {
        if (row[0] != "bytes") continue;
        Ref b = bytes_of(parse_hex(row[1]));
        BOOST_TEST(PyObject_Hash(b.get()) == std::stoll(row[2]), "hash of " << row[1]);
    }
    // Equal text hashes alike as str and as bytes when the str is ASCII (same bytes hashed).
    Ref s(PyUnicode_FromString("abc")), b(PyBytes_FromString("abc"));
    BOOST_TEST(PyObject_Hash(s.get()) == PyObject_Hash(b.get()));
}

BOOST_AUTO_TEST_CASE(from_string_and_size_copies_and_terminates) {
    RuntimeScope runtime;
    Ref b(PyBytes_FromStringAndSize("ab\0cd", 5));
    BOOST_REQUIRE(b);
    BOOST_TEST(PyBytes_Size(b.get()) == 5);
    BOOST_TEST(PyBytes_AS_STRING(b.get())[5] == '\0');
    char *buffer = nullptr;
    Py_ssize_t size = 0;
    BOOST_TEST(PyBytes_AsStringAndSize(b.get(), &buffer, &size) == 0);
    BOOST_TEST(size == 5);
    BOOST_TEST(PyBytes_AsStringAndSize(b.get(), &buffer, nullptr) == -1);
    BOOST_TEST(take_error() == "ValueError: embedded null byte");
    Ref s(PyUnicode_FromString("x"));
    BOOST_TEST(PyBytes_AsString(s.get()) == nullptr);
    BOOST_TEST(take_error() == "TypeError: expected bytes, str found");
    BOOST_TEST(PyBytes_Size(s.get()) == -1);
    BOOST_TEST(take_error() == "TypeError: expected bytes, str found");
    Ref from_c(PyBytes_FromString("hello"));
    BOOST_TEST(value_of(from_c.get()) == "hello");
}

BOOST_AUTO_TEST_CASE(empty_and_single_bytes_are_shared_but_fresh_buffers_are_not) {
    RuntimeScope runtime;
    Ref e1(PyBytes_FromString("")), e2(PyBytes_FromStringAndSize(nullptr, 0));
    BOOST_TEST(e1.get() == e2.get());
    Ref a1(PyBytes_FromString("a")), a2(PyBytes_FromStringAndSize("a", 1));
    BOOST_TEST(a1.get() == a2.get());
    Ref f1(PyBytes_FromStringAndSize(nullptr, 1)), f2(PyBytes_FromStringAndSize(nullptr, 1));
    BOOST_TEST(f1.get() != f2.get());
    BOOST_TEST(Py_REFCNT(f1.get()) == 1);
}

BOOST_AUTO_TEST_CASE(resize_grows_shrinks_and_fails_cleanly) {
    RuntimeScope runtime;
    PyObject *b = PyBytes_FromStringAndSize(nullptr, 4);
    BOOST_REQUIRE(b != nullptr);
    std::memcpy(PyBytes_AS_STRING(b), "abcd", 4);
    BOOST_TEST(_PyBytes_Resize(&b, 1000) == 0);
    BOOST_TEST(std::memcmp(PyBytes_AS_STRING(b), "abcd", 4) == 0);
    BOOST_TEST(PyBytes_AS_STRING(b)[1000] == '\0');
    BOOST_TEST(_PyBytes_Resize(&b, 2) == 0);
    BOOST_TEST(value_of(b) == "ab");
    BOOST_TEST(_PyBytes_Resize(&b, 0) == 0);
    Ref empty(PyBytes_FromString(""));
    BOOST_TEST(b == empty.get());
    BOOST_TEST(_PyBytes_Resize(&b, 3) == 0);  // the shared empty object is replaced, not changed
    BOOST_TEST(PyBytes_GET_SIZE(b) == 3);
    BOOST_TEST(PyBytes_GET_SIZE(empty.get()) == 0);
    Py_INCREF(b);
    PyObject *shared = b;
    BOOST_TEST(_PyBytes_Resize(&b, 10) == -1);  // refused: somebody else holds it
    BOOST_TEST(b == nullptr);
    BOOST_TEST(is_bad_internal_call(take_error()));
    Py_DECREF(shared);
}

BOOST_AUTO_TEST_CASE(concat_and_concat_and_del) {
    RuntimeScope runtime;
    PyObject *acc = PyBytes_FromString("ab");
    Ref cd(PyBytes_FromString("cd"));
    PyBytes_Concat(&acc, cd.get());
    BOOST_REQUIRE(acc != nullptr);
    BOOST_TEST(value_of(acc) == "abcd");
    PyBytes_ConcatAndDel(&acc, PyBytes_FromString("!"));
    BOOST_TEST(value_of(acc) == "abcd!");
    Ref s(PyUnicode_FromString("x"));
    PyBytes_Concat(&acc, s.get());
    BOOST_TEST(acc == nullptr);
    BOOST_TEST(take_error() == "TypeError: can't concat str to bytes");
    Ref sum(PyNumber_Add(cd.get(), cd.get()));
    BOOST_TEST(value_of(sum.get()) == "cdcd");
    Ref one(PyLong_FromLong(1));
    BOOST_TEST(!PySequence_Concat(cd.get(), one.get()));
    BOOST_TEST(take_error() == "TypeError: can't concat int to bytes");
    Ref rep(PySequence_Repeat(cd.get(), 3));
    BOOST_TEST(value_of(rep.get()) == "cdcdcd");
}

BOOST_AUTO_TEST_CASE(items_are_ints_and_slices_are_bytes) {
    RuntimeScope runtime;
    Ref b = bytes_of(std::string("abc\xff\x00z", 6));
    Ref last(PySequence_GetItem(b.get(), -1));
    BOOST_TEST(PyLong_AsLong(last.get()) == 'z');
    Ref high(PySequence_GetItem(b.get(), 3));
    BOOST_TEST(PyLong_AsLong(high.get()) == 255);
    BOOST_TEST(!PySequence_GetItem(b.get(), 6));
    BOOST_TEST(take_error() == "IndexError: index out of range");
    Ref reversed_step(PyLong_FromLong(-1));
    Ref slice(PySlice_New(Py_None, Py_None, reversed_step.get()));
    Ref reversed(PyObject_GetItem(b.get(), slice.get()));
    BOOST_TEST(value_of(reversed.get()) == std::string("z\x00\xff"
                                                       "cba",
                                                       6));
    Ref key(PyUnicode_FromString("a"));
    BOOST_TEST(!PyObject_GetItem(b.get(), key.get()));
    BOOST_TEST(take_error() == "TypeError: byte indices must be integers or slices, not str");
    Ref bc(PyBytes_FromString("bc")), ninety_eight(PyLong_FromLong(98)), big(PyLong_FromLong(300));
    BOOST_TEST(PySequence_Contains(b.get(), bc.get()) == 1);
    BOOST_TEST(PySequence_Contains(b.get(), ninety_eight.get()) == 1);
    BOOST_TEST(PySequence_Contains(b.get(), big.get()) == -1);
    BOOST_TEST(take_error() == "ValueError: byte must be in range(0, 256)");
    BOOST_TEST(PySequence_Contains(b.get(), key.get()) == -1);
    BOOST_TEST(take_error() == "TypeError: a bytes-like object is required, not 'str'");
    Ref it(PyObject_GetIter(b.get()));
    Ref first(PyIter_Next(it.get()));
    BOOST_TEST(PyLong_AsLong(first.get()) == 'a');
}

BOOST_AUTO_TEST_CASE(comparison_is_bytewise) {
    RuntimeScope runtime;
    Ref ab = bytes_of("ab"), abc = bytes_of("abc"), b = bytes_of("b"), high = bytes_of("\xff");
    BOOST_TEST(PyObject_RichCompareBool(ab.get(), abc.get(), Py_LT) == 1);
    BOOST_TEST(PyObject_RichCompareBool(b.get(), abc.get(), Py_GT) == 1);
    BOOST_TEST(PyObject_RichCompareBool(high.get(), b.get(), Py_GT) == 1);  // unsigned
    Ref ab2 = bytes_of("ab");
    BOOST_TEST(PyObject_RichCompareBool(ab.get(), ab2.get(), Py_EQ) == 1);
    Ref s(PyUnicode_FromString("ab"));
    BOOST_TEST(PyObject_RichCompareBool(ab.get(), s.get(), Py_EQ) == 0);
}

BOOST_AUTO_TEST_CASE(bytes_constructor_forms) {
    RuntimeScope runtime;
    auto *type = reinterpret_cast<PyObject *>(&PyBytes_Type);
    Ref empty(PyObject_CallNoArgs(type));
    BOOST_TEST(PyBytes_GET_SIZE(empty.get()) == 0);
    Ref three(PyLong_FromLong(3));
    Ref zeros(PyObject_CallOneArg(type, three.get()));
    BOOST_TEST(value_of(zeros.get()) == std::string(3, '\0'));
    Ref list(Py_BuildValue("[iii]", 104, 105, 255));
    Ref from_list(PyObject_CallOneArg(type, list.get()));
    BOOST_TEST(value_of(from_list.get()) == "hi\xff");
    Ref range_args(Py_BuildValue("(ii)", 65, 70));
    Ref range(
        PyObject_Call(reinterpret_cast<PyObject *>(&PyRange_Type), range_args.get(), nullptr));
    Ref from_range(PyObject_CallOneArg(type, range.get()));
    BOOST_TEST(value_of(from_range.get()) == "ABCDE");
    Ref same(PyObject_CallOneArg(type, from_list.get()));
    BOOST_TEST(same.get() == from_list.get());
    Ref encoded(PyObject_CallFunction(type, "ss", "caf\xc3\xa9", "utf-8"));
    BOOST_TEST(value_of(encoded.get()) == "caf\xc3\xa9");
    struct Failure {
        const char *format;
        const char *message;
    } failures[] = {
        {"(i)", "ValueError: negative count"},
        {"(s)", "TypeError: string argument without an encoding"},
        {"(d)", "TypeError: cannot convert 'float' object to bytes"},
        {"([i])", "ValueError: bytes must be in range(0, 256)"},
        {"([s])", "TypeError: 'str' object cannot be interpreted as an integer"},
        {"(ys)", "TypeError: encoding without a string argument"},
    };
    for (const Failure &f : failures) {
        Ref args(std::string(f.format) == "(i)"     ? Py_BuildValue(f.format, -1)
                 : std::string(f.format) == "(s)"   ? Py_BuildValue(f.format, "x")
                 : std::string(f.format) == "(d)"   ? Py_BuildValue(f.format, 1.5)
                 : std::string(f.format) == "([i])" ? Py_BuildValue(f.format, 256)
                 : std::string(f.format) == "([s])" ? Py_BuildValue(f.format, "a")
                                                    : Py_BuildValue(f.format, "a", "utf-8"));
        BOOST_REQUIRE(args);
        Ref result(PyObject_Call(type, args.get(), nullptr));
        BOOST_TEST(!result, f.format);
        BOOST_TEST(take_error() == f.message);
    }
}

BOOST_AUTO_TEST_CASE(methods) {
    RuntimeScope runtime;
    Ref b = bytes_of("caf\xc3\xa9 \xff");
    Ref hex(PyObject_CallMethod(b.get(), "hex", nullptr));
    BOOST_TEST(utf8_of(hex.get()) == "636166c3a920ff");
    Ref strict(PyObject_CallMethod(b.get(), "decode", nullptr));
    BOOST_TEST(!strict);
    BOOST_TEST(take_error() ==
               "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid "
               "start byte");
    Ref replaced(PyObject_CallMethod(b.get(), "decode", "ss", "utf-8", "replace"));
    BOOST_REQUIRE(replaced);
    BOOST_TEST(utf8_of(replaced.get()) == "caf\xc3\xa9 \xef\xbf\xbd");
    Ref latin(PyObject_CallMethod(b.get(), "decode", "s", "latin-1"));
    BOOST_TEST(PyUnicode_GET_LENGTH(latin.get()) == 7);
    Ref find(PyObject_CallMethod(b.get(), "find", "y", "f"));
    BOOST_TEST(PyLong_AsLong(find.get()) == 2);
    Ref find_int(PyObject_CallMethod(b.get(), "find", "i", 0xff));
    BOOST_TEST(PyLong_AsLong(find_int.get()) == 6);
    Ref count(PyObject_CallMethod(b.get(), "count", "y", ""));
    BOOST_TEST(PyLong_AsLong(count.get()) == 8);
    Ref starts(PyObject_CallMethod(b.get(), "startswith", "y", "caf"));
    BOOST_TEST(starts.get() == Py_True);
    Ref ends(PyObject_CallMethod(b.get(), "endswith", "y", "x"));
    BOOST_TEST(ends.get() == Py_False);
}

BOOST_AUTO_TEST_SUITE_END()
