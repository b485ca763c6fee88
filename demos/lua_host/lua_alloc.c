/* lua_alloc.c: the lua_Alloc over a minipy domain (see lua_alloc.h for the contract it keeps).
 *
 * Hot path: every allocation Lua makes comes here (about 1.4 million in a user-mode run of
 * Lua's test suite), so the release build does one indirect call to the domain (or, sharing
 * the runtime's budget, to the allocator under its accounting hook) plus a few counter
 * updates. The osize check exists only in builds without NDEBUG. */
#include "lua_alloc.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "minipy/pymem.h"

static const char *const kDomainNames[] = {"raw", "mem", "obj"};

int lua_host_domain_from_name(const char *name, LuaHostDomain *out) {
    for (int i = 0; i < 3; i++) {
        if (strcmp(name, kDomainNames[i]) == 0) {
            *out = (LuaHostDomain)i;
            return 0;
        }
    }
    return -1;
}

const char *lua_host_domain_name(LuaHostDomain domain) {
    return kDomainNames[domain];
}

void lua_host_allocator_init(LuaHostAllocator *allocator, LuaHostDomain domain) {
    memset(allocator, 0, sizeof(*allocator));
    allocator->domain = domain;
    allocator->allocator_name = _PyMem_GetCurrentAllocatorName();
    switch (domain) {
    case kLuaHostDomainRaw:
        allocator->malloc_fn = PyMem_RawMalloc;
        allocator->realloc_fn = PyMem_RawRealloc;
        allocator->free_fn = PyMem_RawFree;
        break;
    case kLuaHostDomainMem:
        allocator->malloc_fn = PyMem_Malloc;
        allocator->realloc_fn = PyMem_Realloc;
        allocator->free_fn = PyMem_Free;
        break;
    case kLuaHostDomainObj:
        allocator->malloc_fn = PyObject_Malloc;
        allocator->realloc_fn = PyObject_Realloc;
        allocator->free_fn = PyObject_Free;
        break;
    }
    allocator->budget_used = &allocator->in_use;
    allocator->budget_limit = &allocator->limit;
#ifndef NDEBUG
    /* The debug hooks record each block's requested size in the S bytes at p - 2S (CPython's
     * layout, big-endian): an exact check. Under plain malloc the usable size bounds it. Under
     * bare pymalloc, or an allocator a host installed, there is nothing cheap to ask. */
    const char *name = allocator->allocator_name;
    if (name != NULL && strstr(name, "_debug") != NULL) {
        allocator->check_osize = 2;
    } else if (name != NULL && (strcmp(name, "malloc") == 0 || domain == kLuaHostDomainRaw)) {
        allocator->check_osize = 1;
    }
#endif
}

#ifndef NDEBUG
/* The size the debug hooks recorded for a block (CPython's read_size_t). */
static size_t debug_hooks_block_size(const void *ptr) {
    const unsigned char *q = (const unsigned char *)ptr - 2 * sizeof(size_t);
    size_t size = 0;
    for (size_t i = 0; i < sizeof(size_t); i++) size = (size << 8) | q[i];
    return size;
}

/* Stops the process when Lua's osize cannot be the size of the block: Lua's bookkeeping (or
 * a C module calling the allocator by hand) is wrong, and freeing or moving the block with
 * that size would corrupt the heap. The message is formatted without allocating. */
static void check_osize(const LuaHostAllocator *allocator, const void *ptr, size_t osize) {
    size_t recorded = 0;
    int bad = 0;
    if (allocator->check_osize == 2) {
        recorded = debug_hooks_block_size(ptr);
        /* A shrink the domain could not move leaves the block larger than Lua believes. */
        bad = allocator->kept_shrinks == 0 ? recorded != osize : recorded < osize;
    } else {
        recorded = malloc_usable_size((void *)ptr);
        bad = recorded < osize;
    }
    if (bad) {
        static char message[160];
        snprintf(message, sizeof(message),
                 "osize %zu does not match the block at p=%p (%s %zu bytes)", osize, ptr,
                 allocator->check_osize == 2 ? "the debug hooks recorded" : "usable size",
                 recorded);
        minipy_fatal_error("lua_host_alloc", message);
    }
}
#endif

