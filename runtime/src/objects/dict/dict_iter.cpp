// dict's iterators, forward and reversed, over keys, values or items (after CPython 3.11's
// Objects/dictobject.c).
//
// An iterator remembers the dict's size when it started (di_used) and how many items are
// left (len). A change of size raises RuntimeError "dictionary changed size during
// iteration" (and stays raised); keys replaced by others at the same size are caught when
// more entries turn up than there were items: "dictionary keys changed during iteration".
// The items iterator hands out one reused (key, value) tuple while nobody else holds it.
#include "objects/dict/dict_internal.hpp"
#include "objects/type/static_type.hpp"

using namespace minipy::runtime;

namespace {

struct DictIterObject {
    PyObject_HEAD PyDictObject *di_dict;  // NULL once exhausted
    Py_ssize_t di_used;                   // the dict's size at the start; -1 once the size changed
    Py_ssize_t di_pos;                    // next entry index to look at
    PyObject *di_result;                  // items iterators: the (key, value) tuple to reuse
    Py_ssize_t len;                       // items still to come
};

inline DictIterObject *as_iter(PyObject *op) noexcept {
    return reinterpret_cast<DictIterObject *>(op);
}

bool is_reversed(PyTypeObject *type) noexcept {
    return type == &PyDictRevIterKey_Type || type == &PyDictRevIterValue_Type ||
           type == &PyDictRevIterItem_Type;
}

void dictiter_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(as_iter(self)->di_dict);
    Py_XDECREF(as_iter(self)->di_result);
    PyObject_GC_Del(self);
}

int dictiter_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_iter(self)->di_dict);
    Py_VISIT(as_iter(self)->di_result);
    return 0;
}

PyObject *dictiter_len(PyObject *self, PyObject *) noexcept {
    DictIterObject *di = as_iter(self);
    Py_ssize_t len = 0;
    if (di->di_dict != nullptr && di->di_used == di->di_dict->ma_used) len = di->len;
    return PyLong_FromSsize_t(len);
}

PyMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

// The next live entry for di (its value in *value), or NULL at the end / on error (the
// iterator is then finished).
DictKeyEntry *dictiter_advance(DictIterObject *di, PyObject **value) noexcept {
    PyDictObject *d = di->di_dict;
    if (d == nullptr) return nullptr;
    if (di->di_used != d->ma_used) {
        PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
        di->di_used = -1;  // every later call fails the same way
        return nullptr;
    }
    PyDictKeysObject *keys = d->ma_keys;
    DictKeyEntry *entries = dk_entries(keys);
    Py_ssize_t i = di->di_pos;
    if (is_reversed(Py_TYPE(di))) {
        while (i >= 0 && dict_value_at(d, i) == nullptr) --i;
        if (i < 0) goto finished;
        di->di_pos = i - 1;
    } else {
        const Py_ssize_t n = keys->dk_nentries;
        while (i < n && dict_value_at(d, i) == nullptr) ++i;
        if (i >= n) goto finished;
        // One entry more than the dict had items: keys were swapped for others.
        if (di->len == 0) {
            PyErr_SetString(PyExc_RuntimeError, "dictionary keys changed during iteration");
            goto finished;
        }
        di->di_pos = i + 1;
    }
    di->len--;
    *value = dict_value_at(d, i);
    return &entries[i];
finished:
    di->di_dict = nullptr;
    Py_DECREF(d);
    return nullptr;
}

PyObject *dictiter_next_key(PyObject *self) noexcept {
    PyObject *value;
    DictKeyEntry *entry = dictiter_advance(as_iter(self), &value);
    return entry != nullptr ? Py_NewRef(entry->me_key) : nullptr;
}

PyObject *dictiter_next_value(PyObject *self) noexcept {
    PyObject *value;
    DictKeyEntry *entry = dictiter_advance(as_iter(self), &value);
    return entry != nullptr ? Py_NewRef(value) : nullptr;
}

