// The eval loop: runs word code on the per-thread data stack. One C invocation runs a Python
// call chain: CALL of a Python function pushes its frame and continues here, RETURN pops it
// and continues in the caller; only an entry frame (one a C caller started) returns from the
// loop. Exceptions unwind through the code's exception table (zero-cost try), frame by
// frame, adding a traceback entry for each.
//
// Dispatch is threaded (computed goto, GCC/Clang labels as values) with a switch fallback
// (MINIPY_USE_COMPUTED_GOTOS=0): each instruction body ends with its own DISPATCH(). An
// instruction with inline caches skips them when done (SKIP_CACHE).
#include "eval/ceval.hpp"

#include "code/exception_table.hpp"
#include "code/opcode.hpp"
#include "eval/specialize.hpp"
#include "objects/function_object.hpp"
#include "objects/gen_object.hpp"
#include "run/interp_state.hpp"
#include "run/signals.hpp"

#ifndef MINIPY_USE_COMPUTED_GOTOS
#if defined(__GNUC__) || defined(__clang__)
#define MINIPY_USE_COMPUTED_GOTOS 1
#else
#define MINIPY_USE_COMPUTED_GOTOS 0
#endif
#endif

namespace minipy::eval {

using namespace minipy::code;

namespace {

// Unwinds `frame`'s value stack down to `depth` items.
void pop_stack_to(PyObject **base, PyObject **&sp, int depth) noexcept {
    while (sp > base + depth) Py_XDECREF(*--sp);
}

bool is_exhausted_iteration() noexcept {
    if (!PyErr_Occurred()) return true;
    if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
        PyErr_Clear();
        return true;
    }
    return false;
}

}  // namespace

#if MINIPY_USE_COMPUTED_GOTOS
#define TARGET(op)      TARGET_##op:                  // NOLINT(bugprone-macro-parentheses): a label
#define DISPATCH_GOTO() goto *dispatch_table[opcode]  // NOLINT(bugprone-macro-parentheses)
#else
// Each body also has a label: a specialized form's miss jumps to its base form's body.
#define TARGET(op) \
    case op:       \
        TARGET_##op:  // NOLINT(bugprone-macro-parentheses): a label
#define DISPATCH_GOTO() goto dispatch_opcode
#pragma GCC diagnostic ignored "-Wunused-label"
#endif

// Reads the next instruction: the frame records it as the one running.
#define NEXTOPARG()                          \
    do {                                     \
        frame->prev_instr = next_instr;      \
        const CodeUnit word = *next_instr++; \
        opcode = unit_opcode(word);          \
        oparg = unit_oparg(word);            \
    } while (0)
#define DISPATCH()       \
    {                    \
        NEXTOPARG();     \
        DISPATCH_GOTO(); \
    }
#define SKIP_CACHE(op)    (next_instr += kCacheOf_##op)
#define JUMPBY(n)         (next_instr += (n))
#define PUSH(v)           (*sp++ = (v))
#define POP()             (*--sp)
#define TOP()             (sp[-1])
#define SECOND()          (sp[-2])
#define PEEK(n)           (sp[-(n)])
#define SET_TOP(v)        (sp[-1] = (v))
#define GETLOCAL(i)       (frame->localsplus[i])
#define GETITEM(tuple, i) PyTuple_GET_ITEM(tuple, i)
#define CONSTS()          (frame->f_code->co_consts)
#define NAMES()           (frame->f_code->co_names)
#define ERROR_IF(cond) \
    if (cond) goto error
// The adaptive form's entry: counts down, and at zero asks the specializer (`call`), then runs
// this instruction again in whatever form it now has (the oparg, EXTENDED_ARG's included,
// stays).
#define ADAPTIVE(call)                               \
    if (counter_triggers(next_instr)) [[unlikely]] { \
        call;                                        \
        opcode = unit_opcode(next_instr[-1]);        \
        DISPATCH_GOTO();                             \
    }
