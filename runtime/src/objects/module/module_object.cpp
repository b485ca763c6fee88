// The module type (CPython 3.11, Objects/moduleobject.c): a namespace object whose attributes
// are its dict's items.
//
//   repr      from __spec__ when it has one (its name, origin and loader), else
//             `<module 'name'>`, `<module 'name' from 'file'>` when __file__ is set, or
//             `<module 'name' (loader)>` with a loader (what importlib's _module_repr does);
//   getattr   the generic lookup, then the module's own __getattr__ (PEP 562), then
//             AttributeError "module 'm' has no attribute 'x'" ("partially initialized module
//             ... (most likely due to a circular import)" while __spec__._initializing is set);
//   dir()     the module's __dir__ if it defines one, else its dict's keys.
#include "minipy/structmember.h"
#include "objects/module/module_internal.hpp"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

int module_init_dict(PyObject *dict, PyObject *name, PyObject *doc) noexcept {
    if (doc == nullptr) doc = Py_None;
    if (PyDict_SetItem(dict, dunder(Dunder::name), name) < 0 ||
        PyDict_SetItem(dict, dunder(Dunder::doc), doc) < 0 ||
        PyDict_SetItem(dict, dunder(Dunder::package), Py_None) < 0 ||
        PyDict_SetItem(dict, dunder(Dunder::loader), Py_None) < 0 ||
        PyDict_SetItem(dict, dunder(Dunder::spec), Py_None) < 0)
        return -1;
    return 0;
}

void module_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    ModuleObject *m = as_module(op);
    if (m->md_def != nullptr && m->md_def->m_free != nullptr) m->md_def->m_free(op);
    Py_XDECREF(m->md_dict);
    Py_XDECREF(m->md_name);
    if (m->md_state != nullptr) PyMem_Free(m->md_state);
    Py_TYPE(op)->tp_free(op);
}

int module_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    ModuleObject *m = as_module(op);
    if (m->md_def != nullptr && m->md_def->m_traverse != nullptr &&
        (m->md_def->m_size <= 0 || m->md_state != nullptr)) {
        if (int status = m->md_def->m_traverse(op, visit, arg); status != 0) return status;
    }
    Py_VISIT(m->md_dict);
    return 0;
}

int module_clear(PyObject *op) noexcept {
    ModuleObject *m = as_module(op);
    if (m->md_def != nullptr && m->md_def->m_clear != nullptr &&
        (m->md_def->m_size <= 0 || m->md_state != nullptr)) {
        if (int status = m->md_def->m_clear(op); status != 0) return status;
    }
    Py_CLEAR(m->md_dict);
    return 0;
}

// getattr(obj, name, None) as a new reference (NULL only on a real error).
PyObject *attr_or_none(PyObject *obj, const char *name) noexcept {
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == nullptr) return nullptr;
    PyObject *value = nullptr;
    const int found = _PyObject_LookupAttr(obj, key, &value);
    Py_DECREF(key);
    if (found < 0) return nullptr;
    return found > 0 ? value : Py_NewRef(Py_None);
}

PyObject *repr_from_spec(PyObject *spec) noexcept {
    PyObject *name = attr_or_none(spec, "name");
    PyObject *origin = name != nullptr ? attr_or_none(spec, "origin") : nullptr;
    PyObject *loader = origin != nullptr ? attr_or_none(spec, "loader") : nullptr;
    PyObject *result = nullptr;
    if (loader != nullptr) {
        PyObject *shown = name == Py_None ? PyUnicode_FromString("?") : Py_NewRef(name);
        if (shown != nullptr) {
            if (origin == Py_None) {
                result = loader == Py_None
                             ? PyUnicode_FromFormat("<module %R>", shown)
                             : PyUnicode_FromFormat("<module %R (%R)>", shown, loader);
            } else {
                PyObject *has_location = attr_or_none(spec, "has_location");
                const int located = has_location != nullptr ? PyObject_IsTrue(has_location) : -1;
                Py_XDECREF(has_location);
                if (located > 0)
                    result = PyUnicode_FromFormat("<module %R from %R>", shown, origin);
                else if (located == 0)
                    result = PyUnicode_FromFormat("<module %R (%S)>", name, origin);
            }
            Py_DECREF(shown);
        }
    }
    Py_XDECREF(name);
    Py_XDECREF(origin);
    Py_XDECREF(loader);
    return result;
}

