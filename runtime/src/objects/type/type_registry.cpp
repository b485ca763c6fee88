// Two registries of the type system, and its start-up and shutdown.
//
// Static types across restarts. A static type (a PyTypeObject in the program's data, every
// built-in type and any C extension's) is changed by PyType_Ready: it gets a dict, bases, an
// MRO, inherited slots, sub-table pointers borrowed from its base. The dict and what it holds
// come from the OBJ domain of the runtime that is running, so they must go at shutdown, and
// the next start-up must find the type as the program wrote it (PyType_Ready fills in only
// what the type leaves NULL: after a restart an inherited slot would look like the type's own,
// and add_operators would give the type wrappers for slots it never defined). So the first
// PyType_Ready of a static type records a copy of the type object and of its own slot tables
// (in the RAW domain: this is bookkeeping, not an object), and static_types_fini, at shutdown,
// drops every dict, MRO, bases tuple and subclass list, then copies each record back, newest
// first (a table two types share is then left as the oldest record saw it: untouched).
//
// Subclass lists. tp_subclasses is a dict {address of the subclass (an int): None}, in the
// order the subclasses were made. CPython keeps weak references there; minipy has none, so a
// heap type removes itself from its bases' lists when it is freed (type_dealloc), which keeps
// every entry pointing at a live type.
#include <cstring>

#include "lifecycle/part_lifecycle.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

struct StaticTypeRecord {
    PyTypeObject *type;
    PyTypeObject saved;
    PyAsyncMethods async;
    PyNumberMethods number;
    PySequenceMethods sequence;
    PyMappingMethods mapping;
};

StaticTypeRecord *g_records = nullptr;
Py_ssize_t g_record_count = 0;
Py_ssize_t g_record_capacity = 0;

template <typename Table>
void save_table(Table *source, Table &into) noexcept {
    if (source != nullptr) std::memcpy(static_cast<void *>(&into), source, sizeof(Table));
}

template <typename Table>
void restore_table(Table *target, const Table &from) noexcept {
    if (target != nullptr) std::memcpy(static_cast<void *>(target), &from, sizeof(Table));
}

}  // namespace

bool static_type_register(PyTypeObject *type) noexcept {
    if (g_record_count == g_record_capacity) {
        const Py_ssize_t capacity = g_record_capacity == 0 ? 64 : g_record_capacity * 2;
        const auto bytes = static_cast<size_t>(capacity) * sizeof(StaticTypeRecord);
        void *grown =
            g_records == nullptr ? PyMem_RawMalloc(bytes) : PyMem_RawRealloc(g_records, bytes);
        if (grown == nullptr) return false;
        g_records = static_cast<StaticTypeRecord *>(grown);
        g_record_capacity = capacity;
    }
    StaticTypeRecord &record = g_records[g_record_count++];
    record.type = type;
    std::memcpy(static_cast<void *>(&record.saved), type, sizeof(PyTypeObject));
    save_table(type->tp_as_async, record.async);
    save_table(type->tp_as_number, record.number);
    save_table(type->tp_as_sequence, record.sequence);
    save_table(type->tp_as_mapping, record.mapping);
    return true;
}

void static_types_fini() noexcept {
    // First every reference the types hold (their dicts hold descriptors of other types);
    // then the bytes, newest first.
    for (Py_ssize_t i = g_record_count; --i >= 0;) {
        PyTypeObject *type = g_records[i].type;
        Py_CLEAR(type->tp_dict);
        Py_CLEAR(type->tp_mro);
        Py_CLEAR(type->tp_bases);
        Py_CLEAR(type->tp_subclasses);
        Py_CLEAR(type->tp_cache);
    }
    for (Py_ssize_t i = g_record_count; --i >= 0;) {
        StaticTypeRecord &record = g_records[i];
        PyTypeObject *type = record.type;
        std::memcpy(static_cast<void *>(type), &record.saved, sizeof(PyTypeObject));
        restore_table(type->tp_as_async, record.async);
        restore_table(type->tp_as_number, record.number);
        restore_table(type->tp_as_sequence, record.sequence);
        restore_table(type->tp_as_mapping, record.mapping);
    }
    PyMem_RawFree(g_records);
    g_records = nullptr;
    g_record_count = 0;
    g_record_capacity = 0;
}

