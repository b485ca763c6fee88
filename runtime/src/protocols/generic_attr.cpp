// Attribute access (CPython 3.11's Objects/object.c): getattr/setattr/hasattr through the
// type's tp_getattro / tp_setattro, and the generic versions almost every type uses.
//
// PyObject_GenericGetAttr(obj, name), in order:
//   1. descr = the name looked up along type(obj)'s MRO (_PyType_Lookup, cached);
//   2. if descr is a data descriptor (its type has __set__ / tp_descr_set): descr.__get__(obj);
//   3. else if obj has an instance dict holding the name: that value;
//   4. else if descr is a non-data descriptor (a function, a method descriptor): descr.__get__;
//   5. else if descr was found: descr itself (a plain class attribute);
//   6. else AttributeError "'T' object has no attribute 'name'".
// PyObject_GenericSetAttr: a data descriptor's __set__ (or __delete__), else the instance
// dict, else AttributeError: "'T' object has no attribute 'name'" when nothing was found,
// "'T' object attribute 'name' is read-only" when a non-data descriptor was.
//
// The instance dict is wherever the type keeps it (_PyObject_GetDictPtr): in front of the
// object for a class's instances (Py_TPFLAGS_MANAGED_DICT, see objects/type/type_internal.hpp),
// at tp_dictoffset for C types that have one.
#include "objects/type/type_internal.hpp"

using namespace minipy::runtime;

namespace {

PyObject *attribute_name_error(PyObject *name) noexcept {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                 Py_TYPE(name)->tp_name);
    return nullptr;
}

// Steps 1-6 above; with `suppress` a missing attribute returns NULL without an exception.
PyObject *generic_getattr(PyObject *obj, PyObject *name, bool suppress) noexcept {
    PyTypeObject *type = Py_TYPE(obj);
    if (!PyUnicode_Check(name)) return attribute_name_error(name);
    if (!(type->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(type) < 0) return nullptr;
    Py_INCREF(name);
    PyObject *result = nullptr;
    descrgetfunc get = nullptr;
    PyObject *descr = _PyType_Lookup(type, name);
    if (descr != nullptr) {
        Py_INCREF(descr);
        get = Py_TYPE(descr)->tp_descr_get;
        if (get != nullptr && Py_TYPE(descr)->tp_descr_set != nullptr) {
            result = get(descr, obj, reinterpret_cast<PyObject *>(type));
            if (result == nullptr && suppress && PyErr_ExceptionMatches(PyExc_AttributeError))
                PyErr_Clear();
            goto done;
        }
    }
    if (PyObject **dictptr = _PyObject_GetDictPtr(obj); dictptr != nullptr && *dictptr != nullptr) {
        PyObject *dict = Py_NewRef(*dictptr);
        result = PyDict_GetItemWithError(dict, name);
        Py_DECREF(dict);
        if (result != nullptr) {
            Py_INCREF(result);
            goto done;
        }
        if (PyErr_Occurred()) {
            if (suppress && PyErr_ExceptionMatches(PyExc_AttributeError))
                PyErr_Clear();
            else
                goto done;
        }
    }
    if (get != nullptr) {
        result = get(descr, obj, reinterpret_cast<PyObject *>(type));
        if (result == nullptr && suppress && PyErr_ExceptionMatches(PyExc_AttributeError))
            PyErr_Clear();
        goto done;
    }
    if (descr != nullptr) {
        result = descr;
        descr = nullptr;
        goto done;
    }
    if (!suppress)
        PyErr_Format(PyExc_AttributeError, "'%.50s' object has no attribute '%U'", type->tp_name,
                     name);
done:
    Py_XDECREF(descr);
    Py_DECREF(name);
    return result;
}

}  // namespace

namespace minipy::runtime {
PyObject *generic_getattr_or_null(PyObject *obj, PyObject *name) noexcept {
    return generic_getattr(obj, name, true);
}
}  // namespace minipy::runtime

extern "C" PyObject **_PyObject_GetDictPtr(PyObject *obj) noexcept {
    PyTypeObject *type = Py_TYPE(obj);
    if (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) return managed_dict_ptr(obj);
    Py_ssize_t offset = type->tp_dictoffset;
    if (offset == 0) return nullptr;
    if (offset < 0) {
        // Counted from the end of a variable-size object.
        Py_ssize_t size = Py_SIZE(obj);
        if (size < 0) size = -size;
        offset += static_cast<Py_ssize_t>(_PyObject_VAR_SIZE(type, size));
    }
    return reinterpret_cast<PyObject **>(reinterpret_cast<char *>(obj) + offset);
}

namespace minipy::runtime {
PyObject **object_dict_ptr(PyObject *obj) noexcept {
    return _PyObject_GetDictPtr(obj);
}
}  // namespace minipy::runtime

extern "C" PyObject *PyObject_GenericGetAttr(PyObject *obj, PyObject *name) noexcept {
    return generic_getattr(obj, name, false);
}

