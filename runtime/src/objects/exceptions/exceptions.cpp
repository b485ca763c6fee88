// The built-in exception types (CPython 3.11's hierarchy, without the groups) and the
// preallocated MemoryError.
#include <cstddef>
#include <cstdint>

#include "args/method_args.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"
#include "objects/exceptions/exceptions_internal.hpp"
#include "objects/tuple/tuple_internal.hpp"
#include "objects/type/static_type.hpp"
#include "recursion/trashcan.hpp"

namespace {

using minipy::runtime::empty_tuple;

PyBaseExceptionObject *as_exc(PyObject *self) noexcept {
    return reinterpret_cast<PyBaseExceptionObject *>(self);
}

// --- BaseException ----------------------------------------------------------------------

PyObject *base_exception_new(PyTypeObject *type, PyObject *args, PyObject *) noexcept {
    PyObject *self = type->tp_alloc(type, 0);
    if (self == nullptr) return nullptr;
    as_exc(self)->args = Py_NewRef(args != nullptr ? args : empty_tuple());
    return self;
}

int base_exception_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (!minipy::runtime::args::no_keywords(_PyType_Name(Py_TYPE(self)), kwds)) return -1;
    Py_XSETREF(as_exc(self)->args, Py_NewRef(args != nullptr ? args : empty_tuple()));
    return 0;
}

int base_exception_clear(PyObject *self) noexcept {
    PyBaseExceptionObject *exc = as_exc(self);
    Py_CLEAR(exc->dict);
    Py_CLEAR(exc->args);
    Py_CLEAR(exc->notes);
    Py_CLEAR(exc->traceback);
    Py_CLEAR(exc->context);
    Py_CLEAR(exc->cause);
    return 0;
}

int base_exception_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    PyBaseExceptionObject *exc = as_exc(self);
    Py_VISIT(exc->dict);
    Py_VISIT(exc->args);
    Py_VISIT(exc->notes);
    Py_VISIT(exc->traceback);
    Py_VISIT(exc->context);
    Py_VISIT(exc->cause);
    return 0;
}

void base_exception_dealloc(PyObject *self) noexcept {
    if (self == minipy::runtime::preallocated_memory_error())
        Py_FatalError("deallocating the preallocated MemoryError (a reference was dropped twice)");
    PyObject_GC_UnTrack(self);
    minipy::runtime::Trashcan trashcan(self, base_exception_dealloc);
    if (trashcan.put_aside()) return;  // destroyed when the outer deallocation ends
    Py_TYPE(self)->tp_clear(self);
    Py_TYPE(self)->tp_free(self);
}

PyObject *args_or_empty(PyObject *self) noexcept {
    PyObject *args = as_exc(self)->args;
    return args != nullptr ? args : empty_tuple();
}

PyObject *base_exception_str(PyObject *self) noexcept {
    PyObject *args = args_or_empty(self);
    switch (PyTuple_GET_SIZE(args)) {
    case 0: return PyUnicode_FromString("");
    case 1: return PyObject_Str(PyTuple_GET_ITEM(args, 0));
    default: return PyObject_Str(args);
    }
}

PyObject *base_exception_repr(PyObject *self) noexcept {
    PyObject *args = args_or_empty(self);
    const char *name = _PyType_Name(Py_TYPE(self));
    if (PyTuple_GET_SIZE(args) == 1)
        return PyUnicode_FromFormat("%s(%R)", name, PyTuple_GET_ITEM(args, 0));
    return PyUnicode_FromFormat("%s%R", name, args);
}

// A KeyError's message is the key's repr, so that KeyError('') does not print as nothing.
PyObject *key_error_str(PyObject *self) noexcept {
    PyObject *args = args_or_empty(self);
    if (PyTuple_GET_SIZE(args) == 1) return PyObject_Repr(PyTuple_GET_ITEM(args, 0));
    return base_exception_str(self);
}

PyObject *get_args(PyObject *self, void *) noexcept {
    return Py_NewRef(args_or_empty(self));
}

int set_args(PyObject *self, PyObject *value, void *) noexcept {
    if (value == nullptr) {
        PyErr_SetString(PyExc_TypeError, "args may not be deleted");
        return -1;
    }
    PyObject *args = PySequence_Tuple(value);
    if (args == nullptr) return -1;
    Py_XSETREF(as_exc(self)->args, args);
    return 0;
}

