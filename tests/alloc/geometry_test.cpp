// pymalloc's geometry chosen at start-up: minipy_pymalloc_configure() and
// MINIPY_PYMALLOC_GEOMETRY (in a child process), what each geometry's arenas and pools look
// like through the public views, and the refusals (unknown names, a change while blocks
// live).
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "alloc/support/pymalloc_state.hpp"
#include "pymalloc/arena_map.hpp"
#include "support/child.hpp"

namespace bdata = boost::unit_test::data;
using minipy::test::GeometryScope;
using minipy::test::heap_view;
using minipy::test::NoArenasScope;
using minipy::test::pymalloc_geometry;
using minipy::test::run_child;

namespace {

struct Expected {
    const char *name;
    std::size_t pool_size;
    std::size_t arena_size;
};
std::ostream &operator<<(std::ostream &out, const Expected &e) {
    return out << e.name;
}
const std::vector<Expected> kGeometries = {{"small", 4096, std::size_t{256} * 1024},
                                           {"large", 16384, std::size_t{1024} * 1024}};

std::uintptr_t addr(const void *p) {
    return reinterpret_cast<std::uintptr_t>(p);
}

#if defined(MINIPY_LARGE_POOLS)
constexpr std::size_t kDefaultPoolSize = 16384;
#else
constexpr std::size_t kDefaultPoolSize = 4096;
#endif

}  // namespace

BOOST_AUTO_TEST_SUITE(geometry)

BOOST_DATA_TEST_CASE(each_geometry_gives_its_pools_and_arenas, bdata::make(kGeometries), e) {
    GeometryScope in_geometry(e.name);
    NoArenasScope clean;
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    BOOST_TEST(g.pool_size == e.pool_size);
    BOOST_TEST(g.arena_size == e.arena_size);
    BOOST_TEST(g.max_pools_in_arena == 64u);
    BOOST_TEST(g.pool_overhead == 48u);
    void *p = PyObject_Malloc(100);
    const minipy::test::HeapView view = heap_view();
    BOOST_REQUIRE_EQUAL(view.arenas.size(), 1u);
    const minipy_arena_info &arena = view.arenas[0];
    BOOST_TEST(addr(arena.address) % e.arena_size == 0u);  // the default allocator aligns them
    BOOST_TEST(arena.total_pools == minipy::test::pools_per_aligned_arena());
    BOOST_TEST(view.pools.size() == arena.total_pools);
    for (const minipy::test::PoolView &v : view.pools) {
        BOOST_TEST(addr(v.pool.address) % e.pool_size == 0u);
        BOOST_TEST(addr(v.pool.address) >= addr(arena.address));
        BOOST_TEST(addr(v.pool.address) + e.pool_size <= addr(arena.address) + e.arena_size);
    }
    // Every 256 KiB of the arena is marked for the free fast path.
    for (std::uintptr_t at = addr(arena.address); at < addr(arena.address) + e.arena_size;
         at += minipy::test::kMapSlotSize)
        BOOST_TEST(minipy::pymalloc::arena_map::in_aligned_arena(reinterpret_cast<void *>(at)));
    const minipy_pool_info pool = minipy::test::pool_info_of(p);
    BOOST_TEST(addr(p) >= addr(pool.address));
    BOOST_TEST(addr(p) < addr(pool.address) + e.pool_size);
    PyObject_Free(p);
}

BOOST_AUTO_TEST_CASE(dense_headers_live_in_the_table_of_their_slot) {
    for (const char *name : minipy::test::geometry_names()) {
        GeometryScope in_geometry(name);
        NoArenasScope clean;
        const minipy_pymalloc_geometry g = pymalloc_geometry();
        // One block in each pool of an arena: 512-byte blocks, a pool's worth at a time.
        std::vector<void *> blocks;
        while (minipy::test::pymalloc_stats().arenas_allocated_current < 2)
            blocks.push_back(PyObject_Malloc(512));
        const minipy::test::HeapView view = heap_view();
        for (const minipy::test::PoolView &v : view.pools) {
            if (v.pool.state == MINIPY_POOL_UNCARVED) continue;
            const std::uintptr_t pool = addr(v.pool.address), header = addr(v.pool.header);
            if (!minipy::test::dense_headers()) {
                BOOST_TEST(header == pool);
                BOOST_TEST(v.arena.header_table == nullptr);
                continue;
            }
            // Header i of a 256 KiB slot: i * pool_size / 64 bytes into the slot, in its
            // first 4 KiB; pool i: i * pool_size bytes in.
            const std::uintptr_t slot = pool & ~(minipy::test::kMapSlotSize - 1);
            const std::uintptr_t i = (pool - slot) / g.pool_size;
            BOOST_TEST(header == slot + i * (g.pool_size / 64), name << " pool " << i);
            BOOST_TEST(header - slot < minipy::test::kHeaderTableSize);
            BOOST_TEST(v.arena.header_table == v.arena.address);
        }
        for (void *p : blocks) PyObject_Free(p);
    }
}

BOOST_AUTO_TEST_CASE(names_are_checked_and_default_is_the_builds) {
    NoArenasScope clean;
    BOOST_TEST(minipy_pymalloc_configure("medium") == -1);
    BOOST_TEST(minipy_pymalloc_configure("Large") == -1);  // exact, as PYTHONMALLOC's names
    BOOST_TEST(pymalloc_geometry().pool_size == kDefaultPoolSize);
    for (const char *name : {"large", "default", "small", "", "large"}) {
        BOOST_REQUIRE(minipy_pymalloc_configure(name) == 0);
        const std::size_t expected = std::string(name) == "large"   ? 16384u
                                     : std::string(name) == "small" ? 4096u
                                                                    : kDefaultPoolSize;
        BOOST_TEST(pymalloc_geometry().pool_size == expected, name);
    }
    BOOST_REQUIRE(minipy_pymalloc_configure(nullptr) == 0);
    BOOST_TEST(pymalloc_geometry().pool_size == kDefaultPoolSize);
}

