// The built-in types as seen through the type system (issue 10 point 4, issue 12 point 4):
// their dicts hold slot wrappers, method/classmethod/getset/member descriptors and T.__new__;
// calling those, binding them, and the errors on the way; attribute errors and lookups on
// types; mappingproxy; object's own methods. Every expected text is what python3 gives for the
// same operation (data/types_gen.py, data/types_cases.txt).
#include <boost/test/unit_test.hpp>

#include "runtime/type_support.hpp"

using namespace minipy::test::types;

namespace {

O hash_of(const O &o) {
    if (!o) return O();
    const Py_hash_t h = PyObject_Hash(o.get());
    return h == -1 && PyErr_Occurred() ? O() : O(PyLong_FromSsize_t(h));
}
O iter_of(const O &o) {
    return o ? O(PyObject_GetIter(o.get())) : O();
}
O sorted_list(const O &o) {
    if (!o) return O();
    O list(PySequence_List(o.get()));
    if (list && PyList_Sort(list.get()) < 0) return O();
    return list;
}
O is(const O &a, const O &b) {
    return a && b ? O::boolean(a.get() == b.get()) : O();
}
O isinstance(const O &a, const O &b) {
    if (!a || !b) return O();
    const int r = PyObject_IsInstance(a.get(), b.get());
    return r < 0 ? O() : O::boolean(r);
}
O issubclass(const O &a, const O &b) {
    if (!a || !b) return O();
    const int r = PyObject_IsSubclass(a.get(), b.get());
    return r < 0 ? O() : O::boolean(r);
}
O contains(const O &container, const O &item) {
    if (!container || !item) return O();
    const int r = PySequence_Contains(container.get(), item.get());
    return r < 0 ? O() : O::boolean(r);
}
O get_attribute(const O &o, const O &name) {
    return o && name ? O(PyObject_GetAttr(o.get(), name.get())) : O();
}

const O Int = O::type(&PyLong_Type);
const O Str = O::type(&PyUnicode_Type);

}  // namespace

BOOST_AUTO_TEST_SUITE(types_builtin)

