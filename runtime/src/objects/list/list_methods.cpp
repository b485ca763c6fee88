// The methods of list (append, extend, insert, pop, remove, index, count, clear, copy,
// reverse, sort, __reversed__, __sizeof__) and list.__init__. Argument checking and messages
// follow CPython 3.11's Argument Clinic code for Objects/listobject.c.
#include <climits>

#include "minipy/Python.h"
#include "objects/list/list_internal.hpp"
#include "objects/slice/slice_internal.hpp"

namespace {

using minipy::runtime::as_list;

// A Py_ssize_t argument as Clinic converts one: __index__, then OverflowError past the range.
bool ssize_argument(PyObject *arg, Py_ssize_t *out) noexcept {
    PyObject *index = PyNumber_Index(arg);
    if (index == nullptr) return false;
    *out = PyLong_AsSsize_t(index);
    Py_DECREF(index);
    return !(*out == -1 && PyErr_Occurred());
}

PyObject *list_append(PyObject *self, PyObject *item) noexcept {
    if (PyList_Append(self, item) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *list_extend_method(PyObject *self, PyObject *iterable) noexcept {
    return minipy::runtime::list_extend(as_list(self), iterable);
}

PyObject *list_insert(PyObject *self, PyObject *args) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs != 2)
        return PyErr_Format(PyExc_TypeError, "insert expected 2 arguments, got %zd", nargs);
    Py_ssize_t where = 0;
    if (!ssize_argument(PyTuple_GET_ITEM(args, 0), &where)) return nullptr;
    if (PyList_Insert(self, where, PyTuple_GET_ITEM(args, 1)) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *list_pop(PyObject *self, PyObject *args) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 1)
        return PyErr_Format(PyExc_TypeError, "pop expected at most 1 argument, got %zd", nargs);
    Py_ssize_t index = -1;
    if (nargs == 1 && !ssize_argument(PyTuple_GET_ITEM(args, 0), &index)) return nullptr;
    PyListObject *list = as_list(self);
    const Py_ssize_t size = Py_SIZE(list);
    if (size == 0) {
        // Special-cased so that the message tells what went wrong.
        PyErr_SetString(PyExc_IndexError, "pop from empty list");
        return nullptr;
    }
    if (index < 0) index += size;
    if (index < 0 || index >= size) {
        PyErr_SetString(PyExc_IndexError, "pop index out of range");
        return nullptr;
    }
    PyObject *item = list->ob_item[index];
    if (index == size - 1) {
        if (minipy::runtime::list_resize(list, size - 1) < 0) return nullptr;
        return item;  // the list's reference becomes the caller's
    }
    Py_INCREF(item);
    if (minipy::runtime::list_ass_slice(list, index, index + 1, nullptr) < 0) {
        Py_DECREF(item);
        return nullptr;
    }
    return item;
}

PyObject *list_remove(PyObject *self, PyObject *value) noexcept {
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(self, i));
        const int equal = PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (equal < 0) return nullptr;
        if (equal > 0) {
            if (minipy::runtime::list_ass_slice(as_list(self), i, i + 1, nullptr) < 0)
                return nullptr;
            Py_RETURN_NONE;
        }
    }
    PyErr_SetString(PyExc_ValueError, "list.remove(x): x not in list");
    return nullptr;
}

PyObject *list_index(PyObject *self, PyObject *args) noexcept {
    PyObject *value = nullptr;
    Py_ssize_t start = 0;
    Py_ssize_t stop = 0;
    if (!minipy::runtime::parse_index_arguments(args, Py_SIZE(self), &value, &start, &stop))
        return nullptr;
    for (Py_ssize_t i = start; i < stop && i < Py_SIZE(self); i++) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(self, i));
        const int equal = PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (equal > 0) return PyLong_FromSsize_t(i);
        if (equal < 0) return nullptr;
    }
    return PyErr_Format(PyExc_ValueError, "%R is not in list", value);
}

PyObject *list_count(PyObject *self, PyObject *value) noexcept {
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        PyObject *item = PyList_GET_ITEM(self, i);
        if (item == value) {
            count++;
            continue;
        }
        Py_INCREF(item);
        const int equal = PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (equal < 0) return nullptr;
        count += equal;
    }
    return PyLong_FromSsize_t(count);
}

PyObject *list_clear_method(PyObject *self, PyObject *) noexcept {
    minipy::runtime::list_clear_items(as_list(self));
    Py_RETURN_NONE;
}

