// pymalloc's interface to the rest of alloc: the inlined fast paths, and the slow paths
// in pymalloc.cpp behind them.
//
// The fast paths are what a malloc+free pair costs, so their budget is written down:
//   pop       size class, load the class's first used pool, pop its free list, count the
//             block: about 10 instructions, one branch taken only when the list runs dry
//             (which is also how "no used pool" shows: see g_no_pool in pool.hpp).
//   free      arena slot, one compare against the map, header(p) of geometry.hpp (dense
//             headers: two shifts, a mask and an add, 5 instructions), push on the pool's
//             free list, count down: 19 instructions, rare branches only for a pool that was
//             full or becomes empty (fast_free_admits + push_owned).
// Together with the domain gate (domains.hpp), the calls and the returns, a pair costs 40
// instructions, loop included (bench/alloc/callgrind_counts.sh counts it with callgrind):
// the budget, with nothing to spare.
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

// The rare transitions of a free, out of line (pool.cpp): a used pool became empty, a full
// pool became used.
[[gnu::noinline]] void pool_emptied(Pool &pool) noexcept;
[[gnu::noinline]] void pool_unfilled(Pool &pool) noexcept;

// Returns a block for a request of `nbytes` (1..512): pops the free list of the class's
// first used pool (or of the sentinel, when the class has none). When the list runs dry
// everything else happens in pool_refill(), a tail call, so the fast path saves no
// register. nullptr only when memory is exhausted.
[[gnu::always_inline]] inline void *pop(std::size_t nbytes) noexcept {
    PoolHeader *pool = g_state.usedfront[(nbytes - 1) >> kAlignmentShift];
    Block *block = pool->freeblock;  // never nullptr: used pools and the sentinel have one
    Block *next = block->next;
    pool->freeblock = next;
    ++pool->ref;
    if (next == nullptr) [[unlikely]]
        return pool_refill(nbytes, *pool, block);
    return block;
}

// The header of the pool holding `p`, for a p in an arena aligned to its size (the slots
// the fast path admits), `slot` being p's arena-map slot: header(p) of geometry.hpp, the
// same instructions whatever the geometry.
[[gnu::always_inline]] inline Pool *pool_of_aligned(const void *p, std::size_t slot) noexcept {
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    if constexpr (kDenseHeaders) {
        // The slot's base, rebuilt from the slot number the map test holds in a register:
        // one shift. (The empty asm stops the compiler from re-deriving it from p with a
        // copy and a mask, one instruction more.)
        __asm__("" : "+r"(slot));
        return reinterpret_cast<Pool *>((slot << kMapSlotBits) +
                                        ((a >> kHeaderIndexShift) & g_state.header_mask));
    } else {
        return reinterpret_cast<Pool *>(a & g_state.header_mask);
    }
}

[[gnu::always_inline]] inline Pool *pool_of_aligned(const void *p) noexcept {
    return pool_of_aligned(p, arena_map::slot_of(p));
}

// The header of the pool holding `p`, for any p pymalloc owns (slow paths).
Pool *pool_of_owned(const void *p) noexcept;

// Returns a block that pymalloc owns to its pool (LIFO: it is the next one handed out).
// A pool with room for two blocks cannot go from full to empty in one free, so the two
// rare cases are tested one after the other, each ending in a tail call.
[[gnu::always_inline]] inline void push_to(Pool *pool, void *p) noexcept {
    Block *block = static_cast<Block *>(p);
    Block *last_free = pool->freeblock;
    block->next = last_free;
    pool->freeblock = block;
    if (--pool->ref == 0) [[unlikely]]
        return pool_emptied(*pool);
    if (last_free == nullptr) [[unlikely]]
        return pool_unfilled(*pool);
}

// push_to(pool_of_aligned(p, slot), p): the fast path's free.
[[gnu::always_inline]] inline void push_owned(void *p, std::size_t slot) noexcept {
    push_to(pool_of_aligned(p, slot), p);
}

// True when `slot` (a pointer's arena_map::slot_of()) belongs to an arena aligned to its
// size and the domain's gate admits frees: the fast path may push the pointer. False for
// NULL, foreign pointers, unaligned arenas, a domain that does not hold pymalloc, and
// before the arena map exists.
[[gnu::always_inline]] inline bool fast_free_admits(std::size_t slot, int domain) noexcept {
    return slot < g_state.gates[domain].map_limit &&
           g_state.arena_slots[slot] == arena_map::kWhollyOwned;
}

// The slow paths. They accept any argument: malloc_slow any size (a pool from an arena for
// a class without used pool, or the raw domain for 0 bytes, large requests and exhausted
// arenas), free_slow any pointer
// (NULL, unaligned arenas, foreign blocks, which go to the raw domain).
[[gnu::noinline]] void *malloc_slow(std::size_t nbytes) noexcept;
// A small request (1..512) whose class has no used pool: a pool from an arena, else the raw
// domain.
void *malloc_from_new_pool(std::size_t nbytes) noexcept;
[[gnu::noinline]] void free_slow(void *p) noexcept;
void *calloc(std::size_t nelem, std::size_t elsize) noexcept;
void *realloc(void *p, std::size_t nbytes) noexcept;

inline void *malloc(std::size_t nbytes) noexcept {
    if (nbytes - 1 < kSmallRequestThreshold) [[likely]]
        return pop(nbytes);
    return malloc_slow(nbytes);
}

inline void free(void *p) noexcept {
    if (arena_map::owns(p))
        push_to(pool_of_owned(p), p);
    else
        free_slow(p);
}

// Whole-state checker (used lists, mirrors, arenas) for MINIPY_ASSERT_EXPENSIVE and tests.
bool state_is_valid() noexcept;

}  // namespace minipy::pymalloc
