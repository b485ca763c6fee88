/* minipy/bytesobject.h: bytes, CPython 3.11's immutable byte string, and its C API.
 *
 * C-compatible; names, layout and rules follow CPython's Include/bytesobject.h and
 * Include/cpython/bytesobject.h. A bytes object is one OBJ block: the header, the cached
 * hash (-1 until computed) and ob_size bytes of data followed by a NUL that is not part of
 * the value (so PyBytes_AS_STRING is a C string when the data holds no NUL).
 *
 * A bytes object made with PyBytes_FromStringAndSize(NULL, n) may be written through
 * PyBytes_AS_STRING and resized with _PyBytes_Resize while its creator is its only holder;
 * once shared it is immutable. The empty bytes object is shared. */
#ifndef MINIPY_BYTESOBJECT_H
#define MINIPY_BYTESOBJECT_H

#include <stdarg.h>

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    PyObject_VAR_HEAD Py_hash_t ob_shash; /* -1 until computed */
    char ob_sval[1];                      /* ob_size bytes, then a NUL */
} PyBytesObject;

PyAPI_DATA(PyTypeObject) PyBytes_Type;
PyAPI_DATA(PyTypeObject) PyBytesIter_Type;

#define PyBytes_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS)
#define PyBytes_CheckExact(op) Py_IS_TYPE((op), &PyBytes_Type)

/* No checks: the argument must be a bytes object. */
#define _PyBytes_CAST(op)     ((PyBytesObject *)(op))
#define PyBytes_AS_STRING(op) (_PyBytes_CAST(op)->ob_sval)
#define PyBytes_GET_SIZE(op)  Py_SIZE(op)

/* A copy of size bytes of v; v NULL leaves the contents undefined (to be filled). */
PyAPI_FUNC(PyObject *) PyBytes_FromStringAndSize(const char *v, Py_ssize_t size) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyBytes_FromString(const char *v) MINIPY_NOEXCEPT;
/* bytes(o) for a bytes object, a list or tuple of ints, or any iterable of ints. */
PyAPI_FUNC(PyObject *) PyBytes_FromObject(PyObject *o) MINIPY_NOEXCEPT;
/* printf-like with CPython 3.11's units for bytes: %% %c (0..255) %d %i %u %x %ld %lu
 * %zd %zu %s (with .precision) %p; widths are read and ignored, as CPython does. */
PyAPI_FUNC(PyObject *) PyBytes_FromFormat(const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyBytes_FromFormatV(const char *format, va_list vargs) MINIPY_NOEXCEPT;
// format % args for a bytes format.
PyAPI_FUNC(PyObject *) _PyBytes_Format(PyObject *format, PyObject *args) MINIPY_NOEXCEPT;
/* The data (owned by the object); TypeError for a non-bytes. */
PyAPI_FUNC(char *) PyBytes_AsString(PyObject *o) MINIPY_NOEXCEPT;
/* *buffer = data; with len NULL the data must hold no NUL (ValueError
 * "embedded null byte"). 0 or -1. */
PyAPI_FUNC(int)
    PyBytes_AsStringAndSize(PyObject *o, char **buffer, Py_ssize_t *len) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyBytes_Size(PyObject *o) MINIPY_NOEXCEPT;
/* repr(o); smartquotes picks " when the data holds ' but no ". */
PyAPI_FUNC(PyObject *) PyBytes_Repr(PyObject *o, int smartquotes) MINIPY_NOEXCEPT;
/* *bytes = *bytes + newpart; on error *bytes is released and set to NULL. */
PyAPI_FUNC(void) PyBytes_Concat(PyObject **bytes, PyObject *newpart) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyBytes_ConcatAndDel(PyObject **bytes, PyObject *newpart) MINIPY_NOEXCEPT;
/* Resizes a bytes object nobody else holds; on failure *bytes is released, set to NULL,
 * and -1 is returned with MemoryError. */
PyAPI_FUNC(int) _PyBytes_Resize(PyObject **bytes, Py_ssize_t newsize) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_BYTESOBJECT_H */
