// The memory limit and the leak check (memory_accounting.hpp, minipy/memusage.h): one hook in
// front of the MEM and OBJ allocators that frames each block with a 16-byte header, counts
// blocks and requested bytes per domain, and refuses what would go above the limit.
//
// Block layout (the wrapped allocator's blocks are 16-byte aligned, so the data stays so):
//
//     base                         data = base + 16
//     | size | domain, magic, pad | requested bytes ... |
//
// Layers. A hook is installed as a Layer: the allocators it wraps (one per domain), the set
// of blocks it framed (a BlockRegistry), its counters, and a state:
//   active    the runtime runs: new blocks are framed, registered and counted;
//   draining  after Py_FinalizeEx: new blocks go straight to the wrapped allocator, unframed;
//             blocks the layer framed earlier are still recognized and unframed when freed.
// accounting_start makes a layer active (reusing the draining one on top of both domains, with
// a new epoch so its older blocks are not counted again; otherwise a new layer on top);
// accounting_stop records the leak report and makes it draining. A draining layer with no
// registered block left that is on top of both domains is taken out and freed, at the next
// start or stop.
//
// Why the registry, and why a layer outlives the runtime. A header scheme breaks when a block
// crosses the moment the hook is put in or taken out:
//   1. a block allocated before start-up (the host's, through PyMem_Malloc) and freed while the
//      hook is in has no header. Peeking in front of the pointer for a magic word would read
//      memory we do not own (glibc's chunk header, or a sanitizer's redzone): the registry
//      answers "is this mine?" from the address alone, and a foreign block is passed to the
//      wrapped allocator untouched, uncounted (realloc keeps it foreign);
//   2. a block framed while the hook was in and freed after shutdown must still lose its header
//      on the way out: so a layer is not removed while it has registered blocks; it drains.
// The magic word then only checks that the header was not overwritten (a buffer underflow).
//
// Which blocks count: the current layer's blocks of the current epoch. The limit compares the
// requested bytes of MEM and OBJ together, plus what host allocators added to the budget
// (g_budget, minipy_get_memory_budget: a second language's heap served from under the hook),
// with config.memory_limit; a refused allocation never reaches the wrapped allocator, a refused
// or failed realloc leaves the old block as it was.
//
// Thread-safety: MEM and OBJ are called with the GIL held, which serializes every hook call
// and every function here. After shutdown (draining) the host must not free blocks from two
// threads at once, as with any MEM or OBJ call.
#include "memory/memory_accounting.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "memory/memory_accounting_registry.hpp"
#include "minipy/memusage.h"
#include "minipy/pymem.h"

namespace minipy::runtime {

namespace {

constexpr int kDomainMem = 0;  // index of PYMEM_DOMAIN_MEM in a layer's arrays
constexpr int kDomainObj = 1;
constexpr PyMemAllocatorDomain kDomainIds[2] = {PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ};
constexpr const char *kFreeNames[2] = {"PyMem_Free", "PyObject_Free"};
constexpr const char *kReallocNames[2] = {"PyMem_Realloc", "PyObject_Realloc"};

constexpr std::uint32_t kMagic = 0x6d696e69;  // "mini"

struct alignas(16) BlockHeader {
    std::size_t size;      // requested bytes
    std::uint32_t epoch;   // the layer's epoch when the block was framed
    std::uint16_t domain;  // kDomainMem / kDomainObj
    std::uint16_t magic;   // low half of kMagic ^ domain: checks that the header is intact
};
static_assert(sizeof(BlockHeader) == 16, "the header keeps the data 16-byte aligned");
constexpr std::size_t kHeader = sizeof(BlockHeader);
constexpr std::size_t kMaxRequest = static_cast<std::size_t>(PY_SSIZE_T_MAX) - kHeader;

std::uint16_t magic_for(int domain) {
    return static_cast<std::uint16_t>((kMagic ^ static_cast<std::uint32_t>(domain)) & 0xffff);
}

struct Counters {
    std::size_t bytes = 0, peak_bytes = 0, blocks = 0, peak_blocks = 0;

