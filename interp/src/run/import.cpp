// The import instructions' work: IMPORT_NAME calls builtins.__import__ (the import system
// of import_api.cpp directly unless a program replaced it), IMPORT_FROM reads a name from the
// module (or its submodule) with CPython's "cannot import name" errors, IMPORT_STAR copies
// __all__ or the public names; builtins.__import__ itself; PRINT_EXPR is the REPL's echo.
#include <cstdio>

#include "eval/ceval.hpp"
#include "minipy/import.h"
#include "run/import_internal.hpp"
#include "run/interp_state.hpp"

namespace minipy::interp::imports {

namespace {

PyObject *builtin_import(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKwlist[] = {"name",     "globals", "locals",
                                          "fromlist", "level",   nullptr};
    PyObject *name = nullptr, *globals = nullptr, *locals = nullptr, *fromlist = nullptr;
    int level = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|OOOi:__import__",
                                     const_cast<char **>(kKwlist), &name, &globals, &locals,
                                     &fromlist, &level))
        return nullptr;
    return import_module_level(name, globals, fromlist, level);
}

}  // namespace

PyMethodDef import_builtin_def = {
    "__import__", _PyCFunction_CAST(builtin_import), METH_VARARGS | METH_KEYWORDS,
    "__import__(name, globals=None, locals=None, fromlist=(), level=0) -> module"};

}  // namespace minipy::interp::imports

namespace minipy::eval {

namespace {

bool is_builtin_import(PyObject *func) noexcept {
    return PyCFunction_Check(func) && reinterpret_cast<PyCFunctionObject *>(func)->m_ml ==
                                          &interp::imports::import_builtin_def;
}

}  // namespace

PyObject *import_name(InterpFrame *frame, PyObject *name, PyObject *fromlist,
                      PyObject *level) noexcept {
    PyObject *import = builtins_item(frame->f_builtins, interp::g_interp.names.id___import__);
    if (import == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ImportError, "__import__ not found");
        return nullptr;
    }
    PyObject *locals = frame->f_locals != nullptr ? frame->f_locals : Py_None;
    PyObject *result = nullptr;
    if (!is_builtin_import(import)) {
        PyObject *args[] = {name, frame->f_globals, locals, fromlist, level};
        result = PyObject_Vectorcall(import, args, 5, nullptr);
    } else if (const int ilevel = _PyLong_AsInt(level); ilevel != -1 || !PyErr_Occurred()) {
        result = interp::imports::import_module_level(name, frame->f_globals, fromlist, ilevel);
    }
    Py_DECREF(import);
    return result;
}

PyObject *import_from(PyObject *module, PyObject *name) noexcept {
    PyObject *v = PyObject_GetAttr(module, name);
    if (v != nullptr || !PyErr_ExceptionMatches(PyExc_AttributeError)) return v;
    PyErr_Clear();
    // A submodule that is in sys.modules but not yet bound in its package (circular imports).
    PyObject *pkgname = PyObject_GetAttr(module, interp::g_interp.names.id___name__);
    if (pkgname != nullptr && !PyUnicode_Check(pkgname)) Py_CLEAR(pkgname);
    if (pkgname != nullptr) {
        PyObject *full = PyUnicode_FromFormat("%U.%U", pkgname, name);
        if (full == nullptr) {
            Py_DECREF(pkgname);
            return nullptr;
        }
        v = PyDict_GetItemWithError(interp::g_interp.modules, full);
        Py_DECREF(full);
        if (v != nullptr) {
            Py_DECREF(pkgname);
            return Py_NewRef(v);
        }
    }
    PyErr_Clear();
    PyObject *shown =
        pkgname != nullptr ? Py_NewRef(pkgname) : PyUnicode_FromString("<unknown module name>");
    if (shown == nullptr) return nullptr;
    PyObject *path = PyModule_Check(module) ? PyModule_GetFilenameObject(module) : nullptr;
    if (path == nullptr || !PyUnicode_Check(path)) {
        PyErr_Clear();
        Py_CLEAR(path);
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (unknown location)", name,
                     shown);
    } else if (interp::imports::module_is_initializing(module)) {
        PyErr_Format(PyExc_ImportError,
                     "cannot import name %R from partially initialized module %R (most likely "
                     "due to a circular import) (%S)",
                     name, shown, path);
    } else {
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (%S)", name, shown, path);
    }
    interp::imports::set_import_error_attrs(pkgname, path);
    Py_XDECREF(pkgname);
    Py_XDECREF(path);
    Py_DECREF(shown);
    return nullptr;
}

namespace {

// The TypeError for a name in __all__ (or, without __all__, a key of __dict__) that is no str.
void bad_star_name(PyObject *module, PyObject *name, bool from_dict) noexcept {
    PyObject *modname = PyObject_GetAttr(module, interp::g_interp.names.id___name__);
    if (modname == nullptr) return;
    if (!PyUnicode_Check(modname))
        PyErr_Format(PyExc_TypeError, "module __name__ must be a string, not %.100s",
                     Py_TYPE(modname)->tp_name);
    else
        PyErr_Format(PyExc_TypeError, "%s in %U.%s must be str, not %.100s",
                     from_dict ? "Key" : "Item", modname, from_dict ? "__dict__" : "__all__",
                     Py_TYPE(name)->tp_name);
    Py_DECREF(modname);
}

}  // namespace

int import_star(InterpFrame *frame, PyObject *module) noexcept {
    PyObject *locals = frame->f_locals;
    if (locals == nullptr) {
        PyErr_SetString(PyExc_SystemError, "no locals found during 'import *'");
        return -1;
    }
    bool from_dict = false;
    PyObject *all = PyObject_GetAttr(module, interp::g_interp.names.id___all__);
    if (all == nullptr) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
        PyErr_Clear();
        PyObject *dict = PyObject_GetAttr(module, interp::g_interp.names.id___dict__);
        if (dict == nullptr) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
            PyErr_SetString(PyExc_ImportError,
                            "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = PyMapping_Keys(dict);
        Py_DECREF(dict);
        if (all == nullptr) return -1;
        from_dict = true;
    }
    PyObject *names = PySequence_Fast(all, "__all__ must be a sequence");
    Py_DECREF(all);
    if (names == nullptr) return -1;
    int status = 0;
    for (Py_ssize_t i = 0; status == 0 && i < PySequence_Fast_GET_SIZE(names); ++i) {
        PyObject *name = PySequence_Fast_GET_ITEM(names, i);
        if (!PyUnicode_Check(name)) {
            bad_star_name(module, name, from_dict);
            status = -1;
            break;
        }
        if (from_dict && PyUnicode_GET_LENGTH(name) > 0 && PyUnicode_READ_CHAR(name, 0) == '_')
            continue;
        PyObject *value = PyObject_GetAttr(module, name);
        if (value == nullptr) {
            status = -1;
            break;
        }
        status = PyDict_CheckExact(locals) ? PyDict_SetItem(locals, name, value)
                                           : PyObject_SetItem(locals, name, value);
        Py_DECREF(value);
    }
    Py_DECREF(names);
    return status;
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
