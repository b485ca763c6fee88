// The index arithmetic that subscripting shares (tuple, list, range, str...): internal to
// runtime/src. The public API is minipy/sliceobject.h.
#ifndef MINIPY_OBJECTS_SLICE_INTERNAL_HPP
#define MINIPY_OBJECTS_SLICE_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::runtime {

// CPython's _PyEval_SliceIndex: None leaves *index alone, an object with __index__ is
// converted with clamping to [PY_SSIZE_T_MIN, PY_SSIZE_T_MAX]; false with TypeError "slice
// indices must be integers or None or have an __index__ method" for anything else.
bool slice_index(PyObject *value, Py_ssize_t *index) noexcept;
// CPython's _PyEval_SliceIndexNotNone, for the start/stop of index() methods: like
// slice_index but None is refused too ("slice indices must be integers or have an __index__
// method").
bool slice_index_not_none(PyObject *value, Py_ssize_t *index) noexcept;

// The setter of slice's and range's start / stop / step: CPython makes them read-only members,
// whose assignment and deletion both raise AttributeError "readonly attribute".
int readonly_member_set(PyObject *self, PyObject *value, void *closure) noexcept;

// A slice resolved against a sequence of known length.
struct SliceSpec {
    Py_ssize_t start, stop, step, length;
};

// What seq[item] asks for: an index (*index, not yet wrapped for negatives), a slice
// (*slice, already adjusted to `length`), or neither (TypeError "<type_name> indices must be
// integers or slices, not <type>"). `error` also covers a failed conversion (IndexError
// "cannot fit 'int' into an index-sized integer", ValueError for a zero step).
enum class Subscript { error, index, slice };
Subscript classify_subscript(PyObject *item, Py_ssize_t length, const char *type_name,
                             Py_ssize_t *index, SliceSpec *slice) noexcept;

// CPython's _PySlice_GetLongIndices: the slice's start, stop and step pinned to a sequence of
// `length` items (an int object >= 0) as int objects of any size, the arithmetic of
// PySlice_Unpack + PySlice_AdjustIndices without the Py_ssize_t limits (slice.indices(),
// range slicing). New references, or -1 with the exception.
int slice_long_indices(PyObject *slice, PyObject *length, PyObject **start, PyObject **stop,
                       PyObject **step) noexcept;

// The arguments of tuple.index / list.index (value, start=0, stop=sys.maxsize, positional
// only), with start and stop clamped to [0, length] as those methods do. false with the
// exception set ("index expected at least 1 argument, got 0", ...).
bool parse_index_arguments(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t length,
                           PyObject **value, Py_ssize_t *start, Py_ssize_t *stop) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_SLICE_INTERNAL_HPP
