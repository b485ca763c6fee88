// Arena allocators for the arena_allocator suite: a counting one chained on another, one
// serving arenas from a static buffer (aligned to the arena size, to the pool size only, or
// to neither), and the scopes and views the cases share. Every case starts with no arena at
// all and puts the saved arena allocator back at its end.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <set>
#include <vector>

#include "alloc/support/pymalloc_state.hpp"
#include "minipy/pymalloc.h"
#include "minipy/pymem.h"

namespace minipy::test::arenas {

using minipy::test::GeometryScope;
using minipy::test::kMapSlotSize;

// The largest arena of either geometry: what the static buffer is laid out for.
inline constexpr std::size_t kMaxArenaSize = std::size_t{1024} * 1024;

inline std::uintptr_t address(const void *p) {
    return reinterpret_cast<std::uintptr_t>(p);
}

inline minipy_pymalloc_geometry geometry() {
    minipy_pymalloc_geometry g;
    minipy_pymalloc_get_geometry(&g);
    return g;
}

inline std::size_t arena_size() {
    return geometry().arena_size;
}
inline std::size_t pool_size() {
    return geometry().pool_size;
}

inline minipy_pymalloc_stats stats() {
    minipy_pymalloc_stats s;
    minipy_pymalloc_get_stats(&s);
    return s;
}

inline std::size_t blocks_in_pools() {
    const minipy_pymalloc_stats s = stats();
    std::size_t blocks = 0;
    for (const minipy_pymalloc_class_stats &c : s.classes) blocks += c.blocks_in_use;
    return blocks;
}

inline std::vector<minipy_arena_info> arenas() {
    std::vector<minipy_arena_info> out;
    minipy_pymalloc_walk(
        [](const minipy_arena_info *arena, void *ctx) {
            static_cast<std::vector<minipy_arena_info> *>(ctx)->push_back(*arena);
            return 0;
        },
        nullptr, &out);
    return out;
}

// No arena left: pymalloc must go to the arena allocator for its next pool.
inline void require_no_arenas() {
    BOOST_REQUIRE_EQUAL(blocks_in_pools(), 0u);  // every earlier test gave its blocks back
    minipy_pymalloc_release_free_arenas();
    BOOST_REQUIRE_EQUAL(stats().arenas_allocated_current, 0u);
}

// Puts the arena allocator found at construction back at scope exit.
class ArenaAllocatorScope {
  public:
    ArenaAllocatorScope() { PyObject_GetArenaAllocator(&saved_); }
    ~ArenaAllocatorScope() { PyObject_SetArenaAllocator(&saved_); }
    ArenaAllocatorScope(const ArenaAllocatorScope &) = delete;
    ArenaAllocatorScope &operator=(const ArenaAllocatorScope &) = delete;
    const PyObjectArenaAllocator &saved() const { return saved_; }

  private:
    PyObjectArenaAllocator saved_{};
};

inline void install(PyObjectArenaAllocator allocator) {
    PyObject_SetArenaAllocator(&allocator);
}

// The PyObject blocks of a case. free_all() is the case's own, checked, step; the destructor
// only cleans up after a failed check, so that the arenas go back to their allocator while
// it still exists (declare it after the allocator) and later cases start clean.
class OwnedBlocks {
  public:
    OwnedBlocks() = default;
    OwnedBlocks(const OwnedBlocks &) = delete;
    OwnedBlocks &operator=(const OwnedBlocks &) = delete;
    ~OwnedBlocks() {
        if (blocks_.empty()) return;
        free_all();
        minipy_pymalloc_release_free_arenas();
    }
    void *add(void *p) {
        if (p != nullptr) blocks_.push_back(p);
        return p;
    }
    void *malloc(std::size_t size) { return add(PyObject_Malloc(size)); }
    void free_all() {
        for (void *p : blocks_) PyObject_Free(p);
        blocks_.clear();
    }
    std::size_t size() const { return blocks_.size(); }

  private:
    std::vector<void *> blocks_;
};

// CPython's accounting: PyObject_Free counts every pointer it hands to the raw domain as a
// raw-fallback block going away (_PyObject_Free's raw_allocated_blocks--), so freeing n
// foreign pointers through it lowers _Py_GetAllocatedBlocks() by n. This puts the n back:
// n raw-fallback blocks (counted on the way in) returned to the raw domain directly (not
// counted on the way out), so the global fixture's "every block returned" still holds.
inline void give_back_raw_fallback_count(Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; ++i) PyMem_RawFree(PyObject_Malloc(0));
}

// --- A counting arena allocator chained on another ----------------------------------------
// It forwards to the inner allocator and records every call. A free of an arena it never
// handed out is recorded and NOT forwarded: if pymalloc gave an arena back to the wrong
// allocator, the test fails instead of unmapping memory that is not the inner one's.
class CountingArenas {
  public:
    struct Call {
        void *ptr;
        std::size_t size;
    };
    explicit CountingArenas(const PyObjectArenaAllocator &inner) : inner_(inner) {}
    PyObjectArenaAllocator allocator() { return {this, &alloc, &free}; }

    std::vector<Call> allocs, frees;
    std::size_t foreign_frees = 0;

