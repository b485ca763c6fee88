// builtin_function_or_method: a PyMethodDef bound to an instance (or to nothing), callable
// with the calling conventions of methodobject.h.
#include "minipy/Python.h"
#include "objects/method/method_call.hpp"
#include "objects/type/static_type.hpp"

namespace {

PyCFunctionObject *as_function(PyObject *self) noexcept {
    return reinterpret_cast<PyCFunctionObject *>(self);
}

// The name error messages use (CPython's _PyObject_FunctionStr without the "()"): "list.append"
// for a method, "len" for a builtin, "time.time" for a function of any other module (its
// __module__ prefixed to its __qualname__).
PyObject *qualified_name(PyCFunctionObject *f) noexcept {
    if (f->m_module != nullptr && PyUnicode_Check(f->m_module) &&
        PyUnicode_CompareWithASCIIString(f->m_module, "builtins") != 0)
        return PyUnicode_FromFormat("%U.%s", f->m_module, f->m_ml->ml_name);
    if (f->m_self == nullptr || f->m_module != nullptr)
        return PyUnicode_FromString(f->m_ml->ml_name);
    PyTypeObject *owner =
        PyType_Check(f->m_self) ? reinterpret_cast<PyTypeObject *>(f->m_self) : Py_TYPE(f->m_self);
    return PyUnicode_FromFormat("%s.%s", _PyType_Name(owner), f->m_ml->ml_name);
}

PyObject *argument_count_error(PyCFunctionObject *f, const char *format,
                               Py_ssize_t given) noexcept {
    PyObject *name = qualified_name(f);
    if (name != nullptr) {
        PyErr_Format(PyExc_TypeError, format, name, given);
        Py_DECREF(name);
    }
    return nullptr;
}

// The two paths of CPython's builtin_function_or_method, whose messages differ:
//   - METH_VARARGS (with or without METH_KEYWORDS) is called through tp_call with the tuple
//     and the dict; refusing keywords, it names the function alone: "find() takes no keyword
//     arguments";
//   - the other conventions are vectorcall functions: the dict becomes an array and a tuple
//     of names first (call_fast_with_keywords), and their errors name the type too: "str.upper()
//     takes no keyword arguments", "list.append() takes exactly one argument (0 given)".
PyObject *cfunction_call(PyObject *self, PyObject *args, PyObject *kwargs) noexcept {
    PyCFunctionObject *f = as_function(self);
    const int flags = f->m_ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
    const bool has_kwargs =
        kwargs != nullptr && PyDict_Check(kwargs) && PyDict_GET_SIZE(kwargs) > 0;
    switch (flags) {
    case METH_VARARGS | METH_KEYWORDS:
        return reinterpret_cast<PyCFunctionWithKeywords>(
            reinterpret_cast<void (*)(void)>(f->m_ml->ml_meth))(f->m_self, args, kwargs);
    case METH_VARARGS:
        if (has_kwargs)
            return PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments",
                                f->m_ml->ml_name);
        return f->m_ml->ml_meth(f->m_self, args);
    case METH_FASTCALL | METH_KEYWORDS:
        return minipy::runtime::call_fast_with_keywords(
            f->m_ml, f->m_self, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwargs);
    case METH_NOARGS:
    case METH_O:
    case METH_FASTCALL: break;
    default:
        PyErr_SetString(PyExc_SystemError,
                        "Bad call flags in PyCFunction_Call. METH_OLDARGS is no longer supported!");
        return nullptr;
    }
    if (has_kwargs) {
        if (!minipy::runtime::keyword_names_are_str(kwargs)) return nullptr;
        PyObject *name = qualified_name(f);
        if (name != nullptr) {
            PyErr_Format(PyExc_TypeError, "%U() takes no keyword arguments", name);
            Py_DECREF(name);
        }
        return nullptr;
    }
    const Py_ssize_t given = PyTuple_GET_SIZE(args);
    switch (flags) {
    case METH_NOARGS:
        if (given != 0)
            return argument_count_error(f, "%U() takes no arguments (%zd given)", given);
        return f->m_ml->ml_meth(f->m_self, nullptr);
    case METH_O:
        if (given != 1)
            return argument_count_error(f, "%U() takes exactly one argument (%zd given)", given);
        return f->m_ml->ml_meth(f->m_self, PyTuple_GET_ITEM(args, 0));
    default:  // METH_FASTCALL
        return reinterpret_cast<_PyCFunctionFast>(reinterpret_cast<void (*)(void)>(
            f->m_ml->ml_meth))(f->m_self, &PyTuple_GET_ITEM(args, 0), given);
    }
}

void cfunction_dealloc(PyObject *self) noexcept {
    PyCFunctionObject *f = as_function(self);
    PyObject_GC_UnTrack(self);
    Py_XDECREF(f->m_self);
    Py_XDECREF(f->m_module);
    PyObject_GC_Del(self);
}

int cfunction_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_function(self)->m_self);
    Py_VISIT(as_function(self)->m_module);
    return 0;
}

