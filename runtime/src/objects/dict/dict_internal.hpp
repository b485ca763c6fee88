// What the dict files share with each other and with the set files: internal to
// runtime/src. The public API is minipy/dictobject.h.
//
//   dict_table.cpp    the keys object: allocation, index widths, lookup, insertion, resize
//   dict_object.cpp   the dict object: creation, free lists, GC, the public C API
//   dict_merge.cpp    update / merge / copy / fromkeys
//   dict_type.cpp     PyDict_Type: slots, methods, dict() and repr
//   dict_iter.cpp     the iterators over keys, values and items
//   dict_views.cpp    the keys / values / items views
//   dict_check.cpp    the invariant checker of the table
//   dict_split.cpp    split tables: a class's shared keys and its instances' values arrays
#ifndef MINIPY_OBJECTS_DICT_INTERNAL_HPP
#define MINIPY_OBJECTS_DICT_INTERNAL_HPP

#include <cstdint>

#include "minipy/Python.h"

// The keys object, as CPython 3.11 lays it out (Include/internal/pycore_dict.h):
//
//   +-------------------------+  header (32 bytes)
//   | dk_indices              |  2**dk_log2_size slots, each 1, 2, 4 or 8 bytes wide
//   +-------------------------+
//   | entries                 |  USABLE_FRACTION(size) x DictKeyEntry {hash, key, value}
//   +-------------------------+
//
// A slot of dk_indices holds DKIX_EMPTY (never used: a search stops here), DKIX_DUMMY (its
// entry was deleted: a search goes on) or the index of an entry. Entries are appended in
// insertion order; a deleted entry keeps its place with key == value == NULL until the next
// resize compacts the array. Invariants:
//   dk_nentries + dk_usable <= USABLE_FRACTION(2**dk_log2_size)  (== until a popitem)
//   ma_used == number of entries with a value <= dk_nentries
//   an entry has a value if and only if it has a key, and some index slot holds its index
//
// A split table (dk_kind == DICT_KEYS_SPLIT, PEP 412) is a class's shared keys
// (ht_cached_keys): its entries hold hash and key but never a value; each instance dict that
// shares it (ma_values != NULL) keeps its values in its own PyDictValues array, value i for
// key i. Shared keys are only ever appended to (no deletion, no resize), hold exact str keys
// only, at most kSharedKeysMaxSize of them, and are reference counted (the class and each
// dict). A split dict holds the first ma_used shared keys, in that order (values[i] != NULL
// exactly for i < ma_used), so its iteration order is the entries' order; anything else
// turns it into a combined dict (dict_split.cpp says when).
struct _dictkeysobject {
    Py_ssize_t dk_refcnt;         // 1 for a combined table; shared keys: the class + each dict
    uint8_t dk_log2_size;         // the index table has 2**dk_log2_size slots
    uint8_t dk_log2_index_bytes;  // ... taking 2**dk_log2_index_bytes bytes
    uint8_t dk_kind;              // DICT_KEYS_GENERAL (0) or DICT_KEYS_SPLIT (2)
    uint32_t dk_version;          // keys version, 0: none yet (dict_hint.cpp)
    Py_ssize_t dk_usable;         // entries that may still be appended
    Py_ssize_t dk_nentries;       // entries appended so far (deleted ones included)
    char dk_indices[];            // then the entries
};

// A split dict's values: one slot per shared key the keys object can ever hold (the shared
// keys' dk_nentries + dk_usable when the dict was made, which no later insertion exceeds).
struct _dictvalues {
    Py_ssize_t capacity;
    PyObject *values[];
};

