// Subclasses of the built-in types, the descriptor and method types (property, classmethod,
// staticmethod, bound methods, super), the hooks of class creation (__init_subclass__,
// __set_name__), metaclasses (__instancecheck__, __subclasscheck__, custom mro(), conflicts,
// abstract classes) and modules, against python3 (data/types_gen.py).
#include <boost/test/unit_test.hpp>

#include "runtime/type_support.hpp"

using namespace minipy::test::types;

namespace {

// The arguments after the first `skip` as a tuple.
O rest(const Args &a, std::size_t skip) {
    O t(PyTuple_New(static_cast<Py_ssize_t>(a.size() - skip)));
    for (std::size_t i = skip; i < a.size(); ++i)
        PyTuple_SET_ITEM(t.get(), static_cast<Py_ssize_t>(i - skip), Py_NewRef(a[i].get()));
    return t;
}

O is(const O &a, const O &b) {
    return a && b ? O::boolean(a.get() == b.get()) : O();
}
O eq(const O &a, const O &b) {
    return a && b ? O(PyObject_RichCompare(a.get(), b.get(), Py_EQ)) : O();
}
O hash_of(const O &o) {
    const Py_hash_t h = PyObject_Hash(o.get());
    return h == -1 && PyErr_Occurred() ? O() : O(PyLong_FromSsize_t(h));
}
O len_of(const O &o) {
    const Py_ssize_t n = PyObject_Size(o.get());
    return n < 0 && PyErr_Occurred() ? O() : O(PyLong_FromSsize_t(n));
}
O isinstance(const O &a, const O &b) {
    const int r = PyObject_IsInstance(a.get(), b.get());
    return r < 0 ? O() : O::boolean(r);
}
O issubclass(const O &a, const O &b) {
    const int r = PyObject_IsSubclass(a.get(), b.get());
    return r < 0 ? O() : O::boolean(r);
}
O sorted_list(const O &o) {
    if (!o) return O();
    O list(PySequence_List(o.get()));
    if (list && PyList_Sort(list.get()) < 0) return O();
    return list;
}

const O Type = O::type(&PyType_Type);

}  // namespace

BOOST_AUTO_TEST_SUITE(types_descr)

