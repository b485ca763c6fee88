// PyMem_GetAllocator / PyMem_SetAllocator on the three domains: what a hook sees, how hooks
// chain, and what the domain is once a hook is gone. Most cases are data-driven over
// RAW, MEM and OBJ; the ones about pymalloc's fast path or its raw fallback only make sense
// for MEM and OBJ (pymalloc's domains), and the thread case only for RAW (the one domain
// that is called without the GIL).
#include <atomic>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <latch>
#include <ostream>
#include <thread>
#include <vector>

#include "alloc/support/domain_api.hpp"
#include "minipy/pymalloc.h"
#include "pymalloc/state.hpp"  // white-box: the domain gates of the inlined fast path
#include "support/alloc_hooks.hpp"

namespace bdata = boost::unit_test::data;
using minipy::test::ByteLimitHook;
using minipy::test::CountingHook;
using minipy::test::DomainApi;
using minipy::test::DomainHook;
using minipy::test::FailingHook;
using minipy::test::NoLeakScope;

namespace {

// A domain as a printable sample for the data-driven cases.
struct Domain {
    DomainApi api;
};
std::ostream &operator<<(std::ostream &out, const Domain &d) {
    return out << d.api.name;
}
const std::vector<Domain> kAllDomains = {
    {minipy::test::kRawApi}, {minipy::test::kMemApi}, {minipy::test::kObjApi}};
const std::vector<Domain> kPymallocDomains = {{minipy::test::kMemApi}, {minipy::test::kObjApi}};

bool same_allocator(const PyMemAllocatorEx &a, const PyMemAllocatorEx &b) {
    return a.ctx == b.ctx && a.malloc == b.malloc && a.calloc == b.calloc &&
           a.realloc == b.realloc && a.free == b.free;
}

// Saves the three domains and puts them back at scope exit, so that a case that replaces a
// domain outright cannot leave it replaced when a check fails half way.
class SavedDomains {
  public:
    SavedDomains() {
        for (int d = 0; d < 3; ++d)
            PyMem_GetAllocator(PyMemAllocatorDomain(d), &saved_[d]);
    }
    ~SavedDomains() {
        for (int d = 0; d < 3; ++d)
            PyMem_SetAllocator(PyMemAllocatorDomain(d), &saved_[d]);
    }
    SavedDomains(const SavedDomains &) = delete;
    SavedDomains &operator=(const SavedDomains &) = delete;
    const PyMemAllocatorEx &operator[](int d) const { return saved_[d]; }

  private:
    PyMemAllocatorEx saved_[3]{};
};

// --- A recording hook for CPython's test_setallocators -----------------------------------
// It records the ctx argument it was called with, not the object it reaches through ctx:
// the functions find their state through g_recorder, so a domain that passed a wrong ctx
// is seen as such instead of crashing. The ctx handed to the domain is a separate tag.
struct Recorder {
    PyMemAllocatorEx inner{};
    int tag = 0;  // its address is the ctx the hook is installed with
    int calls = 0;
    void *ctx = nullptr;
    std::size_t malloc_size = 0, calloc_nelem = 0, calloc_elsize = 0, realloc_size = 0;
    void *realloc_ptr = nullptr, *free_ptr = nullptr;
};
Recorder *g_recorder = nullptr;

void *record_malloc(void *ctx, std::size_t size) noexcept {
    Recorder &r = *g_recorder;
    ++r.calls;
    r.ctx = ctx;
    r.malloc_size = size;
    return r.inner.malloc(r.inner.ctx, size);
}
void *record_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    Recorder &r = *g_recorder;
    ++r.calls;
    r.ctx = ctx;
    r.calloc_nelem = nelem;
    r.calloc_elsize = elsize;
    return r.inner.calloc(r.inner.ctx, nelem, elsize);
}
void *record_realloc(void *ctx, void *ptr, std::size_t size) noexcept {
    Recorder &r = *g_recorder;
    ++r.calls;
    r.ctx = ctx;
    r.realloc_ptr = ptr;
    r.realloc_size = size;
    return r.inner.realloc(r.inner.ctx, ptr, size);
}
void record_free(void *ctx, void *ptr) noexcept {
    Recorder &r = *g_recorder;
    ++r.calls;
    r.ctx = ctx;
    r.free_ptr = ptr;
    r.inner.free(r.inner.ctx, ptr);
}

