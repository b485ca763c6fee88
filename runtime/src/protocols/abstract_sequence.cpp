// The sequence protocol (CPython 3.11, Objects/abstract.c, PySequence_*): length, item access
// by a C index, slices, concatenation and repetition, containment and the searches, and the
// conversions to tuple and list.
//
// Each function uses its sq_* slot when the type has one. Concatenation and repetition fall
// back to nb_add / nb_multiply when the object still looks like a sequence (that is how a
// class defining only __add__ concatenates). Slices go through the mapping slots with a
// slice object, as every built-in sequence handles slices in mp_subscript.
//
// Searches without sq_contains iterate and compare with ==, identity first
// (PyObject_RichCompareBool), which is how `x in iterable` works.
#include "protocols/abstract_internal.hpp"

using minipy::runtime::binary_iop1;
using minipy::runtime::binary_op1;
using minipy::runtime::null_argument_error;
using minipy::runtime::type_name_error;

namespace {

// A negative index counts from the end once; the slot itself raises IndexError when the
// result is still out of range. False with an exception if the length fails.
bool adjust_negative_index(PyObject *s, PySequenceMethods *seq, Py_ssize_t *index) noexcept {
    if (*index < 0 && seq->sq_length != nullptr) {
        const Py_ssize_t length = seq->sq_length(s);
        if (length < 0) return false;
        *index += length;
    }
    return true;
}

bool has_mapping_subscript(PyObject *o) noexcept {
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    return map != nullptr && map->mp_subscript != nullptr;
}

bool has_mapping_assignment(PyObject *o) noexcept {
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    return map != nullptr && map->mp_ass_subscript != nullptr;
}

// The slice object i1:i2.
PyObject *make_slice(Py_ssize_t i1, Py_ssize_t i2) noexcept {
    PyObject *start = PyLong_FromSsize_t(i1);
    if (start == nullptr) return nullptr;
    PyObject *stop = PyLong_FromSsize_t(i2);
    if (stop == nullptr) {
        Py_DECREF(start);
        return nullptr;
    }
    PyObject *slice = PySlice_New(start, stop, nullptr);
    Py_DECREF(start);
    Py_DECREF(stop);
    return slice;
}

int assign_slice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2, PyObject *v,
                 const char *message) noexcept {
    if (s == nullptr) {
        null_argument_error();
        return -1;
    }
    if (!has_mapping_assignment(s)) {
        type_name_error(message, s);
        return -1;
    }
    PyObject *slice = make_slice(i1, i2);
    if (slice == nullptr) return -1;
    const int result = Py_TYPE(s)->tp_as_mapping->mp_ass_subscript(s, slice, v);
    Py_DECREF(slice);
    return result;
}

enum class IterSearch { count, index, contains };

// Walks `seq` comparing each item with `obj`: the number of equal items (count), the
// position of the first (index), or whether there is one (contains). -1 with an exception.
Py_ssize_t iter_search(PyObject *seq, PyObject *obj, IterSearch operation) noexcept {
    if (seq == nullptr || obj == nullptr) {
        null_argument_error();
        return -1;
    }
    PyObject *it = PyObject_GetIter(seq);
    if (it == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError))
            type_name_error("argument of type '%.200s' is not iterable", seq);
        return -1;
    }
    Py_ssize_t n = 0;
    bool wrapped = false;  // the index passed PY_SSIZE_T_MAX: it can no longer be returned
    for (;;) {
        PyObject *item = PyIter_Next(it);
        if (item == nullptr) {
            if (PyErr_Occurred())
                n = -1;
            else if (operation == IterSearch::index) {
                PyErr_SetString(PyExc_ValueError, "sequence.index(x): x not in sequence");
                n = -1;
            }
            break;
        }
        const int equal = PyObject_RichCompareBool(item, obj, Py_EQ);
        Py_DECREF(item);
        if (equal < 0) {
            n = -1;
            break;
        }
        if (equal > 0) {
            if (operation == IterSearch::contains) {
                n = 1;
                break;
            }
            if (operation == IterSearch::index) {
                if (wrapped) {
                    PyErr_SetString(PyExc_OverflowError, "index exceeds C integer size");
                    n = -1;
                }
                break;
            }
            if (n == PY_SSIZE_T_MAX) {
                PyErr_SetString(PyExc_OverflowError, "count exceeds C integer size");
                n = -1;
                break;
            }
            ++n;
        } else if (operation == IterSearch::index) {
            if (n == PY_SSIZE_T_MAX)
                wrapped = true;
            else
                ++n;
        }
    }
    Py_DECREF(it);
    return n;
}

}  // namespace

