// The cell type (PyCell_Type): one variable shared by a function and the functions nested
// in it (CPython's Objects/cellobject.c).
#include "minipy/functionobject.h"
#include "objects/interp_object.hpp"

namespace {

void cell_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(reinterpret_cast<PyCellObject *>(self)->ob_ref);
    PyObject_GC_Del(self);
}

int cell_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<PyCellObject *>(self)->ob_ref);
    return 0;
}

int cell_clear(PyObject *self) noexcept {
    Py_CLEAR(reinterpret_cast<PyCellObject *>(self)->ob_ref);
    return 0;
}

PyObject *cell_repr(PyObject *self) noexcept {
    PyObject *ref = reinterpret_cast<PyCellObject *>(self)->ob_ref;
    if (ref == nullptr) return PyUnicode_FromFormat("<cell at %p: empty>", self);
    return PyUnicode_FromFormat("<cell at %p: %.80s object at %p>", self, Py_TYPE(ref)->tp_name,
                                ref);
}

PyObject *cell_richcompare(PyObject *a, PyObject *b, int op) noexcept {
    if (!PyCell_Check(a) || !PyCell_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *x = PyCell_GET(a);
    PyObject *y = PyCell_GET(b);
    // Empty cells sort before full ones, as in CPython.
    if (x != nullptr && y != nullptr) return PyObject_RichCompare(x, y, op);
    const int xi = x != nullptr, yi = y != nullptr;
    Py_RETURN_RICHCOMPARE(xi, yi, op);
}

PyObject *cell_get_contents(PyObject *self, void *) noexcept {
    PyObject *ref = PyCell_GET(self);
    if (ref == nullptr) {
        PyErr_SetString(PyExc_ValueError, "Cell is empty");
        return nullptr;
    }
    return Py_NewRef(ref);
}

int cell_set_contents(PyObject *self, PyObject *value, void *) noexcept {
    Py_XSETREF(reinterpret_cast<PyCellObject *>(self)->ob_ref, Py_XNewRef(value));
    return 0;
}

PyGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

extern "C" {

PyTypeObject PyCell_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "cell",
    .tp_basicsize = sizeof(PyCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_richcompare = cell_richcompare,
    .tp_getset = cell_getset,
};

PyObject *PyCell_New(PyObject *obj) noexcept {
    PyCellObject *cell = PyObject_GC_New(PyCellObject, &PyCell_Type);
    if (cell == nullptr) return nullptr;
    cell->ob_ref = Py_XNewRef(obj);
    PyObject_GC_Track(cell);
    return reinterpret_cast<PyObject *>(cell);
}

PyObject *PyCell_Get(PyObject *cell) noexcept {
    if (!PyCell_Check(cell)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return Py_XNewRef(PyCell_GET(cell));
}

int PyCell_Set(PyObject *cell, PyObject *value) noexcept {
    if (!PyCell_Check(cell)) {
        PyErr_BadInternalCall();
        return -1;
    }
    Py_XSETREF(reinterpret_cast<PyCellObject *>(cell)->ob_ref, Py_XNewRef(value));
    return 0;
}

}  // extern "C"
