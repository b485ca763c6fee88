// The function type (PyFunction_Type): Python functions made by MAKE_FUNCTION or
// PyFunction_New, their attributes (__name__, __qualname__, __code__, __defaults__,
// __kwdefaults__, __closure__, __globals__, __builtins__, __doc__, __module__, __dict__,
// __annotations__) and their calls (vectorcall; tp_call converts a tuple and a dict).
//
// func_version: the specializer's guard for CALL_PY_*; a function gets one on first request
// (function_version) and loses it (0) when __code__, __defaults__ or __kwdefaults__ change,
// so that a specialized call never runs stale assumptions.
#include "objects/function_object.hpp"

#include "code/code_object.hpp"
#include "objects/interp_object.hpp"
#include "run/interp_state.hpp"

namespace minipy::interp {

namespace {

uint32_t g_next_func_version = 1;

PyFunctionObject *as_func(PyObject *op) noexcept {
    return reinterpret_cast<PyFunctionObject *>(op);
}

void func_dealloc(PyObject *self) noexcept {
    PyFunctionObject *f = as_func(self);
    PyObject_GC_UnTrack(self);
    Py_XDECREF(f->func_globals);
    Py_XDECREF(f->func_builtins);
    Py_XDECREF(f->func_name);
    Py_XDECREF(f->func_qualname);
    Py_XDECREF(f->func_code);
    Py_XDECREF(f->func_defaults);
    Py_XDECREF(f->func_kwdefaults);
    Py_XDECREF(f->func_closure);
    Py_XDECREF(f->func_doc);
    Py_XDECREF(f->func_dict);
    Py_XDECREF(f->func_module);
    Py_XDECREF(f->func_annotations);
    PyObject_GC_Del(self);
}

int func_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    PyFunctionObject *f = as_func(self);
    Py_VISIT(f->func_globals);
    Py_VISIT(f->func_builtins);
    Py_VISIT(f->func_code);
    Py_VISIT(f->func_defaults);
    Py_VISIT(f->func_kwdefaults);
    Py_VISIT(f->func_closure);
    Py_VISIT(f->func_doc);
    Py_VISIT(f->func_dict);
    Py_VISIT(f->func_module);
    Py_VISIT(f->func_annotations);
    Py_VISIT(f->func_name);
    Py_VISIT(f->func_qualname);
    return 0;
}

int func_clear(PyObject *self) noexcept {
    PyFunctionObject *f = as_func(self);
    f->func_version = 0;
    Py_CLEAR(f->func_globals);
    Py_CLEAR(f->func_builtins);
    Py_CLEAR(f->func_module);
    Py_CLEAR(f->func_defaults);
    Py_CLEAR(f->func_kwdefaults);
    Py_CLEAR(f->func_doc);
    Py_CLEAR(f->func_dict);
    Py_CLEAR(f->func_closure);
    Py_CLEAR(f->func_annotations);
    // func_code, func_name and func_qualname stay: a repr of a cleared function still works,
    // and they cannot be part of a cycle.
    return 0;
}

PyObject *func_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("<function %U at %p>", as_func(self)->func_qualname, self);
}

PyObject *func_call(PyObject *self, PyObject *args, PyObject *kwargs) noexcept {
    return vectorcall_from_tuple(self, as_func(self)->vectorcall, args, kwargs);
}

// A function read through an instance is a bound method; through the class, itself.
PyObject *func_descr_get(PyObject *self, PyObject *obj, PyObject *) noexcept {
    if (obj == nullptr || obj == Py_None) return Py_NewRef(self);
    return PyMethod_New(self, obj);
}

// --- attributes ------------------------------------------------------------------------------

PyObject *get_code(PyObject *self, void *) noexcept {
    return Py_NewRef(as_func(self)->func_code);
}
int set_code(PyObject *self, PyObject *value, void *) noexcept {
    if (value == nullptr || !PyCode_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__code__ must be set to a code object");
        return -1;
    }
    PyFunctionObject *f = as_func(self);
    const Py_ssize_t nfree = reinterpret_cast<PyCodeObject *>(value)->co_nfreevars;
    const Py_ssize_t nclosure = f->func_closure != nullptr ? PyTuple_GET_SIZE(f->func_closure) : 0;
    if (nfree != nclosure) {
        PyErr_Format(PyExc_ValueError, "%U() requires a code object with %zd free vars, not %zd",
                     f->func_name, nclosure, nfree);
        return -1;
    }
    f->func_version = 0;
    Py_SETREF(f->func_code, Py_NewRef(value));
    return 0;
}

