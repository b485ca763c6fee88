// The exception state (issue 5, point 3): one current exception per thread, set, fetched,
// restored, matched and cleared as CPython's C API does it; PyErr_NoMemory without memory.
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "minipy/Python.h"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"
#include "support/alloc_hooks.hpp"

using minipy::test::CountingHook;
using minipy::test::RuntimeScope;
using minipy::test::objects::take_error;

namespace {

std::string text_of(PyObject *obj) {
    PyObject *s = PyObject_Str(obj);
    BOOST_REQUIRE(s != nullptr);
    std::string out = PyUnicode_AsUTF8(s);
    Py_DECREF(s);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(errors)

BOOST_AUTO_TEST_CASE(set_string_creates_the_instance_at_once) {
    RuntimeScope runtime;
    BOOST_TEST(PyErr_Occurred() == nullptr);
    PyErr_SetString(PyExc_ValueError, "bad value");
    BOOST_TEST(PyErr_Occurred() == PyExc_ValueError);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_ValueError));
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_Exception));
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_BaseException));
    BOOST_TEST(!PyErr_ExceptionMatches(PyExc_TypeError));
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_TEST(PyErr_Occurred() == nullptr);
    BOOST_TEST(Py_TYPE(exc) == reinterpret_cast<PyTypeObject *>(PyExc_ValueError));
    PyObject *args = PyException_GetArgs(exc);
    BOOST_TEST(PyTuple_Size(args) == 1);
    BOOST_TEST(text_of(PyTuple_GetItem(args, 0)) == "bad value");
    Py_DECREF(args);
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_CASE(format_uses_unicode_formatting) {
    RuntimeScope runtime;
    PyObject *list = PyList_New(0);
    BOOST_TEST(PyErr_Format(PyExc_TypeError, "'%.50s' object is not %s (%d)",
                            Py_TYPE(list)->tp_name, "callable", 42) == nullptr);
    BOOST_TEST(take_error() == "TypeError: 'list' object is not callable (42)");
    PyObject *key = PyUnicode_FromString("k");
    PyErr_SetObject(PyExc_KeyError, key);
    // KeyError's message is the repr of the key, as CPython prints it.
    BOOST_TEST(take_error() == "KeyError: 'k'");
    Py_DECREF(key);
    Py_DECREF(list);
}

BOOST_AUTO_TEST_CASE(a_new_exception_replaces_the_current_one) {
    RuntimeScope runtime;
    PyErr_SetString(PyExc_ValueError, "first");
    PyErr_SetString(PyExc_IndexError, "second");
    BOOST_TEST(take_error() == "IndexError: second");
}

BOOST_AUTO_TEST_CASE(fetch_and_restore_round_trip) {
    RuntimeScope runtime;
    PyErr_SetString(PyExc_RuntimeError, "kept");
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    BOOST_TEST(PyErr_Occurred() == nullptr);
    BOOST_TEST(type == PyExc_RuntimeError);
    BOOST_TEST(value != nullptr);
    BOOST_TEST(tb == nullptr);
    PyErr_Restore(type, value, tb);
    BOOST_TEST(take_error() == "RuntimeError: kept");

    PyObject *t2, *v2, *tb2;
    PyErr_Fetch(&t2, &v2, &tb2);
    BOOST_TEST(t2 == nullptr);
    BOOST_TEST(v2 == nullptr);
    BOOST_TEST(tb2 == nullptr);
}

BOOST_AUTO_TEST_CASE(restore_normalizes_a_type_and_a_plain_value) {
    RuntimeScope runtime;
    Py_INCREF(PyExc_OverflowError);
    PyErr_Restore(PyExc_OverflowError, PyUnicode_FromString("too big"), nullptr);
    BOOST_TEST(take_error() == "OverflowError: too big");
    Py_INCREF(PyExc_ZeroDivisionError);
    PyErr_Restore(PyExc_ZeroDivisionError, nullptr, nullptr);
    BOOST_TEST(take_error() == "ZeroDivisionError");  // no message

    PyObject *type = Py_NewRef(PyExc_ValueError);
    PyObject *value = PyLong_FromLong(7);
    PyObject *tb = nullptr;
    PyErr_NormalizeException(&type, &value, &tb);
    BOOST_TEST(PyErr_GivenExceptionMatches(value, PyExc_ValueError));
    BOOST_TEST(text_of(value) == "7");
    Py_DECREF(type);
    Py_DECREF(value);
}

BOOST_AUTO_TEST_CASE(matching_a_tuple_of_types) {
    RuntimeScope runtime;
    PyObject *tuple = PyTuple_Pack(2, PyExc_KeyError, PyExc_TypeError);
    PyErr_SetString(PyExc_KeyError, "x");
    BOOST_TEST(PyErr_ExceptionMatches(tuple));
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_LookupError));
    BOOST_TEST(!PyErr_ExceptionMatches(PyExc_IndexError));
    PyErr_Clear();
    BOOST_TEST(!PyErr_ExceptionMatches(tuple));  // nothing set matches nothing
    BOOST_TEST(PyErr_GivenExceptionMatches(PyExc_RecursionError, PyExc_RuntimeError));
    BOOST_TEST(!PyErr_GivenExceptionMatches(PyExc_RuntimeError, PyExc_RecursionError));
    Py_DECREF(tuple);
}

