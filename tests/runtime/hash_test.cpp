// pyhash.h: numbers hash alike when they are equal (hash(1.0) == hash(1), hash(0.5) as
// CPython), a NaN by its identity, pointers rotated, and bytes and str with SipHash-1-3 under
// the all-zero key, equal to CPython's with PYTHONHASHSEED=0. Expected values come from
// python3 (tests/runtime/data/gen_float_cases.py).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <string>

#include "minipy/Python.h"
#include "runtime/float_helpers.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using namespace minipy::test::floats;
using minipy::test::read_data_file;

namespace {

Py_hash_t hash_steal(PyObject *o) {
    BOOST_REQUIRE(o != nullptr);
    const Py_hash_t h = PyObject_Hash(o);
    Py_DECREF(o);
    return h;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hash)

BOOST_AUTO_TEST_CASE(constants_are_cpythons) {
    BOOST_TEST(_PyHASH_MODULUS == (std::size_t{1} << 61) - 1);
    BOOST_TEST(_PyHASH_BITS == 61);
    BOOST_TEST(_PyHASH_INF == 314159);
    BOOST_TEST(_PyHASH_IMAG == 1000003UL);
    PyHash_FuncDef *def = PyHash_GetFuncDef();
    BOOST_TEST(std::string(def->name) == "siphash13");
    BOOST_TEST(def->hash_bits == 64);
    BOOST_TEST(def->seed_bits == 128);
}

BOOST_AUTO_TEST_CASE(numbers_bytes_and_str_hash_as_python) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_data_file("hash_cases.txt", ' ')) {
        const Py_hash_t expected = std::stoll(c[2]);
        if (c[0] == "f") {
            const double v = from_hex(c[1]);
            BOOST_TEST(_Py_HashDouble(nullptr, v) == expected, c[1]);
            BOOST_TEST(hash_steal(PyFloat_FromDouble(v)) == expected, c[1]);
        } else if (c[0] == "i") {
            PyObject *i = PyLong_FromString(c[1].c_str(), nullptr, 10);
            BOOST_TEST(hash_steal(Py_NewRef(i)) == expected, c[1]);
            // An int equal to a double hashes as the double does.
            const double v = PyLong_AsDouble(i);
            if (v == -1.0 && PyErr_Occurred()) {
                PyErr_Clear();
            } else {
                PyObject *as_float = PyFloat_FromDouble(v);
                if (PyObject_RichCompareBool(as_float, i, Py_EQ) == 1)
                    BOOST_TEST(hash_steal(Py_NewRef(as_float)) == expected, c[1]);
                Py_DECREF(as_float);
            }
            Py_DECREF(i);
        } else {
            const std::string data = unhex(c[1]);
            const auto size = static_cast<Py_ssize_t>(data.size());
            if (c[0] == "b") {
                BOOST_TEST(_Py_HashBytes(data.data(), size) == expected, c[1]);
                BOOST_TEST(hash_steal(PyBytes_FromStringAndSize(data.data(), size)) == expected,
                           c[1]);
            } else {
                BOOST_TEST(hash_steal(PyUnicode_FromStringAndSize(data.data(), size)) == expected,
                           c[1]);
            }
        }
        checked++;
    }
    BOOST_TEST(checked > 80);
}

BOOST_AUTO_TEST_CASE(floats_and_ints_that_are_equal_hash_alike) {
    RuntimeScope runtime;
    BOOST_TEST(_Py_HashDouble(nullptr, 1.0) == 1);
    BOOST_TEST(hash_steal(PyFloat_FromDouble(1.0)) == hash_steal(PyLong_FromLong(1)));
    BOOST_TEST(_Py_HashDouble(nullptr, 0.5) == Py_hash_t{1} << 60);
    BOOST_TEST(_Py_HashDouble(nullptr, -1.0) == -2);  // -1 is the error value
    BOOST_TEST(_Py_HashDouble(nullptr, -0.0) == 0);
    BOOST_TEST(_Py_HashDouble(nullptr, HUGE_VAL) == 314159);
    BOOST_TEST(_Py_HashDouble(nullptr, -HUGE_VAL) == -314159);
    for (long long i : {0LL, 7LL, -7LL, 1LL << 40, -(1LL << 52), 1LL << 61, 1LL << 62}) {
        BOOST_TEST(hash_steal(PyFloat_FromDouble(static_cast<double>(i))) ==
                       hash_steal(PyLong_FromLongLong(i)),
                   i);
    }
}

BOOST_AUTO_TEST_CASE(nan_hashes_by_identity) {
    RuntimeScope runtime;
    PyObject *a = PyFloat_FromDouble(Py_NAN);
    PyObject *b = PyFloat_FromDouble(Py_NAN);
    BOOST_TEST(PyObject_Hash(a) == _Py_HashPointer(a));
    BOOST_TEST(PyObject_Hash(b) == _Py_HashPointer(b));
    BOOST_TEST(PyObject_Hash(a) != PyObject_Hash(b));
    Py_DECREF(a);
    Py_DECREF(b);
}

BOOST_AUTO_TEST_CASE(pointers_rotate_by_four_bits) {
    const auto p = reinterpret_cast<void *>(std::uintptr_t{0x123456789abcdef0});
    BOOST_TEST(_Py_HashPointerRaw(p) == static_cast<Py_hash_t>(0x0123456789abcdefULL));
    const auto q = reinterpret_cast<void *>(std::uintptr_t{0x1f});
    BOOST_TEST(_Py_HashPointer(q) == static_cast<Py_hash_t>(0xf000000000000001ULL));
    // The one address whose rotation is -1 hashes to -2.
    const auto all_ones = reinterpret_cast<void *>(~std::uintptr_t{0});
    BOOST_TEST(_Py_HashPointerRaw(all_ones) == -1);
    BOOST_TEST(_Py_HashPointer(all_ones) == -2);
}

BOOST_AUTO_TEST_CASE(bytes_hash_needs_no_runtime) {
    // SipHash-1-3 with the zero key: PYTHONHASHSEED=0 python3 -c "print(hash(b'abc'))"
    BOOST_TEST(_Py_HashBytes("abc", 3) == -4594863902769663758LL);
    BOOST_TEST(_Py_HashBytes("", 0) == 0);
    BOOST_TEST(_Py_HashBytes("abcdefgh", 8) == 4574395652268504554LL);
    BOOST_TEST(_Py_HashBytes("abcdefghi", 9) == -532774252720507163LL);
}

BOOST_AUTO_TEST_SUITE_END()