BOOST_FIXTURE_TEST_CASE(special_methods_of_builtin_types, TypesFixture) {
    O l = O::list({1, 2, 3});
    BOOST_TEST(python3_says("len_through_call_method",
                            outcome(PyObject_CallMethod(l.get(), "__len__", nullptr))));
    BOOST_TEST(python3_says("int_add_bound", outcome(O(1).attr("__add__")(2))));
    BOOST_TEST(python3_says("str_class", outcome(O("abc").attr("__class__"))));
    BOOST_TEST(python3_says("int_class_class", outcome(O(1).attr("__class__").attr("__class__"))));
    BOOST_TEST(python3_says("int_add_descriptor_call", outcome(Int.attr("__add__")(2, 3))));
    BOOST_TEST(python3_says("int_radd", outcome(O(5).attr("__radd__")(1))));
    BOOST_TEST(python3_says("pow_three", outcome(O(2).attr("__pow__")(10, 7))));
    BOOST_TEST(python3_says("hash_through_wrapper", outcome(O(7).attr("__hash__")())));
    BOOST_TEST(python3_says("getitem_wrapper", outcome(O::list({10, 20}).attr("__getitem__")(-1))));
    BOOST_TEST(python3_says("contains_wrapper", outcome(O::list({1, 2}).attr("__contains__")(2))));
    BOOST_TEST(python3_says("lt_wrapper", outcome(O(1).attr("__lt__")(2))));
    BOOST_TEST(python3_says("eq_wrapper_notimplemented", outcome(O(1).attr("__eq__")("a"))));
    BOOST_TEST(python3_says("str_wrapper", outcome(O(5).attr("__str__")())));
    BOOST_TEST(python3_says("repr_wrapper", outcome(O("a").attr("__repr__")())));
    BOOST_TEST(python3_says("bool_wrapper", outcome(O(0).attr("__bool__")())));
    BOOST_TEST(python3_says("neg_wrapper", outcome(O(5).attr("__neg__")())));
    BOOST_TEST(python3_says("index_wrapper", outcome(O(5).attr("__index__")())));
    BOOST_TEST(python3_says("float_wrapper", outcome(O(5).attr("__float__")())));
    BOOST_TEST(
        python3_says("iter_next_wrappers", outcome(iter_of(O::list({7})).attr("__next__")())));
    BOOST_TEST(python3_says("next_exhausted", outcome(iter_of(O::list({})).attr("__next__")())));
    BOOST_TEST(
        python3_says("call_wrapper", outcome(O::type(&PyType_Type).attr("__call__")(Int, "12"))));
    BOOST_TEST(
        python3_says("init_wrapper", outcome(O::list({1}).attr("__init__")(O::list({2, 3})))));
    BOOST_TEST(python3_says("new_through_dict", outcome(Int.attr("__new__")(Int, "42"))));
    BOOST_TEST(python3_says("str_join_through_dict",
                            outcome(Str.attr("__dict__")["join"](", ", O::list({"a", "b"})))));
    BOOST_TEST(python3_says(
        "classmethod_descr_call",
        outcome(O::type(&PyDict_Type)
                    .attr("__dict__")["fromkeys"](O::type(&PyDict_Type), O::list({1})))));
    BOOST_TEST(python3_says("list_hash_is_none", outcome(O::type(&PyList_Type).attr("__hash__"))));
    BOOST_TEST(python3_says("list_unhashable", outcome(hash_of(O::list({})))));
    BOOST_TEST(python3_says("format_empty_spec",
                            outcome(O::type(&PyBaseObject_Type).attr("__format__")(1, ""))));
    BOOST_TEST(python3_says(
        "sizeof_object",
        outcome(O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type)))
                    .attr("__sizeof__")())));
    BOOST_TEST(python3_says(
        "getstate_empty",
        outcome(O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type)))
                    .attr("__getstate__")())));
    BOOST_TEST(python3_says("subclasshook",
                            outcome(O::type(&PyBaseObject_Type).attr("__subclasshook__")(1, 2))));
    BOOST_TEST(python3_says("class_of_none", outcome(O::type(Py_TYPE(Py_None)).attr("__name__"))));
}

BOOST_FIXTURE_TEST_CASE(descriptors_print_as_cpython_does, TypesFixture) {
    BOOST_TEST(python3_says("repr_int_add", outcome(Int.attr("__add__"))));
    BOOST_TEST(python3_says("repr_bound_add", outcome(O(1).attr("__add__"))));
    BOOST_TEST(python3_says("repr_str_join", outcome(Str.attr("__dict__")["join"])));
    BOOST_TEST(python3_says("repr_dict_fromkeys_descr",
                            outcome(O::type(&PyDict_Type).attr("__dict__")["fromkeys"])));
    BOOST_TEST(
        python3_says("repr_dict_fromkeys_bound", outcome(O::type(&PyDict_Type).attr("fromkeys"))));
    BOOST_TEST(python3_says("repr_real_getset", outcome(Int.attr("__dict__")["real"])));
    BOOST_TEST(python3_says("repr_object_class_getset",
                            outcome(O::type(&PyBaseObject_Type).attr("__dict__")["__class__"])));
    BOOST_TEST(python3_says("repr_type_dict_getset",
                            outcome(O::type(&PyType_Type).attr("__dict__")["__dict__"])));
    BOOST_TEST(
        python3_says("repr_object_new", outcome(O::type(&PyBaseObject_Type).attr("__new__"))));
    BOOST_TEST(python3_says("int_hash_wrapper", outcome(Int.attr("__dict__")["__hash__"])));
    BOOST_TEST(python3_says("wrapper_get_class",
                            outcome(Int.attr("__add__").attr("__get__")(O::none(), Int))));
    BOOST_TEST(python3_says("wrapper_qualname",
                            outcome(O::tuple({Int.attr("__add__").attr("__qualname__"),
                                              Int.attr("__add__").attr("__name__"),
                                              O(1).attr("__add__").attr("__qualname__")}))));
    BOOST_TEST(python3_says("wrapper_objclass",
                            outcome(O::tuple({O(1).attr("__add__").attr("__objclass__"),
                                              O(1).attr("__add__").attr("__self__")}))));
    BOOST_TEST(python3_says("wrapper_doc",
                            outcome(O::tuple({Int.attr("__add__").attr("__doc__"),
                                              Int.attr("__add__").attr("__text_signature__")}))));
    BOOST_TEST(python3_says(
        "method_descr_names",
        outcome(O::tuple({Str.attr("join").attr("__name__"), Str.attr("join").attr("__qualname__"),
                          Str.attr("join").attr("__objclass__")}))));
    O one = 1;
    BOOST_TEST(python3_says(
        "method_wrapper_eq",
        outcome(O::tuple(
            {O(PyObject_RichCompare(one.attr("__add__").get(), one.attr("__add__").get(), Py_EQ)),
             O(PyObject_RichCompare(one.attr("__add__").get(), one.attr("__sub__").get(),
                                    Py_EQ))}))));
    BOOST_TEST(python3_says("object_dict_keys",
                            outcome(sorted_list(O::type(&PyBaseObject_Type).attr("__dict__")))));
    O int_keys(PySequence_List(Int.attr("__dict__").get()));
    BOOST_TEST(python3_says("object_new_first_in_dict", outcome(int_keys[0])));
}

