// What the two callers of a PyMethodDef share: builtin_function_or_method (method_object.cpp,
// self bound) and method_descriptor (objects/type/descr_object.cpp, self as the first
// argument). Each keeps its own argument checks, because CPython words their errors
// differently; the keyword-argument array METH_FASTCALL | METH_KEYWORDS functions take is
// built here once.
#ifndef MINIPY_RUNTIME_OBJECTS_METHOD_METHOD_CALL_HPP
#define MINIPY_RUNTIME_OBJECTS_METHOD_METHOD_CALL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

// false with TypeError "keywords must be strings" when a key of `kwargs` (a dict, or NULL) is
// not a str: CPython checks this while turning the dict into a vectorcall array, before the
// callee sees any argument.
bool keyword_names_are_str(PyObject *kwargs) noexcept;

// ml (METH_FASTCALL | METH_KEYWORDS) called as ml(self, args[0..nargs), **kwargs): the values
// of kwargs after the positional arguments in one array, their names in a tuple.
PyObject *call_fast_with_keywords(PyMethodDef *ml, PyObject *self, PyObject *const *args,
                                  Py_ssize_t nargs, PyObject *kwargs) noexcept;

}  // namespace minipy::runtime

#endif
