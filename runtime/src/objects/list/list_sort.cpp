// list.sort: CPython 3.11's protocol around its timsort (timsort.hpp, list_timsort.cpp), and
// the choice of the comparison.
//
// The protocol:
//   1. The list is emptied for the length of the sort (ob_item NULL, size 0, allocated -1), so
//      that a key function or __lt__ that changes the list cannot pull the vector away from
//      under the sort. Afterwards allocated != -1 means the list was changed: the items the
//      list gained meanwhile are dropped and ValueError "list modified during sort" is raised
//      (unless the sort failed with an error of its own).
//   2. With key=, every key is computed first; a failure releases them and leaves the list
//      as it was.
//   3. reverse=True reverses the items (and keys), sorts, and reverses again, so that equal
//      items keep their order; the second reversal happens after a failed sort too.
//   4. A failing comparison stops the sort; the list holds all its items, in some order.
//
// The comparison (CPython's pre-sort check): when every key has the same type, `<` is
// computed without the generic protocol's detours: latin-1 str by memcmp, ints of at most
// one digit and floats by their C values, any other type by its own tp_richcompare (the
// generic PyObject_RichCompareBool when that answers NotImplemented or the type differs).
// Non-empty tuples are compared item by item with ==, then < on the first differing item,
// the first items with the comparison chosen for their common type. A list of mixed types
// uses PyObject_RichCompareBool(v, w, Py_LT) for each comparison.
#include <cstring>

#include "minipy/Python.h"
#include "objects/int/int_internal.hpp"
#include "objects/list/list_internal.hpp"
#include "objects/list/timsort.hpp"

