// Bulk operations on dicts (after CPython 3.11's dict_merge, PyDict_MergeFromSeq2,
// PyDict_Copy and _PyDict_FromKeys): adding every item of another mapping or of an iterable
// of pairs, copying, dict.fromkeys.
//
// From a real dict (one whose type keeps dict's own iteration) the items are read straight
// from its table with their stored hashes; the table is grown once up front to fit both. An
// empty target copies a compact source's keys object whole. Anything else goes through the
// mapping protocol: keys(), then o[key] for each.
#include "check/check.hpp"
#include "objects/dict/dict_internal.hpp"

namespace minipy::runtime {

namespace {

// Merge from a dict whose iteration is dict's own. override: 0 keeps existing keys, 1
// replaces them, 2 raises KeyError for a duplicate.
int merge_from_dict(PyDictObject *mp, PyDictObject *other, int override) noexcept {
    if (other == mp || other->ma_used == 0) return 0;
    if (mp->ma_used == 0 && mp->ma_values == nullptr) {
        override = 1;  // nothing to collide with
        PyDictKeysObject *okeys = other->ma_keys;
        // A compact combined source: copy its keys object whole.
        if (other->ma_values == nullptr && other->ma_used == okeys->dk_nentries &&
            (okeys->dk_log2_size == kDictLog2MinSize ||
             usable_fraction(dk_size(okeys) / 2) < other->ma_used)) {
            PyDictKeysObject *keys = dictkeys_clone(other);
            if (keys == nullptr) return -1;
            PyDictKeysObject *old = mp->ma_keys;
            mp->ma_keys = keys;
            mp->ma_used = other->ma_used;
            mp->ma_version_tag = dict_next_version();
            MINIPY_ASSERT_EXPENSIVE(dict_is_valid(mp));
            dictkeys_release(old);
            if (PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(other)) &&
                !PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(mp)))
                PyObject_GC_Track(mp);
            return 0;
        }
    }
    // One resize up front instead of several on the way, expecting few duplicate keys.
    if (usable_fraction(dk_size(mp->ma_keys)) < other->ma_used) {
        if (dict_resize(mp, dict_estimate_log2_keysize(mp->ma_used + other->ma_used)) < 0)
            return -1;
    }
    const Py_ssize_t orig_size = other->ma_keys->dk_nentries;
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value;
    Py_hash_t hash;
    while (_PyDict_Next(reinterpret_cast<PyObject *>(other), &pos, &key, &value, &hash)) {
        // Our own references: comparing keys may run code that changes `other`.
        Py_INCREF(key);
        Py_INCREF(value);
        int err = 0;
        if (override == 1) {
            err = dict_insert(mp, Py_NewRef(key), hash, Py_NewRef(value));
        } else {
            err = _PyDict_Contains_KnownHash(reinterpret_cast<PyObject *>(mp), key, hash);
            if (err == 0) {
                err = dict_insert(mp, Py_NewRef(key), hash, Py_NewRef(value));
            } else if (err > 0) {
                if (override != 0) {
                    set_key_error(key);
                    err = -1;
                } else {
                    err = 0;
                }
            }
        }
        Py_DECREF(value);
        Py_DECREF(key);
        if (err != 0) return -1;
        if (orig_size != other->ma_keys->dk_nentries) {
            PyErr_SetString(PyExc_RuntimeError, "dict mutated during update");
            return -1;
        }
    }
    return 0;
}

