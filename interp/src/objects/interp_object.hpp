// What the interpreter's object files share: the static type header macro, and the start-up
// and shutdown of the interpreter's types (code, function, cell, frame, generator,
// traceback, and the built-in iterators of builtins/).
#ifndef MINIPY_INTERP_OBJECTS_INTERP_OBJECT_HPP
#define MINIPY_INTERP_OBJECTS_INTERP_OBJECT_HPP

#include "minipy/Python.h"

// The header of a static type object in a designated initializer (see the runtime's
// objects/type/static_type.hpp, which the interpreter cannot include):
//     PyTypeObject PyFoo_Type = {MINIPY_INTERP_TYPE_HEAD, .tp_name = "foo", ...};
#define MINIPY_INTERP_TYPE_HEAD .ob_base = {{1, &PyType_Type}, 0}

namespace minipy::interp {

// PyType_Ready on every type of the interpreter; 0 or -1 with an exception.
int ready_interp_types() noexcept;

// Allocation-free helpers for names in messages.
inline const char *type_name(PyObject *obj) noexcept {
    return Py_TYPE(obj)->tp_name;
}

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_OBJECTS_INTERP_OBJECT_HPP
