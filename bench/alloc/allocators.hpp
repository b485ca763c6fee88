// The allocators the benchmarks compare, behind one small table of function pointers.
//
// Owns: which allocators exist on this machine, how each is reached, and the notes saying
// why one is missing. Does not own any workload (workloads.hpp) or any timing.
//
//   pymalloc       minipy's PyObject_Malloc/Free/Realloc with pymalloc in the object domain
//   malloc         the C library's malloc/free/realloc, called directly (glibc here)
//   minipy-malloc  minipy's PyObject_* after _PyMem_SetupAllocators(PYMEM_ALLOCATOR_MALLOC):
//                  the domain layer's own cost on top of malloc ("extra": not in every table)
//   pymalloc-4k, pymalloc-16k
//                  pymalloc with the small (4 KiB pools) or large (16 KiB) geometry, switched at
//                  run time (minipy_pymalloc_configure) before each run ("extra"); plain
//                  `pymalloc` is the build's default geometry
//   cpython        CPython 3.11's PyObject_* from libpython, via dlopen
//   mimalloc       mi_malloc/mi_free/mi_realloc, via dlopen
//   jemalloc       jemalloc's malloc/free/realloc, via dlopen
//
// Why dlopen(RTLD_NOW | RTLD_LOCAL) for the last three: minipy exports PyObject_Malloc and
// friends, so libpython cannot be linked into the same executable; and the Debian builds of
// mimalloc and jemalloc replace malloc for the whole process when linked normally, which
// would turn the "malloc" column into one of them. A local handle keeps every symbol of
// those libraries to itself. The executables are linked without -rdynamic, so libpython's
// own calls bind to its PyObject_* and never to ours.
//
// The library paths come from the configure step (bench/CMakeLists.txt); a path that is
// empty or fails to load makes that allocator absent, with a note, never an error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace minipy::bench {

using MallocFn = void *(*)(std::size_t);
using FreeFn = void (*)(void *);
using ReallocFn = void *(*)(void *, std::size_t);

struct Allocator {
    std::string name;
    MallocFn malloc = nullptr;
    FreeFn free = nullptr;
    ReallocFn realloc = nullptr;
    // Installs what the allocator needs in minipy's domains; called before each run, while
    // no block of any minipy run is live (switching domains with live blocks would hand
    // them to the wrong free). nullptr for the allocators that are not minipy's.
    void (*activate)() = nullptr;
    // Shown by the tables only on request (--all).
    bool extra = false;
};

// The allocators in display order: pymalloc first (every ratio is against it), then the
// others that could be loaded. `notes` says why any allocator is missing.
struct AllocatorSet {
    std::vector<Allocator> available;
    std::vector<std::string> notes;
};

// Loads every allocator once (later calls return the same set).
const AllocatorSet &all_allocators();

// Loads just the named allocator, or returns nullptr and writes why to `why`. For the
// callgrind driver, which should not map libraries it does not use.
const Allocator *load_allocator(std::string_view name, std::string *why);

// Whether a program shows `a`: pymalloc always (every ratio is against it); with `only`
// (names separated by commas) the named ones; otherwise all but the extras, unless `all`.
bool wanted(const Allocator &a, bool all, std::string_view only);

// Names accepted by load_allocator(), in display order.
const std::vector<std::string_view> &allocator_names();

// Debian's libjemalloc.so.2 uses initial-exec TLS (the STATIC_TLS flag) for about 2.6 KiB,
// more than the surplus glibc keeps for libraries loaded later, so dlopen fails with
// "cannot allocate memory in static TLS block". glibc's tunable
// glibc.rtld.optional_static_tls raises that surplus, but it is read only at exec time.
// Call this first in main(): if jemalloc is configured, cannot be loaded, and the tunable
// is not set yet, the program re-executes itself once with the tunable added. Nothing
// else about the process changes (the tunable touches the dynamic loader only, never
// malloc), so the "malloc" baseline stays glibc's.
void reexec_for_jemalloc_tls(char **argv);

}  // namespace minipy::bench
