// builtins.__build_class__(func, name, *bases, metaclass=..., **kwds): what a `class`
// statement calls (CPython 3.11's Python/bltinmodule.c is the model for the order and the
// messages):
//   1. bases that are not classes are replaced by their `__mro_entries__(bases)` (PEP 560);
//   2. the metaclass: the `metaclass` keyword, else type(bases[0]), else `type`; when it is a
//      class, the most derived metaclass of it and the bases' (_PyType_CalculateMetaclass);
//   3. the namespace: metaclass.__prepare__(name, bases, **kwds) when it has one, else {};
//   4. the body runs with that namespace as its locals and returns its `__class__` cell (or
//      None when no method uses super() or __class__);
//   5. metaclass(name, bases, namespace, **kwds) makes the class; the cell must then hold it.
#include "builtins/builtins.hpp"
#include "eval/ceval.hpp"
#include "minipy/functionobject.h"
#include "run/interp_state.hpp"

namespace minipy::builtins {

namespace {

// Step 1: `orig_bases` (a tuple) with each `__mro_entries__` result spliced in; a new
// reference to orig_bases itself when nothing changed.
PyObject *update_bases(PyObject *orig_bases) noexcept {
    const Py_ssize_t n = PyTuple_GET_SIZE(orig_bases);
    PyObject *list = nullptr;  // made at the first base that changes
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *base = PyTuple_GET_ITEM(orig_bases, i);
        if (PyType_Check(base)) {
            if (list != nullptr && PyList_Append(list, base) < 0) goto error;
            continue;
        }
        PyObject *meth = nullptr;
        if (_PyObject_LookupAttr(base, interp::g_interp.names.id___mro_entries__, &meth) < 0)
            goto error;
        if (meth == nullptr) {
            if (list != nullptr && PyList_Append(list, base) < 0) goto error;
            continue;
        }
        PyObject *entries = PyObject_CallOneArg(meth, orig_bases);
        Py_DECREF(meth);
        if (entries == nullptr) goto error;
        if (!PyTuple_Check(entries)) {
            PyErr_SetString(PyExc_TypeError, "__mro_entries__ must return a tuple");
            Py_DECREF(entries);
            goto error;
        }
        if (list == nullptr) {
            list = PyList_New(0);
            if (list == nullptr) {
                Py_DECREF(entries);
                goto error;
            }
            for (Py_ssize_t j = 0; j < i; ++j) {
                if (PyList_Append(list, PyTuple_GET_ITEM(orig_bases, j)) < 0) {
                    Py_DECREF(entries);
                    goto error;
                }
            }
        }
        const Py_ssize_t end = PyList_GET_SIZE(list);
        const int r = PyList_SetSlice(list, end, end, entries);
        Py_DECREF(entries);
        if (r < 0) goto error;
    }
    if (list == nullptr) return Py_NewRef(orig_bases);
    {
        PyObject *bases = PyList_AsTuple(list);
        Py_DECREF(list);
        return bases;
    }
error:
    Py_XDECREF(list);
    return nullptr;
}

// Step 5's check: the class body's `__class__` cell holds the class the metaclass made.
int check_class_cell(PyObject *cell, PyObject *name, PyObject *cls) noexcept {
    if (!PyType_Check(cls) || !PyCell_Check(cell)) return 0;
    PyObject *cell_cls = PyCell_GET(cell);
    if (cell_cls == cls) return 0;
    if (cell_cls == nullptr)
        PyErr_Format(PyExc_RuntimeError,
                     "__class__ not set defining %.200R as %.200R. Was __classcell__ propagated "
                     "to type.__new__?",
                     name, cls);
    else
        PyErr_Format(PyExc_TypeError, "__class__ set to %.200R defining %.200R as %.200R", cell_cls,
                     name, cls);
    return -1;
}

// Steps 2-5 once the bases are known; `kwds` (a dict or NULL) has no `metaclass` left.
PyObject *make_class(PyObject *func, PyObject *name, PyObject *orig_bases, PyObject *bases,
                     PyObject *meta, bool meta_is_class, PyObject *kwds) noexcept {
    PyObject *prepare = nullptr;
    if (_PyObject_LookupAttr(meta, interp::g_interp.names.id___prepare__, &prepare) < 0)
        return nullptr;
    PyObject *ns = nullptr;
    if (prepare == nullptr) {
        ns = PyDict_New();
    } else {
        PyObject *pargs[2] = {name, bases};
        ns = PyObject_VectorcallDict(prepare, pargs, 2, kwds);
        Py_DECREF(prepare);
    }
    if (ns == nullptr) return nullptr;
    if (!PyMapping_Check(ns)) {
        PyErr_Format(
            PyExc_TypeError, "%.200s.__prepare__() must return a mapping, not %.200s",
            meta_is_class ? reinterpret_cast<PyTypeObject *>(meta)->tp_name : "<metaclass>",
            Py_TYPE(ns)->tp_name);
        Py_DECREF(ns);
        return nullptr;
    }
    PyObject *cls = nullptr;
    PyObject *cell = eval::eval_class_body(reinterpret_cast<PyFunctionObject *>(func), ns);
    if (cell != nullptr) {
        if (bases != orig_bases && PyMapping_SetItemString(ns, "__orig_bases__", orig_bases) < 0) {
            Py_DECREF(cell);
            Py_DECREF(ns);
            return nullptr;
        }
        PyObject *margs[3] = {name, bases, ns};
        cls = PyObject_VectorcallDict(meta, margs, 3, kwds);
        if (cls != nullptr && check_class_cell(cell, name, cls) < 0) Py_CLEAR(cls);
        Py_DECREF(cell);
    }
    Py_DECREF(ns);
    return cls;
}

PyObject *build_class(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept {
    if (nargs < 2) {
        PyErr_SetString(PyExc_TypeError, "__build_class__: not enough arguments");
        return nullptr;
    }
    PyObject *func = args[0];
    if (!PyFunction_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "__build_class__: func must be a function");
        return nullptr;
    }
    PyObject *name = args[1];
    if (!PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "__build_class__: name is not a string");
        return nullptr;
    }
    PyObject *orig_bases = PyTuple_New(nargs - 2);
    if (orig_bases == nullptr) return nullptr;
    for (Py_ssize_t i = 2; i < nargs; ++i) PyTuple_SET_ITEM(orig_bases, i - 2, Py_NewRef(args[i]));
    PyObject *bases = update_bases(orig_bases);
    PyObject *kwds = nullptr;
    PyObject *meta = nullptr;
    PyObject *cls = nullptr;
    bool meta_is_class = false;
    if (bases == nullptr) goto done;
    if (kwnames != nullptr && PyTuple_GET_SIZE(kwnames) > 0) {
        kwds = PyDict_New();
        if (kwds == nullptr) goto done;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i)
            if (PyDict_SetItem(kwds, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) goto done;
        meta = PyDict_GetItemWithError(kwds, interp::g_interp.names.id_metaclass);
        if (meta != nullptr) {
            Py_INCREF(meta);
            if (PyDict_DelItem(kwds, interp::g_interp.names.id_metaclass) < 0) goto done;
            // An explicit metaclass takes part in the calculation only when it is a class.
            meta_is_class = PyType_Check(meta);
        } else if (PyErr_Occurred()) {
            goto done;
        }
    }
    if (meta == nullptr) {
        meta = PyTuple_GET_SIZE(bases) == 0
                   ? reinterpret_cast<PyObject *>(&PyType_Type)
                   : reinterpret_cast<PyObject *>(Py_TYPE(PyTuple_GET_ITEM(bases, 0)));
        Py_INCREF(meta);
        meta_is_class = true;
    }
    if (meta_is_class) {
        PyTypeObject *winner =
            _PyType_CalculateMetaclass(reinterpret_cast<PyTypeObject *>(meta), bases);
        if (winner == nullptr) goto done;
        Py_SETREF(meta, Py_NewRef(reinterpret_cast<PyObject *>(winner)));
    }
    cls = make_class(func, name, orig_bases, bases, meta, meta_is_class, kwds);
done:
    Py_XDECREF(meta);
    Py_XDECREF(kwds);
    Py_XDECREF(bases);
    Py_DECREF(orig_bases);
    return cls;
}

}  // namespace

PyMethodDef build_class_def = {
    "__build_class__", _PyCFunction_CAST(build_class), METH_FASTCALL | METH_KEYWORDS,
    "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nInternal helper "
    "function used by the class statement."};

}  // namespace minipy::builtins