// --- A counting hook that can be taken off while the test still reads its counts ----------
// (CountingHook is taken off by its destructor, after which its counts are gone.)
class RemovableCounter {
  public:
    explicit RemovableCounter(PyMemAllocatorDomain domain) : domain_(domain) {
        PyMem_GetAllocator(domain_, &inner_);
        PyMemAllocatorEx self{this, &on_malloc, &on_calloc, &on_realloc, &on_free};
        PyMem_SetAllocator(domain_, &self);
        installed_ = true;
    }
    ~RemovableCounter() { remove(); }
    RemovableCounter(const RemovableCounter &) = delete;
    RemovableCounter &operator=(const RemovableCounter &) = delete;

    void remove() {
        if (installed_) PyMem_SetAllocator(domain_, &inner_);
        installed_ = false;
    }
    std::size_t calls() const { return mallocs + callocs + reallocs + frees; }

    std::size_t mallocs = 0, callocs = 0, reallocs = 0, frees = 0;

  private:
    static RemovableCounter &self(void *ctx) { return *static_cast<RemovableCounter *>(ctx); }
    static void *on_malloc(void *ctx, std::size_t size) noexcept {
        ++self(ctx).mallocs;
        return self(ctx).inner_.malloc(self(ctx).inner_.ctx, size);
    }
    static void *on_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
        ++self(ctx).callocs;
        return self(ctx).inner_.calloc(self(ctx).inner_.ctx, nelem, elsize);
    }
    static void *on_realloc(void *ctx, void *ptr, std::size_t size) noexcept {
        ++self(ctx).reallocs;
        return self(ctx).inner_.realloc(self(ctx).inner_.ctx, ptr, size);
    }
    static void on_free(void *ctx, void *ptr) noexcept {
        ++self(ctx).frees;
        self(ctx).inner_.free(self(ctx).inner_.ctx, ptr);
    }

    PyMemAllocatorDomain domain_;
    PyMemAllocatorEx inner_{};
    bool installed_ = false;
};

// The inlined fast path of a pymalloc domain is open (white-box: the gate of state.hpp).
bool fast_path_open(PyMemAllocatorDomain domain) {
    return minipy::pymalloc::g_state.gates[domain].small_limit ==
           minipy::pymalloc::kSmallRequestThreshold;
}

// _PyObject_DebugMallocStats prints only while pymalloc itself serves the object domain:
// the public way to ask whether OBJ is pymalloc.
bool object_domain_is_pymalloc() {
    std::FILE *sink = std::fopen("/dev/null", "w");
    BOOST_REQUIRE(sink != nullptr);
    const int printed = _PyObject_DebugMallocStats(sink);
    std::fclose(sink);
    return printed == 1;
}

// --- An allocator that replaces a domain outright: the C library, with its own ctx --------
struct SystemAllocator {
    int tag = 0;  // the ctx is &tag
    std::size_t mallocs = 0, callocs = 0, reallocs = 0, frees = 0;
    long live = 0;
    bool wrong_ctx = false;
};
SystemAllocator *g_system = nullptr;

SystemAllocator &system_state(void *ctx) {
    if (ctx != &g_system->tag) g_system->wrong_ctx = true;
    return *g_system;
}
void *system_malloc(void *ctx, std::size_t size) noexcept {
    SystemAllocator &s = system_state(ctx);
    ++s.mallocs;
    void *p = std::malloc(size == 0 ? 1 : size);  // 0 bytes: a distinct live pointer
    if (p != nullptr) ++s.live;
    return p;
}
void *system_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept {
    SystemAllocator &s = system_state(ctx);
    ++s.callocs;
    if (nelem == 0 || elsize == 0) nelem = elsize = 1;
    void *p = std::calloc(nelem, elsize);
    if (p != nullptr) ++s.live;
    return p;
}
void *system_realloc(void *ctx, void *ptr, std::size_t size) noexcept {
    SystemAllocator &s = system_state(ctx);
    ++s.reallocs;
    void *p = std::realloc(ptr, size == 0 ? 1 : size);
    if (p != nullptr && ptr == nullptr) ++s.live;
    return p;
}
void system_free(void *ctx, void *ptr) noexcept {
    SystemAllocator &s = system_state(ctx);
    ++s.frees;
    if (ptr != nullptr) --s.live;
    std::free(ptr);
}

