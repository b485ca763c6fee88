// Instances of classes made at run time (CPython 3.11's subtype_* functions): their
// deallocation, GC traversal and clearing, the __dict__ and __weakref__ attributes, and the
// finalizer protocol (PEP 442) that runs __del__.
//
// What such an instance holds beyond its nearest C base: the __slots__ fields (T_OBJECT_EX
// members of each class in its chain), the managed __dict__ in front of the object, a
// __weakref__ field (always NULL: minipy has no weak references), and a reference to its class.
//
// subtype_dealloc, for the usual GC case:
//   1. untrack; the trashcan bounds the C stack for deep chains of instances;
//   2. tp_finalize (the class's __del__) runs once, with the object temporarily alive and
//      tracked; if __del__ stored a reference somewhere the object is resurrected and the
//      deallocation stops here (it will run again when that reference goes);
//   3. the slots of each class down to the first C base are cleared, then the dict;
//   4. the C base's tp_dealloc frees the object (list's frees the items and the memory);
//   5. the class loses the instance's reference (after the memory is gone: the class may go
//      with it).
#include "gc/gc_internal.hpp"
#include "minipy/structmember.h"
#include "objects/type/slot_functions.hpp"
#include "objects/type/type_internal.hpp"
#include "recursion/trashcan.hpp"

namespace minipy::runtime {
namespace {

// The T_OBJECT_EX members a class adds (its __slots__), each visited or cleared.
int traverse_slots(PyTypeObject *type, PyObject *self, visitproc visit, void *arg) noexcept {
    PyMemberDef *members = PyHeapType_GET_MEMBERS(reinterpret_cast<PyHeapTypeObject *>(type));
    for (Py_ssize_t i = 0; i < Py_SIZE(type); ++i) {
        if (members[i].type != T_OBJECT_EX) continue;
        PyObject *value =
            *reinterpret_cast<PyObject **>(reinterpret_cast<char *>(self) + members[i].offset);
        Py_VISIT(value);
    }
    return 0;
}

void clear_slots(PyTypeObject *type, PyObject *self) noexcept {
    PyMemberDef *members = PyHeapType_GET_MEMBERS(reinterpret_cast<PyHeapTypeObject *>(type));
    for (Py_ssize_t i = 0; i < Py_SIZE(type); ++i) {
        if (members[i].type != T_OBJECT_EX || (members[i].flags & READONLY)) continue;
        auto **slot =
            reinterpret_cast<PyObject **>(reinterpret_cast<char *>(self) + members[i].offset);
        Py_CLEAR(*slot);
    }
}

// The nearest C base whose tp_dealloc is not ours (object, list, int...).
PyTypeObject *nearest_c_base(PyTypeObject *type) noexcept {
    PyTypeObject *base = type;
    while (base->tp_dealloc == subtype_dealloc) base = base->tp_base;
    return base;
}

void clear_dict(PyTypeObject *type, PyTypeObject *base, PyObject *self) noexcept {
    if (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        Py_CLEAR(*managed_dict_ptr(self));
    } else if (type->tp_dictoffset != 0 && base->tp_dictoffset == 0) {
        if (PyObject **dictptr = _PyObject_GetDictPtr(self); dictptr != nullptr) Py_CLEAR(*dictptr);
    }
}

// --- __dict__ / __weakref__
// -------------------------------------------------------------------------

// A class deriving from a C type with its own instance dict (an exception, say) uses that
// type's __dict__ descriptor.
PyTypeObject *builtin_base_with_dict(PyTypeObject *type) noexcept {
    for (; type->tp_base != nullptr; type = type->tp_base)
        if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE) && type->tp_dictoffset != 0) return type;
    return nullptr;
}

PyObject *builtin_dict_descriptor(PyTypeObject *base, PyObject *obj) noexcept {
    PyObject *descr = _PyType_Lookup(base, dunder(Dunder::dict));
    if (descr == nullptr || Py_TYPE(descr)->tp_descr_get == nullptr) {
        PyErr_Format(PyExc_TypeError, "this __dict__ descriptor does not support '%.200s' objects",
                     Py_TYPE(obj)->tp_name);
        return nullptr;
    }
    return descr;
}

PyObject *subtype_dict(PyObject *obj, void *context) noexcept {
    if (PyTypeObject *base = builtin_base_with_dict(Py_TYPE(obj)); base != nullptr) {
        PyObject *descr = builtin_dict_descriptor(base, obj);
        if (descr == nullptr) return nullptr;
        return Py_TYPE(descr)->tp_descr_get(descr, obj, reinterpret_cast<PyObject *>(Py_TYPE(obj)));
    }
    return PyObject_GenericGetDict(obj, context);
}

int subtype_setdict(PyObject *obj, PyObject *value, void *) noexcept {
    if (PyTypeObject *base = builtin_base_with_dict(Py_TYPE(obj)); base != nullptr) {
        PyObject *descr = builtin_dict_descriptor(base, obj);
        if (descr == nullptr) return -1;
        descrsetfunc set = Py_TYPE(descr)->tp_descr_set;
        if (set == nullptr) {
            PyErr_Format(PyExc_TypeError,
                         "this __dict__ descriptor does not support '%.200s' objects",
                         Py_TYPE(obj)->tp_name);
            return -1;
        }
        return set(descr, obj, value);
    }
    // As PyObject_GenericSetDict, except that __dict__ may be deleted.
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr == nullptr) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value != nullptr && !PyDict_Check(value)) {
        PyErr_Format(PyExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_XSETREF(*dictptr, Py_XNewRef(value));
    return 0;
}

PyObject *subtype_getweakref(PyObject *obj, void *) noexcept {
    PyTypeObject *type = Py_TYPE(obj);
    if (type->tp_weaklistoffset == 0) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __weakref__");
        return nullptr;
    }
    PyObject *list =
        *reinterpret_cast<PyObject **>(reinterpret_cast<char *>(obj) + type->tp_weaklistoffset);
    return Py_NewRef(list != nullptr ? list : Py_None);
}