PyObject *cfunction_repr(PyObject *self) noexcept {
    PyCFunctionObject *f = as_function(self);
    if (f->m_self == nullptr || f->m_module != nullptr)
        return PyUnicode_FromFormat("<built-in function %s>", f->m_ml->ml_name);
    return PyUnicode_FromFormat("<built-in method %s of %s object at %p>", f->m_ml->ml_name,
                                Py_TYPE(f->m_self)->tp_name, static_cast<void *>(f->m_self));
}

// Bound methods are equal when they wrap the same definition of the same object.
PyObject *cfunction_richcompare(PyObject *self, PyObject *other, int op) noexcept {
    if ((op != Py_EQ && op != Py_NE) || !PyCFunction_Check(other)) Py_RETURN_NOTIMPLEMENTED;
    PyCFunctionObject *a = as_function(self);
    PyCFunctionObject *b = as_function(other);
    const bool equal = a->m_ml->ml_meth == b->m_ml->ml_meth && a->m_self == b->m_self;
    return Py_NewRef((equal == (op == Py_EQ)) ? Py_True : Py_False);
}

Py_hash_t cfunction_hash(PyObject *self) noexcept {
    PyCFunctionObject *f = as_function(self);
    Py_hash_t x = _Py_HashPointer(f->m_self);
    Py_hash_t y = _Py_HashPointer(reinterpret_cast<void *>(f->m_ml->ml_meth));
    x ^= y;
    return x == -1 ? -2 : x;
}

PyObject *cfunction_get_name(PyObject *self, void *) noexcept {
    return PyUnicode_FromString(as_function(self)->m_ml->ml_name);
}

PyObject *cfunction_get_self(PyObject *self, void *) noexcept {
    PyObject *bound = as_function(self)->m_self;
    return Py_NewRef(bound != nullptr ? bound : Py_None);
}

PyGetSetDef cfunction_getset[] = {
    {"__name__", cfunction_get_name, nullptr, nullptr, nullptr},
    {"__self__", cfunction_get_self, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

extern "C" {
PyTypeObject PyCFunction_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(PyCFunctionObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_repr = cfunction_repr,
    .tp_hash = cfunction_hash,
    .tp_call = cfunction_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = cfunction_traverse,
    .tp_richcompare = cfunction_richcompare,
    .tp_getset = cfunction_getset,
};
}

extern "C" PyObject *PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module) noexcept {
    PyCFunctionObject *f = PyObject_GC_New(PyCFunctionObject, &PyCFunction_Type);
    if (f == nullptr) return nullptr;
    f->m_ml = ml;
    f->m_self = Py_XNewRef(self);
    f->m_module = Py_XNewRef(module);
    PyObject_GC_Track(f);
    return _PyObject_CAST(f);
}

extern "C" PyCFunction PyCFunction_GetFunction(PyObject *op) noexcept {
    if (!PyCFunction_Check(op)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return as_function(op)->m_ml->ml_meth;
}

extern "C" PyObject *PyCFunction_GetSelf(PyObject *op) noexcept {
    if (!PyCFunction_Check(op)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    return as_function(op)->m_self;
}

// --- Shared with method_descriptor (method_call.hpp) ----------------------------------------

namespace minipy::runtime {

bool keyword_names_are_str(PyObject *kwargs) noexcept {
    if (kwargs == nullptr) return true;
    Py_ssize_t position = 0;
    PyObject *key = nullptr, *value = nullptr;
    while (PyDict_Next(kwargs, &position, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return false;
        }
    }
    return true;
}

PyObject *call_fast_with_keywords(PyMethodDef *ml, PyObject *self, PyObject *const *args,
                                  Py_ssize_t nargs, PyObject *kwargs) noexcept {
    auto meth = reinterpret_cast<_PyCFunctionFastWithKeywords>(
        reinterpret_cast<void (*)(void)>(ml->ml_meth));
    if (kwargs == nullptr || PyDict_GET_SIZE(kwargs) == 0) return meth(self, args, nargs, nullptr);
    if (!keyword_names_are_str(kwargs)) return nullptr;
    const Py_ssize_t nkwargs = PyDict_GET_SIZE(kwargs);
    auto **stack = static_cast<PyObject **>(
        PyMem_Malloc(static_cast<size_t>(nargs + nkwargs) * sizeof(PyObject *)));
    PyObject *kwnames = stack != nullptr ? PyTuple_New(nkwargs) : nullptr;
    if (kwnames == nullptr) {
        PyMem_Free(stack);
        if (!PyErr_Occurred()) PyErr_NoMemory();
        return nullptr;
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) stack[i] = args[i];
    // The dict keeps the values alive for the call; the names are the tuple's own.
    Py_ssize_t position = 0;
    PyObject *key = nullptr, *value = nullptr;
    for (Py_ssize_t i = 0; i < nkwargs && PyDict_Next(kwargs, &position, &key, &value); ++i) {
        PyTuple_SET_ITEM(kwnames, i, Py_NewRef(key));
        stack[nargs + i] = value;
    }
    PyObject *result = meth(self, stack, nargs, kwnames);
    PyMem_Free(stack);
    Py_DECREF(kwnames);
    return result;
}

}  // namespace minipy::runtime
