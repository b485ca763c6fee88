// list.sort: a stable merge sort on `<` (PyObject_RichCompareBool(..., Py_LT)), with the
// protocol of CPython 3.11's list.sort around it. Not timsort: fewer lines, the same results
// for any consistent `<`, more comparisons on partly ordered data.
//
// The protocol (CPython's):
//   1. The list is emptied for the length of the sort (ob_item NULL, size 0, allocated -1), so
//      that a key function or __lt__ that changes the list cannot pull the vector away from
//      under the sort. Afterwards allocated != -1 means the list was changed: the items the
//      list gained meanwhile are dropped and ValueError "list modified during sort" is raised.
//   2. With key=, every key is computed first (a failure leaves the list as it was).
//   3. reverse=True reverses, sorts, reverses again: equal items keep their order.
//   4. A failing comparison stops the sort; the list holds all its items, in some order.
//
// The sort: insertion sort on runs of kRunLength, then bottom-up merges of neighbouring runs.
// A merge moves the left run into a scratch buffer and merges back into place, taking from
// the right only when right < left (stability). If a comparison fails mid-merge, the rest of
// the scratch run is copied back into the gap, which is exactly its size: nothing is lost.
#include <cstring>

#include "minipy/Python.h"
#include "objects/list/list_internal.hpp"

