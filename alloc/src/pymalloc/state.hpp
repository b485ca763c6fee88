// All of pymalloc's state, in one place (as CPython 3.12 groups it in _obmalloc_state).
//
// Two parts, because the domains must work from the very first call, even from another
// translation unit's static constructor that runs before ours:
//   State   plain data, constant-initialised (zero or fixed values) at load time. It holds
//           everything the fast paths read, so they never meet an unconstructed object.
//   Lists   the Boost.Intrusive bookkeeping, whose constructors must run. It is built in
//           place by the first slow-path call (lists()) and never destroyed, so no static
//           destructor can run while blocks are still in use at exit.
// Nothing here is locked: pymalloc relies on the GIL, as CPython's does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

#include "minipy/pymem.h"
#include "pymalloc/arena.hpp"
#include "pymalloc/geometry.hpp"
#include "pymalloc/pool.hpp"

namespace minipy::pymalloc {

struct Lists {
    PoolList usedpools[kNumSizeClasses];  // used pools per class; front = most recent
    UsableArenaList usable_arenas;        // ascending nfreepools (arena.hpp)
    AllArenaList all_arenas;              // every live arena, for the walk
    Arena *nfp2lasta[kMaxPoolsInArena + 1] = {};
};

// A domain's admission to the inlined fast paths: two limits, both zero while the domain
// holds anything but pymalloc itself (domains.cpp keeps them current).
//   small_limit  512: malloc takes the inlined path iff  size - 1 < small_limit. One
//                unsigned compare rejects 0-byte and large requests and every request of a
//                non-pymalloc domain at once.
//   map_limit    the arena map's slot count once it exists: free takes the inlined path iff
//                the pointer's slot is below it and reads kWhollyOwned.
struct DomainGate {
    std::size_t small_limit;
    std::size_t map_limit;
};

struct State {
    // Hot: everything the inlined fast paths read, together, so that one base register
    // reaches all of it.
    DomainGate gates[3];                     // indexed by PyMemAllocatorDomain
    std::uint16_t *arena_slots;              // the arena map (arena_map.hpp), or nullptr
    std::uintptr_t header_mask;              // header(p)'s mask (geometry.hpp): dense builds
                                             // layout.index_mask, start ~layout.pool_mask
    PoolHeader *usedfront[kNumSizeClasses];  // &usedpools[i].front(), or &g_no_pool
    // Cold.
    Layout layout;                           // the geometry (geometry.hpp)
    PyObjectArenaAllocator arena_allocator;  // where new arenas come from
    std::size_t arenas_allocated_total;      // CPython's ntimes_arena_allocated
    std::size_t arenas_highwater;
    Py_ssize_t raw_allocated_blocks;  // live raw-fallback blocks of MEM and OBJ
    bool print_stats;                 // PYTHONMALLOCSTATS
    bool lists_constructed;
    alignas(Lists) unsigned char lists_storage[sizeof(Lists)];
};

// Hidden in the declaration too (not only by -fvisibility at the definition): otherwise a
// PIC build reaches it through the GOT, one more instruction on each fast path.
[[gnu::visibility("hidden")]] extern constinit State g_state;

[[gnu::noinline]] Lists &construct_lists() noexcept;

inline Lists &lists() noexcept {
    if (!g_state.lists_constructed) [[unlikely]]
        return construct_lists();
    return *std::launder(reinterpret_cast<Lists *>(g_state.lists_storage));
}

// The lists, on paths that hold a pool (so the lists were built when its arena was made):
// no "constructed yet?" test, which also spares those paths a call frame.
inline Lists &lists_of_live_heap() noexcept {
    return *std::launder(reinterpret_cast<Lists *>(g_state.lists_storage));
}

// The used list of a class changed: keep the fast path's mirror of its front current.
inline void refresh_usedfront(unsigned size_class) noexcept {
    PoolList &list = lists_of_live_heap().usedpools[size_class];
    g_state.usedfront[size_class] = list.empty() ? &g_no_pool : &list.front();
}

// The mask header(p) reads for a geometry (geometry.hpp).
constexpr std::uintptr_t header_mask_of(const Layout &layout) {
    return kDenseHeaders ? layout.index_mask : ~layout.pool_mask;
}

// Installs a geometry; false (and nothing changed) while an arena other than wholly free
// ones exists. parse_geometry() takes the names of minipy_pymalloc_configure(): false for an
// unknown one; NULL, "" and "default" mean the build's default (layout.cpp).
bool set_geometry(Geometry geometry) noexcept;
bool parse_geometry(const char *name, Geometry *out) noexcept;

// Prints the statistics to stderr when PYTHONMALLOCSTATS asked for them (stats.cpp).
void print_stats_if_requested() noexcept;

}  // namespace minipy::pymalloc
