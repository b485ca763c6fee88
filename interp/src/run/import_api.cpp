// The import algorithm (what importlib's __import__ does, CPython 3.11's
// PyImport_ImportModuleLevelObject and importlib._bootstrap's _find_and_load / _handle_fromlist
// / _resolve_name) and the PyImport_* C API of minipy/import.h. Loading itself is
// import_load.cpp's.
#include "minipy/import.h"

#include "minipy/pythonrun.h"
#include "run/import_internal.hpp"
#include "run/interp_state.hpp"

namespace minipy::interp::imports {

namespace {

// An ImportError for `name`: ModuleNotFoundError "No module named 'name'" and its variants.
void module_not_found(PyObject *name, const char *format, PyObject *other = nullptr) noexcept {
    PyErr_Format(PyExc_ModuleNotFoundError, format, name, other);
    set_import_error_attrs(name, nullptr);
}

// The position of the last '.' in `name` (-1 when none, -2 on error).
Py_ssize_t last_dot(PyObject *name) noexcept {
    return PyUnicode_FindChar(name, '.', 0, PyUnicode_GET_LENGTH(name), -1);
}

// sys.modules[name] (new reference), NULL when absent; ModuleNotFoundError for a None entry
// ("import of x halted").
PyObject *get_module(PyObject *name, bool *missing) noexcept {
    *missing = false;
    PyObject *m = PyDict_GetItemWithError(g_interp.modules, name);
    if (m == nullptr) {
        if (!PyErr_Occurred()) *missing = true;
        return nullptr;
    }
    if (m == Py_None) {
        module_not_found(name, "import of %U halted; None in sys.modules");
        return nullptr;
    }
    return Py_NewRef(m);
}

// _find_and_load: the parent package first (its __path__ is where a submodule is searched),
// then the module, bound as an attribute of its parent. NULL without an exception (and
// *not_found set) when only the module itself does not exist.
PyObject *find_and_load(PyObject *abs_name, bool *not_found) noexcept {
    *not_found = false;
    const Py_ssize_t dot = last_dot(abs_name);
    if (dot == -2) return nullptr;
    PyObject *parent_module = nullptr;
    PyObject *search_path = nullptr;
    PyObject *child = nullptr;
    if (dot > 0) {  // ".x" has no parent: it is searched as a top-level name, as importlib does
        PyObject *parent = PyUnicode_Substring(abs_name, 0, dot);
        if (parent == nullptr) return nullptr;
        bool missing = false;
        parent_module = get_module(parent, &missing);
        if (parent_module == nullptr && missing) {
            bool parent_not_found = false;
            parent_module = find_and_load(parent, &parent_not_found);
            if (parent_not_found) module_not_found(parent, "No module named %R");
        }
        if (parent_module == nullptr) {
            Py_DECREF(parent);
            return nullptr;
        }
        // Importing the parent may have imported this module too.
        PyObject *m = get_module(abs_name, &missing);
        if (m != nullptr || !missing) {
            Py_DECREF(parent);
            Py_DECREF(parent_module);
            return m;
        }
        search_path = PyObject_GetAttr(parent_module, g_interp.names.id___path__);
        if (search_path == nullptr && PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            module_not_found(abs_name, "No module named %R; %R is not a package", parent);
        }
        Py_DECREF(parent);
        if (search_path == nullptr) {
            Py_DECREF(parent_module);
            return nullptr;
        }
        child = PyUnicode_Substring(abs_name, dot + 1, PyUnicode_GET_LENGTH(abs_name));
        if (child == nullptr) {
            Py_DECREF(search_path);
            Py_DECREF(parent_module);
            return nullptr;
        }
    }
    PyObject *module = load_module(abs_name, search_path);
    Py_XDECREF(search_path);
    if (module == nullptr && !PyErr_Occurred()) *not_found = true;
    if (module != nullptr && parent_module != nullptr &&
        PyObject_SetAttr(parent_module, child, module) < 0)
        Py_CLEAR(module);
    Py_XDECREF(child);
    Py_XDECREF(parent_module);
    return module;
}

// sys.modules[name], or the module loaded now. New reference.
PyObject *import_absolute(PyObject *abs_name) noexcept {
    bool missing = false;
    PyObject *m = get_module(abs_name, &missing);
    if (m != nullptr || !missing) return m;
    bool not_found = false;
    m = find_and_load(abs_name, &not_found);
    if (not_found) module_not_found(abs_name, "No module named %R");
    return m;
}

// globals[key] (borrowed), NULL without an exception when absent.
PyObject *global_item(PyObject *globals, const char *key) noexcept {
    return PyDict_GetItemString(globals, key);
}

// _calc___package__ and _resolve_name: the absolute name of a relative import.
PyObject *resolve_name(PyObject *name, PyObject *globals, int level) noexcept {
    if (globals == nullptr) {
        PyErr_SetString(PyExc_KeyError, "'__name__' not in globals");
        return nullptr;
    }
    if (!PyDict_Check(globals)) {
        PyErr_SetString(PyExc_TypeError, "globals must be a dict");
        return nullptr;
    }
    PyObject *package = global_item(globals, "__package__");
    if (package == Py_None) package = nullptr;
    PyObject *spec = global_item(globals, "__spec__");
    if (package != nullptr) {
        if (!PyUnicode_Check(package)) {
            PyErr_SetString(PyExc_TypeError, "package must be a string");
            return nullptr;
        }
        Py_INCREF(package);
    } else if (spec != nullptr && spec != Py_None) {
        package = PyObject_GetAttrString(spec, "parent");
        if (package == nullptr) return nullptr;
        if (!PyUnicode_Check(package)) {
            Py_DECREF(package);
            PyErr_SetString(PyExc_TypeError, "__spec__.parent must be a string");
            return nullptr;
        }
    } else {
        package = global_item(globals, "__name__");
        if (package == nullptr) {
            PyErr_SetString(PyExc_KeyError, "'__name__' not in globals");
            return nullptr;
        }
        if (!PyUnicode_Check(package)) {
            PyErr_SetString(PyExc_TypeError, "__name__ must be a string");
            return nullptr;
        }
        if (global_item(globals, "__path__") != nullptr) {
            Py_INCREF(package);
        } else {
            const Py_ssize_t dot = last_dot(package);
            if (dot == -2) return nullptr;
            package = dot == -1 ? PyUnicode_FromString("") : PyUnicode_Substring(package, 0, dot);
            if (package == nullptr) return nullptr;
        }
    }
    if (PyUnicode_GET_LENGTH(package) == 0) {
        Py_DECREF(package);
        PyErr_SetString(PyExc_ImportError,
                        "attempted relative import with no known parent package");
        set_import_error_attrs(nullptr, nullptr);
        return nullptr;
    }
    for (int i = 1; i < level; ++i) {
        const Py_ssize_t dot = last_dot(package);
        if (dot < 0) {
            Py_DECREF(package);
            if (dot == -1) {
                PyErr_SetString(PyExc_ImportError,
                                "attempted relative import beyond top-level package");
                set_import_error_attrs(nullptr, nullptr);
            }
            return nullptr;
        }
        Py_SETREF(package, PyUnicode_Substring(package, 0, dot));
        if (package == nullptr) return nullptr;
    }
    if (PyUnicode_GET_LENGTH(name) == 0) return package;
    PyObject *abs_name = PyUnicode_FromFormat("%U.%U", package, name);
    Py_DECREF(package);
    return abs_name;
}

// _handle_fromlist: `from package import name` imports package.name when the package has no
// such attribute yet. `recursive` is the pass over __all__ for `*`.
int handle_fromlist(PyObject *module, PyObject *fromlist, bool recursive) noexcept {
    PyObject *items = PySequence_List(fromlist);  // TypeError "'int' object is not iterable"
    if (items == nullptr) return -1;
    int status = 0;
    for (Py_ssize_t i = 0; status == 0 && i < PySequence_Fast_GET_SIZE(items); ++i) {
        PyObject *x = PySequence_Fast_GET_ITEM(items, i);
        if (!PyUnicode_Check(x)) {
            if (recursive) {
                PyObject *mod_name = PyObject_GetAttr(module, g_interp.names.id___name__);
                if (mod_name != nullptr)
                    PyErr_Format(PyExc_TypeError, "Item in %U.__all__ must be str, not %.200s",
                                 mod_name, Py_TYPE(x)->tp_name);
                Py_XDECREF(mod_name);
            } else {
                PyErr_Format(PyExc_TypeError, "Item in ``from list'' must be str, not %.200s",
                             Py_TYPE(x)->tp_name);
            }
            status = -1;
            break;
        }
        if (PyUnicode_CompareWithASCIIString(x, "*") == 0) {
            if (recursive) continue;
            PyObject *all = PyObject_GetAttr(module, g_interp.names.id___all__);
            if (all == nullptr) {
                if (!PyErr_ExceptionMatches(PyExc_AttributeError)) status = -1;
                PyErr_Clear();
                continue;
            }
            status = handle_fromlist(module, all, true);
            Py_DECREF(all);
            continue;
        }
        const int has = PyObject_HasAttr(module, x);
        if (has) continue;
        PyObject *mod_name = PyObject_GetAttr(module, g_interp.names.id___name__);
        PyObject *from_name =
            mod_name != nullptr ? PyUnicode_FromFormat("%U.%U", mod_name, x) : nullptr;
        Py_XDECREF(mod_name);
        if (from_name == nullptr) {
            status = -1;
            break;
        }
        bool missing = false;
        PyObject *sub = get_module(from_name, &missing);
        if (sub == nullptr && missing) {
            bool not_found = false;
            // A name that is neither an attribute nor a submodule (not_found) is left to
            // IMPORT_FROM's error.
            sub = find_and_load(from_name, &not_found);
        }
        Py_DECREF(from_name);
        if (sub == nullptr && PyErr_Occurred()) status = -1;
        Py_XDECREF(sub);
    }
    Py_DECREF(items);
    return status;
}

}  // namespace

void set_import_error_attrs(PyObject *name, PyObject *path) noexcept {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) return;
    if (PyObject_SetAttrString(exc, "name", name != nullptr ? name : Py_None) < 0 ||
        PyObject_SetAttrString(exc, "path", path != nullptr ? path : Py_None) < 0)
        PyErr_Clear();
    PyErr_SetRaisedException(exc);
}

