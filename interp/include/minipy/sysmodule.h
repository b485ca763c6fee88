/* minipy/sysmodule.h: the sys module from C (CPython 3.11's Include/sysmodule.h, the part a
 * host uses).
 *
 * C-compatible. Each function needs a running runtime and the GIL; the first call starts the
 * interpreter, as the PyRun_* calls do. */
#ifndef MINIPY_SYSMODULE_H
#define MINIPY_SYSMODULE_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* sys.<name> (borrowed), or NULL without an exception when sys has no such attribute. */
PyAPI_FUNC(PyObject *) PySys_GetObject(const char *name) MINIPY_NOEXCEPT;

/* printf-style text to sys.stdout / sys.stderr (their write method), or to the C stream
 * stdout / stderr when the sys attribute is missing or None or writing fails. At most 1000
 * bytes are written; a longer result is cut there and "... truncated" follows, as in CPython.
 * The exception pending when called stays pending; none is raised. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
PyAPI_FUNC(void) PySys_WriteStdout(const char *format, ...) MINIPY_NOEXCEPT;
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
PyAPI_FUNC(void) PySys_WriteStderr(const char *format, ...) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_SYSMODULE_H */
