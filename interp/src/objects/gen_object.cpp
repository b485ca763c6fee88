// The generator type (PyGen_Type): made by RETURN_GENERATOR with the frame moved inside it;
// next/send/throw/close resume the frame as an entry frame of the eval loop, with the
// generator's own handled-exception item pushed on the thread's chain while it runs.
// CPython 3.11's Objects/genobject.c gives the semantics and messages (PEP 479 included).
#include "objects/gen_object.hpp"

#include <cstring>

#include "eval/ceval.hpp"
#include "objects/interp_object.hpp"
#include "run/interp_state.hpp"

namespace minipy::interp {

using eval::InterpFrame;

namespace {

GenObject *as_gen(PyObject *self) noexcept {
    return reinterpret_cast<GenObject *>(self);
}

// StopIteration(value), or a bare StopIteration for None (a plain exhaustion).
void set_stop_iteration(PyObject *value) noexcept {
    if (value == Py_None) {
        PyErr_SetNone(PyExc_StopIteration);
        return;
    }
    // A tuple or an exception would be taken apart by PyErr_SetObject: wrap it.
    PyObject *exc = PyObject_CallOneArg(PyExc_StopIteration, value);
    if (exc == nullptr) return;
    PyErr_SetObject(PyExc_StopIteration, exc);
    Py_DECREF(exc);
}

PyObject *gen_close_impl(GenObject *gen) noexcept;

void gen_dealloc(PyObject *self) noexcept {
    GenObject *gen = as_gen(self);
    PyObject_GC_UnTrack(self);
    if (gen->gi_frame_state == kGenSuspended) {
        // Finalization: close() runs the generator's finally blocks.
        Py_SET_REFCNT(self, 1);
        PyObject *saved = PyErr_GetRaisedException();
        PyObject *r = gen_close_impl(gen);
        if (r == nullptr)
            PyErr_WriteUnraisable(self);
        else
            Py_DECREF(r);
        PyErr_SetRaisedException(saved);
        Py_SET_REFCNT(self, Py_REFCNT(self) - 1);
        if (Py_REFCNT(self) > 0) return;  // resurrected
    }
    if (gen->gi_frame_state < kGenExecuting) eval::clear_frame(gen_frame(gen));
    Py_CLEAR(gen->gi_exc_state.exc_value);
    Py_CLEAR(gen->gi_name);
    Py_CLEAR(gen->gi_qualname);
    PyObject_GC_Del(self);
}

int gen_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    GenObject *gen = as_gen(self);
    Py_VISIT(gen->gi_name);
    Py_VISIT(gen->gi_qualname);
    Py_VISIT(gen->gi_exc_state.exc_value);
    if (gen->gi_frame_state < kGenExecuting) {
        InterpFrame *frame = gen_frame(gen);
        Py_VISIT(reinterpret_cast<PyObject *>(frame->f_func));
        Py_VISIT(reinterpret_cast<PyObject *>(frame->f_code));
        for (int i = 0; i < frame->stacktop; ++i) Py_VISIT(frame->localsplus[i]);
    }
    return 0;
}

PyObject *gen_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("<generator object %U at %p>", as_gen(self)->gi_qualname, self);
}

PyObject *gen_iternext(PyObject *self) noexcept {
    bool returned = false;
    PyObject *r = gen_send_ex(as_gen(self), Py_None, false, &returned);
    if (r == nullptr || !returned) return r;
    if (r != Py_None) set_stop_iteration(r);
    Py_DECREF(r);
    return nullptr;
}

PyObject *gen_send(PyObject *self, PyObject *arg) noexcept {
    bool returned = false;
    PyObject *r = gen_send_ex(as_gen(self), arg, false, &returned);
    if (r == nullptr || !returned) return r;
    set_stop_iteration(r);
    Py_DECREF(r);
    return nullptr;
}

// Resumes the generator with the exception set raised where it stopped; StopIteration when it
// returns.
PyObject *resume_raising(GenObject *gen) noexcept {
    bool returned = false;
    PyObject *r = gen_send_ex(gen, Py_None, true, &returned);
    if (r == nullptr || !returned) return r;
    set_stop_iteration(r);
    Py_DECREF(r);
    return nullptr;
}

// The iterator a generator suspended in `yield from` delegates to (borrowed), or NULL. Such a
// generator stopped at the YIELD_VALUE of the compiler's loop `SEND exit; YIELD_VALUE;
// RESUME_AFTER_YIELD_FROM; JUMP start`, with the iterator on top of its stack.
PyObject *yielding_from(GenObject *gen) noexcept {
    if (gen->gi_frame_state != kGenSuspended) return nullptr;
    InterpFrame *frame = gen_frame(gen);
    const code::CodeUnit next = frame->prev_instr[1];
    if (code::unit_opcode(next) != code::RESUME ||
        code::unit_oparg(next) != code::RESUME_AFTER_YIELD_FROM)
        return nullptr;
    return frame->localsplus[frame->stacktop - 1];
}

