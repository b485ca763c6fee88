// bytearray: the C API of bytearrayobject.h (PyByteArray_*), the buffer's growth policy step
// by step against CPython 3.11's __alloc__() and sys.getsizeof (data/bytearray_growth.txt,
// data/bytearray_gen.py), and what bytes accepts of a bytearray. The methods and messages are
// checked by the script cases (tests/scripts/cases/bytearray_*.py).
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::read_data_file;
using minipy::test::RuntimeScope;
using minipy::test::objects::is_bad_internal_call;
using minipy::test::objects::Ref;
using minipy::test::objects::take_error;

namespace {

std::string data_of(PyObject *b) {
    return std::string(PyByteArray_AS_STRING(b), static_cast<std::size_t>(PyByteArray_GET_SIZE(b)));
}

std::string state_of(PyObject *b) {
    return std::to_string(reinterpret_cast<PyByteArrayObject *>(b)->ob_alloc) + "/" +
           std::to_string(PyByteArray_GET_SIZE(b));
}

void call(PyObject *self, const char *method, const char *format, long arg) {
    Ref r(format == nullptr ? PyObject_CallMethod(self, method, nullptr)
                            : PyObject_CallMethod(self, method, format, arg));
    BOOST_REQUIRE_MESSAGE(r, method << ": " << take_error());
}

void call_with(PyObject *self, const char *method, PyObject *arg) {
    Ref r(PyObject_CallMethod(self, method, "O", arg));
    BOOST_REQUIRE_MESSAGE(r, method << ": " << take_error());
}

Ref range_of(long n) {
    return Ref(PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "l", n));
}

Ref filled(char c, long n) {
    const std::string data(static_cast<std::size_t>(n), c);
    return Ref(PyByteArray_FromStringAndSize(data.data(), n));
}

// What each scenario of bytearray_growth.txt does, through the methods and protocols a
// program uses; returns alloc/len after each step.
std::vector<std::string> run_scenario(const std::string &name) {
    static const long kSizes[] = {1, 2, 3, 5, 8, 13, 21, 34, 55, 3, 1, 0, 100};
    std::vector<std::string> seen;
    if (name == "append100" || name == "pop100") {
        Ref b(PyByteArray_FromStringAndSize(nullptr, 0));
        for (long i = 0; i < 100; ++i) {
            call(b, "append", "l", i);
            if (name == "append100") seen.push_back(state_of(b));
        }
        for (int i = 0; name == "pop100" && i < 100; ++i) {
            call(b, "pop", nullptr, 0);
            seen.push_back(state_of(b));
        }
    } else if (name == "del_front5" || name == "del_back5") {
        Ref b = filled(name == "del_front5" ? 'x' : 'y', 64);
        for (int i = 0; i < 12; ++i) {
            Ref slice(name == "del_front5"
                          ? PySlice_New(nullptr, Ref(PyLong_FromLong(5)), nullptr)
                          : PySlice_New(Ref(PyLong_FromLong(-5)), nullptr, nullptr));
            BOOST_REQUIRE(PyObject_DelItem(b, slice) == 0);
            seen.push_back(state_of(b));
        }
    } else if (name == "extend_range" || name == "iadd_bytes") {
        Ref b(PyByteArray_FromStringAndSize(nullptr, 0));
        for (long k : kSizes) {
            if (name == "extend_range") {
                call_with(b, "extend", range_of(k));
            } else {
                const std::string data(static_cast<std::size_t>(k), 'z');
                Ref other(PyBytes_FromStringAndSize(data.data(), k));
                Ref r(PyNumber_InPlaceAdd(b, other));
                BOOST_REQUIRE(r.get() == b.get());
            }
            seen.push_back(state_of(b));
        }
    } else if (name == "from_range" || name == "from_bytes" || name == "from_count") {
        for (long n = 0; n < (name == "from_count" ? 20 : 40); ++n) {
            const std::string data(static_cast<std::size_t>(n), 'q');
            Ref source(name == "from_range"   ? range_of(n).release()
                       : name == "from_bytes" ? PyBytes_FromStringAndSize(data.data(), n)
                                              : PyLong_FromLong(n));
            Ref b(PyByteArray_FromObject(source));
            BOOST_REQUIRE(b);
            seen.push_back(state_of(b));
        }
    } else if (name == "imul2") {
        Ref b(PyByteArray_FromStringAndSize("ab", 2));
        for (int i = 0; i < 8; ++i) {
            Ref r(PySequence_InPlaceRepeat(b, 2));
            BOOST_REQUIRE(r.get() == b.get());
            seen.push_back(state_of(b));
        }
    } else if (name == "insert_front" || name == "clear_then_append") {
        const std::string digits = "0123456789012345678901234567890123456789";
        Ref b(PyByteArray_FromStringAndSize(digits.data(), 40));
        if (name == "insert_front") {
            for (int i = 0; i < 30; ++i) {
                Ref r(PyObject_CallMethod(b, "insert", "ii", 0, 65));
                BOOST_REQUIRE(r);
                seen.push_back(state_of(b));
            }
        } else {
            seen.push_back(state_of(b));
            call(b, "clear", nullptr, 0);
            seen.push_back(state_of(b));
            for (int i = 0; i < 5; ++i) {
                call(b, "append", "l", 1);
                seen.push_back(state_of(b));
            }
        }
    }
    return seen;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bytearray)

