// The range iterators: range_iterator counts in C longs (the common case, no int arithmetic
// per step beyond making the result), longrange_iterator in int objects for ranges whose
// values or length do not fit a long. iter(range) and reversed(range) choose between them
// with CPython 3.11's overflow checks (Objects/rangeobject.c: range_iter, range_reverse).
//
// Both hold (start, step, remaining; the C-long one calls it `len`): next() returns start,
// advances start by step and counts remaining down. reversed(range(a, b, s)) of n values is the
// forward iteration of range(a + (n-1)*s, a - s, -s).
#include <climits>

#include "minipy/Python.h"
#include "objects/range/range_internal.hpp"
#include "objects/type/static_type.hpp"

namespace {

using minipy::runtime::as_range;
using minipy::runtime::fits_long;
using minipy::runtime::long_range_length;
using minipy::runtime::RangeObject;

// minipy/rangeobject.h has the layout (the eval loop's FOR_ITER_RANGE reads it).
using RangeIterObject = _PyRangeIterObject;

struct LongRangeIterObject {
    PyObject_HEAD PyObject *start;
    PyObject *step;
    PyObject *remaining;
};

PyObject *fast_range_iter(long start, long step, long length) noexcept {
    RangeIterObject *it = PyObject_New(RangeIterObject, &PyRangeIter_Type);
    if (it == nullptr) return nullptr;
    it->start = start;
    it->step = step;
    it->len = length;
    return reinterpret_cast<PyObject *>(it);
}

// Takes over the three references.
PyObject *long_range_iter(PyObject *start, PyObject *step, PyObject *length) noexcept {
    LongRangeIterObject *it = start == nullptr || step == nullptr || length == nullptr
                                  ? nullptr
                                  : PyObject_New(LongRangeIterObject, &PyLongRangeIter_Type);
    if (it == nullptr) {
        Py_XDECREF(start);
        Py_XDECREF(step);
        Py_XDECREF(length);
        return nullptr;
    }
    it->start = start;
    it->step = step;
    it->remaining = length;
    return reinterpret_cast<PyObject *>(it);
}

void rangeiter_dealloc(PyObject *self) noexcept {
    PyObject_Free(self);
}

PyObject *rangeiter_next(PyObject *self) noexcept {
    auto *it = reinterpret_cast<RangeIterObject *>(self);
    if (it->len <= 0) return nullptr;
    const long result = it->start;
    // Unsigned: the step past the last value may leave the long range; it is never used.
    it->start = static_cast<long>(static_cast<unsigned long>(result) +
                                  static_cast<unsigned long>(it->step));
    it->len--;
    return PyLong_FromLong(result);
}

PyObject *rangeiter_length_hint(PyObject *self, PyObject *) noexcept {
    return PyLong_FromLong(reinterpret_cast<RangeIterObject *>(self)->len);
}

void longrangeiter_dealloc(PyObject *self) noexcept {
    auto *it = reinterpret_cast<LongRangeIterObject *>(self);
    Py_DECREF(it->start);
    Py_DECREF(it->step);
    Py_DECREF(it->remaining);
    PyObject_Free(self);
}

PyObject *longrangeiter_next(PyObject *self) noexcept {
    auto *it = reinterpret_cast<LongRangeIterObject *>(self);
    if (_PyLong_Sign(it->remaining) <= 0) return nullptr;
    PyObject *one = PyLong_FromLong(1);
    if (one == nullptr) return nullptr;
    PyObject *next_start = PyNumber_Add(it->start, it->step);
    PyObject *remaining = next_start == nullptr ? nullptr : PyNumber_Subtract(it->remaining, one);
    Py_DECREF(one);
    if (remaining == nullptr) {
        Py_XDECREF(next_start);
        return nullptr;
    }
    PyObject *result = it->start;
    it->start = next_start;
    Py_SETREF(it->remaining, remaining);
    return result;  // the iterator's reference to the old start
}

PyObject *longrangeiter_length_hint(PyObject *self, PyObject *) noexcept {
    return Py_NewRef(reinterpret_cast<LongRangeIterObject *>(self)->remaining);
}

PyMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

namespace minipy::runtime {

PyObject *range_iter(PyObject *self) noexcept {
    RangeObject *r = as_range(self);
    long start = 0;
    long stop = 0;
    long step = 0;
    if (fits_long(r->start, &start) && fits_long(r->stop, &stop) && fits_long(r->step, &step)) {
        const unsigned long length = long_range_length(start, stop, step);
        // The values start + k*step for k < length stay within [start, stop), so within long,
        // as long as the length itself fits and stop is not within a step of the edge.
        bool fits = length <= static_cast<unsigned long>(LONG_MAX);
        if (fits && length != 0)
            fits = step > 0 ? stop <= LONG_MAX - (step - 1) : stop >= LONG_MIN + (-1 - step);
        if (fits) return fast_range_iter(start, step, static_cast<long>(length));
    }
    return long_range_iter(Py_NewRef(r->start), Py_NewRef(r->step), Py_NewRef(r->length));
}

PyObject *range_reversed(PyObject *self, PyObject *) noexcept {
    RangeObject *r = as_range(self);
    long start = 0;
    long stop = 0;
    long step = 0;
    // The C-long iterator needs -step and start - step to be longs too.
    if (fits_long(r->start, &start) && fits_long(r->stop, &stop) && fits_long(r->step, &step) &&
        step != LONG_MIN) {
        const bool edge =
            step > 0 ? static_cast<unsigned long>(start) - static_cast<unsigned long>(LONG_MIN) <
                           static_cast<unsigned long>(step)
                     : static_cast<unsigned long>(LONG_MAX) - static_cast<unsigned long>(start) <
                           0UL - static_cast<unsigned long>(step);
        const unsigned long length = long_range_length(start, stop, step);
        if (!edge && length <= static_cast<unsigned long>(LONG_MAX)) {
            const long new_stop = start - step;
            const long new_start = static_cast<long>(static_cast<unsigned long>(new_stop) +
                                                     length * static_cast<unsigned long>(step));
            return fast_range_iter(new_start, -step, static_cast<long>(length));
        }
    }
    // start + (length - 1) * step, counting down by step.
    PyObject *one = PyLong_FromLong(1);
    PyObject *last_index = one == nullptr ? nullptr : PyNumber_Subtract(r->length, one);
    Py_XDECREF(one);
    PyObject *offset = last_index == nullptr ? nullptr : PyNumber_Multiply(last_index, r->step);
    Py_XDECREF(last_index);
    PyObject *new_start = offset == nullptr ? nullptr : PyNumber_Add(r->start, offset);
    Py_XDECREF(offset);
    if (new_start == nullptr) return nullptr;
    return long_range_iter(new_start, PyNumber_Negative(r->step), Py_NewRef(r->length));
}

}  // namespace minipy::runtime

extern "C" {

PyTypeObject PyRangeIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(RangeIterObject),
    .tp_dealloc = rangeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
};

PyTypeObject PyLongRangeIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(LongRangeIterObject),
    .tp_dealloc = longrangeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = longrangeiter_next,
    .tp_methods = longrangeiter_methods,
};

}  // extern "C"
