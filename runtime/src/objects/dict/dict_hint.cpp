// What an interpreter's inline caches ask of a dict (minipy_dict_* in minipy/dictobject.h):
// the entry index of a str key, the value at a remembered index when the entry still holds
// that key, replacing it there, and a version of the dict's set of keys.
//
// Keys versions (CPython 3.11's dk_version): a keys object gets a tag from a global counter
// the first time someone asks, and loses it (dk_version = 0) whenever a key is added or
// removed in place (append_new_entry, dict_delete_entry, dict_pop_last_entry); a rebuilt or
// cloned table starts without one. Tags are never reused, so an equal tag means the same set
// of keys in the same keys object. Values may change under one tag.
#include "check/check.hpp"
#include "objects/dict/dict_internal.hpp"
#include "objects/type/type_internal.hpp"

using namespace minipy::runtime;

namespace {

constinit uint32_t g_next_keys_version = 1;

inline PyObject *value_at(PyDictObject *mp, Py_ssize_t index, PyObject *key) noexcept {
    PyDictKeysObject *keys = mp->ma_keys;
    if (static_cast<std::size_t>(index) >= static_cast<std::size_t>(keys->dk_nentries))
        return nullptr;
    DictKeyEntry &entry = dk_entries(keys)[index];
    return entry.me_key == key ? entry.me_value : nullptr;
}

inline int replace_at(PyDictObject *mp, Py_ssize_t index, PyObject *key, PyObject *value) noexcept {
    PyDictKeysObject *keys = mp->ma_keys;
    if (static_cast<std::size_t>(index) >= static_cast<std::size_t>(keys->dk_nentries)) return 0;
    DictKeyEntry &entry = dk_entries(keys)[index];
    PyObject *old = entry.me_value;
    if (entry.me_key != key || old == nullptr) return 0;
    // The key is a str: only a value of a GC type can make the dict need tracking (the
    // common int or str value skips the out-of-line checks).
    if (PyType_IS_GC(Py_TYPE(value))) dict_maintain_tracking(mp, key, value);
    entry.me_value = Py_NewRef(value);
    mp->ma_version_tag = dict_next_version();
    // As dict_insert: the old value goes last, its destructor may look at the dict.
    Py_DECREF(old);
    return 1;
}

// The instance dict of obj, or NULL.
inline PyDictObject *instance_dict(PyObject *obj) noexcept {
    PyObject **dictptr = (Py_TYPE(obj)->tp_flags & Py_TPFLAGS_MANAGED_DICT)
                             ? managed_dict_ptr(obj)
                             : _PyObject_GetDictPtr(obj);
    if (dictptr == nullptr || *dictptr == nullptr || !PyDict_Check(*dictptr)) return nullptr;
    return as_dict(*dictptr);
}

// The entry index of an exact str key this dict holds, kDictIxEmpty when absent,
// kDictIxError when an entry with the same hash is not a str (comparing would run code).
Py_ssize_t str_lookup(PyDictObject *mp, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);  // cached in the str; never fails for one
    const Py_ssize_t ix = dict_str_lookup(mp->ma_keys, key, hash);
    // A split dict's shared keys also hold other instances' keys.
    if (ix >= 0 && dict_value_at(mp, ix) == nullptr) return kDictIxEmpty;
    return ix;
}

// The shared keys of obj's class when obj's instance dict is split on them (*dict set) or
// not made yet (*dict NULL); else NULL.
inline PyDictKeysObject *instance_shared_keys(PyObject *obj, PyDictObject **dict) noexcept {
    PyTypeObject *type = Py_TYPE(obj);
    constexpr unsigned long kFlags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_MANAGED_DICT;
    if ((type->tp_flags & kFlags) != kFlags) return nullptr;
    PyDictKeysObject *keys = reinterpret_cast<PyHeapTypeObject *>(type)->ht_cached_keys;
    PyObject *d = *managed_dict_ptr(obj);
    *dict = d != nullptr ? as_dict(d) : nullptr;
    if (keys == nullptr || (d != nullptr && as_dict(d)->ma_keys != keys)) return nullptr;
    return keys;
}

}  // namespace

extern "C" Py_ssize_t minipy_dict_entry_index(PyObject *mp, PyObject *key) noexcept {
    if (!PyDict_Check(mp) || !PyUnicode_CheckExact(key)) return -1;
    // A split dict's values are not in its entries, so no index would ever hit.
    if (as_dict(mp)->ma_values != nullptr) return -1;
    const Py_ssize_t ix = str_lookup(as_dict(mp), key);
    return ix >= 0 ? ix : -1;
}

extern "C" int minipy_dict_lacks(PyObject *mp, PyObject *key) noexcept {
    if (!PyDict_Check(mp) || !PyUnicode_CheckExact(key)) return 0;
    return str_lookup(as_dict(mp), key) == kDictIxEmpty ? 1 : 0;
}

extern "C" PyObject *minipy_dict_value_at(PyObject *mp, Py_ssize_t index, PyObject *key) noexcept {
    return value_at(as_dict(mp), index, key);
}

