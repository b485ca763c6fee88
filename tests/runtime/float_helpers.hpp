// What the float_object, float_text and hash suites share: decoding the fields of the
// space-separated tables that tests/runtime/data/gen_float_cases.py writes (read with
// data_file.hpp; doubles as float.hex text, strings as hex of their UTF-8) and turning results and
// exceptions into the text python3 printed.
#ifndef MINIPY_TESTS_RUNTIME_FLOAT_HELPERS_HPP
#define MINIPY_TESTS_RUNTIME_FLOAT_HELPERS_HPP

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/object_ref.hpp"

namespace minipy::test::floats {

// float.hex() text (also "inf", "-inf", "nan") to the double, with the C library's strtod,
// which reads C99 hexadecimal floats: independent of the code under test.
inline double from_hex(const std::string &text) {
    return std::strtod(text.c_str(), nullptr);
}

inline std::uint64_t bits_of(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

// Same double, NaNs of any sign and payload counting as equal.
inline bool same_double(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return bits_of(a) == bits_of(b);
}

// "-" stands for the empty string; other text is hex of the bytes.
inline std::string unhex(const std::string &hex) {
    if (hex == "-") return "";
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return bytes;
}

using objects::take_error;

// The text of a str; releases it.
inline std::string text_steal(PyObject *str) {
    if (str == nullptr) return "!" + take_error();
    const char *utf8 = PyUnicode_AsUTF8(str);
    std::string text = utf8 != nullptr ? utf8 : "<not utf-8>";
    Py_DECREF(str);
    return text;
}

// The data files' notation for a result: float.hex of a float ("-0x0.0p+0", "nan"), "(a,b)"
// for a pair of floats, "i<decimal>" for an int, "T"/"F" for a bool, "!Type: message" for an
// exception (result NULL). Releases the result.
inline std::string result_text(PyObject *result) {
    if (result == nullptr) return "!" + take_error();
    std::string text;
    if (PyBool_Check(result)) {
        text = result == Py_True ? "T" : "F";
    } else if (PyFloat_Check(result)) {
        text = text_steal(PyObject_CallMethod(result, "hex", nullptr));
    } else if (PyLong_Check(result)) {
        text = "i" + text_steal(PyObject_Str(result));
    } else if (PyTuple_Check(result)) {
        text = "(";
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(result); i++)
            text += (i > 0 ? "," : "") + result_text(Py_NewRef(PyTuple_GET_ITEM(result, i)));
        text += ")";
    } else {
        text = "<" + std::string(Py_TYPE(result)->tp_name) + ">";
    }
    Py_DECREF(result);
    return text;
}

// A float or an int from the data files' operand notation ("i123" or float.hex).
inline PyObject *operand(const std::string &text) {
    if (text[0] == 'i' && text != "inf") return PyLong_FromString(text.c_str() + 1, nullptr, 10);
    return PyFloat_FromDouble(from_hex(text));
}

}  // namespace minipy::test::floats

#endif  // MINIPY_TESTS_RUNTIME_FLOAT_HELPERS_HPP