BOOST_FIXTURE_TEST_CASE(calling_descriptors_checks_its_arguments, TypesFixture) {
    O Dict = O::type(&PyDict_Type);
    BOOST_TEST(python3_says("int_add_wrong_self", outcome(Int.attr("__add__")(1.0, 1))));
    BOOST_TEST(python3_says("int_add_no_args", outcome(Int.attr("__add__")())));
    BOOST_TEST(python3_says("bound_add_no_args", outcome(O(1).attr("__add__")())));
    BOOST_TEST(
        python3_says("bound_add_keywords", outcome(O(1).attr("__add__").call({}, {{"x", 1}}))));
    BOOST_TEST(python3_says("pow_no_args", outcome(O(2).attr("__pow__")())));
    BOOST_TEST(python3_says("getitem_wrapper_range", outcome(O::list({}).attr("__getitem__")(10))));
    BOOST_TEST(python3_says("setitem_wrapper", outcome(O::list({}).attr("__setitem__")(0, 1))));
    BOOST_TEST(python3_says("new_not_a_type", outcome(Int.attr("__new__")(1))));
    BOOST_TEST(python3_says("new_no_args", outcome(Int.attr("__new__")())));
    BOOST_TEST(python3_says("new_not_subtype", outcome(Int.attr("__new__")(Str))));
    BOOST_TEST(
        python3_says("new_not_safe", outcome(O::type(&PyBaseObject_Type).attr("__new__")(Int))));
    BOOST_TEST(python3_says("descr_wrong_self", outcome(Str.attr("join")(1, O::list({})))));
    BOOST_TEST(python3_says("descr_no_self", outcome(Str.attr("join")())));
    BOOST_TEST(python3_says("descr_too_many", outcome(Str.attr("join")("", 1, 2))));
    BOOST_TEST(python3_says("descr_keywords", outcome(Str.attr("join").call({""}, {{"x", 1}}))));
    BOOST_TEST(python3_says("descr_noargs_extra",
                            outcome(O::type(&PyList_Type).attr("clear")(O::list({}), 1))));
    BOOST_TEST(
        python3_says("classmethod_descr_no_args", outcome(Dict.attr("__dict__")["fromkeys"]())));
    BOOST_TEST(
        python3_says("classmethod_descr_not_type", outcome(Dict.attr("__dict__")["fromkeys"](1))));
    BOOST_TEST(python3_says("classmethod_descr_not_subtype",
                            outcome(Dict.attr("__dict__")["fromkeys"](Int, O::list({})))));
    BOOST_TEST(python3_says("getset_not_writable", outcome(O::borrow(Py_True).set("real", 1))));
    BOOST_TEST(python3_says("getset_wrong_object",
                            outcome(Int.attr("__dict__")["real"].attr("__get__")("x", Str))));
    BOOST_TEST(python3_says("wrapper_get_none_none",
                            outcome(Int.attr("__add__").attr("__get__")(O::none(), O::none()))));
    BOOST_TEST(python3_says("setattr_hackcheck",
                            outcome(O::type(&PyBaseObject_Type).attr("__setattr__")(Int, "x", 1))));
    BOOST_TEST(python3_says(
        "format_bad_spec",
        outcome(O::type(&PyBaseObject_Type)
                    .attr("__format__")(
                        O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type))),
                        "x"))));
    BOOST_TEST(python3_says(
        "format_not_str",
        outcome(
            O::type(&PyBaseObject_Type)
                .attr("__format__")(
                    O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type))), 1))));
    BOOST_TEST(python3_says("init_subclass_args",
                            outcome(O::type(&PyBaseObject_Type).attr("__init_subclass__")(1))));
    BOOST_TEST(python3_says("object_takes_no_arguments", outcome(O::type(&PyBaseObject_Type)(1))));
    BOOST_TEST(
        python3_says("cannot_create", outcome(O::type(Py_TYPE(iter_of(O::list({})).get()))())));
}

