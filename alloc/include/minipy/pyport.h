/* minipy/pyport.h: the portability basics every public minipy header starts from.
 *
 * C-compatible. Defines Py_ssize_t and its limits as CPython's pyport.h does, and the
 * macros that mark exported functions and C linkage. Nothing here allocates or runs. */
#ifndef MINIPY_PYPORT_H
#define MINIPY_PYPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Py_ssize_t is the signed twin of size_t, as in CPython (ssize_t on POSIX). */
typedef ssize_t Py_ssize_t;
typedef Py_ssize_t Py_hash_t;
#define PY_SSIZE_T_MAX ((Py_ssize_t)(((size_t)-1) >> 1))
#define PY_SSIZE_T_MIN (-PY_SSIZE_T_MAX - 1)

#ifdef __cplusplus
#define MINIPY_EXTERN_C_BEGIN extern "C" {
#define MINIPY_EXTERN_C_END   }
#define MINIPY_NOEXCEPT       noexcept
#else
#define MINIPY_EXTERN_C_BEGIN
#define MINIPY_EXTERN_C_END
#define MINIPY_NOEXCEPT
#endif

/* Exported symbols: visible even when the library is built with -fvisibility=hidden. */
#if defined(__GNUC__)
#define MINIPY_EXPORT __attribute__((visibility("default")))
#else
#define MINIPY_EXPORT
#endif

#if defined(__GNUC__)
#define MINIPY_NORETURN __attribute__((noreturn))
#else
#define MINIPY_NORETURN
#endif

/* CPython's own spelling, so that code written for CPython's headers reads the same. */
#define PyAPI_FUNC(RTYPE) MINIPY_EXPORT RTYPE
#define PyAPI_DATA(RTYPE) extern MINIPY_EXPORT RTYPE

#endif /* MINIPY_PYPORT_H */
