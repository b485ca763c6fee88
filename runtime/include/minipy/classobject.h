/* minipy/classobject.h: bound methods (CPython's Include/cpython/classobject.h). A
 * PyMethodObject pairs a callable with the object it was looked up on: calling it calls
 * im_func(im_self, *args). repr `<bound method A.f of <__main__.A object at 0x...>>`;
 * two bound methods are equal when their functions are equal and their selves identical. */
#ifndef MINIPY_CLASSOBJECT_H
#define MINIPY_CLASSOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    PyObject_HEAD PyObject *im_func; /* the callable */
    PyObject *im_self;               /* the instance it is bound to */
    PyObject *im_weakreflist;        /* unused: minipy has no weak references */
    vectorcallfunc vectorcall;       /* calls im_func with im_self in front, no tuple */
} PyMethodObject;

PyAPI_DATA(PyTypeObject) PyMethod_Type;
#define PyMethod_Check(op) Py_IS_TYPE((op), &PyMethod_Type)

PyAPI_FUNC(PyObject *) PyMethod_New(PyObject *func, PyObject *self) MINIPY_NOEXCEPT;
/* Borrowed references; SystemError (bad internal call) when `meth` is not a method. */
PyAPI_FUNC(PyObject *) PyMethod_Function(PyObject *meth) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyMethod_Self(PyObject *meth) MINIPY_NOEXCEPT;
#define PyMethod_GET_FUNCTION(meth) (((PyMethodObject *)(meth))->im_func)
#define PyMethod_GET_SELF(meth)     (((PyMethodObject *)(meth))->im_self)

MINIPY_EXTERN_C_END

#endif /* MINIPY_CLASSOBJECT_H */