namespace {

constexpr Py_ssize_t kRunLength = 32;

// The items being sorted: keys decide the order; values (when there is a key function)
// move with them.
struct SortSlice {
    PyObject **keys;
    PyObject **values;  // NULL: the keys are the items
};

inline void move_item(SortSlice s, Py_ssize_t to, Py_ssize_t from) noexcept {
    s.keys[to] = s.keys[from];
    if (s.values != nullptr) s.values[to] = s.values[from];
}

// Sorts keys[lo..hi) in place, stably. -1 on a failed comparison (items intact).
int insertion_sort(SortSlice s, Py_ssize_t lo, Py_ssize_t hi) noexcept {
    for (Py_ssize_t i = lo + 1; i < hi; i++) {
        PyObject *key = s.keys[i];
        PyObject *value = s.values != nullptr ? s.values[i] : nullptr;
        Py_ssize_t j = i;
        while (j > lo) {
            const int less = PyObject_RichCompareBool(key, s.keys[j - 1], Py_LT);
            if (less < 0) {
                // Put the item being inserted into the hole before giving up.
                s.keys[j] = key;
                if (s.values != nullptr) s.values[j] = value;
                return -1;
            }
            if (!less) break;
            move_item(s, j, j - 1);
            j--;
        }
        s.keys[j] = key;
        if (s.values != nullptr) s.values[j] = value;
    }
    return 0;
}

// Merges the sorted runs [lo, mid) and [mid, hi) through the scratch buffers.
int merge_runs(SortSlice s, SortSlice scratch, Py_ssize_t lo, Py_ssize_t mid,
               Py_ssize_t hi) noexcept {
    // Already in order: the common case for presorted input costs one comparison.
    const int ordered = PyObject_RichCompareBool(s.keys[mid], s.keys[mid - 1], Py_LT);
    if (ordered < 0) return -1;
    if (!ordered) return 0;
    const Py_ssize_t left_len = mid - lo;
    std::memcpy(scratch.keys, &s.keys[lo], static_cast<size_t>(left_len) * sizeof(PyObject *));
    if (s.values != nullptr)
        std::memcpy(scratch.values, &s.values[lo],
                    static_cast<size_t>(left_len) * sizeof(PyObject *));
    Py_ssize_t i = 0;    // next in the scratch (left) run
    Py_ssize_t j = mid;  // next in the right run
    Py_ssize_t k = lo;   // next slot to fill
    int result = 0;
    while (i < left_len && j < hi) {
        const int take_right = PyObject_RichCompareBool(s.keys[j], scratch.keys[i], Py_LT);
        if (take_right < 0) {
            result = -1;
            break;
        }
        if (take_right) {
            move_item(s, k++, j++);
        } else {
            s.keys[k] = scratch.keys[i];
            if (s.values != nullptr) s.values[k] = scratch.values[i];
            k++;
            i++;
        }
    }
    // What is left of the left run fills the gap [k, j) exactly (k + left_len - i == j).
    const size_t rest = static_cast<size_t>(left_len - i) * sizeof(PyObject *);
    std::memcpy(&s.keys[k], &scratch.keys[i], rest);
    if (s.values != nullptr) std::memcpy(&s.values[k], &scratch.values[i], rest);
    return result;
}

// Sorts s[0..n); -1 with the exception set.
int merge_sort(SortSlice s, Py_ssize_t n) noexcept {
    for (Py_ssize_t lo = 0; lo < n; lo += kRunLength) {
        const Py_ssize_t hi = lo + kRunLength < n ? lo + kRunLength : n;
        if (insertion_sort(s, lo, hi) < 0) return -1;
    }
    if (n <= kRunLength) return 0;
    // The left run of a merge is one `width` long; the widest merge has the largest width
    // below n.
    Py_ssize_t scratch_len = kRunLength;
    while (scratch_len < n - scratch_len) scratch_len *= 2;
    const size_t per_array = static_cast<size_t>(scratch_len) * sizeof(PyObject *);
    auto **buffer =
        static_cast<PyObject **>(PyMem_Malloc(s.values != nullptr ? 2 * per_array : per_array));
    if (buffer == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    SortSlice scratch{buffer, s.values != nullptr ? buffer + scratch_len : nullptr};
    int result = 0;
    for (Py_ssize_t width = kRunLength; result == 0 && width < n; width *= 2) {
        for (Py_ssize_t lo = 0; lo + width < n; lo += 2 * width) {
            const Py_ssize_t mid = lo + width;
            const Py_ssize_t hi = mid + width < n ? mid + width : n;
            if ((result = merge_runs(s, scratch, lo, mid, hi)) < 0) break;
        }
    }
    PyMem_Free(buffer);
    return result;
}

void reverse_items(PyObject **lo, PyObject **hi) noexcept {
    for (--hi; lo < hi; lo++, hi--) {
        PyObject *t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

}  // namespace

namespace minipy::runtime {

PyObject *list_sort_impl(PyListObject *self, PyObject *keyfunc, bool reverse) noexcept {
    if (keyfunc == Py_None) keyfunc = nullptr;
    // 1. Take the items out of the list.
    const Py_ssize_t n = Py_SIZE(self);
    PyObject **items = self->ob_item;
    const Py_ssize_t saved_allocated = self->allocated;
    Py_SET_SIZE(self, 0);
    self->ob_item = nullptr;
    self->allocated = -1;

    PyObject *result = nullptr;
    PyObject **keys = nullptr;
    bool keys_ready = keyfunc == nullptr;
    // 2. The keys.
    if (keyfunc != nullptr && n > 0) {
        keys = static_cast<PyObject **>(PyMem_Malloc(static_cast<size_t>(n) * sizeof(PyObject *)));
        if (keys == nullptr) {
            PyErr_NoMemory();
        } else {
            Py_ssize_t i = 0;
            for (; i < n; i++) {
                keys[i] = PyObject_CallOneArg(keyfunc, items[i]);
                if (keys[i] == nullptr) break;
            }
            if (i < n) {
                while (--i >= 0) Py_DECREF(keys[i]);
                PyMem_Free(keys);
                keys = nullptr;
            } else {
                keys_ready = true;
            }
        }
    } else {
        keys_ready = true;
    }

    if (keys_ready) {
        // 3 and 4.
        if (reverse && n > 1) {
            if (keys != nullptr) reverse_items(keys, keys + n);
            reverse_items(items, items + n);
        }
        SortSlice slice = keys != nullptr ? SortSlice{keys, items} : SortSlice{items, nullptr};
        if (n < 2 || merge_sort(slice, n) == 0) result = Py_None;
        if (keys != nullptr) {
            for (Py_ssize_t i = 0; i < n; i++) Py_DECREF(keys[i]);
            PyMem_Free(keys);
        }
        if (self->allocated != -1 && result != nullptr) {
            PyErr_SetString(PyExc_ValueError, "list modified during sort");
            result = nullptr;
        }
        if (reverse && n > 1) reverse_items(items, items + n);
    }

    // Put the items back; drop whatever the list gathered while it was lent out.
    PyObject **gathered = self->ob_item;
    Py_ssize_t gathered_count = Py_SIZE(self);
    Py_SET_SIZE(self, n);
    self->ob_item = items;
    self->allocated = saved_allocated;
    if (gathered != nullptr) {
        while (--gathered_count >= 0) Py_XDECREF(gathered[gathered_count]);
        PyMem_Free(gathered);
    }
    return Py_XNewRef(result);
}

}  // namespace minipy::runtime
