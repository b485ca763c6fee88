// The three allocator domains: each slot holds the PyMemAllocatorEx a caller installed and,
// for MEM and OBJ, a "gate" that lets the C entry points skip the indirect call while the
// domain holds pymalloc itself.
//
// A gate is two limits, both zero while the domain holds anything but pymalloc:
//   small_limit  512 (the small-request threshold): malloc takes the inlined pymalloc
//                path iff  size - 1 < small_limit. One unsigned compare rejects, at once,
//                0-byte and large requests and every request of a non-pymalloc domain.
//   map_limit    arena_map::limit(): free takes the inlined path iff the pointer's arena
//                slot is below it and wholly owned. Zero until the arena map exists.
// Everything a gate rejects goes to the out-of-line slow path, which looks at the domain
// properly. Custom allocators and hooks are therefore always reached through the table.
//
// Installing allocators is not locked: like CPython, minipy expects it at start-up, or
// under the GIL for MEM and OBJ.
#pragma once

#include <cstddef>

#include "minipy/pymem.h"

namespace minipy::domains {

inline constexpr int kDomainCount = 3;

struct Domain {
    PyMemAllocatorEx allocator;
    bool is_pymalloc;  // allocator is exactly pymalloc's record
};

struct Gate {
    std::size_t small_limit;
    std::size_t map_limit;
};

extern constinit Domain g_domains[kDomainCount];
extern constinit Gate g_gates[kDomainCount];

// The system allocator as the raw domain uses it: 0-byte requests become 1-byte ones.
void *system_malloc(void *ctx, std::size_t size) noexcept;
void *system_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept;
void *system_realloc(void *ctx, void *ptr, std::size_t size) noexcept;
void system_free(void *ctx, void *ptr) noexcept;
inline constexpr PyMemAllocatorEx kRawAllocator = {nullptr, &system_malloc, &system_calloc,
                                                   &system_realloc, &system_free};

// Recomputes every gate from the domains and the arena map; called when either changes.
void refresh_gates() noexcept;

// True when pymalloc serves the object domain (what _PyObject_DebugMallocStats checks).
bool object_domain_uses_pymalloc() noexcept;

inline bool is_valid_domain(int domain) { return domain >= 0 && domain < kDomainCount; }

}  // namespace minipy::domains
