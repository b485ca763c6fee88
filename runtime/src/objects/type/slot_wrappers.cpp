// C slots called as methods: the glue a wrapper_descriptor runs (CPython 3.11's wrap_*
// functions in Objects/typeobject.c). `int.__add__(1, 2)` finds the slot wrapper for nb_add;
// calling it runs wrap_binaryfunc_l(1, (2,), long_add), which checks the argument count and
// calls the C function. Each wrapper fits one slot signature; the slot table (slot_defs.cpp)
// says which wrapper goes with which slot.
//
// Argument errors are CPython's: "expected 1 argument, got 0" for the fixed counts,
// " expected at least 1 argument, got 0" (PyArg_UnpackTuple with an empty name) for pow's
// and __get__'s optional one.
#include "objects/type/slot_functions.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

bool check_num_args(PyObject *args, Py_ssize_t n) noexcept {
    if (!PyTuple_CheckExact(args)) {
        PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
        return false;
    }
    if (PyTuple_GET_SIZE(args) == n) return true;
    PyErr_Format(PyExc_TypeError, "expected %zd argument%s, got %zd", n, n == 1 ? "" : "s",
                 PyTuple_GET_SIZE(args));
    return false;
}

template <typename F>
F as(void *wrapped) noexcept {
    return reinterpret_cast<F>(wrapped);
}

PyObject *none_or_null(int status) noexcept {
    if (status < 0) return nullptr;
    Py_RETURN_NONE;
}

// A sequence index for the sq_* slots: an int (OverflowError when too big), negative values
// counted from the end once, as CPython's getindex.
Py_ssize_t sequence_index(PyObject *self, PyObject *arg) noexcept {
    Py_ssize_t i = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0) {
        PySequenceMethods *sq = Py_TYPE(self)->tp_as_sequence;
        if (sq != nullptr && sq->sq_length != nullptr) {
            const Py_ssize_t n = sq->sq_length(self);
            if (n < 0) return -1;
            i += n;
        }
    }
    return i;
}

// object.__setattr__(int, 'x', 1) must not reach past int's own setattro (the "Carlo Verre
// hack"): the C function being called must be the one the object's type would use, or one
// only classes written in Python sit in front of.
bool hackcheck(PyObject *self, setattrofunc func, const char *what) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    PyObject *mro = type->tp_mro;
    if (mro == nullptr) return true;
    PyTypeObject *defining = type;
    for (Py_ssize_t i = PyTuple_GET_SIZE(mro) - 1; i >= 0; --i) {
        auto *base = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(mro, i));
        if (base->tp_setattro == slot_tp_setattro) continue;  // a Python class: no C override
        if (base->tp_setattro == type->tp_setattro) {
            defining = base;
            break;
        }
    }
    for (PyTypeObject *base = defining; base != nullptr; base = base->tp_base) {
        if (base->tp_setattro == func) break;
        if (base->tp_setattro != slot_tp_setattro) {
            PyErr_Format(PyExc_TypeError, "can't apply this %s to %s object", what, type->tp_name);
            return false;
        }
    }
    return true;
}

PyObject *richcmp(PyObject *self, PyObject *args, void *wrapped, int op) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    return as<richcmpfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), op);
}

}  // namespace

PyObject *wrap_unaryfunc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 0)) return nullptr;
    return as<unaryfunc>(wrapped)(self);
}

PyObject *wrap_binaryfunc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    return as<binaryfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0));
}

PyObject *wrap_binaryfunc_l(PyObject *self, PyObject *args, void *wrapped) noexcept {
    return wrap_binaryfunc(self, args, wrapped);
}

PyObject *wrap_binaryfunc_r(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    return as<binaryfunc>(wrapped)(PyTuple_GET_ITEM(args, 0), self);
}

PyObject *wrap_ternaryfunc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    PyObject *other = nullptr;
    PyObject *third = Py_None;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &other, &third)) return nullptr;
    return as<ternaryfunc>(wrapped)(self, other, third);
}

