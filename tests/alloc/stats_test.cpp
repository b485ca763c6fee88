// pymalloc's statistics: the figures (minipy_pymalloc_get_stats), their identities, the
// report's layout (_PyObject_DebugMallocStats, checked line by line and against the report
// CPython itself prints), the block count, and PYTHONMALLOCSTATS in a child process.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "alloc/support/domain_api.hpp"
#include "alloc/support/pymalloc_state.hpp"
#include "support/child.hpp"
#include "support/test_size.hpp"

using minipy::test::expected_capacity;
using minipy::test::expected_header_bytes;
using minipy::test::NoArenasScope;
using minipy::test::pool_info_of;
using minipy::test::pymalloc_geometry;
using minipy::test::pymalloc_stats;
using minipy::test::run_child;
using minipy::test::split_lines;
namespace bdata = boost::unit_test::data;

namespace {

std::string report() {
    char *buffer = nullptr;
    std::size_t size = 0;
    std::FILE *out = open_memstream(&buffer, &size);
    BOOST_REQUIRE(out != nullptr);
    BOOST_TEST(_PyObject_DebugMallocStats(out) == 1);
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);
    return text;
}

// The value printed on the "label = value" line starting with `label`.
std::size_t value_of(const std::string &text, const std::string &label) {
    for (const std::string &line : split_lines(text)) {
        if (line.rfind(label, 0) != 0 || line.size() < 36 || line[35] != '=') continue;
        std::string digits;
        for (char ch : line.substr(36))
            if (ch >= '0' && ch <= '9') digits += ch;
        return std::stoull(digits);
    }
    BOOST_FAIL("no line starting with '" << label << "'");
    return 0;
}

// A line's shape: numbers become N and runs of spaces one space, so that reports taken at
// different moments (or from CPython, with other arena sizes) compare equal.
std::string shape(const std::string &line) {
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        const char ch = line[i];
        if (ch >= '0' && ch <= '9') {
            out += 'N';
            while (i < line.size() && ((line[i] >= '0' && line[i] <= '9') || line[i] == ',')) ++i;
        } else if (ch == ' ') {
            out += ' ';
            while (i < line.size() && line[i] == ' ') ++i;
        } else {
            out += ch;
            ++i;
        }
    }
    return out;
}

// The shapes of a report's lines up to its first "Total" line, with the class table's
// rows folded into one.
std::vector<std::string> report_shapes(const std::vector<std::string> &lines) {
    std::vector<std::string> shapes;
    for (const std::string &line : lines) {
        std::string s = shape(line);
        if (s == " N N N N N" && !shapes.empty() && shapes.back() == s) continue;
        shapes.push_back(s);
        if (line.rfind("Total", 0) == 0) break;
    }
    return shapes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats)

BOOST_DATA_TEST_CASE(class_figures_follow_what_was_allocated,
                     bdata::make(minipy::test::geometry_names()), geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    std::vector<void *> blocks;
    for (int i = 0; i < 10; ++i) blocks.push_back(PyObject_Malloc(32));
    // 48-byte blocks: a first pool's worth and 5 more, which open a second pool.
    blocks.push_back(PyMem_Malloc(48));
    const minipy_pool_info first_48 = pool_info_of(blocks.back());
    BOOST_REQUIRE(first_48.capacity == expected_capacity(48, first_48.address));
    for (std::size_t i = 1; i < first_48.capacity + 5; ++i) blocks.push_back(PyMem_Malloc(48));
    const minipy_pool_info second_48 = pool_info_of(blocks.back());
    BOOST_REQUIRE(second_48.address != first_48.address);
    const minipy_pool_info pool_32 = pool_info_of(blocks[0]);
    const minipy_pymalloc_stats s = pymalloc_stats();
    BOOST_TEST(s.classes[1].num_pools == 1u);
    BOOST_TEST(s.classes[1].blocks_in_use == 10u);
    BOOST_TEST(s.classes[1].avail_blocks == expected_capacity(32, pool_32.address) - 10);
    BOOST_TEST(s.classes[2].num_pools == 2u);
    BOOST_TEST(s.classes[2].blocks_in_use == first_48.capacity + 5);
    BOOST_TEST(s.classes[2].avail_blocks == expected_capacity(48, second_48.address) - 5);
    BOOST_TEST(s.allocated_bytes == std::size_t{10} * 32 + (first_48.capacity + 5) * 48);
    BOOST_TEST(s.available_bytes ==
               s.classes[1].avail_blocks * 32 + s.classes[2].avail_blocks * 48);
    BOOST_TEST(_Py_GetAllocatedBlocks() == static_cast<Py_ssize_t>(blocks.size()));
    for (std::size_t i = 0; i < 10; ++i) PyObject_Free(blocks[i]);
    for (std::size_t i = 10; i < blocks.size(); ++i) PyMem_Free(blocks[i]);
}