PyObject *import_module_level(PyObject *name, PyObject *globals, PyObject *fromlist,
                              int level) noexcept {
    if (name == nullptr || !PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "module name must be a string");
        return nullptr;
    }
    if (level < 0) {
        PyErr_SetString(PyExc_ValueError, "level must be >= 0");
        return nullptr;
    }
    PyObject *abs_name = nullptr;
    if (level > 0) {
        abs_name = resolve_name(name, globals, level);
        if (abs_name == nullptr) return nullptr;
    } else {
        if (PyUnicode_GET_LENGTH(name) == 0) {
            PyErr_SetString(PyExc_ValueError, "Empty module name");
            return nullptr;
        }
        abs_name = Py_NewRef(name);
    }
    PyObject *module = import_absolute(abs_name);
    if (module == nullptr) {
        Py_DECREF(abs_name);
        return nullptr;
    }
    const int has_from = fromlist != nullptr && fromlist != Py_None ? PyObject_IsTrue(fromlist) : 0;
    PyObject *result = nullptr;  // stays NULL on an error
    if (has_from == 0) {
        // `import a.b.c` binds a: the top of the name as written.
        const Py_ssize_t len = PyUnicode_GET_LENGTH(name);
        const Py_ssize_t dot = len > 0 ? PyUnicode_FindChar(name, '.', 0, len, 1) : -1;
        if (dot == -1) {  // no dot (or `from . import` with an empty name)
            result = Py_NewRef(module);
        } else if (dot >= 0) {
            const Py_ssize_t cut_off = len - dot;
            PyObject *front =
                PyUnicode_Substring(abs_name, 0, PyUnicode_GET_LENGTH(abs_name) - cut_off);
            if (front != nullptr) {
                result = PyDict_GetItemWithError(g_interp.modules, front);
                if (result != nullptr)
                    Py_INCREF(result);
                else if (!PyErr_Occurred())
                    PyErr_Format(PyExc_KeyError, "%R not in sys.modules as expected", front);
                Py_DECREF(front);
            }
        }
    } else if (has_from > 0) {
        PyObject *path = PyObject_GetAttr(module, g_interp.names.id___path__);
        if (path == nullptr) {
            if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
                PyErr_Clear();
                result = Py_NewRef(module);
            }
        } else {
            Py_DECREF(path);
            if (handle_fromlist(module, fromlist, false) == 0) result = Py_NewRef(module);
        }
    }
    Py_DECREF(module);
    Py_DECREF(abs_name);
    return result;
}

}  // namespace minipy::interp::imports

