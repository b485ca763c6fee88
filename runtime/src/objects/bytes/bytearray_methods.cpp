// bytearray's methods. The ones that change it (append, extend, insert, pop, remove,
// reverse, clear) and copy, __alloc__, __sizeof__ are written here with CPython 3.11's
// messages. Every other method is bytes' own (bytes_methods.cpp's table): it runs on a bytes
// copy of the data, and what it returns as bytes (alone, in a list or in a tuple) comes back
// as bytearray, which is what CPython's shared stringlib code gives. So the two types'
// methods cannot drift apart: a method added to bytes appears on bytearray too.
#include <cstring>
#include <utility>

#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/bytes/bytes_internal.hpp"

namespace minipy::runtime {

namespace {

// --- bytes' methods on a copy ------------------------------------------------------------

using FastFunction = PyObject *(*)(PyObject *, PyObject *const *, Py_ssize_t);
using FastKeywordsFunction = PyObject *(*)(PyObject *, PyObject *const *, Py_ssize_t, PyObject *);

// The largest bytes method table the wrappers below cover.
constexpr int kMaxShared = 96;

// A bytes result as a bytearray; a list's or tuple's bytes items likewise; others as they are.
PyObject *as_bytearray_result(PyObject *r) noexcept {
    if (r == nullptr) return nullptr;
    if (PyBytes_CheckExact(r)) {
        PyObject *b = PyByteArray_FromStringAndSize(PyBytes_AS_STRING(r), Py_SIZE(r));
        Py_DECREF(r);
        return b;
    }
    if (PyList_CheckExact(r)) {
        // A fresh list from the method: its items are replaced in place.
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(r); ++i) {
            PyObject *item = PyList_GET_ITEM(r, i);
            if (!PyBytes_CheckExact(item)) continue;
            PyObject *b = PyByteArray_FromStringAndSize(PyBytes_AS_STRING(item), Py_SIZE(item));
            if (b == nullptr) {
                Py_DECREF(r);
                return nullptr;
            }
            PyList_SET_ITEM(r, i, b);
            Py_DECREF(item);
        }
        return r;
    }
    if (PyTuple_CheckExact(r)) {
        const Py_ssize_t n = PyTuple_GET_SIZE(r);
        PyObject *t = PyTuple_New(n);
        for (Py_ssize_t i = 0; t != nullptr && i < n; ++i) {
            PyObject *item = PyTuple_GET_ITEM(r, i);
            PyObject *b = PyBytes_CheckExact(item) ? PyByteArray_FromStringAndSize(
                                                         PyBytes_AS_STRING(item), Py_SIZE(item))
                                                   : Py_NewRef(item);
            if (b == nullptr) Py_CLEAR(t);
            if (t != nullptr) PyTuple_SET_ITEM(t, i, b);
        }
        Py_DECREF(r);
        return t;
    }
    return r;
}

PyObject *bytes_copy(PyObject *self) noexcept {
    return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(self), Py_SIZE(self));
}

// The wrapper of bytes_methods[I], one per calling convention.
template <int I>
PyObject *shared_plain(PyObject *self, PyObject *arg) noexcept {  // NOARGS, O, VARARGS
    PyObject *copy = bytes_copy(self);
    if (copy == nullptr) return nullptr;
    PyObject *r = bytes_methods[I].ml_meth(copy, arg);
    Py_DECREF(copy);
    return as_bytearray_result(r);
}

template <int I>
PyObject *shared_fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    PyObject *copy = bytes_copy(self);
    if (copy == nullptr) return nullptr;
    PyObject *r = reinterpret_cast<FastFunction>(
        reinterpret_cast<void (*)()>(bytes_methods[I].ml_meth))(copy, args, nargs);
    Py_DECREF(copy);
    return as_bytearray_result(r);
}

template <int I>
PyObject *shared_fast_keywords(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                               PyObject *kwnames) noexcept {
    PyObject *copy = bytes_copy(self);
    if (copy == nullptr) return nullptr;
    PyObject *r = reinterpret_cast<FastKeywordsFunction>(
        reinterpret_cast<void (*)()>(bytes_methods[I].ml_meth))(copy, args, nargs, kwnames);
    Py_DECREF(copy);
    return as_bytearray_result(r);
}

struct SharedWrappers {
    PyCFunction plain[kMaxShared];
    FastFunction fast[kMaxShared];
    FastKeywordsFunction fast_keywords[kMaxShared];
};

template <int... I>
constexpr SharedWrappers make_wrappers(std::integer_sequence<int, I...>) {
    return {{shared_plain<I>...}, {shared_fast<I>...}, {shared_fast_keywords<I>...}};
}

constexpr SharedWrappers kWrappers = make_wrappers(std::make_integer_sequence<int, kMaxShared>{});

// --- The mutating methods ---------------------------------------------------------------