// A specialized form's guard: on a miss the instruction goes back to its base form (counter
// backed off) and the base form's generic code runs it. Guards come before any stack change.
#define DEOPT_IF(cond, base)        \
    if (cond) [[unlikely]] {        \
        deoptimize(next_instr - 1); \
        opcode = base;              \
        goto TARGET_##base;         \
    }
// Loads the running frame's state into the loop's registers.
#define LOAD_FRAME()                        \
    do {                                    \
        next_instr = frame->prev_instr + 1; \
        sp = frame->stack_pointer();        \
        first_instr = frame->first_instr(); \
    } while (0)
#define SAVE_SP() frame->set_stack_pointer(sp)
// The eval breaker: hand the GIL over if someone waits, and raise KeyboardInterrupt for a
// pending SIGINT (at the instruction that checks, so its handler and line are that one's).
#define CHECK_SIGNALS()                                           \
    do {                                                          \
        if (interp::signals_pending()) [[unlikely]] {             \
            if (interp::handle_pending_signals() < 0) goto error; \
        }                                                         \
    } while (0)
#define CHECK_EVAL_BREAKER()      \
    do {                          \
        minipy_eval_checkpoint(); \
        CHECK_SIGNALS();          \
    } while (0)

PyObject *eval_frame(ThreadFrames *tf, InterpFrame *frame, bool throwflag) noexcept {
    minipy_thread_fields *fields = tf->fields;
#if MINIPY_USE_COMPUTED_GOTOS
    static void *dispatch_table[256] = {
#define OPCODE(name, cache, flags) &&TARGET_##name,
#define SPECIALIZED(name, base)    &&TARGET_##name,
#include "code/opcodes.def"
#undef OPCODE
#undef SPECIALIZED
    };
    static bool table_ready = false;
    if (!table_ready) {
        for (int i = kOpcodeCount; i < 256; ++i) dispatch_table[i] = &&unknown_opcode;
        table_ready = true;
    }
#endif
    CodeUnit *next_instr;
    CodeUnit *first_instr;
    PyObject **sp;
    int opcode;
    int oparg;
    PyObject *kwnames = nullptr;  // the next CALL's keyword names (borrowed from co_consts)

    frame->previous = tf->current;
    tf->current = frame;
    if (++fields->recursion_depth > *fields->recursion_limit) {
        --fields->recursion_depth;
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
        tf->current = frame->previous;
        discard_frame(tf, frame);
        return nullptr;
    }

    if (throwflag) {
        LOAD_FRAME();
        goto error;
    }
start_frame:
    LOAD_FRAME();
    DISPATCH();

#if !MINIPY_USE_COMPUTED_GOTOS
dispatch_opcode:
    switch (opcode) {
#endif

        TARGET(NOP) DISPATCH();
        TARGET(CACHE) goto unknown_opcode;
        TARGET(RESUME) {
            CHECK_EVAL_BREAKER();
            DISPATCH();
        }
        TARGET(EXTENDED_ARG) {
            const int high = oparg;
            const CodeUnit word = *next_instr++;
            opcode = unit_opcode(word);
            oparg = (high << 8) | unit_oparg(word);
            DISPATCH_GOTO();
        }
        TARGET(POP_TOP) {
            PyObject *v = POP();
            Py_DECREF(v);
            DISPATCH();
        }
        TARGET(PUSH_NULL) {
            PUSH(nullptr);
            DISPATCH();
        }
        TARGET(COPY) {
            PyObject *v = PEEK(oparg);
            PUSH(Py_NewRef(v));
            DISPATCH();
        }
        TARGET(SWAP) {
            PyObject *top = TOP();
            SET_TOP(PEEK(oparg));
            PEEK(oparg) = top;
            DISPATCH();
        }

        // --- names -------------------------------------------------------------------------------
        TARGET(LOAD_CONST) {
            PUSH(Py_NewRef(GETITEM(CONSTS(), oparg)));
            DISPATCH();
        }
        TARGET(LOAD_FAST) {
            PyObject *v = GETLOCAL(oparg);
            if (v == nullptr) [[unlikely]] {
                unbound_local_error(GETITEM(frame->f_code->co_localsplusnames, oparg));
                goto error;
            }
            PUSH(Py_NewRef(v));
            DISPATCH();
        }
        TARGET(STORE_FAST) {
            PyObject *v = POP();
            PyObject *old = GETLOCAL(oparg);
            GETLOCAL(oparg) = v;
            Py_XDECREF(old);
            DISPATCH();
        }
        TARGET(DELETE_FAST) {
            PyObject *v = GETLOCAL(oparg);
            if (v == nullptr) {
                unbound_local_error(GETITEM(frame->f_code->co_localsplusnames, oparg));
                goto error;
            }
            GETLOCAL(oparg) = nullptr;
            Py_DECREF(v);
            DISPATCH();
        }
        TARGET(LOAD_NAME) {
            PyObject *v = load_name(frame, GETITEM(NAMES(), oparg));
            ERROR_IF(v == nullptr);
            PUSH(v);
            DISPATCH();
        }
        TARGET(STORE_NAME) {
            PyObject *name = GETITEM(NAMES(), oparg);
            PyObject *v = POP();
            PyObject *locals = frame->f_locals;
            int r;
            if (locals == nullptr) {
                PyErr_Format(PyExc_SystemError, "no locals found when storing %R", name);
                r = -1;
            } else if (PyDict_CheckExact(locals)) {
                r = PyDict_SetItem(locals, name, v);
            } else {
                r = PyObject_SetItem(locals, name, v);
            }
            Py_DECREF(v);
            ERROR_IF(r < 0);
            DISPATCH();
        }
        TARGET(DELETE_NAME) {
            PyObject *name = GETITEM(NAMES(), oparg);
            PyObject *locals = frame->f_locals;
            if (locals == nullptr) {
                PyErr_Format(PyExc_SystemError, "no locals when deleting %R", name);
                goto error;
            }
            if (PyObject_DelItem(locals, name) < 0) {
                // Whatever the mapping raised becomes the NameError, as in CPython 3.11.
                PyErr_Clear();
                name_error(name);
                goto error;
            }
            DISPATCH();
        }
        TARGET(LOAD_GLOBAL) {
            ADAPTIVE(specialize_load_global(frame->f_globals, frame->f_builtins, next_instr - 1,
                                            GETITEM(NAMES(), oparg >> 1)));
            PyObject *v =
                load_global(frame->f_globals, frame->f_builtins, GETITEM(NAMES(), oparg >> 1));
            ERROR_IF(v == nullptr);
            PUSH(v);
            if (oparg & 1) PUSH(nullptr);
            SKIP_CACHE(LOAD_GLOBAL);
            DISPATCH();
        }
        TARGET(STORE_GLOBAL) {
            PyObject *v = POP();
            const int r = PyDict_SetItem(frame->f_globals, GETITEM(NAMES(), oparg), v);
            Py_DECREF(v);
            ERROR_IF(r < 0);
            DISPATCH();
        }
        TARGET(DELETE_GLOBAL) {
            PyObject *name = GETITEM(NAMES(), oparg);
            if (PyDict_DelItem(frame->f_globals, name) < 0) {
                if (PyErr_ExceptionMatches(PyExc_KeyError)) {
                    PyErr_Clear();
                    name_error(name);
                }
                goto error;
            }
            DISPATCH();
        }
        TARGET(MAKE_CELL) {
            PyObject *initial = GETLOCAL(oparg);
            PyObject *cell = PyCell_New(initial);
            ERROR_IF(cell == nullptr);
            GETLOCAL(oparg) = cell;
            Py_XDECREF(initial);
            DISPATCH();
        }
        TARGET(COPY_FREE_VARS) {
            PyObject *closure = frame->f_func->func_closure;
            const int offset = frame->f_code->co_nlocalsplus - oparg;
            for (int i = 0; i < oparg; ++i) GETLOCAL(offset + i) = Py_NewRef(GETITEM(closure, i));
            DISPATCH();
        }
        TARGET(LOAD_CLOSURE) {
            PUSH(Py_NewRef(GETLOCAL(oparg)));
            DISPATCH();
        }
        TARGET(LOAD_DEREF) {
            PyObject *v = PyCell_GET(GETLOCAL(oparg));
            if (v == nullptr) {
                unbound_deref_error(frame->f_code, oparg);
                goto error;
            }
            PUSH(Py_NewRef(v));
            DISPATCH();
        }
        TARGET(LOAD_CLASSDEREF) {
            // The class namespace first (any mapping __prepare__ returned), then the cell.
            PyObject *v = nullptr;
            const int found = class_namespace_lookup(
                frame->f_locals, GETITEM(frame->f_code->co_localsplusnames, oparg), &v);
            ERROR_IF(found < 0);
            if (found > 0) {
                PUSH(v);
                DISPATCH();
            }
            v = PyCell_GET(GETLOCAL(oparg));
            if (v == nullptr) {
                unbound_deref_error(frame->f_code, oparg);
                goto error;
            }
            PUSH(Py_NewRef(v));
            DISPATCH();
        }
        TARGET(STORE_DEREF) {
            PyObject *v = POP();
            PyObject *cell = GETLOCAL(oparg);
            PyObject *old = PyCell_GET(cell);
            PyCell_SET(cell, v);
            Py_XDECREF(old);
            DISPATCH();
        }
        TARGET(DELETE_DEREF) {
            PyObject *cell = GETLOCAL(oparg);
            PyObject *old = PyCell_GET(cell);
            if (old == nullptr) {
                unbound_deref_error(frame->f_code, oparg);
                goto error;
            }
            PyCell_SET(cell, nullptr);
            Py_DECREF(old);
            DISPATCH();
        }
        TARGET(LOAD_ATTR) {
            PyObject *owner = TOP();
            PyObject *name = GETITEM(NAMES(), oparg >> 1);
            ADAPTIVE(specialize_load_attr(owner, next_instr - 1, name));
            if (oparg & 1) {
                // The method form: [meth, self] when the type's attribute is a function or
                // method descriptor the instance does not shadow (no bound method is made),
                // else [owner.name, NULL].
                PyObject *meth = nullptr;
                if (_PyObject_GetMethod(owner, name, &meth) != 0) {
                    SET_TOP(meth);
                    PUSH(owner);
                } else {
                    ERROR_IF(meth == nullptr);
                    SET_TOP(meth);
                    Py_DECREF(owner);
                    PUSH(nullptr);
                }
            } else {
                PyObject *v = PyObject_GetAttr(owner, name);
                ERROR_IF(v == nullptr);
                SET_TOP(v);
                Py_DECREF(owner);
            }
            SKIP_CACHE(LOAD_ATTR);
            DISPATCH();
        }
        TARGET(STORE_ATTR) {
            ADAPTIVE(specialize_store_attr(TOP(), next_instr - 1, GETITEM(NAMES(), oparg)));
            PyObject *owner = POP();
            PyObject *v = POP();
            const int r = PyObject_SetAttr(owner, GETITEM(NAMES(), oparg), v);
            Py_DECREF(v);
            Py_DECREF(owner);
            ERROR_IF(r < 0);
            SKIP_CACHE(STORE_ATTR);
            DISPATCH();
        }
        TARGET(DELETE_ATTR) {
            PyObject *owner = POP();
            const int r = PyObject_SetAttr(owner, GETITEM(NAMES(), oparg), nullptr);
            Py_DECREF(owner);
            ERROR_IF(r < 0);
            DISPATCH();
        }
        TARGET(LOAD_SUPER_ATTR) {
            PyErr_SetString(PyExc_SystemError, "super() is not supported yet");
            goto error;
        }
        TARGET(LOAD_ASSERTION_ERROR) {
            PUSH(Py_NewRef(PyExc_AssertionError));
            DISPATCH();
        }
        TARGET(LOAD_BUILD_CLASS) {
            PyObject *v =
                builtins_item(frame->f_builtins, interp::g_interp.names.id___build_class__);
            if (v == nullptr) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_NameError, "__build_class__ not found");
                goto error;
            }
            PUSH(v);
            DISPATCH();
        }
        TARGET(LOAD_LOCALS) {
            if (frame->f_locals == nullptr) {
                PyErr_SetString(PyExc_SystemError, "no locals found");
                goto error;
            }
            PUSH(Py_NewRef(frame->f_locals));
            DISPATCH();
        }
        TARGET(SETUP_ANNOTATIONS) {
            ERROR_IF(setup_annotations(frame->f_locals) < 0);
            DISPATCH();
        }

        // --- operators
        // -----------------------------------------------------------------------------
        TARGET(UNARY_POSITIVE) {
            PyObject *v = TOP();
            PyObject *r = PyNumber_Positive(v);
            ERROR_IF(r == nullptr);
            SET_TOP(r);
            Py_DECREF(v);
            DISPATCH();
        }
        TARGET(UNARY_NEGATIVE) {
            PyObject *v = TOP();
            PyObject *r = PyNumber_Negative(v);
            ERROR_IF(r == nullptr);
            SET_TOP(r);
            Py_DECREF(v);
            DISPATCH();
        }
        TARGET(UNARY_INVERT) {
            PyObject *v = TOP();
            PyObject *r = PyNumber_Invert(v);
            ERROR_IF(r == nullptr);
            SET_TOP(r);
            Py_DECREF(v);
            DISPATCH();
        }
        TARGET(UNARY_NOT) {
            PyObject *v = TOP();
            const int t = PyObject_IsTrue(v);
            ERROR_IF(t < 0);
            SET_TOP(Py_NewRef(t ? Py_False : Py_True));
            Py_DECREF(v);
            DISPATCH();
        }
        TARGET(BINARY_OP) {
            ADAPTIVE(specialize_binary_op(SECOND(), TOP(), next_instr - 1));
            PyObject *rhs = POP();
            PyObject *lhs = TOP();
            PyObject *r = binary_op(oparg, lhs, rhs);
            Py_DECREF(rhs);
            ERROR_IF(r == nullptr);
            SET_TOP(r);
            Py_DECREF(lhs);
            SKIP_CACHE(BINARY_OP);
            DISPATCH();
        }
        TARGET(COMPARE_OP) {
            ADAPTIVE(specialize_compare_op(SECOND(), TOP(), next_instr - 1));
            PyObject *rhs = POP();
            PyObject *lhs = TOP();
            // Two ints, floats or strs compare through their type's slot directly: what the
            // specialized forms will do, without the C recursion count (CPython's
            // COMPARE_OP_*_JUMP do not count either, so a deep recursion fails at the call).
            PyTypeObject *type = Py_TYPE(lhs);
            PyObject *r = type == Py_TYPE(rhs) && (type == &PyLong_Type || type == &PyFloat_Type ||
                                                   type == &PyUnicode_Type)
                              ? type->tp_richcompare(lhs, rhs, oparg)
                              : PyObject_RichCompare(lhs, rhs, oparg);
            Py_DECREF(rhs);
            ERROR_IF(r == nullptr);
            SET_TOP(r);
            Py_DECREF(lhs);
            SKIP_CACHE(COMPARE_OP);
            DISPATCH();
        }
        TARGET(IS_OP) {
            PyObject *rhs = POP();
            PyObject *lhs = TOP();
            const bool r = (lhs == rhs) ^ (oparg != 0);
            SET_TOP(Py_NewRef(r ? Py_True : Py_False));
            Py_DECREF(lhs);
            Py_DECREF(rhs);
            DISPATCH();
        }
        TARGET(CONTAINS_OP) {
            PyObject *container = POP();
            PyObject *item = TOP();
            const int r = PySequence_Contains(container, item);
            Py_DECREF(container);
            ERROR_IF(r < 0);
            SET_TOP(Py_NewRef((r != 0) ^ (oparg != 0) ? Py_True : Py_False));
            Py_DECREF(item);
            DISPATCH();
        }
        TARGET(BINARY_SUBSCR) {
            ADAPTIVE(specialize_binary_subscr(SECOND(), TOP(), next_instr - 1));
            PyObject *sub = POP();
            PyObject *container = TOP();
            PyObject *r = PyObject_GetItem(container, sub);
            Py_DECREF(sub);
            ERROR_IF(r == nullptr);
            SET_TOP(r);
            Py_DECREF(container);
            SKIP_CACHE(BINARY_SUBSCR);
            DISPATCH();
        }
        TARGET(STORE_SUBSCR) {
            ADAPTIVE(specialize_store_subscr(SECOND(), TOP(), next_instr - 1));
            PyObject *sub = POP();
            PyObject *container = POP();
            PyObject *v = POP();
            const int r = PyObject_SetItem(container, sub, v);
            Py_DECREF(sub);
            Py_DECREF(container);
            Py_DECREF(v);
            ERROR_IF(r < 0);
            SKIP_CACHE(STORE_SUBSCR);
            DISPATCH();
        }
        TARGET(DELETE_SUBSCR) {
            PyObject *sub = POP();
            PyObject *container = POP();
            const int r = PyObject_DelItem(container, sub);
            Py_DECREF(sub);
            Py_DECREF(container);
            ERROR_IF(r < 0);
            DISPATCH();
        }

