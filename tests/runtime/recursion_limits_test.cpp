// Deep input, bounded C stack: the recursion limit (Py_EnterRecursiveCall and the protocol
// functions that count themselves, with CPython 3.11's messages) and the trashcan (containers
// nested 10^5 deep are destroyed on a 256 KiB stack, by the built-in types
// and by an extension type using Py_TRASHCAN_BEGIN/END). Every case ends with the leak check.
#include <boost/test/unit_test.hpp>

#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <functional>
#include <string>

#include "minipy/Python.h"
#include "runtime/forked_child.hpp"
#include "runtime/runtime_scope.hpp"
#include "runtime/sequence_helpers.hpp"
#include "support/test_size.hpp"

using minipy::test::obj_blocks;
using minipy::test::RuntimeScope;

namespace {

// Deep enough that one C frame per level would need megabytes of stack; the structures are
// destroyed on a thread with a small stack (run_on_small_stack), where only a bounded depth
// survives. The small size (10^4, MINIPY_TEST_SIZE=small) still overflows that stack at any
// frame size above 26 bytes a level.
const long kDeep = minipy::test::test_size(100000L, 10000L);
constexpr size_t kSmallStack = size_t{256} * 1024;

// Runs `body` on a new thread with a kSmallStack-byte stack, holding the GIL, while the
// calling thread (which holds it) waits with the GIL released. The body must not use
// Boost.Test (not thread-safe): it leaves results for the caller to check.
void run_on_small_stack(const std::function<void()> &body) {
    pthread_attr_t attr;
    BOOST_REQUIRE(pthread_attr_init(&attr) == 0);
    BOOST_REQUIRE(pthread_attr_setstacksize(&attr, kSmallStack) == 0);
    auto start = [](void *arg) -> void * {
        const PyGILState_STATE state = PyGILState_Ensure();
        (*static_cast<const std::function<void()> *>(arg))();
        PyGILState_Release(state);
        return nullptr;
    };
    pthread_t thread;
    int rc = 0;
    Py_BEGIN_ALLOW_THREADS rc =
        pthread_create(&thread, &attr, start, const_cast<std::function<void()> *>(&body));
    if (rc == 0) pthread_join(thread, nullptr);
    Py_END_ALLOW_THREADS pthread_attr_destroy(&attr);
    BOOST_REQUIRE(rc == 0);
}

// A chain of `depth` containers, each holding the next. kind: 'l' lists, 't' tuples, 'd'
// dicts (the next one under key 0), 'm' the three in turn, all ending in an empty list;
// 'f' frozensets, ending in an empty frozenset (their items must be hashable).
PyObject *nested(long depth, char kind) {
    PyObject *inner = kind == 'f' ? PyFrozenSet_New(nullptr) : PyList_New(0);
    static const char kMix[] = "ltd";
    for (long i = 1; i < depth && inner != nullptr; ++i) {
        const char k = kind == 'm' ? kMix[i % 3] : kind;
        PyObject *outer = nullptr;
        if (k == 'l') {
            outer = PyList_New(1);
            if (outer != nullptr) PyList_SET_ITEM(outer, 0, Py_NewRef(inner));
        } else if (k == 't') {
            outer = PyTuple_Pack(1, inner);
        } else if (k == 'd') {
            outer = PyDict_New();
            PyObject *key = PyLong_FromLong(0);
            if (outer != nullptr && (key == nullptr || PyDict_SetItem(outer, key, inner) < 0))
                Py_CLEAR(outer);
            Py_XDECREF(key);
        } else {
            PyObject *items = PyTuple_Pack(1, inner);
            outer = items != nullptr ? PyFrozenSet_New(items) : nullptr;
            Py_XDECREF(items);
        }
        Py_DECREF(inner);
        inner = outer;
    }
    return inner;
}

// A list nested `depth` deep: [[[...[]...]]], `depth` lists in all.
PyObject *nested_lists(long depth) {
    return nested(depth, 'l');
}

std::string error_text() {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    std::string text = "no error";
    if (type != nullptr) {
        PyObject *message = value != nullptr ? PyObject_Str(value) : nullptr;
        text = std::string(reinterpret_cast<PyTypeObject *>(type)->tp_name) + ": " +
               (message != nullptr ? PyUnicode_AsUTF8(message) : "?");
        Py_XDECREF(message);
    }
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return text;
}

// --- An extension type that uses the public trashcan macros ------------------------------------

struct Link {
    PyObject_HEAD PyObject *next;
};

int g_body_depth = 0;      // deallocation bodies running now
int g_max_body_depth = 0;  // the most that ever ran at once
long g_links_freed = 0;

void link_dealloc(PyObject *self) {
    PyObject_GC_UnTrack(self);
    Py_TRASHCAN_BEGIN(self, link_dealloc) g_max_body_depth =
        std::max(g_max_body_depth, ++g_body_depth);
    Py_CLEAR(reinterpret_cast<Link *>(self)->next);
    PyObject_GC_Del(self);
    ++g_links_freed;
    --g_body_depth;
    Py_TRASHCAN_END
}

int link_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(reinterpret_cast<Link *>(self)->next);
    return 0;
}

