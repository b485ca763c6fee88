// SyntaxError and its subclasses IndentationError and TabError: the exceptions that carry a
// source location (msg, filename, lineno, offset, end_lineno, end_offset, text), as CPython
// 3.11's Objects/exceptions.c defines them. The front end (interp/src/parse) raises them;
// the rest of the hierarchy lives in exceptions.cpp.
#include <cstddef>
#include <cstdint>

#include "minipy/Python.h"
#include "objects/exceptions/exceptions_internal.hpp"
#include "objects/type/static_type.hpp"

// CPython's names for SyntaxError's slot functions and getset table (SyntaxError_init, ...).
// NOLINTBEGIN(readability-identifier-naming)
namespace {

PySyntaxErrorObject *as_syntax_error(PyObject *self) noexcept {
    return reinterpret_cast<PySyntaxErrorObject *>(self);
}

PyTypeObject *base_exception_type() noexcept {
    return reinterpret_cast<PyTypeObject *>(PyExc_BaseException);
}

// SyntaxError(msg) or SyntaxError(msg, (filename, lineno, offset, text[, end_lineno,
// end_offset])); any other arity keeps only args, as CPython's SyntaxError_init.
int SyntaxError_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (base_exception_type()->tp_init(self, args, kwds) < 0) return -1;
    PySyntaxErrorObject *exc = as_syntax_error(self);
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n >= 1) Py_XSETREF(exc->msg, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
    if (n != 2) return 0;
    PyObject *info = PySequence_Tuple(PyTuple_GET_ITEM(args, 1));
    if (info == nullptr) return -1;
    PyObject *filename = nullptr, *lineno = nullptr, *offset = nullptr, *text = nullptr;
    PyObject *end_lineno = nullptr, *end_offset = nullptr;
    const int ok = PyArg_ParseTuple(info, "OOOO|OO", &filename, &lineno, &offset, &text,
                                    &end_lineno, &end_offset);
    if (ok) {
        Py_XSETREF(exc->filename, Py_NewRef(filename));
        Py_XSETREF(exc->lineno, Py_NewRef(lineno));
        Py_XSETREF(exc->offset, Py_NewRef(offset));
        Py_XSETREF(exc->text, Py_NewRef(text));
        Py_XSETREF(exc->end_lineno, Py_XNewRef(end_lineno));
        Py_XSETREF(exc->end_offset, Py_XNewRef(end_offset));
    }
    Py_DECREF(info);
    if (!ok) return -1;
    if (end_lineno != nullptr && end_offset == nullptr) {
        PyErr_SetString(PyExc_TypeError, "end_offset must be provided when end_lineno is provided");
        return -1;
    }
    return 0;
}

#define MINIPY_SYNTAX_ERROR_FIELDS(X) \
    X(msg)                            \
    X(filename) X(lineno) X(offset) X(end_lineno) X(end_offset) X(text) X(print_file_and_line)

int SyntaxError_clear(PyObject *self) noexcept {
    PySyntaxErrorObject *exc = as_syntax_error(self);
#define MINIPY_CLEAR_FIELD(name) Py_CLEAR(exc->name);
    MINIPY_SYNTAX_ERROR_FIELDS(MINIPY_CLEAR_FIELD)
#undef MINIPY_CLEAR_FIELD
    return base_exception_type()->tp_clear(self);
}

int SyntaxError_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    PySyntaxErrorObject *exc = as_syntax_error(self);
#define MINIPY_VISIT_FIELD(name) Py_VISIT(exc->name);
    MINIPY_SYNTAX_ERROR_FIELDS(MINIPY_VISIT_FIELD)
#undef MINIPY_VISIT_FIELD
    return base_exception_type()->tp_traverse(self, visit, arg);
}

// The part of a path after its last '/', as CPython's my_basename.
PyObject *basename_of(PyObject *filename) noexcept {
    const Py_ssize_t size = PyUnicode_GetLength(filename);
    const Py_ssize_t slash = PyUnicode_FindChar(filename, '/', 0, size, -1);
    if (slash == -2) return nullptr;
    if (slash == -1) return Py_NewRef(filename);
    return PyUnicode_Substring(filename, slash + 1, size);
}

