// The type system under allocation failure: making classes (with __slots__, a property, a
// metaclass, a subclass of a built-in type), instances and their attributes, the special-method
// dispatch, super, modules from a PyModuleDef and types from a PyType_Spec, each run again and
// again with allocation request N of MEM and OBJ refused, for N = 1, 2, ... Every refusal must
// end in exactly MemoryError with nothing left behind (fault_sweep.hpp).
#include <boost/test/unit_test.hpp>

#include "minipy/structmember.h"
#include "runtime/fault_sweep.hpp"
#include "runtime/type_support.hpp"

using namespace minipy::test::types;
using minipy::test::sweep_allocation_failures;

namespace {

// Every step checked: false (with the exception set) at the first failure.
#define STEP(expr)                 \
    do {                           \
        if (!(expr)) return false; \
    } while (0)

PyObject *self_method(PyObject *self, PyObject *) {
    return Py_NewRef(self);
}
PyMethodDef module_methods[] = {{"me", self_method, METH_NOARGS, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "faulty", "a module", 16, module_methods};

struct Pair {
    PyObject_HEAD PyObject *first;
    long number;
};
PyMemberDef pair_members[] = {{"first", T_OBJECT, offsetof(Pair, first), 0, nullptr},
                              {"number", T_LONG, offsetof(Pair, number), 0, nullptr},
                              {nullptr, 0, 0, 0, nullptr}};
void pair_dealloc(PyObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    Py_XDECREF(reinterpret_cast<Pair *>(self)->first);
    type->tp_free(self);
    Py_DECREF(type);
}
PyType_Slot pair_slots[] = {{Py_tp_members, pair_members},
                            {Py_tp_dealloc, reinterpret_cast<void *>(pair_dealloc)},
                            {Py_tp_new, reinterpret_cast<void *>(PyType_GenericNew)},
                            {0, nullptr}};
PyType_Spec pair_spec = {"faulty.Pair", sizeof(Pair), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                         pair_slots};

// What the last run of a block that completed computed (outcome() of a tuple of its results),
// compared with the same program's result under python3 (types_gen.py's fault_* cases).
std::string completed_outcome;

// repr(results) into completed_outcome; false with the exception set when that fails.
bool record_completed(const O &results) {
    O text(PyObject_Repr(results.get()));
    if (!text) return false;
    const char *utf8 = PyUnicode_AsUTF8(text.get());
    if (utf8 == nullptr) return false;
    completed_outcome = utf8;
    return true;
}

// `name in names`: 1, 0, or -1 with the exception set.
int contains(const O &names, const char *name) {
    const O key(name);
    return key ? PySequence_Contains(names.get(), key.get()) : -1;
}

bool classes_and_instances() {
    O Type = O::type(&PyType_Type);
    O add(returns("Base.__add__", "added"));
    STEP(add);
    O repr(returns("Base.__repr__", "Base()"));
    STEP(repr);
    O who(returns("Base.who", "Base.who"));
    STEP(who);
    O getter(returns("Base.p", "p"));
    STEP(getter);
    O prop = O::type(&PyProperty_Type)(getter);
    STEP(prop);
    O no_slots = O::tuple({});
    STEP(no_slots);
    O Base = O(make_class("Base", {},
                          {{"__add__", add.release()},
                           {"__repr__", repr.release()},
                           {"who", who.release()},
                           {"p", prop.release()},
                           {"__slots__", no_slots.release()}}));
    STEP(Base);
    O slots = O::tuple({"a", "__dict__"});
    STEP(slots);
    O Derived = O(make_class("Derived", {Base.get()}, {{"__slots__", slots.release()}}));
    STEP(Derived);
    O d = Derived();
    STEP(d);
    STEP(d.set("a", 1));
    STEP(d.set("b", O::list({1, 2})));
    O a = d.attr("a");
    STEP(a);
    O b = d.attr("b");
    STEP(b);
    O p = d.attr("p");
    STEP(p);
    O sum(PyNumber_Add(d.get(), O(1).get()));
    STEP(sum);
    O text(PyObject_Repr(d.get()));
    STEP(text);
    O who_result = O::type(&PySuper_Type)(Derived, d).attr("who")();
    STEP(who_result);
    O names(PyObject_Dir(d.get()));
    STEP(names);
    const int has_a = contains(names, "a");
    const int has_b = contains(names, "b");
    const int has_who = contains(names, "who");
    STEP(has_a >= 0 && has_b >= 0 && has_who >= 0);
    O Meta = Type("Meta", O::tuple({Type}), O::dict({}));
    STEP(Meta);
    O WithMeta = Meta("WithMeta", O::tuple({}), O::dict({{"x", 1}}));
    STEP(WithMeta);
    O len(returns("len", "x"));
    STEP(len);
    STEP(WithMeta.set("__len__", len));
    O MyList = O(make_class("MyList", {reinterpret_cast<PyObject *>(&PyList_Type)}, {}));
    STEP(MyList);
    O l = MyList(O::list({1, 2, 3}));
    STEP(l);
    STEP(l.attr("append")(l));
    O MyStr = O(make_class("MyStr", {reinterpret_cast<PyObject *>(&PyUnicode_Type)}, {}));
    STEP(MyStr);
    O my_str = MyStr("text");
    STEP(my_str);
    O x = WithMeta.attr("x");
    STEP(x);
    O meta_name = O::type(Py_TYPE(WithMeta.get())).attr("__name__");
    STEP(meta_name);
    O results =
        O::tuple({a, b, p, sum, text, who_result, O::boolean(has_a == 1), O::boolean(has_b == 1),
                  O::boolean(has_who == 1), x, meta_name, l, my_str});
    STEP(results);
    return record_completed(results);
}

bool modules_and_specs() {
    O m(PyModule_Create(&module_def));
    STEP(m);
    STEP(PyModule_AddIntConstant(m.get(), "answer", 42) == 0);
    STEP(PyModule_AddStringConstant(m.get(), "name", "faulty") == 0);
    O answer = m.attr("answer");
    STEP(answer);
    O name = m.attr("name");
    STEP(name);
    O me = m.attr("me")();
    STEP(me);
    O text(PyObject_Repr(m.get()));
    STEP(text);
    O doc = m.attr("__doc__");
    STEP(doc);
    O Pair(PyType_FromSpec(&pair_spec));
    STEP(Pair);
    O p = Pair();
    STEP(p);
    STEP(p.set("first", O::list({})));
    STEP(p.set("number", 7));
    O first = p.attr("first");
    STEP(first);
    O number = p.attr("number");
    STEP(number);
    O Sub = O(make_class("Sub", {Pair.get()}, {}));
    STEP(Sub);
    O sub = Sub();
    STEP(sub);
    STEP(sub.set("extra", 1));
    O extra = sub.attr("extra");
    STEP(extra);
    O results = O::tuple({answer, name, O::boolean(me.get() == m.get()), text, doc, Pair, first,
                          number, Sub, extra});
    STEP(results);
    return record_completed(results);
}

#undef STEP

// Free lists off: a run that fails half-way leaves them as full as a clean run would not, and
// every block must be accounted for (the sweep counts blocks, so the accounting is on).
struct FaultFixture : TypesFixture {
    FaultFixture()
        : TypesFixture(minipy::test::RuntimeScope::counting_config_with_free_lists(false)) {}
};

// The attribute cache keeps the names it saw alive until another entry takes their place:
// each run starts and ends with it empty, so that only real leaks change the block count.
std::function<bool()> with_cache_cleared(bool (*block)()) {
    return [block] {
        PyType_ClearCache();
        const bool completed = block();
        PyType_ClearCache();
        return completed;
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(types_fault)

// Every completed run (the clean ones and the last, after the sweep) must have computed what
// python3 computes for the same program.
minipy::test::SweepOptions computing(const char *case_name) {
    minipy::test::SweepOptions options;
    options.check_complete = [case_name] {
        BOOST_TEST(python3_says(case_name, completed_outcome));
        completed_outcome.clear();
    };
    return options;
}

BOOST_FIXTURE_TEST_CASE(making_classes_fails_cleanly, FaultFixture) {
    const long runs = sweep_allocation_failures(with_cache_cleared(classes_and_instances),
                                                computing("fault_classes_and_instances"));
    BOOST_TEST(runs > 100);  // each allocation of the block refused once: hundreds of runs
}

BOOST_FIXTURE_TEST_CASE(making_modules_and_spec_types_fails_cleanly, FaultFixture) {
    const long runs = sweep_allocation_failures(with_cache_cleared(modules_and_specs),
                                                computing("fault_modules_and_specs"));
    BOOST_TEST(runs > 20);
}

BOOST_AUTO_TEST_SUITE_END()
