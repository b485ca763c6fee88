// PyType_Ready: turning a type object, static or made at run time, into a complete type
// (CPython 3.11's type_ready and its steps, Objects/typeobject.c). In order:
//
//   1. checks     tp_name is set; a static type is recorded (type_registry.cpp) and marked
//                 immutable (Py_TPFLAGS_IMMUTABLETYPE: its attributes cannot be set);
//   2. dict       tp_dict, empty;
//   3. bases      tp_base defaults to object, which is readied first; ob_type defaults to the
//                 base's metatype; tp_bases defaults to (tp_base,) (object's is ());
//   4. MRO        tp_mro by C3 (type_mro.cpp);
//   5. __new__    a static type with no tp_new whose base is object cannot be instantiated
//                 (Py_TPFLAGS_DISALLOW_INSTANTIATION); one with a tp_new gets T.__new__ (a
//                 builtin bound to T), one without inherits its base's;
//   6. the dict   slot wrappers for the slots the type defines (add_operators), then a
//                 descriptor for each tp_methods, tp_members and tp_getset entry, then __doc__.
//                 Since this runs before step 7, the wrappers cover the type's own slots only;
//   7. inherit    inherit_special from tp_base (GC, sizes, offsets, the fast subclass flag),
//                 then inherit_slots from each type of the MRO in turn: a NULL slot takes the
//                 first value the MRO offers. tp_hash and tp_richcompare travel together, and
//                 not at all when the type's dict defines __eq__ or __hash__;
//   8. __hash__   a type left without tp_hash gets __hash__ = None in its dict and
//                 PyObject_HashNotImplemented as tp_hash: it is unhashable;
//   9. subclasses the type is added to each base's subclass list.
#include <cstring>

#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

// --- Steps 2 to 5 -------------------------------------------------------------------------------

int ready_set_bases(PyTypeObject *type) noexcept {
    PyTypeObject *base = type->tp_base;
    if (base == nullptr && type != &PyBaseObject_Type) {
        base = &PyBaseObject_Type;
        type->tp_base = (type->tp_flags & Py_TPFLAGS_HEAPTYPE)
                            ? reinterpret_cast<PyTypeObject *>(Py_NewRef(base))
                            : base;
    }
    if (base != nullptr && !(base->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(base) < 0)
        return -1;
    if (Py_TYPE(type) == nullptr && base != nullptr)
        Py_SET_TYPE(reinterpret_cast<PyObject *>(type), Py_TYPE(base));
    if (type->tp_bases == nullptr) {
        PyObject *bases =
            base == nullptr ? PyTuple_New(0) : PyTuple_Pack(1, reinterpret_cast<PyObject *>(base));
        if (bases == nullptr) return -1;
        type->tp_bases = bases;
    }
    return 0;
}

int ready_mro(PyTypeObject *type) noexcept {
    if (mro_internal(type) < 0) return -1;
    // A static type must not derive from a heap type: the heap type could go away first.
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        PyObject *mro = type->tp_mro;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); ++i) {
            auto *base = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(mro, i));
            if (base->tp_flags & Py_TPFLAGS_HEAPTYPE) {
                PyErr_Format(PyExc_TypeError,
                             "type '%.100s' is not dynamically allocated but its base type "
                             "'%.100s' is dynamically allocated",
                             type->tp_name, base->tp_name);
                return -1;
            }
        }
    }
    return 0;
}

int add_tp_new_wrapper(PyTypeObject *type) noexcept {
    PyObject *dict = type->tp_dict;
    const int present = PyDict_Contains(dict, dunder(Dunder::new_));
    if (present != 0) return present < 0 ? -1 : 0;
    PyObject *func =
        PyCFunction_NewEx(tp_new_methoddef, reinterpret_cast<PyObject *>(type), nullptr);
    if (func == nullptr) return -1;
    const int status = PyDict_SetItem(dict, dunder(Dunder::new_), func);
    Py_DECREF(func);
    return status;
}

int ready_set_new(PyTypeObject *type) noexcept {
    PyTypeObject *base = type->tp_base;
    if (type->tp_new == nullptr && base == &PyBaseObject_Type &&
        !(type->tp_flags & Py_TPFLAGS_HEAPTYPE))
        type->tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
    if (type->tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION) {
        type->tp_new = nullptr;
        return 0;
    }
    if (type->tp_new != nullptr) return add_tp_new_wrapper(type);
    type->tp_new = base->tp_new;
    return 0;
}

// --- Step 6 -------------------------------------------------------------------------------------

int dict_set_default(PyObject *dict, PyObject *key, PyObject *value, bool replace) noexcept {
    if (!replace) {
        const int present = PyDict_Contains(dict, key);
        if (present != 0) return present < 0 ? -1 : 0;
    }
    return PyDict_SetItem(dict, key, value);
}

