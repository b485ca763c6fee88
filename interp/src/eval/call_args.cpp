// Binding a call's arguments to a new frame's parameters: positional, *args, keywords,
// **kwargs, defaults and keyword-only defaults, with CPython 3.11's TypeError messages
// (Python/ceval.c's initialize_locals, too_many_positional, missing_arguments,
// positional_only_passed_as_keyword).
#include "eval/ceval.hpp"
#include "objects/function_object.hpp"

namespace minipy::eval {

namespace {

PyObject *qualname_of(PyFunctionObject *func) noexcept {
    return func->func_qualname;
}

// "'a', 'b' and 'c'" for the names in `names` (a list).
PyObject *format_name_list(PyObject *names) noexcept {
    const Py_ssize_t n = PyList_GET_SIZE(names);
    PyObject *result = nullptr;
    if (n == 1) return PyUnicode_FromFormat("'%U'", PyList_GET_ITEM(names, 0));
    if (n == 2)
        return PyUnicode_FromFormat("'%U' and '%U'", PyList_GET_ITEM(names, 0),
                                    PyList_GET_ITEM(names, 1));
    result = PyUnicode_FromString("");
    for (Py_ssize_t i = 0; i < n && result != nullptr; ++i) {
        PyObject *part = i == n - 1 ? PyUnicode_FromFormat("and '%U'", PyList_GET_ITEM(names, i))
                                    : PyUnicode_FromFormat("'%U', ", PyList_GET_ITEM(names, i));
        if (part == nullptr) {
            Py_CLEAR(result);
            break;
        }
        PyObject *joined = PyUnicode_Concat(result, part);
        Py_DECREF(part);
        Py_SETREF(result, joined);
    }
    return result;
}

void missing_arguments(PyFunctionObject *func, PyCodeObject *co, InterpFrame *frame, int start,
                       int end, bool positional, PyObject *defaults_or_kw) noexcept {
    PyObject *missing = PyList_New(0);
    if (missing == nullptr) return;
    const Py_ssize_t ndefaults =
        positional && defaults_or_kw != nullptr ? PyTuple_GET_SIZE(defaults_or_kw) : 0;
    for (int i = start; i < end; ++i) {
        if (frame->localsplus[i] != nullptr) continue;
        if (positional && i >= end - ndefaults) continue;
        PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, i);
        if (!positional && defaults_or_kw != nullptr) {
            PyObject *def = PyDict_GetItemWithError(defaults_or_kw, name);
            if (def != nullptr) continue;
            if (PyErr_Occurred()) {
                Py_DECREF(missing);
                return;
            }
        }
        if (PyList_Append(missing, name) < 0) {
            Py_DECREF(missing);
            return;
        }
    }
    const Py_ssize_t n = PyList_GET_SIZE(missing);
    PyObject *list = format_name_list(missing);
    if (list != nullptr) {
        PyErr_Format(PyExc_TypeError, "%U() missing %zd required %s argument%s: %U",
                     qualname_of(func), n, positional ? "positional" : "keyword-only",
                     n == 1 ? "" : "s", list);
        Py_DECREF(list);
    }
    Py_DECREF(missing);
}

void too_many_positional(PyFunctionObject *func, PyCodeObject *co, InterpFrame *frame,
                         Py_ssize_t given, PyObject *defaults) noexcept {
    const int argcount = co->co_argcount;
    Py_ssize_t kwonly_given = 0;
    for (int i = argcount; i < argcount + co->co_kwonlyargcount; ++i)
        if (frame->localsplus[i] != nullptr) ++kwonly_given;
    const Py_ssize_t ndefaults = defaults != nullptr ? PyTuple_GET_SIZE(defaults) : 0;
    PyObject *sig = nullptr;
    bool plural;
    if (ndefaults > 0) {
        sig = PyUnicode_FromFormat("from %zd to %d", argcount - ndefaults, argcount);
        plural = true;
    } else {
        sig = PyUnicode_FromFormat("%d", argcount);
        plural = argcount != 1;
    }
    if (sig == nullptr) return;
    PyObject *kwonly_sig = nullptr;
    if (kwonly_given > 0)
        kwonly_sig =
            PyUnicode_FromFormat(" positional argument%s (and %zd keyword-only argument%s)",
                                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    else
        kwonly_sig = PyUnicode_FromString("");
    if (kwonly_sig != nullptr) {
        PyErr_Format(PyExc_TypeError, "%U() takes %U positional argument%s but %zd%U %s given",
                     qualname_of(func), sig, plural ? "s" : "", given, kwonly_sig,
                     given == 1 && kwonly_given == 0 ? "was" : "were");
        Py_DECREF(kwonly_sig);
    }
    Py_DECREF(sig);
}

int bind_keyword(PyFunctionObject *func, PyCodeObject *co, InterpFrame *frame, PyObject *name,
                 PyObject *value, PyObject *kwdict) noexcept {
    const int total = co->co_argcount + co->co_kwonlyargcount;
    int found = -1;
    for (int j = co->co_posonlyargcount; j < total; ++j) {
        PyObject *pname = PyTuple_GET_ITEM(co->co_localsplusnames, j);
        if (pname == name) {
            found = j;
            break;
        }
    }
    if (found < 0) {
        for (int j = co->co_posonlyargcount; j < total; ++j) {
            const int eq =
                PyObject_RichCompareBool(PyTuple_GET_ITEM(co->co_localsplusnames, j), name, Py_EQ);
            if (eq < 0) return -1;
            if (eq > 0) {
                found = j;
                break;
            }
        }
    }
    if (found < 0) {
        if (kwdict == nullptr) {
            // A positional-only parameter of that name gets its own message.
            for (int j = 0; j < co->co_posonlyargcount; ++j) {
                if (PyObject_RichCompareBool(PyTuple_GET_ITEM(co->co_localsplusnames, j), name,
                                             Py_EQ) > 0) {
                    PyErr_Format(
                        PyExc_TypeError,
                        "%U() got some positional-only arguments passed as keyword arguments: '%U'",
                        qualname_of(func), name);
                    return -1;
                }
            }
            PyErr_Format(PyExc_TypeError, "%U() got an unexpected keyword argument '%U'",
                         qualname_of(func), name);
            return -1;
        }
        return PyDict_SetItem(kwdict, name, value);
    }
    if (frame->localsplus[found] != nullptr) {
        PyErr_Format(PyExc_TypeError, "%U() got multiple values for argument '%U'",
                     qualname_of(func), name);
        return -1;
    }
    frame->localsplus[found] = Py_NewRef(value);
    return 0;
}

int bind_arguments(PyFunctionObject *func, InterpFrame *frame, PyObject *const *args,
                   Py_ssize_t argcount, PyObject *kwnames) noexcept {
    auto *co = reinterpret_cast<PyCodeObject *>(func->func_code);
    const int co_argcount = co->co_argcount;
    const int total = co_argcount + co->co_kwonlyargcount;
    PyObject **locals = frame->localsplus;
    PyObject *kwdict = nullptr;
    int next = total;
    if (co->co_flags & CO_VARARGS) next++;
    if (co->co_flags & CO_VARKEYWORDS) {
        kwdict = PyDict_New();
        if (kwdict == nullptr) return -1;
        locals[next] = kwdict;
    }
    const Py_ssize_t n = argcount < co_argcount ? argcount : co_argcount;
    for (Py_ssize_t i = 0; i < n; ++i) locals[i] = Py_NewRef(args[i]);
    if (co->co_flags & CO_VARARGS) {
        PyObject *rest = argcount > n ? PyTuple_New(argcount - n) : PyTuple_New(0);
        if (rest == nullptr) return -1;
        for (Py_ssize_t i = n; i < argcount; ++i) PyTuple_SET_ITEM(rest, i - n, Py_NewRef(args[i]));
        locals[total] = rest;
    }
    if (kwnames != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i) {
            if (bind_keyword(func, co, frame, PyTuple_GET_ITEM(kwnames, i), args[argcount + i],
                             kwdict) < 0)
                return -1;
        }
    }
    if (argcount > co_argcount && !(co->co_flags & CO_VARARGS)) {
        too_many_positional(func, co, frame, argcount, func->func_defaults);
        return -1;
    }
    if (argcount < co_argcount) {
        PyObject *defaults = func->func_defaults;
        const Py_ssize_t ndefaults = defaults != nullptr ? PyTuple_GET_SIZE(defaults) : 0;
        const Py_ssize_t first_default = co_argcount - ndefaults;
        for (Py_ssize_t i = argcount; i < first_default; ++i) {
            if (locals[i] == nullptr) {
                missing_arguments(func, co, frame, static_cast<int>(argcount), co_argcount, true,
                                  defaults);
                return -1;
            }
        }
        for (Py_ssize_t i = first_default > argcount ? first_default : argcount; i < co_argcount;
             ++i) {
            if (locals[i] == nullptr)
                locals[i] = Py_NewRef(PyTuple_GET_ITEM(defaults, i - first_default));
        }
    }
    if (co->co_kwonlyargcount > 0) {
        bool missing = false;
        for (int i = co_argcount; i < total; ++i) {
            if (locals[i] != nullptr) continue;
            PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, i);
            if (func->func_kwdefaults != nullptr) {
                PyObject *def = PyDict_GetItemWithError(func->func_kwdefaults, name);
                if (def != nullptr) {
                    locals[i] = Py_NewRef(def);
                    continue;
                }
                if (PyErr_Occurred()) return -1;
            }
            missing = true;
        }
        if (missing) {
            missing_arguments(func, co, frame, co_argcount, total, false, func->func_kwdefaults);
            return -1;
        }
    }
    return 0;
}

}  // namespace

