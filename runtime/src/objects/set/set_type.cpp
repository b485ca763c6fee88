// PySet_Type, PyFrozenSet_Type and the set iterator (after CPython 3.11's
// Objects/setobject.c): deallocation, the collector's hooks, repr, len / in / iter, the
// frozenset hash, construction, the methods that are not algebra, and the public C API.
// Sets keep no free list (CPython 3.11 has none either).
#include "args/method_args.hpp"
#include "check/check.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "objects/dict/dict_internal.hpp"
#include "objects/set/set_internal.hpp"
#include "objects/type/static_type.hpp"
#include "recursion/trashcan.hpp"

using namespace minipy::runtime;

namespace {

void set_dealloc(PyObject *self) noexcept {
    PySetObject *so = as_set(self);
    PyObject_GC_UnTrack(self);
    Trashcan trashcan(self, set_dealloc);
    if (trashcan.put_aside()) return;  // destroyed when the outer deallocation ends
    PyObject *dummy = set_dummy();
    Py_ssize_t used = so->used;
    for (setentry *entry = so->table; used > 0; ++entry) {
        if (entry->key != nullptr && entry->key != dummy) {
            --used;
            Py_DECREF(entry->key);
        }
    }
    if (so->table != so->smalltable) PyMem_Free(so->table);
    Py_TYPE(self)->tp_free(self);
}

int set_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_ssize_t pos = 0;
    setentry *entry;
    while (set_next(as_set(self), &pos, &entry)) Py_VISIT(entry->key);
    return 0;
}

int set_tp_clear(PyObject *self) noexcept {
    set_clear_internal(as_set(self));
    return 0;
}

// "{1, 2}", "set()", "frozenset({1})", "Sub({1})"; "set(...)" when met again inside itself.
PyObject *set_repr(PyObject *self) noexcept {
    const char *name = Py_TYPE(self)->tp_name;
    const int entered = Py_ReprEnter(self);
    if (entered != 0) return entered > 0 ? PyUnicode_FromFormat("%s(...)", name) : nullptr;
    PyObject *result = nullptr;
    if (as_set(self)->used == 0) {
        result = PyUnicode_FromFormat("%s()", name);
    } else {
        // Snapshot the keys first: their reprs may change the set.
        PyObject *keys = PySequence_List(self);
        PyObject *list_text = keys != nullptr ? PyObject_Repr(keys) : nullptr;
        Py_XDECREF(keys);
        PyObject *inner =
            list_text != nullptr
                ? PyUnicode_Substring(list_text, 1, PyUnicode_GetLength(list_text) - 1)
                : nullptr;
        Py_XDECREF(list_text);
        if (inner != nullptr) {
            result = PySet_CheckExact(self) ? PyUnicode_FromFormat("{%U}", inner)
                                            : PyUnicode_FromFormat("%s({%U})", name, inner);
            Py_DECREF(inner);
        }
    }
    Py_ReprLeave(self);
    return result;
}

Py_ssize_t set_len(PyObject *self) noexcept {
    return as_set(self)->used;
}

// A set used as a key is looked up as the equal frozenset (CPython's courtesy for
// `{1} in set_of_frozensets`). `op` is one of the lookups below.
template <typename Op>
int with_frozen_key(PyObject *key, Op op) noexcept {
    int status = op(key);
    if (status >= 0 || !PySet_Check(key) || !PyErr_ExceptionMatches(PyExc_TypeError)) return status;
    PyErr_Clear();
    PyObject *frozen = make_new_set(&PyFrozenSet_Type, key);
    if (frozen == nullptr) return -1;
    status = op(frozen);
    Py_DECREF(frozen);
    return status;
}

int set_contains(PyObject *self, PyObject *key) noexcept {
    return with_frozen_key(key, [self](PyObject *k) { return set_contains_key(as_set(self), k); });
}