int add_methods(PyTypeObject *type, PyMethodDef *methods) noexcept {
    PyObject *dict = type->tp_dict;
    for (PyMethodDef *m = methods; m->ml_name != nullptr; ++m) {
        PyObject *descr;
        if (m->ml_flags & METH_CLASS) {
            if (m->ml_flags & METH_STATIC) {
                PyErr_SetString(PyExc_ValueError, "method cannot be both class and static");
                return -1;
            }
            descr = PyDescr_NewClassMethod(type, m);
        } else if (m->ml_flags & METH_STATIC) {
            PyObject *cfunc = PyCFunction_NewEx(m, reinterpret_cast<PyObject *>(type), nullptr);
            if (cfunc == nullptr) return -1;
            descr = PyStaticMethod_New(cfunc);
            Py_DECREF(cfunc);
        } else {
            descr = PyDescr_NewMethod(type, m);
        }
        if (descr == nullptr) return -1;
        PyObject *name = PyUnicode_InternFromString(m->ml_name);
        int status = name != nullptr ? 0 : -1;
        if (status == 0) {
            status = dict_set_default(dict, name, descr, (m->ml_flags & METH_COEXIST) != 0);
            Py_DECREF(name);
        }
        Py_DECREF(descr);
        if (status < 0) return -1;
    }
    return 0;
}

int add_members(PyTypeObject *type, PyMemberDef *members) noexcept {
    for (PyMemberDef *m = members; m->name != nullptr; ++m) {
        PyObject *descr = PyDescr_NewMember(type, m);
        if (descr == nullptr) return -1;
        const int status = dict_set_default(type->tp_dict, PyDescr_NAME(descr), descr, false);
        Py_DECREF(descr);
        if (status < 0) return -1;
    }
    return 0;
}

int add_getsets(PyTypeObject *type, PyGetSetDef *getsets) noexcept {
    for (PyGetSetDef *g = getsets; g->name != nullptr; ++g) {
        PyObject *descr = PyDescr_NewGetSet(type, g);
        if (descr == nullptr) return -1;
        const int status = dict_set_default(type->tp_dict, PyDescr_NAME(descr), descr, false);
        Py_DECREF(descr);
        if (status < 0) return -1;
    }
    return 0;
}

// __doc__ from tp_doc, without the "name(signature)\n--\n\n" header a C docstring may start
// with; None when there is none.
int set_doc(PyTypeObject *type) noexcept {
    PyObject *dict = type->tp_dict;
    const int present = PyDict_Contains(dict, dunder(Dunder::doc));
    if (present != 0) return present < 0 ? -1 : 0;
    if (type->tp_doc == nullptr) return PyDict_SetItem(dict, dunder(Dunder::doc), Py_None);
    const char *doc = type->tp_doc;
    if (const char *end = std::strstr(doc, ")\n--\n\n");
        end != nullptr && end - doc < 2000 && std::strchr(doc, '(') < end)
        doc = end + 6;
    PyObject *text = PyUnicode_FromString(doc);
    if (text == nullptr) return -1;
    const int status = PyDict_SetItem(dict, dunder(Dunder::doc), text);
    Py_DECREF(text);
    return status;
}

int ready_fill_dict(PyTypeObject *type) noexcept {
    if (add_operators(type) < 0) return -1;
    if (type->tp_methods != nullptr && add_methods(type, type->tp_methods) < 0) return -1;
    if (type->tp_members != nullptr && add_members(type, type->tp_members) < 0) return -1;
    if (type->tp_getset != nullptr && add_getsets(type, type->tp_getset) < 0) return -1;
    return set_doc(type);
}

// --- Step 7 -------------------------------------------------------------------------------------

constexpr unsigned long kFastSubclassFlags =
    Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS |
    Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS |
    Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS;

void inherit_special(PyTypeObject *type, PyTypeObject *base) noexcept {
    // A subtype of a GC type that adds no references of its own collects as its base. (minipy
    // also lets a static type that sets Py_TPFLAGS_HAVE_GC without traverse and clear take its
    // base's, as the runtime's exception types do.)
    if ((base->tp_flags & Py_TPFLAGS_HAVE_GC) && type->tp_traverse == nullptr &&
        type->tp_clear == nullptr) {
        type->tp_flags |= Py_TPFLAGS_HAVE_GC;
        type->tp_traverse = base->tp_traverse;
        type->tp_clear = base->tp_clear;
    }
    type->tp_flags |= base->tp_flags & Py_TPFLAGS_MANAGED_DICT;
    if (type->tp_basicsize == 0) type->tp_basicsize = base->tp_basicsize;
    if (type->tp_itemsize == 0) type->tp_itemsize = base->tp_itemsize;
    if (type->tp_weaklistoffset == 0) type->tp_weaklistoffset = base->tp_weaklistoffset;
    if (type->tp_dictoffset == 0) type->tp_dictoffset = base->tp_dictoffset;
    // One fast subclass bit: the base's (a class deriving from two of these types cannot
    // exist, their layouts conflict).
    type->tp_flags |= base->tp_flags & kFastSubclassFlags;
}

