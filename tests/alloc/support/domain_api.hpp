// Test helpers shared by the alloc suites: the three domains as a table, and a scope that
// installs an allocator configuration (a PYTHONMALLOC name) and restores the previous
// allocators at its end.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "minipy/pymem.h"

namespace minipy::test {

struct DomainApi {
    const char *name;
    PyMemAllocatorDomain domain;
    void *(*malloc)(size_t);
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
};

inline const DomainApi kRawApi{"raw",           PYMEM_DOMAIN_RAW, PyMem_RawMalloc,
                               PyMem_RawCalloc, PyMem_RawRealloc, PyMem_RawFree};
inline const DomainApi kMemApi{"mem",        PYMEM_DOMAIN_MEM, PyMem_Malloc,
                               PyMem_Calloc, PyMem_Realloc,    PyMem_Free};
inline const DomainApi kObjApi{"obj",           PYMEM_DOMAIN_OBJ, PyObject_Malloc,
                               PyObject_Calloc, PyObject_Realloc, PyObject_Free};

// One case of a data-driven test: a domain under an allocator configuration.
struct DomainCase {
    const char *config;  // a PYTHONMALLOC name
    DomainApi api;
};

inline std::ostream &operator<<(std::ostream &out, const DomainCase &c) {
    return out << c.api.name << "@" << c.config;
}

// Every domain under every allocator configuration this build provides.
inline std::vector<DomainCase> all_domain_cases() {
    std::vector<DomainCase> cases;
    // The debug hooks must keep every rule too: they change the frame, never the contract.
    for (const char *config : {"pymalloc", "malloc", "pymalloc_debug", "malloc_debug"})
        for (const DomainApi &api : {kRawApi, kMemApi, kObjApi}) cases.push_back({config, api});
    return cases;
}

// A domain as a printable sample for data-driven cases.
struct Domain {
    DomainApi api;
};
inline std::ostream &operator<<(std::ostream &out, const Domain &d) {
    return out << d.api.name;
}
inline const std::vector<Domain> kAllDomains = {{kRawApi}, {kMemApi}, {kObjApi}};
inline const std::vector<Domain> kPymallocDomains = {{kMemApi}, {kObjApi}};  // pymalloc's

inline bool same_allocator(const PyMemAllocatorEx &a, const PyMemAllocatorEx &b) {
    return a.ctx == b.ctx && a.malloc == b.malloc && a.calloc == b.calloc &&
           a.realloc == b.realloc && a.free == b.free;
}

// Saves the three domains and puts them back at scope exit, so that a case that replaces a
// domain outright cannot leave it replaced when a check fails half way.
class SavedDomains {
  public:
    SavedDomains() {
        for (int d = 0; d < 3; ++d) PyMem_GetAllocator(PyMemAllocatorDomain(d), &saved_[d]);
    }
    ~SavedDomains() {
        for (int d = 0; d < 3; ++d) PyMem_SetAllocator(PyMemAllocatorDomain(d), &saved_[d]);
    }
    SavedDomains(const SavedDomains &) = delete;
    SavedDomains &operator=(const SavedDomains &) = delete;
    const PyMemAllocatorEx &operator[](int d) const { return saved_[d]; }

  private:
    PyMemAllocatorEx saved_[3]{};
};

// Installs an allocator configuration for the scope. The scope must give back every block
// it allocates before it ends (the domains are replaced outright).
class AllocatorConfig {
  public:
    explicit AllocatorConfig(const char *name) : ok_(minipy_alloc_configure(name, 0) == 0) {}
    bool ok() const { return ok_; }

  private:
    SavedDomains saved_;  // constructed first: saves before the configuration changes
    bool ok_ = false;
};

}  // namespace minipy::test