    void add(std::size_t n_bytes, std::size_t n_blocks) {
        bytes += n_bytes;
        blocks += n_blocks;
        if (bytes > peak_bytes) peak_bytes = bytes;
        if (blocks > peak_blocks) peak_blocks = blocks;
    }
    void remove(std::size_t n_bytes, std::size_t n_blocks) {
        bytes -= n_bytes;
        blocks -= n_blocks;
    }
    void reset_peak() {
        peak_bytes = bytes;
        peak_blocks = blocks;
    }
};

struct Layer;

// The ctx of one domain's hook.
struct DomainHook {
    Layer *layer;
    int domain;
    PyMemAllocatorEx wrapped;
};

struct Layer {
    DomainHook hooks[2];
    BlockRegistry registry;
    bool active;
    bool leak_check;
    std::uint32_t epoch;
    std::size_t refused;
    Counters domains[2];
    Counters total;
    Layer *next;  // every layer ever made and not yet freed (so they stay reachable)
};

constinit Layer *g_layers = nullptr;
constinit Layer *g_active = nullptr;
// The limit and what counts against it: the active layer's MEM + OBJ bytes and host
// allocators' bytes. A fixed record (not in a layer), so that a host allocator's pointer to it
// stays valid after shutdown, when its limit is 0.
constinit minipy_memory_budget g_budget = {0, 0};
constinit minipy_leak_report g_leak_report = {0, 0, 0, 0, 0};

DomainHook &hook_of(void *ctx) {
    return *static_cast<DomainHook *>(ctx);
}
BlockHeader *header_of(void *data) {
    return static_cast<BlockHeader *>(data) - 1;
}
std::uintptr_t key_of(const void *data) {
    return reinterpret_cast<std::uintptr_t>(data);
}

bool counts(const Layer &layer, const BlockHeader &h) {
    return layer.active && h.epoch == layer.epoch;
}

// Whether `n` more requested bytes fit under the limit.
bool admits(std::size_t n) {
    const std::size_t limit = g_budget.limit;
    if (limit == 0) return true;
    const std::size_t used = g_budget.used;
    return used <= limit && n <= limit - used;
}

void count_new(Layer &layer, int domain, std::size_t n) {
    layer.domains[domain].add(n, 1);
    layer.total.add(n, 1);
    g_budget.used += n;
}

void count_gone(Layer &layer, int domain, std::size_t n) {
    layer.domains[domain].remove(n, 1);
    layer.total.remove(n, 1);
    g_budget.used -= n;
}

// A registered block must come back through the domain that framed it, with its header whole.
void check_header(const BlockHeader &h, int domain, const char *function) {
    if (h.domain != domain && (h.domain == kDomainMem || h.domain == kDomainObj) &&
        h.magic == magic_for(h.domain)) {
        minipy_fatal_error(
            function, h.domain == kDomainMem
                          ? "block allocated with PyMem_Malloc freed through the OBJ domain"
                          : "block allocated with PyObject_Malloc freed through the MEM domain");
    }
    if (h.domain != domain || h.magic != magic_for(domain))
        minipy_fatal_error(function, "memory accounting header overwritten (buffer underflow?)");
}

// Frames a block the wrapped allocator returned; nullptr stays nullptr.
void *frame(Layer &layer, int domain, void *base, std::size_t n) {
    if (base == nullptr) return nullptr;
    auto *h = static_cast<BlockHeader *>(base);
    h->size = n;
    h->epoch = layer.epoch;
    h->domain = static_cast<std::uint16_t>(domain);
    h->magic = magic_for(domain);
    void *data = h + 1;
    layer.registry.insert(key_of(data));
    count_new(layer, domain, n);
    return data;
}

void remove_drained_layers();

// --- The hook ---------------------------------------------------------------------------------

void *hook_malloc(void *ctx, std::size_t n) noexcept {
    DomainHook &hook = hook_of(ctx);
    Layer &layer = *hook.layer;
    const PyMemAllocatorEx &w = hook.wrapped;
    if (!layer.active) return w.malloc(w.ctx, n);
    if (n > kMaxRequest) return nullptr;
    if (!admits(n)) [[unlikely]] {
        ++layer.refused;
        return nullptr;
    }
    if (!layer.registry.reserve_one()) return nullptr;
    return frame(layer, hook.domain, w.malloc(w.ctx, n + kHeader), n);
}

void *hook_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    DomainHook &hook = hook_of(ctx);
    Layer &layer = *hook.layer;
    const PyMemAllocatorEx &w = hook.wrapped;
    if (!layer.active) return w.calloc(w.ctx, nelem, elsize);
    // The entry points reject products that overflow; a hook chained above may not.
    if (elsize != 0 && nelem > kMaxRequest / elsize) return nullptr;
    const std::size_t n = nelem * elsize;
    if (n > kMaxRequest) return nullptr;
    if (!admits(n)) [[unlikely]] {
        ++layer.refused;
        return nullptr;
    }
    if (!layer.registry.reserve_one()) return nullptr;
    return frame(layer, hook.domain, w.calloc(w.ctx, 1, n + kHeader), n);
}

void hook_free(void *ctx, void *p) noexcept {
    if (p == nullptr) return;
    DomainHook &hook = hook_of(ctx);
    Layer &layer = *hook.layer;
    const PyMemAllocatorEx &w = hook.wrapped;
    if (!layer.registry.erase(key_of(p))) {  // foreign: from before the layer, or unframed
        w.free(w.ctx, p);
        return;
    }
    BlockHeader *h = header_of(p);
    check_header(*h, hook.domain, kFreeNames[hook.domain]);
    if (counts(layer, *h)) count_gone(layer, hook.domain, h->size);
    w.free(w.ctx, h);
    // The last block of a draining layer: the host freed what outlived the runtime. Take the
    // layer out now (if it is on top), so the domains are plain again before anyone asks what
    // they hold. `hook` and `layer` may be gone afterwards.
    if (!layer.active && layer.registry.size() == 0) {
        layer.registry.release();
        remove_drained_layers();
    }
}

void *hook_realloc(void *ctx, void *p, std::size_t n) noexcept {
    if (p == nullptr) return hook_malloc(ctx, n);
    DomainHook &hook = hook_of(ctx);
    Layer &layer = *hook.layer;
    const PyMemAllocatorEx &w = hook.wrapped;
    if (!layer.registry.contains(key_of(p))) return w.realloc(w.ctx, p, n);  // stays foreign
    if (n > kMaxRequest) return nullptr;

    BlockHeader *h = header_of(p);
    check_header(*h, hook.domain, kReallocNames[hook.domain]);
    const std::size_t old_size = h->size;
    const bool counted = counts(layer, *h);
    if (counted && n > old_size && !admits(n - old_size)) [[unlikely]] {
        ++layer.refused;
        return nullptr;
    }
    // The new address needs a slot while the old one still holds its own.
    if (!layer.registry.reserve_one()) return nullptr;
    auto *moved = static_cast<BlockHeader *>(w.realloc(w.ctx, h, n + kHeader));
    if (moved == nullptr) return nullptr;  // the old block, header included, is untouched
    moved->size = n;
    void *data = moved + 1;
    if (data != p) {
        layer.registry.erase(key_of(p));
        layer.registry.insert(key_of(data));
    }
    if (counted) {
        Counters &c = layer.domains[hook.domain];
        if (n >= old_size) {
            c.add(n - old_size, 0);
            layer.total.add(n - old_size, 0);
            g_budget.used += n - old_size;
        } else {
            c.remove(old_size - n, 0);
            layer.total.remove(old_size - n, 0);
            g_budget.used -= old_size - n;
        }
    }
    return data;
}

bool is_hook(const PyMemAllocatorEx &a) {
    return a.malloc == &hook_malloc;
}

// The layer on top of both domains, if there is one.
Layer *layer_on_top() {
    PyMemAllocatorEx mem, obj;
    PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &mem);
    PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &obj);
    if (!is_hook(mem) || !is_hook(obj)) return nullptr;
    Layer *layer = hook_of(mem.ctx).layer;
    return hook_of(obj.ctx).layer == layer ? layer : nullptr;
}

