// BaseException's methods and its one member (CPython 3.11's BaseException_methods and
// BaseException_members): pickling (__reduce__, __setstate__), with_traceback, add_note (PEP
// 678: the notes live in the instance's __dict__ as __notes__) and __suppress_context__, the
// flag `raise ... from ...` sets and the traceback printer reads.
#include <cstddef>

#include "minipy/Python.h"
#include "minipy/structmember.h"
#include "objects/exceptions/exceptions_internal.hpp"

namespace {

PyBaseExceptionObject *as_exc(PyObject *self) noexcept {
    return reinterpret_cast<PyBaseExceptionObject *>(self);
}

// (type(self), self.args), with self.__dict__ third when it holds anything.
PyObject *base_exception_reduce(PyObject *self, PyObject *) noexcept {
    PyBaseExceptionObject *exc = as_exc(self);
    PyObject *type = reinterpret_cast<PyObject *>(Py_TYPE(self));
    PyObject *args = exc->args != nullptr ? exc->args : Py_None;
    if (exc->dict != nullptr && PyDict_GET_SIZE(exc->dict) > 0)
        return PyTuple_Pack(3, type, args, exc->dict);
    return PyTuple_Pack(2, type, args);
}

// Each item of the state dict becomes an attribute; None is no state.
PyObject *base_exception_setstate(PyObject *self, PyObject *state) noexcept {
    if (state == Py_None) Py_RETURN_NONE;
    if (!PyDict_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "state is not a dictionary");
        return nullptr;
    }
    Py_ssize_t position = 0;
    PyObject *key = nullptr, *value = nullptr;
    while (PyDict_Next(state, &position, &key, &value)) {
        // The dict may change under a __setattr__: hold the pair while it runs.
        Py_INCREF(key);
        Py_INCREF(value);
        const int status = PyObject_SetAttr(self, key, value);
        Py_DECREF(value);
        Py_DECREF(key);
        if (status < 0) return nullptr;
    }
    Py_RETURN_NONE;
}

PyObject *base_exception_with_traceback(PyObject *self, PyObject *traceback) noexcept {
    if (PyObject_SetAttrString(self, "__traceback__", traceback) < 0) return nullptr;
    return Py_NewRef(self);
}

PyObject *base_exception_add_note(PyObject *self, PyObject *note) noexcept {
    if (!PyUnicode_Check(note)) {
        PyErr_Format(PyExc_TypeError, "note must be a str, not '%s'", Py_TYPE(note)->tp_name);
        return nullptr;
    }
    PyObject *name = PyUnicode_InternFromString("__notes__");
    if (name == nullptr) return nullptr;
    PyObject *notes = PyObject_GetAttr(self, name);
    if (notes == nullptr && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        notes = PyList_New(0);
        if (notes != nullptr && PyObject_SetAttr(self, name, notes) < 0) Py_CLEAR(notes);
    }
    Py_DECREF(name);
    if (notes == nullptr) return nullptr;
    if (!PyList_Check(notes)) {
        Py_DECREF(notes);
        PyErr_SetString(PyExc_TypeError, "Cannot add note: __notes__ is not a list");
        return nullptr;
    }
    const int status = PyList_Append(notes, note);
    Py_DECREF(notes);
    if (status < 0) return nullptr;
    Py_RETURN_NONE;
}

}  // namespace

namespace minipy::runtime {

PyMethodDef base_exception_methods[] = {
    {"__reduce__", base_exception_reduce, METH_NOARGS, nullptr},
    {"__setstate__", base_exception_setstate, METH_O, nullptr},
    {"with_traceback", base_exception_with_traceback, METH_O,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", base_exception_add_note, METH_O,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef base_exception_members[] = {
    {"__suppress_context__", T_BOOL, offsetof(PyBaseExceptionObject, suppress_context), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace minipy::runtime
