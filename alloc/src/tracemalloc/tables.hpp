// The tracer's two tables, both open addressing with linear probing in arrays from
// system_allocate (memory.hpp), both touched only under the tracer's lock (tracer.hpp):
//
//   TracebackSet  interned tracebacks: equal tracebacks (same frames, same depth) are one
//                 record, so a trace holds a pointer and comparing tracebacks is comparing
//                 pointers. Records are only added; clear() frees them all (CPython keeps
//                 its tracebacks until clear_traces too).
//   TraceTable    one entry per traced block, keyed by (domain, address): size and
//                 interned traceback. Deletion shifts the following entries back (no
//                 tombstones), so a churning program keeps short probe runs without
//                 rehashing. It grows at half full; a caller that must not fail later
//                 reserves a slot first (reserve/put with the reservation).
//
// Hot: TraceTable::put and take (each traced malloc and free), a hash, a probe or two,
// no allocation unless the table grows. Cold: growth, interning a new traceback.
#pragma once

#include <cstddef>
#include <cstdint>

#include "minipy/tracemalloc.h"

namespace minipy::tracemalloc {

struct Traceback {
    minipy_tracemalloc_traceback view;  // view.frames points just past this record
    std::uint64_t hash;
    // Scratch for take_snapshot (under the lock): this record's copy in the snapshot.
    mutable minipy_tracemalloc_traceback *snapshot_copy;
};

inline const minipy_tracemalloc_frame *frames_of(const Traceback *tb) {
    return tb->view.frames;
}

// The hash of a traceback's frames and depth (the depth counts, as in CPython 3.9+).
std::uint64_t hash_frames(const minipy_tracemalloc_frame *frames, int n, int total) noexcept;

inline bool same_frames(const minipy_tracemalloc_frame *a, const minipy_tracemalloc_frame *b,
                        int n) noexcept {
    for (int i = 0; i < n; ++i)
        if (a[i].filename != b[i].filename || a[i].lineno != b[i].lineno) return false;
    return true;
}

class TracebackSet {
  public:
    bool init() noexcept;     // false: no memory
    void release() noexcept;  // frees every record and the array
    void clear() noexcept;    // frees every record, keeps the array
    // The interned record for these frames, added if new; nullptr when memory is short.
    const Traceback *intern(const minipy_tracemalloc_frame *frames, int n, int total,
                            std::uint64_t hash) noexcept;
    std::size_t count() const { return count_; }
    template <class F>
    void for_each(F f) const {
        for (std::size_t i = 0; i <= mask_ && slots_ != nullptr; ++i)
            if (slots_[i] != nullptr) f(slots_[i]);
    }

  private:
    bool grow() noexcept;
    Traceback **slots_ = nullptr;
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
};

struct TraceEntry {
    std::uintptr_t ptr;
    const Traceback *traceback;  // nullptr: the slot is empty
    std::size_t size;
    unsigned int domain;
};

class TraceTable {
  public:
    bool init() noexcept;     // false: no memory
    void release() noexcept;  // frees the array
    void clear() noexcept;    // forgets every entry and reservation, keeps the array

    const TraceEntry *find(unsigned int domain, std::uintptr_t ptr) const noexcept;
    // Adds or replaces the entry; *old_size is the replaced entry's size (0 when new).
    // Returns false, changing nothing, when the table had to grow and could not. With
    // `reserved`, uses a slot reserve() set aside (never grows, never fails).
    bool put(unsigned int domain, std::uintptr_t ptr, std::size_t size, const Traceback *tb,
             std::size_t *old_size, bool reserved = false) noexcept;
    // Removes the entry and copies it to *out; false when there was none.
    bool take(unsigned int domain, std::uintptr_t ptr, TraceEntry *out) noexcept;
    // Sets aside room for one more entry (growing now if needed); false: no memory.
    bool reserve() noexcept;
    void unreserve() noexcept { --reserved_; }

    std::size_t count() const { return count_; }
    std::size_t bytes() const { return (mask_ + 1) * sizeof(TraceEntry); }
    template <class F>
    void for_each(F f) const {
        for (std::size_t i = 0; i <= mask_ && slots_ != nullptr; ++i)
            if (slots_[i].traceback != nullptr) f(slots_[i]);
    }

  private:
    std::size_t home(unsigned int domain, std::uintptr_t ptr) const {
        const std::uint64_t h =
            (static_cast<std::uint64_t>(ptr) ^ (static_cast<std::uint64_t>(domain) << 47)) *
            0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h >> shift_);
    }
    bool needs_room() const { return 2 * (count_ + reserved_ + 1) > mask_ + 1; }
    bool grow() noexcept;
    [[gnu::noinline]] bool put_after_growing(unsigned int domain, std::uintptr_t ptr,
                                             std::size_t size, const Traceback *tb,
                                             std::size_t *old_size) noexcept;

    TraceEntry *slots_ = nullptr;
    std::size_t mask_ = 0;
    unsigned shift_ = 64;
    std::size_t count_ = 0;
    std::size_t reserved_ = 0;
};

// --- The hot operations, inline in the hooks ---------------------------------------------

inline const TraceEntry *TraceTable::find(unsigned int domain, std::uintptr_t ptr) const noexcept {
    if (slots_ == nullptr) return nullptr;
    for (std::size_t i = home(domain, ptr);; i = (i + 1) & mask_) {
        const TraceEntry &e = slots_[i];
        if (e.traceback == nullptr) return nullptr;
        if (e.ptr == ptr && e.domain == domain) return &e;
    }
}

inline bool TraceTable::put(unsigned int domain, std::uintptr_t ptr, std::size_t size,
                            const Traceback *tb, std::size_t *old_size, bool reserved) noexcept {
    std::size_t i = home(domain, ptr);
    for (; slots_[i].traceback != nullptr; i = (i + 1) & mask_) {
        TraceEntry &e = slots_[i];
        if (e.ptr == ptr && e.domain == domain) {
            *old_size = e.size;
            e.size = size;
            e.traceback = tb;
            if (reserved) --reserved_;
            return true;
        }
    }
    if (reserved) {
        --reserved_;
    } else if (needs_room()) [[unlikely]] {
        return put_after_growing(domain, ptr, size, tb, old_size);
    }
    slots_[i] = TraceEntry{ptr, tb, size, domain};
    ++count_;
    *old_size = 0;
    return true;
}

inline bool TraceTable::take(unsigned int domain, std::uintptr_t ptr, TraceEntry *out) noexcept {
    std::size_t i = home(domain, ptr);
    for (;; i = (i + 1) & mask_) {
        const TraceEntry &e = slots_[i];
        if (e.traceback == nullptr) return false;
        if (e.ptr == ptr && e.domain == domain) break;
    }
    *out = slots_[i];
    // Backward shift: pull each following entry of the run into the hole when the hole
    // lies on its way from its home slot, so that every entry stays reachable.
    std::size_t hole = i;
    for (std::size_t j = (i + 1) & mask_; slots_[j].traceback != nullptr; j = (j + 1) & mask_) {
        const std::size_t h = home(slots_[j].domain, slots_[j].ptr);
        const bool hole_on_path = ((j - h) & mask_) >= ((j - hole) & mask_);
        if (hole_on_path) {
            slots_[hole] = slots_[j];
            hole = j;
        }
    }
    slots_[hole].traceback = nullptr;
    --count_;
    return true;
}

}  // namespace minipy::tracemalloc
