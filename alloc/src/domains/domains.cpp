// The domain table, its gates, and PyMem_GetAllocator / PyMem_SetAllocator.
#include "domains/domains.hpp"

#include <cstdlib>

#include "debug/hooks.hpp"
#include "pymalloc/arena_map.hpp"
#include "pymalloc/geometry.hpp"
#include "pymalloc/pymalloc.hpp"

namespace minipy::domains {

// The system allocator, with CPython's raw-domain adjustments: malloc(0), calloc(0, x) and
// realloc(p, 0) ask for one byte, so that they return a distinct live pointer (the C
// library may return NULL or free the block for 0).
void *system_malloc(void * /*ctx*/, std::size_t size) noexcept {
    return std::malloc(size == 0 ? 1 : size);
}
void *system_calloc(void * /*ctx*/, std::size_t nelem, std::size_t elsize) noexcept {
    if (nelem == 0 || elsize == 0) nelem = elsize = 1;
    return std::calloc(nelem, elsize);
}
void *system_realloc(void * /*ctx*/, void *ptr, std::size_t size) noexcept {
    return std::realloc(ptr, size == 0 ? 1 : size);
}
void system_free(void * /*ctx*/, void *ptr) noexcept {
    std::free(ptr);
}

namespace {

bool same_allocator(const PyMemAllocatorEx &a, const PyMemAllocatorEx &b) {
    return a.malloc == b.malloc && a.calloc == b.calloc && a.realloc == b.realloc &&
           a.free == b.free;
}

}  // namespace

// Defaults that hold before any initialisation (CPython's static defaults): pymalloc in a
// release build, pymalloc_debug in a debug build: the system allocator for RAW, pymalloc
// for MEM and OBJ, and in a debug build the debug hooks around all three. pymalloc/state.cpp
// opens the fast-path gates to match.
#if defined(MINIPY_PYDEBUG)
constinit Domain g_domains[kDomainCount] = {
    {debug::hooks_for(PYMEM_DOMAIN_RAW, &debug::g_default_contexts[0]), false},
    {debug::hooks_for(PYMEM_DOMAIN_MEM, &debug::g_default_contexts[1]), false},
    {debug::hooks_for(PYMEM_DOMAIN_OBJ, &debug::g_default_contexts[2]), false},
};
#else
constinit Domain g_domains[kDomainCount] = {
    {kRawAllocator, false},
    {pymalloc::kAllocator, true},
    {pymalloc::kAllocator, true},
};
#endif

void refresh_gates() noexcept {
    for (int d = PYMEM_DOMAIN_MEM; d < kDomainCount; ++d) {
        const bool fast = g_domains[d].is_pymalloc;
        pymalloc::DomainGate &gate = pymalloc::g_state.gates[d];
        gate.small_limit = fast ? pymalloc::kSmallRequestThreshold : 0;
        gate.map_limit = fast ? pymalloc::arena_map::limit() : 0;
    }
}

bool object_domain_uses_pymalloc() noexcept {
    // Through the debug hooks too: pymalloc still serves the blocks (CPython's
    // _PyMem_PymallocEnabled looks through them the same way).
    const PyMemAllocatorEx &obj = g_domains[PYMEM_DOMAIN_OBJ].allocator;
    const PyMemAllocatorEx *inner = debug::wrapped_by_hooks(obj);
    return same_allocator(inner != nullptr ? *inner : obj, pymalloc::kAllocator);
}

}  // namespace minipy::domains

using minipy::domains::g_domains;
using minipy::domains::is_valid_domain;

extern "C" void PyMem_GetAllocator(PyMemAllocatorDomain domain,
                                   PyMemAllocatorEx *allocator) noexcept {
    if (!is_valid_domain(domain)) {
        *allocator = PyMemAllocatorEx{nullptr, nullptr, nullptr, nullptr, nullptr};
        return;
    }
    *allocator = g_domains[domain].allocator;
}

extern "C" void PyMem_SetAllocator(PyMemAllocatorDomain domain,
                                   PyMemAllocatorEx *allocator) noexcept {
    if (!is_valid_domain(domain)) return;  // CPython ignores an unknown domain
    minipy::domains::Domain &d = g_domains[domain];
    // Close the gate first: from here on this domain's calls go through the table.
    d.is_pymalloc = false;
    minipy::domains::refresh_gates();
    d.allocator = *allocator;
    d.is_pymalloc = minipy::domains::same_allocator(*allocator, minipy::pymalloc::kAllocator);
    minipy::domains::refresh_gates();
}