BOOST_AUTO_TEST_CASE(growth_matches_cpython) {
    RuntimeScope runtime;
    for (const auto &row : read_data_file("bytearray_growth.txt", ' ')) {
        const std::vector<std::string> expected(row.begin() + 1, row.end());
        const std::vector<std::string> seen = run_scenario(row[0]);
        BOOST_TEST(seen == expected, "scenario " << row[0]);
    }
}

BOOST_AUTO_TEST_CASE(sizeof_is_the_header_and_the_buffer) {
    RuntimeScope runtime;
    BOOST_TEST(PyByteArray_Type.tp_basicsize == 56);
    for (long n : {0L, 1L, 3L, 100L}) {
        Ref b = filled('s', n);
        Ref size(PyObject_CallMethod(b, "__sizeof__", nullptr));
        BOOST_REQUIRE(size);
        BOOST_TEST(PyLong_AsLong(size) == 56 + (n == 0 ? 0 : n + 1));
    }
}

BOOST_AUTO_TEST_CASE(from_string_and_size) {
    RuntimeScope runtime;
    Ref b(PyByteArray_FromStringAndSize("a\0b", 3));
    BOOST_REQUIRE(b);
    BOOST_TEST(PyByteArray_CheckExact(b.get()));
    BOOST_TEST(data_of(b) == std::string("a\0b", 3));
    BOOST_TEST(PyByteArray_AS_STRING(b.get())[3] == '\0');
    BOOST_TEST(state_of(b) == "4/3");
    // Empty: no buffer, and AS_STRING is still a C string.
    Ref empty(PyByteArray_FromStringAndSize(nullptr, 0));
    BOOST_TEST(state_of(empty) == "0/0");
    BOOST_TEST(std::strlen(PyByteArray_AS_STRING(empty.get())) == 0U);
    // NULL data: to be filled by the caller.
    Ref fresh(PyByteArray_FromStringAndSize(nullptr, 5));
    std::memcpy(PyByteArray_AsString(fresh), "hello", 5);
    BOOST_TEST(data_of(fresh) == "hello");
    BOOST_TEST(PyByteArray_FromStringAndSize("x", -1) == nullptr);
    BOOST_TEST(take_error() ==
               "SystemError: Negative size passed to PyByteArray_FromStringAndSize");
}

