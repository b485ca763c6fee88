// What the long_object, long_text and bool_object suites share: reading
// tests/runtime/data/long_cases.txt (written by gen_long_cases.py: ints in hex without prefix,
// text as hex of its UTF-8, long runs packed as "chars*count" segments joined by "."), making
// ints from it, and turning results into the file's notation.
#ifndef MINIPY_TESTS_RUNTIME_LONG_HELPERS_HPP
#define MINIPY_TESTS_RUNTIME_LONG_HELPERS_HPP

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/fault_sweep.hpp"
#include "runtime/object_ref.hpp"

namespace minipy::test::longs {

// The cases whose first field is one of `ops`, each split at spaces.
inline std::vector<DataRow> read_cases(const std::vector<std::string> &ops) {
    std::vector<DataRow> cases;
    for (DataRow &row : read_data_file("long_cases.txt", ' ')) {
        for (const std::string &op : ops) {
            if (row[0] == op) {
                cases.push_back(std::move(row));
                break;
            }
        }
    }
    BOOST_REQUIRE(!cases.empty());
    return cases;
}

// Undoes the run-length packing: "31*3.0a" is "3131310a".
inline std::string unpack(const std::string &field) {
    std::string out;
    std::size_t start = 0;
    while (start <= field.size()) {
        std::size_t end = field.find('.', start);
        if (end == std::string::npos) end = field.size();
        const std::string segment = field.substr(start, end - start);
        const std::size_t star = segment.find('*');
        if (star == std::string::npos) {
            out += segment;
        } else {
            const std::string unit = segment.substr(0, star);
            const long count = std::strtol(segment.c_str() + star + 1, nullptr, 10);
            for (long i = 0; i < count; ++i) out += unit;
        }
        start = end + 1;
    }
    return out;
}

// A text field: hex of UTF-8 bytes, "-" for the empty string.
inline std::string text_field(const std::string &field) {
    if (field == "-") return "";
    const std::string hex = unpack(field);
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return bytes;
}

// An int field, parsed in base 16.
inline PyObject *int_field(const std::string &field) {
    const std::string hex = unpack(field);
    PyObject *v = PyLong_FromString(hex.c_str(), nullptr, 16);
    BOOST_REQUIRE_MESSAGE(v != nullptr, "cannot read the int " << hex.substr(0, 60));
    return v;
}

inline std::string to_hex(const std::string &bytes) {
    static const char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : bytes) {
        hex.push_back(kDigits[c >> 4]);
        hex.push_back(kDigits[c & 15]);
    }
    return hex;
}

// The current exception as the data file writes it ("!Type:" + hex of the message), cleared.
inline std::string take_error() {
    const objects::ErrorParts parts = objects::take_error_parts();
    if (parts.type.empty()) return "<no exception>";
    return "!" + parts.type + ":" + to_hex(parts.message);
}

// Readable form of an expected or actual outcome (for failure messages).
inline std::string readable(const std::string &outcome) {
    if (outcome.empty() || outcome[0] != '!')
        return outcome.size() > 80 ? outcome.substr(0, 80) + "..." : outcome;
    const std::size_t colon = outcome.find(':');
    return outcome.substr(0, colon + 1) + " " + text_field(outcome.substr(colon + 1));
}

// The invariants of every int the runtime hands out: an exact int, normalized (no leading
// zero digit), and the shared object when the value is a small int.
inline void check_canonical(PyObject *v) {
    BOOST_REQUIRE(PyLong_CheckExact(v));
    const Py_ssize_t n = Py_SIZE(v) < 0 ? -Py_SIZE(v) : Py_SIZE(v);
    if (n > 0) BOOST_TEST(reinterpret_cast<PyLongObject *>(v)->ob_digit[n - 1] != 0u);
    if (n <= 1) {
        const long value = PyLong_AsLong(v);
        if (value >= -5 && value <= 256) {
            PyObject *cached = PyLong_FromLong(value);
            BOOST_TEST(cached == v, "the small int " << value << " is not the cached object");
            Py_DECREF(cached);
        }
    }
}

// An int as the file writes it (hex, no prefix), after checking it; releases it.
inline std::string int_text(PyObject *v) {
    if (v == nullptr) return take_error();
    check_canonical(v);
    PyObject *hex = _PyLong_Format(v, 16);
    Py_DECREF(v);
    BOOST_REQUIRE(hex != nullptr);
    std::string text = PyUnicode_AsUTF8(hex);
    Py_DECREF(hex);
    const std::size_t prefix = text.find("0x");
    return text.erase(prefix, 2);
}

// A str's UTF-8; releases it.
inline std::string str_text(PyObject *s) {
    if (s == nullptr) return take_error();
    BOOST_REQUIRE(PyUnicode_Check(s));
    std::string text = PyUnicode_AsUTF8(s);
    Py_DECREF(s);
    return text;
}

// Calls int(*args), through the type.
inline PyObject *call_int(PyObject *args, PyObject *kwargs = nullptr) {
    PyObject *result = PyObject_Call(reinterpret_cast<PyObject *>(&PyLong_Type), args, kwargs);
    Py_DECREF(args);
    return result;
}

}  // namespace minipy::test::longs

#endif  // MINIPY_TESTS_RUNTIME_LONG_HELPERS_HPP
