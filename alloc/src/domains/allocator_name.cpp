// PYTHONMALLOC and PYTHONMALLOCSTATS: parsing the allocator names, installing what a name
// stands for, and the alloc layer's start-up and shutdown calls (which also apply pymalloc's
// MINIPY_PYMALLOC_GEOMETRY: layout.cpp).
//
//   name             RAW      MEM        OBJ        debug hooks
//   malloc           malloc   malloc     malloc     no
//   pymalloc         malloc   pymalloc   pymalloc   no
//   *_debug          as above                       yes (PyMem_SetupDebugHooks)
//   default / ""     pymalloc in a release build, pymalloc_debug in a debug build
//   debug            the default plus the hooks: pymalloc_debug in either build
//
// Names are matched exactly, as CPython does: case-sensitive, no trimming.
#include <cstdlib>
#include <cstring>

#include "debug/hooks.hpp"
#include "domains/domains.hpp"
#include "minipy/pymalloc.h"
#include "minipy/pymem.h"
#include "pymalloc/pymalloc.hpp"
#include "pymalloc/state.hpp"
#include "support/fatal.hpp"

namespace {

struct NamedAllocator {
    const char *name;
    PyMemAllocatorName value;
};

constexpr NamedAllocator kNames[] = {
    {"default", PYMEM_ALLOCATOR_DEFAULT},   {"debug", PYMEM_ALLOCATOR_DEBUG},
    {"pymalloc", PYMEM_ALLOCATOR_PYMALLOC}, {"pymalloc_debug", PYMEM_ALLOCATOR_PYMALLOC_DEBUG},
    {"malloc", PYMEM_ALLOCATOR_MALLOC},     {"malloc_debug", PYMEM_ALLOCATOR_MALLOC_DEBUG},
};

#if defined(MINIPY_PYDEBUG)
constexpr PyMemAllocatorName kBuildDefault = PYMEM_ALLOCATOR_PYMALLOC_DEBUG;
#else
constexpr PyMemAllocatorName kBuildDefault = PYMEM_ALLOCATOR_PYMALLOC;
#endif

template <std::size_t N>
void append_literal(char (&buffer)[N], std::size_t &used, const char *text) {
    while (*text != '\0' && used + 1 < N) buffer[used++] = *text++;
    buffer[used] = '\0';
}

void install(PyMemAllocatorDomain domain, const PyMemAllocatorEx &allocator) {
    PyMemAllocatorEx copy = allocator;
    PyMem_SetAllocator(domain, &copy);
}

}  // namespace

extern "C" int _PyMem_GetAllocatorName(const char *name, PyMemAllocatorName *out) noexcept {
    if (name == nullptr || name[0] == '\0') {
        *out = PYMEM_ALLOCATOR_DEFAULT;
        return 0;
    }
    for (const NamedAllocator &entry : kNames) {
        if (std::strcmp(name, entry.name) == 0) {
            *out = entry.value;
            return 0;
        }
    }
    return -1;
}

namespace {

const char *name_of(PyMemAllocatorName name) {
    switch (name) {
    case PYMEM_ALLOCATOR_PYMALLOC: return "pymalloc";
    case PYMEM_ALLOCATOR_PYMALLOC_DEBUG: return "pymalloc_debug";
    case PYMEM_ALLOCATOR_MALLOC: return "malloc";
    case PYMEM_ALLOCATOR_MALLOC_DEBUG: return "malloc_debug";
    default: return nullptr;
    }
}

bool same_functions(const PyMemAllocatorEx &a, const PyMemAllocatorEx &b) {
    return a.malloc == b.malloc && a.calloc == b.calloc && a.realloc == b.realloc &&
           a.free == b.free;
}

// The name of what the three domains hold, given whether to look for the debug hooks.
const char *current_name(bool debug) {
    const PyMemAllocatorEx *held[3];
    PyMemAllocatorEx records[3];
    for (int d = PYMEM_DOMAIN_RAW; d <= PYMEM_DOMAIN_OBJ; ++d) {
        const auto domain = static_cast<PyMemAllocatorDomain>(d);
        PyMem_GetAllocator(domain, &records[d]);
        held[d] = &records[d];
        if (debug) {
            // The right hooks for the domain, wrapping the right allocator.
            if (!same_functions(records[d], minipy::debug::hooks_for(domain, nullptr)))
                return nullptr;
            held[d] = minipy::debug::wrapped_by_hooks(records[d]);
        }
    }
    const PyMemAllocatorEx &system = minipy::domains::kRawAllocator;
    const PyMemAllocatorEx &pymalloc = minipy::pymalloc::kAllocator;
    if (!same_functions(*held[PYMEM_DOMAIN_RAW], system)) return nullptr;
    if (same_functions(*held[PYMEM_DOMAIN_MEM], pymalloc) &&
        same_functions(*held[PYMEM_DOMAIN_OBJ], pymalloc))
        return debug ? "pymalloc_debug" : "pymalloc";
    if (same_functions(*held[PYMEM_DOMAIN_MEM], system) &&
        same_functions(*held[PYMEM_DOMAIN_OBJ], system))
        return debug ? "malloc_debug" : "malloc";
    return nullptr;
}

}  // namespace