using namespace minipy::interp;
using namespace minipy::interp::imports;

extern "C" {

PyObject *PyImport_GetModuleDict(void) noexcept {
    if (interp_ensure_embedded() < 0) return nullptr;
    return g_interp.modules;
}

PyObject *PyImport_GetModule(PyObject *name) noexcept {
    if (interp_ensure_embedded() < 0) return nullptr;
    PyObject *m = PyDict_GetItemWithError(g_interp.modules, name);
    if (m == nullptr || m == Py_None) return nullptr;
    return Py_NewRef(m);
}

PyObject *PyImport_AddModuleObject(PyObject *name) noexcept {
    if (interp_ensure_embedded() < 0) return nullptr;
    PyObject *m = PyDict_GetItemWithError(g_interp.modules, name);
    if (m != nullptr && PyModule_Check(m)) return m;
    if (PyErr_Occurred()) return nullptr;
    m = PyModule_NewObject(name);
    if (m == nullptr) return nullptr;
    const int r = PyDict_SetItem(g_interp.modules, name, m);
    Py_DECREF(m);  // sys.modules holds it: the reference returned is borrowed
    return r < 0 ? nullptr : m;
}

PyObject *PyImport_AddModule(const char *name) noexcept {
    PyObject *s = PyUnicode_FromString(name);
    if (s == nullptr) return nullptr;
    PyObject *m = PyImport_AddModuleObject(s);
    Py_DECREF(s);
    return m;
}

PyObject *PyImport_ImportModuleLevelObject(PyObject *name, PyObject *globals, PyObject *,
                                           PyObject *fromlist, int level) noexcept {
    if (interp_ensure_embedded() < 0) return nullptr;
    return import_module_level(name, globals, fromlist, level);
}

PyObject *PyImport_ImportModuleLevel(const char *name, PyObject *globals, PyObject *locals,
                                     PyObject *fromlist, int level) noexcept {
    PyObject *s = PyUnicode_FromString(name);
    if (s == nullptr) return nullptr;
    PyObject *m = PyImport_ImportModuleLevelObject(s, globals, locals, fromlist, level);
    Py_DECREF(s);
    return m;
}

PyObject *PyImport_Import(PyObject *name) noexcept {
    if (interp_ensure_embedded() < 0) return nullptr;
    if (name == nullptr || !PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "module name must be a string");
        return nullptr;
    }
    // __import__ from the builtins (an override too), asked for the leaf with a non-empty
    // fromlist; the result is then sys.modules[name], as CPython's.
    PyObject *import = PyDict_GetItemWithError(g_interp.builtins, g_interp.names.id___import__);
    if (import == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ImportError, "__import__ not found");
        return nullptr;
    }
    PyObject *fromlist = Py_BuildValue("[s]", "__doc__");
    if (fromlist == nullptr) return nullptr;
    PyObject *r = PyObject_CallFunction(import, "OOOOi", name, Py_None, Py_None, fromlist, 0);
    Py_DECREF(fromlist);
    if (r == nullptr) return nullptr;
    Py_DECREF(r);
    PyObject *m = PyDict_GetItemWithError(g_interp.modules, name);
    if (m == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, name);
        return nullptr;
    }
    return Py_NewRef(m);
}