/* Whether the budget admits `grow` more bytes (the test the runtime's hook applies too). */
static inline int budget_admits(const LuaHostAllocator *allocator, size_t grow) {
    const size_t limit = *allocator->budget_limit;
    if (__builtin_expect(limit == 0, 1)) return 1;
    const size_t used = *allocator->budget_used;
    return used < limit && grow <= limit - used;
}

/* Lua's bytes go from old_size to new_size, in its own count and the budget's. */
static inline void count_bytes(LuaHostAllocator *allocator, size_t old_size, size_t new_size) {
    allocator->in_use = allocator->in_use - old_size + new_size;
    if (allocator->budget_used != &allocator->in_use)
        *allocator->budget_used = *allocator->budget_used - old_size + new_size;
}

/* The two calls that make up most of Lua's traffic, a new block and a freed one, count before
 * they call the domain, so that the function keeps almost nothing alive across that call (a
 * freed block needs nothing afterwards; a new one its size, should the domain refuse it): the
 * bookkeeping around the call, not pymalloc, was most of the host's cost per allocation. */
static inline void *new_block(LuaHostAllocator *allocator, size_t nsize) {
    if (__builtin_expect(!budget_admits(allocator, nsize), 0)) {
        allocator->refused++;
        return NULL;
    }
    count_bytes(allocator, 0, nsize);
    allocator->blocks++;
    void *block = allocator->use_serving ? allocator->serving.malloc(allocator->serving.ctx, nsize)
                                         : allocator->malloc_fn(nsize);
    if (__builtin_expect(block == NULL, 0)) {
        count_bytes(allocator, nsize, 0);
        allocator->blocks--;
        allocator->refused++;
        return NULL;
    }
    if (allocator->in_use > allocator->peak) allocator->peak = allocator->in_use;
    return block;
}

static inline void free_block(LuaHostAllocator *allocator, void *ptr, size_t osize) {
    count_bytes(allocator, osize, 0);
    allocator->blocks--;
    if (allocator->use_serving)
        allocator->serving.free(allocator->serving.ctx, ptr);
    else
        allocator->free_fn(ptr);
}

/* A block that grows or shrinks (Lua's vectors and tables' parts): counted once the domain
 * answered, since a failed shrink still succeeds with the old block. */
static __attribute__((noinline)) void *resize_block(LuaHostAllocator *allocator, void *ptr,
                                                    size_t osize, size_t nsize) {
    if (nsize > osize && !budget_admits(allocator, nsize - osize)) {
        allocator->refused++;
        return NULL;
    }
    void *block = allocator->use_serving
                      ? allocator->serving.realloc(allocator->serving.ctx, ptr, nsize)
                      : allocator->realloc_fn(ptr, nsize);
    if (block == NULL) {
        if (nsize > osize) {
            allocator->refused++;
            return NULL;
        }
        /* lua_Alloc's 5.3 rule, kept: a shrink never fails. The old block is big enough;
         * Lua's count follows nsize, as it will pass nsize back as osize. */
        allocator->kept_shrinks++;
        block = ptr;
    }
    count_bytes(allocator, osize, nsize);
    if (allocator->in_use > allocator->peak) allocator->peak = allocator->in_use;
    return block;
}

void *lua_host_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    LuaHostAllocator *allocator = (LuaHostAllocator *)ud;
    allocator->calls++;
    if (ptr == NULL) /* osize is a type code (LUA_TSTRING, ...), not a size */
        return nsize == 0 ? NULL : new_block(allocator, nsize);
#ifndef NDEBUG
    if (allocator->check_osize != 0) check_osize(allocator, ptr, osize);
#endif
    if (nsize == 0) {
        free_block(allocator, ptr, osize);
        return NULL;
    }
    return resize_block(allocator, ptr, osize, nsize);
}

void lua_host_allocator_share_budget(LuaHostAllocator *allocator, const PyMemAllocatorEx *serving,
                                     size_t *used, const size_t *limit) {
    allocator->use_serving = 1;
    allocator->serving = *serving;
    allocator->budget_used = used;
    allocator->budget_limit = limit;
}

int lua_host_allocator_check_closed(const LuaHostAllocator *allocator) {
    if (allocator->in_use == 0 && allocator->blocks == 0) return 0;
    fprintf(stderr, "lua_host: Lua left %zu blocks (%zu bytes) after lua_close\n",
            allocator->blocks, allocator->in_use);
    return -1;
}
