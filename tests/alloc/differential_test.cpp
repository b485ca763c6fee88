// A randomized differential test: millions of malloc / calloc / realloc / free operations
// over the three domains and sizes 0..4096, checked against a model that remembers every
// live block's size and contents.
//
// Contents: a block's byte i holds (seed + i) mod 256 for a seed the model keeps, so the
// whole block can be checked without a copy. After every step the block the step touched
// is checked in full (a realloc's kept prefix before it is refilled, a block about to be
// freed, a calloc's zeroes); every kSweepEvery steps and at the end every live block is
// checked, so damage to a block the step did not touch is found within kSweepEvery steps,
// with the step number in the message. At the end every block is freed and every arena
// goes back: the statistics show zero arenas.
//
// It runs under malloc and under pymalloc in both geometries, with the default arena
// allocator (aligned arenas: headers where the build puts them, dense tables by default) and
// with one that hands out arenas off their alignment (headers at the start of each pool), so
// that every header placement of the build is exercised.
//
// The number of operations is MINIPY_DIFFERENTIAL_OPS (default 2,000,000 per allocator
// configuration, 200,000 under MINIPY_TEST_SIZE=small); CI lowers it for the valgrind run.
#include <sys/mman.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <random>
#include <vector>

#include "alloc/support/domain_api.hpp"
#include "alloc/support/pymalloc_state.hpp"
#include "pymalloc/pymalloc.hpp"
#include "support/test_size.hpp"

namespace bdata = boost::unit_test::data;

