// The built-in functions every program uses (bltinmodule.c's): print, len, repr, isinstance,
// abs, min, max, sum, sorted, iter, next, hash, id, chr, ord, any, all, divmod, pow,
// getattr, setattr, hasattr, delattr, callable, hex, oct, bin, round. Argument errors are
// CPython 3.11's messages.
#include <climits>
#include <cstdio>

#include "builtins/builtins.hpp"
#include "run/interp_state.hpp"

namespace minipy::builtins {

namespace {

// Writes `text` to `file`: the C stream when file is NULL/None, else file.write(text).
int write_text(PyObject *file, FILE *stream, PyObject *text) noexcept {
    if (file == nullptr || file == Py_None) {
        Py_ssize_t size = 0;
        const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
        if (utf8 == nullptr) return -1;
        std::fwrite(utf8, 1, static_cast<std::size_t>(size), stream);
        return 0;
    }
    PyObject *r = PyObject_CallMethodOneArg(file, interp::g_interp.names.id_write, text);
    if (r == nullptr) return -1;
    Py_DECREF(r);
    return 0;
}

PyObject *builtin_print(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames) noexcept {
    PyObject *sep = nullptr, *end = nullptr, *file = nullptr, *flush = nullptr;
    if (kwnames != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i) {
            PyObject *name = PyTuple_GET_ITEM(kwnames, i);
            PyObject *value = args[nargs + i];
            if (PyUnicode_CompareWithASCIIString(name, "sep") == 0)
                sep = value;
            else if (PyUnicode_CompareWithASCIIString(name, "end") == 0)
                end = value;
            else if (PyUnicode_CompareWithASCIIString(name, "file") == 0)
                file = value;
            else if (PyUnicode_CompareWithASCIIString(name, "flush") == 0)
                flush = value;
            else {
                PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for print()",
                             name);
                return nullptr;
            }
        }
    }
    if (sep == Py_None) sep = nullptr;
    if (end == Py_None) end = nullptr;
    if (sep != nullptr && !PyUnicode_Check(sep)) {
        PyErr_Format(PyExc_TypeError, "sep must be None or a string, not %.200s",
                     Py_TYPE(sep)->tp_name);
        return nullptr;
    }
    if (end != nullptr && !PyUnicode_Check(end)) {
        PyErr_Format(PyExc_TypeError, "end must be None or a string, not %.200s",
                     Py_TYPE(end)->tp_name);
        return nullptr;
    }
    if (file == nullptr || file == Py_None) {
        // sys.stdout as it is now: a program may have replaced it (None prints nothing).
        file = PyDict_GetItemWithError(interp::g_interp.sysdict, interp::g_interp.names.id_stdout);
        if (file == nullptr) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "lost sys.stdout");
            return nullptr;
        }
        if (file == Py_None) Py_RETURN_NONE;
    }
    FILE *stream = stdout;
    if (file != nullptr && file == interp::g_interp.stderr_object) {
        stream = stderr;
        file = nullptr;
    } else if (file != nullptr && file == interp::g_interp.stdout_object) {
        file = nullptr;
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) {
        if (i > 0) {
            if (sep == nullptr) {
                if (file == nullptr)
                    std::fputc(' ', stream);
                else {
                    PyObject *space = PyUnicode_FromString(" ");
                    const int r = space != nullptr ? write_text(file, stream, space) : -1;
                    Py_XDECREF(space);
                    if (r < 0) return nullptr;
                }
            } else if (write_text(file, stream, sep) < 0) {
                return nullptr;
            }
        }
        PyObject *s = PyObject_Str(args[i]);
        if (s == nullptr) return nullptr;
        const int r = write_text(file, stream, s);
        Py_DECREF(s);
        if (r < 0) return nullptr;
    }
    if (end == nullptr) {
        if (file == nullptr)
            std::fputc('\n', stream);
        else {
            PyObject *nl = PyUnicode_FromString("\n");
            const int r = nl != nullptr ? write_text(file, stream, nl) : -1;
            Py_XDECREF(nl);
            if (r < 0) return nullptr;
        }
    } else if (write_text(file, stream, end) < 0) {
        return nullptr;
    }
    if (flush != nullptr) {
        const int t = PyObject_IsTrue(flush);
        if (t < 0) return nullptr;
        if (t && file == nullptr) std::fflush(stream);
    }
    if (stream == stderr) std::fflush(stderr);
    Py_RETURN_NONE;
}

