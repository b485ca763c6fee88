// str and bytes under allocation failure: a block exercising every str/bytes path that
// allocates (decoding with each handler, the UTF-8 cache, encoding, FromFormat with object
// units, repr, concatenation, join, split, replace, case mapping, slicing, str(), bytes(),
// _PyBytes_Resize, bytes from an iterator) runs with its N-th MEM/OBJ allocation refused, for
// N = 1, 2, ... until it completes. Each failed run must give up with exactly MemoryError and,
// once everything is released, leave MEM and OBJ with the blocks they had before.
//
// Interning is left out on purpose: like CPython's, PyUnicode_InternInPlace leaves the string
// un-interned and raises nothing when its table cannot grow.
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <initializer_list>
#include <utility>

#include "minipy/Python.h"
#include "runtime/fault_sweep.hpp"
#include "runtime_scope.hpp"
#include "unicode_test_support.hpp"

using minipy::test::RuntimeScope;
using minipy::test::strs::Ref;
using minipy::test::strs::take_error;

namespace {

// NOLINTBEGIN(bugprone-macro-parentheses): declares name
#define TRY_NEW(name, call) \
    Ref name{call};         \
    if (!name) return false
// NOLINTEND(bugprone-macro-parentheses)
#define TRY_OK(call) \
    if ((call) < 0) return false

// The str half of the block: true when every step succeeded.
bool str_block() {
    TRY_NEW(latin, PyUnicode_FromString("caf\xc3\xa9 cr\xc3\xa8me"));
    TRY_NEW(wide, PyUnicode_FromString("\xe2\x82\xac\xf0\x9f\x98\x80 and more text"));
    TRY_NEW(replaced, PyUnicode_DecodeUTF8("a\xff\xe2\x82 b", 6, "replace"));
    TRY_NEW(escaped, PyUnicode_DecodeUTF8("a\xffz", 3, "backslashreplace"));
    TRY_NEW(smuggled, PyUnicode_DecodeUTF8("a\xffz", 3, "surrogateescape"));
    if (PyUnicode_AsUTF8(latin.get()) == nullptr) return false;
    Py_ssize_t size;
    if (PyUnicode_AsUTF8AndSize(wide.get(), &size) == nullptr) return false;
    TRY_NEW(utf8, PyUnicode_AsUTF8String(wide.get()));
    TRY_NEW(back, PyUnicode_AsEncodedString(smuggled.get(), "utf-8", "surrogateescape"));
    TRY_NEW(ascii, PyUnicode_AsEncodedString(wide.get(), "ascii", "backslashreplace"));
    TRY_NEW(formatted, PyUnicode_FromFormat("%s|%5.2U|%R|%A|%zd|%c|%p|%V", "h\xc3\xa9", wide.get(),
                                            latin.get(), wide.get(), Py_ssize_t{-7}, 0x1f600,
                                            static_cast<void *>(nullptr),
                                            static_cast<PyObject *>(nullptr), "cstr"));
    TRY_NEW(repr, PyObject_Repr(wide.get()));
    TRY_NEW(joined_pair, PyUnicode_Concat(latin.get(), wide.get()));
    TRY_NEW(words, PyUnicode_Split(joined_pair.get(), nullptr, -1));
    TRY_NEW(separator, PyUnicode_FromString(" \xe2\x80\x94 "));
    TRY_NEW(joined, PyUnicode_Join(separator.get(), words.get()));
    TRY_NEW(needle, PyUnicode_FromString("e"));
    TRY_NEW(replacement, PyUnicode_FromString("\xf0\x9f\x98\x80"));
    TRY_NEW(swapped, PyUnicode_Replace(joined.get(), needle.get(), replacement.get(), -1));
    TRY_NEW(upper, PyObject_CallMethod(swapped.get(), "upper", nullptr));
    TRY_NEW(lower, PyObject_CallMethod(upper.get(), "lower", nullptr));
    TRY_NEW(rsplit, PyObject_CallMethod(lower.get(), "rsplit", "si", " ", 2));
    TRY_NEW(stripped, PyObject_CallMethod(lower.get(), "strip", "s", "c\xf0\x9f\x98\x80"));
    TRY_NEW(step, PyLong_FromLong(-2));
    TRY_NEW(slice, PySlice_New(Py_None, Py_None, step.get()));
    TRY_NEW(sliced, PyObject_GetItem(lower.get(), slice.get()));
    TRY_NEW(repeated, PySequence_Repeat(wide.get(), 5));
    TRY_NEW(iterator, PyObject_GetIter(wide.get()));
    TRY_NEW(first, PyIter_Next(iterator.get()));
    TRY_NEW(number, PyLong_FromLong(12345));
    TRY_NEW(text, PyObject_Str(number.get()));
    TRY_NEW(made, PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyUnicode_Type), "y#s",
                                        "\xc3\xa9t\xc3\xa9", Py_ssize_t{5}, "utf-8"));
    const Py_UCS4 points[] = {'a', 0x20ac, 0x10ffff};
    TRY_NEW(from_kind, PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, points, 3));
    Py_UCS4 *copy = PyUnicode_AsUCS4Copy(from_kind.get());
    if (copy == nullptr) return false;
    PyMem_Free(copy);
    TRY_OK(PyUnicode_Find(joined.get(), needle.get(), 0, PY_SSIZE_T_MAX, -1) == -2 ? -1 : 0);
    return true;
}

