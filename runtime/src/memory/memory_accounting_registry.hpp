// BlockRegistry: the set of blocks one accounting layer framed (memory_accounting.cpp), so that
// the layer can tell its own blocks from foreign ones without reading memory in front of a
// pointer it does not own. Internal to runtime/.
//
// An open-addressing hash set of addresses with linear probing and backward-shift deletion
// (no tombstones, so lookups never slow down with churn). The table comes from the C library,
// not from a Python domain: the registry must not count itself, and it must work while the
// domains it watches refuse memory. Load stays at most 1/2.
//
// Not thread-safe: MEM and OBJ calls are serialized by the GIL.
#ifndef MINIPY_MEMORY_ACCOUNTING_REGISTRY_HPP
#define MINIPY_MEMORY_ACCOUNTING_REGISTRY_HPP

#include <cstddef>
#include <cstdint>

namespace minipy::runtime {

class BlockRegistry {
  public:
    // Makes sure the next insert() needs no memory: false when the table had to grow and the C
    // library said no (the set is unchanged then).
    bool reserve_one() noexcept;
    // Adds `key` (non-zero, not present). reserve_one() must have succeeded since the last
    // insert.
    void insert(std::uintptr_t key) noexcept;
    // Removes `key`; false when it was not there.
    bool erase(std::uintptr_t key) noexcept;
    bool contains(std::uintptr_t key) const noexcept;
    std::size_t size() const noexcept { return count_; }
    // Frees the table; the set is empty afterwards.
    void release() noexcept;

  private:
    std::size_t slot_of(std::uintptr_t key) const noexcept;
    std::size_t find(std::uintptr_t key) const noexcept;  // capacity_ when absent
    bool grow() noexcept;

    std::uintptr_t *slots_ = nullptr;  // 0 = empty
    std::size_t capacity_ = 0;         // a power of two, or 0 before the first reserve
    std::size_t count_ = 0;
    int shift_ = 0;  // 64 - log2(capacity_)
};

}  // namespace minipy::runtime

#endif  // MINIPY_MEMORY_ACCOUNTING_REGISTRY_HPP
