// Items, lengths, the sequence and mapping protocols, isinstance / issubclass and the other
// generic helpers of the abstract layer (abstract_object.cpp, abstract_sequence.cpp,
// abstract_mapping.cpp), on the built-in types and on two small types made for the test
// (one with only sequence slots, one with only mapping slots). Expected results and messages
// are CPython 3.11's.
#include <boost/test/unit_test.hpp>

#include <string>

#include "abstract_helpers.hpp"
#include "minipy/Python.h"
#include "runtime_scope.hpp"

// The slot tables and types below name only the slots they fill, as the runtime's own do.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using minipy::test::RuntimeScope;
using namespace minipy::test::abstract_support;

namespace {

// OnlySeq: length 3, item i is i * 10, assignment records the index. OnlyMap: length 2 and
// a subscript that answers its key.
Py_ssize_t only_seq_length(PyObject *) {
    return 3;
}
PyObject *only_seq_item(PyObject *, Py_ssize_t i) {
    if (i < 0 || i >= 3) {
        PyErr_SetString(PyExc_IndexError, "OnlySeq index out of range");
        return nullptr;
    }
    return PyLong_FromSsize_t(i * 10);
}
Py_ssize_t g_assigned = -100;
int only_seq_ass_item(PyObject *, Py_ssize_t i, PyObject *value) {
    g_assigned = value != nullptr ? i : -i - 1000;
    return 0;
}
Py_ssize_t only_map_length(PyObject *) {
    return 2;
}
PyObject *only_map_subscript(PyObject *, PyObject *key) {
    return Py_NewRef(key);
}
void probe_dealloc(PyObject *self) {
    PyObject_Del(self);
}

PySequenceMethods only_seq_methods = {
    .sq_length = only_seq_length, .sq_item = only_seq_item, .sq_ass_item = only_seq_ass_item};
PyMappingMethods only_map_methods = {.mp_length = only_map_length,
                                     .mp_subscript = only_map_subscript};
PyTypeObject OnlySeqType = {.ob_base = {{1, &PyType_Type}, 0},
                            .tp_name = "OnlySeq",
                            .tp_basicsize = sizeof(PyObject),
                            .tp_dealloc = probe_dealloc,
                            .tp_as_sequence = &only_seq_methods};
PyTypeObject OnlyMapType = {.ob_base = {{1, &PyType_Type}, 0},
                            .tp_name = "OnlyMap",
                            .tp_basicsize = sizeof(PyObject),
                            .tp_dealloc = probe_dealloc,
                            .tp_as_mapping = &only_map_methods};

PyObject *make(PyTypeObject *type) {
    BOOST_REQUIRE(PyType_Ready(type) == 0);
    PyObject *object = _PyObject_New(type);
    BOOST_REQUIRE(object != nullptr);
    return object;
}

std::string get_item(const char *container, const char *key) {
    Owned o(literal(container)), k(literal(key));
    return outcome(PyObject_GetItem(o, k));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(abstract_sequence)

BOOST_AUTO_TEST_CASE(get_item_on_builtin_types) {
    RuntimeScope runtime;
    BOOST_TEST(get_item("[1, 2, 3]", "0") == "=1");
    BOOST_TEST(get_item("[1, 2, 3]", "-1") == "=3");
    BOOST_TEST(get_item("[1, 2, 3]", "True") == "=2");
    BOOST_TEST(get_item("[1]", "1") == "!IndexError: list index out of range");
    BOOST_TEST(get_item("[1]", "'a'") ==
               "!TypeError: list indices must be integers or slices, not str");
    BOOST_TEST(get_item("(1,)", "5") == "!IndexError: tuple index out of range");
    BOOST_TEST(get_item("'abc'", "-1") == "='c'");
    BOOST_TEST(get_item("{1: 'one'}", "1") == "='one'");
    BOOST_TEST(get_item("{1: 'one'}", "2") == "!KeyError: 2");
    BOOST_TEST(get_item("{}", "[]") == "!TypeError: unhashable type: 'list'");
    BOOST_TEST(get_item("1", "0") == "!TypeError: 'int' object is not subscriptable");
    BOOST_TEST(get_item("None", "0") == "!TypeError: 'NoneType' object is not subscriptable");
    Owned zero(literal("0"));
    BOOST_TEST(outcome(PyObject_GetItem(reinterpret_cast<PyObject *>(&PyLong_Type), zero)) ==
               "!TypeError: type 'int' is not subscriptable");
    BOOST_TEST(outcome(PyObject_GetItem(nullptr, zero)) ==
               "!SystemError: null argument to internal routine");
}

BOOST_AUTO_TEST_CASE(items_of_a_type_with_only_sequence_slots) {
    RuntimeScope runtime;
    Owned seq(make(&OnlySeqType)), text(literal("'a'")), minus_one(literal("-1"));
    Owned big(literal("123456789012345678901234567890")), value(literal("5"));
    BOOST_TEST(outcome(PyObject_GetItem(seq, minus_one)) == "=20");
    BOOST_TEST(outcome(PyObject_GetItem(seq, text)) ==
               "!TypeError: sequence index must be integer, not 'str'");
    BOOST_TEST(outcome(PyObject_GetItem(seq, big)) ==
               "!IndexError: cannot fit 'int' into an index-sized integer");
    BOOST_TEST(PyObject_SetItem(seq, minus_one, value) == 0);
    BOOST_TEST(g_assigned == 2);
    BOOST_TEST(PyObject_DelItem(seq, minus_one) == 0);
    BOOST_TEST(g_assigned == -1002);
    BOOST_TEST(status_outcome(PyObject_SetItem(seq, text, value)) ==
               "!TypeError: sequence index must be integer, not 'str'");
    BOOST_TEST(status_outcome(PyObject_DelItem(seq, text)) ==
               "!TypeError: sequence index must be integer, not 'str'");
    BOOST_TEST(PyObject_Size(seq) == 3);
    BOOST_TEST(status_outcome(PyMapping_Size(seq)) == "!TypeError: OnlySeq is not a mapping");
    // Searches without sq_contains walk the items.
    Owned twenty(literal("20")), thirty(literal("30"));
    BOOST_TEST(PySequence_Contains(seq, twenty) == 1);
    BOOST_TEST(PySequence_Contains(seq, thirty) == 0);
    BOOST_TEST(PySequence_Index(seq, twenty) == 2);
    BOOST_TEST(PySequence_Count(seq, twenty) == 1);
    Owned as_list(PySequence_List(seq));
    BOOST_TEST(outcome(Py_NewRef(as_list.get())) == "=[0, 10, 20]");
}

BOOST_AUTO_TEST_CASE(a_type_with_only_mapping_slots_is_not_a_sequence) {
    RuntimeScope runtime;
    Owned map(make(&OnlyMapType)), key(literal("'k'"));
    BOOST_TEST(outcome(PyObject_GetItem(map, key)) == "='k'");
    BOOST_TEST(PyObject_Size(map) == 2);
    BOOST_TEST(PyMapping_Check(map) == 1);
    BOOST_TEST(PySequence_Check(map) == 0);
    BOOST_TEST(status_outcome(PySequence_Size(map)) == "!TypeError: OnlyMap is not a sequence");
    BOOST_TEST(outcome(PySequence_GetItem(map, 0)) == "!TypeError: OnlyMap is not a sequence");
    BOOST_TEST(status_outcome(PyObject_SetItem(map, key, key)) ==
               "!TypeError: 'OnlyMap' object does not support item assignment");
    BOOST_TEST(outcome(PySequence_GetSlice(map, 0, 1)) == "=slice(0, 1, None)");
}

BOOST_AUTO_TEST_CASE(set_and_delete_items) {
    RuntimeScope runtime;
    Owned list(literal("[1, 2, 3]")), tuple(literal("(1,)")), dict(literal("{}")),
        one(literal("1"));
    Owned zero(literal("0")), key(literal("'k'")), number(literal("7"));
    BOOST_TEST(PyObject_SetItem(list, zero, key) == 0);
    BOOST_TEST(PyObject_DelItem(list, one) == 0);
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=['k', 3]");
    BOOST_TEST(PyObject_SetItem(dict, key, one) == 0);
    BOOST_TEST(PyMapping_SetItemString(dict, "s", zero) == 0);
    BOOST_TEST(outcome(Py_NewRef(dict.get())) == "={'k': 1, 's': 0}");
    BOOST_TEST(PyObject_DelItemString(dict, "k") == 0);
    BOOST_TEST(status_outcome(PyObject_DelItemString(dict, "k")) == "!KeyError: 'k'");
    BOOST_TEST(status_outcome(PyObject_SetItem(tuple, zero, one)) ==
               "!TypeError: 'tuple' object does not support item assignment");
    BOOST_TEST(status_outcome(PyObject_DelItem(tuple, zero)) ==
               "!TypeError: 'tuple' object doesn't support item deletion");
    BOOST_TEST(status_outcome(PyObject_SetItem(number, zero, one)) ==
               "!TypeError: 'int' object does not support item assignment");
    BOOST_TEST(status_outcome(PyObject_DelItem(number, zero)) ==
               "!TypeError: 'int' object does not support item deletion");
    BOOST_TEST(status_outcome(PyObject_SetItem(list, key, one)) ==
               "!TypeError: list indices must be integers or slices, not str");
    BOOST_TEST(status_outcome(PyObject_SetItem(list, zero, nullptr)) ==
               "!SystemError: null argument to internal routine");
}

BOOST_AUTO_TEST_CASE(lengths) {
    RuntimeScope runtime;
    const std::pair<const char *, Py_ssize_t> cases[] = {
        {"[1, 2]", 2}, {"'h\\xe9'", 2}, {"{1: 2}", 1}, {"(1, 2, 3)", 3}, {"b''", 0}, {"{1, 2}", 2}};
    for (const auto &[text, length] : cases) {
        Owned o(literal(text));
        BOOST_TEST(PyObject_Size(o) == length, text);
        BOOST_TEST(PyObject_Length(o) == length, text);
    }
    Owned number(literal("1")), none(literal("None")), dict(literal("{1: 2}"));
    BOOST_TEST(status_outcome(PyObject_Size(number)) ==
               "!TypeError: object of type 'int' has no len()");
    BOOST_TEST(status_outcome(PyObject_Size(none)) ==
               "!TypeError: object of type 'NoneType' has no len()");
    BOOST_TEST(status_outcome(PySequence_Size(number)) ==
               "!TypeError: object of type 'int' has no len()");
    BOOST_TEST(status_outcome(PyMapping_Size(number)) ==
               "!TypeError: object of type 'int' has no len()");
    BOOST_TEST(PyMapping_Length(dict) == 1);
    BOOST_TEST(status_outcome(PyObject_Size(nullptr)) ==
               "!SystemError: null argument to internal routine");
}

BOOST_AUTO_TEST_CASE(length_hint) {
    RuntimeScope runtime;
    Owned list(literal("[1, 2, 3]")), number(literal("1"));
    Owned it(PyObject_GetIter(list));
    BOOST_TEST(PyObject_LengthHint(list, 9) == 3);
    BOOST_TEST(PyObject_LengthHint(it, 9) == 3);
    BOOST_TEST(PyObject_LengthHint(number, 9) == 9);
    BOOST_TEST(!PyErr_Occurred());
}

BOOST_AUTO_TEST_CASE(sequence_item_access_by_c_index) {
    RuntimeScope runtime;
    Owned list(literal("[1, 2, 3]")), dict(literal("{1: 2}")), number(literal("5"));
    BOOST_TEST(PySequence_Check(list) == 1);
    BOOST_TEST(PySequence_Check(dict) == 0);
    BOOST_TEST(PySequence_Check(number) == 0);
    BOOST_TEST(outcome(PySequence_GetItem(list, -3)) == "=1");
    BOOST_TEST(outcome(PySequence_GetItem(list, -4)) == "!IndexError: list index out of range");
    BOOST_TEST(outcome(PySequence_ITEM(list.get(), 2)) == "=3");
    BOOST_TEST(outcome(PySequence_GetItem(number, 0)) ==
               "!TypeError: 'int' object does not support indexing");
    BOOST_TEST(PySequence_SetItem(list, -1, number) == 0);
    BOOST_TEST(PySequence_DelItem(list, 0) == 0);
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=[2, 5]");
    BOOST_TEST(status_outcome(PySequence_SetItem(number, 0, number)) ==
               "!TypeError: 'int' object does not support item assignment");
    BOOST_TEST(status_outcome(PySequence_DelItem(number, 0)) ==
               "!TypeError: 'int' object doesn't support item deletion");
    BOOST_TEST(status_outcome(PySequence_SetItem(dict, 0, number)) ==
               "!TypeError: dict is not a sequence");
}

BOOST_AUTO_TEST_CASE(slices) {
    RuntimeScope runtime;
    Owned list(literal("[0, 1, 2, 3, 4]")), tuple(literal("(0, 1, 2)")), number(literal("5"));
    Owned values(literal("('a', 'b')"));
    BOOST_TEST(outcome(PySequence_GetSlice(list, 1, 3)) == "=[1, 2]");
    BOOST_TEST(outcome(PySequence_GetSlice(tuple, -2, 100)) == "=(1, 2)");
    BOOST_TEST(outcome(PySequence_GetSlice(number, 0, 1)) ==
               "!TypeError: 'int' object is unsliceable");
    BOOST_TEST(PySequence_SetSlice(list, 1, 4, values) == 0);
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=[0, 'a', 'b', 4]");
    BOOST_TEST(PySequence_DelSlice(list, 0, 2) == 0);
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=['b', 4]");
    BOOST_TEST(status_outcome(PySequence_SetSlice(tuple, 0, 1, values)) ==
               "!TypeError: 'tuple' object doesn't support slice assignment");
    BOOST_TEST(status_outcome(PySequence_DelSlice(tuple, 0, 1)) ==
               "!TypeError: 'tuple' object doesn't support slice deletion");
}

BOOST_AUTO_TEST_CASE(concat_and_repeat) {
    RuntimeScope runtime;
    Owned list(literal("[1]")), tuple(literal("(2,)")), text(literal("'ab'")), number(literal("3"));
    BOOST_TEST(outcome(PySequence_Concat(list, list)) == "=[1, 1]");
    BOOST_TEST(outcome(PySequence_Concat(text, text)) == "='abab'");
    BOOST_TEST(outcome(PySequence_Concat(list, tuple)) ==
               "!TypeError: can only concatenate list (not \"tuple\") to list");
    BOOST_TEST(outcome(PySequence_Concat(number, list)) ==
               "!TypeError: 'int' object can't be concatenated");
    BOOST_TEST(outcome(PySequence_Repeat(tuple, 3)) == "=(2, 2, 2)");
    BOOST_TEST(outcome(PySequence_Repeat(text, -1)) == "=''");
    BOOST_TEST(outcome(PySequence_Repeat(number, 2)) ==
               "!TypeError: 'int' object can't be repeated");
    // In place: the list itself grows.
    Owned grown(PySequence_InPlaceConcat(list, tuple));
    BOOST_TEST(grown.get() == list.get());
    Owned repeated(PySequence_InPlaceRepeat(list, 2));
    BOOST_TEST(repeated.get() == list.get());
    BOOST_TEST(outcome(Py_NewRef(list.get())) == "=[1, 2, 1, 2]");
    // A tuple has no in-place slots: a new tuple.
    Owned longer(PySequence_InPlaceConcat(tuple, tuple));
    BOOST_TEST(outcome(Py_NewRef(longer.get())) == "=(2, 2)");
    BOOST_TEST(outcome(PySequence_InPlaceConcat(number, list)) ==
               "!TypeError: 'int' object can't be concatenated");
    BOOST_TEST(outcome(PySequence_InPlaceRepeat(number, 2)) ==
               "!TypeError: 'int' object can't be repeated");
}

BOOST_AUTO_TEST_CASE(tuple_list_and_fast) {
    RuntimeScope runtime;
    Owned tuple(literal("(1, 2)")), list(literal("[1, 2]")), text(literal("'ab'"));
    Owned dict(literal("{'k': 1, 'j': 2}")), number(literal("1"));
    Owned same_tuple(PySequence_Tuple(tuple));
    BOOST_TEST(same_tuple.get() == tuple.get());
    BOOST_TEST(outcome(PySequence_Tuple(list)) == "=(1, 2)");
    BOOST_TEST(outcome(PySequence_Tuple(text)) == "=('a', 'b')");
    BOOST_TEST(outcome(PySequence_Tuple(dict)) == "=('k', 'j')");
    BOOST_TEST(outcome(PySequence_Tuple(number)) == "!TypeError: 'int' object is not iterable");
    Owned copy(PySequence_List(list));
    BOOST_TEST(copy.get() != list.get());
    BOOST_TEST(outcome(Py_NewRef(copy.get())) == "=[1, 2]");
    BOOST_TEST(outcome(PySequence_List(text)) == "=['a', 'b']");
    BOOST_TEST(outcome(PySequence_List(number)) == "!TypeError: 'int' object is not iterable");

    Owned fast_list(PySequence_Fast(list, "unused"));
    BOOST_TEST(fast_list.get() == list.get());
    Owned fast_tuple(PySequence_Fast(tuple, "unused"));
    BOOST_TEST(fast_tuple.get() == tuple.get());
    Owned fast_text(PySequence_Fast(text, "unused"));
    BOOST_REQUIRE(fast_text.get() != nullptr);
    BOOST_TEST(PySequence_Fast_GET_SIZE(fast_text.get()) == 2);
    BOOST_TEST(outcome(Py_NewRef(PySequence_Fast_GET_ITEM(fast_text.get(), 1))) == "='b'");
    BOOST_TEST(PySequence_Fast_ITEMS(fast_tuple.get())[0] == PyTuple_GetItem(tuple, 0));
    BOOST_TEST(PySequence_Fast_ITEMS(fast_list.get())[1] == PyList_GetItem(list, 1));
    BOOST_TEST(outcome(PySequence_Fast(number, "expected an iterable here")) ==
               "!TypeError: expected an iterable here");
}

BOOST_AUTO_TEST_CASE(contains_count_index) {
    RuntimeScope runtime;
    Owned list(literal("[1, 2, 1, 'x']")), text(literal("'abc'")), dict(literal("{1: 2}"));
    Owned one(literal("1")), two(literal("2")), five(literal("5")), b(literal("'b'")),
        number(literal("7"));
    BOOST_TEST(PySequence_Contains(list, one) == 1);
    BOOST_TEST(PySequence_Contains(list, five) == 0);
    BOOST_TEST(PySequence_In(text, b) == 1);
    BOOST_TEST(status_outcome(PySequence_Contains(text, one)) ==
               "!TypeError: 'in <string>' requires string as left operand, not int");
    BOOST_TEST(PySequence_Contains(dict, one) == 1);
    BOOST_TEST(PySequence_Contains(dict, two) == 0);
    BOOST_TEST(status_outcome(PySequence_Contains(number, one)) ==
               "!TypeError: argument of type 'int' is not iterable");
    BOOST_TEST(PySequence_Count(list, one) == 2);
    BOOST_TEST(PySequence_Count(list, five) == 0);
    BOOST_TEST(PySequence_Index(list, two) == 1);
    BOOST_TEST(status_outcome(PySequence_Index(list, five)) ==
               "!ValueError: sequence.index(x): x not in sequence");
    BOOST_TEST(status_outcome(PySequence_Count(number, one)) ==
               "!TypeError: argument of type 'int' is not iterable");
    // An iterator is searched as it goes, and is used up to the match.
    Owned it(PyObject_GetIter(list));
    BOOST_TEST(PySequence_Index(it, two) == 1);
    BOOST_TEST(PySequence_Count(it, one) == 1);
}

BOOST_AUTO_TEST_CASE(mapping_protocol) {
    RuntimeScope runtime;
    Owned dict(literal("{'a': 1, 'b': 2}")), list(literal("[1]")), number(literal("1"));
    Owned key_a(literal("'a'")), key_z(literal("'z'"));
    BOOST_TEST(PyMapping_Check(dict) == 1);
    BOOST_TEST(PyMapping_Check(list) == 1);
    BOOST_TEST(PyMapping_Check(number) == 0);
    BOOST_TEST(PyMapping_Check(nullptr) == 0);
    BOOST_TEST(outcome(PyMapping_Keys(dict)) == "=['a', 'b']");
    BOOST_TEST(outcome(PyMapping_Values(dict)) == "=[1, 2]");
    BOOST_TEST(outcome(PyMapping_Items(dict)) == "=[('a', 1), ('b', 2)]");
    BOOST_TEST(outcome(PyMapping_Keys(list)) ==
               "!AttributeError: 'list' object has no attribute 'keys'");
    BOOST_TEST(outcome(PyMapping_Items(number)) ==
               "!AttributeError: 'int' object has no attribute 'items'");
    BOOST_TEST(outcome(PyMapping_GetItemString(dict, "b")) == "=2");
    BOOST_TEST(outcome(PyMapping_GetItemString(dict, "z")) == "!KeyError: 'z'");
    BOOST_TEST(PyMapping_HasKeyString(dict, "a") == 1);
    BOOST_TEST(PyMapping_HasKeyString(dict, "z") == 0);
    BOOST_TEST(PyMapping_HasKey(dict, key_a) == 1);
    BOOST_TEST(PyMapping_HasKey(dict, key_z) == 0);
    BOOST_TEST(PyMapping_HasKey(number, key_z) == 0);
    BOOST_TEST(!PyErr_Occurred());
    BOOST_TEST(PyMapping_DelItemString(dict, "a") == 0);
    BOOST_TEST(PyMapping_DelItem(dict, key_z) == -1);
    BOOST_TEST(take_error() == "KeyError: 'z'");
    BOOST_TEST(outcome(Py_NewRef(dict.get())) == "={'b': 2}");
}

BOOST_AUTO_TEST_CASE(isinstance_and_issubclass) {
    RuntimeScope runtime;
    auto type = [](PyTypeObject *t) { return reinterpret_cast<PyObject *>(t); };
    Owned yes(literal("True")), one(literal("1")), text(literal("'x'"));
    Owned int_or_str(PyTuple_Pack(2, type(&PyLong_Type), type(&PyUnicode_Type)));
    Owned nested(PyTuple_Pack(2, type(&PyFloat_Type), int_or_str.get()));
    Owned empty(PyTuple_New(0));
    BOOST_TEST(PyObject_IsInstance(yes, type(&PyLong_Type)) == 1);
    BOOST_TEST(PyObject_IsInstance(one, type(&PyBool_Type)) == 0);
    BOOST_TEST(PyObject_IsInstance(text, type(&PyBaseObject_Type)) == 1);
    BOOST_TEST(PyObject_IsInstance(text, nested) == 1);
    BOOST_TEST(PyObject_IsInstance(text, empty) == 0);
    BOOST_TEST(status_outcome(PyObject_IsInstance(one, one)) ==
               "!TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");
    BOOST_TEST(PyObject_IsSubclass(type(&PyBool_Type), type(&PyLong_Type)) == 1);
    BOOST_TEST(PyObject_IsSubclass(type(&PyLong_Type), type(&PyBool_Type)) == 0);
    BOOST_TEST(PyObject_IsSubclass(type(&PyBool_Type), nested) == 1);
    BOOST_TEST(PyObject_IsSubclass(one, empty) == 0);
    BOOST_TEST(status_outcome(PyObject_IsSubclass(one, type(&PyLong_Type))) ==
               "!TypeError: issubclass() arg 1 must be a class");
    BOOST_TEST(status_outcome(PyObject_IsSubclass(type(&PyLong_Type), one)) ==
               "!TypeError: issubclass() arg 2 must be a class, a tuple of classes, or a union");
}

BOOST_AUTO_TEST_CASE(type_and_format) {
    RuntimeScope runtime;
    Owned one(literal("1")), text(literal("'x'")), list(literal("[1]")), spec(literal("'x'"));
    Owned type(PyObject_Type(one));
    BOOST_TEST(type.get() == reinterpret_cast<PyObject *>(&PyLong_Type));
    BOOST_TEST(outcome(PyObject_Format(one, nullptr)) == "='1'");
    Owned same(PyObject_Format(text, nullptr));
    BOOST_TEST(same.get() == text.get());
    BOOST_TEST(outcome(PyObject_Format(list, nullptr)) == "='[1]'");
    BOOST_TEST(outcome(PyObject_Format(list, spec)) ==
               "!TypeError: unsupported format string passed to list.__format__");
    BOOST_TEST(outcome(PyObject_Format(list, one)) ==
               "!SystemError: Format specifier must be a string, not int");
}

BOOST_AUTO_TEST_SUITE_END()
