// The `builtins` namespace: the built-in functions (builtins_functions.cpp), the built-in
// types and exceptions by name, and the namespace's assembly (builtins_module.cpp).
#ifndef MINIPY_INTERP_BUILTINS_BUILTINS_HPP
#define MINIPY_INTERP_BUILTINS_BUILTINS_HPP

#include "minipy/Python.h"

namespace minipy::builtins {

extern PyMethodDef kBuiltinFunctions[];

// A new dict holding every built-in name; NULL with an exception.
PyObject *make_builtins_dict() noexcept;

}  // namespace minipy::builtins

#endif  // MINIPY_INTERP_BUILTINS_BUILTINS_HPP
