// PyBytes_Type's slots (repr, hash, comparison, sequence and mapping protocols, iteration),
// bytes() and the bytes iterator, with CPython 3.11's error messages. The methods are in
// bytes_methods.cpp.
#include <cstddef>
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/abstract.h"
#include "minipy/boolobject.h"
#include "minipy/bytesobject.h"
#include "minipy/dictobject.h"
#include "minipy/longobject.h"
#include "minipy/methodobject.h"
#include "minipy/objimpl.h"
#include "minipy/pyerrors.h"
#include "minipy/pyhash.h"
#include "minipy/sliceobject.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/bytes/bytes_internal.hpp"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

void bytes_dealloc(PyObject *op) noexcept {
    Py_TYPE(op)->tp_free(op);
}

PyObject *bytes_repr(PyObject *op) noexcept {
    return PyBytes_Repr(op, 1);
}

Py_hash_t bytes_hash(PyObject *op) noexcept {
    PyBytesObject *b = _PyBytes_CAST(op);
    if (b->ob_shash == -1) b->ob_shash = _Py_HashBytes(b->ob_sval, Py_SIZE(op));
    return b->ob_shash;
}

PyObject *bytes_richcompare(PyObject *a, PyObject *b, int op) noexcept {
    if (!PyBytes_Check(a) || !PyBytes_Check(b)) Py_RETURN_NOTIMPLEMENTED;
    const Py_ssize_t na = Py_SIZE(a), nb = Py_SIZE(b);
    if (op == Py_EQ || op == Py_NE) {
        bool equal = a == b || (na == nb && std::memcmp(PyBytes_AS_STRING(a), PyBytes_AS_STRING(b),
                                                        static_cast<size_t>(na)) == 0);
        return Py_NewRef(equal == (op == Py_EQ) ? Py_True : Py_False);
    }
    int c = std::memcmp(PyBytes_AS_STRING(a), PyBytes_AS_STRING(b),
                        static_cast<size_t>(na < nb ? na : nb));
    if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    Py_RETURN_RICHCOMPARE(c, 0, op);
}

Py_ssize_t bytes_length(PyObject *op) noexcept {
    return Py_SIZE(op);
}

PyObject *bytes_concat(PyObject *a, PyObject *b) noexcept {
    if (PyBytes_Check(a) && PyByteArray_Check(b)) {
        // bytes + bytearray is bytes (CPython reads the right operand as a buffer).
        const Py_ssize_t na = Py_SIZE(a), nb = Py_SIZE(b);
        if (na > PY_SSIZE_T_MAX - nb) return PyErr_NoMemory();
        PyObject *result = PyBytes_FromStringAndSize(nullptr, na + nb);
        if (result == nullptr) return nullptr;
        std::memcpy(PyBytes_AS_STRING(result), PyBytes_AS_STRING(a), static_cast<size_t>(na));
        std::memcpy(PyBytes_AS_STRING(result) + na, PyByteArray_AS_STRING(b),
                    static_cast<size_t>(nb));
        return result;
    }
    if (!PyBytes_Check(a) || !PyBytes_Check(b))
        return PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name,
                            Py_TYPE(a)->tp_name);
    if (Py_SIZE(b) == 0 && PyBytes_CheckExact(a)) return Py_NewRef(a);
    if (Py_SIZE(a) == 0 && PyBytes_CheckExact(b)) return Py_NewRef(b);
    PyObject *result = Py_NewRef(a);
    PyBytes_Concat(&result, b);
    return result;
}

PyObject *bytes_repeat(PyObject *op, Py_ssize_t count) noexcept {
    const Py_ssize_t n = Py_SIZE(op);
    if (count < 0) count = 0;
    if (count == 1 && PyBytes_CheckExact(op)) return Py_NewRef(op);
    if (n > 0 && count > PY_SSIZE_T_MAX / n) {
        PyErr_SetString(PyExc_OverflowError, "repeated bytes are too long");
        return nullptr;
    }
    const Py_ssize_t total = n * count;
    // A size that fits Py_ssize_t but not with the object's header: CPython asks its allocator,
    // which refuses, so MemoryError (not the OverflowError of PyBytes_FromStringAndSize).
    if (total > PY_SSIZE_T_MAX - static_cast<Py_ssize_t>(offsetof(PyBytesObject, ob_sval)) - 1)
        return PyErr_NoMemory();
    PyObject *result = PyBytes_FromStringAndSize(nullptr, total);
    if (result == nullptr || total == 0) return result;
    char *out = PyBytes_AS_STRING(result);
    std::memcpy(out, PyBytes_AS_STRING(op), static_cast<size_t>(n));
    for (Py_ssize_t done = n; done < total;) {
        const Py_ssize_t chunk = done <= total - done ? done : total - done;
        std::memcpy(out + done, out, static_cast<size_t>(chunk));
        done += chunk;
    }
    return result;
}

