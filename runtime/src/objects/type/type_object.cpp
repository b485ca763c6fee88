// The two roots of the object model, `object` and `type`, the singletons None,
// NotImplemented and Ellipsis, PyType_Ready, and how objects are made (objimpl.h).
#include <cstdio>
#include <cstring>

#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"
#include "objects/type/object_header_init.hpp"
#include "objects/type/static_type.hpp"

namespace {

// --- object ---------------------------------------------------------------------------------

void object_dealloc(PyObject *self) noexcept {
    Py_TYPE(self)->tp_free(self);
}

PyObject *object_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(self)->tp_name,
                                static_cast<void *>(self));
}

PyObject *object_str(PyObject *self) noexcept {
    // object.__str__ is repr(self), whatever the subclass's repr is.
    return PyObject_Repr(self);
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

bool has_arguments(PyObject *args, PyObject *kwds) noexcept {
    return (args != nullptr && PyTuple_GET_SIZE(args) > 0) ||
           (kwds != nullptr && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds) > 0);
}

// object() takes no arguments unless a subclass takes them in its own __init__/__new__.
PyObject *object_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (has_arguments(args, kwds) && type->tp_init == PyBaseObject_Type.tp_init) {
        PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments", type->tp_name);
        return nullptr;
    }
    return type->tp_alloc(type, 0);
}

int object_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    if (has_arguments(args, kwds) && type->tp_new == PyBaseObject_Type.tp_new) {
        PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments", type->tp_name);
        return -1;
    }
    return 0;
}

// --- type -----------------------------------------------------------------------------------

PyObject *type_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("<class '%s'>", reinterpret_cast<PyTypeObject *>(self)->tp_name);
}

// Calling a type makes an instance: tp_new, then tp_init if the result is one of its own.
// type itself, with one positional argument (and no keywords), gives that argument's type, as
// in CPython; its three-argument form (making a class) is not there yet.
PyObject *type_call(PyObject *callable, PyObject *args, PyObject *kwds) noexcept {
    PyTypeObject *type = reinterpret_cast<PyTypeObject *>(callable);
    if (type == &PyType_Type) {
        const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
        if (nargs == 1) {
            if (kwds != nullptr && PyDict_GET_SIZE(kwds) != 0) {
                PyErr_SetString(PyExc_TypeError, "type() takes no keyword arguments");
                return nullptr;
            }
            return Py_NewRef(reinterpret_cast<PyObject *>(Py_TYPE(PyTuple_GET_ITEM(args, 0))));
        }
        if (nargs != 3) {
            PyErr_SetString(PyExc_TypeError, "type() takes 1 or 3 arguments");
            return nullptr;
        }
    }
    if (type->tp_new == nullptr) {
        PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", type->tp_name);
        return nullptr;
    }
    PyObject *obj = type->tp_new(type, args, kwds);
    if (obj == nullptr) return nullptr;
    if (!PyObject_TypeCheck(obj, type)) return obj;
    PyTypeObject *made = Py_TYPE(obj);
    if (made->tp_init != nullptr && made->tp_init(obj, args, kwds) < 0) {
        Py_DECREF(obj);
        return nullptr;
    }
    return obj;
}

PyObject *type_get_name(PyObject *self, void *) noexcept {
    const char *name = reinterpret_cast<PyTypeObject *>(self)->tp_name;
    const char *dot = std::strrchr(name, '.');
    return PyUnicode_FromString(dot != nullptr ? dot + 1 : name);
}

PyGetSetDef type_getset[] = {
    {"__name__", type_get_name, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

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
    if (has_arguments(args, kwds)) {
        PyErr_Format(PyExc_TypeError, "%s takes no arguments", type->tp_name);
        return nullptr;
    }
    if (type == &_PyNone_Type) return Py_NewRef(Py_None);
    if (type == &_PyNotImplemented_Type) return Py_NewRef(Py_NotImplemented);
    return Py_NewRef(Py_Ellipsis);
}

// Copies each NULL slot of a sub-table from the base's table.
template <typename Table>
void inherit_table(Table *&mine, Table *base) noexcept {
    if (base == nullptr) return;
    if (mine == nullptr) {
        mine = base;
        return;
    }
    using Slot = void *;
    static_assert(sizeof(Table) % sizeof(Slot) == 0);
    // Every member of the slot tables is a pointer, so the table is an array of them.
    Slot slots_mine[sizeof(Table) / sizeof(Slot)];
    Slot slots_base[sizeof(Table) / sizeof(Slot)];
    std::memcpy(slots_mine, mine, sizeof(Table));
    std::memcpy(slots_base, base, sizeof(Table));
    for (std::size_t i = 0; i < sizeof(Table) / sizeof(Slot); ++i)
        if (slots_mine[i] == nullptr) slots_mine[i] = slots_base[i];
    std::memcpy(static_cast<void *>(mine), slots_mine, sizeof(Table));
}

template <typename Slot>
void inherit(Slot &mine, Slot base) noexcept {
    if (mine == nullptr) mine = base;
}

}  // namespace

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
    .tp_doc = "The base class of the class hierarchy.",
    .tp_richcompare = object_richcompare,
    .tp_init = object_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = object_new,
    .tp_free = PyObject_Free,
};

PyTypeObject PyType_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "type",
    .tp_basicsize = sizeof(PyTypeObject),
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TYPE_SUBCLASS,
    .tp_getset = type_getset,
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
    for (PyTypeObject *t = a; t != nullptr; t = t->tp_base)
        if (t == b) return 1;
    // Every type derives from object, ready or not.
    return b == &PyBaseObject_Type;
}

