// The counting layer of `-X allocstats` (minipy/allocstats.h) and its report.
//
// One layer per domain wraps the allocator below it and counts every call. Live blocks are
// found again on free by a table from address to requested size (linear probing, deletion
// by backward shift), so the layer adds no header and any block, counted or not, can be
// freed through it or below it. Blocks from before start are unknown to the table: freeing
// one counts the call only. Each domain has its own spin lock (the raw domain is called
// without the GIL); the table lives on the C library's heap, never on a domain.
#include "minipy/allocstats.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "minipy/pymalloc.h"
#include "minipy/pymem.h"

namespace minipy::interp {

namespace {

class SpinLock {
  public:
    void lock() noexcept {
        while (flag_.test_and_set(std::memory_order_acquire)) {
        }
    }
    void unlock() noexcept { flag_.clear(std::memory_order_release); }

  private:
    std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

// Address -> requested size.
class BlockTable {
  public:
    // false when the table could not grow (the block is then not followed).
    bool insert(std::uintptr_t key, std::size_t size) noexcept {
        if ((used_ + 1) * 4 > capacity_ * 3 && !grow()) return false;
        std::size_t at = slot_of(key);
        while (entries_[at].key != 0) {
            if (entries_[at].key == key) {
                entries_[at].size = size;
                return true;
            }
            at = (at + 1) & (capacity_ - 1);
        }
        entries_[at] = Entry{key, size};
        ++used_;
        return true;
    }

    // The size recorded for `key` and removes it; false when unknown.
    bool remove(std::uintptr_t key, std::size_t *size) noexcept {
        if (capacity_ == 0) return false;
        std::size_t at = slot_of(key);
        while (entries_[at].key != key) {
            if (entries_[at].key == 0) return false;
            at = (at + 1) & (capacity_ - 1);
        }
        *size = entries_[at].size;
        // Backward shift: pull later members of the run into the hole.
        std::size_t hole = at;
        for (std::size_t next = (hole + 1) & (capacity_ - 1); entries_[next].key != 0;
             next = (next + 1) & (capacity_ - 1)) {
            const std::size_t home = slot_of(entries_[next].key);
            const bool movable =
                hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                entries_[hole] = entries_[next];
                hole = next;
            }
        }
        entries_[hole] = Entry{0, 0};
        --used_;
        return true;
    }

    bool reserve_first() noexcept { return capacity_ != 0 || grow(); }

  private:
    struct Entry {
        std::uintptr_t key;
        std::size_t size;
    };

    std::size_t slot_of(std::uintptr_t key) const noexcept {
        std::uint64_t h = key;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return static_cast<std::size_t>(h) & (capacity_ - 1);
    }

    bool grow() noexcept {
        const std::size_t capacity = capacity_ == 0 ? 4096 : capacity_ * 2;
        auto *entries = static_cast<Entry *>(std::calloc(capacity, sizeof(Entry)));
        if (entries == nullptr) return false;
        Entry *old = entries_;
        const std::size_t old_capacity = capacity_;
        entries_ = entries;
        capacity_ = capacity;
        used_ = 0;
        for (std::size_t i = 0; i < old_capacity; ++i)
            if (old[i].key != 0) insert(old[i].key, old[i].size);
        std::free(old);
        return true;
    }

