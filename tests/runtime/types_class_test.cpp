// Classes made at run time (issue 12 point 4): type(name, bases, namespace) and its checks, the
// C3 method resolution order, instance dicts and __slots__, class attributes, renaming,
// subclass lists, __class__ assignment, object.__init__/__new__'s argument rules. Expected
// texts are python3's (data/types_gen.py).
#include <boost/test/unit_test.hpp>

#include "runtime/type_support.hpp"

using namespace minipy::test::types;

namespace {

const O Type = O::type(&PyType_Type);

// type(name, bases, namespace) without the __module__/__qualname__ a class statement adds.
O type3(const char *name, const O &bases, const O &ns) {
    return Type(name, bases, ns);
}

O names_of(const O &classes) {
    if (!classes) return O();
    O out = O::list({});
    O iter(PyObject_GetIter(classes.get()));
    while (PyObject *item = PyIter_Next(iter.get())) {
        O name = O(item).attr("__name__");
        if (!name || PyList_Append(out.get(), name.get()) < 0) return O();
    }
    return PyErr_Occurred() ? O() : out;
}

O dict_keys(const O &cls) {
    return cls ? O(PySequence_List(cls.attr("__dict__").get())) : O();
}

O sorted_keys(const O &cls) {
    O keys = dict_keys(cls);
    if (keys && PyList_Sort(keys.get()) < 0) return O();
    return keys;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(types_class)

BOOST_FIXTURE_TEST_CASE(method_resolution_order, TypesFixture) {
    O A = cls("A"), B = cls("B");
    O C = type3("C", O::tuple({A, B}), O::dict({}));
    O D = type3("D", O::tuple({B, A}), O::dict({}));
    BOOST_TEST(
        python3_says("mro_diamond_error", outcome(type3("E", O::tuple({C, D}), O::dict({})))));
    BOOST_TEST(
        python3_says("mro_duplicate_base", outcome(type3("X", O::tuple({A, A}), O::dict({})))));
    O O1 = cls("O1");
    O F1 = cls("F1", {O1.get()}), E1 = cls("E1", {O1.get()}), D1 = cls("D1", {O1.get()});
    O C1 = cls("C1", {D1.get(), F1.get()}), B1 = cls("B1", {D1.get(), E1.get()});
    O A1 = cls("A1", {B1.get(), C1.get()});
    BOOST_TEST(python3_says("mro_c3_example", outcome(names_of(A1.attr("__mro__")))));
}

BOOST_FIXTURE_TEST_CASE(a_class_and_its_instances, TypesFixture) {
    O A = cls("A");
    BOOST_TEST(python3_says("class_repr", outcome(A)));
    BOOST_TEST(
        python3_says("class_names", outcome(O::tuple({A.attr("__name__"), A.attr("__qualname__"),
                                                      A.attr("__module__"), A.attr("__doc__")}))));
    BOOST_TEST(python3_says("class_dict_keys", outcome(dict_keys(A))));
    BOOST_TEST(python3_says("class_dict_repr_keys", outcome(sorted_keys(A))));
    BOOST_TEST(python3_says("instance_repr", outcome(A())));
    BOOST_TEST(python3_says("instance_dict", outcome(A().attr("__dict__"))));
    BOOST_TEST(python3_says("instance_weakref", outcome(A().attr("__weakref__"))));
    BOOST_TEST(python3_says("instance_sizeof", outcome(A().attr("__sizeof__")())));
    BOOST_TEST(python3_says("class_sizes",
                            outcome(O::tuple({A.attr("__basicsize__"), A.attr("__itemsize__"),
                                              A.attr("__weakrefoffset__")}))));
    O a = A();
    a.set("x", 1);
    a.set("y", "two");
    BOOST_TEST(python3_says("instance_attributes",
                            outcome(O::tuple({a.attr("x"), a.attr("y"), a.attr("__dict__")}))));
    BOOST_TEST(python3_says("delete_missing_instance_attribute", outcome(A().del("x"))));
    BOOST_TEST(python3_says("delete_missing_class_attribute",
                            outcome(type3("T", O::tuple({}), O::dict({})).del("x"))));
    BOOST_TEST(python3_says("instance_getstate_empty", outcome(A().attr("__getstate__")())));
    O b = A();
    b.set("x", 1);
    BOOST_TEST(python3_says("instance_getstate", outcome(b.attr("__getstate__")())));
    BOOST_TEST(python3_says("object_init_extra_args", outcome(A(1))));
    BOOST_TEST(python3_says("object_new_extra_args",
                            outcome(O::type(&PyBaseObject_Type).attr("__new__")(A, 1))));
    BOOST_TEST(python3_says("object_init_direct_extra",
                            outcome(O::type(&PyBaseObject_Type).attr("__init__")(A(), 1))));
}

BOOST_FIXTURE_TEST_CASE(type_new_checks_its_arguments, TypesFixture) {
    O A = cls("A");
    O empty = O::tuple({});
    O New = Type.attr("__new__");
    BOOST_TEST(python3_says("type_new_arg_count", outcome(New(Type, "X"))));
    BOOST_TEST(python3_says("type_new_bases_not_tuple",
                            outcome(New(Type, "X", O::list({}), O::dict({})))));
    BOOST_TEST(python3_says("type_new_name_not_str", outcome(New(Type, 1, empty, O::dict({})))));
    BOOST_TEST(python3_says("type_new_dict_not_dict", outcome(New(Type, "X", empty, O::list({})))));
    BOOST_TEST(python3_says(
        "type_name_nul",
        outcome(type3("X", empty, O::dict({})).get()
                    ? O(Type(O(PyUnicode_FromStringAndSize("X\0", 2)), empty, O::dict({})))
                    : O())));
    BOOST_TEST(python3_says("type_qualname_not_str",
                            outcome(type3("X", empty, O::dict({{"__qualname__", 1}})))));
    BOOST_TEST(python3_says("metaclass_conflict", outcome(type3("X", O::tuple({1}), O::dict({})))));
    BOOST_TEST(
        python3_says("layout_conflict",
                     outcome(type3("X", O::tuple({O::type(&PyLong_Type), O::type(&PyUnicode_Type)}),
                                   O::dict({})))));
    BOOST_TEST(python3_says("not_acceptable_base",
                            outcome(type3("X", O::tuple({O::type(&PyBool_Type)}), O::dict({})))));
    BOOST_TEST(
        python3_says("bases_must_be_types", outcome(type3("X", O::tuple({A, 1}), O::dict({})))));
    BOOST_TEST(python3_says("classcell_not_cell",
                            outcome(type3("X", empty, O::dict({{"__classcell__", 1}})))));
}

BOOST_FIXTURE_TEST_CASE(slots, TypesFixture) {
    O empty = O::tuple({});
    const auto with_slots = [&](const char *name, O names) {
        return type3(name, O::tuple({}), O::dict({{"__slots__", std::move(names)}}));
    };
    BOOST_TEST(python3_says("slots_not_iterable", outcome(with_slots("X", 1))));
    BOOST_TEST(python3_says("slots_not_str", outcome(with_slots("X", O::list({1})))));
    BOOST_TEST(python3_says("slots_not_identifier", outcome(with_slots("X", O::list({"1a"})))));
    BOOST_TEST(python3_says("slots_dict_twice",
                            outcome(with_slots("X", O::tuple({"__dict__", "__dict__"})))));
    BOOST_TEST(python3_says("slots_weakref_twice",
                            outcome(with_slots("X", O::tuple({"__weakref__", "__weakref__"})))));
    BOOST_TEST(python3_says(
        "slots_conflict",
        outcome(type3("X", empty, O::dict({{"__slots__", O::tuple({"x"})}, {"x", 1}})))));
    BOOST_TEST(
        python3_says("slots_int_base", outcome(type3("X", O::tuple({O::type(&PyLong_Type)}),
                                                     O::dict({{"__slots__", O::tuple({"x"})}})))));
    BOOST_TEST(
        python3_says("slots_mangled", outcome(dict_keys(with_slots("X", O::list({"__x", "y"}))))));
    BOOST_TEST(python3_says("slots_mangled_underscore_class",
                            outcome(dict_keys(with_slots("_X", O::list({"__x"}))))));
    BOOST_TEST(python3_says("slots_sorted_members",
                            outcome(dict_keys(with_slots("X", O::list({"b", "a"}))))));
    BOOST_TEST(python3_says("slots_with_dict",
                            outcome(dict_keys(with_slots("X", O::list({"__dict__"}))))));
    BOOST_TEST(python3_says("slots_empty", outcome(dict_keys(with_slots("X", O::tuple({}))))));
    BOOST_TEST(python3_says("slots_empty_no_dict",
                            outcome(with_slots("X", O::tuple({}))().attr("__dict__"))));
    BOOST_TEST(python3_says("slots_empty_no_attribute",
                            outcome(with_slots("X", O::tuple({}))().set("a", 1))));
    O S2 = with_slots("S", O::tuple({"a", "b"}));
    BOOST_TEST(python3_says(
        "slots_sizes", outcome(O::tuple({S2.attr("__basicsize__"), S2().attr("__sizeof__")()}))));
    O S = cls("S", {}, {{"__slots__", O::tuple({"a", "b"}).release()}});
    BOOST_TEST(python3_says("slot_unset", outcome(S().attr("a"))));
    BOOST_TEST(python3_says("slot_member_repr", outcome(S.attr("a"))));
    O s = S();
    s.set("a", 5);
    O first = s.attr("a");
    s.del("a");
    BOOST_TEST(
        python3_says("slot_set_get_del",
                     outcome(O::tuple({first, O::boolean(PyObject_HasAttrString(s.get(), "a"))}))));
    BOOST_TEST(python3_says("slot_delete_unset", outcome(S().del("a"))));
    BOOST_TEST(python3_says("slot_no_other_attribute", outcome(S().set("c", 1))));
    O t = S();
    t.set("b", 2);
    BOOST_TEST(python3_says("slot_getstate", outcome(t.attr("__getstate__")())));
}

BOOST_FIXTURE_TEST_CASE(class_attributes_and_names, TypesFixture) {
    const auto fresh = [] { return type3("T", O::tuple({}), O::dict({})); };
    BOOST_TEST(python3_says("class_set_name", outcome(fresh().set("__name__", 1))));
    BOOST_TEST(python3_says("class_set_qualname", outcome(fresh().set("__qualname__", 1))));
    BOOST_TEST(python3_says("class_delete_module", outcome(fresh().del("__module__"))));
    O T = fresh();
    T.set("__name__", "U");
    T.set("__qualname__", "V.U");
    O module_main = T.set("__module__", "__main__");
    BOOST_TEST(python3_says("class_rename",
                            outcome(O::tuple({T.attr("__name__"), T.attr("__qualname__"), T}))));
    O T2 = type3("T", O::tuple({}), O::dict({{"x", 1}}));
    O t = T2();
    O before = t.attr("x");
    t.set("x", 2);
    BOOST_TEST(python3_says("class_attribute_shadowing",
                            outcome(O::tuple({before, t.attr("x"), T2.attr("x")}))));
    O T3 = fresh();
    O U = type3("U", O::tuple({T3}), O::dict({}));
    O V = type3("V", O::tuple({T3}), O::dict({}));
    O names = names_of(T3.attr("__subclasses__")());
    PyList_Append(names.get(),
                  O(PyLong_FromSsize_t(PyList_GET_SIZE(U.attr("__subclasses__")().get()))).get());
    PyList_Append(names.get(), V.attr("__base__").attr("__name__").get());
    BOOST_TEST(python3_says("class_subclasses", outcome(names)));
}

BOOST_FIXTURE_TEST_CASE(assigning_class, TypesFixture) {
    O A = cls("A");
    O S = cls("S", {}, {{"__slots__", O::tuple({"a", "b"}).release()}});
    O T = type3("T", O::tuple({}), O::dict({}));
    O U = type3("U", O::tuple({}), O::dict({}));
    O t = T();
    t.set("__class__", U);
    BOOST_TEST(python3_says("class_assign_class", outcome(t.attr("__class__").attr("__name__"))));
    BOOST_TEST(python3_says("class_assign_not_type", outcome(A().set("__class__", 1))));
    BOOST_TEST(python3_says("class_assign_immutable",
                            outcome(A().set("__class__", O::type(&PyLong_Type)))));
    BOOST_TEST(python3_says("class_assign_layout", outcome(A().set("__class__", S))));
    BOOST_TEST(
        python3_says("class_assign_int", outcome(O(1).set("__class__", O::type(&PyBool_Type)))));
    BOOST_TEST(python3_says("class_delete_class", outcome(A().del("__class__"))));
}

BOOST_AUTO_TEST_SUITE_END()
