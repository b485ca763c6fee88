// Test helpers for looking at pymalloc's state through its public views (minipy/pymalloc.h):
// a copy of the walk as vectors, the stats, and a scope that starts a test from a heap with
// no arena at all, so that what the test allocates decides every arena and pool.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "minipy/pymalloc.h"
#include "minipy/pymem.h"
#include "pymalloc/state.hpp"  // white-box: the domain gates of the inlined fast path

namespace minipy::test {

struct PoolView {
    minipy_arena_info arena;
    minipy_pool_info pool;
};

struct HeapView {
    std::vector<minipy_arena_info> arenas;  // in walk order: usable first, fullest first
    std::vector<PoolView> pools;

    // The carved pool that contains `block`, or nullptr.
    const minipy_pool_info *pool_of(const void *block) const {
        for (const PoolView &v : pools) {
            const auto *base = static_cast<const char *>(v.pool.address);
            const auto *p = static_cast<const char *>(block);
            if (p >= base && p < base + geometry().pool_size) return &v.pool;
        }
        return nullptr;
    }
    static minipy_pymalloc_geometry geometry() {
        minipy_pymalloc_geometry g;
        minipy_pymalloc_get_geometry(&g);
        return g;
    }
};

// The inlined fast path of a pymalloc domain is open (the domain gate of state.hpp).
inline bool fast_path_open(PyMemAllocatorDomain domain) {
    return minipy::pymalloc::g_state.gates[domain].small_limit ==
           minipy::pymalloc::kSmallRequestThreshold;
}

// _PyObject_DebugMallocStats prints only while pymalloc itself serves the object domain:
// the public way to ask whether OBJ is pymalloc.
inline bool object_domain_is_pymalloc() {
    std::FILE *sink = std::fopen("/dev/null", "w");
    BOOST_REQUIRE(sink != nullptr);
    const int printed = _PyObject_DebugMallocStats(sink);
    std::fclose(sink);
    return printed == 1;
}

inline HeapView heap_view() {
    HeapView view;
    minipy_pymalloc_walk(
        [](const minipy_arena_info *arena, void *ctx) {
            static_cast<HeapView *>(ctx)->arenas.push_back(*arena);
            return 0;
        },
        [](const minipy_arena_info *arena, const minipy_pool_info *pool, void *ctx) {
            static_cast<HeapView *>(ctx)->pools.push_back({*arena, *pool});
            return 0;
        },
        &view);
    return view;
}

// A copy of the walk's record of the carved pool holding `block` (the test fails if none).
inline minipy_pool_info pool_info_of(const void *block) {
    const HeapView view = heap_view();
    const minipy_pool_info *pool = view.pool_of(block);
    BOOST_REQUIRE_MESSAGE(pool != nullptr, "no carved pool holds " << block);
    return *pool;
}

inline minipy_pymalloc_stats pymalloc_stats() {
    minipy_pymalloc_stats stats;
    minipy_pymalloc_get_stats(&stats);
    return stats;
}

inline minipy_pymalloc_geometry pymalloc_geometry() {
    return HeapView::geometry();
}

// --- The documented layout, computed here independently of pymalloc's own code -----------
// (geometry.hpp, pool.hpp): a header inside its pool takes its first 48 bytes; with dense
// headers an aligned arena's headers are in a 4 KiB table at the start of each 256 KiB, which
// is a pool of its own with 4 KiB pools and the first 4 KiB of a pool with 16 KiB ones.
constexpr std::uintptr_t kMapSlotSize = std::uintptr_t{256} * 1024;
constexpr std::size_t kHeaderTableSize = 4096;

inline bool dense_headers() {
    return pymalloc_geometry().header_placement == MINIPY_POOL_HEADERS_DENSE;
}

// Bytes before the first block of the pool at `pool` in an arena aligned to its size (the
// default arena allocator's) or not.
inline std::size_t expected_header_bytes(const void *pool, bool aligned_arena = true) {
    if (!aligned_arena || !dense_headers()) return 48;
    return reinterpret_cast<std::uintptr_t>(pool) % kMapSlotSize == 0 ? kHeaderTableSize : 0;
}

inline std::size_t expected_capacity(std::size_t block_size, const void *pool,
                                     bool aligned_arena = true) {
    return (pymalloc_geometry().pool_size - expected_header_bytes(pool, aligned_arena)) /
           block_size;
}

// Blocks of `block_size` a pool holds whose first block is right after its own header: the
// capacity CPython's layout gives every pool.
inline std::size_t blocks_per_pool_with_header(std::size_t block_size) {
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    return (g.pool_size - g.pool_overhead) / block_size;
}

// Pools that hold blocks in an aligned arena, and how many blocks of `block_size` they hold
// together.
inline std::size_t pools_per_aligned_arena() {
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    return g.max_pools_in_arena - (dense_headers() && g.pool_size == kHeaderTableSize ? 1 : 0);
}
inline std::size_t blocks_per_aligned_arena(std::size_t block_size) {
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    const std::size_t skipped = g.max_pools_in_arena - pools_per_aligned_arena();
    std::size_t blocks = 0;
    for (std::size_t i = skipped; i < g.max_pools_in_arena; ++i) {
        // A pool's offset in an aligned arena decides what precedes its blocks.
        const auto at = reinterpret_cast<const void *>(i * g.pool_size);
        blocks += expected_capacity(block_size, at);
    }
    return blocks;
}

// Runs a test under one geometry: requires that no pymalloc block is live, switches, and
// switches back to the build's default at the end (giving back the arenas left empty).
class GeometryScope {
  public:
    explicit GeometryScope(const char *geometry) {
        BOOST_REQUIRE_EQUAL(_Py_GetAllocatedBlocks(), 0);
        BOOST_REQUIRE_EQUAL(minipy_pymalloc_configure(geometry), 0);
    }
    ~GeometryScope() {
        minipy_pymalloc_release_free_arenas();
        if (minipy_pymalloc_configure(nullptr) != 0)
            BOOST_ERROR("a test left blocks behind: cannot restore the default geometry");
    }
    GeometryScope(const GeometryScope &) = delete;
    GeometryScope &operator=(const GeometryScope &) = delete;
};

// The two geometries' names, for data-driven cases.
inline const std::vector<const char *> &geometry_names() {
    static const std::vector<const char *> kNames = {"small", "large"};
    return kNames;
}

// Requires that the test starts with every block returned and no arena held (the one kept
// against thrashing is given back), and gives back what is left empty at its end.
class NoArenasScope {
  public:
    NoArenasScope() {
        BOOST_REQUIRE_EQUAL(_Py_GetAllocatedBlocks(), 0);
        minipy_pymalloc_release_free_arenas();
        BOOST_REQUIRE_EQUAL(pymalloc_stats().arenas_allocated_current, 0u);
    }
    ~NoArenasScope() { minipy_pymalloc_release_free_arenas(); }
    NoArenasScope(const NoArenasScope &) = delete;
    NoArenasScope &operator=(const NoArenasScope &) = delete;
};

}  // namespace minipy::test
