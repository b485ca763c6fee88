// The float type (the suite is float_object: `float` is a C++ keyword): making floats and
// reading them back, the free list on and off, arithmetic with floats and ints (// % divmod
// ** with CPython 3.11's special cases and messages), comparisons with ints of any size,
// float(), and the methods. Expected values come from python3
// (tests/runtime/data/gen_float_cases.py).
#include <boost/test/unit_test.hpp>

#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/fault_sweep.hpp"
#include "runtime/float_helpers.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::obj_blocks;
using minipy::test::RuntimeScope;
using namespace minipy::test::floats;
using minipy::test::read_data_file;
using minipy::test::rest_of;

namespace {

PyNumberMethods *float_number() {
    return PyFloat_Type.tp_as_number;
}

// The slot of the data file's operator name, called as CPython's binary_op1 would call the
// float slot (whichever side the float is on).
PyObject *apply(const std::string &op, PyObject *a, PyObject *b) {
    PyNumberMethods *nb = float_number();
    if (op == "add") return nb->nb_add(a, b);
    if (op == "sub") return nb->nb_subtract(a, b);
    if (op == "mul") return nb->nb_multiply(a, b);
    if (op == "truediv") return nb->nb_true_divide(a, b);
    if (op == "floordiv") return nb->nb_floor_divide(a, b);
    if (op == "mod") return nb->nb_remainder(a, b);
    if (op == "divmod") return nb->nb_divmod(a, b);
    if (op == "pow") return nb->nb_power(a, b, Py_None);
    BOOST_FAIL("unknown operator " << op);
    return nullptr;
}

// Calls float(*args) through the type, as the interpreter will.
std::string call_float(PyObject *args, PyObject *kwargs = nullptr) {
    PyObject *result = PyObject_Call(reinterpret_cast<PyObject *>(&PyFloat_Type), args, kwargs);
    Py_DECREF(args);
    return result_text(result);
}

std::string method(PyObject *self, const char *name, PyObject *arg = nullptr) {
    PyObject *result = arg == nullptr ? PyObject_CallMethod(self, name, nullptr)
                                      : PyObject_CallMethod(self, name, "O", arg);
    return result_text(result);
}

std::string float_method(double v, const char *name, PyObject *arg = nullptr) {
    PyObject *f = PyFloat_FromDouble(v);
    std::string text = method(f, name, arg);
    Py_DECREF(f);
    return text;
}

// Float work that allocates in both domains (str copies in MEM, objects in OBJ) and on error
// paths. Returns "" when it all succeeded, else the step that failed, whose exception is
// left set.
std::string float_block() {
    struct Owned {
        std::vector<PyObject *> refs;
        ~Owned() {
            for (PyObject *r : refs) Py_XDECREF(r);
        }
        bool keep(PyObject *r) {
            refs.push_back(r);
            return r != nullptr;
        }
    } owned;
#define FLOAT_STEP(call) \
    if (!owned.keep(call)) return #call
    FLOAT_STEP(PyUnicode_FromString("1_000.5"));
    FLOAT_STEP(PyFloat_FromString(owned.refs.back()));
    PyObject *a = owned.refs.back();
    FLOAT_STEP(PyUnicode_FromString("\xd9\xa3.\xd9\xa5"));  // Arabic-Indic 3.5
    FLOAT_STEP(PyFloat_FromString(owned.refs.back()));
    PyObject *b = owned.refs.back();
    FLOAT_STEP(PyObject_Repr(a));
    FLOAT_STEP(float_number()->nb_divmod(a, b));
    FLOAT_STEP(PyObject_CallMethod(a, "as_integer_ratio", nullptr));
    FLOAT_STEP(PyObject_CallMethod(a, "hex", nullptr));
    FLOAT_STEP(PyObject_CallMethod(reinterpret_cast<PyObject *>(&PyFloat_Type), "fromhex", "O",
                                   owned.refs.back()));
    FLOAT_STEP(PyObject_CallMethod(a, "__round__", "i", -2));
    FLOAT_STEP(PyLong_FromString("9007199254740993000", nullptr, 10));
    FLOAT_STEP(PyFloat_Type.tp_richcompare(a, owned.refs.back(), Py_LT));
    char *text = PyOS_double_to_string(1e300, 'f', 3, 0, nullptr);
    if (text == nullptr) return "PyOS_double_to_string";
    PyMem_Free(text);
    // An error path that allocates: OverflowError(34, 'Numerical result out of range').
    FLOAT_STEP(PyFloat_FromDouble(10.0));
    FLOAT_STEP(PyFloat_FromDouble(400.0));
    PyObject *big =
        float_number()->nb_power(owned.refs[owned.refs.size() - 2], owned.refs.back(), Py_None);
    if (big != nullptr) return "10.0 ** 400.0 succeeded";
    if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return "10.0 ** 400.0";
    PyErr_Clear();
#undef FLOAT_STEP
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float_object)

BOOST_AUTO_TEST_CASE(from_double_keeps_the_value_and_the_type) {
    RuntimeScope runtime;
    for (double v : {0.0, -0.0, 1.5, -1e300, 5e-324, HUGE_VAL, -HUGE_VAL}) {
        PyObject *f = PyFloat_FromDouble(v);
        BOOST_REQUIRE(f != nullptr);
        BOOST_TEST(PyFloat_CheckExact(f));
        BOOST_TEST(PyFloat_Check(f));
        BOOST_TEST(same_double(PyFloat_AS_DOUBLE(f), v));
        BOOST_TEST(same_double(PyFloat_AsDouble(f), v));
        BOOST_TEST(Py_REFCNT(f) == 1);
        Py_DECREF(f);
    }
    PyObject *nan = PyFloat_FromDouble(Py_NAN);
    BOOST_TEST(std::isnan(PyFloat_AS_DOUBLE(nan)));
    Py_DECREF(nan);
    BOOST_TEST(PyFloat_GetMax() == DBL_MAX);
    BOOST_TEST(PyFloat_GetMin() == DBL_MIN);
    BOOST_TEST(std::string(PyFloat_Type.tp_name) == "float");
    BOOST_TEST(PyFloat_Type.tp_basicsize == static_cast<Py_ssize_t>(sizeof(PyFloatObject)));
}

BOOST_AUTO_TEST_CASE(as_double_takes_ints_exactly_rounded_and_refuses_others) {
    RuntimeScope runtime;
    PyObject *big = PyLong_FromString("9007199254740993", nullptr, 10);  // 2**53 + 1: ties to even
    BOOST_TEST(PyFloat_AsDouble(big) == 9007199254740992.0);
    Py_DECREF(big);
    BOOST_TEST(PyFloat_AsDouble(Py_True) == 1.0);
    PyObject *huge = PyLong_FromString(("1" + std::string(400, '0')).c_str(), nullptr, 10);
    BOOST_TEST(PyFloat_AsDouble(huge) == -1.0);
    BOOST_TEST(take_error() == "OverflowError: int too large to convert to float");
    Py_DECREF(huge);
    PyObject *s = PyUnicode_FromString("1.5");
    BOOST_TEST(PyFloat_AsDouble(s) == -1.0);
    BOOST_TEST(take_error() == "TypeError: must be real number, not str");
    Py_DECREF(s);
    BOOST_TEST(PyFloat_AsDouble(nullptr) == -1.0);
    BOOST_TEST(take_error() == "TypeError: bad argument type for built-in operation");
}

BOOST_AUTO_TEST_CASE(free_list_reuses_up_to_100_floats) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
    PyObject *first = PyFloat_FromDouble(1.0);
    void *address = first;
    Py_DECREF(first);
    PyObject *second = PyFloat_FromDouble(2.0);
    BOOST_TEST(static_cast<void *>(second) == address);  // the block came back from the list
    BOOST_TEST(PyFloat_AS_DOUBLE(second) == 2.0);
    BOOST_TEST(Py_REFCNT(second) == 1);
    Py_DECREF(second);

