// The arena map: reservation, marking, and the full ownership test. The encoding of an
// entry is described in arena_map.hpp.
#include "pymalloc/arena_map.hpp"

#include <sys/mman.h>

#include "domains/domains.hpp"
#include "support/check.hpp"

namespace minipy::pymalloc::arena_map {

namespace {

constexpr std::uint16_t kPositions = kMaxPoolsInArena;

constexpr std::uint16_t tail_of(std::uint16_t entry) {
    return entry & 0xff;
}
constexpr std::uint16_t head_of(std::uint16_t entry) {
    return entry >> 8;
}
constexpr std::uint16_t make_entry(unsigned tail, unsigned head) {
    return static_cast<std::uint16_t>(tail | (head << 8));
}

}  // namespace

bool reserve() noexcept {
    if (g_state.arena_slots != nullptr) return true;
    // MAP_NORESERVE: address space only. The kernel commits a page of the map when an
    // entry in it is first written; reading an untouched page sees zeros (owns nothing).
    void *map = ::mmap(nullptr, kSlotCount * sizeof(std::uint16_t), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED) return false;
    g_state.arena_slots = static_cast<std::uint16_t *>(map);
    domains::refresh_gates();  // the free fast path may now read the map
    return true;
}

bool mark(std::uintptr_t base, bool owned) noexcept {
    MINIPY_ASSERT(g_state.arena_slots != nullptr);
    const std::size_t slot = base >> kArenaBits;
    const std::uintptr_t offset = base & kArenaMask;
    if (offset == 0) {
        if (slot >= kSlotCount) return false;
        MINIPY_ASSERT(g_state.arena_slots[slot] == (owned ? 0 : kWhollyOwned));
        g_state.arena_slots[slot] = owned ? kWhollyOwned : 0;
        return true;
    }
    // Unaligned: the arena's pools start at the first pool boundary in `slot` and end at
    // the last pool boundary before base + kArenaSize, in `slot + 1`.
    if (slot + 1 >= kSlotCount) return false;
    const unsigned first_position = static_cast<unsigned>((offset + kPoolMask) >> kPoolBits);
    const unsigned head = kPositions - first_position;                 // positions in `slot`
    const unsigned tail = static_cast<unsigned>(offset >> kPoolBits);  // in `slot + 1`
    std::uint16_t &here = g_state.arena_slots[slot];
    std::uint16_t &next = g_state.arena_slots[slot + 1];
    MINIPY_ASSERT(head_of(here) == (owned ? 0 : head));
    MINIPY_ASSERT(tail_of(next) == (owned ? 0 : tail));
    here = make_entry(tail_of(here), owned ? head : 0);
    next = make_entry(owned ? tail : 0, head_of(next));
    return true;
}

bool owns(const void *p) noexcept {
    const std::size_t slot = slot_of(p);
    if (slot >= limit()) return false;
    const std::uint16_t entry = g_state.arena_slots[slot];
    const unsigned position =
        static_cast<unsigned>((reinterpret_cast<std::uintptr_t>(p) & kArenaMask) >> kPoolBits);
    return position < tail_of(entry) || position + head_of(entry) >= kPositions;
}

}  // namespace minipy::pymalloc::arena_map
