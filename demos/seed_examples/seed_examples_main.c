/* minipy_seed_examples: the seed's two C examples (seed_examples.h) run by a C host, first as
 * written, then with the buffer allocation made to fail.
 *
 *   1. Start the runtime from a Python config (PYTHONMALLOC picks the allocator), with
 *      minipy's leak check on.
 *   2. Each example reads a stream; the result must be a bytes object holding exactly what
 *      the stream holds. Its repr is printed.
 *   3. Each example again, with a hook on the MEM domain (PyMem_SetAllocator, wrapping the
 *      allocator installed) that fails the next request: the example must return NULL with
 *      MemoryError set, the failed request must be the BUFSIZ buffer, nothing may have been
 *      read, and the MEM and OBJ domains must hold as many blocks as before the call.
 *   4. Py_FinalizeEx; the leak report must count zero blocks in MEM and OBJ.
 * Prints one line per step, "ok" last, and exits with status 0 only when every check held.
 *
 * Only the CPython C API is used, except the block counts and the leak report (minipy's
 * memusage.h): without them the program also builds against CPython's headers. */
#include <Python.h>
#include <stdio.h>
#include <string.h>

#include "seed_examples.h"

static int failures = 0;

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            ++failures;                                                                   \
        }                                                                                 \
    } while (0)

/* What the examples read: some Polish from the seed, so that the bytes are not all ASCII. */
static const char kStreamText[] =
    "I/O through the Python heap: sterta Pythona, przestrze\xc5\x84 wymiany\n";
/* repr() of the bytes object made from it, as CPython 3.11 prints it. */
static const char kExpectedRepr[] =
    "b'I/O through the Python heap: sterta Pythona, przestrze\\xc5\\x84 wymiany\\n'";

typedef PyObject *(*SeedExample)(FILE *in);

/* --- The failing hook ------------------------------------------------------------------------
 * Sits in front of whatever the MEM domain had (pymalloc, malloc, the debug hooks, minipy's
 * accounting hook) and passes every call through, except that once armed it refuses the next
 * request (malloc, calloc or realloc) and disarms. */
typedef struct {
    PyMemAllocatorEx wrapped;
    int armed;
    int refused;        /* requests refused since start-up */
    size_t failed_size; /* bytes the last refused request asked for */
} FailNextHook;

static FailNextHook fail_next;

static int refuse(FailNextHook *hook, size_t size) {
    if (!hook->armed) return 0;
    hook->armed = 0;
    hook->refused++;
    hook->failed_size = size;
    return 1;
}

static void *fail_next_malloc(void *ctx, size_t size) {
    FailNextHook *hook = (FailNextHook *)ctx;
    if (refuse(hook, size)) return NULL;
    return hook->wrapped.malloc(hook->wrapped.ctx, size);
}

static void *fail_next_calloc(void *ctx, size_t nelem, size_t elsize) {
    FailNextHook *hook = (FailNextHook *)ctx;
    if (refuse(hook, elsize != 0 && nelem > (size_t)-1 / elsize ? (size_t)-1 : nelem * elsize))
        return NULL;
    return hook->wrapped.calloc(hook->wrapped.ctx, nelem, elsize);
}

static void *fail_next_realloc(void *ctx, void *ptr, size_t size) {
    FailNextHook *hook = (FailNextHook *)ctx;
    if (refuse(hook, size)) return NULL;
    return hook->wrapped.realloc(hook->wrapped.ctx, ptr, size);
}

static void fail_next_free(void *ctx, void *ptr) {
    FailNextHook *hook = (FailNextHook *)ctx;
    hook->wrapped.free(hook->wrapped.ctx, ptr);
}

static void install_fail_next(void) {
    PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &fail_next.wrapped);
    PyMemAllocatorEx hook = {&fail_next, fail_next_malloc, fail_next_calloc, fail_next_realloc,
                             fail_next_free};
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &hook);
}

static void remove_fail_next(void) {
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &fail_next.wrapped);
}

/* --- Live blocks (minipy only) ---------------------------------------------------------------- */
typedef struct {
    size_t mem, obj;
} BlockCounts;

static BlockCounts live_blocks(void) {
    BlockCounts counts = {0, 0};
#ifdef MINIPY_MEMUSAGE_H
    minipy_memory_usage usage;
    CHECK(minipy_get_memory_usage(&usage) == 0);
    counts.mem = usage.mem.current_blocks;
    counts.obj = usage.obj.current_blocks;
#endif
    return counts;
}

