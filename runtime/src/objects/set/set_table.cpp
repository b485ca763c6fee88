// The set's hash table (after CPython 3.11's Objects/setobject.c): lookup, insertion,
// deletion, resizing, bulk merging and clearing. Slot states are listed in setobject.h.
//
// Probing. The first slot is hash & mask. From there up to LINEAR_PROBES (9) neighbours are
// tried in a row, which is cheap on the cache, as long as they stay inside the table; then
// the search jumps with the dict's recurrence
//     perturb >>= 5;  i = (i * 5 + 1 + perturb) & mask
// and tries a run of neighbours again. A search ends at an unused slot; a dummy slot (hash
// -1, never the hash of a real key) is stepped over; an insertion that ends at an unused
// slot takes the last dummy it stepped over instead, if any (CPython 3.11 keeps the last,
// not the first: it decides the order of iteration).
//
// Load: after an insertion into an unused slot, fill * 5 >= mask * 3 (60% full, dummies
// included) triggers a rebuild for used * 4 slots (used * 2 past 50000 keys), dropping the
// dummies. Tables of 8 slots live inside the object (smalltable); bigger ones come from
// PyMem_Malloc.
//
// A comparison (__eq__) may change the set. After one, the search restarts if the table
// moved or the slot now holds another key, as in CPython. Hot: set_lookkey, set_add_entry.
#include <cstring>
#include <utility>

#include "check/check.hpp"
#include "objects/dict/dict_internal.hpp"
#include "objects/set/set_internal.hpp"

namespace {

// The key of dummy slots: a static object nobody else sees, never released.
PyObject g_dummy_struct = {PY_SSIZE_T_MAX / 2, &PyBaseObject_Type};

}  // namespace

extern "C" {
PyObject *_PySet_Dummy = &g_dummy_struct;
}