    // Fill the list, then count blocks: 150 floats take 100 from the list and 50 new blocks,
    // and freeing them keeps 100 again.
    std::vector<PyObject *> floats;
    for (int i = 0; i < 150; i++) floats.push_back(PyFloat_FromDouble(i));
    for (PyObject *f : floats) Py_DECREF(f);
    floats.clear();
    const std::size_t base = obj_blocks();
    for (int i = 0; i < 150; i++) floats.push_back(PyFloat_FromDouble(i));
    BOOST_TEST(obj_blocks() == base + 50);
    for (PyObject *f : floats) Py_DECREF(f);
    BOOST_TEST(obj_blocks() == base);
    // The shutdown's leak check (RuntimeScope) shows that float_fini empties the list.
}

BOOST_AUTO_TEST_CASE(without_free_lists_every_float_is_freed) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const std::size_t base = obj_blocks();
    std::vector<PyObject *> floats;
    for (int i = 0; i < 150; i++) floats.push_back(PyFloat_FromDouble(i));
    BOOST_TEST(obj_blocks() == base + 150);
    for (PyObject *f : floats) Py_DECREF(f);
    BOOST_TEST(obj_blocks() == base);

    // With nothing to reuse, a refused allocation is a MemoryError.
    minipy_memory_usage usage;
    BOOST_REQUIRE(minipy_get_memory_usage(&usage) == 0);
    BOOST_REQUIRE(minipy_set_memory_limit(usage.total.current_bytes) == 0);
    BOOST_TEST(PyFloat_FromDouble(1.0) == nullptr);
    BOOST_TEST(take_error() == "MemoryError");
    BOOST_REQUIRE(minipy_set_memory_limit(0) == 0);
}