PyObject *bytes_item(PyObject *op, Py_ssize_t i) noexcept {
    if (i < 0 || i >= Py_SIZE(op)) {
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return nullptr;
    }
    return PyLong_FromLong(static_cast<unsigned char>(PyBytes_AS_STRING(op)[i]));
}

// The needle of `x in b`, b.find(x) etc.: a bytes object or an int in range(256). Sets
// *needle/*n (byte is storage for the int case); false with an exception.
bool byte_needle(PyObject *x, char *byte, const char **needle, Py_ssize_t *n) noexcept {
    if (bytes_like_data(x, needle, n)) return true;
    if (PyIndex_Check(x)) {
        Py_ssize_t v = PyNumber_AsSsize_t(x, nullptr);
        if (v == -1 && PyErr_Occurred()) return false;
        if (v < 0 || v >= 256) {
            PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
            return false;
        }
        *byte = static_cast<char>(v);
        *needle = byte;
        *n = 1;
        return true;
    }
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                 Py_TYPE(x)->tp_name);
    return false;
}

int bytes_contains(PyObject *op, PyObject *x) noexcept {
    char byte;
    const char *needle;
    Py_ssize_t n;
    if (!byte_needle(x, &byte, &needle, &n)) return -1;
    return bytes_find_in(PyBytes_AS_STRING(op), 0, Py_SIZE(op), needle, n, 1) >= 0;
}

PyObject *bytes_subscript(PyObject *op, PyObject *item) noexcept {
    const Py_ssize_t size = Py_SIZE(op);
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) return nullptr;
        if (i < 0) i += size;
        return bytes_item(op, i);
    }
    if (!PySlice_Check(item))
        return PyErr_Format(PyExc_TypeError, "byte indices must be integers or slices, not %.200s",
                            Py_TYPE(item)->tp_name);
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
    const Py_ssize_t count = PySlice_AdjustIndices(size, &start, &stop, step);
    if (count <= 0) return bytes_get_empty();
    if (step == 1) {
        if (count == size && PyBytes_CheckExact(op)) return Py_NewRef(op);
        return PyBytes_FromStringAndSize(PyBytes_AS_STRING(op) + start, count);
    }
    PyObject *result = PyBytes_FromStringAndSize(nullptr, count);
    if (result == nullptr) return nullptr;
    const char *in = PyBytes_AS_STRING(op);
    char *out = PyBytes_AS_STRING(result);
    // start + i * step is an index for every selected i; a running index stepped past the
    // last one would overflow for a huge step.
    for (Py_ssize_t i = 0; i < count; ++i) out[i] = in[start + i * step];
    return result;
}

// --- bytes() --------------------------------------------------------------------------

PyObject *bytes_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (type != &PyBytes_Type) return bytes_subtype_new(type, args, kwds);
    static constexpr const char *kKeywords[] = {"source", "encoding", "errors", nullptr};
    static constexpr args::KeywordParser kParser{"bytes", kKeywords, 0, 3};
    PyObject *given[3];
    if (!args::unpack_keywords(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwds, nullptr,
                               kParser, given))
        return nullptr;
    const char *text[2] = {nullptr, nullptr};  // encoding, errors
    if (given[1] != nullptr &&
        !args::str_argument("bytes", "argument 'encoding'", given[1], &text[0]))
        return nullptr;
    if (given[2] != nullptr &&
        !args::str_argument("bytes", "argument 'errors'", given[2], &text[1]))
        return nullptr;
    PyObject *x = given[0];
    if (x == nullptr) {
        if (text[0] != nullptr || text[1] != nullptr) {
            PyErr_SetString(PyExc_TypeError, text[0] != nullptr
                                                 ? "encoding without a string argument"
                                                 : "errors without a string argument");
            return nullptr;
        }
        return bytes_get_empty();
    }
    if (text[0] != nullptr) {
        if (!PyUnicode_Check(x)) {
            PyErr_SetString(PyExc_TypeError, "encoding without a string argument");
            return nullptr;
        }
        return PyUnicode_AsEncodedString(x, text[0], text[1]);
    }
    if (text[1] != nullptr || PyUnicode_Check(x)) {
        PyErr_SetString(PyExc_TypeError, PyUnicode_Check(x) ? "string argument without an encoding"
                                                            : "errors without a string argument");
        return nullptr;
    }
    if (PyIndex_Check(x)) {
        Py_ssize_t size = PyNumber_AsSsize_t(x, PyExc_OverflowError);
        if (size == -1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError)) return nullptr;
            PyErr_Clear();
            return PyBytes_FromObject(x);
        }
        if (size < 0) {
            PyErr_SetString(PyExc_ValueError, "negative count");
            return nullptr;
        }
        PyObject *result = PyBytes_FromStringAndSize(nullptr, size);
        if (result != nullptr) std::memset(PyBytes_AS_STRING(result), 0, static_cast<size_t>(size));
        return result;
    }
    return PyBytes_FromObject(x);
}