static void check_same_blocks(BlockCounts before, const char *name) {
    BlockCounts after = live_blocks();
    if (after.mem != before.mem || after.obj != before.obj) {
        fprintf(stderr, "%s: live blocks MEM %zu -> %zu, OBJ %zu -> %zu\n", name, before.mem,
                after.mem, before.obj, after.obj);
        ++failures;
    }
}

/* --- The runs --------------------------------------------------------------------------------- */

/* Checks that `result` is a bytes object equal to the stream text and prints its repr. */
static void check_result(PyObject *result, const char *name) {
    if (result == NULL) {
        fprintf(stderr, "%s: returned NULL\n", name);
        PyErr_Print();
        ++failures;
        return;
    }
    CHECK(PyErr_Occurred() == NULL);
    CHECK(PyBytes_Check(result));
    if (!PyBytes_Check(result)) return;
    CHECK(PyBytes_Size(result) == (Py_ssize_t)strlen(kStreamText));
    CHECK(strcmp(PyBytes_AsString(result), kStreamText) == 0);
    PyObject *repr = PyObject_Repr(result);
    const char *text = repr != NULL ? PyUnicode_AsUTF8(repr) : NULL;
    if (text == NULL) {
        PyErr_Print();
        ++failures;
    } else {
        CHECK(strcmp(text, kExpectedRepr) == 0);
        printf("%s: %s (%zd bytes)\n", name, text, PyBytes_Size(result));
    }
    Py_XDECREF(repr);
}

static void run_example(SeedExample example, const char *name, FILE *stream) {
    rewind(stream);
    BlockCounts before = live_blocks();
    PyObject *result = example(stream);
    check_result(result, name);
    Py_XDECREF(result);
    check_same_blocks(before, name);
}

static void run_example_failing(SeedExample example, const char *name, FILE *stream) {
    rewind(stream);
    BlockCounts before = live_blocks();
    int refused_before = fail_next.refused;
    fail_next.armed = 1;
    PyObject *result = example(stream);
    fail_next.armed = 0;

    CHECK(result == NULL);
    Py_XDECREF(result);
    CHECK(fail_next.refused == refused_before + 1);
    CHECK(fail_next.failed_size == BUFSIZ);
    CHECK(ftell(stream) == 0); /* it gave up before any I/O */
    CHECK(PyErr_Occurred() != NULL);
    /* Exactly MemoryError, not merely a subclass of something broader. */
    CHECK(PyErr_ExceptionMatches(PyExc_MemoryError));
    CHECK(PyErr_Occurred() == PyExc_MemoryError);
    int raised = PyErr_ExceptionMatches(PyExc_MemoryError);
    PyErr_Clear();
    check_same_blocks(before, name);
    printf("%s, buffer allocation failing: %s, %s\n", name, result == NULL ? "NULL" : "not NULL",
           raised ? "MemoryError" : "no MemoryError");
}

static FILE *open_stream(void) {
    FILE *stream = tmpfile();
    if (stream == NULL) return NULL;
    if (fwrite(kStreamText, 1, strlen(kStreamText), stream) != strlen(kStreamText)) {
        fclose(stream);
        return NULL;
    }
    return stream;
}

int main(void) {
    FILE *stream = open_stream();
    if (stream == NULL) {
        perror("tmpfile");
        return 1;
    }

    PyConfig config;
    PyConfig_InitPythonConfig(&config);
#ifdef MINIPY_MEMUSAGE_H
    config.leak_check = 1;
#endif
    PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) Py_ExitStatusException(status);

    run_example(seed_read_with_pymem_malloc, "PyMem_Malloc example", stream);
    run_example(seed_read_with_pymem_new, "PyMem_New example", stream);

    install_fail_next();
    run_example_failing(seed_read_with_pymem_malloc, "PyMem_Malloc example", stream);
    run_example_failing(seed_read_with_pymem_new, "PyMem_New example", stream);
    remove_fail_next();

    /* The examples still work once the hook is gone. */
    run_example(seed_read_with_pymem_malloc, "PyMem_Malloc example again", stream);

    CHECK(Py_FinalizeEx() == 0);
    fclose(stream);

#ifdef MINIPY_MEMUSAGE_H
    minipy_leak_report leaks;
    CHECK(minipy_get_leak_report(&leaks) == 1);
    CHECK(leaks.mem_blocks == 0 && leaks.obj_blocks == 0);
    printf("leak check: %zu blocks (%zu bytes) left in MEM, %zu blocks (%zu bytes) in OBJ\n",
           leaks.mem_blocks, leaks.mem_bytes, leaks.obj_blocks, leaks.obj_bytes);
#endif

    if (failures != 0) {
        printf("%d checks failed\n", failures);
        return 1;
    }
    printf("ok\n");
    return 0;
}
