// What every object inherits from `object` beyond its slots (CPython 3.11's object_methods and
// object_getsets): __class__ (read, and assigned with CPython's layout checks), __sizeof__,
// __format__, __dir__, __init_subclass__, __subclasshook__; the pickle helpers __reduce__,
// __reduce_ex__ and __getstate__ are in object_reduce.cpp.
//
// __class__ assignment (object_set_class): the new class must be a class, both classes must be
// mutable (heap types) unless both are module types, and their instances must have the same
// layout: the same deallocator and, up to their nearest bases that add C fields, the same base,
// the same __slots__ and the same dict arrangement ("__class__ assignment: 'S' object layout
// differs from 'A'").
#include "objects/type/slot_functions.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

PyObject *object_get_class(PyObject *self, void *) noexcept {
    return Py_NewRef(reinterpret_cast<PyObject *>(Py_TYPE(self)));
}

// Instances of `child` and of its tp_base are laid out alike.
bool compatible_with_tp_base(PyTypeObject *child) noexcept {
    PyTypeObject *parent = child->tp_base;
    return parent != nullptr && child->tp_basicsize == parent->tp_basicsize &&
           child->tp_itemsize == parent->tp_itemsize &&
           child->tp_dictoffset == parent->tp_dictoffset &&
           child->tp_weaklistoffset == parent->tp_weaklistoffset &&
           (child->tp_flags & Py_TPFLAGS_HAVE_GC) == (parent->tp_flags & Py_TPFLAGS_HAVE_GC) &&
           (child->tp_dealloc == subtype_dealloc || child->tp_dealloc == parent->tp_dealloc);
}

bool same_slots_added(PyTypeObject *a, PyTypeObject *b) noexcept {
    PyTypeObject *base = a->tp_base;
    Py_ssize_t size = base->tp_basicsize;
    const auto word = static_cast<Py_ssize_t>(sizeof(PyObject *));
    if (a->tp_dictoffset == size && b->tp_dictoffset == size) size += word;
    if (a->tp_weaklistoffset == size && b->tp_weaklistoffset == size) size += word;
    if (!(a->tp_flags & Py_TPFLAGS_HEAPTYPE) || !(b->tp_flags & Py_TPFLAGS_HEAPTYPE)) return false;
    PyObject *slots_a = reinterpret_cast<PyHeapTypeObject *>(a)->ht_slots;
    PyObject *slots_b = reinterpret_cast<PyHeapTypeObject *>(b)->ht_slots;
    if (slots_a != nullptr && slots_b != nullptr) {
        if (PyObject_RichCompareBool(slots_a, slots_b, Py_EQ) != 1) return false;
        size += word * PyTuple_GET_SIZE(slots_a);
    }
    return size == a->tp_basicsize && size == b->tp_basicsize;
}

bool compatible_for_assignment(PyTypeObject *oldto, PyTypeObject *newto,
                               const char *attr) noexcept {
    if (newto->tp_free != oldto->tp_free) {
        PyErr_Format(PyExc_TypeError, "%s assignment: '%s' deallocator differs from '%s'", attr,
                     newto->tp_name, oldto->tp_name);
        return false;
    }
    PyTypeObject *newbase = newto;
    PyTypeObject *oldbase = oldto;
    while (compatible_with_tp_base(newbase)) newbase = newbase->tp_base;
    while (compatible_with_tp_base(oldbase)) oldbase = oldbase->tp_base;
    const bool differs = newbase != oldbase && (newbase->tp_base != oldbase->tp_base ||
                                                !same_slots_added(newbase, oldbase));
    if (!differs &&
        (oldto->tp_flags & Py_TPFLAGS_MANAGED_DICT) == (newto->tp_flags & Py_TPFLAGS_MANAGED_DICT))
        return true;
    PyErr_Format(PyExc_TypeError, "%s assignment: '%s' object layout differs from '%s'", attr,
                 newto->tp_name, oldto->tp_name);
    return false;
}

