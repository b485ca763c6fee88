// See tracer.hpp. The hooks follow CPython 3.11's tracemalloc_alloc / _realloc / _free
// (Modules/_tracemalloc.c), with three departures that keep every failure clean:
//   - realloc captures and interns the traceback and reserves the table slot BEFORE calling
//     the wrapped realloc, so nothing can fail after the block has moved (CPython dies with
//     "tracemalloc_realloc() failed to allocate a trace" there);
//   - free and realloc take the old trace out of the table before the wrapped call, so a
//     raw-domain thread that is handed the same address meanwhile cannot lose its new trace;
//     the thread remembers the block meanwhile, for the debug hooks' report;
//   - stop unwraps a domain only while the tracer is still on top of it: a layer installed
//     later stays, and the tracer under it passes calls through.
// Cost per traced pair with a cache hit: the wrapped calls, one stack callback, a comparison
// of the frames, two lock round trips, a put and a take (bench/RESULTS.md).
#include "tracemalloc/tracer.hpp"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <cstdlib>

#include "minipy/pymem.h"
#include "tracemalloc/memory.hpp"

namespace minipy::tracemalloc {

State g_state;
std::atomic<bool> g_tracing{false};
std::atomic<int> g_nframe{1};
std::atomic<minipy_script_stack_fn> g_stack{nullptr};

void SpinLock::wait() noexcept {
    for (int spins = 0; busy_.load(std::memory_order_relaxed); ++spins) {
        if (spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
#endif
        } else {
            sched_yield();
        }
    }
}

namespace {

constexpr int kInlineFrames = 32;
constexpr int kMaxDepth = MINIPY_TRACEMALLOC_MAX_NFRAME;
constexpr char kUnknownFile[] = "<unknown>";

struct ThreadCache {
    bool reentrant;
    bool have_last;  // the "last" half holds a capture
    bool last_is_b;  // which half of the buffer holds it
    int capacity;    // frames per half: 0 (unused yet), kInlineFrames, or the heap's
    minipy_tracemalloc_frame *heap;
    int last_raw_total;  // what the callback returned
    int last_n;
    int last_total;
    std::uint64_t last_hash;
    const Traceback *last_tb;  // interned form of the last capture, or nullptr
    std::uint64_t last_generation;
    std::uintptr_t in_flight_ptr;  // the block being freed or resized, 0 if none
    const Traceback *in_flight_tb;
    minipy_tracemalloc_frame inline_frames[2 * kInlineFrames];
};

[[gnu::tls_model("initial-exec")]] constinit thread_local ThreadCache t_cache{};

pthread_key_t g_buffer_key;
pthread_once_t g_buffer_key_once = PTHREAD_ONCE_INIT;

void release_buffer(ThreadCache &tc) {
    if (tc.heap == nullptr) return;
    system_release(tc.heap, 2 * static_cast<std::size_t>(tc.capacity) * sizeof *tc.heap);
    tc.heap = nullptr;
    tc.capacity = 0;
    tc.have_last = false;
    tc.last_tb = nullptr;
}

void release_buffer_at_exit(void *cache) {
    release_buffer(*static_cast<ThreadCache *>(cache));
}

void make_buffer_key() {
    pthread_key_create(&g_buffer_key, &release_buffer_at_exit);
}

bool grow_buffer(ThreadCache &tc, int limit) {
    if (limit <= kInlineFrames && tc.heap == nullptr) {
        tc.capacity = kInlineFrames;
        return true;
    }
    auto *heap = static_cast<minipy_tracemalloc_frame *>(
        system_allocate(2 * static_cast<std::size_t>(limit) * sizeof(minipy_tracemalloc_frame)));
    if (heap == nullptr) return false;
    release_buffer(tc);
    pthread_once(&g_buffer_key_once, &make_buffer_key);
    pthread_setspecific(g_buffer_key, &tc);
    tc.heap = heap;
    tc.capacity = limit;
    tc.have_last = false;
    tc.last_tb = nullptr;
    return true;
}

minipy_tracemalloc_frame *half(ThreadCache &tc, bool b) {
    minipy_tracemalloc_frame *base = tc.heap != nullptr ? tc.heap : tc.inline_frames;
    return b ? base + tc.capacity : base;
}

// The capture just read (into the free half) differs from the last one: it becomes the
// last one, hashed, not yet interned. An empty stack is CPython's ("<unknown>", 0).
[[gnu::noinline]] void remember_capture(ThreadCache &tc, minipy_tracemalloc_frame *frames,
                                        int raw_total, int limit) {
    int n = std::min(raw_total, limit);
    int total = std::min(raw_total, kMaxDepth);
    if (raw_total <= 0) {
        frames[0] = minipy_tracemalloc_frame{kUnknownFile, 0};
        n = total = 1;
    }
    tc.last_is_b = !tc.last_is_b;
    tc.have_last = true;
    tc.last_raw_total = raw_total;
    tc.last_n = n;
    tc.last_total = total;
    tc.last_hash = hash_frames(frames, n, total);
    tc.last_tb = nullptr;
}

// Reads the script stack into the free half; unless it equals the last capture (the common
// case: one comparison of the frames), remembers it. False: no memory for the buffer.
[[gnu::always_inline]] inline bool capture(ThreadCache &tc) {
    const int limit = g_nframe.load(std::memory_order_relaxed);
    if (limit > tc.capacity) [[unlikely]] {
        if (!grow_buffer(tc, limit)) return false;
    }
    minipy_tracemalloc_frame *frames = half(tc, !tc.last_is_b);
    const minipy_script_stack_fn stack = g_stack.load(std::memory_order_acquire);
    const int raw_total = stack != nullptr ? stack(frames, limit) : 0;
    if (tc.have_last && raw_total == tc.last_raw_total) [[likely]] {
        if (raw_total <= 0) return true;  // no script frame, again: ("<unknown>", 0)
        const int n = std::min(raw_total, limit);
        if (n == tc.last_n && same_frames(frames, half(tc, tc.last_is_b), n)) [[likely]]
            return true;
    }
    remember_capture(tc, frames, raw_total, limit);
    return true;
}

// Under the lock: the interned traceback of the last capture; nullptr when memory is short.
const Traceback *interned(ThreadCache &tc) {
    if (tc.last_tb != nullptr && tc.last_generation == g_state.generation) [[likely]]
        return tc.last_tb;
    const Traceback *tb =
        g_state.tracebacks.intern(half(tc, tc.last_is_b), tc.last_n, tc.last_total, tc.last_hash);
    if (tb != nullptr) {
        tc.last_tb = tb;
        tc.last_generation = g_state.generation;
    }
    return tb;
}

bool tracing() {
    return g_tracing.load(std::memory_order_relaxed);
}

[[gnu::always_inline]] inline bool add_trace_inline(unsigned int domain, std::uintptr_t ptr,
                                                    std::size_t size) noexcept {
    ThreadCache &tc = t_cache;
    if (!capture(tc)) [[unlikely]]
        return false;
    g_state.lock.lock();
    if (!tracing()) [[unlikely]] {
        g_state.lock.unlock();
        return true;
    }
    const Traceback *tb = interned(tc);
    std::size_t replaced = 0;
    const bool ok = tb != nullptr && g_state.traces.put(domain, ptr, size, tb, &replaced);
    if (ok) count_added(g_state, size, replaced);
    g_state.lock.unlock();
    return ok;
}

// --- The hooks ----------------------------------------------------------------------------

struct Context {
    PyMemAllocatorEx wrapped;
};

const PyMemAllocatorEx &wrapped(void *ctx) {
    return static_cast<Context *>(ctx)->wrapped;
}

void *trace_malloc(void *ctx, std::size_t size) noexcept;
void *trace_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept;
void *trace_realloc(void *ctx, void *ptr, std::size_t size) noexcept;
void trace_free(void *ctx, void *ptr) noexcept;

// Traces a block the wrapped allocator just handed out; frees it when that fails.
void *keep_traced(const PyMemAllocatorEx &w, void *p, std::size_t size) {
    if (p != nullptr && !add_trace_inline(MINIPY_TRACEMALLOC_DEFAULT_DOMAIN,
                                          reinterpret_cast<std::uintptr_t>(p), size)) [[unlikely]] {
        w.free(w.ctx, p);
        return nullptr;
    }
    return p;
}

void *trace_malloc(void *ctx, std::size_t size) noexcept {
    const PyMemAllocatorEx &w = wrapped(ctx);
    ThreadCache &tc = t_cache;
    if (tc.reentrant || !tracing()) return w.malloc(w.ctx, size);
    tc.reentrant = true;
    void *p = keep_traced(w, w.malloc(w.ctx, size), size);
    tc.reentrant = false;
    return p;
}

void *trace_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    const PyMemAllocatorEx &w = wrapped(ctx);
    ThreadCache &tc = t_cache;
    if (tc.reentrant || !tracing()) return w.calloc(w.ctx, nelem, elsize);
    tc.reentrant = true;
    // A non-NULL result means the product did not overflow.
    void *p = keep_traced(w, w.calloc(w.ctx, nelem, elsize), nelem * elsize);
    tc.reentrant = false;
    return p;
}

void trace_free(void *ctx, void *ptr) noexcept {
    const PyMemAllocatorEx &w = wrapped(ctx);
    if (ptr == nullptr || !tracing()) return w.free(w.ctx, ptr);
    const auto key = reinterpret_cast<std::uintptr_t>(ptr);
    TraceEntry old;
    bool had = false;
    g_state.lock.lock();
    if (tracing()) {
        had = g_state.traces.take(MINIPY_TRACEMALLOC_DEFAULT_DOMAIN, key, &old);
        if (had) g_state.traced -= old.size;
    }
    g_state.lock.unlock();
    if (!had) return w.free(w.ctx, ptr);
    ThreadCache &tc = t_cache;
    const std::uintptr_t outer_ptr = tc.in_flight_ptr;
    const Traceback *outer_tb = tc.in_flight_tb;
    tc.in_flight_ptr = key;
    tc.in_flight_tb = old.traceback;
    w.free(w.ctx, ptr);
    tc.in_flight_ptr = outer_ptr;
    tc.in_flight_tb = outer_tb;
}

void *trace_realloc(void *ctx, void *ptr, std::size_t size) noexcept {
    const PyMemAllocatorEx &w = wrapped(ctx);
    ThreadCache &tc = t_cache;
    if (!tracing()) return w.realloc(w.ctx, ptr, size);
    if (tc.reentrant) {
        // Inside another traced call (pymalloc resizing its arena vector, say): not traced,
        // but the old block's trace goes, as in CPython 3.11.
        void *moved = w.realloc(w.ctx, ptr, size);
        if (moved != nullptr && ptr != nullptr)
            remove_trace(MINIPY_TRACEMALLOC_DEFAULT_DOMAIN, reinterpret_cast<std::uintptr_t>(ptr));
        return moved;
    }
    tc.reentrant = true;
    if (ptr == nullptr) {
        void *p = keep_traced(w, w.realloc(w.ctx, nullptr, size), size);
        tc.reentrant = false;
        return p;
    }
    const auto key = reinterpret_cast<std::uintptr_t>(ptr);
    constexpr unsigned kDomain = MINIPY_TRACEMALLOC_DEFAULT_DOMAIN;
    if (!capture(tc)) [[unlikely]] {
        tc.reentrant = false;
        return nullptr;
    }
    // Everything that can fail happens before the block is touched.
    g_state.lock.lock();
    if (!tracing()) {
        g_state.lock.unlock();
        void *moved = w.realloc(w.ctx, ptr, size);
        tc.reentrant = false;
        return moved;
    }
    const Traceback *tb = interned(tc);
    TraceEntry old{};
    bool had = false;
    if (tb != nullptr) {
        had = g_state.traces.take(kDomain, key, &old);
        // After a take the table has room for one more: this reserve never grows then.
        if (g_state.traces.reserve()) {
            if (had) g_state.traced -= old.size;
        } else {
            std::size_t none = 0;  // (cannot happen after a take: the slot is still free)
            if (had) g_state.traces.put(kDomain, key, old.size, old.traceback, &none);
            tb = nullptr;
        }
    }
    const std::uint64_t generation = g_state.generation;
    g_state.lock.unlock();
    if (tb == nullptr) [[unlikely]] {
        tc.reentrant = false;
        return nullptr;
    }

    const std::uintptr_t outer_ptr = tc.in_flight_ptr;
    const Traceback *outer_tb = tc.in_flight_tb;
    if (had) {
        tc.in_flight_ptr = key;
        tc.in_flight_tb = old.traceback;
    }
    void *moved = w.realloc(w.ctx, ptr, size);
    tc.in_flight_ptr = outer_ptr;
    tc.in_flight_tb = outer_tb;

    g_state.lock.lock();
    // A clear or stop meanwhile dropped the reservation and the tracebacks with it.
    if (tracing() && generation == g_state.generation) {
        std::size_t replaced = 0;
        if (moved != nullptr) {
            g_state.traces.put(kDomain, reinterpret_cast<std::uintptr_t>(moved), size, tb,
                               &replaced, true);
            count_added(g_state, size, replaced);
        } else if (had) {
            g_state.traces.put(kDomain, key, old.size, old.traceback, &replaced, true);
            count_added(g_state, old.size, replaced);
        } else {
            g_state.traces.unreserve();
        }
    }
    g_state.lock.unlock();
    tc.reentrant = false;
    return moved;
}

// --- Installing -------------------------------------------------------------------------
//
// A context per distinct wrapped record, never freed: a buried tracer keeps using its
// context after stop. A fixed pool serves the usual few; beyond it they come from calloc.

struct ContextSlot {
    Context context;
    ContextSlot *next;
};
constexpr std::size_t kPooledContexts = 24;
ContextSlot g_context_pool[kPooledContexts];
std::size_t g_pooled_used = 0;
ContextSlot *g_extra_contexts = nullptr;
Context *g_installed[3] = {nullptr, nullptr, nullptr};

bool same_record(const PyMemAllocatorEx &a, const PyMemAllocatorEx &b) {
    return a.ctx == b.ctx && a.malloc == b.malloc && a.calloc == b.calloc &&
           a.realloc == b.realloc && a.free == b.free;
}

Context *context_for(const PyMemAllocatorEx &inner) {
    for (std::size_t i = 0; i < g_pooled_used; ++i)
        if (same_record(g_context_pool[i].context.wrapped, inner))
            return &g_context_pool[i].context;
    for (ContextSlot *s = g_extra_contexts; s != nullptr; s = s->next)
        if (same_record(s->context.wrapped, inner)) return &s->context;
    ContextSlot *slot;
    if (g_pooled_used < kPooledContexts) {
        slot = &g_context_pool[g_pooled_used++];
    } else {
        slot = static_cast<ContextSlot *>(std::calloc(1, sizeof(ContextSlot)));
        if (slot == nullptr) return nullptr;
        slot->next = g_extra_contexts;
        g_extra_contexts = slot;
    }
    slot->context.wrapped = inner;
    return &slot->context;
}

}  // namespace