BOOST_AUTO_TEST_CASE(from_object_concat_size_as_string) {
    RuntimeScope runtime;
    Ref bytes(PyBytes_FromString("xyz"));
    Ref copy(PyByteArray_FromObject(bytes));
    BOOST_REQUIRE(copy);
    BOOST_TEST(data_of(copy) == "xyz");
    Ref list(Py_BuildValue("[iii]", 1, 2, 255));
    Ref from_list(PyByteArray_FromObject(list));
    BOOST_TEST(data_of(from_list) == "\x01\x02\xff");
    Ref text(PyUnicode_FromString("s"));
    BOOST_TEST(PyByteArray_FromObject(text) == nullptr);
    BOOST_TEST(take_error() == "TypeError: string argument without an encoding");
    Ref bad(Py_BuildValue("[i]", 256));
    BOOST_TEST(PyByteArray_FromObject(bad) == nullptr);
    BOOST_TEST(take_error() == "ValueError: byte must be in range(0, 256)");

    Ref joined(PyByteArray_Concat(copy, bytes));
    BOOST_TEST(data_of(joined) == "xyzxyz");
    Ref joined2(PyByteArray_Concat(bytes, copy));
    BOOST_TEST(PyByteArray_CheckExact(joined2.get()));
    Ref one(PyLong_FromLong(1));
    BOOST_TEST(PyByteArray_Concat(copy, one) == nullptr);
    BOOST_TEST(take_error() == "TypeError: can't concat int to bytearray");

    BOOST_TEST(PyByteArray_Size(copy) == 3);
    BOOST_TEST(PyByteArray_Size(bytes) == -1);
    BOOST_TEST(is_bad_internal_call(take_error()));
    BOOST_TEST(PyByteArray_AsString(bytes) == nullptr);
    BOOST_TEST(is_bad_internal_call(take_error()));
}

BOOST_AUTO_TEST_CASE(resize_keeps_the_data_and_the_nul) {
    RuntimeScope runtime;
    Ref b(PyByteArray_FromStringAndSize("abcdef", 6));
    BOOST_TEST(PyByteArray_Resize(b, 3) == 0);  // a small shrink keeps the buffer
    BOOST_TEST(data_of(b) == "abc");
    BOOST_TEST(state_of(b) == "7/3");
    BOOST_TEST(PyByteArray_AS_STRING(b.get())[3] == '\0');
    BOOST_TEST(PyByteArray_Resize(b, 1) == 0);  // below half: down to the exact size
    BOOST_TEST(state_of(b) == "2/1");
    BOOST_TEST(PyByteArray_Resize(b, 2) == 0);  // moderate growth over-allocates
    BOOST_TEST(state_of(b) == "5/2");
    BOOST_TEST(PyByteArray_Resize(b, 50) == 0);  // large growth: exact
    BOOST_TEST(state_of(b) == "51/50");
    BOOST_TEST(data_of(b).substr(0, 1) == "a");
    BOOST_TEST(PyByteArray_Resize(b, -1) == -1);
    BOOST_TEST(is_bad_internal_call(take_error()));
    Ref bytes(PyBytes_FromString("x"));
    BOOST_TEST(PyByteArray_Resize(bytes, 1) == -1);
    BOOST_TEST(is_bad_internal_call(take_error()));
}

BOOST_AUTO_TEST_CASE(bytes_takes_a_bytearray_where_cpython_takes_a_buffer) {
    RuntimeScope runtime;
    Ref ba(PyByteArray_FromStringAndSize("b,c", 3));
    Ref bytes(PyBytes_FromString("a"));
    Ref sum(PyNumber_Add(bytes, ba));
    BOOST_REQUIRE(sum);
    BOOST_TEST(PyBytes_CheckExact(sum.get()));
    BOOST_TEST(std::string(PyBytes_AS_STRING(sum.get())) == "ab,c");
    Ref converted(PyBytes_FromObject(ba));
    BOOST_TEST(std::string(PyBytes_AS_STRING(converted.get())) == "b,c");
    Ref text(PyBytes_FromString("a,b,c"));
    Ref comma(PyByteArray_FromStringAndSize(",", 1));
    Ref parts(PyObject_CallMethod(text, "split", "O", comma.get()));
    BOOST_REQUIRE(parts);
    BOOST_TEST(PyList_GET_SIZE(parts.get()) == 3);
    BOOST_TEST(PySequence_Contains(text, comma) == 1);
    BOOST_TEST(PyObject_RichCompareBool(converted, ba, Py_EQ) == 1);
    BOOST_TEST(PyObject_RichCompareBool(ba, converted, Py_EQ) == 1);
    BOOST_TEST(PyObject_Hash(ba) == -1);
    BOOST_TEST(take_error() == "TypeError: unhashable type: 'bytearray'");
}

BOOST_AUTO_TEST_SUITE_END()