BOOST_FIXTURE_TEST_CASE(subclasses_of_builtin_types, TypesFixture) {
    O MyList = cls("MyList", {reinterpret_cast<PyObject *>(&PyList_Type)}, {});
    O m = MyList(O::list({1, 2}));
    m.attr("append")(3);
    m.set("extra", "x");
    BOOST_TEST(
        python3_says("list_subclass",
                     outcome(O::tuple({m, len_of(m), eq(m, O::list({1, 2, 3})),
                                       tname(O(PyNumber_Add(m.get(), O::list({4}).get()))),
                                       m.attr("extra"), isinstance(m, O::type(&PyList_Type))}))));
    BOOST_TEST(python3_says("list_subclass_unhashable", outcome(hash_of(MyList()))));
    BOOST_TEST(python3_says("list_subclass_repr_str",
                            outcome(O::tuple({O(PyObject_Repr(MyList(O::list({1})).get())),
                                              O(PyObject_Str(MyList(O::list({1})).get()))}))));
    O MyInt = cls("MyInt", {reinterpret_cast<PyObject *>(&PyLong_Type)}, {});
    BOOST_TEST(python3_says("int_subclass",
                            outcome(O::tuple({MyInt(5), O(PyNumber_Add(MyInt(5).get(), O(1).get())),
                                              tname(O(PyNumber_Add(MyInt(5).get(), O(1).get()))),
                                              hash_of(MyInt(5)), MyInt("12", 8)}))));
    O i = MyInt(3);
    i.set("tag", 1);
    BOOST_TEST(python3_says("int_subclass_attributes",
                            outcome(O::tuple({i.attr("tag"), i.attr("__dict__")}))));
    O MyStr = cls("MyStr", {reinterpret_cast<PyObject *>(&PyUnicode_Type)}, {});
    BOOST_TEST(python3_says(
        "str_subclass",
        outcome(O::tuple(
            {MyStr("abc"), eq(MyStr("abc"), O("abc")),
             O::boolean(PyObject_Hash(MyStr("abc").get()) == PyObject_Hash(O("abc").get())),
             MyStr("a").attr("upper")(), tname(MyStr("a").attr("upper")()),
             len_of(MyStr("h\xc3\xa9llo"))}))));
    O s = MyStr("x\xe2\x82\xac");
    s.set("tag", 1);
    BOOST_TEST(
        python3_says("str_subclass_attributes",
                     outcome(O::tuple({s.attr("tag"), O(PyNumber_Add(s.get(), O("!").get()))}))));
    O MyBytes = cls("MyBytes", {reinterpret_cast<PyObject *>(&PyBytes_Type)}, {});
    O ab(PyBytes_FromString("ab"));
    BOOST_TEST(python3_says(
        "bytes_subclass",
        outcome(O::tuple({MyBytes(ab), MyBytes(3), len_of(MyBytes(ab)), eq(MyBytes(ab), ab)}))));
    O MyDict = cls("MyDict", {reinterpret_cast<PyObject *>(&PyDict_Type)}, {});
    O d = MyDict.call({}, {{"a", 1}});
    O set_result(PyObject_SetItem(d.get(), O("b").get(), O(2).get()) < 0 ? nullptr
                                                                         : Py_NewRef(Py_None));
    BOOST_TEST(python3_says("dict_subclass",
                            outcome(O::tuple({set_result, d, len_of(d), d["a"], tname(d)}))));
    O MyTuple = cls("MyTuple", {reinterpret_cast<PyObject *>(&PyTuple_Type)}, {});
    BOOST_TEST(python3_says(
        "tuple_subclass",
        outcome(O::tuple({MyTuple(O::list({1, 2})), eq(MyTuple(O::list({1, 2})), O::tuple({1, 2})),
                          O::boolean(PyObject_Hash(MyTuple(O::list({1, 2})).get()) ==
                                     PyObject_Hash(O::tuple({1, 2}).get())),
                          MyTuple()}))));
    O MyFloat = cls("MyFloat", {reinterpret_cast<PyObject *>(&PyFloat_Type)}, {});
    BOOST_TEST(python3_says(
        "float_subclass",
        outcome(O::tuple({MyFloat(1.5), O(PyNumber_Multiply(MyFloat(1.5).get(), O(2).get())),
                          MyFloat("2.5")}))));
    O MyError = cls("MyError", {PyExc_Exception}, {});
    BOOST_TEST(
        python3_says("exception_subclass",
                     outcome(O::tuple({MyError("boom"), O(PyObject_Str(MyError("boom").get())),
                                       MyError("a", 1).attr("args"),
                                       isinstance(MyError(), O::borrow(PyExc_Exception))}))));
    O e = MyError();
    e.set("code", 3);
    BOOST_TEST(python3_says("exception_subclass_attributes",
                            outcome(O::tuple({e.attr("code"), e.attr("__dict__")}))));
    BOOST_TEST(python3_says("subclass_mro",
                            outcome(O::tuple({MyList.attr("__mro__"), MyError.attr("__mro__")}))));
}

