// pymalloc's geometry: block alignment and the small-request threshold (fixed), where pool
// headers live (fixed at build time), and the pool and arena sizes (chosen at start-up,
// fixed while any arena exists). Everything else derives from these.
//
// Two geometries, both with 64 pools per arena and 32 size classes of 16 bytes:
//   small  4 KiB pools in 256 KiB arenas: the seed's (CPython 3.8's), the default
//   large  16 KiB pools in 1 MiB arenas: CPython 3.10+'s (the default of a build with
//          -DMINIPY_LARGE_POOLS=ON)
// chosen by minipy_pymalloc_configure() or MINIPY_PYMALLOC_GEOMETRY (layout.cpp).
//
// Two header placements (pool.hpp says why), chosen at build time:
//   dense  the default: every 256 KiB "slot" of an arena (arena_map.hpp) begins with a
//          4 KiB table of the headers of its pools, 64 bytes apart for small pools (the
//          table is the slot's first pool), 256 bytes apart for large ones (the table is
//          the first 4 KiB of the slot's first pool, whose blocks start after it)
//   start  CPython's: each header is the first 48 bytes of its pool
//          (-DMINIPY_POOL_HEADERS=start)
//
// The free fast path finds a block's header with one formula per placement, whatever the
// geometry (the run-time part is a mask in the state, read as a memory operand):
//   dense  header(p) = slot_base(p) + ((p >> 6) & index_mask)
//          index_mask = (256 KiB - pool_size) >> 6: the pool's number in its slot times the
//          header spacing, pool_size / 64 (0xFC0 for small pools, 0xF00 for large ones)
//   start  header(p) = p & ~(pool_size - 1)
// Only arenas aligned to their size (every arena of the default arena allocator) get the
// tables: an arena a custom allocator placed elsewhere keeps its headers at the start of
// its pools, whatever the build.
#pragma once

#include <cstddef>
#include <cstdint>

namespace minipy::pymalloc {

static_assert(sizeof(void *) == 8, "minipy's pymalloc is written for 64-bit targets");

inline constexpr std::size_t kAlignmentShift = 4;
inline constexpr std::size_t kAlignment = std::size_t{1} << kAlignmentShift;  // 16
inline constexpr std::size_t kSmallRequestThreshold = 512;
inline constexpr std::size_t kNumSizeClasses = kSmallRequestThreshold / kAlignment;  // 32

// Every geometry cuts an arena into this many pools (one less when the arena is not aligned
// to the pool size, or when its first pool is a header table).
inline constexpr std::size_t kMaxPoolsInArena = 64;

// A pool header: CPython's 48 bytes (pool.hpp checks sizeof(Pool) against it).
inline constexpr std::size_t kPoolOverhead = 48;

// The arena map (arena_map.hpp) and the dense tables work in 256 KiB slots (the small
// arena size; a large arena fills four) and in 4 KiB pages, whatever the geometry.
inline constexpr unsigned kMapSlotBits = 18;
inline constexpr std::size_t kSlotSize = std::size_t{1} << kMapSlotBits;
inline constexpr std::uintptr_t kSlotMask = kSlotSize - 1;
inline constexpr unsigned kPageBits = 12;
inline constexpr std::size_t kPagesPerSlot = std::size_t{1} << (kMapSlotBits - kPageBits);

// The dense header table at the start of each slot of an aligned arena.
inline constexpr std::size_t kHeaderTableSize = 4096;
inline constexpr unsigned kHeaderIndexShift = 6;  // header(p)'s shift (see above)

#if defined(MINIPY_PYMALLOC_START_HEADERS)
inline constexpr bool kDenseHeaders = false;
#else
inline constexpr bool kDenseHeaders = true;
#endif

enum class Geometry : std::uint8_t { small, large };

#if defined(MINIPY_LARGE_POOLS)
inline constexpr Geometry kDefaultGeometry = Geometry::large;
#else
inline constexpr Geometry kDefaultGeometry = Geometry::small;
#endif

// The sizes of one geometry.
struct Layout {
    Geometry geometry;
    unsigned pool_bits;
    std::size_t pool_size;
    std::size_t arena_size;
    std::uintptr_t pool_mask;   // pool_size - 1
    std::uintptr_t arena_mask;  // arena_size - 1
    std::uintptr_t index_mask;  // dense header(p)'s mask: (kSlotSize - pool_size) >> 6
};

constexpr Layout make_layout(Geometry geometry) {
    const unsigned pool_bits = geometry == Geometry::large ? 14 : 12;
    const std::size_t pool_size = std::size_t{1} << pool_bits;
    const std::size_t arena_size = pool_size * kMaxPoolsInArena;
    return Layout{geometry,
                  pool_bits,
                  pool_size,
                  arena_size,
                  pool_size - 1,
                  arena_size - 1,
                  (kSlotSize - pool_size) >> kHeaderIndexShift};
}

static_assert(make_layout(Geometry::small).index_mask == 0xFC0);
static_assert(make_layout(Geometry::large).index_mask == 0xF00);
static_assert(make_layout(Geometry::large).arena_size == std::size_t{1024} * 1024);
static_assert(make_layout(Geometry::small).arena_size == kSlotSize);
static_assert(kSlotSize / make_layout(Geometry::small).pool_size *
                      (make_layout(Geometry::small).pool_size >> kHeaderIndexShift) ==
                  kHeaderTableSize,
              "a slot's table holds one header per pool");

// Size class <-> block size. Class i holds blocks of 16 * (i + 1) bytes; a request of n
// bytes (1 <= n <= 512) goes to class (n - 1) >> 4.
constexpr unsigned size_class_of(std::size_t nbytes) {
    return static_cast<unsigned>((nbytes - 1) >> kAlignmentShift);
}
constexpr std::size_t block_size_of(unsigned size_class) {
    return (std::size_t{size_class} + 1) << kAlignmentShift;
}

static_assert(kNumSizeClasses == 32);
static_assert(kPagesPerSlot == kMaxPoolsInArena, "the arena map's entry counts pages in a byte");
static_assert(size_class_of(1) == 0 && size_class_of(16) == 0 && size_class_of(17) == 1);
static_assert(size_class_of(kSmallRequestThreshold) == kNumSizeClasses - 1);
static_assert(block_size_of(kNumSizeClasses - 1) == kSmallRequestThreshold);

}  // namespace minipy::pymalloc
