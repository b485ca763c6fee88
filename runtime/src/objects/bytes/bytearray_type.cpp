// PyByteArray_Type's slots, with CPython 3.11's messages: repr, comparison with bytes and
// bytearray, indexing and slicing, item and slice assignment and deletion (extended slices
// too), +=, *=, %, `in`, bytearray() itself (__init__), and the iterator.
#include <cstddef>
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/bytes/bytes_internal.hpp"
#include "objects/type/static_type.hpp"

namespace minipy::runtime {

namespace {

PyByteArrayObject *as_bytearray(PyObject *op) noexcept {
    return reinterpret_cast<PyByteArrayObject *>(op);
}

void bytearray_dealloc(PyObject *op) noexcept {
    PyObject_Free(as_bytearray(op)->ob_bytes);
    Py_TYPE(op)->tp_free(op);
}

// "bytearray(b'...')" with the class's name. Unlike bytes' repr, a ' is escaped even inside
// double quotes (CPython 3.11's bytearray_repr).
PyObject *bytearray_repr(PyObject *op) noexcept {
    const char *data = PyByteArray_AS_STRING(op);
    const Py_ssize_t n = Py_SIZE(op);
    const bool has_single = std::memchr(data, '\'', static_cast<size_t>(n)) != nullptr;
    const bool has_double = std::memchr(data, '"', static_cast<size_t>(n)) != nullptr;
    const char quote = has_single && !has_double ? '"' : '\'';
    if (n > (PY_SSIZE_T_MAX - 64) / 4) {
        PyErr_SetString(PyExc_OverflowError, "bytearray object is too large to make repr");
        return nullptr;
    }
    const char *name = _PyType_Name(Py_TYPE(op));
    const auto name_length = static_cast<Py_ssize_t>(std::strlen(name));
    PyObject *text = PyBytes_FromStringAndSize(nullptr, name_length + n * 4 + 5);
    if (text == nullptr) return nullptr;
    char *out = PyBytes_AS_STRING(text);
    std::memcpy(out, name, static_cast<size_t>(name_length));
    Py_ssize_t k = name_length;
    out[k++] = '(';
    out[k++] = 'b';
    out[k++] = quote;
    static const char kHex[] = "0123456789abcdef";
    for (Py_ssize_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c == '\'' || c == '\\') {
            out[k++] = '\\';
            out[k++] = static_cast<char>(c);
        } else if (c == '\t' || c == '\n' || c == '\r') {
            out[k++] = '\\';
            out[k++] = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        } else if (c < ' ' || c >= 0x7f) {
            out[k++] = '\\';
            out[k++] = 'x';
            out[k++] = kHex[c >> 4];
            out[k++] = kHex[c & 15];
        } else {
            out[k++] = static_cast<char>(c);
        }
    }
    out[k++] = quote;
    out[k++] = ')';
    // The class name is UTF-8; the rest is ASCII.
    PyObject *r = PyUnicode_DecodeUTF8(out, k, "strict");
    Py_DECREF(text);
    return r;
}

PyObject *bytearray_richcompare(PyObject *a, PyObject *b, int op) noexcept {
    const char *da = nullptr, *db = nullptr;
    Py_ssize_t na = 0, nb = 0;
    if (!bytes_like_data(a, &da, &na) || !bytes_like_data(b, &db, &nb)) Py_RETURN_NOTIMPLEMENTED;
    if ((op == Py_EQ || op == Py_NE) && na != nb)
        return Py_NewRef(op == Py_EQ ? Py_False : Py_True);
    int c = std::memcmp(da, db, static_cast<size_t>(na < nb ? na : nb));
    if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    Py_RETURN_RICHCOMPARE(c, 0, op);
}

Py_ssize_t bytearray_length(PyObject *op) noexcept {
    return Py_SIZE(op);
}

PyObject *bytearray_iconcat(PyObject *self, PyObject *other) noexcept {
    const char *data = nullptr;
    Py_ssize_t n = 0;
    if (!bytes_like_data(other, &data, &n)) {
        PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(other)->tp_name,
                     Py_TYPE(self)->tp_name);
        return nullptr;
    }
    if (other == self) {
        // CPython holds other's buffer while it resizes self: b += b cannot resize.
        PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
        return nullptr;
    }
    const Py_ssize_t size = Py_SIZE(self);
    if (size > PY_SSIZE_T_MAX - n) return PyErr_NoMemory();
    if (PyByteArray_Resize(self, size + n) < 0) return nullptr;
    if (n > 0) std::memcpy(PyByteArray_AS_STRING(self) + size, data, static_cast<size_t>(n));
    return Py_NewRef(self);
}