InterpFrame *push_function_frame(ThreadFrames *tf, PyFunctionObject *func, PyObject *const *args,
                                 Py_ssize_t nargs, PyObject *kwnames) noexcept {
    auto *co = reinterpret_cast<PyCodeObject *>(func->func_code);
    InterpFrame *frame = push_frame_words(tf, co->co_framesize);
    if (frame == nullptr) return nullptr;
    init_frame(frame, func, nullptr);
    if (bind_arguments(func, frame, args, nargs, kwnames) < 0) {
        discard_frame(tf, frame);
        return nullptr;
    }
    return frame;
}

InterpFrame *push_code_frame(ThreadFrames *tf, PyFunctionObject *func, PyObject *locals) noexcept {
    auto *co = reinterpret_cast<PyCodeObject *>(func->func_code);
    InterpFrame *frame = push_frame_words(tf, co->co_framesize);
    if (frame == nullptr) return nullptr;
    init_frame(frame, func, locals);
    if (bind_arguments(func, frame, nullptr, 0, nullptr) < 0) {
        discard_frame(tf, frame);
        return nullptr;
    }
    return frame;
}

void discard_frame(ThreadFrames *tf, InterpFrame *frame) noexcept {
    clear_frame(frame);
    pop_frame_words(tf, frame);
}

void leave_frame(ThreadFrames *tf, InterpFrame *frame) noexcept {
    if (frame->owner == kOwnedByThread)
        discard_frame(tf, frame);
    else
        clear_frame(frame);
}

}  // namespace minipy::eval
