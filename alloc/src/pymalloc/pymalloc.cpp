// pymalloc's slow paths and its PyMemAllocatorEx record. The fast paths are inlined from
// pymalloc.hpp into the C entry points (capi/pymem_capi.cpp); what they cannot serve
// comes here:
//   malloc  0 bytes or more than 512 -> the raw domain (CPython sends 0 there too, so
//           that 0-byte requests get distinct pointers); no used pool for the class ->
//           a pool from an arena (arena.cpp); no arena to be had -> the raw domain.
//   free    NULL -> nothing; a pointer in an unaligned arena -> the full map test;
//           a pointer pymalloc does not own -> the raw domain.
//   realloc stays in place while the new size fits the block and is more than 3/4 of it;
//           otherwise moves. A block pymalloc does not own stays with the raw domain's
//           realloc even if it shrinks below 512 bytes: pymalloc cannot know how many of
//           its bytes are valid (CPython bug 1185883).
// The raw-fallback blocks are counted so that _Py_GetAllocatedBlocks() sees them.
#include "pymalloc/pymalloc.hpp"

#include <cstring>

#include "pymalloc/arena.hpp"
#include "pymalloc/arena_map.hpp"
#include "support/check.hpp"

namespace minipy::pymalloc {

namespace {

void *raw_fallback_malloc(std::size_t nbytes) noexcept {
    void *p = PyMem_RawMalloc(nbytes);
    if (p != nullptr) ++g_state.raw_allocated_blocks;
    return p;
}

// A block of the class of `nbytes` (1..512) from pymalloc's pools, or nullptr if no arena
// could be obtained.
void *small_malloc(std::size_t nbytes) noexcept {
    const unsigned size_class = size_class_of(nbytes);
    if (g_state.usedfront[size_class] != &g_no_pool) return pop(nbytes);
    Block *block = allocate_from_new_pool(size_class);
    MINIPY_ASSERT_EXPENSIVE(state_is_valid());
    return block;
}

}  // namespace

void *entry_malloc(void * /*ctx*/, std::size_t nbytes) noexcept {
    return malloc(nbytes);
}
void *entry_calloc(void * /*ctx*/, std::size_t nelem, std::size_t elsize) noexcept {
    return calloc(nelem, elsize);
}
void *entry_realloc(void * /*ctx*/, void *p, std::size_t nbytes) noexcept {
    return realloc(p, nbytes);
}
void entry_free(void * /*ctx*/, void *p) noexcept {
    free(p);
}

void *malloc_from_new_pool(std::size_t nbytes) noexcept {
    Block *block = allocate_from_new_pool(size_class_of(nbytes));
    MINIPY_ASSERT_EXPENSIVE(state_is_valid());
    if (block != nullptr) [[likely]]
        return block;
    return raw_fallback_malloc(nbytes);
}

void *malloc_slow(std::size_t nbytes) noexcept {
    if (nbytes - 1 < kSmallRequestThreshold) {
        if (void *block = small_malloc(nbytes)) return block;
    }
    return raw_fallback_malloc(nbytes);
}

Pool *pool_of_owned(const void *p) noexcept {
    if (arena_map::in_aligned_arena(p)) return pool_of_aligned(p);
    // An arena a custom allocator placed elsewhere: the header starts the pool.
    return reinterpret_cast<Pool *>(reinterpret_cast<std::uintptr_t>(p) &
                                    ~g_state.layout.pool_mask);
}

void free_slow(void *p) noexcept {
    if (p == nullptr) return;
    if (arena_map::owns(p)) {
        push_to(pool_of_owned(p), p);
        return;
    }
    PyMem_RawFree(p);
    --g_state.raw_allocated_blocks;
}

void *calloc(std::size_t nelem, std::size_t elsize) noexcept {
    // The C entry points have already rejected products that overflow.
    const std::size_t nbytes = nelem * elsize;
    if (nbytes - 1 < kSmallRequestThreshold) {
        if (void *block = small_malloc(nbytes)) return std::memset(block, 0, nbytes);
    }
    void *p = PyMem_RawCalloc(nelem, elsize);
    if (p != nullptr) ++g_state.raw_allocated_blocks;
    return p;
}

void *realloc(void *p, std::size_t nbytes) noexcept {
    if (p == nullptr) return malloc(nbytes);
    if (!arena_map::owns(p)) return PyMem_RawRealloc(p, nbytes);

    Pool *pool = pool_of_owned(p);
    std::size_t keep = block_size_of(pool->size_class);
    if (nbytes <= keep) {
        // Growing inside the block, or shrinking by less than a quarter: keep the block.
        if (4 * nbytes > 3 * keep) return p;
        keep = nbytes;
    }
    void *moved = malloc(nbytes);
    if (moved == nullptr) return nullptr;  // p is untouched
    std::memcpy(moved, p, keep);
    push_to(pool, p);
    return moved;
}

bool state_is_valid() noexcept {
    if (!g_state.lists_constructed) {
        for (PoolHeader *front : g_state.usedfront)
            if (front != &g_no_pool) return false;
        return g_no_pool.freeblock == &g_no_pool_block && g_no_pool.ref == 0;
    }
    Lists &l = lists();
    for (unsigned c = 0; c < kNumSizeClasses; ++c) {
        PoolList &used = l.usedpools[c];
        if (g_state.usedfront[c] != (used.empty() ? &g_no_pool : &used.front())) return false;
        for (Pool &pool : used) {
            if (pool.size_class != c || pool.ref == 0 || pool.freeblock == nullptr) return false;
            if (!pool_is_valid(pool)) return false;
        }
    }
    return g_no_pool.freeblock == &g_no_pool_block && g_no_pool.ref == 0 && arenas_are_valid();
}

}  // namespace minipy::pymalloc
