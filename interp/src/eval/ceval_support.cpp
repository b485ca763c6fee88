// What the eval loop's instructions call out of line: operators by BINARY_OP's oparg, raise,
// unpacking, formatting, name lookups and their errors, calls with *args / **kwargs, `with`,
// MAKE_FUNCTION. CPython 3.11's Python/ceval.c gives the semantics and the messages.
#include "code/opcode.hpp"
#include "eval/ceval.hpp"
#include "objects/function_object.hpp"
#include "run/interp_state.hpp"

namespace minipy::eval {

using namespace minipy::code;

PyObject *binary_op(int oparg, PyObject *lhs, PyObject *rhs) noexcept {
    switch (oparg) {
    case NB_ADD: return PyNumber_Add(lhs, rhs);
    case NB_AND: return PyNumber_And(lhs, rhs);
    case NB_FLOOR_DIVIDE: return PyNumber_FloorDivide(lhs, rhs);
    case NB_LSHIFT: return PyNumber_Lshift(lhs, rhs);
    case NB_MATRIX_MULTIPLY: return PyNumber_MatrixMultiply(lhs, rhs);
    case NB_MULTIPLY: return PyNumber_Multiply(lhs, rhs);
    case NB_REMAINDER: return PyNumber_Remainder(lhs, rhs);
    case NB_OR: return PyNumber_Or(lhs, rhs);
    case NB_POWER: return PyNumber_Power(lhs, rhs, Py_None);
    case NB_RSHIFT: return PyNumber_Rshift(lhs, rhs);
    case NB_SUBTRACT: return PyNumber_Subtract(lhs, rhs);
    case NB_TRUE_DIVIDE: return PyNumber_TrueDivide(lhs, rhs);
    case NB_XOR: return PyNumber_Xor(lhs, rhs);
    case NB_INPLACE_ADD: return PyNumber_InPlaceAdd(lhs, rhs);
    case NB_INPLACE_AND: return PyNumber_InPlaceAnd(lhs, rhs);
    case NB_INPLACE_FLOOR_DIVIDE: return PyNumber_InPlaceFloorDivide(lhs, rhs);
    case NB_INPLACE_LSHIFT: return PyNumber_InPlaceLshift(lhs, rhs);
    case NB_INPLACE_MATRIX_MULTIPLY: return PyNumber_InPlaceMatrixMultiply(lhs, rhs);
    case NB_INPLACE_MULTIPLY: return PyNumber_InPlaceMultiply(lhs, rhs);
    case NB_INPLACE_REMAINDER: return PyNumber_InPlaceRemainder(lhs, rhs);
    case NB_INPLACE_OR: return PyNumber_InPlaceOr(lhs, rhs);
    case NB_INPLACE_POWER: return PyNumber_InPlacePower(lhs, rhs, Py_None);
    case NB_INPLACE_RSHIFT: return PyNumber_InPlaceRshift(lhs, rhs);
    case NB_INPLACE_SUBTRACT: return PyNumber_InPlaceSubtract(lhs, rhs);
    case NB_INPLACE_TRUE_DIVIDE: return PyNumber_InPlaceTrueDivide(lhs, rhs);
    case NB_INPLACE_XOR: return PyNumber_InPlaceXor(lhs, rhs);
    default: PyErr_SetString(PyExc_SystemError, "BINARY_OP: bad oparg"); return nullptr;
    }
}

namespace {

// An exception instance from a class or an instance (calling the class); NULL with TypeError
// "exceptions must derive from BaseException".
PyObject *exception_instance(PyObject *exc) noexcept {
    if (PyExceptionClass_Check(exc)) {
        PyObject *value = PyObject_CallNoArgs(exc);
        if (value == nullptr) return nullptr;
        if (!PyExceptionInstance_Check(value)) {
            PyErr_Format(PyExc_TypeError,
                         "calling %R should have returned an instance of BaseException, not %s",
                         exc, Py_TYPE(value)->tp_name);
            Py_DECREF(value);
            return nullptr;
        }
        return value;
    }
    if (PyExceptionInstance_Check(exc)) return Py_NewRef(exc);
    PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
    return nullptr;
}

// "f()" for messages about a call of `func` (CPython's _PyObject_FunctionStr, without the
// module prefix). New reference.
PyObject *function_str(PyObject *func) noexcept {
    if (PyFunction_Check(func)) {
        PyFunctionObject *f = interp::as_function(func);
        if (f->func_module != nullptr && PyUnicode_Check(f->func_module) &&
            PyUnicode_CompareWithASCIIString(f->func_module, "builtins") != 0)
            return PyUnicode_FromFormat("%U.%U()", f->func_module, f->func_qualname);
        return PyUnicode_FromFormat("%U()", f->func_qualname);
    }
    if (PyCFunction_Check(func))
        return PyUnicode_FromFormat("%s()",
                                    reinterpret_cast<PyCFunctionObject *>(func)->m_ml->ml_name);
    if (PyType_Check(func))
        return PyUnicode_FromFormat("%s()", reinterpret_cast<PyTypeObject *>(func)->tp_name);
    return PyUnicode_FromFormat("%s object", Py_TYPE(func)->tp_name);
}

}  // namespace

int do_raise(ThreadFrames *tf, PyObject *exc, PyObject *cause) noexcept {
    if (exc == nullptr) {
        PyObject *handled = tf->fields->exc_info->exc_value;
        if (handled == nullptr || handled == Py_None) {
            PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
            return -1;
        }
        PyErr_SetRaisedException(Py_NewRef(handled));
        return 0;
    }
    PyObject *value = exception_instance(exc);
    if (value == nullptr) return -1;
    if (cause != nullptr) {
        PyObject *fixed = nullptr;
        if (cause == Py_None) {
            fixed = nullptr;
        } else if (PyExceptionClass_Check(cause)) {
            fixed = PyObject_CallNoArgs(cause);
            if (fixed == nullptr) {
                Py_DECREF(value);
                return -1;
            }
        } else if (PyExceptionInstance_Check(cause)) {
            fixed = Py_NewRef(cause);
        } else {
            PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
            Py_DECREF(value);
            return -1;
        }
        PyException_SetCause(value, fixed);  // steals; sets __suppress_context__
    }
    PyErr_SetObject(reinterpret_cast<PyObject *>(Py_TYPE(value)), value);
    Py_DECREF(value);
    return -1;
}

int check_except_type_valid(PyObject *right) noexcept {
    static const char kMessage[] =
        "catching classes that do not inherit from BaseException is not allowed";
    if (PyTuple_Check(right)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(right); ++i) {
            if (!PyExceptionClass_Check(PyTuple_GET_ITEM(right, i))) {
                PyErr_SetString(PyExc_TypeError, kMessage);
                return -1;
            }
        }
        return 0;
    }
    if (!PyExceptionClass_Check(right)) {
        PyErr_SetString(PyExc_TypeError, kMessage);
        return -1;
    }
    return 0;
}

