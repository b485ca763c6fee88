// Generator objects inside the interpreter (minipy/genobject.h is the C API): the layout,
// with the generator's frame inline at the end as CPython 3.11 keeps it, and what the eval
// loop calls (RETURN_GENERATOR makes one, YIELD_VALUE / RETURN mark its state, SEND drives a
// sub-generator).
#ifndef MINIPY_INTERP_OBJECTS_GEN_OBJECT_HPP
#define MINIPY_INTERP_OBJECTS_GEN_OBJECT_HPP

#include <cstddef>

#include "eval/frame.hpp"
#include "minipy/genobject.h"

namespace minipy::interp {

enum GenState : signed char {
    kGenCreated = -2,    // made, not started
    kGenSuspended = -1,  // stopped at a yield
    kGenExecuting = 0,
    kGenCompleted = 1,  // returned or raised: the frame is cleared
};

struct GenObject {
    PyObject_VAR_HEAD  // ob_size: words of gi_iframe
        PyObject *gi_name;
    PyObject *gi_qualname;
    _PyErr_StackItem gi_exc_state;  // the exceptions being handled inside the generator
    signed char gi_frame_state;     // GenState
    PyObject *gi_iframe[1];         // the frame (eval::InterpFrame), co_framesize words
};

inline eval::InterpFrame *gen_frame(GenObject *gen) noexcept {
    return reinterpret_cast<eval::InterpFrame *>(gen->gi_iframe);
}
// The generator a generator-owned frame lives in.
inline GenObject *gen_of_frame(eval::InterpFrame *frame) noexcept {
    return reinterpret_cast<GenObject *>(reinterpret_cast<char *>(frame) -
                                         offsetof(GenObject, gi_iframe));
}

// RETURN_GENERATOR: a generator holding a copy of `frame` (whose references it takes over;
// the caller pops `frame`'s words without clearing them). NULL with MemoryError.
PyObject *gen_new_from_frame(eval::InterpFrame *frame) noexcept;

// Resumes `gen` with `arg` (or, when `exc`, with the raised exception thrown in). The yielded
// value (*returned = false), or the return value (*returned = true; the generator is then
// completed), or NULL with an exception. CPython's gen_send_ex2.
PyObject *gen_send_ex(GenObject *gen, PyObject *arg, bool exc, bool *returned) noexcept;

// SEND's step for any receiver: 0 yielded (*result), 1 returned (*result), -1 error.
int send_to(PyObject *receiver, PyObject *value, PyObject **result) noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_OBJECTS_GEN_OBJECT_HPP
