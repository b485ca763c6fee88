// The tuple type: its slots (repr, hash, comparison, the sequence and mapping protocols),
// its methods, tuple() itself, and the tuple iterator. Making and freeing tuples is
// tuple_object.cpp's. Behaviour and messages follow CPython 3.11's Objects/tupleobject.c.
#include <cstring>

#include "args/method_args.hpp"
#include "minipy/Python.h"
#include "objects/slice/slice_internal.hpp"
#include "objects/tuple/tuple_internal.hpp"
#include "objects/type/static_type.hpp"

namespace {

using minipy::runtime::tuple_from_array;

inline PyTupleObject *as_tuple(PyObject *op) noexcept {
    return reinterpret_cast<PyTupleObject *>(op);
}

// --- repr and hash --------------------------------------------------------------------------

PyObject *tuple_repr(PyObject *self) noexcept {
    const Py_ssize_t n = Py_SIZE(self);
    if (n == 0) return PyUnicode_FromString("()");
    // A tuple cannot contain itself directly, but can through a list or an instance: the
    // guard turns the second visit into "(...)".
    const int entered = Py_ReprEnter(self);
    if (entered != 0) return entered > 0 ? PyUnicode_FromString("(...)") : nullptr;
    PyObject *result = nullptr;
    PyObject *reprs = PyTuple_New(n);
    if (reprs != nullptr) {
        Py_ssize_t i = 0;
        for (; i < n; i++) {
            PyObject *r = PyObject_Repr(PyTuple_GET_ITEM(self, i));
            if (r == nullptr) break;
            PyTuple_SET_ITEM(reprs, i, r);
        }
        if (i == n) result = minipy::runtime::join_reprs(reprs, "(", ")", true);
        Py_DECREF(reprs);
    }
    Py_ReprLeave(self);
    return result;
}

// CPython 3.8+'s tuple hash: xxHash's round over each item's hash, then the length mixed in
// so that hash(()) keeps its historical value. The constants are xxHash64's primes.
constexpr Py_uhash_t kXXPrime1 = 11400714785074694791ULL;
constexpr Py_uhash_t kXXPrime2 = 14029467366897019727ULL;
constexpr Py_uhash_t kXXPrime5 = 2870177450012600261ULL;
static_assert(sizeof(Py_uhash_t) == 8, "the tuple hash constants are the 64-bit ones");

constexpr Py_uhash_t rotate_left_31(Py_uhash_t x) noexcept {
    return (x << 31) | (x >> 33);
}

Py_hash_t tuple_hash(PyObject *self) noexcept {
    const Py_ssize_t n = Py_SIZE(self);
    Py_uhash_t acc = kXXPrime5;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(self, i);
        Py_hash_t item_hash;
        if (PyTuple_Check(item)) {
            // A tuple's hash is not cached, so nested tuples hash recursively: counted against
            // the recursion limit, a tuple nested 10^6 deep raises RecursionError where
            // CPython 3.11 runs out of C stack.
            if (Py_EnterRecursiveCall(" while hashing a tuple")) return -1;
            item_hash = PyObject_Hash(item);
            Py_LeaveRecursiveCall();
        } else {
            item_hash = PyObject_Hash(item);
        }
        if (item_hash == -1) return -1;
        acc += static_cast<Py_uhash_t>(item_hash) * kXXPrime2;
        acc = rotate_left_31(acc);
        acc *= kXXPrime1;
    }
    acc += static_cast<Py_uhash_t>(n) ^ (kXXPrime5 ^ 3527539UL);
    // -1 means "error" to every caller, so it is never a hash.
    if (acc == static_cast<Py_uhash_t>(-1)) return 1546275796;
    return static_cast<Py_hash_t>(acc);
}

