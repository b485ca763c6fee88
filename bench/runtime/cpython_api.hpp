// CPython's C API, as far as the runtime benchmarks need it, reached through dlopen.
//
// Owns: loading libpython once (the path bench/CMakeLists.txt found, MINIPY_BENCH_LIBPYTHON)
// and the table of the functions the benchmarks call. Does not own any workload or timing.
//
// Why dlopen (bench/alloc/allocators.hpp says it at length): minipy exports the same names
// (PyObject_Malloc, PyGILState_Ensure, ...), so libpython cannot be linked into a benchmark
// executable; loaded with RTLD_LOCAL, and with the executables linked without -rdynamic,
// libpython binds to its own functions and ours stay ours. The two runtimes coexist in one
// process: each has its own GIL, thread states and allocator tables.
//
// CPython's PyMem_* / PyObject_* work before Py_Initialize (release build: the domains are
// statically pymalloc), and so do its debug hooks: PyGILState_Check answers 1 while its
// thread-state key does not exist. That is the "no runtime" case of the hook benchmarks.
#pragma once

#include <cstddef>
#include <string>

#include "minipy/pymem.h"

namespace minipy::bench {

struct CPythonApi {
    // Lifecycle. Py_InitializeEx(0): no signal handlers.
    void (*Py_InitializeEx)(int initsigs);
    int (*Py_FinalizeEx)();
    int (*PyRun_SimpleString)(const char *command);
    // The GIL. PyGILState_STATE is an int-sized enum; PyThreadState * is opaque here.
    int (*PyGILState_Ensure)();
    void (*PyGILState_Release)(int state);
    int (*PyGILState_Check)();
    void *(*PyEval_SaveThread)();
    void (*PyEval_RestoreThread)(void *tstate);
    // Memory: the three domains, the domain table, the hooks.
    void *(*PyMem_RawMalloc)(std::size_t size);
    void (*PyMem_RawFree)(void *p);
    void *(*PyMem_Malloc)(std::size_t size);
    void (*PyMem_Free)(void *p);
    void *(*PyObject_Malloc)(std::size_t size);
    void (*PyObject_Free)(void *p);
    void (*PyMem_GetAllocator)(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator);
    void (*PyMem_SetAllocator)(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator);
    void (*PyMem_SetupDebugHooks)();
    const char *(*_PyMem_GetCurrentAllocatorName)();
};

// Loads libpython on the first call and returns the table; nullptr (and the reason in
// `why`) when the library was not found at configure time, does not load, or lacks one of
// the functions. Later calls return the same answer.
const CPythonApi *load_cpython(std::string *why);

// The python3 interpreter configure found (MINIPY_BENCH_PYTHON3), "" if none, and the
// directory of the bench sources (for the helper scripts in bench/runtime/).
const char *python3_path();
const char *bench_source_dir();

}  // namespace minipy::bench
