// What every class has: type's attribute lookup and assignment, repr and call, and its
// members, getsets and methods (CPython 3.11's type_getsets, type_members, type_methods):
// __name__, __qualname__, __module__, __bases__, __base__, __mro__, __dict__ (a mappingproxy),
// __doc__, __abstractmethods__, __annotations__, __basicsize__..., mro(), __subclasses__(),
// __instancecheck__, __subclasscheck__, __prepare__, __dir__, __sizeof__.
//
// type_getattro (attribute lookup on a class), in order:
//   1. a data descriptor on the metaclass (type.__dict__['__name__'] for C.__name__);
//   2. the name along the class's own MRO, bound with __get__(None, C) when it is a descriptor
//      (a function stays a function, a classmethod binds to C);
//   3. a non-data descriptor or plain attribute of the metaclass (C.mro);
//   4. AttributeError "type object 'C' has no attribute 'x'".
// type_setattro: refused for immutable (static) types ("cannot set 'x' attribute of immutable
// type 'int'"); otherwise the generic setattr on the class dict, then PyType_Modified and, for
// a dunder name, the slots that depend on it (C.__add__ = f changes nb_add).
#include <cstring>

#include "minipy/structmember.h"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

PyTypeObject *as_type(PyObject *op) noexcept {
    return reinterpret_cast<PyTypeObject *>(op);
}
PyHeapTypeObject *as_heap(PyTypeObject *type) noexcept {
    return reinterpret_cast<PyHeapTypeObject *>(type);
}
bool is_heap(PyTypeObject *type) noexcept {
    return (type->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0;
}

// The check every special attribute's setter makes first.
bool check_set_special_type_attr(PyTypeObject *type, PyObject *value, const char *name) noexcept {
    if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
        PyErr_Format(PyExc_TypeError, "cannot set '%s' attribute of immutable type '%s'", name,
                     type->tp_name);
        return false;
    }
    if (value == nullptr) {
        PyErr_Format(PyExc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", name,
                     type->tp_name);
        return false;
    }
    return true;
}

// --- __name__ / __qualname__
// ----------------------------------------------------------------------

PyObject *type_name(PyObject *self, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (is_heap(type)) return Py_NewRef(as_heap(type)->ht_name);
    return PyUnicode_FromString(_PyType_Name(type));
}

int type_set_name(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (!check_set_special_type_attr(type, value, "__name__")) return -1;
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "can only assign string to %s.__name__, not '%s'",
                     type->tp_name, Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_ssize_t length = 0;
    const char *text = PyUnicode_AsUTF8AndSize(value, &length);
    if (text == nullptr) return -1;
    if (static_cast<Py_ssize_t>(std::strlen(text)) != length) {
        PyErr_SetString(PyExc_ValueError, "type name must not contain null characters");
        return -1;
    }
    // tp_name points into the str's cached UTF-8, which lives as long as ht_name holds it.
    type->tp_name = text;
    Py_SETREF(as_heap(type)->ht_name, Py_NewRef(value));
    return 0;
}

PyObject *type_get_qualname(PyObject *self, void *) noexcept {
    return type_qualname(as_type(self));
}

int type_set_qualname(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (!check_set_special_type_attr(type, value, "__qualname__")) return -1;
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "can only assign string to %s.__qualname__, not '%s'",
                     type->tp_name, Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_SETREF(as_heap(type)->ht_qualname, Py_NewRef(value));
    return 0;
}

// --- __module__ ---------------------------------------------------------------------------------

PyObject *type_get_module(PyObject *self, void *) noexcept {
    return type_module_name(as_type(self));
}

int type_set_module(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (!check_set_special_type_attr(type, value, "__module__")) return -1;
    PyType_Modified(type);
    return PyDict_SetItem(type->tp_dict, dunder(Dunder::module), value);
}

// --- __bases__ ----------------------------------------------------------------------------------

PyObject *type_get_bases(PyObject *self, void *) noexcept {
    return Py_NewRef(as_type(self)->tp_bases);
}

