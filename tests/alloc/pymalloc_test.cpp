// pymalloc's behaviour, as CPython's obmalloc defines it:
// size classes, lazy carving, the used / full / empty pool states and their transitions,
// usable arenas fullest first, which arenas go back, realloc's keep-or-move rule, and the
// raw fallback. Each test starts from a heap with no arena (NoArenasScope), so the walk
// shows exactly what the test did; the cases about pools and arenas run under both
// geometries (GeometryScope).
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstring>
#include <vector>

#include "alloc/support/pymalloc_state.hpp"
#include "pymalloc/arena_map.hpp"
#include "pymalloc/pymalloc.hpp"
#include "support/alloc_hooks.hpp"
#include "support/test_size.hpp"

namespace bdata = boost::unit_test::data;
using minipy::test::blocks_per_aligned_arena;
using minipy::test::expected_capacity;
using minipy::test::expected_header_bytes;
using minipy::test::heap_view;
using minipy::test::NoArenasScope;
using minipy::test::pool_info_of;
using minipy::test::pymalloc_geometry;
using minipy::test::pymalloc_stats;

namespace {

bool owned_by_pymalloc(const void *p) {
    return minipy::pymalloc::arena_map::owns(p);
}

std::vector<void *> allocate(std::size_t count, std::size_t size) {
    std::vector<void *> blocks;
    for (std::size_t i = 0; i < count; ++i) {
        blocks.push_back(PyObject_Malloc(size));
        BOOST_REQUIRE(blocks.back() != nullptr);
    }
    return blocks;
}

void free_all(std::vector<void *> &blocks) {
    for (void *p : blocks) PyObject_Free(p);
    blocks.clear();
}

std::uintptr_t addr(const void *p) {
    return reinterpret_cast<std::uintptr_t>(p);
}

// The capacity of the pool that serves the next block of `size`, checked against the
// documented layout: one block is allocated to find the pool, and returned in `first`.
std::size_t capacity_of_next_pool(std::size_t size, std::vector<void *> &blocks) {
    blocks.push_back(PyObject_Malloc(size));
    BOOST_REQUIRE(blocks.back() != nullptr);
    const minipy_pool_info pool = pool_info_of(blocks.back());
    BOOST_TEST(pool.capacity == expected_capacity(size, pool.address));
    return pool.capacity;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pymalloc)

BOOST_AUTO_TEST_CASE(each_small_request_goes_to_its_size_class) {
    NoArenasScope clean;
    for (std::size_t size = 1; size <= 512; ++size) {
        void *p = PyObject_Malloc(size);
        BOOST_REQUIRE(p != nullptr);
        BOOST_TEST(owned_by_pymalloc(p), "size " << size);
        const minipy_pymalloc_stats stats = pymalloc_stats();
        const unsigned expected_class = static_cast<unsigned>((size - 1) / 16);
        for (unsigned c = 0; c < 32; ++c)
            BOOST_TEST(stats.classes[c].blocks_in_use == (c == expected_class ? 1u : 0u),
                       "size " << size << " class " << c);
        PyObject_Free(p);
    }
}

BOOST_AUTO_TEST_CASE(zero_bytes_and_large_requests_go_to_the_raw_domain) {
    NoArenasScope clean;
    minipy::test::CountingHook raw(PYMEM_DOMAIN_RAW);
    void *zero = PyObject_Malloc(0);
    void *large = PyMem_Malloc(513);
    void *zeroed = PyObject_Calloc(0, 8);
    BOOST_TEST(raw.mallocs == 2u);
    BOOST_TEST(raw.callocs == 1u);
    BOOST_TEST(!owned_by_pymalloc(zero));
    BOOST_TEST(!owned_by_pymalloc(large));
    BOOST_TEST(pymalloc_stats().raw_fallback_blocks == 3);
    BOOST_TEST(_Py_GetAllocatedBlocks() == 3);  // raw-fallback blocks count, as in CPython
    PyObject_Free(zero);
    PyMem_Free(large);
    PyObject_Free(zeroed);
    BOOST_TEST(raw.frees == 3u);
    BOOST_TEST(pymalloc_stats().raw_fallback_blocks == 0);
}

BOOST_DATA_TEST_CASE(a_new_pool_is_carved_lazily, bdata::make(minipy::test::geometry_names()),
                     geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    char *first = static_cast<char *>(PyObject_Malloc(64));
    char *second = static_cast<char *>(PyObject_Malloc(64));
    // Blocks come in address order from the pool's first block: right after its header, or
    // at its start when the header lives in a dense table (after the table, if the pool
    // holds it).
    const minipy_pool_info pool = pool_info_of(first);
    BOOST_TEST(addr(first) - addr(pool.address) == expected_header_bytes(pool.address));
    BOOST_TEST(pool.header_bytes == expected_header_bytes(pool.address));
    BOOST_TEST(addr(pool.address) % g.pool_size == 0u);
    BOOST_TEST(second - first == 64);
    BOOST_TEST(pool.state == MINIPY_POOL_USED);
    BOOST_TEST(pool.size_class == 3u);
    BOOST_TEST(pool.blocks_in_use == 2u);
    // Initialising the pool carved two blocks; the second pop carved the third, which is the
    // whole free list now. Everything after it is untouched.
    BOOST_TEST(pool.free_list_length == 1u);
    BOOST_TEST(pool.capacity == expected_capacity(64, pool.address));
    BOOST_TEST(pool.untouched_blocks == pool.capacity - 3);
    PyObject_Free(second);
    PyObject_Free(first);
}

BOOST_DATA_TEST_CASE(a_pool_goes_used_full_used_empty, bdata::make(minipy::test::geometry_names()),
                     geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    std::vector<void *> blocks;
    const std::size_t capacity = capacity_of_next_pool(128, blocks);
    for (void *p : allocate(capacity - 1, 128)) blocks.push_back(p);
    const void *pool_address = pool_info_of(blocks[0]).address;
    BOOST_TEST(pool_info_of(blocks.back()).address == pool_address);
    BOOST_TEST(pool_info_of(blocks[0]).state == MINIPY_POOL_FULL);

    // Freeing into a full pool makes it used again, and LIFO: the freed block is next.
    void *freed = blocks[capacity / 2];
    PyObject_Free(freed);
    BOOST_TEST(pool_info_of(blocks[0]).state == MINIPY_POOL_USED);
    void *again = PyObject_Malloc(128);
    BOOST_TEST(again == freed);
    blocks[capacity / 2] = again;

    // All blocks back: the pool is empty and keeps its size class for a quick reuse.
    free_all(blocks);
    const minipy_pool_info pool = pool_info_of(pool_address);
    BOOST_TEST(pool.state == MINIPY_POOL_EMPTY);
    BOOST_TEST(pool.blocks_in_use == 0u);
    BOOST_TEST(pool.size_class == 7u);
}

BOOST_DATA_TEST_CASE(an_empty_pool_serves_any_class_and_is_reused_first,
                     bdata::make(minipy::test::geometry_names()), geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    std::vector<void *> pinned = allocate(1, 48);  // keeps the arena's first pool used
    std::vector<void *> blocks = allocate(3, 200);
    const void *pool_address = pool_info_of(blocks[0]).address;
    free_all(blocks);  // that pool is empty now, first on its arena's free-pool list

    void *same_class = PyObject_Malloc(200);
    BOOST_TEST(pool_info_of(same_class).address == pool_address);
    PyObject_Free(same_class);
    void *other_class = PyObject_Malloc(16);
    const minipy_pool_info pool = pool_info_of(other_class);
    BOOST_TEST(pool.address == pool_address);
    BOOST_TEST(pool.size_class == 0u);  // re-initialised for its new class
    BOOST_TEST(addr(other_class) - addr(pool.address) == expected_header_bytes(pool.address));
    PyObject_Free(other_class);
    free_all(pinned);
}

BOOST_AUTO_TEST_CASE(a_pool_freed_into_while_full_goes_to_the_front_of_its_class) {
    NoArenasScope clean;
    std::vector<void *> a;
    const std::size_t capacity = capacity_of_next_pool(256, a);
    for (void *p : allocate(capacity - 1, 256)) a.push_back(p);  // pool A: full
    std::vector<void *> b = allocate(capacity / 2, 256);         // pool B: used, at the front
    BOOST_REQUIRE(pool_info_of(a[0]).address != pool_info_of(b[0]).address);
    PyObject_Free(a[3]);  // A is used again, in front of B
    void *next = PyObject_Malloc(256);
    BOOST_TEST(next == a[3]);
    a[3] = next;
    free_all(a);
    free_all(b);
}

BOOST_DATA_TEST_CASE(usable_arenas_are_kept_fullest_first,
                     bdata::make(minipy::test::geometry_names()), geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    // Fill three arenas, then group the blocks by arena and pool. Wholly used, the arenas
    // come out of the walk in creation order.
    std::vector<void *> all = allocate(3 * blocks_per_aligned_arena(512), 512);
    BOOST_REQUIRE_EQUAL(pymalloc_stats().arenas_allocated_current, 3u);
    const minipy::test::HeapView full = heap_view();
    BOOST_REQUIRE_EQUAL(full.arenas.size(), 3u);
    std::vector<std::vector<void *>> pools(full.pools.size());
    for (void *p : all) {
        std::size_t i = 0;
        while (i < full.pools.size() && !(addr(p) >= addr(full.pools[i].pool.address) &&
                                          addr(p) < addr(full.pools[i].pool.address) + g.pool_size))
            ++i;
        BOOST_REQUIRE(i < full.pools.size());
        BOOST_REQUIRE_EQUAL(full.pools[i].pool.state, MINIPY_POOL_FULL);
        pools[i].push_back(p);
    }
    // Empty 2 pools in the first arena, 5 in the second, 1 in the third.
    const std::size_t emptied[3] = {2, 5, 1};
    const std::size_t per_arena = full.pools.size() / 3;
    for (std::size_t arena = 0; arena < 3; ++arena)
        for (std::size_t k = 0; k < emptied[arena]; ++k) free_all(pools[arena * per_arena + k]);

    const minipy::test::HeapView view = heap_view();
    BOOST_REQUIRE_EQUAL(view.arenas.size(), 3u);
    std::vector<std::size_t> order;
    for (const minipy_arena_info &a : view.arenas) {
        BOOST_TEST(a.usable_rank == order.size());
        order.push_back(a.free_pools);
    }
    BOOST_TEST(order == (std::vector<std::size_t>{1, 2, 5}), "ascending free pools");

    // A new pool comes from the fullest arena (one free pool), which then is wholly used.
    void *block = PyObject_Malloc(32);
    const minipy::test::HeapView after = heap_view();
    const char *third = static_cast<const char *>(view.arenas[0].first_pool);
    BOOST_TEST(
        (static_cast<char *>(block) >= third && static_cast<char *>(block) < third + g.arena_size));
    BOOST_TEST(after.arenas.back().usable_rank == static_cast<std::size_t>(-1));
    PyObject_Free(block);
    for (auto &p : pools) free_all(p);
}

BOOST_DATA_TEST_CASE(empty_arenas_go_back_except_the_last_usable_one,
                     bdata::make(minipy::test::geometry_names()), geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    const std::size_t per_arena = blocks_per_aligned_arena(512);
    std::vector<void *> first = allocate(per_arena, 512);
    std::vector<void *> second = allocate(per_arena, 512);
    BOOST_REQUIRE_EQUAL(pymalloc_stats().arenas_allocated_current, 2u);
    free_all(first);
    free_all(second);
    // One arena went back when it emptied; the other, last in the usable list, is kept so
    // that a loop allocating one block does not map and unmap an arena every time.
    minipy_pymalloc_stats stats = pymalloc_stats();
    BOOST_TEST(stats.arenas_allocated_current == 1u);
    BOOST_TEST(stats.arenas_reclaimed == stats.arenas_allocated_total - 1);
    for (int i = 0; i < 1000; ++i) PyObject_Free(PyObject_Malloc(100));
    BOOST_TEST(pymalloc_stats().arenas_allocated_total == stats.arenas_allocated_total);
    BOOST_TEST(minipy_pymalloc_release_free_arenas() == 1u);
    BOOST_TEST(pymalloc_stats().arenas_allocated_current == 0u);
}

BOOST_AUTO_TEST_CASE(realloc_keeps_the_block_while_it_fits_and_is_over_three_quarters) {
    NoArenasScope clean;
    struct Case {
        std::size_t from, to;
        bool same;
    };
    // The cases CPython 3.8 and 3.12 were observed to keep or move (pymalloc_realloc in
    // Objects/obmalloc.c keeps a block whose new size still fits and is above three quarters of its
    // size class).
    const Case cases[] = {{512, 400, true},  {512, 385, true}, {512, 384, false},
                          {512, 383, false}, {100, 112, true}, {100, 113, false},
                          {16, 13, true},    {16, 12, false},  {500, 600, false},
                          {48, 37, true},    {48, 36, false},  {1, 16, true}};
    for (const Case &c : cases) {
        auto *p = static_cast<unsigned char *>(PyObject_Malloc(c.from));
        std::memset(p, 0x7E, c.from);
        auto *q = static_cast<unsigned char *>(PyObject_Realloc(p, c.to));
        BOOST_REQUIRE(q != nullptr);
        BOOST_TEST((q == p) == c.same, c.from << " -> " << c.to);
        for (std::size_t i = 0; i < std::min(c.from, c.to); ++i) BOOST_REQUIRE(q[i] == 0x7E);
        PyObject_Free(q);
    }
}

BOOST_AUTO_TEST_CASE(realloc_never_adopts_a_raw_block) {
    NoArenasScope clean;
    minipy::test::CountingHook raw(PYMEM_DOMAIN_RAW);
    for (std::size_t shrink_to : {std::size_t{100}, std::size_t{10}, std::size_t{0}}) {
        void *p = PyObject_Malloc(600);
        BOOST_REQUIRE(!owned_by_pymalloc(p));
        void *q = PyObject_Realloc(p, shrink_to);
        BOOST_REQUIRE(q != nullptr);
        BOOST_TEST(!owned_by_pymalloc(q), "600 -> " << shrink_to << " left the raw domain");
        PyObject_Free(q);
    }
    BOOST_TEST(raw.reallocs == 3u);
    BOOST_TEST(pymalloc_stats().raw_fallback_blocks == 0);
}

BOOST_AUTO_TEST_CASE(without_an_arena_small_requests_fall_back_to_the_raw_domain) {
    NoArenasScope clean;
    PyObjectArenaAllocator saved;
    PyObject_GetArenaAllocator(&saved);
    PyObjectArenaAllocator refusing{nullptr, [](void *, size_t) -> void * { return nullptr; },
                                    [](void *, void *, size_t) {}};
    PyObject_SetArenaAllocator(&refusing);
    void *p = PyObject_Malloc(32);
    void *z = PyObject_Calloc(4, 8);
    PyObject_SetArenaAllocator(&saved);
    BOOST_REQUIRE(p != nullptr);
    BOOST_REQUIRE(z != nullptr);
    BOOST_TEST(!owned_by_pymalloc(p));
    BOOST_TEST(static_cast<unsigned char *>(z)[31] == 0);
    BOOST_TEST(pymalloc_stats().raw_fallback_blocks == 2);
    BOOST_TEST(pymalloc_stats().arenas_allocated_current == 0u);
    PyObject_Free(p);
    PyObject_Free(z);
    BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
}

BOOST_AUTO_TEST_CASE(when_raw_memory_is_out_too_malloc_returns_null_and_recovers) {
    NoArenasScope clean;
    {
        // The arena descriptor and the fallback both come from the raw domain.
        minipy::test::FailingHook raw_out(PYMEM_DOMAIN_RAW, 0);
        BOOST_TEST(PyObject_Malloc(32) == nullptr);
        BOOST_TEST(PyMem_Malloc(1000) == nullptr);
        BOOST_TEST(raw_out.failures() >= 2u);
    }
    BOOST_TEST(pymalloc_stats().arenas_allocated_current == 0u);  // nothing half-made
    BOOST_TEST(minipy::pymalloc::state_is_valid());
    void *p = PyObject_Malloc(32);
    BOOST_TEST(owned_by_pymalloc(p));
    PyObject_Free(p);
}

BOOST_AUTO_TEST_CASE(mem_and_obj_share_pymalloc_blocks) {
    NoArenasScope clean;
    // Without debug hooks both domains hold the same allocator, so a release build tolerates
    // a block crossing them (the hooks will report it as an API misuse).
    void *p = PyMem_Malloc(40);
    BOOST_TEST(owned_by_pymalloc(p));
    BOOST_TEST(_Py_GetAllocatedBlocks() == 1);
    PyObject_Free(p);
    BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
}

BOOST_DATA_TEST_CASE(state_stays_valid_through_heavy_churn,
                     bdata::make(minipy::test::geometry_names()), geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    std::vector<void *> live;
    std::uint64_t x = 88172645463325252ull;
    auto next = [&] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    // A tenth of it under MINIPY_TEST_SIZE=small: the invariants preset checks the whole heap
    // at each new pool as well.
    const int steps = minipy::test::test_size(200000, 20000);
    const std::size_t max_live = minipy::test::test_size<std::size_t>(20000, 2000);
    for (int step = 0; step < steps; ++step) {
        if (live.size() < max_live && (next() % 3 != 0 || live.empty())) {
            live.push_back(PyObject_Malloc(1 + next() % 512));
        } else {
            const std::size_t i = next() % live.size();
            PyObject_Free(live[i]);
            live[i] = live.back();
            live.pop_back();
        }
        if (step % (steps / 10) == 0) BOOST_REQUIRE(minipy::pymalloc::state_is_valid());
    }
    BOOST_TEST(_Py_GetAllocatedBlocks() == static_cast<Py_ssize_t>(live.size()));
    free_all(live);
    BOOST_TEST(minipy::pymalloc::state_is_valid());
}

BOOST_AUTO_TEST_SUITE_END()