BOOST_FIXTURE_TEST_CASE(property, TypesFixture) {
    O Property = O::type(&PyProperty_Type);
    O get_x = O(def("Prop.get_x", [](const Args &a, PyObject *) {
        return O::tuple({"got", a[0].attr("_x")});
    }));
    O set_x = O(def("Prop.set_x", [](const Args &a, PyObject *) { return a[0].set("_x", a[1]); }));
    O del_x =
        O(def("Prop.del_x", [](const Args &a, PyObject *) { return a[0].set("_x", "deleted"); }));
    O Prop = cls("Prop", {},
                 {{"__init__", def("Prop.__init__",
                                   [](const Args &a, PyObject *) { return a[0].set("_x", 1); })},
                  {"get_x", Py_NewRef(get_x.get())},
                  {"set_x", Py_NewRef(set_x.get())},
                  {"del_x", Py_NewRef(del_x.get())},
                  {"x", Property(get_x, set_x, del_x, "the x").release()},
                  {"readonly", Property(get_x).release()},
                  {"nothing", Property().release()}});
    O p = Prop();
    O first = p.attr("x");
    p.set("x", 5);
    O second = p.attr("x");
    p.del("x");
    BOOST_TEST(python3_says(
        "property_get_set_delete",
        outcome(O::tuple({first, second, p.attr("x"), Prop.attr("x").attr("__doc__"),
                          Prop.attr("readonly").attr("__doc__"), tname(Prop.attr("x"))}))));
    BOOST_TEST(python3_says("property_no_setter", outcome(Prop().set("readonly", 1))));
    BOOST_TEST(python3_says("property_no_deleter", outcome(Prop().del("readonly"))));
    BOOST_TEST(python3_says("property_no_getter", outcome(Prop().attr("nothing"))));
    BOOST_TEST(
        python3_says("property_on_class", outcome(is(Prop.attr("x"), Prop.attr("__dict__")["x"]))));
    BOOST_TEST(python3_says("property_accessors",
                            outcome(O::tuple({is(Prop.attr("x").attr("fget"), get_x),
                                              Prop.attr("readonly").attr("fset"),
                                              Prop.attr("x").attr("__isabstractmethod__")}))));
    O q = Prop.attr("x").attr("setter")(del_x);
    BOOST_TEST(python3_says("property_copy_setter",
                            outcome(O::tuple({is(q.attr("fget"), get_x), is(q.attr("fset"), del_x),
                                              q.attr("__doc__")}))));
    BOOST_TEST(python3_says("property_unnamed_errors", outcome(Property().attr("__get__")(1))));
    BOOST_TEST(python3_says("property_bad_keyword", outcome(Property.call({}, {{"x", 1}}))));
}

