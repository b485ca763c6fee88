// The C entry points of the three domains: size guards, then the domain's allocator.
//
// MEM and OBJ first ask their gate (domains.hpp) whether pymalloc itself holds the domain
// and the request is one it serves inline; then the pymalloc fast path runs right here,
// with no indirect call. Everything else goes out of line to *_slow(), which dispatches
// through the domain's PyMemAllocatorEx like any custom allocator or hook.
//
// Size guards (CPython's, shared by all three domains): a request above PY_SSIZE_T_MAX
// returns NULL without calling the allocator, as does a calloc whose product overflows.
// On the gated path the guard is implied: the gate admits sizes 1..512 only.
#include <cstddef>

#include "domains/domains.hpp"
#include "minipy/pymem.h"
#include "pymalloc/pymalloc.hpp"

namespace {

using minipy::domains::g_domains;
namespace pymalloc = minipy::pymalloc;
using pymalloc::g_state;

constexpr std::size_t kMaxRequest = static_cast<std::size_t>(PY_SSIZE_T_MAX);

bool calloc_overflows(std::size_t nelem, std::size_t elsize) {
    return elsize != 0 && nelem > kMaxRequest / elsize;
}

// --- Out of line: everything the gates do not admit -------------------------------------

[[gnu::noinline]] void *malloc_slow(int domain, std::size_t size) noexcept {
    const minipy::domains::Domain &d = g_domains[domain];
    if (d.is_pymalloc) return pymalloc::malloc_slow(size);  // guards inside (raw fallback)
    if (size > kMaxRequest) return nullptr;
    return d.allocator.malloc(d.allocator.ctx, size);
}

// (ptr first: the inlined path then keeps it in the first argument register throughout.)
[[gnu::noinline]] void free_slow(void *ptr, int domain) noexcept {
    const minipy::domains::Domain &d = g_domains[domain];
    if (d.is_pymalloc) {
        pymalloc::free_slow(ptr);
        return;
    }
    if (ptr == nullptr) return;
    d.allocator.free(d.allocator.ctx, ptr);
}

void *domain_calloc(int domain, std::size_t nelem, std::size_t elsize) noexcept {
    if (calloc_overflows(nelem, elsize)) return nullptr;
    const minipy::domains::Domain &d = g_domains[domain];
    if (d.is_pymalloc) return pymalloc::calloc(nelem, elsize);
    return d.allocator.calloc(d.allocator.ctx, nelem, elsize);
}

void *domain_realloc(int domain, void *ptr, std::size_t size) noexcept {
    if (size > kMaxRequest) return nullptr;
    const minipy::domains::Domain &d = g_domains[domain];
    if (d.is_pymalloc) return pymalloc::realloc(ptr, size);
    return d.allocator.realloc(d.allocator.ctx, ptr, size);
}

// --- Inline: the gate, then pymalloc's fast path ------------------------------------------

template <int Domain>
[[gnu::always_inline]] inline void *domain_malloc(std::size_t size) noexcept {
    if (size - 1 < g_state.gates[Domain].small_limit) [[likely]]
        return pymalloc::pop(size);
    return malloc_slow(Domain, size);
}

template <int Domain>
[[gnu::always_inline]] inline void domain_free(void *ptr) noexcept {
    const std::size_t slot = pymalloc::arena_map::slot_of(ptr);
    if (pymalloc::fast_free_admits(slot, Domain)) [[likely]]
        return pymalloc::push_owned(ptr, slot);
    free_slow(ptr, Domain);
}

const minipy::domains::Domain &raw() {
    return g_domains[PYMEM_DOMAIN_RAW];
}

}  // namespace

// --- Raw domain -------------------------------------------------------------------------

extern "C" void *PyMem_RawMalloc(size_t size) noexcept {
    if (size > kMaxRequest) return nullptr;
    return raw().allocator.malloc(raw().allocator.ctx, size);
}

extern "C" void *PyMem_RawCalloc(size_t nelem, size_t elsize) noexcept {
    if (calloc_overflows(nelem, elsize)) return nullptr;
    return raw().allocator.calloc(raw().allocator.ctx, nelem, elsize);
}

extern "C" void *PyMem_RawRealloc(void *ptr, size_t new_size) noexcept {
    if (new_size > kMaxRequest) return nullptr;
    return raw().allocator.realloc(raw().allocator.ctx, ptr, new_size);
}

extern "C" void PyMem_RawFree(void *ptr) noexcept {
    if (ptr == nullptr) return;
    raw().allocator.free(raw().allocator.ctx, ptr);
}

// --- Mem domain ---------------------------------------------------------------------------

extern "C" void *PyMem_Malloc(size_t size) noexcept {
    return domain_malloc<PYMEM_DOMAIN_MEM>(size);
}

extern "C" void *PyMem_Calloc(size_t nelem, size_t elsize) noexcept {
    return domain_calloc(PYMEM_DOMAIN_MEM, nelem, elsize);
}

extern "C" void *PyMem_Realloc(void *ptr, size_t new_size) noexcept {
    return domain_realloc(PYMEM_DOMAIN_MEM, ptr, new_size);
}

extern "C" void PyMem_Free(void *ptr) noexcept {
    domain_free<PYMEM_DOMAIN_MEM>(ptr);
}

// --- Object domain ------------------------------------------------------------------------

extern "C" void *PyObject_Malloc(size_t size) noexcept {
    return domain_malloc<PYMEM_DOMAIN_OBJ>(size);
}

extern "C" void *PyObject_Calloc(size_t nelem, size_t elsize) noexcept {
    return domain_calloc(PYMEM_DOMAIN_OBJ, nelem, elsize);
}

extern "C" void *PyObject_Realloc(void *ptr, size_t new_size) noexcept {
    return domain_realloc(PYMEM_DOMAIN_OBJ, ptr, new_size);
}

extern "C" void PyObject_Free(void *ptr) noexcept {
    domain_free<PYMEM_DOMAIN_OBJ>(ptr);
}

// --- Arena allocator ----------------------------------------------------------------------

extern "C" void PyObject_GetArenaAllocator(PyObjectArenaAllocator *allocator) noexcept {
    *allocator = pymalloc::g_state.arena_allocator;
}

extern "C" void PyObject_SetArenaAllocator(PyObjectArenaAllocator *allocator) noexcept {
    pymalloc::g_state.arena_allocator = *allocator;
}
