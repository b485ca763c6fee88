// The list type: repr, comparison,
// the sequence and mapping protocols with slices, the two iterators, and the type objects.
// Behaviour and messages follow CPython 3.11's Objects/listobject.c.
//
// Every slot here may run arbitrary code through an item's __eq__, __repr__ or __del__, and
// that code may change the list: loops re-read Py_SIZE each turn and hold a reference to the
// item they work on.
#include <cstring>

#include "minipy/Python.h"
#include "objects/list/list_internal.hpp"
#include "objects/slice/slice_internal.hpp"
#include "objects/tuple/tuple_internal.hpp"
#include "objects/type/static_type.hpp"

namespace {

using minipy::runtime::as_list;

// --- repr and comparison --------------------------------------------------------------------

PyObject *list_repr(PyObject *self) noexcept {
    if (Py_SIZE(self) == 0) return PyUnicode_FromString("[]");
    const int entered = Py_ReprEnter(self);
    if (entered != 0) return entered > 0 ? PyUnicode_FromString("[...]") : nullptr;
    PyObject *result = nullptr;
    PyObject *reprs = PyList_New(0);
    bool ok = reprs != nullptr;
    // The list may shrink or grow while its items' reprs run.
    for (Py_ssize_t i = 0; ok && i < Py_SIZE(self); i++) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(self, i));
        PyObject *r = PyObject_Repr(item);
        Py_DECREF(item);
        ok = r != nullptr && minipy::runtime::list_append_take(as_list(reprs), r) == 0;
    }
    if (ok) result = minipy::runtime::join_reprs(reprs, "[", "]", false);
    Py_XDECREF(reprs);
    Py_ReprLeave(self);
    return result;
}

PyObject *list_richcompare(PyObject *v, PyObject *w, int op) noexcept {
    if (!PyList_Check(v) || !PyList_Check(w)) Py_RETURN_NOTIMPLEMENTED;
    if (Py_SIZE(v) != Py_SIZE(w) && (op == Py_EQ || op == Py_NE)) {
        // Lists of different lengths are never equal.
        if (op == Py_EQ) Py_RETURN_FALSE;
        Py_RETURN_TRUE;
    }
    Py_ssize_t i = 0;
    for (; i < Py_SIZE(v) && i < Py_SIZE(w); i++) {
        PyObject *vitem = PyList_GET_ITEM(v, i);
        PyObject *witem = PyList_GET_ITEM(w, i);
        if (vitem == witem) continue;
        Py_INCREF(vitem);
        Py_INCREF(witem);
        const int equal = PyObject_RichCompareBool(vitem, witem, Py_EQ);
        Py_DECREF(vitem);
        Py_DECREF(witem);
        if (equal < 0) return nullptr;
        if (!equal) break;
    }
    if (i >= Py_SIZE(v) || i >= Py_SIZE(w)) Py_RETURN_RICHCOMPARE(Py_SIZE(v), Py_SIZE(w), op);
    if (op == Py_EQ) Py_RETURN_FALSE;
    if (op == Py_NE) Py_RETURN_TRUE;
    PyObject *vitem = Py_NewRef(PyList_GET_ITEM(v, i));
    PyObject *witem = Py_NewRef(PyList_GET_ITEM(w, i));
    PyObject *result = PyObject_RichCompare(vitem, witem, op);
    Py_DECREF(vitem);
    Py_DECREF(witem);
    return result;
}

int list_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    for (Py_ssize_t i = Py_SIZE(self); --i >= 0;) Py_VISIT(PyList_GET_ITEM(self, i));
    return 0;
}

int list_clear_slot(PyObject *self) noexcept {
    minipy::runtime::list_clear_items(as_list(self));
    return 0;
}

// --- sequence protocol ----------------------------------------------------------------------

Py_ssize_t list_length(PyObject *self) noexcept {
    return Py_SIZE(self);
}

int list_contains(PyObject *self, PyObject *value) noexcept {
    int found = 0;
    for (Py_ssize_t i = 0; found == 0 && i < Py_SIZE(self); i++) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(self, i));
        found = PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
    }
    return found;
}

