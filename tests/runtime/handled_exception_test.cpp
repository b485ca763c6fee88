// The exception being handled (CPython 3.11's exc_info stack in the thread state): what
// PyErr_GetHandledException reports, implicit chaining of a new exception to it (__context__),
// the cycle rules of _PyErr_SetObject, and the interpreter's fields of a thread state.
#include <boost/test/unit_test.hpp>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;

namespace {

PyObject *make_exception(PyObject *type, const char *message) {
    PyObject *exc = PyObject_CallFunction(type, "s", message);
    BOOST_REQUIRE(exc != nullptr);
    return exc;
}

PyObject *context_of(PyObject *exc) {
    return reinterpret_cast<PyBaseExceptionObject *>(exc)->context;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(handled_exception)

BOOST_AUTO_TEST_CASE(nothing_is_handled_at_first) {
    RuntimeScope runtime;
    BOOST_TEST(PyErr_GetHandledException() == nullptr);
    BOOST_TEST(PyErr_Occurred() == nullptr);
}

BOOST_AUTO_TEST_CASE(set_and_get_the_handled_exception) {
    RuntimeScope runtime;
    PyObject *exc = make_exception(PyExc_KeyError, "k");
    PyErr_SetHandledException(exc);
    PyObject *got = PyErr_GetHandledException();
    BOOST_TEST(got == exc);
    Py_DECREF(got);
    PyErr_SetHandledException(Py_None);
    BOOST_TEST(PyErr_GetHandledException() == nullptr);
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_CASE(a_new_exception_gets_the_handled_one_as_context) {
    RuntimeScope runtime;
    PyObject *handled = make_exception(PyExc_KeyError, "first");
    PyErr_SetHandledException(handled);
    PyErr_SetString(PyExc_ValueError, "second");
    PyObject *raised = PyErr_GetRaisedException();
    BOOST_REQUIRE(raised != nullptr);
    BOOST_TEST(context_of(raised) == handled);
    Py_DECREF(raised);
    PyErr_SetHandledException(nullptr);
    // Nothing handled: no context.
    PyErr_SetString(PyExc_ValueError, "third");
    raised = PyErr_GetRaisedException();
    BOOST_TEST(context_of(raised) == nullptr);
    Py_DECREF(raised);
    Py_DECREF(handled);
}

BOOST_AUTO_TEST_CASE(raising_the_handled_exception_itself_adds_no_context) {
    RuntimeScope runtime;
    PyObject *handled = make_exception(PyExc_KeyError, "k");
    PyErr_SetHandledException(handled);
    PyErr_SetObject(reinterpret_cast<PyObject *>(Py_TYPE(handled)), handled);
    PyObject *raised = PyErr_GetRaisedException();
    BOOST_TEST(raised == handled);
    BOOST_TEST(context_of(raised) == nullptr);
    Py_DECREF(raised);
    PyErr_SetHandledException(nullptr);
    Py_DECREF(handled);
}

BOOST_AUTO_TEST_CASE(a_chain_leading_back_to_the_new_exception_is_cut) {
    // handled.__context__ is `exc`; raising `exc` while `handled` is handled would make a
    // cycle: the link from handled to exc is dropped instead, as in CPython.
    RuntimeScope runtime;
    PyObject *exc = make_exception(PyExc_ValueError, "a");
    PyObject *handled = make_exception(PyExc_KeyError, "b");
    PyException_SetContext(handled, Py_NewRef(exc));
    PyErr_SetHandledException(handled);
    PyErr_SetObject(PyExc_ValueError, exc);
    PyObject *raised = PyErr_GetRaisedException();
    BOOST_TEST(raised == exc);
    BOOST_TEST(context_of(exc) == handled);
    BOOST_TEST(context_of(handled) == nullptr);
    PyException_SetContext(exc, nullptr);
    Py_DECREF(raised);
    PyErr_SetHandledException(nullptr);
    Py_DECREF(handled);
    Py_DECREF(exc);
}

BOOST_AUTO_TEST_CASE(an_existing_context_cycle_does_not_hang) {
    RuntimeScope runtime;
    PyObject *a = make_exception(PyExc_ValueError, "a");
    PyObject *b = make_exception(PyExc_ValueError, "b");
    PyException_SetContext(a, Py_NewRef(b));
    PyException_SetContext(b, Py_NewRef(a));
    PyErr_SetHandledException(a);
    PyErr_SetString(PyExc_TypeError, "new");
    PyObject *raised = PyErr_GetRaisedException();
    BOOST_TEST(context_of(raised) == a);
    Py_DECREF(raised);
    PyErr_SetHandledException(nullptr);
    PyException_SetContext(a, nullptr);
    PyException_SetContext(b, nullptr);
    Py_DECREF(a);
    Py_DECREF(b);
}

BOOST_AUTO_TEST_CASE(a_pushed_item_that_handles_nothing_shows_the_one_below) {
    // A running generator pushes its own item; while it handles nothing the exception of the
    // frame below is the one being handled (CPython's _PyErr_GetTopmostException).
    RuntimeScope runtime;
    minipy_thread_fields *fields = minipy_thread_fields_of(PyThreadState_Get());
    BOOST_TEST(fields->exc_info == &fields->exc_state);
    PyObject *handled = make_exception(PyExc_KeyError, "outer");
    PyErr_SetHandledException(handled);
    _PyErr_StackItem item = {nullptr, fields->exc_info};
    fields->exc_info = &item;
    PyObject *got = PyErr_GetHandledException();
    BOOST_TEST(got == handled);
    Py_XDECREF(got);
    PyObject *inner = make_exception(PyExc_ValueError, "inner");
    PyErr_SetHandledException(inner);
    BOOST_TEST(item.exc_value == inner);
    got = PyErr_GetHandledException();
    BOOST_TEST(got == inner);
    Py_XDECREF(got);
    PyErr_SetHandledException(nullptr);
    fields->exc_info = item.previous_item;
    Py_DECREF(inner);
    PyErr_SetHandledException(nullptr);
    Py_DECREF(handled);
}

BOOST_AUTO_TEST_CASE(the_recursion_limit_is_the_interpreter_states) {
    RuntimeScope runtime;
    minipy_thread_fields *fields = minipy_thread_fields_of(PyThreadState_Get());
    BOOST_TEST(*fields->recursion_limit == 1000);
    Py_SetRecursionLimit(50);
    BOOST_TEST(*fields->recursion_limit == 50);
    const int depth = fields->recursion_depth;
    BOOST_TEST(Py_EnterRecursiveCall("") == 0);
    BOOST_TEST(fields->recursion_depth == depth + 1);
    Py_LeaveRecursiveCall();
    Py_SetRecursionLimit(1000);
}

namespace {
int g_cleared = 0;
void count_clear(PyThreadState *, void *data) {
    BOOST_TEST(data == &g_cleared);
    ++g_cleared;
}
}  // namespace

BOOST_AUTO_TEST_CASE(clearing_a_state_hands_the_interpreter_data_to_the_hook) {
    RuntimeScope runtime;
    g_cleared = 0;
    minipy_set_thread_clear_hook(count_clear);
    PyThreadState *tstate = PyThreadState_Get();
    minipy_thread_fields_of(tstate)->interp_data = &g_cleared;
    PyObject *handled = make_exception(PyExc_KeyError, "k");
    PyErr_SetHandledException(handled);
    Py_DECREF(handled);
    PyThreadState_Clear(tstate);
    BOOST_TEST(g_cleared == 1);
    BOOST_TEST(minipy_thread_fields_of(tstate)->interp_data == nullptr);
    BOOST_TEST(PyErr_GetHandledException() == nullptr);
    minipy_set_thread_clear_hook(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
