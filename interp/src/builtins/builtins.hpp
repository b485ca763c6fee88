// The `builtins` namespace: the built-in functions (builtins_functions.cpp, builtins_exec.cpp,
// builtins_namespace.cpp, builtins_input.cpp), the iterator
// types enumerate, zip, map, filter, reversed (builtins_iterators.cpp), the built-in
// types and exceptions by name, and the namespace's assembly (builtins_module.cpp).
#ifndef MINIPY_INTERP_BUILTINS_BUILTINS_HPP
#define MINIPY_INTERP_BUILTINS_BUILTINS_HPP

#include "minipy/Python.h"

extern "C" {
extern PyTypeObject PyEnum_Type;         // enumerate
extern PyTypeObject PyZip_Type;          // zip
extern PyTypeObject PyMap_Type;          // map
extern PyTypeObject PyFilter_Type;       // filter
extern PyTypeObject PyReversed_Type;     // reversed
extern PyTypeObject MinipyComplex_Type;  // complex, refused (builtins_complex.cpp)
}

namespace minipy::builtins {

extern PyMethodDef builtin_functions[];
// exec, eval, compile (builtins_exec.cpp); globals, locals, vars, dir
// (builtins_namespace.cpp); input (builtins_input.cpp).
extern PyMethodDef exec_functions[];
extern PyMethodDef namespace_functions[];
extern PyMethodDef input_functions[];
// Adds site's exit and quit (builtins_quit.cpp). 0 or -1.
int add_quitters(PyObject *dict) noexcept;
// __build_class__ (builtins_build_class.cpp).
extern PyMethodDef build_class_def;

// A new dict holding every built-in name; NULL with an exception.
PyObject *make_builtins_dict() noexcept;

}  // namespace minipy::builtins

#endif  // MINIPY_INTERP_BUILTINS_BUILTINS_HPP