PyObject *bytearray_append(PyObject *self, PyObject *item) noexcept {
    int value = 0;
    if (!bytearray_byte_value(item, &value)) return nullptr;
    const Py_ssize_t n = Py_SIZE(self);
    if (n == PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "cannot add more objects to bytearray");
        return nullptr;
    }
    if (PyByteArray_Resize(self, n + 1) < 0) return nullptr;
    PyByteArray_AS_STRING(self)[n] = static_cast<char>(value);
    Py_RETURN_NONE;
}

PyObject *bytearray_extend(PyObject *self, PyObject *iterable) noexcept {
    const char *data = nullptr;
    Py_ssize_t size = 0;
    if (bytes_like_data(iterable, &data, &size)) {
        // extend(self) reads the data before it moves.
        PyObject *keep = iterable == self ? bytes_copy(self) : Py_NewRef(iterable);
        if (keep == nullptr) return nullptr;
        bytes_like_data(keep, &data, &size);
        const int r = bytearray_setslice_linear(self, Py_SIZE(self), Py_SIZE(self), data, size);
        Py_DECREF(keep);
        if (r < 0) return nullptr;
        Py_RETURN_NONE;
    }
    PyObject *it = PyObject_GetIter(iterable);
    if (it == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "can't extend bytearray with %.100s",
                         Py_TYPE(iterable)->tp_name);
        }
        return nullptr;
    }
    // The ints go into a new bytearray first (CPython's way: self changes once, at the end).
    Py_ssize_t capacity = PyObject_LengthHint(iterable, 64);
    if (capacity == -1) {
        Py_DECREF(it);
        return nullptr;
    }
    PyObject *collected = PyByteArray_FromStringAndSize(nullptr, capacity);
    if (collected == nullptr) {
        Py_DECREF(it);
        return nullptr;
    }
    Py_ssize_t length = 0;
    PyObject *item = nullptr;
    bool failed = false;
    while (!failed && (item = PyIter_Next(it)) != nullptr) {
        int value = 0;
        failed = !bytearray_byte_value(item, &value);
        Py_DECREF(item);
        if (failed) break;
        if (length >= capacity) {
            // Half as much again, and one more (the length hint may have said 0).
            if (length == PY_SSIZE_T_MAX) {
                failed = true;
                PyErr_NoMemory();
                break;
            }
            const Py_ssize_t addition = length >> 1;
            capacity =
                addition > PY_SSIZE_T_MAX - length - 1 ? PY_SSIZE_T_MAX : length + addition + 1;
            if (PyByteArray_Resize(collected, capacity) < 0) {
                failed = true;
                break;
            }
        }
        PyByteArray_AS_STRING(collected)[length++] = static_cast<char>(value);
    }
    Py_DECREF(it);
    if (failed || PyErr_Occurred() || PyByteArray_Resize(collected, length) < 0 ||
        bytearray_setslice_linear(self, Py_SIZE(self), Py_SIZE(self),
                                  PyByteArray_AS_STRING(collected), length) < 0) {
        Py_DECREF(collected);
        return nullptr;
    }
    Py_DECREF(collected);
    Py_RETURN_NONE;
}

PyObject *bytearray_insert(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t index = 0;
    int value = 0;
    if (!args::check_positional("insert", nargs, 2, 2) || !args::ssize_argument(args[0], &index) ||
        !bytearray_byte_value(args[1], &value))
        return nullptr;
    const Py_ssize_t n = Py_SIZE(self);
    if (n == PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "cannot add more objects to bytearray");
        return nullptr;
    }
    if (PyByteArray_Resize(self, n + 1) < 0) return nullptr;
    if (index < 0) {
        index += n;
        if (index < 0) index = 0;
    }
    if (index > n) index = n;
    char *buf = PyByteArray_AS_STRING(self);
    std::memmove(buf + index + 1, buf + index, static_cast<size_t>(n - index));
    buf[index] = static_cast<char>(value);
    Py_RETURN_NONE;
}

PyObject *bytearray_pop(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    Py_ssize_t index = -1;
    if (!args::check_positional("pop", nargs, 0, 1) ||
        (nargs == 1 && !args::ssize_argument(args[0], &index)))
        return nullptr;
    const Py_ssize_t n = Py_SIZE(self);
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from empty bytearray");
        return nullptr;
    }
    if (index < 0) index += n;
    if (index < 0 || index >= n) {
        PyErr_SetString(PyExc_IndexError, "pop index out of range");
        return nullptr;
    }
    char *buf = PyByteArray_AS_STRING(self);
    const int value = static_cast<unsigned char>(buf[index]);
    std::memmove(buf + index, buf + index + 1, static_cast<size_t>(n - index - 1));
    if (PyByteArray_Resize(self, n - 1) < 0) return nullptr;
    return PyLong_FromLong(value);
}