// Closes the iterator a `yield from` delegates to: its close() if it has one. 0 or -1.
int close_delegate(PyObject *yf) noexcept {
    if (PyGen_CheckExact(yf)) {
        PyObject *r = gen_close_impl(as_gen(yf));
        if (r == nullptr) return -1;
        Py_DECREF(r);
        return 0;
    }
    PyObject *close = PyObject_GetAttr(yf, g_interp.names.id_close);
    if (close == nullptr) {
        // CPython reports a failing lookup as unraisable and goes on closing the generator.
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_WriteUnraisable(yf);
        PyErr_Clear();
        return 0;
    }
    PyObject *r = PyObject_CallNoArgs(close);
    Py_DECREF(close);
    if (r == nullptr) return -1;
    Py_DECREF(r);
    return 0;
}

// A `yield from` whose delegate finished (returned or raised) during throw(): the delegate
// leaves the stack and the generator goes on after the loop, with the delegate's return value
// as the value of the `yield from`, or with its exception raised there.
PyObject *leave_yield_from(GenObject *gen) noexcept {
    InterpFrame *frame = gen_frame(gen);
    Py_DECREF(frame->localsplus[--frame->stacktop]);
    // prev_instr is the YIELD_VALUE right after SEND, whose jump counts from there: resume
    // at SEND's target.
    const code::CodeUnit *send = frame->prev_instr - 1;
    int jump = code::unit_oparg(*send);
    for (int shift = 8;
         send > frame->first_instr() && code::unit_opcode(send[-1]) == code::EXTENDED_ARG;
         shift += 8)
        jump |= code::unit_oparg(*--send) << shift;
    frame->prev_instr += jump - 1;
    if (PyErr_Occurred() != nullptr && !PyErr_ExceptionMatches(PyExc_StopIteration))
        return resume_raising(gen);
    PyObject *value = Py_NewRef(Py_None);
    if (PyErr_Occurred() != nullptr) {
        PyObject *stop = PyErr_GetRaisedException();
        PyObject *v = reinterpret_cast<PyStopIterationObject *>(stop)->value;
        Py_SETREF(value, Py_NewRef(v != nullptr ? v : Py_None));
        Py_DECREF(stop);
    }
    PyObject *r = gen_send(reinterpret_cast<PyObject *>(gen), value);
    Py_DECREF(value);
    return r;
}

PyObject *gen_throw_impl(GenObject *gen, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *throw_here(GenObject *gen, PyObject *const *args, Py_ssize_t nargs) noexcept;

// throw() into a generator suspended in `yield from` goes to the delegate first (its throw(),
// or closing it for GeneratorExit), as CPython's _gen_throw; an exception the delegate does not
// take is raised at the `yield from`.

PyObject *throw_to_delegate(GenObject *gen, PyObject *yf, PyObject *const *args,
                            Py_ssize_t nargs) noexcept {
    PyObject *result = nullptr;
    if (PyErr_GivenExceptionMatches(args[0], PyExc_GeneratorExit)) {
        gen->gi_frame_state = kGenExecuting;
        const int err = close_delegate(yf);
        gen->gi_frame_state = kGenSuspended;
        if (err < 0) return resume_raising(gen);  // close()'s error is raised in the generator
        return throw_here(gen, args, nargs);
    }
    if (PyGen_CheckExact(yf)) {
        gen->gi_frame_state = kGenExecuting;
        result = gen_throw_impl(as_gen(yf), args, nargs);
        gen->gi_frame_state = kGenSuspended;
    } else {
        PyObject *throw_method = PyObject_GetAttr(yf, g_interp.names.id_throw);
        if (throw_method == nullptr) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return resume_raising(gen);
            PyErr_Clear();
            return throw_here(gen, args, nargs);
        }
        gen->gi_frame_state = kGenExecuting;
        result = PyObject_Vectorcall(throw_method, args, static_cast<std::size_t>(nargs), nullptr);
        gen->gi_frame_state = kGenSuspended;
        Py_DECREF(throw_method);
    }
    return result != nullptr ? result : leave_yield_from(gen);
}

PyObject *gen_throw_impl(GenObject *gen, PyObject *const *args, Py_ssize_t nargs) noexcept {
    PyObject *yf = yielding_from(gen);
    if (yf == nullptr) return throw_here(gen, args, nargs);
    Py_INCREF(yf);
    PyObject *r = throw_to_delegate(gen, yf, args, nargs);
    Py_DECREF(yf);
    return r;
}

