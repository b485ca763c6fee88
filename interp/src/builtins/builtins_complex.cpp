// `complex`: minipy has no complex numbers (issue 13 allows refusing them). The name exists
// as a type, so that isinstance(x, complex) and `except`/annotation uses of the name work
// (nothing is ever an instance), and calling it raises NotImplementedError "complex numbers
// are not supported by minipy": the same wording as the front end's SyntaxError for an
// imaginary literal ("imaginary literals are not supported by minipy").
#include "builtins/builtins.hpp"
#include "objects/interp_object.hpp"

namespace {

PyObject *complex_new(PyTypeObject *, PyObject *, PyObject *) noexcept {
    PyErr_SetString(PyExc_NotImplementedError, "complex numbers are not supported by minipy");
    return nullptr;
}

}  // namespace

extern "C" {

PyTypeObject MinipyComplex_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "complex",
    .tp_basicsize = sizeof(PyObject),
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_new = complex_new,
};

}  // extern "C"
