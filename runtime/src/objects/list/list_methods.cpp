// The methods of list (append, extend, insert, pop, remove, index, count, clear, copy,
// reverse, sort, __reversed__, __sizeof__) and list.__init__. Argument checking and messages
// follow CPython 3.11's Argument Clinic code for Objects/listobject.c.

#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/list/list_internal.hpp"
#include "objects/slice/slice_internal.hpp"

namespace {

using minipy::runtime::as_list;

namespace args = minipy::runtime::args;

PyObject *list_append(PyObject *self, PyObject *item) noexcept {
    if (PyList_Append(self, item) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *list_extend_method(PyObject *self, PyObject *iterable) noexcept {
    return minipy::runtime::list_extend(as_list(self), iterable);
}

// insert(index, object, /)
PyObject *list_insert(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("insert", nargs, 2, 2)) return nullptr;
    Py_ssize_t where = 0;
    if (!args::ssize_argument(args[0], &where)) return nullptr;
    if (PyList_Insert(self, where, args[1]) < 0) return nullptr;
    Py_RETURN_NONE;
}

// pop(index=-1, /)
PyObject *list_pop(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!args::check_positional("pop", nargs, 0, 1)) return nullptr;
    Py_ssize_t index = -1;
    if (nargs == 1 && !args::ssize_argument(args[0], &index)) return nullptr;
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

// index(value, start=0, stop=sys.maxsize, /)
PyObject *list_index(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    PyObject *value = nullptr;
    Py_ssize_t start = 0;
    Py_ssize_t stop = 0;
    if (!minipy::runtime::parse_index_arguments(args, nargs, Py_SIZE(self), &value, &start, &stop))
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
PyObject *list_sort(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames) noexcept {
    static constexpr const char *kKeywords[] = {"key", "reverse", nullptr};
    static constexpr args::KeywordParser kParser{"sort", kKeywords, 0, 0};
    PyObject *values[2];
    if (!args::unpack_keywords(args, nargs, nullptr, kwnames, kParser, values)) return nullptr;
    int reverse = 0;
    if (values[1] != nullptr && !args::int_argument(values[1], &reverse)) return nullptr;
    return minipy::runtime::list_sort_impl(as_list(self), values[0], reverse != 0);
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
    {"insert", _PyCFunction_CAST(list_insert), METH_FASTCALL, "Insert object before index."},
    {"extend", list_extend_method, METH_O, "Extend list by appending elements from the iterable."},
    {"pop", _PyCFunction_CAST(list_pop), METH_FASTCALL,
     "Remove and return item at index (default last).\n\nRaises IndexError if list is empty or "
     "index is out of range."},
    {"remove", list_remove, METH_O,
     "Remove first occurrence of value.\n\nRaises ValueError if the value is not present."},
    {"index", _PyCFunction_CAST(list_index), METH_FASTCALL,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", list_count, METH_O, "Return number of occurrences of value."},
    {"reverse", list_reverse, METH_NOARGS, "Reverse *IN PLACE*."},
    {"sort", _PyCFunction_CAST(list_sort), METH_FASTCALL | METH_KEYWORDS, kSortDoc},
    {nullptr, nullptr, 0, nullptr},
};

int list_init_slot(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if ((Py_TYPE(self) == &PyList_Type || Py_TYPE(self)->tp_init == PyList_Type.tp_init) &&
        !args::no_keywords("list", kwds))
        return -1;
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (!args::check_positional("list", nargs, 0, 1)) return -1;
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