// --- Subclass lists -----------------------------------------------------------------------------

int subclass_add(PyTypeObject *base, PyTypeObject *type) noexcept {
    if (base->tp_subclasses == nullptr && (base->tp_subclasses = PyDict_New()) == nullptr)
        return -1;
    PyObject *key = PyLong_FromVoidPtr(type);
    if (key == nullptr) return -1;
    const int status = PyDict_SetItem(base->tp_subclasses, key, Py_None);
    Py_DECREF(key);
    return status;
}

void subclass_remove(PyTypeObject *base, PyTypeObject *type) noexcept {
    if (base->tp_subclasses == nullptr) return;
    PyObject *saved = PyErr_GetRaisedException();
    PyObject *key = PyLong_FromVoidPtr(type);
    if (key != nullptr) {
        if (PyDict_DelItem(base->tp_subclasses, key) < 0) PyErr_Clear();
        Py_DECREF(key);
    } else {
        PyErr_Clear();
    }
    if (PyDict_GET_SIZE(base->tp_subclasses) == 0) Py_CLEAR(base->tp_subclasses);
    PyErr_SetRaisedException(saved);
}

int subclass_visit(PyTypeObject *type, int (*visit)(PyTypeObject *, void *), void *arg) noexcept {
    PyObject *subclasses = type->tp_subclasses;
    if (subclasses == nullptr) return 0;
    // The visitor may add or remove subclasses (it runs Python code): walk a snapshot.
    PyObject *keys = PyDict_Keys(subclasses);
    if (keys == nullptr) return -1;
    int status = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys) && status == 0; ++i) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        if (type->tp_subclasses == nullptr) break;
        const int alive = PyDict_Contains(type->tp_subclasses, key);
        if (alive < 0) {
            status = -1;
            break;
        }
        if (alive == 0) continue;
        status = visit(static_cast<PyTypeObject *>(PyLong_AsVoidPtr(key)), arg);
    }
    Py_DECREF(keys);
    return status;
}

PyObject *subclass_list(PyTypeObject *type) noexcept {
    PyObject *list = PyList_New(0);
    if (list == nullptr || type->tp_subclasses == nullptr) return list;
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value;
    while (PyDict_Next(type->tp_subclasses, &pos, &key, &value)) {
        auto *subclass = static_cast<PyObject *>(PyLong_AsVoidPtr(key));
        if (PyList_Append(list, subclass) < 0) {
            Py_DECREF(list);
            return nullptr;
        }
    }
    return list;
}

// --- Start-up and shutdown ----------------------------------------------------------------------

int types_init() noexcept {
    slot_defs_intern();
    PyTypeObject *const types[] = {
        &PyMethodDescr_Type,  &PyClassMethodDescr_Type, &PyGetSetDescr_Type, &PyMemberDescr_Type,
        &PyWrapperDescr_Type, &_PyMethodWrapper_Type,   &PyDictProxy_Type,   &PyProperty_Type,
        &PyClassMethod_Type,  &PyStaticMethod_Type,     &PyMethod_Type,      &PySuper_Type,
        &PyModule_Type,       &PyModuleDef_Type,
    };
    for (PyTypeObject *type : types)
        if (PyType_Ready(type) < 0) return -1;
    // What start-up made (the static types' dicts and descriptors) lives until shutdown:
    // collections need not look at it again.
    minipy_gc_freeze();
    return 0;
}

void types_fini() noexcept {
    method_cache_clear();
    static_types_fini();
    method_cache_clear();
    slot_defs_fini();
}

}  // namespace minipy::runtime
