// Finding an attribute on a type: the walk along the MRO, the method cache in front of it, the
// version tags the cache is keyed by, and the special-method lookups the slot dispatchers use.
//
// The method cache (CPython 3.11's type_cache, Objects/typeobject.c): 4096 entries, each
// {version, name, value}, indexed by (tp_version_tag ^ (address of name >> 3)). A hit needs
// the type's current tag and the very same name object (names are interned, so the same text
// is usually the same object); the value is borrowed. Invariants:
//   - a type with Py_TPFLAGS_VALID_VERSION_TAG has tp_version_tag != 0, and so has every type
//     in its MRO (assign_version_tag tags the bases first);
//   - anything that changes what a lookup on a type would find (setting or deleting an
//     attribute on a class, changing __bases__, tp_clear of a class) calls PyType_Modified
//     first, which clears the tag of the type and of all its subclasses, recursively; entries
//     stored under an old tag can then never match again (tags are never reused in a run);
//   - the cache holds a strong reference to each name, so a name's address is not reused while
//     an entry names it. The cache is emptied at shutdown.
// The interpreter's inline caches can use the same tags: a cached attribute is still valid
// while the type's tp_version_tag is unchanged.
#include <cstdint>

#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

constexpr unsigned kCacheSizeExp = 12;
constexpr unsigned kCacheSize = 1u << kCacheSizeExp;
constexpr Py_ssize_t kMaxCachedNameLength = 100;

struct CacheEntry {
    unsigned int version;  // tp_version_tag the entry was stored under (0: empty)
    PyObject *name;        // strong reference
    PyObject *value;       // borrowed; NULL caches "not found"
};

constinit CacheEntry g_cache[kCacheSize]{};
// The next tag to hand out; 0 is "no tag". Running out (2^32 tags) just stops caching.
constinit unsigned int g_next_version_tag = 1;

inline unsigned cache_index(unsigned int version, PyObject *name) noexcept {
    return (version ^ static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(name) >> 3)) &
           (kCacheSize - 1);
}

bool assign_version_tag(PyTypeObject *type) noexcept {
    if (type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) return true;
    if (!(type->tp_flags & Py_TPFLAGS_READY)) return false;
    if (g_next_version_tag == 0) return false;
    type->tp_version_tag = g_next_version_tag++;
    PyObject *bases = type->tp_bases;
    if (bases != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); ++i) {
            auto *base = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(bases, i));
            if (!assign_version_tag(base)) return false;
        }
    }
    type->tp_flags |= Py_TPFLAGS_VALID_VERSION_TAG;
    return true;
}

bool cacheable_name(PyObject *name) noexcept {
    return PyUnicode_CheckExact(name) && PyUnicode_GET_LENGTH(name) <= kMaxCachedNameLength;
}

int modified_subclass(PyTypeObject *subclass, void *) noexcept {
    PyType_Modified(subclass);
    return 0;
}

}  // namespace

PyObject *find_name_in_mro(PyTypeObject *type, PyObject *name, int *error) noexcept {
    *error = 0;
    PyObject *mro = type->tp_mro;
    if (mro == nullptr) {
        if (!(type->tp_flags & Py_TPFLAGS_READYING)) {
            if (PyType_Ready(type) < 0) {
                *error = -1;
                return nullptr;
            }
            mro = type->tp_mro;
        }
        if (mro == nullptr) {
            *error = 1;
            return nullptr;
        }
    }
    const Py_hash_t hash = PyObject_Hash(name);
    if (hash == -1) {
        *error = -1;
        return nullptr;
    }
    // A dict lookup may run Python code (a str subclass's __eq__) that changes the MRO.
    Py_INCREF(mro);
    PyObject *result = nullptr;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); ++i) {
        auto *base = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(mro, i));
        PyObject *dict = base->tp_dict;
        if (dict == nullptr) continue;
        result = _PyDict_GetItem_KnownHash(dict, name, hash);
        if (result != nullptr) break;
        if (PyErr_Occurred()) {
            *error = -1;
            break;
        }
    }
    Py_DECREF(mro);
    return result;
}

void method_cache_clear() noexcept {
    for (CacheEntry &entry : g_cache) {
        entry.version = 0;
        Py_CLEAR(entry.name);
        entry.value = nullptr;
    }
}