bool add_trace(unsigned int domain, std::uintptr_t ptr, std::size_t size) noexcept {
    return add_trace_inline(domain, ptr, size);
}

bool retrace(unsigned int domain, std::uintptr_t ptr) noexcept {
    ThreadCache &tc = t_cache;
    if (!capture(tc)) return false;
    bool ok = true;
    g_state.lock.lock();
    const TraceEntry *e = tracing() ? g_state.traces.find(domain, ptr) : nullptr;
    if (e != nullptr) {
        const Traceback *tb = interned(tc);
        std::size_t same_size = 0;  // replacing an entry never grows the table
        ok = tb != nullptr && g_state.traces.put(domain, ptr, e->size, tb, &same_size);
    }
    g_state.lock.unlock();
    return ok;
}

void remove_trace(unsigned int domain, std::uintptr_t ptr) noexcept {
    TraceEntry old;
    g_state.lock.lock();
    if (tracing() && g_state.traces.take(domain, ptr, &old)) g_state.traced -= old.size;
    g_state.lock.unlock();
}

bool enter_untraced() noexcept {
    ThreadCache &tc = t_cache;
    const bool was = tc.reentrant;
    tc.reentrant = true;
    return was;
}

void leave_untraced(bool was) noexcept {
    t_cache.reentrant = was;
}

