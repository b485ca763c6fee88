// PyObject_GetArenaAllocator / PyObject_SetArenaAllocator: where pymalloc gets its arenas
// and where it gives them back, and how it decides that a pointer is (not) one of its
// blocks.
//
// Every case starts with no arena at all (otherwise pymalloc would serve the requests from
// arenas it already holds and never call the allocator under test) and puts the saved arena
// allocator back at its end. The allocators and helpers are in support/arena_allocators.hpp:
// the static-buffer allocator serves arenas aligned to the arena size, to the pool size
// only, or deliberately to neither.
#include <algorithm>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <set>
#include <vector>

#include "alloc/support/arena_allocators.hpp"
#include "alloc/support/pymalloc_state.hpp"
#include "minipy/pymalloc.h"
#include "minipy/pymem.h"
#include "support/alloc_hooks.hpp"

namespace bdata = boost::unit_test::data;
using minipy::test::CountingHook;
using minipy::test::DomainHook;

using namespace minipy::test::arenas;

BOOST_AUTO_TEST_SUITE(arena_allocator)

BOOST_AUTO_TEST_CASE(the_buffer_has_room_for_either_geometry) {
    for (const char *name : minipy::test::geometry_names()) {
        GeometryScope scope(name);
        const minipy_pymalloc_geometry g = geometry();
        BOOST_TEST(g.arena_size <= kMaxArenaSize);
        BOOST_TEST(kMaxArenaSize % g.arena_size == 0u);
        BOOST_TEST(g.max_pools_in_arena == g.arena_size / g.pool_size);
    }
}

BOOST_AUTO_TEST_CASE(counting_allocator_on_the_default_sees_one_alloc_and_one_free_per_arena) {
    require_no_arenas();
    ArenaAllocatorScope scope;
    const PyObjectArenaAllocator original = scope.saved();
    BOOST_REQUIRE(original.alloc != nullptr);
    BOOST_REQUIRE(original.free != nullptr);

    CountingArenas counting(original);
    install(counting.allocator());
    {
        PyObjectArenaAllocator now;
        PyObject_GetArenaAllocator(&now);
        BOOST_TEST(
            (now.ctx == &counting && now.alloc != original.alloc && now.free != original.free),
            "get returns what set installed");
    }

    // 512-byte blocks until a second arena is needed; after every block, the arenas
    // pymalloc says it created are exactly the allocator's calls.
    const minipy_pymalloc_stats before = stats();
    OwnedBlocks blocks;
    while (counting.allocs.size() < 2 && blocks.size() < 10000) {
        BOOST_REQUIRE(blocks.malloc(512) != nullptr);
        const minipy_pymalloc_stats now = stats();
        BOOST_REQUIRE_EQUAL(now.arenas_allocated_total - before.arenas_allocated_total,
                            counting.allocs.size());
        BOOST_REQUIRE_EQUAL(now.arenas_allocated_current, counting.allocs.size());
    }
    BOOST_REQUIRE_EQUAL(counting.allocs.size(), 2u);
    const minipy_pymalloc_geometry g = geometry();
    for (const CountingArenas::Call &call : counting.allocs) BOOST_TEST(call.size == g.arena_size);
    BOOST_TEST(counting.allocs[0].ptr != counting.allocs[1].ptr);
    // The default allocator's arenas are aligned: the first filled all its pools.
    BOOST_TEST(blocks.size() == minipy::test::blocks_per_aligned_arena(512) + 1);
    std::set<const void *> walked;
    for (const minipy_arena_info &a : arenas()) walked.insert(a.address);
    BOOST_TEST((walked == std::set<const void *>{counting.allocs[0].ptr, counting.allocs[1].ptr}));

    // Freeing every block empties both arenas: one goes back at once, the last usable one
    // is kept against thrashing (bpo-37257) until release_free_arenas().
    blocks.free_all();
    BOOST_TEST(counting.frees.size() == 1u);
    BOOST_TEST(stats().arenas_allocated_current == 1u);
    BOOST_TEST(minipy_pymalloc_release_free_arenas() == 1u);
    BOOST_REQUIRE_EQUAL(counting.frees.size(), 2u);
    std::set<void *> freed, allocated;
    for (const CountingArenas::Call &call : counting.frees) {
        BOOST_TEST(call.size == g.arena_size);
        freed.insert(call.ptr);
    }
    for (const CountingArenas::Call &call : counting.allocs) allocated.insert(call.ptr);
    BOOST_TEST((freed == allocated), "each arena given back with the pointer it came with");
    BOOST_TEST(counting.foreign_frees == 0u);
    const minipy_pymalloc_stats after = stats();
    BOOST_TEST(after.arenas_allocated_current == 0u);
    BOOST_TEST(after.arenas_reclaimed - before.arenas_reclaimed == 2u);
}

