-- cmodule_test.lua: a C module loaded with require finds Lua's API and minipy's allocator in
-- the host (exported as the standalone lua exports Lua's API), and allocates through both.
-- arg[1] is the folder holding lua_host_misuse.so. Prints "ok" last.
assert(arg[1], "usage: minipy_lua cmodule_test.lua MODULE_DIR")
package.cpath = arg[1] .. "/?.so"
local misuse = require "lua_host_misuse"
-- The module allocates and frees through the state's allocator and through PyObject_Malloc;
-- a block it failed to free would make the host's check after lua_close fail the run.
local calls = minipy.stats().lua_calls
for _ = 1, 100 do assert(misuse.ok() == true) end
assert(minipy.stats().lua_calls >= calls + 300) -- it did allocate through the host
print("ok")
