// Tuples: how they are made, filled, resized and freed, the per-size free lists and the
// empty singleton, and the C API of tupleobject.h. The type object, its slots and the tuple
// iterator are in tuple_type.cpp.
//
// Life of a tuple (CPython 3.11's rules):
//   1. PyTuple_New(n) takes a block from the free list of size n, or a fresh GC block, sets
//      every item to NULL and tracks the tuple (NULL items are legal while it is filled).
//   2. The creator fills it with PyTuple_SET_ITEM / PyTuple_SetItem (refcount 1 only).
//   3. At refcount 0 tuple_dealloc untracks it, releases the items, and either pushes the
//      block on the free list of its size (exact tuples of 1..19 items, at most 2000 per
//      size, only when use_freelists()) or frees it.
// The free lists are singly linked through ob_item[0]; their blocks keep ob_size, so a pop
// needs no header work beyond the reference count. tuple_fini frees every block on them.
//
// The empty tuple is one static object, never freed: PyTuple_New(0) returns it and no
// empty exact tuple is ever allocated, so `()` is `()` everywhere.
#include <cstdarg>
#include <cstdint>
#include <cstring>

#include "check/freelist_check.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"
#include "objects/freelist_settings.hpp"
#include "objects/tuple/tuple_internal.hpp"
#include "recursion/trashcan.hpp"

namespace {

// CPython 3.11: PyTuple_MAXSAVESIZE (sizes below it have a free list) and PyTuple_MAXFREELIST.
constexpr Py_ssize_t kFreelistSizes = 20;
constexpr Py_ssize_t kFreelistDepth = 2000;

struct TupleFreelists {
    PyTupleObject *head[kFreelistSizes - 1];  // head[size - 1]
    Py_ssize_t count[kFreelistSizes - 1];
};
constinit TupleFreelists g_freelists{};

// The empty tuple, laid out behind a GC header that says "untracked" (the core's convention
// for static GC objects), so that GC_IsTracked and UnTrack work on it like on any tuple.
struct StaticEmptyTuple {
    uintptr_t gc_next;
    uintptr_t gc_prev;
    PyTupleObject tuple;
};
constinit StaticEmptyTuple g_empty{0, 0, {{{1, &PyTuple_Type}, 0}, {nullptr}}};

inline PyObject *empty() noexcept {
    return reinterpret_cast<PyObject *>(&g_empty.tuple);
}

PyTupleObject *freelist_pop(Py_ssize_t size) noexcept {
    if (size >= kFreelistSizes) return nullptr;
    PyTupleObject *op = g_freelists.head[size - 1];
    if (op == nullptr) return nullptr;
    MINIPY_ASSERT_EXPENSIVE(minipy::runtime::tuple_freelist_is_valid(size));
    g_freelists.head[size - 1] = reinterpret_cast<PyTupleObject *>(op->ob_item[0]);
    g_freelists.count[size - 1]--;
    _Py_NewReference(reinterpret_cast<PyObject *>(op));
    return op;
}

bool freelist_push(PyTupleObject *op) noexcept {
    const Py_ssize_t size = Py_SIZE(op);
    if (size == 0 || size >= kFreelistSizes || !PyTuple_CheckExact(op)) return false;
    if (!minipy::runtime::use_freelists() || g_freelists.count[size - 1] >= kFreelistDepth)
        return false;
    op->ob_item[0] = reinterpret_cast<PyObject *>(g_freelists.head[size - 1]);
    g_freelists.head[size - 1] = op;
    g_freelists.count[size - 1]++;
    MINIPY_ASSERT_EXPENSIVE(minipy::runtime::tuple_freelist_is_valid(size));
    return true;
}

// An untracked exact tuple of `size` (> 0) items whose slots the caller must fill before
// tracking it; NULL + MemoryError.
PyTupleObject *tuple_alloc(Py_ssize_t size) noexcept {
    if (PyTupleObject *op = freelist_pop(size)) return op;
    // The size check keeps basicsize + size * itemsize from overflowing.
    if (size > (PY_SSIZE_T_MAX - static_cast<Py_ssize_t>(sizeof(PyTupleObject))) /
                   static_cast<Py_ssize_t>(sizeof(PyObject *))) {
        return reinterpret_cast<PyTupleObject *>(PyErr_NoMemory());
    }
    return PyObject_GC_NewVar(PyTupleObject, &PyTuple_Type, size);
}

}  // namespace

