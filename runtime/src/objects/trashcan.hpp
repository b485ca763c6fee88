// The trashcan for the built-in containers' deallocators: the inline form of objimpl.h's
// Py_TRASHCAN_BEGIN / Py_TRASHCAN_END (recursion_limits.cpp has the exported one), so that a
// tuple's or a list's destruction pays no call for it. Internal to runtime/.
//
//     PyObject_GC_UnTrack(op);
//     _ts *tstate = minipy::runtime::trashcan_enter(op);
//     if (tstate == nullptr) return;  // put aside
//     ... release the items, free op ...
//     minipy::runtime::trashcan_leave(tstate);
#ifndef MINIPY_OBJECTS_TRASHCAN_HPP
#define MINIPY_OBJECTS_TRASHCAN_HPP

#include "minipy/object.h"
#include "runtime_state.hpp"

namespace minipy::runtime {

// Deallocations nested deeper than this in one thread are put aside (CPython's
// _PyTrash_UNWIND_LEVEL).
inline constexpr int kTrashUnwindLevel = 50;

// Links `op` (untracked: its GC header is free) onto the thread's put-aside list.
void trash_deposit(_ts *tstate, PyObject *op) noexcept;
// Destroys everything put aside, including what those deallocations put aside in turn.
void trash_destroy_chain(_ts *tstate) noexcept;
// The calling thread's current state; fatal without one (a Py_DECREF or a recursion check
// without the GIL).
_ts *checked_current_tstate() noexcept;

// nullptr when `op` was put aside: the deallocator must return at once. Otherwise the
// deallocator goes on, and ends with trashcan_leave() of the state returned.
inline _ts *trashcan_enter(PyObject *op) noexcept {
    _ts *tstate = t_current != nullptr ? t_current : checked_current_tstate();
    if (tstate->trash_delete_nesting >= kTrashUnwindLevel) {
        trash_deposit(tstate, op);
        return nullptr;
    }
    ++tstate->trash_delete_nesting;
    return tstate;
}

inline void trashcan_leave(_ts *tstate) noexcept {
    if (--tstate->trash_delete_nesting <= 0 && tstate->trash_delete_later != nullptr)
        trash_destroy_chain(tstate);
}

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_TRASHCAN_HPP
