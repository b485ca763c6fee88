// Taking and releasing the GIL on behalf of thread states (pygil.h).
#include "minipy/pygil.h"
#include "minipy/pylifecycle.h"
#include "state/runtime_state.hpp"

using namespace minipy::runtime;

extern "C" PyThreadState *PyEval_SaveThread(void) noexcept {
    _ts *tstate = t_current;
    if (tstate == nullptr) Py_FatalError(kNoCurrentThreadState);
    t_current = nullptr;
    g_runtime.gil.drop(tstate, tstate->generation);
    return tstate;
}

extern "C" void PyEval_RestoreThread(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("NULL tstate");
    // A state kept across Py_FinalizeEx() is freed memory; do not read it.
    if (!runtime_running()) hang_forever();
    if (t_current != nullptr)
        Py_FatalError("this thread already holds the GIL (taking it again would deadlock)");
    if (!g_runtime.gil.take(tstate, tstate->generation)) hang_forever();
    t_current = tstate;
}

extern "C" void PyEval_AcquireThread(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("NULL thread state");
    PyEval_RestoreThread(tstate);
}

extern "C" void PyEval_ReleaseThread(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) Py_FatalError("NULL thread state");
    if (tstate != t_current) Py_FatalError("wrong thread state");
    PyEval_SaveThread();
}

extern "C" void PyEval_InitThreads(void) noexcept {}

extern "C" int PyEval_ThreadsInitialized(void) noexcept {
    return runtime_running() ? 1 : 0;
}

extern "C" void _PyEval_SetSwitchInterval(unsigned long microseconds) noexcept {
    g_runtime.gil.set_interval(microseconds);
}

extern "C" unsigned long _PyEval_GetSwitchInterval(void) noexcept {
    return g_runtime.gil.interval();
}

extern "C" void minipy_eval_checkpoint(void) noexcept {
    if (__builtin_expect(!g_runtime.gil.drop_requested(), 1)) return;
    if (t_current == nullptr) Py_FatalError(kNoCurrentThreadState);
    // Someone waits: release (which waits until they have it), then queue up again.
    PyEval_RestoreThread(PyEval_SaveThread());
}

extern "C" void minipy_gil_get_stats(minipy_gil_stats *out) noexcept {
    if (out == nullptr) return;
    out->switches = g_runtime.gil.switches();
    out->drop_requests = g_runtime.gil.drop_requests();
}