namespace minipy::runtime {

PyObject *empty_tuple() noexcept {
    return empty();
}

void tuple_dealloc(PyObject *self) noexcept {
    auto *op = reinterpret_cast<PyTupleObject *>(self);
    if (self == empty()) {
        // Only an unbalanced Py_DECREF can get here: the singleton is never released.
        Py_FatalError("deallocating the empty tuple singleton");
    }
    PyObject_GC_UnTrack(self);
    Trashcan trashcan(self, tuple_dealloc);
    if (trashcan.put_aside()) return;  // destroyed when the outer deallocation ends
    for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) Py_XDECREF(op->ob_item[i]);
    if (!freelist_push(op)) Py_TYPE(self)->tp_free(self);
}

PyObject *tuple_from_array(PyObject *const *items, Py_ssize_t n) noexcept {
    if (n == 0) return Py_NewRef(empty());
    PyTupleObject *op = tuple_alloc(n);
    if (op == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; i++) op->ob_item[i] = Py_NewRef(items[i]);
    PyObject_GC_Track(op);
    return reinterpret_cast<PyObject *>(op);
}

PyObject *tuple_from_array_steal(PyObject *const *items, Py_ssize_t n) noexcept {
    if (n == 0) return Py_NewRef(empty());
    PyTupleObject *op = tuple_alloc(n);
    if (op == nullptr) {
        for (Py_ssize_t i = 0; i < n; i++) Py_DECREF(items[i]);
        return nullptr;
    }
    std::memcpy(op->ob_item, items, static_cast<size_t>(n) * sizeof(PyObject *));
    PyObject_GC_Track(op);
    return reinterpret_cast<PyObject *>(op);
}

bool tuple_freelist_is_valid(Py_ssize_t size) noexcept {
    const check::Subject s{"tuple_freelist_is_valid", "tuple free list", nullptr};
    s.require(size >= 1 && size < kFreelistSizes,
              {"free lists exist for sizes 1 to ", kFreelistSizes - 1, " (size ", size, ")"});
    const Py_ssize_t count = g_freelists.count[size - 1];
    s.require(count >= 0 && count <= kFreelistDepth,
              {"0 <= count <= ", kFreelistDepth, " (size ", size, ", count ", count, ")"});
    Py_ssize_t length = 0;
    for (PyTupleObject *op = g_freelists.head[size - 1]; op != nullptr;
         op = reinterpret_cast<PyTupleObject *>(op->ob_item[0]), ++length) {
        if (length == count)
            s.broken({"the chain is as long as the count (size ", size, ", count ", count,
                      ", the chain goes on: a block is on it twice, or the count is short)"});
        check::freelist_entry_is_dead(s, length, reinterpret_cast<PyObject *>(op), &PyTuple_Type,
                                      true);
        s.require(Py_SIZE(op) == size, {"every entry has the list's size (size ", size, ", entry ",
                                        length, " has ob_size ", Py_SIZE(op), ")"});
    }
    s.require(length == count, {"the chain is as long as the count (size ", size, ", count ", count,
                                ", chain ", length, ")"});
    return true;
}

int tuple_init() noexcept {
    // Runs before str and the exceptions exist: nothing here may raise.
    g_freelists = TupleFreelists{};
    if (PyType_Ready(&PyTuple_Type) < 0) return -1;
    return PyType_Ready(&PyTupleIter_Type);
}

void tuple_fini() noexcept {
    for (Py_ssize_t i = 0; i < kFreelistSizes - 1; i++) {
        PyTupleObject *op = g_freelists.head[i];
        while (op != nullptr) {
            auto *next = reinterpret_cast<PyTupleObject *>(op->ob_item[0]);
            PyObject_GC_Del(op);
            op = next;
        }
        g_freelists.head[i] = nullptr;
        g_freelists.count[i] = 0;
    }
}

}  // namespace minipy::runtime

// --- The C API ------------------------------------------------------------------------------

