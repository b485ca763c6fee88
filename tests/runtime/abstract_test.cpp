// The number protocol (abstract_number*.cpp): every binary, in-place and unary operator on
// the built-in types against what CPython 3.11 computes (data/abstract_ops.txt), the
// dispatch rules themselves on types made for the test (left slot, right slot, subclass
// first, Py_NotImplemented, the third operand of pow, the sequence fallbacks of + and *),
// and the conversions PyNumber_Index / Long / Float / AsSsize_t.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <string>

#include "abstract_helpers.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

// The slot tables and types below name only the slots they fill, as the runtime's own do.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using minipy::test::RuntimeScope;
using namespace minipy::test::abstract_support;
using minipy::test::read_data_file;

namespace {

using Binary = PyObject *(*)(PyObject *, PyObject *);
using Unary = PyObject *(*)(PyObject *);

PyObject *power(PyObject *v, PyObject *w) {
    return PyNumber_Power(v, w, Py_None);
}
PyObject *inplace_power(PyObject *v, PyObject *w) {
    return PyNumber_InPlacePower(v, w, Py_None);
}

const std::map<std::string, Binary> &binary_functions() {
    static const std::map<std::string, Binary> kFunctions = {
        {"Add", PyNumber_Add},
        {"Subtract", PyNumber_Subtract},
        {"Multiply", PyNumber_Multiply},
        {"TrueDivide", PyNumber_TrueDivide},
        {"FloorDivide", PyNumber_FloorDivide},
        {"Remainder", PyNumber_Remainder},
        {"Divmod", PyNumber_Divmod},
        {"Power", power},
        {"Lshift", PyNumber_Lshift},
        {"Rshift", PyNumber_Rshift},
        {"And", PyNumber_And},
        {"Or", PyNumber_Or},
        {"Xor", PyNumber_Xor},
        {"MatrixMultiply", PyNumber_MatrixMultiply},
        {"InPlaceAdd", PyNumber_InPlaceAdd},
        {"InPlaceSubtract", PyNumber_InPlaceSubtract},
        {"InPlaceMultiply", PyNumber_InPlaceMultiply},
        {"InPlaceTrueDivide", PyNumber_InPlaceTrueDivide},
        {"InPlaceFloorDivide", PyNumber_InPlaceFloorDivide},
        {"InPlaceRemainder", PyNumber_InPlaceRemainder},
        {"InPlacePower", inplace_power},
        {"InPlaceLshift", PyNumber_InPlaceLshift},
        {"InPlaceRshift", PyNumber_InPlaceRshift},
        {"InPlaceAnd", PyNumber_InPlaceAnd},
        {"InPlaceOr", PyNumber_InPlaceOr},
        {"InPlaceXor", PyNumber_InPlaceXor},
        {"InPlaceMatrixMultiply", PyNumber_InPlaceMatrixMultiply},
    };
    return kFunctions;
}

const std::map<std::string, Unary> &unary_functions() {
    static const std::map<std::string, Unary> kFunctions = {
        {"Negative", PyNumber_Negative},
        {"Positive", PyNumber_Positive},
        {"Invert", PyNumber_Invert},
        {"Absolute", PyNumber_Absolute},
    };
    return kFunctions;
}

// --- Types made for the dispatch tests ------------------------------------------------------
// Base, Derived (a subclass of Base) and Other each have an nb_add / nb_power that logs its
// call and answers the name of its type, or Py_NotImplemented when that type is told to.
// Seq has only sequence slots: concatenation and repetition that log and answer a string.

std::string g_log;
std::string g_declines;  // the first letter of each type whose slots answer NotImplemented

PyObject *logged(char who, const char *slot, PyObject *v, PyObject *w) {
    g_log += std::string(1, who) + "." + slot + "(" + Py_TYPE(v)->tp_name + "," +
             Py_TYPE(w)->tp_name + ") ";
    if (g_declines.find(who) != std::string::npos) Py_RETURN_NOTIMPLEMENTED;
    return PyUnicode_FromFormat("%c.%s", who, slot);
}

PyObject *base_add(PyObject *v, PyObject *w) {
    return logged('B', "add", v, w);
}
PyObject *derived_add(PyObject *v, PyObject *w) {
    return logged('D', "add", v, w);
}
PyObject *other_add(PyObject *v, PyObject *w) {
    return logged('O', "add", v, w);
}
PyObject *base_pow(PyObject *v, PyObject *w, PyObject *) {
    return logged('B', "pow", v, w);
}
PyObject *derived_pow(PyObject *v, PyObject *w, PyObject *) {
    return logged('D', "pow", v, w);
}
PyObject *other_pow(PyObject *v, PyObject *w, PyObject *) {
    return logged('O', "pow", v, w);
}
PyObject *base_iadd(PyObject *v, PyObject *w) {
    return logged('B', "iadd", v, w);
}

PyObject *seq_concat(PyObject *v, PyObject *w) {
    return logged('S', "concat", v, w);
}
PyObject *seq_inplace_concat(PyObject *v, PyObject *w) {
    return logged('S', "iconcat", v, w);
}
PyObject *seq_repeat(PyObject *v, Py_ssize_t n) {
    g_log += std::string(Py_TYPE(v)->tp_name) + ".repeat(" + std::to_string(n) + ") ";
    return PyUnicode_FromString("S.repeat");
}
PyObject *seq_inplace_repeat(PyObject *v, Py_ssize_t n) {
    g_log += std::string(Py_TYPE(v)->tp_name) + ".irepeat(" + std::to_string(n) + ") ";
    return PyUnicode_FromString("S.irepeat");
}
PyObject *seq_item(PyObject *v, Py_ssize_t) {
    return Py_NewRef(v);
}

void probe_dealloc(PyObject *self) {
    PyObject_Del(self);
}

PyNumberMethods base_number = {
    .nb_add = base_add, .nb_power = base_pow, .nb_inplace_add = base_iadd};
PyNumberMethods derived_number = {.nb_add = derived_add, .nb_power = derived_pow};
PyNumberMethods other_number = {.nb_add = other_add, .nb_power = other_pow};
PySequenceMethods seq_sequence = {.sq_concat = seq_concat,
                                  .sq_repeat = seq_repeat,
                                  .sq_item = seq_item,
                                  .sq_inplace_concat = seq_inplace_concat,
                                  .sq_inplace_repeat = seq_inplace_repeat};
PySequenceMethods plain_sequence = {
    .sq_concat = seq_concat, .sq_repeat = seq_repeat, .sq_item = seq_item};

PyTypeObject BaseType = {.ob_base = {{1, &PyType_Type}, 0},
                         .tp_name = "Base",
                         .tp_basicsize = sizeof(PyObject),
                         .tp_dealloc = probe_dealloc,
                         .tp_as_number = &base_number};
PyTypeObject DerivedType = {.ob_base = {{1, &PyType_Type}, 0},
                            .tp_name = "Derived",
                            .tp_basicsize = sizeof(PyObject),
                            .tp_dealloc = probe_dealloc,
                            .tp_as_number = &derived_number,
                            .tp_base = &BaseType};
PyTypeObject OtherType = {.ob_base = {{1, &PyType_Type}, 0},
                          .tp_name = "Other",
                          .tp_basicsize = sizeof(PyObject),
                          .tp_dealloc = probe_dealloc,
                          .tp_as_number = &other_number};
PyTypeObject SeqType = {.ob_base = {{1, &PyType_Type}, 0},
                        .tp_name = "Seq",
                        .tp_basicsize = sizeof(PyObject),
                        .tp_dealloc = probe_dealloc,
                        .tp_as_sequence = &seq_sequence};
PyTypeObject PlainSeqType = {.ob_base = {{1, &PyType_Type}, 0},
                             .tp_name = "PlainSeq",
                             .tp_basicsize = sizeof(PyObject),
                             .tp_dealloc = probe_dealloc,
                             .tp_as_sequence = &plain_sequence};

PyObject *make(PyTypeObject *type) {
    BOOST_REQUIRE(PyType_Ready(type) == 0);
    PyObject *object = _PyObject_New(type);
    BOOST_REQUIRE(object != nullptr);
    return object;
}

// The outcome of `call` and the slots it ran, with the log and the declines reset first.
template <typename Call>
std::string dispatch(const std::string &declines, Call call) {
    g_log.clear();
    g_declines = declines;
    const std::string result = outcome(call());
    return result + " | " + g_log;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(abstract)

BOOST_AUTO_TEST_CASE(every_operator_on_builtin_types_matches_cpython) {
    RuntimeScope runtime;
    const auto rows = read_data_file("abstract_ops.txt", '\t');
    BOOST_REQUIRE(rows.size() > 5000);
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 4);
        const std::string &op = row[0];
        Owned left(literal(row[1]));
        std::string actual;
        if (row[2] == "-") {
            actual = outcome(unary_functions().at(op)(left));
        } else {
            Owned right(literal(row[2]));
            actual = outcome(binary_functions().at(op)(left, right));
        }
        BOOST_TEST(actual == row[3],
                   op << "(" << row[1] << ", " << row[2] << "): " << actual << " != " << row[3]);
        BOOST_REQUIRE(!PyErr_Occurred());
    }
}

