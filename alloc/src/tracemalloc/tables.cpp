// See tables.hpp.
#include "tracemalloc/tables.hpp"

#include <cstring>

#include "tracemalloc/memory.hpp"

namespace minipy::tracemalloc {

namespace {

// One slot of the set's array: a pointer (spelled so that sizeof does not look like a
// mistaken sizeof of a pointer to the record).
constexpr std::size_t kTracebackSlotBytes = sizeof(void *);
static_assert(alignof(Traceback *) == alignof(void *));
constexpr std::size_t kInitialTraceSlots = 64;
constexpr std::size_t kInitialTracebackSlots = 16;

std::size_t record_bytes(int nframe) {
    return sizeof(Traceback) + static_cast<std::size_t>(nframe) * sizeof(minipy_tracemalloc_frame);
}

unsigned log2_of(std::size_t power_of_two) {
    return static_cast<unsigned>(__builtin_ctzll(power_of_two));
}

}  // namespace

std::uint64_t hash_frames(const minipy_tracemalloc_frame *frames, int n, int total) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL ^ static_cast<std::uint64_t>(total);
    for (int i = 0; i < n; ++i) {
        h ^= reinterpret_cast<std::uintptr_t>(frames[i].filename);
        h *= 0x100000001b3ULL;
        h ^= frames[i].lineno;
        h *= 0x9E3779B97F4A7C15ULL;
    }
    return h ^ (h >> 29);
}

// --- TracebackSet -----------------------------------------------------------------------

bool TracebackSet::init() noexcept {
    const std::size_t bytes = kInitialTracebackSlots * kTracebackSlotBytes;
    slots_ = static_cast<Traceback **>(system_allocate(bytes));
    if (slots_ == nullptr) return false;
    std::memset(slots_, 0, bytes);
    mask_ = kInitialTracebackSlots - 1;
    count_ = 0;
    return true;
}

void TracebackSet::clear() noexcept {
    for (std::size_t i = 0; i <= mask_ && slots_ != nullptr; ++i) {
        if (slots_[i] == nullptr) continue;
        system_release(slots_[i], record_bytes(slots_[i]->view.nframe));
        slots_[i] = nullptr;
    }
    count_ = 0;
}

void TracebackSet::release() noexcept {
    clear();
    system_release(slots_, (mask_ + 1) * kTracebackSlotBytes);
    slots_ = nullptr;
    mask_ = 0;
    count_ = 0;
}

bool TracebackSet::grow() noexcept {
    const std::size_t capacity = 2 * (mask_ + 1);
    auto *slots = static_cast<Traceback **>(system_allocate(capacity * kTracebackSlotBytes));
    if (slots == nullptr) return false;
    std::memset(slots, 0, capacity * kTracebackSlotBytes);
    for (std::size_t i = 0; i <= mask_; ++i) {
        Traceback *tb = slots_[i];
        if (tb == nullptr) continue;
        std::size_t j = tb->hash & (capacity - 1);
        while (slots[j] != nullptr) j = (j + 1) & (capacity - 1);
        slots[j] = tb;
    }
    system_release(slots_, (mask_ + 1) * kTracebackSlotBytes);
    slots_ = slots;
    mask_ = capacity - 1;
    return true;
}

const Traceback *TracebackSet::intern(const minipy_tracemalloc_frame *frames, int n, int total,
                                      std::uint64_t hash) noexcept {
    std::size_t i = hash & mask_;
    for (; slots_[i] != nullptr; i = (i + 1) & mask_) {
        const Traceback *tb = slots_[i];
        if (tb->hash == hash && tb->view.nframe == n && tb->view.total_nframe == total &&
            same_frames(frames_of(tb), frames, n))
            return tb;
    }
    if (2 * (count_ + 1) > mask_ + 1) {
        if (!grow()) return nullptr;
        i = hash & mask_;
        while (slots_[i] != nullptr) i = (i + 1) & mask_;
    }
    auto *tb = static_cast<Traceback *>(system_allocate(record_bytes(n)));
    if (tb == nullptr) return nullptr;
    auto *copy = reinterpret_cast<minipy_tracemalloc_frame *>(tb + 1);
    std::memcpy(copy, frames, static_cast<std::size_t>(n) * sizeof *copy);
    tb->view = {static_cast<std::uint16_t>(n), static_cast<std::uint16_t>(total), copy};
    tb->hash = hash;
    tb->snapshot_copy = nullptr;
    slots_[i] = tb;
    ++count_;
    return tb;
}

// --- TraceTable -------------------------------------------------------------------------

bool TraceTable::init() noexcept {
    const std::size_t bytes = kInitialTraceSlots * sizeof(TraceEntry);
    slots_ = static_cast<TraceEntry *>(system_allocate(bytes));
    if (slots_ == nullptr) return false;
    std::memset(slots_, 0, bytes);
    mask_ = kInitialTraceSlots - 1;
    shift_ = 64 - log2_of(kInitialTraceSlots);
    count_ = reserved_ = 0;
    return true;
}

void TraceTable::release() noexcept {
    system_release(slots_, bytes());
    slots_ = nullptr;
    mask_ = 0;
    shift_ = 64;
    count_ = reserved_ = 0;
}

void TraceTable::clear() noexcept {
    std::memset(slots_, 0, bytes());
    count_ = reserved_ = 0;
}

bool TraceTable::grow() noexcept {
    const std::size_t capacity = 2 * (mask_ + 1);
    auto *slots = static_cast<TraceEntry *>(system_allocate(capacity * sizeof(TraceEntry)));
    if (slots == nullptr) return false;
    std::memset(slots, 0, capacity * sizeof(TraceEntry));
    TraceEntry *old = slots_;
    const std::size_t old_bytes = bytes();
    slots_ = slots;
    mask_ = capacity - 1;
    shift_ = 64 - log2_of(capacity);
    for (std::size_t i = 0; i < old_bytes / sizeof(TraceEntry); ++i) {
        if (old[i].traceback == nullptr) continue;
        std::size_t j = home(old[i].domain, old[i].ptr);
        while (slots_[j].traceback != nullptr) j = (j + 1) & mask_;
        slots_[j] = old[i];
    }
    system_release(old, old_bytes);
    return true;
}

bool TraceTable::put_after_growing(unsigned int domain, std::uintptr_t ptr, std::size_t size,
                                   const Traceback *tb, std::size_t *old_size) noexcept {
    if (!grow()) return false;
    std::size_t i = home(domain, ptr);
    while (slots_[i].traceback != nullptr) i = (i + 1) & mask_;
    slots_[i] = TraceEntry{ptr, tb, size, domain};
    ++count_;
    *old_size = 0;
    return true;
}

bool TraceTable::reserve() noexcept {
    if (needs_room() && !grow()) return false;
    ++reserved_;
    return true;
}

}  // namespace minipy::tracemalloc
