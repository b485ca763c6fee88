// The rules every domain keeps, whatever allocator it holds (minipy/pymem.h, rules 1-5):
// each rule is one data-driven case, run for RAW, MEM and OBJ under pymalloc and under the
// system malloc. Hooks that count or fail sit on top of the domain to show what reached
// the allocator.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

#include "alloc/support/domain_api.hpp"
#include "support/alloc_hooks.hpp"

namespace bdata = boost::unit_test::data;
using minipy::test::AllocatorConfig;
using minipy::test::CountingHook;
using minipy::test::DomainCase;
using minipy::test::FailingHook;

namespace {

constexpr std::size_t kTooBig = static_cast<std::size_t>(PY_SSIZE_T_MAX) + 1;

// Sizes around every boundary that matters: pymalloc's classes, its threshold, the raw
// domain above it.
const std::vector<std::size_t> kSizes = {1,   2,   8,   15,  16,  17,  31,   32,   33,   100,
                                         255, 256, 257, 511, 512, 513, 1000, 4095, 4096, 70000};

bool all_bytes_are(const void *p, std::size_t n, unsigned char value) {
    const auto *bytes = static_cast<const unsigned char *>(p);
    for (std::size_t i = 0; i < n; ++i)
        if (bytes[i] != value) return false;
    return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domains)

BOOST_DATA_TEST_CASE(zero_byte_request_returns_distinct_pointer,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    void *a = c.api.malloc(0);
    void *b = c.api.malloc(0);
    BOOST_REQUIRE(a != nullptr);
    BOOST_REQUIRE(b != nullptr);
    BOOST_TEST(a != b);
    c.api.free(a);
    c.api.free(b);
}

BOOST_DATA_TEST_CASE(zero_element_calloc_returns_distinct_pointer,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    // Zero elements, elements of zero bytes, and both; a zero count never overflows, even
    // with the largest element size.
    void *blocks[] = {c.api.calloc(0, 8), c.api.calloc(8, 0), c.api.calloc(0, 0),
                      c.api.calloc(0, SIZE_MAX)};
    std::set<void *> distinct;
    for (void *p : blocks) {
        BOOST_TEST(p != nullptr);
        distinct.insert(p);
    }
    BOOST_TEST(distinct.size() == std::size(blocks));
    for (void *p : blocks) c.api.free(p);
}

BOOST_DATA_TEST_CASE(calloc_zeroes_memory_even_when_reusing_a_block,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    for (std::size_t size : kSizes) {
        // Dirty a block and free it: an allocator that reuses it (pymalloc will) must
        // still hand out zeroes from calloc.
        void *dirty = c.api.malloc(size);
        BOOST_REQUIRE(dirty != nullptr);
        std::memset(dirty, 0xAB, size);
        c.api.free(dirty);
        void *clean = c.api.calloc(1, size);
        BOOST_REQUIRE(clean != nullptr);
        BOOST_TEST(all_bytes_are(clean, size, 0), "size " << size);
        c.api.free(clean);
        void *array = c.api.calloc(size, 3);
        BOOST_REQUIRE(array != nullptr);
        BOOST_TEST(all_bytes_are(array, size * 3, 0), "size " << size << " x 3");
        c.api.free(array);
    }
}

BOOST_DATA_TEST_CASE(calloc_overflow_returns_null_without_calling_the_allocator,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    CountingHook counter(c.api.domain);
    BOOST_TEST(c.api.calloc(SIZE_MAX / 2 + 1, 2) == nullptr);
    BOOST_TEST(c.api.calloc(2, SIZE_MAX / 2 + 1) == nullptr);
    BOOST_TEST(c.api.calloc(kTooBig, 1) == nullptr);  // the product must fit in Py_ssize_t
    BOOST_TEST(c.api.calloc(1, kTooBig) == nullptr);
    BOOST_TEST(counter.allocations() == 0u);
}

BOOST_DATA_TEST_CASE(request_above_ssize_max_returns_null_without_calling_the_allocator,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    void *p = c.api.malloc(16);
    BOOST_REQUIRE(p != nullptr);
    std::memset(p, 0x5A, 16);
    {
        CountingHook counter(c.api.domain);
        BOOST_TEST(c.api.malloc(kTooBig) == nullptr);
        BOOST_TEST(c.api.malloc(SIZE_MAX) == nullptr);
        BOOST_TEST(c.api.realloc(p, kTooBig) == nullptr);
        BOOST_TEST(c.api.realloc(nullptr, SIZE_MAX) == nullptr);
        BOOST_TEST(counter.allocations() == 0u);
    }
    BOOST_TEST(all_bytes_are(p, 16, 0x5A));  // the failed realloc left p alone
    c.api.free(p);
}

BOOST_DATA_TEST_CASE(realloc_of_null_is_malloc, bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    for (std::size_t size : kSizes) {
        void *p = c.api.realloc(nullptr, size);
        BOOST_REQUIRE(p != nullptr);
        std::memset(p, 0x11, size);  // the whole block is usable
        void *q = c.api.realloc(nullptr, size);
        BOOST_TEST(q != p);
        c.api.free(q);
        c.api.free(p);
    }
}

BOOST_DATA_TEST_CASE(realloc_to_zero_keeps_a_live_block,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    for (std::size_t size : {std::size_t{1}, std::size_t{24}, std::size_t{600}}) {
        void *a = c.api.malloc(size);
        void *b = c.api.malloc(size);
        BOOST_REQUIRE(a != nullptr);
        BOOST_REQUIRE(b != nullptr);
        void *a0 = c.api.realloc(a, 0);
        void *b0 = c.api.realloc(b, 0);
        BOOST_TEST(a0 != nullptr);
        BOOST_TEST(b0 != nullptr);
        BOOST_TEST(a0 != b0);
        c.api.free(a0);  // freed exactly once: the realloc did not free it
        c.api.free(b0);
    }
}

BOOST_DATA_TEST_CASE(realloc_keeps_contents_up_to_the_smaller_size,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    // Grow and shrink through pymalloc's classes, its threshold and large blocks.
    const std::size_t steps[] = {8, 24, 100, 112, 113, 512, 600, 5000, 400, 40, 13, 1, 0, 70};
    unsigned char *p = static_cast<unsigned char *>(c.api.malloc(1));
    BOOST_REQUIRE(p != nullptr);
    p[0] = 0;
    std::size_t size = 1;
    for (std::size_t next : steps) {
        for (std::size_t i = 0; i < size; ++i) p[i] = static_cast<unsigned char>(i * 7 + size);
        auto *q = static_cast<unsigned char *>(c.api.realloc(p, next));
        BOOST_REQUIRE(q != nullptr);
        const std::size_t kept = std::min(size, next);
        for (std::size_t i = 0; i < kept; ++i)
            BOOST_REQUIRE_MESSAGE(q[i] == static_cast<unsigned char>(i * 7 + size),
                                  "byte " << i << " after " << size << " -> " << next);
        p = q;
        size = next;
    }
    c.api.free(p);
}

BOOST_DATA_TEST_CASE(failed_realloc_returns_null_and_leaves_the_block_valid,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    for (std::size_t size : kSizes) {
        auto *p = static_cast<unsigned char *>(c.api.malloc(size));
        BOOST_REQUIRE(p != nullptr);
        std::memset(p, 0x3C, size);
        {
            FailingHook fail_everything(c.api.domain, 0);
            BOOST_TEST(c.api.realloc(p, size * 2 + 1000) == nullptr);
            BOOST_TEST(c.api.realloc(p, size / 2) == nullptr);
            BOOST_TEST(fail_everything.failures() == 2u);
        }
        BOOST_TEST(all_bytes_are(p, size, 0x3C), "size " << size);
        c.api.free(p);  // still a live block of this domain
    }
}

BOOST_DATA_TEST_CASE(free_of_null_does_nothing, bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    CountingHook counter(c.api.domain);
    c.api.free(nullptr);
    BOOST_TEST(counter.frees == 0u);
}

BOOST_DATA_TEST_CASE(blocks_are_aligned_and_do_not_overlap,
                     bdata::make(minipy::test::all_domain_cases()), c) {
    AllocatorConfig config(c.config);
    BOOST_REQUIRE(config.ok());
    std::vector<std::pair<unsigned char *, std::size_t>> blocks;
    for (int round = 0; round < 20; ++round) {
        for (std::size_t size : kSizes) {
            auto *p = static_cast<unsigned char *>(c.api.malloc(size));
            BOOST_REQUIRE(p != nullptr);
            BOOST_TEST(reinterpret_cast<std::uintptr_t>(p) % 16 == 0u, "size " << size);
            std::memset(p, static_cast<int>(blocks.size() & 0xff), size);
            blocks.emplace_back(p, size);
        }
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        BOOST_TEST(
            all_bytes_are(blocks[i].first, blocks[i].second, static_cast<unsigned char>(i & 0xff)),
            "block " << i << " was overwritten by another");
        c.api.free(blocks[i].first);
    }
}

// --- The type-oriented macros (MEM domain) -----------------------------------------------

BOOST_AUTO_TEST_CASE(pymem_new_returns_null_on_overflow_without_calling_the_allocator) {
    CountingHook counter(PYMEM_DOMAIN_MEM);
    const std::size_t too_many = static_cast<std::size_t>(PY_SSIZE_T_MAX) / sizeof(double) + 1;
    BOOST_TEST(PyMem_New(double, too_many) == nullptr);
    BOOST_TEST(PyMem_NEW(double, too_many) == nullptr);
    BOOST_TEST(counter.allocations() == 0u);
    double *ok = PyMem_New(double, 10);
    BOOST_REQUIRE(ok != nullptr);
    BOOST_TEST(counter.mallocs == 1u);
    BOOST_TEST(counter.last_size == 10 * sizeof(double));
    PyMem_Del(ok);
}

BOOST_AUTO_TEST_CASE(pymem_resize_always_assigns_its_pointer) {
    int *p = PyMem_New(int, 4);
    BOOST_REQUIRE(p != nullptr);
    for (int i = 0; i < 4; ++i) p[i] = i + 1;
    PyMem_Resize(p, int, 1000);  // success: p is the (possibly moved) block
    BOOST_REQUIRE(p != nullptr);
    for (int i = 0; i < 4; ++i) BOOST_TEST(p[i] == i + 1);

    int *saved = p;
    const std::size_t too_many = static_cast<std::size_t>(PY_SSIZE_T_MAX) / sizeof(int) + 1;
    PyMem_Resize(p, int, too_many);  // overflow: p becomes NULL, the block is untouched
    BOOST_TEST(p == nullptr);
    BOOST_TEST(saved[3] == 4);

    p = saved;
    {
        FailingHook fail_everything(PYMEM_DOMAIN_MEM, 0);
        PyMem_Resize(p, int, 5000);  // failure: same
    }
    BOOST_TEST(p == nullptr);
    BOOST_TEST(saved[0] == 1);
    PyMem_Del(saved);
}

BOOST_AUTO_TEST_CASE(upper_case_macros_reach_the_same_functions) {
    {
        CountingHook mem(PYMEM_DOMAIN_MEM);
        void *a = PyMem_MALLOC(10);
        a = PyMem_REALLOC(a, 20);
        PyMem_FREE(a);
        long *b = PyMem_NEW(long, 3);
        PyMem_RESIZE(b, long, 6);
        PyMem_DEL(b);
        long *c = PyMem_New(long, 2);
        PyMem_Del(c);
        BOOST_TEST(mem.mallocs == 3u);
        BOOST_TEST(mem.reallocs == 2u);
        BOOST_TEST(mem.frees == 3u);
    }
    {
        CountingHook obj(PYMEM_DOMAIN_OBJ);
        void *a = PyObject_MALLOC(10);
        a = PyObject_REALLOC(a, 30);
        PyObject_FREE(a);
        BOOST_TEST(obj.mallocs == 1u);
        BOOST_TEST(obj.reallocs == 1u);
        BOOST_TEST(obj.frees == 1u);
    }
}

BOOST_AUTO_TEST_SUITE_END()
