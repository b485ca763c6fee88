// OSError and its subclasses (FileNotFoundError, PermissionError, ...): the exceptions that
// carry errno, strerror, filename and filename2, as CPython 3.11's Objects/exceptions.c
// defines them, and PyErr_SetFromErrno*, which raise them. OSError(errno, strerror, ...)
// called on OSError itself picks the subclass for the errno (PEP 3151's mapping). The rest
// of the hierarchy lives in exceptions.cpp.
#include <cerrno>
#include <cstring>

#include "minipy/Python.h"
#include "minipy/structmember.h"
#include "objects/exceptions/exceptions_internal.hpp"
#include "objects/type/static_type.hpp"

// CPython's names for OSError's slot functions and members table (OSError_init, ...).
// NOLINTBEGIN(readability-identifier-naming)
namespace {

PyOSErrorObject *as_os_error(PyObject *self) noexcept {
    return reinterpret_cast<PyOSErrorObject *>(self);
}

PyTypeObject *base_exception_type() noexcept {
    return reinterpret_cast<PyTypeObject *>(PyExc_BaseException);
}

// The subclass PEP 3151 assigns to an errno, or NULL for plain OSError.
PyObject *subclass_for_errno(long code) noexcept {
    switch (code) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS: return PyExc_BlockingIOError;
    case ECHILD: return PyExc_ChildProcessError;
    case EPIPE:
    case ESHUTDOWN: return PyExc_BrokenPipeError;
    case ECONNABORTED: return PyExc_ConnectionAbortedError;
    case ECONNREFUSED: return PyExc_ConnectionRefusedError;
    case ECONNRESET: return PyExc_ConnectionResetError;
    case EEXIST: return PyExc_FileExistsError;
    case ENOENT: return PyExc_FileNotFoundError;
    case EISDIR: return PyExc_IsADirectoryError;
    case ENOTDIR: return PyExc_NotADirectoryError;
    case EINTR: return PyExc_InterruptedError;
    case EACCES:
    case EPERM: return PyExc_PermissionError;
    case ESRCH: return PyExc_ProcessLookupError;
    case ETIMEDOUT: return PyExc_TimeoutError;
    default: return nullptr;
    }
}

// OSError(errno, strerror) with an int errno, called on OSError itself, makes the subclass's
// instance (CPython's oserror_use_init / errnomap lookup); any other call makes `type`'s.
PyObject *OSError_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (type == reinterpret_cast<PyTypeObject *>(PyExc_OSError) && args != nullptr &&
        PyTuple_GET_SIZE(args) >= 2 && PyTuple_GET_SIZE(args) <= 5 &&
        PyLong_Check(PyTuple_GET_ITEM(args, 0))) {
        int overflow = 0;
        const long code = PyLong_AsLongAndOverflow(PyTuple_GET_ITEM(args, 0), &overflow);
        if (code == -1 && PyErr_Occurred()) return nullptr;
        PyObject *subclass = overflow == 0 ? subclass_for_errno(code) : nullptr;
        if (subclass != nullptr) type = reinterpret_cast<PyTypeObject *>(subclass);
    }
    return base_exception_type()->tp_new(type, args, kwds);
}

// OSError(errno, strerror[, filename[, winerror[, filename2]]]): with 2 to 5 arguments the
// fields are set, and with a filename args keeps only (errno, strerror), as CPython's
// oserror_init.
int OSError_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (base_exception_type()->tp_init(self, args, kwds) < 0) return -1;
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 2 || n > 5) return 0;
    PyOSErrorObject *exc = as_os_error(self);
    Py_XSETREF(exc->myerrno, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
    Py_XSETREF(exc->strerror, Py_NewRef(PyTuple_GET_ITEM(args, 1)));
    PyObject *filename = n >= 3 ? PyTuple_GET_ITEM(args, 2) : Py_None;
    if (filename == Py_None) return 0;
    Py_XSETREF(exc->filename, Py_NewRef(filename));
    if (n == 5 && PyTuple_GET_ITEM(args, 4) != Py_None)
        Py_XSETREF(exc->filename2, Py_NewRef(PyTuple_GET_ITEM(args, 4)));
    PyObject *first_two = PyTuple_GetSlice(args, 0, 2);
    if (first_two == nullptr) return -1;
    Py_XSETREF(exc->base.args, first_two);
    return 0;
}

#define MINIPY_OS_ERROR_FIELDS(X) X(myerrno) X(strerror) X(filename) X(filename2)

int OSError_clear(PyObject *self) noexcept {
    PyOSErrorObject *exc = as_os_error(self);
#define MINIPY_CLEAR_FIELD(name) Py_CLEAR(exc->name);
    MINIPY_OS_ERROR_FIELDS(MINIPY_CLEAR_FIELD)
#undef MINIPY_CLEAR_FIELD
    return base_exception_type()->tp_clear(self);
}

int OSError_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    PyOSErrorObject *exc = as_os_error(self);
#define MINIPY_VISIT_FIELD(name) Py_VISIT(exc->name);
    MINIPY_OS_ERROR_FIELDS(MINIPY_VISIT_FIELD)
#undef MINIPY_VISIT_FIELD
    return base_exception_type()->tp_traverse(self, visit, arg);
}

// "[Errno 2] No such file or directory: 'x'", "... 'a' -> 'b'", "[Errno 2] text", or
// BaseException's text when errno and strerror are not both set (CPython's OSError_str).
PyObject *OSError_str(PyObject *self) noexcept {
    PyOSErrorObject *exc = as_os_error(self);
    if (exc->filename != nullptr) {
        if (exc->filename2 != nullptr)
            return PyUnicode_FromFormat("[Errno %S] %S: %R -> %R", exc->myerrno, exc->strerror,
                                        exc->filename, exc->filename2);
        return PyUnicode_FromFormat("[Errno %S] %S: %R", exc->myerrno, exc->strerror,
                                    exc->filename);
    }
    if (exc->myerrno != nullptr && exc->strerror != nullptr)
        return PyUnicode_FromFormat("[Errno %S] %S", exc->myerrno, exc->strerror);
    return base_exception_type()->tp_str(self);
}