extern "C" PyObject *PyTuple_New(Py_ssize_t size) noexcept {
    if (size < 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (size == 0) return Py_NewRef(empty());
    PyTupleObject *op = tuple_alloc(size);
    if (op == nullptr) return nullptr;
    std::memset(op->ob_item, 0, static_cast<size_t>(size) * sizeof(PyObject *));
    PyObject_GC_Track(op);
    return reinterpret_cast<PyObject *>(op);
}

extern "C" Py_ssize_t PyTuple_Size(PyObject *p) noexcept {
    if (p == nullptr || !PyTuple_Check(p)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return Py_SIZE(p);
}

extern "C" PyObject *PyTuple_GetItem(PyObject *p, Py_ssize_t pos) noexcept {
    if (p == nullptr || !PyTuple_Check(p)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (pos < 0 || pos >= Py_SIZE(p)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return nullptr;
    }
    return PyTuple_GET_ITEM(p, pos);
}

extern "C" int PyTuple_SetItem(PyObject *p, Py_ssize_t pos, PyObject *item) noexcept {
    if (p == nullptr || !PyTuple_Check(p) || Py_REFCNT(p) != 1) {
        Py_XDECREF(item);
        PyErr_BadInternalCall();
        return -1;
    }
    if (pos < 0 || pos >= Py_SIZE(p)) {
        Py_XDECREF(item);
        PyErr_SetString(PyExc_IndexError, "tuple assignment index out of range");
        return -1;
    }
    PyObject **slot = &reinterpret_cast<PyTupleObject *>(p)->ob_item[pos];
    Py_XSETREF(*slot, item);
    return 0;
}

extern "C" PyObject *PyTuple_GetSlice(PyObject *p, Py_ssize_t low, Py_ssize_t high) noexcept {
    if (p == nullptr || !PyTuple_Check(p)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const Py_ssize_t size = Py_SIZE(p);
    if (low < 0) low = 0;
    if (high > size) high = size;
    if (high < low) high = low;
    if (low == 0 && high == size && PyTuple_CheckExact(p)) return Py_NewRef(p);
    return minipy::runtime::tuple_from_array(&reinterpret_cast<PyTupleObject *>(p)->ob_item[low],
                                             high - low);
}

extern "C" PyObject *PyTuple_Pack(Py_ssize_t n, ...) noexcept {
    if (n == 0) return Py_NewRef(empty());
    if (n < 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    PyTupleObject *op = tuple_alloc(n);
    if (op == nullptr) return nullptr;
    va_list args;
    va_start(args, n);
    for (Py_ssize_t i = 0; i < n; i++) op->ob_item[i] = Py_NewRef(va_arg(args, PyObject *));
    va_end(args);
    PyObject_GC_Track(op);
    return reinterpret_cast<PyObject *>(op);
}

// CPython's contract: only for a tuple the caller alone holds; on any failure the tuple is
// released and *p is NULL. The empty tuple is shared, so growing it makes a new tuple, and
// shrinking to 0 hands out the singleton.
extern "C" int _PyTuple_Resize(PyObject **p, Py_ssize_t newsize) noexcept {
    PyObject *v = *p;
    if (v == nullptr || !Py_IS_TYPE(v, &PyTuple_Type) || (Py_SIZE(v) != 0 && Py_REFCNT(v) != 1) ||
        newsize < 0) {
        *p = nullptr;
        Py_XDECREF(v);
        PyErr_BadInternalCall();
        return -1;
    }
    const Py_ssize_t oldsize = Py_SIZE(v);
    if (oldsize == newsize) return 0;
    if (newsize == 0) {
        Py_DECREF(v);
        *p = Py_NewRef(empty());
        return 0;
    }
    if (oldsize == 0) {
        Py_DECREF(v);
        *p = PyTuple_New(newsize);
        return *p == nullptr ? -1 : 0;
    }
    auto *op = reinterpret_cast<PyTupleObject *>(v);
    // The block may move: the collector must not hold it meanwhile.
    PyObject_GC_UnTrack(v);
    for (Py_ssize_t i = newsize; i < oldsize; i++) Py_CLEAR(op->ob_item[i]);
    PyTupleObject *resized = PyObject_GC_Resize(PyTupleObject, op, newsize);
    if (resized == nullptr) {
        // The old block is intact (its dropped items are NULL): release it whole, items too.
        *p = nullptr;
        Py_DECREF(v);
        return -1;
    }
    if (newsize > oldsize) {
        std::memset(&resized->ob_item[oldsize], 0,
                    static_cast<size_t>(newsize - oldsize) * sizeof(PyObject *));
    }
    Py_SET_SIZE(resized, newsize);
    *p = reinterpret_cast<PyObject *>(resized);
    PyObject_GC_Track(resized);
    return 0;
}