BOOST_FIXTURE_TEST_CASE(methods_classmethods_staticmethods, TypesFixture) {
    O f = O(def("Methods.f", [](const Args &a, PyObject *) {
        return O::tuple({"f", tname(a[0]), rest(a, 1)});
    }));
    O c = O(def("Methods.c", [](const Args &a, PyObject *) {
        return O::tuple({"c", a[0].attr("__name__"), rest(a, 1)});
    }));
    O s = O(def("Methods.s", [](const Args &a, PyObject *) {
        return O::tuple({"s", rest(a, 0)});
    }));
    O Methods = cls("Methods", {},
                    {{"f", Py_NewRef(f.get())},
                     {"c", O::type(&PyClassMethod_Type)(c).release()},
                     {"s", O::type(&PyStaticMethod_Type)(s).release()}});
    O SubMethods = cls("SubMethods", {Methods.get()}, {});
    O m = Methods();
    O b = m.attr("f");
    BOOST_TEST(python3_says(
        "bound_method",
        outcome(O::tuple(
            {b(1), is(b.attr("__self__"), m), is(b.attr("__func__"), f), b.attr("__name__"),
             b.attr("__qualname__"), eq(b, m.attr("f")), eq(b, Methods().attr("f")),
             O::boolean(PyObject_Hash(b.get()) == PyObject_Hash(m.attr("f").get()))}))));
    BOOST_TEST(
        python3_says("bound_method_repr", outcome(O(PyObject_Repr(Methods().attr("f").get())))));
    BOOST_TEST(python3_says("bound_method_type", outcome(tname(Methods().attr("f")))));
    BOOST_TEST(python3_says("bound_method_missing_attribute",
                            outcome(Methods().attr("f").attr("missing"))));
    BOOST_TEST(
        python3_says("bound_method_set_attribute", outcome(Methods().attr("f").set("x", 1))));
    BOOST_TEST(python3_says("function_through_class", outcome(Methods.attr("f")(5))));
    BOOST_TEST(python3_says("classmethod_calls",
                            outcome(O::tuple({Methods.attr("c")(1), Methods().attr("c")(2),
                                              SubMethods.attr("c")(), SubMethods().attr("c")()}))));
    O cm = Methods.attr("__dict__")["c"];
    BOOST_TEST(
        python3_says("classmethod_object",
                     outcome(O::tuple({tname(cm), is(cm.attr("__func__"), cm.attr("__wrapped__")),
                                       cm.attr("__name__"), cm.attr("__qualname__"),
                                       cm.attr("__isabstractmethod__")}))));
    // len itself comes from the interpreter's builtins; any builtin function binds the same way.
    static PyMethodDef len_def = {"len",
                                  [](PyObject *, PyObject *arg) -> PyObject * {
                                      const Py_ssize_t n = PyObject_Size(arg);
                                      return n < 0 ? nullptr : PyLong_FromSsize_t(n);
                                  },
                                  METH_O, nullptr};
    O builtin_len(PyCFunction_New(&len_def, nullptr));
    BOOST_TEST(python3_says("classmethod_bind_builtin",
                            outcome(O::type(&PyClassMethod_Type)(builtin_len).attr("__get__")(1))));
    BOOST_TEST(python3_says("classmethod_args", outcome(O::type(&PyClassMethod_Type)())));
    BOOST_TEST(python3_says("classmethod_keywords",
                            outcome(O::type(&PyClassMethod_Type).call({}, {{"f", 1}}))));
    BOOST_TEST(python3_says("staticmethod_calls",
                            outcome(O::tuple({Methods.attr("s")(1), Methods().attr("s")(2),
                                              Methods.attr("__dict__")["s"](3)}))));
    O sm = Methods.attr("__dict__")["s"];
    BOOST_TEST(
        python3_says("staticmethod_object",
                     outcome(O::tuple({tname(sm), is(sm.attr("__func__"), sm.attr("__wrapped__")),
                                       sm.attr("__name__")}))));
}

BOOST_FIXTURE_TEST_CASE(super_objects, TypesFixture) {
    O Super = O::type(&PySuper_Type);
    O Base = cls("Base", {},
                 {{"who", returns("Base.who", "Base.who")},
                  {"cwho", O::type(&PyClassMethod_Type)(
                               O(def("Base.cwho",
                                     [](const Args &a, PyObject *) {
                                         return O::tuple({"Base.cwho", a[0].attr("__name__")});
                                     })))
                               .release()},
                  {"p", O::type(&PyProperty_Type)(O(returns("Base.p", "Base.p"))).release()}});
    O Derived = cls("Derived", {Base.get()}, {{"who", returns("Derived.who", "Derived.who")}});
    O MoreDerived = cls("MoreDerived", {Derived.get()}, {});
    BOOST_TEST(python3_says("super_method", outcome(Super(Derived, Derived()).attr("who")())));
    BOOST_TEST(python3_says("super_skips_own_class",
                            outcome(Super(Derived, MoreDerived()).attr("who")())));
    BOOST_TEST(python3_says("super_classmethod", outcome(Super(Derived, Derived).attr("cwho")())));
    BOOST_TEST(python3_says("super_property", outcome(Super(Derived, Derived()).attr("p"))));
    BOOST_TEST(python3_says("super_missing", outcome(Super(Derived, Derived()).attr("nope"))));
    BOOST_TEST(python3_says("super_class_attribute",
                            outcome(Super(Derived, Derived()).attr("__class__"))));
    O d = Derived();
    O sd = Super(Derived, d);
    BOOST_TEST(python3_says("super_members",
                            outcome(O::tuple({sd.attr("__thisclass__"), is(sd.attr("__self__"), d),
                                              sd.attr("__self_class__")}))));
    BOOST_TEST(python3_says("super_repr",
                            outcome(O::tuple({O(PyObject_Repr(Super(Derived, Derived()).get())),
                                              O(PyObject_Repr(Super(Derived).get()))}))));
    BOOST_TEST(python3_says("super_unbound_then_bound",
                            outcome(Super(Derived).attr("__get__")(Derived()).attr("who")())));
    BOOST_TEST(python3_says("super_bad_type", outcome(Super(1))));
    BOOST_TEST(python3_says("super_bad_obj", outcome(Super(Derived, 1))));
    BOOST_TEST(python3_says("super_too_many", outcome(Super(Derived, 1, 2))));
    BOOST_TEST(python3_says("super_keywords", outcome(Super.call({Derived}, {{"x", 1}}))));
    BOOST_TEST(python3_says("super_set_attribute", outcome(Super(Derived, Derived()).set("x", 1))));
    BOOST_TEST(
        python3_says("super_builtin_method",
                     outcome(Super(O::type(&PyBool_Type), O::borrow(Py_True)).attr("__add__")(1))));
}

