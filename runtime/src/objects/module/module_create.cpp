// Building modules from C (CPython 3.11's PyModule_Create2 and the PyModule_Add* helpers,
// Objects/moduleobject.c and Python/modsupport.c): a module from a PyModuleDef, and
// attributes added to it.
#include <cstring>

#include "objects/module/module_internal.hpp"
#include "objects/type/type_internal.hpp"

using namespace minipy::runtime;

namespace {
Py_ssize_t g_max_module_number = 0;
}

extern "C" PyObject *PyModuleDef_Init(PyModuleDef *def) noexcept {
    if (def->m_base.m_index == 0) {
        Py_SET_TYPE(reinterpret_cast<PyObject *>(def), &PyModuleDef_Type);
        Py_SET_REFCNT(reinterpret_cast<PyObject *>(def), 1);
        def->m_base.m_index = ++g_max_module_number;
    }
    return reinterpret_cast<PyObject *>(def);
}

extern "C" PyObject *PyModule_Create2(PyModuleDef *def, int) noexcept {
    if (def == nullptr || def->m_name == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    PyModuleDef_Init(def);
    if (def->m_slots != nullptr) {
        PyErr_Format(PyExc_SystemError, "module %s: PyModule_Create is incompatible with m_slots",
                     def->m_name);
        return nullptr;
    }
    PyObject *module = PyModule_New(def->m_name);
    if (module == nullptr) return nullptr;
    ModuleObject *m = as_module(module);
    if (def->m_size > 0) {
        m->md_state = PyMem_Calloc(1, static_cast<size_t>(def->m_size));
        if (m->md_state == nullptr) {
            PyErr_NoMemory();
            Py_DECREF(module);
            return nullptr;
        }
    }
    if ((def->m_methods != nullptr && PyModule_AddFunctions(module, def->m_methods) != 0) ||
        (def->m_doc != nullptr && PyModule_SetDocString(module, def->m_doc) != 0)) {
        Py_DECREF(module);
        return nullptr;
    }
    m->md_def = def;
    return module;
}

extern "C" int PyModule_AddFunctions(PyObject *module, PyMethodDef *functions) noexcept {
    PyObject *name = PyModule_GetNameObject(module);
    if (name == nullptr) return -1;
    int status = 0;
    for (PyMethodDef *fdef = functions; fdef->ml_name != nullptr && status == 0; ++fdef) {
        if (fdef->ml_flags & (METH_CLASS | METH_STATIC)) {
            PyErr_SetString(PyExc_ValueError,
                            "module functions cannot set METH_CLASS or METH_STATIC");
            status = -1;
            break;
        }
        PyObject *func = PyCFunction_NewEx(fdef, module, name);
        if (func == nullptr) {
            status = -1;
            break;
        }
        status = PyObject_SetAttrString(module, fdef->ml_name, func);
        Py_DECREF(func);
    }
    Py_DECREF(name);
    return status;
}

extern "C" int PyModule_SetDocString(PyObject *module, const char *doc) noexcept {
    PyObject *text = PyUnicode_FromString(doc);
    if (text == nullptr) return -1;
    const int status = PyObject_SetAttr(module, dunder(Dunder::doc), text);
    Py_DECREF(text);
    return status;
}

extern "C" int PyModule_AddObjectRef(PyObject *module, const char *name, PyObject *value) noexcept {
    if (module == nullptr || !PyModule_Check(module)) {
        PyErr_SetString(PyExc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
        return -1;
    }
    if (value == nullptr) {
        if (!PyErr_Occurred())
            PyErr_SetString(
                PyExc_SystemError,
                "PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
        return -1;
    }
    PyObject *dict = PyModule_GetDict(module);
    if (dict == nullptr) {
        PyErr_Format(PyExc_SystemError, "module '%s' has no __dict__", PyModule_GetName(module));
        return -1;
    }
    return PyDict_SetItemString(dict, name, value);
}

extern "C" int PyModule_AddObject(PyObject *module, const char *name, PyObject *value) noexcept {
    const int status = PyModule_AddObjectRef(module, name, value);
    if (status == 0) Py_DECREF(value);
    return status;
}

extern "C" int PyModule_AddIntConstant(PyObject *module, const char *name, long value) noexcept {
    PyObject *obj = PyLong_FromLong(value);
    if (obj == nullptr) return -1;
    const int status = PyModule_AddObjectRef(module, name, obj);
    Py_DECREF(obj);
    return status;
}

extern "C" int PyModule_AddStringConstant(PyObject *module, const char *name,
                                          const char *value) noexcept {
    PyObject *obj = PyUnicode_FromString(value);
    if (obj == nullptr) return -1;
    const int status = PyModule_AddObjectRef(module, name, obj);
    Py_DECREF(obj);
    return status;
}

extern "C" int PyModule_AddType(PyObject *module, PyTypeObject *type) noexcept {
    if (PyType_Ready(type) < 0) return -1;
    return PyModule_AddObjectRef(module, _PyType_Name(type), reinterpret_cast<PyObject *>(type));
}
