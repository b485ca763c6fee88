// The int type (the suite is long_object: `long` is a C++ keyword): arithmetic, bitwise and
// division results on big values against python3's (tests/runtime/data/gen_long_cases.py),
// the small-int cache, conversions to and from C numbers with their overflow errors, hashing,
// int() and the methods, and allocation failures inside big-int arithmetic.
#include <boost/test/unit_test.hpp>

#include <bit>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "minipy/Python.h"
#include "runtime/long_helpers.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using namespace minipy::test::longs;

namespace {

PyNumberMethods *int_number() {
    return PyLong_Type.tp_as_number;
}

// The expected field with its hex unpacked ("!Type:" kept).
std::string expected(const std::string &field) {
    if (field[0] != '!') return unpack(field);
    const std::size_t colon = field.find(':');
    return field.substr(0, colon + 1) + unpack(field.substr(colon + 1));
}

PyObject *apply(const std::string &op, PyObject *a, PyObject *b) {
    PyNumberMethods *nb = int_number();
    if (op == "add") return nb->nb_add(a, b);
    if (op == "sub") return nb->nb_subtract(a, b);
    if (op == "mul") return nb->nb_multiply(a, b);
    if (op == "floordiv") return nb->nb_floor_divide(a, b);
    if (op == "mod") return nb->nb_remainder(a, b);
    if (op == "lshift") return nb->nb_lshift(a, b);
    if (op == "rshift") return nb->nb_rshift(a, b);
    if (op == "and") return nb->nb_and(a, b);
    if (op == "or") return nb->nb_or(a, b);
    if (op == "xor") return nb->nb_xor(a, b);
    if (op == "pow") return nb->nb_power(a, b, Py_None);
    BOOST_FAIL("unknown operator " << op);
    return nullptr;
}

// The message of the current exception of type `type` (cleared), "" if another one is set.
std::string error_of(PyObject *type) {
    if (!PyErr_ExceptionMatches(type)) return "wrong exception " + readable(take_error());
    const std::string text = take_error();
    return text_field(text.substr(text.find(':') + 1));
}

PyObject *from_text(const char *text) {
    PyObject *v = PyLong_FromString(text, nullptr, 10);
    BOOST_REQUIRE(v != nullptr);
    return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(long_object)

BOOST_AUTO_TEST_CASE(binary_operators_match_cpython_on_big_values) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_cases({"add", "sub", "mul", "floordiv", "mod", "lshift", "rshift",
                                     "and", "or", "xor", "pow"})) {
        PyObject *a = int_field(c[1]), *b = int_field(c[2]);
        const std::string actual = int_text(apply(c[0], a, b));
        BOOST_TEST(actual == expected(c[3]), c[0] << " " << readable(c[1]) << " " << readable(c[2])
                                                  << ": got " << readable(actual) << ", expected "
                                                  << readable(expected(c[3])));
        Py_DECREF(a);
        Py_DECREF(b);
        ++checked;
    }
    BOOST_TEST(checked > 250);
}

BOOST_AUTO_TEST_CASE(divmod_gives_floor_quotient_and_remainder) {
    RuntimeScope runtime;
    for (const auto &c : read_cases({"divmod"})) {
        PyObject *a = int_field(c[1]), *b = int_field(c[2]);
        PyObject *pair = int_number()->nb_divmod(a, b);
        std::string actual;
        if (pair == nullptr) {
            actual = take_error();
        } else {
            BOOST_REQUIRE(PyTuple_Check(pair));
            actual = int_text(Py_NewRef(PyTuple_GET_ITEM(pair, 0)));
            actual += " " + int_text(Py_NewRef(PyTuple_GET_ITEM(pair, 1)));
            Py_DECREF(pair);
        }
        const std::string want =
            c[3][0] == '!' ? expected(c[3]) : unpack(c[3]) + " " + unpack(c[4]);
        BOOST_TEST(actual == want, "divmod " << readable(c[1]) << " " << readable(c[2]));
        Py_DECREF(a);
        Py_DECREF(b);
    }
}

