// dict_memory: what dicts do with memory, checked against CPython 3.11 where it shows:
// table sizes through deletions and resizes (__sizeof__ as python3 prints it), presized
// tables, the free lists of dict objects and of minimum-size tables with use_freelists on
// and off, GC tracking that follows the contents (CPython's MAINTAIN_TRACKING), cycles
// through dicts and views, and a clean MemoryError for every failed allocation of a block of
// dict operations.
#include <boost/test/unit_test.hpp>

#include <vector>

#include "minipy/Python.h"
#include "runtime/dict_set_helpers.hpp"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"

using minipy::test::dict_type;
using minipy::test::num;
using minipy::test::obj_blocks;
using minipy::test::Ref;
using minipy::test::repr_of;
using minipy::test::RuntimeScope;
using minipy::test::set_item;
using minipy::test::sizeof_of;
using minipy::test::text;

namespace {}  // namespace

BOOST_AUTO_TEST_SUITE(dict_memory)

BOOST_AUTO_TEST_CASE(deletion_dummies_and_reinsertion_keep_the_table_size) {
    RuntimeScope runtime;
    // Python 3.11: 100 times del d[1]; d[1] = 1 -> 208 bytes; a dict of 1000 keys emptied
    // by del keeps its table (36936) and a new key reuses it; a resize with 1 item left gives
    // 16 slots (336).
    Ref d(PyDict_New());
    BOOST_REQUIRE(set_item(d, num(1), num(1)) == 0);
    for (int i = 0; i < 100; i++) {
        BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(1))) == 0);
        BOOST_REQUIRE(set_item(d, num(1), num(1)) == 0);
    }
    BOOST_TEST(sizeof_of(d) == 208);
    Ref big(PyObject_CallMethod(
        dict_type(), "fromkeys", "O",
        Ref(PyObject_CallFunction(reinterpret_cast<PyObject *>(&PyRange_Type), "i", 1000)).get()));
    BOOST_TEST(sizeof_of(big) == 36936);
    for (long k = 0; k < 1000; k++) BOOST_REQUIRE(PyDict_DelItem(big, Ref(num(k))) == 0);
    BOOST_TEST(sizeof_of(big) == 36936);
    BOOST_TEST(PyDict_Size(big) == 0);
    BOOST_REQUIRE(set_item(big, num(0), num(0)) == 0);
    BOOST_TEST(sizeof_of(big) == 36936);
    Ref five(PyDict_New());
    for (long k = 1; k <= 5; k++) BOOST_REQUIRE(set_item(five, num(k), num(k)) == 0);
    for (long k = 1; k <= 4; k++) BOOST_REQUIRE(PyDict_DelItem(five, Ref(num(k))) == 0);
    BOOST_REQUIRE(set_item(five, num(9), num(9)) == 0);
    BOOST_TEST(sizeof_of(five) == 336);
    BOOST_TEST(repr_of(five) == "{5: 5, 9: 9}");
    // An empty dict owns no table.
    BOOST_TEST(sizeof_of(Ref(PyDict_New())) == 48);
}

BOOST_AUTO_TEST_CASE(free_lists_reuse_dicts_when_on) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(true));
    PyObject *first = PyDict_New();
    BOOST_REQUIRE(set_item(first, num(1), num(1)) == 0);
    Py_DECREF(first);
    // The object and its minimum-size table are both kept: the next dict reuses them.
    const size_t blocks = obj_blocks();
    PyObject *second = PyDict_New();
    BOOST_TEST(second == first);
    BOOST_REQUIRE(set_item(second, num(1), num(1)) == 0);
    BOOST_TEST(obj_blocks() == blocks);
    Py_DECREF(second);
    BOOST_TEST(obj_blocks() == blocks);
    // At most 80 of each are kept.
    std::vector<PyObject *> many;
    for (int i = 0; i < 100; i++) {
        many.push_back(PyDict_New());
        BOOST_REQUIRE(set_item(many.back(), num(i), num(i)) == 0);
    }
    const size_t with_all = obj_blocks();
    for (PyObject *o : many) Py_DECREF(o);
    BOOST_TEST(with_all - obj_blocks() == 40u);  // 20 objects and 20 tables freed
}

BOOST_AUTO_TEST_CASE(free_lists_off_frees_at_once) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const size_t before = obj_blocks();
    PyObject *d = PyDict_New();
    BOOST_REQUIRE(set_item(d, num(1), num(1)) == 0);
    BOOST_TEST(obj_blocks() == before + 2);
    Py_DECREF(d);
    BOOST_TEST(obj_blocks() == before);
}