PyMemberDef OSError_members[] = {
    {"errno", T_OBJECT, offsetof(PyOSErrorObject, myerrno), 0, "POSIX exception code"},
    {"strerror", T_OBJECT, offsetof(PyOSErrorObject, strerror), 0, "exception strerror"},
    {"filename", T_OBJECT, offsetof(PyOSErrorObject, filename), 0, "exception filename"},
    {"filename2", T_OBJECT, offsetof(PyOSErrorObject, filename2), 0, "second exception filename"},
    {nullptr, 0, 0, 0, nullptr},
};

constexpr unsigned long kExceptionFlags =
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS;

}  // namespace

extern "C" {

extern PyTypeObject _PyExc_Exception;  // exceptions.cpp

PyTypeObject _PyExc_OSError = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "OSError",
    .tp_basicsize = sizeof(PyOSErrorObject),
    .tp_str = OSError_str,
    .tp_flags = kExceptionFlags,
    .tp_doc = "Base class for I/O related errors.",
    .tp_traverse = OSError_traverse,
    .tp_clear = OSError_clear,
    .tp_members = OSError_members,
    .tp_base = &_PyExc_Exception,
    .tp_init = OSError_init,
    .tp_new = OSError_new,
};

#define MINIPY_OS_ERROR_SUBCLASS(NAME, BASE, DOC)                                        \
    PyTypeObject _PyExc_##NAME = {                                                       \
        MINIPY_TYPE_OBJECT_HEAD, .tp_name = #NAME,          .tp_flags = kExceptionFlags, \
        .tp_doc = (DOC),         .tp_base = &_PyExc_##BASE,                              \
    };                                                                                   \
    PyObject *PyExc_##NAME = _PyObject_CAST(&_PyExc_##NAME);

MINIPY_OS_ERROR_SUBCLASS(BlockingIOError, OSError, "I/O operation would block.")
MINIPY_OS_ERROR_SUBCLASS(ChildProcessError, OSError, "Child process error.")
MINIPY_OS_ERROR_SUBCLASS(ConnectionError, OSError, "Connection error.")
MINIPY_OS_ERROR_SUBCLASS(BrokenPipeError, ConnectionError, "Broken pipe.")
MINIPY_OS_ERROR_SUBCLASS(ConnectionAbortedError, ConnectionError, "Connection aborted.")
MINIPY_OS_ERROR_SUBCLASS(ConnectionRefusedError, ConnectionError, "Connection refused.")
MINIPY_OS_ERROR_SUBCLASS(ConnectionResetError, ConnectionError, "Connection reset.")
MINIPY_OS_ERROR_SUBCLASS(FileExistsError, OSError, "File already exists.")
MINIPY_OS_ERROR_SUBCLASS(FileNotFoundError, OSError, "File not found.")
MINIPY_OS_ERROR_SUBCLASS(IsADirectoryError, OSError, "Operation doesn't work on directories.")
MINIPY_OS_ERROR_SUBCLASS(NotADirectoryError, OSError, "Operation only works on directories.")
MINIPY_OS_ERROR_SUBCLASS(InterruptedError, OSError, "Interrupted by signal.")
MINIPY_OS_ERROR_SUBCLASS(PermissionError, OSError, "Not enough permissions.")
MINIPY_OS_ERROR_SUBCLASS(ProcessLookupError, OSError, "Process not found.")
MINIPY_OS_ERROR_SUBCLASS(TimeoutError, OSError, "Timeout expired.")
#undef MINIPY_OS_ERROR_SUBCLASS

PyObject *PyExc_OSError = _PyObject_CAST(&_PyExc_OSError);

// type(errno, strerror(errno)[, filename]); the errno is read first, before anything can
// change it. Always NULL.
PyObject *PyErr_SetFromErrnoWithFilenameObject(PyObject *type, PyObject *filename) noexcept {
    const int code = errno;
    PyObject *args = filename != nullptr
                         ? Py_BuildValue("(isO)", code, std::strerror(code), filename)
                         : Py_BuildValue("(is)", code, std::strerror(code));
    if (args == nullptr) return nullptr;
    PyErr_SetObject(type, args);
    Py_DECREF(args);
    return nullptr;
}

PyObject *PyErr_SetFromErrno(PyObject *type) noexcept {
    return PyErr_SetFromErrnoWithFilenameObject(type, nullptr);
}

}  // extern "C"
// NOLINTEND(readability-identifier-naming)

namespace minipy::runtime {

int os_error_types_ready() noexcept {
    PyTypeObject *types[] = {
        &_PyExc_OSError,
        &_PyExc_BlockingIOError,
        &_PyExc_ChildProcessError,
        &_PyExc_ConnectionError,
        &_PyExc_BrokenPipeError,
        &_PyExc_ConnectionAbortedError,
        &_PyExc_ConnectionRefusedError,
        &_PyExc_ConnectionResetError,
        &_PyExc_FileExistsError,
        &_PyExc_FileNotFoundError,
        &_PyExc_IsADirectoryError,
        &_PyExc_NotADirectoryError,
        &_PyExc_InterruptedError,
        &_PyExc_PermissionError,
        &_PyExc_ProcessLookupError,
        &_PyExc_TimeoutError,
    };
    for (PyTypeObject *type : types)
        if (PyType_Ready(type) < 0) return -1;
    return 0;
}

}  // namespace minipy::runtime