// Lexicographic: find the first index where the items differ by ==, then compare those two
// with the operator asked for; when one tuple runs out first, the lengths decide.
PyObject *tuple_richcompare(PyObject *v, PyObject *w, int op) noexcept {
    if (!PyTuple_Check(v) || !PyTuple_Check(w)) Py_RETURN_NOTIMPLEMENTED;
    const Py_ssize_t vlen = Py_SIZE(v);
    const Py_ssize_t wlen = Py_SIZE(w);
    Py_ssize_t i = 0;
    for (; i < vlen && i < wlen; i++) {
        const int equal =
            PyObject_RichCompareBool(PyTuple_GET_ITEM(v, i), PyTuple_GET_ITEM(w, i), Py_EQ);
        if (equal < 0) return nullptr;
        if (!equal) break;
    }
    if (i >= vlen || i >= wlen) Py_RETURN_RICHCOMPARE(vlen, wlen, op);
    if (op == Py_EQ) Py_RETURN_FALSE;
    if (op == Py_NE) Py_RETURN_TRUE;
    return PyObject_RichCompare(PyTuple_GET_ITEM(v, i), PyTuple_GET_ITEM(w, i), op);
}

int tuple_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    for (Py_ssize_t i = Py_SIZE(self); --i >= 0;) Py_VISIT(PyTuple_GET_ITEM(self, i));
    return 0;
}

// --- sequence and mapping protocols ---------------------------------------------------------

Py_ssize_t tuple_length(PyObject *self) noexcept {
    return Py_SIZE(self);
}

int tuple_contains(PyObject *self, PyObject *value) noexcept {
    int found = 0;
    for (Py_ssize_t i = 0; found == 0 && i < Py_SIZE(self); i++)
        found = PyObject_RichCompareBool(PyTuple_GET_ITEM(self, i), value, Py_EQ);
    return found;
}

PyObject *tuple_item(PyObject *self, Py_ssize_t i) noexcept {
    if (i < 0 || i >= Py_SIZE(self)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return nullptr;
    }
    return Py_NewRef(PyTuple_GET_ITEM(self, i));
}

PyObject *tuple_concat(PyObject *a, PyObject *b) noexcept {
    if (!PyTuple_Check(b)) {
        return PyErr_Format(PyExc_TypeError, "can only concatenate tuple (not \"%.200s\") to tuple",
                            Py_TYPE(b)->tp_name);
    }
    // Concatenating with () gives back the other operand when it is an exact tuple.
    if (Py_SIZE(b) == 0 && PyTuple_CheckExact(a)) return Py_NewRef(a);
    if (Py_SIZE(a) == 0 && PyTuple_CheckExact(b)) return Py_NewRef(b);
    const Py_ssize_t alen = Py_SIZE(a);
    const Py_ssize_t blen = Py_SIZE(b);
    if (alen > PY_SSIZE_T_MAX - blen) return PyErr_NoMemory();
    PyObject *result = PyTuple_New(alen + blen);
    if (result == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < alen; i++)
        PyTuple_SET_ITEM(result, i, Py_NewRef(PyTuple_GET_ITEM(a, i)));
    for (Py_ssize_t i = 0; i < blen; i++)
        PyTuple_SET_ITEM(result, alen + i, Py_NewRef(PyTuple_GET_ITEM(b, i)));
    return result;
}

PyObject *tuple_repeat(PyObject *self, Py_ssize_t n) noexcept {
    const Py_ssize_t size = Py_SIZE(self);
    if ((size == 0 || n == 1) && PyTuple_CheckExact(self)) return Py_NewRef(self);
    if (size == 0 || n <= 0) return PyTuple_New(0);
    if (n > PY_SSIZE_T_MAX / size) return PyErr_NoMemory();
    PyObject *result = PyTuple_New(size * n);
    if (result == nullptr) return nullptr;
    PyObject **dest = as_tuple(result)->ob_item;
    for (Py_ssize_t copy = 0; copy < n; copy++) {
        for (Py_ssize_t i = 0; i < size; i++) *dest++ = Py_NewRef(PyTuple_GET_ITEM(self, i));
    }
    return result;
}

PyObject *tuple_subscript(PyObject *self, PyObject *item) noexcept {
    using minipy::runtime::Subscript;
    Py_ssize_t index = 0;
    minipy::runtime::SliceSpec slice{};
    switch (minipy::runtime::classify_subscript(item, Py_SIZE(self), "tuple", &index, &slice)) {
    case Subscript::error: return nullptr;
    case Subscript::index:
        if (index < 0) index += Py_SIZE(self);
        return tuple_item(self, index);
    case Subscript::slice: break;
    }
    if (slice.length <= 0) return PyTuple_New(0);
    if (slice.step == 1) {
        if (slice.start == 0 && slice.length == Py_SIZE(self) && PyTuple_CheckExact(self))
            return Py_NewRef(self);
        return tuple_from_array(&as_tuple(self)->ob_item[slice.start], slice.length);
    }
    PyObject *result = PyTuple_New(slice.length);
    if (result == nullptr) return nullptr;
    // start + i * step is an index for every selected i (no running index: stepping past the
    // last one could overflow for a huge step).
    for (Py_ssize_t i = 0; i < slice.length; i++)
        PyTuple_SET_ITEM(result, i,
                         Py_NewRef(PyTuple_GET_ITEM(self, slice.start + i * slice.step)));
    return result;
}

PySequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .was_sq_slice = nullptr,
    .sq_ass_item = nullptr,
    .was_sq_ass_slice = nullptr,
    .sq_contains = tuple_contains,
    .sq_inplace_concat = nullptr,
    .sq_inplace_repeat = nullptr,
};

PyMappingMethods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
    .mp_ass_subscript = nullptr,
};

// --- methods --------------------------------------------------------------------------------

// index(value, start=0, stop=sys.maxsize, /)
PyObject *tuple_index(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    PyObject *value = nullptr;
    Py_ssize_t start = 0;
    Py_ssize_t stop = 0;
    if (!minipy::runtime::parse_index_arguments(args, nargs, Py_SIZE(self), &value, &start, &stop))
        return nullptr;
    for (Py_ssize_t i = start; i < stop && i < Py_SIZE(self); i++) {
        const int equal = PyObject_RichCompareBool(PyTuple_GET_ITEM(self, i), value, Py_EQ);
        if (equal > 0) return PyLong_FromSsize_t(i);
        if (equal < 0) return nullptr;
    }
    PyErr_SetString(PyExc_ValueError, "tuple.index(x): x not in tuple");
    return nullptr;
}

PyObject *tuple_count(PyObject *self, PyObject *value) noexcept {
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); i++) {
        const int equal = PyObject_RichCompareBool(PyTuple_GET_ITEM(self, i), value, Py_EQ);
        if (equal < 0) return nullptr;
        count += equal;
    }
    return PyLong_FromSsize_t(count);
}

// (t,): the tuple itself when it is an exact tuple (CPython's tupleslice of the whole), a
// copy of a subclass instance.
PyObject *tuple_getnewargs(PyObject *self, PyObject *) noexcept {
    PyObject *items = PyTuple_CheckExact(self)
                          ? Py_NewRef(self)
                          : tuple_from_array(as_tuple(self)->ob_item, Py_SIZE(self));
    if (items == nullptr) return nullptr;
    PyObject *result = PyTuple_Pack(1, items);
    Py_DECREF(items);
    return result;
}

PyMethodDef tuple_methods[] = {
    {"__getnewargs__", tuple_getnewargs, METH_NOARGS, nullptr},
    {"index", _PyCFunction_CAST(tuple_index), METH_FASTCALL,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", tuple_count, METH_O, "Return number of occurrences of value."},
    {nullptr, nullptr, 0, nullptr},
};

// --- tuple() --------------------------------------------------------------------------------

// A subclass instance: the items of tuple(iterable) copied into tp_alloc's object.
PyObject *tuple_subtype_new(PyTypeObject *type, PyObject *iterable) noexcept {
    PyObject *items =
        iterable == nullptr ? PyTuple_New(0) : minipy::runtime::tuple_from_iterable(iterable);
    if (items == nullptr) return nullptr;
    const Py_ssize_t n = Py_SIZE(items);
    PyObject *made = type->tp_alloc(type, n);
    if (made != nullptr) {
        for (Py_ssize_t i = 0; i < n; i++)
            PyTuple_SET_ITEM(made, i, Py_NewRef(PyTuple_GET_ITEM(items, i)));
    }
    Py_DECREF(items);
    return made;
}

PyObject *tuple_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    namespace args_ = minipy::runtime::args;
    if ((type == &PyTuple_Type || type->tp_init == PyTuple_Type.tp_init) &&
        !args_::no_keywords("tuple", kwds))
        return nullptr;
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (!args_::check_positional("tuple", nargs, 0, 1)) return nullptr;
    PyObject *iterable = nargs == 1 ? PyTuple_GET_ITEM(args, 0) : nullptr;
    if (type != &PyTuple_Type) return tuple_subtype_new(type, iterable);
    if (iterable == nullptr) return PyTuple_New(0);
    return minipy::runtime::tuple_from_iterable(iterable);
}