PyObject *dictiter_next_item(PyObject *self) noexcept {
    DictIterObject *di = as_iter(self);
    PyObject *found;
    DictKeyEntry *entry = dictiter_advance(di, &found);
    if (entry == nullptr) return nullptr;
    PyObject *key = Py_NewRef(entry->me_key);
    PyObject *value = Py_NewRef(found);
    PyObject *result = di->di_result;
    if (Py_REFCNT(result) == 1) {
        // Nobody kept the last pair: refill it.
        PyObject *old_key = PyTuple_GET_ITEM(result, 0);
        PyObject *old_value = PyTuple_GET_ITEM(result, 1);
        PyTuple_SET_ITEM(result, 0, key);
        PyTuple_SET_ITEM(result, 1, value);
        Py_INCREF(result);
        Py_DECREF(old_key);
        Py_DECREF(old_value);
        // The collector may have untracked it while it held only atomic objects.
        if (!PyObject_GC_IsTracked(result)) PyObject_GC_Track(result);
        return result;
    }
    result = PyTuple_New(2);
    if (result == nullptr) {
        Py_DECREF(key);
        Py_DECREF(value);
        return nullptr;
    }
    PyTuple_SET_ITEM(result, 0, key);
    PyTuple_SET_ITEM(result, 1, value);
    return result;
}

}  // namespace

#define MINIPY_DICT_ITER_TYPE(var, name, next)               \
    PyTypeObject var = {                                     \
        MINIPY_TYPE_OBJECT_HEAD,                             \
        .tp_name = (name),                                   \
        .tp_basicsize = sizeof(DictIterObject),              \
        .tp_dealloc = dictiter_dealloc,                      \
        .tp_getattro = PyObject_GenericGetAttr,              \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, \
        .tp_traverse = dictiter_traverse,                    \
        .tp_iter = PyObject_SelfIter,                        \
        .tp_iternext = (next),                               \
        .tp_methods = dictiter_methods,                      \
    }

extern "C" {

MINIPY_DICT_ITER_TYPE(PyDictIterKey_Type, "dict_keyiterator", dictiter_next_key);
MINIPY_DICT_ITER_TYPE(PyDictIterValue_Type, "dict_valueiterator", dictiter_next_value);
MINIPY_DICT_ITER_TYPE(PyDictIterItem_Type, "dict_itemiterator", dictiter_next_item);
MINIPY_DICT_ITER_TYPE(PyDictRevIterKey_Type, "dict_reversekeyiterator", dictiter_next_key);
MINIPY_DICT_ITER_TYPE(PyDictRevIterValue_Type, "dict_reversevalueiterator", dictiter_next_value);
MINIPY_DICT_ITER_TYPE(PyDictRevIterItem_Type, "dict_reverseitemiterator", dictiter_next_item);

}  // extern "C"

#undef MINIPY_DICT_ITER_TYPE

namespace minipy::runtime {

PyObject *dictiter_new(PyDictObject *dict, PyTypeObject *type) noexcept {
    DictIterObject *di = PyObject_GC_New(DictIterObject, type);
    if (di == nullptr) return nullptr;
    di->di_dict = reinterpret_cast<PyDictObject *>(Py_NewRef(dict));
    di->di_used = dict->ma_used;
    di->len = dict->ma_used;
    di->di_pos = is_reversed(type) ? dict->ma_keys->dk_nentries - 1 : 0;
    di->di_result = nullptr;
    if (type == &PyDictIterItem_Type || type == &PyDictRevIterItem_Type) {
        di->di_result = PyTuple_Pack(2, Py_None, Py_None);
        if (di->di_result == nullptr) {
            Py_DECREF(di);
            return nullptr;
        }
    }
    PyObject_GC_Track(di);
    return reinterpret_cast<PyObject *>(di);
}

PyObject *dict_iter(PyObject *self) noexcept {
    return dictiter_new(as_dict(self), &PyDictIterKey_Type);
}
PyObject *dict_reversed_keys(PyObject *self) noexcept {
    return dictiter_new(as_dict(self), &PyDictRevIterKey_Type);
}

}  // namespace minipy::runtime
