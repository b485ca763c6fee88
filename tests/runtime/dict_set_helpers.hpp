// What the dict and set suites share: the key literals of the tab-separated tables written
// by data/dict_set_gen.py (read with data_file.hpp), and a key type with a chosen hash whose __eq__
// can run code (to change a table in the middle of a lookup, or to raise).
#ifndef MINIPY_TESTS_RUNTIME_DICT_SET_HELPERS_HPP
#define MINIPY_TESTS_RUNTIME_DICT_SET_HELPERS_HPP

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/fault_sweep.hpp"
#include "runtime/sequence_helpers.hpp"

namespace minipy::test {

// Short spellings the dict and set suites build objects with.
inline PyObject *dict_type() {
    return reinterpret_cast<PyObject *>(&PyDict_Type);
}
inline PyObject *num(long v) {
    return PyLong_FromLong(v);
}
inline PyObject *text(const char *s) {
    return PyUnicode_FromString(s);
}

// d[key] = value, both references stolen.
inline int set_item(PyObject *d, PyObject *key_steal, PyObject *value_steal) {
    Ref key(key_steal), value(value_steal);
    return PyDict_SetItem(d, key, value);
}

// A key literal of the data files: 'text' for a str, else what parse_literal reads.
inline PyObject *parse_key(const std::string &token) {
    if (!token.empty() && token[0] == '\'')
        return PyUnicode_FromStringAndSize(token.c_str() + 1,
                                           static_cast<Py_ssize_t>(token.size()) - 2);
    return parse_literal(token);
}

inline std::vector<std::string> split_spaces(const std::string &text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < text.size()) {
        size_t space = text.find(' ', start);
        if (space == std::string::npos) space = text.size();
        if (space > start) parts.push_back(text.substr(start, space - start));
        start = space + 1;
    }
    return parts;
}

// o.__sizeof__() as a number (-1 on error).
inline long long sizeof_of(PyObject *o) {
    Ref size(PyObject_CallMethod(o, "__sizeof__", nullptr));
    if (!size) return -1;
    return PyLong_AsLongLong(size);
}

// A key type for lookups that misbehave: each key has the hash it was given, and comparing
// two of them calls `on_compare` (if set) and then says whether their ids are equal, or
// raises when `raise_on_compare`.
struct HookKey {
    PyObject_HEAD Py_hash_t hash;
    long id;
};

struct HookKeyState {
    std::function<void()> on_compare;
    bool raise_on_compare = false;
    int comparisons = 0;
};

inline HookKeyState &hook_key_state() {
    static HookKeyState state;
    return state;
}

inline Py_hash_t hookkey_hash(PyObject *self) {
    return reinterpret_cast<HookKey *>(self)->hash;
}

inline PyObject *hookkey_richcompare(PyObject *a, PyObject *b, int op) {
    HookKeyState &state = hook_key_state();
    if (op != Py_EQ || Py_TYPE(a) != Py_TYPE(b)) Py_RETURN_NOTIMPLEMENTED;
    state.comparisons++;
    if (state.on_compare) {
        auto hook = std::move(state.on_compare);  // once
        state.on_compare = nullptr;
        hook();
    }
    if (state.raise_on_compare) {
        PyErr_SetString(PyExc_ValueError, "comparison failed");
        return nullptr;
    }
    return PyBool_FromLong(reinterpret_cast<HookKey *>(a)->id ==
                           reinterpret_cast<HookKey *>(b)->id);
}

inline PyObject *hookkey_repr(PyObject *self) {
    return PyUnicode_FromFormat("HookKey(%ld)", reinterpret_cast<HookKey *>(self)->id);
}

inline void hookkey_dealloc(PyObject *self) {
    PyObject_Free(self);
}

inline PyTypeObject &hook_key_type() {
    static PyTypeObject type = [] {
        PyTypeObject t{};
        t.ob_base.ob_base.ob_refcnt = 1;
        t.ob_base.ob_base.ob_type = &PyType_Type;
        t.tp_name = "HookKey";
        t.tp_basicsize = sizeof(HookKey);
        t.tp_dealloc = hookkey_dealloc;
        t.tp_repr = hookkey_repr;
        t.tp_hash = hookkey_hash;
        t.tp_richcompare = hookkey_richcompare;
        t.tp_flags = Py_TPFLAGS_DEFAULT;
        return t;
    }();
    return type;
}

inline PyObject *hook_key(Py_hash_t hash, long id) {
    PyTypeObject &type = hook_key_type();
    if (!(type.tp_flags & Py_TPFLAGS_READY)) BOOST_REQUIRE(PyType_Ready(&type) == 0);
    HookKey *key = PyObject_New(HookKey, &type);
    BOOST_REQUIRE(key != nullptr);
    key->hash = hash;
    key->id = id;
    return reinterpret_cast<PyObject *>(key);
}

// A fresh hook state for a test.
struct HookKeyReset {
    HookKeyReset() { hook_key_state() = HookKeyState{}; }
    ~HookKeyReset() { hook_key_state() = HookKeyState{}; }
};

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_DICT_SET_HELPERS_HPP
