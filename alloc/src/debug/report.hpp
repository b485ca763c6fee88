// The debug hooks' reports, in CPython's exact text: the dump of a block
// ("Debug memory block at address p=..."), the allocation traceback or the hint to enable
// tracemalloc, and the fatal error that follows. Everything here writes straight to file
// descriptor 2 from stack buffers: it may run while the heap is broken, so it allocates
// nothing and takes no lock.
#pragma once

namespace minipy::debug {

// Checks the block `p` handed out by the hooks of API `api` ('r', 'm' or 'o') before
// `function` (CPython's name of the hook, such as "_PyMem_DebugRawFree") frees or resizes
// it. In CPython's order: the API id, then the leading pad (a broken header makes the size
// unreliable), then the trailing pad. On the first failure: dump, traceback, fatal error.
void check_block(char api, const void *p, const char *function) noexcept;

// CPython's _PyObject_DebugDumpAddress: prints what the block's frame says, byte by byte
// where it is damaged, then the first and last data bytes, then the traceback part.
void dump_block(const void *p) noexcept;

// The seam for tracemalloc: given a block's data pointer, print where it was allocated to
// `fd` ("Memory block allocated at (most recent call first):" ...) and return true, or
// return false when tracing is off (then the hint to enable tracemalloc is printed).
using TracebackDumper = bool (*)(int fd, const void *p);
void set_traceback_dumper(TracebackDumper dumper) noexcept;

}  // namespace minipy::debug