namespace minipy::runtime {

namespace {

constexpr Py_hash_t kDummyHash = -1;

// The slot holding `key`, or the unused slot where the search for it ended. NULL when a
// comparison raised.
setentry *set_lookkey(PySetObject *so, PyObject *key, Py_hash_t hash) noexcept {
restart:
    std::size_t mask = static_cast<std::size_t>(so->mask);
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    for (;;) {
        setentry *entry = &so->table[i];
        int probes = (i + kSetLinearProbes <= mask) ? kSetLinearProbes : 0;
        do {
            if (entry->hash == 0 && entry->key == nullptr) return entry;
            if (entry->hash == hash) {
                PyObject *startkey = entry->key;
                if (startkey == key) return entry;
                setentry *table = so->table;
                Py_INCREF(startkey);
                const int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
                Py_DECREF(startkey);
                if (cmp < 0) return nullptr;
                if (table != so->table || entry->key != startkey) goto restart;
                if (cmp > 0) return entry;
                mask = static_cast<std::size_t>(so->mask);
            }
            ++entry;
        } while (probes--);
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// Places a key known to be absent into a table without dummies; no reference changes.
void set_insert_clean(setentry *table, std::size_t mask, PyObject *key, Py_hash_t hash) noexcept {
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    for (;;) {
        setentry *entry = &table[i];
        if (entry->key == nullptr) goto found;
        if (i + kSetLinearProbes <= mask) {
            for (int j = 0; j < kSetLinearProbes; ++j) {
                ++entry;
                if (entry->key == nullptr) goto found;
            }
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

// Back to an empty small table (the caller owns the old slots' keys).
void set_empty_to_minsize(PySetObject *so) noexcept {
    std::memset(so->smalltable, 0, sizeof so->smalltable);
    so->fill = 0;
    so->used = 0;
    so->mask = PySet_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
}

}  // namespace

PyObject *set_dummy() noexcept {
    return &g_dummy_struct;
}

int set_table_resize(PySetObject *so, Py_ssize_t minused) noexcept {
    std::size_t newsize = PySet_MINSIZE;
    while (newsize <= static_cast<std::size_t>(minused)) newsize <<= 1;

    setentry *oldtable = so->table;
    const Py_ssize_t oldmask = so->mask;
    const bool old_is_malloced = oldtable != so->smalltable;
    setentry small_copy[PySet_MINSIZE];
    setentry *newtable;
    if (newsize == PySet_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0;  // no dummies to drop: nothing to do
            // Rebuild the small table in place from a copy, to get rid of its dummies.
            std::memcpy(small_copy, oldtable, sizeof small_copy);
            oldtable = small_copy;
        }
    } else {
        if (newsize > static_cast<std::size_t>(PY_SSIZE_T_MAX) / sizeof(setentry)) {
            PyErr_NoMemory();
            return -1;
        }
        newtable = static_cast<setentry *>(PyMem_Malloc(newsize * sizeof(setentry)));
        if (newtable == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
    }
    std::memset(newtable, 0, sizeof(setentry) * newsize);
    so->mask = static_cast<Py_ssize_t>(newsize - 1);
    so->table = newtable;

    const std::size_t newmask = newsize - 1;
    PyObject *dummy = set_dummy();
    so->fill = so->used;
    for (setentry *entry = oldtable; entry <= oldtable + oldmask; ++entry) {
        if (entry->key != nullptr && entry->key != dummy)
            set_insert_clean(newtable, newmask, entry->key, entry->hash);
    }
    if (old_is_malloced) PyMem_Free(oldtable);
    MINIPY_ASSERT_EXPENSIVE(set_is_valid(so));
    return 0;
}

int set_add_entry(PySetObject *so, PyObject *key, Py_hash_t hash) noexcept {
    // Our own reference first: a comparison could otherwise free the key under us.
    Py_INCREF(key);
restart:
    std::size_t mask = static_cast<std::size_t>(so->mask);
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    setentry *freeslot = nullptr;
    setentry *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + kSetLinearProbes <= mask) ? kSetLinearProbes : 0;
        do {
            if (entry->hash == 0 && entry->key == nullptr) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                PyObject *startkey = entry->key;
                if (startkey == key) goto found_active;
                setentry *table = so->table;
                Py_INCREF(startkey);
                const int cmp = PyObject_RichCompareBool(startkey, key, Py_EQ);
                Py_DECREF(startkey);
                if (cmp > 0) goto found_active;
                if (cmp < 0) {
                    Py_DECREF(key);
                    return -1;
                }
                if (table != so->table || entry->key != startkey) goto restart;
                mask = static_cast<std::size_t>(so->mask);
            } else if (entry->hash == kDummyHash) {
                freeslot = entry;  // the last dummy on the way wins, as in CPython 3.11
            }
            ++entry;
        } while (probes--);
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
    if (freeslot != nullptr) {  // reuse a dummy: fill stays
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        MINIPY_ASSERT_EXPENSIVE(set_change_is_valid(so, freeslot));
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if (static_cast<std::size_t>(so->fill) * 5 < mask * 3) {
        MINIPY_ASSERT_EXPENSIVE(set_change_is_valid(so, entry));
        return 0;
    }
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);

found_active:
    Py_DECREF(key);
    return 0;
}

int set_add_key(PySetObject *so, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    return set_add_entry(so, key, hash);
}

int set_contains_entry(PySetObject *so, PyObject *key, Py_hash_t hash) noexcept {
    setentry *entry = set_lookkey(so, key, hash);
    if (entry == nullptr) return -1;
    return entry->key != nullptr;
}

int set_contains_key(PySetObject *so, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    return set_contains_entry(so, key, hash);
}

int set_discard_entry(PySetObject *so, PyObject *key, Py_hash_t hash) noexcept {
    setentry *entry = set_lookkey(so, key, hash);
    if (entry == nullptr) return -1;
    if (entry->key == nullptr) return kDiscardNotFound;
    PyObject *old_key = entry->key;
    entry->key = set_dummy();
    entry->hash = kDummyHash;
    so->used--;
    MINIPY_ASSERT_EXPENSIVE(set_change_is_valid(so, entry));
    Py_DECREF(old_key);
    return kDiscardFound;
}

int set_discard_key(PySetObject *so, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    return set_discard_entry(so, key, hash);
}

void set_clear_internal(PySetObject *so) noexcept {
    setentry *table = so->table;
    Py_ssize_t used = so->used;
    const bool malloced = table != so->smalltable;
    setentry small_copy[PySet_MINSIZE];
    // Empty the set before releasing anything: a destructor may look at it again.
    if (malloced) {
        set_empty_to_minsize(so);
    } else if (so->fill > 0) {
        std::memcpy(small_copy, table, sizeof small_copy);
        table = small_copy;
        set_empty_to_minsize(so);
    }
    MINIPY_ASSERT_EXPENSIVE(set_is_valid(so));
    PyObject *dummy = set_dummy();
    for (setentry *entry = table; used > 0; ++entry) {
        if (entry->key != nullptr && entry->key != dummy) {
            --used;
            Py_DECREF(entry->key);
        }
    }
    if (malloced) PyMem_Free(table);
}

bool set_next(PySetObject *so, Py_ssize_t *pos, setentry **entry) noexcept {
    Py_ssize_t i = *pos;
    const Py_ssize_t mask = so->mask;
    setentry *table = so->table;
    PyObject *dummy = set_dummy();
    while (i <= mask && (table[i].key == nullptr || table[i].key == dummy)) ++i;
    *pos = i + 1;
    if (i > mask) return false;
    *entry = &table[i];
    return true;
}

int set_merge(PySetObject *so, PyObject *otherset) noexcept {
    PySetObject *other = as_set(otherset);
    if (other == so || other->used == 0) return 0;
    // One resize up front, expecting few duplicates.
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (set_table_resize(so, (so->used + other->used) * 2) < 0) return -1;
    }
    setentry *so_entry = so->table;
    setentry *other_entry = other->table;
    PyObject *dummy = set_dummy();
    // Empty target of the same size, source without dummies: copy slot by slot.
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (Py_ssize_t i = 0; i <= other->mask; ++i, ++so_entry, ++other_entry) {
            if (other_entry->key != nullptr) {
                so_entry->key = Py_NewRef(other_entry->key);
                so_entry->hash = other_entry->hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        MINIPY_ASSERT_EXPENSIVE(set_is_valid(so));
        return 0;
    }
    // Empty target: no duplicates possible, no comparisons needed.
    if (so->fill == 0) {
        const std::size_t mask = static_cast<std::size_t>(so->mask);
        so->fill = other->used;
        so->used = other->used;
        for (Py_ssize_t i = other->mask + 1; i > 0; --i, ++other_entry) {
            PyObject *key = other_entry->key;
            if (key != nullptr && key != dummy)
                set_insert_clean(so->table, mask, Py_NewRef(key), other_entry->hash);
        }
        MINIPY_ASSERT_EXPENSIVE(set_is_valid(so));
        return 0;
    }
    for (Py_ssize_t i = 0; i <= other->mask; ++i) {
        other_entry = &other->table[i];
        PyObject *key = other_entry->key;
        if (key != nullptr && key != dummy && set_add_entry(so, key, other_entry->hash) < 0)
            return -1;
    }
    MINIPY_ASSERT_EXPENSIVE(set_is_valid(so));
    return 0;
}

int set_update_internal(PySetObject *so, PyObject *iterable) noexcept {
    if (PyAnySet_Check(iterable)) return set_merge(so, iterable);
    if (PyDict_CheckExact(iterable)) {
        const Py_ssize_t dictsize = PyDict_GET_SIZE(iterable);
        if ((so->fill + dictsize) * 5 >= so->mask * 3) {
            if (set_table_resize(so, (so->used + dictsize) * 2) < 0) return -1;
        }
        Py_ssize_t pos = 0;
        PyObject *key;
        Py_hash_t hash;
        while (_PyDict_Next(iterable, &pos, &key, nullptr, &hash))
            if (set_add_entry(so, key, hash) < 0) return -1;
        return 0;
    }
    PyObject *iter = PyObject_GetIter(iterable);
    if (iter == nullptr) return -1;
    PyObject *key;
    while ((key = PyIter_Next(iter)) != nullptr) {
        const int status = set_add_key(so, key);
        Py_DECREF(key);
        if (status < 0) {
            Py_DECREF(iter);
            return -1;
        }
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

PyObject *make_new_set(PyTypeObject *type, PyObject *iterable) noexcept {
    // tp_alloc zeroes the object (smalltable included) and tracks it.
    PyObject *self = type->tp_alloc(type, 0);
    if (self == nullptr) return nullptr;
    PySetObject *so = as_set(self);
    so->fill = 0;
    so->used = 0;
    so->mask = PySet_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    so->finger = 0;
    so->weakreflist = nullptr;
    MINIPY_ASSERT_EXPENSIVE(set_is_valid(so));
    if (iterable != nullptr && set_update_internal(so, iterable) < 0) {
        Py_DECREF(self);
        return nullptr;
    }
    return self;
}

PyObject *make_new_set_basetype(PyTypeObject *type, PyObject *iterable) noexcept {
    if (type != &PySet_Type && type != &PyFrozenSet_Type)
        type = PyType_IsSubtype(type, &PySet_Type) ? &PySet_Type : &PyFrozenSet_Type;
    return make_new_set(type, iterable);
}

void set_swap_bodies(PySetObject *a, PySetObject *b) noexcept {
    std::swap(a->fill, b->fill);
    std::swap(a->used, b->used);
    std::swap(a->mask, b->mask);
    // A table inside an object stays inside an object: swap the small tables' contents too.
    setentry *a_table = a->table == a->smalltable ? b->smalltable : a->table;
    setentry *b_table = b->table == b->smalltable ? a->smalltable : b->table;
    const bool any_small = a->table == a->smalltable || b->table == b->smalltable;
    a->table = b_table;
    b->table = a_table;
    if (any_small) {
        setentry tmp[PySet_MINSIZE];
        std::memcpy(tmp, a->smalltable, sizeof tmp);
        std::memcpy(a->smalltable, b->smalltable, sizeof tmp);
        std::memcpy(b->smalltable, tmp, sizeof tmp);
    }
    if (PyType_IsSubtype(Py_TYPE(a), &PyFrozenSet_Type) &&
        PyType_IsSubtype(Py_TYPE(b), &PyFrozenSet_Type)) {
        std::swap(a->hash, b->hash);
    } else {
        a->hash = -1;
        b->hash = -1;
    }
    MINIPY_ASSERT_EXPENSIVE(set_is_valid(a) && set_is_valid(b));
}

}  // namespace minipy::runtime

extern "C" int _PySet_NextEntry(PyObject *set, Py_ssize_t *pos, PyObject **key,
                                Py_hash_t *hash) noexcept {
    using namespace minipy::runtime;
    if (set == nullptr || !PyAnySet_Check(set)) {
        PyErr_BadInternalCall();
        return -1;
    }
    setentry *entry;
    if (!set_next(as_set(set), pos, &entry)) return 0;
    *key = entry->key;
    *hash = entry->hash;
    return 1;
}

extern "C" int _PySet_Update(PyObject *set, PyObject *iterable) noexcept {
    using namespace minipy::runtime;
    if (set == nullptr || !PySet_Check(set)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return set_update_internal(as_set(set), iterable);
}
