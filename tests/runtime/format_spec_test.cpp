// The format mini-language of int, float and str (protocols/format_spec.cpp) against python3:
// data/format_spec_cases.txt holds format(value, spec) for about 4700 specs drawn from every
// part of the grammar with a fixed seed, and the edge cases of its generator, results and
// error messages both.
#include <boost/test/unit_test.hpp>

#include <string>

#include "runtime/data_file.hpp"
#include "runtime/type_support.hpp"

using namespace minipy::test::types;

namespace {

std::string from_hex(const std::string &hex) {
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return bytes;
}

// repr(result) or "ExceptionType: message", as the generator writes them (outcome() would blank
// the hexadecimal digits it takes for addresses).
std::string outcome_text(PyObject *result) {
    if (result == nullptr) return minipy::test::objects::take_error();
    PyObject *text = PyObject_Repr(result);
    Py_DECREF(result);
    if (text == nullptr) return "repr failed: " + minipy::test::objects::take_error();
    std::string out = PyUnicode_AsUTF8(text);
    Py_DECREF(text);
    return out;
}

O value_of(const std::string &kind, const std::string &field) {
    if (kind == "int") return O(PyLong_FromString(field.c_str(), nullptr, 10));
    if (kind == "float") return O(PyFloat_FromString(O(field.c_str()).get()));
    const std::string text = from_hex(field);
    return O(PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), nullptr));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(format_spec)

BOOST_FIXTURE_TEST_CASE(int_float_and_str_format_as_python3_does, TypesFixture) {
    int compared = 0;
    for (const auto &row : minipy::test::read_data_file("format_spec_cases.txt", '\t')) {
        BOOST_REQUIRE(row.size() >= 4);
        O value = value_of(row[0], row[1]);
        BOOST_REQUIRE(value);
        const std::string spec_text = from_hex(row[2]);
        O spec(PyUnicode_DecodeUTF8(spec_text.data(), static_cast<Py_ssize_t>(spec_text.size()),
                                    nullptr));
        PyObject *result = PyObject_Format(value.get(), spec.get());
        if (result != nullptr) BOOST_TEST(PyUnicode_CheckExact(result));
        const std::string got = outcome_text(result);
        const std::string wanted = minipy::test::rest_of(row, 3, '\t');
        BOOST_TEST(got == wanted, row[0] << " " << row[1] << " spec [" << spec_text << "]: got ["
                                         << got << "], python3 [" << wanted << "]");
        ++compared;
    }
    BOOST_TEST(compared > 4000);
}

// The three methods take one str argument, and an empty spec is str(self).
BOOST_FIXTURE_TEST_CASE(format_methods_check_their_argument, TypesFixture) {
    const auto error_of = [](const O &value) {
        return O(outcome(value.attr("__format__")(1)).c_str());
    };
    BOOST_TEST(
        python3_says("format_spec_not_str",
                     outcome(O::tuple({error_of(O(5)), error_of(O(1.5)), error_of(O("a"))}))));
}

BOOST_AUTO_TEST_SUITE_END()
