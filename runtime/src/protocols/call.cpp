// Calling objects (CPython 3.11, Objects/call.c): PyObject_Call and the convenience forms
// built on it. A callable whose type sets Py_TPFLAGS_HAVE_VECTORCALL and keeps a vectorcall
// function at tp_vectorcall_offset (the interpreter's functions, bound methods) is called
// through it by the vectorcall entry points, with the caller's C array and no tuple; every
// other call ends in the type's tp_call(callable, args, kwargs) with a tuple and an optional
// dict, which the vectorcall entry points gather first.
//
// The recursion limit is counted where CPython counts it: around a tp_call (" while calling
// a Python object"), not around a vectorcall function, which counts for itself (a Python
// function's frame does).
//
// The forms and what they build:
//   PyObject_CallObject(c, args)           args or ()
//   PyObject_CallNoArgs / CallOneArg       () / (arg,)
//   PyObject_CallFunction(c, fmt, ...)     Py_VaBuildValue(fmt): a tuple is the argument
//                                          list, anything else the single argument
//   PyObject_CallMethod(o, "name", ...)    the same, on getattr(o, "name")
//   PyObject_Call{Function,Method}ObjArgs  the PyObject * arguments up to a NULL
//   PyObject_Vectorcall*                   args[0..n) and kwnames' values after them
//
// A tp_call must return a result with no exception set, or NULL with one set; anything
// else is a bug in the callee, reported as SystemError as CPython does
// (_Py_CheckFunctionResult).
#include <cstdarg>
#include <cstring>

#include "protocols/abstract_internal.hpp"

using minipy::runtime::null_argument_error;

namespace minipy::runtime {

PyObject *not_callable_error(PyObject *callable) noexcept {
    return type_name_error("'%.200s' object is not callable", callable);
}

}  // namespace minipy::runtime

namespace {

// Replaces the current exception with SystemError `message`, chaining the old one as its
// cause (what raise ... from does), so that the callee's stray error is still visible.
void system_error_from_current(PyObject *callable, const char *message) noexcept {
    PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    PyErr_Format(PyExc_SystemError, message, callable);
    if (value == nullptr) {
        Py_XDECREF(type);
        Py_XDECREF(traceback);
        return;
    }
    PyObject *new_type = nullptr, *new_value = nullptr, *new_traceback = nullptr;
    PyErr_Fetch(&new_type, &new_value, &new_traceback);
    PyErr_NormalizeException(&new_type, &new_value, &new_traceback);
    if (new_value != nullptr) {
        PyException_SetCause(new_value, Py_NewRef(value));
        PyException_SetContext(new_value, Py_NewRef(value));
    }
    PyErr_Restore(new_type, new_value, new_traceback);
    Py_XDECREF(type);
    Py_DECREF(value);
    Py_XDECREF(traceback);
}

PyObject *check_function_result(PyObject *callable, PyObject *result) noexcept {
    if (result == nullptr) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SystemError, "%R returned NULL without setting an exception",
                         callable);
        }
        return nullptr;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        system_error_from_current(callable, "%R returned a result with an exception set");
        return nullptr;
    }
    return result;
}

// The vectorcall function of `callable`, or NULL when its type has none (PyVectorcall_Function).
vectorcallfunc vectorcall_of(PyObject *callable) noexcept {
    PyTypeObject *type = Py_TYPE(callable);
    if (!(type->tp_flags & Py_TPFLAGS_HAVE_VECTORCALL) || type->tp_vectorcall_offset <= 0)
        return nullptr;
    vectorcallfunc func = nullptr;
    std::memcpy(&func, reinterpret_cast<char *>(callable) + type->tp_vectorcall_offset,
                sizeof func);
    return func;
}

