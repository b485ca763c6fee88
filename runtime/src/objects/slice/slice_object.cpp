// The slice type: slice objects, their one-object cache, slice(), repr, comparison and
// slice.indices(). The C-index arithmetic is in slice_indices.cpp. Also the start-up and
// shutdown step of range and slice (range_slice_init/fini), which readies the generic
// iterators of iter_object.cpp too.
//
// Cache (CPython 3.11's slice_cache): dealloc keeps the last freed slice object when none is
// kept yet, PySlice_New takes it; only when use_freelists(). range_slice_fini frees it.
#include "args/method_args.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"
#include "objects/freelist_settings.hpp"
#include "objects/slice/slice_internal.hpp"
#include "objects/type/static_type.hpp"

namespace {

namespace args = minipy::runtime::args;

inline PySliceObject *as_slice(PyObject *op) noexcept {
    return reinterpret_cast<PySliceObject *>(op);
}

constinit PySliceObject *g_cached_slice = nullptr;

void slice_dealloc(PyObject *self) noexcept {
    PySliceObject *s = as_slice(self);
    PyObject_GC_UnTrack(self);
    Py_DECREF(s->step);
    Py_DECREF(s->start);
    Py_DECREF(s->stop);
    if (minipy::runtime::use_freelists() && g_cached_slice == nullptr) {
        g_cached_slice = s;
        return;
    }
    PyObject_GC_Del(self);
}

int slice_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_slice(self)->start);
    Py_VISIT(as_slice(self)->stop);
    Py_VISIT(as_slice(self)->step);
    return 0;
}

