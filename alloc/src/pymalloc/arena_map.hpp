// The arena map: does this address belong to pymalloc? Answered without reading any memory
// pymalloc does not own, so valgrind and the sanitizers stay quiet and a foreign pointer
// is handed to the raw domain (CPython 3.8 read the would-be pool header instead, which
// is why it needed valgrind suppressions; 3.10 replaced that with a radix tree).
//
// Cheaper than CPython's three-level radix tree: one flat array with an entry per "slot"
// (a 256 KiB-aligned piece of the address space: the small geometry's arena size; a large
// arena fills four slots), reserved once with MAP_NORESERVE and committed lazily by the
// kernel, page by page, as entries are written. 2^(47-18) slots of 2 bytes reserve 1 GiB of
// address space and commit a few KiB. The slot size does not change with the geometry, so
// neither does the free fast path's shift.
//
// An entry says which of the slot's 64 pages are pymalloc's, in two bytes:
//   low byte  t: pages [0, t) belong to an arena that started in an earlier slot
//   high byte h: pages [64 - h, 64) belong to an arena starting in this slot
//   owned(page i)  <=>  i < t  ||  i >= 64 - h
// kWhollyOwned (t = 64, h = 0) marks the slots of arenas aligned to their own size (every
// arena of the default arena allocator): the only value the fast path tests, which then
// finds the pool header with the formula of geometry.hpp. A custom allocator's arenas may
// sit anywhere; their slots read t < 64 or h > 0 (h = 64 for a slot they wholly cover) and
// take the out-of-line owns() path. A zero entry owns nothing.
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
inline constexpr std::size_t kSlotSize = std::size_t{1} << kMapSlotBits;
inline constexpr std::size_t kSlotCount = std::size_t{1} << (kAddressBits - kMapSlotBits);
inline constexpr std::uint16_t kWhollyOwned = kPagesPerSlot;  // t = 64, h = 0

// Number of valid slot indexes: kSlotCount once the map exists, else 0. An index below
// limit() may be read; the fast path compares against the domain gate's copy of it.
inline std::size_t limit() noexcept {
    return g_state.arena_slots != nullptr ? kSlotCount : 0;
}

// Reserves the map on first use. False if the address space could not be had.
bool reserve() noexcept;

// Records that the pages [begin, end) are (owned) or are no longer (!owned) pymalloc's.
// Both ends are page-aligned. `aligned`: the range is one arena aligned to its size, whose
// slots the fast path may take. False if the range lies beyond the mapped address space
// (the arena cannot be used); nothing is changed then.
bool mark(std::uintptr_t begin, std::uintptr_t end, bool aligned, bool owned) noexcept;

// The full test, for any pointer, including ones in unaligned arenas' slots.
bool owns(const void *p) noexcept;

// The raw entry of a slot (for tests and the heap views); 0 before the map exists.
inline std::uint16_t entry_of_slot(std::size_t slot) noexcept {
    return slot < limit() ? g_state.arena_slots[slot] : 0;
}

inline std::size_t slot_of(const void *p) {
    return reinterpret_cast<std::uintptr_t>(p) >> kMapSlotBits;
}

// True when p lies in a slot of an arena aligned to its size (the fast path's test, for the
// slow paths that need to know which header formula applies).
inline bool in_aligned_arena(const void *p) noexcept {
    return entry_of_slot(slot_of(p)) == kWhollyOwned;
}

}  // namespace minipy::pymalloc::arena_map
