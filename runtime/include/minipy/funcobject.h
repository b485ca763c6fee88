/* minipy/funcobject.h: classmethod and staticmethod (CPython declares them beside the
 * function type, in Include/cpython/funcobject.h). Python functions themselves (the
 * `function` type, PyFunction_*) belong to the interpreter, which knows code objects and
 * frames; the runtime learns about that type only through minipy_register_function_type
 * (runtime_hooks.h). */
#ifndef MINIPY_FUNCOBJECT_H
#define MINIPY_FUNCOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

PyAPI_DATA(PyTypeObject) PyClassMethod_Type;
PyAPI_DATA(PyTypeObject) PyStaticMethod_Type;

/* classmethod(callable) / staticmethod(callable). */
PyAPI_FUNC(PyObject *) PyClassMethod_New(PyObject *callable) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyStaticMethod_New(PyObject *callable) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_FUNCOBJECT_H */