PyObject *bytearray_repeat(PyObject *op, Py_ssize_t count) noexcept {
    const Py_ssize_t n = Py_SIZE(op);
    if (count < 0) count = 0;
    if (count > 0 && n > PY_SSIZE_T_MAX / count) return PyErr_NoMemory();
    const Py_ssize_t total = n * count;
    PyObject *result = PyByteArray_FromStringAndSize(nullptr, total);
    if (result == nullptr || total == 0) return result;
    const char *in = PyByteArray_AS_STRING(op);
    char *out = PyByteArray_AS_STRING(result);
    for (Py_ssize_t i = 0; i < count; ++i) std::memcpy(out + i * n, in, static_cast<size_t>(n));
    return result;
}

PyObject *bytearray_irepeat(PyObject *self, Py_ssize_t count) noexcept {
    const Py_ssize_t n = Py_SIZE(self);
    if (count < 0) count = 0;
    if (count > 0 && n > PY_SSIZE_T_MAX / count) return PyErr_NoMemory();
    if (PyByteArray_Resize(self, n * count) < 0) return nullptr;
    char *buf = PyByteArray_AS_STRING(self);
    for (Py_ssize_t i = 1; i < count; ++i) std::memcpy(buf + i * n, buf, static_cast<size_t>(n));
    return Py_NewRef(self);
}

PyObject *bytearray_item(PyObject *op, Py_ssize_t i) noexcept {
    if (i < 0 || i >= Py_SIZE(op)) {
        PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
        return nullptr;
    }
    return PyLong_FromLong(static_cast<unsigned char>(PyByteArray_AS_STRING(op)[i]));
}

int bytearray_contains(PyObject *op, PyObject *x) noexcept {
    // bytes' rules on a bytes copy of the data (an int in range(256) or a bytes-like needle).
    PyObject *copy = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(op), Py_SIZE(op));
    if (copy == nullptr) return -1;
    const int r = PyBytes_Type.tp_as_sequence->sq_contains(copy, x);
    Py_DECREF(copy);
    return r;
}

PyObject *bytearray_subscript(PyObject *op, PyObject *index) noexcept {
    if (PyIndex_Check(index)) {
        Py_ssize_t i = PyNumber_AsSsize_t(index, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) return nullptr;
        if (i < 0) i += Py_SIZE(op);
        return bytearray_item(op, i);
    }
    if (!PySlice_Check(index)) {
        PyErr_Format(PyExc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                     Py_TYPE(index)->tp_name);
        return nullptr;
    }
    Py_ssize_t start = 0, stop = 0, step = 0;
    if (PySlice_Unpack(index, &start, &stop, &step) < 0) return nullptr;
    const Py_ssize_t count = PySlice_AdjustIndices(Py_SIZE(op), &start, &stop, step);
    const char *in = PyByteArray_AS_STRING(op);
    if (step == 1) return PyByteArray_FromStringAndSize(in + start, count);
    PyObject *result = PyByteArray_FromStringAndSize(nullptr, count);
    if (result == nullptr) return nullptr;
    char *out = PyByteArray_AS_STRING(result);
    for (Py_ssize_t i = 0; i < count; ++i) out[i] = in[start + i * step];
    return result;
}

