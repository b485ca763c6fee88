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
    MINIPY_CASE("len_through_call_method",
                outcome(PyObject_CallMethod(l.get(), "__len__", nullptr)));
    MINIPY_CASE("int_add_bound", outcome(O(1).attr("__add__")(2)));
    MINIPY_CASE("str_class", outcome(O("abc").attr("__class__")));
    MINIPY_CASE("int_class_class", outcome(O(1).attr("__class__").attr("__class__")));
    MINIPY_CASE("int_add_descriptor_call", outcome(Int.attr("__add__")(2, 3)));
    MINIPY_CASE("int_radd", outcome(O(5).attr("__radd__")(1)));
    MINIPY_CASE("pow_three", outcome(O(2).attr("__pow__")(10, 7)));
    MINIPY_CASE("hash_through_wrapper", outcome(O(7).attr("__hash__")()));
    MINIPY_CASE("getitem_wrapper", outcome(O::list({10, 20}).attr("__getitem__")(-1)));
    MINIPY_CASE("contains_wrapper", outcome(O::list({1, 2}).attr("__contains__")(2)));
    MINIPY_CASE("lt_wrapper", outcome(O(1).attr("__lt__")(2)));
    MINIPY_CASE("eq_wrapper_notimplemented", outcome(O(1).attr("__eq__")("a")));
    MINIPY_CASE("str_wrapper", outcome(O(5).attr("__str__")()));
    MINIPY_CASE("repr_wrapper", outcome(O("a").attr("__repr__")()));
    MINIPY_CASE("bool_wrapper", outcome(O(0).attr("__bool__")()));
    MINIPY_CASE("neg_wrapper", outcome(O(5).attr("__neg__")()));
    MINIPY_CASE("index_wrapper", outcome(O(5).attr("__index__")()));
    MINIPY_CASE("float_wrapper", outcome(O(5).attr("__float__")()));
    MINIPY_CASE("iter_next_wrappers", outcome(iter_of(O::list({7})).attr("__next__")()));
    MINIPY_CASE("next_exhausted", outcome(iter_of(O::list({})).attr("__next__")()));
    MINIPY_CASE("call_wrapper", outcome(O::type(&PyType_Type).attr("__call__")(Int, "12")));
    MINIPY_CASE("init_wrapper", outcome(O::list({1}).attr("__init__")(O::list({2, 3}))));
    MINIPY_CASE("new_through_dict", outcome(Int.attr("__new__")(Int, "42")));
    MINIPY_CASE("str_join_through_dict",
                outcome(Str.attr("__dict__")["join"](", ", O::list({"a", "b"}))));
    MINIPY_CASE("classmethod_descr_call",
                outcome(O::type(&PyDict_Type)
                            .attr("__dict__")["fromkeys"](O::type(&PyDict_Type), O::list({1}))));
    MINIPY_CASE("list_hash_is_none", outcome(O::type(&PyList_Type).attr("__hash__")));
    MINIPY_CASE("list_unhashable", outcome(hash_of(O::list({}))));
    MINIPY_CASE("format_empty_spec",
                outcome(O::type(&PyBaseObject_Type).attr("__format__")(1, "")));
    MINIPY_CASE("sizeof_object",
                outcome(O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type)))
                            .attr("__sizeof__")()));
    MINIPY_CASE("getstate_empty",
                outcome(O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type)))
                            .attr("__getstate__")()));
    MINIPY_CASE("subclasshook",
                outcome(O::type(&PyBaseObject_Type).attr("__subclasshook__")(1, 2)));
    MINIPY_CASE("class_of_none", outcome(O::type(Py_TYPE(Py_None)).attr("__name__")));
}

