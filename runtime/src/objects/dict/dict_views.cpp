// dict's views (dict_keys, dict_values, dict_items), after CPython 3.11's
// Objects/dictobject.c. Views are live: they hold the dict and read it when asked. Keys and
// items views are set-like: comparison with sets and other views, &, |, -, ^ (results are
// sets), isdisjoint. The iterators they hand out are dict_iter.cpp's.
#include "objects/dict/dict_internal.hpp"
#include "objects/set/set_internal.hpp"
#include "objects/type/static_type.hpp"

using namespace minipy::runtime;

namespace {

inline _PyDictViewObject *as_view(PyObject *op) noexcept {
    return reinterpret_cast<_PyDictViewObject *>(op);
}

// --- Views ------------------------------------------------------------------------------

PyObject *dictview_new(PyObject *dict, PyTypeObject *type) noexcept {
    if (dict == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "%s() requires a dict argument, not '%s'", type->tp_name,
                     Py_TYPE(dict)->tp_name);
        return nullptr;
    }
    _PyDictViewObject *dv = PyObject_GC_New(_PyDictViewObject, type);
    if (dv == nullptr) return nullptr;
    dv->dv_dict = reinterpret_cast<PyDictObject *>(Py_NewRef(dict));
    PyObject_GC_Track(dv);
    return reinterpret_cast<PyObject *>(dv);
}

void dictview_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(as_view(self)->dv_dict);
    PyObject_GC_Del(self);
}

int dictview_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_view(self)->dv_dict);
    return 0;
}

Py_ssize_t dictview_len(PyObject *self) noexcept {
    PyDictObject *d = as_view(self)->dv_dict;
    return d != nullptr ? d->ma_used : 0;
}

// "dict_keys([...])"; "..." for a view met again inside itself.
PyObject *dictview_repr(PyObject *self) noexcept {
    const int entered = Py_ReprEnter(self);
    if (entered != 0) return entered > 0 ? PyUnicode_FromString("...") : nullptr;
    PyObject *result = nullptr;
    PyObject *items = PySequence_List(self);
    if (items != nullptr) {
        result = PyUnicode_FromFormat("%s(%R)", Py_TYPE(self)->tp_name, items);
        Py_DECREF(items);
    }
    Py_ReprLeave(self);
    return result;
}

PyObject *dictkeys_iter(PyObject *self) noexcept {
    return dictiter_new(as_view(self)->dv_dict, &PyDictIterKey_Type);
}
PyObject *dictvalues_iter(PyObject *self) noexcept {
    return dictiter_new(as_view(self)->dv_dict, &PyDictIterValue_Type);
}
PyObject *dictitems_iter(PyObject *self) noexcept {
    return dictiter_new(as_view(self)->dv_dict, &PyDictIterItem_Type);
}
PyObject *dictkeys_reversed(PyObject *self, PyObject *) noexcept {
    return dictiter_new(as_view(self)->dv_dict, &PyDictRevIterKey_Type);
}
PyObject *dictvalues_reversed(PyObject *self, PyObject *) noexcept {
    return dictiter_new(as_view(self)->dv_dict, &PyDictRevIterValue_Type);
}
PyObject *dictitems_reversed(PyObject *self, PyObject *) noexcept {
    return dictiter_new(as_view(self)->dv_dict, &PyDictRevIterItem_Type);
}

int dictkeys_contains(PyObject *self, PyObject *key) noexcept {
    PyDictObject *d = as_view(self)->dv_dict;
    return d != nullptr ? PyDict_Contains(reinterpret_cast<PyObject *>(d), key) : 0;
}

// (key, value) in items: the key is present with an equal value.
int dictitems_contains(PyObject *self, PyObject *pair) noexcept {
    PyDictObject *d = as_view(self)->dv_dict;
    if (d == nullptr || !PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) return 0;
    PyObject *found =
        PyDict_GetItemWithError(reinterpret_cast<PyObject *>(d), PyTuple_GET_ITEM(pair, 0));
    if (found == nullptr) return PyErr_Occurred() ? -1 : 0;
    Py_INCREF(found);
    const int result = PyObject_RichCompareBool(found, PyTuple_GET_ITEM(pair, 1), Py_EQ);
    Py_DECREF(found);
    return result;
}

// Is every item of `self` in `other`? 1 / 0 / -1.
int all_contained_in(PyObject *self, PyObject *other) noexcept {
    PyObject *iter = PyObject_GetIter(self);
    if (iter == nullptr) return -1;
    int ok = 1;
    for (;;) {
        PyObject *item = PyIter_Next(iter);
        if (item == nullptr) {
            if (PyErr_Occurred()) ok = -1;
            break;
        }
        ok = PySequence_Contains(other, item);
        Py_DECREF(item);
        if (ok <= 0) break;
    }
    Py_DECREF(iter);
    return ok;
}

