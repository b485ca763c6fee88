// Heap types from a specification (PEP 384; CPython 3.11's PyType_FromModuleAndSpec and
// PyType_GetSlot, Objects/typeobject.c): how a C extension makes a class without a static
// PyTypeObject. The spec's slots are copied into a new PyHeapTypeObject, which PyType_Ready
// completes; special methods come from the C slots (no Python-level dispatch).
//
// Name "pkg.mod.Name": __name__ and __qualname__ are "Name", __module__ is "pkg.mod". Members
// named __dictoffset__ / __weaklistoffset__ set the instance dict and weakref offsets, as in
// CPython. A type with its own tp_dealloc must Py_DECREF its type there (heap types' instances
// hold a reference to it); one without gets the generic subtype deallocator.
#include <cstring>

#include "minipy/structmember.h"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

using Heap = PyHeapTypeObject;

// Where each Py_* slot number lives: the table (offset in PyHeapTypeObject of the sub-table,
// or of the type slot itself) and the offset inside that table (-1: the type slot).
struct SlotOffset {
    short table;
    short slot;
};

#define MINIPY_TP(field) \
    { static_cast<short>(offsetof(PyTypeObject, field)), -1 }
#define MINIPY_SUB(table, type, field) \
    { static_cast<short>(offsetof(PyTypeObject, table)), static_cast<short>(offsetof(type, field)) }
#define MINIPY_NB(field) MINIPY_SUB(tp_as_number, PyNumberMethods, field)
#define MINIPY_SQ(field) MINIPY_SUB(tp_as_sequence, PySequenceMethods, field)
#define MINIPY_MP(field) MINIPY_SUB(tp_as_mapping, PyMappingMethods, field)
#define MINIPY_AM(field) MINIPY_SUB(tp_as_async, PyAsyncMethods, field)
#define MINIPY_BF(field) MINIPY_SUB(tp_as_buffer, PyBufferProcs, field)

// Indexed by the typeslots.h numbers (ORDER TYPESLOTS).
constexpr SlotOffset kSlotOffsets[] = {
    {0, 0},  // 0: unused
    MINIPY_BF(bf_getbuffer),
    MINIPY_BF(bf_releasebuffer),
    MINIPY_MP(mp_ass_subscript),
    MINIPY_MP(mp_length),
    MINIPY_MP(mp_subscript),
    MINIPY_NB(nb_absolute),
    MINIPY_NB(nb_add),
    MINIPY_NB(nb_and),
    MINIPY_NB(nb_bool),
    MINIPY_NB(nb_divmod),
    MINIPY_NB(nb_float),
    MINIPY_NB(nb_floor_divide),
    MINIPY_NB(nb_index),
    MINIPY_NB(nb_inplace_add),
    MINIPY_NB(nb_inplace_and),
    MINIPY_NB(nb_inplace_floor_divide),
    MINIPY_NB(nb_inplace_lshift),
    MINIPY_NB(nb_inplace_multiply),
    MINIPY_NB(nb_inplace_or),
    MINIPY_NB(nb_inplace_power),
    MINIPY_NB(nb_inplace_remainder),
    MINIPY_NB(nb_inplace_rshift),
    MINIPY_NB(nb_inplace_subtract),
    MINIPY_NB(nb_inplace_true_divide),
    MINIPY_NB(nb_inplace_xor),
    MINIPY_NB(nb_int),
    MINIPY_NB(nb_invert),
    MINIPY_NB(nb_lshift),
    MINIPY_NB(nb_multiply),
    MINIPY_NB(nb_negative),
    MINIPY_NB(nb_or),
    MINIPY_NB(nb_positive),
    MINIPY_NB(nb_power),
    MINIPY_NB(nb_remainder),
    MINIPY_NB(nb_rshift),
    MINIPY_NB(nb_subtract),
    MINIPY_NB(nb_true_divide),
    MINIPY_NB(nb_xor),
    MINIPY_SQ(sq_ass_item),
    MINIPY_SQ(sq_concat),
    MINIPY_SQ(sq_contains),
    MINIPY_SQ(sq_inplace_concat),
    MINIPY_SQ(sq_inplace_repeat),
    MINIPY_SQ(sq_item),
    MINIPY_SQ(sq_length),
    MINIPY_SQ(sq_repeat),
    MINIPY_TP(tp_alloc),
    MINIPY_TP(tp_base),
    MINIPY_TP(tp_bases),
    MINIPY_TP(tp_call),
    MINIPY_TP(tp_clear),
    MINIPY_TP(tp_dealloc),
    MINIPY_TP(tp_del),
    MINIPY_TP(tp_descr_get),
    MINIPY_TP(tp_descr_set),
    MINIPY_TP(tp_doc),
    MINIPY_TP(tp_getattr),
    MINIPY_TP(tp_getattro),
    MINIPY_TP(tp_hash),
    MINIPY_TP(tp_init),
    MINIPY_TP(tp_is_gc),
    MINIPY_TP(tp_iter),
    MINIPY_TP(tp_iternext),
    MINIPY_TP(tp_methods),
    MINIPY_TP(tp_new),
    MINIPY_TP(tp_repr),
    MINIPY_TP(tp_richcompare),
    MINIPY_TP(tp_setattr),
    MINIPY_TP(tp_setattro),
    MINIPY_TP(tp_str),
    MINIPY_TP(tp_traverse),
    MINIPY_TP(tp_members),
    MINIPY_TP(tp_getset),
    MINIPY_TP(tp_free),
    MINIPY_NB(nb_matrix_multiply),
    MINIPY_NB(nb_inplace_matrix_multiply),
    MINIPY_AM(am_await),
    MINIPY_AM(am_aiter),
    MINIPY_AM(am_anext),
    MINIPY_TP(tp_finalize),
    MINIPY_AM(am_send),
};
constexpr int kMaxSlot = static_cast<int>(sizeof(kSlotOffsets) / sizeof(kSlotOffsets[0])) - 1;
static_assert(kMaxSlot == Py_am_send);