// Instances of the old and the new base differ in nothing a subclass could see.
bool compatible_layout(PyTypeObject *newto, PyTypeObject *oldto) noexcept {
    return solid_base(newto) == solid_base(oldto) &&
           (newto->tp_flags & Py_TPFLAGS_MANAGED_DICT) ==
               (oldto->tp_flags & Py_TPFLAGS_MANAGED_DICT);
}

int mro_modified_subclass(PyTypeObject *subclass, void *) noexcept;

int remake_mro(PyTypeObject *type) noexcept {
    if (mro_internal(type) < 0) return -1;
    return subclass_visit(type, mro_modified_subclass, nullptr);
}

int mro_modified_subclass(PyTypeObject *subclass, void *) noexcept {
    return remake_mro(subclass);
}

int type_set_bases(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (!check_set_special_type_attr(type, value, "__bases__")) return -1;
    if (!PyTuple_Check(value)) {
        PyErr_Format(PyExc_TypeError, "can only assign tuple to %s.__bases__, not %s",
                     type->tp_name, Py_TYPE(value)->tp_name);
        return -1;
    }
    if (PyTuple_GET_SIZE(value) == 0) {
        PyErr_Format(PyExc_TypeError, "can only assign non-empty tuple to %s.__bases__, not ()",
                     type->tp_name);
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); ++i) {
        PyObject *base = PyTuple_GET_ITEM(value, i);
        if (!PyType_Check(base)) {
            PyErr_Format(PyExc_TypeError, "%s.__bases__ must be tuple of classes, not '%s'",
                         type->tp_name, Py_TYPE(base)->tp_name);
            return -1;
        }
        if (PyType_IsSubtype(as_type(base), type)) {
            PyErr_SetString(PyExc_TypeError, "a __bases__ item causes an inheritance cycle");
            return -1;
        }
    }
    PyTypeObject *new_base = best_base(value);
    if (new_base == nullptr) return -1;
    if (!compatible_layout(new_base, type->tp_base)) {
        PyErr_Format(PyExc_TypeError, "__bases__ assignment: '%s' object layout differs from '%s'",
                     new_base->tp_name, type->tp_base->tp_name);
        return -1;
    }
    PyObject *old_bases = type->tp_bases;
    PyTypeObject *old_base = type->tp_base;
    type->tp_bases = Py_NewRef(value);
    type->tp_base = as_type(Py_NewRef(reinterpret_cast<PyObject *>(new_base)));
    PyObject *old_mro = Py_XNewRef(type->tp_mro);
    if (remake_mro(type) < 0) {
        // Back to the old bases and MRO.
        Py_SETREF(type->tp_bases, old_bases);
        Py_SETREF(type->tp_base, old_base);
        Py_XSETREF(type->tp_mro, old_mro);
        remake_mro(type);
        return -1;
    }
    Py_XDECREF(old_mro);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(old_bases); ++i)
        subclass_remove(as_type(PyTuple_GET_ITEM(old_bases, i)), type);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); ++i)
        if (subclass_add(as_type(PyTuple_GET_ITEM(value, i)), type) < 0) PyErr_Clear();
    Py_DECREF(old_bases);
    Py_DECREF(old_base);
    // Slots follow the new MRO.
    fixup_slot_dispatchers(type);
    return 0;
}

// --- __dict__, __doc__, __abstractmethods__, __annotations__, __text_signature__
// --------------------

PyObject *type_get_dict(PyObject *self, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (type->tp_dict == nullptr) Py_RETURN_NONE;
    return PyDictProxy_New(type->tp_dict);
}

PyObject *type_get_doc(PyObject *self, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (!is_heap(type) && type->tp_doc != nullptr) {
        const char *doc = type->tp_doc;
        if (const char *end = std::strstr(doc, ")\n--\n\n"); end != nullptr) doc = end + 6;
        return PyUnicode_FromString(doc);
    }
    PyObject *result = PyDict_GetItemWithError(type->tp_dict, dunder(Dunder::doc));
    if (result == nullptr) {
        if (PyErr_Occurred()) return nullptr;
        Py_RETURN_NONE;
    }
    if (descrgetfunc get = Py_TYPE(result)->tp_descr_get; get != nullptr)
        return get(result, nullptr, self);
    return Py_NewRef(result);
}

