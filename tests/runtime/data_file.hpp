// The one reader of the tables that the generators in tests/runtime/data/ write: python3's
// answers, which the suites compare minipy's with.
//
// A table is a text file of rows, one a line, whose fields are separated by one tab or by one
// space (each generator says which in its header). Every separator separates: two in a row
// make an empty field, so a row's last field may be text that holds separators itself (an
// error message) and rest_of() gives it back whole. Blank lines and lines that start with '#'
// (the generator's header) are not rows.
#ifndef MINIPY_TESTS_RUNTIME_DATA_FILE_HPP
#define MINIPY_TESTS_RUNTIME_DATA_FILE_HPP

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace minipy::test {

using DataRow = std::vector<std::string>;

// The rows of data/<name>. The test fails when the file cannot be read or holds no row.
inline std::vector<DataRow> read_data_file(const std::string &name, char separator) {
    std::ifstream in(std::string(MINIPY_TEST_DATA_DIR) + "/" + name);
    BOOST_REQUIRE_MESSAGE(in, "cannot open data file " << name);
    std::vector<DataRow> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        DataRow row;
        std::size_t start = 0;
        for (std::size_t at; (at = line.find(separator, start)) != std::string::npos;
             start = at + 1)
            row.push_back(line.substr(start, at - start));
        row.push_back(line.substr(start));
        rows.push_back(std::move(row));
    }
    BOOST_REQUIRE_MESSAGE(!rows.empty(), "data file " << name << " holds no row");
    return rows;
}

// The fields of `row` from `from` on, joined again by the separator that split them.
inline std::string rest_of(const DataRow &row, std::size_t from, char separator = ' ') {
    std::string text;
    for (std::size_t i = from; i < row.size(); ++i) {
        if (i > from) text += separator;
        text += row[i];
    }
    return text;
}

// A table of NAME <separator> VALUE rows as a map (the value may hold separators).
inline std::map<std::string, std::string> read_named_values(const std::string &name,
                                                            char separator) {
    std::map<std::string, std::string> values;
    for (const DataRow &row : read_data_file(name, separator)) {
        BOOST_REQUIRE_MESSAGE(row.size() >= 2, "a row of " << name << " without a value");
        values[row[0]] = rest_of(row, 1, separator);
    }
    return values;
}

// The value named `name` in data/capi_values.txt (written by data/capi_values.py): what CPython
// gives for a scenario a suite builds by hand.
inline std::string capi_value(const std::string &name) {
    static const std::map<std::string, std::string> kValues =
        read_named_values("capi_values.txt", '\t');
    const auto found = kValues.find(name);
    BOOST_REQUIRE_MESSAGE(found != kValues.end(), "no " << name << " in capi_values.txt");
    return found->second;
}

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_DATA_FILE_HPP