PyObject *slice_repr(PyObject *self) noexcept {
    PySliceObject *s = as_slice(self);
    return PyUnicode_FromFormat("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

// Slices compare as the tuples (start, stop, step); a slice is equal to itself whatever its
// parts say.
PyObject *slice_richcompare(PyObject *v, PyObject *w, int op) noexcept {
    if (!PySlice_Check(v) || !PySlice_Check(w)) Py_RETURN_NOTIMPLEMENTED;
    if (v == w) {
        if (op == Py_EQ || op == Py_LE || op == Py_GE) Py_RETURN_TRUE;
        Py_RETURN_FALSE;
    }
    PyObject *left = PyTuple_Pack(3, as_slice(v)->start, as_slice(v)->stop, as_slice(v)->step);
    if (left == nullptr) return nullptr;
    PyObject *right = PyTuple_Pack(3, as_slice(w)->start, as_slice(w)->stop, as_slice(w)->step);
    if (right == nullptr) {
        Py_DECREF(left);
        return nullptr;
    }
    PyObject *result = PyObject_RichCompare(left, right, op);
    Py_DECREF(left);
    Py_DECREF(right);
    return result;
}

PyObject *slice_new(PyTypeObject *, PyObject *args, PyObject *kwds) noexcept {
    if (!args::no_keywords("slice", kwds)) return nullptr;
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (!args::check_positional("slice", nargs, 1, 3)) return nullptr;
    // slice(stop) like range(stop).
    if (nargs == 1) return PySlice_New(nullptr, PyTuple_GET_ITEM(args, 0), nullptr);
    return PySlice_New(PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1),
                       nargs == 3 ? PyTuple_GET_ITEM(args, 2) : nullptr);
}

// --- slice.indices(length): the arithmetic of slice_indices.cpp on int objects --------------

// A bound as an int object (PyNumber_Index makes it an exact int, so _PyLong_Sign applies).
PyObject *evaluate_bound(PyObject *value) noexcept {
    if (PyIndex_Check(value)) return PyNumber_Index(value);
    PyErr_SetString(PyExc_TypeError,
                    "slice indices must be integers or None or have an __index__ method");
    return nullptr;
}

// One bound as PySlice_AdjustIndices pins it, with lower/upper the pinned range.
PyObject *pin_bound(PyObject *bound, PyObject *length, PyObject *lower, PyObject *upper) noexcept {
    PyObject *value = evaluate_bound(bound);
    if (value == nullptr) return nullptr;
    const int sign = _PyLong_Sign(value);
    if (sign < 0) {
        Py_SETREF(value, PyNumber_Add(value, length));
        if (value == nullptr) return nullptr;
    }
    PyObject *limit = sign < 0 ? lower : upper;
    const int beyond = PyObject_RichCompareBool(value, limit, sign < 0 ? Py_LT : Py_GT);
    if (beyond < 0) {
        Py_DECREF(value);
        return nullptr;
    }
    if (beyond) Py_SETREF(value, Py_NewRef(limit));
    return value;
}

PyObject *slice_indices(PyObject *self, PyObject *length_arg) noexcept {
    PyObject *length = PyNumber_Index(length_arg);
    if (length == nullptr) return nullptr;
    if (_PyLong_Sign(length) < 0) {
        PyErr_SetString(PyExc_ValueError, "length should not be negative");
        Py_DECREF(length);
        return nullptr;
    }
    PyObject *start = nullptr;
    PyObject *stop = nullptr;
    PyObject *step = nullptr;
    const int found = minipy::runtime::slice_long_indices(self, length, &start, &stop, &step);
    Py_DECREF(length);
    if (found < 0) return nullptr;
    PyObject *result = PyTuple_Pack(3, start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_DECREF(step);
    return result;
}

PyObject *slice_reduce(PyObject *self, PyObject *) noexcept {
    PySliceObject *s = as_slice(self);
    PyObject *parts = PyTuple_Pack(3, s->start, s->stop, s->step);
    if (parts == nullptr) return nullptr;
    PyObject *result = PyTuple_Pack(2, reinterpret_cast<PyObject *>(Py_TYPE(self)), parts);
    Py_DECREF(parts);
    return result;
}

PyObject *slice_get_start(PyObject *self, void *) noexcept {
    return Py_NewRef(as_slice(self)->start);
}
PyObject *slice_get_stop(PyObject *self, void *) noexcept {
    return Py_NewRef(as_slice(self)->stop);
}
PyObject *slice_get_step(PyObject *self, void *) noexcept {
    return Py_NewRef(as_slice(self)->step);
}

PyMethodDef slice_methods[] = {
    {"indices", slice_indices, METH_O,
     "S.indices(len) -> (start, stop, stride)\n\n"
     "Assuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\n"
     "S. Out of bounds indices are clipped in a manner consistent with the\n"
     "handling of normal slices."},
    {"__reduce__", slice_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

using minipy::runtime::readonly_member_set;

PyGetSetDef slice_getset[] = {
    {"start", slice_get_start, readonly_member_set, nullptr, nullptr},
    {"stop", slice_get_stop, readonly_member_set, nullptr, nullptr},
    {"step", slice_get_step, readonly_member_set, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

namespace minipy::runtime {

int readonly_member_set(PyObject *, PyObject *, void *) noexcept {
    PyErr_SetString(PyExc_AttributeError, "readonly attribute");
    return -1;
}

}  // namespace minipy::runtime

extern "C" PyObject *PySlice_New(PyObject *start, PyObject *stop, PyObject *step) noexcept {
    PySliceObject *s = nullptr;
    if (g_cached_slice != nullptr) {
        s = g_cached_slice;
        g_cached_slice = nullptr;
        _Py_NewReference(reinterpret_cast<PyObject *>(s));
    } else {
        s = PyObject_GC_New(PySliceObject, &PySlice_Type);
        if (s == nullptr) return nullptr;
    }
    s->start = Py_NewRef(start != nullptr ? start : Py_None);
    s->stop = Py_NewRef(stop != nullptr ? stop : Py_None);
    s->step = Py_NewRef(step != nullptr ? step : Py_None);
    PyObject_GC_Track(s);
    return reinterpret_cast<PyObject *>(s);
}

namespace minipy::runtime {

int slice_long_indices(PyObject *slice, PyObject *length, PyObject **start_out, PyObject **stop_out,
                       PyObject **step_out) noexcept {
    PySliceObject *s = as_slice(slice);
    PyObject *step = nullptr;
    PyObject *lower = nullptr;
    PyObject *upper = nullptr;
    PyObject *start = nullptr;
    PyObject *stop = nullptr;
    bool step_negative = false;
    if (s->step == Py_None) {
        step = PyLong_FromLong(1);
        if (step == nullptr) return -1;
    } else {
        if ((step = evaluate_bound(s->step)) == nullptr) return -1;
        const int sign = _PyLong_Sign(step);
        if (sign == 0) {
            PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
            Py_DECREF(step);
            return -1;
        }
        step_negative = sign < 0;
    }
    // Bounds are pinned to [0, length] going up, [-1, length - 1] going down.
    lower = PyLong_FromLong(step_negative ? -1 : 0);
    if (lower != nullptr) upper = step_negative ? PyNumber_Add(length, lower) : Py_NewRef(length);
    if (upper != nullptr) {
        start = s->start == Py_None ? Py_NewRef(step_negative ? upper : lower)
                                    : pin_bound(s->start, length, lower, upper);
    }
    if (start != nullptr) {
        stop = s->stop == Py_None ? Py_NewRef(step_negative ? lower : upper)
                                  : pin_bound(s->stop, length, lower, upper);
    }
    Py_XDECREF(lower);
    Py_XDECREF(upper);
    if (stop == nullptr) {
        Py_XDECREF(start);
        Py_DECREF(step);
        return -1;
    }
    *start_out = start;
    *stop_out = stop;
    *step_out = step;
    return 0;
}

int range_slice_init() noexcept {
    g_cached_slice = nullptr;
    PyTypeObject *types[] = {&PySlice_Type,         &PyRange_Type,   &PyRangeIter_Type,
                             &PyLongRangeIter_Type, &PySeqIter_Type, &PyCallIter_Type};
    for (PyTypeObject *type : types) {
        if (PyType_Ready(type) < 0) return -1;
    }
    return 0;
}

void range_slice_fini() noexcept {
    if (g_cached_slice != nullptr) {
        PyObject_GC_Del(g_cached_slice);
        g_cached_slice = nullptr;
    }
}

}  // namespace minipy::runtime

extern "C" {

PyTypeObject PySlice_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "slice",
    .tp_basicsize = sizeof(PySliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc =
        "slice(stop)\nslice(start, stop[, step])\n\n"
        "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
    .tp_traverse = slice_traverse,
    .tp_richcompare = slice_richcompare,
    .tp_methods = slice_methods,
    .tp_getset = slice_getset,
    .tp_new = slice_new,
};

}  // extern "C"
