-- limit_test.lua: minipy.limit caps the budget Lua shares with Python (here Lua does the
-- allocating). Past the cap Lua sees "not enough memory" (LUA_ERRMEM), pcall catches it and the
-- state goes on; Lua's emergency collection still frees garbage when an allocation fails.
-- Prints "ok" last.

local function usage() return minipy.stats().budget_used end

collectgarbage()
local MiB = 1024 * 1024
assert(minipy.limit(usage() + 4 * MiB) == 0) -- no cap before; returns the old one

-- A table that outgrows the cap: a memory error, caught.
local big = {}
local ok, message = pcall(function()
    for i = 1, 10 * MiB do big[i] = i end
end)
assert(not ok and message == "not enough memory", tostring(message))
assert(#big > 1000) -- it grew until the cap stopped it
local refused = minipy.stats().lua_refused
assert(refused > 0)
big = nil
collectgarbage()

-- A string too long for what is left: the same error, from C code (string.rep).
ok, message = pcall(string.rep, "x", 8 * MiB)
assert(not ok and message == "not enough memory", tostring(message))
assert(minipy.stats().lua_refused > refused)

-- The state is fine afterwards: work that fits under the cap succeeds.
local parts = {}
for i = 1, 1000 do parts[i] = tostring(i) end
assert(table.concat(parts):sub(1, 12) == "123456789101")
assert(usage() < minipy.stats().lua_limit)

-- The emergency collection: with the collector stopped, every round below leaves 1 MiB of
-- garbage, 30 MiB in all against a 4 MiB cap. Each allocation that fails makes Lua collect
-- in full and retry once, which succeeds, so no error reaches the script.
collectgarbage("stop")
for i = 1, 30 do
    local s = string.rep("y", MiB - 64) .. i
    assert(#s == MiB - 64 + #tostring(i))
end
collectgarbage("restart")

-- Errors raised while Lua is deep in its own machinery (a coroutine's stack, a table's hash
-- part in the middle of a rehash) leave it usable too.
ok, message = pcall(function()
    local co = coroutine.wrap(function()
        local t = {}
        for i = 1, 10 * MiB do t["k" .. i] = true end
    end)
    co()
end)
assert(not ok and message == "not enough memory", tostring(message))
collectgarbage()

-- Lowering the cap below what Lua holds: nothing grows any more (even the closure the script
-- would make next: it is made before), frees still work.
local function grow() local t = {} for i = 1, 100000 do t[i] = i end end
local held = usage()
minipy.limit(held // 2)
ok, message = pcall(grow)
assert(not ok and message == "not enough memory")

-- No cap again: the big table now fits.
assert(minipy.limit(nil) == held // 2)
big = {}
for i = 1, MiB do big[i] = i end
assert(#big == MiB and minipy.stats().lua_limit == 0)

-- Bad arguments are Lua errors, not crashes.
ok, message = pcall(minipy.limit, -1)
assert(not ok and message:find("limit must not be negative", 1, true), message)
ok, message = pcall(minipy.limit, "lots")
assert(not ok and message:find("number expected", 1, true), message)

print("ok")