BOOST_DATA_TEST_CASE(arenas_from_a_static_buffer_serve_every_class_then_fall_back_to_raw,
                     bdata::make(buffer_cases()), buffer_case) {
    const BufferLayout &layout = buffer_case.layout;
    require_no_arenas();
    GeometryScope geometry_scope(buffer_case.geometry);
    ArenaAllocatorScope scope;
    BufferArenas buffer(layout.offset());
    install(buffer.allocator());
    const minipy_pymalloc_geometry g = geometry();
    const minipy_pymalloc_stats before = stats();
    const Py_ssize_t blocks_at_start = _Py_GetAllocatedBlocks();

    // One block of every class per round, until the buffer has refused an arena; then some
    // more rounds, so that classes whose pools fill up meet the exhausted buffer.
    struct Block {
        unsigned char *p;
        std::size_t size;
        bool buffer_had_room;  // no arena had been refused when it was handed out
    };
    std::vector<Block> blocks;
    OwnedBlocks owned;
    int rounds_after_exhaustion = 0;
    for (int round = 0; round < 20000 && rounds_after_exhaustion < 50; ++round) {
        for (std::size_t c = 0; c < g.num_size_classes; ++c) {
            const std::size_t size = g.alignment * (c + 1);
            auto *p = static_cast<unsigned char *>(owned.malloc(size));
            BOOST_REQUIRE(p != nullptr);
            std::memset(p, pattern(blocks.size()), size);
            blocks.push_back({p, size, buffer.refusals == 0});
        }
        if (buffer.refusals > 0) ++rounds_after_exhaustion;
    }
    BOOST_REQUIRE_MESSAGE(buffer.refusals > 0, "the buffer never ran out");
    BOOST_TEST(buffer.allocs == kBufferArenas);
    BOOST_TEST(buffer.bad_calls == 0u);

    // Every arena pymalloc holds is one of the buffer's, and the stats see the alignment.
    const minipy_pymalloc_stats full = stats();
    BOOST_TEST(full.arenas_allocated_current == kBufferArenas);
    BOOST_TEST(full.arena_alignment_bytes ==
               (layout.loses_a_pool() ? g.pool_size * kBufferArenas : 0));
    BOOST_TEST(full.total == full.arena_bytes);
    const std::vector<minipy_arena_info> held = arenas();
    BOOST_REQUIRE_EQUAL(held.size(), kBufferArenas);
    for (const minipy_arena_info &a : held) {
        BOOST_TEST(buffer.contains(a.address));
        BOOST_TEST((address(a.address) - address(buffer.arena(0))) % g.arena_size == 0u);
        const bool table_pool = layout.aligned() && minipy::test::dense_headers() &&
                                g.pool_size == minipy::test::kHeaderTableSize;
        BOOST_TEST(a.total_pools ==
                   g.max_pools_in_arena - (layout.loses_a_pool() || table_pool ? 1 : 0));
        BOOST_TEST((a.header_table != nullptr) ==
                   (layout.aligned() && minipy::test::dense_headers()));
    }

    // Blocks: those handed out while the buffer had room lie in the pools of one of its
    // arenas; the others are either there too (a class's pool still had room) or come from
    // the raw domain, and pymalloc counts them as raw-fallback blocks.
    Py_ssize_t outside = 0;
    for (const Block &b : blocks) {
        const bool in_pool = std::any_of(held.begin(), held.end(), [&](const minipy_arena_info &a) {
            return address(b.p) >= address(a.first_pool) &&
                   address(b.p) + b.size <= address(a.address) + g.arena_size;
        });
        if (b.buffer_had_room)
            BOOST_REQUIRE_MESSAGE(in_pool, "block of " << b.size << " bytes outside the buffer");
        if (!in_pool) {
            BOOST_REQUIRE(!buffer.contains(b.p));
            ++outside;
        }
    }
    BOOST_TEST(outside > 0);
    BOOST_TEST(full.raw_fallback_blocks - before.raw_fallback_blocks == outside);
    BOOST_TEST(_Py_GetAllocatedBlocks() - blocks_at_start ==
               static_cast<Py_ssize_t>(blocks.size()));

    // Nothing overlapped: every block still holds its own pattern.
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const Block &b = blocks[i];
        for (std::size_t k = 0; k < b.size; ++k)
            if (b.p[k] != pattern(i)) {
                BOOST_ERROR("block " << i << " (" << b.size << " bytes) overwritten at " << k);
                break;
            }
    }

    // Every block goes back through PyObject_Free, wherever it came from.
    owned.free_all();
    BOOST_TEST(stats().raw_fallback_blocks == before.raw_fallback_blocks);
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start);
    minipy_pymalloc_release_free_arenas();
    BOOST_TEST(buffer.frees == kBufferArenas);
    BOOST_TEST(buffer.in_use() == 0u);
    BOOST_TEST(buffer.bad_calls == 0u);
    BOOST_TEST(stats().arenas_allocated_current == 0u);
}

