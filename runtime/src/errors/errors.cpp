// The exception state of pyerrors.h. Each thread state holds one exception instance (or
// none); every function here runs with the GIL held, on the calling thread's state.
#include <cstdio>

#include "minipy/Python.h"
#include "objects/exceptions/exceptions_internal.hpp"
#include "state/runtime_state.hpp"

using namespace minipy::runtime;

namespace {

_ts *current_thread(const char *function) noexcept {
    _ts *tstate = t_current;
    if (tstate == nullptr) _Py_FatalErrorFunc(function, kNoCurrentThreadState);
    return tstate;
}

// Makes `exc` (owned, may be NULL) the current exception, dropping the one before it.
void set_current(_ts *tstate, PyObject *exc) noexcept {
    PyObject *old = tstate->curexc;
    tstate->curexc = exc;
    Py_XDECREF(old);
}

// An instance of `type` from `value`: the value itself when it is one already, else
// type(*value) for a tuple, type() for NULL/None, type(value) otherwise. NULL with the
// failure (usually MemoryError) as the current exception.
PyObject *instantiate(PyObject *type, PyObject *value) noexcept {
    if (value != nullptr && PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject *>(type)))
        return Py_NewRef(value);
    PyObject *args;
    if (value == nullptr || value == Py_None)
        args = PyTuple_New(0);
    else if (PyTuple_Check(value))
        args = Py_NewRef(value);
    else
        args = PyTuple_Pack(1, value);
    if (args == nullptr) return nullptr;
    PyObject *exc = PyType_Type.tp_call(type, args, nullptr);
    Py_DECREF(args);
    if (exc != nullptr && !PyExceptionInstance_Check(exc)) {
        PyErr_Format(PyExc_TypeError,
                     "calling %R should have returned an instance of BaseException, not %s", type,
                     Py_TYPE(exc)->tp_name);
        Py_DECREF(exc);
        return nullptr;
    }
    return exc;
}

// The exception being handled: the top of the thread's stack, skipping generator items that
// handle nothing (CPython's _PyErr_GetTopmostException). Borrowed; NULL or None when none.
PyObject *topmost_handled(_ts *tstate) noexcept {
    _PyErr_StackItem *item = tstate->fields.exc_info;
    while ((item->exc_value == nullptr || item->exc_value == Py_None) &&
           item->previous_item != nullptr)
        item = item->previous_item;
    return item->exc_value;
}

// Implicit chaining (PEP 3134): an exception raised while another is handled gets that one
// as __context__. A context chain that already leads back to `exc` is cut there, so no new
// cycle appears; a cycle that existed before is left alone (Floyd's tortoise stops the walk),
// as CPython's _PyErr_SetObject does.
void chain_handled(_ts *tstate, PyObject *exc) noexcept {
    PyObject *handled = topmost_handled(tstate);
    if (handled == nullptr || handled == Py_None || handled == exc) return;
    PyObject *o = handled;
    PyObject *slow = o;
    bool advance_slow = false;
    for (;;) {
        PyObject *context = reinterpret_cast<PyBaseExceptionObject *>(o)->context;
        if (context == nullptr) break;
        if (context == exc) {
            PyException_SetContext(o, nullptr);
            break;
        }
        o = context;
        if (o == slow) break;
        if (advance_slow) slow = reinterpret_cast<PyBaseExceptionObject *>(slow)->context;
        advance_slow = !advance_slow;
    }
    PyException_SetContext(exc, Py_NewRef(handled));
}

void print_exception_line(PyObject *exc) noexcept {
    PyObject *text = PyObject_Str(exc);
    const char *message = text != nullptr ? PyUnicode_AsUTF8(text) : nullptr;
    const char *name = _PyType_Name(Py_TYPE(exc));
    if (message == nullptr) {
        PyErr_Clear();
        std::fprintf(stderr, "%s: <exception str() failed>\n", name);
    } else if (message[0] == '\0') {
        std::fprintf(stderr, "%s\n", name);
    } else {
        std::fprintf(stderr, "%s: %s\n", name, message);
    }
    Py_XDECREF(text);
}

}  // namespace

