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
    STEP(d.attr("b"));
    STEP(d.attr("p"));
    STEP(O(PyNumber_Add(d.get(), O(1).get())));
    STEP(O(PyObject_Repr(d.get())));
    STEP(O::type(&PySuper_Type)(Derived, d).attr("who")());
    STEP(O(PyObject_Dir(d.get())));
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
    STEP(MyStr("text"));
    return true;
}

bool modules_and_specs() {
    O m(PyModule_Create(&module_def));
    STEP(m);
    STEP(PyModule_AddIntConstant(m.get(), "answer", 42) == 0);
    STEP(PyModule_AddStringConstant(m.get(), "name", "faulty") == 0);
    STEP(m.attr("me")());
    STEP(O(PyObject_Repr(m.get())));
    O Pair(PyType_FromSpec(&pair_spec));
    STEP(Pair);
    O p = Pair();
    STEP(p);
    STEP(p.set("first", O::list({})));
    STEP(p.set("number", 7));
    STEP(p.attr("number"));
    O Sub = O(make_class("Sub", {Pair.get()}, {}));
    STEP(Sub);
    STEP(Sub().set("extra", 1));
    return true;
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

BOOST_FIXTURE_TEST_CASE(making_classes_fails_cleanly, FaultFixture) {
    sweep_allocation_failures(with_cache_cleared(classes_and_instances));
}

BOOST_FIXTURE_TEST_CASE(making_modules_and_spec_types_fails_cleanly, FaultFixture) {
    sweep_allocation_failures(with_cache_cleared(modules_and_specs));
}

BOOST_AUTO_TEST_SUITE_END()