int unpack_iterable(PyObject *v, int argcnt, int argcntafter, PyObject **sp) noexcept {
    PyObject *it = PyObject_GetIter(v);
    if (it == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(v)->tp_iter == nullptr &&
            !PySequence_Check(v)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object",
                         Py_TYPE(v)->tp_name);
        }
        return -1;
    }
    const int total = argcnt + (argcntafter >= 0 ? argcntafter + 1 : 0);
    PyObject **top = sp + total;
    int i = 0;
    for (; i < argcnt; ++i) {
        PyObject *w = PyIter_Next(it);
        if (w == nullptr) {
            if (!PyErr_Occurred()) {
                if (argcntafter < 0)
                    PyErr_Format(PyExc_ValueError,
                                 "not enough values to unpack (expected %d, got %d)", argcnt, i);
                else
                    PyErr_Format(PyExc_ValueError,
                                 "not enough values to unpack (expected at least %d, got %d)",
                                 argcnt + argcntafter, i);
            }
            goto error;
        }
        *--top = w;
    }
    if (argcntafter < 0) {
        PyObject *w = PyIter_Next(it);
        if (w == nullptr) {
            if (PyErr_Occurred()) goto error;
            Py_DECREF(it);
            return 0;
        }
        Py_DECREF(w);
        PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %d)", argcnt);
        goto error;
    } else {
        PyObject *list = PySequence_List(it);
        if (list == nullptr) goto error;
        *--top = list;
        ++i;
        const Py_ssize_t size = PyList_GET_SIZE(list);
        if (size < argcntafter) {
            PyErr_Format(PyExc_ValueError,
                         "not enough values to unpack (expected at least %d, got %zd)",
                         argcnt + argcntafter, argcnt + size);
            goto error;
        }
        for (int j = argcntafter; j > 0; --j, ++i)
            *--top = Py_NewRef(PyList_GET_ITEM(list, size - j));
        // The list keeps only what the star takes.
        if (PyList_SetSlice(list, size - argcntafter, size, nullptr) < 0) goto error;
    }
    Py_DECREF(it);
    return 0;
