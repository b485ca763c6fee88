/* minipy/genobject.h: generator objects.
 *
 * C-compatible; CPython 3.11's Include/cpython/genobject.h. Calling a generator function
 * makes one: its frame lives inside the object and runs each time a value is asked for
 * (next, send, throw), until it returns (StopIteration, carrying the value) or raises. */
#ifndef MINIPY_GENOBJECT_H
#define MINIPY_GENOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

PyAPI_DATA(PyTypeObject) PyGen_Type;
#define PyGen_Check(op)      PyObject_TypeCheck((op), &PyGen_Type)
#define PyGen_CheckExact(op) Py_IS_TYPE((op), &PyGen_Type)

MINIPY_EXTERN_C_END

#endif /* MINIPY_GENOBJECT_H */
