// Timsort as CPython 3.11 runs it (Objects/listobject.c, Objects/listsort.txt): the state
// shared by list_sort.cpp (the protocol of list.sort and the choice of the comparison) and
// list_timsort.cpp (the sort). Internal to runtime/.
//
// The sort makes the same comparisons in the same order as CPython's, so that a comparison
// with side effects, an inconsistent order (nan, a random __lt__), an exception in the middle
// or a list changed during the sort end the same way. Its parts, each CPython's:
//   - runs: count_run finds the next strictly descending run (reversed in place) or
//     non-descending one; a run shorter than minrun (32..64, from the length) is extended to
//     minrun by binary insertion sort;
//   - merging: each new run gets a "power" (powersort, new in 3.11: the depth of the boundary
//     between it and the run before in a balanced merge tree of the whole list); runs on the
//     stack with a greater power are merged first; at the end every run is merged;
//   - a merge first gallops to skip the elements already in place at both ends, then merges
//     the rest through a scratch copy of the shorter run (merge_lo from the left, merge_hi
//     from the right), switching to galloping while one run wins min_gallop times in a row
//     (7 at first, adapted as the merges go).
//
// Every comparison is ms->key_compare(v, w, ms): 1 if v < w, 0 if not, -1 with an exception.
// A failed comparison stops the sort at once; each step leaves every item somewhere in the
// array, so the list still holds all its items (in some order).
#ifndef MINIPY_OBJECTS_LIST_TIMSORT_HPP
#define MINIPY_OBJECTS_LIST_TIMSORT_HPP

#include "minipy/Python.h"

namespace minipy::runtime::timsort {

// Keys decide the order; values (the items, when a key function made the keys) move with them.
struct SortSlice {
    PyObject **keys;
    PyObject **values;  // NULL: the keys are the items
};

struct MergeState;
using CompareFunction = int (*)(PyObject *v, PyObject *w, MergeState *ms);

// The scratch space that lives in the MergeState itself (CPython's MERGESTATE_TEMP_SIZE).
inline constexpr Py_ssize_t kTempSize = 256;
// A run is pushed only when the stack holds runs of strictly smaller powers, and powers are at
// most the number of bits of a size, so this many pending runs always suffice.
inline constexpr int kMaxMergePending = static_cast<int>(sizeof(size_t) * 8);

struct PendingRun {
    SortSlice base;
    Py_ssize_t len;
    int power;  // of the boundary between this run and the next one
};

struct MergeState {
    // The comparison and what the cheaper ones rely on (chosen by list_sort.cpp).
    CompareFunction key_compare;
    richcmpfunc key_richcompare;         // for unsafe_object_compare
    CompareFunction tuple_elem_compare;  // for unsafe_tuple_compare
    Py_ssize_t min_gallop;
    Py_ssize_t listlen;
    PyObject **basekeys;  // keys[0], to turn a run into its start index
    // The scratch area: alloced slots of keys (and as many of values with a key function).
    SortSlice a;
    Py_ssize_t alloced;
    int n;  // pending runs
    PendingRun pending[kMaxMergePending];
    PyObject *temparray[kTempSize];
};

// Prepares ms to sort `size` items at lo (values non-NULL when a key function made the keys).
void merge_init(MergeState *ms, Py_ssize_t size, bool has_keyfunc, SortSlice lo) noexcept;
// Releases the scratch memory merges asked for.
void merge_freemem(MergeState *ms) noexcept;
// Sorts the n >= 2 items at lo with ms->key_compare. 0, or -1 with the exception set.
int sort(MergeState *ms, SortSlice lo, Py_ssize_t n) noexcept;

}  // namespace minipy::runtime::timsort

#endif  // MINIPY_OBJECTS_LIST_TIMSORT_HPP