PyObject *builtin_len(PyObject *, PyObject *obj) noexcept {
    const Py_ssize_t n = PyObject_Length(obj);
    if (n < 0) return nullptr;
    return PyLong_FromSsize_t(n);
}

PyObject *builtin_repr(PyObject *, PyObject *obj) noexcept {
    return PyObject_Repr(obj);
}

PyObject *builtin_ascii(PyObject *, PyObject *obj) noexcept {
    return PyObject_ASCII(obj);
}

PyObject *builtin_abs(PyObject *, PyObject *obj) noexcept {
    return PyNumber_Absolute(obj);
}

PyObject *builtin_hash(PyObject *, PyObject *obj) noexcept {
    const Py_hash_t h = PyObject_Hash(obj);
    if (h == -1) return nullptr;
    return PyLong_FromSsize_t(h);
}

PyObject *builtin_id(PyObject *, PyObject *obj) noexcept {
    return PyLong_FromVoidPtr(obj);
}

PyObject *builtin_callable(PyObject *, PyObject *obj) noexcept {
    return PyBool_FromLong(PyCallable_Check(obj));
}

PyObject *builtin_isinstance(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "isinstance expected 2 arguments, got %zd", nargs);
        return nullptr;
    }
    const int r = PyObject_IsInstance(args[0], args[1]);
    if (r < 0) return nullptr;
    return PyBool_FromLong(r);
}

PyObject *builtin_issubclass(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "issubclass expected 2 arguments, got %zd", nargs);
        return nullptr;
    }
    const int r = PyObject_IsSubclass(args[0], args[1]);
    if (r < 0) return nullptr;
    return PyBool_FromLong(r);
}

PyObject *builtin_iter(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs == 1) return PyObject_GetIter(args[0]);
    if (nargs == 2) return PyCallIter_New(args[0], args[1]);
    PyErr_Format(PyExc_TypeError, "iter expected at most 2 arguments, got %zd", nargs);
    return nullptr;
}

PyObject *builtin_next(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "next expected at least 1 argument, got %zd", nargs);
        return nullptr;
    }
    PyObject *it = args[0];
    if (!PyIter_Check(it)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not an iterator", Py_TYPE(it)->tp_name);
        return nullptr;
    }
    PyObject *v = (*Py_TYPE(it)->tp_iternext)(it);
    if (v != nullptr) return v;
    if (PyErr_Occurred()) {
        if (nargs == 1 || !PyErr_ExceptionMatches(PyExc_StopIteration)) return nullptr;
        PyErr_Clear();
    }
    if (nargs == 2) return Py_NewRef(args[1]);
    PyErr_SetNone(PyExc_StopIteration);
    return nullptr;
}