// Pools of one class hold different numbers of blocks: with dense headers and 16 KiB pools
// the first pool of each 256 KiB holds the header table. The expected figures are summed
// pool by pool from the documented layout (expected_capacity), not from pymalloc's code.
BOOST_DATA_TEST_CASE(total_equals_the_arena_bytes_and_the_parts_add_up,
                     bdata::make(minipy::test::geometry_names()), geometry) {
    minipy::test::GeometryScope in_geometry(geometry);
    NoArenasScope clean;
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    std::vector<void *> blocks;
    // Many arenas, every size class (15000 blocks, still 15 arenas, where the invariants
    // preset checks the whole heap at each new pool).
    const std::size_t count =
        minipy::test::test_size<std::size_t>(150000, 15000) * 4096 / g.pool_size;
    for (std::size_t i = 0; i < count; ++i) blocks.push_back(PyObject_Malloc(1 + (i * 37) % 512));
    for (std::size_t i = 0; i < blocks.size(); i += 3) PyObject_Free(blocks[i]);
    const minipy_pymalloc_stats s = pymalloc_stats();
    BOOST_TEST(s.arenas_allocated_current > 1u);
    BOOST_TEST(s.arena_bytes == s.arenas_allocated_current * g.arena_size);
    BOOST_TEST(s.total == s.arena_bytes);

    std::size_t pools[32] = {}, capacity[32] = {}, in_use[32] = {};
    std::size_t header_bytes = 0, quantization = 0, pools_in_arenas = 0;
    std::set<std::pair<std::size_t, std::size_t>> class_capacities;
    const minipy::test::HeapView view = minipy::test::heap_view();
    for (const minipy_arena_info &a : view.arenas) pools_in_arenas += a.total_pools;
    for (const minipy::test::PoolView &v : view.pools) {
        if (v.pool.blocks_in_use == 0) continue;
        const std::size_t c = v.pool.size_class, size = 16 * (c + 1);
        BOOST_REQUIRE(v.pool.capacity == expected_capacity(size, v.pool.address));
        BOOST_REQUIRE(v.pool.header_bytes == expected_header_bytes(v.pool.address));
        ++pools[c];
        capacity[c] += v.pool.capacity;
        in_use[c] += v.pool.blocks_in_use;
        header_bytes += v.pool.header_bytes;
        quantization += g.pool_size - v.pool.header_bytes - v.pool.capacity * size;
        class_capacities.insert({c, v.pool.capacity});
    }
    std::size_t allocated = 0, available = 0, pool_count = 0;
    for (unsigned c = 0; c < g.num_size_classes; ++c) {
        const std::size_t size = std::size_t{16} * (c + 1);
        BOOST_TEST(s.classes[c].num_pools == pools[c]);
        BOOST_TEST(s.classes[c].blocks_in_use == in_use[c]);
        BOOST_TEST(s.classes[c].blocks_in_use + s.classes[c].avail_blocks == capacity[c]);
        pool_count += pools[c];
        allocated += s.classes[c].blocks_in_use * size;
        available += s.classes[c].avail_blocks * size;
    }
    // A table that is a pool of its own (dense headers, 4 KiB pools) counts as header bytes.
    const std::size_t table_pools =
        s.arenas_allocated_current * g.max_pools_in_arena - pools_in_arenas;
    BOOST_TEST(table_pools == s.arenas_allocated_current *
                                  (g.max_pools_in_arena - minipy::test::pools_per_aligned_arena()));
    BOOST_TEST(s.allocated_bytes == allocated);
    BOOST_TEST(s.available_bytes == available);
    BOOST_TEST(s.quantization_bytes == quantization);
    BOOST_TEST(s.pool_header_bytes == header_bytes + table_pools * g.pool_size);
    BOOST_TEST(s.arena_alignment_bytes == 0u);  // the default allocator's arenas are aligned
    BOOST_TEST(pool_count + s.unused_pools == pools_in_arenas);
    // Pools of one class hold different numbers of blocks exactly where the layout says so.
    const bool tables_in_pools =
        minipy::test::dense_headers() && g.pool_size > minipy::test::kHeaderTableSize;
    std::size_t classes_in_use = 0;
    for (std::size_t c = 0; c < 32; ++c) classes_in_use += pools[c] != 0 ? 1 : 0;
    if (tables_in_pools)
        BOOST_TEST(class_capacities.size() > classes_in_use);
    else
        BOOST_TEST(class_capacities.size() == classes_in_use);
    // The report prints the same figures.
    const std::string text = report();
    BOOST_TEST(value_of(text, "Total") == s.total);
    BOOST_TEST(value_of(text, "# bytes in allocated blocks") == s.allocated_bytes);
    BOOST_TEST(value_of(text, "# arenas allocated current") == s.arenas_allocated_current);
    for (std::size_t i = 0; i < blocks.size(); ++i)
        if (i % 3 != 0) PyObject_Free(blocks[i]);
}

