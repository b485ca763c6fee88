// Fault injection (issue 5, point 3 and the Tests section): a block of ordinary object work is
// run again and again while an allocator hook on the MEM and OBJ domains fails its N-th
// allocation request, for N = 1, 2, 3, ... until a run completes without the hook firing.
// For every N:
//   - the block stops at the operation whose allocation failed, and that operation reported
//     it (NULL or -1) with exactly MemoryError set (not a subclass, not SystemError);
//   - nothing crashed, and no failure was swallowed (the hook fired => the block failed);
//   - after PyErr_Clear, the release of everything the block held and a collection (the
//     block builds a cycle), MEM and OBJ hold exactly as many live blocks as before the run.
// Two modes: only request N fails (the error paths then run with memory available), or every
// request from N on fails (the error paths must also cope without memory, as under a hard
// limit). The sweep runs with the free lists on and off, and the runtime is started with the
// leak check, so Py_FinalizeEx must also find zero blocks left.
//
// The live blocks are minipy's memory accounting (minipy/memusage.h, config.leak_check),
// which sits below the injector, so refused requests never reach it. With the free lists on
// the block runs twice before the sweep: the free lists and caches then hold what they hold
// after any run, so a failed run must leave the same count behind.
//
// The sweep is fault_sweep.hpp's (MINIPY_FAULT_INJECTION_STRIDE thins it out). The allocator is the
// harness's (runtime_scope.hpp): PYTHONMALLOC, else the build's default (pymalloc_debug in a debug
// build: the debug hooks then also check every error path for overruns).
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/fault_sweep.hpp"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"

