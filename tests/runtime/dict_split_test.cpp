// Split tables (PEP 412, dict_split.cpp): a class's instances' dicts share its keys
// (ht_cached_keys) and keep their own values. When a dict stays split and when it becomes an
// ordinary combined dict (out-of-order key, non-str key, more than 30 keys, deletion, popitem),
// the shared keys' reference count (class, each dict, copies; a dict outliving its class),
// the collector's view of the values, and the inline-cache API the interpreter's
// LOAD_ATTR_INSTANCE_VALUE / STORE_ATTR_INSTANCE_VALUE use. Every state is checked with
// dict_is_valid; what Python sees is compared with python3 in tests/scripts/cases/shared_keys.py.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "minipy/Python.h"
#include "objects/dict/dict_internal.hpp"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
using minipy::test::objects::Ref;
using namespace minipy::runtime;

namespace {

// class <name>: pass
PyObject *new_class(const char *name) {
    Ref ns(PyDict_New());
    return PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyType_Type), "s(O)O", name,
                                 reinterpret_cast<PyObject *>(&PyBaseObject_Type), ns.get());
}

PyDictKeysObject *shared_keys(PyObject *cls) {
    return reinterpret_cast<PyHeapTypeObject *>(cls)->ht_cached_keys;
}

PyDictObject *instance_dict(PyObject *obj) {
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    BOOST_REQUIRE(dictptr != nullptr);
    BOOST_REQUIRE(*dictptr != nullptr);
    BOOST_REQUIRE(dict_is_valid(as_dict(*dictptr)));
    return as_dict(*dictptr);
}

bool is_split_on(PyObject *obj, PyObject *cls) {
    PyDictObject *d = instance_dict(obj);
    return d->ma_values != nullptr && d->ma_keys == shared_keys(cls);
}

void set_attr(PyObject *obj, const char *name, long value) {
    Ref v(PyLong_FromLong(value));
    BOOST_REQUIRE(PyObject_SetAttrString(obj, name, v) == 0);
}

long get_attr(PyObject *obj, const char *name) {
    Ref v(PyObject_GetAttrString(obj, name));
    BOOST_REQUIRE(v.get() != nullptr);
    return PyLong_AsLong(v);
}