extern "C" void PyErr_SetObject(PyObject *type, PyObject *value) noexcept {
    _ts *tstate = current_thread("PyErr_SetObject");
    if (type != nullptr && !PyExceptionClass_Check(type)) {
        PyErr_Format(PyExc_SystemError,
                     "_PyErr_SetObject: exception %R is not a BaseException subclass", type);
        return;
    }
    if (type == nullptr) {
        set_current(tstate, nullptr);
        return;
    }
    PyObject *exc = instantiate(type, value);
    if (exc == nullptr) return;  // the failure to create it is the exception now
    chain_handled(tstate, exc);
    set_current(tstate, exc);
}

extern "C" PyObject *PyErr_GetHandledException(void) noexcept {
    PyObject *exc = topmost_handled(current_thread("PyErr_GetHandledException"));
    if (exc == nullptr || exc == Py_None) return nullptr;
    return Py_NewRef(exc);
}

extern "C" void PyErr_SetHandledException(PyObject *exc) noexcept {
    _ts *tstate = current_thread("PyErr_SetHandledException");
    PyObject *value = exc != nullptr && exc != Py_None ? Py_NewRef(exc) : nullptr;
    Py_XSETREF(tstate->fields.exc_info->exc_value, value);
}

extern "C" void PyErr_SetNone(PyObject *type) noexcept {
    PyErr_SetObject(type, nullptr);
}

extern "C" void PyErr_SetString(PyObject *type, const char *message) noexcept {
    PyObject *text = PyUnicode_FromString(message);
    if (text == nullptr) return;
    PyErr_SetObject(type, text);
    Py_DECREF(text);
}

extern "C" PyObject *PyErr_FormatV(PyObject *type, const char *format, va_list vargs) noexcept {
    // Formatting (%R, %S) may call code that looks at the error state: start clean.
    PyErr_Clear();
    PyObject *text = PyUnicode_FromFormatV(format, vargs);
    if (text != nullptr) {
        PyErr_SetObject(type, text);
        Py_DECREF(text);
    }
    return nullptr;
}

extern "C" PyObject *PyErr_Format(PyObject *type, const char *format, ...) noexcept {
    va_list vargs;
    va_start(vargs, format);
    PyErr_FormatV(type, format, vargs);
    va_end(vargs);
    return nullptr;
}

extern "C" PyObject *PyErr_Occurred(void) noexcept {
    _ts *tstate = t_current;
    if (tstate == nullptr || tstate->curexc == nullptr) return nullptr;
    return _PyObject_CAST(Py_TYPE(tstate->curexc));
}

extern "C" void PyErr_Clear(void) noexcept {
    _ts *tstate = t_current;
    if (tstate != nullptr) set_current(tstate, nullptr);
}

extern "C" PyObject *PyErr_GetRaisedException(void) noexcept {
    _ts *tstate = current_thread("PyErr_GetRaisedException");
    PyObject *exc = tstate->curexc;
    tstate->curexc = nullptr;
    return exc;
}

extern "C" void PyErr_SetRaisedException(PyObject *exc) noexcept {
    set_current(current_thread("PyErr_SetRaisedException"), exc);
}

extern "C" void PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback) noexcept {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) {
        *ptype = *pvalue = *ptraceback = nullptr;
        return;
    }
    *ptype = Py_NewRef(Py_TYPE(exc));
    *pvalue = exc;
    *ptraceback = Py_XNewRef(reinterpret_cast<PyBaseExceptionObject *>(exc)->traceback);
}

extern "C" void PyErr_Restore(PyObject *type, PyObject *value, PyObject *traceback) noexcept {
    _ts *tstate = current_thread("PyErr_Restore");
    if (type == nullptr) {
        Py_XDECREF(value);
        Py_XDECREF(traceback);
        set_current(tstate, nullptr);
        return;
    }
    // Restore takes what Fetch gave, or a (type, value) pair still to be normalized.
    PyObject *exc = PyExceptionClass_Check(type) ? instantiate(type, value) : nullptr;
    Py_DECREF(type);
    Py_XDECREF(value);
    if (exc == nullptr) {
        Py_XDECREF(traceback);
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "PyErr_Restore: not an exception type");
        return;
    }
    if (traceback != nullptr)
        Py_XSETREF(reinterpret_cast<PyBaseExceptionObject *>(exc)->traceback, traceback);
    set_current(tstate, exc);
}

