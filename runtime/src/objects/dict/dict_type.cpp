// PyDict_Type: dict's slots and methods as CPython 3.11 has them (Objects/dictobject.c).
// The repr's cycle guard is Py_ReprEnter / Py_ReprLeave (object.h), as in CPython.
// dict() / dict(mapping) / dict(iterable of pairs) / dict(**kwargs), d[k], d[k] = v, del d[k],
// k in d, ==, repr, |, |=, and the methods get, setdefault, pop, popitem, keys, values,
// items, update, clear, copy, fromkeys, __contains__, __sizeof__, __reversed__.
#include "args/method_args.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "objects/dict/dict_internal.hpp"
#include "objects/type/static_type.hpp"

using namespace minipy::runtime;

namespace {

// --- Text and comparison ----------------------------------------------------------------

// "<open>p0, p1, ...<close>" from a list of str pieces.
PyObject *join_repr_pieces(PyObject *pieces, const char *open, const char *close) noexcept {
    PyObject *separator = PyUnicode_FromString(", ");
    if (separator == nullptr) return nullptr;
    PyObject *joined = PyUnicode_Join(separator, pieces);
    Py_DECREF(separator);
    if (joined == nullptr) return nullptr;
    PyObject *result = PyUnicode_FromFormat("%s%U%s", open, joined, close);
    Py_DECREF(joined);
    return result;
}

// "{k0: v0, k1: v1}"; "{...}" for a dict met again inside itself.
PyObject *dict_repr(PyObject *self) noexcept {
    const int entered = Py_ReprEnter(self);
    if (entered != 0) return entered > 0 ? PyUnicode_FromString("{...}") : nullptr;
    PyObject *result = nullptr;
    PyObject *pieces = nullptr;
    if (as_dict(self)->ma_used == 0) {
        result = PyUnicode_FromString("{}");
        goto done;
    }
    pieces = PyList_New(0);
    if (pieces == nullptr) goto done;
    {
        Py_ssize_t pos = 0;
        PyObject *key;
        PyObject *value;
        // The reprs may change the dict: hold the pair while formatting it.
        while (PyDict_Next(self, &pos, &key, &value)) {
            Py_INCREF(key);
            Py_INCREF(value);
            PyObject *key_text = PyObject_Repr(key);
            PyObject *value_text = key_text != nullptr ? PyObject_Repr(value) : nullptr;
            PyObject *piece = value_text != nullptr
                                  ? PyUnicode_FromFormat("%U: %U", key_text, value_text)
                                  : nullptr;
            Py_XDECREF(key_text);
            Py_XDECREF(value_text);
            Py_DECREF(key);
            Py_DECREF(value);
            if (piece == nullptr) goto done;
            const int status = PyList_Append(pieces, piece);
            Py_DECREF(piece);
            if (status < 0) goto done;
        }
    }
    result = join_repr_pieces(pieces, "{", "}");
done:
    Py_XDECREF(pieces);
    Py_ReprLeave(self);
    return result;
}

// 1 when both dicts hold equal values for the same keys, 0 when not, -1 on error.
int dict_equal(PyDictObject *a, PyDictObject *b) noexcept {
    if (a->ma_used != b->ma_used) return 0;
    // Re-read a's table each time round: a comparison may have changed it.
    for (Py_ssize_t i = 0; i < a->ma_keys->dk_nentries; ++i) {
        DictKeyEntry *entry = &dk_entries(a->ma_keys)[i];
        PyObject *a_value = dict_value_at(a, i);
        if (a_value == nullptr) continue;
        PyObject *key = Py_NewRef(entry->me_key);
        Py_INCREF(a_value);
        PyObject *b_value;
        dict_lookup(b, key, entry->me_hash, &b_value);
        if (b_value == nullptr) {
            Py_DECREF(key);
            Py_DECREF(a_value);
            return PyErr_Occurred() ? -1 : 0;
        }
        Py_INCREF(b_value);
        const int cmp = PyObject_RichCompareBool(a_value, b_value, Py_EQ);
        Py_DECREF(key);
        Py_DECREF(a_value);
        Py_DECREF(b_value);
        if (cmp <= 0) return cmp;
    }
    return 1;
}

PyObject *dict_richcompare(PyObject *v, PyObject *w, int op) noexcept {
    if (!PyDict_Check(v) || !PyDict_Check(w) || (op != Py_EQ && op != Py_NE))
        Py_RETURN_NOTIMPLEMENTED;
    const int cmp = dict_equal(as_dict(v), as_dict(w));
    if (cmp < 0) return nullptr;
    return PyBool_FromLong(cmp == (op == Py_EQ));
}

// --- Mapping and sequence slots ---------------------------------------------------------

Py_ssize_t dict_length(PyObject *self) noexcept {
    return as_dict(self)->ma_used;
}

// A dict subclass may define __missing__(self, key) for d[key] on a missing key.
PyObject *call_missing(PyObject *self, PyObject *key, bool *found) noexcept {
    *found = false;
    PyObject *missing =
        PyObject_GetAttrString(reinterpret_cast<PyObject *>(Py_TYPE(self)), "__missing__");
    if (missing == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError))
            PyErr_Clear();
        else
            *found = true;  // report the error
        return nullptr;
    }
    *found = true;
    PyObject *result = PyObject_CallFunctionObjArgs(missing, self, key, nullptr);
    Py_DECREF(missing);
    return result;
}

