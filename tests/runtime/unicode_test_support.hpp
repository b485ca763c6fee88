// Helpers shared by the str and bytes suites (unicode_test.cpp, unicode_format_test.cpp,
// bytes_test.cpp): decoding the fields of the tab-separated tables that
// data/unicode_expected.py writes (read with data_file.hpp), and turning minipy objects and
// exceptions into values Boost.Test can compare. In a namespace of their own, as other suites'
// helpers use the same short names.
#ifndef MINIPY_TESTS_UNICODE_TEST_SUPPORT_HPP
#define MINIPY_TESTS_UNICODE_TEST_SUPPORT_HPP

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/object_ref.hpp"

namespace minipy::test::strs {

using Fields = std::vector<std::string>;

// "41 e9 1f600" -> code points; "-" is the empty string.
inline std::vector<std::uint32_t> parse_code_points(const std::string &text) {
    std::vector<std::uint32_t> out;
    if (text == "-") return out;
    std::istringstream in(text);
    std::string item;
    while (in >> item) out.push_back(static_cast<std::uint32_t>(std::stoul(item, nullptr, 16)));
    return out;
}

// "6162" -> bytes; "-" is empty.
inline std::string parse_hex(const std::string &text) {
    std::string out;
    if (text == "-") return out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16)));
    return out;
}

inline std::string to_hex(const char *data, Py_ssize_t size) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (Py_ssize_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
    return out.empty() ? "-" : out;
}

// A new str holding exactly these code points (any kind).
inline PyObject *str_from_code_points(const std::vector<std::uint32_t> &points) {
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, points.data(),
                                     static_cast<Py_ssize_t>(points.size()));
}

inline std::vector<std::uint32_t> code_points_of(PyObject *str) {
    std::vector<std::uint32_t> out;
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(str); ++i)
        out.push_back(PyUnicode_READ_CHAR(str, i));
    return out;
}

inline std::string utf8_of(PyObject *str) {
    Py_ssize_t size = 0;
    const char *data = PyUnicode_AsUTF8AndSize(str, &size);
    BOOST_REQUIRE(data != nullptr);
    return std::string(data, static_cast<std::size_t>(size));
}

using objects::take_error;

using objects::Ref;

}  // namespace minipy::test::strs

#endif  // MINIPY_TESTS_UNICODE_TEST_SUPPORT_HPP
