// Running a case file through the front end and comparing each answer with python3's (the
// `#expect` the generators recorded). Shared by the corpus suites.
#ifndef MINIPY_TESTS_INTERP_CORPUS_HPP
#define MINIPY_TESTS_INTERP_CORPUS_HPP

#include <boost/test/unit_test.hpp>
#include <string>

#include "interp/case_file.hpp"

namespace minipy::test {

inline std::string data_path(const char *name) {
    return std::string(MINIPY_INTERP_TEST_DATA_DIR) + "/" + name;
}

// Checks every case of `file` (parsed with `filename`); returns how many there were.
inline std::size_t check_corpus(const char *file, const char *filename = "<s>") {
    const std::vector<SourceCase> cases = read_case_file(data_path(file));
    BOOST_REQUIRE(!cases.empty());
    std::size_t index = 0;
    for (const SourceCase &c : cases) {
        const std::string got = parse_and_describe(c, filename);
        BOOST_TEST(got == c.expected, file << " case " << index << " (" << c.mode << ", " << c.kind
                                           << "): " << c.source.substr(0, 200));
        ++index;
    }
    BOOST_TEST_MESSAGE(file << ": " << cases.size() << " cases compared with python3");
    return cases.size();
}

}  // namespace minipy::test

#endif  // MINIPY_TESTS_INTERP_CORPUS_HPP
