// The arena map decides ownership from addresses alone. These tests mark synthetic arenas
// at low addresses that no process maps (a few arena slots above 1 MiB) and ask owns()
// about pointers around them; nothing is ever read or written at those addresses, which is
// the point: the map never touches memory it does not own.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdlib>

#include "pymalloc/arena_map.hpp"

namespace map = minipy::pymalloc::arena_map;
using minipy::pymalloc::kArenaSize;
using minipy::pymalloc::kPoolSize;

namespace {

const void *at(std::uintptr_t address) {
    return reinterpret_cast<const void *>(address);
}

// A slot far from anything real: slots 8.. are 2 MiB (4 MiB with large pools) and up.
constexpr std::uintptr_t kSlot = 8;
constexpr std::uintptr_t slot_base(std::uintptr_t slot) {
    return slot * kArenaSize;
}

struct MapReserved {
    MapReserved() { BOOST_REQUIRE(map::reserve()); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(arena_map)

BOOST_FIXTURE_TEST_CASE(an_aligned_arena_owns_exactly_its_slot, MapReserved) {
    const std::uintptr_t base = slot_base(kSlot);
    BOOST_TEST(!map::owns(at(base)));
    BOOST_REQUIRE(map::mark(base, true));
    BOOST_TEST(map::entry_of_slot(kSlot) == map::kWhollyOwned);
    BOOST_TEST(map::owns(at(base)));
    BOOST_TEST(map::owns(at(base + kArenaSize / 2)));
    BOOST_TEST(map::owns(at(base + kArenaSize - 1)));
    BOOST_TEST(!map::owns(at(base - 1)));
    BOOST_TEST(!map::owns(at(base + kArenaSize)));
    BOOST_REQUIRE(map::mark(base, false));
    BOOST_TEST(!map::owns(at(base)));
    BOOST_TEST(map::entry_of_slot(kSlot) == 0);
}

BOOST_FIXTURE_TEST_CASE(an_unaligned_arena_owns_its_pools_in_two_slots, MapReserved) {
    // Starts 48 bytes into the fourth pool position of the slot: its first pool is the
    // fifth position, its last pool ends at the fourth position of the next slot.
    const std::uintptr_t base = slot_base(kSlot) + 3 * kPoolSize + 48;
    const std::uintptr_t first_pool = slot_base(kSlot) + 4 * kPoolSize;
    const std::uintptr_t end_of_pools = slot_base(kSlot + 1) + 3 * kPoolSize;
    BOOST_REQUIRE(map::mark(base, true));
    BOOST_TEST(!map::owns(at(base)));  // before the first pool boundary: never a block
    BOOST_TEST(!map::owns(at(first_pool - 1)));
    BOOST_TEST(map::owns(at(first_pool)));
    BOOST_TEST(map::owns(at(slot_base(kSlot + 1) - 1)));
    BOOST_TEST(map::owns(at(slot_base(kSlot + 1))));
    BOOST_TEST(map::owns(at(end_of_pools - 1)));
    BOOST_TEST(!map::owns(at(end_of_pools)));
    BOOST_TEST(!map::owns(at(base + kArenaSize - 1)));
    // Neither slot reads "wholly owned": the inlined free path leaves them to owns().
    BOOST_TEST(map::entry_of_slot(kSlot) != map::kWhollyOwned);
    BOOST_TEST(map::entry_of_slot(kSlot + 1) != map::kWhollyOwned);
    BOOST_REQUIRE(map::mark(base, false));
    BOOST_TEST(!map::owns(at(first_pool)));
    BOOST_TEST(!map::owns(at(slot_base(kSlot + 1))));
    BOOST_TEST(map::entry_of_slot(kSlot) == 0);
    BOOST_TEST(map::entry_of_slot(kSlot + 1) == 0);
}

BOOST_FIXTURE_TEST_CASE(two_unaligned_arenas_can_share_a_slot, MapReserved) {
    // A's tail and B's head share slot kSlot + 1, with a one-pool gap between them.
    const std::uintptr_t a = slot_base(kSlot) + 3 * kPoolSize + 48;       // tail: [0, 3)
    const std::uintptr_t b = slot_base(kSlot + 1) + 4 * kPoolSize + 100;  // head: [5, 64)
    BOOST_REQUIRE(map::mark(a, true));
    BOOST_REQUIRE(map::mark(b, true));
    const std::uintptr_t shared = slot_base(kSlot + 1);
    BOOST_TEST(map::owns(at(shared + 2 * kPoolSize)));   // A
    BOOST_TEST(!map::owns(at(shared + 3 * kPoolSize)));  // A's lost end
    BOOST_TEST(!map::owns(at(shared + 4 * kPoolSize)));  // B's lost start
    BOOST_TEST(map::owns(at(shared + 5 * kPoolSize)));   // B
    BOOST_REQUIRE(map::mark(a, false));                  // giving A back leaves B alone
    BOOST_TEST(!map::owns(at(shared + 2 * kPoolSize)));
    BOOST_TEST(map::owns(at(shared + 5 * kPoolSize)));
    BOOST_TEST(map::owns(at(slot_base(kSlot + 2) + kPoolSize)));  // B's tail
    BOOST_REQUIRE(map::mark(b, false));
    for (std::uintptr_t s = kSlot; s <= kSlot + 2; ++s) BOOST_TEST(map::entry_of_slot(s) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_pool_aligned_arena_loses_no_pool, MapReserved) {
    const std::uintptr_t base = slot_base(kSlot) + 10 * kPoolSize;
    BOOST_REQUIRE(map::mark(base, true));
    BOOST_TEST(map::owns(at(base)));
    BOOST_TEST(!map::owns(at(base - 1)));
    BOOST_TEST(map::owns(at(base + kArenaSize - 1)));
    BOOST_TEST(!map::owns(at(base + kArenaSize)));
    BOOST_REQUIRE(map::mark(base, false));
}

BOOST_FIXTURE_TEST_CASE(addresses_beyond_the_map_are_refused_and_never_owned, MapReserved) {
    const std::uintptr_t top = std::uintptr_t{1} << map::kAddressBits;
    BOOST_TEST(!map::mark(top, true));
    BOOST_TEST(!map::mark(top - kArenaSize + kPoolSize, true));  // would spill past the end
    BOOST_TEST(!map::owns(at(top)));
    BOOST_TEST(!map::owns(at(~std::uintptr_t{0} - 15)));
    BOOST_TEST(!map::owns(nullptr));
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