BOOST_AUTO_TEST_CASE(left_slot_first_then_right_slot) {
    RuntimeScope runtime;
    Owned base(make(&BaseType)), other(make(&OtherType));
    BOOST_TEST(dispatch("", [&] { return PyNumber_Add(base, other); }) ==
               "='B.add' | B.add(Base,Other) ");
    BOOST_TEST(dispatch("B", [&] { return PyNumber_Add(base, other); }) ==
               "='O.add' | B.add(Base,Other) O.add(Base,Other) ");
    BOOST_TEST(dispatch("O", [&] { return PyNumber_Add(other, base); }) ==
               "='B.add' | O.add(Other,Base) B.add(Other,Base) ");
    BOOST_TEST(dispatch("BO", [&] { return PyNumber_Add(base, other); }) ==
               "!TypeError: unsupported operand type(s) for +: 'Base' and 'Other' | "
               "B.add(Base,Other) O.add(Base,Other) ");
}

BOOST_AUTO_TEST_CASE(a_subclass_on_the_right_goes_first) {
    RuntimeScope runtime;
    Owned base(make(&BaseType)), derived(make(&DerivedType));
    BOOST_TEST(dispatch("", [&] { return PyNumber_Add(base, derived); }) ==
               "='D.add' | D.add(Base,Derived) ");
    // Declining hands the turn to the left operand, and the subclass is not asked twice.
    BOOST_TEST(dispatch("D", [&] { return PyNumber_Add(base, derived); }) ==
               "='B.add' | D.add(Base,Derived) B.add(Base,Derived) ");
    BOOST_TEST(dispatch("DB", [&] { return PyNumber_Add(base, derived); }) ==
               "!TypeError: unsupported operand type(s) for +: 'Base' and 'Derived' | "
               "D.add(Base,Derived) B.add(Base,Derived) ");
    // On the left, a subclass is just the left operand.
    BOOST_TEST(dispatch("D", [&] { return PyNumber_Add(derived, base); }) ==
               "='B.add' | D.add(Derived,Base) B.add(Derived,Base) ");
}