BOOST_AUTO_TEST_CASE(three_argument_pow_reduces_and_inverts) {
    RuntimeScope runtime;
    for (const auto &c : read_cases({"powmod"})) {
        PyObject *a = int_field(c[1]), *b = int_field(c[2]), *m = int_field(c[3]);
        const std::string actual = int_text(int_number()->nb_power(a, b, m));
        BOOST_TEST(actual == expected(c[4]), "pow " << c[1] << " " << readable(c[2]) << " " << c[3]
                                                    << ": got " << readable(actual));
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(m);
    }
}

BOOST_AUTO_TEST_CASE(true_division_and_float_are_correctly_rounded) {
    RuntimeScope runtime;
    for (const auto &c : read_cases({"truediv", "float"})) {
        PyObject *a = int_field(c[1]);
        PyObject *b = c[0] == "truediv" ? int_field(c[2]) : nullptr;
        const std::string &want = c[0] == "truediv" ? c[3] : c[2];
        PyObject *result =
            b != nullptr ? int_number()->nb_true_divide(a, b) : int_number()->nb_float(a);
        if (want[0] == '!') {
            BOOST_TEST(result == nullptr);
            if (result == nullptr)
                BOOST_TEST(take_error() == expected(want), c[0] << " " << readable(c[1]));
        } else {
            BOOST_REQUIRE_MESSAGE(result != nullptr,
                                  c[0] << " " << readable(c[1]) << ": " << readable(take_error()));
            const double got = PyFloat_AsDouble(result),
                         wanted = std::strtod(want.c_str(), nullptr);
            BOOST_TEST(std::bit_cast<std::uint64_t>(got) == std::bit_cast<std::uint64_t>(wanted),
                       c[0] << " " << readable(c[1]) << " -> " << got << " expected " << want);
            Py_DECREF(result);
        }
        Py_DECREF(a);
        Py_XDECREF(b);
    }
}

BOOST_AUTO_TEST_CASE(hash_is_cpythons_modular_hash) {
    RuntimeScope runtime;
    for (const auto &c : read_cases({"hash"})) {
        PyObject *a = int_field(c[1]);
        BOOST_TEST(PyObject_Hash(a) == std::strtoll(c[2].c_str(), nullptr, 10),
                   "hash " << readable(c[1]));
        Py_DECREF(a);
    }
}