extern "C" int PyObject_GenericSetAttr(PyObject *obj, PyObject *name, PyObject *value) noexcept {
    PyTypeObject *type = Py_TYPE(obj);
    if (!PyUnicode_Check(name)) {
        attribute_name_error(name);
        return -1;
    }
    if (!(type->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(type) < 0) return -1;
    Py_INCREF(name);
    Py_INCREF(type);
    int status = -1;
    PyObject *descr = _PyType_Lookup(type, name);
    if (descr != nullptr) {
        Py_INCREF(descr);
        if (descrsetfunc set = Py_TYPE(descr)->tp_descr_set; set != nullptr) {
            status = set(descr, obj, value);
            goto done;
        }
    }
    if (PyObject **dictptr = _PyObject_GetDictPtr(obj); dictptr == nullptr) {
        if (descr == nullptr)
            PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'",
                         type->tp_name, name);
        else
            PyErr_Format(PyExc_AttributeError, "'%.50s' object attribute '%U' is read-only",
                         type->tp_name, name);
        goto done;
    } else {
        if (*dictptr == nullptr) {
            if ((*dictptr = minipy_object_new_instance_dict(obj)) == nullptr) goto done;
        }
        PyObject *dict = Py_NewRef(*dictptr);
        status = value == nullptr ? PyDict_DelItem(dict, name) : PyDict_SetItem(dict, name, value);
        Py_DECREF(dict);
    }
    if (status < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
        // Deleting an attribute the dict does not have.
        if (PyType_IsSubtype(type, &PyType_Type))
            PyErr_Format(PyExc_AttributeError, "type object '%.50s' has no attribute '%U'",
                         reinterpret_cast<PyTypeObject *>(obj)->tp_name, name);
        else
            PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'",
                         type->tp_name, name);
    }
done:
    Py_XDECREF(descr);
    Py_DECREF(type);
    Py_DECREF(name);
    return status;
}

// obj.name for a call, without the bound method when it can be avoided (CPython's
// _PyObject_GetMethod, what LOAD_METHOD uses): the lookup PyObject_GenericGetAttr makes, except
// that a method descriptor (a Python function, a method_descriptor) found on the type and not
// shadowed by the instance dict is returned unbound, with 1: the caller calls it with obj first.
extern "C" int _PyObject_GetMethod(PyObject *obj, PyObject *name, PyObject **method) noexcept {
    *method = nullptr;
    PyTypeObject *type = Py_TYPE(obj);
    if (!(type->tp_flags & Py_TPFLAGS_READY) && PyType_Ready(type) < 0) return 0;
    if (type->tp_getattro != PyObject_GenericGetAttr || !PyUnicode_CheckExact(name)) {
        *method = PyObject_GetAttr(obj, name);
        return 0;
    }
    PyObject *descr = _PyType_Lookup(type, name);
    descrgetfunc get = nullptr;
    bool method_found = false;
    if (descr != nullptr) {
        Py_INCREF(descr);
        if (Py_TYPE(descr)->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR) {
            method_found = true;
        } else {
            get = Py_TYPE(descr)->tp_descr_get;
            if (get != nullptr && Py_TYPE(descr)->tp_descr_set != nullptr) {
                *method = get(descr, obj, reinterpret_cast<PyObject *>(type));
                Py_DECREF(descr);
                return 0;
            }
        }
    }
    if (PyObject **dictptr = _PyObject_GetDictPtr(obj); dictptr != nullptr && *dictptr != nullptr) {
        PyObject *dict = Py_NewRef(*dictptr);
        PyObject *attr = PyDict_GetItemWithError(dict, name);
        Py_XINCREF(attr);
        Py_DECREF(dict);
        if (attr != nullptr || PyErr_Occurred()) {
            *method = attr;
            Py_XDECREF(descr);
            return 0;
        }
    }
    if (method_found) {
        *method = descr;
        return 1;
    }
    if (get != nullptr) {
        *method = get(descr, obj, reinterpret_cast<PyObject *>(type));
        Py_DECREF(descr);
        return 0;
    }
    if (descr != nullptr) {
        *method = descr;
        return 0;
    }
    PyErr_Format(PyExc_AttributeError, "'%.50s' object has no attribute '%U'", type->tp_name, name);
    return 0;
}

extern "C" PyObject *PyObject_GenericGetDict(PyObject *obj, void *) noexcept {
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr == nullptr) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
        return nullptr;
    }
    if (*dictptr == nullptr && (*dictptr = minipy_object_new_instance_dict(obj)) == nullptr)
        return nullptr;
    return Py_NewRef(*dictptr);
}