const Traceback *traceback_for_report(std::uintptr_t ptr) noexcept {
    ThreadCache &tc = t_cache;
    if (tc.in_flight_ptr == ptr && tc.in_flight_tb != nullptr) return tc.in_flight_tb;
    for (long tries = 0; !g_state.lock.try_lock(); ++tries)
        if (tries > 1000000) return nullptr;  // another thread holds it: give up the traceback
    const TraceEntry *e =
        tracing() ? g_state.traces.find(MINIPY_TRACEMALLOC_DEFAULT_DOMAIN, ptr) : nullptr;
    const Traceback *tb = e != nullptr ? e->traceback : nullptr;
    g_state.lock.unlock();
    return tb;
}

bool install_hooks() noexcept {
    for (int d = PYMEM_DOMAIN_RAW; d <= PYMEM_DOMAIN_OBJ; ++d) {
        const auto domain = static_cast<PyMemAllocatorDomain>(d);
        PyMemAllocatorEx current;
        PyMem_GetAllocator(domain, &current);
        if (current.malloc == &trace_malloc) {  // a stopped tracer is on top: it serves again
            g_installed[d] = static_cast<Context *>(current.ctx);
            continue;
        }
        Context *ctx = context_for(current);
        if (ctx == nullptr) {
            remove_hooks();
            return false;
        }
        PyMemAllocatorEx hooks{ctx, &trace_malloc, &trace_calloc, &trace_realloc, &trace_free};
        PyMem_SetAllocator(domain, &hooks);
        g_installed[d] = ctx;
    }
    return true;
}

void remove_hooks() noexcept {
    for (int d = PYMEM_DOMAIN_RAW; d <= PYMEM_DOMAIN_OBJ; ++d) {
        Context *ctx = g_installed[d];
        if (ctx == nullptr) continue;
        const auto domain = static_cast<PyMemAllocatorDomain>(d);
        PyMemAllocatorEx current;
        PyMem_GetAllocator(domain, &current);
        if (current.malloc == &trace_malloc && current.ctx == ctx)
            PyMem_SetAllocator(domain, &ctx->wrapped);
        g_installed[d] = nullptr;
    }
}

void release_thread_buffer() noexcept {
    release_buffer(t_cache);
}

}  // namespace minipy::tracemalloc

extern "C" void minipy_alloc_set_script_stack(minipy_script_stack_fn stack) noexcept {
    minipy::tracemalloc::g_stack.store(stack, std::memory_order_release);
}