BOOST_AUTO_TEST_CASE(the_same_slot_on_both_sides_runs_once) {
    RuntimeScope runtime;
    Owned a(make(&BaseType)), b(make(&BaseType));
    BOOST_TEST(dispatch("B", [&] { return PyNumber_Subtract(a, b); }) ==
               "!TypeError: unsupported operand type(s) for -: 'Base' and 'Base' | ");
    BOOST_TEST(dispatch("B", [&] { return PyNumber_Add(a, b); }) ==
               "!TypeError: unsupported operand type(s) for +: 'Base' and 'Base' | "
               "B.add(Base,Base) ");
}

BOOST_AUTO_TEST_CASE(power_asks_the_third_operand_last) {
    RuntimeScope runtime;
    Owned base(make(&BaseType)), derived(make(&DerivedType)), other(make(&OtherType));
    Owned seven(PyLong_FromLong(7));
    BOOST_TEST(dispatch("B", [&] { return PyNumber_Power(base, seven, other); }) ==
               "='O.pow' | B.pow(Base,int) O.pow(Base,int) ");
    BOOST_TEST(dispatch("BO", [&] { return PyNumber_Power(base, seven, other); }) ==
               "!TypeError: unsupported operand type(s) for ** or pow(): 'Base', 'int', 'Other' | "
               "B.pow(Base,int) O.pow(Base,int) ");
    // The third operand's slot is skipped when it is one already asked.
    BOOST_TEST(
        dispatch("BD", [&] { return PyNumber_Power(base, derived, base); }) ==
        "!TypeError: unsupported operand type(s) for ** or pow(): 'Base', 'Derived', 'Base' | "
        "D.pow(Base,Derived) B.pow(Base,Derived) ");
    BOOST_TEST(dispatch("BD", [&] { return PyNumber_InPlacePower(base, derived, Py_None); }) ==
               "!TypeError: unsupported operand type(s) for **=: 'Base' and 'Derived' | "
               "D.pow(Base,Derived) B.pow(Base,Derived) ");
}