extern "C" int PyObject_GenericSetDict(PyObject *obj, PyObject *value, void *) noexcept {
    PyObject **dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr == nullptr) {
        PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value == nullptr) {
        PyErr_SetString(PyExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!PyDict_Check(value)) {
        PyErr_Format(PyExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_XSETREF(*dictptr, Py_NewRef(value));
    return 0;
}

// --- getattr / setattr / hasattr
// -------------------------------------------------------------------

extern "C" PyObject *PyObject_GetAttr(PyObject *v, PyObject *name) noexcept {
    PyTypeObject *type = Py_TYPE(v);
    if (!PyUnicode_Check(name)) return attribute_name_error(name);
    if (type->tp_getattro != nullptr) return type->tp_getattro(v, name);
    if (type->tp_getattr != nullptr) {
        const char *text = PyUnicode_AsUTF8(name);
        if (text == nullptr) return nullptr;
        return type->tp_getattr(v, const_cast<char *>(text));
    }
    PyErr_Format(PyExc_AttributeError, "'%.50s' object has no attribute '%U'", type->tp_name, name);
    return nullptr;
}

extern "C" PyObject *PyObject_GetAttrString(PyObject *v, const char *name) noexcept {
    if (Py_TYPE(v)->tp_getattr != nullptr)
        return Py_TYPE(v)->tp_getattr(v, const_cast<char *>(name));
    // Interned, so that the attribute cache recognises the name.
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == nullptr) return nullptr;
    PyObject *result = PyObject_GetAttr(v, key);
    Py_DECREF(key);
    return result;
}

extern "C" int _PyObject_LookupAttr(PyObject *v, PyObject *name, PyObject **result) noexcept {
    PyTypeObject *type = Py_TYPE(v);
    if (!PyUnicode_Check(name)) {
        attribute_name_error(name);
        *result = nullptr;
        return -1;
    }
    if (type->tp_getattro == PyObject_GenericGetAttr) {
        *result = generic_getattr(v, name, true);
        if (*result != nullptr) return 1;
        return PyErr_Occurred() ? -1 : 0;
    }
    if (type->tp_getattro != nullptr) {
        *result = type->tp_getattro(v, name);
    } else if (type->tp_getattr != nullptr) {
        const char *text = PyUnicode_AsUTF8(name);
        if (text == nullptr) {
            *result = nullptr;
            return -1;
        }
        *result = type->tp_getattr(v, const_cast<char *>(text));
    } else {
        *result = nullptr;
        return 0;
    }
    if (*result != nullptr) return 1;
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
    PyErr_Clear();
    return 0;
}

extern "C" int PyObject_HasAttr(PyObject *v, PyObject *name) noexcept {
    PyObject *value = nullptr;
    const int found = _PyObject_LookupAttr(v, name, &value);
    Py_XDECREF(value);
    if (found < 0) {
        PyErr_Clear();  // CPython's documented behaviour: any error means "no"
        return 0;
    }
    return found;
}

extern "C" int PyObject_HasAttrString(PyObject *v, const char *name) noexcept {
    PyObject *value = PyObject_GetAttrString(v, name);
    if (value != nullptr) {
        Py_DECREF(value);
        return 1;
    }
    PyErr_Clear();
    return 0;
}

extern "C" int PyObject_SetAttr(PyObject *v, PyObject *name, PyObject *value) noexcept {
    PyTypeObject *type = Py_TYPE(v);
    if (!PyUnicode_Check(name)) {
        attribute_name_error(name);
        return -1;
    }
    Py_INCREF(name);
    PyUnicode_InternInPlace(&name);
    int status;
    if (type->tp_setattro != nullptr) {
        status = type->tp_setattro(v, name, value);
    } else if (type->tp_setattr != nullptr) {
        const char *text = PyUnicode_AsUTF8(name);
        status = text != nullptr ? type->tp_setattr(v, const_cast<char *>(text), value) : -1;
    } else {
        if (type->tp_getattro == nullptr && type->tp_getattr == nullptr)
            PyErr_Format(PyExc_TypeError, "'%.100s' object has no attributes (%s .%U)",
                         type->tp_name, value == nullptr ? "del" : "assign to", name);
        else
            PyErr_Format(PyExc_TypeError, "'%.100s' object has only read-only attributes (%s .%U)",
                         type->tp_name, value == nullptr ? "del" : "assign to", name);
        status = -1;
    }
    Py_DECREF(name);
    return status;
}

extern "C" int PyObject_SetAttrString(PyObject *v, const char *name, PyObject *value) noexcept {
    if (Py_TYPE(v)->tp_setattr != nullptr)
        return Py_TYPE(v)->tp_setattr(v, const_cast<char *>(name), value);
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == nullptr) return -1;
    const int status = PyObject_SetAttr(v, key, value);
    Py_DECREF(key);
    return status;
}

// --- dir()
// ----------------------------------------------------------------------------------------

extern "C" PyObject *PyObject_Dir(PyObject *obj) noexcept {
    if (obj == nullptr) {
        // dir() without an argument lists the running frame's locals: the interpreter's job.
        PyErr_SetString(PyExc_SystemError, "PyObject_Dir(NULL): the runtime has no frame");
        return nullptr;
    }
    PyObject *dirfunc = _PyObject_LookupSpecial(obj, dunder(Dunder::dir));
    if (dirfunc == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "object does not provide __dir__");
        return nullptr;
    }
    PyObject *result = PyObject_CallNoArgs(dirfunc);
    Py_DECREF(dirfunc);
    if (result == nullptr) return nullptr;
    PyObject *sorted = PySequence_List(result);
    Py_DECREF(result);
    if (sorted != nullptr && PyList_Sort(sorted) < 0) Py_CLEAR(sorted);
    return sorted;
}
