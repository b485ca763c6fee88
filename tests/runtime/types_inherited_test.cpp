// What each built-in type's dict holds and what its instances inherit (issue 10 point 4): the
// special methods in the dicts of the built-in types, compared with python3's one type at a
// time (data/types_gen.py lists, beside DUNDER_TYPES, the few CPython has and minipy lacks);
// int's str() going through object.__str__ to repr as in CPython 3.11; BaseException's own
// methods and __suppress_context__.
#include <boost/test/unit_test.hpp>

#include <string>

#include "runtime/type_support.hpp"

using namespace minipy::test::types;

namespace {

O contains(const O &container, const char *item) {
    if (!container) return O();
    const int r = PySequence_Contains(container.get(), O(item).get());
    return r < 0 ? O() : O::boolean(r);
}

// The names in type's __dict__ that start and end with "__", sorted.
O dunders(PyTypeObject *type) {
    O dict = O::type(type).attr("__dict__");
    if (!dict) return O();
    O keys(PySequence_List(dict.get()));
    if (!keys) return O();
    O result(PyList_New(0));
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys.get()); ++i) {
        PyObject *key = PyList_GET_ITEM(keys.get(), i);
        const Py_ssize_t n = PyUnicode_GET_LENGTH(key);
        if (n >= 4 && PyUnicode_Tailmatch(key, O("__").get(), 0, 2, -1) == 1 &&
            PyUnicode_Tailmatch(key, O("__").get(), n - 2, n, 1) == 1 &&
            PyList_Append(result.get(), key) < 0)
            return O();
    }
    if (PyList_Sort(result.get()) < 0) return O();
    return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(types_inherited)

BOOST_FIXTURE_TEST_CASE(special_methods_in_the_dicts_of_builtin_types, TypesFixture) {
    // DUNDER_TYPES in data/types_gen.py.
    PyTypeObject *const types[] = {
        &PyBaseObject_Type,
        &PyType_Type,
        &PyLong_Type,
        &PyBool_Type,
        &PyFloat_Type,
        &PyUnicode_Type,
        &PyBytes_Type,
        &PyTuple_Type,
        &PyList_Type,
        &PyDict_Type,
        &PySet_Type,
        &PyFrozenSet_Type,
        &PyRange_Type,
        &PySlice_Type,
        Py_TYPE(Py_None),
        &PyProperty_Type,
        &PyClassMethod_Type,
        &PyStaticMethod_Type,
        &PySuper_Type,
        &PyModule_Type,
        &PyMethod_Type,
        reinterpret_cast<PyTypeObject *>(PyExc_BaseException),
        reinterpret_cast<PyTypeObject *>(PyExc_Exception),
        reinterpret_cast<PyTypeObject *>(PyExc_KeyError),
        reinterpret_cast<PyTypeObject *>(PyExc_StopIteration),
    };
    for (PyTypeObject *type : types) {
        const std::string name = std::string("dunders_") + _PyType_Name(type);
        BOOST_TEST(python3_says(name.c_str(), outcome(dunders(type))));
    }
}

BOOST_FIXTURE_TEST_CASE(int_str_is_object_str, TypesFixture) {
    O R = cls("R", {reinterpret_cast<PyObject *>(&PyLong_Type)},
              {{"__repr__", returns("R.__repr__", "R!")}});
    O r = R(5);
    BOOST_TEST(python3_says(
        "int_str_is_object_str",
        outcome(O::tuple({contains(O::type(&PyLong_Type).attr("__dict__"), "__str__"),
                          O(PyObject_Str(r.get())), O(PyObject_Format(r.get(), O("").get())),
                          O(PyObject_Str(Py_True)), O(PyObject_Str(O(-7).get()))}))));
}

BOOST_FIXTURE_TEST_CASE(base_exception_methods, TypesFixture) {
    O KeyError = O::borrow(PyExc_KeyError);
    O Exception = O::borrow(PyExc_Exception);
    O e = KeyError("k");
    O plain = e.attr("__reduce__")();
    e.set("x", 1);
    O with_dict = e.attr("__reduce__")();
    O set_y = e.attr("__setstate__")(O::dict({{"y", 2}}));
    BOOST_TEST(python3_says("exception_reduce_setstate",
                            outcome(O::tuple({plain, with_dict, set_y, e.attr("y"),
                                              e.attr("__setstate__")(O::none())}))));
    BOOST_TEST(
        python3_says("exception_setstate_not_dict", outcome(Exception().attr("__setstate__")(1))));
    O noted = Exception(1, 2);
    noted.attr("add_note")("x");
    noted.attr("add_note")("y");
    BOOST_TEST(python3_says("exception_add_note",
                            outcome(O::tuple({noted.attr("__notes__"), noted.attr("__dict__")}))));
    BOOST_TEST(
        python3_says("exception_add_note_not_str", outcome(Exception().attr("add_note")(1))));
    O tuple_notes = Exception();
    tuple_notes.set("__notes__", O::tuple({}));
    BOOST_TEST(
        python3_says("exception_notes_not_a_list", outcome(tuple_notes.attr("add_note")("a"))));
    O plain_exc = Exception();
    O returned = plain_exc.attr("with_traceback")(O::none());
    BOOST_TEST(python3_says("exception_with_traceback",
                            outcome(O::tuple({O::boolean(returned.get() == plain_exc.get()),
                                              plain_exc.attr("__traceback__")}))));
    BOOST_TEST(python3_says("exception_with_traceback_bad",
                            outcome(Exception().attr("with_traceback")(1))));
    O s = Exception();
    O before = s.attr("__suppress_context__");
    s.set("__cause__", O::none());
    O after_cause = s.attr("__suppress_context__");
    s.set("__suppress_context__", O::boolean(false));
    BOOST_TEST(python3_says(
        "exception_suppress_context",
        outcome(
            O::tuple({before, after_cause, s.attr("__suppress_context__"),
                      O::borrow(PyExc_BaseException).attr("__dict__")["__suppress_context__"]}))));
    BOOST_TEST(python3_says("exception_suppress_context_not_bool",
                            outcome(Exception().set("__suppress_context__", 1))));
    const std::string errors = outcome(Exception.attr("with_traceback")()) + " | " +
                               outcome(Exception().attr("add_note")()) + " | " +
                               outcome(Exception().attr("__reduce__")(1));
    BOOST_TEST(python3_says("exception_method_errors", outcome(O(errors.c_str()))));
}

BOOST_AUTO_TEST_SUITE_END()
