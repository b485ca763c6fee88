// Lists: the item vector and its growth, the free list of list objects, the operations
// everything else is built from (resize, slice, slice assignment, extend), and the C API of
// listobject.h. The type's slots are in list_type.cpp, its methods in list_methods.cpp, sorting
// in list_sort.cpp.
//
// Growth (CPython 3.11's list_resize): a resize to n that stays within [allocated/2,
// allocated] only changes ob_size. Otherwise the vector is reallocated to
//     (n + n/8 + 6) & ~3   slots,   or (n + 3) & ~3 when the jump from the old size is
// larger than that over-allocation (one big extend should not over-allocate), or 0 for n == 0.
// Appending one at a time from empty therefore allocates 4, 8, 16, 24, 32, 40, 52, 64, 76...
//
// Free list: dealloc keeps up to 80 exact list objects (their vectors freed) when
// use_freelists(); PyList_New takes from it. list_fini frees them.
#include <cstring>

#include "check/freelist_check.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"
#include "objects/freelist_settings.hpp"
#include "objects/list/list_internal.hpp"
#include "recursion/trashcan.hpp"

namespace {

using minipy::runtime::as_list;

constexpr int kListFreelistDepth = 80;  // CPython 3.11's PyList_MAXFREELIST

struct ListFreelist {
    PyListObject *items[kListFreelistDepth];
    int count;
};
constinit ListFreelist g_freelist{};

bool valid_list(PyObject *op) noexcept {
    if (op != nullptr && PyList_Check(op)) return true;
    PyErr_BadInternalCall();
    return false;
}

// A fresh vector for a list that has none (list(x), the first extend): room for `size` items
// rounded up to even, since the allocator's 16-byte granularity makes the odd slot free
// (CPython 3.11's list_preallocate_exact). -1 + MemoryError.
int preallocate_exact(PyListObject *self, Py_ssize_t size) noexcept {
    if (static_cast<size_t>(size) < static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(PyObject *)) {
        size = (size + 1) & ~Py_ssize_t{1};
        self->ob_item =
            static_cast<PyObject **>(PyMem_Malloc(static_cast<size_t>(size) * sizeof(PyObject *)));
    }
    if (self->ob_item == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    self->allocated = size;
    return 0;
}

// Appending to a full vector: the slow half of PyList_Append.
[[gnu::noinline]] int append_with_resize(PyListObject *self, PyObject *item) noexcept {
    const Py_ssize_t n = Py_SIZE(self);
    if (minipy::runtime::list_resize(self, n + 1) < 0) return -1;
    self->ob_item[n] = item;
    return 0;
}

}  // namespace

namespace minipy::runtime {

int list_resize(PyListObject *self, Py_ssize_t newsize) noexcept {
    const Py_ssize_t allocated = self->allocated;
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        Py_SET_SIZE(self, newsize);
        return 0;
    }
    size_t new_allocated =
        (static_cast<size_t>(newsize) + static_cast<size_t>(newsize >> 3) + 6) & ~size_t{3};
    if (newsize - Py_SIZE(self) >
        static_cast<Py_ssize_t>(new_allocated - static_cast<size_t>(newsize)))
        new_allocated = (static_cast<size_t>(newsize) + 3) & ~size_t{3};
    if (newsize == 0) new_allocated = 0;
    PyObject **items = nullptr;
    if (new_allocated <= static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(PyObject *)) {
        items = static_cast<PyObject **>(
            PyMem_Realloc(self->ob_item, new_allocated * sizeof(PyObject *)));
    }
    if (items == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    Py_SET_SIZE(self, newsize);
    self->allocated = static_cast<Py_ssize_t>(new_allocated);
    return 0;
}

PyObject *list_new_prealloc(Py_ssize_t size) noexcept {
    PyObject *op = PyList_New(0);
    if (op == nullptr || size == 0) return op;
    PyListObject *list = as_list(op);
    if (static_cast<size_t>(size) > static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(PyObject *) ||
        (list->ob_item = static_cast<PyObject **>(
             PyMem_Malloc(static_cast<size_t>(size) * sizeof(PyObject *)))) == nullptr) {
        Py_DECREF(op);
        return PyErr_NoMemory();
    }
    list->allocated = size;
    return op;
}

void list_clear_items(PyListObject *self) noexcept {
    PyObject **items = self->ob_item;
    if (items == nullptr) return;
    Py_ssize_t i = Py_SIZE(self);
    Py_SET_SIZE(self, 0);
    self->ob_item = nullptr;
    self->allocated = 0;
    while (--i >= 0) Py_XDECREF(items[i]);
    PyMem_Free(items);
}

void list_dealloc(PyObject *self) noexcept {
    PyListObject *op = as_list(self);
    PyObject_GC_UnTrack(self);
    Trashcan trashcan(self, list_dealloc);
    if (trashcan.put_aside()) return;  // destroyed when the outer deallocation ends
    if (op->ob_item != nullptr) {
        for (Py_ssize_t i = Py_SIZE(op); --i >= 0;) Py_XDECREF(op->ob_item[i]);
        PyMem_Free(op->ob_item);
        op->ob_item = nullptr;
    }
    if (use_freelists() && g_freelist.count < kListFreelistDepth && PyList_CheckExact(self)) {
        g_freelist.items[g_freelist.count++] = op;
        MINIPY_ASSERT_EXPENSIVE(list_freelist_is_valid());
    } else {
        Py_TYPE(self)->tp_free(self);
    }
}

bool list_freelist_is_valid() noexcept {
    const check::Subject s{"list_freelist_is_valid", "list free list", nullptr};
    check::freelist_array_is_valid(s, reinterpret_cast<void *const *>(g_freelist.items),
                                   g_freelist.count, kListFreelistDepth);
    for (int i = 0; i < g_freelist.count; ++i) {
        PyListObject *op = g_freelist.items[i];
        check::freelist_entry_is_dead(s, i, reinterpret_cast<PyObject *>(op), &PyList_Type, true);
        s.require(op->ob_item == nullptr,
                  {"an entry has no item vector (entry ", i, " at ", static_cast<const void *>(op),
                   " has ", static_cast<const void *>(op->ob_item), ")"});
    }
    return true;
}

PyObject *list_slice(PyListObject *self, Py_ssize_t low, Py_ssize_t high) noexcept {
    const Py_ssize_t n = high - low;
    if (n <= 0) return PyList_New(0);
    PyObject *result = list_new_prealloc(n);
    if (result == nullptr) return nullptr;
    PyObject **dest = as_list(result)->ob_item;
    for (Py_ssize_t i = 0; i < n; i++) dest[i] = Py_NewRef(self->ob_item[low + i]);
    Py_SET_SIZE(result, n);
    return result;
}

PyObject *sequence_fast(PyObject *v, const char *message) noexcept {
    if (PyList_CheckExact(v) || PyTuple_CheckExact(v)) return Py_NewRef(v);
    PyObject *iterator = PyObject_GetIter(v);
    if (iterator == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) PyErr_SetString(PyExc_TypeError, message);
        return nullptr;
    }
    PyObject *result = PyList_New(0);
    if (result != nullptr) {
        PyObject *none = list_extend(as_list(result), iterator);
        if (none == nullptr)
            Py_CLEAR(result);
        else
            Py_DECREF(none);
    }
    Py_DECREF(iterator);
    return result;
}

// Replaces self[low:high] by the items of v in place: the items being removed are saved
// first (on the stack when few), the tail is moved, the new items are stored, and only then
// are the old ones released, because their destructors may run arbitrary code on the list.
int list_ass_slice(PyListObject *self, Py_ssize_t low, Py_ssize_t high, PyObject *v) noexcept {
    if (v == reinterpret_cast<PyObject *>(self)) {
        // a[i:j] = a: take a copy first, since the items move under us.
        PyObject *copy = list_slice(self, 0, Py_SIZE(self));
        if (copy == nullptr) return -1;
        const int result = list_ass_slice(self, low, high, copy);
        Py_DECREF(copy);
        return result;
    }
    PyObject *seq = nullptr;
    Py_ssize_t n = 0;
    PyObject **vitems = nullptr;
    if (v != nullptr) {
        seq = sequence_fast(v, "can only assign an iterable");
        if (seq == nullptr) return -1;
        n = Py_SIZE(seq);
        vitems = fast_items(seq);
    }
    const Py_ssize_t size = Py_SIZE(self);
    low = low < 0 ? 0 : (low > size ? size : low);
    high = high < low ? low : (high > size ? size : high);
    const Py_ssize_t norig = high - low;
    const Py_ssize_t delta = n - norig;
    if (size + delta == 0) {
        Py_XDECREF(seq);
        list_clear_items(self);
        return 0;
    }
    PyObject *recycle_on_stack[8];
    PyObject **recycle = recycle_on_stack;
    const size_t recycle_bytes = static_cast<size_t>(norig) * sizeof(PyObject *);
    int result = -1;
    if (recycle_bytes > sizeof(recycle_on_stack)) {
        recycle = static_cast<PyObject **>(PyMem_Malloc(recycle_bytes));
        if (recycle == nullptr) {
            PyErr_NoMemory();
            Py_XDECREF(seq);
            return -1;
        }
    }
    if (recycle_bytes != 0) std::memcpy(recycle, &self->ob_item[low], recycle_bytes);

    PyObject **items = self->ob_item;
    if (delta < 0) {
        const size_t tail = static_cast<size_t>(size - high) * sizeof(PyObject *);
        std::memmove(&items[high + delta], &items[high], tail);
        if (list_resize(self, size + delta) < 0) {
            // Undo the move: the list is back as it was.
            std::memmove(&items[high], &items[high + delta], tail);
            std::memcpy(&items[low], recycle, recycle_bytes);
            goto done;
        }
        items = self->ob_item;
    } else if (delta > 0) {
        if (list_resize(self, size + delta) < 0) goto done;
        items = self->ob_item;
        std::memmove(&items[high + delta], &items[high],
                     static_cast<size_t>(size - high) * sizeof(PyObject *));
    }
    for (Py_ssize_t k = 0; k < n; k++) items[low + k] = Py_NewRef(vitems[k]);
    for (Py_ssize_t k = norig - 1; k >= 0; --k) Py_XDECREF(recycle[k]);
    result = 0;
done:
    if (recycle != recycle_on_stack) PyMem_Free(recycle);
    Py_XDECREF(seq);
    return result;
}

int list_append_take(PyListObject *self, PyObject *item) noexcept {
    const Py_ssize_t n = Py_SIZE(self);
    if (n < self->allocated) {
        self->ob_item[n] = item;
        Py_SET_SIZE(self, n + 1);
        return 0;
    }
    if (append_with_resize(self, item) < 0) {
        Py_DECREF(item);
        return -1;
    }
    return 0;
}

PyObject *list_extend(PyListObject *self, PyObject *iterable) noexcept {
    if (PyList_CheckExact(iterable) || PyTuple_CheckExact(iterable) ||
        iterable == reinterpret_cast<PyObject *>(self)) {
        // Sizes known: one resize, to exactly the sum (list_resize decides the slack).
        const Py_ssize_t n = Py_SIZE(iterable);
        if (n == 0) Py_RETURN_NONE;
        const Py_ssize_t m = Py_SIZE(self);
        if (self->ob_item == nullptr) {
            if (preallocate_exact(self, n) < 0) return nullptr;
            Py_SET_SIZE(self, n);
        } else if (list_resize(self, m + n) < 0) {
            return nullptr;
        }
        // Read the source after the resize: for a.extend(a) the vector may have moved.
        PyObject **src = fast_items(iterable);
        for (Py_ssize_t i = 0; i < n; i++) self->ob_item[m + i] = Py_NewRef(src[i]);
        Py_RETURN_NONE;
    }
    PyObject *iterator = PyObject_GetIter(iterable);
    if (iterator == nullptr) return nullptr;
    iternextfunc next = Py_TYPE(iterator)->tp_iternext;
    // Room for what the iterable says it holds (8 when it cannot tell), trimmed at the end.
    const Py_ssize_t hint = PyObject_LengthHint(iterable, 8);
    if (hint < 0) {
        Py_DECREF(iterator);
        return nullptr;
    }
    const Py_ssize_t m = Py_SIZE(self);
    if (m <= PY_SSIZE_T_MAX - hint) {
        if (self->ob_item == nullptr) {
            if (hint > 0 && preallocate_exact(self, hint) < 0) {
                Py_DECREF(iterator);
                return nullptr;
            }
        } else {
            if (list_resize(self, m + hint) < 0) {
                Py_DECREF(iterator);
                return nullptr;
            }
            Py_SET_SIZE(self, m);
        }
    }
    for (;;) {
        PyObject *item = next(iterator);
        if (item == nullptr) {
            if (PyErr_Occurred()) {
                if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
                    Py_DECREF(iterator);
                    return nullptr;
                }
                PyErr_Clear();
            }
            break;
        }
        if (list_append_take(self, item) < 0) {
            Py_DECREF(iterator);
            return nullptr;
        }
    }
    Py_DECREF(iterator);
    if (Py_SIZE(self) < self->allocated && list_resize(self, Py_SIZE(self)) < 0) return nullptr;
    Py_RETURN_NONE;
}

