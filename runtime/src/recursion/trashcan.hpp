// The trashcan for the built-in containers' deallocators: the inline form of objimpl.h's
// Py_TRASHCAN_BEGIN / Py_TRASHCAN_END (recursion_limits.cpp has the exported one), so that a
// tuple's or a list's destruction pays no call for it. Internal to runtime/.
#ifndef MINIPY_OBJECTS_TRASHCAN_HPP
#define MINIPY_OBJECTS_TRASHCAN_HPP

#include "minipy/object.h"
#include "state/runtime_state.hpp"

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

// The trashcan around one deallocation, as Py_TRASHCAN_BEGIN(op, own) ... Py_TRASHCAN_END:
//
//     PyObject_GC_UnTrack(op);
//     Trashcan trashcan(op, list_dealloc);
//     if (trashcan.put_aside()) return;
//     ... release the items, free op ...
//   (the destructor leaves the level, and destroys what was put aside if this was the
//   outermost deallocation)
//
// `own` is the deallocator the wrapping belongs to: it applies only when it is the object's
// tp_dealloc, as in CPython. A subclass with its own deallocator that ends in the base's
// must not have the object put aside by the base (its own code would go on as if it were
// freed, and the chain would call the subclass's deallocator again).
class Trashcan {
  public:
    Trashcan(PyObject *op, destructor own) noexcept {
        if (Py_TYPE(op)->tp_dealloc != own) return;
        _ts *tstate = t_current != nullptr ? t_current : checked_current_tstate();
        if (tstate->trash_delete_nesting >= kTrashUnwindLevel) {
            trash_deposit(tstate, op);
            put_aside_ = true;
            return;
        }
        ++tstate->trash_delete_nesting;
        tstate_ = tstate;
    }
    ~Trashcan() {
        if (tstate_ != nullptr && --tstate_->trash_delete_nesting <= 0 &&
            tstate_->trash_delete_later != nullptr)
            trash_destroy_chain(tstate_);
    }
    Trashcan(const Trashcan &) = delete;
    Trashcan &operator=(const Trashcan &) = delete;

    // The deallocator must return at once: the object is destroyed later.
    bool put_aside() const noexcept { return put_aside_; }

  private:
    _ts *tstate_ = nullptr;  // set when this deallocation entered a level
    bool put_aside_ = false;
};

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_TRASHCAN_HPP
