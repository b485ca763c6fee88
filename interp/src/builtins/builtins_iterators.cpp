// The built-in iterator types every program uses: enumerate, zip, map, filter and reversed
// (CPython's Objects/enumobject.c and Python/bltinmodule.c), each a type called with its
// arguments and iterated lazily.
#include "builtins/builtins.hpp"
#include "objects/interp_object.hpp"

namespace minipy::builtins {

namespace {

// One layout for all five: the iterators (or sequence), a function, a counter.
struct LazyIterObject {
    PyObject_HEAD PyObject *iters;  // tuple of iterators (zip, map); the iterator (enumerate,
                                    // filter); the sequence (reversed)
    PyObject *func;                 // map / filter's function (filter: None means truth), or NULL
    Py_ssize_t index;               // enumerate's count (when it fits), reversed's next index
    PyObject *big_index;            // enumerate's count past Py_ssize_t, or NULL
    int strict;                     // zip(strict=True)
};

LazyIterObject *as_lazy(PyObject *self) noexcept {
    return reinterpret_cast<LazyIterObject *>(self);
}

void lazy_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    LazyIterObject *it = as_lazy(self);
    Py_XDECREF(it->iters);
    Py_XDECREF(it->func);
    Py_XDECREF(it->big_index);
    PyObject_GC_Del(self);
}

int lazy_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    LazyIterObject *it = as_lazy(self);
    Py_VISIT(it->iters);
    Py_VISIT(it->func);
    return 0;
}

PyObject *lazy_new(PyTypeObject *type, PyObject *iters, PyObject *func) noexcept {
    LazyIterObject *it = PyObject_GC_New(LazyIterObject, type);
    if (it == nullptr) {
        Py_XDECREF(iters);
        Py_XDECREF(func);
        return nullptr;
    }
    it->iters = iters;
    it->func = func;
    it->index = 0;
    it->big_index = nullptr;
    it->strict = 0;
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

// A tuple of iter(x) for each x of args[start:].
PyObject *iterators_of(PyObject *args, Py_ssize_t start) noexcept {
    const Py_ssize_t n = PyTuple_GET_SIZE(args) - start;
    PyObject *iters = PyTuple_New(n);
    if (iters == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *iter = PyObject_GetIter(PyTuple_GET_ITEM(args, start + i));
        if (iter == nullptr) {
            Py_DECREF(iters);
            return nullptr;
        }
        PyTuple_SET_ITEM(iters, i, iter);
    }
    return iters;
}

bool no_keywords(const char *name, PyObject *kwargs) noexcept {
    if (kwargs == nullptr || PyDict_GET_SIZE(kwargs) == 0) return true;
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
    return false;
}

// --- enumerate ---------------------------------------------------------------------------------

PyObject *enumerate_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKeywords[] = {"iterable", "start", nullptr};
    PyObject *iterable = nullptr, *start = nullptr;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:enumerate", const_cast<char **>(kKeywords),
                                     &iterable, &start))
        return nullptr;
    PyObject *iter = PyObject_GetIter(iterable);
    if (iter == nullptr) return nullptr;
    PyObject *self = lazy_new(type, iter, nullptr);
    if (self == nullptr || start == nullptr) return self;
    PyObject *index = PyNumber_Index(start);
    if (index == nullptr) {
        Py_DECREF(self);
        return nullptr;
    }
    const Py_ssize_t n = PyLong_AsSsize_t(index);
    if (n == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        as_lazy(self)->big_index = index;
        return self;
    }
    Py_DECREF(index);
    as_lazy(self)->index = n;
    return self;
}

PyObject *enumerate_next(PyObject *self) noexcept {
    LazyIterObject *it = as_lazy(self);
    PyObject *item = (*Py_TYPE(it->iters)->tp_iternext)(it->iters);
    if (item == nullptr) return nullptr;
    PyObject *count = nullptr;
    if (it->big_index != nullptr) {
        count = Py_NewRef(it->big_index);
        PyObject *one = PyLong_FromLong(1);
        PyObject *next = one != nullptr ? PyNumber_Add(it->big_index, one) : nullptr;
        Py_XDECREF(one);
        if (next == nullptr) {
            Py_DECREF(count);
            Py_DECREF(item);
            return nullptr;
        }
        Py_SETREF(it->big_index, next);
    } else if (it->index == PY_SSIZE_T_MAX) {
        count = PyLong_FromSsize_t(it->index);
        PyObject *one = PyLong_FromLong(1);
        it->big_index = count != nullptr && one != nullptr ? PyNumber_Add(count, one) : nullptr;
        Py_XDECREF(one);
    } else {
        count = PyLong_FromSsize_t(it->index++);
    }
    if (count == nullptr) {
        Py_DECREF(item);
        return nullptr;
    }
    PyObject *pair = PyTuple_New(2);
    if (pair == nullptr) {
        Py_DECREF(count);
        Py_DECREF(item);
        return nullptr;
    }
    PyTuple_SET_ITEM(pair, 0, count);
    PyTuple_SET_ITEM(pair, 1, item);
    return pair;
}

