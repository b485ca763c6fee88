// The arena map decides ownership from addresses alone. These tests mark synthetic arenas
// at low addresses that no process maps (a few arena slots above 1 MiB) and ask owns()
// about pointers around them; nothing is ever read or written at those addresses, which is
// the point: the map never touches memory it does not own.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdlib>

#include "pymalloc/arena_map.hpp"

namespace map = minipy::pymalloc::arena_map;
using minipy::pymalloc::kSlotSize;

// The map works in 256 KiB slots and 4 KiB pages whatever the geometry: a small arena is one
// slot, a large one four.
constexpr std::uintptr_t kPage = 4096;
constexpr std::uintptr_t kLargeArena = 4 * kSlotSize;

namespace {

const void *at(std::uintptr_t address) {
    return reinterpret_cast<const void *>(address);
}

// A slot far from anything real: slots 8.. are 2 MiB and up.
constexpr std::uintptr_t kSlot = 8;
constexpr std::uintptr_t slot_base(std::uintptr_t slot) {
    return slot * kSlotSize;
}

// mark() for a small arena at `base` as pymalloc records it: all of it when aligned, its
// pools (from the first page boundary, 63 of them) otherwise.
bool mark_small_arena(std::uintptr_t base, bool owned) {
    if (base % kSlotSize == 0) return map::mark(base, base + kSlotSize, true, owned);
    const std::uintptr_t first_pool = (base + kPage - 1) & ~(kPage - 1);
    const std::uintptr_t pools = first_pool == base ? 64 : 63;
    return map::mark(first_pool, first_pool + pools * kPage, false, owned);
}

struct MapReserved {
    MapReserved() { BOOST_REQUIRE(map::reserve()); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(arena_map)

BOOST_FIXTURE_TEST_CASE(an_aligned_arena_owns_exactly_its_slot, MapReserved) {
    const std::uintptr_t base = slot_base(kSlot);
    BOOST_TEST(!map::owns(at(base)));
    BOOST_REQUIRE(mark_small_arena(base, true));
    BOOST_TEST(map::entry_of_slot(kSlot) == map::kWhollyOwned);
    BOOST_TEST(map::owns(at(base)));
    BOOST_TEST(map::owns(at(base + kSlotSize / 2)));
    BOOST_TEST(map::owns(at(base + kSlotSize - 1)));
    BOOST_TEST(!map::owns(at(base - 1)));
    BOOST_TEST(!map::owns(at(base + kSlotSize)));
    BOOST_REQUIRE(mark_small_arena(base, false));
    BOOST_TEST(!map::owns(at(base)));
    BOOST_TEST(map::entry_of_slot(kSlot) == 0);
}

BOOST_FIXTURE_TEST_CASE(an_unaligned_arena_owns_its_pools_in_two_slots, MapReserved) {
    // Starts 48 bytes into the fourth pool position of the slot: its first pool is the
    // fifth position, its last pool ends at the fourth position of the next slot.
    const std::uintptr_t base = slot_base(kSlot) + 3 * kPage + 48;
    const std::uintptr_t first_pool = slot_base(kSlot) + 4 * kPage;
    const std::uintptr_t end_of_pools = slot_base(kSlot + 1) + 3 * kPage;
    BOOST_REQUIRE(mark_small_arena(base, true));
    BOOST_TEST(!map::owns(at(base)));  // before the first pool boundary: never a block
    BOOST_TEST(!map::owns(at(first_pool - 1)));
    BOOST_TEST(map::owns(at(first_pool)));
    BOOST_TEST(map::owns(at(slot_base(kSlot + 1) - 1)));
    BOOST_TEST(map::owns(at(slot_base(kSlot + 1))));
    BOOST_TEST(map::owns(at(end_of_pools - 1)));
    BOOST_TEST(!map::owns(at(end_of_pools)));
    BOOST_TEST(!map::owns(at(base + kSlotSize - 1)));
    // Neither slot reads "wholly owned": the inlined free path leaves them to owns().
    BOOST_TEST(map::entry_of_slot(kSlot) != map::kWhollyOwned);
    BOOST_TEST(map::entry_of_slot(kSlot + 1) != map::kWhollyOwned);
    BOOST_REQUIRE(mark_small_arena(base, false));
    BOOST_TEST(!map::owns(at(first_pool)));
    BOOST_TEST(!map::owns(at(slot_base(kSlot + 1))));
    BOOST_TEST(map::entry_of_slot(kSlot) == 0);
    BOOST_TEST(map::entry_of_slot(kSlot + 1) == 0);
}

BOOST_FIXTURE_TEST_CASE(two_unaligned_arenas_can_share_a_slot, MapReserved) {
    // A's tail and B's head share slot kSlot + 1, with a one-pool gap between them.
    const std::uintptr_t a = slot_base(kSlot) + 3 * kPage + 48;       // tail: [0, 3)
    const std::uintptr_t b = slot_base(kSlot + 1) + 4 * kPage + 100;  // head: [5, 64)
    BOOST_REQUIRE(mark_small_arena(a, true));
    BOOST_REQUIRE(mark_small_arena(b, true));
    const std::uintptr_t shared = slot_base(kSlot + 1);
    BOOST_TEST(map::owns(at(shared + 2 * kPage)));   // A
    BOOST_TEST(!map::owns(at(shared + 3 * kPage)));  // A's lost end
    BOOST_TEST(!map::owns(at(shared + 4 * kPage)));  // B's lost start
    BOOST_TEST(map::owns(at(shared + 5 * kPage)));   // B
    BOOST_REQUIRE(mark_small_arena(a, false));       // giving A back leaves B alone
    BOOST_TEST(!map::owns(at(shared + 2 * kPage)));
    BOOST_TEST(map::owns(at(shared + 5 * kPage)));
    BOOST_TEST(map::owns(at(slot_base(kSlot + 2) + kPage)));  // B's tail
    BOOST_REQUIRE(mark_small_arena(b, false));
    for (std::uintptr_t s = kSlot; s <= kSlot + 2; ++s) BOOST_TEST(map::entry_of_slot(s) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_pool_aligned_arena_loses_no_pool, MapReserved) {
    const std::uintptr_t base = slot_base(kSlot) + 10 * kPage;
    BOOST_REQUIRE(mark_small_arena(base, true));
    BOOST_TEST(map::owns(at(base)));
    BOOST_TEST(!map::owns(at(base - 1)));
    BOOST_TEST(map::owns(at(base + kSlotSize - 1)));
    BOOST_TEST(!map::owns(at(base + kSlotSize)));
    BOOST_REQUIRE(mark_small_arena(base, false));
}

BOOST_FIXTURE_TEST_CASE(addresses_beyond_the_map_are_refused_and_never_owned, MapReserved) {
    const std::uintptr_t top = std::uintptr_t{1} << map::kAddressBits;
    BOOST_TEST(!map::mark(top, top + kSlotSize, true, true));
    BOOST_TEST(!mark_small_arena(top - kSlotSize + kPage, true));  // would spill past the end
    BOOST_TEST(!map::mark(top - kSlotSize, top - kSlotSize + kLargeArena, true, true));
    BOOST_TEST(!map::owns(at(top)));
    BOOST_TEST(!map::owns(at(~std::uintptr_t{0} - 15)));
    BOOST_TEST(!map::owns(nullptr));
}

BOOST_FIXTURE_TEST_CASE(an_aligned_large_arena_fills_four_slots, MapReserved) {
    const std::uintptr_t base = slot_base(kSlot);  // 2 MiB: aligned to 1 MiB too
    BOOST_REQUIRE(map::mark(base, base + kLargeArena, true, true));
    for (std::uintptr_t s = kSlot; s < kSlot + 4; ++s)
        BOOST_TEST(map::entry_of_slot(s) == map::kWhollyOwned, "slot " << s);
    BOOST_TEST(map::entry_of_slot(kSlot + 4) == 0);
    BOOST_TEST(map::owns(at(base + kLargeArena - 1)));
    BOOST_TEST(!map::owns(at(base + kLargeArena)));
    BOOST_REQUIRE(map::mark(base, base + kLargeArena, true, false));
    for (std::uintptr_t s = kSlot; s < kSlot + 4; ++s) BOOST_TEST(map::entry_of_slot(s) == 0);
}

BOOST_FIXTURE_TEST_CASE(an_unaligned_large_arena_owns_its_pools_in_five_slots, MapReserved) {
    // A 1 MiB arena 5 pages and 48 bytes into slot kSlot: its first 16 KiB pool at page 8,
    // 63 pools (1008 KiB) ending at page 4 of slot kSlot + 4. The middle slots are wholly its
    // own but do not read kWhollyOwned: the fast path, which needs an aligned arena, stays
    // away.
    const std::uintptr_t first_pool = slot_base(kSlot) + 8 * kPage;
    const std::uintptr_t end = first_pool + std::uintptr_t{63} * 4 * kPage;
    BOOST_REQUIRE(end == slot_base(kSlot + 4) + 4 * kPage);
    BOOST_REQUIRE(map::mark(first_pool, end, false, true));
    BOOST_TEST(!map::owns(at(first_pool - 1)));
    BOOST_TEST(map::owns(at(first_pool)));
    for (std::uintptr_t s = kSlot + 1; s < kSlot + 4; ++s) {
        BOOST_TEST(map::entry_of_slot(s) != map::kWhollyOwned, "slot " << s);
        BOOST_TEST(map::owns(at(slot_base(s))));
        BOOST_TEST(map::owns(at(slot_base(s) + kSlotSize - 1)));
    }
    BOOST_TEST(map::owns(at(end - 1)));
    BOOST_TEST(!map::owns(at(end)));
    BOOST_REQUIRE(map::mark(first_pool, end, false, false));
    for (std::uintptr_t s = kSlot; s <= kSlot + 4; ++s) BOOST_TEST(map::entry_of_slot(s) == 0);
}

BOOST_FIXTURE_TEST_CASE(foreign_memory_is_not_owned, MapReserved) {
    int on_stack = 0;
    void *from_libc = std::malloc(64);
    static int in_data = 0;
    BOOST_TEST(!map::owns(&on_stack));
    BOOST_TEST(!map::owns(from_libc));
    BOOST_TEST(!map::owns(&in_data));
    std::free(from_libc);
}

BOOST_AUTO_TEST_SUITE_END()
