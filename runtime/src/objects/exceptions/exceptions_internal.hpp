// What the rest of the runtime needs from exceptions.cpp beyond pyerrors.h. Internal.
#ifndef MINIPY_EXCEPTIONS_INTERNAL_HPP
#define MINIPY_EXCEPTIONS_INTERNAL_HPP

#include "minipy/Python.h"
#include "minipy/structmember.h"

namespace minipy::runtime {

// The MemoryError instance PyErr_NoMemory raises: statically allocated (with an untracked
// GC header in front, like any exception), so raising it never needs memory.
PyObject *preallocated_memory_error() noexcept;

// memory_error.cpp: MemoryError's tp_new and tp_dealloc (a free list of instances, as
// CPython's), what PyErr_NoMemory raises (a new reference: an instance from the free list, or
// the preallocated one when the list is empty; never allocates), and the list's start-up
// (filled) and shutdown (emptied).
PyObject *memory_error_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept;
void memory_error_dealloc(PyObject *self) noexcept;
PyObject *memory_error_to_raise() noexcept;
int memory_errors_init() noexcept;
void memory_errors_fini() noexcept;

// syntax_error.cpp: readies SyntaxError, IndentationError and TabError (after Exception).
int syntax_error_types_ready() noexcept;

// os_error.cpp: readies OSError and its subclasses (after Exception).
int os_error_types_ready() noexcept;

// unicode_error.cpp: readies UnicodeEncodeError, UnicodeDecodeError and
// UnicodeTranslateError (after UnicodeError).
int unicode_error_types_ready() noexcept;

// BaseException's tp_methods and tp_members (exception_methods.cpp).
extern PyMethodDef base_exception_methods[];
extern PyMemberDef base_exception_members[];

}  // namespace minipy::runtime

#endif  // MINIPY_EXCEPTIONS_INTERNAL_HPP
