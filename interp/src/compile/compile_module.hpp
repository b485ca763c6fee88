// The compiler's entry point (compile_module.cpp).
#ifndef MINIPY_INTERP_COMPILE_COMPILE_MODULE_HPP
#define MINIPY_INTERP_COMPILE_COMPILE_MODULE_HPP

#include "minipy/Python.h"
#include "parse/ast.hpp"

namespace minipy::compile {

// The code object of `mod` (new reference), or NULL with SyntaxError / MemoryError /
// RecursionError set. `source` (NUL-terminated, may be NULL) gives SyntaxError its text;
// optimize > 0 drops asserts, > 1 docstrings too.
PyObject *compile_mod(ast::Mod *mod, PyObject *filename, const char *source, int optimize) noexcept;

}  // namespace minipy::compile

#endif  // MINIPY_INTERP_COMPILE_COMPILE_MODULE_HPP
