// OSError and its subclasses (runtime/src/objects/exceptions/os_error.cpp): what
// PyErr_SetFromErrno(WithFilenameObject) raises for each errno (the PEP 3151 subclass, str,
// repr, args, errno/strerror/filename) and the subclasses' bases, against python3's answers
// (data/os_error_cases.txt, written by data/os_error_gen.py).
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

namespace {

std::string text_of(PyObject *text) {
    BOOST_REQUIRE(text != nullptr);
    std::string out = PyUnicode_AsUTF8(text);
    Py_DECREF(text);
    return out;
}

const std::map<std::string, PyObject *> &types_by_name() {
    static const std::map<std::string, PyObject *> kTypes = {
        {"OSError", PyExc_OSError},
        {"BlockingIOError", PyExc_BlockingIOError},
        {"ChildProcessError", PyExc_ChildProcessError},
        {"ConnectionError", PyExc_ConnectionError},
        {"BrokenPipeError", PyExc_BrokenPipeError},
        {"ConnectionAbortedError", PyExc_ConnectionAbortedError},
        {"ConnectionRefusedError", PyExc_ConnectionRefusedError},
        {"ConnectionResetError", PyExc_ConnectionResetError},
        {"FileExistsError", PyExc_FileExistsError},
        {"FileNotFoundError", PyExc_FileNotFoundError},
        {"IsADirectoryError", PyExc_IsADirectoryError},
        {"NotADirectoryError", PyExc_NotADirectoryError},
        {"InterruptedError", PyExc_InterruptedError},
        {"PermissionError", PyExc_PermissionError},
        {"ProcessLookupError", PyExc_ProcessLookupError},
        {"TimeoutError", PyExc_TimeoutError},
    };
    return kTypes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(os_error)

BOOST_AUTO_TEST_CASE(set_from_errno_raises_what_python3_raises) {
    RuntimeScope runtime;
    int rows = 0;
    for (const minipy::test::DataRow &row :
         minipy::test::read_data_file("os_error_cases.txt", '\t')) {
        if (row[0] != "raise") continue;
        ++rows;
        BOOST_TEST_CONTEXT("errno " << row[1] << " filename '" << row[2] << "'") {
            PyObject *filename = row[2].empty() ? nullptr : PyUnicode_FromString(row[2].c_str());
            errno = std::atoi(row[1].c_str());
            BOOST_TEST(PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, filename) == nullptr);
            PyObject *exc = PyErr_GetRaisedException();
            BOOST_REQUIRE(exc != nullptr);
            BOOST_TEST(Py_TYPE(exc)->tp_name == row[3]);
            BOOST_TEST(text_of(PyObject_Str(exc)) == row[4]);
            BOOST_TEST(text_of(PyObject_Repr(exc)) == row[5]);
            PyObject *args = PyException_GetArgs(exc);
            BOOST_TEST(text_of(PyObject_Repr(args)) == row[6]);
            PyObject *code = PyObject_GetAttrString(exc, "errno");
            BOOST_TEST(text_of(PyObject_Str(code)) == row[1]);
            PyObject *strerror = PyObject_GetAttrString(exc, "strerror");
            BOOST_TEST(text_of(PyObject_Str(strerror)) == std::strerror(std::atoi(row[1].c_str())));
            PyObject *name = PyObject_GetAttrString(exc, "filename");
            BOOST_TEST(name == (filename != nullptr ? filename : Py_None));
            PyObject *name2 = PyObject_GetAttrString(exc, "filename2");
            BOOST_TEST(name2 == Py_None);
            Py_XDECREF(name2);
            Py_XDECREF(name);
            Py_XDECREF(strerror);
            Py_XDECREF(code);
            Py_DECREF(args);
            Py_DECREF(exc);
            Py_XDECREF(filename);
        }
    }
    BOOST_TEST(rows > 10);
}

BOOST_AUTO_TEST_CASE(subclasses_have_python3s_bases) {
    RuntimeScope runtime;
    int rows = 0;
    for (const minipy::test::DataRow &row :
         minipy::test::read_data_file("os_error_cases.txt", '\t')) {
        if (row[0] != "base") continue;
        ++rows;
        const auto type = types_by_name().find(row[1]);
        BOOST_REQUIRE_MESSAGE(type != types_by_name().end(), row[1]);
        BOOST_TEST(reinterpret_cast<PyTypeObject *>(type->second)->tp_base->tp_name == row[2]);
    }
    BOOST_TEST(rows == static_cast<int>(types_by_name().size()) - 1);
}

BOOST_AUTO_TEST_CASE(set_from_errno_without_a_filename_and_a_subclass_called_directly) {
    RuntimeScope runtime;
    errno = EACCES;
    BOOST_TEST(PyErr_SetFromErrno(PyExc_OSError) == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_PermissionError));
    PyErr_Clear();
    // A subclass named by the caller is kept, whatever the errno says (CPython maps only
    // calls on OSError itself).
    errno = ENOENT;
    BOOST_TEST(PyErr_SetFromErrno(PyExc_FileExistsError) == nullptr);
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(Py_TYPE(exc) == reinterpret_cast<PyTypeObject *>(PyExc_FileExistsError));
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_SUITE_END()