void unlink_and_free(Layer *layer) {
    for (Layer **link = &g_layers; *link != nullptr; link = &(*link)->next) {
        if (*link == layer) {
            *link = layer->next;
            break;
        }
    }
    layer->registry.release();
    std::free(layer);
}

// Takes out the draining layers on top that have nothing left to unframe. Called from a hook's
// free too: the alloc layer does not look at the domain's record again once a hook returns.
void remove_drained_layers() {
    for (Layer *top = layer_on_top(); top != nullptr && !top->active && top->registry.size() == 0;
         top = layer_on_top()) {
        for (DomainHook &hook : top->hooks)
            PyMem_SetAllocator(kDomainIds[hook.domain], &hook.wrapped);
        unlink_and_free(top);
    }
}

Layer *new_layer() {
    auto *layer = static_cast<Layer *>(std::calloc(1, sizeof(Layer)));
    if (layer == nullptr) return nullptr;
    new (&layer->registry) BlockRegistry();
    for (int d = kDomainMem; d <= kDomainObj; ++d) {
        layer->hooks[d].layer = layer;
        layer->hooks[d].domain = d;
        PyMem_GetAllocator(kDomainIds[d], &layer->hooks[d].wrapped);
    }
    for (DomainHook &hook : layer->hooks) {
        PyMemAllocatorEx a = {&hook, hook_malloc, hook_calloc, hook_realloc, hook_free};
        PyMem_SetAllocator(kDomainIds[hook.domain], &a);
    }
    layer->next = g_layers;
    g_layers = layer;
    return layer;
}