int link_clear(PyObject *self) {
    Py_CLEAR(reinterpret_cast<Link *>(self)->next);
    return 0;
}

PyTypeObject Link_Type = {
    PyVarObject_HEAD_INIT(nullptr, 0) "test.Link",
    sizeof(Link),
    0,
    link_dealloc,
};

PyObject *new_link(PyObject *next) {
    Link *link = PyObject_GC_New(Link, &Link_Type);
    if (link == nullptr) return nullptr;
    link->next = Py_XNewRef(next);
    PyObject_GC_Track(link);
    return reinterpret_cast<PyObject *>(link);
}

bool ready_link_type() {
    Link_Type.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
    Link_Type.tp_traverse = link_traverse;
    Link_Type.tp_clear = link_clear;
    return PyType_Ready(&Link_Type) == 0;
}

// --- A list subclass with a deallocator of its own that ends in list's ------------------------

struct TaggedList {
    PyListObject list;
    PyObject *tag;  // released by the subclass's deallocator, exactly once
};

long g_tagged_deallocs = 0;

PyTypeObject TaggedList_Type = {PyVarObject_HEAD_INIT(nullptr, 0) "test.TaggedList",
                                sizeof(TaggedList)};

void tagged_list_dealloc(PyObject *self) {
    ++g_tagged_deallocs;
    Py_CLEAR(reinterpret_cast<TaggedList *>(self)->tag);
    PyList_Type.tp_dealloc(self);  // untracks, releases the items, frees
}

bool ready_tagged_list_type() {
    TaggedList_Type.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
    TaggedList_Type.tp_base = &PyList_Type;
    TaggedList_Type.tp_dealloc = tagged_list_dealloc;
    return PyType_Ready(&TaggedList_Type) == 0;
}

// A tagged list holding `item` (a new reference is taken), tagged with a fresh int.
PyObject *new_tagged_list(PyObject *item) {
    PyObject *self = PyType_GenericAlloc(&TaggedList_Type, 0);
    if (self == nullptr) return nullptr;
    reinterpret_cast<TaggedList *>(self)->tag = PyLong_FromLong(100000);
    if (PyList_Append(self, item) < 0) Py_CLEAR(self);
    return self;
}

// --- A function that calls itself through PyObject_CallNoArgs -----------------------------------

long g_calls = 0;
PyObject *g_self_caller = nullptr;

PyObject *call_myself(PyObject *, PyObject *) {
    ++g_calls;
    return PyObject_CallNoArgs(g_self_caller);
}

PyMethodDef g_call_myself_def = {"call_myself", call_myself, METH_NOARGS, nullptr};

}  // namespace

BOOST_AUTO_TEST_SUITE(recursion_limits)

BOOST_AUTO_TEST_CASE(deeply_nested_containers_are_destroyed_on_a_small_stack) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const size_t before = obj_blocks();
    for (const char kind : {'l', 't', 'd', 'f', 'm'}) {
        BOOST_TEST_CONTEXT("kind " << kind) {
            bool built = false;
            size_t while_alive = 0, after = 0;
            run_on_small_stack([&] {
                PyObject *chain = nested(kDeep, kind);
                built = chain != nullptr;
                while_alive = obj_blocks();
                Py_XDECREF(chain);  // without the trashcan: kDeep nested deallocations
                after = obj_blocks();
            });
            BOOST_TEST(built);
            BOOST_TEST(while_alive >= before + static_cast<size_t>(kDeep));
            BOOST_TEST(after == before);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_deep_cycle_is_collected_on_a_small_stack) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    const size_t before = obj_blocks();
    bool built = false;
    Py_ssize_t collected = 0;
    size_t after = 0;
    run_on_small_stack([&] {
        // head -> [[...[head]...]]: the collector clears one list and the rest unwinds.
        PyObject *head = PyList_New(0);
        PyObject *chain = PyList_New(0);
        built = head != nullptr && chain != nullptr && PyList_Append(chain, head) == 0;
        for (long i = 0; built && i < kDeep; ++i) {
            PyObject *outer = PyList_New(1);
            built = outer != nullptr;
            if (built) PyList_SET_ITEM(outer, 0, chain);
            chain = outer;
        }
        built = built && PyList_Append(head, chain) == 0;
        Py_XDECREF(chain);
        Py_XDECREF(head);
        collected = PyGC_Collect();
        after = obj_blocks();
    });
    BOOST_REQUIRE(built);
    BOOST_TEST(collected == kDeep + 2);
    BOOST_TEST(after == before);
}