// min() and max(): one iterable or several arguments; key= and default=.
PyObject *min_max(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, int op,
                  const char *name) noexcept {
    PyObject *key = nullptr, *dflt = nullptr;
    if (kwnames != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i) {
            PyObject *kw = PyTuple_GET_ITEM(kwnames, i);
            if (PyUnicode_CompareWithASCIIString(kw, "key") == 0)
                key = args[nargs + i];
            else if (PyUnicode_CompareWithASCIIString(kw, "default") == 0)
                dflt = args[nargs + i];
            else {
                PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", name,
                             kw);
                return nullptr;
            }
        }
    }
    if (key == Py_None) key = nullptr;
    if (nargs == 0) {
        PyErr_Format(PyExc_TypeError, "%s expected at least 1 argument, got 0", name);
        return nullptr;
    }
    if (nargs > 1 && dflt != nullptr) {
        PyErr_Format(PyExc_TypeError,
                     "Cannot specify a default for %s() with multiple positional arguments", name);
        return nullptr;
    }
    PyObject *seq = nargs == 1 ? args[0] : nullptr;
    PyObject *tuple = nullptr;
    if (seq == nullptr) {
        tuple = PyTuple_New(nargs);
        if (tuple == nullptr) return nullptr;
        for (Py_ssize_t i = 0; i < nargs; ++i) PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
        seq = tuple;
    }
    PyObject *it = PyObject_GetIter(seq);
    Py_XDECREF(tuple);
    if (it == nullptr) return nullptr;
    PyObject *best = nullptr, *best_key = nullptr;
    while (PyObject *item = PyIter_Next(it)) {
        PyObject *k = key != nullptr ? PyObject_CallOneArg(key, item) : Py_NewRef(item);
        if (k == nullptr) {
            Py_DECREF(item);
            goto fail;
        }
        if (best == nullptr) {
            best = item;
            best_key = k;
            continue;
        }
        {
            const int cmp = PyObject_RichCompareBool(k, best_key, op);
            if (cmp < 0) {
                Py_DECREF(item);
                Py_DECREF(k);
                goto fail;
            }
            if (cmp > 0) {
                Py_SETREF(best, item);
                Py_SETREF(best_key, k);
            } else {
                Py_DECREF(item);
                Py_DECREF(k);
            }
        }
    }
    if (PyErr_Occurred()) goto fail;
    Py_DECREF(it);
    Py_XDECREF(best_key);
    if (best == nullptr) {
        if (dflt != nullptr) return Py_NewRef(dflt);
        PyErr_Format(PyExc_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
fail:
    Py_DECREF(it);
    Py_XDECREF(best);
    Py_XDECREF(best_key);
    return nullptr;
}

PyObject *builtin_min(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept {
    return min_max(args, nargs, kwnames, Py_LT, "min");
}

PyObject *builtin_max(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept {
    return min_max(args, nargs, kwnames, Py_GT, "max");
}

PyObject *builtin_sum(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept {
    PyObject *start = nullptr;
    if (kwnames != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i) {
            if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, i), "start") != 0) {
                PyErr_Format(PyExc_TypeError, "sum() got an unexpected keyword argument '%U'",
                             PyTuple_GET_ITEM(kwnames, i));
                return nullptr;
            }
            start = args[nargs + i];
        }
    }
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "sum() takes at most 2 arguments (%zd given)", nargs);
        return nullptr;
    }
    if (nargs == 2) start = args[1];
    if (start != nullptr && (PyUnicode_Check(start) || PyBytes_Check(start))) {
        PyErr_SetString(PyExc_TypeError, PyUnicode_Check(start)
                                             ? "sum() can't sum strings [use ''.join(seq) instead]"
                                             : "sum() can't sum bytes [use b''.join(seq) instead]");
        return nullptr;
    }
    PyObject *it = PyObject_GetIter(args[0]);
    if (it == nullptr) return nullptr;
    PyObject *total = start != nullptr ? Py_NewRef(start) : PyLong_FromLong(0);
    while (total != nullptr) {
        PyObject *item = PyIter_Next(it);
        if (item == nullptr) break;
        PyObject *next = PyNumber_Add(total, item);
        Py_DECREF(item);
        Py_SETREF(total, next);
    }
    Py_DECREF(it);
    if (total != nullptr && PyErr_Occurred()) Py_CLEAR(total);
    return total;
}

PyObject *builtin_sorted(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames) noexcept {
    if (nargs != 1) {
        PyErr_Format(PyExc_TypeError, "sorted expected 1 argument, got %zd", nargs);
        return nullptr;
    }
    PyObject *list = PySequence_List(args[0]);
    if (list == nullptr) return nullptr;
    PyObject *sort = PyObject_GetAttrString(list, "sort");
    if (sort == nullptr) {
        Py_DECREF(list);
        return nullptr;
    }
    PyObject *r = PyObject_Vectorcall(sort, args + 1, 0, kwnames);
    Py_DECREF(sort);
    if (r == nullptr) {
        Py_DECREF(list);
        return nullptr;
    }
    Py_DECREF(r);
    return list;
}

