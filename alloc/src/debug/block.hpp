// The layout of a block under the debug hooks (CPython's, described under PyMem_SetupDebugHooks in
// the C-API page "Memory Management"):
//
//   base          base+S    base+S+1      p = base+2S            p+n        p+n+S
//   | size n (S bytes,      | api id | S-1 x 0xFD | data (n bytes) | S x 0xFD |
//   |  big-endian)          |
//
// with S = sizeof(size_t) = 8, so the hooks ask the wrapped allocator for n + 3S bytes and
// hand out p, still 16-byte aligned when the wrapped allocator's blocks are. New data reads
// CLEANBYTE, a freed block (header, data and trailer) DEADBYTE, the pads FORBIDDENBYTE.
#pragma once

#include <cstddef>
#include <cstdint>

#include "minipy/pyport.h"

namespace minipy::debug {

inline constexpr std::size_t kWord = sizeof(std::size_t);  // S
inline constexpr std::size_t kOverhead = 3 * kWord;        // header 2S + trailer S
inline constexpr std::uint8_t kCleanByte = 0xCD;
inline constexpr std::uint8_t kDeadByte = 0xDD;
inline constexpr std::uint8_t kForbiddenByte = 0xFD;

// The largest request the hooks accept: anything above would make n + overhead exceed
// PY_SSIZE_T_MAX (and could wrap), so it gets NULL, never a short block.
inline constexpr std::size_t kMaxRequest = static_cast<std::size_t>(PY_SSIZE_T_MAX) - kOverhead;

inline std::uint8_t *base_of(const void *p) {
    return static_cast<std::uint8_t *>(const_cast<void *>(p)) - 2 * kWord;
}
inline std::uint8_t *data_of(void *base) {
    return static_cast<std::uint8_t *>(base) + 2 * kWord;
}

inline std::size_t read_size(const std::uint8_t *base) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < kWord; ++i) n = (n << 8) | base[i];
    return n;
}

inline void write_size(std::uint8_t *base, std::size_t n) {
    for (std::size_t i = kWord; i-- > 0;) {
        base[i] = static_cast<std::uint8_t>(n & 0xff);
        n >>= 8;
    }
}

// Writes size, api id and both pads around the n data bytes of the block at `base`.
inline void write_frame(std::uint8_t *base, std::size_t n, char api_id) {
    write_size(base, n);
    base[kWord] = static_cast<std::uint8_t>(api_id);
    for (std::size_t i = kWord + 1; i < 2 * kWord; ++i) base[i] = kForbiddenByte;
    std::uint8_t *tail = base + 2 * kWord + n;
    for (std::size_t i = 0; i < kWord; ++i) tail[i] = kForbiddenByte;
}

}  // namespace minipy::debug