BOOST_AUTO_TEST_CASE(inplace_slot_first_then_the_binary_dispatch) {
    RuntimeScope runtime;
    Owned base(make(&BaseType)), other(make(&OtherType));
    BOOST_TEST(dispatch("", [&] { return PyNumber_InPlaceAdd(base, other); }) ==
               "='B.iadd' | B.iadd(Base,Other) ");
    BOOST_TEST(dispatch("B", [&] { return PyNumber_InPlaceAdd(base, other); }) ==
               "='O.add' | B.iadd(Base,Other) B.add(Base,Other) O.add(Base,Other) ");
    BOOST_TEST(dispatch("BO", [&] { return PyNumber_InPlaceAdd(base, other); }) ==
               "!TypeError: unsupported operand type(s) for +=: 'Base' and 'Other' | "
               "B.iadd(Base,Other) B.add(Base,Other) O.add(Base,Other) ");
    // The right operand's in-place slot is never used.
    BOOST_TEST(dispatch("O", [&] { return PyNumber_InPlaceAdd(other, base); }) ==
               "='B.add' | O.add(Other,Base) B.add(Other,Base) ");
}

BOOST_AUTO_TEST_CASE(add_and_multiply_fall_back_to_the_sequence_slots) {
    RuntimeScope runtime;
    Owned seq(make(&SeqType)), plain(make(&PlainSeqType)), other(make(&OtherType));
    Owned three(PyLong_FromLong(3)), half(PyFloat_FromDouble(0.5));
    // The numbers get their turn first, then the left operand's concatenation.
    BOOST_TEST(dispatch("O", [&] { return PyNumber_Add(seq, other); }) ==
               "='S.concat' | O.add(Seq,Other) S.concat(Seq,Other) ");
    BOOST_TEST(dispatch("O", [&] { return PyNumber_Add(other, seq); }) ==
               "!TypeError: unsupported operand type(s) for +: 'Other' and 'Seq' | "
               "O.add(Other,Seq) ");
    // Repetition from either side, with the count as a C integer.
    BOOST_TEST(dispatch("", [&] { return PyNumber_Multiply(seq, three); }) ==
               "='S.repeat' | Seq.repeat(3) ");
    BOOST_TEST(dispatch("", [&] { return PyNumber_Multiply(three, seq); }) ==
               "='S.repeat' | Seq.repeat(3) ");
    BOOST_TEST(dispatch("", [&] { return PyNumber_Multiply(seq, half); }) ==
               "!TypeError: can't multiply sequence by non-int of type 'float' | ");
    // In place: the in-place slots of the left operand, else the plain ones.
    BOOST_TEST(dispatch("", [&] { return PyNumber_InPlaceAdd(seq, three); }) ==
               "='S.iconcat' | S.iconcat(Seq,int) ");
    BOOST_TEST(dispatch("", [&] { return PyNumber_InPlaceAdd(plain, three); }) ==
               "='S.concat' | S.concat(PlainSeq,int) ");
    BOOST_TEST(dispatch("", [&] { return PyNumber_InPlaceMultiply(seq, three); }) ==
               "='S.irepeat' | Seq.irepeat(3) ");
    BOOST_TEST(dispatch("", [&] { return PyNumber_InPlaceMultiply(plain, three); }) ==
               "='S.repeat' | PlainSeq.repeat(3) ");
    // 3 *= seq repeats seq, never in place: it is not the target.
    BOOST_TEST(dispatch("", [&] { return PyNumber_InPlaceMultiply(three, seq); }) ==
               "='S.repeat' | Seq.repeat(3) ");
}