PyObject *any_all(PyObject *iterable, bool want) noexcept {
    PyObject *it = PyObject_GetIter(iterable);
    if (it == nullptr) return nullptr;
    while (PyObject *item = PyIter_Next(it)) {
        const int t = PyObject_IsTrue(item);
        Py_DECREF(item);
        if (t < 0) {
            Py_DECREF(it);
            return nullptr;
        }
        if ((t != 0) == want) {
            Py_DECREF(it);
            return PyBool_FromLong(want);
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return nullptr;
    return PyBool_FromLong(!want);
}

PyObject *builtin_any(PyObject *, PyObject *iterable) noexcept {
    return any_all(iterable, true);
}

PyObject *builtin_all(PyObject *, PyObject *iterable) noexcept {
    return any_all(iterable, false);
}

PyObject *builtin_chr(PyObject *, PyObject *arg) noexcept {
    int overflow = 0;
    const long v = PyLong_AsLongAndOverflow(arg, &overflow);
    if (v == -1 && PyErr_Occurred()) return nullptr;
    // CPython converts the argument to a C int first: past an int it is an OverflowError.
    if (v < INT_MIN || v > INT_MAX) overflow = 1;
    if (overflow != 0 || v < 0 || v > 0x10FFFF) {
        PyErr_SetString(overflow != 0 ? PyExc_OverflowError : PyExc_ValueError,
                        overflow != 0 ? "Python int too large to convert to C int"
                                      : "chr() arg not in range(0x110000)");
        return nullptr;
    }
    return PyUnicode_FromOrdinal(static_cast<int>(v));
}

PyObject *builtin_ord(PyObject *, PyObject *arg) noexcept {
    if (PyUnicode_Check(arg)) {
        if (PyUnicode_GET_LENGTH(arg) == 1) return PyLong_FromLong(PyUnicode_READ_CHAR(arg, 0));
        PyErr_Format(PyExc_TypeError, "ord() expected a character, but string of length %zd found",
                     PyUnicode_GET_LENGTH(arg));
        return nullptr;
    }
    if (PyBytes_Check(arg)) {
        if (PyBytes_GET_SIZE(arg) == 1)
            return PyLong_FromLong(static_cast<unsigned char>(PyBytes_AS_STRING(arg)[0]));
        PyErr_Format(PyExc_TypeError, "ord() expected a character, but string of length %zd found",
                     PyBytes_GET_SIZE(arg));
        return nullptr;
    }
    PyErr_Format(PyExc_TypeError, "ord() expected string of length 1, but %.200s found",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
}

PyObject *builtin_divmod(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "divmod expected 2 arguments, got %zd", nargs);
        return nullptr;
    }
    return PyNumber_Divmod(args[0], args[1]);
}

PyObject *builtin_pow(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs < 2 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "pow expected at least 2 arguments, got %zd", nargs);
        return nullptr;
    }
    return PyNumber_Power(args[0], args[1], nargs == 3 ? args[2] : Py_None);
}

PyObject *builtin_getattr(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs < 2 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "getattr expected at least 2 arguments, got %zd", nargs);
        return nullptr;
    }
    if (!PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "attribute name must be string");
        return nullptr;
    }
    PyObject *v = PyObject_GetAttr(args[0], args[1]);
    if (v == nullptr && nargs == 3 && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return Py_NewRef(args[2]);
    }
    return v;
}

PyObject *builtin_setattr(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "setattr expected 3 arguments, got %zd", nargs);
        return nullptr;
    }
    if (PyObject_SetAttr(args[0], args[1], args[2]) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *builtin_delattr(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "delattr expected 2 arguments, got %zd", nargs);
        return nullptr;
    }
    if (PyObject_SetAttr(args[0], args[1], nullptr) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *builtin_hasattr(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "hasattr expected 2 arguments, got %zd", nargs);
        return nullptr;
    }
    if (!PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "hasattr(): attribute name must be string");
        return nullptr;
    }
    PyObject *v = PyObject_GetAttr(args[0], args[1]);
    if (v == nullptr) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
        PyErr_Clear();
        Py_RETURN_FALSE;
    }
    Py_DECREF(v);
    Py_RETURN_TRUE;
}

