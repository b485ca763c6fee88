// Python functions inside the interpreter (minipy/functionobject.h is the C API).
#ifndef MINIPY_INTERP_OBJECTS_FUNCTION_OBJECT_HPP
#define MINIPY_INTERP_OBJECTS_FUNCTION_OBJECT_HPP

#include "minipy/functionobject.h"

namespace minipy::interp {

inline PyFunctionObject *as_function(PyObject *op) noexcept {
    return reinterpret_cast<PyFunctionObject *>(op);
}
inline PyCodeObject *function_code(PyFunctionObject *f) noexcept {
    return reinterpret_cast<PyCodeObject *>(f->func_code);
}

// PyFunction_NewWithQualName without the checks' duplication; qualname NULL: the code's.
PyObject *function_new(PyObject *code, PyObject *globals, PyObject *qualname) noexcept;

// The function's version for the specializer's guards: non-zero, and the same until the
// function's code or defaults change (0 when versions ran out).
uint32_t function_version(PyFunctionObject *func) noexcept;

// Calls `call` (a vectorcall function of `callable`) with a tuple and an optional dict, as
// CPython's PyVectorcall_Call does.
PyObject *vectorcall_from_tuple(PyObject *callable, vectorcallfunc call, PyObject *args,
                                PyObject *kwargs) noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_OBJECTS_FUNCTION_OBJECT_HPP
