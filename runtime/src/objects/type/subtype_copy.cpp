// Instances of classes deriving from str and bytes (CPython's unicode_subtype_new and
// bytes_subtype_new). Their objects keep the characters inline after the header, as the exact
// types' do, so a subclass instance is made by building the exact object first and copying it,
// byte for byte, into memory allocated for the class (with the class's managed __dict__ in
// front and the GC header a class's instances have), then fixing the header: the class as the
// type (it gains a reference), one reference, no cached state that belongs to the original.
#include <cstring>

#include "gc/gc_internal.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {

namespace {

// A copy of `exact`'s first `size` bytes as an object of `type`, tracked if `type` is GC.
PyObject *copy_into(PyTypeObject *type, PyObject *exact, std::size_t size) noexcept {
    PyObject *obj;
    if (PyType_IS_GC(type)) {
        obj = gc::gc_alloc_object(type, size);
    } else {
        obj = static_cast<PyObject *>(PyObject_Malloc(size));
        if (obj == nullptr) PyErr_NoMemory();
    }
    if (obj == nullptr) return nullptr;
    std::memcpy(static_cast<void *>(obj), exact, size);
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(type);
    Py_SET_TYPE(obj, type);
    _Py_NewReference(obj);
    if (PyType_IS_GC(type)) PyObject_GC_Track(obj);
    return obj;
}

}  // namespace

PyObject *unicode_subtype_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    PyObject *exact = PyUnicode_Type.tp_new(&PyUnicode_Type, args, kwds);
    if (exact == nullptr) return nullptr;
    const bool ascii = PyUnicode_IS_ASCII(exact);
    const std::size_t header = ascii ? sizeof(PyASCIIObject) : sizeof(PyCompactUnicodeObject);
    const auto chars = static_cast<std::size_t>(PyUnicode_GET_LENGTH(exact) + 1);
    PyObject *obj =
        copy_into(type, exact, header + chars * static_cast<std::size_t>(PyUnicode_KIND(exact)));
    Py_DECREF(exact);
    if (obj == nullptr) return nullptr;
    // A subclass instance is never interned and has not made its UTF-8 form yet.
    _PyASCIIObject_CAST(obj)->state.interned = SSTATE_NOT_INTERNED;
    if (!ascii) {
        _PyCompactUnicodeObject_CAST(obj)->utf8 = nullptr;
        _PyCompactUnicodeObject_CAST(obj)->utf8_length = 0;
    }
    return obj;
}

PyObject *bytes_subtype_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    PyObject *exact = PyBytes_Type.tp_new(&PyBytes_Type, args, kwds);
    if (exact == nullptr) return nullptr;
    const auto size =
        static_cast<std::size_t>(offsetof(PyBytesObject, ob_sval) + Py_SIZE(exact) + 1);
    PyObject *obj = copy_into(type, exact, size);
    Py_DECREF(exact);
    return obj;
}

}  // namespace minipy::runtime