BOOST_AUTO_TEST_CASE(repetition_counts_beyond_ssize_t_overflow) {
    RuntimeScope runtime;
    Owned list(literal("[1]")), big(literal("123456789012345678901234567890"));
    BOOST_TEST(outcome(PyNumber_Multiply(list, big)) ==
               "!OverflowError: cannot fit 'int' into an index-sized integer");
    BOOST_TEST(outcome(PyNumber_InPlaceMultiply(big, list)) ==
               "!OverflowError: cannot fit 'int' into an index-sized integer");
}

BOOST_AUTO_TEST_CASE(null_arguments_are_a_system_error) {
    RuntimeScope runtime;
    Owned one(PyLong_FromLong(1));
    BOOST_TEST(outcome(PyNumber_Add(one, nullptr)) ==
               "!SystemError: null argument to internal routine");
    BOOST_TEST(outcome(PyNumber_Negative(nullptr)) ==
               "!SystemError: null argument to internal routine");
    BOOST_TEST(outcome(PyNumber_Power(one, one, nullptr)) ==
               "!SystemError: null argument to internal routine");
    // A NULL that comes from a failed call keeps that call's error.
    PyErr_SetString(PyExc_KeyError, "the first error");
    BOOST_TEST(outcome(PyNumber_Multiply(nullptr, one)) == "!KeyError: 'the first error'");
}

BOOST_AUTO_TEST_CASE(unary_operators_name_the_type) {
    RuntimeScope runtime;
    Owned text(literal("'x'")), other(make(&OtherType));
    BOOST_TEST(outcome(PyNumber_Negative(text)) ==
               "!TypeError: bad operand type for unary -: 'str'");
    BOOST_TEST(outcome(PyNumber_Positive(other)) ==
               "!TypeError: bad operand type for unary +: 'Other'");
    BOOST_TEST(outcome(PyNumber_Invert(text)) == "!TypeError: bad operand type for unary ~: 'str'");
    BOOST_TEST(outcome(PyNumber_Absolute(text)) == "!TypeError: bad operand type for abs(): 'str'");
}

BOOST_AUTO_TEST_CASE(number_and_index_checks) {
    RuntimeScope runtime;
    for (const char *number : {"1", "2.5", "True", "123456789012345678901234567890"}) {
        Owned o(literal(number));
        BOOST_TEST(PyNumber_Check(o) == 1, number);
    }
    for (const char *not_number : {"'1'", "[1]", "None", "b'1'"}) {
        Owned o(literal(not_number));
        BOOST_TEST(PyNumber_Check(o) == 0, not_number);
        BOOST_TEST(PyIndex_Check(o) == 0, not_number);
    }
    BOOST_TEST(PyNumber_Check(nullptr) == 0);
    Owned one(literal("1")), yes(literal("True")), half(literal("0.5"));
    BOOST_TEST(PyIndex_Check(one) == 1);
    BOOST_TEST(PyIndex_Check(yes) == 1);
    BOOST_TEST(PyIndex_Check(half) == 0);
    BOOST_TEST(!PyErr_Occurred());
}

BOOST_AUTO_TEST_CASE(index_gives_an_exact_int) {
    RuntimeScope runtime;
    Owned yes(literal("True")), seven(literal("7")), half(literal("2.5")), text(literal("'x'"));
    Owned index(PyNumber_Index(yes));
    BOOST_REQUIRE(index.get() != nullptr);
    BOOST_TEST(PyLong_CheckExact(index.get()));
    BOOST_TEST(outcome(Py_NewRef(index.get())) == "=1");
    Owned same(PyNumber_Index(seven));
    BOOST_TEST(same.get() == seven.get());
    BOOST_TEST(outcome(PyNumber_Index(half)) ==
               "!TypeError: 'float' object cannot be interpreted as an integer");
    BOOST_TEST(outcome(PyNumber_Index(text)) ==
               "!TypeError: 'str' object cannot be interpreted as an integer");
}

