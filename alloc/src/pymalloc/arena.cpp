// Arenas: creating them, handing out their pools, keeping usable_arenas sorted, giving
// them back. The ordering rules and why they exist are in arena.hpp.
#include "pymalloc/arena.hpp"

#include <sys/mman.h>

#include <iterator>
#include <new>

#include "pymalloc/arena_map.hpp"
#include "pymalloc/pymalloc.hpp"
#include "pymalloc/state.hpp"
#include "support/check.hpp"

namespace minipy::pymalloc {

namespace {

std::uintptr_t align_up(std::uintptr_t value, std::uintptr_t mask) {
    return (value + mask) & ~mask;
}

struct Range {
    std::uintptr_t begin, end;
};

// What the arena map records for an arena: all of it when it is aligned to its size (a
// table, if any, included), otherwise its pools only.
Range owned_range(const Arena &arena) {
    const Layout &layout = g_state.layout;
    if (arena.aligned) return {arena.address, arena.address + layout.arena_size};
    const auto begin = reinterpret_cast<std::uintptr_t>(arena.pools_begin);
    return {begin, begin + (std::uintptr_t{arena.ntotalpools} << layout.pool_bits)};
}

// Out of line, as release_arena(): taken once per arena, and inlined they would make every
// pool transition save and restore registers it does not use.
[[gnu::noinline]] Arena *new_arena() {
    // Like CPython, the statistics are printed before the arena exists: the first report
    // of a run shows no arena at all.
    print_stats_if_requested();
    if (!arena_map::reserve()) return nullptr;

    // The descriptor comes from the raw domain, as CPython's arena objects do, and remembers
    // which raw allocator served it: the raw domain may be re-hooked or replaced while the
    // arena lives, and the block must go back to the allocator that made it.
    PyMemAllocatorEx raw{};
    PyMem_GetAllocator(PYMEM_DOMAIN_RAW, &raw);
    void *descriptor = raw.malloc(raw.ctx, sizeof(Arena));
    if (descriptor == nullptr) return nullptr;
    const PyObjectArenaAllocator source = g_state.arena_allocator;
    void *memory = source.alloc(source.ctx, g_state.layout.arena_size);
    if (memory == nullptr) {
        raw.free(raw.ctx, descriptor);
        return nullptr;
    }
    const Layout &layout = g_state.layout;
    const auto address = reinterpret_cast<std::uintptr_t>(memory);
    Arena *arena = new (descriptor) Arena;
    arena->address = address;
    arena->source = source;
    arena->descriptor_source = raw;
    arena->aligned = (address & layout.arena_mask) == 0;
    arena->has_tables = arena->aligned && kDenseHeaders;
    // With small pools the table is the first pool; with large ones, a part of it.
    const bool table_pool = arena->has_tables && layout.pool_size == kHeaderTableSize;
    const std::uintptr_t first_pool =
        table_pool ? address + layout.pool_size : align_up(address, layout.pool_mask);
    arena->pools_begin = reinterpret_cast<std::byte *>(first_pool);
    arena->pool_address = arena->pools_begin;
    arena->ntotalpools =
        static_cast<std::uint32_t>((address + layout.arena_size - first_pool) >> layout.pool_bits);
    arena->nfreepools = arena->ntotalpools;
    const auto [begin, end] = owned_range(*arena);
    if (!arena_map::mark(begin, end, arena->aligned, true)) {
        // Beyond the address space the map covers: the arena cannot be used.
        arena->~Arena();
        source.free(source.ctx, memory, layout.arena_size);
        raw.free(raw.ctx, descriptor);
        return nullptr;
    }

    Lists &l = lists();
    l.all_arenas.push_back(*arena);
    ++g_state.arenas_allocated_total;
    if (l.all_arenas.size() > g_state.arenas_highwater)
        g_state.arenas_highwater = l.all_arenas.size();
    return arena;
}

[[gnu::noinline]] void release_arena(Arena &arena) {
    AllArenaList &all = lists_of_live_heap().all_arenas;
    all.erase(all.iterator_to(arena));
    const auto [begin, end] = owned_range(arena);
    arena_map::mark(begin, end, arena.aligned, false);
    const PyObjectArenaAllocator source = arena.source;
    source.free(source.ctx, reinterpret_cast<void *>(arena.address), g_state.layout.arena_size);
    const PyMemAllocatorEx raw = arena.descriptor_source;
    arena.~Arena();
    raw.free(raw.ctx, &arena);
}

// Takes `arena` off usable_arenas, keeping nfp2lasta right for its count.
void usable_unlink(Lists &l, Arena &arena) {
    auto it = l.usable_arenas.iterator_to(arena);
    if (l.nfp2lasta[arena.nfreepools] == &arena) {
        Arena *prev = it == l.usable_arenas.begin() ? nullptr : &*std::prev(it);
        l.nfp2lasta[arena.nfreepools] =
            (prev != nullptr && prev->nfreepools == arena.nfreepools) ? prev : nullptr;
    }
    l.usable_arenas.erase(it);
}

}  // namespace

std::uint32_t Arena::carved_pools() const {
    return static_cast<std::uint32_t>((pool_address - pools_begin) >> g_state.layout.pool_bits);
}

Pool *Arena::header_of(const std::byte *pool) const {
    // An aligned arena: the fast path's formula. Any other: the header starts the pool.
    if (aligned) return pool_of_aligned(pool);
    return reinterpret_cast<Pool *>(const_cast<std::byte *>(pool));
}

std::uint16_t Arena::first_block_of(const std::byte *pool) const {
    if (!has_tables) return kBlocksAfterHeader;
    // The slot's first pool holds the table (only with large pools: with small ones that
    // pool is the table and serves no class).
    return (reinterpret_cast<std::uintptr_t>(pool) & kSlotMask) == 0 ? kBlocksAfterTable : 0;
}

Block *allocate_from_new_pool(unsigned size_class) {
    Lists &l = lists();
    if (l.usable_arenas.empty()) {
        Arena *fresh = new_arena();
        if (fresh == nullptr) return nullptr;
        l.usable_arenas.push_front(*fresh);
        MINIPY_ASSERT(l.nfp2lasta[fresh->nfreepools] == nullptr);
        l.nfp2lasta[fresh->nfreepools] = fresh;
    }

    // The head has the fewest free pools; taking one keeps it the head. Only nfp2lasta
    // changes: the head was the last arena with its count iff it was the only one.
    Arena &arena = l.usable_arenas.front();
    MINIPY_ASSERT(arena.nfreepools > 0);
    if (l.nfp2lasta[arena.nfreepools] == &arena) l.nfp2lasta[arena.nfreepools] = nullptr;
    if (arena.nfreepools > 1) {
        MINIPY_ASSERT(l.nfp2lasta[arena.nfreepools - 1] == nullptr);
        l.nfp2lasta[arena.nfreepools - 1] = &arena;
    }

    Pool *pool;
    if (!arena.freepools.empty()) {
        pool = &arena.freepools.front();  // most recently emptied: likely still in cache
        arena.freepools.pop_front();
    } else {
        MINIPY_ASSERT(arena.carved_pools() < arena.ntotalpools);
        // Carve a never-used pool: only its header is written, wherever it lives.
        pool = new (arena.header_of(arena.pool_address)) Pool;
        pool->arena = &arena;
        pool->size_class = kNoSizeClass;
        pool->first_block = arena.first_block_of(arena.pool_address);
        arena.pool_address += g_state.layout.pool_size;
    }
    if (--arena.nfreepools == 0) l.usable_arenas.pop_front();  // wholly used now

    l.usedpools[size_class].push_front(*pool);
    g_state.usedfront[size_class] = pool;
    pool->ref = 1;
    if (pool->size_class == size_class) {
        // An empty pool that served this class before: its header and free list are
        // still right. An empty pool holds at least the two blocks pool_init carved.
        Block *block = pool->freeblock;
        pool->freeblock = block->next;
        MINIPY_ASSERT(pool->freeblock != nullptr);
        return block;
    }
    return pool_init(*pool, size_class);
}

void pool_became_empty(Pool &pool) {
    Lists &l = lists_of_live_heap();
    PoolList &used = l.usedpools[pool.size_class];
    used.erase(used.iterator_to(pool));
    refresh_usedfront(pool.size_class);

    Arena &arena = *pool.arena;
    arena.freepools.push_front(pool);
    std::uint32_t nf = arena.nfreepools;
    const bool was_usable = nf > 0;  // an arena with no free pool is on no list
    Arena *const last_with_nf = l.nfp2lasta[nf];
    if (last_with_nf == &arena) {
        // It was the rightmost arena with nf free pools; its left neighbour may be now.
        auto it = l.usable_arenas.iterator_to(arena);
        Arena *prev = it == l.usable_arenas.begin() ? nullptr : &*std::prev(it);
        l.nfp2lasta[nf] = (prev != nullptr && prev->nfreepools == nf) ? prev : nullptr;
    }
    arena.nfreepools = ++nf;

    // Four cases, as in CPython's insert_to_freepool():
    // 1. All pools free and another usable arena follows: give this one back. The last
    //    usable arena is kept, so that alloc/free of one block does not thrash.
    if (nf == arena.ntotalpools && was_usable &&
        std::next(l.usable_arenas.iterator_to(arena)) != l.usable_arenas.end()) {
        l.usable_arenas.erase(l.usable_arenas.iterator_to(arena));
        release_arena(arena);
        return;
    }
    // 2. Its first free pool: it becomes usable, at the head (it has the fewest).
    if (nf == 1) {
        l.usable_arenas.push_front(arena);
        if (l.nfp2lasta[1] == nullptr) l.nfp2lasta[1] = &arena;
        return;
    }
    if (l.nfp2lasta[nf] == nullptr) l.nfp2lasta[nf] = &arena;
    // 4. It was the last with its old count: the order still holds.
    if (last_with_nf == &arena) return;
    // 3. Slide it right, to just after the last arena with its old count.
    MINIPY_ASSERT(last_with_nf != nullptr);
    l.usable_arenas.erase(l.usable_arenas.iterator_to(arena));
    l.usable_arenas.insert(std::next(l.usable_arenas.iterator_to(*last_with_nf)), arena);
}

std::size_t release_free_arenas() {
    if (!g_state.lists_constructed) return 0;
    Lists &l = lists();
    std::size_t released = 0;
    for (auto it = l.usable_arenas.begin(); it != l.usable_arenas.end();) {
        Arena &arena = *it++;
        if (arena.nfreepools != arena.ntotalpools) continue;
        usable_unlink(l, arena);
        release_arena(arena);
        ++released;
    }
    MINIPY_ASSERT_EXPENSIVE(state_is_valid());
    return released;
}

bool arenas_are_valid() {
    if (!g_state.lists_constructed) return true;
    Lists &l = lists();
    // usable_arenas: sorted ascending, every count positive, nfp2lasta[k] its last k.
    Arena *expected_last[kMaxPoolsInArena + 1] = {};
    std::uint32_t previous = 0;
    std::size_t usable = 0;
    for (Arena &arena : l.usable_arenas) {
        if (arena.nfreepools == 0 || arena.nfreepools < previous) return false;
        if (arena.nfreepools > arena.ntotalpools) return false;
        previous = arena.nfreepools;
        expected_last[arena.nfreepools] = &arena;
        ++usable;
    }
    for (std::size_t k = 0; k <= kMaxPoolsInArena; ++k)
        if (l.nfp2lasta[k] != expected_last[k]) return false;
    // Every arena: free pools = empty pools + never-carved pools; full ones not usable.
    std::size_t with_free_pools = 0;
    for (Arena &arena : l.all_arenas) {
        std::size_t empty = 0;
        for (Pool &pool : arena.freepools) {
            if (pool.ref != 0 || pool.arena != &arena) return false;
            ++empty;
        }
        if (arena.nfreepools != empty + (arena.ntotalpools - arena.carved_pools())) return false;
        if (arena.nfreepools > 0) ++with_free_pools;
    }
    return with_free_pools == usable;
}

// The default arena allocator: anonymous mmap, aligned to the arena size so that the free
// fast path applies to every arena and, with dense headers, the table is found from a
// block's address. mmap only promises page alignment, so map one arena more and unmap the
// two ends.
void *os_arena_alloc(void * /*ctx*/, std::size_t size) noexcept {
    const std::size_t alignment = g_state.layout.arena_size;
    const std::size_t span = size + alignment;
    void *raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = align_up(start, alignment - 1);
    if (aligned > start) ::munmap(raw, aligned - start);
    const std::uintptr_t tail = aligned + size;
    if (start + span > tail) ::munmap(reinterpret_cast<void *>(tail), start + span - tail);
    return reinterpret_cast<void *>(aligned);
}

void os_arena_free(void * /*ctx*/, void *ptr, std::size_t size) noexcept {
    ::munmap(ptr, size);
}

}  // namespace minipy::pymalloc
