// The programs the whole-interpreter fuzz test runs (run_fuzz_test.cpp, run_fuzz_main.cpp):
// the corpus they are made from and the reproducible generator of program number N of a seed.
#ifndef MINIPY_TESTS_INTERP_RUN_FUZZ_PROGRAMS_HPP
#define MINIPY_TESTS_INTERP_RUN_FUZZ_PROGRAMS_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace minipy::test {

// How a program was made; the summary counts programs per kind.
enum class ProgramKind { corpus, token_mutation, line_mutation, splice, hostile, kind_count };

const char *program_kind_name(ProgramKind kind);

struct FuzzProgram {
    ProgramKind kind;
    std::string source;
};

// The seeds: every program of tests/scripts/cases and every source of the front end's case
// files in tests/interp/data that python3 compiles (the error corpora's are left out: they
// would stop at the compiler). Read from the directories the build names.
std::vector<std::string> load_run_fuzz_corpus();

// Program `index` of `seed`: a function of (seed, index, corpus) only, so that any program of
// a long run can be printed again on its own.
FuzzProgram make_fuzz_program(std::uint64_t seed, std::uint64_t index,
                              const std::vector<std::string> &corpus);

}  // namespace minipy::test

#endif  // MINIPY_TESTS_INTERP_RUN_FUZZ_PROGRAMS_HPP
