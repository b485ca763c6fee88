// What an interpreter's inline caches ask of a dict (minipy_dict_* in minipy/dictobject.h):
// the entry index of a str key, the value at a remembered index when the entry still holds
// that key, replacing it there, and a version of the dict's set of keys.
//
// Keys versions (CPython 3.11's dk_version): a keys object gets a tag from a global counter
// the first time someone asks, and loses it (dk_version = 0) whenever a key is added or
// removed in place (append_new_entry, dict_delete_entry, dict_pop_last_entry); a rebuilt or
// cloned table starts without one. Tags are never reused, so an equal tag means the same set
// of keys in the same keys object. Values may change under one tag.
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

// The entry index of an exact str key, kDictIxEmpty when absent, kDictIxError when an entry
// with the same hash is not a str (comparing would run code).
Py_ssize_t str_lookup(PyDictObject *mp, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);  // cached in the str; never fails for one
    PyDictKeysObject *keys = mp->ma_keys;
    DictKeyEntry *entries = dk_entries(keys);
    const std::size_t mask = dk_mask(keys);
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    for (;;) {
        const Py_ssize_t ix = get_index(keys, i);
        if (ix >= 0) {
            const DictKeyEntry &entry = entries[ix];
            if (entry.me_key == key) return ix;
            if (entry.me_hash == hash) {
                if (!PyUnicode_CheckExact(entry.me_key)) return kDictIxError;
                if (PyUnicode_Compare(entry.me_key, key) == 0) return ix;
            }
        } else if (ix == kDictIxEmpty) {
            return kDictIxEmpty;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + perturb + 1) & mask;
    }
}

}  // namespace

extern "C" Py_ssize_t minipy_dict_entry_index(PyObject *mp, PyObject *key) noexcept {
    if (!PyDict_Check(mp) || !PyUnicode_CheckExact(key)) return -1;
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
    if (keys->dk_version == 0) {
        if (g_next_keys_version == 0) return 0;  // all 2^32 handed out: no more caching
        keys->dk_version = g_next_keys_version++;
    }
    return keys->dk_version;
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
