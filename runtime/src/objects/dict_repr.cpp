// Text for dicts and sets: the one helper their reprs share. The cycle guard is
// Py_ReprEnter / Py_ReprLeave (listobject.h), as in CPython.
#include "dict_internal.hpp"

namespace minipy::runtime {

PyObject *join_repr_pieces(PyObject *pieces, const char *open, const char *close) noexcept {
    PyObject *separator = PyUnicode_FromString(", ");
    if (separator == nullptr) return nullptr;
    PyObject *joined = PyUnicode_Join(separator, pieces);
    Py_DECREF(separator);
    if (joined == nullptr) return nullptr;
    PyObject *result = PyUnicode_FromFormat("%s%U%s", open, joined, close);
    Py_DECREF(joined);
    return result;
}

}  // namespace minipy::runtime
