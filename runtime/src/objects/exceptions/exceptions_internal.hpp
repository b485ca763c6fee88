// What the rest of the runtime needs from exceptions.cpp beyond pyerrors.h. Internal.
#ifndef MINIPY_EXCEPTIONS_INTERNAL_HPP
#define MINIPY_EXCEPTIONS_INTERNAL_HPP

#include "minipy/Python.h"
#include "minipy/structmember.h"

namespace minipy::runtime {

// The MemoryError instance PyErr_NoMemory raises: statically allocated (with an untracked
// GC header in front, like any exception), so raising it never needs memory.
PyObject *preallocated_memory_error() noexcept;

// syntax_error.cpp: readies SyntaxError, IndentationError and TabError (after Exception).
int syntax_error_types_ready() noexcept;

// BaseException's tp_methods and tp_members (exception_methods.cpp).
extern PyMethodDef base_exception_methods[];
extern PyMemberDef base_exception_members[];

}  // namespace minipy::runtime

#endif  // MINIPY_EXCEPTIONS_INTERNAL_HPP