BOOST_FIXTURE_TEST_CASE(descriptors_print_as_cpython_does, TypesFixture) {
    MINIPY_CASE("repr_int_add", outcome(Int.attr("__add__")));
    MINIPY_CASE("repr_bound_add", outcome(O(1).attr("__add__")));
    MINIPY_CASE("repr_str_join", outcome(Str.attr("__dict__")["join"]));
    MINIPY_CASE("repr_dict_fromkeys_descr",
                outcome(O::type(&PyDict_Type).attr("__dict__")["fromkeys"]));
    MINIPY_CASE("repr_dict_fromkeys_bound", outcome(O::type(&PyDict_Type).attr("fromkeys")));
    MINIPY_CASE("repr_real_getset", outcome(Int.attr("__dict__")["real"]));
    MINIPY_CASE("repr_object_class_getset",
                outcome(O::type(&PyBaseObject_Type).attr("__dict__")["__class__"]));
    MINIPY_CASE("repr_type_dict_getset",
                outcome(O::type(&PyType_Type).attr("__dict__")["__dict__"]));
    MINIPY_CASE("repr_object_new", outcome(O::type(&PyBaseObject_Type).attr("__new__")));
    MINIPY_CASE("int_hash_wrapper", outcome(Int.attr("__dict__")["__hash__"]));
    MINIPY_CASE("wrapper_get_class", outcome(Int.attr("__add__").attr("__get__")(O::none(), Int)));
    MINIPY_CASE("wrapper_qualname", outcome(O::tuple({Int.attr("__add__").attr("__qualname__"),
                                                      Int.attr("__add__").attr("__name__"),
                                                      O(1).attr("__add__").attr("__qualname__")})));
    MINIPY_CASE("wrapper_objclass", outcome(O::tuple({O(1).attr("__add__").attr("__objclass__"),
                                                      O(1).attr("__add__").attr("__self__")})));
    MINIPY_CASE("wrapper_doc", outcome(O::tuple({Int.attr("__add__").attr("__doc__"),
                                                 Int.attr("__add__").attr("__text_signature__")})));
    MINIPY_CASE("method_descr_names", outcome(O::tuple({Str.attr("join").attr("__name__"),
                                                        Str.attr("join").attr("__qualname__"),
                                                        Str.attr("join").attr("__objclass__")})));
    O one = 1;
    MINIPY_CASE("method_wrapper_eq",
                outcome(O::tuple({O(PyObject_RichCompare(one.attr("__add__").get(),
                                                         one.attr("__add__").get(), Py_EQ)),
                                  O(PyObject_RichCompare(one.attr("__add__").get(),
                                                         one.attr("__sub__").get(), Py_EQ))})));
    MINIPY_CASE("object_dict_keys",
                outcome(sorted_list(O::type(&PyBaseObject_Type).attr("__dict__"))));
    O int_keys(PySequence_List(Int.attr("__dict__").get()));
    MINIPY_CASE("object_new_first_in_dict", outcome(int_keys[0]));
}

BOOST_FIXTURE_TEST_CASE(calling_descriptors_checks_its_arguments, TypesFixture) {
    O Dict = O::type(&PyDict_Type);
    MINIPY_CASE("int_add_wrong_self", outcome(Int.attr("__add__")(1.0, 1)));
    MINIPY_CASE("int_add_no_args", outcome(Int.attr("__add__")()));
    MINIPY_CASE("bound_add_no_args", outcome(O(1).attr("__add__")()));
    MINIPY_CASE("bound_add_keywords", outcome(O(1).attr("__add__").call({}, {{"x", 1}})));
    MINIPY_CASE("pow_no_args", outcome(O(2).attr("__pow__")()));
    MINIPY_CASE("getitem_wrapper_range", outcome(O::list({}).attr("__getitem__")(10)));
    MINIPY_CASE("setitem_wrapper", outcome(O::list({}).attr("__setitem__")(0, 1)));
    MINIPY_CASE("new_not_a_type", outcome(Int.attr("__new__")(1)));
    MINIPY_CASE("new_no_args", outcome(Int.attr("__new__")()));
    MINIPY_CASE("new_not_subtype", outcome(Int.attr("__new__")(Str)));
    MINIPY_CASE("new_not_safe", outcome(O::type(&PyBaseObject_Type).attr("__new__")(Int)));
    MINIPY_CASE("descr_wrong_self", outcome(Str.attr("join")(1, O::list({}))));
    MINIPY_CASE("descr_no_self", outcome(Str.attr("join")()));
    MINIPY_CASE("descr_too_many", outcome(Str.attr("join")("", 1, 2)));
    MINIPY_CASE("descr_keywords", outcome(Str.attr("join").call({""}, {{"x", 1}})));
    MINIPY_CASE("descr_noargs_extra", outcome(O::type(&PyList_Type).attr("clear")(O::list({}), 1)));
    MINIPY_CASE("classmethod_descr_no_args", outcome(Dict.attr("__dict__")["fromkeys"]()));
    MINIPY_CASE("classmethod_descr_not_type", outcome(Dict.attr("__dict__")["fromkeys"](1)));
    MINIPY_CASE("classmethod_descr_not_subtype",
                outcome(Dict.attr("__dict__")["fromkeys"](Int, O::list({}))));
    MINIPY_CASE("getset_not_writable", outcome(O::borrow(Py_True).set("real", 1)));
    MINIPY_CASE("getset_wrong_object",
                outcome(Int.attr("__dict__")["real"].attr("__get__")("x", Str)));
    MINIPY_CASE("wrapper_get_none_none",
                outcome(Int.attr("__add__").attr("__get__")(O::none(), O::none())));
    MINIPY_CASE("setattr_hackcheck",
                outcome(O::type(&PyBaseObject_Type).attr("__setattr__")(Int, "x", 1)));
    MINIPY_CASE(
        "format_bad_spec",
        outcome(O::type(&PyBaseObject_Type)
                    .attr("__format__")(
                        O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type))),
                        "x")));
    MINIPY_CASE(
        "format_not_str",
        outcome(
            O::type(&PyBaseObject_Type)
                .attr("__format__")(
                    O(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type))), 1)));
    MINIPY_CASE("init_subclass_args",
                outcome(O::type(&PyBaseObject_Type).attr("__init_subclass__")(1)));
    MINIPY_CASE("object_takes_no_arguments", outcome(O::type(&PyBaseObject_Type)(1)));
    MINIPY_CASE("cannot_create", outcome(O::type(Py_TYPE(iter_of(O::list({})).get()))()));
}

