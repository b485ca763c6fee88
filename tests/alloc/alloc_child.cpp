// Scenarios that the alloc tests run in a child process, because they read the process
// environment at start-up, exit, or print at shutdown. Usage: minipy_alloc_child <scenario>
//   init-from-env   minipy_alloc_init_from_env(), then prints which allocator serves OBJ
//                   ("object domain: pymalloc" or "object domain: other") and the name of
//                   the set-up ("allocator: pymalloc_debug", ...), and exits 0
//   no-init         prints the same without any initialisation: the build's defaults
//   stats-arenas N  init from the environment, fills N arenas with 64-byte blocks, frees
//                   them, calls minipy_alloc_finalize(), exits 0
//   geometry        init from the environment, allocates and frees one block, prints
//                   "pools <pool size> arenas <arena size> held <bytes of the arenas held
//                   while the block lived>", exits 0
//   geometry-late   allocates a block, keeps it, then inits from the environment (which must
//                   refuse a change of geometry now)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "minipy/pymalloc.h"
#include "minipy/pymem.h"

namespace {

int describe_allocators() {
    std::FILE *sink = std::fopen("/dev/null", "w");
    const bool pymalloc = _PyObject_DebugMallocStats(sink) == 1;
    std::fclose(sink);
    const char *name = _PyMem_GetCurrentAllocatorName();
    std::printf("object domain: %s\nallocator: %s\n", pymalloc ? "pymalloc" : "other",
                name != nullptr ? name : "(custom)");
    return 0;
}

int init_from_env() {
    minipy_alloc_init_from_env();
    return describe_allocators();
}

int stats_arenas(long arenas) {
    minipy_alloc_init_from_env();
    minipy_pymalloc_geometry g;
    minipy_pymalloc_get_geometry(&g);
    const std::size_t per_arena =
        (g.max_pools_in_arena - 1) * ((g.pool_size - g.pool_overhead) / 64);
    std::vector<void *> blocks;
    for (std::size_t i = 0; i < per_arena * static_cast<std::size_t>(arenas); ++i)
        blocks.push_back(PyObject_Malloc(64));
    for (void *p : blocks) PyObject_Free(p);
    minipy_alloc_finalize();
    return 0;
}

int geometry(bool late) {
    void *kept = late ? PyObject_Malloc(32) : nullptr;
    minipy_alloc_init_from_env();
    void *p = PyObject_Malloc(32);
    minipy_pymalloc_stats stats;
    minipy_pymalloc_get_stats(&stats);  // the bytes of the arenas held, with p live
    PyObject_Free(p);
    PyObject_Free(kept);
    std::printf("pools %zu arenas %zu held %zu\n", stats.geometry.pool_size,
                stats.geometry.arena_size, stats.arena_bytes);
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc >= 2 && std::strcmp(argv[1], "init-from-env") == 0) return init_from_env();
    if (argc >= 2 && std::strcmp(argv[1], "no-init") == 0) return describe_allocators();
    if (argc >= 3 && std::strcmp(argv[1], "stats-arenas") == 0)
        return stats_arenas(std::strtol(argv[2], nullptr, 10));
    if (argc >= 2 && std::strcmp(argv[1], "geometry") == 0) return geometry(false);
    if (argc >= 2 && std::strcmp(argv[1], "geometry-late") == 0) return geometry(true);
    std::fprintf(stderr, "usage: %s init-from-env | no-init | stats-arenas N | geometry\n",
                 argv[0]);
    return 2;
}