template <typename Slot>
void copy_slot(Slot &mine, Slot theirs, Slot basebase) noexcept {
    // Only what the base defines itself (or a base without a base of its own): a slot the
    // base merely inherited is found again further along the MRO.
    if (mine == nullptr && theirs != nullptr && theirs != basebase) mine = theirs;
}

template <typename Table>
Table *table_of(Table *PyTypeObject::*member, PyTypeObject *type) noexcept {
    return type != nullptr ? type->*member : nullptr;
}

// Copies each NULL slot of type's table from base's (when both have the table).
template <typename Table>
void inherit_table(PyTypeObject *type, PyTypeObject *base, Table *PyTypeObject::*member) noexcept {
    Table *mine = type->*member;
    Table *theirs = base->*member;
    if (mine == nullptr || theirs == nullptr || mine == theirs) return;
    Table *basebase = table_of(member, base->tp_base);
    using Slot = void *;
    constexpr std::size_t kSlots = sizeof(Table) / sizeof(Slot);
    static_assert(sizeof(Table) % sizeof(Slot) == 0);
    Slot own[kSlots];
    Slot from[kSlots];
    Slot grand[kSlots] = {};
    std::memcpy(own, mine, sizeof(Table));
    std::memcpy(from, theirs, sizeof(Table));
    if (basebase != nullptr) std::memcpy(grand, basebase, sizeof(Table));
    for (std::size_t i = 0; i < kSlots; ++i)
        if (own[i] == nullptr && from[i] != nullptr && (basebase == nullptr || from[i] != grand[i]))
            own[i] = from[i];
    std::memcpy(static_cast<void *>(mine), own, sizeof(Table));
}

// 1 when the type's own dict defines __eq__ or __hash__ (then neither tp_hash nor
// tp_richcompare is inherited), -1 on error.
int overrides_hash(PyTypeObject *type) noexcept {
    PyObject *dict = type->tp_dict;
    int found = PyDict_Contains(dict, dunder(Dunder::eq));
    if (found != 0) return found;
    return PyDict_Contains(dict, dunder(Dunder::hash));
}

int inherit_slots(PyTypeObject *type, PyTypeObject *base) noexcept {
    inherit_table(type, base, &PyTypeObject::tp_as_async);
    inherit_table(type, base, &PyTypeObject::tp_as_number);
    inherit_table(type, base, &PyTypeObject::tp_as_sequence);
    inherit_table(type, base, &PyTypeObject::tp_as_mapping);

    PyTypeObject *bb = base->tp_base;
    const auto grand = [bb](auto PyTypeObject::*member) {
        using Slot = std::remove_reference_t<decltype(bb->*member)>;
        return bb != nullptr ? bb->*member : Slot{};
    };
    copy_slot(type->tp_dealloc, base->tp_dealloc, grand(&PyTypeObject::tp_dealloc));
    if (type->tp_getattr == nullptr && type->tp_getattro == nullptr) {
        type->tp_getattr = base->tp_getattr;
        type->tp_getattro = base->tp_getattro;
    }
    if (type->tp_setattr == nullptr && type->tp_setattro == nullptr) {
        type->tp_setattr = base->tp_setattr;
        type->tp_setattro = base->tp_setattro;
    }
    copy_slot(type->tp_repr, base->tp_repr, grand(&PyTypeObject::tp_repr));
    copy_slot(type->tp_call, base->tp_call, grand(&PyTypeObject::tp_call));
    copy_slot(type->tp_str, base->tp_str, grand(&PyTypeObject::tp_str));
    if (type->tp_richcompare == nullptr && type->tp_hash == nullptr) {
        const int overrides = overrides_hash(type);
        if (overrides < 0) return -1;
        if (!overrides) {
            type->tp_richcompare = base->tp_richcompare;
            type->tp_hash = base->tp_hash;
        }
    }
    copy_slot(type->tp_iter, base->tp_iter, grand(&PyTypeObject::tp_iter));
    copy_slot(type->tp_iternext, base->tp_iternext, grand(&PyTypeObject::tp_iternext));
    copy_slot(type->tp_descr_get, base->tp_descr_get, grand(&PyTypeObject::tp_descr_get));
    // A method descriptor's subclass is one too, unless it changes how binding works.
    if (base->tp_descr_get != nullptr && type->tp_descr_get == base->tp_descr_get &&
        (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) &&
        (base->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR))
        type->tp_flags |= Py_TPFLAGS_METHOD_DESCRIPTOR;
    copy_slot(type->tp_descr_set, base->tp_descr_set, grand(&PyTypeObject::tp_descr_set));
    if (type->tp_dictoffset == 0) type->tp_dictoffset = base->tp_dictoffset;
    copy_slot(type->tp_init, base->tp_init, grand(&PyTypeObject::tp_init));
    copy_slot(type->tp_alloc, base->tp_alloc, grand(&PyTypeObject::tp_alloc));
    copy_slot(type->tp_is_gc, base->tp_is_gc, grand(&PyTypeObject::tp_is_gc));
    copy_slot(type->tp_finalize, base->tp_finalize, grand(&PyTypeObject::tp_finalize));
    if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) == (base->tp_flags & Py_TPFLAGS_HAVE_GC)) {
        copy_slot(type->tp_free, base->tp_free, grand(&PyTypeObject::tp_free));
    } else if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) && type->tp_free == nullptr &&
               base->tp_free == PyObject_Free) {
        // A subclass that adds GC to a base without it frees as GC objects are freed.
        type->tp_free = PyObject_GC_Del;
    }
    return 0;
}

