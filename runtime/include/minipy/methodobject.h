/* minipy/methodobject.h: C functions as Python callables (builtin_function_or_method).
 *
 * C-compatible; names and rules follow CPython's Include/methodobject.h. A type lists its
 * methods in tp_methods; attribute lookup (PyObject_GenericGetAttr) binds them to the
 * instance. METH_NOARGS, METH_O, METH_VARARGS and METH_VARARGS | METH_KEYWORDS are
 * supported. */
#ifndef MINIPY_METHODOBJECT_H
#define MINIPY_METHODOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef PyObject *(*PyCFunction)(PyObject *self, PyObject *args);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *self, PyObject *args, PyObject *kwargs);
#define _PyCFunction_CAST(func) ((PyCFunction)(void (*)(void))(func))

struct PyMethodDef {
    const char *ml_name;
    PyCFunction ml_meth; /* cast with _PyCFunction_CAST for METH_KEYWORDS */
    int ml_flags;
    const char *ml_doc;
};
typedef struct PyMethodDef PyMethodDef;

#define METH_VARARGS  0x0001
#define METH_KEYWORDS 0x0002
#define METH_NOARGS   0x0004
#define METH_O        0x0008
#define METH_CLASS    0x0010
#define METH_STATIC   0x0020
/* The method replaces a slot wrapper of the same name in the type's dict instead of giving way
 * to it (PyType_Ready adds slot wrappers first). */
#define METH_COEXIST 0x0040

typedef struct {
    PyObject_HEAD PyMethodDef *m_ml; /* the definition */
    PyObject *m_self;                /* bound instance (or module), may be NULL */
    PyObject *m_module;
} PyCFunctionObject;

PyAPI_DATA(PyTypeObject) PyCFunction_Type;
#define PyCFunction_CheckExact(op) Py_IS_TYPE((op), &PyCFunction_Type)
#define PyCFunction_Check(op)      PyObject_TypeCheck((op), &PyCFunction_Type)

PyAPI_FUNC(PyObject *)
    PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module) MINIPY_NOEXCEPT;
#define PyCFunction_New(ML, SELF) PyCFunction_NewEx((ML), (SELF), NULL)
PyAPI_FUNC(PyCFunction) PyCFunction_GetFunction(PyObject *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyCFunction_GetSelf(PyObject *op) MINIPY_NOEXCEPT;

/* An attribute computed by functions, listed in tp_getset. */
typedef PyObject *(*getter)(PyObject *, void *);
typedef int (*setter)(PyObject *, PyObject *, void *);
struct PyGetSetDef {
    const char *name;
    getter get;
    setter set; /* NULL: read-only */
    const char *doc;
    void *closure;
};
typedef struct PyGetSetDef PyGetSetDef;

MINIPY_EXTERN_C_END

#endif /* MINIPY_METHODOBJECT_H */