PyObject *list_item(PyObject *self, Py_ssize_t i) noexcept {
    if (i < 0 || i >= Py_SIZE(self)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return nullptr;
    }
    return Py_NewRef(PyList_GET_ITEM(self, i));
}

PyObject *list_concat(PyObject *a, PyObject *b) noexcept {
    if (!PyList_Check(b)) {
        return PyErr_Format(PyExc_TypeError, "can only concatenate list (not \"%.200s\") to list",
                            Py_TYPE(b)->tp_name);
    }
    const Py_ssize_t alen = Py_SIZE(a);
    const Py_ssize_t blen = Py_SIZE(b);
    if (alen > PY_SSIZE_T_MAX - blen) return PyErr_NoMemory();
    if (alen + blen == 0) return PyList_New(0);
    PyObject *result = minipy::runtime::list_new_prealloc(alen + blen);
    if (result == nullptr) return nullptr;
    PyObject **dest = as_list(result)->ob_item;
    for (Py_ssize_t i = 0; i < alen; i++) dest[i] = Py_NewRef(PyList_GET_ITEM(a, i));
    for (Py_ssize_t i = 0; i < blen; i++) dest[alen + i] = Py_NewRef(PyList_GET_ITEM(b, i));
    Py_SET_SIZE(result, alen + blen);
    return result;
}

