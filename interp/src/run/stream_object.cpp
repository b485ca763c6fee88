// The minimal text stream behind sys.stdin / sys.stdout / sys.stderr (stream_object.hpp).
#include "run/stream_object.hpp"

#include <cstdint>
#include <cstdio>

#include <unistd.h>

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
    return PyUnicode_FromFormat("<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>",
                                as_stream(self)->name, as_stream(self)->file == stdin ? "r" : "w");
}

// One line with its '\n' (at most `limit` characters when limit >= 0), '' at the end.
PyObject *read_line(PyObject *self, Py_ssize_t limit) noexcept {
    FILE *file = as_stream(self)->file;
    if (file != stdin) {
        PyErr_SetString(PyExc_OSError, "not readable");
        return nullptr;
    }
    std::fflush(stdout);
    std::size_t capacity = 128, used = 0;
    char *line = static_cast<char *>(PyMem_RawMalloc(capacity));
    if (line == nullptr) return PyErr_NoMemory();
    Py_ssize_t chars = 0;
    for (int c = std::getc(file); c != EOF; c = std::getc(file)) {
        const bool starts_char = (c & 0xC0) != 0x80;  // not a UTF-8 continuation byte
        if (starts_char && limit >= 0 && chars == limit) {
            std::ungetc(c, file);
            break;
        }
        if (used == capacity) {
            capacity *= 2;
            char *grown = static_cast<char *>(PyMem_RawRealloc(line, capacity));
            if (grown == nullptr) {
                PyMem_RawFree(line);
                return PyErr_NoMemory();
            }
            line = grown;
        }
        line[used++] = static_cast<char>(c);
        if (starts_char) ++chars;
        if (c == '\n') break;
    }
    PyObject *result = PyUnicode_DecodeUTF8(line, static_cast<Py_ssize_t>(used), "strict");
    PyMem_RawFree(line);
    return result;
}

PyObject *stream_readline(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "readline expected at most 1 argument, got %zd", nargs);
        return nullptr;
    }
    Py_ssize_t limit = -1;
    if (nargs == 1 && args[0] != Py_None) {
        limit = PyLong_AsSsize_t(args[0]);
        if (limit == -1 && PyErr_Occurred()) return nullptr;
    }
    return read_line(self, limit);
}

// read(): everything up to the end of the input.
PyObject *stream_read(PyObject *self, PyObject *const *, Py_ssize_t) noexcept {
    PyObject *parts = PyList_New(0);
    if (parts == nullptr) return nullptr;
    for (;;) {
        PyObject *line = read_line(self, -1);
        if (line == nullptr || PyUnicode_GET_LENGTH(line) == 0 || PyList_Append(parts, line) < 0) {
            const bool failed = line == nullptr || PyErr_Occurred();
            Py_XDECREF(line);
            if (failed) {
                Py_DECREF(parts);
                return nullptr;
            }
            break;
        }
        Py_DECREF(line);
    }
    PyObject *empty = PyUnicode_FromString("");
    PyObject *joined = empty != nullptr ? PyUnicode_Join(empty, parts) : nullptr;
    Py_XDECREF(empty);
    Py_DECREF(parts);
    return joined;
}

PyObject *stream_iternext(PyObject *self) noexcept {
    PyObject *line = read_line(self, -1);
    if (line != nullptr && PyUnicode_GET_LENGTH(line) == 0) Py_CLEAR(line);  // StopIteration
    return line;
}

PyObject *stream_isatty(PyObject *self, PyObject *) noexcept {
    return PyBool_FromLong(isatty(fileno(as_stream(self)->file)));
}

PyObject *stream_fileno(PyObject *self, PyObject *) noexcept {
    return PyLong_FromLong(fileno(as_stream(self)->file));
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

PyObject *stream_writelines(PyObject *self, PyObject *lines) noexcept {
    PyObject *it = PyObject_GetIter(lines);
    if (it == nullptr) return nullptr;
    while (PyObject *line = PyIter_Next(it)) {
        PyObject *r = stream_write(self, line);
        Py_DECREF(line);
        if (r == nullptr) {
            Py_DECREF(it);
            return nullptr;
        }
        Py_DECREF(r);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_NONE;
}

bool is_input(PyObject *self) noexcept {
    return as_stream(self)->file == stdin;
}

PyObject *stream_readable(PyObject *self, PyObject *) noexcept {
    return PyBool_FromLong(is_input(self));
}

PyObject *stream_writable(PyObject *self, PyObject *) noexcept {
    return PyBool_FromLong(!is_input(self));
}

// The attributes programs read: name, mode, encoding, errors and line_buffering as CPython's
// UTF-8 mode sets them ('backslashreplace' for stderr, 'surrogateescape' for the others; line
// buffering on a terminal), closed.
PyObject *stream_get(PyObject *self, void *which) noexcept {
    const auto *stream = as_stream(self);
    switch (reinterpret_cast<std::uintptr_t>(which)) {
    case 0: return PyUnicode_FromString(stream->name);
    case 1: return PyUnicode_FromString(is_input(self) ? "r" : "w");
    case 2: return PyUnicode_FromString("utf-8");
    case 3:
        return PyUnicode_FromString(stream->file == stderr ? "backslashreplace"
                                                           : "surrogateescape");
    case 4: Py_RETURN_FALSE;
    default: return PyBool_FromLong(!is_input(self) && isatty(fileno(stream->file)));
    }
}

PyGetSetDef stream_getsets[] = {
    {"name", stream_get, nullptr, nullptr, reinterpret_cast<void *>(0)},
    {"mode", stream_get, nullptr, nullptr, reinterpret_cast<void *>(1)},
    {"encoding", stream_get, nullptr, nullptr, reinterpret_cast<void *>(2)},
    {"errors", stream_get, nullptr, nullptr, reinterpret_cast<void *>(3)},
    {"closed", stream_get, nullptr, nullptr, reinterpret_cast<void *>(4)},
    {"line_buffering", stream_get, nullptr, nullptr, reinterpret_cast<void *>(5)},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef stream_methods[] = {
    {"write", stream_write, METH_O, nullptr},
    {"flush", stream_flush, METH_NOARGS, nullptr},
    {"readline", _PyCFunction_CAST(stream_readline), METH_FASTCALL, nullptr},
    {"read", _PyCFunction_CAST(stream_read), METH_FASTCALL, nullptr},
    {"isatty", stream_isatty, METH_NOARGS, nullptr},
    {"fileno", stream_fileno, METH_NOARGS, nullptr},
    {"writelines", stream_writelines, METH_O, nullptr},
    {"readable", stream_readable, METH_NOARGS, nullptr},
    {"writable", stream_writable, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyObject *stream_new(int fd, const char *name) noexcept {
    StreamObject *s = PyObject_New(StreamObject, &MinipyStream_Type);
    if (s == nullptr) return nullptr;
    s->file = fd == 0 ? stdin : fd == 2 ? stderr : stdout;
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
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = stream_iternext,
    .tp_methods = stream_methods,
    .tp_getset = stream_getsets,
};
