// The built-ins that look at namespaces (bltinmodule.c's): globals(), locals(), vars() and
// dir(). Without an argument they read the running frame's namespaces (minipy/ceval.h): a
// module or class body's namespace itself, a function's variables as a dict the frame keeps
// and updates on each call (3.11's snapshot). With an object, vars() is its __dict__ and
// dir() its __dir__() sorted (the runtime's PyObject_Dir).
#include "builtins/builtins.hpp"
#include "minipy/ceval.h"
#include "run/interp_state.hpp"

namespace minipy::builtins {

namespace {

PyObject *builtin_globals(PyObject *, PyObject *) noexcept {
    PyObject *globals = PyEval_GetGlobals();
    if (globals == nullptr) {
        PyErr_SetString(PyExc_SystemError, "globals(): no Python frame is running");
        return nullptr;
    }
    return Py_NewRef(globals);
}

PyObject *builtin_locals(PyObject *, PyObject *) noexcept {
    return Py_XNewRef(PyEval_GetLocals());
}

PyObject *builtin_vars(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "vars expected at most 1 argument, got %zd", nargs);
        return nullptr;
    }
    if (nargs == 0) return Py_XNewRef(PyEval_GetLocals());
    PyObject *dict = nullptr;
    if (_PyObject_LookupAttr(args[0], interp::g_interp.names.id___dict__, &dict) == 0)
        PyErr_SetString(PyExc_TypeError, "vars() argument must have __dict__ attribute");
    return dict;
}

// dir() without an argument: the sorted names of the running frame's locals.
PyObject *dir_locals() noexcept {
    PyObject *locals = PyEval_GetLocals();
    if (locals == nullptr) return nullptr;
    PyObject *names = PyMapping_Keys(locals);
    if (names == nullptr) return nullptr;
    if (!PyList_Check(names)) {
        PyErr_Format(PyExc_TypeError, "dir(): expected keys() of locals to be a list, not %.200s",
                     Py_TYPE(names)->tp_name);
        Py_DECREF(names);
        return nullptr;
    }
    if (PyList_Sort(names) < 0) Py_CLEAR(names);
    return names;
}

PyObject *builtin_dir(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "dir expected at most 1 argument, got %zd", nargs);
        return nullptr;
    }
    return nargs == 0 ? dir_locals() : PyObject_Dir(args[0]);
}

}  // namespace

PyMethodDef namespace_functions[] = {
    {"globals", builtin_globals, METH_NOARGS, nullptr},
    {"locals", builtin_locals, METH_NOARGS, nullptr},
    {"vars", _PyCFunction_CAST(builtin_vars), METH_FASTCALL, nullptr},
    {"dir", _PyCFunction_CAST(builtin_dir), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::builtins
