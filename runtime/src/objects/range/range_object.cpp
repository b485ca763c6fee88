// The range type: range(), its length, repr, hash and equality, indexing and slicing (a
// slice of a range is a range), membership, count and index. The iterators are in
// range_iter.cpp. Behaviour and messages follow CPython 3.11's Objects/rangeobject.c.
//
// Every field is an int object so that ranges of any size work; arithmetic goes through
// PyNumber_*, with C-long shortcuts only where CPython takes them too (the length of a
// range whose bounds fit a long, iteration). Ranges hold only ints: they cannot be part
// of a cycle, so they are not GC containers.
#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/range/range_internal.hpp"
#include "objects/slice/slice_internal.hpp"
#include "objects/type/static_type.hpp"

namespace {

namespace args = minipy::runtime::args;

using minipy::runtime::as_range;
using minipy::runtime::RangeObject;

// max(0, ceil((stop - start) / step)) as an int object.
PyObject *compute_length(PyObject *start, PyObject *stop, PyObject *step) noexcept {
    long lstart = 0;
    long lstop = 0;
    long lstep = 0;
    if (minipy::runtime::fits_long(start, &lstart) && minipy::runtime::fits_long(stop, &lstop) &&
        minipy::runtime::fits_long(step, &lstep)) {
        return PyLong_FromUnsignedLong(minipy::runtime::long_range_length(lstart, lstop, lstep));
    }
    // The same formula on int objects: with lo < hi and a positive step, 1 + (hi - lo - 1) // step.
    const bool step_positive = _PyLong_Sign(step) > 0;
    PyObject *lo = step_positive ? start : stop;
    PyObject *hi = step_positive ? stop : start;
    const int empty = PyObject_RichCompareBool(lo, hi, Py_GE);
    if (empty < 0) return nullptr;
    if (empty) return PyLong_FromLong(0);
    PyObject *one = PyLong_FromLong(1);
    PyObject *span = nullptr;
    PyObject *last = nullptr;
    PyObject *steps = nullptr;
    PyObject *result = nullptr;
    PyObject *abs_step = step_positive ? Py_NewRef(step) : PyNumber_Negative(step);
    if (one != nullptr && abs_step != nullptr && (span = PyNumber_Subtract(hi, lo)) != nullptr &&
        (last = PyNumber_Subtract(span, one)) != nullptr &&
        (steps = PyNumber_FloorDivide(last, abs_step)) != nullptr) {
        result = PyNumber_Add(steps, one);
    }
    Py_XDECREF(steps);
    Py_XDECREF(last);
    Py_XDECREF(span);
    Py_XDECREF(abs_step);
    Py_XDECREF(one);
    return result;
}

// Takes over the three references (released on failure too).
PyObject *make_range(PyTypeObject *type, PyObject *start, PyObject *stop, PyObject *step) noexcept {
    PyObject *length = compute_length(start, stop, step);
    RangeObject *r = length == nullptr ? nullptr : PyObject_New(RangeObject, type);
    if (r == nullptr) {
        Py_XDECREF(length);
        Py_DECREF(start);
        Py_DECREF(stop);
        Py_DECREF(step);
        return nullptr;
    }
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length;
    return reinterpret_cast<PyObject *>(r);
}

void range_dealloc(PyObject *self) noexcept {
    RangeObject *r = as_range(self);
    Py_DECREF(r->start);
    Py_DECREF(r->stop);
    Py_DECREF(r->step);
    Py_DECREF(r->length);
    PyObject_Free(self);
}

PyObject *range_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (!args::no_keywords("range", kwds)) return nullptr;
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (!args::check_positional("range", nargs, 1, 3)) return nullptr;
    if (nargs == 1) {
        PyObject *stop = PyNumber_Index(PyTuple_GET_ITEM(args, 0));
        if (stop == nullptr) return nullptr;
        PyObject *start = PyLong_FromLong(0);
        PyObject *step = PyLong_FromLong(1);
        if (start == nullptr || step == nullptr) {
            Py_XDECREF(start);
            Py_XDECREF(step);
            Py_DECREF(stop);
            return nullptr;
        }
        return make_range(type, start, stop, step);
    }
    PyObject *start = PyNumber_Index(PyTuple_GET_ITEM(args, 0));
    if (start == nullptr) return nullptr;
    PyObject *stop = PyNumber_Index(PyTuple_GET_ITEM(args, 1));
    if (stop == nullptr) {
        Py_DECREF(start);
        return nullptr;
    }
    PyObject *step = nargs == 3 ? PyNumber_Index(PyTuple_GET_ITEM(args, 2)) : PyLong_FromLong(1);
    if (step != nullptr && _PyLong_Sign(step) == 0) {
        PyErr_SetString(PyExc_ValueError, "range() arg 3 must not be zero");
        Py_CLEAR(step);
    }
    if (step == nullptr) {
        Py_DECREF(start);
        Py_DECREF(stop);
        return nullptr;
    }
    return make_range(type, start, stop, step);
}

