// Pools: one pool (4 or 16 KiB, geometry.hpp) serves one size class at a time. This header
// owns the pool header, where it lives, and the words pymalloc uses for its states;
// pool.cpp owns carving and the per-class used lists. Arenas are in arena.hpp, address
// lookup in arena_map.hpp.
//
// States and transitions (the same three as CPython's obmalloc):
//
//   used   0 < ref < capacity. On its class's used list, so the next request of that
//          class finds it in O(1). freeblock != nullptr.
//   full   ref == capacity. On no list. freeblock == nullptr and nothing left to carve.
//   empty  ref == 0. On its arena's free-pool list, ready to serve any class; it keeps
//          its old size class and free list, reused as they are if the same class comes
//          back.
//
//   malloc, pool used      pop freeblock; when the list runs dry carve the next never-used
//                          block (lazy carving: memory is touched only when needed); when
//                          nothing is left the pool is full and leaves the used list.
//   malloc, no used pool   take an empty or never-carved pool from the first usable arena
//                          and push it at the FRONT of the class list.
//   free into a full pool  the pool is used again: FRONT of its class list, so the block
//                          just freed is the next one handed out.
//   free that empties it   off the class list, FRONT of its arena's free-pool list.
//
// Where the header lives (geometry.hpp). CPython puts it in the first 48 bytes of the pool.
// With 4 KiB pools that is one header per page, all at page offset 0: thousands of header
// lines compete for 1/64 of the sets of every cache, and a churn over many pools touches
// about four headers a step (both transitions above, in ~90% of steps). Measured, that made
// the header lines most of the churn's trips to memory. The dense placement (the default)
// moves an arena's headers into a 4 KiB table at the start of each 256 KiB slot, as
// mimalloc keeps its page metadata apart from the pages: 64 headers (16 with large pools)
// share one page, spread over all its lines, and a small pool holds blocks only. Lists and
// transitions are unchanged; only the address of a header is. An arena a custom allocator
// placed off its alignment keeps its headers at the start of its pools.
//
// Invariants: ref + (length of the free list) + (never-carved blocks) == capacity, where
// capacity = (pool_size - first_block) / block size; blocks lie at first_block + k * size,
// and nextoffset <= maxnextoffset + size holds for every carved pool.
#pragma once

#include <boost/intrusive/list.hpp>
#include <cstdint>

#include "pymalloc/geometry.hpp"

namespace minipy::pymalloc {

namespace bi = boost::intrusive;

struct Arena;

// A free block: the link of the pool's free list lives in the block's first word.
struct Block {
    Block *next;
};

using PoolLink = bi::list_base_hook<bi::link_mode<bi::normal_link>>;

// The header fields, as plain data, apart from the list link (a Boost hook, which has a
// constructor): the fast paths see pools through this type, which lets a constant-initialised
// sentinel stand in for "this class has no used pool".
struct PoolHeader {
    std::uint32_t ref;            // blocks in use
    std::uint16_t size_class;     // kNoSizeClass until the pool first serves a class
    std::uint16_t first_block;    // offset of the pool's first block (see pool_first_block)
    Block *freeblock;             // head of the free list; nullptr only when full
    Arena *arena;                 // the arena this pool belongs to
    std::uint32_t nextoffset;     // offset of the next never-used block
    std::uint32_t maxnextoffset;  // largest offset a block may start at
};

struct Pool : PoolHeader, PoolLink {};
static_assert(sizeof(Pool) == kPoolOverhead, "the pool header is CPython's 48 bytes");

// The sentinel: what usedfront[c] points at while class c has no used pool. Its free list
// is one block whose link is nullptr, so popping from it looks exactly like emptying a
// real pool's free list, and the fast path needs no separate "is there a pool?" test;
// pool_refill() tells the two apart and puts the sentinel back as it was.
// Its nextoffset is above its maxnextoffset, so that pool_refill() finds nothing to carve in
// it before it ever compares addresses.
[[gnu::visibility("hidden")]] extern constinit Block g_no_pool_block;
[[gnu::visibility("hidden")]] extern constinit PoolHeader g_no_pool;

inline constexpr std::uint16_t kNoSizeClass = 0xffff;  // CPython's DUMMY_SIZE_IDX

// Where a pool's blocks start: after its header when the header is in the pool; at 0 when
// the header is in a dense table elsewhere, or after the table when the pool holds it (the
// first pool of a slot, with large pools).
inline constexpr std::uint16_t kBlocksAfterHeader = kPoolOverhead;
inline constexpr std::uint16_t kBlocksAfterTable = kHeaderTableSize;

// A pool is on at most one of these at a time: its class's used list or its arena's
// free-pool list. Sizes are not kept: nothing needs them on a hot path.
using PoolList = bi::list<Pool, bi::base_hook<PoolLink>, bi::constant_time_size<false>>;

inline Pool &as_pool(PoolHeader &header) {
    return static_cast<Pool &>(header);
}

// The first byte of the pool whose header this is (pool.cpp).
std::byte *pool_memory(const PoolHeader &header);

// Blocks the pool holds in its current class: (pool_size - first_block) / block size.
std::size_t pool_capacity(const Pool &pool);

// Initialises a pool for `size_class` and returns its first block; the second block is
// left on the free list and the rest stay untouched (pool.cpp).
Block *pool_init(Pool &pool, unsigned size_class);

// Called when a pop left a free list empty. For a real pool: carves the next never-used
// block, or, when none is left, takes the (now full) pool off its class list, and returns
// `handed_out`, the block the pop took. For the sentinel: restores it and returns a block
// of `nbytes` from a new pool or from the raw domain (nullptr only when memory is out).
// The fast path tail-calls it; the arguments come in the order that lets the fast path keep
// `handed_out` in the return register (saving a move on every pop). Slow path.
[[gnu::noinline]] void *pool_refill(std::size_t nbytes, PoolHeader &pool,
                                    Block *handed_out) noexcept;

// Free-list bookkeeping for the walk and the checkers (reads only pymalloc's memory).
std::size_t pool_free_list_length(const Pool &pool);
std::size_t pool_untouched_blocks(const Pool &pool);
bool pool_is_valid(const Pool &pool);

}  // namespace minipy::pymalloc
