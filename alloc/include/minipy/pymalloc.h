/* minipy/pymalloc.h: looking inside pymalloc.
 *
 * C-compatible. Read-only views of pymalloc's state for tests, tools and teaching:
 *   - minipy_pymalloc_walk() visits every arena (usable ones in the order pymalloc takes
 *     pools from them, fullest first, then the wholly used ones) and every pool in it;
 *   - minipy_pymalloc_get_stats() fills a struct with every figure of CPython's
 *     statistics report, computed from that walk;
 *   - _PyObject_DebugMallocStats() prints the report in CPython's layout;
 *   - _Py_GetAllocatedBlocks() counts live blocks as sys.getallocatedblocks() does.
 * None of these allocate. Like pymalloc itself they rely on the GIL (or a single thread):
 * do not call them while another thread allocates. */
#ifndef MINIPY_PYMALLOC_H
#define MINIPY_PYMALLOC_H

#include <stdio.h>

#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* Upper bound of the number of size classes, for fixed-size arrays in C structs. */
#define MINIPY_PYMALLOC_MAX_CLASSES 64

/* Where pool headers live, fixed at build time (alloc/src/pymalloc/pool.hpp says why):
 *   DENSE  the default: each 256 KiB of an arena starts with a 4 KiB table of the headers
 *          of its pools. With 4 KiB pools the table is a pool of its own (63 pools per arena
 *          hold blocks, all 4096 bytes of each); with 16 KiB pools it is the first 4 KiB of
 *          the first pool of each 256 KiB, whose blocks start after it (pools of one class
 *          then hold different numbers of blocks). Arenas a custom arena allocator returns
 *          unaligned to the arena size have no tables: their headers start their pools.
 *   START  CPython's: the first 48 bytes of each pool (-DMINIPY_POOL_HEADERS=start). */
typedef enum {
    MINIPY_POOL_HEADERS_START = 0,
    MINIPY_POOL_HEADERS_DENSE = 1
} minipy_pool_header_placement;

/* The geometry in use: chosen at start-up (minipy_pymalloc_configure), 4 KiB pools in
 * 256 KiB arenas by default (16 KiB / 1 MiB in a build with -DMINIPY_LARGE_POOLS=ON). */
typedef struct {
    size_t alignment;          /* block sizes are multiples of this: 16 */
    size_t small_threshold;    /* largest request pymalloc serves: 512 */
    size_t num_size_classes;   /* small_threshold / alignment: 32 */
    size_t pool_size;          /* 4096 or 16384 */
    size_t arena_size;         /* 262144 or 1048576 */
    size_t pool_overhead;      /* bytes of one pool header, wherever it lives: 48 */
    size_t max_pools_in_arena; /* arena_size / pool_size: 64 */
    minipy_pool_header_placement header_placement;
} minipy_pymalloc_geometry;

PyAPI_FUNC(void) minipy_pymalloc_get_geometry(minipy_pymalloc_geometry *out) MINIPY_NOEXCEPT;

/* Chooses the geometry, by the names MINIPY_PYMALLOC_GEOMETRY takes: "small" (4 KiB pools,
 * 256 KiB arenas) or "large" (16 KiB pools, 1 MiB arenas); NULL, "" or "default" mean the
 * build's default. Returns 0; -1 for an unknown name; -2 when another geometry was asked
 * for while pymalloc holds blocks (its wholly free arenas are given back first, so only
 * live blocks stand in the way). Nothing changes on error. Call it at start-up, before the
 * first allocation (minipy_alloc_init_from_env() does, from the environment). */
PyAPI_FUNC(int) minipy_pymalloc_configure(const char *geometry) MINIPY_NOEXCEPT;

/* --- The walk ---------------------------------------------------------------------------- */
typedef enum {
    MINIPY_POOL_USED,    /* serves a size class, some blocks free: on the class's used list */
    MINIPY_POOL_FULL,    /* serves a size class, no block free: on no list */
    MINIPY_POOL_EMPTY,   /* carved once, all blocks free: on its arena's free-pool list */
    MINIPY_POOL_UNCARVED /* never used since the arena was created */
} minipy_pool_state;

typedef struct {
    const void *address;      /* as the arena allocator returned it */
    const void *first_pool;   /* address rounded up to the pool size */
    size_t usable_rank;       /* 0-based position in the usable list, or (size_t)-1 if full */
    size_t total_pools;       /* max_pools_in_arena, or one less if the arena is unaligned */
    size_t free_pools;        /* empty + never carved pools */
    size_t carved_pools;      /* pools below the carving mark */
    const void *header_table; /* the first of its dense header tables (one per 256 KiB), or NULL */
} minipy_arena_info;

