// The allocator set-ups of the debug-hook benchmarks: which allocator serves the domains,
// with or without the debug hooks, with or without minipy's runtime started around them.
//
// Owns: installing a set-up before a run and taking it down after, with the public API
// only (`_PyMem_SetupAllocators`, or `Py_InitializeFromConfig` with an isolated config whose
// `allocator` names the set-up, then `Py_FinalizeEx`), and the malloc/free pair of each
// domain. Does not own the workloads (bench/alloc/workloads.hpp) or the timing.
//
//   base      hooks off        hooks on          runtime
//   pymalloc  "pymalloc"       "pymalloc_debug"  with or without
//   malloc    "malloc"         "malloc_debug"    with or without
//   cpython   libpython as it  + libpython's     never: CPython is not initialized, so its
//             starts (pymalloc) PyMem_SetupDebugHooks   hooks' GIL check answers at once
//
// With minipy's runtime started, the MEM and OBJ hooks call the GIL check the runtime
// registered (PyGILState_Check: an atomic load and a thread-local read); without it the
// check is a null function pointer, tested and skipped. RAW's hooks never check.
//
// Every set-up is taken down with no block of the run live: the thread states the runtime
// allocated from the raw domain go in Py_FinalizeEx, before the next set-up switches the
// allocators. After each run the free pymalloc arenas and glibc's free memory go back to
// the system, so that every run starts from the same kind of heap.
#pragma once

#include <string>

#include "alloc/allocators.hpp"
#include "minipy/pymem.h"

namespace minipy::bench {

enum class Base { pymalloc, malloc, cpython };

struct Setup {
    Base base = Base::pymalloc;
    bool hooks = false;
    bool runtime = false;  // minipy's runtime started around the run (never for cpython)
};

// "pymalloc", "pymalloc_debug", "malloc", "malloc_debug", "cpython", "cpython_debug".
const char *setup_name(Base base, bool hooks);
const char *base_name(Base base);
// The inverse of setup_name(); false for an unknown name.
bool parse_setup_name(const std::string &name, Base *base, bool *hooks);

// Installs the set-up (and starts minipy's runtime if asked). Returns false and writes why
// when it cannot: CPython missing, start-up refused, or the allocators in place afterwards
// are not the ones asked for.
bool setup_apply(const Setup &setup, std::string *why);
// Takes it down (Py_FinalizeEx; CPython's domains back as they were) and settles the heap.
void setup_undo(const Setup &setup);

// A domain's malloc/free as function pointers: minipy's, or libpython's for cpython.
// Domains are PYMEM_DOMAIN_RAW, _MEM, _OBJ.
struct DomainFns {
    MallocFn malloc = nullptr;
    FreeFn free = nullptr;
};
DomainFns domain_fns(Base base, PyMemAllocatorDomain domain);
const char *domain_name(PyMemAllocatorDomain domain);  // "RAW", "MEM", "OBJ"
// "raw", "mem", "obj" (any case) to the domain; false for anything else.
bool parse_domain(const std::string &name, PyMemAllocatorDomain *domain);

// The malloc/free shape the workloads of bench/alloc/workloads.hpp take (realloc unused).
struct DomainAllocator {
    MallocFn m;
    FreeFn f;
    explicit DomainAllocator(const DomainFns &fns) : m(fns.malloc), f(fns.free) {}
    void *malloc(std::size_t n) const { return m(n); }
    void free(void *p) const { f(p); }
};

}  // namespace minipy::bench