BOOST_AUTO_TEST_CASE(the_report_has_cpythons_layout) {
    NoArenasScope clean;
    void *a = PyObject_Malloc(24);   // class 1
    void *b = PyObject_Malloc(500);  // class 31
    const std::vector<std::string> lines = split_lines(report());
    const minipy_pymalloc_geometry g = pymalloc_geometry();
    const std::string avail_32 = std::to_string(expected_capacity(32, pool_info_of(a).address) - 1);
    const std::string avail_512 =
        std::to_string(expected_capacity(512, pool_info_of(b).address) - 1);
    const std::vector<std::string> expected = {
        "Small block threshold = 512, in 32 size classes.",
        "",
        "class   size   num pools   blocks in use  avail blocks",
        "-----   ----   ---------   -------------  ------------",
        "    1     32           1               1 " + std::string(13 - avail_32.size(), ' ') +
            avail_32,
        "   31    512           1               1 " + std::string(13 - avail_512.size(), ' ') +
            avail_512,
        "",
        "# arenas allocated total           =                    1",
        "# arenas reclaimed                 =                    0",
        "# arenas highwater mark            =                    1",  // after NoArenasScope
        "# arenas allocated current         =                    1",
    };
    BOOST_REQUIRE(lines.size() >= expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (i == 7 || i == 8 || i == 9) continue;  // totals depend on the tests run before
        BOOST_TEST(lines[i] == expected[i], "line " << i);
    }
    // Every "label = value" line: '=' in column 35, the value right-aligned in 21 columns.
    std::size_t value_lines = 0;
    for (const std::string &line : lines) {
        if (line.find('=') == std::string::npos || line.rfind("Small", 0) == 0) continue;
        ++value_lines;
        BOOST_TEST(line.size() == 57u, line);
        BOOST_TEST(line[35] == '=', line);
    }
    BOOST_TEST(value_lines == 12u);
    const std::string arenas_line = "1 arenas * " + std::to_string(g.arena_size) + " bytes/arena";
    BOOST_TEST(lines[11].rfind(arenas_line, 0) == 0u);
    BOOST_TEST(value_of(report(), arenas_line) == g.arena_size);
    BOOST_TEST(lines.back().rfind("Total", 0) == 0u);
    PyObject_Free(a);
    PyObject_Free(b);
}

