// See cpython_api.hpp.
#include "runtime/cpython_api.hpp"

#include <dlfcn.h>

// Set by bench/CMakeLists.txt; an empty path means "not found at configure time".
#ifndef MINIPY_BENCH_LIBPYTHON
#define MINIPY_BENCH_LIBPYTHON ""
#endif
#ifndef MINIPY_BENCH_PYTHON3
#define MINIPY_BENCH_PYTHON3 ""
#endif
#ifndef MINIPY_BENCH_SOURCE_DIR
#define MINIPY_BENCH_SOURCE_DIR ""
#endif

namespace minipy::bench {

namespace {

// Resolves `name` into `slot`; false (and the reason in `why`) if it is missing.
template <class F>
bool bind(void *handle, const char *name, F &slot, std::string *why) {
    slot = reinterpret_cast<F>(dlsym(handle, name));
    if (slot == nullptr) *why = std::string("cpython: skipped, libpython lacks ") + name;
    return slot != nullptr;
}

bool load(CPythonApi &api, std::string *why) {
    const char *path = MINIPY_BENCH_LIBPYTHON;
    if (path[0] == '\0') {
        *why = "cpython: skipped, libpython was not found at configure time";
        return false;
    }
    // RTLD_LOCAL: libpython's names must not take over ours, nor ours its (see the header).
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        *why = std::string("cpython: skipped, ") + dlerror();
        return false;
    }
    // Never closed: CPython may be initialized until exit.
    return bind(handle, "Py_InitializeEx", api.Py_InitializeEx, why) &&
           bind(handle, "Py_FinalizeEx", api.Py_FinalizeEx, why) &&
           bind(handle, "PyRun_SimpleString", api.PyRun_SimpleString, why) &&
           bind(handle, "PyGILState_Ensure", api.PyGILState_Ensure, why) &&
           bind(handle, "PyGILState_Release", api.PyGILState_Release, why) &&
           bind(handle, "PyGILState_Check", api.PyGILState_Check, why) &&
           bind(handle, "PyEval_SaveThread", api.PyEval_SaveThread, why) &&
           bind(handle, "PyEval_RestoreThread", api.PyEval_RestoreThread, why) &&
           bind(handle, "PyMem_RawMalloc", api.PyMem_RawMalloc, why) &&
           bind(handle, "PyMem_RawFree", api.PyMem_RawFree, why) &&
           bind(handle, "PyMem_Malloc", api.PyMem_Malloc, why) &&
           bind(handle, "PyMem_Free", api.PyMem_Free, why) &&
           bind(handle, "PyObject_Malloc", api.PyObject_Malloc, why) &&
           bind(handle, "PyObject_Free", api.PyObject_Free, why) &&
           bind(handle, "PyMem_GetAllocator", api.PyMem_GetAllocator, why) &&
           bind(handle, "PyMem_SetAllocator", api.PyMem_SetAllocator, why) &&
           bind(handle, "PyMem_SetupDebugHooks", api.PyMem_SetupDebugHooks, why) &&
           bind(handle, "_PyMem_GetCurrentAllocatorName", api._PyMem_GetCurrentAllocatorName, why);
}

}  // namespace

const CPythonApi *load_cpython(std::string *why) {
    static CPythonApi api;
    static std::string reason;
    static const bool kLoaded = load(api, &reason);
    if (!kLoaded && why != nullptr) *why = reason;
    return kLoaded ? &api : nullptr;
}

const char *python3_path() {
    return MINIPY_BENCH_PYTHON3;
}

const char *bench_source_dir() {
    return MINIPY_BENCH_SOURCE_DIR;
}

}  // namespace minipy::bench