error:
    for (; i > 0; --i) Py_DECREF(*top++);
    Py_DECREF(it);
    return -1;
}

PyObject *format_value(PyObject *value, int conversion, PyObject *spec) noexcept {
    PyObject *converted = nullptr;
    switch (conversion) {
    case FVC_STR: converted = PyObject_Str(value); break;
    case FVC_REPR: converted = PyObject_Repr(value); break;
    case FVC_ASCII: converted = PyObject_ASCII(value); break;
    default: converted = Py_NewRef(value); break;
    }
    if (converted == nullptr) return nullptr;
    if (PyUnicode_CheckExact(converted) && (spec == nullptr || PyUnicode_GET_LENGTH(spec) == 0))
        return converted;
    PyObject *result = PyObject_Format(converted, spec);
    Py_DECREF(converted);
    return result;
}

void name_error(PyObject *name) noexcept {
    PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
}

void unbound_local_error(PyObject *name) noexcept {
    PyErr_Format(PyExc_UnboundLocalError,
                 "cannot access local variable '%U' where it is not associated with a value", name);
}

void unbound_deref_error(PyCodeObject *co, int slot) noexcept {
    PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, slot);
    const auto kind = static_cast<unsigned char>(PyBytes_AS_STRING(co->co_localspluskinds)[slot]);
    if (kind & CO_FAST_FREE)
        PyErr_Format(PyExc_NameError,
                     "cannot access free variable '%U' where it is not associated with a value in "
                     "enclosing scope",
                     name);
    else
        unbound_local_error(name);
}

PyObject *builtins_item(PyObject *builtins, PyObject *name) noexcept {
    if (PyDict_CheckExact(builtins)) [[likely]]
        return Py_XNewRef(PyDict_GetItemWithError(builtins, name));
    // (A dict subclass's __getitem__ or __missing__ is honoured, as CPython's slow path does.)
    PyObject *v = PyObject_GetItem(builtins, name);
    if (v == nullptr && PyErr_ExceptionMatches(PyExc_KeyError)) PyErr_Clear();
    return v;
}

PyObject *load_global(PyObject *globals, PyObject *builtins, PyObject *name) noexcept {
    PyObject *v = PyDict_GetItemWithError(globals, name);
    if (v != nullptr) return Py_NewRef(v);
    if (PyErr_Occurred()) return nullptr;
    v = builtins_item(builtins, name);
    if (v == nullptr && !PyErr_Occurred()) name_error(name);
    return v;
}

PyObject *load_name(InterpFrame *frame, PyObject *name) noexcept {
    PyObject *locals = frame->f_locals;
    if (locals == nullptr) {
        PyErr_Format(PyExc_SystemError, "no locals when loading %R", name);
        return nullptr;
    }
    if (PyDict_CheckExact(locals)) {
        PyObject *v = PyDict_GetItemWithError(locals, name);
        if (v != nullptr) return Py_NewRef(v);
        if (PyErr_Occurred()) return nullptr;
    } else {
        PyObject *v = PyObject_GetItem(locals, name);
        if (v != nullptr) return v;
        if (!PyErr_ExceptionMatches(PyExc_KeyError)) return nullptr;
        PyErr_Clear();
    }
    return load_global(frame->f_globals, frame->f_builtins, name);
}

int class_namespace_lookup(PyObject *locals, PyObject *name, PyObject **value) noexcept {
    if (PyDict_CheckExact(locals)) {
        *value = Py_XNewRef(PyDict_GetItemWithError(locals, name));
        if (*value != nullptr) return 1;
        return PyErr_Occurred() ? -1 : 0;
    }
    *value = PyObject_GetItem(locals, name);
    if (*value != nullptr) return 1;
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
    PyErr_Clear();
    return 0;
}

int setup_annotations(PyObject *locals) noexcept {
    if (locals == nullptr) {
        PyErr_SetString(PyExc_SystemError, "no locals found when setting up annotations");
        return -1;
    }
    PyObject *name = interp::g_interp.names.id___annotations__;
    PyObject *found = nullptr;
    const int has = class_namespace_lookup(locals, name, &found);
    if (has != 0) {
        Py_XDECREF(found);
        return has < 0 ? -1 : 0;
    }
    PyObject *dict = PyDict_New();
    if (dict == nullptr) return -1;
    const int r = PyObject_SetItem(locals, name, dict);
    Py_DECREF(dict);
    return r;
}

