// The traceback type (PyTraceBack_Type): one entry per frame an exception passed through,
// outermost first through tb_next, each holding the frame object and the instruction. The
// eval loop adds entries (traceback_here) as an exception leaves each frame's instruction.
#include "minipy/traceback.h"

#include "code/code_object.hpp"
#include "eval/ceval.hpp"
#include "objects/frame_object.hpp"
#include "objects/interp_object.hpp"

namespace minipy::interp {

namespace {

void tb_dealloc(PyObject *self) noexcept {
    auto *tb = reinterpret_cast<PyTracebackObject *>(self);
    PyObject_GC_UnTrack(self);
    Py_TRASHCAN_BEGIN(self, tb_dealloc) Py_XDECREF(tb->tb_next);
    Py_XDECREF(tb->tb_frame);
    PyObject_GC_Del(self);
    Py_TRASHCAN_END
}

int tb_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    auto *tb = reinterpret_cast<PyTracebackObject *>(self);
    Py_VISIT(tb->tb_next);
    Py_VISIT(tb->tb_frame);
    return 0;
}

int tb_clear(PyObject *self) noexcept {
    auto *tb = reinterpret_cast<PyTracebackObject *>(self);
    Py_CLEAR(tb->tb_next);
    Py_CLEAR(tb->tb_frame);
    return 0;
}

PyObject *tb_get_next(PyObject *self, void *) noexcept {
    auto *tb = reinterpret_cast<PyTracebackObject *>(self);
    return Py_NewRef(tb->tb_next != nullptr ? reinterpret_cast<PyObject *>(tb->tb_next) : Py_None);
}
PyObject *tb_get_frame(PyObject *self, void *) noexcept {
    return Py_NewRef(
        reinterpret_cast<PyObject *>(reinterpret_cast<PyTracebackObject *>(self)->tb_frame));
}
PyObject *tb_get_lasti(PyObject *self, void *) noexcept {
    return PyLong_FromLong(reinterpret_cast<PyTracebackObject *>(self)->tb_lasti);
}
PyObject *tb_get_lineno(PyObject *self, void *) noexcept {
    auto *tb = reinterpret_cast<PyTracebackObject *>(self);
    return PyLong_FromLong(PyCode_Addr2Line(tb->tb_frame->f_frame->f_code, tb->tb_lasti));
}

PyGetSetDef tb_getset[] = {
    {"tb_next", tb_get_next, nullptr, nullptr, nullptr},
    {"tb_frame", tb_get_frame, nullptr, nullptr, nullptr},
    {"tb_lasti", tb_get_lasti, nullptr, nullptr, nullptr},
    {"tb_lineno", tb_get_lineno, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

}  // namespace minipy::interp

using namespace minipy::interp;

extern "C" {

PyTypeObject PyTraceBack_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "traceback",
    .tp_basicsize = sizeof(PyTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_getset = tb_getset,
};

int PyTraceBack_Here(PyFrameObject *frame) noexcept {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) return 0;
    auto *base = reinterpret_cast<PyBaseExceptionObject *>(exc);
    PyTracebackObject *tb = PyObject_GC_New(PyTracebackObject, &PyTraceBack_Type);
    if (tb == nullptr) {
        PyErr_SetRaisedException(exc);
        return -1;
    }
    PyObject *next = base->traceback;
    tb->tb_next = next != nullptr && PyTraceBack_Check(next)
                      ? reinterpret_cast<PyTracebackObject *>(next)
                      : nullptr;
    if (tb->tb_next == nullptr) Py_XDECREF(next);
    tb->tb_frame =
        reinterpret_cast<PyFrameObject *>(Py_NewRef(reinterpret_cast<PyObject *>(frame)));
    tb->tb_lasti = PyFrame_GetLasti(frame);
    tb->tb_lineno = -1;
    PyObject_GC_Track(tb);
    base->traceback = reinterpret_cast<PyObject *>(tb);
    PyErr_SetRaisedException(exc);
    return 0;
}

}  // extern "C"

namespace minipy::eval {

int traceback_here(InterpFrame *frame) noexcept {
    // The frames of a frozen module standing in for a C module add no entry (kCoHiddenFrames).
    if ((frame->f_code->co_flags & code::kCoHiddenFrames) != 0) return 0;
    PyObject *exc = PyErr_GetRaisedException();
    PyFrameObject *f = frame_object_of(frame);
    PyErr_SetRaisedException(exc);
    if (f == nullptr) return -1;
    const int r = PyTraceBack_Here(f);
    Py_DECREF(f);
    return r;
}

}  // namespace minipy::eval
