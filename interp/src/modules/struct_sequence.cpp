// Struct sequences (CPython's PyStructSequence, Objects/structseq.c, reduced to what sys needs):
// tuple subclasses made from a PyType_Spec whose items are also named, read-only attributes
// (T_OBJECT members at the offsets of the tuple's items), with a repr naming each field.
#include "modules/modules.hpp"

namespace minipy::modules {

namespace {

PyObject *struct_sequence_repr(PyObject *self) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    PyObject *names = PyList_New(0);
    Py_ssize_t i = 0;
    for (PyMemberDef *m = type->tp_members; names != nullptr && m != nullptr && m->name != nullptr;
         ++m, ++i) {
        if (i >= PyTuple_GET_SIZE(self)) break;
        PyObject *name = PyUnicode_FromString(m->name);
        if (name == nullptr || PyList_Append(names, name) < 0) Py_CLEAR(names);
        Py_XDECREF(name);
    }
    PyObject *values = names != nullptr ? PyTuple_GetSlice(self, 0, i) : nullptr;
    PyObject *repr = values != nullptr ? fields_repr(type->tp_name, names, values) : nullptr;
    Py_XDECREF(names);
    Py_XDECREF(values);
    return repr;
}

}  // namespace

PyObject *fields_repr(const char *type_name, PyObject *names, PyObject *values) noexcept {
    PyObject *parts = PyList_New(0);
    if (parts == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(names); ++i) {
        PyObject *part = PyUnicode_FromFormat("%U=%R", PySequence_Fast_GET_ITEM(names, i),
                                              PySequence_Fast_GET_ITEM(values, i));
        if (part == nullptr || PyList_Append(parts, part) < 0) {
            Py_XDECREF(part);
            Py_DECREF(parts);
            return nullptr;
        }
        Py_DECREF(part);
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = sep != nullptr ? PyUnicode_Join(sep, parts) : nullptr;
    Py_XDECREF(sep);
    Py_DECREF(parts);
    if (joined == nullptr) return nullptr;
    PyObject *repr = PyUnicode_FromFormat("%s(%U)", type_name, joined);
    Py_DECREF(joined);
    return repr;
}

PyTypeObject *struct_sequence_type(const char *name, PyMemberDef *members) noexcept {
    PyType_Slot slots[] = {
        {Py_tp_repr, reinterpret_cast<void *>(struct_sequence_repr)},
        {Py_tp_members, members},
        {0, nullptr},
    };
    PyType_Spec spec = {name, 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, slots};
    PyObject *bases = PyTuple_Pack(1, reinterpret_cast<PyObject *>(&PyTuple_Type));
    if (bases == nullptr) return nullptr;
    PyObject *type = PyType_FromSpecWithBases(&spec, bases);
    Py_DECREF(bases);
    return reinterpret_cast<PyTypeObject *>(type);
}

PyObject *struct_sequence_new(PyTypeObject *type, PyObject *const *values, Py_ssize_t n) noexcept {
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (values[i] == nullptr) {
            for (Py_ssize_t j = 0; j < n; ++j) Py_XDECREF(values[j]);
            return nullptr;
        }
    }
    PyObject *self = type->tp_alloc(type, n);
    if (self == nullptr) {
        for (Py_ssize_t j = 0; j < n; ++j) Py_DECREF(values[j]);
        return nullptr;
    }
    for (Py_ssize_t i = 0; i < n; ++i) PyTuple_SET_ITEM(self, i, values[i]);
    return self;
}

}  // namespace minipy::modules