// __traceback__, __context__ and __cause__: None when unset; set to None or an instance.
PyObject **link_field(PyObject *self, void *closure) noexcept {
    return reinterpret_cast<PyObject **>(reinterpret_cast<char *>(self) +
                                         reinterpret_cast<std::uintptr_t>(closure));
}

PyObject *get_link(PyObject *self, void *closure) noexcept {
    PyObject *value = *link_field(self, closure);
    return Py_NewRef(value != nullptr ? value : Py_None);
}

int set_link(PyObject *self, PyObject *value, void *closure) noexcept {
    if (value == nullptr) {
        PyErr_SetString(PyExc_TypeError, "attribute may not be deleted");
        return -1;
    }
    const bool is_traceback =
        closure == reinterpret_cast<void *>(offsetof(PyBaseExceptionObject, traceback));
    if (value != Py_None && !is_traceback && !PyExceptionInstance_Check(value)) {
        PyErr_SetString(PyExc_TypeError,
                        "exception cause must be None or derive from BaseException");
        return -1;
    }
    if (value != Py_None && is_traceback) {
        // Tracebacks arrive with the interpreter; until then only None is a traceback.
        PyErr_SetString(PyExc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    Py_XSETREF(*link_field(self, closure), value != Py_None ? Py_NewRef(value) : nullptr);
    // Setting __cause__, even to None, says the context is not to be shown.
    if (closure == reinterpret_cast<void *>(offsetof(PyBaseExceptionObject, cause)))
        as_exc(self)->suppress_context = 1;
    return 0;
}

#define MINIPY_LINK(field) (reinterpret_cast<void *>(offsetof(PyBaseExceptionObject, field)))
PyGetSetDef base_exception_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {"args", get_args, set_args, nullptr, nullptr},
    {"__traceback__", get_link, set_link, nullptr, MINIPY_LINK(traceback)},
    {"__context__", get_link, set_link, nullptr, MINIPY_LINK(context)},
    {"__cause__", get_link, set_link, nullptr, MINIPY_LINK(cause)},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
#undef MINIPY_LINK

// --- StopIteration.value and SystemExit.code ----------------------------------------------

// Both keep one extra object derived from args: StopIteration the first argument (None
// without one), SystemExit the first one, or the whole tuple when there are several.
PyObject **extra_field(PyObject *self) noexcept {
    return reinterpret_cast<PyObject **>(reinterpret_cast<char *>(self) +
                                         sizeof(PyBaseExceptionObject));
}

int with_extra_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (base_exception_init(self, args, kwds) < 0) return -1;
    const Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *extra = n == 0 ? Py_None : PyTuple_GET_ITEM(args, 0);
    if (n > 1 && PyObject_TypeCheck(self, reinterpret_cast<PyTypeObject *>(PyExc_SystemExit)))
        extra = args;
    Py_XSETREF(*extra_field(self), Py_NewRef(extra));
    return 0;
}

int with_extra_clear(PyObject *self) noexcept {
    Py_CLEAR(*extra_field(self));
    return base_exception_clear(self);
}

int with_extra_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(*extra_field(self));
    return base_exception_traverse(self, visit, arg);
}

PyObject *get_extra(PyObject *self, void *) noexcept {
    PyObject *value = *extra_field(self);
    return Py_NewRef(value != nullptr ? value : Py_None);
}

int set_extra(PyObject *self, PyObject *value, void *) noexcept {
    Py_XSETREF(*extra_field(self), Py_XNewRef(value));
    return 0;
}

