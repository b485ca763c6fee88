// The methods of str and bytes beyond the basics (str.format / format_map, the case, padding,
// splitting, translating and encoding methods, bytes' mirrors of them), called through their
// method objects against python3: data/str_methods_cases.txt holds about 3700 calls, results
// and messages both.
#include <boost/test/unit_test.hpp>

#include <string>

#include "abstract_helpers.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

using minipy::test::read_data_file;
using minipy::test::RuntimeScope;
using namespace minipy::test::abstract_support;

namespace {

// The receiver: a literal, or the class itself for its class and static methods.
PyObject *receiver(const std::string &text) {
    if (text == "<class 'str'>") return Py_NewRef(reinterpret_cast<PyObject *>(&PyUnicode_Type));
    if (text == "<class 'bytes'>") return Py_NewRef(reinterpret_cast<PyObject *>(&PyBytes_Type));
    return literal(text);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(str_methods)

BOOST_AUTO_TEST_CASE(str_and_bytes_methods_match_python3) {
    RuntimeScope runtime;
    const auto rows = read_data_file("str_methods_cases.txt", '\t');
    BOOST_REQUIRE(rows.size() > 3500);
    for (const auto &row : rows) {
        BOOST_REQUIRE(row.size() == 5);
        Owned self(receiver(row[0]));
        Owned args(literal(row[2]));
        Owned kwargs(literal(row[3]));
        PyObject *method = PyObject_GetAttrString(self, row[1].c_str());
        std::string got;
        if (method == nullptr) {
            got = "!" + take_error();
        } else {
            got = outcome(PyObject_Call(
                method, args, PyDict_GET_SIZE(kwargs.get()) > 0 ? kwargs.get() : nullptr));
            Py_DECREF(method);
        }
        BOOST_TEST(got == row[4], row[0] << "." << row[1] << row[2] << " " << row[3] << ": got "
                                         << got << ", python3 " << row[4]);
        BOOST_REQUIRE(!PyErr_Occurred());
    }
}

BOOST_AUTO_TEST_SUITE_END()