BOOST_AUTO_TEST_CASE(every_allocation_failure_is_a_memory_error) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    std::string failed;
    for (const bool and_after : {false, true})
        minipy::test::sweep_allocation_failures(
            [&] { return (failed = float_block()).empty(); },
            {.and_after = and_after, .min_runs = 6, .stopped_at = [&] { return failed; }});
}

BOOST_AUTO_TEST_CASE(arithmetic_matches_python) {
    RuntimeScope runtime;
    int checked = 0;
    for (const auto &c : read_data_file("float_arith.txt", ' ')) {
        PyObject *a = operand(c[1]);
        PyObject *b = operand(c[2]);
        BOOST_REQUIRE_MESSAGE(a != nullptr && b != nullptr,
                              c[1] << " " << c[2] << ": " << take_error());
        const std::string got = result_text(apply(c[0], a, b));
        const std::string expected = rest_of(c, 3);
        BOOST_TEST(got == expected, c[0] << " " << c[1] << " " << c[2] << ": got " << got);
        Py_DECREF(a);
        Py_DECREF(b);
        checked++;
    }
    BOOST_TEST(checked > 300);
}

BOOST_AUTO_TEST_CASE(arithmetic_through_the_number_protocol) {
    RuntimeScope runtime;
    PyObject *x = PyFloat_FromDouble(7.5);
    PyObject *two = PyLong_FromLong(2);
    BOOST_TEST(result_text(PyNumber_Add(two, x)) == "0x1.3000000000000p+3");  // int + float: 9.5
    BOOST_TEST(result_text(PyNumber_FloorDivide(x, two)) == "0x1.8000000000000p+1");
    BOOST_TEST(result_text(PyNumber_Remainder(two, x)) == "0x1.0000000000000p+1");
    BOOST_TEST(result_text(PyNumber_TrueDivide(two, x)) == "0x1.1111111111111p-2");
    BOOST_TEST(result_text(PyNumber_Power(x, two, Py_None)) == "0x1.c200000000000p+5");
    BOOST_TEST(result_text(PyNumber_Power(x, two, two)) ==
               "!TypeError: pow() 3rd argument not allowed unless all arguments are integers");
    BOOST_TEST(result_text(PyNumber_Negative(x)) == "-0x1.e000000000000p+2");
    PyObject *text = PyUnicode_FromString("a");
    BOOST_TEST(result_text(PyNumber_Add(x, text)) ==
               "!TypeError: unsupported operand type(s) for +: 'float' and 'str'");
    BOOST_TEST(float_number()->nb_add(x, text) == Py_NotImplemented);
    Py_DECREF(Py_NotImplemented);
    Py_DECREF(text);
    Py_DECREF(two);
    Py_DECREF(x);
}

BOOST_AUTO_TEST_CASE(unary_slots_and_conversion_to_int) {
    RuntimeScope runtime;
    PyNumberMethods *nb = float_number();
    PyObject *x = PyFloat_FromDouble(-2.75);
    BOOST_TEST(result_text(nb->nb_negative(x)) == "0x1.6000000000000p+1");
    BOOST_TEST(result_text(nb->nb_absolute(x)) == "0x1.6000000000000p+1");
    PyObject *same = nb->nb_positive(x);
    BOOST_TEST(same == x);  // an exact float is its own +x and float(x)
    Py_DECREF(same);
    BOOST_TEST(nb->nb_bool(x) == 1);
    BOOST_TEST(result_text(nb->nb_int(x)) == "i-2");
    Py_DECREF(x);
    PyObject *zero = PyFloat_FromDouble(-0.0);
    BOOST_TEST(nb->nb_bool(zero) == 0);
    Py_DECREF(zero);
    PyObject *big = PyFloat_FromDouble(1e20);
    BOOST_TEST(result_text(nb->nb_int(big)) == "i100000000000000000000");
    Py_DECREF(big);
    PyObject *nan = PyFloat_FromDouble(Py_NAN);
    BOOST_TEST(result_text(nb->nb_int(nan)) == "!ValueError: cannot convert float NaN to integer");
    Py_DECREF(nan);
    PyObject *inf = PyFloat_FromDouble(-HUGE_VAL);
    BOOST_TEST(result_text(nb->nb_int(inf)) ==
               "!OverflowError: cannot convert float infinity to integer");
    Py_DECREF(inf);
}

