// Hooks chained on a domain (tests/support/alloc_hooks.hpp): what a counting, a failing and
// a byte-limit hook see when stacked, what the domain is once a hook is gone (pymalloc
// again, on its inlined fast path), and that a hook on RAW sees the requests pymalloc
// passes down. The API rules of PyMem_Get/SetAllocator themselves are set_allocator_test.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ostream>
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
using minipy::test::kPymallocDomains;
using minipy::test::object_domain_is_pymalloc;
using minipy::test::same_allocator;

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

}  // namespace

BOOST_AUTO_TEST_SUITE(hooks)

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

    for (void *p : blocks) d.api.free(p);
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
    for (void *k : kept) BOOST_REQUIRE(k != nullptr);
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
    for (void *k : kept) d.api.free(k);  // frees still work while everything else fails
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
    for (std::size_t size : {1u, 64u, 512u}) after_hook.push_back(d.api.malloc(size));
    after_hook.push_back(d.api.calloc(3, 10));
    after_hook[0] = d.api.realloc(after_hook[0], 100);
    for (void *p : after_hook) BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(_Py_GetAllocatedBlocks() == blocks_at_start + 14);
    // Blocks allocated under the hook are freed after it is gone: they were pymalloc's all
    // along, so pymalloc takes them back.
    for (void *p : under_hook) d.api.free(p);
    for (void *p : after_hook) d.api.free(p);
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
