// pymalloc's state: its constant initialisation and the lazy construction of the lists
// (see state.hpp for why there are two parts).
#include "pymalloc/state.hpp"

namespace minipy::pymalloc {

constinit State g_state = {
    .usedfront = {},
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