extern "C" const char *_PyType_Name(PyTypeObject *type) noexcept {
    const char *dot = std::strrchr(type->tp_name, '.');
    return dot != nullptr ? dot + 1 : type->tp_name;
}

extern "C" int PyType_Ready(PyTypeObject *type) noexcept {
    if (type->tp_flags & Py_TPFLAGS_READY) return 0;
    if (type->tp_name == nullptr) {
        PyErr_SetString(PyExc_SystemError, "Type does not define the tp_name field.");
        return -1;
    }
    if (type->tp_base == nullptr && type != &PyBaseObject_Type) type->tp_base = &PyBaseObject_Type;
    PyTypeObject *base = type->tp_base;
    if (base != nullptr && !(base->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(base) < 0)
        return -1;
    if (Py_TYPE(type) == nullptr && base != nullptr)
        Py_SET_TYPE(_PyObject_CAST(type), Py_TYPE(base));
    type->tp_flags |= Py_TPFLAGS_READYING;

    if (base != nullptr) {
        if (type->tp_basicsize == 0) type->tp_basicsize = base->tp_basicsize;
        if (type->tp_itemsize == 0) type->tp_itemsize = base->tp_itemsize;
        // The fast subclass bits and GC travel down the hierarchy.
        type->tp_flags |=
            base->tp_flags &
            (Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS |
             Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS |
             Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS);
        // A subtype of a GC type that adds no references of its own collects as its base.
        if ((base->tp_flags & Py_TPFLAGS_HAVE_GC) && type->tp_traverse == nullptr &&
            type->tp_clear == nullptr) {
            type->tp_flags |= Py_TPFLAGS_HAVE_GC;
            type->tp_traverse = base->tp_traverse;
            type->tp_clear = base->tp_clear;
        }
        inherit(type->tp_dealloc, base->tp_dealloc);
        inherit(type->tp_repr, base->tp_repr);
        inherit(type->tp_str, base->tp_str);
        inherit(type->tp_getattro, base->tp_getattro);
        inherit(type->tp_setattro, base->tp_setattro);
        // Hash and rich comparison go together: a type that defines either keeps its own.
        if (type->tp_richcompare == nullptr && type->tp_hash == nullptr) {
            type->tp_richcompare = base->tp_richcompare;
            type->tp_hash = base->tp_hash;
        }
        inherit(type->tp_call, base->tp_call);
        inherit(type->tp_iter, base->tp_iter);
        inherit(type->tp_iternext, base->tp_iternext);
        inherit(type->tp_descr_get, base->tp_descr_get);
        inherit(type->tp_descr_set, base->tp_descr_set);
        if (type->tp_dictoffset == 0) type->tp_dictoffset = base->tp_dictoffset;
        inherit(type->tp_init, base->tp_init);
        inherit(type->tp_alloc, base->tp_alloc);
        inherit(type->tp_free, base->tp_free);
        inherit(type->tp_is_gc, base->tp_is_gc);
        // A static type without tp_new cannot be instantiated (CPython's rule for types that
        // do not set it), except that it inherits one from a base other than object.
        if (type->tp_new == nullptr && base != &PyBaseObject_Type) type->tp_new = base->tp_new;
        inherit_table(type->tp_as_number, base->tp_as_number);
        inherit_table(type->tp_as_sequence, base->tp_as_sequence);
        inherit_table(type->tp_as_mapping, base->tp_as_mapping);
    }
    type->tp_flags = (type->tp_flags & ~Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
    return 0;
}

// --- Making objects -------------------------------------------------------------------------

extern "C" void _Py_Dealloc(PyObject *op) noexcept {
    Py_TYPE(op)->tp_dealloc(op);
}

extern "C" PyObject *PyObject_Init(PyObject *op, PyTypeObject *type) noexcept {
    if (op == nullptr) return PyErr_NoMemory();
    return minipy::runtime::init_object_header(op, type);
}

extern "C" PyVarObject *PyObject_InitVar(PyVarObject *op, PyTypeObject *type,
                                         Py_ssize_t size) noexcept {
    if (op == nullptr) return reinterpret_cast<PyVarObject *>(PyErr_NoMemory());
    return minipy::runtime::init_var_object_header(op, type, size);
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
        obj = type->tp_itemsize == 0
                  ? _PyObject_GC_New(type)
                  : reinterpret_cast<PyObject *>(_PyObject_GC_NewVar(type, nitems + 1));
        if (obj == nullptr) return nullptr;
        std::memset(static_cast<void *>(obj), 0, size);
    } else {
        void *memory = PyObject_Calloc(1, size);
        if (memory == nullptr) return PyErr_NoMemory();
        obj = static_cast<PyObject *>(memory);
    }
    Py_SET_TYPE(obj, type);
    Py_SET_REFCNT(obj, 1);
    if (type->tp_itemsize != 0) Py_SET_SIZE(obj, nitems);
    if (PyType_IS_GC(type)) PyObject_GC_Track(obj);
    return obj;
}

extern "C" PyObject *PyType_GenericNew(PyTypeObject *type, PyObject *, PyObject *) noexcept {
    return type->tp_alloc(type, 0);
}

namespace minipy::runtime {

int object_init() noexcept {
    PyTypeObject *const types[] = {&PyBaseObject_Type,      &PyType_Type,     &_PyNone_Type,
                                   &_PyNotImplemented_Type, &PyEllipsis_Type, &PyCFunction_Type};
    for (PyTypeObject *type : types)
        if (PyType_Ready(type) < 0) return -1;
    return 0;
}

void object_fini() noexcept {}

}  // namespace minipy::runtime
