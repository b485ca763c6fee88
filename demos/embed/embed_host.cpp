// minipy_embed: a C++ application that embeds minipy the way CPython's "Embedding Python in
// Another Application" describes, end to end:
//
//   1. a native module, `host`, registered with PyImport_AppendInittab before start-up:
//      host.log(message, *, level="info"), host.now(), host.add(a, b, *, scale=1);
//   2. the runtime started from a PyConfig: the debug hooks on (pymalloc_debug), a memory
//      limit, and the leak check;
//   3. a script file run in __main__ that imports `host` and calls back into it;
//   4. four host threads running scripts at once, each entering the runtime with
//      PyGILState_Ensure and calling a function the main script defined;
//   5. a script that asks for more than the memory limit, catches MemoryError, and the host
//      carrying on afterwards;
//   6. Py_FinalizeEx, and the allocator's summary: what MEM and OBJ held at the peak, the
//      requests the limit refused, and the leak report (zero blocks left).
//
//   minipy_embed SCRIPT_DIR     runs SCRIPT_DIR/app.py and SCRIPT_DIR/hungry.py
//
// Its output does not depend on timing or addresses, so the test (CTest demos.embed) compares
// it whole with embed_expected.txt.
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "minipy/Python.h"
#include "minipy/import.h"
#include "minipy/memusage.h"
#include "minipy/pythonrun.h"

namespace {

// --- the `host` module ------------------------------------------------------------------

PyObject *host_log(PyObject *, PyObject *args, PyObject *kwargs) {
    static const char *keywords[] = {"message", "level", nullptr};
    const char *message = nullptr;
    const char *level = "info";
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|$s:log", const_cast<char **>(keywords),
                                     &message, &level))
        return nullptr;
    std::printf("[host %s] %s\n", level, message);
    std::fflush(stdout);
    Py_RETURN_NONE;
}

PyObject *host_now(PyObject *, PyObject *) {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return PyFloat_FromDouble(static_cast<double>(ts.tv_sec) +
                              static_cast<double>(ts.tv_nsec) / 1e9);
}

PyObject *host_add(PyObject *, PyObject *args, PyObject *kwargs) {
    static const char *keywords[] = {"a", "b", "scale", nullptr};
    long long a = 0, b = 0, scale = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "LL|$L:add", const_cast<char **>(keywords), &a,
                                     &b, &scale))
        return nullptr;
    return PyLong_FromLongLong((a + b) * scale);
}

PyMethodDef host_methods[] = {
    {"log", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(host_log)),
     METH_VARARGS | METH_KEYWORDS, "log(message, *, level='info'): a line on the host's log"},
    {"now", host_now, METH_NOARGS, "now(): the host's monotonic clock, in seconds"},
    {"add", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(host_add)),
     METH_VARARGS | METH_KEYWORDS, "add(a, b, *, scale=1): (a + b) * scale"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef host_module = {
    PyModuleDef_HEAD_INIT,
    "host",
    "What the host application offers.",
    -1,
    host_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

extern "C" PyObject *PyInit_host() noexcept {
    PyObject *module = PyModule_Create(&host_module);
    if (module == nullptr) return nullptr;
    if (PyModule_AddStringConstant(module, "name", "minipy_embed") < 0 ||
        PyModule_AddIntConstant(module, "threads", 4) < 0) {
        Py_DECREF(module);
        return nullptr;
    }
    return module;
}

// --- running scripts ------------------------------------------------------------------------

// Runs a file in __main__; false (the traceback printed) if it raised.
bool run_file(const std::string &path) {
    FILE *file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        std::perror(path.c_str());
        return false;
    }
    return PyRun_SimpleFileEx(file, path.c_str(), 1) == 0;
}

// One host thread: enters the runtime, calls work(n) from __main__, records its result.
void worker(int n, std::string *result) {
    const PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *main_dict = PyModule_GetDict(PyImport_AddModule("__main__"));
    PyObject *work = PyDict_GetItemString(main_dict, "work");
    PyObject *value = work != nullptr ? PyObject_CallFunction(work, "i", n) : nullptr;
    if (value == nullptr) {
        PyErr_Print();
        *result = "error";
    } else {
        PyObject *text = PyObject_Repr(value);
        *result = text != nullptr ? PyUnicode_AsUTF8(text) : "error";
        Py_XDECREF(text);
        Py_DECREF(value);
    }
    PyGILState_Release(gil);
}

void print_usage(const char *when) {
    minipy_memory_usage usage;
    if (minipy_get_memory_usage(&usage) < 0) return;
    std::printf("%s: limit %zu MiB, peak of MEM + OBJ %s 1 MiB, %s\n", when, usage.limit >> 20,
                usage.total.peak_bytes > (1u << 20) ? "above" : "below",
                usage.refused > 0 ? "the limit refused requests" : "nothing refused");
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s SCRIPT_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];

    // 1. The native module, before start-up.
    if (PyImport_AppendInittab("host", PyInit_host) < 0) {
        std::fprintf(stderr, "minipy_embed: cannot register the host module\n");
        return 1;
    }

    // 2. The runtime, from a config: the environment ignored, the debug hooks on (they check
    //    every allocation's GIL rule and every block's pad bytes), a 64 MiB budget.
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.allocator = "pymalloc_debug";
    config.memory_limit = 64u << 20;
    config.leak_check = 1;
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) Py_ExitStatusException(status);
    std::printf("allocator: %s\n", _PyMem_GetCurrentAllocatorName() != nullptr
                                       ? _PyMem_GetCurrentAllocatorName()
                                       : "pymalloc_debug under the leak check's accounting");

    // 3. The application's script.
    bool ok = run_file(dir + "/app.py");

    // 4. Four threads at once; the main thread lets go of the GIL while they run.
    std::vector<std::string> results(4);
    {
        PyThreadState *saved = PyEval_SaveThread();
        std::vector<std::thread> threads;
        for (int n = 0; n < 4; ++n) threads.emplace_back(worker, n, &results[n]);
        for (std::thread &t : threads) t.join();
        PyEval_RestoreThread(saved);
    }
    for (int n = 0; n < 4; ++n) std::printf("thread %d: work(%d) = %s\n", n, n, results[n].c_str());

    // 5. A script that outgrows the budget, and the host going on.
    ok = run_file(dir + "/hungry.py") && ok;
    PyObject *after = PyRun_String("sum(host.add(i, 1) for i in range(10))", Py_eval_input,
                                   PyModule_GetDict(PyImport_AddModule("__main__")),
                                   PyModule_GetDict(PyImport_AddModule("__main__")));
    if (after == nullptr) {
        PyErr_Print();
        ok = false;
    } else {
        std::printf("after the memory error: %ld\n", PyLong_AsLong(after));
        Py_DECREF(after);
    }
    print_usage("before shutdown");
    std::fflush(stdout);

    // 6. Shutdown and the leak report.
    if (Py_FinalizeEx() < 0) ok = false;
    minipy_leak_report leaks;
    minipy_get_leak_report(&leaks);
    std::printf("after shutdown: %zu blocks left in MEM, %zu in OBJ\n", leaks.mem_blocks,
                leaks.obj_blocks);
    if (leaks.mem_blocks != 0 || leaks.obj_blocks != 0) ok = false;
    return ok ? 0 : 1;
}