extern "C" void PyErr_NormalizeException(PyObject **ptype, PyObject **pvalue,
                                         PyObject **) noexcept {
    if (*ptype == nullptr || !PyExceptionClass_Check(*ptype)) return;
    if (*pvalue != nullptr && PyObject_TypeCheck(*pvalue, reinterpret_cast<PyTypeObject *>(*ptype)))
        return;
    // Creating the instance must not disturb an exception the caller has fetched and holds.
    PyObject *saved = PyErr_GetRaisedException();
    PyObject *exc = instantiate(*ptype, *pvalue);
    if (exc == nullptr) {
        // The failure replaces what was being normalized, as in CPython.
        exc = PyErr_GetRaisedException();
    }
    PyErr_SetRaisedException(saved);
    Py_XDECREF(*pvalue);
    Py_SETREF(*ptype, Py_NewRef(Py_TYPE(exc)));
    *pvalue = exc;
}

extern "C" int PyErr_GivenExceptionMatches(PyObject *given, PyObject *exc) noexcept {
    if (given == nullptr || exc == nullptr) return 0;
    if (PyTuple_Check(exc)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(exc); ++i)
            if (PyErr_GivenExceptionMatches(given, PyTuple_GET_ITEM(exc, i))) return 1;
        return 0;
    }
    if (PyExceptionInstance_Check(given)) given = PyExceptionInstance_Class(given);
    if (PyExceptionClass_Check(given) && PyExceptionClass_Check(exc))
        return PyType_IsSubtype(reinterpret_cast<PyTypeObject *>(given),
                                reinterpret_cast<PyTypeObject *>(exc));
    return given == exc;
}

extern "C" int PyErr_ExceptionMatches(PyObject *exc) noexcept {
    return PyErr_GivenExceptionMatches(PyErr_Occurred(), exc);
}

extern "C" PyObject *PyErr_NoMemory(void) noexcept {
    // No allocation here: a fresh instance from MemoryError's free list, filled at start-up,
    // or the static one once the list is empty.
    set_current(current_thread("PyErr_NoMemory"), memory_error_to_raise());
    return nullptr;
}

extern "C" int PyErr_BadArgument(void) noexcept {
    PyErr_SetString(PyExc_TypeError, "bad argument type for built-in operation");
    return 0;
}

extern "C" void _PyErr_BadInternalCall(const char *filename, int lineno) noexcept {
    PyErr_Format(PyExc_SystemError, "%s:%d: bad argument to internal function", filename, lineno);
}

namespace {
minipy_print_exception_hook g_print_exception_hook = nullptr;
}  // namespace

extern "C" void minipy_set_print_exception_hook(minipy_print_exception_hook hook) noexcept {
    g_print_exception_hook = hook;
}

extern "C" void PyErr_PrintEx(int) noexcept {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) return;
    if (g_print_exception_hook != nullptr)
        g_print_exception_hook(exc);
    else
        print_exception_line(exc);
    Py_DECREF(exc);
}

extern "C" void PyErr_Print(void) noexcept {
    PyErr_PrintEx(1);
}

extern "C" void PyErr_WriteUnraisable(PyObject *obj) noexcept {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) return;
    if (obj != nullptr) {
        PyObject *repr = PyObject_Repr(obj);
        const char *text = repr != nullptr ? PyUnicode_AsUTF8(repr) : nullptr;
        if (text == nullptr) PyErr_Clear();
        std::fprintf(stderr, "Exception ignored in: %s\n",
                     text != nullptr ? text : "<object repr() failed>");
        Py_XDECREF(repr);
    }
    print_exception_line(exc);
    Py_DECREF(exc);
}