int type_set_doc(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (!check_set_special_type_attr(type, value, "__doc__")) return -1;
    PyType_Modified(type);
    return PyDict_SetItem(type->tp_dict, dunder(Dunder::doc), value);
}

PyObject *type_get_abstractmethods(PyObject *self, void *) noexcept {
    PyTypeObject *type = as_type(self);
    // type itself has a __abstractmethods__ descriptor; it must not look like it has some.
    PyObject *result = nullptr;
    if (type != &PyType_Type) {
        result = PyDict_GetItemWithError(type->tp_dict, dunder(Dunder::abstractmethods));
        if (result == nullptr && PyErr_Occurred()) return nullptr;
    }
    if (result == nullptr) {
        PyErr_SetObject(PyExc_AttributeError, dunder(Dunder::abstractmethods));
        return nullptr;
    }
    return Py_NewRef(result);
}

int type_set_abstractmethods(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *type = as_type(self);
    int abstract = 0;
    int status;
    if (value != nullptr) {
        abstract = PyObject_IsTrue(value);
        if (abstract < 0) return -1;
        status = PyDict_SetItem(type->tp_dict, dunder(Dunder::abstractmethods), value);
    } else {
        status = PyDict_DelItem(type->tp_dict, dunder(Dunder::abstractmethods));
        if (status < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_SetObject(PyExc_AttributeError, dunder(Dunder::abstractmethods));
            return -1;
        }
    }
    if (status < 0) return -1;
    PyType_Modified(type);
    if (abstract)
        type->tp_flags |= Py_TPFLAGS_IS_ABSTRACT;
    else
        type->tp_flags &= ~Py_TPFLAGS_IS_ABSTRACT;
    return 0;
}

PyObject *type_get_annotations(PyObject *self, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (!is_heap(type)) {
        PyErr_Format(PyExc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                     type->tp_name);
        return nullptr;
    }
    PyObject *annotations = PyDict_GetItemWithError(type->tp_dict, dunder(Dunder::annotations));
    if (annotations != nullptr) {
        if (descrgetfunc get = Py_TYPE(annotations)->tp_descr_get; get != nullptr)
            return get(annotations, nullptr, self);
        return Py_NewRef(annotations);
    }
    if (PyErr_Occurred()) return nullptr;
    annotations = PyDict_New();
    if (annotations == nullptr) return nullptr;
    if (PyDict_SetItem(type->tp_dict, dunder(Dunder::annotations), annotations) < 0) {
        Py_DECREF(annotations);
        return nullptr;
    }
    PyType_Modified(type);
    return annotations;
}

int type_set_annotations(PyObject *self, PyObject *value, void *) noexcept {
    PyTypeObject *type = as_type(self);
    if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
        PyErr_Format(PyExc_TypeError,
                     "cannot set '__annotations__' attribute of immutable type '%s'",
                     type->tp_name);
        return -1;
    }
    int status;
    if (value != nullptr) {
        status = PyDict_SetItem(type->tp_dict, dunder(Dunder::annotations), value);
    } else {
        status = PyDict_DelItem(type->tp_dict, dunder(Dunder::annotations));
        if (status < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_SetObject(PyExc_AttributeError, dunder(Dunder::annotations));
            return -1;
        }
    }
    if (status == 0) PyType_Modified(type);
    return status;
}

PyObject *type_get_text_signature(PyObject *self, void *) noexcept {
    PyTypeObject *type = as_type(self);
    const char *doc = type->tp_doc;
    const char *name = _PyType_Name(type);
    if (doc != nullptr && !is_heap(type)) {
        const std::size_t length = std::strlen(name);
        if (std::strncmp(doc, name, length) == 0 && doc[length] == '(') {
            if (const char *end = std::strstr(doc, ")\n--\n\n"); end != nullptr)
                return PyUnicode_FromStringAndSize(doc + length, end - (doc + length) + 1);
        }
    }
    Py_RETURN_NONE;
}

