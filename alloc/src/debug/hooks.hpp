// The debug hooks: a PyMemAllocatorEx that wraps whatever a domain held when the hooks were
// installed, frames every block (block.hpp), checks the frame on free and realloc
// (report.hpp), and, for MEM and OBJ, checks that the caller holds the GIL.
//
// Each installation gets its own context {api id, wrapped allocator}, so hooks installed
// again on top of a custom allocator that itself wraps earlier hooks do not disturb the
// layer underneath (CPython keeps one static context per domain, which the second
// installation overwrites). Contexts are never freed: a domain may hold a layer until exit.
//
// Not here: the domain table (domains/), PYTHONMALLOC (domains/allocator_name.cpp).
#pragma once

#include <cstddef>

#include "minipy/pymem.h"

namespace minipy::debug {

struct Context {
    char api_id;               // 'r', 'm' or 'o'
    PyMemAllocatorEx wrapped;  // what the domain held before the hooks
};

// The hook functions. RAW's never look at the GIL; MEM's and OBJ's check it first and then
// do what RAW's do, like CPython's _PyMem_DebugMalloc over _PyMem_DebugRawMalloc.
void *raw_malloc(void *ctx, std::size_t n) noexcept;
void *raw_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept;
void *raw_realloc(void *ctx, void *p, std::size_t n) noexcept;
void raw_free(void *ctx, void *p) noexcept;
void *gil_malloc(void *ctx, std::size_t n) noexcept;
void *gil_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept;
void *gil_realloc(void *ctx, void *p, std::size_t n) noexcept;
void gil_free(void *ctx, void *p) noexcept;

// The hooks' record for a domain around a context.
constexpr PyMemAllocatorEx hooks_for(PyMemAllocatorDomain domain, Context *ctx) {
    return domain == PYMEM_DOMAIN_RAW
               ? PyMemAllocatorEx{ctx, &raw_malloc, &raw_calloc, &raw_realloc, &raw_free}
               : PyMemAllocatorEx{ctx, &gil_malloc, &gil_calloc, &gil_realloc, &gil_free};
}

// If `a` is a debug-hook record, the allocator it wraps; otherwise nullptr.
const PyMemAllocatorEx *wrapped_by_hooks(const PyMemAllocatorEx &a) noexcept;

// The contexts of a debug build's default set-up (pymalloc_debug before any
// initialisation), one per domain; domains.cpp puts them in the static table.
extern constinit Context g_default_contexts[3];

}  // namespace minipy::debug
