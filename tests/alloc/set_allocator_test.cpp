// PyMem_GetAllocator / PyMem_SetAllocator as an API: unknown domains, the exact arguments
// and ctx a hook receives (CPython's test_setallocators), an allocator that replaces a
// domain outright, and the raw domain's hooks called from many threads without the GIL.
// How hooks chain on one another is the hooks suite.
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
#include "alloc/support/pymalloc_state.hpp"
#include "minipy/pymalloc.h"
#include "support/alloc_hooks.hpp"

namespace bdata = boost::unit_test::data;
using minipy::test::ByteLimitHook;
using minipy::test::CountingHook;
using minipy::test::DomainApi;
using minipy::test::DomainHook;
using minipy::test::FailingHook;
using minipy::test::NoLeakScope;

namespace {

using minipy::test::Domain;
using minipy::test::fast_path_open;
using minipy::test::kAllDomains;
using minipy::test::same_allocator;
using minipy::test::SavedDomains;

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

BOOST_AUTO_TEST_SUITE(set_allocator)

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
    for (PyMemAllocatorDomain unknown : kUnknownDomains) PyMem_SetAllocator(unknown, &hook);
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
    for (void *p : {small, zero, zeroed, grown}) PyMem_Free(p);
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
    for (std::thread &thread : threads) thread.join();
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

BOOST_AUTO_TEST_SUITE_END()
