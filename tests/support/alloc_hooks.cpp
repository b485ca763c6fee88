// See alloc_hooks.hpp.
#include "support/alloc_hooks.hpp"

#include <boost/test/unit_test.hpp>
#include <climits>
#include <cstring>

#include "minipy/pymalloc.h"

namespace minipy::test {

DomainHook::DomainHook(PyMemAllocatorDomain domain) : domain_(domain) {
    PyMem_GetAllocator(domain_, &inner_);
}

DomainHook::~DomainHook() {
    if (installed_) PyMem_SetAllocator(domain_, &inner_);
}

void DomainHook::install() {
    PyMemAllocatorEx self{this, &malloc_trampoline, &calloc_trampoline, &realloc_trampoline,
                          &free_trampoline};
    PyMem_SetAllocator(domain_, &self);
    installed_ = true;
}

void *DomainHook::malloc_trampoline(void *ctx, std::size_t size) noexcept {
    return static_cast<DomainHook *>(ctx)->on_malloc(size);
}
void *DomainHook::calloc_trampoline(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    return static_cast<DomainHook *>(ctx)->on_calloc(nelem, elsize);
}
void *DomainHook::realloc_trampoline(void *ctx, void *ptr, std::size_t size) noexcept {
    return static_cast<DomainHook *>(ctx)->on_realloc(ptr, size);
}
void DomainHook::free_trampoline(void *ctx, void *ptr) noexcept {
    static_cast<DomainHook *>(ctx)->on_free(ptr);
}

// --- CountingHook -----------------------------------------------------------------------

void *CountingHook::on_malloc(std::size_t size) {
    ++mallocs;
    last_size = size;
    last_ctx = this;
    return inner_.malloc(inner_.ctx, size);
}
void *CountingHook::on_calloc(std::size_t nelem, std::size_t elsize) {
    ++callocs;
    last_nelem = nelem;
    last_elsize = elsize;
    last_ctx = this;
    return inner_.calloc(inner_.ctx, nelem, elsize);
}
void *CountingHook::on_realloc(void *ptr, std::size_t size) {
    ++reallocs;
    last_ptr = ptr;
    last_size = size;
    last_ctx = this;
    return inner_.realloc(inner_.ctx, ptr, size);
}
void CountingHook::on_free(void *ptr) {
    ++frees;
    last_ptr = ptr;
    last_ctx = this;
    inner_.free(inner_.ctx, ptr);
}

// --- FailingHook ------------------------------------------------------------------------

bool FailingHook::should_fail() {
    ++count_;
    const bool fail = count_ > start_ && (stop_ <= 0 || count_ <= static_cast<std::size_t>(stop_));
    if (fail) ++failed_;
    return fail;
}
void *FailingHook::on_malloc(std::size_t size) {
    return should_fail() ? nullptr : inner_.malloc(inner_.ctx, size);
}
void *FailingHook::on_calloc(std::size_t nelem, std::size_t elsize) {
    return should_fail() ? nullptr : inner_.calloc(inner_.ctx, nelem, elsize);
}
void *FailingHook::on_realloc(void *ptr, std::size_t size) {
    return should_fail() ? nullptr : inner_.realloc(inner_.ctx, ptr, size);
}
void FailingHook::on_free(void *ptr) {
    inner_.free(inner_.ctx, ptr);
}

// --- ByteLimitHook ----------------------------------------------------------------------

namespace {
std::size_t &header_of(void *payload) {
    return *reinterpret_cast<std::size_t *>(static_cast<char *>(payload) - ByteLimitHook::kHeader);
}
void *payload_of(void *base) {
    return static_cast<char *>(base) + ByteLimitHook::kHeader;
}
void *base_of(void *payload) {
    return static_cast<char *>(payload) - ByteLimitHook::kHeader;
}
}  // namespace

bool ByteLimitHook::admits(std::size_t more, std::size_t less) {
    if (live_ - less + more <= limit_) return true;
    ++refused_;
    return false;
}
void ByteLimitHook::account(std::size_t more, std::size_t less) {
    live_ = live_ - less + more;
    if (live_ > peak_) peak_ = live_;
}
void *ByteLimitHook::on_malloc(std::size_t size) {
    if (!admits(size, 0)) return nullptr;
    void *base = inner_.malloc(inner_.ctx, size + kHeader);
    if (base == nullptr) return nullptr;
    account(size, 0);
    void *p = payload_of(base);
    header_of(p) = size;
    return p;
}
void *ByteLimitHook::on_calloc(std::size_t nelem, std::size_t elsize) {
    const std::size_t size = nelem * elsize;  // the entry points rejected overflows
    if (!admits(size, 0)) return nullptr;
    void *base = inner_.calloc(inner_.ctx, 1, size + kHeader);
    if (base == nullptr) return nullptr;
    account(size, 0);
    void *p = payload_of(base);
    header_of(p) = size;
    return p;
}
void *ByteLimitHook::on_realloc(void *ptr, std::size_t size) {
    if (ptr == nullptr) return on_malloc(size);
    const std::size_t old = header_of(ptr);
    if (!admits(size, old)) return nullptr;
    void *base = inner_.realloc(inner_.ctx, base_of(ptr), size + kHeader);
    if (base == nullptr) return nullptr;
    account(size, old);
    void *p = payload_of(base);
    header_of(p) = size;
    return p;
}
void ByteLimitHook::on_free(void *ptr) {
    if (ptr == nullptr) return;
    account(0, header_of(ptr));
    inner_.free(inner_.ctx, base_of(ptr));
}

// --- NoLeakScope ------------------------------------------------------------------------

NoLeakScope::NoLeakScope() : blocks_at_start_(_Py_GetAllocatedBlocks()) {}
Py_ssize_t NoLeakScope::leaked() const {
    return _Py_GetAllocatedBlocks() - blocks_at_start_;
}
NoLeakScope::~NoLeakScope() {
    BOOST_CHECK_EQUAL(leaked(), 0);
}

// --- FailNthRequest ---------------------------------------------------------------------

namespace {
constexpr PyMemAllocatorDomain kInjectedDomains[2] = {PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ};
}  // namespace

FailNthRequest::FailNthRequest() {
    for (int i = 0; i < 2; ++i) {
        PyMem_GetAllocator(kInjectedDomains[i], &wrapped_[i]);
        slots_[i] = {this, i};
        PyMemAllocatorEx hook = {&slots_[i], hook_malloc, hook_calloc, hook_realloc, hook_free};
        PyMem_SetAllocator(kInjectedDomains[i], &hook);
    }
}

FailNthRequest::~FailNthRequest() {
    for (int i = 1; i >= 0; --i) PyMem_SetAllocator(kInjectedDomains[i], &wrapped_[i]);
}

void FailNthRequest::arm(long nth, bool and_after) {
    requests_ = refused_ = 0;
    nth_ = nth;
    and_after_ = and_after;
    first_refused_domain_ = "";
    first_refused_size_ = 0;
    armed_ = true;
}

void FailNthRequest::count_only() {
    arm(LONG_MAX);
}

bool FailNthRequest::refuse(int index, std::size_t size) {
    if (!armed_) return false;
    ++requests_;
    if (requests_ != nth_ && !(and_after_ && requests_ > nth_)) return false;
    if (refused_++ == 0) {
        first_refused_domain_ = index == 0 ? "MEM" : "OBJ";
        first_refused_size_ = size;
    }
    return true;
}

void *FailNthRequest::hook_malloc(void *ctx, std::size_t size) noexcept {
    const Slot &s = *static_cast<Slot *>(ctx);
    if (s.owner->refuse(s.index, size)) return nullptr;
    const PyMemAllocatorEx &w = s.owner->wrapped_[s.index];
    return w.malloc(w.ctx, size);
}

void *FailNthRequest::hook_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    const Slot &s = *static_cast<Slot *>(ctx);
    if (s.owner->refuse(s.index, nelem * elsize)) return nullptr;
    const PyMemAllocatorEx &w = s.owner->wrapped_[s.index];
    return w.calloc(w.ctx, nelem, elsize);
}

void *FailNthRequest::hook_realloc(void *ctx, void *ptr, std::size_t size) noexcept {
    const Slot &s = *static_cast<Slot *>(ctx);
    if (s.owner->refuse(s.index, size)) return nullptr;
    const PyMemAllocatorEx &w = s.owner->wrapped_[s.index];
    return w.realloc(w.ctx, ptr, size);
}

void FailNthRequest::hook_free(void *ctx, void *ptr) noexcept {
    const Slot &s = *static_cast<Slot *>(ctx);
    const PyMemAllocatorEx &w = s.owner->wrapped_[s.index];
    w.free(w.ctx, ptr);
}

}  // namespace minipy::test