// The keys of a dict in iteration order, as "k1 k2 ...".
std::string key_order(PyDictObject *d) {
    std::string out;
    Py_ssize_t pos = 0;
    PyObject *key;
    while (PyDict_Next(reinterpret_cast<PyObject *>(d), &pos, &key, nullptr)) {
        if (!out.empty()) out += ' ';
        out += PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : "?";
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dict_split)

BOOST_AUTO_TEST_CASE(instances_share_their_class_keys) {
    RuntimeScope runtime;
    Ref cls(new_class("P"));
    BOOST_REQUIRE(shared_keys(cls) != nullptr);
    BOOST_TEST(shared_keys(cls)->dk_kind == kDictKeysSplit);
    BOOST_TEST(shared_keys(cls)->dk_refcnt == 1);  // the class's
    Ref a(PyObject_CallNoArgs(cls)), b(PyObject_CallNoArgs(cls));
    set_attr(a, "x", 1);
    set_attr(a, "y", 2);
    set_attr(b, "x", 3);
    set_attr(b, "y", 4);
    BOOST_TEST(is_split_on(a, cls));
    BOOST_TEST(is_split_on(b, cls));
    BOOST_TEST(shared_keys(cls)->dk_nentries == 2);
    BOOST_TEST(shared_keys(cls)->dk_refcnt == 3);
    BOOST_TEST(get_attr(a, "y") == 2);
    BOOST_TEST(get_attr(b, "x") == 3);
    BOOST_TEST(key_order(instance_dict(b)) == "x y");
    BOOST_TEST(PyDict_Size(reinterpret_cast<PyObject *>(instance_dict(a))) == 2);
    // The second instance holds only the first shared key: the other one is absent for it.
    Ref c(PyObject_CallNoArgs(cls));
    set_attr(c, "x", 5);
    BOOST_TEST(is_split_on(c, cls));
    BOOST_TEST(PyObject_HasAttrString(c, "y") == 0);
    Ref y(PyUnicode_InternFromString("y"));
    BOOST_TEST(PyDict_Contains(reinterpret_cast<PyObject *>(instance_dict(c)), y) == 0);
    BOOST_TEST(PyDict_GetItem(reinterpret_cast<PyObject *>(instance_dict(c)), y) == nullptr);
    Ref keys(PyDict_Keys(reinterpret_cast<PyObject *>(instance_dict(c))));
    BOOST_TEST(PyList_GET_SIZE(keys.get()) == 1);
    // Replacing keeps it split.
    set_attr(c, "x", 6);
    BOOST_TEST(is_split_on(c, cls));
    BOOST_TEST(get_attr(c, "x") == 6);
}

BOOST_AUTO_TEST_CASE(a_key_out_of_the_shared_order_makes_the_dict_combined) {
    RuntimeScope runtime;
    Ref cls(new_class("P"));
    Ref a(PyObject_CallNoArgs(cls)), b(PyObject_CallNoArgs(cls));
    set_attr(a, "x", 1);
    set_attr(a, "y", 2);
    set_attr(b, "y", 3);  // shared index 1 while b holds none
    BOOST_TEST(instance_dict(b)->ma_values == nullptr);
    set_attr(b, "x", 4);
    BOOST_TEST(key_order(instance_dict(b)) == "y x");
    BOOST_TEST(shared_keys(cls)->dk_refcnt == 2);  // b's dict gave its share back
    BOOST_TEST(is_split_on(a, cls));
    // A new key after all the shared ones extends the shared keys.
    set_attr(a, "z", 5);
    BOOST_TEST(is_split_on(a, cls));
    BOOST_TEST(shared_keys(cls)->dk_nentries == 3);
    BOOST_TEST(key_order(instance_dict(a)) == "x y z");
}

BOOST_AUTO_TEST_CASE(deleting_the_last_key_stays_split_any_other_converts) {
    RuntimeScope runtime;
    Ref cls(new_class("P"));
    Ref a(PyObject_CallNoArgs(cls));
    set_attr(a, "x", 1);
    set_attr(a, "y", 2);
    set_attr(a, "z", 3);
    BOOST_REQUIRE(PyObject_DelAttrString(a, "z") == 0);
    BOOST_TEST(is_split_on(a, cls));
    BOOST_TEST(key_order(instance_dict(a)) == "x y");
    set_attr(a, "z", 4);  // the next shared key again
    BOOST_TEST(is_split_on(a, cls));
    BOOST_REQUIRE(PyObject_DelAttrString(a, "x") == 0);
    BOOST_TEST(instance_dict(a)->ma_values == nullptr);
    BOOST_TEST(key_order(instance_dict(a)) == "y z");
    set_attr(a, "x", 5);
    BOOST_TEST(key_order(instance_dict(a)) == "y z x");
    BOOST_TEST(get_attr(a, "z") == 4);
    // Deleting what is not there is an AttributeError either way.
    Ref b(PyObject_CallNoArgs(cls));
    set_attr(b, "x", 1);
    BOOST_TEST(PyObject_DelAttrString(b, "y") == -1);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_AttributeError));
    PyErr_Clear();
    BOOST_TEST(is_split_on(b, cls));
}

BOOST_AUTO_TEST_CASE(the_shared_keys_hold_at_most_30_keys) {
    RuntimeScope runtime;
    Ref cls(new_class("Wide"));
    Ref a(PyObject_CallNoArgs(cls));
    // Room for 30, less the one slot the first dict took: 29 keys (CPython 3.11's figure too).
    for (int i = 0; i < 29; ++i) {
        set_attr(a, ("a" + std::to_string(i)).c_str(), i);
        BOOST_REQUIRE(is_split_on(a, cls));
    }
    BOOST_TEST(shared_keys(cls)->dk_nentries + shared_keys(cls)->dk_usable <= kSharedKeysMaxSize);
    set_attr(a, "a29", 29);
    BOOST_TEST(instance_dict(a)->ma_values == nullptr);
    BOOST_TEST(shared_keys(cls)->dk_nentries == 29);
    BOOST_TEST(shared_keys(cls)->dk_usable == 0);
    BOOST_TEST(get_attr(a, "a0") == 0);
    BOOST_TEST(get_attr(a, "a29") == 29);
    // Another instance with all the shared keys stays split until it needs one more.
    Ref b(PyObject_CallNoArgs(cls));
    for (int i = 0; i < 29; ++i) set_attr(b, ("a" + std::to_string(i)).c_str(), -i);
    BOOST_TEST(is_split_on(b, cls));
    set_attr(b, "other", 1);
    BOOST_TEST(instance_dict(b)->ma_values == nullptr);
    BOOST_TEST(PyDict_Size(reinterpret_cast<PyObject *>(instance_dict(b))) == 30);
}