PyObject *module_repr(PyObject *op) noexcept {
    PyObject *spec = attr_or_none(op, "__spec__");
    if (spec == nullptr) return nullptr;
    const int has_spec = PyObject_IsTrue(spec);
    if (has_spec != 0) {
        PyObject *result = has_spec > 0 ? repr_from_spec(spec) : nullptr;
        Py_DECREF(spec);
        return result;
    }
    Py_DECREF(spec);
    PyObject *loader = attr_or_none(op, "__loader__");
    if (loader == nullptr) return nullptr;
    PyObject *name = nullptr;
    if (_PyObject_LookupAttr(op, dunder(Dunder::name), &name) < 0) {
        Py_DECREF(loader);
        return nullptr;
    }
    if (name == nullptr && (name = PyUnicode_FromString("?")) == nullptr) {
        Py_DECREF(loader);
        return nullptr;
    }
    PyObject *file = nullptr;
    PyObject *result = nullptr;
    const int has_file = _PyObject_LookupAttr(op, dunder(Dunder::file), &file);
    if (has_file > 0)
        result = PyUnicode_FromFormat("<module %R from %R>", name, file);
    else if (has_file == 0)
        result = loader == Py_None ? PyUnicode_FromFormat("<module %R>", name)
                                   : PyUnicode_FromFormat("<module %R (%R)>", name, loader);
    Py_XDECREF(file);
    Py_DECREF(name);
    Py_DECREF(loader);
    return result;
}

// __spec__._initializing is true: the module is still running its body.
bool spec_is_initializing(PyObject *spec) noexcept {
    if (spec == nullptr || spec == Py_None) return false;
    PyObject *flag = attr_or_none(spec, "_initializing");
    if (flag == nullptr) {
        PyErr_Clear();
        return false;
    }
    const int truth = PyObject_IsTrue(flag);
    Py_DECREF(flag);
    if (truth < 0) PyErr_Clear();
    return truth > 0;
}

PyObject *module_getattro(PyObject *op, PyObject *name) noexcept {
    if (!PyUnicode_Check(name)) return PyObject_GenericGetAttr(op, name);  // its TypeError
    PyObject *result = generic_getattr_or_null(op, name);
    if (result != nullptr || PyErr_Occurred()) return result;
    ModuleObject *m = as_module(op);
    if (m->md_dict == nullptr) {
        PyErr_Format(PyExc_AttributeError, "module has no attribute '%U'", name);
        return nullptr;
    }
    // PEP 562: the module's own __getattr__ has the last word.
    if (PyObject *getattr = PyDict_GetItemWithError(m->md_dict, dunder(Dunder::getattr));
        getattr != nullptr)
        return PyObject_CallOneArg(getattr, name);
    if (PyErr_Occurred()) return nullptr;
    PyObject *module_name = PyDict_GetItemWithError(m->md_dict, dunder(Dunder::name));
    if (module_name == nullptr || !PyUnicode_Check(module_name)) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_AttributeError, "module has no attribute '%U'", name);
        return nullptr;
    }
    PyObject *spec = PyDict_GetItemWithError(m->md_dict, dunder(Dunder::spec));
    if (spec == nullptr && PyErr_Occurred()) return nullptr;
    if (spec_is_initializing(spec))
        PyErr_Format(
            PyExc_AttributeError,
            "partially initialized module '%U' has no attribute '%U' (most likely due to a "
            "circular import)",
            module_name, name);
    else
        PyErr_Format(PyExc_AttributeError, "module '%U' has no attribute '%U'", module_name, name);
    return nullptr;
}

// ModuleType(name, doc=None)
int module_init(PyObject *op, PyObject *args, PyObject *kwds) noexcept {
    static const char *const kKeywords[] = {"name", "doc", nullptr};
    PyObject *name = nullptr;
    PyObject *doc = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|O:module", const_cast<char **>(kKeywords),
                                     &name, &doc))
        return -1;
    ModuleObject *m = as_module(op);
    if (m->md_dict == nullptr && (m->md_dict = PyDict_New()) == nullptr) return -1;
    if (module_init_dict(m->md_dict, name, doc) < 0) return -1;
    Py_XSETREF(m->md_name, Py_NewRef(name));
    return 0;
}

PyObject *module_new(PyTypeObject *type, PyObject *, PyObject *) noexcept {
    PyObject *op = type->tp_alloc(type, 0);
    if (op == nullptr) return nullptr;
    if ((as_module(op)->md_dict = PyDict_New()) == nullptr) {
        Py_DECREF(op);
        return nullptr;
    }
    return op;
}

PyObject *module_dir(PyObject *op, PyObject *) noexcept {
    PyObject *dict = PyObject_GetAttr(op, dunder(Dunder::dict));
    if (dict == nullptr) return nullptr;
    PyObject *result = nullptr;
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
    } else if (PyObject *dir = PyDict_GetItemWithError(dict, dunder(Dunder::dir)); dir != nullptr) {
        result = PyObject_CallNoArgs(dir);
    } else if (!PyErr_Occurred()) {
        result = PyDict_Keys(dict);
    }
    Py_DECREF(dict);
    return result;
}

PyObject *module_get_annotations(PyObject *op, void *) noexcept {
    PyObject *dict = as_module(op)->md_dict;
    if (dict == nullptr || !PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
        return nullptr;
    }
    PyObject *annotations = PyDict_GetItemWithError(dict, dunder(Dunder::annotations));
    if (annotations != nullptr) return Py_NewRef(annotations);
    if (PyErr_Occurred()) return nullptr;
    annotations = PyDict_New();
    if (annotations != nullptr &&
        PyDict_SetItem(dict, dunder(Dunder::annotations), annotations) < 0)
        Py_CLEAR(annotations);
    return annotations;
}

