// The allocator table: minipy's two configurations and the C library's malloc, linked in;
// CPython, mimalloc and jemalloc, loaded at run time (allocators.hpp says why).
#include "alloc/allocators.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>

#include "minipy/pymalloc.h"
#include "minipy/pymem.h"

// Set by bench/CMakeLists.txt; an empty path means "not found at configure time".
#ifndef MINIPY_BENCH_LIBPYTHON
#define MINIPY_BENCH_LIBPYTHON ""
#endif
#ifndef MINIPY_BENCH_LIBMIMALLOC
#define MINIPY_BENCH_LIBMIMALLOC ""
#endif
#ifndef MINIPY_BENCH_LIBJEMALLOC
#define MINIPY_BENCH_LIBJEMALLOC ""
#endif

namespace minipy::bench {

namespace {

constexpr const char *kTlsTunable = "glibc.rtld.optional_static_tls";

// pymalloc with a geometry (minipy_pymalloc_configure's names; NULL: the build's default).
// Called while no pymalloc block is live, so the geometry may change.
void use_pymalloc_with(const char *geometry) {
    if (minipy_pymalloc_configure(geometry) != 0) {
        std::fprintf(stderr, "cannot switch pymalloc to the %s geometry\n", geometry);
        std::exit(3);
    }
    _PyMem_SetupAllocators(PYMEM_ALLOCATOR_PYMALLOC);
}
void use_pymalloc() {
    use_pymalloc_with(nullptr);
}

// The geometry variants, "pymalloc-<pool size>", both extras (--all or --allocators).
struct Variant {
    const char *name;
    const char *geometry;
};
constexpr Variant kVariants[] = {{"pymalloc-4k", "small"}, {"pymalloc-16k", "large"}};
template <std::size_t I>
void use_variant() {
    use_pymalloc_with(kVariants[I].geometry);
}
template <std::size_t... I>
constexpr std::array<void (*)(), sizeof...(I)> variant_activators(std::index_sequence<I...>) {
    return {&use_variant<I>...};
}
constexpr auto kVariantActivators =
    variant_activators(std::make_index_sequence<std::size(kVariants)>());
void use_minipy_malloc() {
    _PyMem_SetupAllocators(PYMEM_ALLOCATOR_MALLOC);
}

// A library loaded with dlopen, and the names of its three functions.
struct LibrarySpec {
    const char *path;
    const char *malloc_symbol;
    const char *free_symbol;
    const char *realloc_symbol;
};

std::optional<Allocator> from_library(std::string_view name, const LibrarySpec &spec,
                                      std::string *why) {
    if (spec.path[0] == '\0') {
        *why = std::string(name) + ": skipped, its library was not found at configure time";
        return std::nullopt;
    }
    // RTLD_LOCAL: the library's malloc must not take over the process (allocators.hpp).
    void *handle = dlopen(spec.path, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        *why = std::string(name) + ": skipped, " + dlerror();
        return std::nullopt;
    }
    // The handle is never closed: blocks may outlive any run, up to exit.
    Allocator a;
    a.name = std::string(name);
    a.malloc = reinterpret_cast<MallocFn>(dlsym(handle, spec.malloc_symbol));
    a.free = reinterpret_cast<FreeFn>(dlsym(handle, spec.free_symbol));
    a.realloc = reinterpret_cast<ReallocFn>(dlsym(handle, spec.realloc_symbol));
    if (a.malloc == nullptr || a.free == nullptr || a.realloc == nullptr) {
        *why = std::string(name) + ": skipped, " + spec.path + " lacks " + spec.malloc_symbol;
        return std::nullopt;
    }
    // dlsym on a local handle searches the library before its dependencies; if it still
    // found the C library's malloc, the column would silently measure glibc twice.
    if (a.malloc == static_cast<MallocFn>(&std::malloc)) {
        *why = std::string(name) + ": skipped, " + spec.malloc_symbol + " resolved to libc";
        return std::nullopt;
    }
    return a;
}

std::optional<Allocator> make(std::string_view name, std::string *why) {
    if (name == "pymalloc") {
        return Allocator{"pymalloc",        &PyObject_Malloc, &PyObject_Free,
                         &PyObject_Realloc, &use_pymalloc,    false};
    }
    for (std::size_t i = 0; i < std::size(kVariants); ++i) {
        if (name == kVariants[i].name) {
            return Allocator{kVariants[i].name, &PyObject_Malloc,      &PyObject_Free,
                             &PyObject_Realloc, kVariantActivators[i], true};
        }
    }
    if (name == "malloc") {
        return Allocator{"malloc", &std::malloc, &std::free, &std::realloc, nullptr, false};
    }
    if (name == "minipy-malloc") {
        return Allocator{"minipy-malloc",   &PyObject_Malloc,   &PyObject_Free,
                         &PyObject_Realloc, &use_minipy_malloc, true};
    }
    // CPython 3.11's PyObject_* work before Py_Initialize in a release build: the object
    // domain is statically initialised to pymalloc.
    if (name == "cpython") {
        return from_library(
            name, {MINIPY_BENCH_LIBPYTHON, "PyObject_Malloc", "PyObject_Free", "PyObject_Realloc"},
            why);
    }
    if (name == "mimalloc") {
        return from_library(name, {MINIPY_BENCH_LIBMIMALLOC, "mi_malloc", "mi_free", "mi_realloc"},
                            why);
    }
    if (name == "jemalloc") {
        return from_library(name, {MINIPY_BENCH_LIBJEMALLOC, "malloc", "free", "realloc"}, why);
    }
    *why = std::string(name) + ": unknown allocator";
    return std::nullopt;
}

// One slot per name, filled on first request, so that pointers handed out stay valid.
struct Slot {
    bool tried = false;
    std::optional<Allocator> allocator;
    std::string why;
};

std::array<Slot, 6 + std::size(kVariants)> g_slots;

}  // namespace

const std::vector<std::string_view> &allocator_names() {
    static const std::vector<std::string_view> kNames = [] {
        std::vector<std::string_view> n = {"pymalloc", "malloc",   "cpython",
                                           "mimalloc", "jemalloc", "minipy-malloc"};
        for (const Variant &v : kVariants) n.push_back(v.name);
        return n;
    }();
    return kNames;
}

const Allocator *load_allocator(std::string_view name, std::string *why) {
    const auto &names = allocator_names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] != name) continue;
        Slot &slot = g_slots[i];
        if (!slot.tried) {
            slot.tried = true;
            slot.allocator = make(name, &slot.why);
        }
        if (!slot.allocator && why != nullptr) *why = slot.why;
        return slot.allocator ? &*slot.allocator : nullptr;
    }
    if (why != nullptr) *why = std::string(name) + ": unknown allocator";
    return nullptr;
}

