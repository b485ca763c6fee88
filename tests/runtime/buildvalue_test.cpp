// Py_BuildValue (build_value.cpp): every format unit and nesting, compared with what
// CPython 3.11's Py_BuildValue returns for the same format and C arguments
// (data/buildvalue_cases.txt, made through ctypes by data/abstract_gen.py), and the rule
// that references passed with N are consumed whatever happens.
#define PY_SSIZE_T_CLEAN  // as extension code defines it: Py_BuildValue is _Py_BuildValue_SizeT
#include <boost/test/unit_test.hpp>

#include <climits>
#include <functional>
#include <map>
#include <string>

#include "abstract_helpers.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

using minipy::test::RuntimeScope;
using namespace minipy::test::abstract_support;
using minipy::test::read_data_file;

namespace {

// The calls named in the data file; the generator makes the same ones with ctypes.
const std::map<std::string, std::function<PyObject *()>> &named_calls() {
    using S = Py_ssize_t;
    static const std::map<std::string, std::function<PyObject *()>> kCalls = {
        {"empty", [] { return Py_BuildValue(""); }},
        {"int", [] { return Py_BuildValue("i", 5); }},
        {"two_ints", [] { return Py_BuildValue("ii", 1, 2); }},
        {"paren_one", [] { return Py_BuildValue("(i)", 1); }},
        {"paren_empty", [] { return Py_BuildValue("()"); }},
        {"list_empty", [] { return Py_BuildValue("[]"); }},
        {"dict_empty", [] { return Py_BuildValue("{}"); }},
        {"bad_dict", [] { return Py_BuildValue("{i}", 1); }},
        {"unmatched_open", [] { return Py_BuildValue("(ii", 1, 2); }},
        {"unmatched_close", [] { return Py_BuildValue("ii)", 1, 2); }},
        {"trailing_close", [] { return Py_BuildValue("i)", 1); }},
        {"mixed_brackets", [] { return Py_BuildValue("(i}", 1); }},
        {"bad_char", [] { return Py_BuildValue("x"); }},
        {"bad_char_middle", [] { return Py_BuildValue("i x i", 1, 2); }},
        {"s_null", [] { return Py_BuildValue("s", static_cast<const char *>(nullptr)); }},
        {"s_hash", [] { return Py_BuildValue("s#", "abc", S{2}); }},
        {"s_hash_null",
         [] { return Py_BuildValue("s#", static_cast<const char *>(nullptr), S{5}); }},
        {"y_hash", [] { return Py_BuildValue("y#", "a\0c", S{3}); }},
        {"y", [] { return Py_BuildValue("y", "xyz"); }},
        {"z", [] { return Py_BuildValue("z", "hi"); }},
        {"z_null", [] { return Py_BuildValue("z", static_cast<const char *>(nullptr)); }},
        {"U", [] { return Py_BuildValue("U", "hi"); }},
        {"c", [] { return Py_BuildValue("c", 65); }},
        {"C", [] { return Py_BuildValue("C", 0x20AC); }},
        {"C_out_of_range", [] { return Py_BuildValue("C", 0x110000); }},
        {"C_negative", [] { return Py_BuildValue("C", -1); }},
        {"s_bad_utf8", [] { return Py_BuildValue("s", "\xff"); }},
        {"s_utf8", [] { return Py_BuildValue("s", "h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"); }},
        {"O_null", [] { return Py_BuildValue("O", static_cast<PyObject *>(nullptr)); }},
        {"N_null", [] { return Py_BuildValue("N", static_cast<PyObject *>(nullptr)); }},
        {"dict_sized", [] { return Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2); }},
        {"dict_unhashable", [] { return Py_BuildValue("{[i]:i}", 1, 2); }},
        {"nested",
         [] { return Py_BuildValue("[i,(s,z)]", 1, "x", static_cast<const char *>(nullptr)); }},
        {"d", [] { return Py_BuildValue("d", 1.5); }},
        {"f", [] { return Py_BuildValue("f", static_cast<double>(0.1)); }},
        {"B_negative", [] { return Py_BuildValue("B", -1); }},
        {"b", [] { return Py_BuildValue("b", 200); }},
        {"h", [] { return Py_BuildValue("h", -5); }},
        {"H", [] { return Py_BuildValue("H", 70000); }},
        {"I", [] { return Py_BuildValue("I", -1); }},
        {"i_min", [] { return Py_BuildValue("i", INT_MIN); }},
        {"l", [] { return Py_BuildValue("l", LONG_MIN); }},
        {"k", [] { return Py_BuildValue("k", ULONG_MAX); }},
        {"K", [] { return Py_BuildValue("K", ULLONG_MAX); }},
        {"L", [] { return Py_BuildValue("L", LLONG_MIN); }},
        {"n", [] { return Py_BuildValue("n", S{-5}); }},
        {"separators", [] { return Py_BuildValue(":i, i\t,i", 1, 2, 3); }},
        {"deep", [] { return Py_BuildValue("((()))"); }},
        {"dict_of_lists", [] { return Py_BuildValue("{s:[i,i],s:()}", "k", 1, 2, "e"); }},
        {"tuple_in_list", [] { return Py_BuildValue("[(ii)(ii)]", 1, 2, 3, 4); }},
        {"unmatched_inner", [] { return Py_BuildValue("[(i]", 1); }},
    };
    return kCalls;
}

// A fresh object whose reference count the test follows; the test keeps one reference.
struct Tracked {
    PyObject *object = PyList_New(0);
    Tracked() { BOOST_REQUIRE(object != nullptr); }
    ~Tracked() { Py_DECREF(object); }
    // A new reference for N to steal.
    PyObject *give() { return Py_NewRef(object); }
    Py_ssize_t refs() const { return Py_REFCNT(object); }
};

