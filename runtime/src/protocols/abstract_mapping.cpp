// The mapping protocol (CPython 3.11, Objects/abstract.c, PyMapping_*): size, string-keyed
// access, and the keys / values / items lists. An exact dict takes the dict type's own
// functions; any other mapping is asked through its keys() / values() / items() methods,
// whose results are turned into lists.
#include "protocols/abstract_internal.hpp"

using minipy::runtime::null_argument_error;
using minipy::runtime::type_name_error;

namespace {

// list(o.method()): the method's result as it is when it is already a list.
PyObject *method_output_as_list(PyObject *o, const char *method) noexcept {
    PyObject *output = PyObject_CallMethod(o, method, nullptr);
    if (output == nullptr || PyList_CheckExact(output)) return output;
    PyObject *it = PyObject_GetIter(output);
    if (it == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Format(PyExc_TypeError, "%.200s.%s() returned a non-iterable (type %.200s)",
                         Py_TYPE(o)->tp_name, method, Py_TYPE(output)->tp_name);
        }
        Py_DECREF(output);
        return nullptr;
    }
    Py_DECREF(output);
    PyObject *list = PySequence_List(it);
    Py_DECREF(it);
    return list;
}

}  // namespace

extern "C" int PyMapping_Check(PyObject *o) noexcept {
    if (o == nullptr) return 0;
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    return map != nullptr && map->mp_subscript != nullptr;
}

extern "C" Py_ssize_t PyMapping_Size(PyObject *o) noexcept {
    if (o == nullptr) {
        null_argument_error();
        return -1;
    }
    PyMappingMethods *map = Py_TYPE(o)->tp_as_mapping;
    if (map != nullptr && map->mp_length != nullptr) return map->mp_length(o);
    PySequenceMethods *seq = Py_TYPE(o)->tp_as_sequence;
    if (seq != nullptr && seq->sq_length != nullptr) {
        type_name_error("%.200s is not a mapping", o);
        return -1;
    }
    type_name_error("object of type '%.200s' has no len()", o);
    return -1;
}

#undef PyMapping_Length
extern "C" Py_ssize_t PyMapping_Length(PyObject *o) noexcept {
    return PyMapping_Size(o);
}

extern "C" PyObject *PyMapping_GetItemString(PyObject *o, const char *key) noexcept {
    if (key == nullptr) return null_argument_error();
    PyObject *key_object = PyUnicode_FromString(key);
    if (key_object == nullptr) return nullptr;
    PyObject *result = PyObject_GetItem(o, key_object);
    Py_DECREF(key_object);
    return result;
}

extern "C" int PyMapping_SetItemString(PyObject *o, const char *key, PyObject *value) noexcept {
    if (key == nullptr) {
        null_argument_error();
        return -1;
    }
    PyObject *key_object = PyUnicode_FromString(key);
    if (key_object == nullptr) return -1;
    const int result = PyObject_SetItem(o, key_object, value);
    Py_DECREF(key_object);
    return result;
}

extern "C" int PyMapping_HasKeyString(PyObject *o, const char *key) noexcept {
    PyObject *value = PyMapping_GetItemString(o, key);
    if (value != nullptr) {
        Py_DECREF(value);
        return 1;
    }
    PyErr_Clear();
    return 0;
}

extern "C" int PyMapping_HasKey(PyObject *o, PyObject *key) noexcept {
    PyObject *value = PyObject_GetItem(o, key);
    if (value != nullptr) {
        Py_DECREF(value);
        return 1;
    }
    PyErr_Clear();
    return 0;
}

extern "C" PyObject *PyMapping_Keys(PyObject *o) noexcept {
    if (o == nullptr) return null_argument_error();
    if (PyDict_CheckExact(o)) return PyDict_Keys(o);
    return method_output_as_list(o, "keys");
}

extern "C" PyObject *PyMapping_Values(PyObject *o) noexcept {
    if (o == nullptr) return null_argument_error();
    if (PyDict_CheckExact(o)) return PyDict_Values(o);
    return method_output_as_list(o, "values");
}

extern "C" PyObject *PyMapping_Items(PyObject *o) noexcept {
    if (o == nullptr) return null_argument_error();
    if (PyDict_CheckExact(o)) return PyDict_Items(o);
    return method_output_as_list(o, "items");
}