BOOST_AUTO_TEST_CASE(comparisons_with_ints_are_exact) {
    RuntimeScope runtime;
    static const int kOps[] = {Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE};
    static const int kSwapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
    int checked = 0;
    for (const auto &c : read_data_file("float_compare.txt", ' ')) {
        PyObject *a = operand(c[0]);
        PyObject *b = operand(c[1]);
        BOOST_REQUIRE_MESSAGE(a != nullptr && b != nullptr,
                              c[0] << " " << c[1] << ": " << take_error());
        std::string slot;
        std::string reflected;
        for (int i = 0; i < 6; i++) {
            slot += result_text(PyFloat_Type.tp_richcompare(a, b, kOps[i]));
            // b OP' a, as the protocol asks the float when the int cannot answer.
            reflected += result_text(PyObject_RichCompare(b, a, kSwapped[i]));
        }
        BOOST_TEST(slot == c[2], c[0] << " vs " << c[1]);
        BOOST_TEST(reflected == c[2], c[1] << " vs " << c[0] << " (reflected)");
        Py_DECREF(a);
        Py_DECREF(b);
        checked++;
    }
    BOOST_TEST(checked > 200);
    PyObject *x = PyFloat_FromDouble(1.0);
    PyObject *s = PyUnicode_FromString("1");
    PyObject *r = PyFloat_Type.tp_richcompare(x, s, Py_EQ);
    BOOST_TEST(r == Py_NotImplemented);
    Py_DECREF(r);
    BOOST_TEST(result_text(PyObject_RichCompare(x, s, Py_LT)) ==
               "!TypeError: '<' not supported between instances of 'float' and 'str'");
    Py_DECREF(s);
    Py_DECREF(x);
}

BOOST_AUTO_TEST_CASE(float_constructor) {
    RuntimeScope runtime;
    BOOST_TEST(call_float(PyTuple_New(0)) == "0x0.0p+0");
    BOOST_TEST(call_float(Py_BuildValue("(s)", " -1_5.5e1 ")) == "-0x1.3600000000000p+7");
    BOOST_TEST(call_float(Py_BuildValue("(i)", 3)) == "0x1.8000000000000p+1");
    BOOST_TEST(call_float(Py_BuildValue("(d)", 2.5)) == "0x1.4000000000000p+1");
    BOOST_TEST(call_float(Py_BuildValue("(y)", "1e3")) == "0x1.f400000000000p+9");
    BOOST_TEST(call_float(Py_BuildValue("(O)", Py_True)) == "0x1.0000000000000p+0");
    BOOST_TEST(call_float(Py_BuildValue("(s)", "abc")) ==
               "!ValueError: could not convert string to float: 'abc'");
    BOOST_TEST(call_float(Py_BuildValue("(ii)", 1, 2)) ==
               "!TypeError: float expected at most 1 argument, got 2");
    BOOST_TEST(call_float(Py_BuildValue("([])")) ==
               "!TypeError: float() argument must be a string or a real number, not 'list'");
    PyObject *kwargs = Py_BuildValue("{s:i}", "x", 1);
    BOOST_TEST(call_float(PyTuple_New(0), kwargs) ==
               "!TypeError: float() takes no keyword arguments");
    Py_DECREF(kwargs);
    PyObject *huge = PyLong_FromString(("1" + std::string(400, '0')).c_str(), nullptr, 10);
    BOOST_TEST(call_float(PyTuple_Pack(1, huge)) ==
               "!OverflowError: int too large to convert to float");
    Py_DECREF(huge);
}