#undef MINIPY_TP
#undef MINIPY_SUB
#undef MINIPY_NB
#undef MINIPY_SQ
#undef MINIPY_MP
#undef MINIPY_AM
#undef MINIPY_BF

void **slot_address(PyTypeObject *type, int slot) noexcept {
    const SlotOffset &where = kSlotOffsets[slot];
    char *base = reinterpret_cast<char *>(type) + where.table;
    if (where.slot < 0) return reinterpret_cast<void **>(base);
    char *table = *reinterpret_cast<char **>(base);
    if (table == nullptr) return nullptr;
    return reinterpret_cast<void **>(table + where.slot);
}

PyObject *from_spec(PyObject *module, PyType_Spec *spec, PyObject *bases_arg) noexcept {
    // Members and the base(s) named in the slots.
    Py_ssize_t nmembers = 0;
    Py_ssize_t weaklistoffset = 0;
    Py_ssize_t dictoffset = 0;
    PyObject *slot_base = nullptr;
    PyObject *slot_bases = nullptr;
    for (PyType_Slot *slot = spec->slots; slot->slot != 0; ++slot) {
        if (slot->slot < 0 || slot->slot > kMaxSlot) {
            PyErr_SetString(PyExc_RuntimeError, "invalid slot offset");
            return nullptr;
        }
        if (slot->slot == Py_tp_base) slot_base = static_cast<PyObject *>(slot->pfunc);
        if (slot->slot == Py_tp_bases) slot_bases = static_cast<PyObject *>(slot->pfunc);
        if (slot->slot != Py_tp_members) continue;
        for (auto *m = static_cast<PyMemberDef *>(slot->pfunc); m->name != nullptr; ++m) {
            ++nmembers;
            if (std::strcmp(m->name, "__weaklistoffset__") == 0) weaklistoffset = m->offset;
            if (std::strcmp(m->name, "__dictoffset__") == 0) dictoffset = m->offset;
        }
    }
    PyObject *bases;
    if (bases_arg != nullptr) {
        bases = PyTuple_Check(bases_arg) ? Py_NewRef(bases_arg) : PyTuple_Pack(1, bases_arg);
    } else if (slot_bases != nullptr) {
        bases = Py_NewRef(slot_bases);
    } else {
        bases = PyTuple_Pack(
            1, slot_base != nullptr ? slot_base : reinterpret_cast<PyObject *>(&PyBaseObject_Type));
    }
    if (bases == nullptr) return nullptr;
    PyTypeObject *base = best_base(bases);
    if (base == nullptr) {
        Py_DECREF(bases);
        return nullptr;
    }
    auto *res = reinterpret_cast<Heap *>(PyType_GenericAlloc(&PyType_Type, nmembers));
    if (res == nullptr) {
        Py_DECREF(bases);
        return nullptr;
    }
    PyTypeObject *type = &res->ht_type;
    type->tp_as_async = &res->as_async;
    type->tp_as_number = &res->as_number;
    type->tp_as_sequence = &res->as_sequence;
    type->tp_as_mapping = &res->as_mapping;
    type->tp_as_buffer = &res->as_buffer;
    type->tp_flags = spec->flags | Py_TPFLAGS_HEAPTYPE;
    type->tp_bases = bases;
    type->tp_base = reinterpret_cast<PyTypeObject *>(Py_NewRef(reinterpret_cast<PyObject *>(base)));
    type->tp_basicsize = spec->basicsize;
    type->tp_itemsize = spec->itemsize;
    // tp_name is the full "module.Name", owned by the type.
    const std::size_t name_length = std::strlen(spec->name);
    res->_ht_tpname = static_cast<char *>(PyMem_Malloc(name_length + 1));
    if (res->_ht_tpname == nullptr) {
        PyErr_NoMemory();
        goto fail;
    }
    std::memcpy(res->_ht_tpname, spec->name, name_length + 1);
    type->tp_name = res->_ht_tpname;
    {
        const char *dot = std::strrchr(spec->name, '.');
        res->ht_name = PyUnicode_FromString(dot != nullptr ? dot + 1 : spec->name);
        if (res->ht_name == nullptr) goto fail;
        res->ht_qualname = Py_NewRef(res->ht_name);
    }
    for (PyType_Slot *slot = spec->slots; slot->slot != 0; ++slot) {
        if (slot->slot == Py_tp_base || slot->slot == Py_tp_bases) continue;
        if (slot->slot == Py_tp_doc) {
            if (slot->pfunc == nullptr) continue;
            const char *doc = static_cast<const char *>(slot->pfunc);
            const std::size_t size = std::strlen(doc) + 1;
            auto *copy = static_cast<char *>(PyObject_Malloc(size));
            if (copy == nullptr) {
                PyErr_NoMemory();
                goto fail;
            }
            std::memcpy(copy, doc, size);
            type->tp_doc = copy;
            continue;
        }
        if (slot->slot == Py_tp_members) {
            PyMemberDef *into = PyHeapType_GET_MEMBERS(res);
            std::memcpy(into, slot->pfunc, static_cast<size_t>(nmembers) * sizeof(PyMemberDef));
            type->tp_members = into;
            continue;
        }
        if (void **address = slot_address(type, slot->slot); address != nullptr)
            *address = slot->pfunc;
    }
    if (type->tp_dealloc == nullptr) type->tp_dealloc = subtype_dealloc;
    if (weaklistoffset != 0) type->tp_weaklistoffset = weaklistoffset;
    if (dictoffset != 0) type->tp_dictoffset = dictoffset;
    res->ht_module = Py_XNewRef(module);
    if (PyType_Ready(type) < 0) goto fail;
    if (const char *dot = std::strrchr(spec->name, '.'); dot != nullptr) {
        PyObject *module_name = PyUnicode_FromStringAndSize(spec->name, dot - spec->name);
        if (module_name == nullptr) goto fail;
        const int status = PyDict_SetItem(type->tp_dict, dunder(Dunder::module), module_name);
        Py_DECREF(module_name);
        if (status < 0) goto fail;
    }
    return reinterpret_cast<PyObject *>(type);
fail:
    Py_DECREF(type);
    return nullptr;
}

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec,
                                              PyObject *bases) noexcept {
    return from_spec(module, spec, bases);
}

