/* minipy/methodobject.h: C functions as Python callables (builtin_function_or_method).
 *
 * C-compatible; names and rules follow CPython's Include/methodobject.h. A type lists its
 * methods in tp_methods; attribute lookup (PyObject_GenericGetAttr) binds them to the
 * instance. The calling conventions are CPython's: METH_NOARGS, METH_O, METH_VARARGS,
 * METH_VARARGS | METH_KEYWORDS, METH_FASTCALL and METH_FASTCALL | METH_KEYWORDS (the C array
 * of the arguments, then, for keywords, a tuple of their names whose values follow the
 * positional ones in the array). */
#ifndef MINIPY_METHODOBJECT_H
#define MINIPY_METHODOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef PyObject *(*PyCFunction)(PyObject *self, PyObject *args);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *self, PyObject *args, PyObject *kwargs);
typedef PyObject *(*_PyCFunctionFast)(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
typedef PyObject *(*_PyCFunctionFastWithKeywords)(PyObject *self, PyObject *const *args,
                                                  Py_ssize_t nargs, PyObject *kwnames);
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
/* Defined in tp_methods even where a slot would make the same name (dict.__contains__): the
 * method comes first. */
#define METH_COEXIST  0x0040
#define METH_FASTCALL 0x0080

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
