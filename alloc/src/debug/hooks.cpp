// The debug hooks (hooks.hpp): framing on the way out, checks on the way back, and
// PyMem_SetupDebugHooks(). What each operation does, as CPython 3.11 does it (Objects/obmalloc.c):
//
//   malloc(n)   n > PY_SSIZE_T_MAX - 24 -> NULL; wrapped malloc(n + 24); frame; data := 0xCD
//   calloc      the same with the wrapped calloc; the data stays zero
//   free(p)     check the frame; whole block := 0xDD; wrapped free
//   realloc     check; save up to 64 bytes at each end of the data (all of it if it is at
//               most 128) and overwrite header, trailer and those bytes with 0xDD, so that
//               a block the wrapped realloc moves away from looks dead (bpo-31626); wrapped
//               realloc; frame for the new size (the old one if it failed); restore the
//               saved bytes; a grown tail := 0xCD. On failure: NULL, the old block valid.
//
// RAW's hooks never look at the GIL: raw allocations are legal without it. The hooks keep
// no state of their own besides the immutable contexts, so they are as thread-safe as the
// allocator they wrap.
#include "debug/hooks.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "debug/block.hpp"
#include "debug/report.hpp"
#include "domains/domains.hpp"
#include "pymalloc/pymalloc.hpp"
#include "support/fatal.hpp"

namespace minipy::debug {

constinit Context g_default_contexts[3] = {
    {'r', domains::kRawAllocator},
    {'m', pymalloc::kAllocator},
    {'o', pymalloc::kAllocator},
};

namespace {

constexpr std::size_t kErasedSize = 64;  // bytes saved and erased at each end on realloc

std::atomic<minipy_gil_check_fn> g_gil_check{nullptr};

Context &context(void *ctx) {
    return *static_cast<Context *>(ctx);
}

void require_gil(const char *function) {
    const minipy_gil_check_fn gil_held = g_gil_check.load(std::memory_order_acquire);
    if (gil_held != nullptr && !gil_held())
        support::fatal_error(function, "Python memory allocator called without holding the GIL");
}

void *frame_new_block(const Context &c, void *raw, std::size_t n, bool fill_clean) {
    if (raw == nullptr) return nullptr;
    auto *base = static_cast<std::uint8_t *>(raw);
    write_frame(base, n, c.api_id);
    std::uint8_t *data = data_of(base);
    if (fill_clean && n > 0) std::memset(data, kCleanByte, n);
    return data;
}

// --- Contexts: one per distinct (domain, wrapped allocator), shared and never changed -----
//
// A fixed pool serves the usual few installations; beyond it contexts come from the C
// library and are kept on a list (reachable, never freed), because a layer may stay
// installed until the process ends.
struct ContextSlot {
    Context context;
    ContextSlot *next;
};
constexpr std::size_t kPooledContexts = 48;
ContextSlot g_context_pool[kPooledContexts];
std::size_t g_pooled_used = 0;
ContextSlot *g_extra_contexts = nullptr;

bool same_record(const PyMemAllocatorEx &a, const PyMemAllocatorEx &b) {
    return a.ctx == b.ctx && a.malloc == b.malloc && a.calloc == b.calloc &&
           a.realloc == b.realloc && a.free == b.free;
}

Context *context_for(char api_id, const PyMemAllocatorEx &wrapped) {
    for (Context &c : g_default_contexts)
        if (c.api_id == api_id && same_record(c.wrapped, wrapped)) return &c;
    for (std::size_t i = 0; i < g_pooled_used; ++i) {
        Context &c = g_context_pool[i].context;
        if (c.api_id == api_id && same_record(c.wrapped, wrapped)) return &c;
    }
    for (ContextSlot *s = g_extra_contexts; s != nullptr; s = s->next)
        if (s->context.api_id == api_id && same_record(s->context.wrapped, wrapped))
            return &s->context;
    ContextSlot *slot;
    if (g_pooled_used < kPooledContexts) {
        slot = &g_context_pool[g_pooled_used++];
    } else {
        slot = static_cast<ContextSlot *>(std::calloc(1, sizeof(ContextSlot)));
        if (slot == nullptr)
            support::fatal_error("PyMem_SetupDebugHooks", "out of memory for a debug hook layer");
        slot->next = g_extra_contexts;
        g_extra_contexts = slot;
    }
    slot->context = Context{api_id, wrapped};
    return &slot->context;
}

}  // namespace

// --- RAW: frame and check ---------------------------------------------------------------

void *raw_malloc(void *ctx, std::size_t n) noexcept {
    const Context &c = context(ctx);
    if (n > kMaxRequest) return nullptr;
    return frame_new_block(c, c.wrapped.malloc(c.wrapped.ctx, n + kOverhead), n, true);
}

void *raw_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    const Context &c = context(ctx);
    // The entry points reject products that overflow; a hook chained above may not.
    if (elsize != 0 && nelem > kMaxRequest / elsize) return nullptr;
    const std::size_t n = nelem * elsize;
    if (n > kMaxRequest) return nullptr;
    return frame_new_block(c, c.wrapped.calloc(c.wrapped.ctx, 1, n + kOverhead), n, false);
}