// func(callable, args..., **kwdict): the dict's items become keyword names and values after
// the positional arguments (CPython's _PyStack_UnpackDict).
PyObject *vectorcall_with_dict(vectorcallfunc func, PyObject *callable, PyObject *const *args,
                               size_t nargsf, PyObject *kwdict) noexcept {
    const Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    const Py_ssize_t nkw = PyDict_Size(kwdict);
    PyObject *kwnames = PyTuple_New(nkw);
    if (kwnames == nullptr) return nullptr;
    auto **stack = static_cast<PyObject **>(
        PyMem_Malloc(sizeof(PyObject *) * static_cast<size_t>(nargs + nkw + 1)));
    if (stack == nullptr) {
        Py_DECREF(kwnames);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) stack[i] = args[i];
    Py_ssize_t pos = 0;
    Py_ssize_t i = 0;
    PyObject *key = nullptr;
    PyObject *value = nullptr;
    // The values are held: the call may change the dict.
    while (PyDict_Next(kwdict, &pos, &key, &value) && i < nkw) {
        PyTuple_SET_ITEM(kwnames, i, Py_NewRef(key));
        stack[nargs + i] = Py_NewRef(value);
        ++i;
    }
    PyObject *result = func(callable, stack, static_cast<size_t>(nargs), kwnames);
    for (Py_ssize_t k = 0; k < i; ++k) Py_DECREF(stack[nargs + k]);
    PyMem_Free(stack);
    Py_DECREF(kwnames);
    return result;
}

// The one place that runs a tp_call. A type with vectorcall converts the tuple back in its
// tp_call (PyVectorcall_Call's work) and counts no C recursion of its own.
PyObject *call_slot(PyObject *callable, PyObject *args, PyObject *kwargs) noexcept {
    ternaryfunc call = Py_TYPE(callable)->tp_call;
    if (call == nullptr) return minipy::runtime::not_callable_error(callable);
    if (vectorcall_of(callable) != nullptr)
        return check_function_result(callable, call(callable, args, kwargs));
    if (Py_EnterRecursiveCall(" while calling a Python object")) return nullptr;
    PyObject *result = call(callable, args, kwargs);
    Py_LeaveRecursiveCall();
    return check_function_result(callable, result);
}

// A tuple of args[0..n), new references to the items.
PyObject *tuple_from_array(PyObject *const *args, Py_ssize_t n) noexcept {
    PyObject *tuple = PyTuple_New(n);
    if (tuple == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    return tuple;
}

// Calls `callable` with the objects of `va` up to a NULL.
PyObject *call_with_va_objects(PyObject *callable, va_list va) noexcept {
    if (callable == nullptr) return null_argument_error();
    va_list count_va;
    va_copy(count_va, va);
    Py_ssize_t n = 0;
    while (va_arg(count_va, PyObject *) != nullptr) ++n;
    va_end(count_va);
    constexpr Py_ssize_t kSmall = 8;
    if (vectorcallfunc call = vectorcall_of(callable); call != nullptr && n < kSmall) {
        PyObject *stack[kSmall] = {};  // stack[0]: free for a bound method's self
        for (Py_ssize_t i = 0; i < n; ++i) stack[i + 1] = va_arg(va, PyObject *);
        return check_function_result(
            callable, call(callable, stack + 1,
                           static_cast<size_t>(n) | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr));
    }
    PyObject *args = PyTuple_New(n);
    if (args == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) PyTuple_SET_ITEM(args, i, Py_NewRef(va_arg(va, PyObject *)));
    PyObject *result = call_slot(callable, args, nullptr);
    Py_DECREF(args);
    return result;
}

// Calls `callable` with the arguments Py_VaBuildValue(format, va) makes.
PyObject *call_with_format(PyObject *callable, const char *format, va_list va) noexcept {
    if (callable == nullptr) return null_argument_error();
    if (format == nullptr || *format == '\0') return PyObject_CallNoArgs(callable);
    PyObject *built = Py_VaBuildValue(format, va);
    if (built == nullptr) return nullptr;
    // "O" with a tuple and "(OO)" both mean: these are the arguments.
    PyObject *result;
    if (PyTuple_Check(built)) {
        result = call_slot(callable, built, nullptr);
    } else {
        PyObject *args = PyTuple_Pack(1, built);
        result = args != nullptr ? call_slot(callable, args, nullptr) : nullptr;
        Py_XDECREF(args);
    }
    Py_DECREF(built);
    return result;
}

PyObject *call_method_with_format(PyObject *obj, const char *name, const char *format,
                                  va_list va) noexcept {
    if (obj == nullptr || name == nullptr) return null_argument_error();
    PyObject *callable = PyObject_GetAttrString(obj, name);
    if (callable == nullptr) return nullptr;
    PyObject *result;
    if (!PyCallable_Check(callable)) {
        PyErr_Format(PyExc_TypeError, "attribute of type '%.200s' is not callable",
                     Py_TYPE(callable)->tp_name);
        result = nullptr;
    } else {
        result = call_with_format(callable, format, va);
    }
    Py_DECREF(callable);
    return result;
}

// The dict {kwnames[i]: values[i]}, or NULL (no error) when kwnames is NULL or empty.
bool dict_from_kwnames(PyObject *kwnames, PyObject *const *values, PyObject **dict) noexcept {
    *dict = nullptr;
    const Py_ssize_t n = kwnames != nullptr ? PyTuple_Size(kwnames) : 0;
    if (n <= 0) return true;
    PyObject *kwargs = PyDict_New();
    if (kwargs == nullptr) return false;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i), values[i]) < 0) {
            Py_DECREF(kwargs);
            return false;
        }
    }
    *dict = kwargs;
    return true;
}

}  // namespace

