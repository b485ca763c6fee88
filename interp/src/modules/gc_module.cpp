// The gc module on the runtime's collector (objimpl.h): collect, enable/disable, counts,
// thresholds, statistics, tracking, the object graph (get_objects, get_referrers,
// get_referents), freeze, debug flags, garbage and callbacks, with CPython 3.11's argument
// checks and messages. The callbacks run around every collection, automatic ones too (the
// runtime's callback hook).
#include "modules/modules.hpp"

namespace {

constexpr int kGenerations = MINIPY_GC_GENERATIONS;
// CPython's debug flags (gc.DEBUG_*); minipy's collector keeps them but prints nothing.
constexpr long kDebugStats = 1, kDebugCollectable = 2, kDebugUncollectable = 4, kDebugSaveall = 32;
constexpr long kDebugLeak = kDebugCollectable | kDebugUncollectable | kDebugSaveall;

long g_debug_flags = 0;

// gc.callbacks (strong; the list the module was made with, as CPython keeps it), NULL while no
// gc module exists.
PyObject *g_callbacks = nullptr;

// The runtime's callback hook: each of gc.callbacks with (phase, info); an error is reported as
// unraisable, as CPython does.
void invoke_callbacks(int phase, int generation, Py_ssize_t collected,
                      Py_ssize_t uncollectable) noexcept {
    if (g_callbacks == nullptr || PyList_GET_SIZE(g_callbacks) == 0) return;
    PyObject *info = Py_BuildValue("{sisnsn}", "generation", generation, "collected", collected,
                                   "uncollectable", uncollectable);
    if (info == nullptr) {
        PyErr_WriteUnraisable(nullptr);
        return;
    }
    // The live list, its size read again at each step, as CPython walks it: a callback may
    // remove itself or add others, and those added run in the same phase.
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(g_callbacks); ++i) {
        PyObject *callback = Py_NewRef(PyList_GET_ITEM(g_callbacks, i));
        PyObject *r = PyObject_CallFunction(callback, "sO", phase == 0 ? "start" : "stop", info);
        if (r == nullptr)
            PyErr_WriteUnraisable(callback);
        else
            Py_DECREF(r);
        Py_DECREF(callback);
    }
    Py_DECREF(info);
}

void gc_module_free(void *) noexcept {
    minipy::modules::gc_callbacks_fini();
}

PyObject *gc_collect(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKwlist[] = {"generation", nullptr};
    int generation = kGenerations - 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|i:collect", const_cast<char **>(kKwlist),
                                     &generation))
        return nullptr;
    if (generation < 0 || generation >= kGenerations) {
        PyErr_SetString(PyExc_ValueError, "invalid generation");
        return nullptr;
    }
    const Py_ssize_t found = minipy_gc_collect_generation(generation);
    if (found < 0) return nullptr;
    return PyLong_FromSsize_t(found);
}

PyObject *gc_enable(PyObject *, PyObject *) noexcept {
    PyGC_Enable();
    Py_RETURN_NONE;
}

PyObject *gc_disable(PyObject *, PyObject *) noexcept {
    PyGC_Disable();
    Py_RETURN_NONE;
}

PyObject *gc_isenabled(PyObject *, PyObject *) noexcept {
    return PyBool_FromLong(PyGC_IsEnabled());
}

PyObject *gc_get_count(PyObject *, PyObject *) noexcept {
    Py_ssize_t count[kGenerations];
    minipy_gc_get_count(count);
    return Py_BuildValue("(nnn)", count[0], count[1], count[2]);
}

PyObject *gc_get_threshold(PyObject *, PyObject *) noexcept {
    int threshold[kGenerations];
    minipy_gc_get_threshold(threshold);
    return Py_BuildValue("(iii)", threshold[0], threshold[1], threshold[2]);
}