// Deletes the extended slice start::step (slicelen items, step > 1 after normalising).
int delete_extended(PyObject *self, Py_ssize_t start, Py_ssize_t step,
                    Py_ssize_t slicelen) noexcept {
    if (slicelen == 0) return 0;
    if (step < 0) {
        const Py_ssize_t stop = start + 1;
        start = stop + step * (slicelen - 1) - 1;
        step = -step;
    }
    char *buf = PyByteArray_AS_STRING(self);
    const Py_ssize_t size = Py_SIZE(self);
    Py_ssize_t cur = start;
    for (Py_ssize_t i = 0; i < slicelen; cur += step, ++i) {
        Py_ssize_t lim = step - 1;
        if (cur + step >= size) lim = size - cur - 1;
        std::memmove(buf + cur - i, buf + cur + 1, static_cast<size_t>(lim));
    }
    cur = start + slicelen * step;
    if (cur < size) std::memmove(buf + cur - slicelen, buf + cur, static_cast<size_t>(size - cur));
    return PyByteArray_Resize(self, size - slicelen);
}

int bytearray_ass_subscript(PyObject *self, PyObject *index, PyObject *values) noexcept {
    Py_ssize_t start = 0, stop = 0, step = 1, slicelen = 0;
    if (PyIndex_Check(index)) {
        Py_ssize_t i = PyNumber_AsSsize_t(index, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) return -1;
        // The value first: its __index__ may resize self, and the bounds must be those of the
        // bytearray it is written into (CPython's gh-91153).
        int value = 0;
        if (values != nullptr && !bytearray_byte_value(values, &value)) return -1;
        if (i < 0) i += Py_SIZE(self);
        if (i < 0 || i >= Py_SIZE(self)) {
            PyErr_SetString(PyExc_IndexError, "bytearray index out of range");
            return -1;
        }
        if (values != nullptr) {
            PyByteArray_AS_STRING(self)[i] = static_cast<char>(value);
            return 0;
        }
        start = i;
        stop = i + 1;
        slicelen = 1;
    } else if (PySlice_Check(index)) {
        if (PySlice_Unpack(index, &start, &stop, &step) < 0) return -1;
        slicelen = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
    } else {
        PyErr_Format(PyExc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                     Py_TYPE(index)->tp_name);
        return -1;
    }
    const char *bytes = nullptr;
    Py_ssize_t needed = 0;
    if (values != nullptr) {
        if (values == self || !PyByteArray_Check(values)) {
            if (PyNumber_Check(values) || PyUnicode_Check(values)) {
                PyErr_SetString(PyExc_TypeError,
                                "can assign only bytes, buffers, or iterables of ints in range(0, "
                                "256)");
                return -1;
            }
            PyObject *copy = PyByteArray_FromObject(values);
            if (copy == nullptr) return -1;
            const int r = bytearray_ass_subscript(self, index, copy);
            Py_DECREF(copy);
            return r;
        }
        bytes = PyByteArray_AS_STRING(values);
        needed = Py_SIZE(values);
    }
    // b[5:2] = ... inserts before 5, not before 2.
    if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
    if (step == 1) return bytearray_setslice_linear(self, start, stop, bytes, needed);
    if (needed == 0) return delete_extended(self, start, step, slicelen);
    if (needed != slicelen) {
        PyErr_Format(PyExc_ValueError,
                     "attempt to assign bytes of size %zd to extended slice of size %zd", needed,
                     slicelen);
        return -1;
    }
    char *buf = PyByteArray_AS_STRING(self);
    for (Py_ssize_t cur = start, i = 0; i < slicelen; cur += step, ++i) buf[cur] = bytes[i];
    return 0;
}

int bytearray_ass_item(PyObject *self, Py_ssize_t i, PyObject *value) noexcept {
    PyObject *index = PyLong_FromSsize_t(i);
    if (index == nullptr) return -1;
    const int r = bytearray_ass_subscript(self, index, value);
    Py_DECREF(index);
    return r;
}

// bytearray % args: bytes' formatting of the data, as a bytearray.
PyObject *bytearray_mod(PyObject *left, PyObject *right) noexcept {
    if (!PyByteArray_Check(left)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *format = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(left), Py_SIZE(left));
    if (format == nullptr) return nullptr;
    PyObject *result = _PyBytes_Format(format, right);
    Py_DECREF(format);
    if (result == nullptr) return nullptr;
    PyObject *converted = PyByteArray_FromStringAndSize(PyBytes_AS_STRING(result), Py_SIZE(result));
    Py_DECREF(result);
    return converted;
}