extern "C" PyObject *PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs) noexcept {
    if (callable == nullptr || args == nullptr) return null_argument_error();
    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_TypeError, "argument list must be a tuple");
        return nullptr;
    }
    if (kwargs != nullptr && !PyDict_Check(kwargs)) {
        PyErr_SetString(PyExc_TypeError, "keyword list must be a dictionary");
        return nullptr;
    }
    return call_slot(callable, args, kwargs);
}

extern "C" PyObject *PyObject_CallObject(PyObject *callable, PyObject *args) noexcept {
    if (callable == nullptr) return null_argument_error();
    if (args == nullptr) return PyObject_CallNoArgs(callable);
    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_TypeError, "argument list must be a tuple");
        return nullptr;
    }
    return call_slot(callable, args, nullptr);
}

extern "C" PyObject *PyObject_CallNoArgs(PyObject *func) noexcept {
    if (func == nullptr) return null_argument_error();
    if (vectorcallfunc call = vectorcall_of(func); call != nullptr)
        return check_function_result(func, call(func, nullptr, 0, nullptr));
    PyObject *args = PyTuple_New(0);
    if (args == nullptr) return nullptr;
    PyObject *result = call_slot(func, args, nullptr);
    Py_DECREF(args);
    return result;
}

extern "C" PyObject *PyObject_CallOneArg(PyObject *func, PyObject *arg) noexcept {
    if (func == nullptr || arg == nullptr) return null_argument_error();
    if (vectorcallfunc call = vectorcall_of(func); call != nullptr) {
        // The slot before the argument is free for a bound method's self.
        PyObject *stack[2] = {nullptr, arg};
        return check_function_result(
            func, call(func, stack + 1, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr));
    }
    PyObject *args = PyTuple_Pack(1, arg);
    if (args == nullptr) return nullptr;
    PyObject *result = call_slot(func, args, nullptr);
    Py_DECREF(args);
    return result;
}

extern "C" PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    PyObject *result = call_with_format(callable, format, va);
    va_end(va);
    return result;
}

extern "C" PyObject *_PyObject_CallFunction_SizeT(PyObject *callable, const char *format,
                                                  ...) noexcept {
    va_list va;
    va_start(va, format);
    PyObject *result = call_with_format(callable, format, va);
    va_end(va);
    return result;
}

extern "C" PyObject *PyObject_CallMethod(PyObject *obj, const char *name, const char *format,
                                         ...) noexcept {
    va_list va;
    va_start(va, format);
    PyObject *result = call_method_with_format(obj, name, format, va);
    va_end(va);
    return result;
}