// The frozenset hash: order-independent (xor of shuffled entry hashes), as CPython 3.11
// computes it, cached in so->hash.
Py_uhash_t shuffle_bits(Py_uhash_t h) noexcept {
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

Py_hash_t frozenset_hash(PyObject *self) noexcept {
    PySetObject *so = as_set(self);
    if (so->hash != -1) return so->hash;
    Py_uhash_t hash = 0;
    // Every slot goes in, unused ones (hash 0) and dummies (hash -1) too; then their effect
    // is taken out again, which only matters when their count is odd.
    for (setentry *entry = so->table; entry <= &so->table[so->mask]; ++entry)
        hash ^= shuffle_bits(static_cast<Py_uhash_t>(entry->hash));
    if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1) hash ^= shuffle_bits(static_cast<Py_uhash_t>(-1));
    hash ^= (static_cast<Py_uhash_t>(so->used) + 1) * 1927868237UL;
    // Spread the bits, so that nested frozensets do not cancel out.
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == static_cast<Py_uhash_t>(-1)) hash = 590923713UL;  // -1 means "error"
    so->hash = static_cast<Py_hash_t>(hash);
    return so->hash;
}

// --- The iterator ----------------------------------------------------------------------------

struct SetIterObject {
    PyObject_HEAD PySetObject *si_set;  // NULL once exhausted
    Py_ssize_t si_used;                 // the set's size at the start; -1 once it changed
    Py_ssize_t si_pos;
    Py_ssize_t len;
};

inline SetIterObject *as_setiter(PyObject *op) noexcept {
    return reinterpret_cast<SetIterObject *>(op);
}

PyObject *set_iter(PyObject *self) noexcept {
    SetIterObject *si = PyObject_GC_New(SetIterObject, &PySetIter_Type);
    if (si == nullptr) return nullptr;
    si->si_set = as_set(Py_NewRef(self));
    si->si_used = as_set(self)->used;
    si->si_pos = 0;
    si->len = as_set(self)->used;
    PyObject_GC_Track(si);
    return reinterpret_cast<PyObject *>(si);
}

void setiter_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(as_setiter(self)->si_set);
    PyObject_GC_Del(self);
}

int setiter_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_setiter(self)->si_set);
    return 0;
}

PyObject *setiter_next(PyObject *self) noexcept {
    SetIterObject *si = as_setiter(self);
    PySetObject *so = si->si_set;
    if (so == nullptr) return nullptr;
    if (si->si_used != so->used) {
        PyErr_SetString(PyExc_RuntimeError, "Set changed size during iteration");
        si->si_used = -1;  // every later call fails the same way
        return nullptr;
    }
    Py_ssize_t pos = si->si_pos;
    setentry *entry;
    const bool found = set_next(so, &pos, &entry);
    si->si_pos = pos;
    if (!found) {
        si->si_set = nullptr;
        Py_DECREF(so);
        return nullptr;
    }
    si->len--;
    return Py_NewRef(entry->key);
}

PyObject *setiter_len(PyObject *self, PyObject *) noexcept {
    SetIterObject *si = as_setiter(self);
    Py_ssize_t len = 0;
    if (si->si_set != nullptr && si->si_used == si->si_set->used) len = si->len;
    return PyLong_FromSsize_t(len);
}

PyMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

// --- Construction ----------------------------------------------------------------------------

using args::no_keywords;

PyObject *set_new(PyTypeObject *type, PyObject *, PyObject *kwds) noexcept {
    if (type == &PySet_Type && !no_keywords("set", kwds)) return nullptr;
    return make_new_set(type, nullptr);
}

int set_init_slot(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (!no_keywords("set", kwds)) return -1;
    PyObject *iterable = nullptr;
    if (!PyArg_UnpackTuple(args, Py_TYPE(self)->tp_name, 0, 1, &iterable)) return -1;
    PySetObject *so = as_set(self);
    if (so->fill != 0) set_clear_internal(so);
    so->hash = -1;
    if (iterable == nullptr) return 0;
    return set_update_internal(so, iterable);
}

PyObject *frozenset_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if ((type == &PyFrozenSet_Type || type->tp_init == PyFrozenSet_Type.tp_init) &&
        !no_keywords("frozenset", kwds))
        return nullptr;
    PyObject *iterable = nullptr;
    if (!PyArg_UnpackTuple(args, type->tp_name, 0, 1, &iterable)) return nullptr;
    // frozenset(f) of an exact frozenset is f itself.
    if (type == &PyFrozenSet_Type && iterable != nullptr && PyFrozenSet_CheckExact(iterable))
        return Py_NewRef(iterable);
    return make_new_set(type, iterable);
}

