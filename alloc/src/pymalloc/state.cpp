// pymalloc's state: its constant initialisation and the lazy construction of the lists
// (see state.hpp for why there are two parts).
#include "pymalloc/state.hpp"

namespace minipy::pymalloc {

constinit State g_state = {
// MEM and OBJ start with pymalloc: their small-request gates are open from the first
// call; the map limits open when the arena map is reserved (arena_map::reserve()).
#if defined(MINIPY_PYDEBUG)
    .gates = {{0, 0}, {0, 0}, {0, 0}},  // a debug build starts with the debug hooks
#else
    .gates = {{0, 0}, {kSmallRequestThreshold, 0}, {kSmallRequestThreshold, 0}},
#endif
    .arena_slots = nullptr,
    .header_mask = header_mask_of(make_layout(kDefaultGeometry)),
    .usedfront = {&g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool,
                  &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool,
                  &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool,
                  &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool,
                  &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool, &g_no_pool,
                  &g_no_pool, &g_no_pool},
    .layout = make_layout(kDefaultGeometry),
    .arena_allocator = {nullptr, &os_arena_alloc, &os_arena_free},
    .arenas_allocated_total = 0,
    .arenas_highwater = 0,
    .raw_allocated_blocks = 0,
    .print_stats = false,
    .lists_constructed = false,
    .lists_storage = {},
};

Lists &construct_lists() noexcept {
    Lists *constructed = new (g_state.lists_storage) Lists;
    g_state.lists_constructed = true;
    return *constructed;
}

}  // namespace minipy::pymalloc
