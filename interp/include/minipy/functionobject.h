/* minipy/functionobject.h: Python functions (the `function` type) and cells.
 *
 * C-compatible; the fields and functions are CPython 3.11's (Include/cpython/funcobject.h,
 * Include/cpython/cellobject.h). CPython declares functions in funcobject.h; minipy's
 * runtime owns that header (classmethod and staticmethod live there), so the interpreter's
 * part is this one. A function is its code, its globals (with the builtins found through
 * them when it was made), defaults, keyword-only defaults, closure cells, and the usual
 * attributes. Calling one pushes a frame and runs the eval loop; functions are vectorcall
 * callables. */
#ifndef MINIPY_FUNCTIONOBJECT_H
#define MINIPY_FUNCTIONOBJECT_H

#include "minipy/code.h"
#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct PyFunctionObject {
    PyObject_HEAD PyObject *func_globals; /* dict */
    PyObject *func_builtins;              /* dict */
    PyObject *func_name;                  /* str */
    PyObject *func_qualname;              /* str */
    PyObject *func_code;                  /* PyCodeObject */
    PyObject *func_defaults;              /* tuple or NULL */
    PyObject *func_kwdefaults;            /* dict or NULL */
    PyObject *func_closure;               /* tuple of cells or NULL */
    PyObject *func_doc;
    PyObject *func_dict; /* __dict__, made on first use */
    PyObject *func_weakreflist;
    PyObject *func_module;      /* __module__ */
    PyObject *func_annotations; /* dict or NULL */
    vectorcallfunc vectorcall;
    uint32_t func_version; /* 0 until the specializer asks; reset when __code__ or the
                              defaults change */
} PyFunctionObject;

PyAPI_DATA(PyTypeObject) PyFunction_Type;
#define PyFunction_Check(op) Py_IS_TYPE((op), &PyFunction_Type)

/* A function for `code` with `globals` (its __name__ gives __module__, its __builtins__ the
 * builtins); qualname NULL means the code's. New reference or NULL with an exception. */
PyAPI_FUNC(PyObject *) PyFunction_New(PyObject *code, PyObject *globals) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFunction_NewWithQualName(PyObject *code, PyObject *globals,
                                                  PyObject *qualname) MINIPY_NOEXCEPT;
/* Borrowed references. */
PyAPI_FUNC(PyObject *) PyFunction_GetCode(PyObject *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFunction_GetGlobals(PyObject *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFunction_GetModule(PyObject *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFunction_GetDefaults(PyObject *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFunction_GetKwDefaults(PyObject *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFunction_GetClosure(PyObject *op) MINIPY_NOEXCEPT;
/* 0, or -1 with SystemError when the value is not a tuple / dict / None. */
PyAPI_FUNC(int) PyFunction_SetDefaults(PyObject *op, PyObject *defaults) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyFunction_SetKwDefaults(PyObject *op, PyObject *defaults) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyFunction_SetClosure(PyObject *op, PyObject *closure) MINIPY_NOEXCEPT;
/* The vectorcall of every Python function. */
PyAPI_FUNC(PyObject *) _PyFunction_Vectorcall(PyObject *func, PyObject *const *args, size_t nargsf,
                                              PyObject *kwnames) MINIPY_NOEXCEPT;

/* --- Cells: a variable shared between a function and the functions nested in it ---------- */
typedef struct {
    PyObject_HEAD PyObject *ob_ref; /* the contents, or NULL when empty */
} PyCellObject;

PyAPI_DATA(PyTypeObject) PyCell_Type;
#define PyCell_Check(op) Py_IS_TYPE((op), &PyCell_Type)
/* A new cell holding `obj` (may be NULL: empty). */
PyAPI_FUNC(PyObject *) PyCell_New(PyObject *obj) MINIPY_NOEXCEPT;
/* The contents (new reference, NULL when empty) / replaces them: 0, or -1 with SystemError
 * when `cell` is not a cell. */
PyAPI_FUNC(PyObject *) PyCell_Get(PyObject *cell) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyCell_Set(PyObject *cell, PyObject *value) MINIPY_NOEXCEPT;
#define PyCell_GET(op)    (((PyCellObject *)(op))->ob_ref)
#define PyCell_SET(op, v) ((void)(((PyCellObject *)(op))->ob_ref = (v)))

MINIPY_EXTERN_C_END

#endif /* MINIPY_FUNCTIONOBJECT_H */