BOOST_AUTO_TEST_CASE(small_ints_are_shared_static_objects) {
    RuntimeScope runtime;
    for (long v = -5; v <= 256; ++v) {
        PyObject *a = PyLong_FromLong(v), *b = PyLong_FromLongLong(v), *c = PyLong_FromSsize_t(v);
        BOOST_TEST(a == b);
        BOOST_TEST(a == c);
        BOOST_TEST(PyLong_AsLong(a) == v);
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(c);
    }
    PyObject *big1 = PyLong_FromLong(257), *big2 = PyLong_FromLong(257);
    BOOST_TEST(big1 != big2);
    PyObject *minus6 = PyLong_FromLong(-6), *minus6b = PyLong_FromLong(-6);
    BOOST_TEST(minus6 != minus6b);
    // Results of arithmetic land on the cache too, also from big operands.
    PyObject *sum = PyNumber_Subtract(big1, minus6);  // 263
    PyObject *back = PyNumber_Subtract(sum, big2);    // 6
    PyObject *six = PyLong_FromLong(6);
    BOOST_TEST(back == six);
    PyObject *huge = from_text("123456789012345678901234567890");
    PyObject *zero = PyNumber_Subtract(huge, huge);
    PyObject *cached_zero = PyLong_FromLong(0);
    BOOST_TEST(zero == cached_zero);
    // Unsigned, double and string constructors too.
    PyObject *u = PyLong_FromUnsignedLong(200), *d = PyLong_FromDouble(200.9),
             *s = from_text("  200 ");
    BOOST_TEST(u == d);
    BOOST_TEST(u == s);
    for (PyObject *o :
         {big1, big2, minus6, minus6b, sum, back, six, huge, zero, cached_zero, u, d, s})
        Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(c_conversions_round_trip_at_the_limits) {
    RuntimeScope runtime;
    for (long v : {LONG_MIN, LONG_MIN + 1, -1L << 30, (1L << 30) - 1, 1L << 30, LONG_MAX}) {
        PyObject *o = PyLong_FromLong(v);
        BOOST_TEST(PyLong_AsLong(o) == v);
        BOOST_TEST(PyLong_AsLongLong(o) == v);
        BOOST_TEST(PyLong_AsSsize_t(o) == v);
        int overflow = 7;
        BOOST_TEST(PyLong_AsLongAndOverflow(o, &overflow) == v);
        BOOST_TEST(overflow == 0);
        PyObject *text = PyObject_Str(o);
        BOOST_TEST(str_text(text) == std::to_string(v));
        Py_DECREF(o);
    }
    PyObject *umax = PyLong_FromUnsignedLongLong(ULLONG_MAX);
    BOOST_TEST(str_text(PyObject_Str(umax)) == "18446744073709551615");
    BOOST_TEST(PyLong_AsUnsignedLongLong(umax) == ULLONG_MAX);
    BOOST_TEST(PyLong_AsUnsignedLong(umax) == ULONG_MAX);
    BOOST_TEST(PyLong_AsSize_t(umax) == SIZE_MAX);
    int overflow = 0;
    BOOST_TEST(PyLong_AsLongAndOverflow(umax, &overflow) == -1);
    BOOST_TEST(overflow == 1);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(PyLong_AsLong(umax) == -1);
    BOOST_TEST(error_of(PyExc_OverflowError) == "Python int too large to convert to C long");
    BOOST_TEST(PyLong_AsSsize_t(umax) == -1);
    BOOST_TEST(error_of(PyExc_OverflowError) == "Python int too large to convert to C ssize_t");
    BOOST_TEST(PyLong_AsLongLong(umax) == -1);
    BOOST_TEST(error_of(PyExc_OverflowError) == "int too big to convert");
    BOOST_TEST(_PyLong_AsInt(umax) == -1);
    BOOST_TEST(error_of(PyExc_OverflowError) == "Python int too large to convert to C int");
    PyObject *past = PyNumber_Add(umax, umax);
    BOOST_TEST(PyLong_AsUnsignedLong(past) == ULONG_MAX);
    BOOST_TEST(error_of(PyExc_OverflowError) ==
               "Python int too large to convert to C unsigned long");
    BOOST_TEST(PyLong_AsSize_t(past) == SIZE_MAX);
    BOOST_TEST(error_of(PyExc_OverflowError) == "Python int too large to convert to C size_t");
    BOOST_TEST(PyLong_AsUnsignedLongLong(past) == ULLONG_MAX);
    BOOST_TEST(error_of(PyExc_OverflowError) == "int too big to convert");
    BOOST_TEST(PyLong_AsUnsignedLongMask(past) == ULONG_MAX - 1);  // 2**65 - 2 modulo 2**64

    PyObject *below = PyLong_FromLong(LONG_MIN);
    PyObject *further = PyNumber_Subtract(below, PyLong_FromLong(1) /* small: leaks nothing */);
    BOOST_TEST(PyLong_AsLongAndOverflow(further, &overflow) == -1);
    BOOST_TEST(overflow == -1);
    BOOST_TEST(PyLong_AsUnsignedLongLongMask(further) == (1ULL << 63) - 1);

    PyObject *minus = PyLong_FromLong(-1);
    BOOST_TEST(PyLong_AsUnsignedLong(minus) == ULONG_MAX);
    BOOST_TEST(error_of(PyExc_OverflowError) == "can't convert negative value to unsigned int");
    BOOST_TEST(PyLong_AsSize_t(minus) == SIZE_MAX);
    BOOST_TEST(error_of(PyExc_OverflowError) == "can't convert negative value to size_t");
    BOOST_TEST(PyLong_AsUnsignedLongLong(minus) == ULLONG_MAX);
    BOOST_TEST(error_of(PyExc_OverflowError) == "can't convert negative int to unsigned");
    BOOST_TEST(PyLong_AsUnsignedLongMask(minus) == ULONG_MAX);

    void *p = reinterpret_cast<void *>(static_cast<std::uintptr_t>(0xdeadbeefcafeULL));
    PyObject *pointer = PyLong_FromVoidPtr(p);
    BOOST_TEST(PyLong_AsVoidPtr(pointer) == p);
    for (PyObject *o : {umax, past, below, further, minus, pointer}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(non_ints_convert_through_index_or_are_refused) {
    RuntimeScope runtime;
    PyObject *f = PyFloat_FromDouble(1.5);
    BOOST_TEST(PyLong_AsLong(f) == -1);
    BOOST_TEST(error_of(PyExc_TypeError) == "'float' object cannot be interpreted as an integer");
    int overflow;
    BOOST_TEST(PyLong_AsLongAndOverflow(f, &overflow) == -1);
    BOOST_TEST(error_of(PyExc_TypeError) == "'float' object cannot be interpreted as an integer");
    BOOST_TEST(PyLong_AsLongLong(f) == -1);
    BOOST_TEST(error_of(PyExc_TypeError) == "'float' object cannot be interpreted as an integer");
    for (auto convert :
         {+[](PyObject *o) { return static_cast<double>(PyLong_AsSsize_t(o)); },
          +[](PyObject *o) { return static_cast<double>(PyLong_AsUnsignedLong(o)); },
          +[](PyObject *o) { return static_cast<double>(PyLong_AsSize_t(o)); },
          +[](PyObject *o) { return static_cast<double>(PyLong_AsUnsignedLongLong(o)); },
          +[](PyObject *o) { return PyLong_AsDouble(o); }}) {
        convert(f);
        BOOST_TEST(error_of(PyExc_TypeError) == "an integer is required");
    }
    // bool is an int: no __index__ detour.
    BOOST_TEST(PyLong_AsLong(Py_True) == 1);
    BOOST_TEST(PyLong_AsSsize_t(Py_False) == 0);
    Py_DECREF(f);
}

BOOST_AUTO_TEST_CASE(doubles_convert_exactly_or_with_cpythons_errors) {
    RuntimeScope runtime;
    PyObject *nan = PyLong_FromDouble(std::nan(""));
    BOOST_TEST(nan == nullptr);
    BOOST_TEST(error_of(PyExc_ValueError) == "cannot convert float NaN to integer");
    PyObject *inf = PyLong_FromDouble(-HUGE_VAL);
    BOOST_TEST(inf == nullptr);
    BOOST_TEST(error_of(PyExc_OverflowError) == "cannot convert float infinity to integer");
    auto text_of = [](double d) {
        PyObject *v = PyLong_FromDouble(d);
        BOOST_REQUIRE(v != nullptr);
        std::string text = str_text(PyObject_Str(v));
        Py_DECREF(v);
        return text;
    };
    BOOST_TEST(text_of(-1e300) ==
               "-1000000000000000052504760255204420248704468581108159154915854115511802457988908195"
               "786371375080"
               "44786404370444383288387817694252323536043057564479218478670698284838720092657580373"
               "78302337947"
               "88090059368953234970799945081119038967640880074652742780142494579258788820056842838"
               "11566947219"
               "6386865459400540160");
    BOOST_TEST(text_of(-2.9) == "-2");
    BOOST_TEST(text_of(9223372036854775808.0) == "9223372036854775808");
    BOOST_TEST(text_of(DBL_MAX).size() == 309u);
    // Round trips of doubles through int.
    for (double d :
         {0.0, 1.0, -4503599627370497.0, 1e22, -1e300, DBL_MAX, 0x1.fffffffffffffp+1023}) {
        PyObject *v = PyLong_FromDouble(d);
        BOOST_TEST(PyLong_AsDouble(v) == d);
        Py_DECREF(v);
    }
    PyObject *one = PyLong_FromLong(1), *count = PyLong_FromLong(1024);
    PyObject *too_big = PyNumber_Lshift(one, count);
    Py_DECREF(one);
    Py_DECREF(count);
    BOOST_TEST(PyLong_AsDouble(too_big) == -1.0);
    BOOST_TEST(error_of(PyExc_OverflowError) == "int too large to convert to float");
    Py_DECREF(too_big);
}

BOOST_AUTO_TEST_CASE(frexp_numbits_and_sign) {
    RuntimeScope runtime;
    PyObject *v = from_text("-1267650600228229401496703205377");  // -(2**100 + 1)
    Py_ssize_t e = 0;
    BOOST_TEST(_PyLong_Frexp(reinterpret_cast<PyLongObject *>(v), &e) == 0.5);
    BOOST_TEST(e == 101);
    BOOST_TEST(_PyLong_NumBits(v) == 101u);
    BOOST_TEST(_PyLong_Sign(v) == -1);
    PyObject *zero = PyLong_FromLong(0);
    BOOST_TEST(_PyLong_Frexp(reinterpret_cast<PyLongObject *>(zero), &e) == 0.0);
    BOOST_TEST(e == 0);
    BOOST_TEST(_PyLong_NumBits(zero) == 0u);
    BOOST_TEST(_PyLong_Sign(zero) == 0);
    // 2**54 - 1 rounds up to 2**54: x == 0.5 with e one higher.
    PyObject *ones = from_text("18014398509481983");
    BOOST_TEST(_PyLong_Frexp(reinterpret_cast<PyLongObject *>(ones), &e) == 0.5);
    BOOST_TEST(e == 55);
    Py_DECREF(v);
    Py_DECREF(zero);
    Py_DECREF(ones);
}

BOOST_AUTO_TEST_CASE(comparisons_order_ints_and_leave_others_to_them) {
    RuntimeScope runtime;
    PyObject *big = from_text("-99999999999999999999999999"), *small = PyLong_FromLong(-3);
    BOOST_TEST(PyObject_RichCompareBool(big, small, Py_LT) == 1);
    BOOST_TEST(PyObject_RichCompareBool(small, big, Py_GE) == 1);
    BOOST_TEST(PyObject_RichCompareBool(big, big, Py_EQ) == 1);
    PyObject *same = from_text("-99999999999999999999999999");
    BOOST_TEST(PyObject_RichCompareBool(big, same, Py_LE) == 1);
    BOOST_TEST(PyObject_RichCompareBool(big, same, Py_NE) == 0);
    PyObject *text = PyUnicode_FromString("x");
    PyObject *result = PyLong_Type.tp_richcompare(small, text, Py_EQ);
    BOOST_TEST(result == Py_NotImplemented);
    Py_XDECREF(result);
    result = int_number()->nb_add(small, text);
    BOOST_TEST(result == Py_NotImplemented);
    Py_XDECREF(result);
    for (PyObject *o : {big, small, same, text}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(from_long_around_the_cache_and_the_first_digit) {
    RuntimeScope runtime;
    // Each side of the small-int cache (-5 ... 256) and of one 30-bit digit (2**30 - 1):
    // the value survives, and ob_size counts the digits with the sign, as in CPython.
    struct Case {
        long value;
        Py_ssize_t size;
    };
    for (const Case c : {Case{-6, -1}, Case{257, 1}, Case{1073741823, 1}, Case{-1073741823, -1},
                         Case{1073741824, 2}, Case{-1073741824, -2}, Case{LONG_MIN, -3}}) {
        PyObject *v = PyLong_FromLong(c.value);
        BOOST_TEST_CONTEXT(c.value) {
            BOOST_TEST(Py_SIZE(v) == c.size);
            BOOST_TEST(PyLong_AsLong(v) == c.value);
            BOOST_TEST(Py_REFCNT(v) == 1);  // a new object, not a cached one
        }
        Py_DECREF(v);
    }
}

BOOST_AUTO_TEST_CASE(unary_operators) {
    RuntimeScope runtime;
    PyObject *v = from_text("-1073741824");  // -2**30: two digits in magnitude
    BOOST_TEST(int_text(int_number()->nb_negative(v)) == "40000000");
    BOOST_TEST(int_text(int_number()->nb_absolute(v)) == "40000000");
    BOOST_TEST(int_text(int_number()->nb_invert(v)) == "3fffffff");
    BOOST_TEST(int_number()->nb_bool(v) == 1);
    PyObject *zero = PyLong_FromLong(0);
    BOOST_TEST(int_number()->nb_bool(zero) == 0);
    PyObject *inverted = int_number()->nb_invert(zero);
    BOOST_TEST(PyLong_AsLong(inverted) == -1);
    // +True is the int 1, not True.
    PyObject *plus = int_number()->nb_positive(Py_True);
    BOOST_TEST(PyLong_CheckExact(plus));
    BOOST_TEST(PyLong_AsLong(plus) == 1);
    PyObject *index = int_number()->nb_index(Py_True);
    BOOST_TEST(PyLong_CheckExact(index));
    for (PyObject *o : {v, zero, inverted, plus, index}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(int_constructor_follows_cpython) {
    RuntimeScope runtime;
    BOOST_TEST(int_text(call_int(PyTuple_New(0))) == "0");
    BOOST_TEST(int_text(call_int(Py_BuildValue("(s)", " -12_3 "))) == "-7b");
    BOOST_TEST(int_text(call_int(Py_BuildValue("(si)", "z", 36))) == "23");
    BOOST_TEST(int_text(call_int(Py_BuildValue("(d)", -2.5))) == "-2");
    BOOST_TEST(int_text(call_int(Py_BuildValue("(y)", "0x1f"), nullptr)) ==
               "!ValueError:" + to_hex("invalid literal for int() with base 10: b'0x1f'"));
    BOOST_TEST(int_text(call_int(Py_BuildValue("(O)", Py_True))) == "1");
    PyObject *kwargs = Py_BuildValue("{s:i}", "base", 0);
    BOOST_TEST(int_text(call_int(Py_BuildValue("(s)", "0o17"), kwargs)) == "f");
    Py_DECREF(kwargs);

    auto error = [](PyObject *args, PyObject *kw) {
        const std::string text = int_text(call_int(args, kw));
        Py_XDECREF(kw);
        return readable(text);
    };
    BOOST_TEST(error(Py_BuildValue("(sii)", "1", 2, 3), nullptr) ==
               "!TypeError: int() takes at most 2 arguments (3 given)");
    BOOST_TEST(error(Py_BuildValue("(si)", "1", 2), Py_BuildValue("{s:i}", "base", 3)) ==
               "!TypeError: int() takes at most 2 arguments (3 given)");
    BOOST_TEST(error(PyTuple_New(0), Py_BuildValue("{s:s}", "x", "1")) ==
               "!TypeError: 'x' is an invalid keyword argument for int()");
    BOOST_TEST(error(PyTuple_New(0), Py_BuildValue("{s:i}", "base", 2)) ==
               "!TypeError: int() missing string argument");
    BOOST_TEST(error(Py_BuildValue("(si)", "1", 1), nullptr) ==
               "!ValueError: int() base must be >= 2 and <= 36, or 0");
    BOOST_TEST(error(Py_BuildValue("(sO)", "1", Py_True), nullptr) ==
               "!ValueError: int() base must be >= 2 and <= 36, or 0");
    BOOST_TEST(error(Py_BuildValue("(sd)", "1", 1.0), nullptr) ==
               "!TypeError: 'float' object cannot be interpreted as an integer");
    BOOST_TEST(error(Py_BuildValue("(ii)", 12, 10), nullptr) ==
               "!TypeError: int() can't convert non-string with explicit base");
    BOOST_TEST(error(Py_BuildValue("(O)", Py_None), nullptr) ==
               "!TypeError: int() argument must be a string, a bytes-like object or a real number, "
               "not 'NoneType'");
    BOOST_TEST(error(Py_BuildValue("(d)", HUGE_VAL), nullptr) ==
               "!OverflowError: cannot convert float infinity to integer");
    PyObject *args = PyTuple_New(0);
    PyObject *result = PyLong_Type.tp_new(&PyBool_Type, args, nullptr);
    BOOST_TEST(result == nullptr);
    BOOST_TEST(readable(take_error()) ==
               "!TypeError: int.__new__(bool) is not safe, use bool.__new__()");
    Py_DECREF(args);
}

BOOST_AUTO_TEST_CASE(methods_and_attributes) {
    RuntimeScope runtime;
    PyObject *v = PyLong_FromLong(-5);
    BOOST_TEST(int_text(PyObject_CallMethod(v, "bit_length", nullptr)) == "3");
    BOOST_TEST(int_text(PyObject_CallMethod(v, "bit_count", nullptr)) == "2");
    BOOST_TEST(int_text(PyObject_CallMethod(v, "conjugate", nullptr)) == "-5");
    BOOST_TEST(int_text(PyObject_GetAttrString(v, "real")) == "-5");
    BOOST_TEST(int_text(PyObject_GetAttrString(v, "imag")) == "0");
    BOOST_TEST(int_text(PyObject_GetAttrString(v, "numerator")) == "-5");
    BOOST_TEST(int_text(PyObject_GetAttrString(v, "denominator")) == "1");
    BOOST_TEST(int_text(PyObject_CallMethod(v, "__sizeof__", nullptr)) == "1c");
    PyObject *ratio = PyObject_CallMethod(Py_True, "as_integer_ratio", nullptr);
    BOOST_REQUIRE(ratio != nullptr);
    BOOST_TEST(PyLong_CheckExact(PyTuple_GET_ITEM(ratio, 0)));
    Py_DECREF(ratio);
    PyObject *big = from_text("1000000000000000000000000000000");
    BOOST_TEST(int_text(PyObject_CallMethod(big, "bit_length", nullptr)) == "64");
    BOOST_TEST(int_text(PyObject_CallMethod(big, "__sizeof__", nullptr)) ==
               "28");  // 24 + 4 digits * 4
    // round() with a negative ndigits rounds half to even.
    struct RoundCase {
        long value;
        int ndigits;
        const char *hex;
    };
    for (const RoundCase &c :
         {RoundCase{15, -1, "14"}, RoundCase{25, -1, "14"}, RoundCase{-25, -1, "-14"},
          RoundCase{35, -1, "28"}, RoundCase{5, 2, "5"}, RoundCase{149, -2, "64"},
          RoundCase{150, -2, "c8"}}) {
        PyObject *n = PyLong_FromLong(c.value);
        BOOST_TEST(int_text(PyObject_CallMethod(n, "__round__", "i", c.ndigits)) == c.hex,
                   c.value << " " << c.ndigits);
        Py_DECREF(n);
    }
    BOOST_TEST(readable(int_text(PyObject_CallMethod(v, "__round__", "ii", 1, 2))) ==
               "!TypeError: __round__ expected at most 1 argument, got 2");
    Py_DECREF(v);
    Py_DECREF(big);
}

BOOST_AUTO_TEST_CASE(to_bytes_and_from_bytes) {
    RuntimeScope runtime;
    auto bytes_text = [](PyObject *b) {
        if (b == nullptr) return readable(take_error());
        std::string s(PyBytes_AS_STRING(b), static_cast<std::size_t>(PyBytes_GET_SIZE(b)));
        Py_DECREF(b);
        return to_hex(s);
    };
    PyObject *v = from_text("-129"), *w = from_text("65535"), *zero = PyLong_FromLong(0);
    PyObject *kw_signed = Py_BuildValue("{s:O}", "signed", Py_True);
    PyObject *args2 = Py_BuildValue("(is)", 2, "little");
    auto method = [](PyObject *self, const char *name, PyObject *args, PyObject *kw) {
        PyObject *callable = PyObject_GetAttrString(self, name);
        BOOST_REQUIRE(callable != nullptr);
        PyObject *result = PyObject_Call(callable, args, kw);
        Py_DECREF(callable);
        return result;
    };
    BOOST_TEST(bytes_text(method(v, "to_bytes", args2, kw_signed)) == "7fff");
    BOOST_TEST(bytes_text(method(v, "to_bytes", args2, nullptr)) ==
               "!OverflowError: can't convert negative int to unsigned");
    BOOST_TEST(bytes_text(method(w, "to_bytes", args2, nullptr)) == "ffff");
    BOOST_TEST(bytes_text(method(w, "to_bytes", args2, kw_signed)) ==
               "!OverflowError: int too big to convert");
    PyObject *no_args = PyTuple_New(0);
    BOOST_TEST(bytes_text(method(zero, "to_bytes", no_args, nullptr)) == "00");
    PyObject *args0 = Py_BuildValue("(i)", 0);
    BOOST_TEST(bytes_text(method(zero, "to_bytes", args0, nullptr)) == "");
    PyObject *minus128 = PyLong_FromLong(-128);
    PyObject *args1 = Py_BuildValue("(i)", 1);
    BOOST_TEST(bytes_text(method(minus128, "to_bytes", args1, kw_signed)) == "80");
    PyObject *bad = Py_BuildValue("(isi)", 1, "big", 3);
    BOOST_TEST(bytes_text(method(w, "to_bytes", bad, nullptr)) ==
               "!TypeError: to_bytes() takes at most 2 positional arguments (3 given)");
    PyObject *kw_length = Py_BuildValue("{s:i}", "length", 1);
    BOOST_TEST(bytes_text(method(w, "to_bytes", args1, kw_length)) ==
               "!TypeError: argument for to_bytes() given by name ('length') and position (1)");
    PyObject *order = Py_BuildValue("(is)", 1, "mid");
    BOOST_TEST(bytes_text(method(w, "to_bytes", order, nullptr)) ==
               "!ValueError: byteorder must be either 'little' or 'big'");
    PyObject *order_int = Py_BuildValue("(ii)", 1, 2);
    BOOST_TEST(bytes_text(method(w, "to_bytes", order_int, nullptr)) ==
               "!TypeError: to_bytes() argument 'byteorder' must be str, not int");

    PyObject *type = reinterpret_cast<PyObject *>(&PyLong_Type);
    PyObject *from_args = Py_BuildValue("(y#s)", "\xff\x01", static_cast<Py_ssize_t>(2), "little");
    BOOST_TEST(int_text(method(type, "from_bytes", from_args, kw_signed)) == "1ff");
    PyObject *from_neg = Py_BuildValue("(y#)", "\x80\x00", static_cast<Py_ssize_t>(2));
    BOOST_TEST(int_text(method(type, "from_bytes", from_neg, kw_signed)) == "-8000");
    BOOST_TEST(int_text(method(type, "from_bytes", from_neg, nullptr)) == "8000");
    BOOST_TEST(readable(int_text(method(type, "from_bytes", no_args, nullptr))) ==
               "!TypeError: from_bytes() missing required argument 'bytes' (pos 1)");
    for (PyObject *o : {v, w, zero, kw_signed, args2, no_args, args0, minus128, args1, bad,
                        kw_length, order, order_int, from_args, from_neg})
        Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(gcd_and_divmod_near) {
    RuntimeScope runtime;
    PyObject *a = from_text("-123456789012345678901234567890"),
             *b = from_text("987654321987654321");
    BOOST_TEST(int_text(_PyLong_GCD(a, b)) == "333");  // 819
    PyObject *seven = PyLong_FromLong(7), *two = PyLong_FromLong(2);
    PyObject *pair = _PyLong_DivmodNear(seven, two);  // 7/2 = 3.5 -> 4, remainder -1
    BOOST_REQUIRE(pair != nullptr);
    BOOST_TEST(PyLong_AsLong(PyTuple_GET_ITEM(pair, 0)) == 4);
    BOOST_TEST(PyLong_AsLong(PyTuple_GET_ITEM(pair, 1)) == -1);
    for (PyObject *o : {a, b, seven, two, pair}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(allocation_failures_in_big_arithmetic_raise_memory_error) {
    PyConfig config = RuntimeScope::counting_config();  // the sweep counts live blocks
    config.use_freelists = 0;
    RuntimeScope runtime(config);
    minipy::test::sweep_allocation_failures(
        [] {
            PyObject *a = PyLong_FromString("123456789_123456789_123456789_123456789", nullptr, 10);
            if (a == nullptr) return false;
            PyObject *big =
                PyNumber_Power(a, PyLong_FromLong(60) /* cached */, Py_None);  // Karatsuba sizes
            Py_DECREF(a);
            if (big == nullptr) return false;
            PyObject *square = PyNumber_Multiply(big, big);
            PyObject *q =
                square != nullptr ? PyNumber_FloorDivide(square, PyLong_FromLong(-3)) : nullptr;
            PyObject *r = q != nullptr ? PyNumber_Remainder(square, big) : nullptr;
            PyObject *text = r != nullptr ? PyObject_Str(big) : nullptr;
            PyObject *back = text != nullptr ? PyLong_FromUnicodeObject(text, 10) : nullptr;
            PyObject *shifted =
                back != nullptr ? PyNumber_Rshift(back, PyLong_FromLong(77)) : nullptr;
            PyObject *ored =
                shifted != nullptr ? PyNumber_Or(shifted, PyLong_FromLong(-5)) : nullptr;
            PyObject *quotient = ored != nullptr ? PyNumber_TrueDivide(ored, big) : nullptr;
            const bool ok = quotient != nullptr;
            for (PyObject *o : {big, square, q, r, text, back, shifted, ored, quotient})
                Py_XDECREF(o);
            return ok;
        },
        {.min_runs = 20});
}

BOOST_AUTO_TEST_SUITE_END()