// --- A thread-safe counting hook for the raw domain ---------------------------------------
class AtomicCountingHook final : public DomainHook {
  public:
    explicit AtomicCountingHook(PyMemAllocatorDomain domain) : DomainHook(domain) { install(); }

    std::atomic<std::size_t> mallocs{0}, callocs{0}, reallocs{0}, frees{0};
    std::atomic<std::size_t> bytes_requested{0};

  private:
    void *on_malloc(std::size_t size) override {
        mallocs.fetch_add(1, std::memory_order_relaxed);
        bytes_requested.fetch_add(size, std::memory_order_relaxed);
        return inner_.malloc(inner_.ctx, size);
    }
    void *on_calloc(std::size_t nelem, std::size_t elsize) override {
        callocs.fetch_add(1, std::memory_order_relaxed);
        bytes_requested.fetch_add(nelem * elsize, std::memory_order_relaxed);
        return inner_.calloc(inner_.ctx, nelem, elsize);
    }
    void *on_realloc(void *ptr, std::size_t size) override {
        reallocs.fetch_add(1, std::memory_order_relaxed);
        bytes_requested.fetch_add(size, std::memory_order_relaxed);
        return inner_.realloc(inner_.ctx, ptr, size);
    }
    void on_free(void *ptr) override {
        frees.fetch_add(1, std::memory_order_relaxed);
        inner_.free(inner_.ctx, ptr);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(hooks)

// --- Unknown domains ----------------------------------------------------------------------

// Domain 3 is not a domain. It is the one unknown value a C++ caller can form: the enum's
// values range over 0..3, and converting anything beyond (a C caller's 7, say) is undefined
// behaviour in C++, which UBSan reports in the caller.
const PyMemAllocatorDomain kUnknownDomains[] = {PyMemAllocatorDomain(3)};

BOOST_AUTO_TEST_CASE(get_on_an_unknown_domain_gives_all_five_fields_null) {
    for (PyMemAllocatorDomain unknown : kUnknownDomains) {
        // Start from a record with every field set, so that "left alone" and "cleared" differ.
        PyMemAllocatorEx record;
        PyMem_GetAllocator(PYMEM_DOMAIN_RAW, &record);
        record.ctx = &record;
        BOOST_REQUIRE(record.malloc != nullptr);
        PyMem_GetAllocator(unknown, &record);
        BOOST_TEST(record.ctx == nullptr, "domain " << int(unknown));
        BOOST_TEST(record.malloc == nullptr);
        BOOST_TEST(record.calloc == nullptr);
        BOOST_TEST(record.realloc == nullptr);
        BOOST_TEST(record.free == nullptr);
    }
}

BOOST_AUTO_TEST_CASE(set_on_an_unknown_domain_is_ignored) {
    SavedDomains before;
    Recorder recorder;
    g_recorder = &recorder;
    recorder.inner = before[PYMEM_DOMAIN_RAW];
    PyMemAllocatorEx hook{&recorder.tag, &record_malloc, &record_calloc, &record_realloc,
                          &record_free};
    for (PyMemAllocatorDomain unknown : kUnknownDomains)
        PyMem_SetAllocator(unknown, &hook);
    for (int d = 0; d < 3; ++d) {
        PyMemAllocatorEx now;
        PyMem_GetAllocator(PyMemAllocatorDomain(d), &now);
        BOOST_TEST(same_allocator(now, before[d]), "domain " << d << " was changed");
    }
    // And no domain reaches the hook.
    for (const Domain &d : kAllDomains) {
        void *p = d.api.malloc(24);
        BOOST_REQUIRE(p != nullptr);
        d.api.free(p);
    }
    BOOST_TEST(recorder.calls == 0);
    g_recorder = nullptr;
}

// --- CPython's test_setallocators ---------------------------------------------------------

BOOST_DATA_TEST_CASE(hook_receives_the_exact_arguments_and_its_ctx, bdata::make(kAllDomains), d) {
    NoLeakScope no_leak;
    Recorder recorder;
    g_recorder = &recorder;
    PyMem_GetAllocator(d.api.domain, &recorder.inner);
    PyMemAllocatorEx saved = recorder.inner;
    PyMemAllocatorEx hook{&recorder.tag, &record_malloc, &record_calloc, &record_realloc,
                          &record_free};
    PyMem_SetAllocator(d.api.domain, &hook);
    {
        PyMemAllocatorEx installed;
        PyMem_GetAllocator(d.api.domain, &installed);
        BOOST_TEST(same_allocator(installed, hook), "get returns what set installed");
    }

    void *p = d.api.malloc(42);
    BOOST_TEST(p != nullptr);
    BOOST_TEST(recorder.calls == 1);
    BOOST_TEST(recorder.ctx == &recorder.tag, "malloc wrong context");
    BOOST_TEST(recorder.malloc_size == 42u, "malloc invalid size");

    recorder.ctx = nullptr;
    void *p2 = d.api.realloc(p, 200);
    BOOST_TEST(p2 != nullptr);
    BOOST_TEST(recorder.calls == 2);
    BOOST_TEST(recorder.ctx == &recorder.tag, "realloc wrong context");
    BOOST_TEST(recorder.realloc_ptr == p, "realloc invalid parameters");
    BOOST_TEST(recorder.realloc_size == 200u, "realloc invalid parameters");

    recorder.ctx = nullptr;
    d.api.free(p2);
    BOOST_TEST(recorder.calls == 3);
    BOOST_TEST(recorder.ctx == &recorder.tag, "free wrong context");
    BOOST_TEST(recorder.free_ptr == p2, "free invalid pointer");

    recorder.ctx = nullptr;
    void *p3 = d.api.calloc(2, 5);
    BOOST_TEST(p3 != nullptr);
    BOOST_TEST(recorder.calls == 4);
    BOOST_TEST(recorder.ctx == &recorder.tag, "calloc wrong context");
    BOOST_TEST(recorder.calloc_nelem == 2u, "calloc invalid nelem or elsize");
    BOOST_TEST(recorder.calloc_elsize == 5u, "calloc invalid nelem or elsize");

    recorder.ctx = nullptr;
    recorder.free_ptr = nullptr;
    d.api.free(p3);
    BOOST_TEST(recorder.calls == 5);
    BOOST_TEST(recorder.ctx == &recorder.tag, "calloc free wrong context");
    BOOST_TEST(recorder.free_ptr == p3, "calloc free invalid pointer");

    // Restoring the saved allocator takes the hook out of every path.
    PyMem_SetAllocator(d.api.domain, &saved);
    void *q = d.api.malloc(42);
    BOOST_REQUIRE(q != nullptr);
    q = d.api.realloc(q, 200);
    BOOST_REQUIRE(q != nullptr);
    d.api.free(q);
    d.api.free(d.api.calloc(2, 5));
    BOOST_TEST(recorder.calls == 5, "the hook was reached after it was removed");
    g_recorder = nullptr;
}

// --- Chained hooks ------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(counting_hook_on_a_failing_hook_counts_refused_requests_too,
                     bdata::make(kAllDomains), d) {
    NoLeakScope no_leak;
    FailingHook failing(d.api.domain, 2);  // requests 3 onward fail
    CountingHook counting(d.api.domain);   // on top: sees every request, refused or not
    void *a = d.api.malloc(10);
    void *b = d.api.calloc(3, 4);
    void *c = d.api.malloc(10);
    void *e = d.api.calloc(3, 4);
    BOOST_TEST(a != nullptr);
    BOOST_TEST(b != nullptr);
    BOOST_TEST(c == nullptr);
    BOOST_TEST(e == nullptr);
    BOOST_TEST(counting.mallocs == 2u);
    BOOST_TEST(counting.callocs == 2u);
    BOOST_TEST(failing.requests() == 4u);
    BOOST_TEST(failing.failures() == 2u);
    d.api.free(a);
    d.api.free(b);
    // Frees pass both hooks: the counter sees them, the failing hook neither counts nor
    // refuses them.
    BOOST_TEST(counting.frees == 2u);
    BOOST_TEST(failing.requests() == 4u);
}

BOOST_DATA_TEST_CASE(byte_limit_hook_refuses_the_request_that_would_exceed_the_limit,
                     bdata::make(kAllDomains), d) {
    NoLeakScope no_leak;
    ByteLimitHook limit(d.api.domain, 10000);
    CountingHook counting(d.api.domain);
    std::vector<void *> blocks;
    for (int i = 0; i < 10; ++i) {
        void *p = d.api.malloc(1000);
        BOOST_REQUIRE(p != nullptr);
        std::memset(p, i + 1, 1000);
        blocks.push_back(p);
    }
    BOOST_TEST(limit.live_bytes() == 10000u);  // exactly at the limit: still admitted

    // One byte more is refused, whatever the function.
    BOOST_TEST(d.api.malloc(1) == nullptr);
    BOOST_TEST(d.api.calloc(1, 1) == nullptr);
    BOOST_TEST(d.api.realloc(blocks[0], 1001) == nullptr);
    BOOST_TEST(limit.refusals() == 3u);
    BOOST_TEST(limit.live_bytes() == 10000u);
    BOOST_TEST(limit.peak_bytes() == 10000u);
    BOOST_TEST(counting.mallocs == 11u);
    BOOST_TEST(counting.callocs == 1u);
    BOOST_TEST(counting.reallocs == 1u);
    const auto *first = static_cast<const unsigned char *>(blocks[0]);
    BOOST_TEST((first[0] == 1 && first[999] == 1), "the refused realloc left the block alone");

    // After a free there is room again; shrinking is always admitted.
    d.api.free(blocks.back());
    blocks.pop_back();
    BOOST_TEST(limit.live_bytes() == 9000u);
    void *again = d.api.malloc(1000);
    BOOST_TEST(again != nullptr);
    blocks.push_back(again);
    blocks[0] = d.api.realloc(blocks[0], 10);
    BOOST_REQUIRE(blocks[0] != nullptr);
    BOOST_TEST(limit.live_bytes() == 9010u);
    BOOST_TEST(limit.refusals() == 3u);

    for (void *p : blocks)
        d.api.free(p);
    BOOST_TEST(limit.live_bytes() == 0u);
    BOOST_TEST(counting.frees == 11u);  // the 10 blocks and the one freed to make room
}

BOOST_DATA_TEST_CASE(failing_hook_fails_request_start_plus_one_onward_never_a_free,
                     bdata::make(kAllDomains), d) {
    NoLeakScope no_leak;
    constexpr std::size_t kStart = 5;
    std::vector<void *> kept;
    FailingHook failing(d.api.domain, kStart);
    // Requests 1..5 succeed, whichever function makes them; frees in between are neither
    // counted nor refused.
    void *p = d.api.malloc(8);
    BOOST_REQUIRE(p != nullptr);
    d.api.free(p);
    kept.push_back(d.api.calloc(4, 4));
    kept.push_back(d.api.malloc(700));
    kept.push_back(d.api.realloc(nullptr, 30));
    kept[0] = d.api.realloc(kept[0], 300);
    for (void *k : kept)
        BOOST_REQUIRE(k != nullptr);
    BOOST_TEST(failing.requests() == kStart);
    BOOST_TEST(failing.failures() == 0u);
    // Every request from the sixth on fails, for every function.
    for (int round = 0; round < 3; ++round) {
        BOOST_TEST(d.api.malloc(8) == nullptr);
        BOOST_TEST(d.api.calloc(1, 8) == nullptr);
        BOOST_TEST(d.api.realloc(kept[1], 2000) == nullptr);
        BOOST_TEST(d.api.realloc(nullptr, 8) == nullptr);
    }
    BOOST_TEST(failing.requests() == kStart + 12);
    BOOST_TEST(failing.failures() == 12u);
    for (void *k : kept)
        d.api.free(k);  // frees still work while everything else fails
    BOOST_TEST(failing.requests() == kStart + 12);
}

BOOST_DATA_TEST_CASE(failing_hook_with_stop_fails_only_its_window, bdata::make(kAllDomains), d) {
    NoLeakScope no_leak;
    // set_nomemory(3, 6): requests 4, 5 and 6 fail; 1-3 and 7 onward succeed.
    FailingHook failing(d.api.domain, 3, 6);
    std::vector<void *> got;
    for (int request = 1; request <= 9; ++request) {
        void *p = (request % 2 == 0) ? d.api.calloc(2, 16) : d.api.malloc(32);
        const bool in_window = request >= 4 && request <= 6;
        BOOST_TEST((p == nullptr) == in_window, "request " << request);
        if (p != nullptr) {
            got.push_back(p);
            d.api.free(p);  // a free between requests does not move the window
        }
    }
    BOOST_TEST(got.size() == 6u);
    BOOST_TEST(failing.requests() == 9u);
    BOOST_TEST(failing.failures() == 3u);
}

// --- After a hook: pymalloc again ---------------------------------------------------------

BOOST_DATA_TEST_CASE(removing_a_hook_gives_the_domain_back_to_pymalloc,
                     bdata::make(kPymallocDomains), d) {
    NoLeakScope no_leak;
    PyMemAllocatorEx before;
    PyMem_GetAllocator(d.api.domain, &before);
    BOOST_REQUIRE(fast_path_open(d.api.domain));
    const Py_ssize_t blocks_at_start = _Py_GetAllocatedBlocks();

    std::vector<void *> under_hook;
    RemovableCounter counter(d.api.domain);
    // While hooked, the inlined fast path must be shut, or requests would bypass the hook.
    BOOST_TEST(!fast_path_open(d.api.domain));
    for (int i = 0; i < 10; ++i) {
        under_hook.push_back(d.api.malloc(64));
        BOOST_REQUIRE(under_hook.back() != nullptr);
    }
    BOOST_TEST(counter.mallocs == 10u);
    // The hook passed them through to pymalloc: they are pymalloc blocks.
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start + 10);