// A method descriptor called with self first (what the interpreter's method calls do), for
// each calling convention of the methods behind it.
BOOST_FIXTURE_TEST_CASE(method_descriptors_call_every_convention, TypesFixture) {
    O List = O::type(&PyList_Type);
    O items = O::list({1});
    MINIPY_CASE("descr_fastcall", outcome(O::tuple({List.attr("insert")(items, 0, 5), items})));
    O to_bytes = Int.attr("to_bytes");
    MINIPY_CASE("descr_fastcall_keywords",
                outcome(O::tuple({to_bytes(5, 2, "big"),
                                  to_bytes.call({5}, {{"length", 2}, {"byteorder", "little"}})})));
    MINIPY_CASE("descr_fastcall_no_keywords",
                outcome(List.attr("insert").call({O::list({}), 0}, {{"x", 1}})));
    MINIPY_CASE("descr_fastcall_keyword_error", outcome(to_bytes.call({5, 1, "big"}, {{"x", 1}})));
    MINIPY_CASE("descr_fastcall_no_self", outcome(to_bytes()));
    // **{1: 2}: a key that is not a str.
    const auto with_int_keyword = [](const O &callable, const O &args) {
        O kwargs(PyDict_New());
        if (PyDict_SetItem(kwargs.get(), O(1).get(), O(2).get()) < 0) return O();
        return O(PyObject_Call(callable.get(), args.get(), kwargs.get()));
    };
    MINIPY_CASE("descr_keywords_not_str",
                outcome(with_int_keyword(Str.attr("join"), O::tuple({""}))));
    MINIPY_CASE("descr_fastcall_keywords_not_str",
                outcome(with_int_keyword(to_bytes, O::tuple({5}))));
}

BOOST_FIXTURE_TEST_CASE(mappingproxy_is_a_read_only_view, TypesFixture) {
    O d = Int.attr("__dict__");
    MINIPY_CASE("type_of_type_dict", outcome(O::type(Py_TYPE(d.get()))));
    MINIPY_CASE("mappingproxy_getitem", outcome(is(d["__add__"], Int.attr("__add__"))));
    MINIPY_CASE("mappingproxy_missing", outcome(d["nope"]));
    MINIPY_CASE("mappingproxy_contains",
                outcome(O::tuple({contains(d, "__add__"), contains(d, "nope")})));
    MINIPY_CASE("mappingproxy_setitem", outcome(d.attr("__setitem__")("x", 1)));
    MINIPY_CASE("mappingproxy_get", outcome(d.attr("get")("nope", 5)));
    MINIPY_CASE("mappingproxy_ior", outcome(d.attr("__ior__")(O(PyDict_New()))));
    MINIPY_CASE("mappingproxy_new", outcome(O::type(Py_TYPE(d.get()))(O::list({}))));
}

