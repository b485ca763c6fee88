// Timsort (timsort.hpp has the overview): runs, binary insertion, galloping, merge_lo /
// merge_hi and the powersort merge policy, comparison for comparison as CPython 3.11's
// listsort. Positions below are offsets into the runs; a "slice" moves keys and values
// together.
#include <cstring>

#include "objects/list/timsort.hpp"

namespace minipy::runtime::timsort {
namespace {

constexpr Py_ssize_t kMinGallop = 7;

inline int is_less(MergeState *ms, PyObject *v, PyObject *w) noexcept {
    return ms->key_compare(v, w, ms);
}

// --- Moving slices ----------------------------------------------------------------------

inline void slice_advance(SortSlice *s, Py_ssize_t n) noexcept {
    s->keys += n;
    if (s->values != nullptr) s->values += n;
}

// dst[i] = src[j], keys and values.
inline void slice_copy(SortSlice *dst, Py_ssize_t i, const SortSlice *src, Py_ssize_t j) noexcept {
    dst->keys[i] = src->keys[j];
    if (dst->values != nullptr) dst->values[i] = src->values[j];
}

// *dst++ = *src++ / *dst-- = *src--.
inline void slice_copy_incr(SortSlice *dst, SortSlice *src) noexcept {
    *dst->keys++ = *src->keys++;
    if (dst->values != nullptr) *dst->values++ = *src->values++;
}
inline void slice_copy_decr(SortSlice *dst, SortSlice *src) noexcept {
    *dst->keys-- = *src->keys--;
    if (dst->values != nullptr) *dst->values-- = *src->values--;
}

// n items from src[j...] to dst[i...]; memmove where the two may overlap.
inline void slice_memcpy(SortSlice *dst, Py_ssize_t i, const SortSlice *src, Py_ssize_t j,
                         Py_ssize_t n) noexcept {
    std::memcpy(&dst->keys[i], &src->keys[j], static_cast<size_t>(n) * sizeof(PyObject *));
    if (dst->values != nullptr)
        std::memcpy(&dst->values[i], &src->values[j], static_cast<size_t>(n) * sizeof(PyObject *));
}
inline void slice_memmove(SortSlice *dst, Py_ssize_t i, const SortSlice *src, Py_ssize_t j,
                          Py_ssize_t n) noexcept {
    std::memmove(&dst->keys[i], &src->keys[j], static_cast<size_t>(n) * sizeof(PyObject *));
    if (dst->values != nullptr)
        std::memmove(&dst->values[i], &src->values[j], static_cast<size_t>(n) * sizeof(PyObject *));
}

void reverse_range(PyObject **lo, PyObject **hi) noexcept {
    for (--hi; lo < hi; ++lo, --hi) {
        PyObject *t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

void reverse_slice(SortSlice *s, Py_ssize_t n) noexcept {
    reverse_range(s->keys, s->keys + n);
    if (s->values != nullptr) reverse_range(s->values, s->values + n);
}

// --- Runs -------------------------------------------------------------------------------

// The length of the run at lo[0..n): strictly descending (*descending set) or
// non-descending; -1 on a failed comparison. Strictness keeps the sort stable when the
// descending run is reversed.
Py_ssize_t count_run(MergeState *ms, PyObject **lo, Py_ssize_t n, bool *descending) noexcept {
    *descending = false;
    if (n == 1) return 1;
    int k = is_less(ms, lo[1], lo[0]);
    if (k < 0) return -1;
    Py_ssize_t length = 2;
    if (k) {
        *descending = true;
        for (; length < n; ++length) {
            k = is_less(ms, lo[length], lo[length - 1]);
            if (k < 0) return -1;
            if (!k) break;
        }
    } else {
        for (; length < n; ++length) {
            k = is_less(ms, lo[length], lo[length - 1]);
            if (k < 0) return -1;
            if (k) break;
        }
    }
    return length;
}

// lo[0..start) is sorted; inserts each of lo[start..hi) in place, finding its position by
// binary search (after every equal item: stable). A failed comparison leaves the item being
// inserted where it was.
int binary_insertion_sort(MergeState *ms, SortSlice lo, Py_ssize_t hi, Py_ssize_t start) noexcept {
    if (start == 0) ++start;
    for (; start < hi; ++start) {
        PyObject *pivot = lo.keys[start];
        Py_ssize_t l = 0, r = start;
        do {
            const Py_ssize_t p = l + ((r - l) >> 1);
            const int k = is_less(ms, pivot, lo.keys[p]);
            if (k < 0) return -1;
            if (k)
                r = p;
            else
                l = p + 1;
        } while (l < r);
        std::memmove(&lo.keys[l + 1], &lo.keys[l],
                     static_cast<size_t>(start - l) * sizeof(PyObject *));
        lo.keys[l] = pivot;
        if (lo.values != nullptr) {
            PyObject *value = lo.values[start];
            std::memmove(&lo.values[l + 1], &lo.values[l],
                         static_cast<size_t>(start - l) * sizeof(PyObject *));
            lo.values[l] = value;
        }
    }
    return 0;
}

// The run length below which short runs are extended: n itself below 64, else a value in
// [32, 64] such that n / minrun is a power of two or slightly less.
Py_ssize_t compute_minrun(Py_ssize_t n) noexcept {
    Py_ssize_t r = 0;  // 1 once a set bit has been shifted out
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

// --- Galloping --------------------------------------------------------------------------
// Both search a[0..n) (sorted) for key, starting at a[hint]: exponentially away from the hint
// (offsets 1, 3, 7, ...) until key is bracketed, then by binary search inside the bracket.
// gallop_left returns the leftmost place key can go (a[k-1] < key <= a[k]), gallop_right the
// rightmost (a[k-1] <= key < a[k]); -1 on a failed comparison.

Py_ssize_t gallop_left(MergeState *ms, PyObject *key, PyObject **a, Py_ssize_t n,
                       Py_ssize_t hint) noexcept {
    PyObject **at = a + hint;
    Py_ssize_t lastofs = 0, ofs = 1;
    int k = is_less(ms, *at, key);
    if (k < 0) return -1;
    if (k) {
        // a[hint] < key: to the right, until a[hint + lastofs] < key <= a[hint + ofs].
        const Py_ssize_t maxofs = n - hint;
        while (ofs < maxofs) {
            k = is_less(ms, at[ofs], key);
            if (k < 0) return -1;
            if (!k) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    } else {
        // key <= a[hint]: to the left, until a[hint - ofs] < key <= a[hint - lastofs].
        const Py_ssize_t maxofs = hint + 1;
        while (ofs < maxofs) {
            k = is_less(ms, *(at - ofs), key);
            if (k < 0) return -1;
            if (k) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        const Py_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    }
    // a[lastofs] < key <= a[ofs]: binary search in between.
    ++lastofs;
    while (lastofs < ofs) {
        const Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        k = is_less(ms, a[m], key);
        if (k < 0) return -1;
        if (k)
            lastofs = m + 1;
        else
            ofs = m;
    }
    return ofs;
}

Py_ssize_t gallop_right(MergeState *ms, PyObject *key, PyObject **a, Py_ssize_t n,
                        Py_ssize_t hint) noexcept {
    PyObject **at = a + hint;
    Py_ssize_t lastofs = 0, ofs = 1;
    int k = is_less(ms, key, *at);
    if (k < 0) return -1;
    if (k) {
        // key < a[hint]: to the left, until a[hint - ofs] <= key < a[hint - lastofs].
        const Py_ssize_t maxofs = hint + 1;
        while (ofs < maxofs) {
            k = is_less(ms, key, *(at - ofs));
            if (k < 0) return -1;
            if (!k) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        const Py_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    } else {
        // a[hint] <= key: to the right, until a[hint + lastofs] <= key < a[hint + ofs].
        const Py_ssize_t maxofs = n - hint;
        while (ofs < maxofs) {
            k = is_less(ms, key, at[ofs]);
            if (k < 0) return -1;
            if (k) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    // a[lastofs] <= key < a[ofs]: binary search in between.
    ++lastofs;
    while (lastofs < ofs) {
        const Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        k = is_less(ms, key, a[m]);
        if (k < 0) return -1;
        if (k)
            ofs = m;
        else
            lastofs = m + 1;
    }
    return ofs;
}

// --- Merging ----------------------------------------------------------------------------

// Room for `need` items in the scratch area (and as many values); the old contents are not
// kept. -1 with MemoryError.
int merge_getmem(MergeState *ms, Py_ssize_t need) noexcept {
    if (need <= ms->alloced) return 0;
    const Py_ssize_t multiplier = ms->a.values != nullptr ? 2 : 1;
    merge_freemem(ms);
    if (static_cast<size_t>(need) >
        static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(PyObject *) / multiplier) {
        PyErr_NoMemory();
        return -1;
    }
    ms->a.keys = static_cast<PyObject **>(
        PyMem_Malloc(static_cast<size_t>(multiplier * need) * sizeof(PyObject *)));
    if (ms->a.keys == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    ms->alloced = need;
    if (ms->a.values != nullptr) ms->a.values = &ms->a.keys[need];
    return 0;
}

// Merges the runs ssa (na items) and ssb (nb, right after it), na <= nb, left to right: ssa
// goes to the scratch area and the merge fills the gap from the left. Precondition from
// merge_at: ssb[0] < ssa[0] and ssa[na-1] > ssb[nb-1], so ssb's first item goes first and
// ssa's last item goes last. On a failed comparison what is left of ssa fills the gap.
int merge_lo(MergeState *ms, SortSlice ssa, Py_ssize_t na, SortSlice ssb, Py_ssize_t nb) noexcept {
    if (merge_getmem(ms, na) < 0) return -1;
    slice_memcpy(&ms->a, 0, &ssa, 0, na);
    SortSlice dest = ssa;
    ssa = ms->a;

    slice_copy_incr(&dest, &ssb);
    --nb;
    int result = -1;
    Py_ssize_t min_gallop = ms->min_gallop;
    if (nb == 0) goto succeed;
    if (na == 1) goto copy_b;
    for (;;) {
        Py_ssize_t acount = 0;  // times in a row ssa won
        Py_ssize_t bcount = 0;  // times in a row ssb won
        // One item at a time, until one run wins min_gallop times in a row.
        for (;;) {
            const int k = is_less(ms, ssb.keys[0], ssa.keys[0]);
            if (k < 0) goto fail;
            if (k) {
                slice_copy_incr(&dest, &ssb);
                ++bcount;
                acount = 0;
                if (--nb == 0) goto succeed;
                if (bcount >= min_gallop) break;
            } else {
                slice_copy_incr(&dest, &ssa);
                ++acount;
                bcount = 0;
                if (--na == 1) goto copy_b;
                if (acount >= min_gallop) break;
            }
        }
        // Gallop while a run keeps winning by at least kMinGallop items; each round in this
        // mode lowers min_gallop, leaving it raises it again.
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            Py_ssize_t k = gallop_right(ms, ssb.keys[0], ssa.keys, na, 0);
            acount = k;
            if (k) {
                if (k < 0) goto fail;
                slice_memcpy(&dest, 0, &ssa, 0, k);
                slice_advance(&dest, k);
                slice_advance(&ssa, k);
                na -= k;
                if (na == 1) goto copy_b;
                // na == 0 only if the comparison is inconsistent.
                if (na == 0) goto succeed;
            }
            slice_copy_incr(&dest, &ssb);
            if (--nb == 0) goto succeed;

            k = gallop_left(ms, ssa.keys[0], ssb.keys, nb, 0);
            bcount = k;
            if (k) {
                if (k < 0) goto fail;
                slice_memmove(&dest, 0, &ssb, 0, k);
                slice_advance(&dest, k);
                slice_advance(&ssb, k);
                nb -= k;
                if (nb == 0) goto succeed;
            }
            slice_copy_incr(&dest, &ssa);
            if (--na == 1) goto copy_b;
        } while (acount >= kMinGallop || bcount >= kMinGallop);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na != 0) slice_memcpy(&dest, 0, &ssa, 0, na);
    return result;
copy_b:
    // ssa's last item goes after everything left in ssb.
    slice_memmove(&dest, 0, &ssb, 0, nb);
    slice_copy(&dest, nb, &ssa, 0);
    return 0;
}

// The mirror image of merge_lo for na >= nb: ssb goes to the scratch area and the merge fills
// the gap from the right, comparing the last items of both runs.
int merge_hi(MergeState *ms, SortSlice ssa, Py_ssize_t na, SortSlice ssb, Py_ssize_t nb) noexcept {
    if (merge_getmem(ms, nb) < 0) return -1;
    SortSlice dest = ssb;
    slice_advance(&dest, nb - 1);
    slice_memcpy(&ms->a, 0, &ssb, 0, nb);
    const SortSlice basea = ssa;
    const SortSlice baseb = ms->a;
    ssb.keys = ms->a.keys + nb - 1;
    if (ssb.values != nullptr) ssb.values = ms->a.values + nb - 1;
    slice_advance(&ssa, na - 1);

    slice_copy_decr(&dest, &ssa);
    --na;
    int result = -1;
    Py_ssize_t min_gallop = ms->min_gallop;
    if (na == 0) goto succeed;
    if (nb == 1) goto copy_a;
    for (;;) {
        Py_ssize_t acount = 0;
        Py_ssize_t bcount = 0;
        for (;;) {
            const int k = is_less(ms, ssb.keys[0], ssa.keys[0]);
            if (k < 0) goto fail;
            if (k) {
                slice_copy_decr(&dest, &ssa);
                ++acount;
                bcount = 0;
                if (--na == 0) goto succeed;
                if (acount >= min_gallop) break;
            } else {
                slice_copy_decr(&dest, &ssb);
                ++bcount;
                acount = 0;
                if (--nb == 1) goto copy_a;
                if (bcount >= min_gallop) break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            Py_ssize_t k = gallop_right(ms, ssb.keys[0], basea.keys, na, na - 1);
            if (k < 0) goto fail;
            k = na - k;
            acount = k;
            if (k) {
                slice_advance(&dest, -k);
                slice_advance(&ssa, -k);
                slice_memmove(&dest, 1, &ssa, 1, k);
                na -= k;
                if (na == 0) goto succeed;
            }
            slice_copy_decr(&dest, &ssb);
            if (--nb == 1) goto copy_a;

            k = gallop_left(ms, ssa.keys[0], baseb.keys, nb, nb - 1);
            if (k < 0) goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                slice_advance(&dest, -k);
                slice_advance(&ssb, -k);
                slice_memcpy(&dest, 1, &ssb, 1, k);
                nb -= k;
                if (nb == 1) goto copy_a;
                // nb == 0 only if the comparison is inconsistent.
                if (nb == 0) goto succeed;
            }
            slice_copy_decr(&dest, &ssa);
            if (--na == 0) goto succeed;
        } while (acount >= kMinGallop || bcount >= kMinGallop);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb != 0) slice_memcpy(&dest, -(nb - 1), &baseb, 0, nb);
    return result;
copy_a:
    // ssb's first item goes before everything left in ssa.
    slice_memmove(&dest, 1 - na, &ssa, 1 - na, na);
    slice_advance(&dest, -na);
    slice_advance(&ssa, -na);
    slice_copy(&dest, 0, &ssb, 0);
    return 0;
}

// Merges pending runs i and i + 1 (i is the second or third from the top).
int merge_at(MergeState *ms, int i) noexcept {
    SortSlice ssa = ms->pending[i].base;
    Py_ssize_t na = ms->pending[i].len;
    SortSlice ssb = ms->pending[i + 1].base;
    Py_ssize_t nb = ms->pending[i + 1].len;

    // The merged run replaces run i; the top run slides down when i is the third.
    ms->pending[i].len = na + nb;
    if (i == ms->n - 3) ms->pending[i + 1] = ms->pending[i + 2];
    --ms->n;

    // ssa's items not greater than ssb[0] are in place already...
    const Py_ssize_t k = gallop_right(ms, *ssb.keys, ssa.keys, na, 0);
    if (k < 0) return -1;
    slice_advance(&ssa, k);
    na -= k;
    if (na == 0) return 0;
    // ...and so are ssb's items not less than ssa's last.
    nb = gallop_left(ms, ssa.keys[na - 1], ssb.keys, nb, nb - 1);
    if (nb <= 0) return static_cast<int>(nb);
    return na <= nb ? merge_lo(ms, ssa, na, ssb, nb) : merge_hi(ms, ssa, na, ssb, nb);
}

// Powersort's power of the boundary between the run [s1, s1 + n1) and the next run of n2
// items, in a list of n: the first bit where the binary fractions of the two runs' midpoints
// (as fractions of n) differ. Computed on doubled midpoints to stay in integers.
int powerloop(Py_ssize_t s1, Py_ssize_t n1, Py_ssize_t n2, Py_ssize_t n) noexcept {
    int result = 0;
    Py_ssize_t a = 2 * s1 + n1;
    Py_ssize_t b = a + n1 + n2;
    for (;;) {
        ++result;
        if (a >= n) {  // both bits 1
            a -= n;
            b -= n;
        } else if (b >= n) {  // the bits differ
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

// A run of n2 items follows the top run: merge the stacked runs whose power exceeds the new
// boundary's, then record that power on the top run.
int found_new_run(MergeState *ms, Py_ssize_t n2) noexcept {
    if (ms->n == 0) return 0;
    PendingRun *p = ms->pending;
    const Py_ssize_t s1 = p[ms->n - 1].base.keys - ms->basekeys;
    const Py_ssize_t n1 = p[ms->n - 1].len;
    const int power = powerloop(s1, n1, n2, ms->listlen);
    while (ms->n > 1 && p[ms->n - 2].power > power) {
        if (merge_at(ms, ms->n - 2) < 0) return -1;
    }
    p[ms->n - 1].power = power;
    return 0;
}

// Merges everything left on the stack, the smaller neighbour of the second run first.
int merge_force_collapse(MergeState *ms) noexcept {
    PendingRun *p = ms->pending;
    while (ms->n > 1) {
        int n = ms->n - 2;
        if (n > 0 && p[n - 1].len < p[n + 1].len) --n;
        if (merge_at(ms, n) < 0) return -1;
    }
    return 0;
}

}  // namespace

void merge_init(MergeState *ms, Py_ssize_t size, bool has_keyfunc, SortSlice lo) noexcept {
    if (has_keyfunc) {
        // A merge needs at most half the items; values take the other half of temparray.
        ms->alloced = (size + 1) / 2;
        if (kTempSize / 2 < ms->alloced) ms->alloced = kTempSize / 2;
        ms->a.values = &ms->temparray[ms->alloced];
    } else {
        ms->alloced = kTempSize;
        ms->a.values = nullptr;
    }
    ms->a.keys = ms->temparray;
    ms->n = 0;
    ms->min_gallop = kMinGallop;
    ms->listlen = size;
    ms->basekeys = lo.keys;
}

void merge_freemem(MergeState *ms) noexcept {
    if (ms->a.keys != ms->temparray) {
        PyMem_Free(ms->a.keys);
        ms->a.keys = nullptr;
    }
}

int sort(MergeState *ms, SortSlice lo, Py_ssize_t n) noexcept {
    const Py_ssize_t minrun = compute_minrun(n);
    Py_ssize_t remaining = n;
    do {
        bool descending = false;
        Py_ssize_t run = count_run(ms, lo.keys, remaining, &descending);
        if (run < 0) return -1;
        if (descending) reverse_slice(&lo, run);
        if (run < minrun) {
            const Py_ssize_t force = remaining <= minrun ? remaining : minrun;
            if (binary_insertion_sort(ms, lo, force, run) < 0) return -1;
            run = force;
        }
        if (found_new_run(ms, run) < 0) return -1;
        ms->pending[ms->n].base = lo;
        ms->pending[ms->n].len = run;
        ++ms->n;
        slice_advance(&lo, run);
        remaining -= run;
    } while (remaining != 0);
    return merge_force_collapse(ms);
}

}  // namespace minipy::runtime::timsort