PyObject *wrap_ternaryfunc_r(PyObject *self, PyObject *args, void *wrapped) noexcept {
    PyObject *other = nullptr;
    PyObject *third = Py_None;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &other, &third)) return nullptr;
    return as<ternaryfunc>(wrapped)(other, self, third);
}

PyObject *wrap_inquirypred(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 0)) return nullptr;
    const int result = as<inquiry>(wrapped)(self);
    if (result == -1 && PyErr_Occurred()) return nullptr;
    return PyBool_FromLong(result);
}

PyObject *wrap_lenfunc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 0)) return nullptr;
    const Py_ssize_t result = as<lenfunc>(wrapped)(self);
    if (result == -1 && PyErr_Occurred()) return nullptr;
    return PyLong_FromSsize_t(result);
}

PyObject *wrap_indexargfunc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    const Py_ssize_t i = PyNumber_AsSsize_t(PyTuple_GET_ITEM(args, 0), PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    return as<ssizeargfunc>(wrapped)(self, i);
}

PyObject *wrap_sq_item(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    const Py_ssize_t i = sequence_index(self, PyTuple_GET_ITEM(args, 0));
    if (i == -1 && PyErr_Occurred()) return nullptr;
    return as<ssizeargfunc>(wrapped)(self, i);
}

PyObject *wrap_sq_setitem(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 2)) return nullptr;
    const Py_ssize_t i = sequence_index(self, PyTuple_GET_ITEM(args, 0));
    if (i == -1 && PyErr_Occurred()) return nullptr;
    return none_or_null(as<ssizeobjargproc>(wrapped)(self, i, PyTuple_GET_ITEM(args, 1)));
}

PyObject *wrap_sq_delitem(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    const Py_ssize_t i = sequence_index(self, PyTuple_GET_ITEM(args, 0));
    if (i == -1 && PyErr_Occurred()) return nullptr;
    return none_or_null(as<ssizeobjargproc>(wrapped)(self, i, nullptr));
}

PyObject *wrap_objobjproc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    const int result = as<objobjproc>(wrapped)(self, PyTuple_GET_ITEM(args, 0));
    if (result == -1 && PyErr_Occurred()) return nullptr;
    return PyBool_FromLong(result);
}

PyObject *wrap_objobjargproc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 2)) return nullptr;
    return none_or_null(
        as<objobjargproc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1)));
}

PyObject *wrap_delitem(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    return none_or_null(as<objobjargproc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), nullptr));
}

PyObject *wrap_setattr(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 2)) return nullptr;
    auto func = as<setattrofunc>(wrapped);
    if (!hackcheck(self, func, "__setattr__")) return nullptr;
    return none_or_null(func(self, PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1)));
}

PyObject *wrap_delattr(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    auto func = as<setattrofunc>(wrapped);
    if (!hackcheck(self, func, "__delattr__")) return nullptr;
    return none_or_null(func(self, PyTuple_GET_ITEM(args, 0), nullptr));
}

PyObject *wrap_hashfunc(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 0)) return nullptr;
    const Py_hash_t hash = as<hashfunc>(wrapped)(self);
    if (hash == -1 && PyErr_Occurred()) return nullptr;
    return PyLong_FromSsize_t(hash);
}

PyObject *wrap_call(PyObject *self, PyObject *args, void *wrapped, PyObject *kwds) noexcept {
    return as<ternaryfunc>(wrapped)(self, args, kwds);
}

PyObject *wrap_del(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 0)) return nullptr;
    as<destructor>(wrapped)(self);
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_NONE;
}

PyObject *richcmp_lt(PyObject *self, PyObject *args, void *wrapped) noexcept {
    return richcmp(self, args, wrapped, Py_LT);
}
PyObject *richcmp_le(PyObject *self, PyObject *args, void *wrapped) noexcept {
    return richcmp(self, args, wrapped, Py_LE);
}
PyObject *richcmp_eq(PyObject *self, PyObject *args, void *wrapped) noexcept {
    return richcmp(self, args, wrapped, Py_EQ);
}
PyObject *richcmp_ne(PyObject *self, PyObject *args, void *wrapped) noexcept {
    return richcmp(self, args, wrapped, Py_NE);
}
PyObject *richcmp_gt(PyObject *self, PyObject *args, void *wrapped) noexcept {
    return richcmp(self, args, wrapped, Py_GT);
}
PyObject *richcmp_ge(PyObject *self, PyObject *args, void *wrapped) noexcept {
    return richcmp(self, args, wrapped, Py_GE);
}