BOOST_AUTO_TEST_CASE(a_deep_structure_left_at_shutdown_is_released) {
    // Nothing but Py_FinalizeEx releases it; RuntimeScope's leak check must find zero.
    RuntimeScope runtime;
    PyObject *chain = nested(kDeep, 'm');
    BOOST_REQUIRE(chain != nullptr);
    PyObject *cycle = PyList_New(0);
    BOOST_REQUIRE(PyList_Append(cycle, chain) == 0 && PyList_Append(cycle, cycle) == 0);
    Py_DECREF(chain);
    Py_DECREF(cycle);
}

BOOST_AUTO_TEST_CASE(the_public_macros_bound_the_depth_of_an_extension_type) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    BOOST_REQUIRE(ready_link_type());
    const size_t before = obj_blocks();
    bool built = true;
    size_t after = 0;
    g_links_freed = 0;
    g_max_body_depth = 0;
    run_on_small_stack([&] {
        PyObject *chain = nullptr;
        for (long i = 0; built && i < kDeep; ++i) {
            PyObject *link = new_link(chain);
            built = link != nullptr;
            Py_XDECREF(chain);
            chain = link;
        }
        Py_XDECREF(chain);
        after = obj_blocks();
    });
    BOOST_REQUIRE(built);
    BOOST_TEST(g_links_freed == kDeep);
    BOOST_TEST(after == before);
    // 50 nested deallocations, then the rest is put aside; the outermost one's loop adds
    // one level for what it destroys.
    BOOST_TEST(g_max_body_depth >= 50);
    BOOST_TEST(g_max_body_depth <= 51);
}

BOOST_AUTO_TEST_CASE(a_subclass_deallocator_is_never_cut_short_by_the_bases_trashcan) {
    RuntimeScope runtime(RuntimeScope::counting_config_with_free_lists(false));
    BOOST_REQUIRE(ready_tagged_list_type());
    const size_t before = obj_blocks();
    // Plain lists around tagged lists around plain lists ...: the tagged ones sit at every
    // nesting depth, well past 50. list's trashcan must leave them alone (their tp_dealloc
    // is not list's), or the subclass would run on after its object was put aside and
    // release its tag twice.
    PyObject *chain = PyList_New(0);
    long tagged = 0;
    for (int i = 0; i < 300 && chain != nullptr; ++i) {
        PyObject *outer = i % 3 == 0 ? new_tagged_list(chain) : PyTuple_Pack(1, chain);
        tagged += i % 3 == 0;
        Py_DECREF(chain);
        chain = outer;
    }
    BOOST_REQUIRE(chain != nullptr);
    g_tagged_deallocs = 0;
    Py_DECREF(chain);
    BOOST_TEST(g_tagged_deallocs == tagged);
    BOOST_TEST(obj_blocks() == before);
}

BOOST_AUTO_TEST_CASE(the_public_macros_refuse_a_tracked_object) {
    const auto result = minipy::test::run_forked([] {
        RuntimeScope runtime;
        BOOST_REQUIRE(ready_link_type());
        PyObject *link = new_link(nullptr);  // tracked
        PyThreadState *tstate = PyThreadState_Get();
        _PyTrash_begin(tstate, link);  // as Py_TRASHCAN_BEGIN before PyObject_GC_UnTrack
    });
    BOOST_TEST(result.signal == SIGABRT);
    BOOST_TEST(result.err.find("Fatal Python error: ") != std::string::npos, result.err);
    BOOST_TEST(result.err.find("the object is still tracked (call PyObject_GC_UnTrack first)") !=
                   std::string::npos,
               result.err);
}

BOOST_AUTO_TEST_CASE(the_public_macros_refuse_an_object_without_gc) {
    const auto result = minipy::test::run_forked([] {
        RuntimeScope runtime;
        PyObject *number = PyFloat_FromDouble(1.5);
        _PyTrash_begin(PyThreadState_Get(), number);
    });
    BOOST_TEST(result.signal == SIGABRT);
    BOOST_TEST(
        result.err.find("the object's type does not have Py_TPFLAGS_HAVE_GC") != std::string::npos,
        result.err);
}