// --- zip ---------------------------------------------------------------------------------------

PyObject *zip_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) noexcept {
    int strict = 0;
    if (kwargs != nullptr && PyDict_GET_SIZE(kwargs) > 0) {
        PyObject *value = PyDict_GetItemString(kwargs, "strict");
        if (value == nullptr || PyDict_GET_SIZE(kwargs) > 1) {
            PyErr_SetString(PyExc_TypeError, "zip() takes at most one keyword argument");
            return nullptr;
        }
        strict = PyObject_IsTrue(value);
        if (strict < 0) return nullptr;
    }
    PyObject *iters = iterators_of(args, 0);
    if (iters == nullptr) return nullptr;
    PyObject *self = lazy_new(type, iters, nullptr);
    if (self != nullptr) as_lazy(self)->strict = strict;
    return self;
}

PyObject *zip_next(PyObject *self) noexcept {
    LazyIterObject *it = as_lazy(self);
    const Py_ssize_t n = PyTuple_GET_SIZE(it->iters);
    if (n == 0) return nullptr;
    PyObject *result = PyTuple_New(n);
    if (result == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *iter = PyTuple_GET_ITEM(it->iters, i);
        PyObject *item = (*Py_TYPE(iter)->tp_iternext)(iter);
        if (item == nullptr) {
            Py_DECREF(result);
            if (!it->strict || PyErr_Occurred()) return nullptr;
            if (i > 0) {
                PyErr_Format(PyExc_ValueError, "zip() argument %zd is shorter than argument%s%zd",
                             i + 1, i == 1 ? " " : "s 1-", i);
                return nullptr;
            }
            for (Py_ssize_t j = 1; j < n; ++j) {
                PyObject *other = PyTuple_GET_ITEM(it->iters, j);
                PyObject *extra = (*Py_TYPE(other)->tp_iternext)(other);
                if (extra != nullptr) {
                    Py_DECREF(extra);
                    PyErr_Format(PyExc_ValueError,
                                 "zip() argument %zd is longer than argument%s%zd", j + 1,
                                 j == 1 ? " " : "s 1-", j);
                    return nullptr;
                }
                if (PyErr_Occurred()) return nullptr;
            }
            return nullptr;
        }
        PyTuple_SET_ITEM(result, i, item);
    }
    return result;
}

// --- map and filter ----------------------------------------------------------------------------

PyObject *map_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) noexcept {
    if (!no_keywords("map", kwargs)) return nullptr;
    if (PyTuple_GET_SIZE(args) < 2) {
        PyErr_SetString(PyExc_TypeError, "map() must have at least two arguments.");
        return nullptr;
    }
    PyObject *iters = iterators_of(args, 1);
    if (iters == nullptr) return nullptr;
    return lazy_new(type, iters, Py_NewRef(PyTuple_GET_ITEM(args, 0)));
}

PyObject *map_next(PyObject *self) noexcept {
    LazyIterObject *it = as_lazy(self);
    const Py_ssize_t n = PyTuple_GET_SIZE(it->iters);
    PyObject *small[8];
    PyObject **items = small;
    if (n > 8) {
        items = static_cast<PyObject **>(
            PyMem_Malloc(sizeof(PyObject *) * static_cast<std::size_t>(n)));
        if (items == nullptr) return PyErr_NoMemory();
    }
    Py_ssize_t got = 0;
    PyObject *result = nullptr;
    for (; got < n; ++got) {
        PyObject *iter = PyTuple_GET_ITEM(it->iters, got);
        items[got] = (*Py_TYPE(iter)->tp_iternext)(iter);
        if (items[got] == nullptr) break;
    }
    if (got == n) result = PyObject_Vectorcall(it->func, items, static_cast<size_t>(n), nullptr);
    for (Py_ssize_t i = 0; i < got; ++i) Py_DECREF(items[i]);
    if (items != small) PyMem_Free(items);
    return result;
}

