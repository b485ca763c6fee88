// See gil_ops.hpp. The loops are plain: each call is an external call the compiler cannot
// drop, and nothing else happens in the loop.
#include "runtime/gil_ops.hpp"

#include <thread>

namespace minipy::bench {

namespace {

// The same loops for both runtimes: `Api` supplies the calls.
template <class Api>
void ensure_release(const Api &api, long n) {
    for (long i = 0; i < n; i++) {
        const auto state = api.ensure();
        api.release(state);
    }
}

template <class Api>
bool run_op(const Api &api, GilOp op, long n) {
    switch (op) {
    case GilOp::check:
        for (long i = 0; i < n; i++) api.check();
        return true;
    case GilOp::checkpoint: return api.checkpoint(n);
    case GilOp::ensure_held: ensure_release(api, n); return true;
    case GilOp::ensure_free: {
        void *saved = api.save();
        ensure_release(api, n);
        api.restore(saved);
        return true;
    }
    case GilOp::ensure_new: {
        void *saved = api.save();
        std::thread worker([&] { ensure_release(api, n); });
        worker.join();
        api.restore(saved);
        return true;
    }
    case GilOp::save_restore:
        for (long i = 0; i < n; i++) api.restore(api.save());
        return true;
    }
    return false;
}

}  // namespace

const char *gil_op_name(GilOp op) {
    switch (op) {
    case GilOp::check: return "check";
    case GilOp::checkpoint: return "checkpoint";
    case GilOp::ensure_held: return "ensure-held";
    case GilOp::ensure_free: return "ensure-free";
    case GilOp::ensure_new: return "ensure-new";
    case GilOp::save_restore: return "save-restore";
    }
    return "?";
}

bool parse_gil_op(const std::string &name, GilOp *op) {
    for (GilOp candidate : kGilOps) {
        if (name == gil_op_name(candidate)) {
            *op = candidate;
            return true;
        }
    }
    return false;
}

void make_process_multithreaded() {
    std::thread nothing([] {});
    nothing.join();
}

bool start_minipy_runtime(double switch_interval_seconds, std::string *why) {
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.allocator = "pymalloc";
    config.malloc_stats = 0;
    config.switch_interval = switch_interval_seconds;
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        *why = std::string("Py_InitializeFromConfig: ") +
               (status.err_msg != nullptr ? status.err_msg : "failed");
        return false;
    }
    return true;
}

bool start_cpython_runtime(const CPythonApi &py, std::string *why) {
    py.Py_InitializeEx(0);
    if (py.PyGILState_Check() != 1) {
        *why = "cpython: Py_InitializeEx(0) left the GIL unheld";
        return false;
    }
    return true;
}

bool run_minipy_gil_op(GilOp op, long n) {
    return run_op(MinipyGil{}, op, n);
}

bool run_cpython_gil_op(const CPythonApi &py, GilOp op, long n) {
    return run_op(CPythonGil{py}, op, n);
}

}  // namespace minipy::bench
