// Set algebra for set and frozenset (after CPython 3.11's Objects/setobject.c): copy,
// union, intersection, difference, symmetric difference, the subset tests and comparison,
// both as methods (any iterables, several at once) and as operators (sets only, else
// NotImplemented). Results have the operand's base type: set for set subclasses, frozenset
// for frozenset ones.
//
// The choices of which side to walk follow CPython, since they decide the order in which
// keys enter the result and so its iteration order: intersection walks the smaller set,
// difference walks `so` unless it is much bigger than `other`, and so on.
#include "objects/dict/dict_internal.hpp"
#include "objects/set/set_internal.hpp"

namespace minipy::runtime {

PyObject *set_copy(PySetObject *so) noexcept {
    return make_new_set_basetype(Py_TYPE(so), as_object(so));
}

PyObject *set_intersection(PySetObject *so, PyObject *other) noexcept {
    if (as_object(so) == other) return set_copy(so);
    PyObject *result = make_new_set_basetype(Py_TYPE(so), nullptr);
    if (result == nullptr) return nullptr;
    PySetObject *out = as_set(result);
    if (PyAnySet_Check(other)) {
        // Walk the smaller set, look up in the bigger one.
        if (PySet_GET_SIZE(other) > PySet_GET_SIZE(so)) {
            PyObject *swap = as_object(so);
            so = as_set(other);
            other = swap;
        }
        Py_ssize_t pos = 0;
        setentry *entry;
        while (set_next(as_set(other), &pos, &entry)) {
            PyObject *key = Py_NewRef(entry->key);
            const Py_hash_t hash = entry->hash;
            int status = set_contains_entry(so, key, hash);
            if (status > 0) status = set_add_entry(out, key, hash);
            Py_DECREF(key);
            if (status < 0) {
                Py_DECREF(result);
                return nullptr;
            }
        }
        return result;
    }
    PyObject *iter = PyObject_GetIter(other);
    if (iter == nullptr) {
        Py_DECREF(result);
        return nullptr;
    }
    PyObject *key;
    while ((key = PyIter_Next(iter)) != nullptr) {
        const Py_hash_t hash = PyObject_Hash(key);
        int status = hash == -1 ? -1 : set_contains_entry(so, key, hash);
        const bool added = status > 0;
        if (added) status = set_add_entry(out, key, hash);
        Py_DECREF(key);
        if (status < 0) break;
        // Everything of `so` is in: nothing more can be added. Checked only after an add, as
        // CPython does, so every item is hashed until then (set().intersection([{}]) raises).
        if (added && PySet_GET_SIZE(result) >= PySet_GET_SIZE(so)) break;
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

int set_difference_update_internal(PySetObject *so, PyObject *other) noexcept {
    if (as_object(so) == other) {
        set_clear_internal(so);
        return 0;
    }
    if (PyAnySet_Check(other)) {
        // A much bigger `other`: only the common keys matter.
        PyObject *source;
        if ((PySet_GET_SIZE(other) >> 3) > PySet_GET_SIZE(so)) {
            source = set_intersection(so, other);
            if (source == nullptr) return -1;
        } else {
            source = Py_NewRef(other);
        }
        Py_ssize_t pos = 0;
        setentry *entry;
        while (set_next(as_set(source), &pos, &entry)) {
            PyObject *key = Py_NewRef(entry->key);
            const int status = set_discard_entry(so, key, entry->hash);
            Py_DECREF(key);
            if (status < 0) {
                Py_DECREF(source);
                return -1;
            }
        }
        Py_DECREF(source);
    } else {
        PyObject *iter = PyObject_GetIter(other);
        if (iter == nullptr) return -1;
        PyObject *key;
        while ((key = PyIter_Next(iter)) != nullptr) {
            const int status = set_discard_key(so, key);
            Py_DECREF(key);
            if (status < 0) {
                Py_DECREF(iter);
                return -1;
            }
        }
        Py_DECREF(iter);
        if (PyErr_Occurred()) return -1;
    }
    // More than a quarter dummies: rebuild without them.
    if (static_cast<std::size_t>(so->fill - so->used) <= static_cast<std::size_t>(so->mask) / 4)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

namespace {

PyObject *set_copy_and_difference(PySetObject *so, PyObject *other) noexcept {
    PyObject *result = set_copy(so);
    if (result == nullptr) return nullptr;
    if (set_difference_update_internal(as_set(result), other) < 0) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

}  // namespace

PyObject *set_difference(PySetObject *so, PyObject *other) noexcept {
    Py_ssize_t other_size;
    const bool other_is_dict = PyDict_CheckExact(other);
    if (PyAnySet_Check(other))
        other_size = PySet_GET_SIZE(other);
    else if (other_is_dict)
        other_size = PyDict_GET_SIZE(other);
    else
        return set_copy_and_difference(so, other);
    // Much bigger than `other`: copying and removing beats re-adding.
    if ((PySet_GET_SIZE(so) >> 2) > other_size) return set_copy_and_difference(so, other);

    PyObject *result = make_new_set_basetype(Py_TYPE(so), nullptr);
    if (result == nullptr) return nullptr;
    Py_ssize_t pos = 0;
    setentry *entry;
    while (set_next(so, &pos, &entry)) {
        PyObject *key = Py_NewRef(entry->key);
        const Py_hash_t hash = entry->hash;
        int status = other_is_dict ? _PyDict_Contains_KnownHash(other, key, hash)
                                   : set_contains_entry(as_set(other), key, hash);
        if (status == 0) status = set_add_entry(as_set(result), key, hash);
        Py_DECREF(key);
        if (status < 0) {
            Py_DECREF(result);
            return nullptr;
        }
    }
    return result;
}

int set_symmetric_difference_update_internal(PySetObject *so, PyObject *other) noexcept {
    if (as_object(so) == other) {
        set_clear_internal(so);
        return 0;
    }
    if (PyDict_CheckExact(other)) {
        Py_ssize_t pos = 0;
        PyObject *key;
        Py_hash_t hash;
        while (_PyDict_Next(other, &pos, &key, nullptr, &hash)) {
            Py_INCREF(key);
            int status = set_discard_entry(so, key, hash);
            if (status == kDiscardNotFound) status = set_add_entry(so, key, hash);
            Py_DECREF(key);
            if (status < 0) return -1;
        }
        return 0;
    }
    PyObject *otherset =
        PyAnySet_Check(other) ? Py_NewRef(other) : make_new_set_basetype(Py_TYPE(so), other);
    if (otherset == nullptr) return -1;
    Py_ssize_t pos = 0;
    setentry *entry;
    while (set_next(as_set(otherset), &pos, &entry)) {
        PyObject *key = Py_NewRef(entry->key);
        const Py_hash_t hash = entry->hash;
        int status = set_discard_entry(so, key, hash);
        if (status == kDiscardNotFound) status = set_add_entry(so, key, hash);
        Py_DECREF(key);
        if (status < 0) {
            Py_DECREF(otherset);
            return -1;
        }
    }
    Py_DECREF(otherset);
    return 0;
}

PyObject *set_issubset(PySetObject *so, PyObject *other) noexcept {
    if (!PyAnySet_Check(other)) {
        PyObject *tmp = make_new_set(&PySet_Type, other);
        if (tmp == nullptr) return nullptr;
        PyObject *result = set_issubset(so, tmp);
        Py_DECREF(tmp);
        return result;
    }
    if (PySet_GET_SIZE(so) > PySet_GET_SIZE(other)) Py_RETURN_FALSE;
    Py_ssize_t pos = 0;
    setentry *entry;
    while (set_next(so, &pos, &entry)) {
        PyObject *key = Py_NewRef(entry->key);
        const int status = set_contains_entry(as_set(other), key, entry->hash);
        Py_DECREF(key);
        if (status < 0) return nullptr;
        if (status == 0) Py_RETURN_FALSE;
    }
    Py_RETURN_TRUE;
}

PyObject *set_issuperset(PySetObject *so, PyObject *other) noexcept {
    if (PyAnySet_Check(other)) return set_issubset(as_set(other), as_object(so));
    PyObject *iter = PyObject_GetIter(other);
    if (iter == nullptr) return nullptr;
    PyObject *key;
    while ((key = PyIter_Next(iter)) != nullptr) {
        const int status = set_contains_key(so, key);
        Py_DECREF(key);
        if (status <= 0) {
            Py_DECREF(iter);
            if (status < 0) return nullptr;
            Py_RETURN_FALSE;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_TRUE;
}

PyObject *set_richcompare(PyObject *self, PyObject *other, int op) noexcept {
    if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    PySetObject *v = as_set(self);
    PySetObject *w = as_set(other);
    switch (op) {
    case Py_EQ:
        if (v->used != w->used) Py_RETURN_FALSE;
        // Two frozensets with known, different hashes cannot be equal.
        if (v->hash != -1 && w->hash != -1 && v->hash != w->hash) Py_RETURN_FALSE;
        return set_issubset(v, other);
    case Py_NE: {
        PyObject *equal = set_richcompare(self, other, Py_EQ);
        if (equal == nullptr) return nullptr;
        const bool is_equal = equal == Py_True;
        Py_DECREF(equal);
        return PyBool_FromLong(!is_equal);
    }
    case Py_LE: return set_issubset(v, other);
    case Py_GE: return set_issuperset(v, other);
    case Py_LT:
        if (v->used >= w->used) Py_RETURN_FALSE;
        return set_issubset(v, other);
    case Py_GT:
        if (v->used <= w->used) Py_RETURN_FALSE;
        return set_issuperset(v, other);
    default: Py_RETURN_NOTIMPLEMENTED;
    }
}

// --- Operators -------------------------------------------------------------------------------

namespace {

PyObject *set_or(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(self) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *result = set_copy(as_set(self));
    if (result == nullptr || self == other) return result;
    if (set_update_internal(as_set(result), other) < 0) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

PyObject *set_and(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(self) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    return set_intersection(as_set(self), other);
}

PyObject *set_sub(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(self) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    return set_difference(as_set(self), other);
}

PyObject *set_symmetric_difference(PySetObject *so, PyObject *other) noexcept {
    // Start from a copy of `other` and fold `so` in: CPython's order of insertion.
    PyObject *result = make_new_set_basetype(Py_TYPE(so), other);
    if (result == nullptr) return nullptr;
    if (set_symmetric_difference_update_internal(as_set(result), as_object(so)) < 0) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

PyObject *set_xor(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(self) || !PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    return set_symmetric_difference(as_set(self), other);
}

PyObject *set_ior(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    if (set_update_internal(as_set(self), other) < 0) return nullptr;
    return Py_NewRef(self);
}

PyObject *set_iand(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *tmp = set_intersection(as_set(self), other);
    if (tmp == nullptr) return nullptr;
    set_swap_bodies(as_set(self), as_set(tmp));
    Py_DECREF(tmp);
    return Py_NewRef(self);
}

PyObject *set_isub(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    if (set_difference_update_internal(as_set(self), other) < 0) return nullptr;
    return Py_NewRef(self);
}

PyObject *set_ixor(PyObject *self, PyObject *other) noexcept {
    if (!PyAnySet_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    if (set_symmetric_difference_update_internal(as_set(self), other) < 0) return nullptr;
    return Py_NewRef(self);
}

}  // namespace

// --- Methods (METH_VARARGS ones take any number of iterables) ----------------------------------

PyObject *set_union_method(PyObject *self, PyObject *args) noexcept {
    PyObject *result = set_copy(as_set(self));
    if (result == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i) {
        PyObject *other = PyTuple_GET_ITEM(args, i);
        if (other == self) continue;
        if (set_update_internal(as_set(result), other) < 0) {
            Py_DECREF(result);
            return nullptr;
        }
    }
    return result;
}

PyObject *set_intersection_multi(PyObject *self, PyObject *args) noexcept {
    if (PyTuple_GET_SIZE(args) == 0) return set_copy(as_set(self));
    PyObject *result = Py_NewRef(self);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i) {
        PyObject *next = set_intersection(as_set(result), PyTuple_GET_ITEM(args, i));
        Py_DECREF(result);
        if (next == nullptr) return nullptr;
        result = next;
    }
    return result;
}

PyObject *set_intersection_update_multi(PyObject *self, PyObject *args) noexcept {
    PyObject *tmp = set_intersection_multi(self, args);
    if (tmp == nullptr) return nullptr;
    set_swap_bodies(as_set(self), as_set(tmp));
    Py_DECREF(tmp);
    Py_RETURN_NONE;
}

PyObject *set_difference_multi(PyObject *self, PyObject *args) noexcept {
    if (PyTuple_GET_SIZE(args) == 0) return set_copy(as_set(self));
    PyObject *result = set_difference(as_set(self), PyTuple_GET_ITEM(args, 0));
    if (result == nullptr) return nullptr;
    for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(args); ++i) {
        if (set_difference_update_internal(as_set(result), PyTuple_GET_ITEM(args, i)) < 0) {
            Py_DECREF(result);
            return nullptr;
        }
    }
    return result;
}

PyObject *set_difference_update_multi(PyObject *self, PyObject *args) noexcept {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i)
        if (set_difference_update_internal(as_set(self), PyTuple_GET_ITEM(args, i)) < 0)
            return nullptr;
    Py_RETURN_NONE;
}

PyObject *set_update_multi(PyObject *self, PyObject *args) noexcept {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i)
        if (set_update_internal(as_set(self), PyTuple_GET_ITEM(args, i)) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *set_symmetric_difference_method(PyObject *self, PyObject *other) noexcept {
    return set_symmetric_difference(as_set(self), other);
}

PyObject *set_symmetric_difference_update_method(PyObject *self, PyObject *other) noexcept {
    if (set_symmetric_difference_update_internal(as_set(self), other) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *set_issubset_method(PyObject *self, PyObject *other) noexcept {
    return set_issubset(as_set(self), other);
}
PyObject *set_issuperset_method(PyObject *self, PyObject *other) noexcept {
    return set_issuperset(as_set(self), other);
}

PyObject *set_isdisjoint(PyObject *self, PyObject *other) noexcept {
    PySetObject *so = as_set(self);
    if (self == other) return PyBool_FromLong(PySet_GET_SIZE(so) == 0);
    if (PyAnySet_CheckExact(other)) {
        // Walk the smaller set.
        if (PySet_GET_SIZE(other) > PySet_GET_SIZE(so)) {
            PyObject *swap = self;
            so = as_set(other);
            other = swap;
        }
        Py_ssize_t pos = 0;
        setentry *entry;
        while (set_next(as_set(other), &pos, &entry)) {
            PyObject *key = Py_NewRef(entry->key);
            const int status = set_contains_entry(so, key, entry->hash);
            Py_DECREF(key);
            if (status < 0) return nullptr;
            if (status > 0) Py_RETURN_FALSE;
        }
        Py_RETURN_TRUE;
    }
    PyObject *iter = PyObject_GetIter(other);
    if (iter == nullptr) return nullptr;
    PyObject *key;
    while ((key = PyIter_Next(iter)) != nullptr) {
        const int status = set_contains_key(so, key);
        Py_DECREF(key);
        if (status != 0) {
            Py_DECREF(iter);
            if (status < 0) return nullptr;
            Py_RETURN_FALSE;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_TRUE;
}

PyNumberMethods set_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
};

PyNumberMethods frozenset_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
};

}  // namespace minipy::runtime
