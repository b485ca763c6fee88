/* minipy_lua.c: the `minipy` table Lua scripts see in the host.
 *
 *   minipy.allocator()  the allocator the domains hold, as PYTHONMALLOC names it ("pymalloc",
 *                       "pymalloc_debug", "malloc", "malloc_debug"; "custom" otherwise), and
 *                       the domain Lua's blocks come from ("raw", "mem", "obj")
 *   minipy.stats()      a table: Lua's own figures (lua_bytes, lua_peak, lua_blocks, lua_limit,
 *                       lua_calls, lua_refused), every figure of pymalloc's report
 *                       (minipy_pymalloc_get_stats), blocks (_Py_GetAllocatedBlocks) and, in
 *                       `classes`, one entry per size class with blocks in use
 *   minipy.limit(n)     caps Lua's payload bytes at n (nil or 0: no cap); returns the old cap.
 *                       Past it allocations fail: Lua collects, retries once, then raises
 *                       "not enough memory", which pcall catches; the state stays usable.
 *
 * minipy.run (minipy code in the shared runtime) comes with the interpreter (issue 16
 * point 5). The table needs the state to allocate through lua_host_alloc: it reads its
 * record with lua_getallocf. */
#include "minipy_lua.h"

#include <lauxlib.h>
#include <stddef.h>
#include <string.h>

#include "lua_alloc.h"
#include "minipy/pymalloc.h"
#include "minipy/pymem.h"

static LuaHostAllocator *host_allocator(lua_State *L) {
    void *ud = NULL;
    if (lua_getallocf(L, &ud) != lua_host_alloc) {
        luaL_error(L, "minipy: this Lua state does not allocate through minipy");
    }
    return (LuaHostAllocator *)ud;
}

static int minipy_allocator(lua_State *L) {
    const LuaHostAllocator *allocator = host_allocator(L);
    const char *name = _PyMem_GetCurrentAllocatorName();
    lua_pushstring(L, name != NULL ? name : "custom");
    lua_pushstring(L, lua_host_domain_name(allocator->domain));
    return 2;
}

static void set_size_field(lua_State *L, const char *key, size_t value) {
    lua_pushinteger(L, (lua_Integer)value);
    lua_setfield(L, -2, key);
}

/* The size_t figures of pymalloc's report, by the names CPython's report gives them. */
typedef struct {
    const char *name;
    size_t offset;
} ReportField;

#define MINIPY_REPORT_FIELD(field) \
    { #field, offsetof(minipy_pymalloc_stats, field) }
static const ReportField kReportFields[] = {
    MINIPY_REPORT_FIELD(arenas_allocated_total),
    MINIPY_REPORT_FIELD(arenas_reclaimed),
    MINIPY_REPORT_FIELD(arenas_highwater),
    MINIPY_REPORT_FIELD(arenas_allocated_current),
    MINIPY_REPORT_FIELD(arena_bytes),
    MINIPY_REPORT_FIELD(allocated_bytes),
    MINIPY_REPORT_FIELD(available_bytes),
    MINIPY_REPORT_FIELD(unused_pools),
    MINIPY_REPORT_FIELD(pool_header_bytes),
    MINIPY_REPORT_FIELD(quantization_bytes),
    MINIPY_REPORT_FIELD(arena_alignment_bytes),
    MINIPY_REPORT_FIELD(total),
};
#undef MINIPY_REPORT_FIELD

static int minipy_stats(lua_State *L) {
    const LuaHostAllocator *allocator = host_allocator(L);
    /* Read everything before creating the table: building it allocates and moves the
     * figures. */
    size_t in_use = allocator->in_use, peak = allocator->peak, blocks = allocator->blocks;
    size_t calls = allocator->calls, refused = allocator->refused;
    Py_ssize_t allocated_blocks = _Py_GetAllocatedBlocks();
    minipy_pymalloc_stats stats;
    minipy_pymalloc_get_stats(&stats);

    lua_createtable(L, 0, 24);
    set_size_field(L, "lua_bytes", in_use);
    set_size_field(L, "lua_peak", peak);
    set_size_field(L, "lua_blocks", blocks);
    set_size_field(L, "lua_limit", allocator->limit);
    set_size_field(L, "lua_calls", calls);
    set_size_field(L, "lua_refused", refused);
    lua_pushinteger(L, (lua_Integer)allocated_blocks);
    lua_setfield(L, -2, "blocks");
    for (size_t i = 0; i < sizeof(kReportFields) / sizeof(kReportFields[0]); i++) {
        const char *at = (const char *)&stats + kReportFields[i].offset;
        size_t value = 0;
        memcpy(&value, at, sizeof(value));
        set_size_field(L, kReportFields[i].name, value);
    }
    lua_pushinteger(L, (lua_Integer)stats.raw_fallback_blocks);
    lua_setfield(L, -2, "raw_fallback_blocks");
    set_size_field(L, "pool_size", stats.geometry.pool_size);
    set_size_field(L, "arena_size", stats.geometry.arena_size);

    lua_createtable(L, 0, 0);
    lua_Integer n = 0;
    for (size_t i = 0; i < stats.geometry.num_size_classes; i++) {
        const minipy_pymalloc_class_stats *c = &stats.classes[i];
        if (c->num_pools == 0) continue;
        lua_createtable(L, 0, 4);
        set_size_field(L, "class", i);
        set_size_field(L, "size", (i + 1) * stats.geometry.alignment);
        set_size_field(L, "num_pools", c->num_pools);
        set_size_field(L, "blocks_in_use", c->blocks_in_use);
        set_size_field(L, "avail_blocks", c->avail_blocks);
        lua_rawseti(L, -2, ++n);
    }
    lua_setfield(L, -2, "classes");
    return 1;
}

static int minipy_limit(lua_State *L) {
    LuaHostAllocator *allocator = host_allocator(L);
    size_t limit = 0;
    if (!lua_isnoneornil(L, 1)) {
        lua_Integer requested = luaL_checkinteger(L, 1);
        luaL_argcheck(L, requested >= 0, 1, "limit must not be negative");
        limit = (size_t)requested;
    }
    lua_pushinteger(L, (lua_Integer)allocator->limit);
    allocator->limit = limit;
    return 1;
}

static const luaL_Reg kMinipyFunctions[] = {
    {"allocator", minipy_allocator},
    {"stats", minipy_stats},
    {"limit", minipy_limit},
    {NULL, NULL},
};

int luaopen_minipy(lua_State *L) {
    (void)host_allocator(L);
    luaL_newlib(L, kMinipyFunctions);
    return 1;
}
