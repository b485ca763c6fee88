// The generic iterators of iterobject.h (CPython 3.11's Objects/iterobject.c):
//   iterator           iter(obj) for an object with __getitem__ but no __iter__: obj[0],
//                      obj[1], ... until IndexError or StopIteration, which end it quietly.
//   callable_iterator  iter(callable, sentinel): calls until a result equals the sentinel.
// Both drop what they refer to as soon as they are exhausted, and stay exhausted.
// Their types are readied by range_slice_init (slice_object.cpp).
#include "minipy/Python.h"
#include "objects/type/static_type.hpp"

namespace {

struct SeqIterObject {
    PyObject_HEAD Py_ssize_t index;
    PyObject *seq;  // NULL once exhausted
};

struct CallIterObject {
    PyObject_HEAD PyObject *callable;  // both NULL once exhausted
    PyObject *sentinel;
};

void seqiter_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(reinterpret_cast<SeqIterObject *>(self)->seq);
    PyObject_GC_Del(self);
}

int seqiter_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<SeqIterObject *>(self)->seq);
    return 0;
}

PyObject *seqiter_next(PyObject *self) noexcept {
    auto *it = reinterpret_cast<SeqIterObject *>(self);
    PyObject *seq = it->seq;
    if (seq == nullptr) return nullptr;
    if (it->index == PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "iter index too large");
        return nullptr;
    }
    PyObject *result = PySequence_GetItem(seq, it->index);
    if (result != nullptr) {
        it->index++;
        return result;
    }
    if (PyErr_ExceptionMatches(PyExc_IndexError) || PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyErr_Clear();
        it->seq = nullptr;
        Py_DECREF(seq);
    }
    return nullptr;
}

// What is left, when the object has a length; NotImplemented otherwise.
PyObject *seqiter_length_hint(PyObject *self, PyObject *) noexcept {
    auto *it = reinterpret_cast<SeqIterObject *>(self);
    if (it->seq != nullptr) {
        PyTypeObject *type = Py_TYPE(it->seq);
        const bool has_len =
            (type->tp_as_sequence != nullptr && type->tp_as_sequence->sq_length != nullptr) ||
            (type->tp_as_mapping != nullptr && type->tp_as_mapping->mp_length != nullptr);
        if (!has_len) Py_RETURN_NOTIMPLEMENTED;
        const Py_ssize_t size = PySequence_Size(it->seq);
        if (size == -1) return nullptr;
        if (size - it->index >= 0) return PyLong_FromSsize_t(size - it->index);
    }
    return PyLong_FromLong(0);
}

PyMethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

void calliter_dealloc(PyObject *self) noexcept {
    auto *it = reinterpret_cast<CallIterObject *>(self);
    PyObject_GC_UnTrack(self);
    Py_XDECREF(it->callable);
    Py_XDECREF(it->sentinel);
    PyObject_GC_Del(self);
}

int calliter_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    auto *it = reinterpret_cast<CallIterObject *>(self);
    Py_VISIT(it->callable);
    Py_VISIT(it->sentinel);
    return 0;
}

PyObject *calliter_next(PyObject *self) noexcept {
    auto *it = reinterpret_cast<CallIterObject *>(self);
    if (it->callable == nullptr) return nullptr;
    PyObject *result = PyObject_CallNoArgs(it->callable);
    if (result != nullptr) {
        const int done = PyObject_RichCompareBool(it->sentinel, result, Py_EQ);
        if (done == 0) return result;
        if (done > 0) {
            Py_CLEAR(it->callable);
            Py_CLEAR(it->sentinel);
        }
    } else if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyErr_Clear();
        Py_CLEAR(it->callable);
        Py_CLEAR(it->sentinel);
    }
    Py_XDECREF(result);
    return nullptr;
}

}  // namespace

extern "C" PyObject *PySeqIter_New(PyObject *seq) noexcept {
    if (!PySequence_Check(seq)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    SeqIterObject *it = PyObject_GC_New(SeqIterObject, &PySeqIter_Type);
    if (it == nullptr) return nullptr;
    it->index = 0;
    it->seq = Py_NewRef(seq);
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

extern "C" PyObject *PyCallIter_New(PyObject *callable, PyObject *sentinel) noexcept {
    CallIterObject *it = PyObject_GC_New(CallIterObject, &PyCallIter_Type);
    if (it == nullptr) return nullptr;
    it->callable = Py_NewRef(callable);
    it->sentinel = Py_NewRef(sentinel);
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

extern "C" {

PyTypeObject PySeqIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "iterator",
    .tp_basicsize = sizeof(SeqIterObject),
    .tp_dealloc = seqiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = seqiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = seqiter_next,
    .tp_methods = seqiter_methods,
};

PyTypeObject PyCallIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "callable_iterator",
    .tp_basicsize = sizeof(CallIterObject),
    .tp_dealloc = calliter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = calliter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = calliter_next,
};

}  // extern "C"
