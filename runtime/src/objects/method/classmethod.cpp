// classmethod and staticmethod (CPython 3.11, Objects/funcobject.c).
//
// classmethod(f): looked up through a class or an instance, binds f to the class:
// C.m / C().m is a bound method with __self__ C. When f is itself a descriptor (a property,
// another classmethod) its __get__(C, C) is used instead (3.9 to 3.12 chain them).
// staticmethod(f): looked up, is f itself; since 3.10 it is also callable directly.
// Both keep f as __func__ and __wrapped__, copy f's __module__, __name__, __qualname__, __doc__
// and __annotations__ into their own __dict__ (3.10's functools.wraps-like behaviour), and
// report __isabstractmethod__ from f.
#include "minipy/structmember.h"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

// classmethod and staticmethod share this layout.
struct Wrapper {
    PyObject_HEAD PyObject *callable;
    PyObject *dict;
};

Wrapper *as_wrapper(PyObject *op) noexcept {
    return reinterpret_cast<Wrapper *>(op);
}

void wrapper_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    Py_XDECREF(as_wrapper(op)->callable);
    Py_XDECREF(as_wrapper(op)->dict);
    Py_TYPE(op)->tp_free(op);
}

int wrapper_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_wrapper(op)->callable);
    Py_VISIT(as_wrapper(op)->dict);
    return 0;
}

int wrapper_clear(PyObject *op) noexcept {
    Py_CLEAR(as_wrapper(op)->callable);
    Py_CLEAR(as_wrapper(op)->dict);
    return 0;
}

// self.__dict__[name] = callable.name, for each name the callable has.
int copy_wrapped_attributes(PyObject *self, PyObject *callable) noexcept {
    static const Dunder kNames[] = {Dunder::module, Dunder::name, Dunder::qualname, Dunder::doc,
                                    Dunder::annotations};
    for (Dunder which : kNames) {
        PyObject *value = nullptr;
        if (_PyObject_LookupAttr(callable, dunder(which), &value) < 0) return -1;
        if (value == nullptr) continue;
        const int status = PyObject_SetAttr(self, dunder(which), value);
        Py_DECREF(value);
        if (status < 0) return -1;
    }
    return 0;
}

int wrapper_init(PyObject *self, PyObject *args, PyObject *kwds, const char *name) noexcept {
    if (kwds != nullptr && PyDict_GET_SIZE(kwds) != 0) {
        PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    PyObject *callable = nullptr;
    if (!PyArg_UnpackTuple(args, name, 1, 1, &callable)) return -1;
    Py_XSETREF(as_wrapper(self)->callable, Py_NewRef(callable));
    return copy_wrapped_attributes(self, callable);
}

int classmethod_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    return wrapper_init(self, args, kwds, "classmethod");
}

int staticmethod_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    return wrapper_init(self, args, kwds, "staticmethod");
}

PyObject *classmethod_get(PyObject *self, PyObject *obj, PyObject *type) noexcept {
    PyObject *callable = as_wrapper(self)->callable;
    if (callable == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "uninitialized classmethod object");
        return nullptr;
    }
    if (type == nullptr) type = reinterpret_cast<PyObject *>(Py_TYPE(obj));
    if (descrgetfunc get = Py_TYPE(callable)->tp_descr_get; get != nullptr)
        return get(callable, type, type);
    return PyMethod_New(callable, type);
}

PyObject *staticmethod_get(PyObject *self, PyObject *, PyObject *) noexcept {
    PyObject *callable = as_wrapper(self)->callable;
    if (callable == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "uninitialized staticmethod object");
        return nullptr;
    }
    return Py_NewRef(callable);
}

PyObject *staticmethod_call(PyObject *self, PyObject *args, PyObject *kwargs) noexcept {
    return PyObject_Call(as_wrapper(self)->callable, args, kwargs);
}

PyObject *classmethod_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("<classmethod(%R)>", as_wrapper(self)->callable);
}

PyObject *staticmethod_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("<staticmethod(%R)>", as_wrapper(self)->callable);
}

PyObject *wrapper_get_isabstract(PyObject *self, void *) noexcept {
    PyObject *value = nullptr;
    PyObject *key = PyUnicode_InternFromString("__isabstractmethod__");
    if (key == nullptr) return nullptr;
    const int found = _PyObject_LookupAttr(as_wrapper(self)->callable, key, &value);
    Py_DECREF(key);
    if (found < 0) return nullptr;
    if (found == 0) Py_RETURN_FALSE;
    const int truth = PyObject_IsTrue(value);
    Py_DECREF(value);
    if (truth < 0) return nullptr;
    return PyBool_FromLong(truth);
}

PyMemberDef wrapper_members[] = {
    {"__func__", T_OBJECT, offsetof(Wrapper, callable), READONLY, nullptr},
    {"__wrapped__", T_OBJECT, offsetof(Wrapper, callable), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef wrapper_getset[] = {
    {"__isabstractmethod__", wrapper_get_isabstract, nullptr, nullptr, nullptr},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

constexpr unsigned long kFlags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;

PyObject *wrap(PyTypeObject *type, PyObject *callable) noexcept {
    PyObject *op = PyType_GenericAlloc(type, 0);
    if (op != nullptr) as_wrapper(op)->callable = Py_NewRef(callable);
    return op;
}

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyClassMethod_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(Wrapper),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = classmethod_repr,
    .tp_flags = kFlags,
    .tp_doc = "classmethod(function) -> method\n\nConvert a function to be a class method.",
    .tp_traverse = wrapper_traverse,
    .tp_clear = wrapper_clear,
    .tp_members = wrapper_members,
    .tp_getset = wrapper_getset,
    .tp_descr_get = classmethod_get,
    .tp_dictoffset = offsetof(Wrapper, dict),
    .tp_init = classmethod_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyStaticMethod_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(Wrapper),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = staticmethod_repr,
    .tp_call = staticmethod_call,
    .tp_flags = kFlags,
    .tp_doc = "staticmethod(function) -> method\n\nConvert a function to be a static method.",
    .tp_traverse = wrapper_traverse,
    .tp_clear = wrapper_clear,
    .tp_members = wrapper_members,
    .tp_getset = wrapper_getset,
    .tp_descr_get = staticmethod_get,
    .tp_dictoffset = offsetof(Wrapper, dict),
    .tp_init = staticmethod_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

}  // extern "C"

extern "C" PyObject *PyClassMethod_New(PyObject *callable) noexcept {
    return wrap(&PyClassMethod_Type, callable);
}

extern "C" PyObject *PyStaticMethod_New(PyObject *callable) noexcept {
    return wrap(&PyStaticMethod_Type, callable);
}