BOOST_AUTO_TEST_CASE(every_new_split_dict_takes_one_slot_of_room) {
    RuntimeScope runtime;
    Ref cls(new_class("P"));
    std::vector<Ref> kept;
    for (int i = 0; i < 40; ++i) {
        kept.emplace_back(PyObject_CallNoArgs(cls));
        set_attr(kept.back(), "x", i);
    }
    // 30 at first; each dict took one while more than one was left (CPython's figures).
    BOOST_TEST(shared_keys(cls)->dk_nentries + shared_keys(cls)->dk_usable == 2);
    BOOST_TEST(instance_dict(kept.front())->ma_values->capacity == 29);
    BOOST_TEST(instance_dict(kept.back())->ma_values->capacity == 2);
    // One more key fits; the next one does not.
    set_attr(kept.back(), "y", 1);
    BOOST_TEST(is_split_on(kept.back(), cls));
    set_attr(kept.back(), "z", 1);
    BOOST_TEST(instance_dict(kept.back())->ma_values == nullptr);
}

BOOST_AUTO_TEST_CASE(dict_operations_that_convert) {
    RuntimeScope runtime;
    Ref cls(new_class("P"));
    auto fresh = [&] {
        PyObject *obj = PyObject_CallNoArgs(cls);
        set_attr(obj, "x", 1);
        set_attr(obj, "y", 2);
        return obj;
    };
    // A non-str key.
    Ref a(fresh());
    Ref one(PyLong_FromLong(1));
    BOOST_REQUIRE(PyDict_SetItem(reinterpret_cast<PyObject *>(instance_dict(a)), one, one) == 0);
    BOOST_TEST(instance_dict(a)->ma_values == nullptr);
    BOOST_TEST(PyDict_Size(reinterpret_cast<PyObject *>(instance_dict(a))) == 3);
    // popitem: the last item, from a combined table.
    Ref b(fresh());
    Ref d(PyObject_GetAttrString(b, "__dict__"));
    BOOST_TEST(d.get() == reinterpret_cast<PyObject *>(instance_dict(b)));
    Ref item(PyObject_CallMethod(d, "popitem", nullptr));
    BOOST_REQUIRE(item.get() != nullptr);
    BOOST_TEST(PyLong_AsLong(PyTuple_GET_ITEM(item.get(), 1)) == 2);
    BOOST_TEST(as_dict(d)->ma_values == nullptr);
    BOOST_TEST(dict_is_valid(as_dict(d)));
    // clear: an ordinary empty dict, and the share of the keys given back.
    Ref c(fresh());
    const Py_ssize_t refs = shared_keys(cls)->dk_refcnt;
    PyDict_Clear(reinterpret_cast<PyObject *>(instance_dict(c)));
    BOOST_TEST(instance_dict(c)->ma_values == nullptr);
    BOOST_TEST(instance_dict(c)->ma_keys == dict_empty_keys());
    BOOST_TEST(shared_keys(cls)->dk_refcnt == refs - 1);
    // copy: another split dict on the same keys.
    Ref e(fresh());
    Ref copy(PyDict_Copy(reinterpret_cast<PyObject *>(instance_dict(e))));
    BOOST_TEST(as_dict(copy)->ma_values != nullptr);
    BOOST_TEST(as_dict(copy)->ma_keys == shared_keys(cls));
    BOOST_TEST(dict_is_valid(as_dict(copy)));
    BOOST_TEST(
        PyObject_RichCompareBool(copy, reinterpret_cast<PyObject *>(instance_dict(e)), Py_EQ) == 1);
    // update into an empty split dict adds the keys in order.
    Ref f(PyObject_CallNoArgs(cls));
    Ref fd(PyObject_GetAttrString(f, "__dict__"));
    BOOST_TEST(as_dict(fd)->ma_values != nullptr);
    BOOST_REQUIRE(PyDict_Update(fd, copy) == 0);
    BOOST_TEST(as_dict(fd)->ma_values != nullptr);
    BOOST_TEST(key_order(as_dict(fd)) == "x y");
}

BOOST_AUTO_TEST_CASE(a_dict_outlives_its_class_and_instance) {
    RuntimeScope runtime;
    PyObject *kept;
    {
        Ref cls(new_class("Gone"));
        Ref a(PyObject_CallNoArgs(cls));
        set_attr(a, "name", 42);
        kept = PyObject_GetAttrString(a, "__dict__");
    }
    PyGC_Collect();  // the class is part of cycles (its MRO, its __dict__'s descriptors)
    Ref d(kept);
    BOOST_TEST(as_dict(d)->ma_values != nullptr);
    BOOST_TEST(as_dict(d)->ma_keys->dk_refcnt == 1);  // the dict's share alone
    BOOST_TEST(dict_is_valid(as_dict(d)));
    BOOST_TEST(PyLong_AsLong(PyDict_GetItemString(d, "name")) == 42);
    // __sizeof__ now counts the keys too (no class holds them).
    PyDictKeysObject *keys = as_dict(d)->ma_keys;
    Ref size(PyObject_CallMethod(d, "__sizeof__", nullptr));
    BOOST_TEST(PyLong_AsSsize_t(size) == static_cast<Py_ssize_t>(sizeof(PyDictObject)) +
                                             dictkeys_size(keys) +
                                             (keys->dk_nentries + keys->dk_usable) *
                                                 static_cast<Py_ssize_t>(sizeof(PyObject *)));
}