namespace minipy::runtime {

struct DictKeyEntry {
    Py_hash_t me_hash;
    PyObject *me_key;    // NULL once deleted
    PyObject *me_value;  // NULL once deleted
};

constexpr Py_ssize_t kDictIxEmpty = -1;
constexpr Py_ssize_t kDictIxDummy = -2;
constexpr Py_ssize_t kDictIxError = -3;
constexpr Py_ssize_t kDictIxKeyChanged = -4;  // a comparison mutated the dict: search again

constexpr uint8_t kDictLog2MinSize = 3;  // PyDict_LOG_MINSIZE: 8 index slots, 5 entries
constexpr Py_ssize_t kDictMinSize = Py_ssize_t{1} << kDictLog2MinSize;
constexpr int kPerturbShift = 5;  // shared with the set table

// How many jumps of the probe recurrence reach every slot of a table of mask + 1 slots: the
// perturbation is gone after 64 / kPerturbShift of them, and from then on i = i * 5 + 1
// visits every slot once per mask + 1 jumps. For the checkers: a search longer than this
// never ends.
constexpr std::size_t probe_jump_bound(std::size_t mask) noexcept {
    return mask + 1 + 64 / kPerturbShift + 1;
}
constexpr int kDictMaxFreeList = 80;

constexpr uint8_t kDictKeysGeneral = 0;
constexpr uint8_t kDictKeysSplit = 2;
// CPython 3.11's SHARED_KEYS_MAX_SIZE and the table size of shared keys
// (NEXT_LOG2_SHARED_KEYS_MAX_SIZE: 64 slots).
constexpr Py_ssize_t kSharedKeysMaxSize = 30;
constexpr uint8_t kSharedKeysLog2Size = 6;

// Two thirds of the index slots may hold entries (USABLE_FRACTION).
constexpr Py_ssize_t usable_fraction(Py_ssize_t size) noexcept {
    return (size << 1) / 3;
}

inline PyDictObject *as_dict(PyObject *op) noexcept {
    return reinterpret_cast<PyDictObject *>(op);
}
inline Py_ssize_t dk_size(const PyDictKeysObject *keys) noexcept {
    return Py_ssize_t{1} << keys->dk_log2_size;
}
inline DictKeyEntry *dk_entries(PyDictKeysObject *keys) noexcept {
    return reinterpret_cast<DictKeyEntry *>(keys->dk_indices +
                                            (std::size_t{1} << keys->dk_log2_index_bytes));
}

// The value of entry ix, wherever the dict keeps it (NULL: deleted, or not in this split dict).
inline PyObject *dict_value_at(const PyDictObject *mp, Py_ssize_t ix) noexcept {
    return mp->ma_values != nullptr ? mp->ma_values->values[ix]
                                    : dk_entries(mp->ma_keys)[ix].me_value;
}

// Index slots are as narrow as the entry count allows: signed 8 bits up to 128 slots (at
// most 85 entries), then 16, 32, 64 bits. Returns log2 of the table's byte size.
constexpr uint8_t log2_index_bytes(uint8_t log2_size) noexcept {
    if (log2_size < 8) return log2_size;
    if (log2_size < 16) return static_cast<uint8_t>(log2_size + 1);
    if (log2_size < 32) return static_cast<uint8_t>(log2_size + 2);
    return static_cast<uint8_t>(log2_size + 3);
}

// Index slot i: kDictIxEmpty, kDictIxDummy or an entry index.
inline Py_ssize_t get_index(const PyDictKeysObject *keys, std::size_t i) noexcept {
    const uint8_t log2 = keys->dk_log2_size;
    const char *indices = keys->dk_indices;
    if (log2 < 8) return reinterpret_cast<const int8_t *>(indices)[i];
    if (log2 < 16) return reinterpret_cast<const int16_t *>(indices)[i];
    if (log2 < 32) return reinterpret_cast<const int32_t *>(indices)[i];
    return static_cast<Py_ssize_t>(reinterpret_cast<const int64_t *>(indices)[i]);
}

inline void set_index(PyDictKeysObject *keys, std::size_t i, Py_ssize_t ix) noexcept {
    const uint8_t log2 = keys->dk_log2_size;
    char *indices = keys->dk_indices;
    if (log2 < 8)
        reinterpret_cast<int8_t *>(indices)[i] = static_cast<int8_t>(ix);
    else if (log2 < 16)
        reinterpret_cast<int16_t *>(indices)[i] = static_cast<int16_t>(ix);
    else if (log2 < 32)
        reinterpret_cast<int32_t *>(indices)[i] = static_cast<int32_t>(ix);
    else
        reinterpret_cast<int64_t *>(indices)[i] = static_cast<int64_t>(ix);
}

inline std::size_t dk_mask(const PyDictKeysObject *keys) noexcept {
    return (std::size_t{1} << keys->dk_log2_size) - 1;
}

// The version every modification stamps on ma_version_tag.
extern uint64_t g_dict_global_version;
inline uint64_t dict_next_version() noexcept {
    return ++g_dict_global_version;
}

// dict_table.cpp ---------------------------------------------------------------------------

// The keys object every empty dict points to: static, read-only, never freed.
PyDictKeysObject *dict_empty_keys() noexcept;
// The smallest log2 size whose table holds `minsize` index slots (at least the minimum).
uint8_t dict_log2_keysize(Py_ssize_t minsize) noexcept;
// The log2 size a table needs to take `n` items without resizing.
uint8_t dict_estimate_log2_keysize(Py_ssize_t n) noexcept;
// A new, empty keys object; NULL + MemoryError.
PyDictKeysObject *dictkeys_new(uint8_t log2_size) noexcept;
// Releases the entries' references and frees the keys object (the empty keys: nothing).
void dictkeys_release(PyDictKeysObject *keys) noexcept;
// A copy of a dict's keys object with new references to every key and value.
PyDictKeysObject *dictkeys_clone(PyDictObject *mp) noexcept;
// The bytes a keys object takes (what __sizeof__ adds for it).
Py_ssize_t dictkeys_size(const PyDictKeysObject *keys) noexcept;
// Frees the keys free list (dict_fini).
void dictkeys_freelist_clear() noexcept;
// Whether `keys` is on the keys free list (then no dict may point to it).
bool dictkeys_is_free(const PyDictKeysObject *keys) noexcept;
// The keys free list's rules: at most kDictMaxFreeList entries, each a keys object of the
// minimum size, none twice. true, or a fatal report (check/check.hpp).
bool dictkeys_freelist_is_valid() noexcept;

// The entry index of `key` (with `hash`), and its value in *value (borrowed); kDictIxEmpty
// and *value = NULL when absent, kDictIxError when a comparison raised.
Py_ssize_t dict_lookup(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject **value) noexcept;
// Inserts or replaces; takes over the references to key and value (released on failure).
int dict_insert(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept;
// Appends `key` known to be absent (skips the search); same contract as dict_insert.
int dict_insert_new(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept;
// Rebuilds the table with 2**log2_newsize slots, compacting the entries.
int dict_resize(PyDictObject *mp, uint8_t log2_newsize) noexcept;
// Removes entry `ix` whose key has `hash`; the dict gives up its references after the
// entry is gone (they are released here). -1 + MemoryError when a split dict could not be
// made combined first (nothing changed then).
int dict_delete_entry(PyDictObject *mp, Py_ssize_t ix, Py_hash_t hash) noexcept;
// Removes the last entry (popitem); the caller takes over key and value. -1 + MemoryError
// when a split dict could not be made combined first.
int dict_pop_last_entry(PyDictObject *mp, PyObject **key, PyObject **value) noexcept;
// The entry index of an exact str `key` in `keys` without running code: kDictIxEmpty when
// absent, kDictIxError when an entry with the same hash is not an exact str.
Py_ssize_t dict_str_lookup(PyDictKeysObject *keys, PyObject *key, Py_hash_t hash) noexcept;
// The first empty or dummy slot on the probe sequence of `hash` (the key is known absent).
std::size_t dict_find_empty_slot(const PyDictKeysObject *keys, Py_hash_t hash) noexcept;
// Tracks the dict when key or value could be part of a cycle (CPython's MAINTAIN_TRACKING).
void dict_maintain_tracking(PyDictObject *mp, PyObject *key, PyObject *value) noexcept;

// dict_split.cpp ---------------------------------------------------------------------------

// A split dict (ma_values set) takes `key` (references taken over as dict_insert): 0 done,
// -1 error (references released), 1 when the dict was made combined instead and the caller
// goes on with the ordinary insertion (references still the caller's).
int dict_split_insert(PyDictObject *mp, PyObject *key, Py_hash_t hash, PyObject *value) noexcept;
// Makes a split dict combined (a table of 2**log2_size slots); -1 + MemoryError.
int dict_split_to_combined(PyDictObject *mp, uint8_t log2_size) noexcept;
// Drops a table: a split dict's values and its share of the keys, or a combined keys object.
void dict_release_table(PyDictKeysObject *keys, PyDictValues *values) noexcept;
// One reference less to shared keys (freed with the last).
void dictkeys_decref(PyDictKeysObject *keys) noexcept;
// d.copy() of a split dict: another split dict on the same keys; NULL + MemoryError.
PyObject *dict_split_copy(PyDictObject *mp) noexcept;
// What __sizeof__ counts for a split dict's table (CPython's figure: one value slot per key the
// shared keys can hold now; the keys themselves are the class's).
Py_ssize_t dict_split_table_size(const PyDictObject *mp) noexcept;

// dict_object.cpp --------------------------------------------------------------------------

// PyDict_Type's tp_dealloc, tp_traverse and tp_clear.
void dict_dealloc_slot(PyObject *self) noexcept;
int dict_traverse_slot(PyObject *self, visitproc visit, void *arg) noexcept;
int dict_clear_slot(PyObject *self) noexcept;
// Frees both free lists (dict_fini).
void dict_freelist_clear() noexcept;
// The dict free list's rules: at most kDictMaxFreeList entries, each an exact dict nobody
// holds (refcount 0, untracked) on the shared empty keys, none twice.
bool dict_freelist_is_valid() noexcept;

// A new exact dict owning `keys` (released on failure) with `used` items.
PyObject *dict_new_with_keys(PyDictKeysObject *keys, Py_ssize_t used) noexcept;
// Raises KeyError(key), the key wrapped in a tuple so that a tuple key stays one argument.
void set_key_error(PyObject *key) noexcept;

// dict_merge.cpp ---------------------------------------------------------------------------

// dict.update / dict(...)'s argument: a dict, a mapping with keys(), or pairs.
int dict_update_arg(PyObject *self, PyObject *arg) noexcept;
// The shared body of dict.__init__ and dict.update: at most one positional argument, then
// the keyword arguments. `name` is the method named in errors.
int dict_update_common(PyObject *self, PyObject *args, PyObject *kwds, const char *name) noexcept;
// dict.fromkeys(iterable, value) for class `cls`.
PyObject *dict_from_keys(PyObject *cls, PyObject *iterable, PyObject *value) noexcept;

// dict_check.cpp ---------------------------------------------------------------------------
// The table's invariants (the list above _dictkeysobject). Each returns true or stops the
// process with a report naming the broken rule (check/check.hpp); neither runs user code.

// The whole table: every index slot and every entry. O(size).
bool dict_is_valid(PyDictObject *mp) noexcept;
// After an O(1) change to entry `ix` (inserted, replaced, deleted, popped): the counts and
// that entry, reached from its hash; the whole table while it has at most 64 slots.
bool dict_change_is_valid(PyDictObject *mp, Py_ssize_t ix) noexcept;

// dict_iter.cpp ----------------------------------------------------------------------------

// A new iterator of one of the six iterator types over `dict`.
PyObject *dictiter_new(PyDictObject *dict, PyTypeObject *type) noexcept;
PyObject *dict_iter(PyObject *self) noexcept;  // tp_iter: the keys iterator
PyObject *dict_reversed_keys(PyObject *self) noexcept;

// dict_views.cpp ---------------------------------------------------------------------------

// Readies the view and iterator types (dict_init).
int dict_views_ready() noexcept;
PyObject *dictview_keys(PyObject *self) noexcept;
PyObject *dictview_values(PyObject *self) noexcept;
PyObject *dictview_items(PyObject *self) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_DICT_INTERNAL_HPP
