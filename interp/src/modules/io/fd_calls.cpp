// The `_io` built-in module's C side: the system calls under the file objects of the frozen
// `io` module (src/modules/io.py, which defines FileIO, the buffered classes, TextIOWrapper,
// StringIO and BytesIO and adds them to `_io`), and the incremental UTF-8 decoder its
// TextIOWrapper reads through. Each call takes a file descriptor, retries on EINTR (checking
// signals, as CPython's _Py_read does) and raises CPython's OSError subclass for errno
// (PyErr_SetFromErrno). The GIL is given up around calls that may block. Data comes and goes
// as bytes objects, so every buffer is the object domain's, like any other object.
#include <cerrno>
#include <climits>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "minipy/intrcheck.h"
#include "modules/io/io.hpp"

namespace {

constexpr Py_ssize_t kReadAllChunk = Py_ssize_t{64} * 1024;

// A path argument as the bytes the kernel wants: a str through UTF-8 with surrogateescape
// (the file system encoding under CPython's UTF-8 mode), or a bytes as it is.
PyObject *path_bytes(PyObject *path) noexcept {
    PyObject *encoded = nullptr;
    if (PyUnicode_Check(path)) {
        encoded = PyUnicode_AsEncodedString(path, "utf-8", "surrogateescape");
    } else if (PyBytes_Check(path)) {
        encoded = Py_NewRef(path);
    } else {
        return PyErr_Format(PyExc_TypeError,
                            "expected str, bytes or os.PathLike object, not %.200s",
                            Py_TYPE(path)->tp_name);
    }
    if (encoded == nullptr) return nullptr;
    if (std::strlen(PyBytes_AS_STRING(encoded)) != static_cast<size_t>(PyBytes_GET_SIZE(encoded))) {
        Py_DECREF(encoded);
        PyErr_SetString(PyExc_ValueError, "embedded null byte");
        return nullptr;
    }
    return encoded;
}

// _open(path, flags, mode) -> fd. A directory opened for reading is refused with
// IsADirectoryError, as CPython's FileIO refuses it after fstat.
PyObject *io_open(PyObject *, PyObject *args) noexcept {
    PyObject *path = nullptr;
    int flags = 0, mode = 0;
    if (!PyArg_ParseTuple(args, "Oii:_open", &path, &flags, &mode)) return nullptr;
    PyObject *encoded = path_bytes(path);
    if (encoded == nullptr) return nullptr;
    int fd = -1;
    do {
        Py_BEGIN_ALLOW_THREADS;
        fd = open(PyBytes_AS_STRING(encoded), flags | O_CLOEXEC, mode);
        Py_END_ALLOW_THREADS;
    } while (fd < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
    Py_DECREF(encoded);
    if (fd < 0) {
        if (PyErr_Occurred()) return nullptr;
        return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
    }
    struct stat st {};
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
    }
    return PyLong_FromLong(fd);
}

// One read(2) of at most `size` bytes into a new bytes object (b'' at the end of the file).
PyObject *read_once(int fd, Py_ssize_t size) noexcept {
    PyObject *data = PyBytes_FromStringAndSize(nullptr, size);
    if (data == nullptr) return nullptr;
    ssize_t got = -1;
    do {
        Py_BEGIN_ALLOW_THREADS;
        got = read(fd, PyBytes_AS_STRING(data), static_cast<size_t>(size));
        Py_END_ALLOW_THREADS;
    } while (got < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
    if (got < 0) {
        Py_DECREF(data);
        if (PyErr_Occurred()) return nullptr;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (got != size && _PyBytes_Resize(&data, got) < 0) return nullptr;
    return data;
}

// _read(fd, size) -> bytes: one read of at most size bytes; size < 0 reads to the end, into
// one bytes object that doubles as it fills.
PyObject *io_read(PyObject *, PyObject *args) noexcept {
    int fd = -1;
    Py_ssize_t size = -1;
    if (!PyArg_ParseTuple(args, "in:_read", &fd, &size)) return nullptr;
    if (size >= 0) return read_once(fd, size);
    Py_ssize_t capacity = kReadAllChunk, used = 0;
    PyObject *data = PyBytes_FromStringAndSize(nullptr, capacity);
    if (data == nullptr) return nullptr;
    for (;;) {
        if (used == capacity) {
            capacity *= 2;
            if (_PyBytes_Resize(&data, capacity) < 0) return nullptr;
        }
        ssize_t got = -1;
        Py_BEGIN_ALLOW_THREADS;
        got = read(fd, PyBytes_AS_STRING(data) + used, static_cast<size_t>(capacity - used));
        Py_END_ALLOW_THREADS;
        if (got < 0) {
            if (errno == EINTR && PyErr_CheckSignals() == 0) continue;
            Py_DECREF(data);
            if (PyErr_Occurred()) return nullptr;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        if (got == 0) break;
        used += got;
    }
    if (_PyBytes_Resize(&data, used) < 0) return nullptr;
    return data;
}

// _write(fd, data) -> the number of bytes written: all of them, or OSError. `data` is a
// bytes or a bytearray; a bytearray is copied first, since another thread may resize it
// while the GIL is given up around write(2).
PyObject *io_write(PyObject *, PyObject *args) noexcept {
    int fd = -1;
    PyObject *arg = nullptr;
    if (!PyArg_ParseTuple(args, "iO:_write", &fd, &arg)) return nullptr;
    if (!PyBytes_Check(arg) && !PyByteArray_Check(arg))
        return PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                            Py_TYPE(arg)->tp_name);
    PyObject *data = PyBytes_FromObject(arg);  // bytes itself, or a bytearray's copy
    if (data == nullptr) return nullptr;
    const char *bytes = PyBytes_AS_STRING(data);
    const Py_ssize_t size = PyBytes_GET_SIZE(data);
    Py_ssize_t done = 0;
    while (done < size) {
        ssize_t wrote = -1;
        Py_BEGIN_ALLOW_THREADS;
        wrote = write(fd, bytes + done, static_cast<size_t>(size - done));
        Py_END_ALLOW_THREADS;
        if (wrote < 0) {
            if (errno == EINTR && PyErr_CheckSignals() == 0) continue;
            if (!PyErr_Occurred()) PyErr_SetFromErrno(PyExc_OSError);  // else a signal's
            Py_DECREF(data);
            return nullptr;
        }
        done += wrote;
    }
    Py_DECREF(data);
    return PyLong_FromSsize_t(done);
}

// _lseek(fd, offset, whence) -> the new position.
PyObject *io_lseek(PyObject *, PyObject *args) noexcept {
    int fd = -1, whence = 0;
    long long offset = 0;
    if (!PyArg_ParseTuple(args, "iLi:_lseek", &fd, &offset, &whence)) return nullptr;
    const off_t position = lseek(fd, static_cast<off_t>(offset), whence);
    if (position < 0) return PyErr_SetFromErrno(PyExc_OSError);
    return PyLong_FromLongLong(position);
}

PyObject *io_ftruncate(PyObject *, PyObject *args) noexcept {
    int fd = -1;
    long long size = 0;
    if (!PyArg_ParseTuple(args, "iL:_ftruncate", &fd, &size)) return nullptr;
    if (ftruncate(fd, static_cast<off_t>(size)) < 0) return PyErr_SetFromErrno(PyExc_OSError);
    Py_RETURN_NONE;
}

PyObject *io_close(PyObject *, PyObject *arg) noexcept {
    const long fd = PyLong_AsLong(arg);
    if (fd == -1 && PyErr_Occurred()) return nullptr;
    if (fd < 0 || fd > INT_MAX) {
        errno = EBADF;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    if (close(static_cast<int>(fd)) < 0 && errno != EINTR) return PyErr_SetFromErrno(PyExc_OSError);
    Py_RETURN_NONE;
}

PyObject *io_isatty(PyObject *, PyObject *arg) noexcept {
    const long fd = PyLong_AsLong(arg);
    if (fd == -1 && PyErr_Occurred()) return nullptr;
    return PyBool_FromLong(fd >= 0 && fd <= INT_MAX && isatty(static_cast<int>(fd)));
}

// _fstat(fd) -> (is_regular_file, st_blksize, st_size): what FileIO and open() ask of fstat;
// OSError (EBADF) for a descriptor that is not open.
PyObject *io_fstat(PyObject *, PyObject *arg) noexcept {
    const long fd = PyLong_AsLong(arg);
    if (fd == -1 && PyErr_Occurred()) return nullptr;
    struct stat st {};
    if (fd < 0 || fd > INT_MAX || fstat(static_cast<int>(fd), &st) < 0) {
        if (fd < 0 || fd > INT_MAX) errno = EBADF;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return Py_BuildValue("(Nnn)", PyBool_FromLong(S_ISREG(st.st_mode)),
                         static_cast<Py_ssize_t>(st.st_blksize),
                         static_cast<Py_ssize_t>(st.st_size));
}

// _stat(path) -> (st_size, st_mtime as a float): what linecache keeps to see a source file
// change (src/modules/linecache.py), since minipy has no os.stat; OSError as os.stat raises.
PyObject *io_stat(PyObject *, PyObject *path) noexcept {
    PyObject *encoded = path_bytes(path);
    if (encoded == nullptr) return nullptr;
    struct stat st {};
    const int r = stat(PyBytes_AS_STRING(encoded), &st);
    Py_DECREF(encoded);
    if (r < 0) return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
    const double mtime =
        static_cast<double>(st.st_mtim.tv_sec) + static_cast<double>(st.st_mtim.tv_nsec) * 1e-9;
    return Py_BuildValue("(Ld)", static_cast<long long>(st.st_size), mtime);
}

// _utf8_decode(data, errors, final) -> (str, bytes used): a UTF-8 sequence cut at the end of
// `data` is left for the next call unless `final` (the incremental decoder's step).
PyObject *io_utf8_decode(PyObject *, PyObject *args) noexcept {
    PyObject *data = nullptr;
    const char *errors = nullptr;
    int final = 0;
    if (!PyArg_ParseTuple(args, "Szp:_utf8_decode", &data, &errors, &final)) return nullptr;
    Py_ssize_t consumed = PyBytes_GET_SIZE(data);
    PyObject *text = PyUnicode_DecodeUTF8Stateful(PyBytes_AS_STRING(data), consumed, errors,
                                                  final ? nullptr : &consumed);
    if (text == nullptr) return nullptr;
    return Py_BuildValue("(Nn)", text, consumed);
}

PyMethodDef io_methods[] = {
    {"_open", io_open, METH_VARARGS, nullptr},
    {"_read", io_read, METH_VARARGS, nullptr},
    {"_write", io_write, METH_VARARGS, nullptr},
    {"_lseek", io_lseek, METH_VARARGS, nullptr},
    {"_ftruncate", io_ftruncate, METH_VARARGS, nullptr},
    {"_close", io_close, METH_O, nullptr},
    {"_isatty", io_isatty, METH_O, nullptr},
    {"_fstat", io_fstat, METH_O, nullptr},
    {"_stat", io_stat, METH_O, nullptr},
    {"_utf8_decode", io_utf8_decode, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef io_def = {
    PyModuleDef_HEAD_INIT,
    "_io",
    "The io module provides the Python interfaces to stream handling.",
    -1,
    io_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

struct NamedInt {
    const char *name;
    long value;
};

}  // namespace

extern "C" PyObject *PyInit__io(void) noexcept {
    PyObject *module = PyModule_Create(&io_def);
    if (module == nullptr) return nullptr;
    const NamedInt constants[] = {
        {"_O_RDONLY", O_RDONLY}, {"_O_WRONLY", O_WRONLY},       {"_O_RDWR", O_RDWR},
        {"_O_CREAT", O_CREAT},   {"_O_EXCL", O_EXCL},           {"_O_TRUNC", O_TRUNC},
        {"_O_APPEND", O_APPEND}, {"DEFAULT_BUFFER_SIZE", 8192},
    };
    for (const NamedInt &c : constants) {
        if (PyModule_AddIntConstant(module, c.name, c.value) < 0) {
            Py_DECREF(module);
            return nullptr;
        }
    }
    // The whences beyond the three that lseek(2) takes where the system has them.
#if defined(SEEK_DATA) && defined(SEEK_HOLE)
    if (PyModule_AddIntConstant(module, "_SEEK_DATA", SEEK_DATA) < 0 ||
        PyModule_AddIntConstant(module, "_SEEK_HOLE", SEEK_HOLE) < 0) {
        Py_DECREF(module);
        return nullptr;
    }
#endif
    return module;
}
