// pymalloc's statistics: the numbers (computed from the walk in walk.cpp, so the report
// and the teaching views can never disagree) and CPython's report layout:
//
//   Small block threshold = 512, in 32 size classes.
//   <blank>
//   class   size   num pools   blocks in use  avail blocks
//   -----   ----   ---------   -------------  ------------
//       1     32           1             126             0      (classes with pools only)
//   <blank>
//   # arenas allocated total           =                    1   (label padded to column 35,
//   ...                                                         value in 21 columns, commas)
//   Total                              =              262,144
//
// Printing uses the caller's FILE; the numbers themselves are gathered without allocating.
#include <cstdio>
#include <cstring>

#include "domains/domains.hpp"
#include "minipy/pymalloc.h"
#include "pymalloc/state.hpp"

namespace minipy::pymalloc {
namespace {

// Pools of one class may hold different numbers of blocks (the first pool of each 256 KiB
// holds the header table with large pools; pools of unaligned arenas hold their headers), so
// header and quantization bytes are summed pool by pool, from what the walk reports.
int add_pool(const minipy_arena_info * /*arena*/, const minipy_pool_info *pool, void *ctx) {
    auto *stats = static_cast<minipy_pymalloc_stats *>(ctx);
    if (pool->blocks_in_use == 0) return 0;  // empty and uncarved pools are "unused pools"
    minipy_pymalloc_class_stats &c = stats->classes[pool->size_class];
    ++c.num_pools;
    c.blocks_in_use += pool->blocks_in_use;
    c.avail_blocks += pool->capacity - pool->blocks_in_use;
    stats->pool_header_bytes += pool->header_bytes;
    stats->quantization_bytes +=
        stats->geometry.pool_size - pool->header_bytes - pool->capacity * pool->block_size;
    return 0;
}

int add_arena(const minipy_arena_info *arena, void *ctx) {
    auto *stats = static_cast<minipy_pymalloc_stats *>(ctx);
    const std::size_t pool_size = stats->geometry.pool_size;
    ++stats->arenas_allocated_current;
    stats->unused_pools += arena->free_pools;
    // What the pools do not cover: a table that is a pool of its own, or the ends of an arena
    // not aligned to the pool size (one pool's worth, as in CPython).
    const std::size_t outside_pools = stats->geometry.arena_size - arena->total_pools * pool_size;
    if (arena->header_table != nullptr)
        stats->pool_header_bytes += outside_pools;
    else
        stats->arena_alignment_bytes += outside_pools;
    return 0;
}

// One "label = value" line; returns the value so that the caller can add it up.
std::size_t print_line(std::FILE *out, const char *label, std::size_t value) {
    char digits[32];
    int i = static_cast<int>(sizeof digits) - 1;
    digits[i] = '\0';
    int in_group = 0;
    std::size_t rest = value;
    do {
        if (in_group == 3) {
            digits[--i] = ',';
            in_group = 0;
        }
        digits[--i] = static_cast<char>('0' + rest % 10);
        rest /= 10;
        ++in_group;
    } while (rest != 0);
    std::fprintf(out, "%-35s=%21s\n", label, digits + i);
    return value;
}

}  // namespace

void print_stats_if_requested() noexcept {
    if (g_state.print_stats) _PyObject_DebugMallocStats(stderr);
}

}  // namespace minipy::pymalloc

extern "C" void minipy_pymalloc_get_stats(minipy_pymalloc_stats *out) noexcept {
    using namespace minipy::pymalloc;
    *out = minipy_pymalloc_stats{};
    minipy_pymalloc_get_geometry(&out->geometry);
    minipy_pymalloc_walk(&add_arena, &add_pool, out);
    for (unsigned i = 0; i < kNumSizeClasses; ++i) {
        const minipy_pymalloc_class_stats &c = out->classes[i];
        const std::size_t size = block_size_of(i);
        out->allocated_bytes += c.blocks_in_use * size;
        out->available_bytes += c.avail_blocks * size;
    }
    const std::size_t pool_size = out->geometry.pool_size;
    out->arenas_allocated_total = g_state.arenas_allocated_total;
    out->arenas_reclaimed = g_state.arenas_allocated_total - out->arenas_allocated_current;
    out->arenas_highwater = g_state.arenas_highwater;
    out->arena_bytes = out->arenas_allocated_current * out->geometry.arena_size;
    out->total = out->allocated_bytes + out->available_bytes + out->unused_pools * pool_size +
                 out->pool_header_bytes + out->quantization_bytes + out->arena_alignment_bytes;
    out->raw_fallback_blocks = g_state.raw_allocated_blocks;
}

extern "C" Py_ssize_t _Py_GetAllocatedBlocks(void) noexcept {
    minipy_pymalloc_stats stats;
    minipy_pymalloc_get_stats(&stats);
    Py_ssize_t blocks = stats.raw_fallback_blocks;
    for (const minipy_pymalloc_class_stats &c : stats.classes)
        blocks += static_cast<Py_ssize_t>(c.blocks_in_use);
    return blocks;
}

extern "C" int _PyObject_DebugMallocStats(FILE *out) noexcept {
    using namespace minipy::pymalloc;
    if (!minipy::domains::object_domain_uses_pymalloc()) return 0;
    minipy_pymalloc_stats s;
    minipy_pymalloc_get_stats(&s);

    std::fprintf(out, "Small block threshold = %zu, in %zu size classes.\n\n",
                 kSmallRequestThreshold, kNumSizeClasses);
    std::fputs(
        "class   size   num pools   blocks in use  avail blocks\n"
        "-----   ----   ---------   -------------  ------------\n",
        out);
    for (unsigned i = 0; i < kNumSizeClasses; ++i) {
        const minipy_pymalloc_class_stats &c = s.classes[i];
        if (c.num_pools == 0) continue;
        std::fprintf(out, "%5u %6zu %11zu %15zu %13zu\n", i, block_size_of(i), c.num_pools,
                     c.blocks_in_use, c.avail_blocks);
    }
    std::fputc('\n', out);
    char label[64];
    print_line(out, "# arenas allocated total", s.arenas_allocated_total);
    print_line(out, "# arenas reclaimed", s.arenas_reclaimed);
    print_line(out, "# arenas highwater mark", s.arenas_highwater);
    print_line(out, "# arenas allocated current", s.arenas_allocated_current);
    std::snprintf(label, sizeof label, "%zu arenas * %zu bytes/arena", s.arenas_allocated_current,
                  s.geometry.arena_size);
    print_line(out, label, s.arena_bytes);
    std::fputc('\n', out);
    std::size_t total = print_line(out, "# bytes in allocated blocks", s.allocated_bytes);
    total += print_line(out, "# bytes in available blocks", s.available_bytes);
    std::snprintf(label, sizeof label, "%zu unused pools * %zu bytes", s.unused_pools,
                  s.geometry.pool_size);
    total += print_line(out, label, s.unused_pools * s.geometry.pool_size);
    total += print_line(out, "# bytes lost to pool headers", s.pool_header_bytes);
    total += print_line(out, "# bytes lost to quantization", s.quantization_bytes);
    total += print_line(out, "# bytes lost to arena alignment", s.arena_alignment_bytes);
    print_line(out, "Total", total);
    std::fflush(out);
    return 1;
}

extern "C" size_t minipy_pymalloc_release_free_arenas(void) noexcept {
    return minipy::pymalloc::release_free_arenas();
}