BOOST_DATA_TEST_CASE(arenas_go_back_to_their_allocator_after_another_is_set, bdata::make(kLayouts),
                     layout) {
    require_no_arenas();
    ArenaAllocatorScope scope;
    BufferArenas buffer(layout.offset());
    CountingArenas counting(scope.saved());  // installed later
    OwnedBlocks blocks;                      // after both allocators: freed before them
    install(buffer.allocator());
    while (buffer.allocs < 2 && blocks.size() < 10000) BOOST_REQUIRE(blocks.malloc(512) != nullptr);
    BOOST_REQUIRE_EQUAL(buffer.allocs, 2u);

    // A different allocator from now on; no new arena is needed before everything is freed.
    install(counting.allocator());
    blocks.free_all();
    minipy_pymalloc_release_free_arenas();
    BOOST_TEST(buffer.frees == 2u);
    BOOST_TEST(buffer.in_use() == 0u);
    BOOST_TEST(buffer.bad_calls == 0u);
    BOOST_TEST(counting.allocs.empty());
    BOOST_TEST(counting.frees.empty());
    BOOST_TEST(counting.foreign_frees == 0u, "an arena went to an allocator that never gave it");
    BOOST_TEST(stats().arenas_allocated_current == 0u);
}

BOOST_DATA_TEST_CASE(arenas_of_two_allocators_each_go_back_to_their_own, bdata::make(kLayouts),
                     layout) {
    require_no_arenas();
    ArenaAllocatorScope scope;
    BufferArenas buffer(layout.offset());
    CountingArenas counting(scope.saved());  // installed later
    OwnedBlocks blocks;                      // after both allocators: freed before them
    install(buffer.allocator());
    while (buffer.allocs < 2 && blocks.size() < 10000) BOOST_REQUIRE(blocks.malloc(512) != nullptr);
    BOOST_REQUIRE_EQUAL(buffer.allocs, 2u);

    // Now the counting allocator: more blocks fill the buffer's arenas, then need one of its.
    install(counting.allocator());
    while (counting.allocs.empty() && blocks.size() < 20000)
        BOOST_REQUIRE(blocks.malloc(512) != nullptr);
    BOOST_REQUIRE_EQUAL(counting.allocs.size(), 1u);
    BOOST_TEST(buffer.allocs == 2u);
    BOOST_TEST(!buffer.contains(counting.allocs[0].ptr));

    blocks.free_all();
    minipy_pymalloc_release_free_arenas();
    BOOST_TEST(buffer.frees == 2u);
    BOOST_TEST(buffer.in_use() == 0u);
    BOOST_TEST(buffer.bad_calls == 0u, "the buffer was given an arena it never handed out");
    BOOST_REQUIRE_EQUAL(counting.frees.size(), 1u);
    BOOST_TEST(counting.frees[0].ptr == counting.allocs[0].ptr);
    BOOST_TEST(counting.frees[0].size == arena_size());
    BOOST_TEST(counting.foreign_frees == 0u, "the counting allocator was given a buffer arena");
    BOOST_TEST(stats().arenas_allocated_current == 0u);
}