// The bytes half.
bool bytes_block() {
    TRY_NEW(raw, PyBytes_FromStringAndSize("bytes\x00\xff data", 12));
    TRY_NEW(formatted, PyBytes_FromFormat("%s-%d-%zu-%p-%c", "x", 42, size_t{7},
                                          static_cast<void *>(&raw), 'q'));
    PyObject *grown = PyBytes_FromStringAndSize(nullptr, 16);
    if (grown == nullptr) return false;
    std::memset(PyBytes_AS_STRING(grown), 'z', 16);
    if (_PyBytes_Resize(&grown, 5000) < 0) return false;  // grown is NULL now: nothing to free
    Ref resized(grown);
    PyObject *acc = PyBytes_FromString("head:");
    if (acc == nullptr) return false;
    PyBytes_Concat(&acc, raw.get());
    if (acc == nullptr) return false;
    Ref concatenated(acc);
    TRY_NEW(repr, PyObject_Repr(concatenated.get()));
    TRY_NEW(list, Py_BuildValue("[iiii]", 1, 2, 3, 250));
    TRY_NEW(from_list, PyBytes_FromObject(list.get()));
    TRY_NEW(range_args, Py_BuildValue("(i)", 300));
    TRY_NEW(range,
            PyObject_Call(reinterpret_cast<PyObject *>(&PyRange_Type), range_args.get(), nullptr));
    TRY_NEW(slice_stop, PyLong_FromLong(256));
    TRY_NEW(slice, PySlice_New(Py_None, slice_stop.get(), Py_None));
    TRY_NEW(first256, PyObject_GetItem(range.get(), slice.get()));
    TRY_NEW(from_iter,
            PyObject_CallOneArg(reinterpret_cast<PyObject *>(&PyBytes_Type), first256.get()));
    TRY_NEW(decoded, PyObject_CallMethod(from_iter.get(), "decode", "ss", "utf-8", "replace"));
    TRY_NEW(hex, PyObject_CallMethod(from_iter.get(), "hex", nullptr));
    TRY_NEW(item, PySequence_GetItem(from_iter.get(), 200));
    TRY_NEW(twice, PySequence_Repeat(raw.get(), 2));
    return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(unicode_fault)

BOOST_AUTO_TEST_CASE(every_str_allocation_failure_is_a_clean_memory_error) {
    for (bool and_after : {false, true}) {
        RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
        const long runs = minipy::test::sweep_allocation_failures(
            str_block, {.and_after = and_after, .min_runs = 20});
        BOOST_TEST(runs > 0, "no allocation of the block was refused");
    }
}

BOOST_AUTO_TEST_CASE(every_bytes_allocation_failure_is_a_clean_memory_error) {
    for (bool and_after : {false, true}) {
        RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
        const long runs = minipy::test::sweep_allocation_failures(
            bytes_block, {.and_after = and_after, .min_runs = 20});
        BOOST_TEST(runs > 0, "no allocation of the block was refused");
    }
}

BOOST_AUTO_TEST_SUITE_END()
