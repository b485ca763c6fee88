// BlockRegistry (memory_accounting_registry.hpp): linear probing over a power-of-two table.
//
// Deletion shifts the following run of the cluster back instead of leaving a tombstone: after
// erasing slot i, each later entry j of the same cluster whose home slot h does not lie
// cyclically in (i, j] moves into i, and i becomes j. So every entry stays reachable from its
// home slot without gaps, and a lookup stops at the first empty slot.
#include "memory/memory_accounting_registry.hpp"

#include <cstdlib>

namespace minipy::runtime {

namespace {

constexpr std::size_t kInitialCapacity = 1024;
// Fibonacci hashing: addresses are 16-byte aligned, so the low bits carry nothing; the
// multiplication spreads the rest over the top bits, which the shift keeps.
constexpr std::uint64_t kGoldenRatio = 0x9E3779B97F4A7C15ull;

int log2_of(std::size_t power_of_two) {
    int bits = 0;
    while ((std::size_t{1} << bits) < power_of_two) ++bits;
    return bits;
}

}  // namespace

std::size_t BlockRegistry::slot_of(std::uintptr_t key) const noexcept {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(key >> 4) * kGoldenRatio) >>
                                    shift_);
}

std::size_t BlockRegistry::find(std::uintptr_t key) const noexcept {
    if (capacity_ == 0) return 0;
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask) {
        if (slots_[i] == key) return i;
        if (slots_[i] == 0) return capacity_;
    }
}

bool BlockRegistry::grow() noexcept {
    const std::size_t capacity = capacity_ == 0 ? kInitialCapacity : capacity_ * 2;
    auto *slots = static_cast<std::uintptr_t *>(std::calloc(capacity, sizeof(std::uintptr_t)));
    if (slots == nullptr) return false;
    std::uintptr_t *old_slots = slots_;
    const std::size_t old_capacity = capacity_;
    slots_ = slots;
    capacity_ = capacity;
    shift_ = 64 - log2_of(capacity);
    count_ = 0;
    for (std::size_t i = 0; i < old_capacity; ++i)
        if (old_slots[i] != 0) insert(old_slots[i]);
    std::free(old_slots);
    return true;
}

bool BlockRegistry::reserve_one() noexcept {
    if ((count_ + 1) * 2 <= capacity_) [[likely]]
        return true;
    return grow();
}

void BlockRegistry::insert(std::uintptr_t key) noexcept {
    const std::size_t mask = capacity_ - 1;
    std::size_t i = slot_of(key);
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = key;
    ++count_;
}

bool BlockRegistry::erase(std::uintptr_t key) noexcept {
    std::size_t hole = find(key);
    if (hole == capacity_) return false;
    const std::size_t mask = capacity_ - 1;
    for (std::size_t j = (hole + 1) & mask; slots_[j] != 0; j = (j + 1) & mask) {
        const std::size_t home = slot_of(slots_[j]);
        // Does `home` lie cyclically in (hole, j]? Then slots_[j] is still reachable without
        // `hole` and stays; otherwise it moves into the hole.
        const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (stays) continue;
        slots_[hole] = slots_[j];
        hole = j;
    }
    slots_[hole] = 0;
    --count_;
    return true;
}

bool BlockRegistry::contains(std::uintptr_t key) const noexcept {
    return find(key) != capacity_;
}

void BlockRegistry::release() noexcept {
    std::free(slots_);
    slots_ = nullptr;
    capacity_ = 0;
    count_ = 0;
    shift_ = 0;
}

}  // namespace minipy::runtime