    counter.remove();
    PyMemAllocatorEx after;
    PyMem_GetAllocator(d.api.domain, &after);
    BOOST_TEST(same_allocator(after, before));
    BOOST_TEST(fast_path_open(d.api.domain));
    if (d.api.domain == PYMEM_DOMAIN_OBJ) BOOST_TEST(object_domain_is_pymalloc());

    // From now on the counter sees nothing, and pymalloc counts the new blocks.
    std::vector<void *> after_hook;
    for (std::size_t size : {1u, 64u, 512u})
        after_hook.push_back(d.api.malloc(size));
    after_hook.push_back(d.api.calloc(3, 10));
    after_hook[0] = d.api.realloc(after_hook[0], 100);
    for (void *p : after_hook)
        BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start + 14);
    // Blocks allocated under the hook are freed after it is gone: they were pymalloc's all
    // along, so pymalloc takes them back.
    for (void *p : under_hook)
        d.api.free(p);
    for (void *p : after_hook)
        d.api.free(p);
    BOOST_TEST(counter.calls() == 10u, "the removed hook was reached");
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start);
}

BOOST_AUTO_TEST_CASE(hooking_one_pymalloc_domain_leaves_the_other_on_its_fast_path) {
    {
        CountingHook obj(PYMEM_DOMAIN_OBJ);
        BOOST_TEST(!fast_path_open(PYMEM_DOMAIN_OBJ));
        BOOST_TEST(fast_path_open(PYMEM_DOMAIN_MEM));
        BOOST_TEST(!object_domain_is_pymalloc());
        PyMem_Free(PyMem_Malloc(32));
        BOOST_TEST(obj.allocations() + obj.frees == 0u);
    }
    {
        CountingHook mem(PYMEM_DOMAIN_MEM);
        BOOST_TEST(!fast_path_open(PYMEM_DOMAIN_MEM));
        BOOST_TEST(fast_path_open(PYMEM_DOMAIN_OBJ));
        BOOST_TEST(object_domain_is_pymalloc());
        PyObject_Free(PyObject_Malloc(32));
        BOOST_TEST(mem.allocations() + mem.frees == 0u);
    }
    BOOST_TEST(fast_path_open(PYMEM_DOMAIN_MEM));
    BOOST_TEST(fast_path_open(PYMEM_DOMAIN_OBJ));
}

