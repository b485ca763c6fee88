/* minipy/memusage.h: how much memory the runtime's MEM and OBJ domains hold, the memory limit,
 * and the leak report of the last shutdown. minipy's own API (CPython has no equivalent).
 *
 * C-compatible. The numbers come from the accounting hook that Py_InitializeFromConfig puts in
 * front of the MEM and OBJ allocators when the config asks for a memory limit
 * (config.memory_limit > 0) or a leak check (config.leak_check = 1). Without either, no hook is
 * installed (pymalloc keeps its inline fast path) and these functions report that accounting
 * is off.
 *
 * What is counted: the bytes callers asked for (PyMem_Malloc(n) counts n, whatever the
 * allocator rounds it up to; calloc counts nelem * elsize; realloc counts the new size in
 * place of the old), and the blocks, per domain, from start-up on. Blocks that existed before
 * start-up are neither counted nor refused when they are freed or resized later; blocks the
 * hook counted stay safe to free after shutdown (see memory_accounting.cpp).
 *
 * The memory limit covers MEM and OBJ together. An allocation or a growing realloc that would
 * take the requested bytes above the limit returns NULL without reaching the allocator (a
 * failed realloc leaves the old block as it was), so the caller raises MemoryError. A limit
 * below the current usage refuses every growth until usage drops.
 *
 * Every function here except minipy_get_leak_report() must be called with the GIL held. */
#ifndef MINIPY_MEMUSAGE_H
#define MINIPY_MEMUSAGE_H

#include "minipy/pymem.h"
#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* One domain's counters, or both domains' together (then a peak is the peak of the sum, not
 * the sum of the peaks). */
typedef struct {
    size_t current_bytes;  /* requested bytes of the live blocks */
    size_t peak_bytes;     /* the highest current_bytes since start-up or the last reset */
    size_t current_blocks; /* live blocks */
    size_t peak_blocks;    /* the highest current_blocks since start-up or the last reset */
} minipy_domain_usage;

typedef struct {
    minipy_domain_usage mem;   /* PYMEM_DOMAIN_MEM: PyMem_Malloc and friends */
    minipy_domain_usage obj;   /* PYMEM_DOMAIN_OBJ: PyObject_Malloc and friends, every object */
    minipy_domain_usage total; /* MEM + OBJ: what the limit is compared with */
    size_t limit;              /* bytes; 0 = no limit */
    size_t refused;            /* allocations (and growing reallocs) refused by the limit */
    size_t budget_used; /* what the limit is compared with: total.current_bytes plus what host
                           allocators counted in the budget (minipy_get_memory_budget) */
} minipy_memory_usage;

/* Fills *out. 0, or -1 when accounting is off (the runtime is not running, or started with
 * neither a memory limit nor the leak check); *out is then all zero. No exception is set. */
PyAPI_FUNC(int) minipy_get_memory_usage(minipy_memory_usage *out) MINIPY_NOEXCEPT;

/* Sets every peak (per domain and total) to the current value. Does nothing when accounting
 * is off. */
PyAPI_FUNC(void) minipy_reset_peak_memory_usage(void) MINIPY_NOEXCEPT;

/* Changes the limit while the runtime runs (0 = no limit): 0, or -1 when accounting is off
 * (a runtime started with memory_limit = 0 and leak_check off has no hook to enforce one; start
 * it with leak_check = 1 to be able to set a limit later). No exception is set. */
PyAPI_FUNC(int) minipy_set_memory_limit(size_t limit) MINIPY_NOEXCEPT;

/* One budget for the runtime and a host allocator that serves another heap (a second
 * language's, as demos/lua_host's Lua) from the allocator under the accounting hook, so that
 * its blocks count against the memory limit without the hook's 16-byte header and
 * registration on each of them:
 *   limit  the memory limit (0: none); minipy_set_memory_limit and config.memory_limit set it
 *   used   the requested bytes counted against it: the hook adds and removes those of MEM's
 *          and OBJ's blocks, a host allocator its own
 * A host allocator refuses a request that grows its heap by n bytes when limit != 0 and
 * used + n > limit (the hook's own test), adds n once the allocation succeeded, and takes its
 * bytes off as it frees or shrinks; all with the GIL held, as MEM and OBJ are called. The
 * budget's blocks get their memory from minipy_get_unaccounted_allocator(): the allocator the
 * hook wraps, so the allocator summary (pymalloc's report) shows them beside Python's.
 *
 * minipy_get_memory_budget() returns the record, or NULL when accounting is off (start the
 * runtime with leak_check = 1 or a memory limit). The pointer stays valid after Py_FinalizeEx
 * (the limit is then 0); `used` starts from 0 at each start-up, so a host attaches its
 * allocator after start-up and gives its bytes back before shutdown. */
typedef struct {
    size_t limit;
    size_t used;
} minipy_memory_budget;

PyAPI_FUNC(minipy_memory_budget *) minipy_get_memory_budget(void) MINIPY_NOEXCEPT;

/* The allocator under the accounting hook for MEM or OBJ (the domain's own when accounting is
 * off; RAW's own always): 0, or -1 when a host's hook sits above the accounting one. Blocks
 * from it are not counted by the runtime (nor by the leak check) and must go back through the
 * same allocator. */
PyAPI_FUNC(int) minipy_get_unaccounted_allocator(PyMemAllocatorDomain domain,
                                                 PyMemAllocatorEx *out) MINIPY_NOEXCEPT;

/* What was still allocated in MEM and OBJ when the last Py_FinalizeEx had released every
 * object, free list and cache: blocks the runtime (or the host, through PyMem_* / PyObject_*)
 * allocated while it ran and never freed. */
typedef struct {
    int counted; /* 1: the last Py_FinalizeEx ran with accounting on (leak check or
                    memory limit) and the numbers below are real; 0: there was no such
                    shutdown yet, or accounting was off, and the numbers are 0 */
    size_t mem_blocks;
    size_t mem_bytes; /* requested bytes */
    size_t obj_blocks;
    size_t obj_bytes;
} minipy_leak_report;

/* Fills *out and returns out->counted. Callable at any time, also with no runtime. With
 * config.leak_check on, Py_FinalizeEx also prints a non-zero report to stderr:
 *   minipy: leak check: B blocks (N bytes) still allocated in MEM, B blocks (N bytes) in OBJ */
PyAPI_FUNC(int) minipy_get_leak_report(minipy_leak_report *out) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_MEMUSAGE_H */
