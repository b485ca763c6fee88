/* minipy/boolobject.h: bool, the int subclass with exactly two instances.
 *
 * C-compatible; names follow CPython 3.11's Include/boolobject.h. Py_False and Py_True are
 * static int objects of value 0 and 1 whose type is bool; they are never freed. Every
 * function that returns a bool returns a new reference to one of them. */
#ifndef MINIPY_BOOLOBJECT_H
#define MINIPY_BOOLOBJECT_H

#include "minipy/longobject.h"
#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

PyAPI_DATA(PyTypeObject) PyBool_Type;

#define PyBool_Check(op) Py_IS_TYPE((op), &PyBool_Type)

/* Declared as ints (which they are); use Py_False / Py_True. */
PyAPI_DATA(struct _longobject) _Py_FalseStruct;
PyAPI_DATA(struct _longobject) _Py_TrueStruct;

#define Py_False ((PyObject *)&_Py_FalseStruct)
#define Py_True  ((PyObject *)&_Py_TrueStruct)

#define Py_IsTrue(x)  Py_Is((x), Py_True)
#define Py_IsFalse(x) Py_Is((x), Py_False)

#define Py_RETURN_TRUE  return Py_NewRef(Py_True)
#define Py_RETURN_FALSE return Py_NewRef(Py_False)

/* Py_True if v is not zero, else Py_False (a new reference). */
PyAPI_FUNC(PyObject *) PyBool_FromLong(long v) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_BOOLOBJECT_H */
