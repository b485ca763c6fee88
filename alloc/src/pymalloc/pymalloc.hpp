// pymalloc's interface to the rest of alloc: the inlined fast paths, and the slow paths
// in pymalloc.cpp behind them.
//
// The fast paths are what a malloc+free pair costs, so their budget is written down:
//   try_pop   size class, load the class's first used pool, pop its free list, count the
//             block: about 10 instructions, one branch taken only when the list runs dry.
//   try_push  arena slot, one compare against the map, push on the pool's free list,
//             count down: about 12 instructions, rare branches only for a pool that was
//             full or becomes empty.
// Together with the domain gate (domains.hpp) and the calls, a pair stays under 40
// instructions, loop included (bench/alloc/pair_instructions.cpp checks with callgrind).
// Anything else is [[gnu::noinline]] and lives in another file: no lock (the GIL covers
// pymalloc), no debug branches (the debug hooks wrap the domain table instead).
#pragma once

#include <cstddef>

#include "minipy/pymem.h"
#include "pymalloc/arena_map.hpp"
#include "pymalloc/geometry.hpp"
#include "pymalloc/pool.hpp"
#include "pymalloc/state.hpp"

namespace minipy::pymalloc {

// pymalloc as a PyMemAllocatorEx (ctx unused), for the domain table and for hooks that
// chain to it. The four functions are in pymalloc.cpp.
void *entry_malloc(void *ctx, std::size_t nbytes) noexcept;
void *entry_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept;
void *entry_realloc(void *ctx, void *p, std::size_t nbytes) noexcept;
void entry_free(void *ctx, void *p) noexcept;
inline constexpr PyMemAllocatorEx kAllocator = {nullptr, &entry_malloc, &entry_calloc,
                                                &entry_realloc, &entry_free};

// A pool went from full to used (last_free == nullptr) or from used to empty (ref == 0).
[[gnu::noinline]] void pool_state_changed(Pool &pool, Block *last_free) noexcept;

// Pops a block of the class of `nbytes` (1..512) from the class's first used pool, or
// returns nullptr when the class has no used pool.
[[gnu::always_inline]] inline void *try_pop(std::size_t nbytes) noexcept {
    Pool *pool = g_state.usedfront[size_class_of(nbytes)];
    if (pool == nullptr) [[unlikely]]
        return nullptr;
    Block *block = pool->freeblock;  // never nullptr on a used pool
    Block *next = block->next;
    pool->freeblock = next;
    ++pool->ref;
    if (next == nullptr) [[unlikely]]
        pool_refill_or_retire(*pool);
    return block;
}

// Returns a block that pymalloc owns to its pool.
[[gnu::always_inline]] inline void push_owned(void *p) noexcept {
    Pool *pool = pool_of(p);
    Block *block = static_cast<Block *>(p);
    Block *last_free = pool->freeblock;
    block->next = last_free;
    pool->freeblock = block;
    std::uint32_t ref = --pool->ref;
    if (last_free == nullptr || ref == 0) [[unlikely]]
        pool_state_changed(*pool, last_free);
}

// Frees `p` if it lies in a wholly owned arena slot below `map_limit`; false otherwise
// (foreign, NULL, in an unaligned arena, or the map not there yet).
[[gnu::always_inline]] inline bool try_push(void *p, std::size_t map_limit) noexcept {
    std::size_t slot = arena_map::slot_of(p);
    if (slot >= map_limit || arena_map::g_slots[slot] != arena_map::kWhollyOwned) [[unlikely]]
        return false;
    push_owned(p);
    return true;
}

// The slow paths. They accept any argument: malloc_slow any size (new pool, new arena, or
// the raw domain for 0 bytes, large requests and exhausted arenas), free_slow any pointer
// (NULL, unaligned arenas, foreign blocks, which go to the raw domain).
[[gnu::noinline]] void *malloc_slow(std::size_t nbytes) noexcept;
[[gnu::noinline]] void free_slow(void *p) noexcept;
void *calloc(std::size_t nelem, std::size_t elsize) noexcept;
void *realloc(void *p, std::size_t nbytes) noexcept;

inline void *malloc(std::size_t nbytes) noexcept {
    if (nbytes - 1 < kSmallRequestThreshold) [[likely]]
        if (void *block = try_pop(nbytes)) [[likely]]
            return block;
    return malloc_slow(nbytes);
}

inline void free(void *p) noexcept {
    if (!try_push(p, arena_map::limit())) free_slow(p);
}

// Whole-state checker (used lists, mirrors, arenas) for MINIPY_ASSERT_EXPENSIVE and tests.
bool state_is_valid() noexcept;

}  // namespace minipy::pymalloc
