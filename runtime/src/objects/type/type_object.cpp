// The two roots of the object model, `object` and `type` (their type objects and slots), the
// singletons None, NotImplemented and Ellipsis, and how objects are made (objimpl.h:
// PyObject_Init, PyType_GenericAlloc...). object's methods are in object_methods.cpp, type's
// attributes in type_attributes.cpp, type(name, bases, dict) in type_new.cpp.
//
// object.__new__ / object.__init__ and excess arguments (CPython 3.11's rule): each accepts
// arguments only when the other one is overridden, so that a class overriding just one of
// them can take arguments:
//   object.__init__(x, 1) with __init__ overridden -> "object.__init__() takes exactly one
//     argument (the instance to initialize)"; with neither -> the same, naming "A.__init__()";
//   object.__new__(A, 1) with __new__ overridden -> "object.__new__() takes exactly one
//     argument (the type to instantiate)"; with neither overridden -> "A() takes no arguments".
#include <cstdio>
#include <cstring>

#include "gc/gc_internal.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/structmember.h"
#include "objects/type/object_header_init.hpp"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

// --- object ---------------------------------------------------------------------------------

void object_dealloc(PyObject *self) noexcept {
    Py_TYPE(self)->tp_free(self);
}

PyObject *object_repr(PyObject *self) noexcept {
    PyObject *name = type_display_name(Py_TYPE(self));
    if (name == nullptr) return nullptr;
    PyObject *text = PyUnicode_FromFormat("<%U object at %p>", name, static_cast<void *>(self));
    Py_DECREF(name);
    return text;
}

PyObject *object_str(PyObject *self) noexcept {
    // object.__str__ is repr(self), whatever the subclass's repr is.
    reprfunc repr = Py_TYPE(self)->tp_repr;
    if (repr == nullptr) repr = object_repr;
    return repr(self);
}

Py_hash_t object_hash(PyObject *self) noexcept {
    return _Py_HashPointer(self);
}

PyObject *object_richcompare(PyObject *self, PyObject *other, int op) noexcept {
    switch (op) {
    case Py_EQ:
        // Identity is the only equality `object` knows; anything else is the other side's call.
        return Py_NewRef(self == other ? Py_True : Py_NotImplemented);
    case Py_NE: {
        // != is the negation of ==, when == has an answer.
        richcmpfunc eq = Py_TYPE(self)->tp_richcompare;
        if (eq == nullptr) Py_RETURN_NOTIMPLEMENTED;
        PyObject *result = eq(self, other, Py_EQ);
        if (result == nullptr || result == Py_NotImplemented) return result;
        const int truth = PyObject_IsTrue(result);
        Py_DECREF(result);
        if (truth < 0) return nullptr;
        return Py_NewRef(truth ? Py_False : Py_True);
    }
    default: Py_RETURN_NOTIMPLEMENTED;
    }
}

bool excess_args(PyObject *args, PyObject *kwds) noexcept {
    return (args != nullptr && PyTuple_GET_SIZE(args) > 0) ||
           (kwds != nullptr && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds) > 0);
}

// A class with abstract methods cannot be instantiated: "Can't instantiate abstract class A
// with abstract methods f, g" (sorted names).
PyObject *abstract_error(PyTypeObject *type) noexcept {
    PyObject *methods =
        PyObject_GetAttr(reinterpret_cast<PyObject *>(type), dunder(Dunder::abstractmethods));
    if (methods == nullptr) return nullptr;
    PyObject *sorted = PySequence_List(methods);
    Py_DECREF(methods);
    if (sorted == nullptr) return nullptr;
    if (PyList_Sort(sorted) < 0) {
        Py_DECREF(sorted);
        return nullptr;
    }
    PyObject *separator = PyUnicode_FromString(", ");
    PyObject *joined = separator != nullptr ? PyUnicode_Join(separator, sorted) : nullptr;
    Py_XDECREF(separator);
    const Py_ssize_t count = PyList_GET_SIZE(sorted);
    Py_DECREF(sorted);
    if (joined == nullptr) return nullptr;
    PyErr_Format(PyExc_TypeError, "Can't instantiate abstract class %s with abstract method%s %U",
                 type->tp_name, count > 1 ? "s" : "", joined);
    Py_DECREF(joined);
    return nullptr;
}

// --- None, NotImplemented, Ellipsis ---------------------------------------------------------

// The singletons are static: reaching zero references means someone dropped one reference
// too many, which CPython also treats as fatal.
[[noreturn]] void singleton_dealloc(PyObject *self) noexcept {
    if (self == Py_None) Py_FatalError("deallocating None");
    if (self == Py_NotImplemented) Py_FatalError("deallocating NotImplemented");
    Py_FatalError("deallocating Ellipsis");
}