extern "C" const char *_PyMem_GetCurrentAllocatorName(void) noexcept {
    if (const char *name = current_name(false)) return name;
    return current_name(true);
}

extern "C" int _PyMem_SetupAllocators(PyMemAllocatorName name) noexcept {
    if (name == PYMEM_ALLOCATOR_NOT_SET) return 0;
    if (name == PYMEM_ALLOCATOR_DEFAULT) name = kBuildDefault;
    if (name == PYMEM_ALLOCATOR_DEBUG) name = PYMEM_ALLOCATOR_PYMALLOC_DEBUG;
    const char *wanted = name_of(name);
    if (wanted == nullptr) return -1;
    // Asking for what is installed changes nothing, so blocks allocated before start-up
    // under the same set-up stay valid (a host may allocate before Py_Initialize).
    const char *current = _PyMem_GetCurrentAllocatorName();
    if (current != nullptr && std::strcmp(current, wanted) == 0) return 0;

    const bool pymalloc =
        name == PYMEM_ALLOCATOR_PYMALLOC || name == PYMEM_ALLOCATOR_PYMALLOC_DEBUG;
    install(PYMEM_DOMAIN_RAW, minipy::domains::kRawAllocator);
    install(PYMEM_DOMAIN_MEM,
            pymalloc ? minipy::pymalloc::kAllocator : minipy::domains::kRawAllocator);
    install(PYMEM_DOMAIN_OBJ,
            pymalloc ? minipy::pymalloc::kAllocator : minipy::domains::kRawAllocator);
    if (name == PYMEM_ALLOCATOR_PYMALLOC_DEBUG || name == PYMEM_ALLOCATOR_MALLOC_DEBUG)
        PyMem_SetupDebugHooks();
    return 0;
}

extern "C" int minipy_alloc_configure(const char *allocator_name, int print_stats) noexcept {
    PyMemAllocatorName name;
    if (_PyMem_GetAllocatorName(allocator_name, &name) < 0) return -1;
    if (_PyMem_SetupAllocators(name) < 0) return -1;
    minipy::pymalloc::g_state.print_stats = print_stats != 0;
    return 0;
}

extern "C" void minipy_alloc_set_malloc_stats(int print_stats) noexcept {
    minipy::pymalloc::g_state.print_stats = print_stats != 0;
}

namespace {

// Stops the process as an unknown PYTHONMALLOC does: "<variable>: <what>" on the fatal line,
// then "<variable>=<value> (<expected>)". The report is built in a fixed buffer: a very
// long value is cut, nothing is allocated.
[[noreturn]] void bad_variable(const char *variable, const char *value, const char *what,
                               const char *expected) {
    char detail[320];
    std::size_t used = 0;
    auto append = [&](const char *text, std::size_t limit) {
        for (std::size_t n = 0; text[n] != '\0'; ++n) {
            if (n == limit) {
                append_literal(detail, used, "...");
                break;
            }
            if (used + 1 < sizeof detail) detail[used++] = text[n];
        }
        detail[used] = '\0';
    };
    append(variable, 64);
    append("=", 1);
    append(value, 64);
    append(" (", 2);
    append(expected, 128);
    append(")\n", 2);
    append("Python runtime state: preinitializing\n\n", 64);
    char message[128];
    std::size_t message_used = 0;
    append_literal(message, message_used, variable);
    append_literal(message, message_used, ": ");
    append_literal(message, message_used, what);
    minipy::support::fatal_exit("minipy_alloc_init_from_env", message, detail, 1);
}

// MINIPY_PYMALLOC_GEOMETRY, before anything is allocated.
void apply_geometry_from_env() {
    using namespace minipy::pymalloc;
    const char *name = std::getenv("MINIPY_PYMALLOC_GEOMETRY");
    Geometry geometry;
    if (!parse_geometry(name, &geometry))
        bad_variable("MINIPY_PYMALLOC_GEOMETRY", name, "unknown geometry",
                     "expected default, small or large");
    if (!set_geometry(geometry))
        bad_variable("MINIPY_PYMALLOC_GEOMETRY", name, "pymalloc already holds blocks",
                     "the geometry can only change before the first block is allocated");
}

}  // namespace

extern "C" void minipy_alloc_init_from_env(void) noexcept {
    const char *requested = std::getenv("PYTHONMALLOC");
    PyMemAllocatorName name;
    if (_PyMem_GetAllocatorName(requested, &name) < 0)
        bad_variable("PYTHONMALLOC", requested, "unknown allocator",
                     "expected default, debug, pymalloc, pymalloc_debug, malloc or malloc_debug");
    apply_geometry_from_env();
    _PyMem_SetupAllocators(name);
    // Like CPython: any non-empty value turns the statistics on, "0" included.
    const char *stats = std::getenv("PYTHONMALLOCSTATS");
    minipy::pymalloc::g_state.print_stats = stats != nullptr && stats[0] != '\0';
}

extern "C" void minipy_alloc_finalize(void) noexcept {
    minipy::pymalloc::print_stats_if_requested();
    minipy_pymalloc_release_free_arenas();
}
