// The runtime's questions that only the running frame can answer (runtime_hooks.h),
// answered from the thread's frame chain, and registered once at interpreter start-up:
//   classcell  type.__new__ fills the class body's `__class__` cell;
//   super      zero-argument super(): the `__class__` cell's class and the frame's first
//              argument, with CPython 3.11's RuntimeErrors (Objects/typeobject.c,
//              super_init_without_args);
//   globals    the running frame's globals (type(name, bases, dict) reads `__name__`);
//   import     (not here: the import system sets it, import_load.cpp);
//   function   the `function` type, which type.__new__ wraps as `__new__` and friends.
#include "run/runtime_hooks_bridge.hpp"

#include "eval/frame.hpp"
#include "minipy/functionobject.h"
#include "minipy/runtime_hooks.h"
#include "run/interp_state.hpp"

namespace minipy::interp {

namespace {

int set_class_cell(PyObject *cell, PyObject *type) noexcept {
    if (!PyCell_Check(cell)) return -1;
    return PyCell_Set(cell, type);
}

eval::InterpFrame *running_frame() noexcept {
    PyThreadState *tstate = PyThreadState_Get();
    if (tstate == nullptr) return nullptr;
    auto *tf = static_cast<eval::ThreadFrames *>(minipy_thread_fields_of(tstate)->interp_data);
    return tf != nullptr ? tf->current : nullptr;
}

// super(): the class from the frame's `__class__` free variable, the object from its first
// argument (through its cell when the argument is also a cell variable).
int super_from_frame(PyTypeObject **type_out, PyObject **obj_out) noexcept {
    eval::InterpFrame *frame = running_frame();
    if (frame == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "super(): no current frame");
        return -1;
    }
    PyCodeObject *co = frame->f_code;
    if (co->co_argcount == 0) {
        PyErr_SetString(PyExc_RuntimeError, "super(): no arguments");
        return -1;
    }
    PyObject *first = frame->localsplus[0];
    const auto kind0 = static_cast<unsigned char>(PyBytes_AS_STRING(co->co_localspluskinds)[0]);
    if (first != nullptr && (kind0 & CO_FAST_CELL) && frame->lasti() >= 0 && PyCell_Check(first))
        first = PyCell_GET(first);
    if (first == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    PyObject *class_name = g_interp.names.id___class__;
    for (int i = co->co_nlocals + co->co_nplaincellvars; i < co->co_nlocalsplus; ++i) {
        PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, i);
        if (PyUnicode_Compare(name, class_name) != 0) continue;
        PyObject *cell = frame->localsplus[i];
        if (cell == nullptr || !PyCell_Check(cell)) {
            PyErr_SetString(PyExc_RuntimeError, "super(): bad __class__ cell");
            return -1;
        }
        PyObject *type = PyCell_GET(cell);
        if (type == nullptr) {
            PyErr_SetString(PyExc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!PyType_Check(type)) {
            PyErr_Format(PyExc_RuntimeError, "super(): __class__ is not a type (%s)",
                         Py_TYPE(type)->tp_name);
            return -1;
        }
        *type_out = reinterpret_cast<PyTypeObject *>(Py_NewRef(type));
        *obj_out = Py_NewRef(first);
        return 0;
    }
    PyErr_SetString(PyExc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

PyObject *running_globals() noexcept {
    eval::InterpFrame *frame = running_frame();
    return frame != nullptr ? frame->f_globals : nullptr;
}

}  // namespace

void register_runtime_hooks() noexcept {
    minipy_set_classcell_hook(set_class_cell);
    minipy_set_super_hook(super_from_frame);
    minipy_set_globals_hook(running_globals);
    // The import hook is the import system's own, set by import_init (import_load.cpp).
    minipy_register_function_type(&PyFunction_Type);
}

}  // namespace minipy::interp