int list_init() noexcept {
    g_freelist = ListFreelist{};
    if (PyType_Ready(&PyList_Type) < 0) return -1;
    if (PyType_Ready(&PyListIter_Type) < 0) return -1;
    return PyType_Ready(&PyListRevIter_Type);
}

void list_fini() noexcept {
    while (g_freelist.count > 0) PyObject_GC_Del(g_freelist.items[--g_freelist.count]);
}

}  // namespace minipy::runtime

// --- The C API ------------------------------------------------------------------------------

using minipy::runtime::list_resize;

extern "C" PyObject *PyList_New(Py_ssize_t size) noexcept {
    if (size < 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    PyListObject *op = nullptr;
    if (g_freelist.count > 0) {
        MINIPY_ASSERT_EXPENSIVE(minipy::runtime::list_freelist_is_valid());
        op = g_freelist.items[--g_freelist.count];
        _Py_NewReference(reinterpret_cast<PyObject *>(op));
    } else {
        op = PyObject_GC_New(PyListObject, &PyList_Type);
        if (op == nullptr) return nullptr;
    }
    op->ob_item = nullptr;
    op->allocated = 0;
    Py_SET_SIZE(op, 0);
    if (size > 0) {
        if (static_cast<size_t>(size) <= static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(PyObject *))
            op->ob_item = static_cast<PyObject **>(
                PyMem_Calloc(static_cast<size_t>(size), sizeof(PyObject *)));
        if (op->ob_item == nullptr) {
            Py_DECREF(op);
            return PyErr_NoMemory();
        }
        op->allocated = size;
        Py_SET_SIZE(op, size);
    }
    PyObject_GC_Track(op);
    return reinterpret_cast<PyObject *>(op);
}

extern "C" Py_ssize_t PyList_Size(PyObject *list) noexcept {
    return valid_list(list) ? Py_SIZE(list) : -1;
}

extern "C" PyObject *PyList_GetItem(PyObject *list, Py_ssize_t index) noexcept {
    if (!valid_list(list)) return nullptr;
    if (index < 0 || index >= Py_SIZE(list)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return nullptr;
    }
    return PyList_GET_ITEM(list, index);
}

extern "C" int PyList_SetItem(PyObject *list, Py_ssize_t index, PyObject *item) noexcept {
    if (!valid_list(list)) {
        Py_XDECREF(item);
        return -1;
    }
    if (index < 0 || index >= Py_SIZE(list)) {
        Py_XDECREF(item);
        PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
        return -1;
    }
    Py_XSETREF(as_list(list)->ob_item[index], item);
    return 0;
}

extern "C" int PyList_Insert(PyObject *list, Py_ssize_t where, PyObject *item) noexcept {
    if (!valid_list(list) || item == nullptr) {
        if (item == nullptr) PyErr_BadInternalCall();
        return -1;
    }
    PyListObject *self = as_list(list);
    const Py_ssize_t n = Py_SIZE(self);
    if (list_resize(self, n + 1) < 0) return -1;
    if (where < 0) {
        where += n;
        if (where < 0) where = 0;
    }
    if (where > n) where = n;
    PyObject **items = self->ob_item;
    for (Py_ssize_t i = n; --i >= where;) items[i + 1] = items[i];
    items[where] = Py_NewRef(item);
    return 0;
}

extern "C" int PyList_Append(PyObject *list, PyObject *item) noexcept {
    if (!valid_list(list) || item == nullptr) {
        if (item == nullptr) PyErr_BadInternalCall();
        return -1;
    }
    PyListObject *self = as_list(list);
    const Py_ssize_t n = Py_SIZE(self);
    if (n < self->allocated) {
        self->ob_item[n] = Py_NewRef(item);
        Py_SET_SIZE(self, n + 1);
        return 0;
    }
    if (append_with_resize(self, item) < 0) return -1;
    Py_INCREF(item);
    return 0;
}

extern "C" PyObject *PyList_GetSlice(PyObject *list, Py_ssize_t low, Py_ssize_t high) noexcept {
    if (!valid_list(list)) return nullptr;
    const Py_ssize_t size = Py_SIZE(list);
    low = low < 0 ? 0 : (low > size ? size : low);
    high = high < low ? low : (high > size ? size : high);
    return minipy::runtime::list_slice(as_list(list), low, high);
}

extern "C" int PyList_SetSlice(PyObject *list, Py_ssize_t low, Py_ssize_t high,
                               PyObject *itemlist) noexcept {
    if (!valid_list(list)) return -1;
    return minipy::runtime::list_ass_slice(as_list(list), low, high, itemlist);
}

extern "C" int PyList_Sort(PyObject *list) noexcept {
    if (!valid_list(list)) return -1;
    PyObject *result = minipy::runtime::list_sort_impl(as_list(list), nullptr, false);
    if (result == nullptr) return -1;
    Py_DECREF(result);
    return 0;
}

extern "C" int PyList_Reverse(PyObject *list) noexcept {
    if (!valid_list(list)) return -1;
    PyObject **items = as_list(list)->ob_item;
    for (Py_ssize_t lo = 0, hi = Py_SIZE(list) - 1; lo < hi; lo++, hi--) {
        PyObject *t = items[lo];
        items[lo] = items[hi];
        items[hi] = t;
    }
    return 0;
}

extern "C" PyObject *PyList_AsTuple(PyObject *list) noexcept {
    if (!valid_list(list)) return nullptr;
    const Py_ssize_t n = Py_SIZE(list);
    PyObject *result = PyTuple_New(n);
    if (result == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; i++)
        PyTuple_SET_ITEM(result, i, Py_NewRef(PyList_GET_ITEM(list, i)));
    return result;
}

extern "C" PyObject *_PyList_Extend(PyListObject *list, PyObject *iterable) noexcept {
    return minipy::runtime::list_extend(list, iterable);
}