PyObject *dict_subscript(PyObject *self, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return nullptr;
    PyObject *value;
    const Py_ssize_t ix = dict_lookup(as_dict(self), key, hash, &value);
    if (ix == kDictIxError) return nullptr;
    if (value == nullptr) {
        if (!PyDict_CheckExact(self)) {
            bool found;
            PyObject *result = call_missing(self, key, &found);
            if (found) return result;
        }
        set_key_error(key);
        return nullptr;
    }
    return Py_NewRef(value);
}

int dict_ass_subscript(PyObject *self, PyObject *key, PyObject *value) noexcept {
    return value == nullptr ? PyDict_DelItem(self, key) : PyDict_SetItem(self, key, value);
}

int dict_contains(PyObject *self, PyObject *key) noexcept {
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return -1;
    return _PyDict_Contains_KnownHash(self, key, hash);
}

// d | other: a new dict; d |= other takes anything dict.update takes.
PyObject *dict_or(PyObject *self, PyObject *other) noexcept {
    if (!PyDict_Check(self) || !PyDict_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *result = PyDict_Copy(self);
    if (result == nullptr) return nullptr;
    if (dict_update_arg(result, other) < 0) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

PyObject *dict_ior(PyObject *self, PyObject *other) noexcept {
    if (dict_update_arg(self, other) < 0) return nullptr;
    return Py_NewRef(self);
}

// --- Construction -----------------------------------------------------------------------

PyObject *dict_new(PyTypeObject *type, PyObject *, PyObject *) noexcept {
    if (type == &PyDict_Type) return PyDict_New();  // untracked until it holds a container
    PyObject *self = type->tp_alloc(type, 0);       // a subclass instance is tracked at once
    if (self == nullptr) return nullptr;
    PyDictObject *mp = as_dict(self);
    mp->ma_used = 0;
    mp->ma_version_tag = dict_next_version();
    mp->ma_keys = dict_empty_keys();
    mp->ma_values = nullptr;
    return self;
}

int dict_init_slot(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    return dict_update_common(self, args, kwds, "dict");
}

// --- Methods ----------------------------------------------------------------------------

// get(key, default=None, /)
PyObject *dict_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("get", nargs, 1, 2)) return nullptr;
    PyObject *key = args[0];
    PyObject *deflt = nargs > 1 ? args[1] : Py_None;
    const Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) return nullptr;
    PyObject *value;
    if (dict_lookup(as_dict(self), key, hash, &value) == kDictIxError) return nullptr;
    return Py_NewRef(value != nullptr ? value : deflt);
}

// setdefault(key, default=None, /)
PyObject *dict_setdefault(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("setdefault", nargs, 1, 2)) return nullptr;
    return Py_XNewRef(PyDict_SetDefault(self, args[0], nargs > 1 ? args[1] : Py_None));
}

// pop(key[, default], /)
PyObject *dict_pop(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("pop", nargs, 1, 2)) return nullptr;
    return _PyDict_Pop(self, args[0], nargs > 1 ? args[1] : nullptr);
}

PyObject *dict_popitem(PyObject *self, PyObject *) noexcept {
    // The tuple first: allocating may collect garbage whose destructors empty the dict.
    PyObject *pair = PyTuple_New(2);
    if (pair == nullptr) return nullptr;
    PyDictObject *mp = as_dict(self);
    if (mp->ma_used == 0) {
        Py_DECREF(pair);
        PyErr_SetString(PyExc_KeyError, "popitem(): dictionary is empty");
        return nullptr;
    }
    PyObject *key;
    PyObject *value;
    if (dict_pop_last_entry(mp, &key, &value) < 0) {
        Py_DECREF(pair);
        return nullptr;
    }
    PyTuple_SET_ITEM(pair, 0, key);
    PyTuple_SET_ITEM(pair, 1, value);
    return pair;
}