#include "eval/ceval_build.inc"
#include "eval/ceval_control.inc"
#include "eval/ceval_specialized.inc"
#include "eval/ceval_specialized_iter.inc"

#if !MINIPY_USE_COMPUTED_GOTOS
    default: goto unknown_opcode;
    }
#endif

unknown_opcode:
    PyErr_Format(PyExc_SystemError, "%U:%d: unknown opcode %d", frame->f_code->co_filename,
                 frame_lineno(frame), opcode);
    goto error;

error:
    // A traceback entry for this frame, then unwinding through the exception table.
    traceback_here(frame);
exception_unwind : {
    kwnames = nullptr;
    // The handler is the one of the instruction that raised (RERAISE's own, not the lasti it
    // restores for the traceback); lasti is what a cleanup handler gets to re-raise with.
    const int offset = static_cast<int>(next_instr - first_instr) - 1;
    const int lasti = frame->lasti();
    ExceptionHandler handler;
    if (find_exception_handler(frame->f_code->co_exceptiontable, offset, &handler)) {
        PyObject **base = frame->stack_base();
        pop_stack_to(base, sp, handler.depth);
        if (handler.lasti) {
            PyObject *index = PyLong_FromLong(lasti);
            if (index == nullptr) goto exit_unwind;
            PUSH(index);
        }
        PUSH(PyErr_GetRaisedException());
        next_instr = first_instr + handler.target;
        DISPATCH();
    }
}
exit_unwind : {
    // No handler here: the frame ends with the exception.
    SAVE_SP();
    InterpFrame *finished = frame;
    const bool entry = finished->is_entry;
    tf->current = finished->previous;
    frame = finished->previous;
    --fields->recursion_depth;
    leave_frame(tf, finished);
    if (entry) return nullptr;
    LOAD_FRAME();
    goto error;
}
}

PyObject *eval_code(PyCodeObject *code, PyObject *globals, PyObject *locals) noexcept {
    ThreadFrames *tf = current_thread_frames();
    if (tf == nullptr) return nullptr;
    PyObject *func = interp::function_new(reinterpret_cast<PyObject *>(code), globals, nullptr);
    if (func == nullptr) return nullptr;
    InterpFrame *frame = push_code_frame(tf, reinterpret_cast<PyFunctionObject *>(func), locals);
    Py_DECREF(func);  // the frame holds its own reference
    if (frame == nullptr) return nullptr;
    frame->is_entry = true;
    return eval_frame(tf, frame);
}

}  // namespace minipy::eval