int object_set_class(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *oldto = Py_TYPE(self);
    if (value == nullptr) {
        PyErr_SetString(PyExc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!PyType_Check(value)) {
        PyErr_Format(PyExc_TypeError, "__class__ must be set to a class, not '%s' object",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    auto *newto = reinterpret_cast<PyTypeObject *>(value);
    const bool modules =
        PyType_IsSubtype(newto, &PyModule_Type) && PyType_IsSubtype(oldto, &PyModule_Type);
    if (!modules && ((newto->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) ||
                     (oldto->tp_flags & Py_TPFLAGS_IMMUTABLETYPE))) {
        PyErr_SetString(
            PyExc_TypeError,
            "__class__ assignment only supported for mutable types or ModuleType subclasses");
        return -1;
    }
    if (!compatible_for_assignment(oldto, newto, "__class__")) return -1;
    if (newto->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(newto);
    Py_SET_TYPE(self, newto);
    if (oldto->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(oldto);
    return 0;
}

PyObject *object_sizeof(PyObject *self, PyObject *) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    Py_ssize_t size = type->tp_basicsize;
    if (type->tp_itemsize > 0) size += Py_SIZE(self) * type->tp_itemsize;
    return PyLong_FromSsize_t(size);
}

PyObject *object_format(PyObject *self, PyObject *spec) noexcept {
    if (!PyUnicode_Check(spec)) {
        PyErr_Format(PyExc_TypeError, "__format__() argument must be str, not %.200s",
                     spec == Py_None ? "None" : Py_TYPE(spec)->tp_name);
        return nullptr;
    }
    // Only the empty spec: anything else would silently be ignored, which hides bugs.
    if (PyUnicode_GET_LENGTH(spec) > 0) {
        PyErr_Format(PyExc_TypeError, "unsupported format string passed to %.200s.__format__",
                     Py_TYPE(self)->tp_name);
        return nullptr;
    }
    return PyObject_Str(self);
}

PyObject *object_init_subclass(PyObject *, PyObject *) noexcept {
    Py_RETURN_NONE;
}

PyObject *object_subclasshook(PyObject *, PyObject *) noexcept {
    Py_RETURN_NOTIMPLEMENTED;
}

// The instance's own attributes, then its class's and their bases', as keys of one dict.
PyObject *object_dir(PyObject *self, PyObject *) noexcept {
    PyObject *dict = nullptr;
    if (_PyObject_LookupAttr(self, dunder(Dunder::dict), &dict) < 0) return nullptr;
    if (dict == nullptr) {
        dict = PyDict_New();
    } else if (!PyDict_Check(dict)) {
        Py_SETREF(dict, PyDict_New());
    } else {
        Py_SETREF(dict, PyDict_Copy(dict));
    }
    if (dict == nullptr) return nullptr;
    PyObject *cls = nullptr;
    PyObject *result = nullptr;
    if (_PyObject_LookupAttr(self, dunder(Dunder::class_), &cls) >= 0 &&
        (cls == nullptr || merge_class_dict(dict, cls) == 0))
        result = PyDict_Keys(dict);
    Py_XDECREF(cls);
    Py_DECREF(dict);
    return result;
}

}  // namespace

PyMethodDef object_methods[] = {
    {"__reduce_ex__", object_reduce_ex, METH_O,
     "__reduce_ex__($self, protocol, /)\n--\n\nHelper for pickle."},
    {"__reduce__", object_reduce, METH_NOARGS, "__reduce__($self, /)\n--\n\nHelper for pickle."},
    {"__getstate__", object_getstate_method, METH_NOARGS,
     "__getstate__($self, /)\n--\n\nHelper for pickle."},
    {"__subclasshook__", object_subclasshook, METH_CLASS | METH_VARARGS,
     "Abstract classes can override this to customize issubclass().\n\n"
     "This is invoked early on by abc.ABCMeta.__subclasscheck__().\n"
     "It should return True, False or NotImplemented.  If it returns\n"
     "NotImplemented, the normal algorithm is used.  Otherwise, it\n"
     "overrides the normal algorithm (and the outcome is cached).\n"},
    {"__init_subclass__", object_init_subclass, METH_CLASS | METH_NOARGS,
     "This method is called when a class is subclassed.\n\n"
     "The default implementation does nothing. It may be\n"
     "overridden to extend subclasses.\n"},
    {"__format__", object_format, METH_O,
     "__format__($self, format_spec, /)\n--\n\nDefault object formatter."},
    {"__sizeof__", object_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nSize of object in memory, in bytes."},
    {"__dir__", object_dir, METH_NOARGS, "__dir__($self, /)\n--\n\nDefault dir() implementation."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef object_getsets[] = {
    {"__class__", object_get_class, object_set_class, "the object's class", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace minipy::runtime