    Entry *entries_ = nullptr;
    std::size_t capacity_ = 0;  // a power of two
    std::size_t used_ = 0;
};

struct Layer {
    PyMemAllocatorDomain domain;
    PyMemAllocatorEx below;
    SpinLock lock;
    BlockTable blocks;
    minipy_allocstats_domain counts;
};

Layer g_layers[3] = {{PYMEM_DOMAIN_RAW, {}, {}, {}, {}},
                     {PYMEM_DOMAIN_MEM, {}, {}, {}, {}},
                     {PYMEM_DOMAIN_OBJ, {}, {}, {}, {}}};
// Written under either the MEM or the OBJ layer's lock: atomic.
std::atomic<std::uint64_t> g_class_requests[MINIPY_PYMALLOC_MAX_CLASSES];
std::size_t g_alignment = 16;
std::size_t g_small_threshold = 512;
bool g_counting = false;

Layer *layer_of(void *ctx) noexcept {
    return static_cast<Layer *>(ctx);
}

// Under the layer's lock: a block of `size` bytes came back from below.
void note_allocated(Layer *layer, void *block, std::size_t size) noexcept {
    minipy_allocstats_domain &c = layer->counts;
    if (block == nullptr) {
        ++c.failed_calls;
        return;
    }
    c.bytes_asked += size;
    if (layer->domain != PYMEM_DOMAIN_RAW && size >= 1 && size <= g_small_threshold) {
        const std::size_t index = (size - 1) / g_alignment;
        if (index < MINIPY_PYMALLOC_MAX_CLASSES)
            g_class_requests[index].fetch_add(1, std::memory_order_relaxed);
    }
    if (!layer->blocks.insert(reinterpret_cast<std::uintptr_t>(block), size)) return;
    ++c.live_blocks;
    c.live_bytes += size;
    if (c.live_bytes > c.peak_live_bytes) c.peak_live_bytes = c.live_bytes;
    if (c.live_blocks > c.peak_live_blocks) c.peak_live_blocks = c.live_blocks;
}

void note_released(Layer *layer, void *block) noexcept {
    std::size_t size = 0;
    if (block == nullptr || !layer->blocks.remove(reinterpret_cast<std::uintptr_t>(block), &size))
        return;
    --layer->counts.live_blocks;
    layer->counts.live_bytes -= size;
}

void *counting_malloc(void *ctx, std::size_t size) noexcept {
    Layer *layer = layer_of(ctx);
    void *block = layer->below.malloc(layer->below.ctx, size);
    layer->lock.lock();
    ++layer->counts.malloc_calls;
    note_allocated(layer, block, size);
    layer->lock.unlock();
    return block;
}

void *counting_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    Layer *layer = layer_of(ctx);
    void *block = layer->below.calloc(layer->below.ctx, nelem, elsize);
    layer->lock.lock();
    ++layer->counts.calloc_calls;
    note_allocated(layer, block, nelem * elsize);  // no overflow when block != NULL
    layer->lock.unlock();
    return block;
}

void *counting_realloc(void *ctx, void *ptr, std::size_t size) noexcept {
    Layer *layer = layer_of(ctx);
    // The old block's record goes first: once below has freed it, another thread may get
    // the same address.
    layer->lock.lock();
    std::size_t old_size = 0;
    const bool known =
        ptr != nullptr && layer->blocks.remove(reinterpret_cast<std::uintptr_t>(ptr), &old_size);
    if (known) {
        --layer->counts.live_blocks;
        layer->counts.live_bytes -= old_size;
    }
    layer->lock.unlock();
    void *block = layer->below.realloc(layer->below.ctx, ptr, size);
    layer->lock.lock();
    ++layer->counts.realloc_calls;
    if (block == nullptr) {
        ++layer->counts.failed_calls;
        if (known && layer->blocks.insert(reinterpret_cast<std::uintptr_t>(ptr), old_size)) {
            ++layer->counts.live_blocks;  // the old block stays, as it was
            layer->counts.live_bytes += old_size;
        }
    } else {
        note_allocated(layer, block, size);
    }
    layer->lock.unlock();
    return block;
}

void counting_free(void *ctx, void *ptr) noexcept {
    Layer *layer = layer_of(ctx);
    layer->lock.lock();
    ++layer->counts.free_calls;
    note_released(layer, ptr);
    layer->lock.unlock();
    layer->below.free(layer->below.ctx, ptr);
}

const char *const kDomainNames[3] = {"raw", "mem", "obj"};

}  // namespace

}  // namespace minipy::interp

using namespace minipy::interp;

