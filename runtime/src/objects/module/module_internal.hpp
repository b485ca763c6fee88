// The module object's layout (internal to runtime/src; the API is moduleobject.h).
#ifndef MINIPY_OBJECTS_MODULE_MODULE_INTERNAL_HPP
#define MINIPY_OBJECTS_MODULE_MODULE_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

struct ModuleObject {
    PyObject_HEAD PyObject *md_dict;  // the module's namespace, never NULL once made
    PyModuleDef *md_def;              // the definition it was made from, or NULL
    void *md_state;                   // md_def->m_size bytes (MEM domain), or NULL
    PyObject *md_weaklist;            // unused: minipy has no weak references
    PyObject *md_name;                // __name__ at creation (for error messages)
};

inline ModuleObject *as_module(PyObject *op) noexcept {
    return reinterpret_cast<ModuleObject *>(op);
}

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_MODULE_MODULE_INTERNAL_HPP