PyGetSetDef stop_iteration_getset[] = {
    {"value", get_extra, set_extra, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
PyGetSetDef system_exit_getset[] = {
    {"code", get_extra, set_extra, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

constexpr unsigned long kExceptionFlags =
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS;

}  // namespace

// The types, each a static PyTypeObject whose slots come from its base through PyType_Ready.
extern "C" {

PyTypeObject _PyExc_BaseException = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "BaseException",
    .tp_basicsize = sizeof(PyBaseExceptionObject),
    .tp_dealloc = base_exception_dealloc,
    .tp_repr = base_exception_repr,
    .tp_str = base_exception_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = kExceptionFlags,
    .tp_doc = "Common base class for all exceptions",
    .tp_traverse = base_exception_traverse,
    .tp_clear = base_exception_clear,
    .tp_methods = minipy::runtime::base_exception_methods,
    .tp_members = minipy::runtime::base_exception_members,
    .tp_getset = base_exception_getset,
    .tp_dictoffset = offsetof(PyBaseExceptionObject, dict),
    .tp_init = base_exception_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = base_exception_new,
    .tp_free = PyObject_GC_Del,
};

// CPython's "simple" exceptions define BaseException's __init__ and __new__ again (so both
// are in their dicts); the ones with attributes of their own define only __init__ (here still
// BaseException's: their attributes are not there yet).
#define MINIPY_EXCEPTION_TYPE(NAME, BASE)                             \
    PyTypeObject _PyExc_##NAME = {                                    \
        MINIPY_TYPE_OBJECT_HEAD,        .tp_name = #NAME,             \
        .tp_flags = kExceptionFlags,    .tp_base = &_PyExc_##BASE,    \
        .tp_init = base_exception_init, .tp_new = base_exception_new, \
    };
#define MINIPY_EXCEPTION_TYPE_INIT(NAME, BASE)                     \
    PyTypeObject _PyExc_##NAME = {                                 \
        MINIPY_TYPE_OBJECT_HEAD,        .tp_name = #NAME,          \
        .tp_flags = kExceptionFlags,    .tp_base = &_PyExc_##BASE, \
        .tp_init = base_exception_init,                            \
    };

#define MINIPY_EXCEPTION_WITH_EXTRA(NAME, BASE, OBJECT, GETSET) \
    PyTypeObject _PyExc_##NAME = {                              \
        MINIPY_TYPE_OBJECT_HEAD,                                \
        .tp_name = #NAME,                                       \
        .tp_basicsize = sizeof(OBJECT),                         \
        .tp_flags = kExceptionFlags,                            \
        .tp_traverse = with_extra_traverse,                     \
        .tp_clear = with_extra_clear,                           \
        .tp_getset = (GETSET),                                  \
        .tp_base = &_PyExc_##BASE,                              \
        .tp_init = with_extra_init,                             \
    };

MINIPY_EXCEPTION_WITH_EXTRA(SystemExit, BaseException, PySystemExitObject, system_exit_getset)
MINIPY_EXCEPTION_TYPE(KeyboardInterrupt, BaseException)
MINIPY_EXCEPTION_TYPE(GeneratorExit, BaseException)
MINIPY_EXCEPTION_TYPE(Exception, BaseException)
MINIPY_EXCEPTION_WITH_EXTRA(StopIteration, Exception, PyStopIterationObject, stop_iteration_getset)
MINIPY_EXCEPTION_TYPE(ArithmeticError, Exception)
MINIPY_EXCEPTION_TYPE(FloatingPointError, ArithmeticError)
MINIPY_EXCEPTION_TYPE(OverflowError, ArithmeticError)
MINIPY_EXCEPTION_TYPE(ZeroDivisionError, ArithmeticError)
MINIPY_EXCEPTION_TYPE(AssertionError, Exception)
MINIPY_EXCEPTION_TYPE_INIT(AttributeError, Exception)
MINIPY_EXCEPTION_TYPE(BufferError, Exception)
MINIPY_EXCEPTION_TYPE(EOFError, Exception)
MINIPY_EXCEPTION_TYPE_INIT(ImportError, Exception)
MINIPY_EXCEPTION_TYPE_INIT(ModuleNotFoundError, ImportError)
MINIPY_EXCEPTION_TYPE(LookupError, Exception)
MINIPY_EXCEPTION_TYPE(IndexError, LookupError)
MINIPY_EXCEPTION_TYPE(MemoryError, Exception)
MINIPY_EXCEPTION_TYPE_INIT(NameError, Exception)
MINIPY_EXCEPTION_TYPE_INIT(UnboundLocalError, NameError)
MINIPY_EXCEPTION_TYPE(RuntimeError, Exception)
MINIPY_EXCEPTION_TYPE(NotImplementedError, RuntimeError)
MINIPY_EXCEPTION_TYPE(RecursionError, RuntimeError)
MINIPY_EXCEPTION_TYPE(SystemError, Exception)
MINIPY_EXCEPTION_TYPE(TypeError, Exception)
MINIPY_EXCEPTION_TYPE(ValueError, Exception)
MINIPY_EXCEPTION_TYPE(UnicodeError, ValueError)
MINIPY_EXCEPTION_TYPE(Warning, Exception)
MINIPY_EXCEPTION_TYPE(UserWarning, Warning)
MINIPY_EXCEPTION_TYPE(DeprecationWarning, Warning)
MINIPY_EXCEPTION_TYPE(RuntimeWarning, Warning)