// --- Methods ---------------------------------------------------------------------------------

PyObject *set_add_method(PyObject *self, PyObject *key) noexcept {
    if (set_add_key(as_set(self), key) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *set_remove_method(PyObject *self, PyObject *key) noexcept {
    const int status =
        with_frozen_key(key, [self](PyObject *k) { return set_discard_key(as_set(self), k); });
    if (status < 0) return nullptr;
    if (status == kDiscardNotFound) {
        set_key_error(key);
        return nullptr;
    }
    Py_RETURN_NONE;
}

PyObject *set_discard_method(PyObject *self, PyObject *key) noexcept {
    const int status =
        with_frozen_key(key, [self](PyObject *k) { return set_discard_key(as_set(self), k); });
    if (status < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *set_pop(PyObject *self, PyObject *) noexcept {
    PySetObject *so = as_set(self);
    if (so->used == 0) {
        PyErr_SetString(PyExc_KeyError, "pop from an empty set");
        return nullptr;
    }
    // Start where the last pop stopped, so that popping everything stays linear.
    PyObject *dummy = set_dummy();
    setentry *entry = so->table + (so->finger & so->mask);
    setentry *limit = so->table + so->mask;
    while (entry->key == nullptr || entry->key == dummy) {
        ++entry;
        if (entry > limit) entry = so->table;
    }
    PyObject *key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    MINIPY_ASSERT_EXPENSIVE(set_change_is_valid(so, entry));
    return key;
}

PyObject *set_clear_method(PyObject *self, PyObject *) noexcept {
    set_clear_internal(as_set(self));
    Py_RETURN_NONE;
}

PyObject *set_copy_method(PyObject *self, PyObject *) noexcept {
    return set_copy(as_set(self));
}

PyObject *frozenset_copy_method(PyObject *self, PyObject *) noexcept {
    if (PyFrozenSet_CheckExact(self)) return Py_NewRef(self);
    return set_copy(as_set(self));
}

PyObject *set_contains_method(PyObject *self, PyObject *key) noexcept {
    const int found = set_contains(self, key);
    if (found < 0) return nullptr;
    return PyBool_FromLong(found);
}

PyObject *set_sizeof(PyObject *self, PyObject *) noexcept {
    PySetObject *so = as_set(self);
    Py_ssize_t size = Py_TYPE(self)->tp_basicsize;
    if (so->table != so->smalltable)
        size += (so->mask + 1) * static_cast<Py_ssize_t>(sizeof(setentry));
    return PyLong_FromSsize_t(size);
}

#define MINIPY_SET_SHARED_METHODS                                                         \
    {"__contains__", set_contains_method, METH_O | METH_COEXIST,                          \
     "x.__contains__(y) <==> y in x."},                                                   \
        {"__sizeof__", set_sizeof, METH_NOARGS,                                           \
         "S.__sizeof__() -> size of S in memory, in bytes"},                              \
        {"difference", set_difference_multi, METH_VARARGS,                                \
         "Return the difference of two or more sets as a new set."},                      \
        {"intersection", set_intersection_multi, METH_VARARGS,                            \
         "Return the intersection of two sets as a new set."},                            \
        {"isdisjoint", set_isdisjoint, METH_O,                                            \
         "Return True if two sets have a null intersection."},                            \
        {"issubset", set_issubset_method, METH_O,                                         \
         "Report whether another set contains this set."},                                \
        {"issuperset", set_issuperset_method, METH_O,                                     \
         "Report whether this set contains another set."},                                \
        {"symmetric_difference", set_symmetric_difference_method, METH_O,                 \
         "Return the symmetric difference of two sets as a new set."},                    \
    {                                                                                     \
        "union", set_union_method, METH_VARARGS, "Return the union of sets as a new set." \
    }

PyMethodDef set_methods[] = {
    MINIPY_SET_SHARED_METHODS,
    {"add", set_add_method, METH_O,
     "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", set_clear_method, METH_NOARGS, "Remove all elements from this set."},
    {"copy", set_copy_method, METH_NOARGS, "Return a shallow copy of a set."},
    {"discard", set_discard_method, METH_O,
     "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method "
     "does not raise\n"
     "an exception when an element is missing from the set."},
    {"difference_update", set_difference_update_multi, METH_VARARGS,
     "Remove all elements of another set from this set."},
    {"intersection_update", set_intersection_update_multi, METH_VARARGS,
     "Update a set with the intersection of itself and another."},
    {"pop", set_pop, METH_NOARGS,
     "Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."},
    {"remove", set_remove_method, METH_O,
     "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise "
     "a KeyError."},
    {"symmetric_difference_update", set_symmetric_difference_update_method, METH_O,
     "Update a set with the symmetric difference of itself and another."},
    {"update", set_update_multi, METH_VARARGS, "Update a set with the union of itself and others."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef frozenset_methods[] = {
    MINIPY_SET_SHARED_METHODS,
    {"copy", frozenset_copy_method, METH_NOARGS, "Return a shallow copy of a set."},
    {nullptr, nullptr, 0, nullptr},
};

#undef MINIPY_SET_SHARED_METHODS

PySequenceMethods set_as_sequence = {
    .sq_length = set_len,
    .sq_contains = set_contains,
};

constexpr unsigned long kSetFlags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE;

inline bool check_set(PyObject *op) noexcept {
    if (op != nullptr && PySet_Check(op)) return true;
    PyErr_BadInternalCall();
    return false;
}

inline bool check_anyset(PyObject *op) noexcept {
    if (op != nullptr && PyAnySet_Check(op)) return true;
    PyErr_BadInternalCall();
    return false;
}

}  // namespace

extern "C" {

PyTypeObject PySet_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "set",
    .tp_basicsize = sizeof(PySetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kSetFlags,
    .tp_doc =
        "set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered "
        "collection of unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .tp_methods = set_methods,
    .tp_init = set_init_slot,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = set_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyFrozenSet_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(PySetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &frozenset_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = frozenset_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kSetFlags,
    .tp_doc =
        "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\n"
        "Build an immutable unordered collection of unique elements.",
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_richcompare = set_richcompare,
    .tp_iter = set_iter,
    .tp_methods = frozenset_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = frozenset_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PySetIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(SetIterObject),
    .tp_dealloc = setiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = setiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = setiter_next,
    .tp_methods = setiter_methods,
};

// --- The C API -------------------------------------------------------------------------------

PyObject *PySet_New(PyObject *iterable) noexcept {
    return make_new_set(&PySet_Type, iterable);
}

PyObject *PyFrozenSet_New(PyObject *iterable) noexcept {
    return make_new_set(&PyFrozenSet_Type, iterable);
}

Py_ssize_t PySet_Size(PyObject *anyset) noexcept {
    if (!check_anyset(anyset)) return -1;
    return as_set(anyset)->used;
}

int PySet_Clear(PyObject *set) noexcept {
    if (!check_set(set)) return -1;
    set_clear_internal(as_set(set));
    return 0;
}

int PySet_Contains(PyObject *anyset, PyObject *key) noexcept {
    if (!check_anyset(anyset)) return -1;
    return set_contains_key(as_set(anyset), key);
}

int PySet_Discard(PyObject *set, PyObject *key) noexcept {
    if (!check_set(set)) return -1;
    return set_discard_key(as_set(set), key);
}

int PySet_Add(PyObject *anyset, PyObject *key) noexcept {
    // A frozenset may be filled only while its creator is its sole owner.
    if (anyset == nullptr ||
        (!PySet_Check(anyset) && (!PyFrozenSet_Check(anyset) || Py_REFCNT(anyset) != 1))) {
        PyErr_BadInternalCall();
        return -1;
    }
    return set_add_key(as_set(anyset), key);
}

PyObject *PySet_Pop(PyObject *set) noexcept {
    if (!check_set(set)) return nullptr;
    return set_pop(set, nullptr);
}

}  // extern "C"

namespace minipy::runtime {

int set_init() noexcept {
    if (PyType_Ready(&PySet_Type) < 0) return -1;
    if (PyType_Ready(&PyFrozenSet_Type) < 0) return -1;
    return PyType_Ready(&PySetIter_Type);
}

void set_fini() noexcept {}

}  // namespace minipy::runtime