void fill_usage(const Counters &c, minipy_domain_usage &out) {
    out.current_bytes = c.bytes;
    out.peak_bytes = c.peak_bytes;
    out.current_blocks = c.blocks;
    out.peak_blocks = c.peak_blocks;
}

}  // namespace

void accounting_start(std::size_t limit, bool leak_check) noexcept {
    remove_drained_layers();
    g_active = nullptr;
    if (limit == 0 && !leak_check) return;
    Layer *layer = layer_on_top();
    if (layer == nullptr) layer = new_layer();
    if (layer == nullptr) return;  // no memory for the layer itself: accounting stays off
    layer->active = true;
    layer->leak_check = leak_check;
    layer->epoch += 1;
    g_budget = minipy_memory_budget{limit, 0};
    layer->refused = 0;
    layer->domains[kDomainMem] = Counters{};
    layer->domains[kDomainObj] = Counters{};
    layer->total = Counters{};
    g_active = layer;
}

void accounting_stop() noexcept {
    Layer *layer = g_active;
    g_active = nullptr;
    if (layer == nullptr) {
        g_leak_report = minipy_leak_report{0, 0, 0, 0, 0};
        remove_drained_layers();
        return;
    }
    const Counters &mem = layer->domains[kDomainMem];
    const Counters &obj = layer->domains[kDomainObj];
    g_leak_report = minipy_leak_report{1, mem.blocks, mem.bytes, obj.blocks, obj.bytes};
    if (layer->leak_check && (mem.blocks != 0 || obj.blocks != 0)) {
        std::fprintf(stderr,
                     "minipy: leak check: %zu blocks (%zu bytes) still allocated in MEM, "
                     "%zu blocks (%zu bytes) in OBJ\n",
                     mem.blocks, mem.bytes, obj.blocks, obj.bytes);
    }
    layer->active = false;
    g_budget.limit = 0;
    // A layer that cannot be taken out now (a host's hook sits above it) keeps only its small
    // record once nothing is left to unframe: the registry's table goes at once.
    if (layer->registry.size() == 0) layer->registry.release();
    remove_drained_layers();
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" int minipy_get_memory_usage(minipy_memory_usage *out) noexcept {
    std::memset(out, 0, sizeof *out);
    const Layer *layer = g_active;
    if (layer == nullptr) return -1;
    fill_usage(layer->domains[kDomainMem], out->mem);
    fill_usage(layer->domains[kDomainObj], out->obj);
    fill_usage(layer->total, out->total);
    out->limit = g_budget.limit;
    out->budget_used = g_budget.used;
    out->refused = layer->refused;
    return 0;
}

extern "C" void minipy_reset_peak_memory_usage(void) noexcept {
    Layer *layer = g_active;
    if (layer == nullptr) return;
    for (Counters &c : layer->domains) c.reset_peak();
    layer->total.reset_peak();
}

extern "C" int minipy_set_memory_limit(size_t limit) noexcept {
    if (g_active == nullptr) return -1;
    g_budget.limit = limit;
    return 0;
}

extern "C" minipy_memory_budget *minipy_get_memory_budget(void) noexcept {
    return g_active != nullptr ? &g_budget : nullptr;
}

extern "C" int minipy_get_unaccounted_allocator(PyMemAllocatorDomain domain,
                                                PyMemAllocatorEx *out) noexcept {
    if (domain != PYMEM_DOMAIN_MEM && domain != PYMEM_DOMAIN_OBJ) {
        PyMem_GetAllocator(domain, out);
        return 0;
    }
    const int d = domain == PYMEM_DOMAIN_MEM ? kDomainMem : kDomainObj;
    Layer *layer = g_active;
    PyMemAllocatorEx current;
    PyMem_GetAllocator(domain, &current);
    if (layer == nullptr) {
        *out = current;
        return 0;
    }
    // Only when the active layer is what the domain holds: above a host's own hook, the
    // allocator under ours is not what the domain's callers reach.
    if (!is_hook(current) || &hook_of(current.ctx) != &layer->hooks[d]) return -1;
    *out = layer->hooks[d].wrapped;
    return 0;
}

extern "C" int minipy_get_leak_report(minipy_leak_report *out) noexcept {
    *out = g_leak_report;
    return out->counted;
}