BOOST_FIXTURE_TEST_CASE(attribute_errors_and_type_attributes, TypesFixture) {
    O obj(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type)));
    O Bool = O::type(&PyBool_Type);
    O Type = O::type(&PyType_Type);
    MINIPY_CASE("object_no_attribute", outcome(obj.attr("x")));
    MINIPY_CASE("object_set_attribute", outcome(obj.set("x", 1)));
    MINIPY_CASE("read_only_method", outcome(O::list({}).set("append", 1)));
    MINIPY_CASE("type_no_attribute", outcome(Int.attr("x")));
    MINIPY_CASE("immutable_type_set", outcome(Int.set("x", 1)));
    MINIPY_CASE("immutable_type_name", outcome(Int.set("__name__", "y")));
    MINIPY_CASE("attribute_name_not_str", outcome(get_attribute(O(1), O(2))));
    MINIPY_CASE(
        "type_name_qualname_module",
        outcome(O::tuple({Int.attr("__name__"), Int.attr("__qualname__"), Int.attr("__module__"),
                          O::type(Py_TYPE(iter_of(O::list({})).get())).attr("__module__")})));
    MINIPY_CASE(
        "type_mro_bases",
        outcome(O::tuple({Bool.attr("__mro__"), Bool.attr("__bases__"), Bool.attr("__base__"),
                          O::type(&PyBaseObject_Type).attr("__base__"),
                          O::type(&PyBaseObject_Type).attr("__bases__")})));
    MINIPY_CASE("type_mro_method", outcome(Bool.attr("mro")()));
    MINIPY_CASE("type_doc", outcome(O::type(&PyBaseObject_Type).attr("__doc__")));
    const auto flag = [](PyTypeObject *t, unsigned long bit) {
        return O(static_cast<long>(t->tp_flags & bit));
    };
    MINIPY_CASE("type_flags_bits", outcome(O::tuple({flag(&PyBool_Type, Py_TPFLAGS_HEAPTYPE),
                                                     flag(&PyLong_Type, Py_TPFLAGS_BASETYPE),
                                                     flag(&PyBool_Type, Py_TPFLAGS_BASETYPE)})));
    MINIPY_CASE("type_subclasscheck",
                outcome(O::tuple({Type.attr("__subclasscheck__")(Int, Bool),
                                  Type.attr("__instancecheck__")(Int, O::borrow(Py_True))})));
    MINIPY_CASE("type_subclasscheck_bad", outcome(Type.attr("__subclasscheck__")(Int, 1)));
    MINIPY_CASE("type_prepare",
                outcome(Type.attr("__prepare__").call({"a", O::tuple({})}, {{"x", 1}})));
    MINIPY_CASE("type_abstractmethods", outcome(Int.attr("__abstractmethods__")));
    MINIPY_CASE("type_annotations_static", outcome(Int.attr("__annotations__")));
    MINIPY_CASE("type_call_one", outcome(Type(1.5)));
    MINIPY_CASE("type_call_two", outcome(Type("X", O::tuple({}))));
    MINIPY_CASE("type_init_keywords", outcome(Type.attr("__init__").call({Int, 1}, {{"x", 2}})));
    MINIPY_CASE("type_init_count", outcome(Type.attr("__init__")(Int, 1, 2)));
    MINIPY_CASE("isinstance_bad_second", outcome(isinstance(O(1), O(1))));
    MINIPY_CASE("issubclass_bad_first", outcome(issubclass(O(1), Int)));
    MINIPY_CASE("issubclass_bad_second", outcome(issubclass(Int, O(1))));
    MINIPY_CASE("isinstance_tuple",
                outcome(O::tuple(
                    {isinstance(O(1), O::tuple({Str, O::tuple({O::type(&PyBytes_Type), Int})})),
                     issubclass(Bool, O::tuple({Str, Int}))})));
}

BOOST_AUTO_TEST_SUITE_END()