// --- Ownership: never read foreign memory, hand it to the raw domain ----------------------

BOOST_AUTO_TEST_CASE(pointers_from_malloc_are_freed_by_the_raw_domain) {
    // A live pymalloc block, so that pymalloc holds an arena and its map is in use.
    OwnedBlocks own;
    BOOST_REQUIRE(own.malloc(64) != nullptr);
    const std::size_t pool_blocks = blocks_in_pools();
    const Py_ssize_t blocks_at_start = _Py_GetAllocatedBlocks();
    const std::vector<minipy_arena_info> held = arenas();
    BOOST_REQUIRE(!held.empty());

    using FreeFn = void (*)(void *);
    const FreeFn frees[] = {PyObject_Free, PyMem_Free};
    // Small heap blocks (rounding them down to a pool boundary lands on someone else's
    // memory), a page-sized one, and a large mmapped one.
    const std::size_t sizes[] = {1, 16, 64, 512, 4096, 3 * arena_size()};
    Py_ssize_t foreign = 0;
    for (FreeFn free_fn : frees) {
        for (std::size_t size : sizes) {
            void *p = std::malloc(size);
            BOOST_REQUIRE(p != nullptr);
            std::memset(p, 0x6B, size);
            // Nothing of pymalloc's in the pointer's slot of the arena map: no arena
            // overlaps it.
            const std::uintptr_t slot = address(p) / kMapSlotSize;
            for (const minipy_arena_info &a : held)
                BOOST_REQUIRE(slot < address(a.address) / kMapSlotSize ||
                              slot > (address(a.address) + arena_size() - 1) / kMapSlotSize);
            CountingHook raw(PYMEM_DOMAIN_RAW);
            free_fn(p);
            ++foreign;
            BOOST_TEST(raw.frees == 1u, "size " << size);
            BOOST_TEST(raw.last_ptr == p);
        }
    }
    // realloc of a foreign block stays with the raw domain's realloc.
    void *p = std::malloc(50);
    BOOST_REQUIRE(p != nullptr);
    std::memset(p, 0x21, 50);
    void *q = nullptr;
    {
        CountingHook raw(PYMEM_DOMAIN_RAW);
        q = PyObject_Realloc(p, 20);
        BOOST_TEST(raw.reallocs == 1u);
        BOOST_TEST(raw.last_ptr == p);
        BOOST_TEST(raw.last_size == 20u);
    }
    BOOST_REQUIRE(q != nullptr);
    BOOST_TEST(static_cast<unsigned char *>(q)[19] == 0x21);
    std::free(q);

    BOOST_TEST(blocks_in_pools() == pool_blocks, "a foreign pointer went into a pool");
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start - foreign);
    give_back_raw_fallback_count(foreign);
    own.free_all();
}

