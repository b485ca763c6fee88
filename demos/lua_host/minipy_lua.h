/* minipy_lua.h: the `minipy` library for Lua states created with lua_host_alloc
 * (minipy_lua.c lists its functions). */
#ifndef MINIPY_LUA_H
#define MINIPY_LUA_H

#include <lua.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's opener, for luaL_requiref(L, "minipy", luaopen_minipy, 1). Raises a Lua
 * error if the state does not allocate through lua_host_alloc. */
int luaopen_minipy(lua_State *L);

#ifdef __cplusplus
}
#endif

#endif /* MINIPY_LUA_H */