PyObject *dict_update_method(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (dict_update_common(self, args, kwds, "update") < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *dict_clear_method(PyObject *self, PyObject *) noexcept {
    PyDict_Clear(self);
    Py_RETURN_NONE;
}

PyObject *dict_copy_method(PyObject *self, PyObject *) noexcept {
    return PyDict_Copy(self);
}

// fromkeys(iterable, value=None, /), a class method
PyObject *dict_fromkeys(PyObject *cls, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("fromkeys", nargs, 1, 2)) return nullptr;
    return dict_from_keys(cls, args[0], nargs > 1 ? args[1] : Py_None);
}

PyObject *dict_contains_method(PyObject *self, PyObject *key) noexcept {
    const int found = dict_contains(self, key);
    if (found < 0) return nullptr;
    return PyBool_FromLong(found);
}

PyObject *dict_sizeof(PyObject *self, PyObject *) noexcept {
    return PyLong_FromSsize_t(_PyDict_SizeOf(as_dict(self)));
}

PyObject *dict_keys_method(PyObject *self, PyObject *) noexcept {
    return dictview_keys(self);
}
PyObject *dict_values_method(PyObject *self, PyObject *) noexcept {
    return dictview_values(self);
}
PyObject *dict_items_method(PyObject *self, PyObject *) noexcept {
    return dictview_items(self);
}
PyObject *dict_reversed_method(PyObject *self, PyObject *) noexcept {
    return dict_reversed_keys(self);
}

PyMethodDef dict_methods[] = {
    {"__contains__", dict_contains_method, METH_O | METH_COEXIST,
     "True if the dictionary has the specified key, else False."},
    {"__sizeof__", dict_sizeof, METH_NOARGS, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"get", _PyCFunction_CAST(dict_get), METH_FASTCALL,
     "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", _PyCFunction_CAST(dict_setdefault), METH_FASTCALL,
     "Insert key with a value of default if key is not in the dictionary.\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"pop", _PyCFunction_CAST(dict_pop), METH_FASTCALL,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\n"
     "If the key is not found, return the default if given; otherwise,\nraise a KeyError."},
    {"popitem", dict_popitem, METH_NOARGS,
     "Remove and return a (key, value) pair as a 2-tuple.\n\n"
     "Pairs are returned in LIFO (last-in, first-out) order.\n"
     "Raises KeyError if the dict is empty."},
    {"keys", dict_keys_method, METH_NOARGS,
     "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", dict_items_method, METH_NOARGS,
     "D.items() -> a set-like object providing a view on D's items"},
    {"values", dict_values_method, METH_NOARGS,
     "D.values() -> an object providing a view on D's values"},
    {"update", _PyCFunction_CAST(dict_update_method), METH_VARARGS | METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"fromkeys", _PyCFunction_CAST(dict_fromkeys), METH_FASTCALL | METH_CLASS,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", dict_clear_method, METH_NOARGS, "D.clear() -> None.  Remove all items from D."},
    {"copy", dict_copy_method, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__reversed__", dict_reversed_method, METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr},
};

PySequenceMethods dict_as_sequence = {
    .sq_contains = dict_contains,
};

PyMappingMethods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_subscript,
};

PyNumberMethods dict_as_number = {
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
};

}  // namespace

extern "C" {

PyTypeObject PyDict_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "dict",
    .tp_basicsize = sizeof(PyDictObject),
    .tp_dealloc = dict_dealloc_slot,
    .tp_repr = dict_repr,
    .tp_as_number = &dict_as_number,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DICT_SUBCLASS,
    .tp_doc =
        "dict() -> new empty dictionary\n"
        "dict(mapping) -> new dictionary initialized from a mapping object's\n"
        "    (key, value) pairs\n"
        "dict(iterable) -> new dictionary initialized as if via:\n"
        "    d = {}\n"
        "    for k, v in iterable:\n"
        "        d[k] = v\n"
        "dict(**kwargs) -> new dictionary initialized with the name=value pairs\n"
        "    in the keyword argument list.  For example:  dict(one=1, two=2)",
    .tp_traverse = dict_traverse_slot,
    .tp_clear = dict_clear_slot,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .tp_methods = dict_methods,
    .tp_init = dict_init_slot,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = dict_new,
    .tp_free = PyObject_GC_Del,
};

}  // extern "C"

// --- Start-up and shutdown --------------------------------------------------------------

namespace minipy::runtime {

int dict_init() noexcept {
    if (PyType_Ready(&PyDict_Type) < 0) return -1;
    return dict_views_ready();
}

void dict_fini() noexcept {
    dict_freelist_clear();
}

}  // namespace minipy::runtime
