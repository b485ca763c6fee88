// The generic object protocol's abstract half (CPython 3.11, Objects/abstract.c): type(o),
// len(o), o[key] and its assignment and deletion, format(). isinstance() and issubclass() are
// isinstance.cpp's.
// Repr, str, hash, comparison, truth and attributes are object.cpp's.
//
// o[key] asks the mapping slots first and the sequence slots second: a list has both and
// its mp_subscript handles slices and wording ("list indices must be integers or slices,
// not str"); a type with only sq_item gets the key turned into an index here.
//
// Special methods (__length_hint__, __format__) are looked up on the type, never the instance,
// as CPython's _PyObject_LookupSpecial does; __class_getitem__ is an ordinary attribute of the
// class.
#include "protocols/abstract_internal.hpp"

using minipy::runtime::null_argument_error;
using minipy::runtime::type_name_error;

namespace {

// A special method: looked up on type(obj) and bound to obj (an attribute of the instance
// itself does not count), or NULL with no exception set when there is none.
PyObject *lookup_special(PyObject *obj, const char *name) noexcept {
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == nullptr) return nullptr;
    PyObject *method = _PyObject_LookupSpecial(obj, key);
    Py_DECREF(key);
    return method;
}

// obj.name, or NULL with no exception set when the attribute does not exist.
PyObject *lookup_optional(PyObject *obj, const char *name) noexcept {
    PyObject *attribute = PyObject_GetAttrString(obj, name);
    if (attribute == nullptr && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
    return attribute;
}

bool has_length(PyObject *o) noexcept {
    PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence;
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    return (seq != nullptr && seq->sq_length != nullptr) ||
           (map != nullptr && map->mp_length != nullptr);
}

// An index key for a type that has only sequence slots; -1 with an exception when it is not
// one (IndexError when it does not fit, as CPython: "cannot fit 'int' into an index-sized
// integer").
Py_ssize_t sequence_key(PyObject *key) noexcept {
    return PyNumber_AsSsize_t(key, PyExc_IndexError);
}

}  // namespace

extern "C" PyObject *PyObject_Type(PyObject *o) noexcept {
    if (o == nullptr) return null_argument_error();
    return Py_NewRef(reinterpret_cast<PyObject *>(Py_TYPE(o)));
}

extern "C" Py_ssize_t PyObject_Size(PyObject *o) noexcept {
    if (o == nullptr) {
        null_argument_error();
        return -1;
    }
    PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence;
    if (seq != nullptr && seq->sq_length != nullptr) return seq->sq_length(o);
    return PyMapping_Size(o);
}

#undef PyObject_Length
extern "C" Py_ssize_t PyObject_Length(PyObject *o) noexcept {
    return PyObject_Size(o);
}

