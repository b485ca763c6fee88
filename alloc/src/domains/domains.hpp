// The three allocator domains: each slot holds the PyMemAllocatorEx a caller installed.
// For MEM and OBJ, a gate in pymalloc's state (pymalloc/state.hpp) lets the C entry points
// skip the indirect call while the domain holds pymalloc itself; everything a gate rejects
// goes to an out-of-line path that looks at the domain properly, so custom allocators and
// hooks are always reached through the table.
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

[[gnu::visibility("hidden")]] extern constinit Domain g_domains[kDomainCount];

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

inline bool is_valid_domain(int domain) {
    return domain >= 0 && domain < kDomainCount;
}

}  // namespace minipy::domains
