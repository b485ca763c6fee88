// What the descriptor types share (descr_object.cpp, wrapper_descr.cpp, and the method types in
// objects/method/). Internal to runtime/src.
#ifndef MINIPY_OBJECTS_TYPE_DESCR_INTERNAL_HPP
#define MINIPY_OBJECTS_TYPE_DESCR_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

inline PyDescrObject *as_descr(PyObject *op) noexcept {
    return reinterpret_cast<PyDescrObject *>(op);
}
// A new, tracked descriptor of `descrtype` owned by `type`, named `name`.
PyObject *descr_alloc(PyTypeObject *descrtype, PyTypeObject *type, const char *name) noexcept;
void descr_dealloc(PyObject *op) noexcept;
int descr_traverse(PyObject *op, visitproc visit, void *arg) noexcept;
// For __get__: 1 with *result = the descriptor when obj is NULL, 0 when obj may use it, -1
// with TypeError ("descriptor 'x' for 'T' objects doesn't apply to a 'U' object").
int descr_check(PyDescrObject *descr, PyObject *obj, PyObject **result) noexcept;
bool descr_setcheck(PyDescrObject *descr, PyObject *obj) noexcept;
// A C docstring "name(sig)\n--\n\ntext": the text (None without a doc) / "(sig)" or None.
PyObject *doc_from_internal(const char *name, const char *doc) noexcept;
PyObject *text_signature_from_internal(const char *name, const char *doc) noexcept;
// The getsets every descriptor has.
PyObject *descr_get_qualname(PyObject *op, void *) noexcept;
PyObject *descr_get_objclass(PyObject *op, void *) noexcept;
PyObject *descr_get_name(PyObject *op, void *) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_TYPE_DESCR_INTERNAL_HPP