BOOST_AUTO_TEST_CASE(repr_stops_at_the_limit_with_cpythons_message) {
    RuntimeScope runtime;
    BOOST_TEST(Py_GetRecursionLimit() == 1000);
    // 1000 nested lists take 1000 levels of PyObject_Repr: the most the limit allows.
    PyObject *deepest_allowed = nested_lists(1000);
    PyObject *text = PyObject_Repr(deepest_allowed);
    BOOST_REQUIRE(text != nullptr);
    BOOST_TEST(PyUnicode_GetLength(text) == 2000);
    Py_DECREF(text);
    PyObject *one_more = PyList_New(1);
    PyList_SET_ITEM(one_more, 0, deepest_allowed);
    BOOST_TEST(PyObject_Repr(one_more) == nullptr);
    BOOST_TEST(
        error_text() ==
        "RecursionError: maximum recursion depth exceeded while getting the repr of an object");
    BOOST_TEST(PyObject_Str(one_more) == nullptr);
    BOOST_TEST(PyErr_ExceptionMatches(PyExc_RecursionError));
    PyErr_Clear();
    // The failed calls left their levels: the allowed depth works again.
    text = PyObject_Repr(deepest_allowed);
    BOOST_TEST(text != nullptr);
    Py_XDECREF(text);
    Py_DECREF(one_more);
}

BOOST_AUTO_TEST_CASE(hashing_a_deep_tuple_stops_at_the_limit) {
    RuntimeScope runtime;
    // (((...(),),),): 1000 tuples take 999 levels, and hash as in python3.
    PyObject *t = PyTuple_New(0);
    for (int i = 0; i < 999 && t != nullptr; ++i) {
        PyObject *outer = PyTuple_Pack(1, t);
        Py_DECREF(t);
        t = outer;
    }
    BOOST_REQUIRE(t != nullptr);
    BOOST_TEST(PyObject_Hash(t) == static_cast<Py_hash_t>(4778456348238690771LL));
    // 10^5 deep: CPython 3.11 crashes here; minipy raises.
    for (long i = 999; i < kDeep && t != nullptr; ++i) {
        PyObject *outer = PyTuple_Pack(1, t);
        Py_DECREF(t);
        t = outer;
    }
    BOOST_REQUIRE(t != nullptr);
    BOOST_TEST(PyObject_Hash(t) == -1);
    BOOST_TEST(error_text() ==
               "RecursionError: maximum recursion depth exceeded while hashing a tuple");
    Py_DECREF(t);
}

BOOST_AUTO_TEST_CASE(comparing_deep_structures_stops_at_the_limit) {
    RuntimeScope runtime;
    PyObject *a = nested_lists(2000);
    PyObject *b = nested_lists(2000);
    BOOST_TEST(PyObject_RichCompareBool(a, b, Py_EQ) == -1);
    BOOST_TEST(error_text() == "RecursionError: maximum recursion depth exceeded in comparison");
    PyObject *c = nested_lists(900);
    PyObject *d = nested_lists(900);
    BOOST_TEST(PyObject_RichCompareBool(c, d, Py_EQ) == 1);
    for (PyObject *o : {a, b, c, d}) Py_DECREF(o);
}

BOOST_AUTO_TEST_CASE(calls_stop_at_the_limit) {
    RuntimeScope runtime;
    g_self_caller = PyCFunction_New(&g_call_myself_def, nullptr);
    BOOST_REQUIRE(g_self_caller != nullptr);
    g_calls = 0;
    BOOST_TEST(PyObject_CallNoArgs(g_self_caller) == nullptr);
    BOOST_TEST(error_text() ==
               "RecursionError: maximum recursion depth exceeded while calling a Python object");
    BOOST_TEST(g_calls == 1000);
    Py_CLEAR(g_self_caller);
}

BOOST_AUTO_TEST_CASE(enter_and_leave_count_levels_against_the_limit) {
    {
        RuntimeScope runtime;
        Py_SetRecursionLimit(40);
        BOOST_TEST(Py_GetRecursionLimit() == 40);
        for (int i = 0; i < 40; ++i) BOOST_REQUIRE(Py_EnterRecursiveCall(" here") == 0);
        BOOST_TEST(Py_EnterRecursiveCall(" here") == -1);
        BOOST_TEST(PyErr_ExceptionMatches(PyExc_RecursionError));
        Py_LeaveRecursiveCall();
        BOOST_TEST(Py_EnterRecursiveCall("") == 0);  // one level free again
        Py_LeaveRecursiveCall();
        // (Reading the message takes a level of PyObject_Str itself.)
        BOOST_TEST(error_text() == "RecursionError: maximum recursion depth exceeded here");
        BOOST_TEST(Py_EnterRecursiveCall("") == 0);
        for (int i = 0; i < 40; ++i) Py_LeaveRecursiveCall();
        // A lower limit reaches the protocol functions too.
        PyObject *lists = nested_lists(41);
        BOOST_TEST(PyObject_Repr(lists) == nullptr);
        BOOST_TEST(PyErr_ExceptionMatches(PyExc_RecursionError));
        PyErr_Clear();
        Py_DECREF(lists);
    }
    // Each start-up begins with CPython's default.
    RuntimeScope runtime;
    BOOST_TEST(Py_GetRecursionLimit() == 1000);
}

BOOST_AUTO_TEST_SUITE_END()