// --- An allocator that replaces MEM outright ----------------------------------------------

BOOST_AUTO_TEST_CASE(replacing_allocator_serves_mem_and_its_blocks_are_freed_before_restore) {
    NoLeakScope no_leak;
    SavedDomains saved;
    SystemAllocator system;
    g_system = &system;
    PyMemAllocatorEx replacement{&system.tag, &system_malloc, &system_calloc, &system_realloc,
                                 &system_free};
    const Py_ssize_t blocks_at_start = _Py_GetAllocatedBlocks();
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &replacement);
    BOOST_TEST(!fast_path_open(PYMEM_DOMAIN_MEM));

    // Every size goes to the replacement, pymalloc's small sizes included.
    void *small = PyMem_Malloc(64);
    void *zero = PyMem_Malloc(0);
    void *zeroed = PyMem_Calloc(3, 7);
    void *grown = PyMem_Realloc(nullptr, 16);
    BOOST_REQUIRE(small != nullptr);
    BOOST_REQUIRE(zero != nullptr);
    BOOST_REQUIRE(zeroed != nullptr);
    BOOST_REQUIRE(grown != nullptr);
    grown = PyMem_Realloc(grown, 5000);
    BOOST_REQUIRE(grown != nullptr);
    BOOST_TEST(system.mallocs == 2u);
    BOOST_TEST(system.callocs == 1u);
    BOOST_TEST(system.reallocs == 2u);
    BOOST_TEST(system.live == 4);
    BOOST_TEST(!system.wrong_ctx);
    // None of them is a pymalloc block, and OBJ is untouched.
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start);
    PyObject_Free(PyObject_Malloc(64));
    BOOST_TEST(system.mallocs == 2u);

    // The replacement does not chain: pymalloc knows nothing of its blocks, so they must all
    // go back to it while it is still installed.
    for (void *p : {small, zero, zeroed, grown})
        PyMem_Free(p);
    BOOST_TEST(system.frees == 4u);
    BOOST_TEST(system.live == 0);

    PyMemAllocatorEx pymalloc_record = saved[PYMEM_DOMAIN_MEM];
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &pymalloc_record);
    BOOST_TEST(fast_path_open(PYMEM_DOMAIN_MEM));
    void *again = PyMem_Malloc(64);
    BOOST_REQUIRE(again != nullptr);
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start + 1);  // pymalloc's again
    PyMem_Free(again);
    BOOST_TEST(system.mallocs + system.callocs + system.reallocs + system.frees == 9u);
    BOOST_TEST(!system.wrong_ctx);
    g_system = nullptr;
}

