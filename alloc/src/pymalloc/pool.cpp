// Pools: carving and the per-class used lists. The states and transitions are described in
// pool.hpp; arena.cpp decides which pool serves a class when its list is empty.
#include "pymalloc/pool.hpp"

#include "pymalloc/arena.hpp"
#include "pymalloc/pymalloc.hpp"
#include "pymalloc/state.hpp"
#include "support/check.hpp"

namespace minipy::pymalloc {

constinit Block g_no_pool_block = {nullptr};
constinit PoolHeader g_no_pool = {0, kNoSizeClass, kBlocksAfterHeader, &g_no_pool_block, nullptr, 1,
                                  0};

namespace {

// Full -> used: front of the class list, so the block just freed is handed out next (LRU
// use of pools, which fills several pools of one class evenly).
void insert_to_usedpool(Pool &pool) {
    lists_of_live_heap().usedpools[pool.size_class].push_front(pool);
    g_state.usedfront[pool.size_class] = &pool;
}

bool header_in_pool(const PoolHeader &header) {
    return header.first_block == kBlocksAfterHeader;
}

}  // namespace

std::byte *pool_memory(const PoolHeader &header) {
    const auto at = reinterpret_cast<std::uintptr_t>(&header);
    if (header_in_pool(header)) return reinterpret_cast<std::byte *>(at);
    // Header i of a slot's table sits i * (pool_size / 64) bytes into the slot, and its pool
    // i * pool_size bytes in (geometry.hpp).
    const std::uintptr_t slot = at & ~kSlotMask;
    return reinterpret_cast<std::byte *>(slot + ((at - slot) << kHeaderIndexShift));
}

std::size_t pool_capacity(const Pool &pool) {
    return (g_state.layout.pool_size - pool.first_block) / block_size_of(pool.size_class);
}

Block *pool_init(Pool &pool, unsigned size_class) {
    // Lazy carving: hand out the first block, leave the second on the free list, and touch
    // nothing beyond them ("never touch memory until needed").
    const std::size_t size = block_size_of(size_class);
    std::byte *base = pool_memory(pool);
    pool.size_class = static_cast<std::uint16_t>(size_class);
    pool.nextoffset = static_cast<std::uint32_t>(pool.first_block + 2 * size);
    pool.maxnextoffset = static_cast<std::uint32_t>(g_state.layout.pool_size - size);
    Block *first = reinterpret_cast<Block *>(base + pool.first_block);
    Block *second = reinterpret_cast<Block *>(base + pool.first_block + size);
    second->next = nullptr;
    pool.freeblock = second;
    return first;
}

void *pool_refill(std::size_t nbytes, PoolHeader &header, Block *handed_out) noexcept {
    if (header.nextoffset <= header.maxnextoffset) {
        // Carve one more block; it is the whole free list. (Never the sentinel, whose
        // offsets say it has nothing to carve.)
        Block *block = reinterpret_cast<Block *>(pool_memory(header) + header.nextoffset);
        header.nextoffset += static_cast<std::uint32_t>(block_size_of(header.size_class));
        block->next = nullptr;
        header.freeblock = block;
        return handed_out;
    }
    if (&header == &g_no_pool) [[unlikely]] {
        // The class had no used pool: undo the pop, then take a pool from an arena.
        g_no_pool.freeblock = &g_no_pool_block;
        g_no_pool.ref = 0;
        return malloc_from_new_pool(nbytes);
    }
    // Nothing left: the pool is full and leaves its class list until a block comes back.
    // Only the front pool of a class is ever popped, so its successor becomes the front.
    Pool &pool = as_pool(header);
    MINIPY_ASSERT(pool.freeblock == nullptr && pool.ref == pool_capacity(pool));
    MINIPY_ASSERT(g_state.usedfront[pool.size_class] == &pool);
    PoolList &used = lists_of_live_heap().usedpools[pool.size_class];
    const auto next = used.erase(used.iterator_to(pool));
    g_state.usedfront[pool.size_class] = next == used.end() ? &g_no_pool : &*next;
    MINIPY_ASSERT_EXPENSIVE(state_is_valid());
    return handed_out;
}

void pool_unfilled(Pool &pool) noexcept {
    insert_to_usedpool(pool);
    MINIPY_ASSERT_EXPENSIVE(state_is_valid());
}

void pool_emptied(Pool &pool) noexcept {
    pool_became_empty(pool);
    MINIPY_ASSERT_EXPENSIVE(state_is_valid());
}

std::size_t pool_free_list_length(const Pool &pool) {
    std::size_t n = 0;
    for (const Block *b = pool.freeblock; b != nullptr; b = b->next) ++n;
    return n;
}

std::size_t pool_untouched_blocks(const Pool &pool) {
    if (pool.size_class == kNoSizeClass) return 0;
    const std::size_t size = block_size_of(pool.size_class);
    if (pool.nextoffset > pool.maxnextoffset) return 0;
    return (pool.maxnextoffset - pool.nextoffset) / size + 1;
}

bool pool_is_valid(const Pool &pool) {
    if (pool.size_class >= kNumSizeClasses) return false;
    const std::size_t size = block_size_of(pool.size_class);
    const std::size_t pool_size = g_state.layout.pool_size;
    const std::size_t first = pool.first_block;
    if (first != kBlocksAfterHeader && first != 0 && first != kBlocksAfterTable) return false;
    if (pool.maxnextoffset != pool_size - size) return false;
    if (pool.nextoffset < first + size || pool.nextoffset > pool.maxnextoffset + size ||
        (pool.nextoffset - first) % size != 0)
        return false;
    const auto base = reinterpret_cast<std::uintptr_t>(pool_memory(pool));
    for (const Block *b = pool.freeblock; b != nullptr; b = b->next) {
        const auto addr = reinterpret_cast<std::uintptr_t>(b);
        if (addr < base + first || addr >= base + pool.nextoffset) return false;
        if ((addr - base - first) % size != 0) return false;
    }
    return pool.ref + pool_free_list_length(pool) + pool_untouched_blocks(pool) ==
           pool_capacity(pool);
}

}  // namespace minipy::pymalloc
