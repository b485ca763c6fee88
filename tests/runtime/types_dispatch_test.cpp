// Special methods of classes reaching the C slots (issue 12 point 4): a class defining __add__
// gets nb_add = slot_nb_add, and so on for every slot of the table. The abstract layer calls the
// C slot; the dispatcher looks the method up on the type and calls it. Cases cover the reflected
// operand rules, in-place fallbacks, comparisons, hashing, repr/str, len/bool, items, containment
// and iteration, calls, the attribute hooks, descriptors, index/int/float, __init__/__new__,
// __format__, special-method lookup that skips the instance, and slots updated when a special
// method is assigned on the class later. Expected texts are python3's (data/types_gen.py).
#include <boost/test/unit_test.hpp>

#include "runtime/type_support.hpp"

using namespace minipy::test::types;

namespace {

O binary(PyObject *(*op)(PyObject *, PyObject *), const O &a, const O &b) {
    return a && b ? O(op(a.get(), b.get())) : O();
}

O compare(const O &a, const O &b, int op) {
    return a && b ? O(PyObject_RichCompare(a.get(), b.get(), op)) : O();
}

O unary(PyObject *(*op)(PyObject *), const O &a) {
    return a ? O(op(a.get())) : O();
}

O hash_of(const O &o) {
    const Py_hash_t h = PyObject_Hash(o.get());
    return h == -1 && PyErr_Occurred() ? O() : O(PyLong_FromSsize_t(h));
}

O len_of(const O &o) {
    const Py_ssize_t n = PyObject_Size(o.get());
    return n < 0 && PyErr_Occurred() ? O() : O(PyLong_FromSsize_t(n));
}

O truth(const O &o) {
    const int t = PyObject_IsTrue(o.get());
    return t < 0 ? O() : O::boolean(t);
}

O contains(const O &container, const O &item) {
    const int r = PySequence_Contains(container.get(), item.get());
    return r < 0 ? O() : O::boolean(r);
}

O list_of(const O &o) {
    return o ? O(PySequence_List(o.get())) : O();
}

O status(int result) {
    return result < 0 ? O() : O::none();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(types_dispatch)

BOOST_FIXTURE_TEST_CASE(binary_operators_and_the_reflected_operand, TypesFixture) {
    O Num = cls("Num", {},
                {{"__add__", def("Num.__add__",
                                 [](const Args &a, PyObject *) {
                                     return O::tuple({"Num.add", tname(a[1])});
                                 })},
                 {"__radd__", def("Num.__radd__", [](const Args &a, PyObject *) {
                      return O::tuple({"Num.radd", tname(a[1])});
                  })}});
    O SubNum = cls("SubNum", {Num.get()},
                   {{"__radd__", def("SubNum.__radd__", [](const Args &a, PyObject *) {
                         return O::tuple({"SubNum.radd", tname(a[1])});
                     })}});
    O PlainSub = cls("PlainSub", {Num.get()}, {});
    O A = cls("A", {}, {});
    BOOST_TEST(python3_says("add_left", outcome(binary(PyNumber_Add, Num(), O(1)))));
    BOOST_TEST(python3_says("add_right", outcome(binary(PyNumber_Add, O(1), Num()))));
    BOOST_TEST(python3_says("add_same_type", outcome(binary(PyNumber_Add, Num(), Num()))));
    BOOST_TEST(python3_says("add_subclass_reflected_first",
                            outcome(binary(PyNumber_Add, Num(), SubNum()))));
    BOOST_TEST(python3_says("add_subclass_not_overriding",
                            outcome(binary(PyNumber_Add, Num(), PlainSub()))));
    BOOST_TEST(python3_says("add_subclass_left", outcome(binary(PyNumber_Add, SubNum(), Num()))));
    BOOST_TEST(python3_says("add_through_wrapper", outcome(Num.attr("__add__")(Num(), 2))));
    const auto not_implemented = [](const Args &, PyObject *) {
        return O::borrow(Py_NotImplemented);
    };
    O Refuses = cls("Refuses", {},
                    {{"__add__", def("Refuses.__add__", not_implemented)},
                     {"__radd__", def("Refuses.__radd__", not_implemented)}});
    BOOST_TEST(
        python3_says("add_not_implemented", outcome(binary(PyNumber_Add, Refuses(), Refuses()))));
    BOOST_TEST(python3_says("add_missing", outcome(binary(PyNumber_Add, A(), O(1)))));
    BOOST_TEST(python3_says("add_missing_right", outcome(binary(PyNumber_Add, O(1), A()))));
    O InPlace =
        cls("InPlace", {}, {{"__iadd__", def("InPlace.__iadd__", [](const Args &a, PyObject *) {
                                 return O::tuple({"InPlace.iadd", tname(a[1])});
                             })}});
    BOOST_TEST(python3_says("iadd_used", outcome(binary(PyNumber_InPlaceAdd, InPlace(), O(1)))));
    BOOST_TEST(
        python3_says("iadd_falls_back_to_add", outcome(binary(PyNumber_InPlaceAdd, Num(), O(1)))));
    BOOST_TEST(python3_says("iadd_missing", outcome(binary(PyNumber_InPlaceAdd, A(), O(1)))));
}

BOOST_FIXTURE_TEST_CASE(unary_and_other_number_slots, TypesFixture) {
    const auto constant = [](const char *qualname, const char *text) {
        std::string copy = text;
        return def(qualname, [copy](const Args &, PyObject *) { return O(copy.c_str()); });
    };
    const auto with_mod = [](const char *qualname, const char *tag) {
        std::string t = tag;
        return def(qualname, [t](const Args &a, PyObject *) {
            return O::tuple({t.c_str(), tname(a[1]), a.size() > 2 ? tname(a[2]) : O("NoneType")});
        });
    };
    O Unary = cls("Unary", {},
                  {{"__neg__", constant("Unary.__neg__", "neg")},
                   {"__pos__", constant("Unary.__pos__", "pos")},
                   {"__abs__", constant("Unary.__abs__", "abs")},
                   {"__invert__", constant("Unary.__invert__", "invert")},
                   {"__pow__", with_mod("Unary.__pow__", "pow")},
                   {"__rpow__", with_mod("Unary.__rpow__", "rpow")},
                   {"__divmod__", def("Unary.__divmod__",
                                      [](const Args &a, PyObject *) {
                                          return O::tuple({"divmod", tname(a[1])});
                                      })},
                   {"__matmul__", def("Unary.__matmul__", [](const Args &a, PyObject *) {
                        return O::tuple({"matmul", tname(a[1])});
                    })}});
    BOOST_TEST(python3_says(
        "unary_slots",
        outcome(O::tuple({unary(PyNumber_Negative, Unary()), unary(PyNumber_Positive, Unary()),
                          unary(PyNumber_Absolute, Unary()), unary(PyNumber_Invert, Unary())}))));
    BOOST_TEST(
        python3_says("pow_two", outcome(O(PyNumber_Power(Unary().get(), O(2).get(), Py_None)))));
    BOOST_TEST(python3_says("pow_three_args",
                            outcome(O(PyNumber_Power(Unary().get(), O(2).get(), O(3).get())))));
    BOOST_TEST(
        python3_says("rpow", outcome(O(PyNumber_Power(O(2).get(), Unary().get(), Py_None)))));
    BOOST_TEST(python3_says("divmod_slot", outcome(binary(PyNumber_Divmod, Unary(), O(1)))));
    BOOST_TEST(
        python3_says("matmul_slot", outcome(binary(PyNumber_MatrixMultiply, Unary(), O(1)))));
    BOOST_TEST(python3_says("neg_missing", outcome(unary(PyNumber_Negative, cls("A", {}, {})()))));
    O Index =
        cls("Index", {},
            {{"__index__", def("Index.__index__", [](const Args &, PyObject *) { return O(1); })}});
    O BadIndex = cls("BadIndex", {},
                     {{"__index__", def("BadIndex.__index__",
                                        [](const Args &, PyObject *) { return O("one"); })}});
    O Conversions =
        cls("Conversions", {},
            {{"__int__", def("Conversions.__int__", [](const Args &, PyObject *) { return O(7); })},
             {"__float__",
              def("Conversions.__float__", [](const Args &, PyObject *) { return O(2.5); })}});
    O range5(PyObject_CallOneArg(reinterpret_cast<PyObject *>(&PyRange_Type), O(5).get()));
    BOOST_TEST(python3_says("index_slot",
                            outcome(O::tuple({O::list({10, 20, 30})[Index()], range5[Index()]}))));
    BOOST_TEST(python3_says("index_not_int", outcome(O::list({1})[BadIndex()])));
    BOOST_TEST(
        python3_says("int_float_slots", outcome(O::tuple({unary(PyNumber_Long, Conversions()),
                                                          unary(PyNumber_Float, Conversions())}))));
}

BOOST_FIXTURE_TEST_CASE(comparisons_and_hashing, TypesFixture) {
    O Eq = cls("Eq", {}, {{"__eq__", def("Eq.__eq__", [](const Args &a, PyObject *) {
                               return O::tuple({"Eq.eq", tname(a[1])});
                           })}});
    O Lt = cls("Lt", {}, {{"__lt__", def("Lt.__lt__", [](const Args &a, PyObject *) {
                               return O::tuple({"Lt.lt", tname(a[1])});
                           })}});
    const auto not_implemented = [](const Args &, PyObject *) {
        return O::borrow(Py_NotImplemented);
    };
    O Refuses = cls("Refuses", {},
                    {{"__add__", def("Refuses.__add__", not_implemented)},
                     {"__radd__", def("Refuses.__radd__", not_implemented)}});
    BOOST_TEST(python3_says("eq_left", outcome(compare(Eq(), O(1), Py_EQ))));
    BOOST_TEST(python3_says("eq_right", outcome(compare(O(1), Eq(), Py_EQ))));
    BOOST_TEST(python3_says("ne_from_eq", outcome(compare(Eq(), O(1), Py_NE))));
    BOOST_TEST(python3_says("lt_left", outcome(compare(Lt(), O(1), Py_LT))));
    BOOST_TEST(python3_says("gt_reflected", outcome(compare(O(1), Lt(), Py_GT))));
    BOOST_TEST(python3_says("le_unsupported", outcome(compare(Lt(), Lt(), Py_LE))));
    O r = Refuses();
    BOOST_TEST(
        python3_says("eq_identity_fallback",
                     outcome(O::tuple({compare(r, r, Py_EQ), compare(r, Refuses(), Py_EQ)}))));
    BOOST_TEST(python3_says("eq_makes_unhashable", outcome(hash_of(Eq()))));
    BOOST_TEST(python3_says("eq_sets_hash_none", outcome(Eq.attr("__dict__")["__hash__"])));
    O Hash = cls(
        "Hash", {},
        {{"__init__",
          def("Hash.__init__", [](const Args &a, PyObject *) { return a[0].set("value", a[1]); })},
         {"__hash__",
          def("Hash.__hash__", [](const Args &a, PyObject *) { return a[0].attr("value"); })}});
    BOOST_TEST(python3_says("hash_small", outcome(hash_of(Hash(12345)))));
    BOOST_TEST(python3_says("hash_minus_one", outcome(hash_of(Hash(-1)))));
    O big(PyLong_FromString("1180591620717411303424", nullptr, 10));  // 2**70
    BOOST_TEST(python3_says("hash_big", outcome(hash_of(Hash(big)))));
    BOOST_TEST(python3_says("hash_not_int", outcome(hash_of(Hash("x")))));
    O HashNone = cls("HashNone", {}, {{"__hash__", Py_NewRef(Py_None)}});
    BOOST_TEST(python3_says("hash_none", outcome(hash_of(HashNone()))));
}

BOOST_FIXTURE_TEST_CASE(text_length_and_truth, TypesFixture) {
    O Text = cls("Text", {}, {{"__repr__", returns("Text.__repr__", "Text.repr")}});
    O StrOnly = cls("StrOnly", {}, {{"__str__", returns("StrOnly.__str__", "StrOnly.str")}});
    O BadRepr = cls(
        "BadRepr", {},
        {{"__repr__", def("BadRepr.__repr__", [](const Args &, PyObject *) { return O(42); })}});
    BOOST_TEST(python3_says("repr_slot", outcome(O::tuple({O(PyObject_Repr(Text().get())),
                                                           O(PyObject_Str(Text().get()))}))));
    BOOST_TEST(python3_says("str_slot", outcome(O(PyObject_Str(StrOnly().get())))));
    BOOST_TEST(python3_says("repr_default_with_str", outcome(O(PyObject_Repr(StrOnly().get())))));
    BOOST_TEST(python3_says("repr_not_str", outcome(O(PyObject_Repr(BadRepr().get())))));
    O Sized =
        cls("Sized", {},
            {{"__init__",
              def("Sized.__init__", [](const Args &a, PyObject *) { return a[0].set("n", a[1]); })},
             {"__len__",
              def("Sized.__len__", [](const Args &a, PyObject *) { return a[0].attr("n"); })}});
    BOOST_TEST(python3_says(
        "len_slot", outcome(O::tuple({len_of(Sized(3)), truth(Sized(0)), truth(Sized(2))}))));
    BOOST_TEST(python3_says("len_negative", outcome(len_of(Sized(-1)))));
    BOOST_TEST(python3_says("len_not_int", outcome(len_of(Sized("a")))));
    O big(PyLong_FromString("1180591620717411303424", nullptr, 10));
    BOOST_TEST(python3_says("len_too_big", outcome(len_of(Sized(big)))));
    O Truth = cls(
        "Truth", {},
        {{"__init__",
          def("Truth.__init__", [](const Args &a, PyObject *) { return a[0].set("value", a[1]); })},
         {"__bool__",
          def("Truth.__bool__", [](const Args &a, PyObject *) { return a[0].attr("value"); })}});
    BOOST_TEST(python3_says("bool_slot", outcome(O::tuple({truth(Truth(O::boolean(true))),
                                                           truth(Truth(O::boolean(false)))}))));
    BOOST_TEST(python3_says("bool_not_bool", outcome(truth(Truth(1)))));
    BOOST_TEST(python3_says("bool_default", outcome(truth(cls("A", {}, {})()))));
}

BOOST_FIXTURE_TEST_CASE(items_containment_and_iteration, TypesFixture) {
    O Box = cls("Box", {},
                {{"__getitem__", def("Box.__getitem__",
                                     [](const Args &a, PyObject *) {
                                         return O::tuple({"get", a[1]});
                                     })},
                 {"__setitem__", def("Box.__setitem__",
                                     [](const Args &a, PyObject *) {
                                         return a[0].set("last", O::tuple({"set", a[1], a[2]}));
                                     })},
                 {"__delitem__", def("Box.__delitem__", [](const Args &a, PyObject *) {
                      return a[0].set("last", O::tuple({"del", a[1]}));
                  })}});
    O b = Box();
    O out = O::list({b[1], b["k"]});
    PyObject_SetItem(b.get(), O(2).get(), O(3).get());
    PyList_Append(out.get(), b.attr("last").get());
    PyObject_DelItem(b.get(), O(4).get());
    PyList_Append(out.get(), b.attr("last").get());
    BOOST_TEST(python3_says("item_slots", outcome(out)));
    O A = cls("A", {}, {});
    BOOST_TEST(python3_says("item_missing_get", outcome(A()[1])));
    BOOST_TEST(python3_says("item_missing_set_error",
                            outcome(status(PyObject_SetItem(A().get(), O(1).get(), O(2).get())))));
    BOOST_TEST(python3_says("item_missing_del_error",
                            outcome(status(PyObject_DelItem(A().get(), O(1).get())))));

    O Has = cls("Has", {}, {{"__contains__", def("Has.__contains__", [](const Args &a, PyObject *) {
                                 return O(PyObject_RichCompare(a[1].get(), O(2).get(), Py_EQ));
                             })}});
    O Iterable =
        cls("Iterable", {}, {{"__iter__", def("Iterable.__iter__", [](const Args &, PyObject *) {
                                  return O(PyObject_GetIter(O::list({1, 2, 3}).get()));
                              })}});
    O OldSequence =
        cls("OldSequence", {},
            {{"__getitem__", def("OldSequence.__getitem__", [](const Args &a, PyObject *) {
                  const long i = PyLong_AsLong(a[1].get());
                  if (i >= 3) {
                      PyErr_SetObject(PyExc_IndexError, a[1].get());
                      return O();
                  }
                  return O(i * 10);
              })}});
    O NoContains = cls("NoContains", {},
                       {{"__contains__", Py_NewRef(Py_None)},
                        {"__iter__", def("NoContains.__iter__", [](const Args &, PyObject *) {
                             return O(PyObject_GetIter(O::list({1}).get()));
                         })}});
    O NoIter = cls("NoIter", {}, {{"__iter__", Py_NewRef(Py_None)}});
    BOOST_TEST(python3_says("contains_slot",
                            outcome(O::tuple({contains(Has(), O(2)), contains(Has(), O(3))}))));
    BOOST_TEST(
        python3_says("contains_by_iteration",
                     outcome(O::tuple({contains(Iterable(), O(2)), contains(Iterable(), O(5))}))));
    BOOST_TEST(python3_says(
        "contains_by_old_sequence",
        outcome(O::tuple({contains(OldSequence(), O(20)), contains(OldSequence(), O(5))}))));
    BOOST_TEST(python3_says("contains_none", outcome(contains(NoContains(), O(1)))));
    BOOST_TEST(python3_says("iter_slot", outcome(list_of(Iterable()))));
    BOOST_TEST(python3_says("iter_old_sequence", outcome(list_of(OldSequence()))));
    BOOST_TEST(python3_says("iter_none", outcome(O(PyObject_GetIter(NoIter().get())))));
    BOOST_TEST(python3_says("iter_missing", outcome(O(PyObject_GetIter(A().get())))));
    O Countdown = cls(
        "Countdown", {},
        {{"__init__",
          def("Countdown.__init__", [](const Args &a, PyObject *) { return a[0].set("n", 3); })},
         {"__iter__", def("Countdown.__iter__", [](const Args &a, PyObject *) { return a[0]; })},
         {"__next__", def("Countdown.__next__", [](const Args &a, PyObject *) {
              const long n = PyLong_AsLong(a[0].attr("n").get());
              if (n == 0) {
                  PyErr_SetNone(PyExc_StopIteration);
                  return O();
              }
              a[0].set("n", n - 1);
              return O(n - 1);
          })}});
    O NotIterator = cls(
        "NotIterator", {},
        {{"__iter__", def("NotIterator.__iter__", [](const Args &, PyObject *) { return O(5); })}});
    BOOST_TEST(python3_says("next_slot", outcome(list_of(Countdown()))));
    BOOST_TEST(python3_says("iter_returns_non_iterator",
                            outcome(O(PyObject_GetIter(NotIterator().get())))));
}

BOOST_FIXTURE_TEST_CASE(calls_and_attribute_hooks, TypesFixture) {
    O Callable = cls("Callable", {},
                     {{"__call__", def("Callable.__call__", [](const Args &a, PyObject *kwargs) {
                           O rest(PyTuple_GetSlice(O::tuple({a[1], a[2]}).get(), 0, 2));
                           O items(PyDict_Items(kwargs));
                           return O::tuple({"called", rest, items});
                       })}});
    BOOST_TEST(python3_says("call_slot", outcome(Callable().call({1, 2}, {{"k", 3}}))));
    BOOST_TEST(python3_says("call_missing", outcome(cls("A", {}, {})()(1))));
    O Fallback = cls("Fallback", {},
                     {{"x", Py_NewRef(O("class").get())},
                      {"__getattr__", def("Fallback.__getattr__", [](const Args &a, PyObject *) {
                           return O::tuple({"getattr", a[1]});
                       })}});
    O Intercept =
        cls("Intercept", {},
            {{"__getattribute__", def("Intercept.__getattribute__", [](const Args &a, PyObject *) {
                  return O::tuple({"getattribute", a[1]});
              })}});
    O object_setattr = O::type(&PyBaseObject_Type).attr("__setattr__");
    O Guarded = cls(
        "Guarded", {},
        {{"__setattr__", def("Guarded.__setattr__",
                             [object_setattr](const Args &a, PyObject *) {
                                 return object_setattr(a[0], "last", O::tuple({"set", a[1], a[2]}));
                             })},
         {"__delattr__", def("Guarded.__delattr__", [object_setattr](const Args &a, PyObject *) {
              return object_setattr(a[0], "last", O::tuple({"del", a[1]}));
          })}});
    BOOST_TEST(python3_says("getattr_hook",
                            outcome(O::tuple({Fallback().attr("x"), Fallback().attr("missing")}))));
    BOOST_TEST(
        python3_says("getattribute_hook",
                     outcome(O::tuple({Intercept().attr("x"), Intercept().attr("__dict__")}))));
    O g = Guarded();
    g.set("a", 1);
    O first = g.attr("last");
    g.del("b");
    O has_a = O::boolean(PyDict_GetItemString(g.attr("__dict__").get(), "a") != nullptr);
    BOOST_TEST(
        python3_says("setattr_delattr_hooks", outcome(O::tuple({first, g.attr("last"), has_a}))));
}

BOOST_FIXTURE_TEST_CASE(descriptors_written_in_python, TypesFixture) {
    O Desc = cls(
        "Desc", {},
        {{"__get__", def("Desc.__get__", [](const Args &a, PyObject *) {
              return O::tuple({"get", O::boolean(a[1].get() == Py_None), a[2].attr("__name__")});
          })}});
    O DataDesc = cls(
        "DataDesc", {},
        {{"__get__", def("DataDesc.__get__",
                         [](const Args &a, PyObject *) {
                             return O::tuple({"data get", O::boolean(a[1].get() == Py_None)});
                         })},
         {"__set__", def("DataDesc.__set__",
                         [](const Args &a, PyObject *) {
                             return status(PyDict_SetItemString(a[1].attr("__dict__").get(),
                                                                "stored", a[2].get()));
                         })},
         {"__delete__", def("DataDesc.__delete__", [](const Args &a, PyObject *) {
              return status(PyDict_SetItemString(a[1].attr("__dict__").get(), "deleted", Py_True));
          })}});
    O UsesDesc = cls("UsesDesc", {}, {{"d", Desc().release()}, {"dd", DataDesc().release()}});
    BOOST_TEST(python3_says("descriptor_get",
                            outcome(O::tuple({UsesDesc.attr("d"), UsesDesc().attr("d")}))));
    O u = UsesDesc();
    O dict = u.attr("__dict__");
    PyDict_SetItemString(dict.get(), "dd", O("instance").get());
    PyDict_SetItemString(dict.get(), "d", O("instance").get());
    u.set("dd", 5);
    u.del("dd");
    BOOST_TEST(python3_says(
        "data_descriptor_wins",
        outcome(O::tuple({u.attr("dd"), u.attr("d"), dict["stored"], dict["deleted"]}))));
}

BOOST_FIXTURE_TEST_CASE(construction_formatting_and_special_lookup, TypesFixture) {
    O InitReturns = cls(
        "InitReturns", {},
        {{"__init__", def("InitReturns.__init__", [](const Args &, PyObject *) { return O(1); })}});
    O NewOther =
        cls("NewOther", {}, {{"__new__", def("NewOther.__new__", [](const Args &a, PyObject *) {
                                  return O::tuple({"made", O(static_cast<long>(a.size() - 1))});
                              })}});
    O object_new = O::type(&PyBaseObject_Type).attr("__new__");
    O NewKeeps =
        cls("NewKeeps", {},
            {{"__new__", def("NewKeeps.__new__",
                             [object_new](const Args &a, PyObject *) { return object_new(a[0]); })},
             {"__init__", def("NewKeeps.__init__", [](const Args &a, PyObject *) {
                  return a[0].set("args", O::tuple({a[1], a[2]}));
              })}});
    BOOST_TEST(python3_says("init_returns_value", outcome(InitReturns())));
    BOOST_TEST(python3_says("new_returns_other", outcome(NewOther(1, 2))));
    BOOST_TEST(python3_says("new_and_init", outcome(NewKeeps(1, 2).attr("args"))));
    BOOST_TEST(python3_says(
        "new_is_staticmethod",
        outcome(O::type(Py_TYPE(NewKeeps.attr("__dict__")["__new__"].get())).attr("__name__"))));
    O Formatted = cls("Formatted", {},
                      {{"__format__", def("Formatted.__format__", [](const Args &a, PyObject *) {
                            return O(PyUnicode_Concat(O("fmt:").get(), a[1].get()));
                        })}});
    O BadFormat = cls("BadFormat", {},
                      {{"__format__", def("BadFormat.__format__",
                                          [](const Args &, PyObject *) { return O(1); })}});
    BOOST_TEST(python3_says("format_slot",
                            outcome(O::tuple({O(PyObject_Format(Formatted().get(), O("x").get())),
                                              O(PyObject_Format(Formatted().get(), nullptr))}))));
    BOOST_TEST(python3_says("format_not_str_result",
                            outcome(O(PyObject_Format(BadFormat().get(), O("").get())))));
    BOOST_TEST(python3_says("format_default",
                            outcome(O(PyObject_Format(cls("A", {}, {})().get(), O("x").get())))));
    // `with c as value`: __enter__ comes from the type, never from the instance.
    O Context = cls("Context", {},
                    {{"__enter__", returns("Context.__enter__", "entered")},
                     {"__exit__", def("Context.__exit__", [](const Args &, PyObject *) {
                          return O::boolean(false);
                      })}});
    O c = Context();
    c.set("__enter__", O(returns("<lambda>", "instance")));
    O enter_name("__enter__");
    BOOST_TEST(python3_says("special_lookup_skips_instance",
                            outcome(O(_PyObject_LookupSpecial(c.get(), enter_name.get()))())));
    O Hinted = cls("Hinted", {},
                   {{"__length_hint__",
                     def("Hinted.__length_hint__", [](const Args &, PyObject *) { return O(5); })},
                    {"__format__", returns("Hinted.__format__", "class format")}});
    O h = Hinted();
    h.set("__length_hint__", O(def("<lambda>", [](const Args &, PyObject *) { return O(9); })));
    h.set("__format__", O(returns("<lambda>", "instance format")));
    const Py_ssize_t hint = PyObject_LengthHint(h.get(), -1);
    BOOST_TEST(python3_says("special_methods_ignore_the_instance",
                            outcome(O::tuple({hint < 0 ? O() : O(PyLong_FromSsize_t(hint)),
                                              O(PyObject_Format(h.get(), O("").get()))}))));
}

BOOST_FIXTURE_TEST_CASE(assigning_a_special_method_updates_the_slot, TypesFixture) {
    O Type = O::type(&PyType_Type);
    O T = Type("T", O::tuple({}), O::dict({}));
    O U = Type("U", O::tuple({T}), O::dict({}));
    O out = O::list({});
    const auto append_error = [&out] {
        PyObject *exc = PyErr_GetRaisedException();
        PyList_Append(out.get(), O(PyObject_Str(exc)).get());
        Py_DECREF(exc);
    };
    const auto append = [&out](const O &value) { PyList_Append(out.get(), value.get()); };
    BOOST_TEST(!binary(PyNumber_Add, T(), O(1)));
    append_error();
    T.set("__add__", O(returns("<lambda>", "added")));
    append(binary(PyNumber_Add, T(), O(1)));
    append(binary(PyNumber_Add, U(), O(1)));
    T.del("__add__");
    BOOST_TEST(!binary(PyNumber_Add, U(), O(1)));
    append_error();
    T.set("__len__", O(def("<lambda>", [](const Args &, PyObject *) { return O(4); })));
    append(len_of(U()));
    T.set("__hash__", O::none());
    BOOST_TEST(!hash_of(U()));
    append_error();
    BOOST_TEST(python3_says("assigning_a_special_method_updates_the_slot", outcome(out)));
}

// _PyObject_GetMethod: the unbound function when nothing shadows it, the attribute otherwise.
BOOST_FIXTURE_TEST_CASE(get_method_skips_the_bound_method, TypesFixture) {
    O f = O(def("C.f", [](const Args &a, PyObject *) { return O::tuple({"f", tname(a[0])}); }));
    O C = cls("C", {},
              {{"f", Py_NewRef(f.get())},
               {"p", O::type(&PyProperty_Type)(O(returns("C.p", "p"))).release()}});
    O c = C();
    const auto get_method = [](const O &obj, const char *name, PyObject **method) {
        O key(PyUnicode_InternFromString(name));
        return _PyObject_GetMethod(obj.get(), key.get(), method);
    };
    PyObject *method = nullptr;
    BOOST_TEST(get_method(c, "f", &method) == 1);
    BOOST_TEST(method == f.get());  // the function itself: call it with c first
    Py_XDECREF(method);
    BOOST_TEST(get_method(c, "p", &method) == 0);
    BOOST_TEST(outcome(method) == "'p'");  // a data descriptor runs
    c.set("f", 5);
    BOOST_TEST(get_method(c, "f", &method) == 0);
    BOOST_TEST(outcome(method) == "5");  // the instance dict shadows the method
    O list = O::list({});
    BOOST_TEST(get_method(list, "append", &method) == 1);
    BOOST_TEST(outcome(O::type(Py_TYPE(method)).attr("__name__")) == "'method_descriptor'");
    Py_XDECREF(method);
    BOOST_TEST(get_method(c, "missing", &method) == 0);
    BOOST_TEST(method == nullptr);
    BOOST_TEST(minipy::test::objects::take_error() ==
               "AttributeError: 'C' object has no attribute 'missing'");
}

BOOST_AUTO_TEST_SUITE_END()