constexpr const char *kDictDoc = "dictionary for instance variables (if defined)";
constexpr const char *kWeakrefDoc = "list of weak references to the object (if defined)";

}  // namespace

PyGetSetDef subtype_getsets_full[] = {
    {"__dict__", subtype_dict, subtype_setdict, kDictDoc, nullptr},
    {"__weakref__", subtype_getweakref, nullptr, kWeakrefDoc, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
PyGetSetDef subtype_getsets_dict_only[] = {
    {"__dict__", subtype_dict, subtype_setdict, kDictDoc, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
PyGetSetDef subtype_getsets_weakref_only[] = {
    {"__weakref__", subtype_getweakref, nullptr, kWeakrefDoc, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyObject *instance_dict_get(PyObject *obj) noexcept {
    return PyObject_GenericGetDict(obj, nullptr);
}

bool instance_dict_is_empty(PyObject *obj) noexcept {
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    return dictptr == nullptr || *dictptr == nullptr || PyDict_GET_SIZE(*dictptr) == 0;
}

// --- Traversal, clearing, deallocation
// ------------------------------------------------------------

int subtype_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    PyTypeObject *base = type;
    traverseproc basetraverse;
    while ((basetraverse = base->tp_traverse) == subtype_traverse) {
        if (Py_SIZE(base) != 0) {
            if (int status = traverse_slots(base, self, visit, arg); status != 0) return status;
        }
        base = base->tp_base;
    }
    if (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        Py_VISIT(*managed_dict_ptr(self));
    } else if (type->tp_dictoffset != base->tp_dictoffset) {
        if (PyObject **dictptr = _PyObject_GetDictPtr(self); dictptr != nullptr) Py_VISIT(*dictptr);
    }
    // An instance refers to its class; a heap base's traverse visits it instead.
    if ((type->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
        (basetraverse == nullptr || !(base->tp_flags & Py_TPFLAGS_HEAPTYPE)))
        Py_VISIT(type);
    if (basetraverse != nullptr) return basetraverse(self, visit, arg);
    return 0;
}

int subtype_clear(PyObject *self) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    PyTypeObject *base = type;
    inquiry baseclear;
    while ((baseclear = base->tp_clear) == subtype_clear) {
        if (Py_SIZE(base) != 0) clear_slots(base, self);
        base = base->tp_base;
    }
    // The dict too: `self.__dict__ is self`-style cycles go through nothing else.
    clear_dict(type, base, self);
    if (baseclear != nullptr) return baseclear(self);
    return 0;
}

void subtype_dealloc(PyObject *self) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    if (!PyType_IS_GC(type)) {
        // A heap type without GC (PyType_FromSpec without Py_TPFLAGS_HAVE_GC).
        if (type->tp_finalize != nullptr && PyObject_CallFinalizerFromDealloc(self) < 0) return;
        PyTypeObject *base = nearest_c_base(type);
        type = Py_TYPE(self);
        const bool decref_type =
            (type->tp_flags & Py_TPFLAGS_HEAPTYPE) && !(base->tp_flags & Py_TPFLAGS_HEAPTYPE);
        base->tp_dealloc(self);
        if (decref_type) Py_DECREF(type);
        return;
    }
    PyObject_GC_UnTrack(self);
    Trashcan trashcan(self, subtype_dealloc);
    if (trashcan.put_aside()) return;  // destroyed when the outer deallocation ends
    if (type->tp_finalize != nullptr) {
        // __del__ sees a live, tracked object.
        PyObject_GC_Track(self);
        if (PyObject_CallFinalizerFromDealloc(self) < 0) return;  // resurrected
        PyObject_GC_UnTrack(self);
    }
    PyTypeObject *base = type;
    while (base->tp_dealloc == subtype_dealloc) {
        if (Py_SIZE(base) != 0) clear_slots(base, self);
        base = base->tp_base;
    }
    clear_dict(type, base, self);
    // __del__ may have changed the class (object.__class__ = ...).
    type = Py_TYPE(self);
    const bool decref_type =
        (type->tp_flags & Py_TPFLAGS_HEAPTYPE) && !(base->tp_flags & Py_TPFLAGS_HEAPTYPE);
    base->tp_dealloc(self);
    // The memory is gone; the class may go now (it must outlive the base's deallocator, which
    // still asked it for tp_free).
    if (decref_type) Py_DECREF(type);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" void PyObject_CallFinalizer(PyObject *self) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    if (type->tp_finalize == nullptr) return;
    // At most once per object: the GC header remembers (CPython's _PyGC_FINALIZED).
    const bool gc = PyType_IS_GC(type);
    if (gc && (gc::as_gc(self)->_gc_prev & gc::kPrevFinalized)) return;
    type->tp_finalize(self);
    if (gc) gc::as_gc(self)->_gc_prev |= gc::kPrevFinalized;
}

extern "C" int PyObject_CallFinalizerFromDealloc(PyObject *self) noexcept {
    if (Py_REFCNT(self) != 0)
        Py_FatalError(
            "PyObject_CallFinalizerFromDealloc called on object with a non-zero refcount");
    // Alive again for the finalizer's sake.
    Py_SET_REFCNT(self, 1);
    PyObject_CallFinalizer(self);
    // Drop that reference without deallocating (this is the deallocation).
    Py_SET_REFCNT(self, Py_REFCNT(self) - 1);
    if (Py_REFCNT(self) == 0) return 0;
    // Resurrected: someone kept a reference. The object stays tracked and alive.
    return -1;
}
