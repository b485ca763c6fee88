// UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError through the C API
// (runtime/src/objects/exceptions/unicode_error.cpp): the Get*Start/End clamping, the Get*
// functions' TypeErrors, PyUnicodeDecodeError_Create, Set{Start,End,Reason} and the instances
// the codecs raise, against what CPython 3.11's C API answers through ctypes
// (data/unicode_error_cases.txt, written by data/unicode_error_gen.py).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::DataRow;
using minipy::test::RuntimeScope;

namespace {

std::string text_of(PyObject *text) {
    BOOST_REQUIRE(text != nullptr);
    std::string out = PyUnicode_AsUTF8(text);
    Py_DECREF(text);
    return out;
}

std::string from_hex(const std::string &hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::string to_hex(const char *data, Py_ssize_t size) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (Py_ssize_t i = 0; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(data[i]);
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0xf]);
    }
    return out;
}

Py_ssize_t to_ssize(const std::string &text) {
    return static_cast<Py_ssize_t>(std::stoll(text));
}

// cls(...) as the generator's make(): encoding "ascii", reason as given.
PyObject *make(const std::string &kind, const std::string &text, Py_ssize_t start, Py_ssize_t end,
               const char *reason) {
    if (kind == "encode")
        return PyObject_CallFunction(PyExc_UnicodeEncodeError, "ss#nns", "ascii", text.data(),
                                     static_cast<Py_ssize_t>(text.size()), start, end, reason);
    if (kind == "decode")
        return PyObject_CallFunction(PyExc_UnicodeDecodeError, "sy#nns", "ascii", text.data(),
                                     static_cast<Py_ssize_t>(text.size()), start, end, reason);
    return PyObject_CallFunction(PyExc_UnicodeTranslateError, "s#nns", text.data(),
                                 static_cast<Py_ssize_t>(text.size()), start, end, reason);
}

using IndexGetter = int (*)(PyObject *, Py_ssize_t *);
using IndexSetter = int (*)(PyObject *, Py_ssize_t);
using ReasonSetter = int (*)(PyObject *, const char *);
using ObjectGetter = PyObject *(*)(PyObject *);

struct KindFunctions {
    IndexGetter get_start;
    IndexGetter get_end;
    IndexSetter set_start;
    IndexSetter set_end;
    ReasonSetter set_reason;
};

const std::map<std::string, KindFunctions> &functions_by_kind() {
    static const std::map<std::string, KindFunctions> kFunctions = {
        {"encode",
         {PyUnicodeEncodeError_GetStart, PyUnicodeEncodeError_GetEnd, PyUnicodeEncodeError_SetStart,
          PyUnicodeEncodeError_SetEnd, PyUnicodeEncodeError_SetReason}},
        {"decode",
         {PyUnicodeDecodeError_GetStart, PyUnicodeDecodeError_GetEnd, PyUnicodeDecodeError_SetStart,
          PyUnicodeDecodeError_SetEnd, PyUnicodeDecodeError_SetReason}},
        {"translate",
         {PyUnicodeTranslateError_GetStart, PyUnicodeTranslateError_GetEnd,
          PyUnicodeTranslateError_SetStart, PyUnicodeTranslateError_SetEnd,
          PyUnicodeTranslateError_SetReason}},
    };
    return kFunctions;
}

const std::map<std::string, ObjectGetter> &getters_by_name() {
    static const std::map<std::string, ObjectGetter> kGetters = {
        {"PyUnicodeEncodeError_GetEncoding", PyUnicodeEncodeError_GetEncoding},
        {"PyUnicodeDecodeError_GetEncoding", PyUnicodeDecodeError_GetEncoding},
        {"PyUnicodeEncodeError_GetObject", PyUnicodeEncodeError_GetObject},
        {"PyUnicodeDecodeError_GetObject", PyUnicodeDecodeError_GetObject},
        {"PyUnicodeTranslateError_GetObject", PyUnicodeTranslateError_GetObject},
        {"PyUnicodeEncodeError_GetReason", PyUnicodeEncodeError_GetReason},
        {"PyUnicodeDecodeError_GetReason", PyUnicodeDecodeError_GetReason},
        {"PyUnicodeTranslateError_GetReason", PyUnicodeTranslateError_GetReason},
    };
    return kGetters;
}

// The exception a Get* function's name belongs to (by its prefix).
PyObject *class_of_getter(const std::string &name) {
    if (name.rfind("PyUnicodeEncodeError_", 0) == 0) return PyExc_UnicodeEncodeError;
    if (name.rfind("PyUnicodeDecodeError_", 0) == 0) return PyExc_UnicodeDecodeError;
    return PyExc_UnicodeTranslateError;
}