// Merge from any mapping: keys(), then b[key].
int merge_from_mapping(PyObject *a, PyObject *b, int override) noexcept {
    PyObject *keys = PyMapping_Keys(b);
    if (keys == nullptr) return -1;
    PyObject *iter = PyObject_GetIter(keys);
    Py_DECREF(keys);
    if (iter == nullptr) return -1;
    PyObject *key;
    while ((key = PyIter_Next(iter)) != nullptr) {
        if (override != 1) {
            const int present = PyDict_Contains(a, key);
            if (present != 0) {
                if (present > 0 && override == 0) {
                    Py_DECREF(key);
                    continue;
                }
                if (present > 0) set_key_error(key);
                Py_DECREF(key);
                Py_DECREF(iter);
                return -1;
            }
        }
        PyObject *value = PyObject_GetItem(b, key);
        if (value == nullptr) {
            Py_DECREF(key);
            Py_DECREF(iter);
            return -1;
        }
        const int status = PyDict_SetItem(a, key, value);
        Py_DECREF(key);
        Py_DECREF(value);
        if (status < 0) {
            Py_DECREF(iter);
            return -1;
        }
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

int dict_merge(PyObject *a, PyObject *b, int override) noexcept {
    if (a == nullptr || !PyDict_Check(a) || b == nullptr) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (PyDict_Check(b) && Py_TYPE(b)->tp_iter == dict_iter)
        return merge_from_dict(as_dict(a), as_dict(b), override);
    return merge_from_mapping(a, b, override);
}

}  // namespace

int dict_update_arg(PyObject *self, PyObject *arg) noexcept {
    if (PyDict_CheckExact(arg)) return PyDict_Merge(self, arg, 1);
    // Anything with a keys attribute is taken for a mapping, as CPython does.
    PyObject *keys = PyObject_GetAttrString(arg, "keys");
    if (keys != nullptr) {
        Py_DECREF(keys);
        return PyDict_Merge(self, arg, 1);
    }
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
    PyErr_Clear();
    return PyDict_MergeFromSeq2(self, arg, 1);
}

int dict_update_common(PyObject *self, PyObject *args, PyObject *kwds, const char *name) noexcept {
    PyObject *arg = nullptr;
    if (!PyArg_UnpackTuple(args, name, 0, 1, &arg)) return -1;
    if (arg != nullptr && dict_update_arg(self, arg) < 0) return -1;
    if (kwds != nullptr && PyDict_GET_SIZE(kwds) > 0) {
        if (!PyArg_ValidateKeywordArguments(kwds)) return -1;
        return PyDict_Merge(self, kwds, 1);
    }
    return 0;
}

PyObject *dict_from_keys(PyObject *cls, PyObject *iterable, PyObject *value) noexcept {
    PyObject *d =
        cls == reinterpret_cast<PyObject *>(&PyDict_Type) ? PyDict_New() : PyObject_CallNoArgs(cls);
    if (d == nullptr) return nullptr;
    if (PyDict_CheckExact(d) && as_dict(d)->ma_used == 0) {
        PyDictObject *mp = as_dict(d);
        // From a dict or a set the hashes are known and the size too.
        const bool from_dict = PyDict_CheckExact(iterable);
        if (from_dict || PyAnySet_CheckExact(iterable)) {
            const Py_ssize_t n = from_dict ? PyDict_GET_SIZE(iterable) : PySet_GET_SIZE(iterable);
            if (dict_resize(mp, dict_estimate_log2_keysize(n)) < 0) {
                Py_DECREF(d);
                return nullptr;
            }
            Py_ssize_t pos = 0;
            PyObject *key;
            Py_hash_t hash;
            while (from_dict ? _PyDict_Next(iterable, &pos, &key, nullptr, &hash)
                             : _PySet_NextEntry(iterable, &pos, &key, &hash)) {
                if (dict_insert(mp, Py_NewRef(key), hash, Py_NewRef(value)) < 0) {
                    Py_DECREF(d);
                    return nullptr;
                }
            }
            return d;
        }
    }
    PyObject *iter = PyObject_GetIter(iterable);
    if (iter == nullptr) {
        Py_DECREF(d);
        return nullptr;
    }
    const bool exact = PyDict_CheckExact(d);
    PyObject *key;
    while ((key = PyIter_Next(iter)) != nullptr) {
        const int status = exact ? PyDict_SetItem(d, key, value) : PyObject_SetItem(d, key, value);
        Py_DECREF(key);
        if (status < 0) break;
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        Py_DECREF(d);
        return nullptr;
    }
    return d;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" int PyDict_Merge(PyObject *a, PyObject *b, int override) noexcept {
    return dict_merge(a, b, override != 0 ? 1 : 0);
}

extern "C" int _PyDict_MergeEx(PyObject *a, PyObject *b, int override) noexcept {
    return dict_merge(a, b, override);
}

extern "C" int PyDict_Update(PyObject *a, PyObject *b) noexcept {
    return dict_merge(a, b, 1);
}

extern "C" int PyDict_MergeFromSeq2(PyObject *d, PyObject *seq2, int override) noexcept {
    if (d == nullptr || !PyDict_Check(d) || seq2 == nullptr) {
        PyErr_BadInternalCall();
        return -1;
    }
    PyObject *iter = PyObject_GetIter(seq2);
    if (iter == nullptr) return -1;
    int status = 0;
    for (Py_ssize_t i = 0;; ++i) {
        PyObject *item = PyIter_Next(iter);
        if (item == nullptr) {
            if (PyErr_Occurred()) status = -1;
            break;
        }
        PyObject *fast = PySequence_Fast(item, "");
        if (fast == nullptr) {
            if (PyErr_ExceptionMatches(PyExc_TypeError))
                PyErr_Format(PyExc_TypeError,
                             "cannot convert dictionary update sequence element #%zd to a sequence",
                             i);
            Py_DECREF(item);
            status = -1;
            break;
        }
        const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
        if (n != 2) {
            PyErr_Format(PyExc_ValueError,
                         "dictionary update sequence element #%zd has length %zd; 2 is required", i,
                         n);
            Py_DECREF(fast);
            Py_DECREF(item);
            status = -1;
            break;
        }
        // Our own references: the insertion may run code that changes `fast`.
        PyObject *key = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 0));
        PyObject *value = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 1));
        const int err =
            override ? PyDict_SetItem(d, key, value) : (PyDict_SetDefault(d, key, value) ? 0 : -1);
        Py_DECREF(key);
        Py_DECREF(value);
        Py_DECREF(fast);
        Py_DECREF(item);
        if (err < 0) {
            status = -1;
            break;
        }
    }
    Py_DECREF(iter);
    return status;
}

extern "C" PyObject *PyDict_Copy(PyObject *o) noexcept {
    if (o == nullptr || !PyDict_Check(o)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    PyDictObject *mp = as_dict(o);
    if (mp->ma_used == 0) return PyDict_New();
    // A split dict's copy shares its keys (CPython 3.11).
    if (mp->ma_values != nullptr && Py_TYPE(o)->tp_iter == dict_iter) return dict_split_copy(mp);
    // Copy the table whole unless the type iterates its own way or the table is mostly
    // deleted entries (then merging builds a compact one).
    if (Py_TYPE(o)->tp_iter == dict_iter && mp->ma_used >= (mp->ma_keys->dk_nentries * 2) / 3) {
        PyDictKeysObject *keys = dictkeys_clone(mp);
        if (keys == nullptr) return nullptr;
        PyObject *copy = dict_new_with_keys(keys, mp->ma_used);
        if (copy != nullptr && PyObject_GC_IsTracked(o)) PyObject_GC_Track(copy);
        return copy;
    }
    PyObject *copy = PyDict_New();
    if (copy == nullptr) return nullptr;
    if (dict_merge(copy, o, 1) < 0) {
        Py_DECREF(copy);
        return nullptr;
    }
    return copy;
}
