// Keeping the C stack bounded when the input is deep: the recursion limit
// (Py_EnterRecursiveCall, recursionlimit.h) for code that recurses on the shape of its input, and
// the trashcan (objimpl.h, trashcan.hpp) for the destruction of deeply nested containers. Both
// count per thread state: deep structures are a property of what one thread is doing.
#include "gc/gc_internal.hpp"
#include "minipy/Python.h"
#include "recursion/trashcan.hpp"
#include "state/runtime_state.hpp"

namespace minipy::runtime {

_ts *checked_current_tstate() noexcept {
    if (t_current == nullptr) Py_FatalError(kNoCurrentThreadState);
    return t_current;
}

void trash_deposit(_ts *tstate, PyObject *op) noexcept {
    // The object is untracked, so the pointer part of _gc_prev is free: it carries the link,
    // and the flag bits below it stay as they are (as CPython's _PyGCHead_SET_PREV).
    gc::set_prev(gc::as_gc(op), tstate->trash_delete_later != nullptr
                                    ? gc::as_gc(tstate->trash_delete_later)
                                    : nullptr);
    tstate->trash_delete_later = op;
}

void trash_destroy_chain(_ts *tstate) noexcept {
    while (tstate->trash_delete_later != nullptr) {
        PyObject *op = tstate->trash_delete_later;
        PyGC_Head *head = gc::as_gc(op);
        PyGC_Head *next = gc::prev_of(head);
        tstate->trash_delete_later = next != nullptr ? gc::from_gc(next) : nullptr;
        gc::set_prev(head, nullptr);
        // The deallocator is called directly: its reference count already reached zero.
        // Counting it as one level keeps what it puts aside in the list until this loop
        // comes back for it.
        ++tstate->trash_delete_nesting;
        Py_TYPE(op)->tp_dealloc(op);
        --tstate->trash_delete_nesting;
    }
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

// --- The trashcan, for deallocators outside the runtime -------------------------------------

extern "C" int _PyTrash_begin(struct _ts *tstate, PyObject *op) noexcept {
    // The link lives in the GC header: an object without one, or one still on a generation's
    // list, would have its neighbours' links overwritten.
    if (!gc::object_is_gc(op))
        Py_FatalError("Py_TRASHCAN_BEGIN: the object's type does not have Py_TPFLAGS_HAVE_GC");
    if (gc::is_tracked(op))
        Py_FatalError(
            "Py_TRASHCAN_BEGIN: the object is still tracked (call PyObject_GC_UnTrack first)");
    if (tstate->trash_delete_nesting >= kTrashUnwindLevel) {
        trash_deposit(tstate, op);
        return 1;
    }
    ++tstate->trash_delete_nesting;
    return 0;
}

extern "C" void _PyTrash_end(struct _ts *tstate) noexcept {
    if (--tstate->trash_delete_nesting <= 0 && tstate->trash_delete_later != nullptr)
        trash_destroy_chain(tstate);
}

extern "C" int _PyTrash_cond(PyObject *op, destructor dealloc) noexcept {
    return Py_TYPE(op)->tp_dealloc == dealloc;
}

// --- The recursion limit -------------------------------------------------------------------

extern "C" int Py_EnterRecursiveCall(const char *where) noexcept {
    _ts *tstate = checked_current_tstate();
    if (tstate->fields.recursion_depth >= g_runtime.main_interp.recursion_limit) {
        PyErr_Format(PyExc_RecursionError, "maximum recursion depth exceeded%s",
                     where != nullptr ? where : "");
        return -1;
    }
    ++tstate->fields.recursion_depth;
    return 0;
}

extern "C" void Py_LeaveRecursiveCall(void) noexcept {
    --checked_current_tstate()->fields.recursion_depth;
}

extern "C" int Py_GetRecursionLimit(void) noexcept {
    return g_runtime.main_interp.recursion_limit;
}

extern "C" void Py_SetRecursionLimit(int new_limit) noexcept {
    g_runtime.main_interp.recursion_limit = new_limit;
}