PyObject *list_repeat(PyObject *self, Py_ssize_t n) noexcept {
    const Py_ssize_t size = Py_SIZE(self);
    if (n < 0) n = 0;
    if (n > 0 && size > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
    if (size * n == 0) return PyList_New(0);
    PyObject *result = minipy::runtime::list_new_prealloc(size * n);
    if (result == nullptr) return nullptr;
    PyObject **dest = as_list(result)->ob_item;
    for (Py_ssize_t copy = 0; copy < n; copy++) {
        for (Py_ssize_t i = 0; i < size; i++) *dest++ = Py_NewRef(PyList_GET_ITEM(self, i));
    }
    Py_SET_SIZE(result, size * n);
    return result;
}

int list_ass_item(PyObject *self, Py_ssize_t i, PyObject *value) noexcept {
    if (i < 0 || i >= Py_SIZE(self)) {
        PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (value == nullptr) return minipy::runtime::list_ass_slice(as_list(self), i, i + 1, nullptr);
    Py_SETREF(as_list(self)->ob_item[i], Py_NewRef(value));
    return 0;
}

PyObject *list_inplace_concat(PyObject *self, PyObject *other) noexcept {
    PyObject *none = minipy::runtime::list_extend(as_list(self), other);
    if (none == nullptr) return nullptr;
    Py_DECREF(none);
    return Py_NewRef(self);
}

PyObject *list_inplace_repeat(PyObject *self, Py_ssize_t n) noexcept {
    const Py_ssize_t size = Py_SIZE(self);
    if (size == 0 || n == 1) return Py_NewRef(self);
    if (n < 1) {
        minipy::runtime::list_clear_items(as_list(self));
        return Py_NewRef(self);
    }
    if (size > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
    if (minipy::runtime::list_resize(as_list(self), size * n) < 0) return nullptr;
    PyObject **items = as_list(self)->ob_item;
    for (Py_ssize_t copy = 1; copy < n; copy++) {
        for (Py_ssize_t i = 0; i < size; i++) items[copy * size + i] = Py_NewRef(items[i]);
    }
    return Py_NewRef(self);
}

// --- mapping protocol: indices and slices ---------------------------------------------------

PyObject *list_subscript(PyObject *self, PyObject *item) noexcept {
    using minipy::runtime::Subscript;
    Py_ssize_t index = 0;
    minipy::runtime::SliceSpec slice{};
    switch (minipy::runtime::classify_subscript(item, Py_SIZE(self), "list", &index, &slice)) {
    case Subscript::error: return nullptr;
    case Subscript::index:
        if (index < 0) index += Py_SIZE(self);
        return list_item(self, index);
    case Subscript::slice: break;
    }
    if (slice.length <= 0) return PyList_New(0);
    if (slice.step == 1) return minipy::runtime::list_slice(as_list(self), slice.start, slice.stop);
    PyObject *result = minipy::runtime::list_new_prealloc(slice.length);
    if (result == nullptr) return nullptr;
    PyObject **dest = as_list(result)->ob_item;
    for (Py_ssize_t i = 0; i < slice.length; i++)
        dest[i] = Py_NewRef(PyList_GET_ITEM(self, slice.start + i * slice.step));
    Py_SET_SIZE(result, slice.length);
    return result;
}

// del self[start:stop:step] for a step other than 1: the kept items slide down over the
// holes, the removed ones are released after the list is consistent again.
int delete_extended_slice(PyListObject *self, minipy::runtime::SliceSpec slice) noexcept {
    if (slice.length <= 0) return 0;
    Py_ssize_t start = slice.start;
    Py_ssize_t step = slice.step;
    if (step < 0) {
        // The same items, walked upwards.
        start = start + step * (slice.length - 1);
        step = -step;
    }
    auto **garbage = static_cast<PyObject **>(
        PyMem_Malloc(static_cast<size_t>(slice.length) * sizeof(PyObject *)));
    if (garbage == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject **items = self->ob_item;
    const Py_ssize_t size = Py_SIZE(self);
    for (Py_ssize_t i = 0; i < slice.length; i++) {
        const Py_ssize_t at = start + i * step;
        garbage[i] = items[at];
        // The kept run after this hole: up to the next hole or the end of the list.
        const Py_ssize_t run_end = i + 1 < slice.length ? at + step : size;
        std::memmove(&items[at - i], &items[at + 1],
                     static_cast<size_t>(run_end - at - 1) * sizeof(PyObject *));
    }
    Py_SET_SIZE(self, size - slice.length);
    const int result = minipy::runtime::list_resize(self, Py_SIZE(self));
    for (Py_ssize_t i = 0; i < slice.length; i++) Py_DECREF(garbage[i]);
    PyMem_Free(garbage);
    return result;
}

int assign_extended_slice(PyListObject *self, minipy::runtime::SliceSpec slice,
                          PyObject *value) noexcept {
    // a[::-1] = a must read the old items: copy them first.
    PyObject *seq =
        value == reinterpret_cast<PyObject *>(self)
            ? minipy::runtime::list_slice(self, 0, Py_SIZE(self))
            : minipy::runtime::sequence_fast(value, "must assign iterable to extended slice");
    if (seq == nullptr) return -1;
    if (Py_SIZE(seq) != slice.length) {
        PyErr_Format(PyExc_ValueError,
                     "attempt to assign sequence of size %zd to extended slice of size %zd",
                     Py_SIZE(seq), slice.length);
        Py_DECREF(seq);
        return -1;
    }
    if (slice.length == 0) {
        Py_DECREF(seq);
        return 0;
    }
    auto **garbage = static_cast<PyObject **>(
        PyMem_Malloc(static_cast<size_t>(slice.length) * sizeof(PyObject *)));
    if (garbage == nullptr) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    PyObject **source = minipy::runtime::fast_items(seq);
    for (Py_ssize_t i = 0; i < slice.length; i++) {
        // i * step stays within the list for every selected i; only stepping past the last
        // one could overflow, so there is no running index.
        const Py_ssize_t at = slice.start + i * slice.step;
        garbage[i] = self->ob_item[at];
        self->ob_item[at] = Py_NewRef(source[i]);
    }
    for (Py_ssize_t i = 0; i < slice.length; i++) Py_DECREF(garbage[i]);
    PyMem_Free(garbage);
    Py_DECREF(seq);
    return 0;
}

int list_ass_subscript(PyObject *self, PyObject *item, PyObject *value) noexcept {
    using minipy::runtime::Subscript;
    Py_ssize_t index = 0;
    minipy::runtime::SliceSpec slice{};
    switch (minipy::runtime::classify_subscript(item, Py_SIZE(self), "list", &index, &slice)) {
    case Subscript::error: return -1;
    case Subscript::index:
        if (index < 0) index += Py_SIZE(self);
        return list_ass_item(self, index, value);
    case Subscript::slice: break;
    }
    if (slice.step == 1)
        return minipy::runtime::list_ass_slice(as_list(self), slice.start, slice.stop, value);
    if (value == nullptr) return delete_extended_slice(as_list(self), slice);
    return assign_extended_slice(as_list(self), slice, value);
}

// --- iterators ------------------------------------------------------------------------------

// Forward: `index` counts up; the list is dropped at the end. Reverse: `index` counts down
// and is re-checked against the size, since the list may have shrunk.
// minipy/listobject.h has the layout (the eval loop's FOR_ITER_LIST reads it).
using ListIterObject = _PyListIterObject;

PyObject *make_list_iterator(PyTypeObject *type, PyObject *list, Py_ssize_t start) noexcept {
    ListIterObject *it = PyObject_GC_New(ListIterObject, type);
    if (it == nullptr) return nullptr;
    it->it_index = start;
    it->it_seq = as_list(Py_NewRef(list));
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

PyObject *list_iter(PyObject *self) noexcept {
    return make_list_iterator(&PyListIter_Type, self, 0);
}

void listiter_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(reinterpret_cast<ListIterObject *>(self)->it_seq);
    PyObject_GC_Del(self);
}

int listiter_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<ListIterObject *>(self)->it_seq);
    return 0;
}

PyObject *listiter_next(PyObject *self) noexcept {
    auto *it = reinterpret_cast<ListIterObject *>(self);
    if (it->it_seq == nullptr) return nullptr;
    if (it->it_index < Py_SIZE(it->it_seq))
        return Py_NewRef(PyList_GET_ITEM(it->it_seq, it->it_index++));
    Py_CLEAR(it->it_seq);
    return nullptr;
}

PyObject *listiter_length_hint(PyObject *self, PyObject *) noexcept {
    auto *it = reinterpret_cast<ListIterObject *>(self);
    Py_ssize_t left = 0;
    if (it->it_seq != nullptr && Py_SIZE(it->it_seq) > it->it_index)
        left = Py_SIZE(it->it_seq) - it->it_index;
    return PyLong_FromSsize_t(left);
}

PyObject *listreviter_next(PyObject *self) noexcept {
    auto *it = reinterpret_cast<ListIterObject *>(self);
    if (it->it_seq == nullptr) return nullptr;
    if (it->it_index >= 0 && it->it_index < Py_SIZE(it->it_seq))
        return Py_NewRef(PyList_GET_ITEM(it->it_seq, it->it_index--));
    it->it_index = -1;
    Py_CLEAR(it->it_seq);
    return nullptr;
}

PyObject *listreviter_length_hint(PyObject *self, PyObject *) noexcept {
    auto *it = reinterpret_cast<ListIterObject *>(self);
    Py_ssize_t left = it->it_index + 1;
    if (it->it_seq == nullptr || Py_SIZE(it->it_seq) < left) left = 0;
    return PyLong_FromSsize_t(left);
}

PyMethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef listreviter_methods[] = {
    {"__length_hint__", listreviter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

PySequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .was_sq_slice = nullptr,
    .sq_ass_item = list_ass_item,
    .was_sq_ass_slice = nullptr,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};

PyMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

}  // namespace

namespace minipy::runtime {

// list.__reversed__ (list_methods.cpp lists it).
PyObject *list_reversed(PyObject *self, PyObject *) noexcept {
    return make_list_iterator(&PyListRevIter_Type, self, Py_SIZE(self) - 1);
}

}  // namespace minipy::runtime

extern "C" {

PyTypeObject PyList_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "list",
    .tp_basicsize = sizeof(PyListObject),
    .tp_itemsize = 0,
    .tp_dealloc = minipy::runtime::list_dealloc,
    .tp_repr = list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LIST_SUBCLASS,
    .tp_doc =
        "Built-in mutable sequence.\n\n"
        "If no argument is given, the constructor creates a new empty list.\n"
        "The argument must be an iterable if specified.",
    .tp_traverse = list_traverse,
    .tp_clear = list_clear_slot,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = minipy::runtime::list_methods,
    .tp_init = minipy::runtime::list_init_slot,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyListIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(ListIterObject),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = listiter_next,
    .tp_methods = listiter_methods,
};

PyTypeObject PyListRevIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(ListIterObject),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = listreviter_next,
    .tp_methods = listreviter_methods,
};

}  // extern "C"
