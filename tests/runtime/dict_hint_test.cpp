// The dict's inline-cache API (minipy_dict_* in dictobject.h, dict_hint.cpp): entry indices of
// str keys, reading and replacing at a remembered index, keys versions (unchanged by value
// changes, changed by every added or removed key, rebuilt or copied table), instance dicts.
#include <boost/test/unit_test.hpp>

#include <string>

#include "minipy/Python.h"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using minipy::test::objects::Ref;

namespace {

PyObject *interned(const char *s) {
    return PyUnicode_InternFromString(s);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dict_hint)

BOOST_AUTO_TEST_CASE(entry_index_and_value_at) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    Ref a(interned("alpha")), b(interned("beta")), c(interned("gamma"));
    Ref one(PyLong_FromLong(1)), two(PyLong_FromLong(2));
    BOOST_TEST(minipy_dict_entry_index(d, a) == -1);  // empty
    BOOST_REQUIRE(PyDict_SetItem(d, a, one) == 0);
    BOOST_REQUIRE(PyDict_SetItem(d, b, two) == 0);
    BOOST_TEST(minipy_dict_entry_index(d, a) == 0);
    BOOST_TEST(minipy_dict_entry_index(d, b) == 1);
    BOOST_TEST(minipy_dict_entry_index(d, c) == -1);
    BOOST_TEST(minipy_dict_lacks(d, c) == 1);
    BOOST_TEST(minipy_dict_lacks(d, a) == 0);
    // An equal str that is another object is found by the lookup, not by value_at.
    Ref a_copy(PyUnicode_FromString("alpha"));
    BOOST_TEST(minipy_dict_entry_index(d, a_copy) == 0);
    BOOST_TEST(minipy_dict_value_at(d, 0, a) == one.get());
    BOOST_TEST(minipy_dict_value_at(d, 0, a_copy) == nullptr);
    BOOST_TEST(minipy_dict_value_at(d, 1, a) == nullptr);   // another key there
    BOOST_TEST(minipy_dict_value_at(d, 2, a) == nullptr);   // past the entries
    BOOST_TEST(minipy_dict_value_at(d, -1, a) == nullptr);  // a negative index
    BOOST_TEST(minipy_dict_value_at(d, 100000, a) == nullptr);
    // Deleted: the entry is empty, the hint misses.
    BOOST_REQUIRE(PyDict_DelItem(d, a) == 0);
    BOOST_TEST(minipy_dict_value_at(d, 0, a) == nullptr);
    BOOST_TEST(minipy_dict_entry_index(d, a) == -1);
    // Non-str keys: no index, and no answer from lacks (comparing them could run code).
    Ref n(PyLong_FromLong(5));
    BOOST_TEST(minipy_dict_entry_index(d, n) == -1);
    BOOST_TEST(minipy_dict_lacks(d, n) == 0);
}

BOOST_AUTO_TEST_CASE(replace_at) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    Ref k(interned("key")), other(interned("other"));
    Ref v1(PyLong_FromLong(10)), v2(PyList_New(0));
    BOOST_REQUIRE(PyDict_SetItem(d, k, v1) == 0);
    const uint64_t before = reinterpret_cast<PyDictObject *>(d.get())->ma_version_tag;
    BOOST_TEST(minipy_dict_replace_at(d, 0, other, v2) == 0);
    BOOST_TEST(PyDict_GetItem(d, k) == v1.get());
    BOOST_TEST(!PyObject_GC_IsTracked(d));
    const Py_ssize_t refs = Py_REFCNT(v2.get());
    BOOST_TEST(minipy_dict_replace_at(d, 0, k, v2) == 1);
    BOOST_TEST(PyDict_GetItem(d, k) == v2.get());
    BOOST_TEST(Py_REFCNT(v2.get()) == refs + 1);
    BOOST_TEST(reinterpret_cast<PyDictObject *>(d.get())->ma_version_tag != before);
    BOOST_TEST(PyObject_GC_IsTracked(d));  // it holds a list now, as PyDict_SetItem would track
    BOOST_TEST(minipy_dict_replace_at(d, 1, k, v1) == 0);
}

BOOST_AUTO_TEST_CASE(keys_versions) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    BOOST_TEST(minipy_dict_keys_version(d) == 0u);  // empty: none
    Ref a(interned("a")), b(interned("b"));
    Ref one(PyLong_FromLong(1)), two(PyLong_FromLong(2));
    BOOST_REQUIRE(PyDict_SetItem(d, a, one) == 0);
    const uint32_t v1 = minipy_dict_keys_version(d);
    BOOST_TEST(v1 != 0u);
    BOOST_TEST(minipy_dict_keys_version(d) == v1);  // asking again: the same
    BOOST_REQUIRE(PyDict_SetItem(d, a, two) == 0);  // a value changes: the same
    BOOST_TEST(minipy_dict_keys_version(d) == v1);
    BOOST_REQUIRE(PyDict_SetItem(d, b, two) == 0);  // a key added
    const uint32_t v2 = minipy_dict_keys_version(d);
    BOOST_TEST(v2 != v1);
    BOOST_REQUIRE(PyDict_DelItem(d, b) == 0);  // a key removed
    const uint32_t v3 = minipy_dict_keys_version(d);
    BOOST_TEST(v3 != v2);
    BOOST_TEST(v3 != v1);
    // A copy has keys of its own: another version.
    Ref copy(PyDict_Copy(d));
    BOOST_TEST(minipy_dict_keys_version(copy) != v3);
    BOOST_TEST(minipy_dict_keys_version(d) == v3);
    // popitem removes a key too.
    Ref popped(PyObject_CallMethod(d, "popitem", nullptr));
    BOOST_REQUIRE(popped);
    BOOST_TEST(PyDict_GET_SIZE(d.get()) == 0);
    const uint32_t v4 = minipy_dict_keys_version(d);
    BOOST_TEST(v4 != v3);
    BOOST_TEST(v4 != 0u);
}

BOOST_AUTO_TEST_CASE(keys_versions_through_growth) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    Ref first(interned("first"));
    BOOST_REQUIRE(PyDict_SetItem(d, first, Py_None) == 0);
    uint32_t last = minipy_dict_keys_version(d);
    for (int i = 0; i < 100; ++i) {
        Ref key(PyUnicode_FromFormat("k%d", i));
        BOOST_REQUIRE(PyDict_SetItem(d, key, Py_None) == 0);
        const uint32_t now = minipy_dict_keys_version(d);
        BOOST_TEST(now != last);
        last = now;
    }
    // The hint of the first key survives growth (the table is compacted in order).
    BOOST_TEST(minipy_dict_entry_index(d, first) == 0);
    PyDict_Clear(d);
    BOOST_TEST(minipy_dict_keys_version(d) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