PyObject *gc_set_threshold(PyObject *, PyObject *args) noexcept {
    int threshold[kGenerations];
    minipy_gc_get_threshold(threshold);
    if (!PyArg_ParseTuple(args, "i|ii:set_threshold", &threshold[0], &threshold[1], &threshold[2]))
        return nullptr;
    if (minipy_gc_set_threshold(threshold) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *gc_get_stats(PyObject *, PyObject *) noexcept {
    minipy_gc_generation_stats stats[kGenerations];
    minipy_gc_get_stats(stats);
    PyObject *list = PyList_New(kGenerations);
    if (list == nullptr) return nullptr;
    for (int i = 0; i < kGenerations; ++i) {
        PyObject *d = Py_BuildValue("{snsnsn}", "collections", stats[i].collections, "collected",
                                    stats[i].collected, "uncollectable", stats[i].uncollectable);
        if (d == nullptr) {
            Py_DECREF(list);
            return nullptr;
        }
        PyList_SET_ITEM(list, i, d);
    }
    return list;
}

PyObject *gc_is_tracked(PyObject *, PyObject *obj) noexcept {
    return PyBool_FromLong(PyObject_GC_IsTracked(obj));
}

PyObject *gc_is_finalized(PyObject *, PyObject *obj) noexcept {
    return PyBool_FromLong(PyObject_GC_IsFinalized(obj));
}

struct Gather {
    PyObject *result;   // the list being built (left out of what it lists)
    PyObject *skip;     // another object to leave out, or NULL
    PyObject *targets;  // get_referrers: the objects asked about
};

int gather_object(PyObject *op, void *arg) noexcept {
    auto *g = static_cast<Gather *>(arg);
    if (op == g->result || op == g->skip) return 0;
    return PyList_Append(g->result, op) < 0 ? -1 : 0;
}

PyObject *gc_get_objects(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKwlist[] = {"generation", nullptr};
    PyObject *gen_obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:get_objects", const_cast<char **>(kKwlist),
                                     &gen_obj))
        return nullptr;
    int generation = -1;
    if (gen_obj != Py_None) {
        generation = _PyLong_AsInt(gen_obj);
        if (generation == -1 && PyErr_Occurred()) return nullptr;
        if (generation >= kGenerations) {
            PyErr_Format(PyExc_ValueError,
                         "generation parameter must be less than the number of available "
                         "generations (%i)",
                         kGenerations);
            return nullptr;
        }
        if (generation < -1) {
            PyErr_SetString(PyExc_ValueError, "generation parameter cannot be negative");
            return nullptr;
        }
    }
    Gather g{PyList_New(0), nullptr, nullptr};
    if (g.result == nullptr) return nullptr;
    if (minipy_gc_visit_tracked(generation, gather_object, &g) != 0) Py_CLEAR(g.result);
    return g.result;
}

int is_target(PyObject *referent, void *arg) noexcept {
    auto *targets = static_cast<PyObject *>(arg);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(targets); ++i)
        if (PyTuple_GET_ITEM(targets, i) == referent) return 1;
    return 0;
}

int gather_referrer(PyObject *op, void *arg) noexcept {
    auto *g = static_cast<Gather *>(arg);
    if (op == g->result || op == g->targets) return 0;
    traverseproc traverse = Py_TYPE(op)->tp_traverse;
    if (traverse == nullptr || traverse(op, is_target, g->targets) == 0) return 0;
    return PyList_Append(g->result, op) < 0 ? -1 : 0;
}

PyObject *gc_get_referrers(PyObject *, PyObject *args) noexcept {
    Gather g{PyList_New(0), nullptr, args};
    if (g.result == nullptr) return nullptr;
    if (minipy_gc_visit_tracked(-1, gather_referrer, &g) != 0) Py_CLEAR(g.result);
    return g.result;
}

int append_referent(PyObject *referent, void *arg) noexcept {
    return PyList_Append(static_cast<PyObject *>(arg), referent) < 0 ? -1 : 0;
}

PyObject *gc_get_referents(PyObject *, PyObject *args) noexcept {
    PyObject *result = PyList_New(0);
    if (result == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i) {
        PyObject *obj = PyTuple_GET_ITEM(args, i);
        if (!PyObject_IS_GC(obj)) continue;
        traverseproc traverse = Py_TYPE(obj)->tp_traverse;
        if (traverse != nullptr && traverse(obj, append_referent, result) != 0) {
            Py_DECREF(result);
            return nullptr;
        }
    }
    return result;
}

PyObject *gc_freeze(PyObject *, PyObject *) noexcept {
    minipy_gc_freeze();
    Py_RETURN_NONE;
}

