// Test helpers for looking at pymalloc's state through its public views (minipy/pymalloc.h):
// a copy of the walk as vectors, the stats, and a scope that starts a test from a heap with
// no arena at all, so that what the test allocates decides every arena and pool.
#pragma once

#include <boost/test/unit_test.hpp>
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

// Blocks of `block_size` bytes that one pool holds.
inline std::size_t blocks_per_pool(std::size_t block_size) {
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    return (g.pool_size - g.pool_overhead) / block_size;
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
