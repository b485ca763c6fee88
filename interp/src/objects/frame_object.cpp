// The frame type (PyFrame_Type): frame objects made on demand for a frame, taking the frame
// over when it is popped, their attributes (f_back, f_code, f_lineno, f_lasti, f_globals,
// f_builtins, f_locals) and the PyFrame_* API.
#include "objects/frame_object.hpp"

#include <cstring>

#include "code/code_object.hpp"
#include "minipy/functionobject.h"
#include "objects/interp_object.hpp"

namespace minipy::interp {

using eval::InterpFrame;

namespace {

InterpFrame *owned_frame(PyFrameObject *f) noexcept {
    return reinterpret_cast<InterpFrame *>(f->_f_frame_data);
}

void frame_dealloc(PyObject *self) noexcept {
    auto *f = reinterpret_cast<PyFrameObject *>(self);
    PyObject_GC_UnTrack(self);
    Py_TRASHCAN_BEGIN(self, frame_dealloc) InterpFrame *frame = f->f_frame;
    if (frame != nullptr && frame->owner == eval::kOwnedByFrameObject) {
        // The frame is ours: release its contents (frame_obj points back at us: not a
        // reference to drop).
        frame->frame_obj = nullptr;
        for (int i = 0; i < frame->stacktop; ++i) Py_CLEAR(frame->localsplus[i]);
        Py_CLEAR(frame->f_locals);
        Py_CLEAR(frame->f_func);
        Py_CLEAR(frame->f_code);
    }
    Py_CLEAR(f->f_back);
    Py_CLEAR(f->f_trace);
    PyObject_GC_Del(self);
    Py_TRASHCAN_END
}

int frame_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    auto *f = reinterpret_cast<PyFrameObject *>(self);
    Py_VISIT(f->f_back);
    Py_VISIT(f->f_trace);
    InterpFrame *frame = f->f_frame;
    if (frame == nullptr || frame->owner != eval::kOwnedByFrameObject) return 0;
    Py_VISIT(frame->f_func);
    Py_VISIT(frame->f_code);
    Py_VISIT(frame->f_locals);
    for (int i = 0; i < frame->stacktop; ++i) Py_VISIT(frame->localsplus[i]);
    return 0;
}

int frame_tp_clear(PyObject *self) noexcept {
    auto *f = reinterpret_cast<PyFrameObject *>(self);
    Py_CLEAR(f->f_trace);
    InterpFrame *frame = f->f_frame;
    if (frame != nullptr && frame->owner == eval::kOwnedByFrameObject) {
        for (int i = 0; i < frame->stacktop; ++i) Py_CLEAR(frame->localsplus[i]);
        frame->stacktop = 0;
        Py_CLEAR(frame->f_locals);
    }
    return 0;
}

PyObject *frame_repr(PyObject *self) noexcept {
    auto *f = reinterpret_cast<PyFrameObject *>(self);
    PyCodeObject *code = f->f_frame->f_code;
    return PyUnicode_FromFormat("<frame at %p, file '%U', line %d, code %U>", self,
                                code->co_filename, PyFrame_GetLineNumber(f), code->co_name);
}

PyObject *get_back(PyObject *self, void *) noexcept {
    PyObject *back =
        reinterpret_cast<PyObject *>(PyFrame_GetBack(reinterpret_cast<PyFrameObject *>(self)));
    if (back == nullptr && !PyErr_Occurred()) return Py_NewRef(Py_None);
    return back;
}
PyObject *get_code(PyObject *self, void *) noexcept {
    return reinterpret_cast<PyObject *>(PyFrame_GetCode(reinterpret_cast<PyFrameObject *>(self)));
}
PyObject *get_lineno(PyObject *self, void *) noexcept {
    return PyLong_FromLong(PyFrame_GetLineNumber(reinterpret_cast<PyFrameObject *>(self)));
}
PyObject *get_lasti(PyObject *self, void *) noexcept {
    return PyLong_FromLong(PyFrame_GetLasti(reinterpret_cast<PyFrameObject *>(self)));
}
PyObject *get_globals(PyObject *self, void *) noexcept {
    return PyFrame_GetGlobals(reinterpret_cast<PyFrameObject *>(self));
}
PyObject *get_builtins(PyObject *self, void *) noexcept {
    return PyFrame_GetBuiltins(reinterpret_cast<PyFrameObject *>(self));
}
PyObject *get_locals(PyObject *self, void *) noexcept {
    return PyFrame_GetLocals(reinterpret_cast<PyFrameObject *>(self));
}
PyObject *get_trace(PyObject *self, void *) noexcept {
    PyObject *trace = reinterpret_cast<PyFrameObject *>(self)->f_trace;
    return Py_NewRef(trace != nullptr ? trace : Py_None);
}

PyGetSetDef frame_getset[] = {
    {"f_back", get_back, nullptr, nullptr, nullptr},
    {"f_code", get_code, nullptr, nullptr, nullptr},
    {"f_lineno", get_lineno, nullptr, nullptr, nullptr},
    {"f_lasti", get_lasti, nullptr, nullptr, nullptr},
    {"f_globals", get_globals, nullptr, nullptr, nullptr},
    {"f_builtins", get_builtins, nullptr, nullptr, nullptr},
    {"f_locals", get_locals, nullptr, nullptr, nullptr},
    {"f_trace", get_trace, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyFrameObject *frame_object_new(InterpFrame *frame) noexcept {
    const Py_ssize_t words = frame->f_code->co_framesize;
    PyFrameObject *f = PyObject_GC_NewVar(PyFrameObject, &PyFrame_Type, words);
    if (f == nullptr) return nullptr;
    f->f_back = nullptr;
    f->f_frame = frame;
    f->f_trace = nullptr;
    f->f_lineno = 0;
    // Not tracked while the frame lives elsewhere: it holds nothing the collector must see.
    return f;
}

void frame_take_ownership(PyFrameObject *f, InterpFrame *frame) noexcept {
    const std::size_t size =
        static_cast<std::size_t>(reinterpret_cast<char *>(&frame->localsplus[frame->stacktop]) -
                                 reinterpret_cast<char *>(frame));
    std::memcpy(f->_f_frame_data, frame, size);
    InterpFrame *owned = owned_frame(f);
    f->f_frame = owned;
    owned->owner = eval::kOwnedByFrameObject;
    owned->frame_obj = reinterpret_cast<_frame *>(f);
    if (owned->prev_instr < owned->first_instr()) owned->prev_instr = owned->first_instr();
    InterpFrame *prev = frame->previous;
    if (prev != nullptr) {
        PyFrameObject *back = eval::frame_object_of(prev);
        if (back == nullptr)
            PyErr_Clear();  // out of memory: f_back stays None
        else
            f->f_back = back;
    }
    owned->previous = nullptr;
    if (!PyObject_GC_IsTracked(reinterpret_cast<PyObject *>(f))) PyObject_GC_Track(f);
}

PyObject *fast_locals_dict(InterpFrame *frame) noexcept {
    PyCodeObject *code = frame->f_code;
    PyObject *dict = PyDict_New();
    if (dict == nullptr) return nullptr;
    const auto *kinds =
        reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(code->co_localspluskinds));
    for (int i = 0; i < code->co_nlocalsplus; ++i) {
        PyObject *value = frame->localsplus[i];
        if (value != nullptr && (kinds[i] & (CO_FAST_CELL | CO_FAST_FREE)) && PyCell_Check(value))
            value = PyCell_GET(value);
        if (value == nullptr) continue;
        if (PyDict_SetItem(dict, PyTuple_GET_ITEM(code->co_localsplusnames, i), value) < 0) {
            Py_DECREF(dict);
            return nullptr;
        }
    }
    return dict;
}

}  // namespace minipy::interp

using namespace minipy::interp;

extern "C" {

PyTypeObject PyFrame_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "frame",
    .tp_basicsize = offsetof(PyFrameObject, _f_frame_data),
    .tp_itemsize = sizeof(PyObject *),
    .tp_dealloc = frame_dealloc,
    .tp_repr = frame_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_tp_clear,
    .tp_getset = frame_getset,
};

int PyFrame_GetLineNumber(PyFrameObject *f) noexcept {
    const int line = minipy::eval::frame_lineno(f->f_frame);
    return line < 0 ? f->f_frame->f_code->co_firstlineno : line;
}

int PyFrame_GetLasti(PyFrameObject *f) noexcept {
    const int lasti = f->f_frame->lasti();
    return lasti < 0 ? -1 : lasti * 2;
}

PyCodeObject *PyFrame_GetCode(PyFrameObject *f) noexcept {
    return reinterpret_cast<PyCodeObject *>(Py_NewRef(f->f_frame->f_code));
}

PyFrameObject *PyFrame_GetBack(PyFrameObject *f) noexcept {
    if (f->f_back != nullptr) return reinterpret_cast<PyFrameObject *>(Py_NewRef(f->f_back));
    InterpFrame *prev = f->f_frame->previous;
    if (prev == nullptr || f->f_frame->owner != minipy::eval::kOwnedByThread) return nullptr;
    return minipy::eval::frame_object_of(prev);
}

PyObject *PyFrame_GetGlobals(PyFrameObject *f) noexcept {
    return Py_NewRef(f->f_frame->f_globals);
}

PyObject *PyFrame_GetBuiltins(PyFrameObject *f) noexcept {
    return Py_NewRef(f->f_frame->f_builtins);
}

PyObject *PyFrame_GetLocals(PyFrameObject *f) noexcept {
    InterpFrame *frame = f->f_frame;
    if (frame->f_locals != nullptr && !(frame->f_code->co_flags & CO_OPTIMIZED))
        return Py_NewRef(frame->f_locals);
    return minipy::interp::fast_locals_dict(frame);
}

}  // extern "C"