std::string kind_of_class(PyObject *cls) {
    if (cls == PyExc_UnicodeEncodeError) return "encode";
    if (cls == PyExc_UnicodeDecodeError) return "decode";
    return "translate";
}

// "TypeError: message" for the raised exception, which is cleared.
std::string raised_text() {
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_REQUIRE(exc != nullptr);
    std::string out = std::string(Py_TYPE(exc)->tp_name) + ": " + text_of(PyObject_Str(exc));
    Py_DECREF(exc);
    return out;
}

std::vector<DataRow> rows_of(const char *tag) {
    std::vector<DataRow> rows;
    for (const DataRow &row : minipy::test::read_data_file("unicode_error_cases.txt", '\t'))
        if (row[0] == tag) rows.push_back(row);
    BOOST_REQUIRE_MESSAGE(!rows.empty(), "no " << tag << " rows");
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(unicode_error)

BOOST_AUTO_TEST_CASE(get_start_and_end_clamp_as_cpython) {
    RuntimeScope runtime;
    for (const DataRow &row : rows_of("clamp")) {
        BOOST_TEST_CONTEXT(row[1] << " '" << row[2] << "' " << row[3] << ".." << row[4]) {
            PyObject *exc = make(row[1], row[2], to_ssize(row[3]), to_ssize(row[4]), "r");
            BOOST_REQUIRE(exc != nullptr);
            const KindFunctions &f = functions_by_kind().at(row[1]);
            Py_ssize_t start = -99;
            Py_ssize_t end = -99;
            BOOST_TEST(f.get_start(exc, &start) == 0);
            BOOST_TEST(f.get_end(exc, &end) == 0);
            BOOST_TEST(start == to_ssize(row[5]));
            BOOST_TEST(end == to_ssize(row[6]));
            Py_DECREF(exc);
        }
    }
}

BOOST_AUTO_TEST_CASE(decode_error_create_makes_what_cpython_makes) {
    RuntimeScope runtime;
    for (const DataRow &row : rows_of("create")) {
        BOOST_TEST_CONTEXT(row[1] << " " << row[2]) {
            const std::string data = from_hex(row[2]);
            PyObject *exc = PyUnicodeDecodeError_Create(
                row[1].c_str(), data.data(), static_cast<Py_ssize_t>(data.size()), to_ssize(row[3]),
                to_ssize(row[4]), row[5].c_str());
            BOOST_REQUIRE(exc != nullptr);
            BOOST_TEST(Py_TYPE(exc) == reinterpret_cast<PyTypeObject *>(PyExc_UnicodeDecodeError));
            BOOST_TEST(!PyErr_Occurred());
            BOOST_TEST(text_of(PyObject_Str(exc)) == row[6]);
            BOOST_TEST(text_of(PyObject_Repr(exc)) == row[7]);
            Py_DECREF(exc);
        }
    }
}

BOOST_AUTO_TEST_CASE(getters_refuse_unset_and_mistyped_fields) {
    RuntimeScope runtime;
    int errors = 0;
    for (const DataRow &row : minipy::test::read_data_file("unicode_error_cases.txt", '\t')) {
        if (row[0] != "error" && row[0] != "value") continue;
        BOOST_TEST_CONTEXT(row[1] << " on " << row[2]) {
            PyObject *cls = class_of_getter(row[1]);
            PyObject *exc = nullptr;
            if (row[2] == "new") {
                // cls.__new__(cls): nothing set.
                auto *type = reinterpret_cast<PyTypeObject *>(cls);
                PyObject *no_args = PyTuple_New(0);
                BOOST_REQUIRE(no_args != nullptr);
                exc = type->tp_new(type, no_args, nullptr);
                Py_DECREF(no_args);
            } else {
                exc = make(kind_of_class(cls), "abc", 0, 1, "r");
                BOOST_REQUIRE(exc != nullptr);
                const std::string field = row[2].substr(0, row[2].find('='));
                PyObject *five = PyLong_FromLong(5);
                BOOST_TEST(PyObject_SetAttrString(exc, field.c_str(), five) == 0);
                Py_DECREF(five);
            }
            BOOST_REQUIRE(exc != nullptr);
            PyObject *result = getters_by_name().at(row[1])(exc);
            if (row[0] == "error") {
                ++errors;
                BOOST_TEST(result == nullptr);
                BOOST_TEST(raised_text() == row[3]);
            } else {
                BOOST_REQUIRE(result != nullptr);
                BOOST_TEST(text_of(PyObject_Repr(result)) == row[3]);
                Py_DECREF(result);
                BOOST_TEST(!PyErr_Occurred());
            }
            Py_DECREF(exc);
        }
    }
    BOOST_TEST(errors > 0);
}

BOOST_AUTO_TEST_CASE(setters_change_what_str_says) {
    RuntimeScope runtime;
    for (const DataRow &row : rows_of("set")) {
        BOOST_TEST_CONTEXT(row[1] << " " << row[2] << ".." << row[3]) {
            PyObject *exc = make(row[1], "abcdef", 0, 1, "r");
            BOOST_REQUIRE(exc != nullptr);
            const KindFunctions &f = functions_by_kind().at(row[1]);
            BOOST_TEST(f.set_start(exc, to_ssize(row[2])) == 0);
            BOOST_TEST(f.set_end(exc, to_ssize(row[3])) == 0);
            BOOST_TEST(f.set_reason(exc, row[4].c_str()) == 0);
            BOOST_TEST(text_of(PyObject_Str(exc)) == row[5]);
            PyObject *reason = PyObject_GetAttrString(exc, "reason");
            BOOST_TEST(text_of(reason) == row[4]);
            Py_DECREF(exc);
        }
    }
}

BOOST_AUTO_TEST_CASE(codecs_raise_instances_with_the_fields) {
    RuntimeScope runtime;
    for (const DataRow &row : rows_of("codec")) {
        BOOST_TEST_CONTEXT(row[1] << " " << row[2] << " " << row[3]) {
            const std::string input = from_hex(row[3]);
            const auto size = static_cast<Py_ssize_t>(input.size());
            const bool decode = row[1] == "decode";
            if (decode) {
                BOOST_TEST(PyUnicode_Decode(input.data(), size, row[2].c_str(), "strict") ==
                           nullptr);
            } else {
                PyObject *text = PyUnicode_DecodeUTF8(input.data(), size, "surrogatepass");
                BOOST_REQUIRE(text != nullptr);
                BOOST_TEST(PyUnicode_AsEncodedString(text, row[2].c_str(), "strict") == nullptr);
                Py_DECREF(text);
            }
            PyObject *exc = PyErr_GetRaisedException();
            BOOST_REQUIRE(exc != nullptr);
            BOOST_TEST(Py_TYPE(exc) ==
                       reinterpret_cast<PyTypeObject *>(decode ? PyExc_UnicodeDecodeError
                                                               : PyExc_UnicodeEncodeError));
            PyObject *encoding = decode ? PyUnicodeDecodeError_GetEncoding(exc)
                                        : PyUnicodeEncodeError_GetEncoding(exc);
            BOOST_TEST(text_of(encoding) == row[4]);
            PyObject *object =
                decode ? PyUnicodeDecodeError_GetObject(exc) : PyUnicodeEncodeError_GetObject(exc);
            BOOST_REQUIRE(object != nullptr);
            if (decode) {
                BOOST_TEST(to_hex(PyBytes_AS_STRING(object), PyBytes_GET_SIZE(object)) == row[5]);
            } else {
                PyObject *utf8 = PyUnicode_AsEncodedString(object, "utf-8", "surrogatepass");
                BOOST_REQUIRE(utf8 != nullptr);
                BOOST_TEST(to_hex(PyBytes_AS_STRING(utf8), PyBytes_GET_SIZE(utf8)) == row[5]);
                Py_DECREF(utf8);
            }
            Py_DECREF(object);
            Py_ssize_t start = -1;
            Py_ssize_t end = -1;
            BOOST_TEST((decode ? PyUnicodeDecodeError_GetStart(exc, &start)
                               : PyUnicodeEncodeError_GetStart(exc, &start)) == 0);
            BOOST_TEST((decode ? PyUnicodeDecodeError_GetEnd(exc, &end)
                               : PyUnicodeEncodeError_GetEnd(exc, &end)) == 0);
            BOOST_TEST(start == to_ssize(row[6]));
            BOOST_TEST(end == to_ssize(row[7]));
            PyObject *reason =
                decode ? PyUnicodeDecodeError_GetReason(exc) : PyUnicodeEncodeError_GetReason(exc);
            BOOST_TEST(text_of(reason) == row[8]);
            BOOST_TEST(text_of(PyObject_Str(exc)) == row[9]);
            Py_DECREF(exc);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
