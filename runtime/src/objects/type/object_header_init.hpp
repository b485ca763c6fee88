// The header of a new object, set as PyObject_Init and PyObject_InitVar set it, inline for the
// allocation paths of the built-in types (int, float, str, bytes, the GC allocator): the two
// exported functions are then one call each, and the hot paths none. Internal to runtime/.
#ifndef MINIPY_OBJECTS_OBJECT_HEADER_INIT_HPP
#define MINIPY_OBJECTS_OBJECT_HEADER_INIT_HPP

#include "minipy/object.h"

namespace minipy::runtime {

// `op` is fresh memory of the type's size (never NULL here: callers have checked).
inline PyObject *init_object_header(PyObject *op, PyTypeObject *type) noexcept {
    op->ob_type = type;
    _Py_NewReference(op);  // counted in the reference total under Py_REF_DEBUG
    return op;
}

inline PyVarObject *init_var_object_header(PyVarObject *op, PyTypeObject *type,
                                           Py_ssize_t size) noexcept {
    op->ob_size = size;
    init_object_header(&op->ob_base, type);
    return op;
}

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_OBJECT_HEADER_INIT_HPP