// A raw-domain hook that swallows frees of pointers into kBuffer (they are not heap
// memory) and passes everything else on.
class BufferFreeCatcher final : public DomainHook {
  public:
    BufferFreeCatcher() : DomainHook(PYMEM_DOMAIN_RAW) { install(); }
    std::vector<void *> caught;

  private:
    static bool in_buffer(const void *p) {
        return address(p) >= address(kBuffer) && address(p) < address(kBuffer) + kBufferSize;
    }
    void *on_malloc(std::size_t size) override { return inner_.malloc(inner_.ctx, size); }
    void *on_calloc(std::size_t nelem, std::size_t elsize) override {
        return inner_.calloc(inner_.ctx, nelem, elsize);
    }
    void *on_realloc(void *ptr, std::size_t size) override {
        return inner_.realloc(inner_.ctx, ptr, size);
    }
    void on_free(void *ptr) override {
        if (in_buffer(ptr))
            caught.push_back(ptr);
        else
            inner_.free(inner_.ctx, ptr);
    }
};

BOOST_AUTO_TEST_CASE(pointers_beside_an_unaligned_arena_in_its_slots_go_to_the_raw_domain) {
    // An unaligned arena shares its two arena slots with memory that is not pymalloc's.
    // Pointers there must be told apart from the arena's pools by position, not by reading
    // a would-be pool header. The buffer stands in for such foreign memory: its frees are
    // caught by a raw-domain hook instead of reaching the C library.
    require_no_arenas();
    ArenaAllocatorScope scope;
    BufferArenas buffer(unaligned_offset());
    OwnedBlocks blocks;
    install(buffer.allocator());
    void *own = blocks.malloc(64);
    BOOST_REQUIRE(own != nullptr);
    BOOST_REQUIRE_EQUAL(buffer.allocs, 1u);
    BOOST_REQUIRE(buffer.contains(own));

    const std::uintptr_t arena = address(buffer.arena(0));
    const std::uintptr_t first_pool = (arena + pool_size() - 1) & ~(pool_size() - 1);
    const std::uintptr_t end = arena + arena_size();
    const std::uintptr_t head_slot = arena / kMapSlotSize;
    const std::uintptr_t tail_slot = (end - 1) / kMapSlotSize;
    const std::uintptr_t candidates[] = {
        address(kBuffer) + 16,  // the head slot, before the arena
        arena + 16,             // the arena's own bytes before its first pool
        first_pool - 16,        // ... their last 16 bytes
        end - 16,               // the tail slot: after the last whole pool
        end + pool_size(),      // the tail slot, beyond the arena
    };
    for (std::uintptr_t c : candidates)
        BOOST_REQUIRE(c / kMapSlotSize == head_slot || c / kMapSlotSize == tail_slot);

    const std::size_t pool_blocks = blocks_in_pools();
    const Py_ssize_t blocks_at_start = _Py_GetAllocatedBlocks();
    Py_ssize_t foreign = 0;
    {
        BufferFreeCatcher catcher;
        for (std::uintptr_t c : candidates) {
            void *p = reinterpret_cast<void *>(c);
            PyObject_Free(p);
            PyMem_Free(p);
            foreign += 2;
            BOOST_REQUIRE_EQUAL(catcher.caught.size(), static_cast<std::size_t>(foreign));
            BOOST_TEST(catcher.caught[foreign - 2] == p, "offset " << c - arena);
            BOOST_TEST(catcher.caught[foreign - 1] == p);
        }
        // The arena's own block, in the same slot, is still pymalloc's.
        BOOST_TEST(blocks_in_pools() == pool_blocks);
        blocks.free_all();
        BOOST_TEST(blocks_in_pools() == pool_blocks - 1);
        BOOST_TEST(catcher.caught.size() == static_cast<std::size_t>(foreign));
    }
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start - 1 - foreign);
    give_back_raw_fallback_count(foreign);
    minipy_pymalloc_release_free_arenas();
    BOOST_TEST(buffer.frees == 1u);
    BOOST_TEST(buffer.bad_calls == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
