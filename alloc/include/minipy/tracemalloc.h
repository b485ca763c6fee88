/* minipy/tracemalloc.h: the tracer of memory blocks (CPython's tracemalloc, C level).
 *
 * C-compatible. While tracing, every block handed out by the three domains has a trace:
 * (domain, size requested, traceback of up to N script frames, most recent first). A host
 * can add its own blocks under domains of its own with PyTraceMalloc_Track. The Python
 * `tracemalloc` module and `-X tracemalloc` are thin layers over the functions below.
 *
 * Tracing wraps whatever each domain holds when it starts (pymalloc, malloc, the debug
 * hooks, a memory limit or a custom allocator) and calls it for the real work, so it
 * composes with all of them in either order. Blocks of the three domains are traced under
 * domain 0, as in CPython (a block's address is unique across them). The tracer's own
 * memory comes from the C library's malloc, never from a traced domain. */
#ifndef MINIPY_TRACEMALLOC_H
#define MINIPY_TRACEMALLOC_H

#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* --- CPython's C API ---------------------------------------------------------------------
 * Track: adds the trace of a block of `size` bytes at `ptr` in `domain`, with the calling
 * thread's current traceback; a block already tracked in that domain gets its size and
 * traceback replaced. Returns 0, -1 when the tracer has no memory for the trace (nothing
 * changed then), -2 when tracing is off.
 * Untrack: removes the trace if there is one. Returns 0, or -2 when tracing is off.
 * A (domain, ptr) pair is the key: the same address in two domains is two traces. Both are
 * safe from any thread, with or without the GIL. */
PyAPI_FUNC(int)
    PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr) MINIPY_NOEXCEPT;

/* The domain of the blocks of PyMem_Raw*, PyMem_* and PyObject_* (CPython's DEFAULT_DOMAIN). */
#define MINIPY_TRACEMALLOC_DEFAULT_DOMAIN 0u
/* The largest number of frames a traceback keeps (frame counts are 16 bits, as in 3.9+). */
#define MINIPY_TRACEMALLOC_MAX_NFRAME 65535
/* CPython's ValueError text for a number of frames outside [1; MAX_NFRAME]. */
#define MINIPY_TRACEMALLOC_NFRAME_ERROR "the number of frames must be in range [1; 65535]"

/* --- The script stack: registered by the interpreter -------------------------------------
 * One frame of a traceback. `filename` is NUL-terminated text that the tracer keeps by
 * pointer, without copying: it must stay valid and unchanged until the process ends (the
 * interpreter hands out interned, immortal filename strings), and equal pointers name the
 * same file. */
typedef struct {
    const char *filename;
    unsigned int lineno;
} minipy_tracemalloc_frame;

/* Writes the calling thread's script frames, most recent first, into frames[0 ..
 * max_frames-1] and returns how many frames the whole stack has (which may exceed
 * max_frames; 0 when the thread runs no script). Called on the allocating thread, possibly
 * without the GIL, for each traced allocation: it must be quick, read only the calling
 * thread's own stack, take no lock the allocator may hold, and not fail. Allocations it
 * makes itself are not traced. */
typedef int (*minipy_script_stack_fn)(minipy_tracemalloc_frame *frames, int max_frames);

/* Registers (or with NULL removes) the stack callback. Without one, and for a thread with
 * no script frame, a traceback is CPython's one frame ("<unknown>", 0). */
PyAPI_FUNC(void) minipy_alloc_set_script_stack(minipy_script_stack_fn stack) MINIPY_NOEXCEPT;

/* --- Control (the _tracemalloc module's functions) ---------------------------------------
 * start: begins tracing with tracebacks of up to `nframe` frames. Returns 0; -2 when nframe
 * is outside [1; MINIPY_TRACEMALLOC_MAX_NFRAME] (raise ValueError with
 * MINIPY_TRACEMALLOC_NFRAME_ERROR); -1 when the tracer's memory cannot be allocated. When
 * already tracing it does nothing and returns 0 (the limit is not changed, as in CPython).
 * stop: ends tracing, puts back the allocators it wrapped (a domain where another layer was
 * installed on top keeps it; the buried tracer then only passes calls through) and frees
 * every trace and traceback. The frame limit survives stop. */