// --- Methods ------------------------------------------------------------------------------------

PyObject *type_mro_method(PyObject *self, PyObject *) noexcept {
    PyObject *mro = mro_implementation(as_type(self));
    if (mro == nullptr) return nullptr;
    PyObject *list = PySequence_List(mro);
    Py_DECREF(mro);
    return list;
}

PyObject *type_subclasses_method(PyObject *self, PyObject *) noexcept {
    return subclass_list(as_type(self));
}

PyObject *type_instancecheck(PyObject *self, PyObject *instance) noexcept {
    const int result = object_real_isinstance(instance, self);
    if (result < 0) return nullptr;
    return PyBool_FromLong(result);
}

PyObject *type_subclasscheck(PyObject *self, PyObject *subclass) noexcept {
    const int result = object_real_issubclass(subclass, self);
    if (result < 0) return nullptr;
    return PyBool_FromLong(result);
}

// __prepare__(name, bases, **kwds): the namespace a class body runs in.
PyObject *type_prepare(PyObject *, PyObject *, PyObject *) noexcept {
    return PyDict_New();
}

}  // namespace

// dict.update(cls.__dict__) for cls and, recursively, its __bases__.
int merge_class_dict(PyObject *dict, PyObject *cls) noexcept {
    PyObject *classdict = nullptr;
    if (_PyObject_LookupAttr(cls, dunder(Dunder::dict), &classdict) < 0) return -1;
    if (classdict != nullptr) {
        const int status = PyDict_Update(dict, classdict);
        Py_DECREF(classdict);
        if (status < 0) return -1;
    }
    PyObject *bases = nullptr;
    if (_PyObject_LookupAttr(cls, dunder(Dunder::bases), &bases) < 0) return -1;
    if (bases == nullptr) return 0;
    const Py_ssize_t n = PySequence_Size(bases);
    int status = n < 0 ? -1 : 0;
    for (Py_ssize_t i = 0; i < n && status == 0; ++i) {
        PyObject *base = PySequence_GetItem(bases, i);
        if (base == nullptr) {
            status = -1;
            break;
        }
        if (Py_EnterRecursiveCall(" in __dir__")) {
            Py_DECREF(base);
            status = -1;
            break;
        }
        status = merge_class_dict(dict, base);
        Py_LeaveRecursiveCall();
        Py_DECREF(base);
    }
    Py_DECREF(bases);
    return status;
}

namespace {

PyObject *type_dir(PyObject *self, PyObject *) noexcept {
    PyObject *dict = PyDict_New();
    if (dict == nullptr) return nullptr;
    PyObject *result = merge_class_dict(dict, self) == 0 ? PyDict_Keys(dict) : nullptr;
    Py_DECREF(dict);
    return result;
}

PyObject *type_sizeof(PyObject *self, PyObject *) noexcept {
    PyTypeObject *type = as_type(self);
    Py_ssize_t size = static_cast<Py_ssize_t>(sizeof(PyTypeObject));
    if (is_heap(type))
        size = static_cast<Py_ssize_t>(sizeof(PyHeapTypeObject)) +
               Py_SIZE(type) * static_cast<Py_ssize_t>(sizeof(PyMemberDef));
    return PyLong_FromSsize_t(size);
}

}  // namespace

PyObject *type_qualname(PyTypeObject *type) noexcept {
    if (is_heap(type)) return Py_NewRef(as_heap(type)->ht_qualname);
    return PyUnicode_FromString(_PyType_Name(type));
}