// Raises throw()'s exception where the generator stopped.
PyObject *throw_here(GenObject *gen, PyObject *const *args, Py_ssize_t nargs) noexcept {
    PyObject *type = args[0];
    PyObject *value = nargs > 1 ? args[1] : nullptr;
    if (PyExceptionClass_Check(type)) {
        PyObject *instance = nullptr;
        if (value != nullptr && PyExceptionInstance_Check(value))
            instance = Py_NewRef(value);
        else if (value == nullptr || value == Py_None)
            instance = PyObject_CallNoArgs(type);
        else
            instance = PyObject_CallOneArg(type, value);
        if (instance == nullptr) return nullptr;
        PyErr_SetObject(type, instance);
        Py_DECREF(instance);
    } else if (PyExceptionInstance_Check(type)) {
        if (value != nullptr && value != Py_None) {
            PyErr_SetString(PyExc_TypeError, "instance exception may not have a separate value");
            return nullptr;
        }
        PyErr_SetObject(reinterpret_cast<PyObject *>(Py_TYPE(type)), type);
    } else {
        PyErr_Format(PyExc_TypeError,
                     "exceptions must be classes or instances deriving from BaseException, not %s",
                     Py_TYPE(type)->tp_name);
        return nullptr;
    }
    return resume_raising(gen);
}

// throw(type[, value[, tb]]) or throw(instance): raises it inside the generator.
PyObject *gen_throw(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs < 1) {
        PyErr_Format(PyExc_TypeError, "throw expected at least 1 argument, got %zd", nargs);
        return nullptr;
    }
    if (nargs > 3) {
        PyErr_Format(PyExc_TypeError, "throw expected at most 3 arguments, got %zd", nargs);
        return nullptr;
    }
    return gen_throw_impl(as_gen(self), args, nargs);
}