namespace {

// An owned reference: every early return of the block releases what it holds.
using minipy::test::objects::Ref;

// The block's steps. TRY_NEW names a new reference and gives up when it is NULL; TRY_OK gives
// up when a status is negative. Giving up returns the failed call's text, which the sweep
// prints with N.
// NOLINTBEGIN(bugprone-macro-parentheses): declares name
#define TRY_NEW(name, call) \
    Ref name{call};         \
    if (!name) return #call
// NOLINTEND(bugprone-macro-parentheses)
#define TRY_OK(call) \
    if ((call) < 0) return #call

using minipy::test::RuntimeScope;

// --- The block ---------------------------------------------------------------------------------

// What a complete run computed, compared with CPython's (data/fault_injection_block.txt).
struct BlockValues {
    std::string big, rem, repr, message;
    int back_equal = -1, quotient_equal = -1, contains_three = -1;
};

// Copies str's UTF-8 text into out: 0, or -1 with an exception set.
int copy_text(PyObject *str, std::string &out) {
    const char *utf8 = PyUnicode_AsUTF8(str);
    if (utf8 == nullptr) return -1;
    out = utf8;
    return 0;
}

// The block: nullptr when every step succeeded, else the text of the call that failed (with an
// exception set). Everything it made is released when it returns, on every path, except the
// cycle it builds on purpose (items holds itself), which the caller's collection frees.
const char *run_block(BlockValues &values) {
    // Big ints: 3 ** 500, str() of it and back, a product and a quotient.
    TRY_NEW(three, PyLong_FromLong(3));
    TRY_NEW(exponent, PyLong_FromLong(500));
    TRY_NEW(big, PyNumber_Power(three.get(), exponent.get(), Py_None));
    TRY_NEW(big_text, PyObject_Str(big.get()));
    TRY_OK(copy_text(big_text.get(), values.big));
    TRY_NEW(back, PyLong_FromUnicodeObject(big_text.get(), 10));
    TRY_OK(values.back_equal = PyObject_RichCompareBool(back.get(), big.get(), Py_EQ));
    TRY_NEW(product, PyNumber_Multiply(big.get(), big.get()));
    TRY_NEW(quotient, PyNumber_FloorDivide(product.get(), big.get()));
    TRY_OK(values.quotient_equal = PyObject_RichCompareBool(quotient.get(), big.get(), Py_EQ));
    TRY_NEW(modulus, PyLong_FromLong(1000003));
    TRY_NEW(rem, PyNumber_Remainder(big.get(), modulus.get()));
    TRY_NEW(rem_text, PyObject_Str(rem.get()));
    TRY_OK(copy_text(rem_text.get(), values.rem));

    // A list that grows one append at a time, with ints outside the small-int cache.
    TRY_NEW(items, PyList_New(0));
    for (long i = 0; i < 40; ++i) {
        TRY_NEW(item, PyLong_FromLong(i * 1000 + 7));
        TRY_OK(PyList_Append(items.get(), item.get()));
    }

    // Floats, non-ASCII strings (2-, 3- and 4-byte UTF-8), a join and a format.
    TRY_NEW(floats, PyList_New(0));
    for (double d : {0.1, 1e300, -2.5, 1.0 / 3.0, 4.9406564584124654e-324}) {
        TRY_NEW(number, PyFloat_FromDouble(d));
        TRY_OK(PyList_Append(floats.get(), number.get()));
    }
    TRY_NEW(words, PyList_New(4));
    static const char *const kWords[] = {"zażółć gęślą jaźń", "日本語", "🐍 minipy", "plain"};
    for (Py_ssize_t i = 0; i < 4; ++i) {
        PyObject *word = PyUnicode_FromString(kWords[i]);
        if (word == nullptr) return "PyUnicode_FromString(kWords[i])";
        PyList_SET_ITEM(words.get(), i, word);  // steals: released with the list
    }
    TRY_NEW(separator, PyUnicode_FromString(" | "));
    TRY_NEW(joined, PyUnicode_Join(separator.get(), words.get()));
    TRY_NEW(formatted, PyUnicode_FromFormat("%s-%d-%R", "żółw", 12, floats.get()));
    TRY_NEW(raw, PyBytes_FromString("bytes\xff"));

    // A dict that resizes on the way, then a set.
    TRY_NEW(table, PyDict_New());
    for (int i = 0; i < 50; ++i) {
        TRY_NEW(key, PyUnicode_FromFormat("key%d", i));
        TRY_NEW(value, PyLong_FromLong(static_cast<long>(i) * i));
        TRY_OK(PyDict_SetItem(table.get(), key.get(), value.get()));
    }
    TRY_OK(PyDict_SetItemString(table.get(), "big", big.get()));
    TRY_OK(PyDict_SetItemString(table.get(), "words", words.get()));
    TRY_NEW(numbers, PySet_New(nullptr));
    for (long i = 1; i <= 5; ++i) {
        TRY_NEW(number, PyLong_FromLong(i));
        TRY_OK(PySet_Add(numbers.get(), number.get()));
    }
    TRY_OK(values.contains_three = PySet_Contains(numbers.get(), three.get()));

    // Py_BuildValue, a method call, a cycle.
    TRY_NEW(built, Py_BuildValue("(is[i]{s:O})", 42, "żółw", 7, "key", big.get()));
    TRY_NEW(appended, PyObject_CallMethod(items.get(), "append", "(O)", built.get()));
    TRY_OK(PyList_Append(items.get(), items.get()));

    // repr() of the whole structure.
    TRY_NEW(whole, PyTuple_Pack(8, items.get(), table.get(), numbers.get(), floats.get(),
                                joined.get(), formatted.get(), raw.get(), rem.get()));
    TRY_NEW(whole_repr, PyObject_Repr(whole.get()));
    TRY_OK(copy_text(whole_repr.get(), values.repr));

    // PyErr_Format: a ValueError when its message could be made, MemoryError otherwise.
    PyObject *no_result =
        PyErr_Format(PyExc_ValueError, "bad value %d in %s: %R", 5, "żółw", built.get());
    if (no_result != nullptr || !PyErr_ExceptionMatches(PyExc_ValueError))
        return "PyErr_Format(PyExc_ValueError, ...)";
    Ref error{PyErr_GetRaisedException()};
    TRY_NEW(message, PyObject_Str(error.get()));
    TRY_OK(copy_text(message.get(), values.message));
    return nullptr;
}

// name -> text of data/fault_injection_block.txt.
std::map<std::string, std::string> expected_values() {
    return minipy::test::read_named_values("fault_injection_block.txt", ' ');
}

void check_values(const BlockValues &got) {
    const std::map<std::string, std::string> expected = expected_values();
    BOOST_TEST(got.big == expected.at("big"));
    BOOST_TEST(got.rem == expected.at("rem"));
    BOOST_TEST(got.repr == expected.at("repr"));
    BOOST_TEST(got.message == expected.at("message"));
    BOOST_TEST(got.back_equal == 1);
    BOOST_TEST(got.quotient_equal == 1);
    BOOST_TEST(got.contains_three == 1);
}

// One complete run without injection: nothing failed, nothing left set.
void run_clean(BlockValues &values) {
    const char *failed = run_block(values);
    BOOST_REQUIRE_MESSAGE(failed == nullptr, "the block failed without injection at " << failed);
    BOOST_REQUIRE(PyErr_Occurred() == nullptr);
}

// --- The sweep ---------------------------------------------------------------------------------

// The block under minipy::test::sweep_allocation_failures (fault_sweep.hpp), which checks every
// run as the top of the file says; a run that completes must compute CPython's values.
void sweep(bool and_after) {
    BlockValues values;
    const char *failed = nullptr;
    minipy::test::sweep_allocation_failures(
        [&] {
            values = BlockValues{};
            failed = run_block(values);
            return failed == nullptr;
        },
        {.and_after = and_after,
         .min_runs = 100,
         .stopped_at = [&] { return std::string(failed != nullptr ? failed : "(nothing)"); },
         .check_complete = [&] { check_values(values); }});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fault_injection)

BOOST_AUTO_TEST_CASE(block_computes_what_cpython_computes) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
    BlockValues values;
    run_clean(values);
    check_values(values);
    PyGC_Collect();
}

BOOST_AUTO_TEST_CASE(every_failing_request_is_memory_error_without_leaks) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
    sweep(false);
}

BOOST_AUTO_TEST_CASE(every_failing_request_is_memory_error_without_leaks_free_lists_off) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    sweep(false);
}

// Every request from N on fails: error paths that allocate (building a message, growing a
// buffer on the way out) must cope too.
BOOST_AUTO_TEST_CASE(memory_exhausted_from_any_request_on) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
    sweep(true);
}

BOOST_AUTO_TEST_CASE(memory_exhausted_from_any_request_on_free_lists_off) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    sweep(true);
}

BOOST_AUTO_TEST_SUITE_END()