void raw_free(void *ctx, void *p) noexcept {
    if (p == nullptr) return;
    const Context &c = context(ctx);
    check_block(c.api_id, p, "_PyMem_DebugRawFree");
    std::uint8_t *base = base_of(p);
    std::memset(base, kDeadByte, read_size(base) + kOverhead);
    c.wrapped.free(c.wrapped.ctx, base);
}

void *raw_realloc(void *ctx, void *p, std::size_t n) noexcept {
    if (p == nullptr) return raw_malloc(ctx, n);
    const Context &c = context(ctx);
    check_block(c.api_id, p, "_PyMem_DebugRawRealloc");
    if (n > kMaxRequest) return nullptr;

    std::uint8_t *base = base_of(p);
    std::uint8_t *data = data_of(base);
    const std::size_t original = read_size(base);
    std::uint8_t saved[2 * kErasedSize];
    if (original <= sizeof saved) {
        std::memcpy(saved, data, original);
        std::memset(base, kDeadByte, original + kOverhead);
    } else {
        std::memcpy(saved, data, kErasedSize);
        std::memset(base, kDeadByte, 2 * kWord + kErasedSize);
        std::memcpy(saved + kErasedSize, data + original - kErasedSize, kErasedSize);
        std::memset(data + original - kErasedSize, kDeadByte, kErasedSize + kWord);
    }

    auto *moved =
        static_cast<std::uint8_t *>(c.wrapped.realloc(c.wrapped.ctx, base, n + kOverhead));
    std::uint8_t *block = moved != nullptr ? moved : base;  // on failure the old block lives
    const std::size_t size = moved != nullptr ? n : original;
    write_frame(block, size, c.api_id);
    data = data_of(block);
    if (original <= sizeof saved) {
        std::memcpy(data, saved, std::min(size, original));
    } else {
        std::memcpy(data, saved, std::min(size, kErasedSize));
        const std::size_t end_part = original - kErasedSize;
        if (size > end_part)
            std::memcpy(data + end_part, saved + kErasedSize,
                        std::min(size - end_part, kErasedSize));
    }
    if (moved == nullptr) return nullptr;
    if (n > original) std::memset(data + original, kCleanByte, n - original);
    return data;
}

// --- MEM and OBJ: the GIL first ---------------------------------------------------------

void *gil_malloc(void *ctx, std::size_t n) noexcept {
    require_gil("_PyMem_DebugMalloc");
    return raw_malloc(ctx, n);
}
void *gil_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    require_gil("_PyMem_DebugCalloc");
    return raw_calloc(ctx, nelem, elsize);
}
void *gil_realloc(void *ctx, void *p, std::size_t n) noexcept {
    require_gil("_PyMem_DebugRealloc");
    return raw_realloc(ctx, p, n);
}
void gil_free(void *ctx, void *p) noexcept {
    require_gil("_PyMem_DebugFree");
    raw_free(ctx, p);
}

const PyMemAllocatorEx *wrapped_by_hooks(const PyMemAllocatorEx &a) noexcept {
    if (a.malloc != &raw_malloc && a.malloc != &gil_malloc) return nullptr;
    return &context(a.ctx).wrapped;
}

}  // namespace minipy::debug

extern "C" void PyMem_SetupDebugHooks(void) noexcept {
    using namespace minipy::debug;
    static constexpr char kApiIds[3] = {'r', 'm', 'o'};
    for (int d = PYMEM_DOMAIN_RAW; d <= PYMEM_DOMAIN_OBJ; ++d) {
        const auto domain = static_cast<PyMemAllocatorDomain>(d);
        PyMemAllocatorEx current;
        PyMem_GetAllocator(domain, &current);
        if (current.malloc == hooks_for(domain, nullptr).malloc) continue;  // already on top
        PyMemAllocatorEx hooks = hooks_for(domain, context_for(kApiIds[d], current));
        PyMem_SetAllocator(domain, &hooks);
    }
}

extern "C" void minipy_alloc_set_gil_check(minipy_gil_check_fn gil_held) noexcept {
    minipy::debug::g_gil_check.store(gil_held, std::memory_order_release);
}
