// The dict table's invariant checker (the rules listed above _dictkeysobject in
// dict_internal.hpp, spelled out one by one below), for MINIPY_ASSERT_EXPENSIVE at the
// table's mutation points (dict_table.cpp, dict_object.cpp, dict_merge.cpp) and for tests.
// Reports go through check/check.hpp. Never runs user code: keys are compared by address and
// by the hash stored in the entry, never with __eq__ or __hash__.
//
// Two sizes of check. dict_is_valid walks every index slot and every entry: O(size), called
// where the operation costs as much (resize, clear, copy). dict_change_is_valid, called
// after an O(1) change (insert, replace, delete, popitem), checks the counts and the one
// entry touched (O(1) plus its probe sequence), and the whole table only while it is small,
// so that filling a big dict stays linear under the invariants preset.
//
// A split dict (ma_values set) is checked against the split rules instead (check_split):
// the shared keys' own rules, and that the dict holds values for exactly its first ma_used
// keys inside its values array.
#include "check/check.hpp"
#include "objects/dict/dict_internal.hpp"

namespace minipy::runtime {

namespace {

using check::Subject;

// dict_change_is_valid checks the whole table up to this many index slots.
constexpr Py_ssize_t kWholeTableSlots = 64;

// The counts and bounds of the header: O(1).
void check_counts(const Subject &s, PyDictObject *mp) noexcept {
    PyDictKeysObject *keys = mp->ma_keys;
    if (keys == nullptr) s.broken({"ma_keys is set (it is NULL)"});
    if (keys == dict_empty_keys()) {
        s.require(mp->ma_values == nullptr, {"a dict on the shared empty keys is not split"});
        s.require(mp->ma_used == 0,
                  {"a dict on the shared empty keys is empty (ma_used ", mp->ma_used, ")"});
        s.require(
            keys->dk_nentries == 0 && keys->dk_usable == 0 && get_index(keys, 0) == kDictIxEmpty,
            {"the shared empty keys stay empty (dk_nentries ", keys->dk_nentries, ", dk_usable ",
             keys->dk_usable, ", slot 0 ", get_index(keys, 0), ")"});
        return;
    }
    if (mp->ma_values != nullptr) {
        s.require(keys->dk_kind == kDictKeysSplit && keys->dk_refcnt >= 1,
                  {"a split dict's keys are shared keys (dk_kind ", keys->dk_kind, ", dk_refcnt ",
                   keys->dk_refcnt, ")"});
    } else {
        s.require(keys->dk_refcnt == 1, {"a combined keys object belongs to this dict alone "
                                         "(dk_refcnt ",
                                         keys->dk_refcnt, ")"});
        s.require(keys->dk_kind == kDictKeysGeneral,
                  {"a combined dict's dk_kind is DICT_KEYS_GENERAL (it is ", keys->dk_kind, ")"});
    }
    s.require(keys->dk_log2_size >= kDictLog2MinSize && keys->dk_log2_size <= 50,
              {"3 <= dk_log2_size <= 50 (it is ", keys->dk_log2_size, ")"});
    s.require(keys->dk_log2_index_bytes == log2_index_bytes(keys->dk_log2_size),
              {"the index width fits the size (dk_log2_size ", keys->dk_log2_size,
               ", dk_log2_index_bytes ", keys->dk_log2_index_bytes, ")"});
    const Py_ssize_t usable = usable_fraction(dk_size(keys));
    s.require(
        keys->dk_nentries >= 0 && keys->dk_usable >= 0 &&
            keys->dk_nentries + keys->dk_usable <= usable,
        {("0 <= dk_nentries, 0 <= dk_usable, dk_nentries + dk_usable <= USABLE_FRACTION(size) "
          "(dk_nentries "),
         keys->dk_nentries, ", dk_usable ", keys->dk_usable, ", usable fraction ", usable, ")"});
    s.require(mp->ma_used >= 0 && mp->ma_used <= keys->dk_nentries,
              {"0 <= ma_used <= dk_nentries (ma_used ", mp->ma_used, ", dk_nentries ",
               keys->dk_nentries, ")"});
    if (keys->dk_log2_size == kDictLog2MinSize)
        s.require(!dictkeys_is_free(keys), {"the keys object is not on the keys free list"});
}

// Entry `ix` (below dk_nentries): deleted (neither key nor value) or live (key and value
// alive, a real hash, a str key's own hash, and reached from that hash by probing before any
// empty slot). Returns whether it is live.
bool check_entry(const Subject &s, PyDictKeysObject *keys, Py_ssize_t ix) noexcept {
    const DictKeyEntry *entry = &dk_entries(keys)[ix];
    PyObject *key = entry->me_key;
    PyObject *value = entry->me_value;
    if (keys->dk_kind == kDictKeysSplit) {
        // Shared keys: a key and never a value (the values are each dict's).
        s.require(
            key != nullptr && value == nullptr && PyUnicode_CheckExact(key),
            {"a shared keys entry holds an exact str key and no value (entry ", ix, ": key ",
             static_cast<const void *>(key), ", value ", static_cast<const void *>(value), ")"});
        value = key;  // for the checks below, which see the key alive
    }
    if (key == nullptr || value == nullptr) {
        s.require(
            key == nullptr && value == nullptr,
            {"an entry has a key if and only if it has a value (entry ", ix, ": key ",
             static_cast<const void *>(key), ", value ", static_cast<const void *>(value), ")"});
        return false;
    }
    s.require(Py_REFCNT(key) > 0 && Py_REFCNT(value) > 0,
              {"a live entry's key and value are alive (entry ", ix, ": key refcount ",
               Py_REFCNT(key), ", value refcount ", Py_REFCNT(value), ")"});
    s.require(entry->me_hash != -1, {"a live entry's hash is not -1 (entry ", ix, ")"});
    if (PyUnicode_CheckExact(key)) {
        const Py_hash_t own = reinterpret_cast<PyASCIIObject *>(key)->hash;
        s.require(own == -1 || own == entry->me_hash,
                  {"a str key's entry holds the str's hash (entry ", ix, ": me_hash ",
                   entry->me_hash, ", the str's ", own, ")"});
    }
    const std::size_t mask = dk_mask(keys);
    std::size_t perturb = static_cast<std::size_t>(entry->me_hash);
    std::size_t i = perturb & mask;
    for (std::size_t step = 0;; ++step) {
        const Py_ssize_t found = get_index(keys, i);
        if (found == ix) return true;
        if (found == kDictIxEmpty || step == probe_jump_bound(mask))
            s.broken({"a live entry is reached from its hash before an empty slot (entry ", ix,
                      ", hash ", entry->me_hash, ", search ended at slot ", i, ")"});
        perturb >>= kPerturbShift;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// An entry at or past dk_nentries has never been used since the last resize, or was taken
// out by popitem: empty.
void check_unused_entry(const Subject &s, PyDictKeysObject *keys, Py_ssize_t ix) noexcept {
    const DictKeyEntry *entry = &dk_entries(keys)[ix];
    s.require(entry->me_key == nullptr && entry->me_value == nullptr,
              {"entries past dk_nentries are empty (entry ", ix, ", dk_nentries ",
               keys->dk_nentries, ")"});
}

// A split dict: its values array covers every shared key, holds values for exactly the first
// ma_used keys, each alive; the shared keys never have deleted entries or dummy slots.
void check_split_values(const Subject &s, PyDictObject *mp) noexcept {
    PyDictKeysObject *keys = mp->ma_keys;
    const PyDictValues *values = mp->ma_values;
    s.require(keys->dk_log2_size == kSharedKeysLog2Size &&
                  keys->dk_nentries + keys->dk_usable <= kSharedKeysMaxSize,
              {"shared keys have 2**6 slots and room for at most 30 keys (dk_log2_size ",
               keys->dk_log2_size, ", dk_nentries ", keys->dk_nentries, ", dk_usable ",
               keys->dk_usable, ")"});
    s.require(values->capacity >= keys->dk_nentries,
              {"the values array has a slot for every shared key (capacity ", values->capacity,
               ", dk_nentries ", keys->dk_nentries, ")"});
    for (Py_ssize_t i = 0; i < values->capacity; ++i) {
        PyObject *value = values->values[i];
        if (i < mp->ma_used) {
            if (value == nullptr || Py_REFCNT(value) <= 0)
                s.broken({"a split dict holds live values for its first ma_used keys (slot ", i,
                          ": ", static_cast<const void *>(value), ", ma_used ", mp->ma_used, ")"});
        } else if (value != nullptr) {
            s.broken({"a split dict holds no value past its first ma_used keys (slot ", i,
                      " is set, ma_used ", mp->ma_used, ")"});
        }
    }
}

void check_whole(const Subject &s, PyDictObject *mp) noexcept {
    check_counts(s, mp);
    PyDictKeysObject *keys = mp->ma_keys;
    if (keys == dict_empty_keys()) return;
    const bool split = mp->ma_values != nullptr;
    if (split) check_split_values(s, mp);
    const Py_ssize_t size = dk_size(keys);
    const Py_ssize_t nentries = keys->dk_nentries;
    const DictKeyEntry *entries = dk_entries(keys);
    Py_ssize_t filled = 0;    // slots that are not empty: entries and dummies
    Py_ssize_t pointing = 0;  // slots that hold an entry index
    for (Py_ssize_t i = 0; i < size; ++i) {
        const Py_ssize_t ix = get_index(keys, static_cast<std::size_t>(i));
        if (ix == kDictIxEmpty) continue;
        ++filled;
        if (ix == kDictIxDummy) continue;
        if (ix < 0 || ix >= nentries)
            s.broken({"an index slot holds EMPTY, DUMMY or an entry below dk_nentries (slot ", i,
                      " holds ", ix, ", dk_nentries ", nentries, ")"});
        if (split ? entries[ix].me_key == nullptr : entries[ix].me_value == nullptr)
            s.broken({"an index slot points at a live entry (slot ", i, " holds deleted entry ", ix,
                      ")"});
        ++pointing;
    }
    s.require(filled + keys->dk_usable <= usable_fraction(size),
              {("slots in use + dk_usable <= USABLE_FRACTION(size), so that an empty slot ends "
                "every search (slots in use "),
               filled, ", dk_usable ", keys->dk_usable, ", usable fraction ", usable_fraction(size),
               ")"});
    Py_ssize_t live = 0;
    for (Py_ssize_t ix = 0; ix < nentries; ++ix)
        if (check_entry(s, keys, ix)) ++live;
    if (split)
        s.require(live == nentries, {"shared keys have no deleted entries (dk_nentries ", nentries,
                                     ", live ", live, ")"});
    else
        s.require(live == mp->ma_used,
                  {"ma_used counts the live entries (ma_used ", mp->ma_used, ", live ", live, ")"});
    // Each live entry was found through a slot of its own probe sequence; as many slots hold
    // entries as there are live entries, so no entry has two.
    s.require(pointing == live, {("each live entry has exactly one index slot (slots holding "
                                  "entries "),
                                 pointing, ", live entries ", live, ")"});
    for (Py_ssize_t ix = nentries; ix < usable_fraction(size); ++ix)
        check_unused_entry(s, keys, ix);
}

}  // namespace

bool dict_is_valid(PyDictObject *mp) noexcept {
    check_whole(Subject{"dict_is_valid", "dict", mp}, mp);
    return true;
}

bool dict_change_is_valid(PyDictObject *mp, Py_ssize_t ix) noexcept {
    const Subject s{"dict_change_is_valid", "dict", mp};
    PyDictKeysObject *keys = mp->ma_keys;
    if (keys != nullptr && keys != dict_empty_keys() && dk_size(keys) <= kWholeTableSlots) {
        check_whole(s, mp);
        return true;
    }
    check_counts(s, mp);
    if (keys == dict_empty_keys()) return true;
    if (mp->ma_values != nullptr) {  // shared keys have 64 slots: checked whole above
        check_whole(s, mp);
        return true;
    }
    const Py_ssize_t usable = usable_fraction(dk_size(keys));
    s.require(ix >= 0 && ix < usable, {"the changed entry is inside the entry array (entry ", ix,
                                       ", usable fraction ", usable, ")"});
    if (ix < keys->dk_nentries)
        check_entry(s, keys, ix);
    else
        check_unused_entry(s, keys, ix);
    return true;
}

}  // namespace minipy::runtime
