// Frame objects (minipy/frameobject.h): the layout, and the two ways a frame and its frame
// object are tied (CPython 3.11's Objects/frameobject.c).
//
// While the frame runs (or sits in a generator), f_frame points at it and the frame object
// only looks. When the frame is popped while the frame object is still referenced (a
// traceback holds it), the frame's words are copied into the frame object's own storage
// (take_ownership): from then on the frame object owns the locals, and f_back is fixed to the
// caller's frame object, made then.
#ifndef MINIPY_INTERP_OBJECTS_FRAME_OBJECT_HPP
#define MINIPY_INTERP_OBJECTS_FRAME_OBJECT_HPP

#include "eval/frame.hpp"
#include "minipy/frameobject.h"

struct _frame {
    PyObject_VAR_HEAD                    // ob_size: words of _f_frame_data
        struct _frame *f_back;           // set once the frame was popped (else computed)
    minipy::eval::InterpFrame *f_frame;  // the frame, wherever it lives
    PyObject *f_trace;
    int f_lineno;
    PyObject *_f_frame_data[1];  // the frame, once this object owns it
};

namespace minipy::interp {

// A frame object for `frame` (which does not have one yet); NULL with MemoryError.
PyFrameObject *frame_object_new(eval::InterpFrame *frame) noexcept;
// Moves `frame` (being popped) into `f`, which keeps it alive.
void frame_take_ownership(PyFrameObject *f, eval::InterpFrame *frame) noexcept;
// The frame's variables as a new dict (locals(), frame.f_locals of a function): each bound
// local, cell and free variable by name. NULL with an exception.
PyObject *fast_locals_dict(eval::InterpFrame *frame) noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_OBJECTS_FRAME_OBJECT_HPP
