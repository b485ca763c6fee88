// minipy/ceval.h: the running frame's globals, builtins, locals and frame object, for
// globals(), locals(), vars(), dir(), exec() and eval(). A function's locals are a dict the
// frame keeps (f_locals, unused otherwise by optimized code) and brings up to date on each
// request, as CPython 3.11's PyFrame_FastToLocalsWithError does: the same dict every time,
// a snapshot of the variables at the moment of the call.
#include "minipy/ceval.h"

#include "eval/frame.hpp"
#include "minipy/functionobject.h"

namespace minipy::interp {

namespace {

eval::InterpFrame *running_frame() noexcept {
    eval::ThreadFrames *tf = eval::current_thread_frames();
    if (tf == nullptr) {
        PyErr_Clear();
        return nullptr;
    }
    return tf->current;
}

// Writes the frame's variables into `locals` (any mapping): bound ones set, unbound ones
// deleted. A class body's free variables stay out of its namespace (they belong to the
// enclosing function), as in CPython. 0 or -1.
int fast_to_locals(eval::InterpFrame *frame, PyObject *locals) noexcept {
    PyCodeObject *code = frame->f_code;
    const auto *kinds =
        reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(code->co_localspluskinds));
    const bool optimized = (code->co_flags & CO_OPTIMIZED) != 0;
    for (int i = 0; i < code->co_nlocalsplus; ++i) {
        if ((kinds[i] & CO_FAST_FREE) && !optimized) continue;
        PyObject *name = PyTuple_GET_ITEM(code->co_localsplusnames, i);
        PyObject *value = frame->localsplus[i];
        // A cell's content is the variable (MAKE_CELL and COPY_FREE_VARS ran in the prefix,
        // before any call could ask).
        if (value != nullptr && (kinds[i] & (CO_FAST_CELL | CO_FAST_FREE)) && PyCell_Check(value))
            value = PyCell_GET(value);
        if (value == nullptr) {
            if (PyObject_DelItem(locals, name) < 0) {
                if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
                PyErr_Clear();
            }
        } else if (PyObject_SetItem(locals, name, value) < 0) {
            return -1;
        }
    }
    return 0;
}

}  // namespace

}  // namespace minipy::interp

using minipy::interp::running_frame;

extern "C" {

PyObject *PyEval_GetGlobals(void) noexcept {
    minipy::eval::InterpFrame *frame = running_frame();
    return frame != nullptr ? frame->f_globals : nullptr;
}

PyObject *PyEval_GetBuiltins(void) noexcept {
    minipy::eval::InterpFrame *frame = running_frame();
    return frame != nullptr ? frame->f_builtins : nullptr;
}

PyObject *PyEval_GetLocals(void) noexcept {
    minipy::eval::InterpFrame *frame = running_frame();
    if (frame == nullptr) {
        PyErr_SetString(PyExc_SystemError, "frame does not exist");
        return nullptr;
    }
    if (frame->f_locals == nullptr) {
        frame->f_locals = PyDict_New();
        if (frame->f_locals == nullptr) return nullptr;
    }
    if (minipy::interp::fast_to_locals(frame, frame->f_locals) < 0) return nullptr;
    return frame->f_locals;
}

PyFrameObject *PyEval_GetFrame(void) noexcept {
    minipy::eval::InterpFrame *frame = running_frame();
    if (frame == nullptr) return nullptr;
    PyFrameObject *f = minipy::eval::frame_object_of(frame);
    if (f == nullptr) {
        PyErr_Clear();
        return nullptr;
    }
    // The frame keeps its frame object: a borrowed reference, as CPython's.
    Py_DECREF(f);
    return f;
}

}  // extern "C"
