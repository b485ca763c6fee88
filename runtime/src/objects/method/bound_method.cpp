// Bound methods (CPython 3.11's PyMethod_Type, Objects/classobject.c): a callable paired with
// the object it was looked up on, what `a.f` makes when `f` is a Python function of a's class
// (the function type's __get__ calls PyMethod_New). Calling it calls im_func(im_self, *args).
//
//   repr   `<bound method A.f of <__main__.A object at 0x...>>` (the function's __qualname__,
//          else __name__, else "?"; then repr(self));
//   ==     the functions compare equal and the selves are the same object;
//   hash   hash(func) ^ (the address of self), consistent with ==;
//   attributes: __func__, __self__, __doc__ (the function's); anything else is looked up on
//   the function (a.f.__name__ is f.__name__).
#include "minipy/structmember.h"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

PyMethodObject *as_method(PyObject *op) noexcept {
    return reinterpret_cast<PyMethodObject *>(op);
}

void method_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    Py_XDECREF(as_method(op)->im_func);
    Py_XDECREF(as_method(op)->im_self);
    PyObject_GC_Del(op);
}

int method_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_method(op)->im_func);
    Py_VISIT(as_method(op)->im_self);
    return 0;
}

PyObject *method_call(PyObject *op, PyObject *args, PyObject *kwargs) noexcept {
    return call_prepend(as_method(op)->im_func, as_method(op)->im_self, args, kwargs);
}

// im_func(im_self, *args) without a tuple: self goes in front of the caller's array (in the
// slot before it when the caller lent it with PY_VECTORCALL_ARGUMENTS_OFFSET).
PyObject *method_vectorcall(PyObject *op, PyObject *const *args, size_t nargsf,
                            PyObject *kwnames) noexcept {
    PyObject *self = as_method(op)->im_self;
    PyObject *func = as_method(op)->im_func;
    const Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET) {
        auto **shifted = const_cast<PyObject **>(args) - 1;
        PyObject *saved = shifted[0];
        shifted[0] = self;
        PyObject *result =
            PyObject_Vectorcall(func, shifted, static_cast<size_t>(nargs + 1), kwnames);
        shifted[0] = saved;
        return result;
    }
    const Py_ssize_t total = nargs + (kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0);
    constexpr Py_ssize_t kSmall = 8;
    PyObject *small[kSmall];
    PyObject **stack = small;
    if (total + 1 > kSmall) {
        stack = static_cast<PyObject **>(
            PyMem_Malloc(sizeof(PyObject *) * static_cast<size_t>(total + 1)));
        if (stack == nullptr) return PyErr_NoMemory();
    }
    stack[0] = self;
    for (Py_ssize_t i = 0; i < total; ++i) stack[i + 1] = args[i];
    PyObject *result = PyObject_Vectorcall(func, stack, static_cast<size_t>(nargs + 1), kwnames);
    if (stack != small) PyMem_Free(stack);
    return result;
}

PyObject *method_repr(PyObject *op) noexcept {
    PyMethodObject *m = as_method(op);
    PyObject *name = nullptr;
    if (_PyObject_LookupAttr(m->im_func, dunder(Dunder::qualname), &name) < 0) return nullptr;
    if (name == nullptr && _PyObject_LookupAttr(m->im_func, dunder(Dunder::name), &name) < 0)
        return nullptr;
    if (name != nullptr && !PyUnicode_Check(name)) Py_CLEAR(name);
    PyObject *text = PyUnicode_FromFormat("<bound method %V of %R>", name, "?", m->im_self);
    Py_XDECREF(name);
    return text;
}

PyObject *method_richcompare(PyObject *self, PyObject *other, int op) noexcept {
    if ((op != Py_EQ && op != Py_NE) || !PyMethod_Check(self) || !PyMethod_Check(other))
        Py_RETURN_NOTIMPLEMENTED;
    int equal =
        PyObject_RichCompareBool(as_method(self)->im_func, as_method(other)->im_func, Py_EQ);
    if (equal < 0) return nullptr;
    if (equal == 1) equal = as_method(self)->im_self == as_method(other)->im_self;
    return Py_NewRef((equal != 0) == (op == Py_EQ) ? Py_True : Py_False);
}

Py_hash_t method_hash(PyObject *op) noexcept {
    const Py_hash_t y = PyObject_Hash(as_method(op)->im_func);
    if (y == -1) return -1;
    const Py_hash_t x = _Py_HashPointer(as_method(op)->im_self) ^ y;
    return x == -1 ? -2 : x;
}

// The method type's own attributes first, then the function's.
PyObject *method_getattro(PyObject *op, PyObject *name) noexcept {
    PyTypeObject *type = Py_TYPE(op);
    if (PyObject *descr = _PyType_Lookup(type, name); descr != nullptr) {
        if (descrgetfunc get = Py_TYPE(descr)->tp_descr_get; get != nullptr)
            return get(descr, op, reinterpret_cast<PyObject *>(type));
        return Py_NewRef(descr);
    }
    return PyObject_GetAttr(as_method(op)->im_func, name);
}

PyObject *method_get_doc(PyObject *op, void *) noexcept {
    return PyObject_GetAttr(as_method(op)->im_func, dunder(Dunder::doc));
}

// types.MethodType(function, instance)
PyObject *method_new(PyTypeObject *, PyObject *args, PyObject *kwds) noexcept {
    if (kwds != nullptr && PyDict_GET_SIZE(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "method() takes no keyword arguments");
        return nullptr;
    }
    PyObject *func = nullptr;
    PyObject *self = nullptr;
    if (!PyArg_UnpackTuple(args, "method", 2, 2, &func, &self)) return nullptr;
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "first argument must be callable");
        return nullptr;
    }
    if (self == Py_None) {
        PyErr_SetString(PyExc_TypeError, "instance must not be None");
        return nullptr;
    }
    return PyMethod_New(func, self);
}

PyMemberDef method_members[] = {
    {"__func__", T_OBJECT, offsetof(PyMethodObject, im_func), READONLY,
     "the function (or other callable) implementing a method"},
    {"__self__", T_OBJECT, offsetof(PyMethodObject, im_self), READONLY,
     "the instance to which a method is bound"},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef method_getset[] = {
    {"__doc__", method_get_doc, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {
PyTypeObject PyMethod_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "method",
    .tp_basicsize = sizeof(PyMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_vectorcall_offset = offsetof(PyMethodObject, vectorcall),
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_call = method_call,
    .tp_getattro = method_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "method(function, instance)\n--\n\nCreate a bound instance method object.",
    .tp_traverse = method_traverse,
    .tp_richcompare = method_richcompare,
    .tp_members = method_members,
    .tp_getset = method_getset,
    .tp_new = method_new,
};
}

extern "C" PyObject *PyMethod_New(PyObject *func, PyObject *self) noexcept {
    if (func == nullptr || self == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    auto *m = PyObject_GC_New(PyMethodObject, &PyMethod_Type);
    if (m == nullptr) return nullptr;
    m->im_func = Py_NewRef(func);
    m->im_self = Py_NewRef(self);
    m->im_weakreflist = nullptr;
    m->vectorcall = method_vectorcall;
    PyObject_GC_Track(m);
    return reinterpret_cast<PyObject *>(m);
}

extern "C" PyObject *PyMethod_Function(PyObject *meth) noexcept {
    if (meth == nullptr || !PyMethod_Check(meth)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return PyMethod_GET_FUNCTION(meth);
}

extern "C" PyObject *PyMethod_Self(PyObject *meth) noexcept {
    if (meth == nullptr || !PyMethod_Check(meth)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return PyMethod_GET_SELF(meth);
}