// "msg (file.py, line 3)", "msg (file.py)", "msg (line 3)" or "msg", as CPython.
PyObject *SyntaxError_str(PyObject *self) noexcept {
    PySyntaxErrorObject *exc = as_syntax_error(self);
    PyObject *msg = exc->msg != nullptr ? exc->msg : Py_None;
    PyObject *filename = nullptr;
    if (exc->filename != nullptr && PyUnicode_Check(exc->filename)) {
        filename = basename_of(exc->filename);
        if (filename == nullptr) return nullptr;
    }
    const bool have_lineno = exc->lineno != nullptr && PyLong_CheckExact(exc->lineno);
    int overflow = 0;
    PyObject *result;
    if (filename != nullptr && have_lineno)
        result = PyUnicode_FromFormat("%S (%U, line %ld)", msg, filename,
                                      PyLong_AsLongAndOverflow(exc->lineno, &overflow));
    else if (filename != nullptr)
        result = PyUnicode_FromFormat("%S (%U)", msg, filename);
    else if (have_lineno)
        result = PyUnicode_FromFormat("%S (line %ld)", msg,
                                      PyLong_AsLongAndOverflow(exc->lineno, &overflow));
    else
        result = PyObject_Str(msg);
    Py_XDECREF(filename);
    return result;
}

// The fields read as None when unset and may be set to anything or deleted, as CPython's
// T_OBJECT members.
PyObject **field_at(PyObject *self, void *closure) noexcept {
    return reinterpret_cast<PyObject **>(reinterpret_cast<char *>(self) +
                                         reinterpret_cast<std::uintptr_t>(closure));
}

PyObject *get_field(PyObject *self, void *closure) noexcept {
    PyObject *value = *field_at(self, closure);
    return Py_NewRef(value != nullptr ? value : Py_None);
}

int set_field(PyObject *self, PyObject *value, void *closure) noexcept {
    Py_XSETREF(*field_at(self, closure), Py_XNewRef(value));
    return 0;
}

#define MINIPY_FIELD_GETSET(name)          \
    {#name, get_field, set_field, nullptr, \
     reinterpret_cast<void *>(offsetof(PySyntaxErrorObject, name))},
PyGetSetDef SyntaxError_getset[] = {
    MINIPY_SYNTAX_ERROR_FIELDS(MINIPY_FIELD_GETSET){nullptr, nullptr, nullptr, nullptr, nullptr},
};
#undef MINIPY_FIELD_GETSET

constexpr unsigned long kExceptionFlags =
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS;

}  // namespace

extern "C" {

extern PyTypeObject _PyExc_Exception;  // exceptions.cpp

PyTypeObject _PyExc_SyntaxError = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "SyntaxError",
    .tp_basicsize = sizeof(PySyntaxErrorObject),
    .tp_str = SyntaxError_str,
    .tp_flags = kExceptionFlags,
    .tp_doc = "Invalid syntax.",
    .tp_traverse = SyntaxError_traverse,
    .tp_clear = SyntaxError_clear,
    .tp_getset = SyntaxError_getset,
    .tp_base = &_PyExc_Exception,
    .tp_init = SyntaxError_init,
};

PyTypeObject _PyExc_IndentationError = {
    MINIPY_TYPE_OBJECT_HEAD,           .tp_name = "IndentationError",  .tp_flags = kExceptionFlags,
    .tp_doc = "Improper indentation.", .tp_base = &_PyExc_SyntaxError,
};

PyTypeObject _PyExc_TabError = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "TabError",
    .tp_flags = kExceptionFlags,
    .tp_doc = "Improper mixture of spaces and tabs.",
    .tp_base = &_PyExc_IndentationError,
};

PyObject *PyExc_SyntaxError = _PyObject_CAST(&_PyExc_SyntaxError);
PyObject *PyExc_IndentationError = _PyObject_CAST(&_PyExc_IndentationError);
PyObject *PyExc_TabError = _PyObject_CAST(&_PyExc_TabError);

}  // extern "C"

namespace minipy::runtime {

int syntax_error_types_ready() noexcept {
    if (PyType_Ready(&_PyExc_SyntaxError) < 0 || PyType_Ready(&_PyExc_IndentationError) < 0 ||
        PyType_Ready(&_PyExc_TabError) < 0)
        return -1;
    return 0;
}

}  // namespace minipy::runtime
// NOLINTEND(readability-identifier-naming)