BOOST_AUTO_TEST_CASE(the_geometry_cannot_change_while_a_block_lives) {
    NoArenasScope clean;
    const char *other = kDefaultPoolSize == 4096 ? "large" : "small";
    void *p = PyObject_Malloc(64);
    BOOST_TEST(minipy_pymalloc_configure(other) == -2);
    BOOST_TEST(pymalloc_geometry().pool_size == kDefaultPoolSize);
    BOOST_TEST(minipy_pymalloc_configure(nullptr) == 0);  // asking for what is in use is fine
    BOOST_TEST(minipy::test::pool_info_of(p).state == MINIPY_POOL_USED);
    PyObject_Free(p);
    // Only empty arenas left (one kept against thrashing): they are given back, and it works.
    BOOST_REQUIRE(minipy::test::pymalloc_stats().arenas_allocated_current == 1u);
    BOOST_TEST(minipy_pymalloc_configure(other) == 0);
    BOOST_TEST(minipy::test::pymalloc_stats().arenas_allocated_current == 0u);
    BOOST_TEST(minipy_pymalloc_configure(nullptr) == 0);
}

BOOST_AUTO_TEST_CASE(minipy_pymalloc_geometry_chooses_at_start_up) {
    using Env = minipy::test::EnvChanges;
    struct Case {
        Env env;
        std::string out;
    };
    const std::string small = "pools 4096 arenas 262144 held 262144";
    const std::string large = "pools 16384 arenas 1048576 held 1048576";
    const Case cases[] = {
        {{{"MINIPY_PYMALLOC_GEOMETRY", "small"}, {"PYTHONMALLOC", "pymalloc"}}, small},
        {{{"MINIPY_PYMALLOC_GEOMETRY", "large"}, {"PYTHONMALLOC", "pymalloc"}}, large},
        {{{"MINIPY_PYMALLOC_GEOMETRY", ""}, {"PYTHONMALLOC", "pymalloc"}},
         kDefaultPoolSize == 4096 ? small : large},
        {{{"MINIPY_PYMALLOC_GEOMETRY", std::nullopt}, {"PYTHONMALLOC", "pymalloc"}},
         kDefaultPoolSize == 4096 ? small : large},
        // Under the debug hooks too: pymalloc still serves the blocks.
        {{{"MINIPY_PYMALLOC_GEOMETRY", "large"}, {"PYTHONMALLOC", "pymalloc_debug"}}, large},
    };
    for (const Case &c : cases) {
        const minipy::test::ChildResult child = run_child({MINIPY_ALLOC_CHILD, "geometry"}, c.env);
        BOOST_TEST_REQUIRE(child.exited(0), child.err);
        BOOST_TEST(child.out == c.out + "\n");
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_geometry_stops_start_up_with_status_1) {
    const minipy::test::ChildResult child =
        run_child({MINIPY_ALLOC_CHILD, "geometry"},
                  {{"MINIPY_PYMALLOC_GEOMETRY", "huge"}, {"PYTHONMALLOC", std::nullopt}});
    BOOST_TEST(child.exited(1));
    BOOST_TEST(child.out.empty());
    const std::vector<std::string> lines = child.err_lines();
    BOOST_REQUIRE(lines.size() >= 3u);
    BOOST_TEST(lines[0] ==
               "Fatal Python error: minipy_alloc_init_from_env: MINIPY_PYMALLOC_GEOMETRY: "
               "unknown geometry");
    BOOST_TEST(lines[1] == "MINIPY_PYMALLOC_GEOMETRY=huge (expected default, small or large)");
    BOOST_TEST(lines[2] == "Python runtime state: preinitializing");
}

BOOST_AUTO_TEST_CASE(a_geometry_asked_for_after_the_first_block_stops_start_up) {
    const char *other = kDefaultPoolSize == 4096 ? "large" : "small";
    const minipy::test::ChildResult child =
        run_child({MINIPY_ALLOC_CHILD, "geometry-late"},
                  {{"MINIPY_PYMALLOC_GEOMETRY", other}, {"PYTHONMALLOC", std::nullopt}});
    BOOST_TEST(child.exited(1));
    const std::vector<std::string> lines = child.err_lines();
    BOOST_REQUIRE(lines.size() >= 2u);
    BOOST_TEST(lines[0] ==
               "Fatal Python error: minipy_alloc_init_from_env: MINIPY_PYMALLOC_GEOMETRY: "
               "pymalloc already holds blocks");
    BOOST_TEST(lines[1] == std::string("MINIPY_PYMALLOC_GEOMETRY=") + other +
                               " (the geometry can only change before the first block is "
                               "allocated)");
    // The same variable naming the geometry in use is no change, and no error.
    const minipy::test::ChildResult same =
        run_child({MINIPY_ALLOC_CHILD, "geometry-late"},
                  {{"MINIPY_PYMALLOC_GEOMETRY", kDefaultPoolSize == 4096 ? "small" : "large"},
                   {"PYTHONMALLOC", std::nullopt}});
    BOOST_TEST(same.exited(0), same.err);
}

BOOST_AUTO_TEST_SUITE_END()
