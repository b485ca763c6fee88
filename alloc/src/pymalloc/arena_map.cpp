// The arena map: reservation, marking, and the full ownership test. The encoding of an
// entry is described in arena_map.hpp.
#include "pymalloc/arena_map.hpp"

#include <sys/mman.h>

#include "domains/domains.hpp"
#include "support/check.hpp"

namespace minipy::pymalloc::arena_map {

namespace {

constexpr unsigned kPages = kPagesPerSlot;

constexpr unsigned tail_of(std::uint16_t entry) {
    return entry & 0xff;
}
constexpr unsigned head_of(std::uint16_t entry) {
    return entry >> 8;
}
constexpr std::uint16_t make_entry(unsigned tail, unsigned head) {
    return static_cast<std::uint16_t>(tail | (head << 8));
}

// The entry of `slot` after giving (owned) or taking back (!owned) its pages [lo, hi).
std::uint16_t updated(std::uint16_t entry, unsigned lo, unsigned hi, bool aligned, bool owned) {
    if (aligned) {
        MINIPY_ASSERT(lo == 0 && hi == kPages && entry == (owned ? 0 : kWhollyOwned));
        return owned ? kWhollyOwned : 0;
    }
    if (lo > 0 || hi == kPages) {  // a head: this slot's last pages, or all of them
        MINIPY_ASSERT(hi == kPages && head_of(entry) == (owned ? 0 : kPages - lo));
        MINIPY_ASSERT(!owned || tail_of(entry) <= lo);
        return make_entry(tail_of(entry), owned ? kPages - lo : 0);
    }
    // A tail: this slot's first pages, the end of an arena that began in an earlier slot.
    MINIPY_ASSERT(tail_of(entry) == (owned ? 0 : hi));
    MINIPY_ASSERT(!owned || hi <= kPages - head_of(entry));
    return make_entry(owned ? hi : 0, head_of(entry));
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

bool mark(std::uintptr_t begin, std::uintptr_t end, bool aligned, bool owned) noexcept {
    MINIPY_ASSERT(g_state.arena_slots != nullptr);
    MINIPY_ASSERT(begin < end && (begin | end) % (std::uintptr_t{1} << kPageBits) == 0);
    const std::size_t first = begin >> kMapSlotBits;
    const std::size_t last = (end - 1) >> kMapSlotBits;
    if (last >= kSlotCount) return false;
    for (std::size_t slot = first; slot <= last; ++slot) {
        const std::uintptr_t slot_base = std::uintptr_t{slot} << kMapSlotBits;
        const std::uintptr_t lo = begin > slot_base ? begin - slot_base : 0;
        const std::uintptr_t hi = end - slot_base < kSlotSize ? end - slot_base : kSlotSize;
        // A range of at least 63 pages cannot start after a slot's first page and end
        // before its last: every slot it touches is a head, a tail or wholly its own.
        MINIPY_ASSERT(lo == 0 || hi == kSlotSize);
        std::uint16_t &entry = g_state.arena_slots[slot];
        entry = updated(entry, static_cast<unsigned>(lo >> kPageBits),
                        static_cast<unsigned>(hi >> kPageBits), aligned, owned);
    }
    return true;
}

bool owns(const void *p) noexcept {
    const std::size_t slot = slot_of(p);
    if (slot >= limit()) return false;
    const std::uint16_t entry = g_state.arena_slots[slot];
    const unsigned page =
        static_cast<unsigned>((reinterpret_cast<std::uintptr_t>(p) & (kSlotSize - 1)) >> kPageBits);
    return page < tail_of(entry) || page + head_of(entry) >= kPages;
}

}  // namespace minipy::pymalloc::arena_map