BOOST_FIXTURE_TEST_CASE(class_creation_hooks_and_metaclasses, TypesFixture) {
    O Registry = cls("Registry", {},
                     {{"__init_subclass__",
                       def("Registry.__init_subclass__", [](const Args &a, PyObject *kwargs) {
                           return a[0].set("registered", sorted_list(O(PyDict_Items(kwargs))));
                       })}});
    O flag_kw = O::dict({{"flag", 1}, {"other", "x"}});
    BOOST_TEST(python3_says(
        "init_subclass_keywords",
        outcome(O(make_class("Child", {Registry.get()}, {},
                             reinterpret_cast<PyObject *>(&PyType_Type), flag_kw.get()))
                    .attr("registered"))));
    BOOST_TEST(python3_says("init_subclass_is_classmethod",
                            outcome(tname(Registry.attr("__dict__")["__init_subclass__"]))));
    O flag_only = O::dict({{"flag", 1}});
    BOOST_TEST(python3_says(
        "init_subclass_default_keywords",
        outcome(O(make_class("Child", {}, {}, reinterpret_cast<PyObject *>(&PyType_Type),
                             flag_only.get())))));
    O Named =
        cls("Named", {}, {{"__set_name__", def("Named.__set_name__", [](const Args &a, PyObject *) {
                               return a[0].set("where", O::tuple({a[1].attr("__name__"), a[2]}));
                           })}});
    O BadNamed = cls("BadNamed", {},
                     {{"__set_name__", def("BadNamed.__set_name__", [](const Args &, PyObject *) {
                           PyErr_SetString(PyExc_ValueError, "no");
                           return O();
                       })}});
    BOOST_TEST(python3_says("set_name_called",
                            outcome(Type("Owner", O::tuple({}), O::dict({{"attr", Named()}}))
                                        .attr("__dict__")["attr"]
                                        .attr("where"))));
    BOOST_TEST(python3_says("set_name_error_wrapped",
                            outcome(Type("Owner", O::tuple({}), O::dict({{"attr", BadNamed()}})))));
    BOOST_TEST(!Type("Owner", O::tuple({}), O::dict({{"attr", BadNamed()}})));
    PyObject *raised = PyErr_GetRaisedException();
    BOOST_TEST(python3_says("set_name_error_cause",
                            outcome(O(PyObject_Repr(O(PyException_GetCause(raised)).get())))));
    Py_XDECREF(raised);

    O Meta =
        cls("Meta", {reinterpret_cast<PyObject *>(&PyType_Type)},
            {{"__instancecheck__", def("Meta.__instancecheck__",
                                       [](const Args &a, PyObject *) {
                                           return O(PyObject_RichCompare(a[1].get(),
                                                                         O("magic").get(), Py_EQ));
                                       })},
             {"__subclasscheck__", def("Meta.__subclasscheck__", [](const Args &a, PyObject *) {
                  return O::boolean(a[1].get() == reinterpret_cast<PyObject *>(&PyLong_Type));
              })}});
    O WithMeta = cls("WithMeta", {}, {}, Meta.get());
    O Derived2 = cls("Derived2", {WithMeta.get()}, {});
    BOOST_TEST(
        python3_says("metaclass_of_class",
                     outcome(O::tuple({O::type(Py_TYPE(WithMeta.get())),
                                       O::type(Py_TYPE(Derived2.get())), Meta.attr("__mro__")}))));
    BOOST_TEST(
        python3_says("metaclass_instancecheck",
                     outcome(O::tuple({isinstance(O("magic"), WithMeta), isinstance(O(1), WithMeta),
                                       isinstance(WithMeta(), WithMeta)}))));
    BOOST_TEST(python3_says("metaclass_subclasscheck",
                            outcome(O::tuple({issubclass(O::type(&PyLong_Type), WithMeta),
                                              issubclass(Derived2, WithMeta)}))));
    BOOST_TEST(python3_says("metaclass_calculated",
                            outcome(tname(Type("X", O::tuple({WithMeta}), O::dict({}))))));
    O M2 = Type("M2", O::tuple({Type}), O::dict({}));
    BOOST_TEST(python3_says(
        "metaclass_conflict_classes",
        outcome(Type("X", O::tuple({WithMeta, M2("Y", O::tuple({}), O::dict({}))}), O::dict({})))));
    O object_type = O::type(&PyBaseObject_Type);
    O ReverseMRO = cls("ReverseMRO", {reinterpret_cast<PyObject *>(&PyType_Type)},
                       {{"mro", def("ReverseMRO.mro", [object_type](const Args &a, PyObject *) {
                             return O::list({a[0], object_type});
                         })}});
    O A = cls("A", {}, {});
    BOOST_TEST(python3_says("custom_mro",
                            outcome(ReverseMRO("X", O::tuple({A}), O::dict({})).attr("__mro__"))));
    O T = Type("T", O::tuple({}), O::dict({}));
    T.set("__abstractmethods__", O(PyFrozenSet_New(O::list({"g", "f"}).get())));
    BOOST_TEST(python3_says("abstract_instantiation", outcome(T())));
}

