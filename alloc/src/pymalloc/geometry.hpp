// pymalloc's geometry: the one place that fixes block alignment, the small-request
// threshold, and the pool and arena sizes. Everything else derives from these constants.
//
// The default is the seed's (CPython 3.8's): 4 KiB pools in 256 KiB arenas. Building with
// MINIPY_LARGE_POOLS selects CPython 3.10+'s 16 KiB pools in 1 MiB arenas. Both give 64
// pools per arena and 32 size classes of 16 bytes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace minipy::pymalloc {

static_assert(sizeof(void *) == 8, "minipy's pymalloc is written for 64-bit targets");

inline constexpr std::size_t kAlignmentShift = 4;
inline constexpr std::size_t kAlignment = std::size_t{1} << kAlignmentShift;  // 16
inline constexpr std::size_t kSmallRequestThreshold = 512;
inline constexpr std::size_t kNumSizeClasses = kSmallRequestThreshold / kAlignment;  // 32

#if defined(MINIPY_LARGE_POOLS)
inline constexpr std::size_t kPoolBits = 14;   // 16 KiB
inline constexpr std::size_t kArenaBits = 20;  // 1 MiB
#else
inline constexpr std::size_t kPoolBits = 12;   // 4 KiB: one page, the seed's
inline constexpr std::size_t kArenaBits = 18;  // 256 KiB
#endif
inline constexpr std::size_t kPoolSize = std::size_t{1} << kPoolBits;
inline constexpr std::size_t kArenaSize = std::size_t{1} << kArenaBits;
inline constexpr std::uintptr_t kPoolMask = kPoolSize - 1;
inline constexpr std::uintptr_t kArenaMask = kArenaSize - 1;
inline constexpr std::size_t kMaxPoolsInArena = kArenaSize / kPoolSize;  // 64

// The pool header, rounded up to the alignment (pool.hpp checks sizeof(Pool) against it).
inline constexpr std::size_t kPoolOverhead = 48;

// Size class <-> block size. Class i holds blocks of 16 * (i + 1) bytes; a request of n
// bytes (1 <= n <= 512) goes to class (n - 1) >> 4.
constexpr unsigned size_class_of(std::size_t nbytes) {
    return static_cast<unsigned>((nbytes - 1) >> kAlignmentShift);
}
constexpr std::size_t block_size_of(unsigned size_class) {
    return (std::size_t{size_class} + 1) << kAlignmentShift;
}
constexpr std::size_t blocks_per_pool(unsigned size_class) {
    return (kPoolSize - kPoolOverhead) / block_size_of(size_class);
}

static_assert(kNumSizeClasses == 32);
static_assert(kMaxPoolsInArena == 64, "the arena map encodes pool indexes in 7 bits");
static_assert(size_class_of(1) == 0 && size_class_of(16) == 0 && size_class_of(17) == 1);
static_assert(size_class_of(kSmallRequestThreshold) == kNumSizeClasses - 1);
static_assert(block_size_of(kNumSizeClasses - 1) == kSmallRequestThreshold);
static_assert(blocks_per_pool(kNumSizeClasses - 1) >= 2,
              "lazy carving hands out two blocks when it initialises a pool");

}  // namespace minipy::pymalloc
