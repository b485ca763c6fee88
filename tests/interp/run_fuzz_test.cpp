// Robustness of the whole interpreter: thousands of programs made from the test scripts and
// the front end's corpora (mutated token by token and line by line, spliced, or hostile:
// nesting past every limit, huge literals, huge requests, infinite loops and recursion) are
// compiled and run by the eval loop, in batches, each batch a child process
// (minipy_run_fuzz, run_fuzz_main.cpp, which says how a program is kept from hanging). Every
// program must end in a result or a Python exception (the SyntaxError family, MemoryError or
// RecursionError from the compiler), with nothing leaked once its runtime is shut down; a
// crash, a sanitizer report or a fatal error ends the batch, is charged to the program that
// was running, and the next batch starts after it. The test asserts how many programs ran and
// that every one of them was crash-free.
//
// The seed is fixed (kSeed); MINIPY_RUN_FUZZ_SEED and MINIPY_RUN_FUZZ_PROGRAMS choose others
// for a longer run (tests/README.md). A failure names the program's number: `minipy_run_fuzz
// show SEED N` prints it.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/child.hpp"
#include "support/test_size.hpp"

namespace {

constexpr std::uint64_t kSeed = 20261207;
constexpr std::uint64_t kBatch = 250;
// Batches rotate through the allocators, as the script tests run under each.
const char *const kAllocators[] = {"pymalloc", "malloc", "debug"};
constexpr int kBatchTimeoutSeconds = 900;  // far past any batch: the child's budgets end first

std::uint64_t env_number(const char *name, std::uint64_t fallback) {
    const char *value = std::getenv(name);
    return value != nullptr && value[0] != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

struct Tally {
    std::uint64_t run = 0, crash_free = 0, hangs = 0;
    std::map<std::string, std::uint64_t> outcomes;  // "raise:NameError", "compile:SyntaxError"...
    std::map<std::string, std::uint64_t> kinds;
    std::vector<std::string> failures;

    std::uint64_t count_prefix(const std::string &prefix) const {
        std::uint64_t n = 0;
        for (const auto &[outcome, count] : outcomes)
            if (outcome.rfind(prefix, 0) == 0) n += count;
        return n;
    }
};

std::string show_program(std::uint64_t seed, std::uint64_t index) {
    const minipy::test::ChildResult shown = minipy::test::run_child(
        {MINIPY_RUN_FUZZ, "show", std::to_string(seed), std::to_string(index)});
    return shown.out.substr(0, 1500);
}

std::string tail_lines(const std::string &text, std::size_t n) {
    const std::vector<std::string> lines = minipy::test::split_lines(text);
    std::string out;
    for (std::size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i)
        out += lines[i] + "\n";
    return out;
}

// Runs programs [first, end) in one child; returns the number after the last program it
// accounted for (a crashed program included).
std::uint64_t run_batch(std::uint64_t seed, std::uint64_t first, std::uint64_t end,
                        const char *allocator, Tally &tally) {
    const minipy::test::ChildResult child =
        minipy::test::run_child({MINIPY_RUN_FUZZ, "run", std::to_string(seed),
                                 std::to_string(first), std::to_string(end - first)},
                                {{"PYTHONMALLOC", allocator}}, kBatchTimeoutSeconds);
    std::uint64_t next = first;
    bool finished = false;
    std::istringstream lines(child.out);
    std::string line;
    long hang = -1;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string word;
        std::uint64_t index = 0;
        words >> word >> index;
        if (word == "done") {
            std::string rest;
            std::getline(words, rest);
            const std::size_t bar = rest.find('|');
            const std::string kind = rest.substr(1, bar - 1);
            const std::string outcome = rest.substr(bar + 1);
            ++tally.run;
            ++tally.kinds[kind];
            ++tally.outcomes[outcome];
            if (outcome.rfind("bad:", 0) == 0 || outcome.rfind("leak:", 0) == 0) {
                std::ostringstream failure;
                failure << "program " << index << " (" << kind << "): " << outcome << "\n"
                        << show_program(seed, index);
                tally.failures.push_back(failure.str());
            } else {
                ++tally.crash_free;
            }
            next = index + 1;
        } else if (word == "hang") {
            hang = static_cast<long>(index);
        } else if (word == "finished") {
            finished = true;
        }
    }
    // A clean end leaves no sanitizer or fatal report behind either.
    const bool reported = child.err.find("Sanitizer") != std::string::npos ||
                          child.err.find("runtime error:") != std::string::npos ||
                          child.err.find("Fatal Python error") != std::string::npos;
    if (finished && child.exited(0) && !reported) return next;
    ++tally.run;
    if (hang == static_cast<long>(next) && child.exited(3) && !reported) {
        // Still running long after every budget, outside any check point: not a crash.
        ++tally.hangs;
        ++tally.crash_free;
        ++tally.outcomes["stopped:budget"];
        BOOST_TEST_MESSAGE("run fuzz: program " << next << " stopped by the wall budget\n"
                                                << show_program(seed, next));
        return next + 1;
    }
    std::ostringstream failure;
    failure << "program " << next << " crashed under PYTHONMALLOC=" << allocator << ": exit status "
            << child.exit_status << ", signal " << child.signal
            << (child.timed_out ? ", timed out" : "") << "\nreplay: " << MINIPY_RUN_FUZZ << " show "
            << seed << " " << next << " > p.py && minipy p.py\n--- stderr:\n"
            << tail_lines(child.err, 40) << "--- program:\n"
            << show_program(seed, next);
    tally.failures.push_back(failure.str());
    return next + 1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(run_fuzz)

BOOST_AUTO_TEST_CASE(mutated_and_hostile_programs_end_in_a_result_or_an_exception) {
    using minipy::test::test_size;
    const std::uint64_t seed = env_number("MINIPY_RUN_FUZZ_SEED", kSeed);
    const std::uint64_t programs =
        env_number("MINIPY_RUN_FUZZ_PROGRAMS", test_size<std::uint64_t>(3000, 300));
    Tally tally;
    std::uint64_t next = 0;
    for (std::size_t batch = 0; next < programs; ++batch) {
        const std::uint64_t end = std::min(programs, next + kBatch);
        next = run_batch(seed, next, end, kAllocators[batch % 3], tally);
    }
    for (const std::string &failure : tally.failures) BOOST_ERROR(failure);

    std::ostringstream summary;
    summary << "run fuzz (seed " << seed << "): " << tally.run << " programs run, "
            << tally.crash_free << " crash-free, " << tally.hangs
            << " stopped by the wall budget\n  made as:";
    for (const auto &[kind, count] : tally.kinds) summary << " " << kind << " " << count << ";";
    summary << "\n  ended with:";
    for (const auto &[outcome, count] : tally.outcomes)
        summary << " " << outcome << " " << count << ";";
    BOOST_TEST_MESSAGE(summary.str());

    BOOST_TEST(tally.run == programs);
    BOOST_TEST(tally.crash_free == programs);
    // Every kind of ending happened: the programs reach past the compiler, hit the memory
    // limit, the recursion limit and the CPU budget.
    BOOST_TEST(tally.outcomes["ok"] > 0u);
    BOOST_TEST(tally.outcomes["compile:SyntaxError"] > 0u);
    BOOST_TEST(tally.outcomes["raise:NameError"] > 0u);
    BOOST_TEST(tally.outcomes["raise:MemoryError"] > 0u);
    BOOST_TEST(tally.outcomes["raise:RecursionError"] > 0u);
    BOOST_TEST(tally.outcomes["raise:KeyboardInterrupt"] > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