const AllocatorSet &all_allocators() {
    static const AllocatorSet kSet = [] {
        AllocatorSet s;
        for (std::string_view name : allocator_names()) {
            std::string why;
            if (const Allocator *a = load_allocator(name, &why))
                s.available.push_back(*a);
            else
                s.notes.push_back(why);
        }
        return s;
    }();
    return kSet;
}

bool wanted(const Allocator &a, bool all, std::string_view only) {
    if (a.name == "pymalloc") return true;
    if (only.empty()) return all || !a.extra;
    while (!only.empty()) {
        const std::size_t comma = only.find(',');
        if (only.substr(0, comma) == a.name) return true;
        if (comma == std::string_view::npos) break;
        only.remove_prefix(comma + 1);
    }
    return false;
}

void reexec_for_jemalloc_tls(char **argv) {
    const char *path = MINIPY_BENCH_LIBJEMALLOC;
    if (path[0] == '\0') return;
    const char *tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables != nullptr && std::strstr(tunables, kTlsTunable) != nullptr) return;
    // Loaded fine (a glibc with more surplus): keep it; load_allocator() finds it again.
    if (dlopen(path, RTLD_NOW | RTLD_LOCAL) != nullptr) return;
    const char *error = dlerror();
    if (error == nullptr || std::strstr(error, "static TLS") == nullptr) return;
    std::string value = std::string(kTlsTunable) + "=65536";
    if (tunables != nullptr && tunables[0] != '\0') value = std::string(tunables) + ":" + value;
    setenv("GLIBC_TUNABLES", value.c_str(), 1);
    execv("/proc/self/exe", argv);
    // exec failed: go on; jemalloc will be reported as skipped with dlopen's message.
}

}  // namespace minipy::bench
