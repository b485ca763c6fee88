// Split tables (PEP 412, after CPython 3.11): the keys a class shares among its instances'
// dicts (ht_cached_keys), the values arrays of those dicts, and what a split dict does when
// an operation does not fit the split layout. The layout and its rules are in
// dict_internal.hpp, above _dictkeysobject.
//
// When a split dict stays split. A split dict holds the first ma_used shared keys in order, so:
//   - storing a key it holds replaces the value in place;
//   - storing the next shared key (index ma_used) appends it;
//   - storing a str key the shared keys lack, when the dict holds every shared key and the
//     shared keys have room (dk_usable > 0), adds the key to the shared keys;
//   - deleting its last key drops it;
// everything else (a key that is not an exact str, a key out of the shared order, a full
// shared table, deleting another key, popitem) first rebuilds it as an ordinary combined dict,
// which then does the operation. What Python sees is the same either way (order, repr,
// equality, identity) but in two places. CPython 3.11 also keeps an instance's own insertion
// order beside its values, so a key stored out of the shared order or a deletion keeps its
// dict split there:
//   - sys.getsizeof differs from CPython's in those cases;
//   - an iteration over the instance dict that deletes a key other than the last and adds
//     one stops with "dictionary keys changed during iteration", as over any combined dict,
//     where CPython's split dict goes on to yield the added key.
//
// Sizes. A class's shared keys start with room for kSharedKeysMaxSize (30) keys, and each new
// split dict takes one slot of room away while more than one is left (CPython's
// init_inline_values: classes whose instances get few attributes end with small values
// arrays). A values array has one slot per key the shared keys could hold when it was made.
#include <cstring>

#include "check/check.hpp"
#include "objects/dict/dict_internal.hpp"

namespace minipy::runtime {

namespace {

PyDictValues *values_new(Py_ssize_t capacity) noexcept {
    const std::size_t bytes =
        sizeof(PyDictValues) + static_cast<std::size_t>(capacity) * sizeof(PyObject *);
    auto *values = static_cast<PyDictValues *>(PyObject_Malloc(bytes));
    if (values == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    values->capacity = capacity;
    std::memset(values->values, 0, static_cast<std::size_t>(capacity) * sizeof(PyObject *));
    return values;
}

// Appends `key` (absent, an exact str, reference taken over) to shared keys with room.
Py_ssize_t shared_keys_append(PyDictKeysObject *keys, PyObject *key, Py_hash_t hash) noexcept {
    const Py_ssize_t ix = keys->dk_nentries;
    set_index(keys, dict_find_empty_slot(keys, hash), ix);
    DictKeyEntry &entry = dk_entries(keys)[ix];
    entry.me_hash = hash;
    entry.me_key = key;
    entry.me_value = nullptr;
    keys->dk_version = 0;  // a key was added (dict_hint.cpp)
    keys->dk_usable--;
    keys->dk_nentries++;
    return ix;
}

}  // namespace

void dictkeys_decref(PyDictKeysObject *keys) noexcept {
    if (--keys->dk_refcnt == 0) dictkeys_release(keys);  // the entries hold keys only
}

void dict_release_table(PyDictKeysObject *keys, PyDictValues *values) noexcept {
    if (values == nullptr) {
        dictkeys_release(keys);
        return;
    }
    for (Py_ssize_t i = 0; i < keys->dk_nentries; ++i) Py_XDECREF(values->values[i]);
    PyObject_Free(values);
    dictkeys_decref(keys);
}

int dict_split_insert(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept {
    PyDictKeysObject *keys = mp->ma_keys;
    Py_ssize_t ix = kDictIxError;
    if (PyUnicode_CheckExact(key)) ix = dict_str_lookup(keys, key, hash);
    PyObject **values = mp->ma_values->values;
    if (ix >= 0 && ix < mp->ma_used) {
        PyObject *old_value = values[ix];
        dict_maintain_tracking(mp, key, value);
        values[ix] = value;
        mp->ma_version_tag = dict_next_version();
        MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, ix));
        Py_DECREF(old_value);  // last: its destructor may look at the dict
        Py_DECREF(key);
        return 0;
    }
    const bool next_shared = ix == mp->ma_used;
    const bool new_shared =
        ix == kDictIxEmpty && mp->ma_used == keys->dk_nentries && keys->dk_usable > 0;
    if (!next_shared && !new_shared) {
        if (dict_split_to_combined(mp, dict_log2_keysize(mp->ma_used * 3)) < 0) {
            Py_DECREF(key);
            Py_DECREF(value);
            return -1;
        }
        return 1;
    }
    dict_maintain_tracking(mp, key, value);
    if (new_shared) {
        ix = shared_keys_append(keys, key, hash);  // the keys take the reference
    } else {
        Py_DECREF(key);
    }
    values[ix] = value;
    mp->ma_used++;
    mp->ma_version_tag = dict_next_version();
    MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, ix));
    return 0;
}

