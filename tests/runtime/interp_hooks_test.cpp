// The hooks the interpreter installs in the runtime: the finalize hook (run first by
// Py_FinalizeEx, with the runtime still up, so the interpreter can release what it holds
// before the leak report) and the print-exception hook (what PyErr_Print does with the
// exception: the interpreter's traceback printer).
#include <boost/test/unit_test.hpp>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

namespace {

int g_finalize_calls = 0;
bool g_initialized_during_hook = false;
PyObject *g_held = nullptr;

void finalize_hook() noexcept {
    ++g_finalize_calls;
    g_initialized_during_hook = Py_IsInitialized() != 0;
    // What an interpreter does here: release its objects while the runtime still runs.
    Py_CLEAR(g_held);
}

int g_print_calls = 0;
bool g_got_value_error = false;

void print_hook(PyObject *exc) noexcept {
    ++g_print_calls;
    g_got_value_error =
        PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_ValueError)) != 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(interp_hooks)

BOOST_AUTO_TEST_CASE(finalize_hook_runs_first_and_its_releases_count) {
    g_finalize_calls = 0;
    {
        RuntimeScope runtime;  // its leak check fails if the hook did not release g_held
        g_held = PyList_New(3);
        BOOST_REQUIRE(g_held != nullptr);
        minipy_set_finalize_hook(finalize_hook);
    }
    minipy_set_finalize_hook(nullptr);
    BOOST_TEST(g_finalize_calls == 1);
    BOOST_TEST(g_initialized_during_hook);
    BOOST_TEST(g_held == nullptr);
    {
        RuntimeScope runtime;  // removed: not called again
    }
    BOOST_TEST(g_finalize_calls == 1);
}

BOOST_AUTO_TEST_CASE(print_exception_hook_receives_the_exception) {
    RuntimeScope runtime;
    g_print_calls = 0;
    minipy_set_print_exception_hook(print_hook);
    PyErr_SetString(PyExc_ValueError, "shown by the hook");
    PyErr_Print();
    minipy_set_print_exception_hook(nullptr);
    BOOST_TEST(g_print_calls == 1);
    BOOST_TEST(g_got_value_error);
    BOOST_TEST(!PyErr_Occurred());
}

BOOST_AUTO_TEST_SUITE_END()
