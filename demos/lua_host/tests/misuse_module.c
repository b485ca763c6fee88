/* misuse_module.c: a Lua C module (require "lua_host_misuse") whose functions misuse memory on
 * purpose, for the death tests of lua_host_test.cpp. It links against nothing: Lua's API and
 * minipy's allocator come from the host executable, which exports them (-Wl,-E), as the
 * standalone `lua` exports Lua's API to the C modules it loads.
 *
 *   overflow()   PyObject_Malloc(15), one byte written past the end, PyObject_Free: under
 *                PYTHONMALLOC=*_debug the debug hooks report the bad trailing pad byte
 *   bad_osize()  calls the state's lua_Alloc by hand with a wrong osize: the host's debug
 *                build stops with its osize report
 *   ok()         allocates and frees correctly through both, returns true */
#include <lauxlib.h>
#include <lua.h>
#include <string.h>

#include "minipy/pymem.h"

static int misuse_overflow(lua_State *L) {
    /* 15 bytes: without the debug hooks pymalloc serves them from its 16-byte class, so the
     * stray byte lands in the block's own slack, truly unseen; with 16 it would hit the next
     * block, which the runtime sharing the allocator may be using (or have on a free list). */
    unsigned char *block = (unsigned char *)PyObject_Malloc(15);
    if (block == NULL) return luaL_error(L, "PyObject_Malloc failed");
    block[15] = 'x'; /* the bug: one byte past the 15 asked for */
    PyObject_Free(block);
    return 0;
}

static int misuse_bad_osize(lua_State *L) {
    void *ud = NULL;
    lua_Alloc alloc = lua_getallocf(L, &ud);
    void *block = alloc(ud, NULL, LUA_TUSERDATA, 24);
    if (block == NULL) return luaL_error(L, "lua_Alloc failed");
    alloc(ud, block, 32, 0); /* the bug: the block has 24 bytes, not 32 */
    return 0;
}

static int misuse_ok(lua_State *L) {
    void *ud = NULL;
    lua_Alloc alloc = lua_getallocf(L, &ud);
    char *block = (char *)alloc(ud, NULL, LUA_TUSERDATA, 24);
    char *object = (char *)PyObject_Malloc(16);
    if (block == NULL || object == NULL) return luaL_error(L, "allocation failed");
    memset(block, 1, 24);
    memset(object, 2, 16);
    block = (char *)alloc(ud, block, 24, 40);
    if (block == NULL) return luaL_error(L, "lua_Alloc failed to grow a block");
    int intact = block[23] == 1;
    alloc(ud, block, 40, 0);
    PyObject_Free(object);
    lua_pushboolean(L, intact);
    return 1;
}

static const luaL_Reg kMisuseFunctions[] = {
    {"overflow", misuse_overflow},
    {"bad_osize", misuse_bad_osize},
    {"ok", misuse_ok},
    {NULL, NULL},
};

/* Exported for require's loader. */
__attribute__((visibility("default"))) int luaopen_lua_host_misuse(lua_State *L);

int luaopen_lua_host_misuse(lua_State *L) {
    luaL_newlib(L, kMisuseFunctions);
    return 1;
}