// A method descriptor called with self first (what the interpreter's method calls do), for
// each calling convention of the methods behind it.
BOOST_FIXTURE_TEST_CASE(method_descriptors_call_every_convention, TypesFixture) {
    O List = O::type(&PyList_Type);
    O items = O::list({1});
    BOOST_TEST(python3_says("descr_fastcall",
                            outcome(O::tuple({List.attr("insert")(items, 0, 5), items}))));
    O to_bytes = Int.attr("to_bytes");
    BOOST_TEST(python3_says(
        "descr_fastcall_keywords",
        outcome(O::tuple({to_bytes(5, 2, "big"),
                          to_bytes.call({5}, {{"length", 2}, {"byteorder", "little"}})}))));
    BOOST_TEST(python3_says("descr_fastcall_no_keywords",
                            outcome(List.attr("insert").call({O::list({}), 0}, {{"x", 1}}))));
    BOOST_TEST(python3_says("descr_fastcall_keyword_error",
                            outcome(to_bytes.call({5, 1, "big"}, {{"x", 1}}))));
    BOOST_TEST(python3_says("descr_fastcall_no_self", outcome(to_bytes())));
    // **{1: 2}: a key that is not a str.
    const auto with_int_keyword = [](const O &callable, const O &args) {
        O kwargs(PyDict_New());
        if (PyDict_SetItem(kwargs.get(), O(1).get(), O(2).get()) < 0) return O();
        return O(PyObject_Call(callable.get(), args.get(), kwargs.get()));
    };
    BOOST_TEST(python3_says("descr_keywords_not_str",
                            outcome(with_int_keyword(Str.attr("join"), O::tuple({""})))));
    BOOST_TEST(python3_says("descr_fastcall_keywords_not_str",
                            outcome(with_int_keyword(to_bytes, O::tuple({5})))));
}

BOOST_FIXTURE_TEST_CASE(mappingproxy_is_a_read_only_view, TypesFixture) {
    O d = Int.attr("__dict__");
    BOOST_TEST(python3_says("type_of_type_dict", outcome(O::type(Py_TYPE(d.get())))));
    BOOST_TEST(
        python3_says("mappingproxy_getitem", outcome(is(d["__add__"], Int.attr("__add__")))));
    BOOST_TEST(python3_says("mappingproxy_missing", outcome(d["nope"])));
    BOOST_TEST(python3_says("mappingproxy_contains",
                            outcome(O::tuple({contains(d, "__add__"), contains(d, "nope")}))));
    BOOST_TEST(python3_says("mappingproxy_setitem", outcome(d.attr("__setitem__")("x", 1))));
    BOOST_TEST(python3_says("mappingproxy_get", outcome(d.attr("get")("nope", 5))));
    BOOST_TEST(python3_says("mappingproxy_ior", outcome(d.attr("__ior__")(O(PyDict_New())))));
    BOOST_TEST(python3_says("mappingproxy_new", outcome(O::type(Py_TYPE(d.get()))(O::list({})))));
}