BOOST_FIXTURE_TEST_CASE(modules, TypesFixture) {
    const auto fresh = [] { return O(PyModule_New("demo")); };
    BOOST_TEST(python3_says("module_repr", outcome(O(PyObject_Repr(fresh().get())))));
    O m = fresh();
    m.set("__file__", "/x/demo.py");
    BOOST_TEST(python3_says("module_repr_file", outcome(O(PyObject_Repr(m.get())))));
    BOOST_TEST(python3_says("module_dict", outcome(sorted_list(fresh().attr("__dict__")))));
    BOOST_TEST(python3_says("module_missing_attribute", outcome(fresh().attr("nope"))));
    O n = fresh();
    n.set("x", 1);
    BOOST_TEST(python3_says("module_attribute",
                            outcome(O::tuple({n.attr("x"), n.attr("__dict__")["x"]}))));
    O lazy = fresh();
    lazy.set("__getattr__", O(def("<lambda>", [](const Args &a, PyObject *) {
                 return O::tuple({"lazy", a[0]});
             })));
    BOOST_TEST(python3_says("module_getattr_hook", outcome(lazy.attr("anything"))));
    BOOST_TEST(python3_says("module_dir", outcome(O(PyObject_Dir(fresh().get())))));
    BOOST_TEST(python3_says(
        "module_name_doc", outcome(O::tuple({fresh().attr("__name__"), fresh().attr("__doc__")}))));
    BOOST_TEST(python3_says(
        "module_type_name",
        outcome(O::tuple({tname(fresh()), O::type(Py_TYPE(fresh().get())).attr("__module__")}))));
}

BOOST_AUTO_TEST_SUITE_END()
