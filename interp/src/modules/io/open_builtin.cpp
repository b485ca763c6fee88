// builtins.open: a built-in function (as CPython's, which is io.open itself) that imports the
// frozen `io` module on first use and calls its _open() with the eight arguments, so that a
// program that never opens a file never loads io. The arguments are matched to their names
// here, so that a wrong count or keyword gets CPython's message for open().
#include "minipy/import.h"
#include "modules/io/io.hpp"

namespace {

PyObject *builtin_open(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKeywords[] = {"file",    "mode",    "buffering", "encoding", "errors",
                                            "newline", "closefd", "opener",    nullptr};
    PyObject *values[8] = {};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|OOOOOOO:open", const_cast<char **>(kKeywords),
                                     &values[0], &values[1], &values[2], &values[3], &values[4],
                                     &values[5], &values[6], &values[7]))
        return nullptr;
    PyObject *io = PyImport_ImportModule("io");
    if (io == nullptr) return nullptr;
    PyObject *open = PyObject_GetAttrString(io, "_open");
    Py_DECREF(io);
    if (open == nullptr) return nullptr;
    // _open's defaults stand for the arguments not given: only those given are passed, by
    // name past the first.
    PyObject *named = PyDict_New();
    if (named == nullptr) {
        Py_DECREF(open);
        return nullptr;
    }
    for (int i = 1; i < 8; ++i) {
        if (values[i] != nullptr && PyDict_SetItemString(named, kKeywords[i], values[i]) < 0) {
            Py_DECREF(named);
            Py_DECREF(open);
            return nullptr;
        }
    }
    PyObject *positional = PyTuple_Pack(1, values[0]);
    PyObject *file = positional == nullptr ? nullptr : PyObject_Call(open, positional, named);
    Py_XDECREF(positional);
    Py_DECREF(named);
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
