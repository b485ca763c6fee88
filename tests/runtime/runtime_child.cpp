// Scenarios of the runtime tests that must run in a process of their own: misuse that ends
// in a fatal error, start-up from the environment, statistics printed at shutdown. The
// first argument names the scenario (see kScenarios below); the child prints the thread ids
// a report will name to stdout ("main=0x... worker=0x..."), so that the test can match the
// report's thread lines exactly.
#include <pthread.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "minipy/Python.h"

namespace {

std::string g_domain = "mem";       // mem | obj
std::string g_function = "malloc";  // malloc | calloc | realloc | free

void print_thread(const char *name) {
    std::printf("%s=0x%016lx\n", name, static_cast<unsigned long>(pthread_self()));
    std::fflush(stdout);
}

void *allocate() {
    return g_domain == "obj" ? PyObject_Malloc(16) : PyMem_Malloc(16);
}

// Calls g_function through g_domain; `block` (allocated with the GIL) for realloc / free.
void call_without_gil(void *block) {
    const bool obj = g_domain == "obj";
    if (g_function == "malloc")
        obj ? PyObject_Malloc(16) : PyMem_Malloc(16);
    else if (g_function == "calloc")
        obj ? PyObject_Calloc(2, 8) : PyMem_Calloc(2, 8);
    else if (g_function == "realloc")
        obj ? PyObject_Realloc(block, 32) : PyMem_Realloc(block, 32);
    else
        obj ? PyObject_Free(block) : PyMem_Free(block);
}

// A thread the runtime never heard of: no thread state at all.
void *foreign_thread(void *block) {
    print_thread("worker");
    call_without_gil(block);
    return nullptr;
}

// A thread that has a state, takes the GIL, then gives it up and allocates anyway.
void *released_thread(void *block) {
    PyGILState_STATE state = PyGILState_Ensure();
    print_thread("worker");
    Py_BEGIN_ALLOW_THREADS call_without_gil(block);
    Py_END_ALLOW_THREADS PyGILState_Release(state);
    return nullptr;
}

void *release_without_ensure(void *) {
    print_thread("worker");
    PyGILState_Release(PyGILState_UNLOCKED);
    return nullptr;
}

void run_thread(void *(*body)(void *), void *block) {
    pthread_t thread;
    pthread_create(&thread, nullptr, body, block);
    Py_BEGIN_ALLOW_THREADS pthread_join(thread, nullptr);
    Py_END_ALLOW_THREADS
}

void fatal_from_host() {
    Py_FatalError("the host gave up");
}

int usage() {
    std::fprintf(stderr, "minipy_runtime_child: unknown scenario\n");
    return 2;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2) return usage();
    const std::string scenario = argv[1];
    if (argc >= 4) {
        g_domain = argv[2];
        g_function = argv[3];
    }

    if (scenario == "ensure-before-init") {
        PyGILState_Ensure();
        return 0;
    }
    if (scenario == "isolated-ignores-env") {
        PyConfig config;
        PyConfig_InitIsolatedConfig(&config);
        const PyStatus status = Py_InitializeFromConfig(&config);
        if (PyStatus_Exception(status)) Py_ExitStatusException(status);
        std::printf("%s\n", _PyMem_GetCurrentAllocatorName());
        return Py_FinalizeEx();
    }

    Py_Initialize();  // PYTHONMALLOC and PYTHONMALLOCSTATS from the test
    print_thread("main");
    if (scenario == "init-from-env") {
        std::printf("%s\n", _PyMem_GetCurrentAllocatorName());
        return Py_FinalizeEx();
    }
    if (scenario == "geometry-from-env") {
        minipy_pymalloc_geometry geometry;
        minipy_pymalloc_get_geometry(&geometry);
        std::printf("%zu %zu\n", geometry.pool_size, geometry.arena_size);
        return Py_FinalizeEx();
    }
    if (scenario == "stats-at-shutdown") {
        void *block = PyObject_Malloc(100);
        PyObject_Free(block);
        return Py_FinalizeEx();
    }
    if (scenario == "foreign-thread" || scenario == "released-thread" ||
        scenario == "allow-threads") {
        void *block = allocate();
        if (scenario == "foreign-thread")
            run_thread(foreign_thread, block);
        else if (scenario == "released-thread")
            run_thread(released_thread, block);
        else {
            Py_BEGIN_ALLOW_THREADS call_without_gil(block);
            Py_END_ALLOW_THREADS
        }
        std::printf("the call went unnoticed\n");
        // Shut down, so that the sanitizer's leak check does not take the runtime's blocks
        // (reachable only through pymalloc's arenas, which it does not scan) for leaks.
        return Py_FinalizeEx();
    }
    if (scenario == "fatal-error") fatal_from_host();
    if (scenario == "save-twice") {
        PyEval_SaveThread();
        PyEval_SaveThread();
        return 0;
    }
    if (scenario == "restore-twice") {
        PyEval_RestoreThread(PyThreadState_Get());
        return 0;
    }
    if (scenario == "release-without-ensure") {
        run_thread(release_without_ensure, nullptr);
        return 0;
    }
    if (scenario == "finalize-without-gil") {
        PyEval_SaveThread();
        Py_FinalizeEx();
        return 0;
    }
    if (scenario == "delete-current") {
        PyThreadState_Delete(PyThreadState_Get());
        return 0;
    }
    return usage();
}
