/* minipy/modsupport.h: building Python values from C values (Py_BuildValue) and parsing a
 * C function's arguments into C variables (PyArg_ParseTuple and friends).
 *
 * C-compatible; names, format units and error messages follow CPython 3.11's
 * Include/modsupport.h, Python/modsupport.c and Python/getargs.c. PY_SSIZE_T_CLEAN is always
 * in effect: every '#' length is a Py_ssize_t (a Py_ssize_t * when parsing). With
 * PY_SSIZE_T_CLEAN defined, the names below turn into CPython's _SizeT symbols, which minipy
 * exports with the same behaviour.
 *
 * Py_BuildValue format units (one C argument each unless said otherwise):
 *   b B h i      int                      -> int       H I  unsigned int -> int
 *   l  long   k  unsigned long   L  long long   K  unsigned long long   n  Py_ssize_t
 *   c  int, as a bytes object of length 1      C  int, as a str of one code point
 *   d f  double (float is promoted)            -> float
 *   s z U  const char * (UTF-8) -> str, NULL -> None;  s# z# U#  plus a Py_ssize_t length
 *   y  const char * -> bytes, NULL -> None;  y#  plus a Py_ssize_t length
 *   O S  PyObject *, a new reference is taken;  N  PyObject *, the reference is stolen
 *   O&  a converter PyObject *(*)(void *) and its void * argument
 *   (...) tuple   [...] list   {...} dict (keys and values alternate)
 * ' ', ',', ':' and '\t' separate units and are ignored. A format of one unit gives that
 * object itself, of several a tuple, "" gives None. The references passed with N are always
 * consumed, also when building fails part-way.
 *
 * PyArg_ParseTuple format units (each takes pointers to the C variables to fill):
 *   b (unsigned char, range-checked) B (unsigned char, masked) h (short) H (unsigned short,
 *   masked) i (int) I (unsigned int, masked) l (long) k (unsigned long, masked; int only)
 *   L (long long) K (unsigned long long, masked; int only) n (Py_ssize_t) c (char, from a
 *   bytes of length 1) C (int, from a str of length 1) f (float) d (double) p (int, truth)
 *   s (const char *, from a str without NUL) s# (const char *, Py_ssize_t, from str or bytes)
 *   z z# (as s, s#, and None gives NULL) y (const char *, from bytes without NUL)
 *   y# (const char *, Py_ssize_t) S (PyObject *, a bytes) U (PyObject *, a str)
 *   O (PyObject *, borrowed) O! (PyTypeObject *, PyObject **: type-checked)
 *   O& (int (*)(PyObject *, void *), void *: a converter) (...) (a nested sequence)
 *   | the rest is optional   $ (with keywords) the rest is keyword-only
 *   :name ends the format, names the function in messages   ;message ends it, replaces them */
#ifndef MINIPY_MODSUPPORT_H
#define MINIPY_MODSUPPORT_H

#include <stdarg.h>

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

#ifdef PY_SSIZE_T_CLEAN
#define PyArg_Parse                   _PyArg_Parse_SizeT
#define PyArg_ParseTuple              _PyArg_ParseTuple_SizeT
#define PyArg_ParseTupleAndKeywords   _PyArg_ParseTupleAndKeywords_SizeT
#define PyArg_VaParse                 _PyArg_VaParse_SizeT
#define PyArg_VaParseTupleAndKeywords _PyArg_VaParseTupleAndKeywords_SizeT
#define Py_BuildValue                 _Py_BuildValue_SizeT
#define Py_VaBuildValue               _Py_VaBuildValue_SizeT
#endif

/* A new reference, or NULL with an exception set (SystemError "bad format char passed to
 * Py_BuildValue" for an unknown unit). */
PyAPI_FUNC(PyObject *) Py_BuildValue(const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) Py_VaBuildValue(const char *format, va_list vargs) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) _Py_BuildValue_SizeT(const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) _Py_VaBuildValue_SizeT(const char *format, va_list vargs) MINIPY_NOEXCEPT;

/* A converter of O& that also wants to be called (with a NULL object) to release what it
 * made when parsing fails afterwards returns this instead of 1. */
#define Py_CLEANUP_SUPPORTED 0x20000

/* 1 when every argument converted, 0 with an exception set otherwise. args must be a tuple.
 * The pointers filled hold borrowed references (O, S, U) or point into the argument objects
 * (s, y, z): they stay valid while the arguments do. */
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *args, const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyArg_VaParse(PyObject *args, const char *format, va_list vargs) MINIPY_NOEXCEPT;
/* kwlist: the parameters' names, NULL-terminated; leading "" entries are positional-only. */
PyAPI_FUNC(int) PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                            char **kwlist, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                              char **kwlist, va_list vargs) MINIPY_NOEXCEPT;
/* The old single-object form: `arg` is converted by a format of one unit. */
PyAPI_FUNC(int) PyArg_Parse(PyObject *arg, const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyArg_Parse_SizeT(PyObject *arg, const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyArg_ParseTuple_SizeT(PyObject *args, const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    _PyArg_VaParse_SizeT(PyObject *args, const char *format, va_list vargs) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    _PyArg_ParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs, const char *format,
                                       char **kwlist, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    _PyArg_VaParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kwargs, const char *format,
                                         char **kwlist, va_list vargs) MINIPY_NOEXCEPT;

/* 1 if every key of the dict is a str, else 0 with TypeError "keywords must be strings". */
PyAPI_FUNC(int) PyArg_ValidateKeywordArguments(PyObject *kwargs) MINIPY_NOEXCEPT;

/* Stores borrowed references to args' items in the PyObject ** that follow; between min and
 * max items. `name` names the function in the error message (NULL: "unpacked tuple"). */
PyAPI_FUNC(int) PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max,
                                  ...) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_MODSUPPORT_H */