// Appends the ints of `it` (CPython's slow path of bytearray.__init__).
int append_from_iterator(PyObject *self, PyObject *it) noexcept {
    for (;;) {
        PyObject *item = PyIter_Next(it);
        if (item == nullptr) return PyErr_Occurred() ? -1 : 0;
        int value = 0;
        const bool ok = bytearray_byte_value(item, &value);
        Py_DECREF(item);
        if (!ok) return -1;
        const Py_ssize_t size = Py_SIZE(self);
        if (size + 1 < as_bytearray(self)->ob_alloc) {
            Py_SET_SIZE(self, size + 1);
            PyByteArray_AS_STRING(self)[size + 1] = '\0';
        } else if (PyByteArray_Resize(self, size + 1) < 0) {
            return -1;
        }
        PyByteArray_AS_STRING(self)[size] = static_cast<char>(value);
    }
}

int bytearray_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    static constexpr const char *kKeywords[] = {"source", "encoding", "errors", nullptr};
    static constexpr args::KeywordParser kParser{"bytearray", kKeywords, 0, 3};
    PyObject *given[3];
    if (!args::unpack_keywords(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwds, nullptr,
                               kParser, given))
        return -1;
    const char *text[2] = {nullptr, nullptr};  // encoding, errors
    if (given[1] != nullptr &&
        !args::str_argument("bytearray", "argument 'encoding'", given[1], &text[0]))
        return -1;
    if (given[2] != nullptr &&
        !args::str_argument("bytearray", "argument 'errors'", given[2], &text[1]))
        return -1;
    if (Py_SIZE(self) != 0 && PyByteArray_Resize(self, 0) < 0) return -1;
    PyObject *arg = given[0];
    if (arg == nullptr || !PyUnicode_Check(arg)) {
        if (text[0] != nullptr || text[1] != nullptr) {
            PyErr_SetString(PyExc_TypeError, text[0] != nullptr
                                                 ? "encoding without a string argument"
                                                 : "errors without a string argument");
            return -1;
        }
        if (arg == nullptr) return 0;
    } else {
        if (text[0] == nullptr) {
            PyErr_SetString(PyExc_TypeError, "string argument without an encoding");
            return -1;
        }
        PyObject *encoded = PyUnicode_AsEncodedString(arg, text[0], text[1]);
        if (encoded == nullptr) return -1;
        PyObject *r = bytearray_iconcat(self, encoded);
        Py_DECREF(encoded);
        Py_XDECREF(r);
        return r != nullptr ? 0 : -1;
    }
    if (PyIndex_Check(arg)) {
        const Py_ssize_t count = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
        if (count == -1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
            PyErr_Clear();
        } else {
            if (count < 0) {
                PyErr_SetString(PyExc_ValueError, "negative count");
                return -1;
            }
            if (count > 0) {
                if (PyByteArray_Resize(self, count) < 0) return -1;
                std::memset(PyByteArray_AS_STRING(self), 0, static_cast<size_t>(count));
            }
            return 0;
        }
    }
    const char *data = nullptr;
    Py_ssize_t size = 0;
    if (bytes_like_data(arg, &data, &size)) {
        if (PyByteArray_Resize(self, size) < 0) return -1;
        if (size > 0) std::memcpy(PyByteArray_AS_STRING(self), data, static_cast<size_t>(size));
        return 0;
    }
    if (PyList_CheckExact(arg) || PyTuple_CheckExact(arg)) {
        const Py_ssize_t n = PyList_CheckExact(arg) ? PyList_GET_SIZE(arg) : PyTuple_GET_SIZE(arg);
        if (PyByteArray_Resize(self, n) < 0) return -1;
        bool all_ints = true;
        for (Py_ssize_t i = 0; i < n; ++i) {
            PyObject *item =
                PyList_CheckExact(arg) ? PyList_GET_ITEM(arg, i) : PyTuple_GET_ITEM(arg, i);
            if (!PyLong_CheckExact(item)) {
                all_ints = false;
                break;
            }
            int value = 0;
            if (!bytearray_byte_value(item, &value)) return -1;
            PyByteArray_AS_STRING(self)[i] = static_cast<char>(value);
        }
        if (all_ints) return 0;
        if (PyByteArray_Resize(self, 0) < 0) return -1;
    }
    PyObject *it = PyObject_GetIter(arg);
    if (it == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to bytearray",
                         Py_TYPE(arg)->tp_name);
        }
        return -1;
    }
    const int r = append_from_iterator(self, it);
    Py_DECREF(it);
    return r;
}