BOOST_FIXTURE_TEST_CASE(attribute_errors_and_type_attributes, TypesFixture) {
    O obj(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type)));
    O Bool = O::type(&PyBool_Type);
    O Type = O::type(&PyType_Type);
    BOOST_TEST(python3_says("object_no_attribute", outcome(obj.attr("x"))));
    BOOST_TEST(python3_says("object_set_attribute", outcome(obj.set("x", 1))));
    BOOST_TEST(python3_says("read_only_method", outcome(O::list({}).set("append", 1))));
    BOOST_TEST(python3_says("type_no_attribute", outcome(Int.attr("x"))));
    BOOST_TEST(python3_says("immutable_type_set", outcome(Int.set("x", 1))));
    BOOST_TEST(python3_says("immutable_type_name", outcome(Int.set("__name__", "y"))));
    BOOST_TEST(python3_says("attribute_name_not_str", outcome(get_attribute(O(1), O(2)))));
    BOOST_TEST(python3_says(
        "type_name_qualname_module",
        outcome(O::tuple({Int.attr("__name__"), Int.attr("__qualname__"), Int.attr("__module__"),
                          O::type(Py_TYPE(iter_of(O::list({})).get())).attr("__module__")}))));
    BOOST_TEST(python3_says(
        "type_mro_bases",
        outcome(O::tuple({Bool.attr("__mro__"), Bool.attr("__bases__"), Bool.attr("__base__"),
                          O::type(&PyBaseObject_Type).attr("__base__"),
                          O::type(&PyBaseObject_Type).attr("__bases__")}))));
    BOOST_TEST(python3_says("type_mro_method", outcome(Bool.attr("mro")())));
    BOOST_TEST(python3_says("type_doc", outcome(O::type(&PyBaseObject_Type).attr("__doc__"))));
    const auto flag = [](PyTypeObject *t, unsigned long bit) {
        return O(static_cast<long>(t->tp_flags & bit));
    };
    BOOST_TEST(python3_says("type_flags_bits",
                            outcome(O::tuple({flag(&PyBool_Type, Py_TPFLAGS_HEAPTYPE),
                                              flag(&PyLong_Type, Py_TPFLAGS_BASETYPE),
                                              flag(&PyBool_Type, Py_TPFLAGS_BASETYPE)}))));
    BOOST_TEST(
        python3_says("type_subclasscheck",
                     outcome(O::tuple({Type.attr("__subclasscheck__")(Int, Bool),
                                       Type.attr("__instancecheck__")(Int, O::borrow(Py_True))}))));
    BOOST_TEST(
        python3_says("type_subclasscheck_bad", outcome(Type.attr("__subclasscheck__")(Int, 1))));
    BOOST_TEST(python3_says(
        "type_prepare", outcome(Type.attr("__prepare__").call({"a", O::tuple({})}, {{"x", 1}}))));
    BOOST_TEST(python3_says("type_abstractmethods", outcome(Int.attr("__abstractmethods__"))));
    BOOST_TEST(python3_says("type_annotations_static", outcome(Int.attr("__annotations__"))));
    BOOST_TEST(python3_says("type_call_one", outcome(Type(1.5))));
    BOOST_TEST(python3_says("type_call_two", outcome(Type("X", O::tuple({})))));
    BOOST_TEST(python3_says("type_init_keywords",
                            outcome(Type.attr("__init__").call({Int, 1}, {{"x", 2}}))));
    BOOST_TEST(python3_says("type_init_count", outcome(Type.attr("__init__")(Int, 1, 2))));
    BOOST_TEST(python3_says("isinstance_bad_second", outcome(isinstance(O(1), O(1)))));
    BOOST_TEST(python3_says("issubclass_bad_first", outcome(issubclass(O(1), Int))));
    BOOST_TEST(python3_says("issubclass_bad_second", outcome(issubclass(Int, O(1)))));
    BOOST_TEST(python3_says(
        "isinstance_tuple",
        outcome(
            O::tuple({isinstance(O(1), O::tuple({Str, O::tuple({O::type(&PyBytes_Type), Int})})),
                      issubclass(Bool, O::tuple({Str, Int}))}))));
}

BOOST_AUTO_TEST_SUITE_END()