int dict_split_to_combined(PyDictObject *mp, uint8_t log2_size) noexcept {
    PyDictKeysObject *shared = mp->ma_keys;
    PyDictValues *values = mp->ma_values;
    const Py_ssize_t n = mp->ma_used;
    // Room for every item whatever the caller asked (a popitem asks for the shared size).
    if (usable_fraction(Py_ssize_t{1} << log2_size) < n) log2_size = dict_estimate_log2_keysize(n);
    PyDictKeysObject *keys = dictkeys_new(log2_size);
    if (keys == nullptr) return -1;
    const DictKeyEntry *from = dk_entries(shared);
    DictKeyEntry *to = dk_entries(keys);
    for (Py_ssize_t i = 0; i < n; ++i) {
        to[i].me_hash = from[i].me_hash;
        to[i].me_key = Py_NewRef(from[i].me_key);
        to[i].me_value = values->values[i];  // the reference moves
        set_index(keys, dict_find_empty_slot(keys, from[i].me_hash), i);
    }
    keys->dk_usable -= n;
    keys->dk_nentries = n;
    mp->ma_keys = keys;
    mp->ma_values = nullptr;
    PyObject_Free(values);
    dictkeys_decref(shared);
    MINIPY_ASSERT_EXPENSIVE(dict_is_valid(mp));
    return 0;
}

PyObject *dict_split_copy(PyDictObject *mp) noexcept {
    PyDictKeysObject *keys = mp->ma_keys;
    PyDictValues *values = values_new(keys->dk_nentries + keys->dk_usable);
    if (values == nullptr) return nullptr;
    PyObject *copy = PyDict_New();
    if (copy == nullptr) {
        PyObject_Free(values);
        return nullptr;
    }
    for (Py_ssize_t i = 0; i < mp->ma_used; ++i)
        values->values[i] = Py_NewRef(mp->ma_values->values[i]);
    PyDictObject *cp = as_dict(copy);
    keys->dk_refcnt++;
    cp->ma_keys = keys;
    cp->ma_values = values;
    cp->ma_used = mp->ma_used;
    if (PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(mp))) PyObject_GC_Track(copy);
    MINIPY_ASSERT_EXPENSIVE(dict_is_valid(cp));
    return copy;
}

Py_ssize_t dict_split_table_size(const PyDictObject *mp) noexcept {
    const PyDictKeysObject *keys = mp->ma_keys;
    Py_ssize_t size =
        (keys->dk_nentries + keys->dk_usable) * static_cast<Py_ssize_t>(sizeof(PyObject *));
    if (keys->dk_refcnt == 1) size += dictkeys_size(keys);  // the class is gone
    return size;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyDictKeysObject *minipy_dict_new_shared_keys(void) noexcept {
    PyDictKeysObject *keys = dictkeys_new(kSharedKeysLog2Size);
    if (keys == nullptr) return nullptr;
    keys->dk_usable = kSharedKeysMaxSize;
    keys->dk_kind = kDictKeysSplit;
    return keys;
}

extern "C" void minipy_dict_release_shared_keys(PyDictKeysObject *keys) noexcept {
    if (keys != nullptr) dictkeys_decref(keys);
}

extern "C" PyObject *minipy_dict_new_split(PyDictKeysObject *keys) noexcept {
    if (keys->dk_usable > 1) keys->dk_usable--;
    PyDictValues *values = values_new(keys->dk_nentries + keys->dk_usable);
    if (values == nullptr) return nullptr;
    PyObject *dict = PyDict_New();
    if (dict == nullptr) {
        PyObject_Free(values);
        return nullptr;
    }
    keys->dk_refcnt++;
    as_dict(dict)->ma_keys = keys;
    as_dict(dict)->ma_values = values;
    MINIPY_ASSERT_EXPENSIVE(dict_is_valid(as_dict(dict)));
    return dict;
}

extern "C" PyObject *minipy_object_new_instance_dict(PyObject *obj) noexcept {
    PyTypeObject *type = Py_TYPE(obj);
    if ((type->tp_flags & (Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_MANAGED_DICT)) ==
        (Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_MANAGED_DICT)) {
        PyDictKeysObject *keys = reinterpret_cast<PyHeapTypeObject *>(type)->ht_cached_keys;
        if (keys != nullptr) return minipy_dict_new_split(keys);
    }
    return PyDict_New();
}
