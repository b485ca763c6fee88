// Slot wrappers (CPython 3.11's wrapper_descriptor and method-wrapper, Objects/descrobject.c).
//
// A wrapper_descriptor is a C slot of a static type seen as a method: int.__dict__['__add__']
// holds {d_type = int, d_base = the slot table's __add__ entry, d_wrapped = int's nb_add}.
// Calling it with self first checks self's type and runs the entry's wrap_* glue:
// `int.__add__(1, 2)`. Binding it to an object (`(1).__add__`) makes a method-wrapper, which
// remembers self: repr `<method-wrapper '__add__' of int object at 0x...>`, equal to another
// when both wrap the same descriptor and the very same self.
#include "objects/type/descr_internal.hpp"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

PyWrapperDescrObject *as_wrapper(PyObject *op) noexcept {
    return reinterpret_cast<PyWrapperDescrObject *>(op);
}

PyObject *wrapper_raw_call(PyWrapperDescrObject *descr, PyObject *self, PyObject *args,
                           PyObject *kwds) noexcept {
    wrapperfunc wrapper = descr->d_base->wrapper;
    if (descr->d_base->flags & PyWrapperFlag_KEYWORDS) {
        auto with_keywords =
            reinterpret_cast<wrapperfunc_kwds>(reinterpret_cast<void (*)()>(wrapper));
        return with_keywords(self, args, descr->d_wrapped, kwds);
    }
    if (kwds != nullptr && (!PyDict_Check(kwds) || PyDict_GET_SIZE(kwds) != 0)) {
        PyErr_Format(PyExc_TypeError, "wrapper %s() takes no keyword arguments",
                     descr->d_base->name);
        return nullptr;
    }
    return wrapper(self, args, descr->d_wrapped);
}

// --- wrapper_descriptor -------------------------------------------------------------------------

PyObject *wrapperdescr_repr(PyObject *op) noexcept {
    return PyUnicode_FromFormat("<slot wrapper '%V' of '%s' objects>", as_descr(op)->d_name, "?",
                                as_descr(op)->d_type->tp_name);
}

PyObject *wrapperdescr_get(PyObject *op, PyObject *obj, PyObject *) noexcept {
    PyObject *result;
    if (descr_check(as_descr(op), obj, &result) != 0) return result;
    return PyWrapper_New(op, obj);
}

PyObject *wrapperdescr_call(PyObject *op, PyObject *args, PyObject *kwds) noexcept {
    PyDescrObject *descr = as_descr(op);
    const Py_ssize_t argc = PyTuple_GET_SIZE(args);
    if (argc < 1) {
        PyErr_Format(PyExc_TypeError, "descriptor '%V' of '%.100s' object needs an argument",
                     descr->d_name, "?", descr->d_type->tp_name);
        return nullptr;
    }
    PyObject *self = PyTuple_GET_ITEM(args, 0);
    if (!PyType_IsSubtype(Py_TYPE(self), descr->d_type)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' requires a '%.100s' object but received a '%.100s'",
                     descr->d_name, "?", descr->d_type->tp_name, Py_TYPE(self)->tp_name);
        return nullptr;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, argc);
    if (rest == nullptr) return nullptr;
    PyObject *result = wrapper_raw_call(as_wrapper(op), self, rest, kwds);
    Py_DECREF(rest);
    return result;
}

PyObject *wrapperdescr_get_doc(PyObject *op, void *) noexcept {
    wrapperbase *base = as_wrapper(op)->d_base;
    return doc_from_internal(base->name, base->doc);
}

PyObject *wrapperdescr_get_text_signature(PyObject *op, void *) noexcept {
    wrapperbase *base = as_wrapper(op)->d_base;
    return text_signature_from_internal(base->name, base->doc);
}

PyGetSetDef wrapperdescr_getset[] = {
    {"__doc__", wrapperdescr_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__text_signature__", wrapperdescr_get_text_signature, nullptr, nullptr, nullptr},
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// --- method-wrapper -----------------------------------------------------------------------------

struct WrapperObject {
    PyObject_HEAD PyWrapperDescrObject *descr;
    PyObject *self;
};

WrapperObject *as_bound(PyObject *op) noexcept {
    return reinterpret_cast<WrapperObject *>(op);
}

void wrapper_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    Py_XDECREF(as_bound(op)->descr);
    Py_XDECREF(as_bound(op)->self);
    PyObject_GC_Del(op);
}

int wrapper_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_bound(op)->descr);
    Py_VISIT(as_bound(op)->self);
    return 0;
}