PyObject *format_base(PyObject *arg, int base) noexcept {
    PyObject *index = PyNumber_Index(arg);
    if (index == nullptr) return nullptr;
    PyObject *r = _PyLong_Format(index, base);
    Py_DECREF(index);
    return r;
}

PyObject *builtin_hex(PyObject *, PyObject *arg) noexcept {
    return format_base(arg, 16);
}
PyObject *builtin_oct(PyObject *, PyObject *arg) noexcept {
    return format_base(arg, 8);
}
PyObject *builtin_bin(PyObject *, PyObject *arg) noexcept {
    return format_base(arg, 2);
}

PyObject *builtin_round(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "round expected at least 1 argument, got %zd", nargs);
        return nullptr;
    }
    PyObject *round = PyObject_GetAttrString(args[0], "__round__");
    if (round == nullptr) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "type %.100s doesn't define __round__ method",
                     Py_TYPE(args[0])->tp_name);
        return nullptr;
    }
    PyObject *r = nargs == 2 && args[1] != Py_None ? PyObject_CallOneArg(round, args[1])
                                                   : PyObject_CallNoArgs(round);
    Py_DECREF(round);
    return r;
}

PyObject *builtin_format(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "format expected at least 1 argument, got %zd", nargs);
        return nullptr;
    }
    return PyObject_Format(args[0], nargs == 2 ? args[1] : nullptr);
}

}  // namespace

PyMethodDef builtin_functions[] = {
    {"print", _PyCFunction_CAST(builtin_print), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"len", builtin_len, METH_O, nullptr},
    {"repr", builtin_repr, METH_O, nullptr},
    {"ascii", builtin_ascii, METH_O, nullptr},
    {"abs", builtin_abs, METH_O, nullptr},
    {"hash", builtin_hash, METH_O, nullptr},
    {"id", builtin_id, METH_O, nullptr},
    {"callable", builtin_callable, METH_O, nullptr},
    {"isinstance", _PyCFunction_CAST(builtin_isinstance), METH_FASTCALL, nullptr},
    {"issubclass", _PyCFunction_CAST(builtin_issubclass), METH_FASTCALL, nullptr},
    {"iter", _PyCFunction_CAST(builtin_iter), METH_FASTCALL, nullptr},
    {"next", _PyCFunction_CAST(builtin_next), METH_FASTCALL, nullptr},
    {"min", _PyCFunction_CAST(builtin_min), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"max", _PyCFunction_CAST(builtin_max), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"sum", _PyCFunction_CAST(builtin_sum), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"sorted", _PyCFunction_CAST(builtin_sorted), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"any", builtin_any, METH_O, nullptr},
    {"all", builtin_all, METH_O, nullptr},
    {"chr", builtin_chr, METH_O, nullptr},
    {"ord", builtin_ord, METH_O, nullptr},
    {"divmod", _PyCFunction_CAST(builtin_divmod), METH_FASTCALL, nullptr},
    {"pow", _PyCFunction_CAST(builtin_pow), METH_FASTCALL, nullptr},
    {"getattr", _PyCFunction_CAST(builtin_getattr), METH_FASTCALL, nullptr},
    {"setattr", _PyCFunction_CAST(builtin_setattr), METH_FASTCALL, nullptr},
    {"delattr", _PyCFunction_CAST(builtin_delattr), METH_FASTCALL, nullptr},
    {"hasattr", _PyCFunction_CAST(builtin_hasattr), METH_FASTCALL, nullptr},
    {"hex", builtin_hex, METH_O, nullptr},
    {"oct", builtin_oct, METH_O, nullptr},
    {"bin", builtin_bin, METH_O, nullptr},
    {"round", _PyCFunction_CAST(builtin_round), METH_FASTCALL, nullptr},
    {"format", _PyCFunction_CAST(builtin_format), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::builtins
