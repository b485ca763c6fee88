// The header of a static type object, for the built-in types' tables. Internal to runtime/.
#ifndef MINIPY_OBJECTS_TYPE_STATIC_TYPE_HPP
#define MINIPY_OBJECTS_TYPE_STATIC_TYPE_HPP

#include "minipy/object.h"

// The header of a static type object in a C++20 designated initializer (which must name every
// clause, so PyVarObject_HEAD_INIT cannot be used):
//     PyTypeObject PyFoo_Type = {MINIPY_TYPE_OBJECT_HEAD, .tp_name = "foo", ...};
// Slots left out are zero, as in CPython's own tables; the runtime is built with
// -Wno-missing-field-initializers for exactly this.
#define MINIPY_TYPE_OBJECT_HEAD .ob_base = {{1, &PyType_Type}, 0}

#endif  // MINIPY_OBJECTS_TYPE_STATIC_TYPE_HPP