PyObject *bytearray_remove(PyObject *self, PyObject *item) noexcept {
    int value = 0;
    if (!bytearray_byte_value(item, &value)) return nullptr;
    const Py_ssize_t n = Py_SIZE(self);
    char *buf = PyByteArray_AS_STRING(self);
    const void *found = std::memchr(buf, value, static_cast<size_t>(n));
    if (found == nullptr) {
        PyErr_SetString(PyExc_ValueError, "value not found in bytearray");
        return nullptr;
    }
    const Py_ssize_t where = static_cast<const char *>(found) - buf;
    std::memmove(buf + where, buf + where + 1, static_cast<size_t>(n - where - 1));
    if (PyByteArray_Resize(self, n - 1) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *bytearray_reverse(PyObject *self, PyObject *) noexcept {
    char *buf = PyByteArray_AS_STRING(self);
    for (Py_ssize_t i = 0, j = Py_SIZE(self) - 1; i < j; ++i, --j) std::swap(buf[i], buf[j]);
    Py_RETURN_NONE;
}

PyObject *bytearray_clear(PyObject *self, PyObject *) noexcept {
    if (PyByteArray_Resize(self, 0) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *bytearray_copy(PyObject *self, PyObject *) noexcept {
    return PyByteArray_FromStringAndSize(PyByteArray_AS_STRING(self), Py_SIZE(self));
}

PyObject *bytearray_alloc(PyObject *self, PyObject *) noexcept {
    return PyLong_FromSsize_t(reinterpret_cast<PyByteArrayObject *>(self)->ob_alloc);
}

PyObject *bytearray_sizeof(PyObject *self, PyObject *) noexcept {
    return PyLong_FromSsize_t(Py_TYPE(self)->tp_basicsize +
                              reinterpret_cast<PyByteArrayObject *>(self)->ob_alloc);
}

// Not bytearray's: bytes-only methods, and the ones bytearray takes unchanged from bytes'
// table (maketrans is static, fromhex a class method calling its class).
bool is_bytes_only(const char *name) noexcept {
    return std::strcmp(name, "__bytes__") == 0 || std::strcmp(name, "__getnewargs__") == 0;
}
bool taken_as_is(const PyMethodDef &def) noexcept {
    return (def.ml_flags & (METH_STATIC | METH_CLASS)) != 0;
}

const PyMethodDef kOwnMethods[] = {
    {"__alloc__", bytearray_alloc, METH_NOARGS,
     "B.__alloc__() -> int\n\nReturn the number of bytes actually allocated."},
    {"__sizeof__", bytearray_sizeof, METH_NOARGS,
     "Returns the size of the bytearray object in memory, in bytes."},
    {"append", bytearray_append, METH_O, "Append a single item to the end of the bytearray."},
    {"extend", bytearray_extend, METH_O,
     "Append all the items from the iterator or sequence to the end of the bytearray."},
    {"insert", _PyCFunction_CAST(bytearray_insert), METH_FASTCALL,
     "Insert a single item into the bytearray before the given index."},
    {"pop", _PyCFunction_CAST(bytearray_pop), METH_FASTCALL,
     "Remove and return a single item from B."},
    {"remove", bytearray_remove, METH_O,
     "Remove the first occurrence of a value in the bytearray."},
    {"reverse", bytearray_reverse, METH_NOARGS, "Reverse the order of the values in B in place."},
    {"clear", bytearray_clear, METH_NOARGS, "Remove all items from the bytearray."},
    {"copy", bytearray_copy, METH_NOARGS, "Return a copy of B."},
};
constexpr int kOwnCount = sizeof(kOwnMethods) / sizeof(kOwnMethods[0]);

}  // namespace

// Filled by bytearray_methods_init: the own methods, then bytes' wrapped, then the sentinel.
PyMethodDef bytearray_methods[kOwnCount + kMaxShared + 1];

int bytearray_methods_init() noexcept {
    int n = 0;
    for (const PyMethodDef &def : kOwnMethods) bytearray_methods[n++] = def;
    for (int i = 0; bytes_methods[i].ml_name != nullptr; ++i) {
        const PyMethodDef &def = bytes_methods[i];
        if (is_bytes_only(def.ml_name)) continue;
        if (i >= kMaxShared) {
            PyErr_SetString(PyExc_SystemError, "bytearray: bytes has more methods than expected");
            return -1;
        }
        PyMethodDef wrapped = def;
        if (!taken_as_is(def)) {
            const int convention = def.ml_flags & (METH_VARARGS | METH_NOARGS | METH_O |
                                                   METH_FASTCALL | METH_KEYWORDS);
            if (convention == (METH_FASTCALL | METH_KEYWORDS))
                wrapped.ml_meth = _PyCFunction_CAST(kWrappers.fast_keywords[i]);
            else if (convention == METH_FASTCALL)
                wrapped.ml_meth = _PyCFunction_CAST(kWrappers.fast[i]);
            else
                wrapped.ml_meth = kWrappers.plain[i];
        }
        bytearray_methods[n++] = wrapped;
    }
    bytearray_methods[n] = PyMethodDef{nullptr, nullptr, 0, nullptr};
    return 0;
}

}  // namespace minipy::runtime
