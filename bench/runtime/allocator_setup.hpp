// The allocator set-ups of the debug-hook benchmarks: which allocator serves the domains,
// with or without the debug hooks, with or without minipy's runtime started around them.
//
// Owns: installing a set-up before a run and taking it down after, with the public API
// only (`_PyMem_SetupAllocators`, or `Py_InitializeFromConfig` with an isolated config whose
// `allocator` names the set-up, then `Py_FinalizeEx`), and the malloc/free pair of each
// domain. Does not own the workloads (bench/alloc/workloads.hpp) or the timing.
//
//   base      hooks off        hooks on          runtime
//   pymalloc  "pymalloc"       "pymalloc_debug"  minipy's, started and stopped around the run
//   malloc    "malloc"         "malloc_debug"    minipy's, started and stopped around the run
//   cpython   libpython as it  + libpython's     CPython's: Py_InitializeEx(0) after the
//             starts (pymalloc) PyMem_SetupDebugHooks   hooks are set (PYTHONMALLOC unset, so
//                                                it keeps them); never stopped (below)
//
// With a runtime started, the MEM and OBJ hooks check the GIL: minipy's call the check the
// runtime registered (PyGILState_Check: an atomic load and a thread-local read), CPython's
// call its PyGILState_Check (a pthread_getspecific). Without one ("bare") minipy's check is
// a null function pointer, tested and skipped, and CPython's answers 1 at once because its
// thread-state key does not exist yet. RAW's hooks never check.
//
// CPython cannot be stopped and set up again safely (Py_FinalizeEx leaves blocks behind,
// allocated through the hooks), so a set-up with CPython's runtime is for a process of its
// own: once CPython has started, setup_apply() refuses any other CPython set-up.

#pragma once

#include <string>

#include "alloc/allocators.hpp"
#include "minipy/pymem.h"

namespace minipy::bench {

enum class Base { pymalloc, malloc, cpython };

struct Setup {
    Base base = Base::pymalloc;
    bool hooks = false;
    bool runtime = false;  // the base's runtime started around the run (see above)
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
// Takes it down (minipy: Py_FinalizeEx; CPython without its runtime: its domains back as
// they were; CPython with it: nothing) and settles the heap.
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