PyObject *call_function_ex(PyObject *func, PyObject *args, PyObject *kwargs) noexcept {
    PyObject *tuple = nullptr;
    if (PyTuple_CheckExact(args)) {
        tuple = Py_NewRef(args);
    } else {
        if (Py_TYPE(args)->tp_iter == nullptr && !PySequence_Check(args)) {
            PyObject *desc = function_str(func);
            if (desc != nullptr)
                PyErr_Format(PyExc_TypeError, "%U argument after * must be an iterable, not %.200s",
                             desc, Py_TYPE(args)->tp_name);
            Py_XDECREF(desc);
            return nullptr;
        }
        tuple = PySequence_Tuple(args);
        if (tuple == nullptr) return nullptr;
    }
    PyObject *dict = nullptr;
    if (kwargs != nullptr && !PyDict_CheckExact(kwargs)) {
        dict = PyDict_New();
        if (dict == nullptr || PyDict_Update(dict, kwargs) < 0) {
            Py_XDECREF(dict);
            Py_DECREF(tuple);
            return nullptr;
        }
    } else {
        dict = Py_XNewRef(kwargs);
    }
    PyObject *result = PyObject_Call(func, tuple, dict);
    Py_DECREF(tuple);
    Py_XDECREF(dict);
    return result;
}

int dict_merge_for_call(PyObject *func, PyObject *dict, PyObject *update) noexcept {
    if (!PyDict_Check(update) && PyObject_HasAttrString(update, "keys") == 0) {
        PyObject *desc = function_str(func);
        if (desc != nullptr)
            PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s",
                         desc, Py_TYPE(update)->tp_name);
        Py_XDECREF(desc);
        return -1;
    }
    PyObject *keys = PyMapping_Keys(update);
    if (keys == nullptr) return -1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys); ++i) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        const int has = PyDict_Contains(dict, key);
        if (has != 0) {
            PyObject *desc = has > 0 ? function_str(func) : nullptr;
            if (desc != nullptr)
                PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%U'",
                             desc, key);
            Py_XDECREF(desc);
            Py_DECREF(keys);
            return -1;
        }
        PyObject *value = PyObject_GetItem(update, key);
        if (value == nullptr || PyDict_SetItem(dict, key, value) < 0) {
            Py_XDECREF(value);
            Py_DECREF(keys);
            return -1;
        }
        Py_DECREF(value);
    }
    Py_DECREF(keys);
    return 0;
}

int list_extend_for_call(PyObject *list, PyObject *iterable) noexcept {
    PyObject *it = PyObject_GetIter(iterable);
    if (it == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(iterable)->tp_iter == nullptr &&
            !PySequence_Check(iterable)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s",
                         Py_TYPE(iterable)->tp_name);
        }
        return -1;
    }
    while (PyObject *item = PyIter_Next(it)) {
        const int r = PyList_Append(list, item);
        Py_DECREF(item);
        if (r < 0) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

PyObject *before_with(PyObject *mgr, PyObject **exit) noexcept {
    // Special methods: looked up on the type, bound to the manager (3.11's BEFORE_WITH).
    PyObject *enter = _PyObject_LookupSpecial(mgr, interp::g_interp.names.id___enter__);
    if (enter == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the context manager protocol",
                         Py_TYPE(mgr)->tp_name);
        return nullptr;
    }
    *exit = _PyObject_LookupSpecial(mgr, interp::g_interp.names.id___exit__);
    if (*exit == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the context manager protocol (missed "
                         "__exit__ method)",
                         Py_TYPE(mgr)->tp_name);
        Py_DECREF(enter);
        return nullptr;
    }
    PyObject *result = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    if (result == nullptr) Py_CLEAR(*exit);
    return result;
}

PyObject *make_function(InterpFrame *frame, PyObject *code, PyObject *defaults,
                        PyObject *kwdefaults, PyObject *closure) noexcept {
    PyObject *func = interp::function_new(code, frame->f_globals, nullptr);
    if (func == nullptr) return nullptr;
    PyFunctionObject *f = interp::as_function(func);
    f->func_defaults = Py_XNewRef(defaults);
    f->func_kwdefaults = Py_XNewRef(kwdefaults);
    f->func_closure = Py_XNewRef(closure);
    return func;
}

}  // namespace minipy::eval
