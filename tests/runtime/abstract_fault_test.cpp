// The abstract layer under allocation failure: each scenario below (Py_BuildValue with stolen
// references at every nesting level, calls that build their arguments, keyword parsing with
// O& converters that need cleanup, the sequence and number protocols) runs again and again
// while an allocator hook fails its N-th MEM/OBJ request (or every request from N on), for
// N = 1, 2, ... until a run completes untouched (fault_sweep.hpp). Each time the scenario must
// fail with exactly MemoryError, every reference passed in must have been consumed, and the
// live blocks must be back to what they were before the run.
#include <boost/test/unit_test.hpp>

#include <climits>
#include <cstring>
#include <functional>
#include <string>

#include "minipy/Python.h"
#include "runtime/fault_sweep.hpp"
#include "runtime_scope.hpp"

using minipy::test::RuntimeScope;

namespace {

// A scenario returns true when it completed, false when a call failed (exception set).
using Scenario = std::function<bool(PyObject *const *stolen)>;
constexpr int kStolen = 4;

// Runs `scenario` under the fault sweep (fault_sweep.hpp) in both modes. `stolen` objects
// are handed over in each run: the scenario gets a new reference to each and must consume it
// on every path, so after the run each is held by the run alone.
void sweep(const char *name, const Scenario &scenario) {
    BOOST_TEST_CONTEXT(name) {
        for (const bool and_after : {false, true}) {
            minipy::test::sweep_allocation_failures(
                [&scenario] {
                    PyObject *stolen[kStolen] = {};
                    bool made = true;
                    for (PyObject *&s : stolen) made = made && (s = PyList_New(0)) != nullptr;
                    if (!made) {
                        for (PyObject *s : stolen) Py_XDECREF(s);
                        return false;
                    }
                    for (PyObject *s : stolen) Py_INCREF(s);
                    const bool completed = scenario(stolen);
                    for (PyObject *s : stolen) {
                        BOOST_TEST(Py_REFCNT(s) == 1, "a stolen reference was kept");
                        Py_DECREF(s);
                    }
                    return completed;
                },
                {.and_after = and_after});
        }
    }
}

// --- Scenarios ---------------------------------------------------------------------------------

bool build_nested(PyObject *const *stolen) {
    PyObject *value = Py_BuildValue("(sN[iN]{s:N,s:(dO)}N)", "text", stolen[0], 123456, stolen[1],
                                    "k", stolen[2], "j", 2.5, Py_None, stolen[3]);
    Py_XDECREF(value);
    return value != nullptr;
}

bool call_function_and_method(PyObject *const *stolen) {
    for (int i = 0; i < kStolen; ++i) Py_DECREF(stolen[i]);  // this one steals nothing
    PyObject *number = PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyLong_Type), "s",
                                             "123456789012345678901234567890");
    if (number == nullptr) return false;
    PyObject *list = PyList_New(0);
    if (list == nullptr) {
        Py_DECREF(number);
        return false;
    }
    PyObject *appended = PyObject_CallMethod(list, "append", "(O)", number);
    PyObject *total =
        appended != nullptr ? PyObject_CallMethod(list, "count", "O", number) : nullptr;
    Py_XDECREF(appended);
    Py_DECREF(number);
    Py_DECREF(list);
    Py_XDECREF(total);
    return total != nullptr;
}

int to_text(PyObject *arg, void *address) {
    auto *out = static_cast<PyObject **>(address);
    if (arg == nullptr) {
        Py_CLEAR(*out);
        return 0;
    }
    *out = PyObject_Str(arg);
    return *out != nullptr ? Py_CLEANUP_SUPPORTED : 0;
}

