// The arena map: does this address belong to pymalloc? Answered without reading any memory
// pymalloc does not own, so valgrind and the sanitizers stay quiet and a foreign pointer
// is handed to the raw domain (CPython 3.8 read the would-be pool header instead, which
// is why it needed valgrind suppressions; 3.10 replaced that with a radix tree).
//
// Cheaper than CPython's three-level radix tree: one flat array with an entry per "arena
// slot" (an arena-sized, arena-aligned piece of the address space), reserved once with
// MAP_NORESERVE and committed lazily by the kernel, page by page, as entries are written.
// 2^(47-18) slots of 2 bytes reserve 1 GiB of address space and commit a few KiB.
//
// An entry says which of the slot's 64 pool positions are pymalloc's, in two bytes:
//   low byte  t: positions [0, t) belong to an arena that started in the previous slot
//             (the tail of an unaligned arena), or t == 64 for an aligned arena;
//   high byte h: positions [64 - h, 64) belong to an unaligned arena starting in this slot.
//   owned(position i)  <=>  i < t  ||  i >= 64 - h
// The default arena allocator returns aligned arenas, whose slot reads kWhollyOwned; that
// is the only value the fast path tests. Arenas from a custom allocator may be unaligned;
// their slots take the out-of-line owns() path. A zero entry owns nothing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pymalloc/geometry.hpp"
#include "pymalloc/state.hpp"

namespace minipy::pymalloc::arena_map {

#if defined(__x86_64__)
inline constexpr unsigned kAddressBits = 47;  // user space of 4-level paging
#else
inline constexpr unsigned kAddressBits = 48;
#endif
inline constexpr std::size_t kSlotCount = std::size_t{1} << (kAddressBits - kArenaBits);
inline constexpr std::uint16_t kWhollyOwned = kMaxPoolsInArena;  // t = 64, h = 0

// Number of valid slot indexes: kSlotCount once the map exists, else 0. An index below
// limit() may be read; the fast path compares against the domain gate's copy of it.
inline std::size_t limit() noexcept {
    return g_state.arena_slots != nullptr ? kSlotCount : 0;
}

// Reserves the map on first use. False if the address space could not be had.
bool reserve() noexcept;

// Records that [base, base + kArenaSize) is (owned) or is no longer (!owned) an arena.
// False if the range lies beyond the mapped address space (the arena cannot be used).
bool mark(std::uintptr_t base, bool owned) noexcept;

// The full test, for any pointer, including ones in unaligned arenas' slots.
bool owns(const void *p) noexcept;

// The raw entry of a slot (for tests and the heap views); 0 before the map exists.
inline std::uint16_t entry_of_slot(std::size_t slot) noexcept {
    return slot < limit() ? g_state.arena_slots[slot] : 0;
}

inline std::size_t slot_of(const void *p) {
    return reinterpret_cast<std::uintptr_t>(p) >> kArenaBits;
}

}  // namespace minipy::pymalloc::arena_map