PyObject *wrapper_richcompare(PyObject *a, PyObject *b, int op) noexcept {
    if ((op != Py_EQ && op != Py_NE) || !Py_IS_TYPE(a, &_PyMethodWrapper_Type) ||
        !Py_IS_TYPE(b, &_PyMethodWrapper_Type))
        Py_RETURN_NOTIMPLEMENTED;
    const bool equal =
        as_bound(a)->descr == as_bound(b)->descr && as_bound(a)->self == as_bound(b)->self;
    return Py_NewRef(equal == (op == Py_EQ) ? Py_True : Py_False);
}

Py_hash_t wrapper_hash(PyObject *op) noexcept {
    Py_hash_t x = _Py_HashPointer(as_bound(op)->self) ^ _Py_HashPointer(as_bound(op)->descr);
    return x == -1 ? -2 : x;
}

PyObject *wrapper_repr(PyObject *op) noexcept {
    PyObject *self = as_bound(op)->self;
    return PyUnicode_FromFormat("<method-wrapper '%s' of %s object at %p>",
                                as_bound(op)->descr->d_base->name, Py_TYPE(self)->tp_name,
                                static_cast<void *>(self));
}

PyObject *wrapper_call(PyObject *op, PyObject *args, PyObject *kwds) noexcept {
    return wrapper_raw_call(as_bound(op)->descr, as_bound(op)->self, args, kwds);
}

PyObject *wrapper_get_self(PyObject *op, void *) noexcept {
    return Py_NewRef(as_bound(op)->self);
}
PyObject *wrapper_get_objclass(PyObject *op, void *) noexcept {
    return Py_NewRef(reinterpret_cast<PyObject *>(as_bound(op)->descr->d_common.d_type));
}
PyObject *wrapper_get_name(PyObject *op, void *) noexcept {
    return PyUnicode_FromString(as_bound(op)->descr->d_base->name);
}
PyObject *wrapper_get_qualname(PyObject *op, void *) noexcept {
    return descr_qualname(&as_bound(op)->descr->d_common);
}
PyObject *wrapper_get_doc(PyObject *op, void *) noexcept {
    return wrapperdescr_get_doc(reinterpret_cast<PyObject *>(as_bound(op)->descr), nullptr);
}
PyObject *wrapper_get_text_signature(PyObject *op, void *) noexcept {
    return wrapperdescr_get_text_signature(reinterpret_cast<PyObject *>(as_bound(op)->descr),
                                           nullptr);
}

PyGetSetDef wrapper_getset[] = {
    {"__objclass__", wrapper_get_objclass, nullptr, nullptr, nullptr},
    {"__name__", wrapper_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", wrapper_get_qualname, nullptr, nullptr, nullptr},
    {"__doc__", wrapper_get_doc, nullptr, nullptr, nullptr},
    {"__text_signature__", wrapper_get_text_signature, nullptr, nullptr, nullptr},
    {"__self__", wrapper_get_self, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyWrapperDescr_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(PyWrapperDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = wrapperdescr_repr,
    .tp_call = wrapperdescr_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = descr_traverse,
    .tp_getset = wrapperdescr_getset,
    .tp_descr_get = wrapperdescr_get,
};

PyTypeObject _PyMethodWrapper_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(WrapperObject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_hash = wrapper_hash,
    .tp_call = wrapper_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
    .tp_richcompare = wrapper_richcompare,
    .tp_getset = wrapper_getset,
};

}  // extern "C"

extern "C" PyObject *PyDescr_NewWrapper(PyTypeObject *type, wrapperbase *base,
                                        void *wrapped) noexcept {
    PyObject *op = descr_alloc(&PyWrapperDescr_Type, type, base->name);
    if (op == nullptr) return nullptr;
    as_wrapper(op)->d_base = base;
    as_wrapper(op)->d_wrapped = wrapped;
    return op;
}

extern "C" PyObject *PyWrapper_New(PyObject *descr, PyObject *self) noexcept {
    if (!Py_IS_TYPE(descr, &PyWrapperDescr_Type) ||
        !PyObject_TypeCheck(self, PyDescr_TYPE(descr))) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    auto *wrapper = PyObject_GC_New(WrapperObject, &_PyMethodWrapper_Type);
    if (wrapper == nullptr) return nullptr;
    wrapper->descr = reinterpret_cast<PyWrapperDescrObject *>(Py_NewRef(descr));
    wrapper->self = Py_NewRef(self);
    PyObject_GC_Track(wrapper);
    return reinterpret_cast<PyObject *>(wrapper);
}
