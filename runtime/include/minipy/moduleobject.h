/* minipy/moduleobject.h: module objects (CPython 3.11's Include/moduleobject.h).
 *
 * A module is an object with a dict: its attributes are the dict's items (`__name__`,
 * `__doc__`, `__package__`, `__loader__`, `__spec__` from the start). A C extension
 * describes one with a static PyModuleDef and makes it with PyModule_Create (modsupport.h):
 *
 *     static PyModuleDef demo_def = {PyModuleDef_HEAD_INIT, "demo", "doc", -1, demo_methods};
 *     PyObject *m = PyModule_Create(&demo_def);
 *
 * repr is `<module 'demo'>` (`<module 'demo' from 'path'>` once __file__ is set); a missing
 * attribute asks the module's own `__getattr__` first (PEP 562), then raises
 * AttributeError "module 'demo' has no attribute 'x'". */
#ifndef MINIPY_MODULEOBJECT_H
#define MINIPY_MODULEOBJECT_H

#include "minipy/methodobject.h"
#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

PyAPI_DATA(PyTypeObject) PyModule_Type;
PyAPI_DATA(PyTypeObject) PyModuleDef_Type;
#define PyModule_Check(op)      PyObject_TypeCheck((op), &PyModule_Type)
#define PyModule_CheckExact(op) Py_IS_TYPE((op), &PyModule_Type)

typedef struct PyModuleDef_Base {
    PyObject_HEAD PyObject *(*m_init)(void);
    Py_ssize_t m_index;
    PyObject *m_copy;
} PyModuleDef_Base;

#define PyModuleDef_HEAD_INIT                        \
    {                                                \
        PyObject_HEAD_INIT(NULL) NULL, /* m_init */  \
            0,                         /* m_index */ \
            NULL,                      /* m_copy */  \
    }

typedef struct PyModuleDef_Slot {
    int slot;
    void *value;
} PyModuleDef_Slot;
#define Py_mod_create 1
#define Py_mod_exec   2

typedef struct PyModuleDef {
    PyModuleDef_Base m_base;
    const char *m_name;
    const char *m_doc;
    Py_ssize_t m_size; /* bytes of per-module state (PyModule_GetState), or -1 / 0 for none */
    PyMethodDef *m_methods;
    PyModuleDef_Slot *m_slots; /* multi-phase initialisation: refused by PyModule_Create */
    traverseproc m_traverse;
    inquiry m_clear;
    freefunc m_free;
} PyModuleDef;

/* A new module named `name` (a str / UTF-8), its dict holding __name__, __doc__ (None),
 * __package__, __loader__ and __spec__ (None). */
PyAPI_FUNC(PyObject *) PyModule_NewObject(PyObject *name) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyModule_New(const char *name) MINIPY_NOEXCEPT;
/* The module's dict, borrowed. */
PyAPI_FUNC(PyObject *) PyModule_GetDict(PyObject *module) MINIPY_NOEXCEPT;
/* __name__ (new reference / UTF-8 owned by the name); SystemError "nameless module". */
PyAPI_FUNC(PyObject *) PyModule_GetNameObject(PyObject *module) MINIPY_NOEXCEPT;
PyAPI_FUNC(const char *) PyModule_GetName(PyObject *module) MINIPY_NOEXCEPT;
/* __file__ (new reference); SystemError "module filename missing". */
PyAPI_FUNC(PyObject *) PyModule_GetFilenameObject(PyObject *module) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyModuleDef *) PyModule_GetDef(PyObject *module) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyModule_GetState(PyObject *module) MINIPY_NOEXCEPT;
/* The module (borrowed) of the first heap type along type's MRO made by
 * PyType_FromModuleAndSpec with a module from `def`; TypeError when there is none. */
PyAPI_FUNC(PyObject *) PyType_GetModuleByDef(PyTypeObject *type, PyModuleDef *def) MINIPY_NOEXCEPT;
/* Readies `def` as an object (multi-phase initialisation's return value). */
PyAPI_FUNC(PyObject *) PyModuleDef_Init(PyModuleDef *def) MINIPY_NOEXCEPT;

/* --- Building modules (CPython declares these in modsupport.h) ------------------------ */
#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING  "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING  "3"

/* A module from its definition: name, doc, m_methods as functions bound to the module, and
 * m_size bytes of zeroed state. Definitions with m_slots are refused (SystemError), as
 * CPython refuses them here. `apiver` is accepted and ignored. */
PyAPI_FUNC(PyObject *) PyModule_Create2(PyModuleDef *def, int apiver) MINIPY_NOEXCEPT;
#define PyModule_Create(def) PyModule_Create2((def), PYTHON_API_VERSION)

/* module.name = value. AddObjectRef borrows `value`; AddObject steals it on success only
 * (CPython's historical contract: on failure the caller still owns it). */
PyAPI_FUNC(int)
    PyModule_AddObjectRef(PyObject *mod, const char *name, PyObject *value) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyModule_AddObject(PyObject *mod, const char *name, PyObject *value) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyModule_AddIntConstant(PyObject *mod, const char *name, long value) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyModule_AddStringConstant(PyObject *mod, const char *name, const char *value) MINIPY_NOEXCEPT;
/* Readies `type` and adds it under its short name. */
PyAPI_FUNC(int) PyModule_AddType(PyObject *mod, PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyModule_AddFunctions(PyObject *mod, PyMethodDef *functions) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyModule_SetDocString(PyObject *mod, const char *doc) MINIPY_NOEXCEPT;
#define PyModule_AddIntMacro(m, c)    PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))

MINIPY_EXTERN_C_END

#endif /* MINIPY_MODULEOBJECT_H */