PyObject *filter_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) noexcept {
    if (!no_keywords("filter", kwargs)) return nullptr;
    PyObject *func = nullptr, *iterable = nullptr;
    if (!PyArg_UnpackTuple(args, "filter", 2, 2, &func, &iterable)) return nullptr;
    PyObject *iter = PyObject_GetIter(iterable);
    if (iter == nullptr) return nullptr;
    return lazy_new(type, iter, Py_NewRef(func));
}

PyObject *filter_next(PyObject *self) noexcept {
    LazyIterObject *it = as_lazy(self);
    for (;;) {
        PyObject *item = (*Py_TYPE(it->iters)->tp_iternext)(it->iters);
        if (item == nullptr) return nullptr;
        int ok;
        if (it->func == Py_None || it->func == reinterpret_cast<PyObject *>(&PyBool_Type)) {
            ok = PyObject_IsTrue(item);
        } else {
            PyObject *r = PyObject_CallOneArg(it->func, item);
            ok = r != nullptr ? PyObject_IsTrue(r) : -1;
            Py_XDECREF(r);
        }
        if (ok > 0) return item;
        Py_DECREF(item);
        if (ok < 0) return nullptr;
    }
}

// --- reversed ----------------------------------------------------------------------------------

PyObject *reversed_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) noexcept {
    if (!no_keywords("reversed", kwargs)) return nullptr;
    PyObject *seq = nullptr;
    if (!PyArg_UnpackTuple(args, "reversed", 1, 1, &seq)) return nullptr;
    PyObject *method = PyObject_GetAttrString(seq, "__reversed__");
    if (method != nullptr) {
        PyObject *r = PyObject_CallNoArgs(method);
        Py_DECREF(method);
        return r;
    }
    PyErr_Clear();
    if (!PySequence_Check(seq) || PyDict_Check(seq)) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not reversible", Py_TYPE(seq)->tp_name);
        return nullptr;
    }
    const Py_ssize_t n = PySequence_Size(seq);
    if (n < 0) return nullptr;
    PyObject *self = lazy_new(type, Py_NewRef(seq), nullptr);
    if (self != nullptr) as_lazy(self)->index = n - 1;
    return self;
}

PyObject *reversed_next(PyObject *self) noexcept {
    LazyIterObject *it = as_lazy(self);
    if (it->index < 0 || it->iters == nullptr) return nullptr;
    PyObject *item = PySequence_GetItem(it->iters, it->index--);
    if (item != nullptr) return item;
    if (PyErr_ExceptionMatches(PyExc_IndexError) || PyErr_ExceptionMatches(PyExc_StopIteration))
        PyErr_Clear();
    it->index = -1;
    return nullptr;
}

}  // namespace

}  // namespace minipy::builtins

using namespace minipy::builtins;

#define MINIPY_LAZY_ITER_TYPE(cname, pyname, newfunc, nextfunc)                    \
    PyTypeObject cname = {                                                         \
        /* NOLINT(bugprone-macro-parentheses): a declarator */                     \
        MINIPY_INTERP_TYPE_HEAD,                                                   \
        .tp_name = (pyname),                                                       \
        .tp_basicsize = sizeof(LazyIterObject),                                    \
        .tp_dealloc = lazy_dealloc,                                                \
        .tp_getattro = PyObject_GenericGetAttr,                                    \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE, \
        .tp_traverse = lazy_traverse,                                              \
        .tp_iter = PyObject_SelfIter,                                              \
        .tp_iternext = (nextfunc),                                                 \
        .tp_new = (newfunc),                                                       \
    };

extern "C" {
MINIPY_LAZY_ITER_TYPE(PyEnum_Type, "enumerate", enumerate_new, enumerate_next)
MINIPY_LAZY_ITER_TYPE(PyZip_Type, "zip", zip_new, zip_next)
MINIPY_LAZY_ITER_TYPE(PyMap_Type, "map", map_new, map_next)
MINIPY_LAZY_ITER_TYPE(PyFilter_Type, "filter", filter_new, filter_next)
MINIPY_LAZY_ITER_TYPE(PyReversed_Type, "reversed", reversed_new, reversed_next)
}
