// The import instructions' work: IMPORT_NAME finds a module in sys.modules (built-in modules
// and .py files next to the script come with the module type), IMPORT_FROM and IMPORT_STAR
// read its attributes; PRINT_EXPR is the REPL's echo.
#include <cstdio>

#include "eval/ceval.hpp"
#include "run/interp_state.hpp"

namespace minipy::eval {

PyObject *import_name(InterpFrame *, PyObject *name, PyObject *, PyObject *level) noexcept {
    const long lvl = PyLong_AsLong(level);
    if (lvl == -1 && PyErr_Occurred()) return nullptr;
    if (lvl > 0) {
        PyErr_SetString(PyExc_ImportError,
                        "attempted relative import with no known parent package");
        return nullptr;
    }
    PyObject *module = PyDict_GetItemWithError(interp::g_interp.modules, name);
    if (module != nullptr) return Py_NewRef(module);
    if (PyErr_Occurred()) return nullptr;
    PyErr_Format(PyExc_ModuleNotFoundError, "No module named '%U'", name);
    return nullptr;
}

PyObject *import_from(PyObject *module, PyObject *name) noexcept {
    PyObject *v = PyObject_GetAttr(module, name);
    if (v != nullptr || !PyErr_ExceptionMatches(PyExc_AttributeError)) return v;
    PyErr_Clear();
    PyErr_Format(PyExc_ImportError, "cannot import name '%U'", name);
    return nullptr;
}

int import_star(InterpFrame *, PyObject *) noexcept {
    PyErr_SetString(PyExc_ImportError, "'from ... import *' is not supported yet");
    return -1;
}

int print_expr(PyObject *value) noexcept {
    if (value == Py_None) return 0;
    if (PyDict_SetItem(interp::g_interp.builtins, interp::g_interp.names.id__, Py_None) < 0)
        return -1;
    PyObject *repr = PyObject_Repr(value);
    if (repr == nullptr) return -1;
    const char *text = PyUnicode_AsUTF8(repr);
    if (text == nullptr) {
        Py_DECREF(repr);
        return -1;
    }
    std::fputs(text, stdout);
    std::fputc('\n', stdout);
    Py_DECREF(repr);
    return PyDict_SetItem(interp::g_interp.builtins, interp::g_interp.names.id__, value);
}

}  // namespace minipy::eval