extern "C" PyObject *_PyObject_CallMethod_SizeT(PyObject *obj, const char *name, const char *format,
                                                ...) noexcept {
    va_list va;
    va_start(va, format);
    PyObject *result = call_method_with_format(obj, name, format, va);
    va_end(va);
    return result;
}

extern "C" PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...) noexcept {
    va_list va;
    va_start(va, callable);
    PyObject *result = call_with_va_objects(callable, va);
    va_end(va);
    return result;
}

extern "C" PyObject *PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...) noexcept {
    if (obj == nullptr || name == nullptr) return null_argument_error();
    PyObject *callable = PyObject_GetAttr(obj, name);
    if (callable == nullptr) return nullptr;
    va_list va;
    va_start(va, name);
    PyObject *result = call_with_va_objects(callable, va);
    va_end(va);
    Py_DECREF(callable);
    return result;
}

extern "C" PyObject *PyObject_CallMethodNoArgs(PyObject *self, PyObject *name) noexcept {
    if (self == nullptr || name == nullptr) return null_argument_error();
    PyObject *callable = PyObject_GetAttr(self, name);
    if (callable == nullptr) return nullptr;
    PyObject *result = PyObject_CallNoArgs(callable);
    Py_DECREF(callable);
    return result;
}

extern "C" PyObject *PyObject_CallMethodOneArg(PyObject *self, PyObject *name,
                                               PyObject *arg) noexcept {
    if (self == nullptr || name == nullptr || arg == nullptr) return null_argument_error();
    PyObject *callable = PyObject_GetAttr(self, name);
    if (callable == nullptr) return nullptr;
    PyObject *result = PyObject_CallOneArg(callable, arg);
    Py_DECREF(callable);
    return result;
}

extern "C" PyObject *PyObject_VectorcallDict(PyObject *callable, PyObject *const *args,
                                             size_t nargsf, PyObject *kwdict) noexcept {
    if (callable == nullptr) return null_argument_error();
    if (vectorcallfunc func = vectorcall_of(callable); func != nullptr) {
        if (kwdict == nullptr || PyDict_Size(kwdict) == 0)
            return check_function_result(callable, func(callable, args, nargsf, nullptr));
        return check_function_result(callable,
                                     vectorcall_with_dict(func, callable, args, nargsf, kwdict));
    }
    PyObject *tuple = tuple_from_array(args, PyVectorcall_NARGS(nargsf));
    if (tuple == nullptr) return nullptr;
    // An empty dict is no keywords, as for CPython's tp_call-based fallback.
    PyObject *kwargs = kwdict != nullptr && PyDict_Size(kwdict) > 0 ? kwdict : nullptr;
    PyObject *result = call_slot(callable, tuple, kwargs);
    Py_DECREF(tuple);
    return result;
}

extern "C" PyObject *PyObject_Vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf,
                                         PyObject *kwnames) noexcept {
    if (callable == nullptr) return null_argument_error();
    if (vectorcallfunc func = vectorcall_of(callable); func != nullptr)
        return check_function_result(callable, func(callable, args, nargsf, kwnames));
    const Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject *kwargs = nullptr;
    if (!dict_from_kwnames(kwnames, args + nargs, &kwargs)) return nullptr;
    PyObject *tuple = tuple_from_array(args, nargs);
    PyObject *result = tuple != nullptr ? call_slot(callable, tuple, kwargs) : nullptr;
    Py_XDECREF(tuple);
    Py_XDECREF(kwargs);
    return result;
}

extern "C" PyObject *PyObject_VectorcallMethod(PyObject *name, PyObject *const *args, size_t nargsf,
                                               PyObject *kwnames) noexcept {
    const Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (name == nullptr || args == nullptr || nargs < 1 || args[0] == nullptr)
        return null_argument_error();
    PyObject *callable = PyObject_GetAttr(args[0], name);
    if (callable == nullptr) return nullptr;
    PyObject *result =
        PyObject_Vectorcall(callable, args + 1, static_cast<size_t>(nargs - 1), kwnames);
    Py_DECREF(callable);
    return result;
}
