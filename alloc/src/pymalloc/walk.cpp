// The read-only walk over pymalloc's state (minipy/pymalloc.h). Arenas come in the order
// pymalloc takes pools from them (usable_arenas, fullest first), then the wholly used ones
// in creation order. The walk reads pool headers and free lists only: never a block's
// payload, and never a pool beyond the carving mark, which may not even be initialised
// memory when a custom arena allocator supplied the arena.
#include <cstddef>

#include "minipy/pymalloc.h"
#include "pymalloc/arena.hpp"
#include "pymalloc/state.hpp"

namespace minipy::pymalloc {
namespace {

minipy_arena_info describe(const Arena &arena, std::size_t rank) {
    minipy_arena_info info{};
    info.address = reinterpret_cast<const void *>(arena.address);
    info.first_pool = arena.first_pool();
    info.usable_rank = rank;
    info.total_pools = arena.ntotalpools;
    info.free_pools = arena.nfreepools;
    info.carved_pools = arena.carved_pools();
    info.header_table = arena.has_tables ? reinterpret_cast<const void *>(arena.address) : nullptr;
    return info;
}

minipy_pool_info describe(const Arena &arena, const std::byte *memory, std::size_t index,
                          bool carved) {
    minipy_pool_info info{};
    info.address = memory;
    info.index = index;
    if (!carved) {
        info.state = MINIPY_POOL_UNCARVED;
        return info;
    }
    const Pool *pool = arena.header_of(memory);
    info.header = pool;
    info.header_bytes = pool->first_block;  // 48, 4096 or 0: what precedes the first block
    info.size_class = pool->size_class;
    if (pool->size_class == kNoSizeClass) {  // carved, never served (cannot stay so)
        info.state = MINIPY_POOL_EMPTY;
        return info;
    }
    info.block_size = block_size_of(pool->size_class);
    info.capacity = pool_capacity(*pool);
    info.blocks_in_use = pool->ref;
    info.free_list_length = pool_free_list_length(*pool);
    info.untouched_blocks = pool_untouched_blocks(*pool);
    if (pool->ref == 0)
        info.state = MINIPY_POOL_EMPTY;
    else if (pool->ref == info.capacity)
        info.state = MINIPY_POOL_FULL;
    else
        info.state = MINIPY_POOL_USED;
    return info;
}

int visit(const Arena &arena, std::size_t rank, minipy_arena_visitor arena_cb,
          minipy_pool_visitor pool_cb, void *ctx) {
    const minipy_arena_info arena_info = describe(arena, rank);
    if (arena_cb != nullptr)
        if (int stop = arena_cb(&arena_info, ctx)) return stop;
    if (pool_cb == nullptr) return 0;
    const std::byte *base = arena.first_pool();
    const std::uint32_t carved = arena.carved_pools();
    for (std::uint32_t i = 0; i < arena.ntotalpools; ++i) {
        const std::byte *memory = base + (std::size_t{i} << g_state.layout.pool_bits);
        const minipy_pool_info pool_info = describe(arena, memory, i, i < carved);
        if (int stop = pool_cb(&arena_info, &pool_info, ctx)) return stop;
    }
    return 0;
}

}  // namespace
}  // namespace minipy::pymalloc

extern "C" int minipy_pymalloc_walk(minipy_arena_visitor arena_cb, minipy_pool_visitor pool_cb,
                                    void *ctx) noexcept {
    using namespace minipy::pymalloc;
    if (!g_state.lists_constructed) return 0;
    Lists &l = lists();
    std::size_t rank = 0;
    for (const Arena &arena : l.usable_arenas)
        if (int stop = visit(arena, rank++, arena_cb, pool_cb, ctx)) return stop;
    for (const Arena &arena : l.all_arenas)
        if (arena.nfreepools == 0)
            if (int stop = visit(arena, static_cast<std::size_t>(-1), arena_cb, pool_cb, ctx))
                return stop;
    return 0;
}

extern "C" void minipy_pymalloc_get_geometry(minipy_pymalloc_geometry *out) noexcept {
    using namespace minipy::pymalloc;
    const Layout &layout = g_state.layout;
    *out = minipy_pymalloc_geometry{};
    out->alignment = kAlignment;
    out->small_threshold = kSmallRequestThreshold;
    out->num_size_classes = kNumSizeClasses;
    out->pool_size = layout.pool_size;
    out->arena_size = layout.arena_size;
    out->pool_overhead = kPoolOverhead;
    out->max_pools_in_arena = kMaxPoolsInArena;
    out->header_placement = kDenseHeaders ? MINIPY_POOL_HEADERS_DENSE : MINIPY_POOL_HEADERS_START;
}
