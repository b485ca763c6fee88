// The minimal text stream behind sys.stdout / sys.stderr (stream_object.hpp).
#include "run/stream_object.hpp"

#include <cstdio>

#include "objects/interp_object.hpp"

namespace minipy::interp {

namespace {

struct StreamObject {
    PyObject_HEAD FILE *file;
    const char *name;
};

StreamObject *as_stream(PyObject *self) noexcept {
    return reinterpret_cast<StreamObject *>(self);
}

void stream_dealloc(PyObject *self) noexcept {
    PyObject_Free(self);
}

PyObject *stream_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("<_io.TextIOWrapper name='%s' mode='w' encoding='utf-8'>",
                                as_stream(self)->name);
}

PyObject *stream_write(PyObject *self, PyObject *text) noexcept {
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "write() argument must be str, not %.200s",
                     Py_TYPE(text)->tp_name);
        return nullptr;
    }
    Py_ssize_t size = 0;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 == nullptr) return nullptr;
    FILE *file = as_stream(self)->file;
    std::fwrite(utf8, 1, static_cast<std::size_t>(size), file);
    if (file == stderr) std::fflush(file);
    return PyLong_FromSsize_t(PyUnicode_GET_LENGTH(text));
}

PyObject *stream_flush(PyObject *self, PyObject *) noexcept {
    std::fflush(as_stream(self)->file);
    Py_RETURN_NONE;
}

PyMethodDef stream_methods[] = {
    {"write", stream_write, METH_O, nullptr},
    {"flush", stream_flush, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyObject *stream_new(int fd, const char *name) noexcept {
    StreamObject *s = PyObject_New(StreamObject, &MinipyStream_Type);
    if (s == nullptr) return nullptr;
    s->file = fd == 2 ? stderr : stdout;
    s->name = name;
    return reinterpret_cast<PyObject *>(s);
}

}  // namespace minipy::interp

using namespace minipy::interp;

PyTypeObject MinipyStream_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(StreamObject),
    .tp_dealloc = stream_dealloc,
    .tp_repr = stream_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = stream_methods,
};
