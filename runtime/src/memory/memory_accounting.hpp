// The memory limit and the leak check (memory_accounting.cpp): one allocator hook on the
// MEM and OBJ domains that counts blocks and bytes, refuses allocations above the limit,
// and at shutdown reports what is left. Internal to runtime/; the public side is
// minipy/memusage.h.
#ifndef MINIPY_MEMORY_ACCOUNTING_HPP
#define MINIPY_MEMORY_ACCOUNTING_HPP

#include <cstddef>

namespace minipy::runtime {

// Installs the hook in front of whatever MEM and OBJ hold (start-up, before the first
// object). Does nothing when limit == 0 and !leak_check.
void accounting_start(std::size_t limit, bool leak_check) noexcept;
// Removes the hook (shutdown, after the last object is gone) and records what is still
// allocated for minipy_get_leak_report(); with leak_check on, prints it to stderr when it
// is not zero.
void accounting_stop() noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_MEMORY_ACCOUNTING_HPP