PyObject *gen_close_impl(GenObject *gen) noexcept {
    if (gen->gi_frame_state == kGenCreated) {
        gen->gi_frame_state = kGenCompleted;
        eval::clear_frame(gen_frame(gen));
        Py_RETURN_NONE;
    }
    if (gen->gi_frame_state >= kGenCompleted) Py_RETURN_NONE;
    // A generator in `yield from` closes its delegate first; the delegate's error, if any, is
    // what is raised in the generator instead of GeneratorExit.
    int err = 0;
    if (PyObject *yf = yielding_from(gen); yf != nullptr) {
        Py_INCREF(yf);
        gen->gi_frame_state = kGenExecuting;
        err = close_delegate(yf);
        gen->gi_frame_state = kGenSuspended;
        Py_DECREF(yf);
    }
    if (err == 0) PyErr_SetNone(PyExc_GeneratorExit);
    bool returned = false;
    PyObject *r = gen_send_ex(gen, Py_None, true, &returned);
    if (r != nullptr) {
        Py_DECREF(r);
        if (returned) Py_RETURN_NONE;
        PyErr_SetString(PyExc_RuntimeError, "generator ignored GeneratorExit");
        return nullptr;
    }
    if (PyErr_ExceptionMatches(PyExc_StopIteration) ||
        PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return nullptr;
}

PyObject *gen_close(PyObject *self, PyObject *) noexcept {
    return gen_close_impl(as_gen(self));
}

PyObject *gen_get_name(PyObject *self, void *) noexcept {
    return Py_NewRef(as_gen(self)->gi_name);
}
PyObject *gen_get_qualname(PyObject *self, void *) noexcept {
    return Py_NewRef(as_gen(self)->gi_qualname);
}
PyObject *gen_get_running(PyObject *self, void *) noexcept {
    return PyBool_FromLong(as_gen(self)->gi_frame_state == kGenExecuting);
}
PyObject *gen_get_yieldfrom(PyObject *self, void *) noexcept {
    PyObject *yf = yielding_from(as_gen(self));
    return Py_NewRef(yf != nullptr ? yf : Py_None);
}
PyObject *gen_get_code(PyObject *self, void *) noexcept {
    return Py_NewRef(reinterpret_cast<PyObject *>(gen_frame(as_gen(self))->f_code));
}

PyMethodDef gen_methods[] = {
    {"send", gen_send, METH_O, nullptr},
    {"throw", _PyCFunction_CAST(gen_throw), METH_FASTCALL, nullptr},
    {"close", gen_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef gen_getset[] = {
    {"__name__", gen_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", gen_get_qualname, nullptr, nullptr, nullptr},
    {"gi_running", gen_get_running, nullptr, nullptr, nullptr},
    {"gi_code", gen_get_code, nullptr, nullptr, nullptr},
    {"gi_yieldfrom", gen_get_yieldfrom, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyObject *gen_new_from_frame(InterpFrame *frame) noexcept {
    PyCodeObject *code = frame->f_code;
    GenObject *gen = PyObject_GC_NewVar(GenObject, &PyGen_Type, code->co_framesize);
    if (gen == nullptr) return nullptr;
    const std::size_t size =
        static_cast<std::size_t>(reinterpret_cast<char *>(&frame->localsplus[frame->stacktop]) -
                                 reinterpret_cast<char *>(frame));
    std::memcpy(gen->gi_iframe, frame, size);
    InterpFrame *copy = gen_frame(gen);
    copy->owner = eval::kOwnedByGenerator;
    copy->previous = nullptr;
    copy->is_entry = true;
    copy->frame_obj = nullptr;
    if (frame->frame_obj != nullptr) Py_CLEAR(frame->frame_obj);
    gen->gi_name = Py_NewRef(frame->f_func->func_name);
    gen->gi_qualname = Py_NewRef(frame->f_func->func_qualname);
    gen->gi_exc_state.exc_value = nullptr;
    gen->gi_exc_state.previous_item = nullptr;
    gen->gi_frame_state = kGenCreated;
    PyObject_GC_Track(gen);
    return reinterpret_cast<PyObject *>(gen);
}

PyObject *gen_send_ex(GenObject *gen, PyObject *arg, bool exc, bool *returned) noexcept {
    *returned = false;
    if (gen->gi_frame_state == kGenExecuting) {
        PyErr_SetString(PyExc_ValueError, "generator already executing");
        return nullptr;
    }
    if (gen->gi_frame_state >= kGenCompleted) {
        if (exc) return nullptr;  // the thrown exception propagates
        PyErr_SetNone(PyExc_StopIteration);
        return nullptr;
    }
    if (gen->gi_frame_state == kGenCreated && !exc && arg != Py_None) {
        PyErr_SetString(PyExc_TypeError, "can't send non-None value to a just-started generator");
        return nullptr;
    }
    eval::ThreadFrames *tf = eval::current_thread_frames();
    if (tf == nullptr) return nullptr;
    InterpFrame *frame = gen_frame(gen);
    frame->localsplus[frame->stacktop++] = Py_NewRef(arg);
    frame->is_entry = true;
    gen->gi_frame_state = kGenExecuting;
    gen->gi_exc_state.previous_item = tf->fields->exc_info;
    tf->fields->exc_info = &gen->gi_exc_state;
    PyObject *result = eval::eval_frame(tf, frame, exc);
    tf->fields->exc_info = gen->gi_exc_state.previous_item;
    gen->gi_exc_state.previous_item = nullptr;
    if (gen->gi_frame_state == kGenSuspended) return result;
    // Returned or raised: the frame was cleared by the loop.
    gen->gi_frame_state = kGenCompleted;
    Py_CLEAR(gen->gi_exc_state.exc_value);
    if (result != nullptr) {
        *returned = true;
        return result;
    }
    if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
        // PEP 479: a StopIteration leaving a generator's frame becomes a RuntimeError.
        PyObject *stop = PyErr_GetRaisedException();
        PyErr_SetString(PyExc_RuntimeError, "generator raised StopIteration");
        PyObject *error = PyErr_GetRaisedException();
        PyException_SetCause(error, Py_NewRef(stop));
        PyException_SetContext(error, stop);
        PyErr_SetRaisedException(error);
    }
    return nullptr;
}

int send_to(PyObject *receiver, PyObject *value, PyObject **result) noexcept {
    if (PyGen_CheckExact(receiver)) {
        bool returned = false;
        *result = gen_send_ex(as_gen(receiver), value, false, &returned);
        if (*result == nullptr) return -1;
        return returned ? 1 : 0;
    }
    if (value == Py_None && Py_TYPE(receiver)->tp_iternext != nullptr)
        *result = (*Py_TYPE(receiver)->tp_iternext)(receiver);
    else
        *result = PyObject_CallMethodOneArg(receiver, g_interp.names.id_send, value);
    if (*result != nullptr) return 0;
    if (!PyErr_Occurred()) {
        *result = Py_NewRef(Py_None);
        return 1;
    }
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) return -1;
    PyObject *stop = PyErr_GetRaisedException();
    PyObject *v = reinterpret_cast<PyStopIterationObject *>(stop)->value;
    *result = Py_NewRef(v != nullptr ? v : Py_None);
    Py_DECREF(stop);
    return 1;
}

}  // namespace minipy::interp

using namespace minipy::interp;

PyTypeObject PyGen_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "generator",
    .tp_basicsize = offsetof(GenObject, gi_iframe),
    .tp_itemsize = sizeof(PyObject *),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = gen_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
};