PyObject *range_repr(PyObject *self) noexcept {
    RangeObject *r = as_range(self);
    // The step is left out when it is 1; a huge step is simply "not 1".
    const Py_ssize_t step = PyNumber_AsSsize_t(r->step, nullptr);
    if (step == -1 && PyErr_Occurred()) return nullptr;
    if (step == 1) return PyUnicode_FromFormat("range(%R, %R)", r->start, r->stop);
    return PyUnicode_FromFormat("range(%R, %R, %R)", r->start, r->stop, r->step);
}

// 1 when the range holds exactly one value, 0 when not, -1 on error.
int length_is_one(RangeObject *r) noexcept {
    long length = 0;
    return minipy::runtime::fits_long(r->length, &length) && length == 1;
}

// Ranges are equal when they hold the same values: same length, and for a non-empty range
// the same start, and for a range of two or more the same step.
int range_equals(RangeObject *a, RangeObject *b) noexcept {
    if (a == b) return 1;
    int result = PyObject_RichCompareBool(a->length, b->length, Py_EQ);
    if (result != 1) return result;
    if (_PyLong_Sign(a->length) == 0) return 1;
    result = PyObject_RichCompareBool(a->start, b->start, Py_EQ);
    if (result != 1) return result;
    if (length_is_one(a)) return 1;
    return PyObject_RichCompareBool(a->step, b->step, Py_EQ);
}

