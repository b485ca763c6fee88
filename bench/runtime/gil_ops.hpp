// The uncontended GIL calls the runtime benchmarks time and count, written once for minipy
// (called directly) and for CPython (through the dlopen table of cpython_api.hpp), so that
// minipy_gil_handoff, minipy_runtime_benchmarks and the callgrind driver run the same loops.
//
// Each op runs n times in the thread that calls it. On entry and on return that thread holds
// the runtime's GIL (minipy's, or CPython's) and is its main thread; ops that need the GIL
// free or a thread without a state arrange it themselves, untimed where it matters:
//
//   check         PyGILState_Check(), GIL held
//   checkpoint    minipy_eval_checkpoint(), GIL held, nobody waiting (minipy only)
//   ensure-held   PyGILState_Ensure() + PyGILState_Release(), GIL already held: the nesting
//                 count goes up and down, nothing else
//   ensure-free   the same after PyEval_SaveThread(): the GIL is free and nobody wants it,
//                 so each pair takes it and releases it (the thread keeps its state)
//   ensure-new    the same in a thread with no thread state: each Ensure creates one and
//                 each Release deletes it (a host's worker calling in now and then)
//   save-restore  PyEval_SaveThread() + PyEval_RestoreThread(): Py_BEGIN/END_ALLOW_THREADS
//                 around nothing, nobody waiting
#pragma once

#include <string>

#include "minipy/Python.h"
#include "runtime/cpython_api.hpp"

namespace minipy::bench {

// The GIL calls of one runtime behind one shape, for code written once for both: thread
// states are void *, PyGILState_STATE an int.
struct MinipyGil {
    static int ensure() { return static_cast<int>(PyGILState_Ensure()); }
    static void release(int s) { PyGILState_Release(static_cast<PyGILState_STATE>(s)); }
    static int check() { return PyGILState_Check(); }
    static void *save() { return PyEval_SaveThread(); }
    static void restore(void *t) { PyEval_RestoreThread(static_cast<PyThreadState *>(t)); }
    static bool checkpoint(long n) {
        for (long i = 0; i < n; i++) minipy_eval_checkpoint();
        return true;
    }
};

struct CPythonGil {
    const CPythonApi &py;
    int ensure() const { return py.PyGILState_Ensure(); }
    void release(int s) const { py.PyGILState_Release(s); }
    int check() const { return py.PyGILState_Check(); }
    void *save() const { return py.PyEval_SaveThread(); }
    void restore(void *t) const { py.PyEval_RestoreThread(t); }
    static bool checkpoint(long) { return false; }  // CPython's eval breaker is internal
};

enum class GilOp { check, checkpoint, ensure_held, ensure_free, ensure_new, save_restore };

inline constexpr GilOp kGilOps[] = {GilOp::check,       GilOp::checkpoint, GilOp::ensure_held,
                                    GilOp::ensure_free, GilOp::ensure_new, GilOp::save_restore};

const char *gil_op_name(GilOp op);  // "check", "checkpoint", "ensure-held", ...
bool parse_gil_op(const std::string &name, GilOp *op);

// Starts and joins one thread that does nothing. glibc's mutexes (and so both GILs) skip
// the bus lock while a process has never had a second thread, which halves the cost of an
// uncontended take/release pair (15 against 36 ns for PyEval_SaveThread/RestoreThread on the
// reference machine) and does not last: the first thread a program starts ends it for good.
// Every program that times or counts GIL calls calls this first, so that the figures are
// those of a threaded program, the only kind that needs a GIL.
void make_process_multithreaded();

// Starts minipy's runtime (pymalloc, isolated config) / CPython's (Py_InitializeEx(0)) in the
// calling thread, which then holds that runtime's GIL. False and why on failure.
bool start_minipy_runtime(double switch_interval_seconds, std::string *why);
bool start_cpython_runtime(const CPythonApi &py, std::string *why);

// Runs `op` n times. Returns false when the runtime has no such call (checkpoint, CPython).
bool run_minipy_gil_op(GilOp op, long n);
bool run_cpython_gil_op(const CPythonApi &py, GilOp op, long n);

}  // namespace minipy::bench
