// Node, the small GC type the collector's tests build cycles from (two references, like an
// instance of a class with two __slots__), and the fixture that starts each case with empty
// generations and automatic collection off. Shared by gc_test.cpp and gc_generations_test.cpp.
#ifndef MINIPY_TESTS_RUNTIME_GC_NODE_HPP
#define MINIPY_TESTS_RUNTIME_GC_NODE_HPP

#include <boost/test/unit_test.hpp>

#include <vector>

#include "minipy/Python.h"
#include "runtime/runtime_scope.hpp"

namespace minipy::test::gc_node {

using minipy::test::RuntimeScope;

// --- Node: a GC type with two references -------------------------------------------------------

struct Node {
    PyObject_HEAD PyObject *first;
    PyObject *second;
};

inline int g_live_nodes = 0;
inline bool g_clear_raises = false;  // make tp_clear fail, once it has dropped its references

inline int node_traverse(PyObject *self, visitproc visit, void *arg) {
    Node *node = reinterpret_cast<Node *>(self);
    Py_VISIT(node->first);
    Py_VISIT(node->second);
    return 0;
}

inline int node_clear(PyObject *self) {
    Node *node = reinterpret_cast<Node *>(self);
    Py_CLEAR(node->first);
    Py_CLEAR(node->second);
    if (g_clear_raises) {
        PyErr_SetString(PyExc_RuntimeError, "tp_clear failed on purpose");
        return -1;
    }
    return 0;
}

inline void node_dealloc(PyObject *self) {
    PyObject_GC_UnTrack(self);
    Node *node = reinterpret_cast<Node *>(self);
    Py_CLEAR(node->first);
    Py_CLEAR(node->second);
    --g_live_nodes;
    PyObject_GC_Del(self);
}

// Filled in at run time: a designated initializer would have to name every field to stay
// warning-free in a test.
inline PyTypeObject NodeType;

inline PyTypeObject *node_type() {
    if (NodeType.tp_name == nullptr) {
        Py_SET_REFCNT(_PyObject_CAST(&NodeType), 1);
        Py_SET_TYPE(_PyObject_CAST(&NodeType), &PyType_Type);
        NodeType.tp_name = "gc_test.Node";
        NodeType.tp_basicsize = sizeof(Node);
        NodeType.tp_dealloc = node_dealloc;
        NodeType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
        NodeType.tp_traverse = node_traverse;
        NodeType.tp_clear = node_clear;
    }
    return &NodeType;
}

// A new node (tracked unless asked otherwise) holding new references to `first`, `second`.
inline PyObject *new_node(PyObject *first = nullptr, PyObject *second = nullptr,
                          bool track = true) {
    if (PyType_Ready(node_type()) < 0) return nullptr;
    Node *node = PyObject_GC_New(Node, &NodeType);
    if (node == nullptr) return nullptr;
    node->first = Py_XNewRef(first);
    node->second = Py_XNewRef(second);
    ++g_live_nodes;
    if (track) PyObject_GC_Track(node);
    return reinterpret_cast<PyObject *>(node);
}

inline void set_first(PyObject *node, PyObject *value) {
    Py_XSETREF(reinterpret_cast<Node *>(node)->first, Py_XNewRef(value));
}

inline std::vector<Py_ssize_t> counts() {
    Py_ssize_t c[MINIPY_GC_GENERATIONS];
    minipy_gc_get_count(c);
    return {c[0], c[1], c[2]};
}

inline Py_ssize_t tracked(int generation) {
    return minipy_gc_tracked_count(generation);
}

inline minipy_gc_generation_stats stats_of(int generation) {
    minipy_gc_generation_stats s[MINIPY_GC_GENERATIONS];
    minipy_gc_get_stats(s);
    return s[generation];
}

// Starts each case from empty generations with automatic collection off, so that only the
// case's own objects are counted.
struct QuietCollector {
    RuntimeScope runtime;
    QuietCollector() {
        PyGC_Disable();
        // Readying the type makes its dict, bases and MRO: before the counting starts.
        BOOST_REQUIRE(PyType_Ready(node_type()) == 0);
        minipy_gc_collect_generation(2);
        g_live_nodes = 0;
        g_clear_raises = false;
    }
};

// Builds a cycle with `build` (which returns nothing and keeps no reference), then collects.
template <typename Build>
inline Py_ssize_t collect_after(Build build) {
    build();
    BOOST_REQUIRE(!PyErr_Occurred());
    return minipy_gc_collect_generation(2);
}

}  // namespace minipy::test::gc_node

#endif  // MINIPY_TESTS_RUNTIME_GC_NODE_HPP