// --- The iterator ---------------------------------------------------------------------

struct BytesIterObject {
    PyObject_HEAD Py_ssize_t index;
    PyObject *bytes;  // NULL once exhausted
};

void bytesiter_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    Py_XDECREF(reinterpret_cast<BytesIterObject *>(op)->bytes);
    PyObject_GC_Del(op);
}

int bytesiter_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<BytesIterObject *>(op)->bytes);
    return 0;
}

PyObject *bytesiter_next(PyObject *op) noexcept {
    auto *it = reinterpret_cast<BytesIterObject *>(op);
    if (it->bytes == nullptr) return nullptr;
    if (it->index < Py_SIZE(it->bytes))
        return PyLong_FromLong(
            static_cast<unsigned char>(PyBytes_AS_STRING(it->bytes)[it->index++]));
    Py_CLEAR(it->bytes);
    return nullptr;
}

// __length_hint__: the bytes not yet produced (0 once exhausted).
PyObject *bytesiter_length_hint(PyObject *op, PyObject *) noexcept {
    auto *it = reinterpret_cast<BytesIterObject *>(op);
    return PyLong_FromSsize_t(it->bytes != nullptr ? Py_SIZE(it->bytes) - it->index : 0);
}

PyMethodDef bytesiter_methods[] = {
    {"__length_hint__", bytesiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject *bytes_iter(PyObject *op) noexcept {
    auto *it = PyObject_GC_New(BytesIterObject, &PyBytesIter_Type);
    if (it == nullptr) return nullptr;
    it->index = 0;
    it->bytes = Py_NewRef(op);
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

// bytes % args; NotImplemented when the bytes object is the right operand.
PyObject *bytes_mod(PyObject *left, PyObject *right) noexcept {
    if (!PyBytes_Check(left)) Py_RETURN_NOTIMPLEMENTED;
    return _PyBytes_Format(left, right);
}

PyNumberMethods bytes_as_number = {
    .nb_remainder = bytes_mod,
};

PySequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};

PyMappingMethods bytes_as_mapping = {
    .mp_length = bytes_length,
    .mp_subscript = bytes_subscript,
};

}  // namespace

Py_ssize_t bytes_find_in(const char *hay, Py_ssize_t start, Py_ssize_t end, const char *needle,
                         Py_ssize_t n, int direction) noexcept {
    if (end - start < n) return -1;
    if (direction > 0) {
        for (Py_ssize_t i = start; i <= end - n; ++i)
            if (std::memcmp(hay + i, needle, static_cast<size_t>(n)) == 0) return i;
    } else {
        for (Py_ssize_t i = end - n; i >= start; --i)
            if (std::memcmp(hay + i, needle, static_cast<size_t>(n)) == 0) return i;
    }
    return -1;
}

PyObject *bytes_from_iterator(PyObject *it) noexcept {
    PyObject *result = PyBytes_FromStringAndSize(nullptr, 0);
    if (result == nullptr) return nullptr;
    Py_ssize_t size = 0;
    for (;;) {
        PyObject *item = PyIter_Next(it);
        if (item == nullptr) break;
        Py_ssize_t value = PyNumber_AsSsize_t(item, nullptr);
        Py_DECREF(item);
        if (value == -1 && PyErr_Occurred()) break;
        if (value < 0 || value >= 256) {
            PyErr_SetString(PyExc_ValueError, "bytes must be in range(0, 256)");
            break;
        }
        // Grow by doubling; the empty start object is replaced by the first resize.
        if (size == Py_SIZE(result) && _PyBytes_Resize(&result, size < 8 ? 8 : size * 2) < 0)
            return nullptr;
        PyBytes_AS_STRING(result)[size++] = static_cast<char>(value);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        return nullptr;
    }
    if (_PyBytes_Resize(&result, size) < 0) return nullptr;
    return result;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyBytes_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "bytes",
    // CPython's PyBytesObject_SIZE: the header and the final NUL (bytes.__basicsize__ is 33, and
    // object.__sizeof__ counts the NUL as CPython's bytes.__sizeof__ does).
    .tp_basicsize = offsetof(PyBytesObject, ob_sval) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr,
    .tp_as_number = &bytes_as_number,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_as_mapping = &bytes_as_mapping,
    .tp_hash = bytes_hash,
    .tp_str = bytes_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS,
    .tp_doc =
        "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n"
        "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
        "bytes() -> empty bytes object",
    .tp_richcompare = bytes_richcompare,
    .tp_iter = bytes_iter,
    .tp_methods = bytes_methods,
    .tp_new = bytes_new,
    .tp_free = PyObject_Free,
};

PyTypeObject PyBytesIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "bytes_iterator",
    .tp_basicsize = sizeof(BytesIterObject),
    .tp_dealloc = bytesiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = bytesiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = bytesiter_next,
    .tp_methods = bytesiter_methods,
    .tp_free = PyObject_GC_Del,
};

}  // extern "C"
