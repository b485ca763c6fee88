/* minipy/pymem.h: the memory interface of CPython's C-API page "Memory Management".
 *
 * C-compatible. Three allocator domains, each a swappable PyMemAllocatorEx:
 *
 *   domain              functions                    lock rule             release default
 *   PYMEM_DOMAIN_RAW    PyMem_RawMalloc/...          thread-safe, no GIL   system malloc
 *   PYMEM_DOMAIN_MEM    PyMem_Malloc/...             GIL must be held      pymalloc
 *   PYMEM_DOMAIN_OBJ    PyObject_Malloc/...          GIL must be held      pymalloc
 *
 * The rules every domain keeps, whatever allocator is installed:
 *   1. A request for 0 bytes (calloc: 0 elements, or elements of 0 bytes) returns a
 *      distinct non-NULL pointer, as if 1 byte had been asked for.
 *   2. malloc leaves memory uninitialised; calloc zeroes it.
 *   3. A request above PY_SSIZE_T_MAX bytes returns NULL without calling the allocator;
 *      so does a calloc whose nelem * elsize overflows. No exception is set.
 *   4. realloc(NULL, n) is malloc(n); realloc(p, 0) resizes but does not free: the result
 *      is a live non-NULL block. On failure realloc returns NULL and p stays valid and
 *      unchanged.
 *   5. free(NULL) does nothing. A block must be freed through the family that allocated
 *      it; the debug hooks report a block freed through another family.
 *
 * The domains work from the first call, before any initialisation: a program that only
 * includes this header and calls PyObject_Malloc gets pymalloc. PYTHONMALLOC is applied by
 * minipy_alloc_init_from_env(), which the runtime calls at start-up. */
#ifndef MINIPY_PYMEM_H
#define MINIPY_PYMEM_H

#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* --- Raw domain: thread-safe wrappers of the system allocator ------------------------- */
PyAPI_FUNC(void *) PyMem_RawMalloc(size_t size) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyMem_RawCalloc(size_t nelem, size_t elsize) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyMem_RawRealloc(void *ptr, size_t new_size) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyMem_RawFree(void *ptr) MINIPY_NOEXCEPT;

/* --- Mem domain: buffers of the interpreter; the GIL must be held --------------------- */
PyAPI_FUNC(void *) PyMem_Malloc(size_t size) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyMem_Calloc(size_t nelem, size_t elsize) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyMem_Realloc(void *ptr, size_t new_size) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyMem_Free(void *ptr) MINIPY_NOEXCEPT;

/* --- Object domain: memory of objects; the GIL must be held --------------------------- */
PyAPI_FUNC(void *) PyObject_Malloc(size_t size) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyObject_Calloc(size_t nelem, size_t elsize) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyObject_Realloc(void *ptr, size_t new_size) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyObject_Free(void *ptr) MINIPY_NOEXCEPT;

/* --- Type-oriented macros ------------------------------------------------------------- *
 * PyMem_New(T, n) returns NULL, without calling the allocator, when n * sizeof(T) would
 * exceed PY_SSIZE_T_MAX. PyMem_Resize(p, T, n) keeps the same guard and ALWAYS assigns p:
 * NULL on overflow or failure, so save the old pointer first if you still need it. */
#define PyMem_New(type, n)                                 \
    (((size_t)(n) > (size_t)PY_SSIZE_T_MAX / sizeof(type)) \
         ? NULL                                            \
         : ((type *)PyMem_Malloc((size_t)(n) * sizeof(type))))
#define PyMem_Resize(p, type, n)                                 \
    ((p) = ((size_t)(n) > (size_t)PY_SSIZE_T_MAX / sizeof(type)) \
               ? NULL                                            \
               : (type *)PyMem_Realloc((p), (size_t)(n) * sizeof(type)))
#define PyMem_Del PyMem_Free