PyAPI_FUNC(int) minipy_tracemalloc_start(int nframe) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_tracemalloc_stop(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) minipy_tracemalloc_is_tracing(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) minipy_tracemalloc_get_traceback_limit(void) MINIPY_NOEXCEPT;
/* Forgets every trace and traceback and sets current and peak to 0; nothing when stopped. */
PyAPI_FUNC(void) minipy_tracemalloc_clear_traces(void) MINIPY_NOEXCEPT;
/* Bytes of the traced blocks now and at most since start, clear or reset_peak ((0, 0) when
 * stopped). */
PyAPI_FUNC(void)
    minipy_tracemalloc_get_traced_memory(size_t *current, size_t *peak) MINIPY_NOEXCEPT;
/* peak := current. */
PyAPI_FUNC(void) minipy_tracemalloc_reset_peak(void) MINIPY_NOEXCEPT;
/* Bytes the tracer holds from the C library now (tables, tracebacks, frame buffers). */
PyAPI_FUNC(size_t) minipy_tracemalloc_get_memory(void) MINIPY_NOEXCEPT;

/* Gives the trace of (domain, ptr), if there is one, the calling thread's current traceback,
 * keeping its size: for an object the runtime reuses from a free list, so that its trace
 * points at the reuse (CPython's _PyTraceMalloc_NewReference). Returns 0 (also when the
 * block has no trace), -1 when the tracer has no memory for the traceback (the old one
 * stays), -2 when tracing is off. */
PyAPI_FUNC(int) minipy_tracemalloc_retrace(unsigned int domain, uintptr_t ptr) MINIPY_NOEXCEPT;

/* --- Reading traces ------------------------------------------------------------------------
 * A traceback: `nframe` frames (1 .. limit), most recent first, and how many frames the
 * stack had (`total_nframe`, capped at 65535). */
typedef struct {
    uint16_t nframe;
    uint16_t total_nframe;
    const minipy_tracemalloc_frame *frames; /* nframe entries */
} minipy_tracemalloc_traceback;

typedef struct {
    unsigned int domain;
    size_t size;
    const minipy_tracemalloc_traceback *traceback;
} minipy_tracemalloc_trace;

/* The traceback of one block: copies up to max_frames frames into `frames` and returns the
 * traceback's frame count (0 when the block has no trace or tracing is off); *size and
 * *total_nframe (each may be NULL) get the trace's size and the stack's full depth. What
 * get_object_traceback and _PyTraceMalloc_GetTraceback are built on. */
PyAPI_FUNC(int) minipy_tracemalloc_get_traceback(unsigned int domain, uintptr_t ptr,
                                                 minipy_tracemalloc_frame *frames, int max_frames,
                                                 size_t *size, int *total_nframe) MINIPY_NOEXCEPT;

/* A copy of every trace at one moment, its tracebacks interned (traces with equal
 * tracebacks point at one copy): what take_snapshot is built on. It stays valid after
 * clear_traces and stop. Returns NULL when tracing is off or memory is short (then
 * *out_of_memory, if not NULL, is set to 1, else 0). Free it with
 * minipy_tracemalloc_snapshot_free. */
typedef struct {
    size_t ntraces;
    const minipy_tracemalloc_trace *traces; /* in no particular order */
    int traceback_limit;
} minipy_tracemalloc_snapshot;

PyAPI_FUNC(minipy_tracemalloc_snapshot *)
    minipy_tracemalloc_take_snapshot(int *out_of_memory) MINIPY_NOEXCEPT;
PyAPI_FUNC(void)
    minipy_tracemalloc_snapshot_free(minipy_tracemalloc_snapshot *snapshot) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_TRACEMALLOC_H */