// --- The raw domain needs no GIL ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(raw_hooks_are_called_from_many_threads_without_a_lock) {
    constexpr int kThreads = 8;
    constexpr int kRounds = 4000;
    AtomicCountingHook hook(PYMEM_DOMAIN_RAW);
    std::atomic<int> corrupted{0};
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            start.arrive_and_wait();  // all threads hit the hook at once
            for (int i = 0; i < kRounds; ++i) {
                const std::size_t size = 1 + static_cast<std::size_t>((i * 37 + t) % 700);
                auto *p = static_cast<unsigned char *>(PyMem_RawMalloc(size));
                auto *q = static_cast<unsigned char *>(PyMem_RawCalloc(2, size));
                if (p == nullptr || q == nullptr) {
                    corrupted.fetch_add(1);
                    PyMem_RawFree(p);
                    PyMem_RawFree(q);
                    continue;
                }
                std::memset(p, t, size);
                p = static_cast<unsigned char *>(PyMem_RawRealloc(p, size + 64));
                if (p == nullptr || p[0] != t || p[size - 1] != t || q[2 * size - 1] != 0)
                    corrupted.fetch_add(1);
                PyMem_RawFree(p);
                PyMem_RawFree(q);
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    constexpr std::size_t kPerFunction = std::size_t{kThreads} * kRounds;
    BOOST_TEST(corrupted.load() == 0);
    BOOST_TEST(hook.mallocs.load() == kPerFunction);
    BOOST_TEST(hook.callocs.load() == kPerFunction);
    BOOST_TEST(hook.reallocs.load() == kPerFunction);
    BOOST_TEST(hook.frees.load() == 2 * kPerFunction);
    // Sizes as requested: each round asks for size + 2 * size + (size + 64) bytes.
    std::size_t expected_bytes = 0;
    for (int t = 0; t < kThreads; ++t)
        for (int i = 0; i < kRounds; ++i)
            expected_bytes += 4 * (1 + static_cast<std::size_t>((i * 37 + t) % 700)) + 64;
    BOOST_TEST(hook.bytes_requested.load() == expected_bytes);
}

