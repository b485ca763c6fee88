// Classes and their instances over time (issue 12 point 4, the brief's points 3 and 6): __del__
// on the last reference, in a collected cycle, and when it resurrects its object (once only, as
// PEP 442 says); classes in reference cycles collected; the interpreter's hooks (__classcell__,
// zero-argument super, the import hook the pickle helpers use); static types given back
// unchanged at shutdown so that the next start-up readies them the same way. Expected texts are
// python3's where python3 can say them (data/types_gen.py).
#include <boost/test/unit_test.hpp>

#include "runtime/type_support.hpp"

using namespace minipy::test::types;

namespace {

O append_to(const O &list, const O &item) {
    return PyList_Append(list.get(), item.get()) < 0 ? O() : O::none();
}

Py_ssize_t tracked_total() {
    return minipy_gc_tracked_count(0) + minipy_gc_tracked_count(1) + minipy_gc_tracked_count(2);
}

// --- A cell and a module for the hooks ---------------------------------------------------------

struct Cell {
    PyObject_HEAD PyObject *ref;
};
inline PyTypeObject CellType;

PyTypeObject *cell_type() {
    if (CellType.tp_name == nullptr) {
        Py_SET_REFCNT(_PyObject_CAST(&CellType), 1);
        Py_SET_TYPE(_PyObject_CAST(&CellType), &PyType_Type);
        CellType.tp_name = "cell";
        CellType.tp_basicsize = sizeof(Cell);
        CellType.tp_dealloc = [](PyObject *self) {
            Py_XDECREF(reinterpret_cast<Cell *>(self)->ref);
            PyObject_Free(self);
        };
        CellType.tp_flags = Py_TPFLAGS_DEFAULT;
    }
    return &CellType;
}

int set_cell(PyObject *cell, PyObject *type) {
    if (!Py_IS_TYPE(cell, cell_type())) return -1;
    Py_XSETREF(reinterpret_cast<Cell *>(cell)->ref, Py_NewRef(type));
    return 0;
}

// super()'s answer: what the "running method" would find in its frame.
PyTypeObject *g_super_class = nullptr;
PyObject *g_super_self = nullptr;
int super_from_frame(PyTypeObject **type, PyObject **obj) {
    if (g_super_class == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "super(): __class__ cell not found");
        return -1;
    }
    *type =
        reinterpret_cast<PyTypeObject *>(Py_NewRef(reinterpret_cast<PyObject *>(g_super_class)));
    *obj = Py_NewRef(g_super_self);
    return 0;
}