PyObject *lookup_maybe_method(PyObject *self, PyObject *name, bool *unbound) noexcept {
    PyObject *found = _PyType_Lookup(Py_TYPE(self), name);
    if (found == nullptr) return nullptr;
    if (PyType_HasFeature(Py_TYPE(found), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
        *unbound = true;  // call found(self, ...) rather than make a bound method
        return Py_NewRef(found);
    }
    *unbound = false;
    descrgetfunc get = Py_TYPE(found)->tp_descr_get;
    if (get == nullptr) return Py_NewRef(found);
    return get(found, self, reinterpret_cast<PyObject *>(Py_TYPE(self)));
}

PyObject *lookup_method(PyObject *self, PyObject *name, bool *unbound) noexcept {
    PyObject *found = lookup_maybe_method(self, name, unbound);
    if (found == nullptr && !PyErr_Occurred()) PyErr_SetObject(PyExc_AttributeError, name);
    return found;
}

PyObject *call_unbound(bool unbound, PyObject *func, PyObject *const *args, Py_ssize_t n) noexcept {
    if (unbound) return PyObject_Vectorcall(func, args, static_cast<size_t>(n), nullptr);
    return PyObject_Vectorcall(func, args + 1, static_cast<size_t>(n - 1), nullptr);
}

PyObject *call_prepend(PyObject *callable, PyObject *first, PyObject *args,
                       PyObject *kwargs) noexcept {
    // [first, *args] on the C stack: a callable with vectorcall needs no tuple at all.
    constexpr Py_ssize_t kSmall = 8;
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *small[kSmall];
    PyObject **stack = small;
    if (n + 1 > kSmall) {
        stack =
            static_cast<PyObject **>(PyMem_Malloc(sizeof(PyObject *) * static_cast<size_t>(n + 1)));
        if (stack == nullptr) return PyErr_NoMemory();
    }
    stack[0] = first;
    for (Py_ssize_t i = 0; i < n; ++i) stack[i + 1] = PyTuple_GET_ITEM(args, i);
    PyObject *result = PyObject_VectorcallDict(callable, stack, static_cast<size_t>(n + 1), kwargs);
    if (stack != small) PyMem_Free(stack);
    return result;
}

PyObject *call_method(PyObject *name, PyObject *const *args, Py_ssize_t n) noexcept {
    bool unbound = false;
    PyObject *func = lookup_method(args[0], name, &unbound);
    if (func == nullptr) return nullptr;
    PyObject *result = call_unbound(unbound, func, args, n);
    Py_DECREF(func);
    return result;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyObject *_PyType_Lookup(PyTypeObject *type, PyObject *name) noexcept {
    CacheEntry &entry = g_cache[cache_index(type->tp_version_tag, name)];
    if (entry.version == type->tp_version_tag && entry.name == name) return entry.value;
    int error = 0;
    PyObject *result = find_name_in_mro(type, name, &error);
    if (error != 0) {
        // Documented as raising nothing: a type that cannot be readied reports that elsewhere.
        if (error == -1) PyErr_Clear();
        return nullptr;
    }
    if (cacheable_name(name) && assign_version_tag(type)) {
        CacheEntry &slot = g_cache[cache_index(type->tp_version_tag, name)];
        slot.version = type->tp_version_tag;
        slot.value = result;
        Py_XSETREF(slot.name, Py_NewRef(name));
    }
    return result;
}

extern "C" unsigned int PyType_ClearCache(void) noexcept {
    method_cache_clear();
    return g_next_version_tag - 1;
}

extern "C" void PyType_Modified(PyTypeObject *type) noexcept {
    if (!(type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) return;
    subclass_visit(type, modified_subclass, nullptr);
    type->tp_flags &= ~Py_TPFLAGS_VALID_VERSION_TAG;
    type->tp_version_tag = 0;
}

extern "C" PyObject *_PyObject_LookupSpecial(PyObject *obj, PyObject *name) noexcept {
    PyObject *found = _PyType_Lookup(Py_TYPE(obj), name);
    if (found == nullptr) return nullptr;
    descrgetfunc get = Py_TYPE(found)->tp_descr_get;
    if (get == nullptr) return Py_NewRef(found);
    return get(found, obj, reinterpret_cast<PyObject *>(Py_TYPE(obj)));
}