// PyErr_NoMemory raises a fresh MemoryError from a free list of 16 filled at start-up, as
// CPython 3.11 does, so no traceback or context of an earlier raise comes with it; with all 16
// in use it falls back to one static instance. It never allocates.
BOOST_AUTO_TEST_CASE(no_memory_allocates_nothing_and_raises_fresh_instances) {
    RuntimeScope runtime;
    constexpr int kFreeList = 16;
    std::vector<PyObject *> raised;
    {
        CountingHook mem(PYMEM_DOMAIN_MEM), obj(PYMEM_DOMAIN_OBJ), raw(PYMEM_DOMAIN_RAW);
        for (int i = 0; i < kFreeList + 2; ++i) {
            BOOST_TEST(PyErr_NoMemory() == nullptr);
            raised.push_back(PyErr_GetRaisedException());
        }
        BOOST_TEST(mem.allocations() + obj.allocations() + raw.allocations() == 0u);
    }
    const std::set<PyObject *> distinct(raised.begin(), raised.begin() + kFreeList);
    BOOST_TEST(distinct.size() == static_cast<std::size_t>(kFreeList));
    // The list is empty: the last two are the static instance, shared and untracked.
    BOOST_TEST(raised[kFreeList] == raised[kFreeList + 1]);
    BOOST_TEST(distinct.count(raised[kFreeList]) == 0u);
    BOOST_TEST(PyObject_GC_IsTracked(raised[kFreeList]) == 0);
    for (int i = 0; i < kFreeList; ++i) {
        BOOST_TEST(Py_TYPE(raised[i]) == reinterpret_cast<PyTypeObject *>(PyExc_MemoryError));
        BOOST_TEST(PyObject_GC_IsTracked(raised[i]) == 1);
        BOOST_TEST(text_of(raised[i]) == "");
    }
    // A traceback set on one instance does not come back with the next raise.
    PyObject *traceback_stand_in = PyList_New(0);
    BOOST_TEST(PyException_GetTraceback(raised[0]) == nullptr);
    reinterpret_cast<PyBaseExceptionObject *>(raised[0])->traceback = traceback_stand_in;
    for (PyObject *exc : raised) Py_DECREF(exc);  // back into the free list
    BOOST_TEST(PyErr_NoMemory() == nullptr);
    PyObject *again = PyErr_GetRaisedException();
    BOOST_TEST(distinct.count(again) == 1u);
    BOOST_TEST(reinterpret_cast<PyBaseExceptionObject *>(again)->traceback == nullptr);
    Py_DECREF(again);
    // MemoryError() from Python takes from the same list.
    PyObject *made = PyObject_CallNoArgs(PyExc_MemoryError);
    BOOST_TEST(distinct.count(made) == 1u);
    Py_XDECREF(made);
}

BOOST_AUTO_TEST_CASE(set_object_with_a_non_exception_type_is_a_system_error) {
    RuntimeScope runtime;
    PyErr_SetObject(reinterpret_cast<PyObject *>(&PyLong_Type), nullptr);
    BOOST_TEST(
        take_error() ==
        "SystemError: _PyErr_SetObject: exception <class 'int'> is not a BaseException subclass");
    PyErr_BadInternalCall();
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    BOOST_TEST(PyErr_BadArgument() == 0);
    BOOST_TEST(take_error() == "TypeError: bad argument type for built-in operation");
}

BOOST_AUTO_TEST_CASE(each_thread_has_its_own_exception) {
    RuntimeScope runtime;
    PyErr_SetString(PyExc_ValueError, "main");
    std::string seen_by_worker;
    Py_BEGIN_ALLOW_THREADS std::thread worker([&] {
        PyGILState_STATE state = PyGILState_Ensure();
        seen_by_worker = PyErr_Occurred() == nullptr ? "none" : "leaked";
        PyErr_SetString(PyExc_TypeError, "worker");
        PyErr_Clear();
        PyGILState_Release(state);
    });
    worker.join();
    Py_END_ALLOW_THREADS BOOST_TEST(seen_by_worker == "none");
    BOOST_TEST(take_error() == "ValueError: main");
}

BOOST_AUTO_TEST_CASE(an_exception_left_at_shutdown_is_released) {
    // The leak check of RuntimeScope proves the instance and its message were freed.
    RuntimeScope runtime;
    PyErr_SetString(PyExc_ValueError, "left behind on purpose");
}

BOOST_AUTO_TEST_SUITE_END()
