// Thread states and the GIL-state API (pystate.h). The rules a caller can break are checked
// here, with a fatal error naming the function, because breaking them otherwise means a
// deadlock or a freed state in use: both far harder to find than a message.
#include <pthread.h>
#include <unistd.h>

#include <new>

#include "minipy/object.h"
#include "minipy/pygil.h"
#include "minipy/pylifecycle.h"
#include "minipy/pymem.h"
#include "minipy/pystate.h"
#include "state/runtime_state.hpp"

namespace minipy::runtime {

constinit RuntimeState g_runtime;
constinit thread_local _ts *t_current = nullptr;
constinit thread_local ThreadBinding t_bound{nullptr, 0};

namespace {

minipy_thread_clear_hook g_thread_clear_hook = nullptr;

// Drops what the interpreter keeps in the state: its own block (through its hook) and the
// exception being handled. The GIL is held (or the runtime is shutting down).
void clear_interp_fields(_ts *tstate) noexcept {
    minipy_thread_fields &fields = tstate->fields;
    if (fields.interp_data != nullptr) {
        void *data = fields.interp_data;
        fields.interp_data = nullptr;
        if (g_thread_clear_hook != nullptr) g_thread_clear_hook(tstate, data);
    }
    fields.exc_info = &fields.exc_state;
    Py_CLEAR(fields.exc_state.exc_value);
}

void link(_is &interp, _ts &tstate) noexcept {
    pthread_mutex_lock(&interp.threads_mutex);
    tstate.id = interp.next_thread_id++;
    tstate.prev = nullptr;
    tstate.next = interp.threads_head;
    if (interp.threads_head != nullptr) interp.threads_head->prev = &tstate;
    interp.threads_head = &tstate;
    pthread_mutex_unlock(&interp.threads_mutex);
}

void unlink(_ts &tstate) noexcept {
    _is &interp = *tstate.interp;
    pthread_mutex_lock(&interp.threads_mutex);
    if (tstate.prev != nullptr)
        tstate.prev->next = tstate.next;
    else
        interp.threads_head = tstate.next;
    if (tstate.next != nullptr) tstate.next->prev = tstate.prev;
    pthread_mutex_unlock(&interp.threads_mutex);
}

void unbind_if_mine(_ts *tstate) noexcept {
    if (t_bound.tstate == tstate) t_bound = {nullptr, 0};
}

void release_memory(_ts *tstate) noexcept {
    // Deallocations drain what they put aside before they return, so a state deleted between
    // two calls never holds any.
    if (tstate->trash_delete_later != nullptr || tstate->trash_delete_nesting != 0)
        Py_FatalError("deleting a thread state in the middle of an object's deallocation");
    clear_interp_fields(tstate);
    Py_CLEAR(tstate->curexc);  // a state is deleted with the GIL held (or at shutdown)
    tstate->~_ts();
    PyMem_RawFree(tstate);
}

}  // namespace

_ts *new_thread_state(PyInterpreterState *interp) noexcept {
    void *memory = PyMem_RawCalloc(1, sizeof(_ts));
    if (memory == nullptr) return nullptr;
    _ts *tstate = new (memory) _ts{};
    tstate->interp = interp;
    tstate->fields.exc_info = &tstate->fields.exc_state;
    tstate->fields.recursion_limit = &interp->recursion_limit;
    tstate->thread_id = static_cast<unsigned long>(pthread_self());
    tstate->generation = g_runtime.generation.load(std::memory_order_relaxed);
    // As in CPython: a state made outside PyGILState_Ensure counts as one "ensure" of its
    // own, so a matching Ensure/Release pair never deletes it.
    tstate->gilstate_counter = 1;
    link(*interp, *tstate);
    if (bound_tstate() == nullptr) t_bound = {tstate, tstate->generation};
    return tstate;
}

void delete_all_thread_states() noexcept {
    _is &interp = g_runtime.main_interp;
    pthread_mutex_lock(&interp.threads_mutex);
    _ts *tstate = interp.threads_head;
    interp.threads_head = nullptr;
    pthread_mutex_unlock(&interp.threads_mutex);
    while (tstate != nullptr) {
        _ts *next = tstate->next;
        release_memory(tstate);
        tstate = next;
    }
    t_current = nullptr;
    t_bound = {nullptr, 0};
}

void hang_forever() noexcept {
    for (;;) pause();
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

// --- Interpreter and thread states ---------------------------------------------------------

extern "C" PyInterpreterState *PyInterpreterState_Main(void) noexcept {
    return runtime_running() ? &g_runtime.main_interp : nullptr;
}

extern "C" PyInterpreterState *PyInterpreterState_Get(void) noexcept {
    _ts *tstate = t_current;
    if (tstate == nullptr) Py_FatalError(kNoCurrentThreadState);
    return tstate->interp;
}

extern "C" PyThreadState *PyThreadState_New(PyInterpreterState *interp) noexcept {
    if (interp == nullptr) Py_FatalError("interp is NULL");
    if (!runtime_running()) Py_FatalError("the runtime is not initialized");
    return new_thread_state(interp);
}

extern "C" void PyThreadState_Clear(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("tstate is NULL");
    // The state owns its current exception and the interpreter's fields; the nesting count of
    // PyGILState_Ensure belongs to the binding, not to the contents.
    clear_interp_fields(tstate);
    Py_CLEAR(tstate->curexc);
}

extern "C" void PyThreadState_Delete(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("tstate is NULL");
    if (tstate == t_current) Py_FatalError("tstate is still current");
    unlink(*tstate);
    unbind_if_mine(tstate);
    release_memory(tstate);
}

extern "C" void PyThreadState_DeleteCurrent(void) noexcept {
    _ts *tstate = t_current;
    if (tstate == nullptr) Py_FatalError(kNoCurrentThreadState);
    // Its exception is released while the state is still current and holds the GIL.
    clear_interp_fields(tstate);
    Py_CLEAR(tstate->curexc);
    unlink(*tstate);
    unbind_if_mine(tstate);
    t_current = nullptr;
    g_runtime.gil.drop(tstate, tstate->generation);
    release_memory(tstate);
}

extern "C" PyThreadState *PyThreadState_Get(void) noexcept {
    _ts *tstate = t_current;
    if (tstate == nullptr) Py_FatalError(kNoCurrentThreadState);
    return tstate;
}

extern "C" PyThreadState *_PyThreadState_UncheckedGet(void) noexcept {
    return t_current;
}

extern "C" minipy_thread_fields *minipy_thread_fields_of(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("tstate is NULL");
    return &tstate->fields;
}

extern "C" void minipy_set_thread_clear_hook(minipy_thread_clear_hook hook) noexcept {
    g_thread_clear_hook = hook;
}

extern "C" PyThreadState *PyThreadState_Swap(PyThreadState *tstate) noexcept {
    _ts *previous = t_current;
    t_current = tstate;
    return previous;
}

extern "C" PyInterpreterState *PyThreadState_GetInterpreter(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("tstate is NULL");
    return tstate->interp;
}

extern "C" uint64_t PyThreadState_GetID(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("tstate is NULL");
    return tstate->id;
}

// --- GIL state -----------------------------------------------------------------------------

extern "C" PyGILState_STATE PyGILState_Ensure(void) noexcept {
    if (!runtime_running())
        Py_FatalError("the runtime is not initialized: call Py_Initialize() first");
    _ts *tstate = bound_tstate();
    if (tstate == nullptr) {
        tstate = new_thread_state(&g_runtime.main_interp);
        if (tstate == nullptr) Py_FatalError("Couldn't create thread-state for new thread");
        tstate->gilstate_counter = 0;  // this Ensure is its owner: the last Release frees it
    }
    const bool held = tstate == t_current;
    if (!held) PyEval_RestoreThread(tstate);
    ++tstate->gilstate_counter;
    return held ? PyGILState_LOCKED : PyGILState_UNLOCKED;
}

extern "C" void PyGILState_Release(PyGILState_STATE state) noexcept {
    _ts *tstate = bound_tstate();
    if (tstate == nullptr)
        Py_FatalError("auto-releasing thread-state, but no thread-state for this thread");
    if (tstate != t_current) Py_FatalError("thread state must be current when releasing");
    if (tstate->gilstate_counter <= 0) Py_FatalError("called more often than PyGILState_Ensure()");
    if (--tstate->gilstate_counter == 0) {
        // The outermost Ensure made this state: it goes with the GIL.
        if (state != PyGILState_UNLOCKED)
            Py_FatalError("the outermost release must get PyGILState_UNLOCKED back");
        PyThreadState_Clear(tstate);
        PyThreadState_DeleteCurrent();
    } else if (state == PyGILState_UNLOCKED) {
        PyEval_SaveThread();
    }
}

extern "C" int PyGILState_Check(void) noexcept {
    if (!runtime_running()) return 1;
    return t_current != nullptr;
}

extern "C" PyThreadState *PyGILState_GetThisThreadState(void) noexcept {
    return bound_tstate();
}