extern "C" int minipy_dict_replace_at(PyObject *mp, Py_ssize_t index, PyObject *key,
                                      PyObject *value) noexcept {
    return replace_at(as_dict(mp), index, key, value);
}

extern "C" uint32_t minipy_dict_keys_version(PyObject *mp) noexcept {
    PyDictKeysObject *keys = as_dict(mp)->ma_keys;
    if (keys == dict_empty_keys()) return 0;
    // A split dict gains a key by filling a value slot of keys it shares with other dicts,
    // which leaves the keys (and their version) as they were: none can be given (CPython 3.11
    // likewise caches builtins only against an unsplit globals dict).
    if (as_dict(mp)->ma_values != nullptr) return 0;
    if (keys->dk_version == 0) {
        if (g_next_keys_version == 0) return 0;  // all 2^32 handed out: no more caching
        keys->dk_version = g_next_keys_version++;
    }
    return keys->dk_version;
}

// --- Split instance dicts (LOAD_ATTR_INSTANCE_VALUE and company) ---------------------------
// An index the caches hold came from the class's shared keys (below their dk_nentries then),
// and the type's version proves the class is the same: every dict split on those keys has a
// values slot for it.

extern "C" Py_ssize_t minipy_object_shared_keys_index(PyObject *obj, PyObject *name) noexcept {
    PyDictObject *dict;
    PyDictKeysObject *keys = instance_shared_keys(obj, &dict);
    if (keys == nullptr || !PyUnicode_CheckExact(name)) return -1;
    const Py_ssize_t ix = dict_str_lookup(keys, name, PyObject_Hash(name));
    return ix >= 0 ? ix : -1;
}

extern "C" Py_ssize_t minipy_object_shared_keys_count(PyObject *obj) noexcept {
    PyDictObject *dict;
    PyDictKeysObject *keys = instance_shared_keys(obj, &dict);
    return keys != nullptr ? keys->dk_nentries : -1;
}

extern "C" PyObject *minipy_object_split_value_at(PyObject *obj, Py_ssize_t index) noexcept {
    PyDictObject *dict;
    if (instance_shared_keys(obj, &dict) == nullptr || dict == nullptr) return nullptr;
    return dict->ma_values->values[index];
}

extern "C" int minipy_object_split_store_at(PyObject *obj, Py_ssize_t index,
                                            PyObject *value) noexcept {
    PyDictObject *dict;
    PyDictKeysObject *keys = instance_shared_keys(obj, &dict);
    if (keys == nullptr) return 0;
    if (dict == nullptr) {
        // The instance's first attribute: its dict is made here, as the generic store would.
        if (index != 0) return 0;
        PyObject *made = minipy_dict_new_split(keys);
        if (made == nullptr) {
            PyErr_Clear();  // the generic path raises it again
            return 0;
        }
        *managed_dict_ptr(obj) = made;
        dict = as_dict(made);
    }
    PyObject **slot = &dict->ma_values->values[index];
    if (index < dict->ma_used) {
        PyObject *old = *slot;
        if (PyType_IS_GC(Py_TYPE(value))) dict_maintain_tracking(dict, Py_None, value);
        *slot = Py_NewRef(value);
        dict->ma_version_tag = dict_next_version();
        MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(dict, index));
        Py_DECREF(old);  // last, as dict_insert: its destructor may look at the dict
        return 1;
    }
    if (index != dict->ma_used) return 0;  // out of the shared order: the generic path
    if (PyType_IS_GC(Py_TYPE(value))) dict_maintain_tracking(dict, Py_None, value);
    *slot = Py_NewRef(value);
    dict->ma_used++;
    dict->ma_version_tag = dict_next_version();
    MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(dict, index));
    return 1;
}

extern "C" int minipy_object_split_lacks(PyObject *obj, PyObject *key, Py_ssize_t count) noexcept {
    PyDictObject *dict;
    PyDictKeysObject *keys = instance_shared_keys(obj, &dict);
    // The shared keys only grow: with as many entries as when the name was not among them,
    // it still is not.
    if (keys != nullptr && (dict == nullptr || keys->dk_nentries == count)) return 1;
    return minipy_object_dict_lacks(obj, key);
}

extern "C" PyObject *minipy_object_dict_value_at(PyObject *obj, Py_ssize_t index,
                                                 PyObject *key) noexcept {
    PyDictObject *dict = instance_dict(obj);
    return dict != nullptr ? value_at(dict, index, key) : nullptr;
}

extern "C" int minipy_object_dict_replace_at(PyObject *obj, Py_ssize_t index, PyObject *key,
                                             PyObject *value) noexcept {
    PyDictObject *dict = instance_dict(obj);
    return dict != nullptr ? replace_at(dict, index, key, value) : 0;
}

extern "C" int minipy_object_dict_lacks(PyObject *obj, PyObject *key) noexcept {
    PyDictObject *dict = instance_dict(obj);
    if (dict == nullptr) {
        PyObject **dictptr = _PyObject_GetDictPtr(obj);
        return dictptr == nullptr || *dictptr == nullptr ? 1 : 0;  // a non-dict __dict__: ask
    }
    return minipy_dict_lacks(reinterpret_cast<PyObject *>(dict), key);
}
