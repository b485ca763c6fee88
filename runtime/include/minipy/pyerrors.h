/* minipy/pyerrors.h: the exception state and the built-in exception types.
 *
 * C-compatible; names and rules follow CPython's Include/pyerrors.h. Each thread state
 * holds at most one current exception. A C function that fails sets one and returns NULL
 * (or -1); its caller either handles it (PyErr_ExceptionMatches + PyErr_Clear) or returns
 * NULL in turn. minipy always keeps the exception normalized: PyErr_SetString creates the
 * instance at once, and PyErr_Fetch hands out (type, instance, traceback).
 *
 * Every function here needs the GIL. PyErr_NoMemory() never allocates: it raises a
 * MemoryError instance made at start-up, so running out of memory can always be reported. */
#ifndef MINIPY_PYERRORS_H
#define MINIPY_PYERRORS_H

#include <stdarg.h>

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    PyObject_HEAD PyObject *dict; /* attributes set on the instance; NULL until the first */
    PyObject *args;               /* tuple of the constructor's arguments */
    PyObject *notes;
    PyObject *traceback;
    PyObject *context;
    PyObject *cause;
    char suppress_context;
} PyBaseExceptionObject;

/* The instances of StopIteration and KeyError etc. are plain PyBaseExceptionObjects; these
 * add the fields CPython gives them. */
typedef struct {
    PyBaseExceptionObject base;
    PyObject *value; /* StopIteration.value */
} PyStopIterationObject;

typedef struct {
    PyBaseExceptionObject base;
    PyObject *code; /* SystemExit.code */
} PySystemExitObject;

/* SyntaxError and its subclasses IndentationError and TabError: the message and where it
 * points (CPython's field order). A field never set reads as None. */
typedef struct {
    PyBaseExceptionObject base;
    PyObject *msg;
    PyObject *filename;
    PyObject *lineno; /* 1-based */
    PyObject *offset; /* 1-based, in characters */
    PyObject *end_lineno;
    PyObject *end_offset;
    PyObject *text; /* the source line */
    PyObject *print_file_and_line;
} PySyntaxErrorObject;

/* OSError and its subclasses: errno, strerror, filename, filename2 (CPython's field names;
 * a field never set reads as None). */
typedef struct {
    PyBaseExceptionObject base;
    PyObject *myerrno;
    PyObject *strerror;
    PyObject *filename;
    PyObject *filename2;
} PyOSErrorObject;

/* UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError: what failed and where
 * (CPython's field names and order). object is a str, or bytes for UnicodeDecodeError;
 * object[start:end] is the part that failed. An object field never set reads as None
 * (UnicodeTranslateError never sets encoding). */
typedef struct {
    PyBaseExceptionObject base;
    PyObject *encoding;
    PyObject *object;
    Py_ssize_t start;
    Py_ssize_t end;
    PyObject *reason;
} PyUnicodeErrorObject;

/* UnicodeDecodeError(encoding, object[:length], start, end, reason), not raised. */
PyAPI_FUNC(PyObject *)
    PyUnicodeDecodeError_Create(const char *encoding, const char *object, Py_ssize_t length,
                                Py_ssize_t start, Py_ssize_t end,
                                const char *reason) MINIPY_NOEXCEPT;

/* The fields of a Unicode error, as new references; TypeError when the field was never set
 * or has the wrong type ("object attribute must be bytes", ...). The Get{Start,End}
 * functions clamp to the object (start within [0, len-1], end within [1, len]); the Set
 * functions store as given. All return NULL or -1 on error. */