BOOST_AUTO_TEST_CASE(the_report_matches_the_one_cpython_prints) {
    // CPython 3.11 prints the same report for PYTHONMALLOCSTATS (with 1 MiB arenas and an
    // "arena map" section after the first Total, which minipy's flat map has no use for).
    const minipy::test::ChildResult python =
        run_child({"/usr/bin/env", "python3", "-c", "pass"},
                  {{"PYTHONMALLOCSTATS", "1"}, {"PYTHONMALLOC", std::nullopt}});
    BOOST_REQUIRE_MESSAGE(python.exited(0), "python3 is needed for this comparison");
    const std::vector<std::string> theirs = split_lines(python.err);
    BOOST_REQUIRE_MESSAGE(python.err.find("Small block threshold") != std::string::npos,
                          "python3 printed no statistics:\n"
                              << python.err);
    std::size_t last = 0;
    for (std::size_t i = 0; i < theirs.size(); ++i)
        if (theirs[i].rfind("Small block threshold", 0) == 0) last = i;
    const std::vector<std::string> their_report(theirs.begin() + static_cast<long>(last),
                                                theirs.end());

    NoArenasScope clean;
    void *a = PyObject_Malloc(100);
    const std::vector<std::string> ours = split_lines(report());
    PyObject_Free(a);
    BOOST_TEST(report_shapes(ours) == report_shapes(their_report),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_report_when_pymalloc_does_not_serve_the_object_domain) {
    minipy::test::AllocatorConfig config("malloc");
    BOOST_REQUIRE(config.ok());
    char *buffer = nullptr;
    std::size_t size = 0;
    std::FILE *out = open_memstream(&buffer, &size);
    BOOST_TEST(_PyObject_DebugMallocStats(out) == 0);
    std::fclose(out);
    BOOST_TEST(size == 0u);
    std::free(buffer);
}

BOOST_AUTO_TEST_CASE(allocated_blocks_count_pymalloc_and_raw_fallback_blocks_only) {
    NoArenasScope clean;
    void *small = PyObject_Malloc(8);
    void *large = PyObject_Malloc(5000);  // raw fallback of the object domain: counted
    void *raw = PyMem_RawMalloc(8);       // the raw domain itself: not counted
    BOOST_TEST(_Py_GetAllocatedBlocks() == 2);
    PyObject_Free(small);
    PyObject_Free(large);
    PyMem_RawFree(raw);
    BOOST_TEST(_Py_GetAllocatedBlocks() == 0);
}

BOOST_AUTO_TEST_CASE(pythonmallocstats_prints_on_each_new_arena_and_at_shutdown) {
    const minipy::test::ChildResult child =
        run_child({MINIPY_ALLOC_CHILD, "stats-arenas", "3"},
                  {{"PYTHONMALLOCSTATS", "1"}, {"PYTHONMALLOC", "pymalloc"}});
    BOOST_TEST_REQUIRE(child.exited(0), child.err);
    std::vector<std::size_t> arenas_in_report;
    const std::string key = "# arenas allocated current";
    for (const std::string &line : child.err_lines())
        if (line.rfind(key, 0) == 0) arenas_in_report.push_back(value_of(line, key));
    // Three arenas were created, each announced before it existed, then the shutdown report
    // after the blocks were freed (one empty arena kept against thrashing).
    BOOST_TEST(arenas_in_report == (std::vector<std::size_t>{0, 1, 2, 1}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(pythonmallocstats_is_on_for_any_non_empty_value) {
    using Env = minipy::test::EnvChanges;
    const std::pair<Env, bool> cases[] = {
        {{{"PYTHONMALLOCSTATS", "0"}, {"PYTHONMALLOC", std::nullopt}}, true},
        {{{"PYTHONMALLOCSTATS", "yes"}, {"PYTHONMALLOC", std::nullopt}}, true},
        {{{"PYTHONMALLOCSTATS", ""}, {"PYTHONMALLOC", std::nullopt}}, false},
        {{{"PYTHONMALLOCSTATS", std::nullopt}, {"PYTHONMALLOC", std::nullopt}}, false},
        // Ignored when pymalloc does not serve the object domain.
        {{{"PYTHONMALLOCSTATS", "1"}, {"PYTHONMALLOC", "malloc"}}, false},
    };
    for (const auto &[env, printed] : cases) {
        const minipy::test::ChildResult child =
            run_child({MINIPY_ALLOC_CHILD, "stats-arenas", "1"}, env);
        BOOST_TEST_REQUIRE(child.exited(0), child.err);
        BOOST_TEST((child.err.find("Small block threshold") != std::string::npos) == printed);
    }
}

BOOST_AUTO_TEST_SUITE_END()