int ready_inherit(PyTypeObject *type) noexcept {
    PyTypeObject *base = type->tp_base;
    if (base != nullptr) inherit_special(type, base);
    PyObject *mro = type->tp_mro;
    for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(mro); ++i) {
        auto *b = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(mro, i));
        if (inherit_slots(type, b) < 0) return -1;
    }
    if (base != nullptr) {
        // Whole tables the type does not have are shared with its base.
        if (type->tp_as_async == nullptr) type->tp_as_async = base->tp_as_async;
        if (type->tp_as_number == nullptr) type->tp_as_number = base->tp_as_number;
        if (type->tp_as_sequence == nullptr) type->tp_as_sequence = base->tp_as_sequence;
        if (type->tp_as_mapping == nullptr) type->tp_as_mapping = base->tp_as_mapping;
        if (type->tp_as_buffer == nullptr) type->tp_as_buffer = base->tp_as_buffer;
    }
    if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) && (type->tp_flags & Py_TPFLAGS_BASETYPE) &&
        (type->tp_free == nullptr || type->tp_free == PyObject_Free)) {
        PyErr_Format(PyExc_TypeError,
                     "type '%.100s' participates in gc and is a base type but has inappropriate "
                     "tp_free slot",
                     type->tp_name);
        return -1;
    }
    return 0;
}

// --- Steps 8 and 9 ------------------------------------------------------------------------------

int ready_set_hash(PyTypeObject *type) noexcept {
    if (type->tp_hash != nullptr) return 0;
    PyObject *dict = type->tp_dict;
    PyObject *existing = PyDict_GetItemWithError(dict, dunder(Dunder::hash));
    if (existing == nullptr) {
        if (PyErr_Occurred()) return -1;
        if (PyDict_SetItem(dict, dunder(Dunder::hash), Py_None) < 0) return -1;
        existing = Py_None;
    }
    if (existing == Py_None) type->tp_hash = PyObject_HashNotImplemented;
    return 0;
}

int ready_add_subclasses(PyTypeObject *type) noexcept {
    PyObject *bases = type->tp_bases;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); ++i) {
        PyObject *base = PyTuple_GET_ITEM(bases, i);
        if (PyType_Check(base) && subclass_add(reinterpret_cast<PyTypeObject *>(base), type) < 0)
            return -1;
    }
    return 0;
}

int type_ready(PyTypeObject *type) noexcept {
    if (type->tp_name == nullptr) {
        PyErr_SetString(PyExc_SystemError, "Type does not define the tp_name field.");
        return -1;
    }
    if (type->tp_dict == nullptr && (type->tp_dict = PyDict_New()) == nullptr) return -1;
    if (ready_set_bases(type) < 0) return -1;
    if (ready_mro(type) < 0) return -1;
    if (ready_set_new(type) < 0) return -1;
    if (ready_fill_dict(type) < 0) return -1;
    if (ready_inherit(type) < 0) return -1;
    if (ready_set_hash(type) < 0) return -1;
    return ready_add_subclasses(type);
}

}  // namespace
}  // namespace minipy::runtime

extern "C" int PyType_Ready(PyTypeObject *type) noexcept {
    using namespace minipy::runtime;
    if (type->tp_flags & Py_TPFLAGS_READY) return 0;
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        if (!(type->tp_flags & Py_TPFLAGS_READYING) && !static_type_register(type)) {
            PyErr_NoMemory();
            return -1;
        }
        // Historically every static type is immutable (bpo-43908).
        type->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
    }
    type->tp_flags |= Py_TPFLAGS_READYING;
    if (type_ready(type) < 0) {
        type->tp_flags &= ~Py_TPFLAGS_READYING;
        return -1;
    }
    type->tp_flags = (type->tp_flags & ~Py_TPFLAGS_READYING) | Py_TPFLAGS_READY;
    return 0;
}