extern "C" {

int minipy_allocstats_start(void) noexcept {
    if (g_counting) return 0;
    for (Layer &layer : g_layers)
        if (!layer.blocks.reserve_first()) return -1;
    minipy_pymalloc_geometry geometry;
    minipy_pymalloc_get_geometry(&geometry);
    g_alignment = geometry.alignment != 0 ? geometry.alignment : 16;
    g_small_threshold = geometry.small_threshold;
    for (Layer &layer : g_layers) {
        PyMem_GetAllocator(layer.domain, &layer.below);
        PyMemAllocatorEx counting = {&layer, counting_malloc, counting_calloc, counting_realloc,
                                     counting_free};
        PyMem_SetAllocator(layer.domain, &counting);
    }
    g_counting = true;
    return 0;
}

void minipy_allocstats_get(minipy_allocstats *out) noexcept {
    std::memset(out, 0, sizeof *out);
    out->counting = g_counting ? 1 : 0;
    for (int d = 0; d < 3; ++d) {
        g_layers[d].lock.lock();
        out->domains[d] = g_layers[d].counts;
        g_layers[d].lock.unlock();
    }
    for (int i = 0; i < MINIPY_PYMALLOC_MAX_CLASSES; ++i)
        out->class_requests[i] = g_class_requests[i].load(std::memory_order_relaxed);
}

void minipy_allocstats_print(FILE *out, const char *allocator) noexcept {
    minipy_allocstats stats;
    minipy_allocstats_get(&stats);
    minipy_pymalloc_stats pool_stats;
    minipy_pymalloc_get_stats(&pool_stats);
    const minipy_pymalloc_geometry &g = pool_stats.geometry;
    std::fprintf(out, "minipy -X allocstats%s%s%s\n", allocator != nullptr ? " (allocator " : "",
                 allocator != nullptr ? allocator : "", allocator != nullptr ? ")" : "");
    // 79 columns: calls of each kind, bytes asked in all, the peak of live bytes, and the
    // blocks still live (allocated since start and never freed).
    std::fprintf(out, "%-6s %9s %7s %8s %9s %6s %12s %11s %6s\n", "domain", "malloc", "calloc",
                 "realloc", "free", "failed", "bytes asked", "peak bytes", "left");
    for (int d = 0; d < 3; ++d) {
        const minipy_allocstats_domain &c = stats.domains[d];
        std::fprintf(out, "%-6s %9llu %7llu %8llu %9llu %6llu %12llu %11zu %6zu\n", kDomainNames[d],
                     static_cast<unsigned long long>(c.malloc_calls),
                     static_cast<unsigned long long>(c.calloc_calls),
                     static_cast<unsigned long long>(c.realloc_calls),
                     static_cast<unsigned long long>(c.free_calls),
                     static_cast<unsigned long long>(c.failed_calls),
                     static_cast<unsigned long long>(c.bytes_asked), c.peak_live_bytes,
                     c.live_blocks);
    }
    std::fprintf(out,
                 "size classes: requests of 1..%zu bytes (mem + obj) / pymalloc blocks in use\n",
                 g.small_threshold);
    const std::size_t classes = g.num_size_classes < MINIPY_PYMALLOC_MAX_CLASSES
                                    ? g.num_size_classes
                                    : MINIPY_PYMALLOC_MAX_CLASSES;
    constexpr std::size_t kColumns = 4;
    const std::size_t rows = (classes + kColumns - 1) / kColumns;
    for (std::size_t row = 0; row < rows; ++row) {
        for (std::size_t column = 0; column < kColumns; ++column) {
            const std::size_t i = column * rows + row;
            if (i >= classes) break;
            std::fprintf(out, "%s%4zu:%8llu/%4zu", column == 0 ? "" : "   ", (i + 1) * g.alignment,
                         static_cast<unsigned long long>(stats.class_requests[i]),
                         pool_stats.classes[i].blocks_in_use);
        }
        std::fputc('\n', out);
    }
    std::fprintf(out,
                 "arenas of %zu bytes: %zu made, %zu given back, at most %zu at once, %zu now\n",
                 g.arena_size, pool_stats.arenas_allocated_total, pool_stats.arenas_reclaimed,
                 pool_stats.arenas_highwater, pool_stats.arenas_allocated_current);
    std::fflush(out);
}

}  // extern "C"
