// The range object's layout and what range_object.cpp and range_iter.cpp share: internal to
// runtime/src (CPython keeps the layout private too).
#ifndef MINIPY_OBJECTS_RANGE_INTERNAL_HPP
#define MINIPY_OBJECTS_RANGE_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

// range(start, stop, step): all four fields are exact ints (any size), step != 0, and
// length == max(0, ceil((stop - start) / step)), computed once at creation.
struct RangeObject {
    PyObject_HEAD PyObject *start;
    PyObject *stop;
    PyObject *step;
    PyObject *length;
};

inline RangeObject *as_range(PyObject *op) noexcept {
    return reinterpret_cast<RangeObject *>(op);
}

// The number of values in range(lo, hi, step) for C longs (step != 0). Exact in unsigned long:
// the widest span, hi = LONG_MAX and lo = LONG_MIN, is 2 * LONG_MAX + 1 values apart.
inline unsigned long long_range_length(long lo, long hi, long step) noexcept {
    if (step > 0 && lo < hi)
        return 1UL + (static_cast<unsigned long>(hi) - 1UL - static_cast<unsigned long>(lo)) /
                         static_cast<unsigned long>(step);
    if (step < 0 && lo > hi)
        return 1UL + (static_cast<unsigned long>(lo) - 1UL - static_cast<unsigned long>(hi)) /
                         (0UL - static_cast<unsigned long>(step));
    return 0UL;
}

// An int object's value when it fits a C long; false (and no exception) when it does not.
inline bool fits_long(PyObject *value, long *out) noexcept {
    int overflow = 0;
    *out = PyLong_AsLongAndOverflow(value, &overflow);
    return overflow == 0 && !(*out == -1 && PyErr_Occurred());
}

// range_iter.cpp: iter(r) and reversed(r); a range_iterator when every value fits a C long,
// a longrange_iterator otherwise.
PyObject *range_iter(PyObject *self) noexcept;
PyObject *range_reversed(PyObject *self, PyObject *unused) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_RANGE_INTERNAL_HPP