PyObject *range_richcompare(PyObject *self, PyObject *other, int op) noexcept {
    if (!PyRange_Check(other) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
    int result = range_equals(as_range(self), as_range(other));
    if (result < 0) return nullptr;
    if (op == Py_NE) result = !result;
    if (result) Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

// Consistent with equality: the hash of (length, start or None, step or None), with start
// and step dropped where equality ignores them.
Py_hash_t range_hash(PyObject *self) noexcept {
    RangeObject *r = as_range(self);
    const bool empty = _PyLong_Sign(r->length) == 0;
    PyObject *start = empty ? Py_None : r->start;
    PyObject *step = empty || length_is_one(r) ? Py_None : r->step;
    PyObject *key = PyTuple_Pack(3, r->length, start, step);
    if (key == nullptr) return -1;
    const Py_hash_t result = PyObject_Hash(key);
    Py_DECREF(key);
    return result;
}

int range_bool(PyObject *self) noexcept {
    return _PyLong_Sign(as_range(self)->length) != 0;
}

Py_ssize_t range_length(PyObject *self) noexcept {
    return PyLong_AsSsize_t(as_range(self)->length);
}

// start + i * step for an index already checked.
PyObject *value_at(RangeObject *r, PyObject *i) noexcept {
    PyObject *offset = PyNumber_Multiply(i, r->step);
    if (offset == nullptr) return nullptr;
    PyObject *result = PyNumber_Add(r->start, offset);
    Py_DECREF(offset);
    return result;
}

// r[i] for an int object i, negative counting from the end.
PyObject *item_at(RangeObject *r, PyObject *i) noexcept {
    PyObject *index = _PyLong_Sign(i) < 0 ? PyNumber_Add(r->length, i) : Py_NewRef(i);
    if (index == nullptr) return nullptr;
    int outside = _PyLong_Sign(index) < 0;
    if (!outside) outside = PyObject_RichCompareBool(index, r->length, Py_GE);
    PyObject *result = nullptr;
    if (outside > 0)
        PyErr_SetString(PyExc_IndexError, "range object index out of range");
    else if (outside == 0)
        result = value_at(r, index);
    Py_DECREF(index);
    return result;
}

PyObject *range_item(PyObject *self, Py_ssize_t i) noexcept {
    PyObject *index = PyLong_FromSsize_t(i);
    if (index == nullptr) return nullptr;
    PyObject *result = item_at(as_range(self), index);
    Py_DECREF(index);
    return result;
}

// r[a:b:c] is the range of the values it selects: start and stop are the values at the
// pinned indices, the step is multiplied.
PyObject *range_slice(RangeObject *r, PyObject *slice) noexcept {
    PyObject *start = nullptr;
    PyObject *stop = nullptr;
    PyObject *step = nullptr;
    if (minipy::runtime::slice_long_indices(slice, r->length, &start, &stop, &step) < 0)
        return nullptr;
    PyObject *new_step = PyNumber_Multiply(r->step, step);
    PyObject *new_start = new_step == nullptr ? nullptr : value_at(r, start);
    PyObject *new_stop = new_start == nullptr ? nullptr : value_at(r, stop);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_DECREF(step);
    if (new_stop == nullptr) {
        Py_XDECREF(new_start);
        Py_XDECREF(new_step);
        return nullptr;
    }
    return make_range(Py_TYPE(r), new_start, new_stop, new_step);
}

PyObject *range_subscript(PyObject *self, PyObject *item) noexcept {
    if (PyIndex_Check(item)) {
        PyObject *index = PyNumber_Index(item);
        if (index == nullptr) return nullptr;
        PyObject *result = item_at(as_range(self), index);
        Py_DECREF(index);
        return result;
    }
    if (PySlice_Check(item)) return range_slice(as_range(self), item);
    return PyErr_Format(PyExc_TypeError, "range indices must be integers or slices, not %.200s",
                        Py_TYPE(item)->tp_name);
}

// Membership of an int (or bool) by arithmetic: within the bounds and on the stride.
int contains_int(RangeObject *r, PyObject *value) noexcept {
    int low_ok = 0;
    int high_ok = 0;
    if (_PyLong_Sign(r->step) > 0) {
        low_ok = PyObject_RichCompareBool(r->start, value, Py_LE);
        high_ok = PyObject_RichCompareBool(value, r->stop, Py_LT);
    } else {
        low_ok = PyObject_RichCompareBool(value, r->start, Py_LE);
        high_ok = PyObject_RichCompareBool(r->stop, value, Py_LT);
    }
    if (low_ok < 0 || high_ok < 0) return -1;
    if (!low_ok || !high_ok) return 0;
    PyObject *offset = PyNumber_Subtract(value, r->start);
    if (offset == nullptr) return -1;
    PyObject *remainder = PyNumber_Remainder(offset, r->step);
    Py_DECREF(offset);
    if (remainder == nullptr) return -1;
    const int result = _PyLong_Sign(remainder) == 0;
    Py_DECREF(remainder);
    return result;
}

bool is_int_like(PyObject *value) noexcept {
    return PyLong_CheckExact(value) || PyBool_Check(value);
}

// What CPython's _PySequence_IterSearch does for anything that is not an int: walk the
// values comparing with ==.
enum class Search { contains, count, index };

// contains: 1 / 0; count: the count; index: the first index, or -1 with ValueError "sequence
// .index(x): x not in sequence". -1 with the exception on any failure.
Py_ssize_t search_by_iteration(PyObject *self, PyObject *value, Search mode) noexcept {
    PyObject *iterator = minipy::runtime::range_iter(self);
    if (iterator == nullptr) return -1;
    Py_ssize_t count = 0;
    Py_ssize_t index = 0;
    Py_ssize_t result = -1;
    while (PyObject *item = PyIter_Next(iterator)) {
        const int equal = PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (equal < 0) break;
        if (equal && mode != Search::count) {
            result = mode == Search::contains ? 1 : index;
            break;
        }
        count += equal;
        index++;
    }
    Py_DECREF(iterator);
    if (result >= 0 || PyErr_Occurred()) return result;
    if (mode == Search::index) {
        PyErr_SetString(PyExc_ValueError, "sequence.index(x): x not in sequence");
        return -1;
    }
    return mode == Search::count ? count : 0;
}

int range_contains(PyObject *self, PyObject *value) noexcept {
    if (is_int_like(value)) return contains_int(as_range(self), value);
    return static_cast<int>(search_by_iteration(self, value, Search::contains));
}

PyObject *range_count(PyObject *self, PyObject *value) noexcept {
    if (is_int_like(value)) {
        const int found = contains_int(as_range(self), value);
        return found < 0 ? nullptr : PyLong_FromLong(found);
    }
    const Py_ssize_t count = search_by_iteration(self, value, Search::count);
    return count < 0 ? nullptr : PyLong_FromSsize_t(count);
}

PyObject *range_index(PyObject *self, PyObject *value) noexcept {
    RangeObject *r = as_range(self);
    if (!is_int_like(value)) {
        const Py_ssize_t index = search_by_iteration(self, value, Search::index);
        return index < 0 ? nullptr : PyLong_FromSsize_t(index);
    }
    const int found = contains_int(r, value);
    if (found < 0) return nullptr;
    if (!found) return PyErr_Format(PyExc_ValueError, "%R is not in range", value);
    PyObject *offset = PyNumber_Subtract(value, r->start);
    if (offset == nullptr) return nullptr;
    PyObject *result = PyNumber_FloorDivide(offset, r->step);
    Py_DECREF(offset);
    return result;
}

// METH_VARARGS as in CPython, whose range.__reduce__ ignores any positional arguments.
PyObject *range_reduce(PyObject *self, PyObject *) noexcept {
    RangeObject *r = as_range(self);
    PyObject *args = PyTuple_Pack(3, r->start, r->stop, r->step);
    if (args == nullptr) return nullptr;
    PyObject *result = PyTuple_Pack(2, reinterpret_cast<PyObject *>(Py_TYPE(self)), args);
    Py_DECREF(args);
    return result;
}

PyObject *range_get_start(PyObject *self, void *) noexcept {
    return Py_NewRef(as_range(self)->start);
}
PyObject *range_get_stop(PyObject *self, void *) noexcept {
    return Py_NewRef(as_range(self)->stop);
}
PyObject *range_get_step(PyObject *self, void *) noexcept {
    return Py_NewRef(as_range(self)->step);
}

PyMethodDef range_methods[] = {
    {"__reversed__", minipy::runtime::range_reversed, METH_NOARGS, "Return a reverse iterator."},
    {"__reduce__", range_reduce, METH_VARARGS, nullptr},
    {"count", range_count, METH_O,
     "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", range_index, METH_O,
     "rangeobject.index(value) -> integer -- return index of value.\nRaise ValueError if the value "
     "is not present."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef range_getset[] = {
    {"start", range_get_start, minipy::runtime::readonly_member_set, nullptr, nullptr},
    {"stop", range_get_stop, minipy::runtime::readonly_member_set, nullptr, nullptr},
    {"step", range_get_step, minipy::runtime::readonly_member_set, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyNumberMethods range_as_number = {.nb_bool = range_bool};

PySequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};

PyMappingMethods range_as_mapping = {
    .mp_length = range_length,
    .mp_subscript = range_subscript,
};

}  // namespace

extern "C" {

PyTypeObject PyRange_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "range",
    .tp_basicsize = sizeof(RangeObject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_hash = range_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc =
        "range(stop) -> range object\n"
        "range(start, stop[, step]) -> range object\n\n"
        "Return an object that produces a sequence of integers from start (inclusive)\n"
        "to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\n"
        "start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\n"
        "These are exactly the valid indices for a list of 4 elements.\n"
        "When step is given, it specifies the increment (or decrement).",
    .tp_richcompare = range_richcompare,
    .tp_iter = minipy::runtime::range_iter,
    .tp_methods = range_methods,
    .tp_getset = range_getset,
    .tp_new = range_new,
    .tp_free = PyObject_Free,
};

}  // extern "C"