BOOST_AUTO_TEST_CASE(the_collector_sees_the_values) {
    RuntimeScope runtime;
    Ref cls(new_class("Node"));
    PyGC_Collect();
    {
        Ref a(PyObject_CallNoArgs(cls));
        BOOST_REQUIRE(PyObject_SetAttrString(a, "me", a) == 0);
        BOOST_TEST(is_split_on(a, cls));
        BOOST_TEST(PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(instance_dict(a))));
    }
    BOOST_TEST(PyGC_Collect() == 2);  // the instance and its dict
    // Atomic values leave the dict untracked, as for any dict.
    Ref b(PyObject_CallNoArgs(cls));
    set_attr(b, "n", 1);
    BOOST_TEST(!PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(instance_dict(b))));
}

BOOST_AUTO_TEST_CASE(inline_cache_api) {
    RuntimeScope runtime;
    Ref cls(new_class("P"));
    Ref x(PyUnicode_InternFromString("x")), y(PyUnicode_InternFromString("y")),
        z(PyUnicode_InternFromString("z"));
    Ref a(PyObject_CallNoArgs(cls));
    BOOST_TEST(minipy_object_shared_keys_index(a, x) == -1);  // the keys lack it yet
    BOOST_TEST(minipy_object_shared_keys_count(a) == 0);
    set_attr(a, "x", 1);
    set_attr(a, "y", 2);
    BOOST_TEST(minipy_object_shared_keys_index(a, y) == 1);
    BOOST_TEST(minipy_object_shared_keys_count(a) == 2);
    BOOST_TEST(PyLong_AsLong(minipy_object_split_value_at(a, 1)) == 2);
    // A fresh instance: no dict yet; storing the first shared key makes it.
    Ref b(PyObject_CallNoArgs(cls));
    BOOST_TEST(minipy_object_shared_keys_index(b, x) == 0);
    BOOST_TEST(minipy_object_split_value_at(b, 0) == nullptr);
    Ref seven(PyLong_FromLong(7)), list(PyList_New(0));
    BOOST_TEST(minipy_object_split_store_at(b, 1, seven) == 0);  // out of order, no dict made
    BOOST_TEST(*_PyObject_GetDictPtr(b) == nullptr);
    BOOST_TEST(minipy_object_split_store_at(b, 0, seven) == 1);
    BOOST_TEST(is_split_on(b, cls));
    BOOST_TEST(get_attr(b, "x") == 7);
    BOOST_TEST(minipy_object_split_store_at(b, 1, list) == 1);  // appends y
    BOOST_TEST(PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(instance_dict(b))));
    BOOST_TEST(key_order(instance_dict(b)) == "x y");
    BOOST_TEST(minipy_object_split_store_at(b, 0, list) == 1);  // replaces x
    BOOST_TEST(minipy_object_split_value_at(b, 0) == list.get());
    // lacks: while the shared keys keep their count, the name is not among them.
    BOOST_TEST(minipy_object_split_lacks(b, z, 2) == 1);
    BOOST_TEST(minipy_object_split_lacks(b, x, 5) == 0);  // another count: a real lookup says
    set_attr(a, "z", 3);                                  // the shared keys grow
    BOOST_TEST(minipy_object_split_lacks(b, z, 2) == 1);  // b itself still lacks z
    BOOST_TEST(minipy_object_split_lacks(a, z, 2) == 0);
    // A combined dict, or one replaced: not a split instance.
    BOOST_REQUIRE(PyObject_DelAttrString(b, "x") == 0);
    BOOST_TEST(minipy_object_split_value_at(b, 1) == nullptr);
    BOOST_TEST(minipy_object_split_store_at(b, 1, seven) == 0);
    BOOST_TEST(minipy_object_shared_keys_index(b, y) == -1);
    // Not a class instance at all.
    Ref d(PyDict_New());
    BOOST_TEST(minipy_object_shared_keys_index(d, x) == -1);
    BOOST_TEST(minipy_object_split_value_at(d, 0) == nullptr);
    BOOST_TEST(minipy_object_split_store_at(d, 0, seven) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
