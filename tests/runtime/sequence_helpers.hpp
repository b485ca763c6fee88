// What the sequence suites (tuple, list, range, slice) share: building objects from the
// Python literals in the space-separated tables that tests/runtime/data/sequences_gen.py
// writes (read with data_file.hpp), and turning results and exceptions into text to compare with
// what python3 printed.
#ifndef MINIPY_TESTS_RUNTIME_SEQUENCE_HELPERS_HPP
#define MINIPY_TESTS_RUNTIME_SEQUENCE_HELPERS_HPP

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/object_ref.hpp"

// A namespace of their own: other suites' helpers use the same short names (Ref,
// take_error) in minipy::test, and two inline definitions of one name would break the ODR.
namespace minipy::test::seq {

using objects::Ref;
using objects::take_error;

inline std::string str_of(PyObject *unicode) {
    const char *utf8 = PyUnicode_AsUTF8(unicode);
    return utf8 != nullptr ? utf8 : "<not utf-8>";
}

// repr(o), or the error it raised ("!TypeName: message"); releases `o` (may be NULL: then the
// pending exception is the result).
inline std::string repr_steal(PyObject *o) {
    if (o == nullptr) return "!" + take_error();
    PyObject *r = PyObject_Repr(o);
    Py_DECREF(o);
    if (r == nullptr) return "!" + take_error();
    std::string text = str_of(r);
    Py_DECREF(r);
    return text;
}
inline std::string repr_of(PyObject *o) {
    return repr_steal(Py_XNewRef(o));
}

// The result of a call that returns int/-1 as text: the number, or "!Type: message".
inline std::string status_text(long long status) {
    if (status == -1 && PyErr_Occurred()) return "!" + take_error();
    return std::to_string(status);
}

// A Python literal as written by the generator: ints of any size, floats, True / False /
// None, and tuples / lists of those (no spaces).
inline PyObject *parse_literal(const char *&p) {
    if (*p == '(' || *p == '[') {
        const char close = *p == '(' ? ')' : ']';
        const bool is_tuple = *p == '(';
        ++p;
        PyObject *items = PyList_New(0);
        while (*p != close) {
            PyObject *item = parse_literal(p);
            BOOST_REQUIRE(item != nullptr);
            PyList_Append(items, item);
            Py_DECREF(item);
            if (*p == ',') ++p;
        }
        ++p;
        if (!is_tuple) return items;
        PyObject *tuple = PyList_AsTuple(items);
        Py_DECREF(items);
        return tuple;
    }
    const char *start = p;
    while (*p != '\0' && *p != ',' && *p != ')' && *p != ']') ++p;
    const std::string token(start, p);
    if (token == "True") return Py_NewRef(Py_True);
    if (token == "False") return Py_NewRef(Py_False);
    if (token == "None") return Py_NewRef(Py_None);
    if (token.find_first_of(".einf") != std::string::npos)
        return PyFloat_FromDouble(std::strtod(token.c_str(), nullptr));
    return PyLong_FromString(token.c_str(), nullptr, 10);
}
inline PyObject *parse_literal(const std::string &text) {
    const char *p = text.c_str();
    return parse_literal(p);
}

// An int object for a data field ("_" is None).
inline PyObject *int_or_none(const std::string &field) {
    if (field == "_") return Py_NewRef(Py_None);
    return PyLong_FromString(field.c_str(), nullptr, 10);
}

// A list of the ints lo, lo+1, ..., hi-1.
inline PyObject *int_list(long lo, long hi) {
    PyObject *list = PyList_New(0);
    for (long i = lo; i < hi; i++) {
        PyObject *v = PyLong_FromLong(i);
        PyList_Append(list, v);
        Py_DECREF(v);
    }
    return list;
}

}  // namespace minipy::test::seq

// The dict and set suites use these under their minipy::test names. The using-declarations
// name the seq:: entities (no second definition), so a suite that includes another helper
// header with the same names in minipy::test gets a compile error, not a silent ODR clash.
namespace minipy::test {
using seq::int_list;
using seq::int_or_none;
using seq::parse_literal;
using seq::Ref;
using seq::repr_of;
using seq::repr_steal;
using seq::status_text;
using seq::str_of;
using seq::take_error;
}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_SEQUENCE_HELPERS_HPP
