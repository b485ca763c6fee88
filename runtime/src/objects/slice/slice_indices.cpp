// The index arithmetic of subscripting: turning a slice into C indices (PySlice_Unpack,
// PySlice_AdjustIndices and the functions built on them), the conversions of one index, and
// the classification of seq[item] that tuple, list and range share.
//
// Contract of the two steps (CPython 3.11's Objects/sliceobject.c):
//   Unpack  step: None -> 1; 0 -> ValueError; values below -PY_SSIZE_T_MAX become
//                 -PY_SSIZE_T_MAX so that `-step` never overflows.
//           start: None -> 0, or PY_SSIZE_T_MAX for a negative step.
//           stop:  None -> PY_SSIZE_T_MAX, or PY_SSIZE_T_MIN for a negative step.
//           Bounds beyond Py_ssize_t are clamped, not refused.
//   Adjust  a negative bound counts from the end; what is still out of range is pinned to
//           [0, length] (step > 0) or [-1, length - 1] (step < 0); the result is how many
//           items start, start + step, ... selects before reaching stop.
#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/slice/slice_internal.hpp"

namespace minipy::runtime {

namespace {

// An index with __index__, clamped to Py_ssize_t instead of raising; TypeError `message`
// for anything else.
bool clamped_index(PyObject *value, const char *message, Py_ssize_t *index) noexcept {
    if (!PyIndex_Check(value)) {
        PyErr_SetString(PyExc_TypeError, message);
        return false;
    }
    const Py_ssize_t x = PyNumber_AsSsize_t(value, nullptr);
    if (x == -1 && PyErr_Occurred()) return false;
    *index = x;
    return true;
}

}  // namespace

bool slice_index(PyObject *value, Py_ssize_t *index) noexcept {
    return value == Py_None ||
           clamped_index(
               value, "slice indices must be integers or None or have an __index__ method", index);
}

bool slice_index_not_none(PyObject *value, Py_ssize_t *index) noexcept {
    return clamped_index(value, "slice indices must be integers or have an __index__ method",
                         index);
}

Subscript classify_subscript(PyObject *item, Py_ssize_t length, const char *type_name,
                             Py_ssize_t *index, SliceSpec *slice) noexcept {
    if (PyIndex_Check(item)) {
        const Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) return Subscript::error;
        *index = i;
        return Subscript::index;
    }
    if (PySlice_Check(item)) {
        if (PySlice_Unpack(item, &slice->start, &slice->stop, &slice->step) < 0)
            return Subscript::error;
        slice->length = PySlice_AdjustIndices(length, &slice->start, &slice->stop, slice->step);
        return Subscript::slice;
    }
    PyErr_Format(PyExc_TypeError, "%s indices must be integers or slices, not %.200s", type_name,
                 Py_TYPE(item)->tp_name);
    return Subscript::error;
}

bool parse_index_arguments(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t length,
                           PyObject **value, Py_ssize_t *start, Py_ssize_t *stop) noexcept {
    if (!args::check_positional("index", nargs, 1, 3)) return false;
    *value = args[0];
    *start = 0;
    *stop = PY_SSIZE_T_MAX;
    if (nargs >= 2 && !slice_index_not_none(args[1], start)) return false;
    if (nargs >= 3 && !slice_index_not_none(args[2], stop)) return false;
    args::adjust_indices(length, start, stop);
    return true;
}

}  // namespace minipy::runtime

extern "C" int PySlice_Unpack(PyObject *slice, Py_ssize_t *start, Py_ssize_t *stop,
                              Py_ssize_t *step) noexcept {
    using minipy::runtime::slice_index;
    auto *s = reinterpret_cast<PySliceObject *>(slice);
    static_assert(PY_SSIZE_T_MIN + 1 <= -PY_SSIZE_T_MAX, "the step clamp below relies on it");
    if (s->step == Py_None) {
        *step = 1;
    } else {
        if (!slice_index(s->step, step)) return -1;
        if (*step == 0) {
            PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (*step < -PY_SSIZE_T_MAX) *step = -PY_SSIZE_T_MAX;
    }
    if (s->start == Py_None) {
        *start = *step < 0 ? PY_SSIZE_T_MAX : 0;
    } else if (!slice_index(s->start, start)) {
        return -1;
    }
    if (s->stop == Py_None) {
        *stop = *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    } else if (!slice_index(s->stop, stop)) {
        return -1;
    }
    return 0;
}

extern "C" Py_ssize_t PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop,
                                            Py_ssize_t step) noexcept {
    auto pin = [length, step](Py_ssize_t *bound) {
        if (*bound < 0) {
            *bound += length;
            if (*bound < 0) *bound = step < 0 ? -1 : 0;
        } else if (*bound >= length) {
            *bound = step < 0 ? length - 1 : length;
        }
    };
    pin(start);
    pin(stop);
    if (step < 0) {
        if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

extern "C" int PySlice_GetIndicesEx(PyObject *slice, Py_ssize_t length, Py_ssize_t *start,
                                    Py_ssize_t *stop, Py_ssize_t *step,
                                    Py_ssize_t *slicelength) noexcept {
    if (PySlice_Unpack(slice, start, stop, step) < 0) {
        *slicelength = 0;
        return -1;
    }
    *slicelength = PySlice_AdjustIndices(length, start, stop, *step);
    return 0;
}

// The pre-3.2 API, kept as CPython keeps it: only exact ints, and indices are not clamped
// to the sequence (only a negative one has the length added).
extern "C" int PySlice_GetIndices(PyObject *slice, Py_ssize_t length, Py_ssize_t *start,
                                  Py_ssize_t *stop, Py_ssize_t *step) noexcept {
    auto *s = reinterpret_cast<PySliceObject *>(slice);
    if (s->step == Py_None) {
        *step = 1;
    } else {
        if (!PyLong_Check(s->step)) return -1;
        *step = PyLong_AsSsize_t(s->step);
    }
    if (s->start == Py_None) {
        *start = *step < 0 ? length - 1 : 0;
    } else {
        if (!PyLong_Check(s->start)) return -1;
        *start = PyLong_AsSsize_t(s->start);
        if (*start < 0) *start += length;
    }
    if (s->stop == Py_None) {
        *stop = *step < 0 ? -1 : length;
    } else {
        if (!PyLong_Check(s->stop)) return -1;
        *stop = PyLong_AsSsize_t(s->stop);
        if (*stop < 0) *stop += length;
    }
    if (*stop > length) return -1;
    if (*start >= length) return -1;
    if (*step == 0) return -1;
    return 0;
}
