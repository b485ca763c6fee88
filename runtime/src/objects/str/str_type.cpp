// PyUnicode_Type's slots (dealloc, repr, str, hash, comparison, the sequence and mapping
// protocols, iteration, str()) and the str iterator type.
//
// str's constructor makes exact str objects only: a subclass of str needs the non-compact
// layout CPython keeps for it (the characters in a separate block), which minipy does not
// have yet, so str.__new__(subclass) raises SystemError.
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/abstract.h"
#include "minipy/bytesobject.h"
#include "minipy/dictobject.h"
#include "minipy/objimpl.h"
#include "minipy/pyerrors.h"
#include "minipy/sliceobject.h"
#include "minipy/tupleobject.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_internal.hpp"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

void unicode_dealloc(PyObject *op) noexcept {
    if (PyUnicode_CHECK_INTERNED(op)) unicode_intern_forget(op);
    if (!PyUnicode_IS_ASCII(op)) PyObject_Free(_PyCompactUnicodeObject_CAST(op)->utf8);
    Py_TYPE(op)->tp_free(op);
}

PyObject *unicode_str(PyObject *self) noexcept {
    return PyUnicode_FromObject(self);
}

Py_hash_t unicode_tp_hash(PyObject *self) noexcept {
    return unicode_hash(self);
}

Py_ssize_t unicode_length(PyObject *self) noexcept {
    return PyUnicode_GET_LENGTH(self);
}

PyObject *unicode_getitem(PyObject *self, Py_ssize_t index) noexcept {
    if (index < 0 || index >= PyUnicode_GET_LENGTH(self)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return nullptr;
    }
    return unicode_char(PyUnicode_READ_CHAR(self, index));
}

PyObject *unicode_repeat(PyObject *self, Py_ssize_t count) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (count < 1 || n == 0) return unicode_get_empty();
    if (count == 1) return PyUnicode_FromObject(self);
    if (n > PY_SSIZE_T_MAX / count) {
        PyErr_SetString(PyExc_OverflowError, "repeated string is too long");
        return nullptr;
    }
    const Py_ssize_t total = n * count;
    PyObject *result = PyUnicode_New(total, PyUnicode_MAX_CHAR_VALUE(self));
    if (result == nullptr) return nullptr;
    const int kind = PyUnicode_KIND(result);
    char *out = static_cast<char *>(PyUnicode_DATA(result));
    // One copy of the text, then doubling copies of what is already there.
    std::memcpy(out, PyUnicode_DATA(self), static_cast<size_t>(n * kind));
    Py_ssize_t done = n;
    while (done < total) {
        const Py_ssize_t chunk = done <= total - done ? done : total - done;
        std::memcpy(out + done * kind, out, static_cast<size_t>(chunk * kind));
        done += chunk;
    }
    return result;
}

int unicode_contains(PyObject *self, PyObject *element) noexcept {
    return PyUnicode_Contains(self, element);
}

PyObject *unicode_subscript(PyObject *self, PyObject *item) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(self);
    if (PyIndex_Check(item)) {
        Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred()) return nullptr;
        if (i < 0) i += n;
        return unicode_getitem(self, i);
    }
    if (!PySlice_Check(item))
        return PyErr_Format(PyExc_TypeError, "string indices must be integers, not '%.200s'",
                            Py_TYPE(item)->tp_name);
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
    const Py_ssize_t count = PySlice_AdjustIndices(n, &start, &stop, step);
    if (count <= 0) return unicode_get_empty();
    if (step == 1) return unicode_substring(self, start, start + count);
    const int kind = PyUnicode_KIND(self);
    const void *data = PyUnicode_DATA(self);
    Py_UCS4 maxchar = 0;
    // start + i * step is an index for every selected i; a running index stepped past the
    // last one would overflow for a huge step.
    for (Py_ssize_t i = 0; i < count; ++i) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, start + i * step);
        if (ch > maxchar) maxchar = ch;
    }
    PyObject *result = PyUnicode_New(count, maxchar);
    if (result == nullptr) return nullptr;
    const int rkind = PyUnicode_KIND(result);
    void *rdata = PyUnicode_DATA(result);
    for (Py_ssize_t i = 0; i < count; ++i)
        PyUnicode_WRITE(rkind, rdata, i, PyUnicode_READ(kind, data, start + i * step));
    return result;
}

