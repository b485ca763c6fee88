// The set table's invariant checker (the slot states of minipy/setobject.h and the probing
// of set_table.cpp, spelled out rule by rule), for MINIPY_ASSERT_EXPENSIVE at the table's
// mutation points (set_table.cpp, set_type.cpp) and for tests. Reports go through
// check/check.hpp. Never runs user code: keys are compared by address and stored hash only.
//
// As for the dict (dict_check.cpp), two sizes: set_is_valid walks every slot (after a
// resize, a clear, a merge); set_change_is_valid checks the counts and the one slot an add,
// discard or pop touched, and the whole table only while it is small.
#include "check/check.hpp"
#include "objects/dict/dict_internal.hpp"
#include "objects/set/set_internal.hpp"

namespace minipy::runtime {

namespace {

using check::Subject;

// set_change_is_valid checks the whole table while mask is below this.
constexpr Py_ssize_t kWholeTableMask = 64;

// The shape and the counts: O(1).
void check_counts(const Subject &s, PySetObject *so) noexcept {
    const Py_ssize_t mask = so->mask;
    s.require(mask >= PySet_MINSIZE - 1 && ((mask + 1) & mask) == 0,
              {"mask + 1 is a power of two, at least ", PySet_MINSIZE, " (mask ", mask, ")"});
    s.require((so->table == so->smalltable) == (mask == PySet_MINSIZE - 1),
              {"the table is the small table exactly when it has ", PySet_MINSIZE, " slots (mask ",
               mask, ", table ", static_cast<const void *>(so->table), ", smalltable ",
               static_cast<const void *>(so->smalltable), ")"});
    // fill * 5 < mask * 3 holds too, except after a resize that ran out of memory: only
    // the bound that keeps searches finite is a rule.
    s.require(so->used >= 0 && so->used <= so->fill && so->fill <= mask,
              {"0 <= used <= fill <= mask, so that an unused slot ends every search (used ",
               so->used, ", fill ", so->fill, ", mask ", mask, ")"});
    if (PySet_Check(reinterpret_cast<PyObject *>(so)))
        s.require(so->hash == -1, {"a set (not a frozenset) caches no hash (hash ", so->hash, ")"});
}

// The slot's state is one of the three; an active key is alive and a str key carries its own
// hash. Returns whether the slot is active.
bool check_slot(const Subject &s, PySetObject *so, const setentry *entry) noexcept {
    const Py_ssize_t at = entry - so->table;
    PyObject *key = entry->key;
    if (key == nullptr) {
        s.require(entry->hash == 0,
                  {"an unused slot has hash 0 (slot ", at, " has hash ", entry->hash, ")"});
        return false;
    }
    if (key == set_dummy()) {
        s.require(entry->hash == -1,
                  {"a dummy slot has hash -1 (slot ", at, " has hash ", entry->hash, ")"});
        return false;
    }
    s.require(entry->hash != -1, {"an active slot's hash is not -1 (slot ", at, ")"});
    s.require(Py_REFCNT(key) > 0,
              {"an active slot's key is alive (slot ", at, ": refcount ", Py_REFCNT(key), ")"});
    if (PyUnicode_CheckExact(key)) {
        const Py_hash_t own = reinterpret_cast<PyASCIIObject *>(key)->hash;
        s.require(own == -1 || own == entry->hash,
                  {"a str key's slot holds the str's hash (slot ", at, ": hash ", entry->hash,
                   ", the str's ", own, ")"});
    }
    return true;
}

// The active slot `target` is where a search for its key ends: set_lookkey's path from the
// key's hash (runs of linear probes, then jumps) reaches it before any unused slot, and
// meets no other slot holding the same key.
void check_findable(const Subject &s, PySetObject *so, const setentry *target) noexcept {
    const std::size_t mask = static_cast<std::size_t>(so->mask);
    std::size_t perturb = static_cast<std::size_t>(target->hash);
    std::size_t i = perturb & mask;
    for (std::size_t jump = 0;; ++jump) {
        const setentry *entry = &so->table[i];
        int probes = (i + kSetLinearProbes <= mask) ? kSetLinearProbes : 0;
        do {
            if (entry == target) return;
            if (entry->key == nullptr || jump == probe_jump_bound(mask))
                s.broken({"an active key is found from its hash before an unused slot (slot ",
                          target - so->table, ", hash ", target->hash, ", search ended at slot ",
                          entry - so->table, ")"});
            if (entry->key == target->key)
                s.broken({"a key is in the table once (slots ", entry - so->table, " and ",
                          target - so->table, ")"});
            ++entry;
        } while (probes--);
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void check_whole(const Subject &s, PySetObject *so) noexcept {
    check_counts(s, so);
    Py_ssize_t active = 0;
    Py_ssize_t dummies = 0;
    for (const setentry *entry = so->table; entry <= so->table + so->mask; ++entry) {
        if (check_slot(s, so, entry)) {
            ++active;
            check_findable(s, so, entry);
        } else if (entry->key != nullptr) {
            ++dummies;
        }
    }
    s.require(active == so->used,
              {"used counts the active slots (used ", so->used, ", active ", active, ")"});
    s.require(active + dummies == so->fill,
              {"fill counts the active and dummy slots (fill ", so->fill, ", active ", active,
               ", dummy ", dummies, ")"});
}

}  // namespace

bool set_is_valid(PySetObject *so) noexcept {
    check_whole(Subject{"set_is_valid", "set", so}, so);
    return true;
}

bool set_change_is_valid(PySetObject *so, const setentry *entry) noexcept {
    const Subject s{"set_change_is_valid", "set", so};
    if (so->mask < kWholeTableMask) {
        check_whole(s, so);
        return true;
    }
    check_counts(s, so);
    s.require(entry >= so->table && entry <= so->table + so->mask,
              {"the changed slot is inside the table (slot ", entry - so->table, ", mask ",
               so->mask, ")"});
    if (check_slot(s, so, entry)) check_findable(s, so, entry);
    return true;
}

}  // namespace minipy::runtime
