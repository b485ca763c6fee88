// The tracer's part of a debug-hook report (CPython's _PyMem_DumpTraceback): where a block
// was allocated, written to a file descriptor without allocating.
#pragma once

namespace minipy::tracemalloc {

// Not tracing: returns false (the hooks then print the hint to enable tracemalloc).
// Tracing: prints "Memory block allocated at (most recent call first):", one
// `  File "<name>", line <n>` per frame and an empty line when the block `p` has a trace,
// nothing when it has none, and returns true.
bool dump_traceback(int fd, const void *p) noexcept;

}  // namespace minipy::tracemalloc