// --- the iterator ---------------------------------------------------------------------------

// minipy/tupleobject.h has the layout (the eval loop's FOR_ITER_TUPLE reads it); it_seq is
// NULL once exhausted, so the tuple is released as early as possible.
using TupleIterObject = _PyTupleIterObject;

PyObject *tuple_iter(PyObject *self) noexcept {
    TupleIterObject *it = PyObject_GC_New(TupleIterObject, &PyTupleIter_Type);
    if (it == nullptr) return nullptr;
    it->it_index = 0;
    it->it_seq = reinterpret_cast<PyTupleObject *>(Py_NewRef(self));
    PyObject_GC_Track(it);
    return reinterpret_cast<PyObject *>(it);
}

void tupleiter_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(reinterpret_cast<TupleIterObject *>(self)->it_seq);
    PyObject_GC_Del(self);
}

int tupleiter_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<TupleIterObject *>(self)->it_seq);
    return 0;
}

PyObject *tupleiter_next(PyObject *self) noexcept {
    auto *it = reinterpret_cast<TupleIterObject *>(self);
    if (it->it_seq == nullptr) return nullptr;
    if (it->it_index < Py_SIZE(it->it_seq))
        return Py_NewRef(PyTuple_GET_ITEM(it->it_seq, it->it_index++));
    Py_CLEAR(it->it_seq);
    return nullptr;
}

PyObject *tupleiter_length_hint(PyObject *self, PyObject *) noexcept {
    auto *it = reinterpret_cast<TupleIterObject *>(self);
    return PyLong_FromSsize_t(it->it_seq == nullptr ? 0 : Py_SIZE(it->it_seq) - it->it_index);
}

PyMethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

namespace minipy::runtime {

PyObject *join_reprs(PyObject *reprs, const char *open, const char *close, bool one_tail) noexcept {
    PyObject *separator = PyUnicode_FromString(", ");
    if (separator == nullptr) return nullptr;
    PyObject *body = PyUnicode_Join(separator, reprs);
    Py_DECREF(separator);
    if (body == nullptr) return nullptr;
    const bool tail = one_tail && Py_SIZE(reprs) == 1;  // reprs is a list or a tuple
    PyObject *result = PyUnicode_FromFormat("%s%U%s%s", open, body, tail ? "," : "", close);
    Py_DECREF(body);
    return result;
}

PyObject *tuple_from_iterable(PyObject *iterable) noexcept {
    if (PyTuple_CheckExact(iterable)) return Py_NewRef(iterable);
    if (PyList_CheckExact(iterable)) return PyList_AsTuple(iterable);
    PyObject *iterator = PyObject_GetIter(iterable);
    if (iterator == nullptr) return nullptr;
    PyObject *items = PyList_New(0);
    if (items == nullptr) {
        Py_DECREF(iterator);
        return nullptr;
    }
    while (PyObject *item = PyIter_Next(iterator)) {
        const int appended = PyList_Append(items, item);
        Py_DECREF(item);
        if (appended < 0) break;
    }
    Py_DECREF(iterator);
    PyObject *result = PyErr_Occurred() ? nullptr : PyList_AsTuple(items);
    Py_DECREF(items);
    return result;
}

}  // namespace minipy::runtime

extern "C" {

PyTypeObject PyTuple_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "tuple",
    .tp_basicsize = sizeof(PyTupleObject) - sizeof(PyObject *),
    .tp_itemsize = sizeof(PyObject *),
    .tp_dealloc = minipy::runtime::tuple_dealloc,
    .tp_repr = tuple_repr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = tuple_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TUPLE_SUBCLASS,
    .tp_doc =
        "Built-in immutable sequence.\n\n"
        "If no argument is given, the constructor returns an empty tuple.\n"
        "If iterable is specified the tuple is initialized from iterable's items.\n\n"
        "If the argument is a tuple, the return value is the same object.",
    .tp_traverse = tuple_traverse,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_new = tuple_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyTupleIter_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(TupleIterObject),
    .tp_dealloc = tupleiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tupleiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = tupleiter_next,
    .tp_methods = tupleiter_methods,
};

}  // extern "C"
