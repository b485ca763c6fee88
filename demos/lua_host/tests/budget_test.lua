-- budget_test.lua: Lua and Python count against one budget (minipy.limit sets it). Python
-- filling most of it makes Lua's allocations fail with "not enough memory", from which Lua
-- recovers; Lua holding most of it makes minipy.run raise MemoryError, from which Python
-- recovers; minipy.stats() shows both languages' bytes in the one count. Prints "ok" last.

local MiB = 1024 * 1024

-- One count: what Lua holds plus what Python's domains hold, read at the same moment.
local function check_one_count()
    local s = minipy.stats()
    assert(s.budget_used == s.lua_bytes + s.python_bytes,
           ("budget %d, Lua %d, Python %d"):format(s.budget_used, s.lua_bytes, s.python_bytes))
    return s
end

collectgarbage()
local s = check_one_count()
assert(s.budget_limit == 0 and s.lua_limit == 0)
assert(s.lua_bytes > 0 and s.python_bytes > 0 and s.python_blocks > 0)

-- Python's bytes show in the count as it allocates and frees.
minipy.run("big = 'p' * (8 * 1024 * 1024)")
local with_big = check_one_count()
assert(with_big.python_bytes >= s.python_bytes + 8 * MiB)

-- Python holds most of the budget: a Lua allocation of 2 MiB does not fit in what is left.
collectgarbage()
assert(minipy.limit(check_one_count().budget_used + MiB) == 0)
local refused = minipy.stats().lua_refused
local ok, message = pcall(string.rep, "l", 2 * MiB)
assert(not ok and message == "not enough memory", tostring(message))
assert(minipy.stats().lua_refused > refused)
-- Lua carries on with what fits.
local parts = {}
for i = 1, 100 do parts[i] = tostring(i) end
assert(#table.concat(parts) == 192)
-- Python lets go: the same Lua allocation fits now.
minipy.run("del big")
local l = string.rep("l", 2 * MiB)
assert(#l == 2 * MiB)
assert(minipy.stats().python_refused == 0)
check_one_count()

-- Lua holds most of the budget: Python cannot build a 4 MiB string.
minipy.limit(nil)
local hog = string.rep("h", 8 * MiB)
l = nil
collectgarbage()
minipy.limit(check_one_count().budget_used + MiB)
ok, message = pcall(minipy.run, "s = 'z' * (4 * 1024 * 1024)")
assert(not ok and message == "MemoryError", tostring(message))
assert(minipy.stats().python_refused > 0)
-- Python carries on with what fits.
assert(minipy.run("sum(range(100))") == 4950)
-- Lua lets go: Python's string fits now.
hog = nil
collectgarbage()
assert(minipy.run("len('z' * (4 * 1024 * 1024))") == 4 * MiB)

-- No limit again; the count still adds up.
assert(minipy.limit(nil) > 0)
check_one_count()
print("ok")