PyObject *list_copy(PyObject *self, PyObject *) noexcept {
    return minipy::runtime::list_slice(as_list(self), 0, Py_SIZE(self));
}

PyObject *list_reverse(PyObject *self, PyObject *) noexcept {
    if (PyList_Reverse(self) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *list_sizeof(PyObject *self, PyObject *) noexcept {
    const Py_ssize_t bytes = Py_TYPE(self)->tp_basicsize +
                             as_list(self)->allocated * static_cast<Py_ssize_t>(sizeof(PyObject *));
    return PyLong_FromSsize_t(bytes);
}

// sort(*, key=None, reverse=False)
PyObject *list_sort(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_SetString(PyExc_TypeError, "sort() takes no positional arguments");
        return nullptr;
    }
    PyObject *keyfunc = nullptr;
    bool reverse = false;
    if (kwds != nullptr) {
        Py_ssize_t pos = 0;
        PyObject *name = nullptr;
        PyObject *value = nullptr;
        while (PyDict_Next(kwds, &pos, &name, &value)) {
            if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "key") == 0) {
                keyfunc = value;
            } else if (PyUnicode_Check(name) &&
                       PyUnicode_CompareWithASCIIString(name, "reverse") == 0) {
                // bool(accept={int}): an integer, any size that fits a C int.
                PyObject *index = PyNumber_Index(value);
                if (index == nullptr) return nullptr;
                const long flag = PyLong_AsLong(index);
                Py_DECREF(index);
                if (flag == -1 && PyErr_Occurred()) return nullptr;
                if (flag > INT_MAX || flag < INT_MIN) {
                    PyErr_SetString(PyExc_OverflowError,
                                    "Python int too large to convert to C int");
                    return nullptr;
                }
                reverse = flag != 0;
            } else {
                return PyErr_Format(PyExc_TypeError, "%R is an invalid keyword argument for sort()",
                                    name);
            }
        }
    }
    return minipy::runtime::list_sort_impl(as_list(self), keyfunc, reverse);
}

constexpr const char kSortDoc[] =
    "Sort the list in ascending order and return None.\n\n"
    "The sort is in-place (i.e. the list itself is modified) and stable (i.e. the\n"
    "order of two equal elements is maintained).\n\n"
    "If a key function is given, apply it once to each list item and sort them,\n"
    "ascending or descending, according to their function values.\n\n"
    "The reverse flag can be set to sort in descending order.";

}  // namespace

namespace minipy::runtime {

PyMethodDef list_methods[] = {
    {"__reversed__", list_reversed, METH_NOARGS, "Return a reverse iterator over the list."},
    {"__sizeof__", list_sizeof, METH_NOARGS, "Return the size of the list in memory, in bytes."},
    {"clear", list_clear_method, METH_NOARGS, "Remove all items from list."},
    {"copy", list_copy, METH_NOARGS, "Return a shallow copy of the list."},
    {"append", list_append, METH_O, "Append object to the end of the list."},
    {"insert", list_insert, METH_VARARGS, "Insert object before index."},
    {"extend", list_extend_method, METH_O, "Extend list by appending elements from the iterable."},
    {"pop", list_pop, METH_VARARGS,
     "Remove and return item at index (default last).\n\nRaises IndexError if list is empty or "
     "index is out of range."},
    {"remove", list_remove, METH_O,
     "Remove first occurrence of value.\n\nRaises ValueError if the value is not present."},
    {"index", list_index, METH_VARARGS,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", list_count, METH_O, "Return number of occurrences of value."},
    {"reverse", list_reverse, METH_NOARGS, "Reverse *IN PLACE*."},
    {"sort", _PyCFunction_CAST(list_sort), METH_VARARGS | METH_KEYWORDS, kSortDoc},
    {nullptr, nullptr, 0, nullptr},
};

int list_init_slot(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if ((Py_TYPE(self) == &PyList_Type || Py_TYPE(self)->tp_init == PyList_Type.tp_init) &&
        kwds != nullptr && PyDict_Size(kwds) > 0) {
        PyErr_SetString(PyExc_TypeError, "list() takes no keyword arguments");
        return -1;
    }
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "list expected at most 1 argument, got %zd", nargs);
        return -1;
    }
    // __init__ on a list that has items starts it over.
    list_clear_items(as_list(self));
    if (nargs == 1) {
        PyObject *none = list_extend(as_list(self), PyTuple_GET_ITEM(args, 0));
        if (none == nullptr) return -1;
        Py_DECREF(none);
    }
    return 0;
}

}  // namespace minipy::runtime
