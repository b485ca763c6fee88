/* A C program that knows nothing of minipy but its C headers: the headers compile as C11,
 * and the domains work from the first call, before any initialisation, with the build's
 * defaults (as CPython's static defaults do). Exits 0 when every check holds; prints the
 * failed check and exits 1 otherwise. */
#include <minipy/pymalloc.h>
#include <minipy/pymem.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

static size_t mallocs_seen = 0;
static PyMemAllocatorEx saved;

static void *counting_malloc(void *ctx, size_t n) {
    mallocs_seen++;
    return saved.malloc(saved.ctx, n);
    (void)ctx;
}

int main(void) {
    /* pymalloc serves the object domain without any set-up: plain in a release build,
     * under the debug hooks (24 bytes more per block) in a debug build. */
    const char *name = _PyMem_GetCurrentAllocatorName();
    CHECK(name != NULL && strncmp(name, "pymalloc", 8) == 0);
    const int debug = name != NULL && strcmp(name, "pymalloc_debug") == 0;
    void *p = PyObject_Malloc(32);
    CHECK(p != NULL);
    CHECK(_Py_GetAllocatedBlocks() == 1);
    FILE *sink = fopen("/dev/null", "w");
    CHECK(_PyObject_DebugMallocStats(sink) == 1);
    fclose(sink);
    minipy_pymalloc_stats stats;
    minipy_pymalloc_get_stats(&stats);
    CHECK(stats.arenas_allocated_current == 1);
    CHECK(stats.classes[debug ? 3 : 1].blocks_in_use == 1); /* 32 or 56 bytes */
    PyObject_Free(p);
    CHECK(_Py_GetAllocatedBlocks() == 0);

    /* The rules hold from C too. */
    void *z1 = PyMem_Malloc(0), *z2 = PyMem_Malloc(0);
    CHECK(z1 != NULL && z2 != NULL && z1 != z2);
    PyMem_Free(z1);
    PyMem_Free(z2);
    CHECK(PyMem_RawMalloc((size_t)PY_SSIZE_T_MAX + 1) == NULL);
    CHECK(PyObject_Calloc(SIZE_MAX, 2) == NULL);
    int *ints = PyMem_New(int, 8);
    CHECK(ints != NULL);
    PyMem_Resize(ints, int, 16);
    CHECK(ints != NULL);
    PyMem_Del(ints);
    PyMem_Free(NULL);

    /* A hook written in C, chained to the saved allocator. */
    PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &saved);
    PyMemAllocatorEx hook = saved;
    hook.malloc = counting_malloc;
    PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &hook);
    void *q = PyObject_Malloc(100);
    CHECK(mallocs_seen == 1);
    PyObject_Free(q);
    PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &saved);

    minipy_alloc_finalize();
    minipy_pymalloc_get_stats(&stats);
    CHECK(stats.arenas_allocated_current == 0);
    if (failures == 0) printf("c_program: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
