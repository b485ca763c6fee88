// Formatting and the text methods under allocation failure: str % args and bytes % args (every
// kind of conversion, a mapping), str.format and format_map (auto and keyword fields, items,
// conversions, a nested spec), ascii(), and the str and bytes methods that
// build new objects (case mappings, padding, splitlines, partition, translate, split, join,
// replace, fromhex), run with their N-th MEM/OBJ allocation refused for N = 1, 2, ... Each
// failed run must give up with exactly MemoryError and leave MEM and OBJ as they were.
#include <boost/test/unit_test.hpp>

#include <initializer_list>

#include "minipy/Python.h"
#include "runtime/fault_sweep.hpp"
#include "runtime_scope.hpp"
#include "unicode_test_support.hpp"

using minipy::test::RuntimeScope;
using minipy::test::strs::Ref;

namespace {

// NOLINTBEGIN(bugprone-macro-parentheses): declares name
#define TRY_NEW(name, call) \
    Ref name{call};         \
    if (!name) return false
// NOLINTEND(bugprone-macro-parentheses)

bool percent_block() {
    TRY_NEW(format,
            PyUnicode_FromString("%s|%5d|%-+8.3f|%#x|%r|%a|%c|%d|%08.2e|%%|%.2s|\xe2\x82\xac"));
    TRY_NEW(fixed, Py_BuildValue("(sidisssids)", "h\xc3\xa9", 42, 3.14159, 255, "q", "\xe2\x82\xac",
                                 "\xf0\x9f\x98\x80", 12345, 12345.678, "abcdef"));
    TRY_NEW(formatted, PyUnicode_Format(format.get(), fixed.get()));
    TRY_NEW(keyed_format, PyUnicode_FromString("%(name)s=%(value)05d"));
    TRY_NEW(mapping, Py_BuildValue("{sssi}", "name", "k", "value", 7));
    TRY_NEW(keyed, PyUnicode_Format(keyed_format.get(), mapping.get()));
    TRY_NEW(bytes_format, PyBytes_FromString("%s:%d:%x:%r:%c"));
    TRY_NEW(bytes_args, Py_BuildValue("(yiisi)", "raw", -5, 4096, "r", 65));
    TRY_NEW(bytes_formatted, PyNumber_Remainder(bytes_format.get(), bytes_args.get()));
    TRY_NEW(wide, PyUnicode_FromString("\xe2\x82\xac\xf0\x9f\x98\x80"));
    TRY_NEW(ascii, PyObject_ASCII(wide.get()));
    return true;
}

// No "{0.attr}" field here: its name is a new str each run, and the attribute cache keeps a
// reference to every name it has seen (as CPython's does), which the sweep would count as a
// leak of each failed run.
bool format_method_block() {
    TRY_NEW(tmpl, PyUnicode_FromString("{:\xc3\xa9^9} {name!r:>{width}} {[1]} {n:+,} {{x}}"));
    TRY_NEW(list, Py_BuildValue("[is]", 1, "two"));
    TRY_NEW(pad, PyUnicode_FromString("mid"));
    TRY_NEW(args, PyTuple_Pack(2, pad.get(), list.get()));
    TRY_NEW(kwargs, Py_BuildValue("{sssisi}", "name", "\xe2\x82\xac", "width", 8, "n", 1234567));
    TRY_NEW(method, PyObject_GetAttrString(tmpl.get(), "format"));
    TRY_NEW(formatted, PyObject_Call(method.get(), args.get(), kwargs.get()));
    TRY_NEW(map_tmpl, PyUnicode_FromString("{name}:{n:08.3f}"));
    TRY_NEW(real, PyFloat_FromDouble(2.5));
    TRY_NEW(mapping, Py_BuildValue("{sssO}", "name", "x", "n", real.get()));
    TRY_NEW(mapped, PyObject_CallMethod(map_tmpl.get(), "format_map", "O", mapping.get()));
    return true;
}

bool methods_block() {
    TRY_NEW(text, PyUnicode_FromString("stra\xc3\x9f"
                                       "e \xce\xa3\xce\x91\xce\xa3\tline\r\nnext\xe2\x80\xa8last"));
    for (const char *name :
         {"title", "capitalize", "swapcase", "casefold", "expandtabs", "splitlines"}) {
        TRY_NEW(result, PyObject_CallMethod(text.get(), name, nullptr));
    }
    TRY_NEW(centered, PyObject_CallMethod(text.get(), "center", "is", 40, "\xe2\x82\xac"));
    TRY_NEW(zfilled, PyObject_CallMethod(text.get(), "zfill", "i", 40));
    TRY_NEW(parts, PyObject_CallMethod(text.get(), "partition", "s", "line"));
    TRY_NEW(table,
            PyObject_CallMethod(text.get(), "maketrans", "sss", "ae", "\xe2\x82\xac\xc3\xa9", "t"));
    TRY_NEW(translated, PyObject_CallMethod(text.get(), "translate", "O", table.get()));
    TRY_NEW(raw, PyBytes_FromString("Hello, World!\tand\r\nmore bytes"));
    for (const char *name : {"title", "swapcase", "expandtabs", "splitlines", "split", "strip"}) {
        TRY_NEW(result, PyObject_CallMethod(raw.get(), name, nullptr));
    }
    TRY_NEW(pieces, PyObject_CallMethod(raw.get(), "split", "y", "o"));
    TRY_NEW(sep, PyBytes_FromString("--"));
    TRY_NEW(joined, PyObject_CallMethod(sep.get(), "join", "O", pieces.get()));
    TRY_NEW(replaced, PyObject_CallMethod(raw.get(), "replace", "yy", "l", "LLL"));
    TRY_NEW(btable, PyObject_CallMethod(raw.get(), "maketrans", "yy", "lo", "01"));
    TRY_NEW(btranslated, PyObject_CallMethod(raw.get(), "translate", "O", btable.get()));
    TRY_NEW(hex, PyObject_CallMethod(reinterpret_cast<PyObject *>(&PyBytes_Type), "fromhex", "s",
                                     "de ad be ef 00"));
    TRY_NEW(centered_bytes, PyObject_CallMethod(raw.get(), "center", "iy", 50, "*"));
    return true;
}

void sweep(bool (*block)()) {
    for (bool and_after : {false, true}) {
        RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
        const long runs = minipy::test::sweep_allocation_failures(
            block, {.and_after = and_after, .min_runs = 10});
        BOOST_TEST(runs > 0, "no allocation of the block was refused");
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(format_fault)

BOOST_AUTO_TEST_CASE(percent_formatting_fails_cleanly) {
    sweep(percent_block);
}

BOOST_AUTO_TEST_CASE(str_format_fails_cleanly) {
    sweep(format_method_block);
}

BOOST_AUTO_TEST_CASE(text_methods_fail_cleanly) {
    sweep(methods_block);
}

BOOST_AUTO_TEST_SUITE_END()
