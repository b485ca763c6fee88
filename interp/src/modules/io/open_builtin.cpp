// builtins.open: a built-in function (as CPython's, which is io.open itself) that imports the
// frozen `io` module on first use and calls its _open() with the same arguments, so that a
// program that never opens a file never loads io.
#include "minipy/import.h"
#include "modules/io/io.hpp"

namespace {

PyObject *builtin_open(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    PyObject *io = PyImport_ImportModule("io");
    if (io == nullptr) return nullptr;
    PyObject *open = PyObject_GetAttrString(io, "_open");
    Py_DECREF(io);
    if (open == nullptr) return nullptr;
    PyObject *file = PyObject_Call(open, args, kwargs);
    Py_DECREF(open);
    return file;
}

}  // namespace

namespace minipy::modules {

PyMethodDef open_builtin_def = {
    "open",
    _PyCFunction_CAST(builtin_open),
    METH_VARARGS | METH_KEYWORDS,
    "Open file and return a stream.  Raise OSError upon failure.",
};

}  // namespace minipy::modules
