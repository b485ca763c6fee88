// Calls the eval loop makes of anything that is not a Python function: built-in functions
// through their calling convention with the arguments left on the value stack (no tuple for
// METH_O, METH_NOARGS, METH_FASTCALL), everything else through PyObject_Vectorcall. And the
// vectorcall of Python functions themselves (_PyFunction_Vectorcall): an entry frame.
#include "eval/ceval.hpp"
#include "objects/function_object.hpp"

namespace minipy::eval {

namespace {

PyObject *cfunction_call_fast(PyObject *callable, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames) noexcept {
    auto *f = reinterpret_cast<PyCFunctionObject *>(callable);
    const int flags = f->m_ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
    PyObject *self = f->m_self;
    const bool no_kw = kwnames == nullptr || PyTuple_GET_SIZE(kwnames) == 0;
    switch (flags) {
    case METH_NOARGS:
        if (!no_kw || nargs != 0) break;
        if (Py_EnterRecursiveCall(" while calling a Python object")) return nullptr;
        {
            PyObject *r = f->m_ml->ml_meth(self, nullptr);
            Py_LeaveRecursiveCall();
            return r;
        }
    case METH_O:
        if (!no_kw || nargs != 1) break;
        if (Py_EnterRecursiveCall(" while calling a Python object")) return nullptr;
        {
            PyObject *r = f->m_ml->ml_meth(self, args[0]);
            Py_LeaveRecursiveCall();
            return r;
        }
    case METH_FASTCALL:
        if (!no_kw) break;
        if (Py_EnterRecursiveCall(" while calling a Python object")) return nullptr;
        {
            auto meth =
                reinterpret_cast<_PyCFunctionFast>(reinterpret_cast<void (*)()>(f->m_ml->ml_meth));
            PyObject *r = meth(self, args, nargs);
            Py_LeaveRecursiveCall();
            return r;
        }
    case METH_FASTCALL | METH_KEYWORDS:
        if (Py_EnterRecursiveCall(" while calling a Python object")) return nullptr;
        {
            auto meth = reinterpret_cast<_PyCFunctionFastWithKeywords>(
                reinterpret_cast<void (*)()>(f->m_ml->ml_meth));
            PyObject *r = meth(self, args, nargs, no_kw ? nullptr : kwnames);
            Py_LeaveRecursiveCall();
            return r;
        }
    default: break;
    }
    // The rest (and the error messages for wrong counts) through the generic path.
    return PyObject_Vectorcall(callable, args, static_cast<size_t>(nargs), kwnames);
}

}  // namespace

PyObject *call_object(PyObject *callable, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept {
    if (PyCFunction_CheckExact(callable))
        return cfunction_call_fast(callable, args, nargs, kwnames);
    // type(x): the one-argument form (what CALL_NO_KW_TYPE_1 will specialize).
    if (callable == reinterpret_cast<PyObject *>(&PyType_Type) && nargs == 1 && kwnames == nullptr)
        return Py_NewRef(reinterpret_cast<PyObject *>(Py_TYPE(args[0])));
    return PyObject_Vectorcall(callable, args, static_cast<size_t>(nargs), kwnames);
}

PyObject *eval_class_body(PyFunctionObject *func, PyObject *locals) noexcept {
    ThreadFrames *tf = current_thread_frames();
    if (tf == nullptr) return nullptr;
    InterpFrame *frame = push_function_frame(tf, func, nullptr, 0, nullptr);
    if (frame == nullptr) return nullptr;
    frame->f_locals = Py_NewRef(locals);
    frame->is_entry = true;
    return eval_frame(tf, frame);
}

}  // namespace minipy::eval

using namespace minipy::eval;

extern "C" PyObject *_PyFunction_Vectorcall(PyObject *func, PyObject *const *args, size_t nargsf,
                                            PyObject *kwnames) noexcept {
    ThreadFrames *tf = current_thread_frames();
    if (tf == nullptr) return nullptr;
    const Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames != nullptr && PyTuple_GET_SIZE(kwnames) == 0) kwnames = nullptr;
    InterpFrame *frame =
        push_function_frame(tf, reinterpret_cast<PyFunctionObject *>(func), args, nargs, kwnames);
    if (frame == nullptr) return nullptr;
    frame->is_entry = true;
    return eval_frame(tf, frame);
}