BOOST_AUTO_TEST_CASE(methods_and_attributes) {
    RuntimeScope runtime;
    BOOST_TEST(float_method(3.0, "is_integer") == "T");
    BOOST_TEST(float_method(3.5, "is_integer") == "F");
    BOOST_TEST(float_method(HUGE_VAL, "is_integer") == "F");
    BOOST_TEST(float_method(0.5, "as_integer_ratio") == "(i1,i2)");
    BOOST_TEST(float_method(-0.75, "as_integer_ratio") == "(i-3,i4)");
    BOOST_TEST(float_method(1e20, "as_integer_ratio") == "(i100000000000000000000,i1)");
    BOOST_TEST(float_method(0.1, "as_integer_ratio") == "(i3602879701896397,i36028797018963968)");
    BOOST_TEST(float_method(0.0, "as_integer_ratio") == "(i0,i1)");
    BOOST_TEST(float_method(HUGE_VAL, "as_integer_ratio") ==
               "!OverflowError: cannot convert Infinity to integer ratio");
    BOOST_TEST(float_method(Py_NAN, "as_integer_ratio") ==
               "!ValueError: cannot convert NaN to integer ratio");
    BOOST_TEST(float_method(-2.5, "__trunc__") == "i-2");
    BOOST_TEST(float_method(-2.5, "__floor__") == "i-3");
    BOOST_TEST(float_method(-2.5, "__ceil__") == "i-2");
    BOOST_TEST(float_method(2.5, "conjugate") == "0x1.4000000000000p+1");
    BOOST_TEST(float_method(2.5, "__getnewargs__") == "(0x1.4000000000000p+1)");
    PyObject *f = PyFloat_FromDouble(-4.25);
    BOOST_TEST(result_text(PyObject_GetAttrString(f, "real")) == "-0x1.1000000000000p+2");
    BOOST_TEST(result_text(PyObject_GetAttrString(f, "imag")) == "0x0.0p+0");
    Py_DECREF(f);
    PyObject *kind = PyUnicode_FromString("double");
    BOOST_TEST(text_steal(PyObject_CallMethod(reinterpret_cast<PyObject *>(&PyFloat_Type),
                                              "__getformat__", "O", kind)) ==
               "IEEE, little-endian");
    Py_DECREF(kind);
}

BOOST_AUTO_TEST_CASE(round_as_python) {
    RuntimeScope runtime;
    struct Case {
        double x;
        int ndigits;  // 999: no argument
        const char *expected;
    };
    // python3: round(x) / round(x, n)
    const Case cases[] = {
        {2.675, 2, "0x1.55c28f5c28f5cp+1"},     // 2.67: 2.675 is below the tie
        {1234.5, -1, "0x1.3380000000000p+10"},  // 1230.0
        {1235.0, -1, "0x1.3600000000000p+10"},  // 1240.0
        {1245.0, -1, "0x1.3600000000000p+10"},  // 1240.0, ties to even
        {-0.4, 0, "-0x0.0p+0"},
        {0.5, 0, "0x0.0p+0"},
        {1.5, 0, "0x1.0000000000000p+1"},
        {2.5, 999, "i2"},
        {-2.5, 999, "i-2"},
        {3.5, 999, "i4"},
        {1e300, -301, "0x0.0p+0"},
        {1e300, -300, "0x1.7e43c8800759cp+996"},
        {1.7976931348623157e308, -308, "!OverflowError: rounded value too large to represent"},
        {5e-324, 323, "0x0.0p+0"},
        {5e-324, 324, "0x0.0000000000001p-1022"},
        {123.456, -2, "0x1.9000000000000p+6"},
        {-150.0, -2, "-0x1.9000000000000p+7"},
        {-250.0, -2, "-0x1.9000000000000p+7"},
        {0.125, 2, "0x1.eb851eb851eb8p-4"},
        {9.995, 2, "0x1.3fae147ae147bp+3"},
        {HUGE_VAL, 2, "inf"},
        {-0.0, 1, "-0x0.0p+0"},
        {1.5, 400, "0x1.8000000000000p+0"},
        {-1.5, -400, "-0x0.0p+0"},
    };
    for (const Case &c : cases) {
        PyObject *arg = c.ndigits == 999 ? nullptr : PyLong_FromLong(c.ndigits);
        BOOST_TEST(float_method(c.x, "__round__", arg) == c.expected, c.x << ", " << c.ndigits);
        Py_XDECREF(arg);
    }
    PyObject *text = PyUnicode_FromString("a");
    BOOST_TEST(float_method(1.5, "__round__", text) ==
               "!TypeError: 'str' object cannot be interpreted as an integer");
    Py_DECREF(text);
    BOOST_TEST(float_method(HUGE_VAL, "__round__") ==
               "!OverflowError: cannot convert float infinity to integer");
}