PyObject *none_repr(PyObject *) noexcept {
    return PyUnicode_FromString("None");
}
int none_bool(PyObject *) noexcept {
    return 0;
}
PyObject *notimplemented_repr(PyObject *) noexcept {
    return PyUnicode_FromString("NotImplemented");
}
PyObject *ellipsis_repr(PyObject *) noexcept {
    return PyUnicode_FromString("Ellipsis");
}

PyNumberMethods none_as_number = {.nb_bool = none_bool};

PyObject *singleton_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (excess_args(args, kwds)) {
        PyErr_Format(PyExc_TypeError, "%s takes no arguments", type->tp_name);
        return nullptr;
    }
    if (type == &_PyNone_Type) return Py_NewRef(Py_None);
    if (type == &_PyNotImplemented_Type) return Py_NewRef(Py_NotImplemented);
    return Py_NewRef(Py_Ellipsis);
}

}  // namespace

PyObject *object_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (excess_args(args, kwds)) {
        if (type->tp_new != object_new) {
            PyErr_SetString(
                PyExc_TypeError,
                "object.__new__() takes exactly one argument (the type to instantiate)");
            return nullptr;
        }
        if (type->tp_init == object_tp_init) {
            PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments", type->tp_name);
            return nullptr;
        }
    }
    if (type->tp_flags & Py_TPFLAGS_IS_ABSTRACT) return abstract_error(type);
    return type->tp_alloc(type, 0);
}

int object_tp_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    if (excess_args(args, kwds)) {
        if (type->tp_init != object_tp_init) {
            PyErr_SetString(
                PyExc_TypeError,
                "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            PyErr_Format(
                PyExc_TypeError,
                "%.200s.__init__() takes exactly one argument (the instance to initialize)",
                type->tp_name);
            return -1;
        }
    }
    return 0;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyBaseObject_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "object",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr,
    .tp_hash = object_hash,
    .tp_str = object_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "object()\n--\n\nThe base class of the class hierarchy.\n\n"
        "When called, it accepts no arguments and returns a new featureless\n"
        "instance that has no instance attributes and cannot be given any.\n",
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_getset = object_getsets,
    .tp_init = object_tp_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = object_new,
    .tp_free = PyObject_Free,
};

PyTypeObject PyType_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "type",
    .tp_basicsize = sizeof(PyHeapTypeObject),
    .tp_itemsize = sizeof(PyMemberDef),
    .tp_dealloc = type_dealloc,
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TYPE_SUBCLASS,
    .tp_doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_weaklistoffset = offsetof(PyTypeObject, tp_weaklist),
    .tp_methods = type_methods,
    .tp_members = type_members,
    .tp_getset = type_getsets,
    .tp_dictoffset = offsetof(PyTypeObject, tp_dict),
    .tp_init = type_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = type_new,
    .tp_free = PyObject_GC_Del,
    .tp_is_gc = type_is_gc,
};

PyTypeObject _PyNone_Type = {
    MINIPY_TYPE_OBJECT_HEAD, .tp_name = "NoneType",           .tp_dealloc = singleton_dealloc,
    .tp_repr = none_repr,    .tp_as_number = &none_as_number, .tp_new = singleton_new,
};

PyTypeObject _PyNotImplemented_Type = {
    MINIPY_TYPE_OBJECT_HEAD,         .tp_name = "NotImplementedType",
    .tp_dealloc = singleton_dealloc, .tp_repr = notimplemented_repr,
    .tp_new = singleton_new,
};

PyTypeObject PyEllipsis_Type = {
    MINIPY_TYPE_OBJECT_HEAD,  .tp_name = "ellipsis",   .tp_dealloc = singleton_dealloc,
    .tp_repr = ellipsis_repr, .tp_new = singleton_new,
};

PyObject _Py_NoneStruct = {1, &_PyNone_Type};
PyObject _Py_NotImplementedStruct = {1, &_PyNotImplemented_Type};
PyObject _Py_EllipsisObject = {1, &PyEllipsis_Type};

}  // extern "C"

// --- Types ----------------------------------------------------------------------------------

extern "C" int PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b) noexcept {
    PyObject *mro = a->tp_mro;
    if (mro != nullptr) {
        // The MRO holds every base, multiple inheritance included.
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); ++i)
            if (PyTuple_GET_ITEM(mro, i) == reinterpret_cast<PyObject *>(b)) return 1;
        return 0;
    }
    // Not readied yet: the tp_base chain is all there is.
    for (PyTypeObject *t = a; t != nullptr; t = t->tp_base)
        if (t == b) return 1;
    return b == &PyBaseObject_Type;
}

extern "C" const char *_PyType_Name(PyTypeObject *type) noexcept {
    const char *dot = std::strrchr(type->tp_name, '.');
    return dot != nullptr ? dot + 1 : type->tp_name;
}

