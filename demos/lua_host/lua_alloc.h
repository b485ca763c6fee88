/* lua_alloc.h: the lua_Alloc that routes every allocation of a Lua state through one minipy
 * domain (raw, mem or obj), with a byte budget and counters.
 *
 * It owns the allocator record a host passes to lua_newstate(lua_host_alloc, allocator): which
 * allocator serves Lua (the domain's public functions, or the allocator under the runtime's
 * accounting hook), how many payload bytes Lua holds (Lua's own measure, the nsize it
 * asks for: collectgarbage "count" reads the same figure), the peak, the budget and the call
 * counts. It does not own the domains: PYTHONMALLOC (minipy_alloc_init_from_env) decides
 * whether they hold pymalloc, malloc or the debug hooks.
 *
 * The budget: by default Lua's own (`limit` against `in_use`). A host running minipy's runtime
 * shares the runtime's instead (lua_host_allocator_share_budget with minipy_memory_budget's
 * two fields): one limit, one count of live bytes that the runtime's accounting hook keeps
 * for Python's blocks and this allocator for Lua's.
 *
 * lua_Alloc's contract (Lua 5.4 manual §4.6; the facts in lua-alloc.md), kept exactly:
 *   - nsize == 0 frees ptr (ptr may be NULL, then nothing happens) and returns NULL;
 *   - ptr == NULL: osize is a type code, not a size, and is ignored;
 *   - ptr != NULL: osize is the size Lua last asked for; a debug build checks it against the
 *     block (the debug hooks' header records the size: an exact check when they are on;
 *     malloc_usable_size bounds it under malloc) and stops the process on a mismatch;
 *   - a request that grows past the budget, or that the domain refuses, returns NULL and leaves
 *     the old block valid and unchanged: Lua then runs its emergency collection and retries
 *     once before it raises "not enough memory";
 *   - a shrink never fails: when the domain cannot move the block to a smaller one, the old
 *     block is kept (it is large enough) and Lua is told the new size.
 * The function never calls back into Lua, never longjmps and never allocates elsewhere. */
#ifndef MINIPY_LUA_ALLOC_H
#define MINIPY_LUA_ALLOC_H

#include <stddef.h>

#include "minipy/pymem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    kLuaHostDomainRaw, /* PyMem_RawRealloc / PyMem_RawFree: thread-safe, no GIL needed */
    kLuaHostDomainMem, /* PyMem_Realloc / PyMem_Free */
    kLuaHostDomainObj  /* PyObject_Realloc / PyObject_Free: the default */
} LuaHostDomain;

typedef struct {
    LuaHostDomain domain;
    const char *allocator_name;      /* what the domains held at init, as PYTHONMALLOC names it;
                                        NULL for any other set-up */
    void *(*malloc_fn)(size_t size); /* the domain's public functions, called directly */
    void *(*realloc_fn)(void *ptr, size_t new_size);
    void (*free_fn)(void *ptr);
    int use_serving;            /* 1: `serving` serves Lua instead (a shared budget) */
    PyMemAllocatorEx serving;   /* the allocator under the runtime's accounting hook */
    int check_osize;            /* debug build: 2 exact (debug hooks' header), 1 bound, 0 none */
    size_t limit;               /* Lua's own budget: payload bytes Lua may hold; 0: no limit */
    size_t *budget_used;        /* the budget's count of live bytes: &in_use, or the shared one */
    const size_t *budget_limit; /* the budget's limit: &limit, or the shared one */
    size_t in_use;              /* payload bytes Lua holds now (the sum of its nsizes) */
    size_t peak;                /* most payload bytes held at once */
    size_t blocks;              /* blocks Lua holds now */
    size_t calls;               /* calls of the allocator */
    size_t refused;             /* requests answered NULL (budget or domain) */
    size_t kept_shrinks;        /* shrinks the domain could not move, served by the old block */
} LuaHostAllocator;

/* The name --domain takes: "raw", "mem" or "obj". Returns 0 and sets *out, or -1. */
int lua_host_domain_from_name(const char *name, LuaHostDomain *out);
const char *lua_host_domain_name(LuaHostDomain domain);

/* Sets up the record for a domain, with no limit and zeroed counters. Call it after the
 * allocators are chosen (minipy_alloc_init_from_env): the debug build asks then whether the
 * debug hooks are on, to know how to check osize. */
void lua_host_allocator_init(LuaHostAllocator *allocator, LuaHostDomain domain);

/* Makes Lua count against a budget shared with others: *limit (0: none) is compared with
 * *used, which this allocator raises and lowers by Lua's bytes as the others do by theirs
 * (minipy_memory_budget's limit and used). `serving` is the allocator Lua's blocks then come
 * from (minipy_get_unaccounted_allocator: the one under the runtime's accounting hook, which
 * counts Python's blocks itself). Call it before lua_newstate. */
void lua_host_allocator_share_budget(LuaHostAllocator *allocator, const PyMemAllocatorEx *serving,
                                     size_t *used, const size_t *limit);

/* The lua_Alloc: pass it with the record as ud to lua_newstate. */
void *lua_host_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* After lua_close: every block must have come back. Returns 0, or -1 (and writes what is
 * left to stderr) if Lua still holds blocks by this record's count. */
int lua_host_allocator_check_closed(const LuaHostAllocator *allocator);

#ifdef __cplusplus
}
#endif

#endif /* MINIPY_LUA_ALLOC_H */