PyObject *dictview_richcompare(PyObject *self, PyObject *other, int op) noexcept {
    if (!PyDictViewSet_Check(self) || !(PyAnySet_Check(other) || PyDictViewSet_Check(other)))
        Py_RETURN_NOTIMPLEMENTED;
    const Py_ssize_t len_self = PyObject_Size(self);
    if (len_self < 0) return nullptr;
    const Py_ssize_t len_other = PyObject_Size(other);
    if (len_other < 0) return nullptr;
    int ok = 0;
    switch (op) {
    case Py_NE:
    case Py_EQ:
        if (len_self == len_other) ok = all_contained_in(self, other);
        if (op == Py_NE && ok >= 0) ok = !ok;
        break;
    case Py_LT:
        if (len_self < len_other) ok = all_contained_in(self, other);
        break;
    case Py_LE:
        if (len_self <= len_other) ok = all_contained_in(self, other);
        break;
    case Py_GT:
        if (len_self > len_other) ok = all_contained_in(other, self);
        break;
    case Py_GE:
        if (len_self >= len_other) ok = all_contained_in(other, self);
        break;
    default: break;
    }
    if (ok < 0) return nullptr;
    return PyBool_FromLong(ok);
}

// The left operand of a view operation as a new set (a keys view reads its dict directly).
PyObject *dictviews_to_set(PyObject *self) noexcept {
    PyObject *source = self;
    if (PyDictKeys_Check(self)) {
        PyObject *dict = reinterpret_cast<PyObject *>(as_view(self)->dv_dict);
        if (PyDict_CheckExact(dict)) source = dict;
    }
    return PySet_New(source);
}