extern "C" unsigned long PyType_GetFlags(PyTypeObject *type) noexcept {
    return type->tp_flags;
}

// --- Making objects -------------------------------------------------------------------------

extern "C" void _Py_Dealloc(PyObject *op) noexcept {
    Py_TYPE(op)->tp_dealloc(op);
}

#ifdef Py_REF_DEBUG
// The reference total (object.h): changed inline by every Py_INCREF, Py_DECREF and
// _Py_NewReference, of the library and of extensions alike.
extern "C" {
Py_ssize_t _Py_RefTotal = 0;
}
extern "C" Py_ssize_t _Py_GetRefTotal(void) noexcept {
    return _Py_RefTotal;
}
#endif

// Instances of a heap type hold a reference to it (CPython 3.8+): the class lives as long as
// its instances. subtype_dealloc gives it back.
extern "C" PyObject *PyObject_Init(PyObject *op, PyTypeObject *type) noexcept {
    if (op == nullptr) return PyErr_NoMemory();
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(type);
    return init_object_header(op, type);
}

extern "C" PyVarObject *PyObject_InitVar(PyVarObject *op, PyTypeObject *type,
                                         Py_ssize_t size) noexcept {
    if (op == nullptr) return reinterpret_cast<PyVarObject *>(PyErr_NoMemory());
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(type);
    return init_var_object_header(op, type, size);
}

extern "C" PyObject *_PyObject_New(PyTypeObject *type) noexcept {
    void *memory = PyObject_Malloc(static_cast<size_t>(_PyObject_SIZE(type)));
    if (memory == nullptr) return PyErr_NoMemory();
    return PyObject_Init(static_cast<PyObject *>(memory), type);
}

// The bytes for n items, or 0 when the count is negative or the size overflows.
static size_t var_size(PyTypeObject *type, Py_ssize_t n) noexcept {
    if (n < 0) return 0;
    if (type->tp_itemsize != 0 && n > (PY_SSIZE_T_MAX - type->tp_basicsize - 8) / type->tp_itemsize)
        return 0;
    return _PyObject_VAR_SIZE(type, n);
}

extern "C" PyVarObject *_PyObject_NewVar(PyTypeObject *type, Py_ssize_t n) noexcept {
    const size_t size = var_size(type, n);
    if (size == 0) return reinterpret_cast<PyVarObject *>(PyErr_NoMemory());
    void *memory = PyObject_Malloc(size);
    if (memory == nullptr) return reinterpret_cast<PyVarObject *>(PyErr_NoMemory());
    return PyObject_InitVar(static_cast<PyVarObject *>(memory), type, n);
}

extern "C" PyObject *PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems) noexcept {
    // One extra item, as CPython allocates, so a variable-size object always has a sentinel.
    const size_t size = var_size(type, nitems + 1);
    if (size == 0) return PyErr_NoMemory();
    PyObject *obj;
    if (PyType_IS_GC(type)) {
        // The GC allocator lays out the managed-dict words in front when the type has them.
        obj = minipy::runtime::gc::gc_alloc_object(type, size);
        if (obj == nullptr) return nullptr;
        std::memset(static_cast<void *>(obj), 0, size);
    } else {
        void *memory = PyObject_Calloc(1, size);
        if (memory == nullptr) return PyErr_NoMemory();
        obj = static_cast<PyObject *>(memory);
    }
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(type);
    Py_SET_TYPE(obj, type);
    _Py_NewReference(obj);
    if (type->tp_itemsize != 0) Py_SET_SIZE(obj, nitems);
    // What a metatype allocates is a class (type() and PyType_FromSpec fill in the rest):
    // marked as a heap type before it is tracked, so that type's tp_is_gc says it is a GC
    // object from its first moment on a collector list.
    if (type->tp_flags & Py_TPFLAGS_TYPE_SUBCLASS)
        reinterpret_cast<PyTypeObject *>(obj)->tp_flags = Py_TPFLAGS_HEAPTYPE;
    if (PyType_IS_GC(type)) PyObject_GC_Track(obj);
    return obj;
}

extern "C" PyObject *PyType_GenericNew(PyTypeObject *type, PyObject *, PyObject *) noexcept {
    return type->tp_alloc(type, 0);
}

namespace minipy::runtime {

int object_init() noexcept {
    if (slot_defs_init() < 0) return -1;
    PyTypeObject *const types[] = {&PyBaseObject_Type,      &PyType_Type,     &_PyNone_Type,
                                   &_PyNotImplemented_Type, &PyEllipsis_Type, &PyCFunction_Type};
    for (PyTypeObject *type : types)
        if (PyType_Ready(type) < 0) return -1;
    return 0;
}

// Normally types_fini (the last part started, the first finished) has restored the static
// types already; after a failed start-up it may not have run.
void object_fini() noexcept {
    types_fini();
}

}  // namespace minipy::runtime