BOOST_AUTO_TEST_CASE(pack_and_unpack_as_struct_does) {
    RuntimeScope runtime;
    struct Case {
        double x;
        const char *half;    // python3: struct.pack('<e', x).hex(), or the OverflowError
        const char *single;  // struct.pack('<f', x).hex()
    };
    const Case cases[] = {
        {1.0, "003c", "0000803f"},
        {-2.5, "00c1", "000020c0"},
        {65504.0, "ff7b", "00e07f47"},
        {65519.99, "ff7b", "fdef7f47"},
        {6.1e-05, "ff03", "40da7f38"},
        {5.96e-08, "0100", "e5fa7f33"},
        {2.98e-08, "0000", "e5faff32"},
        {2.99e-08, "0100", "666b0033"},
        {1e-09, "0000", "5f708930"},
        {HUGE_VAL, "007c", "0000807f"},
        {-HUGE_VAL, "00fc", "000080ff"},
        {-0.0, "0080", "00000080"},
        {0.1, "662e", "cdcccc3d"},
        {1.00146484375, "023c", "0030803f"},
        {3.0029296875, "0242", "00304040"},
        {65520.0, "!OverflowError: float too large to pack with e format", "00f07f47"},
        {3.4028235e38, "!OverflowError: float too large to pack with e format", "ffff7f7f"},
        {1e39, "!OverflowError: float too large to pack with e format",
         "!OverflowError: float too large to pack with f format"},
    };
    auto hex = [](const char *bytes, int n) {
        static const char kDigits[] = "0123456789abcdef";
        std::string out;
        for (int i = 0; i < n; i++) {
            out += kDigits[(static_cast<unsigned char>(bytes[i]) >> 4) & 15];
            out += kDigits[static_cast<unsigned char>(bytes[i]) & 15];
        }
        return out;
    };
    for (const Case &c : cases) {
        char le[8] = {};
        char be[8] = {};
        std::string half = PyFloat_Pack2(c.x, le, 1) == 0 ? hex(le, 2) : "!" + take_error();
        BOOST_TEST(half == c.half, c.x);
        if (half[0] != '!') {
            BOOST_TEST(PyFloat_Pack2(c.x, be, 0) == 0);
            BOOST_TEST(be[0] == le[1]);
            BOOST_TEST(be[1] == le[0]);
            BOOST_TEST(same_double(PyFloat_Unpack2(be, 0), PyFloat_Unpack2(le, 1)));
        }
        std::string single = PyFloat_Pack4(c.x, le, 1) == 0 ? hex(le, 4) : "!" + take_error();
        BOOST_TEST(single == c.single, c.x);
        if (single[0] != '!') BOOST_TEST(PyFloat_Unpack4(le, 1) == static_cast<float>(c.x));
        BOOST_TEST(PyFloat_Pack8(c.x, be, 0) == 0);
        BOOST_TEST(same_double(PyFloat_Unpack8(be, 0), c.x));
    }
    char nan_bytes[2];
    BOOST_TEST(PyFloat_Pack2(Py_NAN, nan_bytes, 1) == 0);
    BOOST_TEST(hex(nan_bytes, 2) == "007e");
    // python3: struct.unpack('<e', bytes.fromhex(h))
    const std::pair<const char *, double> halves[] = {{"\x00\x3c", 1.0},
                                                      {"\x00\xbc", -1.0},
                                                      {"\xff\x7b", 65504.0},
                                                      {"\x01\x00", 5.960464477539063e-08},
                                                      {"\x00\x04", 6.103515625e-05},
                                                      {"\x00\x7c", HUGE_VAL},
                                                      {"\x00\x80", -0.0},
                                                      {"\x55\x55", 85.3125}};
    for (const auto &[bytes, value] : halves)
        BOOST_TEST(same_double(PyFloat_Unpack2(bytes, 1), value));
    BOOST_TEST(std::isnan(PyFloat_Unpack2("\x00\x7e", 1)));
    BOOST_TEST(hex(
                   [] {
                       static char out[8];
                       PyFloat_Pack8(0.1, out, 0);
                       return out;
                   }(),
                   8) == "3fb999999999999a");
}

BOOST_AUTO_TEST_SUITE_END()