// Binary operators get the view on either side: `self` may be the other operand.
PyObject *dictviews_apply(PyObject *self, PyObject *other,
                          int (*update)(PySetObject *, PyObject *)) noexcept {
    PyObject *result = dictviews_to_set(self);
    if (result == nullptr) return nullptr;
    if (update(as_set(result), other) < 0) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

PyObject *dictviews_sub(PyObject *self, PyObject *other) noexcept {
    return dictviews_apply(self, other, set_difference_update_internal);
}
PyObject *dictviews_or(PyObject *self, PyObject *other) noexcept {
    return dictviews_apply(self, other, set_update_internal);
}
// items ^ items, CPython 3.11's way (it decides the result's order): the pairs of the second
// dict that the first lacks or holds with another value, then what is left of a copy of the
// first once the pairs both hold alike are deleted from it.
PyObject *dictitems_xor(PyObject *self, PyObject *other) noexcept {
    PyObject *d2 = reinterpret_cast<PyObject *>(as_view(other)->dv_dict);
    PyObject *rest = PyDict_Copy(reinterpret_cast<PyObject *>(as_view(self)->dv_dict));
    if (rest == nullptr) return nullptr;
    PyObject *result = PySet_New(nullptr);
    if (result == nullptr) {
        Py_DECREF(rest);
        return nullptr;
    }
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value2;
    Py_hash_t hash;
    int status = 0;
    while (status == 0 && _PyDict_Next(d2, &pos, &key, &value2, &hash)) {
        Py_INCREF(key);
        Py_INCREF(value2);
        PyObject *value1 = Py_XNewRef(_PyDict_GetItem_KnownHash(rest, key, hash));
        int same = 0;
        if (value1 != nullptr)
            same = PyObject_RichCompareBool(value1, value2, Py_EQ);
        else if (PyErr_Occurred())
            same = -1;
        if (same > 0) {
            status = _PyDict_DelItem_KnownHash(rest, key, hash);
        } else if (same == 0) {
            PyObject *pair = PyTuple_Pack(2, key, value2);
            status = pair != nullptr ? PySet_Add(result, pair) : -1;
            Py_XDECREF(pair);
        } else {
            status = -1;
        }
        Py_DECREF(key);
        Py_XDECREF(value1);
        Py_DECREF(value2);
    }
    PyObject *remaining = status == 0 ? _PyDictView_New(rest, &PyDictItems_Type) : nullptr;
    if (remaining != nullptr) {
        status = set_update_internal(as_set(result), remaining);
        Py_DECREF(remaining);
    } else {
        status = -1;
    }
    Py_DECREF(rest);
    if (status < 0) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

PyObject *dictviews_xor(PyObject *self, PyObject *other) noexcept {
    if (PyDictItems_Check(self) && PyDictItems_Check(other)) return dictitems_xor(self, other);
    return dictviews_apply(self, other, set_symmetric_difference_update_internal);
}

PyObject *dictviews_and(PyObject *self, PyObject *other) noexcept {
    if (!PyDictViewSet_Check(self)) {
        PyObject *swap = self;
        self = other;
        other = swap;
    }
    const Py_ssize_t len_self = dictview_len(self);
    // A bigger set: let the set do it, from the smaller side.
    if (PySet_CheckExact(other)) {
        const Py_ssize_t len_other = PyObject_Size(other);
        if (len_other < 0) return nullptr;
        if (len_self <= len_other) return set_intersection(as_set(other), self);
    }
    // Walk the smaller of two views.
    if (PyDictViewSet_Check(other) && dictview_len(other) > len_self) {
        PyObject *swap = self;
        self = other;
        other = swap;
    }
    int (*contains)(PyObject *, PyObject *) =
        PyDictKeys_Check(self) ? dictkeys_contains : dictitems_contains;
    PyObject *result = PySet_New(nullptr);
    if (result == nullptr) return nullptr;
    PyObject *iter = PyObject_GetIter(other);
    if (iter == nullptr) {
        Py_DECREF(result);
        return nullptr;
    }
    PyObject *key;
    while ((key = PyIter_Next(iter)) != nullptr) {
        int status = contains(self, key);
        if (status > 0) status = PySet_Add(result, key);
        Py_DECREF(key);
        if (status < 0) break;
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}

PyObject *dictviews_isdisjoint(PyObject *self, PyObject *other) noexcept {
    if (self == other) return PyBool_FromLong(dictview_len(self) == 0);
    // Walk the shorter side when the other answers `in` cheaply.
    if (PyAnySet_Check(other) || PyDictViewSet_Check(other)) {
        const Py_ssize_t len_other = PyObject_Size(other);
        if (len_other < 0) return nullptr;
        if (len_other > dictview_len(self)) {
            PyObject *swap = self;
            self = other;
            other = swap;
        }
    }
    PyObject *iter = PyObject_GetIter(other);
    if (iter == nullptr) return nullptr;
    PyObject *item;
    while ((item = PyIter_Next(iter)) != nullptr) {
        const int contains = PySequence_Contains(self, item);
        Py_DECREF(item);
        if (contains != 0) {
            Py_DECREF(iter);
            if (contains < 0) return nullptr;
            Py_RETURN_FALSE;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_TRUE;
}

PyNumberMethods dictviews_as_number = {
    .nb_subtract = dictviews_sub,
    .nb_and = dictviews_and,
    .nb_xor = dictviews_xor,
    .nb_or = dictviews_or,
};

PySequenceMethods dictkeys_as_sequence = {.sq_length = dictview_len,
                                          .sq_contains = dictkeys_contains};
PySequenceMethods dictitems_as_sequence = {.sq_length = dictview_len,
                                           .sq_contains = dictitems_contains};
PySequenceMethods dictvalues_as_sequence = {.sq_length = dictview_len};

PyMethodDef dictkeys_methods[] = {
    {"isdisjoint", dictviews_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", dictkeys_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef dictitems_methods[] = {
    {"isdisjoint", dictviews_isdisjoint, METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", dictitems_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict items."},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef dictvalues_methods[] = {
    {"__reversed__", dictvalues_reversed, METH_NOARGS,
     "Return a reverse iterator over the dict values."},
    {nullptr, nullptr, 0, nullptr},
};

constexpr unsigned long kViewFlags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;

}  // namespace

extern "C" {

PyTypeObject PyDictKeys_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "dict_keys",
    .tp_basicsize = sizeof(_PyDictViewObject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_number = &dictviews_as_number,
    .tp_as_sequence = &dictkeys_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kViewFlags,
    .tp_traverse = dictview_traverse,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictkeys_iter,
    .tp_methods = dictkeys_methods,
};

PyTypeObject PyDictItems_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "dict_items",
    .tp_basicsize = sizeof(_PyDictViewObject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_number = &dictviews_as_number,
    .tp_as_sequence = &dictitems_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kViewFlags,
    .tp_traverse = dictview_traverse,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictitems_iter,
    .tp_methods = dictitems_methods,
};

PyTypeObject PyDictValues_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "dict_values",
    .tp_basicsize = sizeof(_PyDictViewObject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_sequence = &dictvalues_as_sequence,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kViewFlags,
    .tp_traverse = dictview_traverse,
    .tp_iter = dictvalues_iter,
    .tp_methods = dictvalues_methods,
};

PyObject *_PyDictView_New(PyObject *dict, PyTypeObject *type) noexcept {
    return dictview_new(dict, type);
}

}  // extern "C"

namespace minipy::runtime {

PyObject *dictview_keys(PyObject *self) noexcept {
    return dictview_new(self, &PyDictKeys_Type);
}
PyObject *dictview_values(PyObject *self) noexcept {
    return dictview_new(self, &PyDictValues_Type);
}
PyObject *dictview_items(PyObject *self) noexcept {
    return dictview_new(self, &PyDictItems_Type);
}

int dict_views_ready() noexcept {
    PyTypeObject *types[] = {
        &PyDictKeys_Type,       &PyDictValues_Type,       &PyDictItems_Type,
        &PyDictIterKey_Type,    &PyDictIterValue_Type,    &PyDictIterItem_Type,
        &PyDictRevIterKey_Type, &PyDictRevIterValue_Type, &PyDictRevIterItem_Type};
    for (PyTypeObject *type : types)
        if (PyType_Ready(type) < 0) return -1;
    return 0;
}

}  // namespace minipy::runtime
