// What the rest of the runtime needs from exceptions.cpp beyond pyerrors.h. Internal.
#ifndef MINIPY_EXCEPTIONS_INTERNAL_HPP
#define MINIPY_EXCEPTIONS_INTERNAL_HPP

#include "minipy/object.h"

namespace minipy::runtime {

// The MemoryError instance PyErr_NoMemory raises: statically allocated (with an untracked
// GC header in front, like any exception), so raising it never needs memory.
PyObject *preallocated_memory_error() noexcept;

// syntax_error.cpp: readies SyntaxError, IndentationError and TabError (after Exception).
int syntax_error_types_ready() noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_EXCEPTIONS_INTERNAL_HPP