BOOST_AUTO_TEST_CASE(gc_tracking_follows_the_contents) {
    RuntimeScope runtime;
    Ref d(PyDict_New());
    BOOST_TEST(!PyObject_GC_IsTracked(d));
    BOOST_REQUIRE(set_item(d, num(1), text("atomic")) == 0);
    BOOST_TEST(!PyObject_GC_IsTracked(d));
    Ref atomic_copy(PyDict_Copy(d));
    BOOST_TEST(!PyObject_GC_IsTracked(atomic_copy));
    BOOST_REQUIRE(set_item(d, num(2), PyList_New(0)) == 0);
    BOOST_TEST(PyObject_GC_IsTracked(d));
    Ref copy(PyDict_Copy(d));
    BOOST_TEST(PyObject_GC_IsTracked(copy));
    Ref merged(PyDict_New());
    BOOST_REQUIRE(PyDict_Update(merged, d) == 0);
    BOOST_TEST(PyObject_GC_IsTracked(merged));
    // Once the container is gone the collector may untrack it again.
    BOOST_REQUIRE(PyDict_DelItem(d, Ref(num(2))) == 0);
    _PyDict_MaybeUntrack(d);
    BOOST_TEST(!PyObject_GC_IsTracked(d));
    // A container key tracks it too.
    BOOST_REQUIRE(set_item(d, PyFrozenSet_New(nullptr), num(0)) == 0);
    BOOST_TEST(PyObject_GC_IsTracked(d));
    // Instances of dict() are untracked like PyDict_New's.
    Ref called(PyObject_CallNoArgs(dict_type()));
    BOOST_TEST(!PyObject_GC_IsTracked(called));
}

BOOST_AUTO_TEST_CASE(cycles_through_dicts_are_collected) {
    RuntimeScope runtime;
    {
        PyObject *a = PyDict_New();
        PyObject *b = PyDict_New();
        BOOST_REQUIRE(PyDict_SetItemString(a, "b", b) == 0);
        BOOST_REQUIRE(PyDict_SetItemString(b, "a", a) == 0);
        BOOST_REQUIRE(PyDict_SetItemString(a, "self", a) == 0);
        Ref keys(PyObject_CallMethod(a, "keys", nullptr));
        BOOST_REQUIRE(PyDict_SetItemString(b, "view", keys) == 0);
        BOOST_TEST(PyObject_GC_IsTracked(a));
        Py_DECREF(a);
        Py_DECREF(b);
    }
    // a, b and the view, as CPython counts them.
    BOOST_TEST(std::to_string(PyGC_Collect()) == minipy::test::capi_value("dict_gc_cycle"));
}

BOOST_AUTO_TEST_CASE(presized_dicts) {
    RuntimeScope runtime;
    Ref small(_PyDict_NewPresized(5));
    BOOST_TEST(sizeof_of(small) == 48);
    Ref big(_PyDict_NewPresized(100));
    for (long k = 0; k < 100; k++) BOOST_REQUIRE(set_item(big, num(k), num(k)) == 0);
    BOOST_TEST(sizeof_of(big) == 48 + 32 + 512 + 24 * 170);  // 256 slots, no resize on the way
    BOOST_TEST(PyDict_Size(big) == 100);
}

BOOST_AUTO_TEST_CASE(every_allocation_failure_is_a_clean_memory_error) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    minipy::test::sweep_allocation_failures([] {
        Ref d(PyDict_New());
        if (!d) return false;
        for (long i = 0; i < 40; i++) {
            Ref key(PyLong_FromLong(i * 1000 + 7));
            Ref value(key ? PyUnicode_FromFormat("v%ld", i) : nullptr);
            if (!value || PyDict_SetItem(d, key, value) < 0) return false;
        }
        for (long i = 0; i < 40; i += 3) {
            Ref key(PyLong_FromLong(i * 1000 + 7));
            if (!key || PyDict_DelItem(d, key) < 0) return false;
        }
        Ref copy(PyDict_Copy(d));
        Ref merged(copy ? PyDict_New() : nullptr);
        if (!merged || PyDict_Merge(merged, d, 1) < 0 || PyDict_Update(merged, copy) < 0)
            return false;
        Ref items(PyDict_Items(d));
        Ref keys(items ? PyDict_Keys(d) : nullptr);
        Ref values(keys ? PyDict_Values(d) : nullptr);
        Ref pairs(values ? PyDict_New() : nullptr);
        if (!pairs || PyDict_MergeFromSeq2(pairs, items, 1) < 0) return false;
        Ref text(PyObject_Repr(d));
        Ref keys_view(text ? _PyDictView_New(d, &PyDictKeys_Type) : nullptr);
        Ref other_view(keys_view ? _PyDictView_New(pairs, &PyDictKeys_Type) : nullptr);
        Ref items_view(other_view ? _PyDictView_New(d, &PyDictItems_Type) : nullptr);
        Ref both(items_view ? PyNumber_And(keys_view, other_view) : nullptr);
        Ref either(both ? PyNumber_Or(keys_view, keys) : nullptr);
        Ref one(either ? PyNumber_Xor(keys_view, values) : nullptr);
        Ref less(one ? PyNumber_Subtract(items_view, items) : nullptr);
        Ref listed(less ? PySequence_List(items_view) : nullptr);
        Ref view_text(listed ? PyObject_Repr(items_view) : nullptr);
        if (!view_text || PyObject_RichCompareBool(d, copy, Py_EQ) != 1) return false;
        Ref fresh(PyDict_New());
        Ref seven(fresh ? PyLong_FromLong(7) : nullptr);
        if (!seven || PyDict_SetDefault(fresh, seven, seven) == nullptr) return false;
        Ref popped(_PyDict_Pop(fresh, seven, nullptr));
        if (!popped || PyDict_SetItemString(d, "self", d) < 0) return false;  // a cycle
        return true;
    });
}

BOOST_AUTO_TEST_SUITE_END()