PyObject *get_name(PyObject *self, void *) noexcept {
    return Py_NewRef(as_func(self)->func_name);
}
int set_name(PyObject *self, PyObject *value, void *) noexcept {
    if (value == nullptr || !PyUnicode_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    Py_SETREF(as_func(self)->func_name, Py_NewRef(value));
    return 0;
}

PyObject *get_qualname(PyObject *self, void *) noexcept {
    return Py_NewRef(as_func(self)->func_qualname);
}
int set_qualname(PyObject *self, PyObject *value, void *) noexcept {
    if (value == nullptr || !PyUnicode_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    Py_SETREF(as_func(self)->func_qualname, Py_NewRef(value));
    return 0;
}

PyObject *get_defaults(PyObject *self, void *) noexcept {
    PyObject *d = as_func(self)->func_defaults;
    return Py_NewRef(d != nullptr ? d : Py_None);
}
int set_defaults(PyObject *self, PyObject *value, void *) noexcept {
    if (value == Py_None) value = nullptr;
    if (value != nullptr && !PyTuple_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    as_func(self)->func_version = 0;
    Py_XSETREF(as_func(self)->func_defaults, Py_XNewRef(value));
    return 0;
}

PyObject *get_kwdefaults(PyObject *self, void *) noexcept {
    PyObject *d = as_func(self)->func_kwdefaults;
    return Py_NewRef(d != nullptr ? d : Py_None);
}
int set_kwdefaults(PyObject *self, PyObject *value, void *) noexcept {
    if (value == Py_None) value = nullptr;
    if (value != nullptr && !PyDict_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    as_func(self)->func_version = 0;
    Py_XSETREF(as_func(self)->func_kwdefaults, Py_XNewRef(value));
    return 0;
}

PyObject *get_closure(PyObject *self, void *) noexcept {
    PyObject *c = as_func(self)->func_closure;
    return Py_NewRef(c != nullptr ? c : Py_None);
}
PyObject *get_globals(PyObject *self, void *) noexcept {
    return Py_NewRef(as_func(self)->func_globals);
}
PyObject *get_builtins(PyObject *self, void *) noexcept {
    return Py_NewRef(as_func(self)->func_builtins);
}

PyObject *get_doc(PyObject *self, void *) noexcept {
    PyObject *d = as_func(self)->func_doc;
    return Py_NewRef(d != nullptr ? d : Py_None);
}
int set_doc(PyObject *self, PyObject *value, void *) noexcept {
    Py_XSETREF(as_func(self)->func_doc, Py_NewRef(value != nullptr ? value : Py_None));
    return 0;
}

PyObject *get_module(PyObject *self, void *) noexcept {
    PyObject *m = as_func(self)->func_module;
    return Py_NewRef(m != nullptr ? m : Py_None);
}
int set_module(PyObject *self, PyObject *value, void *) noexcept {
    Py_XSETREF(as_func(self)->func_module, Py_XNewRef(value));
    return 0;
}

PyObject *get_dict(PyObject *self, void *) noexcept {
    PyFunctionObject *f = as_func(self);
    if (f->func_dict == nullptr) {
        f->func_dict = PyDict_New();
        if (f->func_dict == nullptr) return nullptr;
    }
    return Py_NewRef(f->func_dict);
}
int set_dict(PyObject *self, PyObject *value, void *) noexcept {
    if (value == nullptr) {
        PyErr_SetString(PyExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!PyDict_Check(value)) {
        PyErr_Format(PyExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_XSETREF(as_func(self)->func_dict, Py_NewRef(value));
    return 0;
}

PyObject *get_annotations(PyObject *self, void *) noexcept {
    PyFunctionObject *f = as_func(self);
    if (f->func_annotations == nullptr) {
        f->func_annotations = PyDict_New();
        if (f->func_annotations == nullptr) return nullptr;
    } else if (PyTuple_Check(f->func_annotations)) {
        // MAKE_FUNCTION's form: a flat tuple of name, value pairs.
        PyObject *tuple = f->func_annotations;
        PyObject *dict = PyDict_New();
        if (dict == nullptr) return nullptr;
        for (Py_ssize_t i = 0; i + 1 < PyTuple_GET_SIZE(tuple); i += 2) {
            if (PyDict_SetItem(dict, PyTuple_GET_ITEM(tuple, i), PyTuple_GET_ITEM(tuple, i + 1)) <
                0) {
                Py_DECREF(dict);
                return nullptr;
            }
        }
        Py_SETREF(f->func_annotations, dict);
    }
    return Py_NewRef(f->func_annotations);
}
int set_annotations(PyObject *self, PyObject *value, void *) noexcept {
    if (value == Py_None) value = nullptr;
    if (value != nullptr && !PyDict_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    Py_XSETREF(as_func(self)->func_annotations, Py_XNewRef(value));
    return 0;
}

PyGetSetDef func_getset[] = {
    {"__code__", get_code, set_code, nullptr, nullptr},
    {"__name__", get_name, set_name, nullptr, nullptr},
    {"__qualname__", get_qualname, set_qualname, nullptr, nullptr},
    {"__defaults__", get_defaults, set_defaults, nullptr, nullptr},
    {"__kwdefaults__", get_kwdefaults, set_kwdefaults, nullptr, nullptr},
    {"__closure__", get_closure, nullptr, nullptr, nullptr},
    {"__globals__", get_globals, nullptr, nullptr, nullptr},
    {"__builtins__", get_builtins, nullptr, nullptr, nullptr},
    {"__doc__", get_doc, set_doc, nullptr, nullptr},
    {"__module__", get_module, set_module, nullptr, nullptr},
    {"__dict__", get_dict, set_dict, nullptr, nullptr},
    {"__annotations__", get_annotations, set_annotations, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyObject *vectorcall_from_tuple(PyObject *callable, vectorcallfunc call, PyObject *args,
                                PyObject *kwargs) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (kwargs == nullptr || PyDict_GET_SIZE(kwargs) == 0)
        return call(callable, reinterpret_cast<PyTupleObject *>(args)->ob_item,
                    static_cast<size_t>(nargs), nullptr);
    const Py_ssize_t nkw = PyDict_GET_SIZE(kwargs);
    PyObject *small[8];
    PyObject **stack = small;
    if (nargs + nkw > 8) {
        stack = static_cast<PyObject **>(
            PyMem_Malloc(sizeof(PyObject *) * static_cast<size_t>(nargs + nkw)));
        if (stack == nullptr) return PyErr_NoMemory();
    }
    PyObject *kwnames = PyTuple_New(nkw);
    if (kwnames == nullptr) {
        if (stack != small) PyMem_Free(stack);
        return nullptr;
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) stack[i] = PyTuple_GET_ITEM(args, i);
    Py_ssize_t pos = 0, i = 0;
    PyObject *key, *value;
    while (PyDict_Next(kwargs, &pos, &key, &value)) {
        PyTuple_SET_ITEM(kwnames, i, Py_NewRef(key));
        stack[nargs + i] = value;
        ++i;
    }
    // The values are borrowed from the dict: hold them in case the call mutates it.
    for (Py_ssize_t k = 0; k < nkw; ++k) Py_INCREF(stack[nargs + k]);
    PyObject *result = call(callable, stack, static_cast<size_t>(nargs), kwnames);
    for (Py_ssize_t k = 0; k < nkw; ++k) Py_DECREF(stack[nargs + k]);
    Py_DECREF(kwnames);
    if (stack != small) PyMem_Free(stack);
    return result;
}

uint32_t function_version(PyFunctionObject *func) noexcept {
    if (func->func_version == 0 && g_next_func_version != 0)
        func->func_version = g_next_func_version++;
    return func->func_version;
}

PyObject *function_new(PyObject *code, PyObject *globals, PyObject *qualname) noexcept {
    if (!PyCode_Check(code) || !PyDict_Check(globals)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    auto *co = reinterpret_cast<PyCodeObject *>(code);
    PyObject *builtins = builtins_from_globals(globals);
    if (builtins == nullptr) return nullptr;
    PyObject *module = PyDict_GetItemWithError(globals, g_interp.names.id___name__);
    if (module == nullptr && PyErr_Occurred()) return nullptr;
    PyFunctionObject *f = PyObject_GC_New(PyFunctionObject, &PyFunction_Type);
    if (f == nullptr) return nullptr;
    f->func_globals = Py_NewRef(globals);
    f->func_builtins = Py_NewRef(builtins);
    f->func_name = Py_NewRef(co->co_name);
    f->func_qualname = Py_NewRef(qualname != nullptr ? qualname : co->co_qualname);
    f->func_code = Py_NewRef(code);
    f->func_defaults = nullptr;
    f->func_kwdefaults = nullptr;
    f->func_closure = nullptr;
    // The compiler puts the docstring (or None) first among a function's constants.
    PyObject *doc = Py_None;
    if (PyTuple_GET_SIZE(co->co_consts) > 0 && PyUnicode_Check(PyTuple_GET_ITEM(co->co_consts, 0)))
        doc = PyTuple_GET_ITEM(co->co_consts, 0);
    f->func_doc = Py_NewRef(doc);
    f->func_dict = nullptr;
    f->func_weakreflist = nullptr;
    f->func_module = Py_XNewRef(module);
    f->func_annotations = nullptr;
    f->vectorcall = _PyFunction_Vectorcall;
    f->func_version = 0;
    PyObject_GC_Track(f);
    return reinterpret_cast<PyObject *>(f);
}

}  // namespace minipy::interp

using namespace minipy::interp;

extern "C" {

PyTypeObject PyFunction_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "function",
    .tp_basicsize = sizeof(PyFunctionObject),
    .tp_dealloc = func_dealloc,
    .tp_vectorcall_offset = offsetof(PyFunctionObject, vectorcall),
    .tp_repr = func_repr,
    .tp_call = func_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    // A method descriptor: special-method calls and LOAD_ATTR's method form call it with
    // self first instead of making a bound method.
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = func_traverse,
    .tp_clear = func_clear,
    .tp_getset = func_getset,
    .tp_descr_get = func_descr_get,
    .tp_dictoffset = offsetof(PyFunctionObject, func_dict),
};

PyObject *PyFunction_New(PyObject *code, PyObject *globals) noexcept {
    return function_new(code, globals, nullptr);
}

PyObject *PyFunction_NewWithQualName(PyObject *code, PyObject *globals,
                                     PyObject *qualname) noexcept {
    return function_new(code, globals, qualname);
}

#define FUNCTION_GETTER(name, field)        \
    PyObject *name(PyObject *op) noexcept { \
        if (!PyFunction_Check(op)) {        \
            PyErr_BadInternalCall();        \
            return nullptr;                 \
        }                                   \
        return as_function(op)->field;      \
    }

FUNCTION_GETTER(PyFunction_GetCode, func_code)
FUNCTION_GETTER(PyFunction_GetGlobals, func_globals)
FUNCTION_GETTER(PyFunction_GetModule, func_module)
FUNCTION_GETTER(PyFunction_GetDefaults, func_defaults)
FUNCTION_GETTER(PyFunction_GetKwDefaults, func_kwdefaults)
FUNCTION_GETTER(PyFunction_GetClosure, func_closure)
#undef FUNCTION_GETTER

int PyFunction_SetDefaults(PyObject *op, PyObject *defaults) noexcept {
    if (!PyFunction_Check(op) ||
        (defaults != nullptr && defaults != Py_None && !PyTuple_Check(defaults))) {
        PyErr_SetString(PyExc_SystemError, "non-tuple default args");
        return -1;
    }
    if (defaults == Py_None) defaults = nullptr;
    as_function(op)->func_version = 0;
    Py_XSETREF(as_function(op)->func_defaults, Py_XNewRef(defaults));
    return 0;
}

int PyFunction_SetKwDefaults(PyObject *op, PyObject *defaults) noexcept {
    if (!PyFunction_Check(op) ||
        (defaults != nullptr && defaults != Py_None && !PyDict_Check(defaults))) {
        PyErr_SetString(PyExc_SystemError, "non-dict keyword only default args");
        return -1;
    }
    if (defaults == Py_None) defaults = nullptr;
    as_function(op)->func_version = 0;
    Py_XSETREF(as_function(op)->func_kwdefaults, Py_XNewRef(defaults));
    return 0;
}

int PyFunction_SetClosure(PyObject *op, PyObject *closure) noexcept {
    if (!PyFunction_Check(op) ||
        (closure != nullptr && closure != Py_None && !PyTuple_Check(closure))) {
        PyErr_SetString(PyExc_SystemError, "expected tuple for closure");
        return -1;
    }
    if (closure == Py_None) closure = nullptr;
    Py_XSETREF(as_function(op)->func_closure, Py_XNewRef(closure));
    return 0;
}

}  // extern "C"