BOOST_AUTO_TEST_CASE(as_ssize_t_clamps_or_raises) {
    RuntimeScope runtime;
    Owned big(literal("123456789012345678901234567890")),
        small(literal("-123456789012345678901234567890"));
    Owned five(literal("5")), yes(literal("True")), half(literal("0.5"));
    BOOST_TEST(PyNumber_AsSsize_t(five, PyExc_OverflowError) == 5);
    BOOST_TEST(PyNumber_AsSsize_t(yes, nullptr) == 1);
    BOOST_TEST(PyNumber_AsSsize_t(big, nullptr) == PY_SSIZE_T_MAX);
    BOOST_TEST(PyNumber_AsSsize_t(small, nullptr) == PY_SSIZE_T_MIN);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(status_outcome(PyNumber_AsSsize_t(big, PyExc_IndexError)) ==
               "!IndexError: cannot fit 'int' into an index-sized integer");
    BOOST_TEST(status_outcome(PyNumber_AsSsize_t(small, PyExc_OverflowError)) ==
               "!OverflowError: cannot fit 'int' into an index-sized integer");
    BOOST_TEST(status_outcome(PyNumber_AsSsize_t(half, nullptr)) ==
               "!TypeError: 'float' object cannot be interpreted as an integer");
}

BOOST_AUTO_TEST_CASE(long_converts_like_int) {
    RuntimeScope runtime;
    const std::pair<const char *, const char *> cases[] = {
        {"7", "=7"},
        {"True", "=1"},
        {"2.75", "=2"},
        {"-2.75", "=-2"},
        {"'12'", "=12"},
        {"' -12 '", "=-12"},
        {"'1_000'", "=1000"},
        {"'12x'", "!ValueError: invalid literal for int() with base 10: '12x'"},
        {"b'12'", "=12"},
        {"b'12x'", "!ValueError: invalid literal for int() with base 10: b'12x'"},
        {"b'1\\x002'", "!ValueError: invalid literal for int() with base 10: b'1\\x002'"},
        {"[1]",
         "!TypeError: int() argument must be a string, a bytes-like object or a real number, not "
         "'list'"},
        {"None",
         "!TypeError: int() argument must be a string, a bytes-like object or a real number, not "
         "'NoneType'"},
        {"1e300",
         "=1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371"
         "37508044786404370444383288387817694252323536043057564479218478670698284838720092657580373"
         "78302337947880900593689532349707999450811190389676408800746527427801424945792587888200568"
         "42838115669472196386865459400540160"},
    };
    for (const auto &[input, expected] : cases) {
        Owned o(literal(input));
        Owned result(PyNumber_Long(o));
        if (result.get() != nullptr) BOOST_TEST(PyLong_CheckExact(result.get()), input);
        BOOST_TEST(outcome(result.release()) == expected, "int(" << input << ")");
    }
    Owned inf(PyFloat_FromDouble(HUGE_VAL));
    BOOST_TEST(outcome(PyNumber_Long(inf)) ==
               "!OverflowError: cannot convert float infinity to integer");
}

BOOST_AUTO_TEST_CASE(float_converts_like_float) {
    RuntimeScope runtime;
    const std::pair<const char *, const char *> cases[] = {
        {"2.5", "=2.5"},
        {"3", "=3.0"},
        {"True", "=1.0"},
        {"123456789012345678901234567890", "=1.2345678901234568e+29"},
        {"'1.5'", "=1.5"},
        {"' -1e3 '", "=-1000.0"},
        {"b'2.5'", "=2.5"},
        {"'x'", "!ValueError: could not convert string to float: 'x'"},
        {"[1]", "!TypeError: float() argument must be a string or a real number, not 'list'"},
    };
    for (const auto &[input, expected] : cases) {
        Owned o(literal(input));
        Owned result(PyNumber_Float(o));
        if (result.get() != nullptr) BOOST_TEST(PyFloat_CheckExact(result.get()), input);
        BOOST_TEST(outcome(result.release()) == expected, "float(" << input << ")");
    }
    const std::string digits = "1" + std::string(400, '0');
    Owned huge(PyLong_FromString(digits.c_str(), nullptr, 10));
    BOOST_TEST(outcome(PyNumber_Float(huge)) ==
               "!OverflowError: int too large to convert to float");
}

BOOST_AUTO_TEST_SUITE_END()