/* The upper-case spellings: kept by CPython as aliases of the function forms. */
#define PyMem_MALLOC(n)          PyMem_Malloc(n)
#define PyMem_REALLOC(p, n)      PyMem_Realloc((void *)(p), (n))
#define PyMem_FREE(p)            PyMem_Free((void *)(p))
#define PyMem_NEW(type, n)       PyMem_New(type, n)
#define PyMem_RESIZE(p, type, n) PyMem_Resize(p, type, n)
#define PyMem_DEL(p)             PyMem_Free((void *)(p))
#define PyObject_MALLOC          PyObject_Malloc
#define PyObject_REALLOC         PyObject_Realloc
#define PyObject_FREE            PyObject_Free

/* --- Replacing a domain's allocator ----------------------------------------------------
 * A new allocator must return a distinct non-NULL pointer for 0 bytes; a raw allocator must
 * be thread-safe. After start-up, a new allocator should wrap the one it replaces (save it
 * with PyMem_GetAllocator and call it): blocks handed out earlier are still freed through
 * the domain. An unknown domain gives a record of NULLs on get and is ignored on set. */
typedef enum {
    PYMEM_DOMAIN_RAW, /* PyMem_RawMalloc(), PyMem_RawRealloc() and PyMem_RawFree() */
    PYMEM_DOMAIN_MEM, /* PyMem_Malloc(), PyMem_Realloc() and PyMem_Free() */
    PYMEM_DOMAIN_OBJ  /* PyObject_Malloc(), PyObject_Realloc() and PyObject_Free() */
} PyMemAllocatorDomain;

typedef struct {
    void *ctx; /* user context passed as first argument to the four functions */
    void *(*malloc)(void *ctx, size_t size);
    void *(*calloc)(void *ctx, size_t nelem, size_t elsize);
    void *(*realloc)(void *ctx, void *ptr, size_t new_size);
    void (*free)(void *ctx, void *ptr);
} PyMemAllocatorEx;

PyAPI_FUNC(void)
    PyMem_GetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator) MINIPY_NOEXCEPT;
PyAPI_FUNC(void)
    PyMem_SetAllocator(PyMemAllocatorDomain domain, PyMemAllocatorEx *allocator) MINIPY_NOEXCEPT;

/* Where pymalloc gets its arenas: alloc(ctx, size) / free(ctx, ptr, size), default
 * mmap / munmap. The memory needs no particular alignment: pymalloc aligns its pools
 * itself and gives up one pool of an arena that is not aligned to the arena size. Each
 * arena is given back through the allocator that handed it out, even after a new one is
 * set. */
typedef struct {
    void *ctx;
    void *(*alloc)(void *ctx, size_t size);
    void (*free)(void *ctx, void *ptr, size_t size);
} PyObjectArenaAllocator;

PyAPI_FUNC(void) PyObject_GetArenaAllocator(PyObjectArenaAllocator *allocator) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyObject_SetArenaAllocator(PyObjectArenaAllocator *allocator) MINIPY_NOEXCEPT;

/* --- Choosing the allocators: PYTHONMALLOC ---------------------------------------------
 * The names PYTHONMALLOC accepts, with CPython's values. "default" is pymalloc in a release
 * build and pymalloc_debug in a debug build; "debug" is the default plus the debug hooks;
 * "malloc" puts the system allocator in all three domains; "pymalloc" puts it in the raw
 * domain and pymalloc in the other two; the "_debug" forms add the debug hooks. */
typedef enum {
    PYMEM_ALLOCATOR_NOT_SET = 0,
    PYMEM_ALLOCATOR_DEFAULT = 1,
    PYMEM_ALLOCATOR_DEBUG = 2,
    PYMEM_ALLOCATOR_MALLOC = 3,
    PYMEM_ALLOCATOR_MALLOC_DEBUG = 4,
    PYMEM_ALLOCATOR_PYMALLOC = 5,
    PYMEM_ALLOCATOR_PYMALLOC_DEBUG = 6
} PyMemAllocatorName;

/* Parse an allocator name exactly as PYTHONMALLOC spells it (case-sensitive, no trimming;
 * NULL or "" mean "default"). Returns 0 and sets *out, or -1 for an unknown name. */
PyAPI_FUNC(int) _PyMem_GetAllocatorName(const char *name, PyMemAllocatorName *out) MINIPY_NOEXCEPT;

/* Install the allocators a name stands for in all three domains. Returns 0, or -1 for a
 * value outside the enum (nothing is changed then). Like CPython's, it replaces the
 * domains outright: call it at start-up, before any block is allocated. */
