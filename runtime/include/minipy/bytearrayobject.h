/* minipy/bytearrayobject.h: bytearray, CPython 3.11's mutable byte string, and its C API.
 *
 * C-compatible; names, layout and rules follow CPython's Include/bytearrayobject.h and
 * Include/cpython/bytearrayobject.h. The object holds a separate buffer of ob_alloc bytes
 * (OBJ domain) whose logical start ob_start may lie past ob_bytes (deleting from the front
 * moves it); ob_size bytes of data are followed by a NUL. The buffer grows and shrinks by
 * CPython's policy, so __alloc__() and sys.getsizeof() give CPython's figures. minipy has no
 * buffer protocol: bytes and bytearray accept each other where CPython accepts a buffer. */
#ifndef MINIPY_BYTEARRAYOBJECT_H
#define MINIPY_BYTEARRAYOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    PyObject_VAR_HEAD Py_ssize_t ob_alloc; /* bytes allocated at ob_bytes */
    char *ob_bytes;                        /* the buffer (NULL while ob_alloc is 0) */
    char *ob_start;                        /* the logical start inside ob_bytes */
    Py_ssize_t ob_exports;                 /* buffer exports: always 0 in minipy */
} PyByteArrayObject;

PyAPI_DATA(PyTypeObject) PyByteArray_Type;
PyAPI_DATA(PyTypeObject) PyByteArrayIter_Type;
PyAPI_DATA(char) _PyByteArray_empty_string[];

#define PyByteArray_Check(op)      PyObject_TypeCheck((op), &PyByteArray_Type)
#define PyByteArray_CheckExact(op) Py_IS_TYPE((op), &PyByteArray_Type)

/* No checks: the argument must be a bytearray. The data is a C string (NUL after the data). */
#define _PyByteArray_CAST(op) ((PyByteArrayObject *)(op))
#define PyByteArray_AS_STRING(op) \
    (Py_SIZE(op) ? _PyByteArray_CAST(op)->ob_start : _PyByteArray_empty_string)
#define PyByteArray_GET_SIZE(op) Py_SIZE(op)

/* bytearray(o): a copy of a bytes-like object, an iterable of ints, ... (calls the type). */
PyAPI_FUNC(PyObject *) PyByteArray_FromObject(PyObject *o) MINIPY_NOEXCEPT;
/* A bytearray of `size` bytes copied from `v` (v NULL: contents undefined, to be filled). */
PyAPI_FUNC(PyObject *)
    PyByteArray_FromStringAndSize(const char *v, Py_ssize_t size) MINIPY_NOEXCEPT;
/* a + b as a new bytearray; a and b bytes or bytearray. */
PyAPI_FUNC(PyObject *) PyByteArray_Concat(PyObject *a, PyObject *b) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyByteArray_Size(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(char *) PyByteArray_AsString(PyObject *o) MINIPY_NOEXCEPT;
/* Sets the size (new bytes undefined), growing or shrinking the buffer by CPython's policy.
 * 0, or -1 with MemoryError. */
PyAPI_FUNC(int) PyByteArray_Resize(PyObject *o, Py_ssize_t size) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_BYTEARRAYOBJECT_H */
