// The built-in types' methods and constructors called through their bound method objects
// (PyObject_GetAttrString + PyObject_Call, as a C program calls them) with right and wrong
// arguments: every result, error type and message, and the receiver afterwards, as CPython
// 3.11 gives them (data/method_calls.txt, written by data/method_calls_gen.py). This pins the
// argument parsing the methods share (args/method_args.hpp): counts, keywords, conversions
// and the order in which CPython checks them. Then the calling convention of every method of
// those types, their iterators and views: the same ml_flags as CPython's (data/method_flags.txt),
// since the convention decides how a call is checked.
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <utility>

#include <vector>

#include "abstract_helpers.hpp"
#include "data_file.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

using minipy::test::read_data_file;
using minipy::test::RuntimeScope;
using namespace minipy::test::abstract_support;

namespace {

PyTypeObject *builtin_type(const std::string &name) {
    static const struct {
        const char *name;
        PyTypeObject *type;
    } kTypes[] = {
        {"int", &PyLong_Type},    {"float", &PyFloat_Type}, {"str", &PyUnicode_Type},
        {"bytes", &PyBytes_Type}, {"tuple", &PyTuple_Type}, {"list", &PyList_Type},
        {"dict", &PyDict_Type},   {"set", &PySet_Type},     {"frozenset", &PyFrozenSet_Type},
        {"range", &PyRange_Type}, {"slice", &PySlice_Type}, {"bool", &PyBool_Type},
    };
    for (const auto &entry : kTypes)
        if (name == entry.name) return entry.type;
    BOOST_FAIL("unknown type in data: " << name);
    return nullptr;
}

// "@name" (the type), "@name(<tuple literal>)" (the type called with those arguments), or a
// literal. New reference.
PyObject *receiver(const std::string &text) {
    if (text.empty() || text[0] != '@') return literal(text);
    const size_t paren = text.find('(');
    PyObject *type = reinterpret_cast<PyObject *>(builtin_type(text.substr(1, paren - 1)));
    if (paren == std::string::npos) return Py_NewRef(type);
    Owned args(literal(text.substr(paren)));
    PyObject *made = PyObject_Call(type, args, nullptr);
    BOOST_REQUIRE_MESSAGE(made != nullptr, "cannot make receiver " << text << ": " << take_error());
    return made;
}

std::string repr_text(PyObject *object) {
    PyObject *repr = PyObject_Repr(object);
    if (repr == nullptr) return "repr failed: " + take_error();
    std::string text = utf8_of(repr);
    Py_DECREF(repr);
    return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(method_calls)

BOOST_AUTO_TEST_CASE(every_call_matches_cpython) {
    RuntimeScope runtime;
    const auto rows = read_data_file("method_calls.txt", '\t');
    BOOST_REQUIRE(rows.size() > 1000);
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 6);
        Owned target(receiver(row[0]));
        Owned callable(row[1] == "-" ? Py_NewRef(target.get())
                                     : PyObject_GetAttrString(target, row[1].c_str()));
        BOOST_REQUIRE_MESSAGE(
            callable, "no attribute " << row[1] << " on " << row[0] << ": " << take_error());
        Owned args(literal(row[2]));
        Owned kwargs(row[3] == "-" ? nullptr : literal(row[3]));
        const std::string actual = outcome(PyObject_Call(callable, args, kwargs.get()));
        const std::string where = row[0] + " " + row[1] + " " + row[2] + " " + row[3];
        BOOST_TEST(actual == row[4], where << ": got " << actual << ", expected " << row[4]);
        const std::string after = repr_text(target);
        BOOST_TEST(after == row[5],
                   where << ": receiver afterwards " << after << ", expected " << row[5]);
    }
}

BOOST_AUTO_TEST_CASE(every_method_has_cpythons_calling_convention) {
    RuntimeScope runtime;
    std::map<std::pair<std::string, std::string>, int> cpython_flags;
    for (const auto &row : read_data_file("method_flags.txt", '\t')) {
        BOOST_REQUIRE(row.size() == 3);
        cpython_flags[{row[0], row[1]}] = std::stoi(row[2]);
    }
    BOOST_REQUIRE(cpython_flags.size() > 200);
    // An instance of each type (as in the generator's FLAG_TYPES), iterators and views made
    // the way a script makes them.
    const char *const instances[] = {
        "0", "True", "0.5", "''", "b''", "()", "[]", "{}", "{1}",
    };
    std::vector<Owned> objects;
    for (const char *text : instances) objects.emplace_back(literal(text));
    objects.emplace_back(PyFrozenSet_New(nullptr));
    objects.emplace_back(receiver("@range(1,)"));
    objects.emplace_back(receiver("@slice(1,)"));
    const size_t containers = objects.size();
    for (const char *text : {"''", "'\\u20ac'", "b''", "()", "[]", "{1}", "{}"}) {
        Owned container(literal(text));
        objects.emplace_back(PyObject_GetIter(container));
    }
    Owned list(literal("[]"));
    objects.emplace_back(PyObject_CallMethod(list, "__reversed__", nullptr));
    Owned small_range(receiver("@range(1,)"));
    objects.emplace_back(PyObject_GetIter(small_range));
    Owned huge_range(receiver("@range(1180591620717411303424,)"));
    objects.emplace_back(PyObject_GetIter(huge_range));
    Owned dict(literal("{}"));
    for (const char *view : {"keys", "values", "items"}) {
        objects.emplace_back(PyObject_CallMethod(dict, view, nullptr));
        objects.emplace_back(PyObject_GetIter(objects.back()));
    }
    BOOST_REQUIRE(objects.size() > containers);
    int checked = 0;
    for (const Owned &object : objects) {
        BOOST_REQUIRE_MESSAGE(object, "making an instance failed: " << take_error());
        PyTypeObject *type = Py_TYPE(object.get());
        for (PyMethodDef *m = type->tp_methods; m != nullptr && m->ml_name != nullptr; ++m) {
            const auto found = cpython_flags.find({type->tp_name, m->ml_name});
            BOOST_TEST_CONTEXT(type->tp_name << "." << m->ml_name) {
                const bool known = found != cpython_flags.end();
                BOOST_TEST(known, "CPython 3.11 has no such method");
                if (found != cpython_flags.end()) BOOST_TEST(m->ml_flags == found->second);
            }
            ++checked;
        }
    }
    BOOST_TEST(checked > 100);
}

BOOST_AUTO_TEST_SUITE_END()