PyObject *make_pair_converter(void *arg) {
    return Py_BuildValue("(si)", "conv", *static_cast<int *>(arg));
}
PyObject *failing_converter(void *) {
    PyErr_SetString(PyExc_RuntimeError, "converter failed");
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(buildvalue)

BOOST_AUTO_TEST_CASE(every_unit_matches_cpython) {
    RuntimeScope runtime;
    const auto rows = read_data_file("buildvalue_cases.txt", '\t');
    BOOST_TEST(rows.size() == named_calls().size());
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 2);
        const auto call = named_calls().find(row[0]);
        BOOST_REQUIRE_MESSAGE(call != named_calls().end(), "no call named " << row[0]);
        BOOST_TEST(outcome(call->second()) == row[1], row[0]);
        BOOST_REQUIRE(!PyErr_Occurred());
    }
}

BOOST_AUTO_TEST_CASE(a_lone_unit_is_the_object_itself) {
    RuntimeScope runtime;
    Owned list(literal("[1]"));
    Owned same(Py_BuildValue("O", list.get()));
    BOOST_TEST(same.get() == list.get());
    Owned also_same(Py_BuildValue(" O ", list.get()));
    BOOST_TEST(also_same.get() == list.get());
    Owned none(Py_BuildValue(""));
    BOOST_TEST(none.get() == Py_None);
    Owned still_none(Py_BuildValue(" , :"));
    BOOST_TEST(still_none.get() == Py_None);
}

BOOST_AUTO_TEST_CASE(o_takes_a_reference_n_steals_one) {
    RuntimeScope runtime;
    Tracked t;
    {
        Owned with_o(Py_BuildValue("(O)", t.object));
        BOOST_TEST(t.refs() == 2);
    }
    BOOST_TEST(t.refs() == 1);
    {
        Owned with_n(Py_BuildValue("(N)", t.give()));
        BOOST_TEST(t.refs() == 2);
    }
    BOOST_TEST(t.refs() == 1);
    Owned s_unit(Py_BuildValue("S", t.object));
    BOOST_TEST(t.refs() == 2);
}

BOOST_AUTO_TEST_CASE(n_references_are_released_when_building_fails) {
    RuntimeScope runtime;
    Tracked a, b, c;
    // A bad unit before, between and after the N arguments, at every level of nesting.
    BOOST_TEST(outcome(Py_BuildValue("(?NN)", a.give(), b.give())) ==
               "!SystemError: bad format char passed to Py_BuildValue");
    BOOST_TEST(outcome(Py_BuildValue("[N?N]", a.give(), b.give())) ==
               "!SystemError: bad format char passed to Py_BuildValue");
    BOOST_TEST(outcome(Py_BuildValue("N(N[N?])", a.give(), b.give(), c.give())) ==
               "!SystemError: bad format char passed to Py_BuildValue");
    BOOST_TEST(outcome(Py_BuildValue("{s:N,s:O&}", "a", a.give(), "k", failing_converter,
                                     nullptr)) == "!RuntimeError: converter failed");
    // An odd dict still consumes its values; the first error is the one reported.
    BOOST_TEST(outcome(Py_BuildValue("{N:N,N}", a.give(), b.give(), c.give())) ==
               "!SystemError: Bad dict format");
    BOOST_TEST(
        outcome(Py_BuildValue("(O?N)N", static_cast<PyObject *>(nullptr), a.give(), b.give())) ==
        "!SystemError: NULL object passed to Py_BuildValue");
    // A key that cannot be hashed: the value given with N is dropped with it.
    BOOST_TEST(outcome(Py_BuildValue("{[]:N}", a.give())) == "!TypeError: unhashable type: 'list'");
    BOOST_TEST(a.refs() == 1);
    BOOST_TEST(b.refs() == 1);
    BOOST_TEST(c.refs() == 1);
}

BOOST_AUTO_TEST_CASE(a_null_object_passes_the_pending_error_on) {
    RuntimeScope runtime;
    Tracked a;
    PyErr_SetString(PyExc_KeyError, "earlier failure");
    BOOST_TEST(outcome(Py_BuildValue("(iON)", 1, static_cast<PyObject *>(nullptr), a.give())) ==
               "!KeyError: 'earlier failure'");
    BOOST_TEST(a.refs() == 1);
}

BOOST_AUTO_TEST_CASE(converters) {
    RuntimeScope runtime;
    int value = 7;
    BOOST_TEST(outcome(Py_BuildValue("O&", make_pair_converter, &value)) == "=('conv', 7)");
    BOOST_TEST(outcome(Py_BuildValue("[iO&i]", 1, make_pair_converter, &value, 2)) ==
               "=[1, ('conv', 7), 2]");
    BOOST_TEST(outcome(Py_BuildValue("(O&)", failing_converter, nullptr)) ==
               "!RuntimeError: converter failed");
}

BOOST_AUTO_TEST_CASE(va_list_forms) {
    RuntimeScope runtime;
    auto build = [](const char *format, ...) {
        va_list va;
        va_start(va, format);
        PyObject *result = Py_VaBuildValue(format, va);
        va_end(va);
        return result;
    };
    BOOST_TEST(outcome(build("(is#)", 3, "xyz", Py_ssize_t{2})) == "=(3, 'xy')");
    BOOST_TEST(outcome(build("{s:d}", "pi", 3.25)) == "={'pi': 3.25}");
    BOOST_TEST(outcome(_Py_BuildValue_SizeT("y#", "ab", Py_ssize_t{2})) == "=b'ab'");
    BOOST_TEST(outcome(Py_BuildValue(nullptr)) ==
               "!SystemError: null argument to internal routine");
}

BOOST_AUTO_TEST_SUITE_END()