typedef struct {
    const void *address; /* the pool's first byte */
    const void *header;  /* its header: inside the pool, or in a table; NULL if UNCARVED */
    size_t header_bytes; /* bytes of the pool that hold headers: 48 for its own header, 4096
                          * for a pool that starts with its slot's table, else 0 */
    size_t index;        /* position of the pool among its arena's pools */
    minipy_pool_state state;
    unsigned size_class;     /* class index; meaningful for USED and FULL (and kept by EMPTY) */
    size_t block_size;       /* 16 * (size_class + 1), or 0 for UNCARVED */
    size_t capacity;         /* blocks the pool holds in that class:
                              * (pool_size - header_bytes) / block_size */
    size_t blocks_in_use;    /* allocated blocks */
    size_t free_list_length; /* blocks on the pool's free list */
    size_t untouched_blocks; /* blocks never handed out (lazy carving) */
} minipy_pool_info;

/* Callbacks return 0 to go on, anything else to stop the walk (minipy_pymalloc_walk then
 * returns that value). pool_cb may be NULL to visit arenas only. UNCARVED pools are
 * reported one by one, like the others. */
typedef int (*minipy_arena_visitor)(const minipy_arena_info *arena, void *ctx);
typedef int (*minipy_pool_visitor)(const minipy_arena_info *arena, const minipy_pool_info *pool,
                                   void *ctx);
PyAPI_FUNC(int) minipy_pymalloc_walk(minipy_arena_visitor arena_cb, minipy_pool_visitor pool_cb,
                                     void *ctx) MINIPY_NOEXCEPT;

/* --- The statistics ---------------------------------------------------------------------
 * Every figure of CPython's report. Invariants (tests pin them):
 *   arena_bytes == arenas_allocated_current * arena_size
 *   total == allocated_bytes + available_bytes + unused_pools * pool_size
 *            + pool_header_bytes + quantization_bytes + arena_alignment_bytes
 *         == arena_bytes
 * pool_header_bytes: the header_bytes of every pool in use, plus each table that is a pool
 * of its own (4 KiB pools, dense headers). quantization_bytes: per pool in use, what neither
 * its blocks nor headers cover (pool_size - header_bytes - capacity * block size). */
typedef struct {
    size_t num_pools; /* pools of this class with at least one block in use */
    size_t blocks_in_use;
    size_t avail_blocks; /* free blocks in those pools (capacity - in use) */
} minipy_pymalloc_class_stats;

typedef struct {
    minipy_pymalloc_geometry geometry;
    minipy_pymalloc_class_stats classes[MINIPY_PYMALLOC_MAX_CLASSES];
    size_t arenas_allocated_total; /* arenas ever obtained from the arena allocator */
    size_t arenas_reclaimed;       /* ... and given back */
    size_t arenas_highwater;       /* most arenas held at once */
    size_t arenas_allocated_current;
    size_t arena_bytes;     /* arenas_allocated_current * arena_size */
    size_t allocated_bytes; /* sum over classes of blocks_in_use * block size */
    size_t available_bytes; /* sum over classes of avail_blocks * block size */
    size_t unused_pools;    /* empty + never-carved pools */
    size_t pool_header_bytes;
    size_t quantization_bytes;    /* pool tails too small for one more block */
    size_t arena_alignment_bytes; /* one pool per arena not aligned to the pool size */
    size_t total;
    Py_ssize_t raw_fallback_blocks; /* live blocks the object/mem domains got from raw */
} minipy_pymalloc_stats;

PyAPI_FUNC(void) minipy_pymalloc_get_stats(minipy_pymalloc_stats *out) MINIPY_NOEXCEPT;

/* CPython's entry points. _PyObject_DebugMallocStats prints the report to `out` and
 * returns 1 when pymalloc serves the object domain; otherwise it prints nothing and
 * returns 0. _Py_GetAllocatedBlocks = blocks in use in all pools + raw-fallback blocks. */
PyAPI_FUNC(int) _PyObject_DebugMallocStats(FILE *out) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) _Py_GetAllocatedBlocks(void) MINIPY_NOEXCEPT;

/* Give back every wholly free arena, including the one pymalloc keeps so that a loop
 * allocating and freeing one block does not map and unmap an arena each time (CPython
 * bpo-37257). Returns the number of arenas released. */
PyAPI_FUNC(size_t) minipy_pymalloc_release_free_arenas(void) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYMALLOC_H */