extern "C" PyObject *PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases) noexcept {
    return from_spec(nullptr, spec, bases);
}

extern "C" PyObject *PyType_FromSpec(PyType_Spec *spec) noexcept {
    return from_spec(nullptr, spec, nullptr);
}

extern "C" void *PyType_GetSlot(PyTypeObject *type, int slot) noexcept {
    if (slot <= 0 || slot > kMaxSlot) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    void **address = slot_address(type, slot);
    return address != nullptr ? *address : nullptr;
}

extern "C" PyObject *PyType_GetModule(PyTypeObject *type) noexcept {
    if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' is not a heap type",
                     type->tp_name);
        return nullptr;
    }
    PyObject *module = reinterpret_cast<PyHeapTypeObject *>(type)->ht_module;
    if (module == nullptr) {
        PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' has no associated module",
                     type->tp_name);
        return nullptr;
    }
    return module;
}

extern "C" void *PyType_GetModuleState(PyTypeObject *type) noexcept {
    PyObject *module = PyType_GetModule(type);
    return module != nullptr ? PyModule_GetState(module) : nullptr;
}

extern "C" PyObject *PyType_GetModuleByDef(PyTypeObject *type, PyModuleDef *def) noexcept {
    // The first heap type along the MRO whose module was made from `def` (borrowed).
    PyObject *mro = type->tp_mro;
    for (Py_ssize_t i = 0; mro != nullptr && i < PyTuple_GET_SIZE(mro); ++i) {
        auto *base = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(mro, i));
        if (!(base->tp_flags & Py_TPFLAGS_HEAPTYPE)) continue;
        PyObject *module = reinterpret_cast<PyHeapTypeObject *>(base)->ht_module;
        if (module != nullptr && PyModule_GetDef(module) == def) return module;
    }
    PyErr_Format(PyExc_TypeError,
                 "PyType_GetModuleByDef: No superclass of '%s' has the given module",
                 type->tp_name);
    return nullptr;
}