PyObject *type_module_name(PyTypeObject *type) noexcept {
    if (is_heap(type)) {
        PyObject *module = PyDict_GetItemWithError(type->tp_dict, dunder(Dunder::module));
        if (module == nullptr) {
            if (!PyErr_Occurred()) PyErr_SetObject(PyExc_AttributeError, dunder(Dunder::module));
            return nullptr;
        }
        return Py_NewRef(module);
    }
    const char *dot = std::strrchr(type->tp_name, '.');
    if (dot == nullptr) return PyUnicode_InternFromString("builtins");
    PyObject *module = PyUnicode_FromStringAndSize(type->tp_name, dot - type->tp_name);
    if (module != nullptr) PyUnicode_InternInPlace(&module);
    return module;
}

PyObject *type_display_name(PyTypeObject *type) noexcept {
    PyObject *module = type_module_name(type);
    if (module == nullptr) {
        PyErr_Clear();
    } else if (!PyUnicode_Check(module)) {
        Py_CLEAR(module);
    }
    PyObject *name = type_qualname(type);
    if (name == nullptr) {
        Py_XDECREF(module);
        return nullptr;
    }
    PyObject *text;
    if (module != nullptr && PyUnicode_CompareWithASCIIString(module, "builtins") != 0)
        text = PyUnicode_FromFormat("%U.%U", module, name);
    else
        text = PyUnicode_FromString(type->tp_name);
    Py_XDECREF(module);
    Py_DECREF(name);
    return text;
}

PyObject *type_repr(PyObject *self) noexcept {
    PyTypeObject *type = as_type(self);
    if (type->tp_name == nullptr)
        return PyUnicode_FromFormat("<class at %p>", static_cast<void *>(type));
    PyObject *name = type_display_name(type);
    if (name == nullptr) return nullptr;
    PyObject *text = PyUnicode_FromFormat("<class '%U'>", name);
    Py_DECREF(name);
    return text;
}

// Calling a type makes an instance: tp_new, then tp_init if the result is one of its own.
// type(x) alone is x's type.
PyObject *type_call(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    PyTypeObject *type = as_type(self);
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
    if (obj == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_SystemError, "%R returned NULL without setting an exception", self);
        return nullptr;
    }
    if (!PyObject_TypeCheck(obj, type)) return obj;
    PyTypeObject *made = Py_TYPE(obj);
    if (made->tp_init != nullptr && made->tp_init(obj, args, kwds) < 0) {
        Py_DECREF(obj);
        return nullptr;
    }
    return obj;
}

PyObject *type_getattro(PyObject *self, PyObject *name) noexcept {
    PyTypeObject *type = as_type(self);
    PyTypeObject *metatype = Py_TYPE(self);
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                     Py_TYPE(name)->tp_name);
        return nullptr;
    }
    if (!(type->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(type) < 0) return nullptr;
    descrgetfunc meta_get = nullptr;
    PyObject *meta_attribute = _PyType_Lookup(metatype, name);
    if (meta_attribute != nullptr) {
        Py_INCREF(meta_attribute);
        meta_get = Py_TYPE(meta_attribute)->tp_descr_get;
        if (meta_get != nullptr && PyDescr_IsData(meta_attribute)) {
            PyObject *result =
                meta_get(meta_attribute, self, reinterpret_cast<PyObject *>(metatype));
            Py_DECREF(meta_attribute);
            return result;
        }
    }
    PyObject *attribute = _PyType_Lookup(type, name);
    if (attribute != nullptr) {
        Py_INCREF(attribute);
        Py_XDECREF(meta_attribute);
        if (descrgetfunc local_get = Py_TYPE(attribute)->tp_descr_get; local_get != nullptr) {
            // NULL for the instance: the descriptor was found on the class itself.
            PyObject *result = local_get(attribute, nullptr, self);
            Py_DECREF(attribute);
            return result;
        }
        return attribute;
    }
    if (meta_get != nullptr) {
        PyObject *result = meta_get(meta_attribute, self, reinterpret_cast<PyObject *>(metatype));
        Py_DECREF(meta_attribute);
        return result;
    }
    if (meta_attribute != nullptr) return meta_attribute;
    PyErr_Format(PyExc_AttributeError, "type object '%.50s' has no attribute '%U'", type->tp_name,
                 name);
    return nullptr;
}

