// The dict's hash table: the keys object (layout in dict_internal.hpp), after CPython 3.11's
// Objects/dictobject.c. Owns allocation and the keys free list, the index table, lookup,
// insertion, deletion and resizing; the dict object itself lives in dict_object.cpp.
//
// How a key is found. The index table has 2**k slots (a power of two, mask = 2**k - 1). The
// first slot tried is hash & mask; the next ones follow CPython's recurrence
//     perturb >>= 5;  i = (i * 5 + perturb + 1) & mask
// with perturb starting as the (unsigned) hash, so that every bit of the hash gets to choose
// a slot, and once perturb reaches 0 the recurrence i*5+1 visits every slot. A search ends
// at the first DKIX_EMPTY slot; DKIX_DUMMY slots (deleted entries) are stepped over. At
// most two thirds of the slots are ever used (USABLE_FRACTION), so an empty slot exists.
//
// Comparing keys runs arbitrary code (__eq__), which may change or free the table under us.
// After a comparison the search goes on only if the dict still has the same keys object and
// the entry still the same key; otherwise it starts again from the top (CPython's rule).
//
// Growth: when dk_usable reaches 0 the table is rebuilt for GROWTH_RATE = used * 3 slots
// (rounded up to a power of two), dropping deleted entries. Hot: dict_lookup and
// dict_insert; everything else is the slow path.
#include <bit>
#include <cstring>

#include "check/freelist_check.hpp"
#include "objects/dict/dict_internal.hpp"
#include "objects/freelist_settings.hpp"