// --- The iterator ---------------------------------------------------------------------

struct ByteArrayIterObject {
    PyObject_HEAD Py_ssize_t index;
    PyObject *seq;  // NULL once exhausted
};

void bytearrayiter_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    Py_XDECREF(reinterpret_cast<ByteArrayIterObject *>(op)->seq);
    PyObject_GC_Del(op);
}

int bytearrayiter_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<ByteArrayIterObject *>(op)->seq);
    return 0;
}

PyObject *bytearrayiter_next(PyObject *op) noexcept {
    auto *it = reinterpret_cast<ByteArrayIterObject *>(op);
    if (it->seq == nullptr) return nullptr;
    if (it->index < Py_SIZE(it->seq))
        return PyLong_FromLong(
            static_cast<unsigned char>(PyByteArray_AS_STRING(it->seq)[it->index++]));
    Py_CLEAR(it->seq);
    return nullptr;
}

PyObject *bytearrayiter_length_hint(PyObject *op, PyObject *) noexcept {
    auto *it = reinterpret_cast<ByteArrayIterObject *>(op);
    Py_ssize_t left = it->seq != nullptr ? Py_SIZE(it->seq) - it->index : 0;
    return PyLong_FromSsize_t(left < 0 ? 0 : left);
}

PyMethodDef bytearrayiter_methods[] = {
    {"__length_hint__", bytearrayiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject *bytearray_iter(PyObject *op) noexcept {
    auto *it = PyObject_GC_New(ByteArrayIterObject, &PyByteArrayIter_Type);
    if (it == nullptr) return nullptr;
    it->index = 0;
    it->seq = Py_NewRef(op);
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

PyNumberMethods bytearray_as_number = {
    .nb_remainder = bytearray_mod,
};

PySequenceMethods bytearray_as_sequence = {
    .sq_length = bytearray_length,
    .sq_concat = PyByteArray_Concat,
    .sq_repeat = bytearray_repeat,
    .sq_item = bytearray_item,
    .sq_ass_item = bytearray_ass_item,
    .sq_contains = bytearray_contains,
    .sq_inplace_concat = bytearray_iconcat,
    .sq_inplace_repeat = bytearray_irepeat,
};

PyMappingMethods bytearray_as_mapping = {
    .mp_length = bytearray_length,
    .mp_subscript = bytearray_subscript,
    .mp_ass_subscript = bytearray_ass_subscript,
};

}  // namespace

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyByteArray_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "bytearray",
    .tp_basicsize = sizeof(PyByteArrayObject),
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr,
    .tp_as_number = &bytearray_as_number,
    .tp_as_sequence = &bytearray_as_sequence,
    .tp_as_mapping = &bytearray_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_str = bytearray_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "bytearray(iterable_of_ints) -> bytearray\n"
        "bytearray(string, encoding[, errors]) -> bytearray\n"
        "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
        "bytearray(int) -> bytes array of size given by the parameter initialized with "
        "null bytes\n"
        "bytearray() -> empty bytes array",
    .tp_richcompare = bytearray_richcompare,
    .tp_iter = bytearray_iter,
    .tp_methods = bytearray_methods,
    .tp_init = bytearray_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_Free,
};

PyTypeObject PyByteArrayIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "bytearray_iterator",
    .tp_basicsize = sizeof(ByteArrayIterObject),
    .tp_dealloc = bytearrayiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = bytearrayiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = bytearrayiter_next,
    .tp_methods = bytearrayiter_methods,
    .tp_free = PyObject_GC_Del,
};

}  // extern "C"