int module_set_annotations(PyObject *op, PyObject *value, void *) noexcept {
    PyObject *dict = as_module(op)->md_dict;
    if (dict == nullptr || !PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
        return -1;
    }
    if (value != nullptr) return PyDict_SetItem(dict, dunder(Dunder::annotations), value);
    if (PyDict_DelItem(dict, dunder(Dunder::annotations)) == 0) return 0;
    if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_AttributeError, "__annotations__");
    }
    return -1;
}

PyMemberDef module_members[] = {
    {"__dict__", T_OBJECT, offsetof(ModuleObject, md_dict), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef module_methods[] = {
    {"__dir__", module_dir, METH_NOARGS, "__dir__($self, /)\n--\n\nReturn the module's namespace."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef module_getset[] = {
    {"__annotations__", module_get_annotations, module_set_annotations, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyModule_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "module",
    .tp_basicsize = sizeof(ModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "module(name, doc=None)\n--\n\nCreate a module object.\n\n"
        "The name must be a string; the optional doc argument can have any type.",
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_weaklistoffset = offsetof(ModuleObject, md_weaklist),
    .tp_methods = module_methods,
    .tp_members = module_members,
    .tp_getset = module_getset,
    .tp_dictoffset = offsetof(ModuleObject, md_dict),
    .tp_init = module_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = module_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyModuleDef_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "moduledef",
    .tp_basicsize = sizeof(PyModuleDef),
};

}  // extern "C"

extern "C" PyObject *PyModule_NewObject(PyObject *name) noexcept {
    auto *m = PyObject_GC_New(ModuleObject, &PyModule_Type);
    if (m == nullptr) return nullptr;
    m->md_def = nullptr;
    m->md_state = nullptr;
    m->md_weaklist = nullptr;
    m->md_name = nullptr;
    m->md_dict = PyDict_New();
    auto *op = reinterpret_cast<PyObject *>(m);
    PyObject_GC_Track(op);
    if (m->md_dict == nullptr || module_init_dict(m->md_dict, name, nullptr) < 0) {
        Py_DECREF(op);
        return nullptr;
    }
    m->md_name = Py_NewRef(name);
    return op;
}

extern "C" PyObject *PyModule_New(const char *name) noexcept {
    PyObject *name_obj = PyUnicode_FromString(name);
    if (name_obj == nullptr) return nullptr;
    PyObject *module = PyModule_NewObject(name_obj);
    Py_DECREF(name_obj);
    return module;
}

extern "C" PyObject *PyModule_GetDict(PyObject *module) noexcept {
    if (module == nullptr || !PyModule_Check(module)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return as_module(module)->md_dict;
}

extern "C" PyObject *PyModule_GetNameObject(PyObject *module) noexcept {
    if (module == nullptr || !PyModule_Check(module)) {
        PyErr_BadArgument();
        return nullptr;
    }
    PyObject *dict = as_module(module)->md_dict;
    PyObject *name = dict != nullptr && PyDict_Check(dict)
                         ? PyDict_GetItemWithError(dict, dunder(Dunder::name))
                         : nullptr;
    if (name == nullptr || !PyUnicode_Check(name)) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "nameless module");
        return nullptr;
    }
    return Py_NewRef(name);
}

extern "C" const char *PyModule_GetName(PyObject *module) noexcept {
    PyObject *name = PyModule_GetNameObject(module);
    if (name == nullptr) return nullptr;
    // The dict still holds the name, so its UTF-8 stays valid while the module keeps it.
    Py_DECREF(name);
    return PyUnicode_AsUTF8(name);
}

extern "C" PyObject *PyModule_GetFilenameObject(PyObject *module) noexcept {
    if (module == nullptr || !PyModule_Check(module)) {
        PyErr_BadArgument();
        return nullptr;
    }
    PyObject *dict = as_module(module)->md_dict;
    PyObject *file =
        dict != nullptr ? PyDict_GetItemWithError(dict, dunder(Dunder::file)) : nullptr;
    if (file == nullptr || !PyUnicode_Check(file)) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "module filename missing");
        return nullptr;
    }
    return Py_NewRef(file);
}

extern "C" PyModuleDef *PyModule_GetDef(PyObject *module) noexcept {
    if (module == nullptr || !PyModule_Check(module)) {
        PyErr_BadArgument();
        return nullptr;
    }
    return as_module(module)->md_def;
}

extern "C" void *PyModule_GetState(PyObject *module) noexcept {
    if (module == nullptr || !PyModule_Check(module)) {
        PyErr_BadArgument();
        return nullptr;
    }
    return as_module(module)->md_state;
}