// `import copyreg` for the pickle helpers: a module whose __newobj__ is a function.
PyObject *import_copyreg(const char *name) {
    if (std::strcmp(name, "copyreg") != 0) {
        PyErr_Format(PyExc_ModuleNotFoundError, "No module named '%s'", name);
        return nullptr;
    }
    O module(PyModule_New("copyreg"));
    module.set("__newobj__", O(returns("__newobj__", "newobj")));
    return module.release();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(types_lifecycle)

BOOST_FIXTURE_TEST_CASE(del_runs_once_as_pep_442_says, TypesFixture) {
    const auto logging_class = [](const O &log, bool resurrect, const O &saved) {
        return cls(
            "D", {},
            {{"__del__", def("D.__del__", [log, resurrect, saved](const Args &a, PyObject *) {
                  PyObject *me = PyObject_GetAttrString(a[0].get(), "me");
                  if (me == nullptr) {
                      PyErr_Clear();
                      append_to(log, O("del"));
                  } else {
                      append_to(log, resurrect ? O("del")
                                               : O::tuple({"del",
                                                           O::type(Py_TYPE(me)).attr("__name__")}));
                      Py_DECREF(me);
                  }
                  if (resurrect) append_to(saved, a[0]);
                  return O::none();
              })}});
    };
    {
        O log = O::list({}), saved = O::list({});
        O D = logging_class(log, false, saved);
        { O d = D(); }  // the last reference goes at the end of this scope
        BOOST_TEST(python3_says("del_on_last_reference", outcome(log)));
    }
    {
        O log = O::list({}), saved = O::list({});
        O D = logging_class(log, false, saved);
        PyGC_Disable();
        O d = D();
        d.set("me", d);
        d = O();
        O before(PySequence_List(log.get()));
        minipy_gc_collect_generation(2);
        PyGC_Enable();
        BOOST_TEST(python3_says("del_in_cycle", outcome(O::tuple({before, log}))));
    }
    {
        O log = O::list({}), saved = O::list({});
        O R = logging_class(log, true, saved);
        O r = R();
        r = O();
        O first = O::tuple(
            {O(PySequence_List(log.get())), O(PyLong_FromSsize_t(PyList_GET_SIZE(saved.get())))});
        PyList_SetSlice(saved.get(), 0, PyList_GET_SIZE(saved.get()), nullptr);
        BOOST_TEST(python3_says("del_resurrects", outcome(O::tuple({first, log}))));
    }
    {
        O log = O::list({}), saved = O::list({});
        O R = logging_class(log, true, saved);
        PyGC_Disable();
        O r = R();
        r.set("me", r);
        r = O();
        minipy_gc_collect_generation(2);
        O survivor = O::borrow(PyList_GET_ITEM(saved.get(), 0));
        O alive = O::tuple({O(PyLong_FromSsize_t(PyList_GET_SIZE(saved.get()))),
                            O::boolean(survivor.attr("me").get() == survivor.get())});
        survivor.set("me", O::none());
        survivor = O();
        PyList_SetSlice(saved.get(), 0, PyList_GET_SIZE(saved.get()), nullptr);
        minipy_gc_collect_generation(2);
        PyGC_Enable();
        BOOST_TEST(python3_says("del_resurrects_in_cycle", outcome(O::tuple({alive, log}))));
    }
}

BOOST_FIXTURE_TEST_CASE(classes_in_cycles_are_collected, TypesFixture) {
    PyGC_Disable();
    minipy_gc_collect_generation(2);
    const Py_ssize_t baseline = tracked_total();
    {
        // A class referring to itself through its dict, an instance stored on its class, and a
        // subclass: each holds the others alive by references alone.
        O T = cls("T", {}, {});
        T.set("me", T);
        O U = cls("U", {T.get()}, {});
        T.set("instance", U());
        O L = cls("L", {reinterpret_cast<PyObject *>(&PyList_Type)}, {});
        O l = L();
        PyList_Append(l.get(), l.get());
        L.set("keep", l);
    }
    BOOST_TEST(tracked_total() > baseline);
    BOOST_TEST(minipy_gc_collect_generation(2) > 0);
    BOOST_TEST(tracked_total() == baseline);
    PyGC_Enable();
}

BOOST_FIXTURE_TEST_CASE(interpreter_hooks, TypesFixture) {
    O Type = O::type(&PyType_Type);
    // __classcell__ is the interpreter's cell; the hook stores the class in it.
    minipy_set_classcell_hook(set_cell);
    BOOST_REQUIRE(PyType_Ready(cell_type()) == 0);
    O cell(reinterpret_cast<PyObject *>(PyObject_New(Cell, cell_type())));
    reinterpret_cast<Cell *>(cell.get())->ref = nullptr;
    O K = Type("K", O::tuple({}), O::dict({{"__classcell__", cell}}));
    PyObject *contents = reinterpret_cast<Cell *>(cell.get())->ref;
    O has_cell =
        O::boolean(PyDict_GetItemString(K.attr("__dict__").get(), "__classcell__") != nullptr);
    BOOST_TEST(python3_says("classcell_filled",
                            outcome(O::tuple({O::boolean(contents == K.get()), has_cell}))));
    BOOST_TEST(outcome(Type("K", O::tuple({}), O::dict({{"__classcell__", 1}}))) ==
               "TypeError: __classcell__ must be a nonlocal cell, not <class 'int'>");
    minipy_set_classcell_hook(nullptr);
    BOOST_TEST(outcome(Type("K", O::tuple({}), O::dict({{"__classcell__", cell}}))) ==
               "TypeError: __classcell__ must be a nonlocal cell, not <class 'cell'>");

    // super() with no arguments: the running frame's class and first argument.
    O Base = cls("Base", {}, {{"who", returns("Base.who", "Base.who")}});
    O Derived = cls("Derived", {Base.get()}, {{"who", returns("Derived.who", "Derived.who")}});
    O Super = O::type(&PySuper_Type);
    BOOST_TEST(python3_says("super_no_arguments", outcome(Super())));
    minipy_set_super_hook(super_from_frame);
    O d = Derived();
    g_super_class = reinterpret_cast<PyTypeObject *>(Derived.get());
    g_super_self = d.get();
    BOOST_TEST(outcome(Super().attr("who")()) == "'Base.who'");
    g_super_class = nullptr;
    BOOST_TEST(outcome(Super()) == "RuntimeError: super(): __class__ cell not found");
    O name("who");
    BOOST_TEST(outcome(O(minipy_super_lookup(reinterpret_cast<PyTypeObject *>(Derived.get()),
                                             d.get(), name.get()))()) == "'Base.who'");
    O missing("nope");
    BOOST_TEST(outcome(O(minipy_super_lookup(reinterpret_cast<PyTypeObject *>(Derived.get()),
                                             d.get(), missing.get()))) ==
               "AttributeError: 'super' object has no attribute 'nope'");
    minipy_set_super_hook(nullptr);
}

BOOST_FIXTURE_TEST_CASE(pickle_helpers_use_copyreg_through_the_import_hook, TypesFixture) {
    O obj(PyObject_CallNoArgs(reinterpret_cast<PyObject *>(&PyBaseObject_Type)));
    // Without the interpreter there is no copyreg: a clear error, as CPython's without one.
    BOOST_TEST(outcome(obj.attr("__reduce_ex__")(2)) ==
               "ModuleNotFoundError: No module named 'copyreg'");
    BOOST_TEST(outcome(obj.attr("__reduce__")()) ==
               "ModuleNotFoundError: No module named 'copyreg'");
    minipy_set_import_hook(import_copyreg);
    const auto tail = [](const O &r) { return r ? O(PyTuple_GetSlice(r.get(), 1, 5)) : O(); };
    BOOST_TEST(python3_says("reduce_ex_protocol_2", outcome(tail(obj.attr("__reduce_ex__")(2)))));
    O A = cls("A", {}, {});
    O a = A();
    a.set("x", 1);
    BOOST_TEST(python3_says("reduce_ex_instance", outcome(tail(a.attr("__reduce_ex__")(2)))));
    O S = cls("S", {}, {{"__slots__", O::tuple({"a", "b"}).release()}});
    O s = S();
    s.set("a", 1);
    BOOST_TEST(python3_says("reduce_ex_slots", outcome(tail(s.attr("__reduce_ex__")(2)))));
    O MyList = cls("MyList", {reinterpret_cast<PyObject *>(&PyList_Type)}, {});
    O r = MyList(O::list({1, 2})).attr("__reduce_ex__")(2);
    BOOST_TEST(python3_says(
        "reduce_ex_list",
        outcome(r ? O::tuple({r[1], r[2], O(PySequence_List(r[3].get())), r[4]}) : O())));
    O S2 = cls("S", {}, {{"__slots__", O::tuple({"a", "b"}).release()}});
    BOOST_TEST(python3_says(
        "slotnames_cached",
        outcome(O::tuple({S2().attr("__getstate__")(), S2.attr("__dict__")["__slotnames__"]}))));
    minipy_set_import_hook(nullptr);
}

// What PyType_Ready did to the static types is undone at shutdown: the next start-up makes the
// same dicts (an inherited slot must not turn into a wrapper of the type's own).
BOOST_AUTO_TEST_CASE(static_types_are_the_same_after_a_restart) {
    const auto snapshot = [] {
        std::string out;
        for (PyTypeObject *type :
             {&PyBool_Type, &PyLong_Type, &PyList_Type, &PyBaseObject_Type, &PyType_Type,
              &PyDict_Type, reinterpret_cast<PyTypeObject *>(PyExc_KeyError)}) {
            O keys(PySequence_List(O::type(type).attr("__dict__").get()));
            out += outcome(keys) + "\n";
            out += std::to_string(type->tp_flags & ~Py_TPFLAGS_VALID_VERSION_TAG) + "\n";
        }
        return out;
    };
    std::string first, second;
    {
        TypesFixture fixture;
        first = snapshot();
    }
    {
        TypesFixture fixture;
        second = snapshot();
    }
    BOOST_TEST(first == second);
    BOOST_TEST(first.find("__repr__") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
