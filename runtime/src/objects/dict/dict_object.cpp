// The dict object (after CPython 3.11's Objects/dictobject.c): creation and the free list,
// deallocation, the collector's hooks, and the public C API that reads and writes single
// items. The table itself is dict_table.cpp's.
//
// Free list: up to 80 exact dicts whose memory is kept for reuse when the config's
// use_freelists is on (the keys objects of the minimum size have their own list in
// dict_table.cpp). Both are emptied by dict_fini.
//
// GC tracking follows CPython: a new dict is untracked; dict_maintain_tracking tracks it
// when something that could be part of a cycle goes in; the collector may untrack it again
// through _PyDict_MaybeUntrack.
#include <cstring>

#include "check/freelist_check.hpp"
#include "objects/dict/dict_internal.hpp"
#include "objects/freelist_settings.hpp"
#include "recursion/trashcan.hpp"

namespace minipy::runtime {

namespace {

PyDictObject *g_free_list[kDictMaxFreeList];
int g_numfree = 0;

void dict_dealloc(PyObject *self) noexcept {
    PyDictObject *mp = as_dict(self);
    PyObject_GC_UnTrack(self);
    Trashcan trashcan(self, dict_dealloc_slot);
    if (trashcan.put_aside()) return;  // destroyed when the outer deallocation ends
    PyDictKeysObject *keys = mp->ma_keys;
    PyDictValues *values = mp->ma_values;
    mp->ma_keys = dict_empty_keys();
    mp->ma_values = nullptr;
    mp->ma_used = 0;
    dict_release_table(keys, values);
    if (Py_IS_TYPE(self, &PyDict_Type) && use_freelists() && g_numfree < kDictMaxFreeList) {
        g_free_list[g_numfree++] = mp;
        MINIPY_ASSERT_EXPENSIVE(dict_freelist_is_valid());
    } else {
        Py_TYPE(self)->tp_free(self);
    }
}

inline bool check_dict(PyObject *op) noexcept {
    if (op != nullptr && PyDict_Check(op)) return true;
    PyErr_BadInternalCall();
    return false;
}

}  // namespace

void dict_dealloc_slot(PyObject *self) noexcept {
    dict_dealloc(self);
}

int dict_traverse_slot(PyObject *self, visitproc visit, void *arg) noexcept {
    PyDictObject *mp = as_dict(self);
    PyDictKeysObject *keys = mp->ma_keys;
    if (mp->ma_values != nullptr) {  // the shared keys are strs
        for (Py_ssize_t i = 0; i < mp->ma_used; ++i) Py_VISIT(mp->ma_values->values[i]);
        return 0;
    }
    DictKeyEntry *entries = dk_entries(keys);
    for (Py_ssize_t i = 0; i < keys->dk_nentries; ++i) {
        if (entries[i].me_value != nullptr) {
            Py_VISIT(entries[i].me_value);
            Py_VISIT(entries[i].me_key);
        }
    }
    return 0;
}

int dict_clear_slot(PyObject *self) noexcept {
    PyDict_Clear(self);
    return 0;
}

PyObject *dict_new_with_keys(PyDictKeysObject *keys, Py_ssize_t used) noexcept {
    PyDictObject *mp;
    if (g_numfree > 0 && use_freelists()) {
        MINIPY_ASSERT_EXPENSIVE(dict_freelist_is_valid());
        mp = g_free_list[--g_numfree];
        _Py_NewReference(reinterpret_cast<PyObject *>(mp));
    } else {
        mp = PyObject_GC_New(PyDictObject, &PyDict_Type);
        if (mp == nullptr) {
            dictkeys_release(keys);
            return nullptr;
        }
    }
    mp->ma_keys = keys;
    mp->ma_values = nullptr;
    mp->ma_used = used;
    mp->ma_version_tag = dict_next_version();
    MINIPY_ASSERT_EXPENSIVE(dict_is_valid(mp));
    return reinterpret_cast<PyObject *>(mp);
}

void set_key_error(PyObject *key) noexcept {
    PyObject *args = PyTuple_Pack(1, key);
    if (args == nullptr) return;  // MemoryError is the exception then
    PyErr_SetObject(PyExc_KeyError, args);
    Py_DECREF(args);
}

// --- Start-up and shutdown ------------------------------------------------------------------

bool dict_freelist_is_valid() noexcept {
    const check::Subject s{"dict_freelist_is_valid", "dict free list", nullptr};
    check::freelist_array_is_valid(s, reinterpret_cast<void *const *>(g_free_list), g_numfree,
                                   kDictMaxFreeList);
    for (int i = 0; i < g_numfree; ++i) {
        PyDictObject *mp = g_free_list[i];
        check::freelist_entry_is_dead(s, i, reinterpret_cast<PyObject *>(mp), &PyDict_Type, true);
        s.require(
            mp->ma_keys == dict_empty_keys() && mp->ma_used == 0,
            {"an entry holds no table (entry ", i, " at ", static_cast<const void *>(mp),
             " has keys ", static_cast<const void *>(mp->ma_keys), ", ma_used ", mp->ma_used, ")"});
    }
    return true;
}

void dict_freelist_clear() noexcept {
    while (g_numfree > 0) PyObject_GC_Del(g_free_list[--g_numfree]);
    dictkeys_freelist_clear();
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

// --- The C API -------------------------------------------------------------------------------

extern "C" PyObject *PyDict_New(void) noexcept {
    return dict_new_with_keys(dict_empty_keys(), 0);
}

extern "C" PyObject *_PyDict_NewPresized(Py_ssize_t minused) noexcept {
    // As CPython: small requests get the lazily allocated empty table, and a huge one is
    // not taken at its word (the caller may overestimate).
    if (minused <= usable_fraction(kDictMinSize)) return PyDict_New();
    const Py_ssize_t capped = minused > 87381 ? 87381 : minused;  // 2**17 slots at most
    PyDictKeysObject *keys = dictkeys_new(dict_estimate_log2_keysize(capped));
    if (keys == nullptr) return nullptr;
    return dict_new_with_keys(keys, 0);
}

extern "C" PyObject *PyDict_GetItem(PyObject *op, PyObject *key) noexcept {
    if (op == nullptr || !PyDict_Check(op)) return nullptr;
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) {
        PyErr_Clear();
        return nullptr;
    }
    // An error raised by a comparison is dropped, and one set before the call survives.
    PyObject *saved = PyErr_GetRaisedException();
    PyObject *value;
    dict_lookup(as_dict(op), key, hash, &value);
    PyErr_SetRaisedException(saved);
    return value;
}

extern "C" PyObject *_PyDict_GetItem_KnownHash(PyObject *op, PyObject *key,
                                               Py_hash_t hash) noexcept {
    if (!check_dict(op)) return nullptr;
    PyObject *value;
    dict_lookup(as_dict(op), key, hash, &value);
    return value;
}

extern "C" PyObject *PyDict_GetItemWithError(PyObject *op, PyObject *key) noexcept {
    if (!check_dict(op)) return nullptr;
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return nullptr;
    PyObject *value;
    dict_lookup(as_dict(op), key, hash, &value);
    return value;
}

extern "C" PyObject *PyDict_GetItemString(PyObject *op, const char *key) noexcept {
    PyObject *name = PyUnicode_FromString(key);
    if (name == nullptr) {
        PyErr_Clear();
        return nullptr;
    }
    PyObject *value = PyDict_GetItem(op, name);
    Py_DECREF(name);
    return value;
}

extern "C" PyObject *_PyDict_GetItemStringWithError(PyObject *op, const char *key) noexcept {
    PyObject *name = PyUnicode_FromString(key);
    if (name == nullptr) return nullptr;
    PyObject *value = PyDict_GetItemWithError(op, name);
    Py_DECREF(name);
    return value;
}

extern "C" int _PyDict_SetItem_KnownHash(PyObject *op, PyObject *key, PyObject *value,
                                         Py_hash_t hash) noexcept {
    if (!check_dict(op)) return -1;
    Py_INCREF(key);
    Py_INCREF(value);
    return dict_insert(as_dict(op), key, hash, value);
}

extern "C" int PyDict_SetItem(PyObject *op, PyObject *key, PyObject *value) noexcept {
    if (!check_dict(op) || key == nullptr || value == nullptr) {
        if (!PyErr_Occurred()) PyErr_BadInternalCall();
        return -1;
    }
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    Py_INCREF(key);
    Py_INCREF(value);
    return dict_insert(as_dict(op), key, hash, value);
}

extern "C" int PyDict_SetItemString(PyObject *op, const char *key, PyObject *value) noexcept {
    PyObject *name = PyUnicode_FromString(key);
    if (name == nullptr) return -1;
    PyUnicode_InternInPlace(&name);
    const int status = PyDict_SetItem(op, name, value);
    Py_DECREF(name);
    return status;
}

extern "C" int _PyDict_DelItem_KnownHash(PyObject *op, PyObject *key, Py_hash_t hash) noexcept {
    if (!check_dict(op)) return -1;
    PyDictObject *mp = as_dict(op);
    PyObject *value;
    const Py_ssize_t ix = dict_lookup(mp, key, hash, &value);
    if (ix == kDictIxError) return -1;
    if (ix == kDictIxEmpty || value == nullptr) {
        set_key_error(key);
        return -1;
    }
    return dict_delete_entry(mp, ix, hash);
}

// The key is hashed before op is checked, as in CPython: PyDict_DelItem(list, list) is
// "unhashable type: 'list'".
extern "C" int PyDict_DelItem(PyObject *op, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    return _PyDict_DelItem_KnownHash(op, key, hash);
}

extern "C" int PyDict_DelItemString(PyObject *op, const char *key) noexcept {
    PyObject *name = PyUnicode_FromString(key);
    if (name == nullptr) return -1;
    const int status = PyDict_DelItem(op, name);
    Py_DECREF(name);
    return status;
}

extern "C" int _PyDict_Contains_KnownHash(PyObject *op, PyObject *key, Py_hash_t hash) noexcept {
    PyObject *value;
    const Py_ssize_t ix = dict_lookup(as_dict(op), key, hash, &value);
    if (ix == kDictIxError) return -1;
    return ix != kDictIxEmpty && value != nullptr;
}

// Hash first, as in CPython (which does not check op at all; a non-dict is refused here).
extern "C" int PyDict_Contains(PyObject *op, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    if (!check_dict(op)) return -1;
    return _PyDict_Contains_KnownHash(op, key, hash);
}

extern "C" PyObject *PyDict_SetDefault(PyObject *op, PyObject *key, PyObject *defaultobj) noexcept {
    if (!check_dict(op)) return nullptr;
    PyDictObject *mp = as_dict(op);
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return nullptr;
    PyObject *value;
    const Py_ssize_t ix = dict_lookup(mp, key, hash, &value);
    if (ix == kDictIxError) return nullptr;
    if (ix == kDictIxEmpty) {
        if (dict_insert_new(mp, Py_NewRef(key), hash, Py_NewRef(defaultobj)) < 0) return nullptr;
        return defaultobj;
    }
    return value;
}

namespace {

// The shared body of _PyDict_Pop and PyDict_Pop: 1 with the value taken out, 0 when absent,
// -1 on error.
int pop_item(PyObject *op, PyObject *key, PyObject **result) noexcept {
    *result = nullptr;
    PyDictObject *mp = as_dict(op);
    if (mp->ma_used == 0) return 0;
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    PyObject *value;
    const Py_ssize_t ix = dict_lookup(mp, key, hash, &value);
    if (ix == kDictIxError) return -1;
    if (ix == kDictIxEmpty || value == nullptr) return 0;
    *result = Py_NewRef(value);
    if (dict_delete_entry(mp, ix, hash) < 0) {
        Py_CLEAR(*result);
        return -1;
    }
    return 1;
}

}  // namespace

extern "C" PyObject *_PyDict_Pop(PyObject *op, PyObject *key, PyObject *deflt) noexcept {
    if (!check_dict(op)) return nullptr;
    PyObject *value;
    const int found = pop_item(op, key, &value);
    if (found != 0) return value;  // the value, or NULL on error
    if (deflt != nullptr) return Py_NewRef(deflt);
    set_key_error(key);
    return nullptr;
}

extern "C" int PyDict_Pop(PyObject *op, PyObject *key, PyObject **result) noexcept {
    PyObject *value = nullptr;
    int status = -1;
    if (check_dict(op)) status = pop_item(op, key, &value);
    if (result != nullptr)
        *result = value;
    else
        Py_XDECREF(value);
    return status;
}

extern "C" void PyDict_Clear(PyObject *op) noexcept {
    if (op == nullptr || !PyDict_Check(op)) return;
    PyDictObject *mp = as_dict(op);
    PyDictKeysObject *keys = mp->ma_keys;
    PyDictValues *values = mp->ma_values;
    if (keys == dict_empty_keys()) return;
    // Empty the dict first: releasing the items may run code that looks at it. A split dict
    // becomes an ordinary empty one, as in CPython.
    mp->ma_keys = dict_empty_keys();
    mp->ma_values = nullptr;
    mp->ma_used = 0;
    mp->ma_version_tag = dict_next_version();
    MINIPY_ASSERT_EXPENSIVE(dict_is_valid(mp));
    dict_release_table(keys, values);
}

extern "C" int _PyDict_Next(PyObject *op, Py_ssize_t *pos, PyObject **key, PyObject **value,
                            Py_hash_t *hash) noexcept {
    if (op == nullptr || !PyDict_Check(op)) return 0;
    PyDictObject *mp = as_dict(op);
    PyDictKeysObject *keys = mp->ma_keys;
    Py_ssize_t i = *pos;
    const Py_ssize_t n = keys->dk_nentries;
    if (i < 0 || i >= n) return 0;
    DictKeyEntry *entries = dk_entries(keys);
    while (i < n && dict_value_at(mp, i) == nullptr) ++i;
    if (i >= n) return 0;
    *pos = i + 1;
    if (key != nullptr) *key = entries[i].me_key;
    if (value != nullptr) *value = dict_value_at(mp, i);
    if (hash != nullptr) *hash = entries[i].me_hash;
    return 1;
}

extern "C" int PyDict_Next(PyObject *op, Py_ssize_t *pos, PyObject **key,
                           PyObject **value) noexcept {
    return _PyDict_Next(op, pos, key, value, nullptr);
}

extern "C" Py_ssize_t PyDict_Size(PyObject *op) noexcept {
    if (!check_dict(op)) return -1;
    return as_dict(op)->ma_used;
}

namespace {

enum class Part { keys, values, items };

// A list of the keys, the values or (key, value) tuples. Allocating may run the collector,
// whose destructors could change the dict's size: then start over.
PyObject *dict_to_list(PyObject *op, Part part) noexcept {
    if (!check_dict(op)) return nullptr;
    PyDictObject *mp = as_dict(op);
    for (;;) {
        const Py_ssize_t n = mp->ma_used;
        PyObject *list = PyList_New(n);
        if (list == nullptr) return nullptr;
        if (part == Part::items) {
            for (Py_ssize_t i = 0; i < n; ++i) {
                PyObject *pair = PyTuple_New(2);
                if (pair == nullptr) {
                    Py_DECREF(list);
                    return nullptr;
                }
                PyList_SET_ITEM(list, i, pair);
            }
        }
        if (n != mp->ma_used) {
            Py_DECREF(list);
            continue;
        }
        DictKeyEntry *entries = dk_entries(mp->ma_keys);
        Py_ssize_t j = 0;
        for (Py_ssize_t i = 0; j < n; ++i) {
            PyObject *value = dict_value_at(mp, i);
            if (value == nullptr) continue;
            PyObject *key = entries[i].me_key;
            if (part == Part::keys) {
                PyList_SET_ITEM(list, j, Py_NewRef(key));
            } else if (part == Part::values) {
                PyList_SET_ITEM(list, j, Py_NewRef(value));
            } else {
                PyObject *pair = PyList_GET_ITEM(list, j);
                PyTuple_SET_ITEM(pair, 0, Py_NewRef(key));
                PyTuple_SET_ITEM(pair, 1, Py_NewRef(value));
            }
            ++j;
        }
        return list;
    }
}

}  // namespace

extern "C" PyObject *PyDict_Keys(PyObject *op) noexcept {
    return dict_to_list(op, Part::keys);
}
extern "C" PyObject *PyDict_Values(PyObject *op) noexcept {
    return dict_to_list(op, Part::values);
}
extern "C" PyObject *PyDict_Items(PyObject *op) noexcept {
    return dict_to_list(op, Part::items);
}

extern "C" void _PyDict_MaybeUntrack(PyObject *op) noexcept {
    if (!PyDict_CheckExact(op) || !PyObject_GC_IsTracked(op)) return;
    PyDictObject *mp = as_dict(op);
    PyDictKeysObject *keys = mp->ma_keys;
    DictKeyEntry *entries = dk_entries(keys);
    for (Py_ssize_t i = 0; i < keys->dk_nentries; ++i) {
        PyObject *value = dict_value_at(mp, i);
        if (value == nullptr) continue;
        PyObject *key = entries[i].me_key;
        if (PyObject_IS_GC(value) && (!PyTuple_CheckExact(value) || PyObject_GC_IsTracked(value)))
            return;
        if (PyObject_IS_GC(key) && (!PyTuple_CheckExact(key) || PyObject_GC_IsTracked(key))) return;
    }
    PyObject_GC_UnTrack(op);
}

extern "C" int _PyDict_HasOnlyStringKeys(PyObject *op) noexcept {
    Py_ssize_t pos = 0;
    PyObject *key;
    while (PyDict_Next(op, &pos, &key, nullptr))
        if (!PyUnicode_Check(key)) return 0;
    return 1;
}

extern "C" Py_ssize_t _PyDict_SizeOf(PyDictObject *mp) noexcept {
    Py_ssize_t size = Py_TYPE(mp)->tp_basicsize;
    // The shared empty keys belong to no dict in particular.
    if (mp->ma_values != nullptr)
        size += dict_split_table_size(mp);
    else if (mp->ma_keys != dict_empty_keys())
        size += dictkeys_size(mp->ma_keys);
    return size;
}