int type_setattro(PyObject *self, PyObject *name, PyObject *value) noexcept {
    PyTypeObject *type = as_type(self);
    if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
        PyErr_Format(PyExc_TypeError, "cannot set %R attribute of immutable type '%s'", name,
                     type->tp_name);
        return -1;
    }
    if (PyUnicode_Check(name)) {
        // The slot table matches names by identity: use the interned object.
        if (PyUnicode_CheckExact(name)) {
            Py_INCREF(name);
        } else {
            name = PyUnicode_FromObject(name);
            if (name == nullptr) return -1;
        }
        PyUnicode_InternInPlace(&name);
        if (!PyUnicode_CHECK_INTERNED(name)) {
            Py_DECREF(name);
            PyErr_SetString(PyExc_MemoryError, "Out of memory interning an attribute name");
            return -1;
        }
    } else {
        Py_INCREF(name);  // PyObject_GenericSetAttr raises the TypeError
    }
    int status = PyObject_GenericSetAttr(self, name, value);
    if (status == 0) {
        PyType_Modified(type);
        if (is_dunder_name(name)) status = update_slot(type, name);
    }
    Py_DECREF(name);
    return status;
}

PyMemberDef type_members[] = {
    {"__basicsize__", T_PYSSIZET, offsetof(PyTypeObject, tp_basicsize), READONLY, nullptr},
    {"__itemsize__", T_PYSSIZET, offsetof(PyTypeObject, tp_itemsize), READONLY, nullptr},
    {"__flags__", T_ULONG, offsetof(PyTypeObject, tp_flags), READONLY, nullptr},
    {"__weakrefoffset__", T_PYSSIZET, offsetof(PyTypeObject, tp_weaklistoffset), READONLY, nullptr},
    {"__base__", T_OBJECT, offsetof(PyTypeObject, tp_base), READONLY, nullptr},
    {"__dictoffset__", T_PYSSIZET, offsetof(PyTypeObject, tp_dictoffset), READONLY, nullptr},
    {"__mro__", T_OBJECT, offsetof(PyTypeObject, tp_mro), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef type_getsets[] = {
    {"__name__", type_name, type_set_name, nullptr, nullptr},
    {"__qualname__", type_get_qualname, type_set_qualname, nullptr, nullptr},
    {"__bases__", type_get_bases, type_set_bases, nullptr, nullptr},
    {"__module__", type_get_module, type_set_module, nullptr, nullptr},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, nullptr, nullptr},
    {"__dict__", type_get_dict, nullptr, nullptr, nullptr},
    {"__doc__", type_get_doc, type_set_doc, nullptr, nullptr},
    {"__text_signature__", type_get_text_signature, nullptr, nullptr, nullptr},
    {"__annotations__", type_get_annotations, type_set_annotations, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef type_methods[] = {
    {"mro", type_mro_method, METH_NOARGS,
     "mro($self, /)\n--\n\nReturn a type's method resolution order."},
    {"__subclasses__", type_subclasses_method, METH_NOARGS,
     "__subclasses__($self, /)\n--\n\nReturn a list of immediate subclasses."},
    {"__prepare__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(type_prepare)),
     METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {"__instancecheck__", type_instancecheck, METH_O,
     "__instancecheck__($self, instance, /)\n--\n\nCheck if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, METH_O,
     "__subclasscheck__($self, subclass, /)\n--\n\nCheck if a class is a subclass."},
    {"__dir__", type_dir, METH_NOARGS,
     "__dir__($self, /)\n--\n\nSpecialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturn memory consumption of the type object."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::runtime

extern "C" PyObject *PyType_GetName(PyTypeObject *type) noexcept {
    return minipy::runtime::type_name(reinterpret_cast<PyObject *>(type), nullptr);
}

extern "C" PyObject *PyType_GetQualName(PyTypeObject *type) noexcept {
    return minipy::runtime::type_qualname(type);
}