namespace {

constexpr std::size_t kMaxLive = 3000;
constexpr std::size_t kSweepEvery = 4096;
constexpr std::size_t kMaxSize = 4096;

struct LiveBlock {
    const minipy::test::DomainApi *api;
    unsigned char *p;
    std::size_t size;
    unsigned char seed;
};

// kPattern[seed + i] == (seed + i) mod 256: a block's expected contents are a slice of it,
// so filling and checking are one memcpy / memcmp (fast even in a debug build).
const std::vector<unsigned char> kPattern = [] {
    std::vector<unsigned char> pattern(kMaxSize + 256);
    for (std::size_t i = 0; i < pattern.size(); ++i) pattern[i] = static_cast<unsigned char>(i);
    return pattern;
}();

void fill(LiveBlock &b, unsigned char seed) {
    b.seed = seed;
    if (b.size != 0) std::memcpy(b.p, &kPattern[seed], b.size);
}

// Index of the first of the first `upto` bytes that differs from the model, or `upto`.
std::size_t first_bad_byte(const LiveBlock &b, std::size_t upto) {
    if (upto == 0 || std::memcmp(b.p, &kPattern[b.seed], upto) == 0) return upto;
    for (std::size_t i = 0; i < upto; ++i)
        if (b.p[i] != kPattern[b.seed + i]) return i;
    return upto;
}

std::size_t operation_count() {
    const char *text = std::getenv("MINIPY_DIFFERENTIAL_OPS");
    if (text != nullptr) return std::strtoull(text, nullptr, 10);
    return minipy::test::test_size<std::size_t>(2'000'000, 200'000);
}

class Model {
  public:
    explicit Model(std::uint64_t seed) : rng_(seed) {}

    void step(std::size_t n) {
        step_ = n;
        const unsigned roll = pick(100);
        if (live_.empty() || (roll < 45 && live_.size() < kMaxLive)) {
            allocate(roll % 4 == 0);
        } else if (roll < 75) {
            resize(pick(live_.size()));
        } else {
            release(pick(live_.size()));
        }
        if (n % kSweepEvery == 0) sweep();
    }

    void sweep() const {
        for (const LiveBlock &b : live_) {
            const std::size_t bad = first_bad_byte(b, b.size);
            BOOST_REQUIRE_MESSAGE(bad == b.size, "step " << step_ << ": " << b.api->name
                                                         << " block of " << b.size
                                                         << " bytes damaged at byte " << bad);
        }
    }

    void free_everything() {
        sweep();
        while (!live_.empty()) release(live_.size() - 1);
    }

    std::size_t live() const { return live_.size(); }

  private:
    unsigned pick(std::size_t bound) { return static_cast<unsigned>(rng_() % bound); }

    // Sizes 0..4096, most of them pymalloc's (0..512), as in a real program.
    std::size_t pick_size() {
        const unsigned roll = pick(100);
        if (roll < 3) return 0;
        if (roll < 75) return 1 + pick(512);
        return 513 + pick(kMaxSize - 512);
    }

    const minipy::test::DomainApi *pick_domain() {
        static const minipy::test::DomainApi *const kApis[] = {
            &minipy::test::kRawApi, &minipy::test::kMemApi, &minipy::test::kObjApi};
        return kApis[pick(3)];
    }

    void allocate(bool zeroed) {
        const minipy::test::DomainApi *api = pick_domain();
        std::size_t size = pick_size();
        void *p;
        if (zeroed) {
            // calloc with 1..4 elements; the block holds their product, all of it zero.
            const std::size_t nelem = 1 + pick(4);
            const std::size_t elsize = size / nelem;
            size = nelem * elsize;
            p = api->calloc(nelem, elsize);
            BOOST_REQUIRE_MESSAGE(p != nullptr, "step " << step_ << ": calloc failed");
            static const std::vector<unsigned char> kZeros(kMaxSize, 0);
            BOOST_REQUIRE_MESSAGE(size == 0 || std::memcmp(p, kZeros.data(), size) == 0,
                                  "step " << step_ << ": calloc of " << size << " not zeroed");
        } else {
            p = api->malloc(size);
            BOOST_REQUIRE_MESSAGE(p != nullptr, "step " << step_ << ": malloc failed");
        }
        live_.push_back(LiveBlock{api, static_cast<unsigned char *>(p), size, 0});
        fill(live_.back(), static_cast<unsigned char>(pick(256)));
    }

    void resize(std::size_t i) {
        LiveBlock &b = live_[i];
        const std::size_t new_size = pick_size();
        const std::size_t kept = std::min(b.size, new_size);
        auto *q = static_cast<unsigned char *>(b.api->realloc(b.p, new_size));
        BOOST_REQUIRE_MESSAGE(q != nullptr, "step " << step_ << ": realloc failed");
        b.p = q;
        const std::size_t bad = first_bad_byte(b, kept);
        BOOST_REQUIRE_MESSAGE(bad == kept, "step " << step_ << ": realloc " << b.size << " -> "
                                                   << new_size << " lost byte " << bad);
        b.size = new_size;
        fill(b, static_cast<unsigned char>(pick(256)));
    }

    void release(std::size_t i) {
        LiveBlock &b = live_[i];
        const std::size_t bad = first_bad_byte(b, b.size);
        BOOST_REQUIRE_MESSAGE(bad == b.size, "step " << step_ << ": block of " << b.size
                                                     << " bytes damaged at byte " << bad
                                                     << " before free");
        b.api->free(b.p);
        live_[i] = live_.back();
        live_.pop_back();
    }

    std::mt19937_64 rng_;
    std::vector<LiveBlock> live_;
    std::size_t step_ = 0;
};

// Arenas 3 pools and 48 bytes past an mmap boundary: neither arena- nor pool-aligned.
constexpr std::size_t kUnalignedOffset = 3 * 4096 + 48;
void *unaligned_arena_alloc(void *, std::size_t size) noexcept {
    void *p = ::mmap(nullptr, size + kUnalignedOffset, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : static_cast<char *>(p) + kUnalignedOffset;
}
void unaligned_arena_free(void *, void *ptr, std::size_t size) noexcept {
    ::munmap(static_cast<char *>(ptr) - kUnalignedOffset, size + kUnalignedOffset);
}

// Installs the unaligned arena allocator for a scope (no arena may exist when it starts).
class UnalignedArenas {
  public:
    explicit UnalignedArenas(bool on) : on_(on) {
        if (!on_) return;
        PyObject_GetArenaAllocator(&saved_);
        PyObjectArenaAllocator mine{nullptr, &unaligned_arena_alloc, &unaligned_arena_free};
        PyObject_SetArenaAllocator(&mine);
    }
    ~UnalignedArenas() {
        if (!on_) return;
        minipy_pymalloc_release_free_arenas();
        PyObject_SetArenaAllocator(&saved_);
    }
    UnalignedArenas(const UnalignedArenas &) = delete;
    UnalignedArenas &operator=(const UnalignedArenas &) = delete;

  private:
    bool on_;
    PyObjectArenaAllocator saved_{};
};

struct Config {
    const char *allocator;
    const char *geometry;
    bool unaligned_arenas;
};
std::ostream &operator<<(std::ostream &out, const Config &c) {
    out << c.allocator;
    if (c.geometry != nullptr) out << "/" << c.geometry;
    if (c.unaligned_arenas) out << "/unaligned-arenas";
    return out;
}
const std::vector<Config> kConfigs = {
    {"pymalloc", "small", false}, {"pymalloc", "large", false}, {"pymalloc", "small", true},
    {"pymalloc", "large", true},  {"malloc", nullptr, false},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(differential)

BOOST_DATA_TEST_CASE(random_operations_keep_every_block_intact, bdata::make(kConfigs), c) {
    minipy::test::GeometryScope in_geometry(c.geometry);
    minipy::test::NoArenasScope clean;
    {
        UnalignedArenas arenas(c.unaligned_arenas);
        minipy::test::AllocatorConfig config(c.allocator);
        BOOST_REQUIRE(config.ok());
        Model model(0x6d696e697079ull);
        const std::size_t ops = operation_count();
        for (std::size_t n = 1; n <= ops; ++n) {
            model.step(n);
            if (n % (kSweepEvery * 16) == 0) BOOST_REQUIRE(minipy::pymalloc::state_is_valid());
        }
        BOOST_TEST_MESSAGE(ops << " operations, " << model.live() << " blocks live at the end");
        if (c.unaligned_arenas) {
            for (const minipy_arena_info &a : minipy::test::heap_view().arenas)
                BOOST_TEST(a.header_table == nullptr);
        }
        model.free_everything();
    }
    BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
    minipy_pymalloc_release_free_arenas();
    const minipy_pymalloc_stats stats = minipy::test::pymalloc_stats();
    BOOST_TEST(stats.arenas_allocated_current == 0u);
    BOOST_TEST(stats.total == 0u);
    BOOST_TEST(minipy::pymalloc::state_is_valid());
}

BOOST_AUTO_TEST_SUITE_END()
