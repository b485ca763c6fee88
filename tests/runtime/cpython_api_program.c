/* A C program written for CPython's C API, using only the parts minipy has: the memory
 * domains, the debug hooks, start-up and shutdown, the GIL-state API. The tests compile it
 * unchanged twice: against minipy (#include <Python.h> finds minipy/Python.h) and, when
 * python3-config is there, against CPython itself, which shows that it is CPython's API and
 * not minipy's look-alike. Exit status 0 and "ok" on stdout mean every check passed. */
#include <Python.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            return 1;                                                                     \
        }                                                                                 \
    } while (0)

typedef struct {
    int checked_without_gil;
    int checked_with_gil;
    int sum;
} WorkerResult;

/* A thread the host created: takes the GIL through the GIL-state API, allocates. */
static void *worker(void *arg) {
    WorkerResult *result = (WorkerResult *)arg;
    result->checked_without_gil = PyGILState_Check();
    PyGILState_STATE state = PyGILState_Ensure();
    result->checked_with_gil = PyGILState_Check();
    int *numbers = PyMem_New(int, 100);
    if (numbers != NULL) {
        for (int i = 0; i < 100; ++i) numbers[i] = i;
        for (int i = 0; i < 100; ++i) result->sum += numbers[i];
        PyMem_Del(numbers);
    }
    void *object = PyObject_Malloc(48);
    PyObject_Free(object);
    PyGILState_Release(state);
    return NULL;
}

int main(void) {
    /* Debug hooks on whatever the domains hold, before start-up. */
    PyMem_SetupDebugHooks();
    Py_Initialize();
    CHECK(Py_IsInitialized());
    CHECK(PyGILState_Check());

    /* Fresh debug-hook memory reads 0xCD. */
    unsigned char *buffer = (unsigned char *)PyMem_Malloc(16);
    CHECK(buffer != NULL);
    CHECK(buffer[0] == 0xCD && buffer[15] == 0xCD);
    memset(buffer, 'x', 16);
    buffer = (unsigned char *)PyMem_Realloc(buffer, 4000);
    CHECK(buffer != NULL && buffer[15] == 'x');
    PyMem_Free(buffer);

    void *raw = PyMem_RawCalloc(4, 8);
    CHECK(raw != NULL && ((unsigned char *)raw)[31] == 0);
    PyMem_RawFree(raw);

    PyMemAllocatorEx allocator;
    PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &allocator);
    CHECK(allocator.malloc != NULL && allocator.free != NULL);

    WorkerResult result = {-1, -1, 0};
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, worker, &result) == 0);
    Py_BEGIN_ALLOW_THREADS pthread_join(thread, NULL);
    Py_END_ALLOW_THREADS CHECK(result.checked_without_gil == 0);
    CHECK(result.checked_with_gil == 1);
    CHECK(result.sum == 4950);

    PyGILState_STATE state = PyGILState_Ensure();
    CHECK(state == PyGILState_LOCKED);
    PyGILState_Release(state);

    CHECK(Py_FinalizeEx() == 0);
    printf("ok\n");
    return 0;
}
