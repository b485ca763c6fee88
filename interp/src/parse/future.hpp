// `from __future__ import ...` at the top of a module (CPython 3.11's Python/future.c): which
// features a module asks for, and the errors for a future import that cannot be one.
#ifndef MINIPY_INTERP_PARSE_FUTURE_HPP
#define MINIPY_INTERP_PARSE_FUTURE_HPP

#include "minipy/Python.h"
#include "parse/ast.hpp"

namespace minipy::parse {

struct FutureFeatures {
    bool annotations = false;     // from __future__ import annotations (PEP 563)
    bool barry_as_flufl = false;  // from __future__ import barry_as_FLUFL
    int lineno = -1;              // line of the last future import, -1 when there is none
};

// Reads the future imports at the start of `mod` (after a docstring). 0, or -1 with
// SyntaxError set ("not a chance", "future feature spam is not defined", "from __future__
// imports must occur at the beginning of the file" for one that follows other imports on the
// same line). A future import further down is the compiler's error, as in CPython.
int future_features(const ast::Mod *mod, PyObject *filename, FutureFeatures *out) noexcept;

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_FUTURE_HPP
