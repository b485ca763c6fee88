// The interpreter's start-up on a running runtime: its types, the interned names, the
// builtins namespace, sys's namespace and the standard streams; and the builtins lookup for
// globals.
#include "run/interp_state.hpp"

#include "builtins/builtins.hpp"
#include "minipy/code.h"
#include "minipy/frameobject.h"
#include "minipy/functionobject.h"
#include "minipy/genobject.h"
#include "minipy/traceback.h"
#include "modules/modules.hpp"
#include "objects/interp_object.hpp"
#include "run/import_internal.hpp"
#include "run/runtime_hooks_bridge.hpp"
#include "run/stream_object.hpp"

namespace minipy::interp {

InterpState g_interp;

int ready_interp_types() noexcept {
    PyTypeObject *types[] = {&PyCode_Type,      &PyFunction_Type,   &PyCell_Type,     &PyFrame_Type,
                             &PyTraceBack_Type, &MinipyStream_Type, &PyEnum_Type,     &PyZip_Type,
                             &PyMap_Type,       &PyFilter_Type,     &PyReversed_Type, &PyGen_Type};
    for (PyTypeObject *type : types)
        if (PyType_Ready(type) < 0) return -1;
    return 0;
}

namespace {

int intern_names() noexcept {
#define MINIPY_INTERN_NAME(name)                                  \
    g_interp.names.id_##name = PyUnicode_InternFromString(#name); \
    if (g_interp.names.id_##name == nullptr) return -1;
    MINIPY_INTERP_NAMES(MINIPY_INTERN_NAME)
#undef MINIPY_INTERN_NAME
    return 0;
}

}  // namespace

int interp_ensure_started() noexcept {
    if (g_interp.initialized) return 0;
    if (ready_interp_types() < 0 || intern_names() < 0) return -1;
    register_runtime_hooks();
    // builtins and sys are modules; the interpreter keeps their dicts at hand.
    PyObject *builtins = builtins::make_builtins_dict();
    if (builtins == nullptr) return -1;
    g_interp.builtins_module = PyModule_New("builtins");
    if (g_interp.builtins_module == nullptr ||
        PyDict_Update(PyModule_GetDict(g_interp.builtins_module), builtins) < 0) {
        Py_DECREF(builtins);
        return -1;
    }
    Py_DECREF(builtins);
    g_interp.builtins = Py_NewRef(PyModule_GetDict(g_interp.builtins_module));
    g_interp.sys_module = modules::sys_create();
    if (g_interp.sys_module == nullptr) return -1;
    g_interp.sysdict = Py_NewRef(PyModule_GetDict(g_interp.sys_module));
    g_interp.modules = PyDict_New();
    g_interp.empty_tuple = PyTuple_New(0);
    g_interp.stdout_object = stream_new(1, "<stdout>");
    g_interp.stderr_object = stream_new(2, "<stderr>");
    if (g_interp.sysdict == nullptr || g_interp.modules == nullptr ||
        g_interp.empty_tuple == nullptr || g_interp.stdout_object == nullptr ||
        g_interp.stderr_object == nullptr)
        return -1;
    if (PyDict_SetItem(g_interp.sysdict, g_interp.names.id_stdout, g_interp.stdout_object) < 0 ||
        PyDict_SetItem(g_interp.sysdict, g_interp.names.id_stderr, g_interp.stderr_object) < 0 ||
        PyDict_SetItem(g_interp.sysdict, g_interp.names.id_modules, g_interp.modules) < 0)
        return -1;
    if (modules::sys_add_streams(g_interp.sysdict) < 0 || imports::import_init() < 0) return -1;
    g_interp.builtin_len = PyDict_GetItemString(g_interp.builtins, "len");
    g_interp.builtin_isinstance = PyDict_GetItemString(g_interp.builtins, "isinstance");
    g_interp.initialized = true;
    return 0;
}

PyObject *builtins_from_globals(PyObject *globals) noexcept {
    PyObject *b = PyDict_GetItemWithError(globals, g_interp.names.id___builtins__);
    if (b == nullptr) {
        if (PyErr_Occurred()) return nullptr;
        return g_interp.builtins;
    }
    // A module stands for its dict; any other object is used as it is, looked up by
    // subscription (builtins_item), as CPython 3.11 does: {"__builtins__": None} leaves no
    // builtins at all.
    if (PyModule_Check(b)) return PyModule_GetDict(b);
    return b;
}

}  // namespace minipy::interp