bool parse_keywords(PyObject *const *stolen) {
    for (int i = 0; i < kStolen; ++i) Py_DECREF(stolen[i]);
    PyObject *args = Py_BuildValue("(iiiiiiiii)", 1, 2, 3, 4, 5, 6, 7, 8, 9);
    if (args == nullptr) return false;
    PyObject *kwargs = Py_BuildValue("{s:s#}", "j", "jay", Py_ssize_t{2});
    if (kwargs == nullptr) {
        Py_DECREF(args);
        return false;
    }
    static char a[] = "a", b[] = "b", c[] = "c", d[] = "d", e[] = "e", f[] = "f", g[] = "g",
                h[] = "h", i[] = "i", j[] = "j";
    char *kwlist[] = {a, b, c, d, e, f, g, h, i, j, nullptr};
    PyObject *t[9] = {};
    const char *text = nullptr;
    Py_ssize_t length = 0;
    const int ok = PyArg_ParseTupleAndKeywords(
        args, kwargs, "O&O&O&O&O&O&O&O&O&s#", kwlist, to_text, &t[0], to_text, &t[1], to_text,
        &t[2], to_text, &t[3], to_text, &t[4], to_text, &t[5], to_text, &t[6], to_text, &t[7],
        to_text, &t[8], &text, &length);
    if (ok) {
        for (PyObject *&object : t) Py_CLEAR(object);
    } else {
        for (PyObject *object : t) BOOST_TEST(object == nullptr);  // cleaned up
    }
    Py_DECREF(args);
    Py_DECREF(kwargs);
    return ok != 0;
}

bool protocols(PyObject *const *stolen) {
    for (int i = 0; i < kStolen; ++i) Py_DECREF(stolen[i]);
    PyObject *text = PyUnicode_FromString("abcdefghijklmnopqrstuvwxyz");
    if (text == nullptr) return false;
    PyObject *tuple = PySequence_Tuple(text);
    PyObject *fast = tuple != nullptr ? PySequence_Fast(text, "no") : nullptr;
    PyObject *joined = fast != nullptr ? PyNumber_Add(fast, fast) : nullptr;
    PyObject *repeated = joined != nullptr ? PyNumber_Multiply(text, Py_True) : nullptr;
    PyObject *dict =
        repeated != nullptr ? Py_BuildValue("{s:i,s:i,s:i}", "x", 1, "y", 2, "z", 3) : nullptr;
    PyObject *items = dict != nullptr ? PyMapping_Items(dict) : nullptr;
    PyObject *number = items != nullptr ? PyNumber_Long(text) : nullptr;  // fails: not a literal
    const bool done =
        items != nullptr && number == nullptr && PyErr_ExceptionMatches(PyExc_ValueError);
    if (done) PyErr_Clear();
    Py_XDECREF(number);
    Py_XDECREF(items);
    Py_XDECREF(dict);
    Py_XDECREF(repeated);
    Py_XDECREF(joined);
    Py_XDECREF(fast);
    Py_XDECREF(tuple);
    Py_DECREF(text);
    return done;
}

bool vectorcall(PyObject *const *stolen) {
    for (int i = 0; i < kStolen; ++i) Py_DECREF(stolen[i]);
    PyObject *names = Py_BuildValue("(s)", "base");
    if (names == nullptr) return false;
    PyObject *args[] = {nullptr, nullptr};
    args[0] = PyUnicode_FromString("ff");
    args[1] = args[0] != nullptr ? PyLong_FromLong(16) : nullptr;
    PyObject *result =
        args[1] != nullptr
            ? PyObject_Vectorcall(reinterpret_cast<PyObject *>(&PyLong_Type), args, 1, names)
            : nullptr;
    Py_XDECREF(args[0]);
    Py_XDECREF(args[1]);
    Py_DECREF(names);
    Py_XDECREF(result);
    return result != nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(abstract_fault)

BOOST_AUTO_TEST_CASE(every_allocation_failure_is_a_clean_memory_error) {
    // Free lists off: a freed object is a freed block, so live blocks compare exactly.
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    sweep("build_nested", build_nested);
    sweep("call_function_and_method", call_function_and_method);
    sweep("parse_keywords", parse_keywords);
    sweep("protocols", protocols);
    sweep("vectorcall", vectorcall);
}

BOOST_AUTO_TEST_SUITE_END()