namespace minipy::runtime {
namespace {

using timsort::MergeState;
using timsort::SortSlice;

int safe_object_compare(PyObject *v, PyObject *w, MergeState *) noexcept {
    return PyObject_RichCompareBool(v, w, Py_LT);
}

// Every key has this type: its own tp_richcompare, without the reflected-operand logic.
int unsafe_object_compare(PyObject *v, PyObject *w, MergeState *ms) noexcept {
    // A key function may have changed a type's comparison since the check: fall back.
    if (Py_TYPE(v)->tp_richcompare != ms->key_richcompare)
        return PyObject_RichCompareBool(v, w, Py_LT);
    PyObject *result = ms->key_richcompare(v, w, Py_LT);
    if (result == Py_NotImplemented) {
        Py_DECREF(result);
        return PyObject_RichCompareBool(v, w, Py_LT);
    }
    if (result == nullptr) return -1;
    const int truth = PyBool_Check(result) ? result == Py_True : PyObject_IsTrue(result);
    Py_DECREF(result);
    return truth;
}

// Exact str, all 1-byte kind.
int unsafe_latin_compare(PyObject *v, PyObject *w, MergeState *) noexcept {
    const Py_ssize_t nv = PyUnicode_GET_LENGTH(v), nw = PyUnicode_GET_LENGTH(w);
    const int c =
        std::memcmp(PyUnicode_DATA(v), PyUnicode_DATA(w), static_cast<size_t>(nv < nw ? nv : nw));
    return c != 0 ? c < 0 : nv < nw;
}

// Exact int, each of at most one digit.
int unsafe_long_compare(PyObject *v, PyObject *w, MergeState *) noexcept {
    return long_compact_value(v) < long_compact_value(w);
}

// Exact float.
int unsafe_float_compare(PyObject *v, PyObject *w, MergeState *) noexcept {
    return PyFloat_AS_DOUBLE(v) < PyFloat_AS_DOUBLE(w);
}

// Exact non-empty tuples: == item by item, then < on the first that differs (its first item
// with the comparison of the first items' common type).
int unsafe_tuple_compare(PyObject *v, PyObject *w, MergeState *ms) noexcept {
    const Py_ssize_t nv = PyTuple_GET_SIZE(v), nw = PyTuple_GET_SIZE(w);
    Py_ssize_t i = 0;
    for (; i < nv && i < nw; ++i) {
        const int equal =
            PyObject_RichCompareBool(PyTuple_GET_ITEM(v, i), PyTuple_GET_ITEM(w, i), Py_EQ);
        if (equal < 0) return -1;
        if (!equal) break;
    }
    if (i >= nv || i >= nw) return nv < nw;
    if (i == 0) return ms->tuple_elem_compare(PyTuple_GET_ITEM(v, 0), PyTuple_GET_ITEM(w, 0), ms);
    return PyObject_RichCompareBool(PyTuple_GET_ITEM(v, i), PyTuple_GET_ITEM(w, i), Py_LT);
}

// CPython's pre-sort check: which comparison `keys` (n >= 2) allow.
void choose_compare(MergeState *ms, PyObject *const *keys, Py_ssize_t n) noexcept {
    bool in_tuples = PyTuple_CheckExact(keys[0]) && PyTuple_GET_SIZE(keys[0]) > 0;
    PyTypeObject *key_type = in_tuples ? Py_TYPE(PyTuple_GET_ITEM(keys[0], 0)) : Py_TYPE(keys[0]);
    bool same_type = true;
    bool latin = true;
    bool one_digit = true;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (in_tuples && !(PyTuple_CheckExact(keys[i]) && PyTuple_GET_SIZE(keys[i]) != 0)) {
            in_tuples = false;
            same_type = false;
            break;
        }
        PyObject *key = in_tuples ? PyTuple_GET_ITEM(keys[i], 0) : keys[i];
        if (Py_TYPE(key) != key_type) {
            same_type = false;
            // Tuples are still checked to the end: every key must be one.
            if (!in_tuples) break;
        }
        if (same_type) {
            if (key_type == &PyLong_Type && one_digit && !long_is_compact(key))
                one_digit = false;
            else if (key_type == &PyUnicode_Type && latin &&
                     PyUnicode_KIND(key) != PyUnicode_1BYTE_KIND)
                latin = false;
        }
    }
    // Only unsafe_object_compare reads key_richcompare; the three fast paths below are
    // types whose rich compare is never null.
    ms->key_richcompare = same_type ? key_type->tp_richcompare : nullptr;
    if (ms->key_richcompare == nullptr)
        ms->key_compare = safe_object_compare;
    else if (key_type == &PyUnicode_Type && latin)
        ms->key_compare = unsafe_latin_compare;
    else if (key_type == &PyLong_Type && one_digit)
        ms->key_compare = unsafe_long_compare;
    else if (key_type == &PyFloat_Type)
        ms->key_compare = unsafe_float_compare;
    else
        ms->key_compare = unsafe_object_compare;
    if (in_tuples) {
        // Tuples of tuples: the first items are compared generically.
        ms->tuple_elem_compare = key_type == &PyTuple_Type ? safe_object_compare : ms->key_compare;
        ms->key_compare = unsafe_tuple_compare;
    }
}

void reverse_items(PyObject **lo, PyObject **hi) noexcept {
    for (--hi; lo < hi; ++lo, --hi) {
        PyObject *t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

// Sorts items[0..n) (keys: the keys, or NULL to sort the items themselves). None, or NULL
// with the exception.
PyObject *sort_items(PyObject **items, PyObject **keys, Py_ssize_t n, bool reverse) noexcept {
    MergeState ms;
    const SortSlice lo = keys != nullptr ? SortSlice{keys, items} : SortSlice{items, nullptr};
    if (n > 1) choose_compare(&ms, lo.keys, n);
    timsort::merge_init(&ms, n, keys != nullptr, lo);
    PyObject *result = Py_None;
    if (n > 1) {
        if (reverse) {
            if (keys != nullptr) reverse_items(keys, keys + n);
            reverse_items(items, items + n);
        }
        if (timsort::sort(&ms, lo, n) < 0) result = nullptr;
        if (reverse) reverse_items(items, items + n);
    }
    timsort::merge_freemem(&ms);
    return result;
}

}  // namespace

PyObject *list_sort_impl(PyListObject *self, PyObject *keyfunc, bool reverse) noexcept {
    if (keyfunc == Py_None) keyfunc = nullptr;
    // 1. Take the items out of the list.
    const Py_ssize_t n = Py_SIZE(self);
    PyObject **items = self->ob_item;
    const Py_ssize_t saved_allocated = self->allocated;
    Py_SET_SIZE(self, 0);
    self->ob_item = nullptr;
    self->allocated = -1;

    PyObject *result = nullptr;
    // 2. The keys: on the stack for short lists, as CPython keeps them in its merge state.
    PyObject *stack_keys[timsort::kTempSize / 2];
    PyObject **keys = nullptr;
    bool keys_ready = true;
    if (keyfunc != nullptr) {
        keys = n < timsort::kTempSize / 2 ? stack_keys
                                          : static_cast<PyObject **>(PyMem_Malloc(
                                                static_cast<size_t>(n) * sizeof(PyObject *)));
        if (keys == nullptr) {
            PyErr_NoMemory();
            keys_ready = false;
        }
        for (Py_ssize_t i = 0; keys_ready && i < n; ++i) {
            keys[i] = PyObject_CallOneArg(keyfunc, items[i]);
            if (keys[i] == nullptr) {
                while (--i >= 0) Py_DECREF(keys[i]);
                keys_ready = false;
            }
        }
        if (!keys_ready && keys != stack_keys) PyMem_Free(keys);
    }

    if (keys_ready) {
        // 3 and 4.
        result = sort_items(items, keys, n, reverse);
        if (keys != nullptr) {
            for (Py_ssize_t i = 0; i < n; ++i) Py_DECREF(keys[i]);
            if (keys != stack_keys) PyMem_Free(keys);
        }
        if (self->allocated != -1 && result != nullptr) {
            PyErr_SetString(PyExc_ValueError, "list modified during sort");
            result = nullptr;
        }
    }

    // Put the items back; drop whatever the list gathered while it was lent out.
    PyObject **gathered = self->ob_item;
    Py_ssize_t gathered_count = Py_SIZE(self);
    Py_SET_SIZE(self, n);
    self->ob_item = items;
    self->allocated = saved_allocated;
    if (gathered != nullptr) {
        while (--gathered_count >= 0) Py_XDECREF(gathered[gathered_count]);
        PyMem_Free(gathered);
    }
    return Py_XNewRef(result);
}

}  // namespace minipy::runtime