PyObject *PyImport_ImportModule(const char *name) noexcept {
    PyObject *s = PyUnicode_FromString(name);
    if (s == nullptr) return nullptr;
    PyObject *m = PyImport_Import(s);
    Py_DECREF(s);
    return m;
}

PyObject *PyImport_ExecCodeModuleObject(PyObject *name, PyObject *co, PyObject *pathname,
                                        PyObject *) noexcept {
    PyObject *m = PyImport_AddModuleObject(name);
    if (m == nullptr) return nullptr;
    Py_INCREF(m);
    PyObject *dict = PyModule_GetDict(m);
    if (PyDict_SetItem(dict, g_interp.names.id___builtins__, g_interp.builtins) < 0 ||
        (pathname != nullptr && PyDict_SetItem(dict, g_interp.names.id___file__, pathname) < 0)) {
        Py_DECREF(m);
        return nullptr;
    }
    PyObject *r = PyEval_EvalCode(co, dict, dict);
    if (r == nullptr) {
        PyObject *exc = PyErr_GetRaisedException();
        if (PyDict_DelItem(g_interp.modules, name) < 0) PyErr_Clear();
        PyErr_SetRaisedException(exc);
        Py_DECREF(m);
        return nullptr;
    }
    Py_DECREF(r);
    Py_DECREF(m);
    PyObject *loaded = PyDict_GetItemWithError(g_interp.modules, name);
    if (loaded == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_ImportError, "Loaded module %R not found in sys.modules", name);
        return nullptr;
    }
    return Py_NewRef(loaded);
}

PyObject *PyImport_ExecCodeModule(const char *name, PyObject *co) noexcept {
    PyObject *s = PyUnicode_FromString(name);
    if (s == nullptr) return nullptr;
    PyObject *m = PyImport_ExecCodeModuleObject(s, co, nullptr, nullptr);
    Py_DECREF(s);
    return m;
}

}  // extern "C"