// --- Hooks see pymalloc's raw fallback ----------------------------------------------------

BOOST_DATA_TEST_CASE(raw_hook_sees_the_requests_pymalloc_does_not_serve,
                     bdata::make(kPymallocDomains), d) {
    NoLeakScope no_leak;
    // Keep a 64-byte block live so that its class has a used pool: the 64-byte request
    // below then needs no new arena (whose descriptor would come from the raw domain).
    void *warm = d.api.malloc(64);
    BOOST_REQUIRE(warm != nullptr);
    const Py_ssize_t blocks_at_start = _Py_GetAllocatedBlocks();
    {
        CountingHook raw(PYMEM_DOMAIN_RAW);
        void *large = d.api.malloc(600);  // above the threshold
        BOOST_REQUIRE(large != nullptr);
        BOOST_TEST(raw.mallocs == 1u);
        BOOST_TEST(raw.last_size == 600u);

        void *zero = d.api.malloc(0);  // 0 bytes is not one of pymalloc's sizes either
        BOOST_REQUIRE(zero != nullptr);
        BOOST_TEST(raw.mallocs == 2u);
        BOOST_TEST(raw.last_size == 0u);

        void *zero_calloc = d.api.calloc(0, 8);
        void *large_calloc = d.api.calloc(3, 300);
        BOOST_REQUIRE(zero_calloc != nullptr);
        BOOST_REQUIRE(large_calloc != nullptr);
        BOOST_TEST(raw.callocs == 2u);
        BOOST_TEST(raw.last_nelem == 3u);
        BOOST_TEST(raw.last_elsize == 300u);

        void *small = d.api.malloc(64);  // pymalloc's own
        void *small_calloc = d.api.calloc(4, 16);
        BOOST_REQUIRE(small != nullptr);
        BOOST_REQUIRE(small_calloc != nullptr);
        BOOST_TEST(raw.mallocs == 2u);
        BOOST_TEST(raw.callocs == 2u);

        // The fallback blocks count as allocated blocks, as sys.getallocatedblocks() does.
        BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start + 6);

        // Frees follow the block: the raw ones reach the raw hook, pymalloc's do not.
        d.api.free(small);
        d.api.free(small_calloc);
        BOOST_TEST(raw.frees == 0u);
        d.api.free(large);
        BOOST_TEST(raw.frees == 1u);
        BOOST_TEST(raw.last_ptr == large);
        d.api.free(zero);
        d.api.free(zero_calloc);
        d.api.free(large_calloc);
        BOOST_TEST(raw.frees == 4u);
        BOOST_TEST(raw.last_ptr == large_calloc);
    }
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start);
    d.api.free(warm);
}

BOOST_AUTO_TEST_SUITE_END()
