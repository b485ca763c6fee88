// The tracer's own memory: every byte it holds comes from the C library's malloc through
// here, never from a traced domain, and is counted (minipy_tracemalloc_get_memory). Tests
// can make any of these allocations fail (set_fault_injector) to check that a traced call
// then fails cleanly and nothing leaks.
#pragma once

#include <cstddef>

namespace minipy::tracemalloc {

// Returns n bytes from malloc, counted, or nullptr (malloc failed, or the injector said so).
void *system_allocate(std::size_t n) noexcept;
// Gives back a block of system_allocate(n).
void system_release(void *p, std::size_t n) noexcept;
// A block from malloc for the caller to own (a snapshot): not counted, but the fault
// injector applies. Freed with std::free.
void *caller_allocate(std::size_t n) noexcept;
// Bytes handed out and not given back.
std::size_t system_bytes() noexcept;

// Called before each system_allocate; returning true makes that allocation fail. nullptr
// (the default) fails none. For tests: the fault sweep over the tracer's allocations.
using FaultInjector = bool (*)();
void set_fault_injector(FaultInjector injector) noexcept;

}  // namespace minipy::tracemalloc