  private:
    static void *alloc(void *ctx, std::size_t size) noexcept {
        auto &self = *static_cast<CountingArenas *>(ctx);
        void *p = self.inner_.alloc(self.inner_.ctx, size);
        if (p != nullptr) {
            self.allocs.push_back({p, size});
            self.live_.insert(p);
        }
        return p;
    }
    static void free(void *ctx, void *ptr, std::size_t size) noexcept {
        auto &self = *static_cast<CountingArenas *>(ctx);
        if (self.live_.erase(ptr) == 0) {
            ++self.foreign_frees;
            return;
        }
        self.frees.push_back({ptr, size});
        self.inner_.free(self.inner_.ctx, ptr, size);
    }

    PyObjectArenaAllocator inner_;
    std::set<void *> live_;
};

// --- Arenas from a static buffer ----------------------------------------------------------
inline constexpr std::size_t kBufferArenas = 8;
// One arena more than it serves, so that the unaligned layout still fits: laid out for the
// larger geometry, the small one uses its first quarter.
// Aligned by hand: a loader need not honour a 1 MiB alignas (valgrind's does not).
inline std::byte g_buffer_storage[(kBufferArenas + 2) * kMaxArenaSize];
inline std::byte *const kBuffer = reinterpret_cast<std::byte *>(
    (reinterpret_cast<std::uintptr_t>(g_buffer_storage) + kMaxArenaSize - 1) &
    ~std::uintptr_t{kMaxArenaSize - 1});
inline constexpr std::size_t kBufferSize = (kBufferArenas + 1) * kMaxArenaSize;

// 3 pools and 48 bytes in: not even pool-aligned, so each arena starts inside one slot of
// the arena map, ends inside another, and loses one pool to alignment.
inline std::size_t unaligned_offset() {
    return 3 * pool_size() + 48;
}

struct BufferLayout {
    const char *name;
    std::size_t pools;  // offset of the first arena from the start of kBuffer, in pools...
    std::size_t bytes;  // ... plus bytes
    std::size_t offset() const { return pools * pool_size() + bytes; }
    // An arena that does not start on a pool boundary gives up one pool.
    bool loses_a_pool() const { return bytes != 0; }
    bool aligned() const { return pools == 0 && bytes == 0; }
};
inline std::ostream &operator<<(std::ostream &out, const BufferLayout &layout) {
    return out << layout.name;
}
// Aligned to the arena size (the fast path takes its blocks, dense headers live in its
// tables); aligned to the pool size only (its pools straddle slots of the arena map, but it
// keeps them all); not even that.
inline const std::vector<BufferLayout> kLayouts = {
    {"aligned", 0, 0}, {"pool_aligned", 5, 0}, {"unaligned", 3, 48}};

struct BufferCase {
    BufferLayout layout;
    const char *geometry;
};
inline std::ostream &operator<<(std::ostream &out, const BufferCase &c) {
    return out << c.layout.name << "/" << c.geometry;
}
inline std::vector<BufferCase> buffer_cases() {
    std::vector<BufferCase> cases;
    for (const char *g : minipy::test::geometry_names())
        for (const BufferLayout &l : kLayouts) cases.push_back({l, g});
    return cases;
}

// Serves arena i at base + i * arena size, the lowest free index first; refuses when all
// kBufferArenas are out. Any call that is not a well-formed request or return of one of its
// own arenas is counted in bad_calls and otherwise ignored.
class BufferArenas {
  public:
    explicit BufferArenas(std::size_t offset) : base_(kBuffer + offset) {}
    PyObjectArenaAllocator allocator() { return {this, &alloc, &free}; }

    bool contains(const void *p) const {
        return address(p) >= address(base_) &&
               address(p) < address(base_) + kBufferArenas * arena_size();
    }
    void *arena(std::size_t i) const { return base_ + i * arena_size(); }
    std::size_t in_use() const {
        std::size_t n = 0;
        for (bool used : used_) n += used ? 1 : 0;
        return n;
    }

    std::size_t allocs = 0, frees = 0, refusals = 0, bad_calls = 0;
    std::vector<void *> freed;

  private:
    static void *alloc(void *ctx, std::size_t size) noexcept {
        auto &self = *static_cast<BufferArenas *>(ctx);
        if (size != arena_size()) {
            ++self.bad_calls;
            return nullptr;
        }
        for (std::size_t i = 0; i < kBufferArenas; ++i) {
            if (self.used_[i]) continue;
            self.used_[i] = true;
            ++self.allocs;
            return self.arena(i);
        }
        ++self.refusals;
        return nullptr;
    }
    static void free(void *ctx, void *ptr, std::size_t size) noexcept {
        auto &self = *static_cast<BufferArenas *>(ctx);
        const std::uintptr_t offset = address(ptr) - address(self.base_);
        const std::size_t i = offset / arena_size();
        if (!self.contains(ptr) || offset % arena_size() != 0 || !self.used_[i] ||
            size != arena_size()) {
            ++self.bad_calls;
            return;
        }
        self.used_[i] = false;
        ++self.frees;
        self.freed.push_back(ptr);
    }

    std::byte *base_;
    bool used_[kBufferArenas] = {};
};

inline unsigned char pattern(std::size_t index) {
    return static_cast<unsigned char>(index * 131 + 7);
}

}  // namespace minipy::test::arenas