PyObject *gc_unfreeze(PyObject *, PyObject *) noexcept {
    minipy_gc_unfreeze();
    Py_RETURN_NONE;
}

PyObject *gc_get_freeze_count(PyObject *, PyObject *) noexcept {
    return PyLong_FromSsize_t(minipy_gc_get_freeze_count());
}

PyObject *gc_set_debug(PyObject *, PyObject *arg) noexcept {
    const long flags = PyLong_AsLong(arg);
    if (flags == -1 && PyErr_Occurred()) return nullptr;
    g_debug_flags = flags;
    Py_RETURN_NONE;
}

PyObject *gc_get_debug(PyObject *, PyObject *) noexcept {
    return PyLong_FromLong(g_debug_flags);
}

PyMethodDef gc_methods[] = {
    {"collect", _PyCFunction_CAST(gc_collect), METH_VARARGS | METH_KEYWORDS, nullptr},
    {"enable", gc_enable, METH_NOARGS, nullptr},
    {"disable", gc_disable, METH_NOARGS, nullptr},
    {"isenabled", gc_isenabled, METH_NOARGS, nullptr},
    {"get_count", gc_get_count, METH_NOARGS, nullptr},
    {"get_threshold", gc_get_threshold, METH_NOARGS, nullptr},
    {"set_threshold", gc_set_threshold, METH_VARARGS, nullptr},
    {"get_stats", gc_get_stats, METH_NOARGS, nullptr},
    {"is_tracked", gc_is_tracked, METH_O, nullptr},
    {"is_finalized", gc_is_finalized, METH_O, nullptr},
    {"get_objects", _PyCFunction_CAST(gc_get_objects), METH_VARARGS | METH_KEYWORDS, nullptr},
    {"get_referrers", gc_get_referrers, METH_VARARGS, nullptr},
    {"get_referents", gc_get_referents, METH_VARARGS, nullptr},
    {"freeze", gc_freeze, METH_NOARGS, nullptr},
    {"unfreeze", gc_unfreeze, METH_NOARGS, nullptr},
    {"get_freeze_count", gc_get_freeze_count, METH_NOARGS, nullptr},
    {"set_debug", gc_set_debug, METH_O, nullptr},
    {"get_debug", gc_get_debug, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef gc_def = {
    PyModuleDef_HEAD_INIT,
    "gc",
    "This module provides access to the garbage collector for reference cycles.",
    -1,
    gc_methods,
    nullptr,
    nullptr,
    nullptr,
    gc_module_free,
};

}  // namespace

extern "C" PyObject *PyInit_gc(void) noexcept {
    PyObject *m = PyModule_Create(&gc_def);
    if (m == nullptr) return nullptr;
    PyObject *garbage = PyList_New(0);
    PyObject *callbacks = PyList_New(0);
    const int r =
        garbage == nullptr || callbacks == nullptr ||
                PyModule_AddObjectRef(m, "garbage", garbage) < 0 ||
                PyModule_AddObjectRef(m, "callbacks", callbacks) < 0 ||
                PyModule_AddIntConstant(m, "DEBUG_STATS", kDebugStats) < 0 ||
                PyModule_AddIntConstant(m, "DEBUG_COLLECTABLE", kDebugCollectable) < 0 ||
                PyModule_AddIntConstant(m, "DEBUG_UNCOLLECTABLE", kDebugUncollectable) < 0 ||
                PyModule_AddIntConstant(m, "DEBUG_SAVEALL", kDebugSaveall) < 0 ||
                PyModule_AddIntConstant(m, "DEBUG_LEAK", kDebugLeak) < 0
            ? -1
            : 0;
    Py_XDECREF(garbage);
    Py_XDECREF(callbacks);
    if (r < 0) {
        Py_DECREF(m);
        return nullptr;
    }
    g_debug_flags = 0;
    Py_XSETREF(g_callbacks, Py_NewRef(PyDict_GetItemString(PyModule_GetDict(m), "callbacks")));
    minipy_gc_set_callback_hook(invoke_callbacks);
    return m;
}

namespace minipy::modules {

void gc_callbacks_fini() noexcept {
    minipy_gc_set_callback_hook(nullptr);
    Py_CLEAR(g_callbacks);
}

}  // namespace minipy::modules