PyAPI_FUNC(int) _PyMem_SetupAllocators(PyMemAllocatorName name) MINIPY_NOEXCEPT;

/* Start-up in one call, for the runtime (and for hosts that use the alloc layer alone):
 * reads PYTHONMALLOC and PYTHONMALLOCSTATS and applies them. An unknown PYTHONMALLOC value
 * prints a "Fatal Python error: ... PYTHONMALLOC: unknown allocator" report naming the value
 * and exits the process with status 1 before anything else runs. */
PyAPI_FUNC(void) minipy_alloc_init_from_env(void) MINIPY_NOEXCEPT;

/* The same without the environment: allocator name as PYTHONMALLOC spells it, and whether
 * pymalloc prints its statistics on each new arena and at shutdown. Returns 0, or -1 for
 * an unknown name (nothing is changed then). */
PyAPI_FUNC(int) minipy_alloc_configure(const char *allocator_name, int print_stats) MINIPY_NOEXCEPT;

/* Only the statistics switch (PYTHONMALLOCSTATS's meaning), leaving the allocators as they
 * are: what start-up uses when no allocator was asked for. */
PyAPI_FUNC(void) minipy_alloc_set_malloc_stats(int print_stats) MINIPY_NOEXCEPT;

/* --- Debug hooks -------------------------------------------------------------------------
 * PyMem_SetupDebugHooks() wraps the allocator each domain holds now (pymalloc, malloc or a
 * custom one) with CPython's debug hooks: every block gets its size, an API id ('r', 'm',
 * 'o') and guard bytes, new data reads 0xCD, freed blocks 0xDD; free and realloc check the
 * id and both guards, and MEM and OBJ calls check that the caller holds the GIL. A failure
 * prints CPython's report to stderr and aborts. Calling it again is harmless; after a
 * domain's allocator has been replaced, calling it again puts the hooks on top. */
PyAPI_FUNC(void) PyMem_SetupDebugHooks(void) MINIPY_NOEXCEPT;

/* What the three domains hold, by PYTHONMALLOC name: "pymalloc", "pymalloc_debug",
 * "malloc" or "malloc_debug"; NULL for any other set-up (a custom allocator or hook). */
PyAPI_FUNC(const char *) _PyMem_GetCurrentAllocatorName(void) MINIPY_NOEXCEPT;

/* --- Seams the runtime fills at start-up ---------------------------------------------------
 * alloc knows nothing of threads or interpreters; the runtime tells it what it needs. Both
 * may be NULL (the default): then every caller passes the GIL check, and fatal reports end
 * after their "Fatal Python error" line. */

/* Returns non-zero when the calling thread holds the GIL (the runtime's PyGILState_Check). */
typedef int (*minipy_gil_check_fn)(void);
PyAPI_FUNC(void) minipy_alloc_set_gil_check(minipy_gil_check_fn gil_held) MINIPY_NOEXCEPT;

/* Writes the lines that follow "Fatal Python error: ..." (runtime state, current thread and
 * its stack) to the file descriptor. Runs while the process is dying: it must not allocate
 * and must not take locks. */
typedef void (*minipy_fatal_context_fn)(int fd);
PyAPI_FUNC(void) minipy_alloc_set_fatal_context(minipy_fatal_context_fn print) MINIPY_NOEXCEPT;

/* Prints "Fatal Python error: <function>: <message>" (the function part only if non-NULL and
 * non-empty), then the fatal context, to stderr, and aborts. Allocates nothing: usable when
 * the heap is broken. The runtime's Py_FatalError is built on it. */
MINIPY_NORETURN PyAPI_FUNC(void)
    minipy_fatal_error(const char *function, const char *message) MINIPY_NOEXCEPT;

/* Shutdown of the alloc layer: stops tracemalloc (its memory goes back), prints the
 * statistics when PYTHONMALLOCSTATS asked for them, then gives back the empty arena pymalloc keeps
 * against thrashing. Blocks still allocated stay valid; the domains keep working afterwards. */
PyAPI_FUNC(void) minipy_alloc_finalize(void) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYMEM_H */