extern "C" int PySequence_Check(PyObject *s) noexcept {
    if (s == nullptr || PyDict_Check(s)) return 0;
    PySequenceMethods *seq = Py_TYPE(s)->tp_as_sequence;
    return seq != nullptr && seq->sq_item != nullptr;
}

extern "C" Py_ssize_t PySequence_Size(PyObject *s) noexcept {
    if (s == nullptr) {
        null_argument_error();
        return -1;
    }
    PySequenceMethods *seq = Py_TYPE(s)->tp_as_sequence;
    if (seq != nullptr && seq->sq_length != nullptr) return seq->sq_length(s);
    PyMappingMethods *map = Py_TYPE(s)->tp_as_mapping;
    if (map != nullptr && map->mp_length != nullptr) {
        type_name_error("%.200s is not a sequence", s);
        return -1;
    }
    type_name_error("object of type '%.200s' has no len()", s);
    return -1;
}

#undef PySequence_Length
extern "C" Py_ssize_t PySequence_Length(PyObject *s) noexcept {
    return PySequence_Size(s);
}

extern "C" PyObject *PySequence_Concat(PyObject *s, PyObject *o) noexcept {
    if (s == nullptr || o == nullptr) return null_argument_error();
    PySequenceMethods *seq = Py_TYPE(s)->tp_as_sequence;
    if (seq != nullptr && seq->sq_concat != nullptr) return seq->sq_concat(s, o);
    if (PySequence_Check(s) && PySequence_Check(o)) {
        PyObject *result = binary_op1(s, o, &PyNumberMethods::nb_add);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    return type_name_error("'%.200s' object can't be concatenated", s);
}

extern "C" PyObject *PySequence_Repeat(PyObject *o, Py_ssize_t count) noexcept {
    if (o == nullptr) return null_argument_error();
    PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence;
    if (seq != nullptr && seq->sq_repeat != nullptr) return seq->sq_repeat(o, count);
    if (PySequence_Check(o)) {
        PyObject *n = PyLong_FromSsize_t(count);
        if (n == nullptr) return nullptr;
        PyObject *result = binary_op1(o, n, &PyNumberMethods::nb_multiply);
        Py_DECREF(n);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    return type_name_error("'%.200s' object can't be repeated", o);
}

extern "C" PyObject *PySequence_InPlaceConcat(PyObject *s, PyObject *o) noexcept {
    if (s == nullptr || o == nullptr) return null_argument_error();
    PySequenceMethods *seq = Py_TYPE(s)->tp_as_sequence;
    if (seq != nullptr && seq->sq_inplace_concat != nullptr) return seq->sq_inplace_concat(s, o);
    if (seq != nullptr && seq->sq_concat != nullptr) return seq->sq_concat(s, o);
    if (PySequence_Check(s) && PySequence_Check(o)) {
        PyObject *result =
            binary_iop1(s, o, &PyNumberMethods::nb_inplace_add, &PyNumberMethods::nb_add);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    return type_name_error("'%.200s' object can't be concatenated", s);
}

extern "C" PyObject *PySequence_InPlaceRepeat(PyObject *o, Py_ssize_t count) noexcept {
    if (o == nullptr) return null_argument_error();
    PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence;
    if (seq != nullptr && seq->sq_inplace_repeat != nullptr)
        return seq->sq_inplace_repeat(o, count);
    if (seq != nullptr && seq->sq_repeat != nullptr) return seq->sq_repeat(o, count);
    if (PySequence_Check(o)) {
        PyObject *n = PyLong_FromSsize_t(count);
        if (n == nullptr) return nullptr;
        PyObject *result =
            binary_iop1(o, n, &PyNumberMethods::nb_inplace_multiply, &PyNumberMethods::nb_multiply);
        Py_DECREF(n);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    return type_name_error("'%.200s' object can't be repeated", o);
}

extern "C" PyObject *PySequence_GetItem(PyObject *s, Py_ssize_t i) noexcept {
    if (s == nullptr) return null_argument_error();
    PySequenceMethods *seq = Py_TYPE(s)->tp_as_sequence;
    if (seq != nullptr && seq->sq_item != nullptr) {
        if (!adjust_negative_index(s, seq, &i)) return nullptr;
        return seq->sq_item(s, i);
    }
    if (has_mapping_subscript(s)) return type_name_error("%.200s is not a sequence", s);
    return type_name_error("'%.200s' object does not support indexing", s);
}

namespace {

// s[i] = v, or del s[i] when v is NULL: sq_ass_item serves both, and only the message
// for a type without it differs.
int sequence_assign_item(PyObject *s, Py_ssize_t i, PyObject *v) noexcept {
    if (s == nullptr) {
        null_argument_error();
        return -1;
    }
    PySequenceMethods *seq = Py_TYPE(s)->tp_as_sequence;
    if (seq != nullptr && seq->sq_ass_item != nullptr) {
        if (!adjust_negative_index(s, seq, &i)) return -1;
        return seq->sq_ass_item(s, i, v);
    }
    if (has_mapping_assignment(s))
        type_name_error("%.200s is not a sequence", s);
    else if (v != nullptr)
        type_name_error("'%.200s' object does not support item assignment", s);
    else
        type_name_error("'%.200s' object doesn't support item deletion", s);
    return -1;
}

}  // namespace

extern "C" int PySequence_SetItem(PyObject *s, Py_ssize_t i, PyObject *v) noexcept {
    return sequence_assign_item(s, i, v);
}

extern "C" int PySequence_DelItem(PyObject *s, Py_ssize_t i) noexcept {
    return sequence_assign_item(s, i, nullptr);
}

extern "C" PyObject *PySequence_GetSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2) noexcept {
    if (s == nullptr) return null_argument_error();
    if (!has_mapping_subscript(s)) return type_name_error("'%.200s' object is unsliceable", s);
    PyObject *slice = make_slice(i1, i2);
    if (slice == nullptr) return nullptr;
    PyObject *result = Py_TYPE(s)->tp_as_mapping->mp_subscript(s, slice);
    Py_DECREF(slice);
    return result;
}

extern "C" int PySequence_SetSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2,
                                   PyObject *v) noexcept {
    return assign_slice(s, i1, i2, v, "'%.200s' object doesn't support slice assignment");
}

extern "C" int PySequence_DelSlice(PyObject *s, Py_ssize_t i1, Py_ssize_t i2) noexcept {
    return assign_slice(s, i1, i2, nullptr, "'%.200s' object doesn't support slice deletion");
}

// list.extend's sizing, as CPython's: exact (rounded up to even) for a list or tuple, the
// length hint for other iterables.
extern "C" PyObject *PySequence_List(PyObject *v) noexcept {
    if (v == nullptr) return null_argument_error();
    PyObject *list = PyList_New(0);
    if (list == nullptr) return nullptr;
    PyObject *none = _PyList_Extend(reinterpret_cast<PyListObject *>(list), v);
    if (none == nullptr) {
        Py_DECREF(list);
        return nullptr;
    }
    Py_DECREF(none);
    return list;
}

extern "C" PyObject *PySequence_Tuple(PyObject *v) noexcept {
    if (v == nullptr) return null_argument_error();
    if (PyTuple_CheckExact(v)) return Py_NewRef(v);
    if (PyList_CheckExact(v)) return PyList_AsTuple(v);
    // Gathered in a list first: it grows as the iterator goes, then gives up its items.
    PyObject *list = PySequence_List(v);
    if (list == nullptr) return nullptr;
    PyObject *tuple = PyList_AsTuple(list);
    Py_DECREF(list);
    return tuple;
}

extern "C" PyObject *PySequence_Fast(PyObject *v, const char *m) noexcept {
    if (v == nullptr) return null_argument_error();
    if (PyList_CheckExact(v) || PyTuple_CheckExact(v)) return Py_NewRef(v);
    PyObject *it = PyObject_GetIter(v);
    if (it == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) PyErr_SetString(PyExc_TypeError, m);
        return nullptr;
    }
    PyObject *list = PySequence_List(it);
    Py_DECREF(it);
    return list;
}

extern "C" int PySequence_Contains(PyObject *seq, PyObject *ob) noexcept {
    if (seq == nullptr || ob == nullptr) {
        null_argument_error();
        return -1;
    }
    PySequenceMethods *methods = Py_TYPE(seq)->tp_as_sequence;
    if (methods != nullptr && methods->sq_contains != nullptr) return methods->sq_contains(seq, ob);
    return static_cast<int>(iter_search(seq, ob, IterSearch::contains));
}

namespace minipy::runtime {
int sequence_iter_contains(PyObject *seq, PyObject *ob) noexcept {
    return static_cast<int>(iter_search(seq, ob, IterSearch::contains));
}
}  // namespace minipy::runtime

#undef PySequence_In
extern "C" int PySequence_In(PyObject *o, PyObject *value) noexcept {
    return PySequence_Contains(o, value);
}

extern "C" Py_ssize_t PySequence_Count(PyObject *o, PyObject *value) noexcept {
    return iter_search(o, value, IterSearch::count);
}

extern "C" Py_ssize_t PySequence_Index(PyObject *o, PyObject *value) noexcept {
    return iter_search(o, value, IterSearch::index);
}