PyAPI_FUNC(PyObject *) PyUnicodeEncodeError_GetEncoding(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicodeDecodeError_GetEncoding(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicodeEncodeError_GetObject(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicodeDecodeError_GetObject(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicodeTranslateError_GetObject(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeEncodeError_GetStart(PyObject *exc, Py_ssize_t *start) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeDecodeError_GetStart(PyObject *exc, Py_ssize_t *start) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeTranslateError_GetStart(PyObject *exc, Py_ssize_t *start) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeEncodeError_SetStart(PyObject *exc, Py_ssize_t start) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeDecodeError_SetStart(PyObject *exc, Py_ssize_t start) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeTranslateError_SetStart(PyObject *exc, Py_ssize_t start) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeEncodeError_GetEnd(PyObject *exc, Py_ssize_t *end) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeDecodeError_GetEnd(PyObject *exc, Py_ssize_t *end) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeTranslateError_GetEnd(PyObject *exc, Py_ssize_t *end) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeEncodeError_SetEnd(PyObject *exc, Py_ssize_t end) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeDecodeError_SetEnd(PyObject *exc, Py_ssize_t end) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeTranslateError_SetEnd(PyObject *exc, Py_ssize_t end) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicodeEncodeError_GetReason(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicodeDecodeError_GetReason(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicodeTranslateError_GetReason(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeEncodeError_SetReason(PyObject *exc, const char *reason) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyUnicodeDecodeError_SetReason(PyObject *exc, const char *reason) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyUnicodeTranslateError_SetReason(PyObject *exc, const char *reason) MINIPY_NOEXCEPT;

/* type(errno, strerror(errno)) or type(errno, strerror(errno), filename); OSError picks the
 * subclass for the errno (FileNotFoundError for ENOENT, ...). Always NULL. */
PyAPI_FUNC(PyObject *) PyErr_SetFromErrno(PyObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyErr_SetFromErrnoWithFilenameObject(PyObject *type, PyObject *filename) MINIPY_NOEXCEPT;

PyAPI_FUNC(void) PyErr_SetNone(PyObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyErr_SetObject(PyObject *type, PyObject *value) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyErr_SetString(PyObject *type, const char *message) MINIPY_NOEXCEPT;
/* The message is PyUnicode_FromFormat(format, ...). Returns NULL, for `return PyErr_Format(...)`.
 */
PyAPI_FUNC(PyObject *) PyErr_Format(PyObject *type, const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyErr_FormatV(PyObject *type, const char *format, va_list vargs) MINIPY_NOEXCEPT;
/* The type of the current exception (borrowed), or NULL. */
PyAPI_FUNC(PyObject *) PyErr_Occurred(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyErr_Clear(void) MINIPY_NOEXCEPT;
/* Moves the current exception out (new references; NULLs when there is none) / back in
 * (steals the references; a NULL type clears). */
PyAPI_FUNC(void)
    PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback) MINIPY_NOEXCEPT;
PyAPI_FUNC(void)
    PyErr_Restore(PyObject *type, PyObject *value, PyObject *traceback) MINIPY_NOEXCEPT;
PyAPI_FUNC(void)
    PyErr_NormalizeException(PyObject **ptype, PyObject **pvalue, PyObject **ptb) MINIPY_NOEXCEPT;
/* 3.12's spelling: the current exception instance (new reference) or NULL / steal it back. */
PyAPI_FUNC(PyObject *) PyErr_GetRaisedException(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyErr_SetRaisedException(PyObject *exc) MINIPY_NOEXCEPT;
/* The exception being handled (what sys.exception() returns): a new reference, or NULL when
 * none is; no exception is set either way. Set replaces it (NULL or None: none). While one is
 * handled, PyErr_SetObject makes it the new exception's __context__ (implicit chaining). */
PyAPI_FUNC(PyObject *) PyErr_GetHandledException(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyErr_SetHandledException(PyObject *exc) MINIPY_NOEXCEPT;
/* Whether `given` (a type or an instance) matches `exc` (a type or a tuple of them). */
PyAPI_FUNC(int) PyErr_GivenExceptionMatches(PyObject *given, PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyErr_ExceptionMatches(PyObject *exc) MINIPY_NOEXCEPT;

/* Raises the preallocated MemoryError without allocating; returns NULL. */
PyAPI_FUNC(PyObject *) PyErr_NoMemory(void) MINIPY_NOEXCEPT;
/* TypeError "bad argument type for built-in operation"; returns 0. */
PyAPI_FUNC(int) PyErr_BadArgument(void) MINIPY_NOEXCEPT;
/* SystemError naming the C file and line that was called wrongly. */
PyAPI_FUNC(void) _PyErr_BadInternalCall(const char *filename, int lineno) MINIPY_NOEXCEPT;
#define PyErr_BadInternalCall() _PyErr_BadInternalCall(__FILE__, __LINE__)
/* Prints "Type: message" for the current exception to stderr and clears it. */
PyAPI_FUNC(void) PyErr_Print(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyErr_PrintEx(int set_sys_last_vars) MINIPY_NOEXCEPT;
/* What PyErr_Print does with the exception (minipy): the interpreter installs its traceback
 * printer (CPython's sys.excepthook); without one only "Type: message" is printed. The hook
 * must not steal `exc` and leaves no exception set. */
typedef void (*minipy_print_exception_hook)(PyObject *exc);
PyAPI_FUNC(void) minipy_set_print_exception_hook(minipy_print_exception_hook hook) MINIPY_NOEXCEPT;
/* Reports an exception that cannot be raised (one from a destructor) on stderr, as
 * "Exception ignored in: <repr of obj>", and clears it. */
PyAPI_FUNC(void) PyErr_WriteUnraisable(PyObject *obj) MINIPY_NOEXCEPT;

PyAPI_FUNC(PyObject *) PyException_GetArgs(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyException_GetTraceback(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyException_GetContext(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyException_SetContext(PyObject *exc, PyObject *context) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyException_GetCause(PyObject *exc) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyException_SetCause(PyObject *exc, PyObject *cause) MINIPY_NOEXCEPT;

#define PyExceptionClass_Check(x) \
    (PyType_Check(x) && PyType_FastSubclass((PyTypeObject *)(x), Py_TPFLAGS_BASE_EXC_SUBCLASS))
#define PyExceptionInstance_Check(x) PyType_FastSubclass(Py_TYPE(x), Py_TPFLAGS_BASE_EXC_SUBCLASS)
#define PyExceptionInstance_Class(x) _PyObject_CAST(Py_TYPE(x))
PyAPI_FUNC(const char *) PyExceptionClass_Name(PyObject *exc) MINIPY_NOEXCEPT;

/* The hierarchy, as in CPython 3.11 (docs "Exception hierarchy"). */
PyAPI_DATA(PyObject *) PyExc_BaseException;
PyAPI_DATA(PyObject *) PyExc_SystemExit;
PyAPI_DATA(PyObject *) PyExc_KeyboardInterrupt;
PyAPI_DATA(PyObject *) PyExc_GeneratorExit;
PyAPI_DATA(PyObject *) PyExc_Exception;
PyAPI_DATA(PyObject *) PyExc_StopIteration;
PyAPI_DATA(PyObject *) PyExc_ArithmeticError;
PyAPI_DATA(PyObject *) PyExc_FloatingPointError;
PyAPI_DATA(PyObject *) PyExc_OverflowError;
PyAPI_DATA(PyObject *) PyExc_ZeroDivisionError;
PyAPI_DATA(PyObject *) PyExc_AssertionError;
PyAPI_DATA(PyObject *) PyExc_AttributeError;
PyAPI_DATA(PyObject *) PyExc_BufferError;
PyAPI_DATA(PyObject *) PyExc_EOFError;
PyAPI_DATA(PyObject *) PyExc_ImportError;
PyAPI_DATA(PyObject *) PyExc_ModuleNotFoundError;
PyAPI_DATA(PyObject *) PyExc_LookupError;
PyAPI_DATA(PyObject *) PyExc_IndexError;
PyAPI_DATA(PyObject *) PyExc_KeyError;
PyAPI_DATA(PyObject *) PyExc_MemoryError;
PyAPI_DATA(PyObject *) PyExc_NameError;
PyAPI_DATA(PyObject *) PyExc_UnboundLocalError;
PyAPI_DATA(PyObject *) PyExc_OSError;
PyAPI_DATA(PyObject *) PyExc_BlockingIOError;
PyAPI_DATA(PyObject *) PyExc_ChildProcessError;
PyAPI_DATA(PyObject *) PyExc_ConnectionError;
PyAPI_DATA(PyObject *) PyExc_BrokenPipeError;
PyAPI_DATA(PyObject *) PyExc_ConnectionAbortedError;
PyAPI_DATA(PyObject *) PyExc_ConnectionRefusedError;
PyAPI_DATA(PyObject *) PyExc_ConnectionResetError;
PyAPI_DATA(PyObject *) PyExc_FileExistsError;
PyAPI_DATA(PyObject *) PyExc_FileNotFoundError;
PyAPI_DATA(PyObject *) PyExc_IsADirectoryError;
PyAPI_DATA(PyObject *) PyExc_NotADirectoryError;
PyAPI_DATA(PyObject *) PyExc_InterruptedError;
PyAPI_DATA(PyObject *) PyExc_PermissionError;
PyAPI_DATA(PyObject *) PyExc_ProcessLookupError;
PyAPI_DATA(PyObject *) PyExc_TimeoutError;
PyAPI_DATA(PyObject *) PyExc_RuntimeError;
PyAPI_DATA(PyObject *) PyExc_NotImplementedError;
PyAPI_DATA(PyObject *) PyExc_RecursionError;
PyAPI_DATA(PyObject *) PyExc_SyntaxError;
PyAPI_DATA(PyObject *) PyExc_IndentationError;
PyAPI_DATA(PyObject *) PyExc_TabError;
PyAPI_DATA(PyObject *) PyExc_SystemError;
PyAPI_DATA(PyObject *) PyExc_TypeError;
PyAPI_DATA(PyObject *) PyExc_ValueError;
PyAPI_DATA(PyObject *) PyExc_UnicodeError;
PyAPI_DATA(PyObject *) PyExc_UnicodeDecodeError;
PyAPI_DATA(PyObject *) PyExc_UnicodeEncodeError;
PyAPI_DATA(PyObject *) PyExc_UnicodeTranslateError;
PyAPI_DATA(PyObject *) PyExc_Warning;
PyAPI_DATA(PyObject *) PyExc_UserWarning;
PyAPI_DATA(PyObject *) PyExc_DeprecationWarning;
PyAPI_DATA(PyObject *) PyExc_RuntimeWarning;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYERRORS_H */
