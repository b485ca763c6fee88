/* lua_cli.h: the standalone `lua` command's behaviour, over a state the host created.
 *
 * What Lua 5.4.4's lua.c documents, in our own code (lua_cli.c): the options -e -l -i -v -E
 * -W - --, the global `arg`, LUA_INIT_5_4 / LUA_INIT, the interactive prompt (_PROMPT,
 * _PROMPT2), error messages with Lua's traceback, Ctrl-C interrupting a running chunk, and
 * the exit statuses. lua_host_main.c creates the state with minipy's allocator and calls
 * these. */
#ifndef MINIPY_LUA_CLI_H
#define MINIPY_LUA_CLI_H

#include <lua.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What luaL_newstate adds to a bare lua_newstate state: a panic function that prints the
 * error object before Lua aborts, and the warning system (off until "@on", as lauxlib's). */
void lua_cli_install_handlers(lua_State *L);

/* Runs the command line argv[0..argc-1] (argv[0] the program name) on L. Returns the
 * process's exit status: EXIT_SUCCESS, or EXIT_FAILURE after an error was reported on
 * stderr. Host-specific usage lines (may be NULL) are printed after Lua's on a bad option. */
int lua_cli_main(lua_State *L, int argc, char **argv, const char *host_usage);

#ifdef __cplusplus
}
#endif

#endif /* MINIPY_LUA_CLI_H */