namespace minipy::runtime {

uint64_t g_dict_global_version = 0;

namespace {

// The keys object of every empty dict: 1 index slot (mask 0) that says "empty", no usable
// entries, so the first insertion always allocates a real table. Laid out like
// _dictkeysobject with its index byte, since a flexible array member cannot be initialised
// statically; only ever read.
struct StaticEmptyKeys {
    Py_ssize_t dk_refcnt;
    uint8_t dk_log2_size;
    uint8_t dk_log2_index_bytes;
    uint8_t dk_kind;
    uint32_t dk_version;
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
    int8_t dk_indices[8];
};
static_assert(offsetof(StaticEmptyKeys, dk_indices) == offsetof(_dictkeysobject, dk_indices));
static_assert(sizeof(PyDictKeysObject) == 32, "CPython 3.11's keys header is 32 bytes");
static_assert(sizeof(DictKeyEntry) == 24);

constinit StaticEmptyKeys g_empty_keys = {1, 0, 0, 0, 1, 0, 0, {-1, -1, -1, -1, -1, -1, -1, -1}};

// Keys objects of the minimum size, kept for reuse while free lists are on.
PyDictKeysObject *g_keys_free_list[kDictMaxFreeList];
int g_keys_numfree = 0;

// The slot that holds entry index `ix` (whose key has `hash`).
std::size_t find_slot_of_entry(const PyDictKeysObject *keys, Py_hash_t hash,
                               Py_ssize_t ix) noexcept {
    const std::size_t mask = dk_mask(keys);
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    for (;;) {
        const Py_ssize_t found = get_index(keys, i);
        if (found == ix) return i;
        // The entry is in the table, so the probe sequence reaches it before an empty slot.
        if (found == kDictIxEmpty) Py_FatalError("dict: entry missing from its index table");
        perturb >>= kPerturbShift;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// Fills a fresh index table for entries[0..n-1] (no dummies, no duplicates).
void build_indices(PyDictKeysObject *keys, const DictKeyEntry *entries, Py_ssize_t n) noexcept {
    const std::size_t mask = dk_mask(keys);
    for (Py_ssize_t ix = 0; ix < n; ++ix) {
        std::size_t perturb = static_cast<std::size_t>(entries[ix].me_hash);
        std::size_t i = perturb & mask;
        while (get_index(keys, i) != kDictIxEmpty) {
            perturb >>= kPerturbShift;
            i = (i * 5 + perturb + 1) & mask;
        }
        set_index(keys, i, ix);
    }
}

// Frees the memory of a keys object whose entries have been moved out or released.
void dictkeys_free(PyDictKeysObject *keys) noexcept {
    if (keys->dk_log2_size == kDictLog2MinSize && use_freelists() &&
        g_keys_numfree < kDictMaxFreeList) {
        g_keys_free_list[g_keys_numfree++] = keys;
        MINIPY_ASSERT_EXPENSIVE(dictkeys_freelist_is_valid());
        return;
    }
    PyObject_Free(keys);
}

// CPython's _PyObject_GC_MAY_BE_TRACKED: could `obj` ever be part of a cycle? A tuple the
// collector untracked (it holds only atomic objects) cannot.
inline bool may_be_tracked(PyObject *obj) noexcept {
    if (!PyObject_IS_GC(obj)) return false;
    return !PyTuple_CheckExact(obj) || PyObject_GC_IsTracked(obj);
}

// The first insertion into a dict still pointing to the shared empty keys.
int insert_into_empty(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept {
    PyDictKeysObject *keys = dictkeys_new(kDictLog2MinSize);
    if (keys == nullptr) {
        Py_DECREF(key);
        Py_DECREF(value);
        return -1;
    }
    dict_maintain_tracking(mp, key, value);
    mp->ma_keys = keys;
    set_index(keys, static_cast<std::size_t>(hash) & dk_mask(keys), 0);
    DictKeyEntry *entry = dk_entries(keys);
    entry->me_hash = hash;
    entry->me_key = key;
    entry->me_value = value;
    mp->ma_used++;
    mp->ma_version_tag = dict_next_version();
    keys->dk_version = 0;  // a key was added (dict_hint.cpp)
    keys->dk_usable--;
    keys->dk_nentries++;
    MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, keys->dk_nentries - 1));
    return 0;
}

// Appends a new entry for a key known to be absent, growing the table first when it is full.
// Takes over the references (released on failure).
int append_new_entry(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept {
    if (mp->ma_keys->dk_usable <= 0) {
        if (dict_resize(mp, dict_log2_keysize(mp->ma_used * 3)) < 0) {  // GROWTH_RATE
            Py_DECREF(key);
            Py_DECREF(value);
            return -1;
        }
    }
    PyDictKeysObject *keys = mp->ma_keys;
    const std::size_t slot = dict_find_empty_slot(keys, hash);
    set_index(keys, slot, keys->dk_nentries);
    DictKeyEntry *entry = &dk_entries(keys)[keys->dk_nentries];
    entry->me_hash = hash;
    entry->me_key = key;
    entry->me_value = value;
    mp->ma_used++;
    mp->ma_version_tag = dict_next_version();
    keys->dk_version = 0;  // a key was added (dict_hint.cpp)
    keys->dk_usable--;
    keys->dk_nentries++;
    MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, keys->dk_nentries - 1));
    return 0;
}

// A key found at entry ix: its value, wherever the dict keeps it. A split dict without a value
// there does not hold the key (the shared keys do, for other instances).
inline Py_ssize_t found_entry(PyDictObject *mp, DictKeyEntry *entry, Py_ssize_t ix,
                              PyObject **value) noexcept {
    if (mp->ma_values == nullptr) {
        *value = entry->me_value;
        return ix;
    }
    *value = mp->ma_values->values[ix];
    return *value != nullptr ? ix : kDictIxEmpty;
}

}  // namespace

std::size_t dict_find_empty_slot(const PyDictKeysObject *keys, Py_hash_t hash) noexcept {
    const std::size_t mask = dk_mask(keys);
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    while (get_index(keys, i) >= 0) {
        perturb >>= kPerturbShift;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

Py_ssize_t dict_str_lookup(PyDictKeysObject *keys, PyObject *key, Py_hash_t hash) noexcept {
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

PyDictKeysObject *dict_empty_keys() noexcept {
    return reinterpret_cast<PyDictKeysObject *>(&g_empty_keys);
}

uint8_t dict_log2_keysize(Py_ssize_t minsize) noexcept {
    // CPython 3.11's formula on 64-bit Linux: the bit length of ((minsize | 8) - 1) | 7. It
    // is one step bigger than "the smallest power of two >= minsize" for minsize 1..7 and
    // for powers of two from 16 up (a table for 2 items gets 16 slots). Kept, since table
    // sizes show in __sizeof__ and in memory use.
    const std::size_t bits =
        ((static_cast<std::size_t>(minsize) | kDictMinSize) - 1) | (kDictMinSize - 1);
    return static_cast<uint8_t>(std::bit_width(bits));
}

uint8_t dict_estimate_log2_keysize(Py_ssize_t n) noexcept {
    return dict_log2_keysize((n * 3 + 1) / 2);
}

PyDictKeysObject *dictkeys_new(uint8_t log2_size) noexcept {
    // Past 2**50 slots the byte count could overflow; no machine has that memory anyway.
    if (log2_size > 50) {
        PyErr_NoMemory();
        return nullptr;
    }
    const Py_ssize_t usable = usable_fraction(Py_ssize_t{1} << log2_size);
    const uint8_t log2_bytes = log2_index_bytes(log2_size);
    PyDictKeysObject *keys;
    if (log2_size == kDictLog2MinSize && g_keys_numfree > 0 && use_freelists()) {
        MINIPY_ASSERT_EXPENSIVE(dictkeys_freelist_is_valid());
        keys = g_keys_free_list[--g_keys_numfree];
    } else {
        const std::size_t bytes = sizeof(PyDictKeysObject) + (std::size_t{1} << log2_bytes) +
                                  sizeof(DictKeyEntry) * static_cast<std::size_t>(usable);
        keys = static_cast<PyDictKeysObject *>(PyObject_Malloc(bytes));
        if (keys == nullptr) {
            PyErr_NoMemory();
            return nullptr;
        }
    }
    keys->dk_refcnt = 1;
    keys->dk_log2_size = log2_size;
    keys->dk_log2_index_bytes = log2_bytes;
    keys->dk_kind = 0;
    keys->dk_version = 0;
    keys->dk_usable = usable;
    keys->dk_nentries = 0;
    std::memset(keys->dk_indices, 0xff, std::size_t{1} << log2_bytes);  // all DKIX_EMPTY
    std::memset(dk_entries(keys), 0, sizeof(DictKeyEntry) * static_cast<std::size_t>(usable));
    return keys;
}

void dictkeys_release(PyDictKeysObject *keys) noexcept {
    if (keys == dict_empty_keys()) return;
    DictKeyEntry *entries = dk_entries(keys);
    const Py_ssize_t n = keys->dk_nentries;
    for (Py_ssize_t i = 0; i < n; ++i) {
        Py_XDECREF(entries[i].me_key);
        Py_XDECREF(entries[i].me_value);
    }
    dictkeys_free(keys);
}

Py_ssize_t dictkeys_size(const PyDictKeysObject *keys) noexcept {
    return static_cast<Py_ssize_t>(sizeof(PyDictKeysObject)) +
           (Py_ssize_t{1} << keys->dk_log2_index_bytes) +
           usable_fraction(dk_size(keys)) * static_cast<Py_ssize_t>(sizeof(DictKeyEntry));
}

PyDictKeysObject *dictkeys_clone(PyDictObject *mp) noexcept {
    PyDictKeysObject *orig = mp->ma_keys;
    const std::size_t bytes = static_cast<std::size_t>(dictkeys_size(orig));
    auto *keys = static_cast<PyDictKeysObject *>(PyObject_Malloc(bytes));
    if (keys == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    std::memcpy(keys, orig, bytes);
    keys->dk_version = 0;  // versions name one keys object
    DictKeyEntry *entries = dk_entries(keys);
    for (Py_ssize_t i = 0; i < keys->dk_nentries; ++i) {
        if (entries[i].me_value != nullptr) {
            Py_INCREF(entries[i].me_key);
            Py_INCREF(entries[i].me_value);
        }
    }
    return keys;
}

void dictkeys_freelist_clear() noexcept {
    while (g_keys_numfree > 0) PyObject_Free(g_keys_free_list[--g_keys_numfree]);
}

bool dictkeys_is_free(const PyDictKeysObject *keys) noexcept {
    for (int i = 0; i < g_keys_numfree; ++i)
        if (g_keys_free_list[i] == keys) return true;
    return false;
}

bool dictkeys_freelist_is_valid() noexcept {
    const check::Subject s{"dictkeys_freelist_is_valid", "dict keys free list", nullptr};
    check::freelist_array_is_valid(s, reinterpret_cast<void *const *>(g_keys_free_list),
                                   g_keys_numfree, kDictMaxFreeList);
    for (int i = 0; i < g_keys_numfree; ++i) {
        const PyDictKeysObject *keys = g_keys_free_list[i];
        if (keys == nullptr) s.broken({"no entry is NULL (entry ", i, ")"});
        s.require(keys->dk_log2_size == kDictLog2MinSize &&
                      keys->dk_log2_index_bytes == log2_index_bytes(kDictLog2MinSize),
                  {"every entry is a keys object of the minimum size (entry ", i, " at ",
                   static_cast<const void *>(keys), " has dk_log2_size ", keys->dk_log2_size,
                   ", dk_log2_index_bytes ", keys->dk_log2_index_bytes, ")"});
    }
    return true;
}

Py_ssize_t dict_lookup(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject **value) noexcept {
restart:
    PyDictKeysObject *keys = mp->ma_keys;
    DictKeyEntry *entries = dk_entries(keys);
    const std::size_t mask = dk_mask(keys);
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    for (;;) {
        const Py_ssize_t ix = get_index(keys, i);
        if (ix >= 0) {
            DictKeyEntry *entry = &entries[ix];
            if (entry->me_key == key) return found_entry(mp, entry, ix, value);
            if (entry->me_hash == hash) {
                PyObject *startkey = entry->me_key;
                Py_INCREF(startkey);
                const int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
                Py_DECREF(startkey);
                if (cmp < 0) {
                    *value = nullptr;
                    return kDictIxError;
                }
                if (keys != mp->ma_keys || entry->me_key != startkey) goto restart;
                if (cmp > 0) return found_entry(mp, entry, ix, value);
            }
        } else if (ix == kDictIxEmpty) {
            *value = nullptr;
            return kDictIxEmpty;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + perturb + 1) & mask;
    }
}

void dict_maintain_tracking(PyDictObject *mp, PyObject *key, PyObject *value) noexcept {
    if (PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(mp))) return;
    if (may_be_tracked(key) || may_be_tracked(value)) PyObject_GC_Track(mp);
}

int dict_resize(PyDictObject *mp, uint8_t log2_newsize) noexcept {
    if (mp->ma_values != nullptr) return dict_split_to_combined(mp, log2_newsize);
    PyDictKeysObject *oldkeys = mp->ma_keys;
    PyDictKeysObject *newkeys = dictkeys_new(log2_newsize);
    if (newkeys == nullptr) return -1;
    const Py_ssize_t n = mp->ma_used;
    DictKeyEntry *oldentries = dk_entries(oldkeys);
    DictKeyEntry *newentries = dk_entries(newkeys);
    if (oldkeys->dk_nentries == n) {
        if (n > 0)
            std::memcpy(newentries, oldentries, static_cast<std::size_t>(n) * sizeof(DictKeyEntry));
    } else {
        DictKeyEntry *out = newentries;
        for (Py_ssize_t i = 0; i < oldkeys->dk_nentries; ++i)
            if (oldentries[i].me_value != nullptr) *out++ = oldentries[i];
    }
    build_indices(newkeys, newentries, n);
    newkeys->dk_usable -= n;
    newkeys->dk_nentries = n;
    mp->ma_keys = newkeys;
    // The references moved to the new table: free the old one without releasing them.
    if (oldkeys != dict_empty_keys()) dictkeys_free(oldkeys);
    MINIPY_ASSERT_EXPENSIVE(dict_is_valid(mp));
    return 0;
}

int dict_insert(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept {
    if (mp->ma_values != nullptr) {
        const int status = dict_split_insert(mp, key, hash, value);
        if (status <= 0) return status;
    }
    if (mp->ma_keys == dict_empty_keys()) return insert_into_empty(mp, key, hash, value);
    PyObject *old_value;
    const Py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
    if (ix == kDictIxError) {
        Py_DECREF(key);
        Py_DECREF(value);
        return -1;
    }
    dict_maintain_tracking(mp, key, value);
    if (ix == kDictIxEmpty) return append_new_entry(mp, key, hash, value);
    if (old_value != value) {
        dk_entries(mp->ma_keys)[ix].me_value = value;
        mp->ma_version_tag = dict_next_version();
    }
    MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, ix));
    // The table keeps its original key; the old value goes last, since releasing it may run
    // code that looks at the dict.
    Py_XDECREF(old_value);
    Py_DECREF(key);
    return 0;
}

int dict_insert_new(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept {
    if (mp->ma_values != nullptr) return dict_insert(mp, key, hash, value);
    if (mp->ma_keys == dict_empty_keys()) return insert_into_empty(mp, key, hash, value);
    dict_maintain_tracking(mp, key, value);
    return append_new_entry(mp, key, hash, value);
}

int dict_delete_entry(PyDictObject *mp, Py_ssize_t ix, Py_hash_t hash) noexcept {
    if (mp->ma_values != nullptr) {
        // The last of a split dict's keys goes without leaving the split table (the others
        // would stay in order too, but a hole breaks "the first ma_used keys").
        if (ix == mp->ma_used - 1) {
            PyObject *old_value = mp->ma_values->values[ix];
            mp->ma_values->values[ix] = nullptr;
            mp->ma_used--;
            mp->ma_version_tag = dict_next_version();
            MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, ix));
            Py_DECREF(old_value);
            return 0;
        }
        // Entries keep their indices: the split dict's keys are entries 0..ma_used-1.
        if (dict_split_to_combined(mp, dict_log2_keysize(mp->ma_used * 3)) < 0) return -1;
    }
    PyDictKeysObject *keys = mp->ma_keys;
    set_index(keys, find_slot_of_entry(keys, hash, ix), kDictIxDummy);
    DictKeyEntry *entry = &dk_entries(keys)[ix];
    PyObject *old_key = entry->me_key;
    PyObject *old_value = entry->me_value;
    entry->me_key = nullptr;
    entry->me_value = nullptr;
    keys->dk_version = 0;  // a key was removed (dict_hint.cpp)
    mp->ma_used--;
    mp->ma_version_tag = dict_next_version();
    MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, ix));
    // The dict is consistent again before any destructor runs.
    Py_DECREF(old_value);
    Py_DECREF(old_key);
    return 0;
}

int dict_pop_last_entry(PyDictObject *mp, PyObject **key, PyObject **value) noexcept {
    // CPython 3.11 makes a split dict combined first, at the shared keys' size.
    if (mp->ma_values != nullptr && dict_split_to_combined(mp, mp->ma_keys->dk_log2_size) < 0)
        return -1;
    PyDictKeysObject *keys = mp->ma_keys;
    DictKeyEntry *entries = dk_entries(keys);
    Py_ssize_t i = keys->dk_nentries - 1;
    while (i >= 0 && entries[i].me_value == nullptr) --i;
    set_index(keys, find_slot_of_entry(keys, entries[i].me_hash, i), kDictIxDummy);
    *key = entries[i].me_key;
    *value = entries[i].me_value;
    entries[i].me_key = nullptr;
    entries[i].me_value = nullptr;
    // The entries past i are all deleted: appending may start at i again. dk_usable stays,
    // since the index table keeps the dummy.
    keys->dk_nentries = i;
    keys->dk_version = 0;
    mp->ma_used--;
    mp->ma_version_tag = dict_next_version();
    MINIPY_ASSERT_EXPENSIVE(dict_change_is_valid(mp, i));
    return 0;
}

}  // namespace minipy::runtime
