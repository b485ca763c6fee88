// Arenas: 256 KiB (1 MiB in the large geometry) obtained from the arena allocator and cut
// into pools. This header owns the arena descriptor, the usable-arena ordering and where an
// arena's pool headers are; arena.cpp owns creating, sorting and releasing arenas.
//
// Layout. An arena aligned to its size (every arena of the default allocator) holds 64
// pools; with dense headers (geometry.hpp) each of its 256 KiB slots starts with the header
// table of its pools, which takes the slot's first pool (small pools: 63 pools are left) or
// the first 4 KiB of it (large pools). Any other arena starts its pools at the first pool
// boundary (losing one pool when it is not pool-aligned, as in CPython) and keeps each
// header at the start of its pool: only an aligned arena's tables can be found from a
// block's address alone.
//
// usable_arenas holds every arena with at least one free pool, sorted by ascending
// nfreepools: new pools come from the fullest arena, so nearly empty arenas get the chance
// to empty completely and go back. Wholly used arenas are on no usable list.
//
// Keeping the order costs O(1) per freed pool (CPython bpo-37029): nfp2lasta[k] is the
// LAST arena in usable_arenas with exactly k free pools (or nullptr). Taking a pool from
// the head lowers the minimum, so the head never moves; freeing a pool raises one arena's
// count by one, and if that breaks the order the arena moves to just after nfp2lasta[old].
//
// Releasing (CPython 3.9+, bpo-37257): an arena whose pools are all free goes back to its
// arena allocator at once, unless it is the last of usable_arenas; that one is kept, so a
// loop that allocates and frees one block does not map and unmap an arena every time.
// minipy_pymalloc_release_free_arenas() gives that one back too.
//
// Descriptors come from the raw domain, one per arena, and never move: pools point at
// their arena directly, where CPython stores an index into a vector it reallocates.
#pragma once

#include <boost/intrusive/list.hpp>
#include <cstddef>
#include <cstdint>

#include "minipy/pymem.h"
#include "pymalloc/pool.hpp"

namespace minipy::pymalloc {

struct UsableTag;
struct AllArenasTag;
using UsableLink = bi::list_base_hook<bi::tag<UsableTag>, bi::link_mode<bi::normal_link>>;
using AllArenasLink = bi::list_base_hook<bi::tag<AllArenasTag>, bi::link_mode<bi::normal_link>>;

struct Arena : UsableLink, AllArenasLink {
    std::uintptr_t address = 0;            // as the arena allocator returned it
    std::byte *pools_begin = nullptr;      // the first pool that holds blocks
    std::byte *pool_address = nullptr;     // next pool to carve
    std::uint32_t nfreepools = 0;          // empty pools + never-carved pools
    std::uint32_t ntotalpools = 0;         // 64; 63 with small tables or when unaligned
    bool aligned = false;                  // aligned to the arena size: the fast path's kind
    bool has_tables = false;               // its slots start with dense header tables
    PoolList freepools;                    // empty pools, most recently emptied first
    PyObjectArenaAllocator source{};       // gives the arena back to the allocator it came from
    PyMemAllocatorEx descriptor_source{};  // the raw allocator this descriptor came from

    std::byte *first_pool() const { return pools_begin; }
    std::uint32_t carved_pools() const;
    // The header of the pool that starts at `pool` (one of this arena's), and the offset of
    // that pool's first block (pool.hpp).
    Pool *header_of(const std::byte *pool) const;
    std::uint16_t first_block_of(const std::byte *pool) const;
};

using UsableArenaList = bi::list<Arena, bi::base_hook<UsableLink>, bi::constant_time_size<false>>;
using AllArenaList = bi::list<Arena, bi::base_hook<AllArenasLink>, bi::constant_time_size<true>>;

// Takes a pool for `size_class` from the first usable arena (creating an arena when none
// has a free pool), links it at the front of the class's used list and returns its first
// free block. nullptr when no arena can be had. Slow path.
Block *allocate_from_new_pool(unsigned size_class);

// The pool just became empty: moves it from its class list to its arena's free pools and
// re-sorts or releases the arena. Slow path.
void pool_became_empty(Pool &pool);

// Gives back every arena whose pools are all free; returns how many.
std::size_t release_free_arenas();

// The default arena allocator: mmap / munmap, arenas aligned to the arena size.
void *os_arena_alloc(void *ctx, std::size_t size) noexcept;
void os_arena_free(void *ctx, void *ptr, std::size_t size) noexcept;

// Whole-structure checker for MINIPY_ASSERT_EXPENSIVE: list order, nfp2lasta, counts.
bool arenas_are_valid();

}  // namespace minipy::pymalloc