PyObject *wrap_next(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 0)) return nullptr;
    PyObject *result = as<iternextfunc>(wrapped)(self);
    // The C protocol ends an iteration with NULL and no exception; Python's raises.
    if (result == nullptr && !PyErr_Occurred()) PyErr_SetNone(PyExc_StopIteration);
    return result;
}

PyObject *wrap_descr_get(PyObject *self, PyObject *args, void *wrapped) noexcept {
    PyObject *obj = nullptr;
    PyObject *type = nullptr;
    if (!PyArg_UnpackTuple(args, "", 1, 2, &obj, &type)) return nullptr;
    if (obj == Py_None) obj = nullptr;
    if (type == Py_None) type = nullptr;
    if (type == nullptr && obj == nullptr) {
        PyErr_SetString(PyExc_TypeError, "__get__(None, None) is invalid");
        return nullptr;
    }
    return as<descrgetfunc>(wrapped)(self, obj, type);
}

PyObject *wrap_descr_set(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 2)) return nullptr;
    return none_or_null(
        as<descrsetfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1)));
}

PyObject *wrap_descr_delete(PyObject *self, PyObject *args, void *wrapped) noexcept {
    if (!check_num_args(args, 1)) return nullptr;
    return none_or_null(as<descrsetfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), nullptr));
}

PyObject *wrap_init(PyObject *self, PyObject *args, void *wrapped, PyObject *kwds) noexcept {
    return none_or_null(as<initproc>(wrapped)(self, args, kwds));
}

// --- T.__new__ -----------------------------------------------------------------------------------
//
// A builtin method bound to the type T whose tp_new it exposes. T.__new__(S, ...) makes an S
// with T's tp_new, after CPython's safety checks: S must be a type, a subtype of T, and T's
// tp_new must be the one S's nearest static base uses (object.__new__(int) would make an int
// without int's fields).
PyObject *tp_new_wrapper(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    auto *type = reinterpret_cast<PyTypeObject *>(self);
    if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) < 1) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(): not enough arguments", type->tp_name);
        return nullptr;
    }
    PyObject *arg0 = PyTuple_GET_ITEM(args, 0);
    if (!PyType_Check(arg0)) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(X): X is not a type object (%s)", type->tp_name,
                     Py_TYPE(arg0)->tp_name);
        return nullptr;
    }
    auto *subtype = reinterpret_cast<PyTypeObject *>(arg0);
    if (!PyType_IsSubtype(subtype, type)) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->tp_name,
                     subtype->tp_name, subtype->tp_name, type->tp_name);
        return nullptr;
    }
    // The nearest base of `subtype` whose tp_new is C code (classes written in Python reach it
    // through slot_tp_new).
    PyTypeObject *staticbase = subtype;
    while (staticbase != nullptr && staticbase->tp_new == slot_tp_new)
        staticbase = staticbase->tp_base;
    if (staticbase != nullptr && staticbase->tp_new != type->tp_new) {
        PyErr_Format(PyExc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->tp_name,
                     subtype->tp_name, staticbase->tp_name);
        return nullptr;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    if (rest == nullptr) return nullptr;
    PyObject *result = type->tp_new(subtype, rest, kwds);
    Py_DECREF(rest);
    return result;
}

PyMethodDef tp_new_methoddef[] = {
    {"__new__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(tp_new_wrapper)),
     METH_VARARGS | METH_KEYWORDS,
     "__new__($type, *args, **kwargs)\n--\n\nCreate and return a new object.  See help(type) "
     "for accurate signature."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::runtime
