/* minipy/allocstats.h: counting every call to the three memory domains (`minipy -X
 * allocstats`), minipy's own.
 *
 * C-compatible. minipy_allocstats_start() puts a counting layer on top of whatever each
 * domain holds (pymalloc, malloc, the debug hooks, the tracer, a host's hook) and passes
 * every call down: the blocks stay the lower layer's, so the layer can be left in place
 * for good. It counts, per domain, the calls of each kind, the bytes asked for, and the
 * live blocks and bytes of the blocks it saw allocated (with their peaks); and, for MEM and
 * OBJ requests pymalloc would serve, how many fell in each size class. Its own memory comes
 * from the C library. Start it after Py_InitializeFromConfig (which may change the domains)
 * and before running code. */
#ifndef MINIPY_ALLOCSTATS_H
#define MINIPY_ALLOCSTATS_H

#include <stdint.h>
#include <stdio.h>

#include "minipy/pymalloc.h"
#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

typedef struct {
    uint64_t malloc_calls;
    uint64_t calloc_calls;
    uint64_t realloc_calls;
    uint64_t free_calls;   /* free(NULL) included */
    uint64_t failed_calls; /* allocations and reallocs that returned NULL */
    uint64_t bytes_asked;  /* sum of the sizes of successful allocations and reallocs */
    size_t live_blocks;    /* blocks allocated since start and not freed yet */
    size_t live_bytes;     /* their requested sizes */
    size_t peak_live_bytes;
    size_t peak_live_blocks;
} minipy_allocstats_domain;

typedef struct {
    int counting;                        /* 1 once started */
    minipy_allocstats_domain domains[3]; /* by PyMemAllocatorDomain */
    /* MEM and OBJ allocations and reallocs of 1 .. small_threshold bytes, by size class */
    uint64_t class_requests[MINIPY_PYMALLOC_MAX_CLASSES];
} minipy_allocstats;

/* 0, or -1 when the layer's table cannot be allocated (nothing is installed then). Calling
 * it again does nothing. */
PyAPI_FUNC(int) minipy_allocstats_start(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_allocstats_get(minipy_allocstats *out) MINIPY_NOEXCEPT;
/* The one-screen report: the counts above, pymalloc's blocks in use per class and its arenas
 * (made, given back, most at once, now). `allocator` names the domains' allocator (NULL: not
 * shown). Needs no runtime. */
PyAPI_FUNC(void) minipy_allocstats_print(FILE *out, const char *allocator) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_ALLOCSTATS_H */