PyTypeObject _PyExc_KeyError = {
    MINIPY_TYPE_OBJECT_HEAD,     .tp_name = "KeyError",          .tp_str = key_error_str,
    .tp_flags = kExceptionFlags, .tp_base = &_PyExc_LookupError, .tp_init = base_exception_init,
};

// clang-format 14 reads X(a) X(b) as a chain of calls and re-indents it differently on each
// pass (it never reaches a fixed point), so the list is laid out by hand.
// clang-format off
#define MINIPY_EXCEPTION_ALL(X)                                                                    \
    X(BaseException) X(SystemExit) X(KeyboardInterrupt) X(GeneratorExit) X(Exception)              \
    X(StopIteration) X(ArithmeticError) X(FloatingPointError) X(OverflowError)                     \
    X(ZeroDivisionError) X(AssertionError) X(AttributeError) X(BufferError) X(EOFError)            \
    X(ImportError) X(ModuleNotFoundError) X(LookupError) X(IndexError) X(KeyError)                 \
    X(MemoryError) X(NameError) X(UnboundLocalError) X(RuntimeError)                               \
    X(NotImplementedError) X(RecursionError) X(SystemError) X(TypeError)                           \
    X(ValueError) X(UnicodeError) X(Warning)                                                       \
    X(UserWarning) X(DeprecationWarning) X(RuntimeWarning)
// clang-format on

#define MINIPY_EXCEPTION_POINTER(NAME) PyObject *PyExc_##NAME = _PyObject_CAST(&_PyExc_##NAME);
MINIPY_EXCEPTION_ALL(MINIPY_EXCEPTION_POINTER)

}  // extern "C"

namespace {

// The preallocated MemoryError with the collector's header in front, zero: never tracked.
struct StaticMemoryError {
    std::uintptr_t gc_next;
    std::uintptr_t gc_prev;
    PyBaseExceptionObject exc;
};
constinit StaticMemoryError g_memory_error = {
    0, 0, {{1, &_PyExc_MemoryError}, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, 0}};

}  // namespace

namespace minipy::runtime {

PyObject *preallocated_memory_error() noexcept {
    return &g_memory_error.exc.ob_base;
}

int exceptions_init() noexcept {
    _PyExc_MemoryError.tp_new = memory_error_new;
    _PyExc_MemoryError.tp_dealloc = memory_error_dealloc;
#define MINIPY_EXCEPTION_READY(NAME) \
    if (PyType_Ready(&_PyExc_##NAME) < 0) return -1;
    MINIPY_EXCEPTION_ALL(MINIPY_EXCEPTION_READY)
#undef MINIPY_EXCEPTION_READY
    if (syntax_error_types_ready() < 0 || os_error_types_ready() < 0 ||
        unicode_error_types_ready() < 0)
        return -1;
    g_memory_error.exc.args = Py_NewRef(empty_tuple());
    return memory_errors_init();
}

void exceptions_fini() noexcept {
    memory_errors_fini();
    // What raising it attached (attributes, links) goes; the instance itself is static.
    base_exception_clear(preallocated_memory_error());
}

}  // namespace minipy::runtime

// --- The PyException_* accessors ------------------------------------------------------------

extern "C" PyObject *PyException_GetArgs(PyObject *exc) noexcept {
    return Py_NewRef(args_or_empty(exc));
}

extern "C" PyObject *PyException_GetTraceback(PyObject *exc) noexcept {
    return Py_XNewRef(as_exc(exc)->traceback);
}

extern "C" PyObject *PyException_GetContext(PyObject *exc) noexcept {
    return Py_XNewRef(as_exc(exc)->context);
}

extern "C" void PyException_SetContext(PyObject *exc, PyObject *context) noexcept {
    Py_XSETREF(as_exc(exc)->context, context);  // steals, as in CPython
}

extern "C" PyObject *PyException_GetCause(PyObject *exc) noexcept {
    return Py_XNewRef(as_exc(exc)->cause);
}

extern "C" void PyException_SetCause(PyObject *exc, PyObject *cause) noexcept {
    as_exc(exc)->suppress_context = 1;
    Py_XSETREF(as_exc(exc)->cause, cause);  // steals, as in CPython
}

extern "C" const char *PyExceptionClass_Name(PyObject *exc) noexcept {
    return reinterpret_cast<PyTypeObject *>(exc)->tp_name;
}