extern "C" Py_ssize_t PyObject_LengthHint(PyObject *o, Py_ssize_t default_value) noexcept {
    if (has_length(o)) {
        const Py_ssize_t length = PyObject_Size(o);
        if (length >= 0) return length;
        // A len() that refuses (TypeError) leaves the hint to __length_hint__.
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
        PyErr_Clear();
    }
    PyObject *hint = lookup_special(o, "__length_hint__");
    if (hint == nullptr) return PyErr_Occurred() ? -1 : default_value;
    PyObject *result = PyObject_CallNoArgs(hint);
    Py_DECREF(hint);
    if (result == nullptr) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
        PyErr_Clear();
        return default_value;
    }
    if (result == Py_NotImplemented) {
        Py_DECREF(result);
        return default_value;
    }
    if (!PyLong_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__length_hint__ must be an integer, not %.100s",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return -1;
    }
    const Py_ssize_t hinted = PyLong_AsSsize_t(result);
    Py_DECREF(result);
    if (hinted < 0 && PyErr_Occurred()) return -1;
    if (hinted < 0) {
        PyErr_SetString(PyExc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return hinted;
}

extern "C" PyObject *PyObject_GetItem(PyObject *o, PyObject *key) noexcept {
    if (o == nullptr || key == nullptr) return null_argument_error();
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    if (map != nullptr && map->mp_subscript != nullptr) return map->mp_subscript(o, key);
    PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence;
    if (seq != nullptr && seq->sq_item != nullptr) {
        if (!PyIndex_Check(key))
            return type_name_error("sequence index must be integer, not '%.200s'", key);
        const Py_ssize_t index = sequence_key(key);
        if (index == -1 && PyErr_Occurred()) return nullptr;
        return PySequence_GetItem(o, index);
    }
    if (PyType_Check(o)) {
        // list[int] and the like: the class decides through __class_getitem__.
        PyObject *class_getitem = lookup_optional(o, "__class_getitem__");
        if (class_getitem == nullptr && PyErr_Occurred()) return nullptr;
        if (class_getitem != nullptr && class_getitem != Py_None) {
            PyObject *result = PyObject_CallOneArg(class_getitem, key);
            Py_DECREF(class_getitem);
            return result;
        }
        Py_XDECREF(class_getitem);
        PyErr_Format(PyExc_TypeError, "type '%.200s' is not subscriptable",
                     reinterpret_cast<PyTypeObject *>(o)->tp_name);
        return nullptr;
    }
    return type_name_error("'%.200s' object is not subscriptable", o);
}

extern "C" int PyObject_SetItem(PyObject *o, PyObject *key, PyObject *value) noexcept {
    if (o == nullptr || key == nullptr || value == nullptr) {
        null_argument_error();
        return -1;
    }
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    if (map != nullptr && map->mp_ass_subscript != nullptr)
        return map->mp_ass_subscript(o, key, value);
    if (PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence; seq != nullptr) {
        if (PyIndex_Check(key)) {
            const Py_ssize_t index = sequence_key(key);
            if (index == -1 && PyErr_Occurred()) return -1;
            return PySequence_SetItem(o, index, value);
        }
        if (seq->sq_ass_item != nullptr) {
            type_name_error("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    type_name_error("'%.200s' object does not support item assignment", o);
    return -1;
}

extern "C" int PyObject_DelItem(PyObject *o, PyObject *key) noexcept {
    if (o == nullptr || key == nullptr) {
        null_argument_error();
        return -1;
    }
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    if (map != nullptr && map->mp_ass_subscript != nullptr)
        return map->mp_ass_subscript(o, key, nullptr);
    if (PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence; seq != nullptr) {
        if (PyIndex_Check(key)) {
            const Py_ssize_t index = sequence_key(key);
            if (index == -1 && PyErr_Occurred()) return -1;
            return PySequence_DelItem(o, index);
        }
        if (seq->sq_ass_item != nullptr) {
            type_name_error("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    type_name_error("'%.200s' object does not support item deletion", o);
    return -1;
}

extern "C" int PyObject_DelItemString(PyObject *o, const char *key) noexcept {
    if (o == nullptr || key == nullptr) {
        null_argument_error();
        return -1;
    }
    PyObject *key_object = PyUnicode_FromString(key);
    if (key_object == nullptr) return -1;
    const int result = PyObject_DelItem(o, key_object);
    Py_DECREF(key_object);
    return result;
}

extern "C" PyObject *PyObject_Format(PyObject *obj, PyObject *format_spec) noexcept {
    if (obj == nullptr) return null_argument_error();
    if (format_spec != nullptr && !PyUnicode_Check(format_spec)) {
        PyErr_Format(PyExc_SystemError, "Format specifier must be a string, not %.200s",
                     Py_TYPE(format_spec)->tp_name);
        return nullptr;
    }
    const bool empty_spec = format_spec == nullptr || PyUnicode_GetLength(format_spec) == 0;
    if (empty_spec) {
        if (PyUnicode_CheckExact(obj)) return Py_NewRef(obj);
        if (PyLong_CheckExact(obj)) return PyObject_Str(obj);
    }
    PyObject *format_method = lookup_special(obj, "__format__");
    if (format_method == nullptr) {
        if (PyErr_Occurred()) return nullptr;
        // What object.__format__ does, for a type that inherits it.
        if (empty_spec) return PyObject_Str(obj);
        PyErr_Format(PyExc_TypeError, "unsupported format string passed to %.200s.__format__",
                     Py_TYPE(obj)->tp_name);
        return nullptr;
    }
    PyObject *spec = format_spec != nullptr ? Py_NewRef(format_spec) : PyUnicode_FromString("");
    PyObject *result = spec != nullptr ? PyObject_CallOneArg(format_method, spec) : nullptr;
    Py_XDECREF(spec);
    Py_DECREF(format_method);
    if (result != nullptr && !PyUnicode_Check(result)) {
        PyErr_Format(PyExc_TypeError, "__format__ must return a str, not %.200s",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return nullptr;
    }
    return result;
}