// str(object='', encoding='utf-8', errors='strict')
PyObject *unicode_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (type != &PyUnicode_Type) return unicode_subtype_new(type, args, kwds);
    static constexpr const char *kKeywords[] = {"object", "encoding", "errors", nullptr};
    static constexpr args::KeywordParser kParser{"str", kKeywords, 0, 3};
    PyObject *given[3];
    if (!args::unpack_keywords(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwds, nullptr,
                               kParser, given))
        return nullptr;
    const char *encoding = nullptr;
    const char *errors = nullptr;
    if (given[1] != nullptr &&
        !args::str_argument("str", "argument 'encoding'", given[1], &encoding))
        return nullptr;
    if (given[2] != nullptr && !args::str_argument("str", "argument 'errors'", given[2], &errors))
        return nullptr;
    if (given[0] == nullptr) return unicode_get_empty();
    if (encoding == nullptr && errors == nullptr) return PyObject_Str(given[0]);
    return PyUnicode_FromEncodedObject(given[0], encoding, errors);
}

// str % args; NotImplemented when the str is the right operand (args.__rmod__ may exist).
PyObject *unicode_mod(PyObject *left, PyObject *right) noexcept {
    if (!PyUnicode_Check(left)) Py_RETURN_NOTIMPLEMENTED;
    return PyUnicode_Format(left, right);
}

PyNumberMethods unicode_as_number = {
    .nb_remainder = unicode_mod,
};

PySequenceMethods unicode_as_sequence = {
    .sq_length = unicode_length,
    .sq_concat = PyUnicode_Concat,
    .sq_repeat = unicode_repeat,
    .sq_item = unicode_getitem,
    .sq_contains = unicode_contains,
};

PyMappingMethods unicode_as_mapping = {
    .mp_length = unicode_length,
    .mp_subscript = unicode_subscript,
};

// --- The iterator ---------------------------------------------------------------------

struct UnicodeIterObject {
    PyObject_HEAD Py_ssize_t index;
    PyObject *str;  // NULL once exhausted
};

void unicodeiter_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    Py_XDECREF(reinterpret_cast<UnicodeIterObject *>(op)->str);
    PyObject_GC_Del(op);
}

int unicodeiter_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<UnicodeIterObject *>(op)->str);
    return 0;
}

PyObject *unicodeiter_next(PyObject *op) noexcept {
    auto *it = reinterpret_cast<UnicodeIterObject *>(op);
    if (it->str == nullptr) return nullptr;
    if (it->index < PyUnicode_GET_LENGTH(it->str))
        return unicode_char(PyUnicode_READ_CHAR(it->str, it->index++));
    Py_CLEAR(it->str);
    return nullptr;
}

// __length_hint__: the characters not yet produced (0 once exhausted).
PyObject *unicodeiter_length_hint(PyObject *op, PyObject *) noexcept {
    auto *it = reinterpret_cast<UnicodeIterObject *>(op);
    return PyLong_FromSsize_t(it->str != nullptr ? PyUnicode_GET_LENGTH(it->str) - it->index : 0);
}

PyMethodDef unicodeiter_methods[] = {
    {"__length_hint__", unicodeiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyObject *unicode_iter(PyObject *str) noexcept {
    // CPython 3.11 names the iterator of an ASCII string differently; it behaves the same.
    PyTypeObject *type = PyUnicode_IS_ASCII(str) ? &unicode_ascii_iter_type : &PyUnicodeIter_Type;
    auto *it = PyObject_GC_New(UnicodeIterObject, type);
    if (it == nullptr) return nullptr;
    it->index = 0;
    it->str = Py_NewRef(str);
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyUnicode_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "str",
    .tp_basicsize = sizeof(PyUnicodeObject),
    .tp_dealloc = unicode_dealloc,
    .tp_repr = unicode_repr,
    .tp_as_number = &unicode_as_number,
    .tp_as_sequence = &unicode_as_sequence,
    .tp_as_mapping = &unicode_as_mapping,
    .tp_hash = unicode_tp_hash,
    .tp_str = unicode_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS,
    .tp_doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str",
    .tp_richcompare = PyUnicode_RichCompare,
    .tp_iter = unicode_iter,
    .tp_methods = unicode_methods,
    .tp_new = unicode_new,
    .tp_free = PyObject_Free,
};

PyTypeObject PyUnicodeIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "str_iterator",
    .tp_basicsize = sizeof(UnicodeIterObject),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unicodeiter_next,
    .tp_methods = unicodeiter_methods,
    .tp_free = PyObject_GC_Del,
};

}  // extern "C"

namespace minipy::runtime {

PyTypeObject unicode_ascii_iter_type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(UnicodeIterObject),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unicodeiter_next,
    .tp_methods = unicodeiter_methods,
    .tp_free = PyObject_GC_Del,
};

}  // namespace minipy::runtime
