-- allocator_test.lua: Lua's own work gives the right results with every block from minipy, and
-- the minipy table tells the truth about it. Run by CTest under PYTHONMALLOC=pymalloc, malloc
-- and pymalloc_debug; prints "ok" last.

-- What the domains hold follows PYTHONMALLOC; Lua's blocks come from the object domain.
local name, domain = minipy.allocator()
assert(name == os.getenv("PYTHONMALLOC"), name)
assert(domain == "obj", domain)

-- The blocks of the Python runtime the host starts before Lua: all that is not Lua's. A
-- collection first, so that Lua's count is exact.
collectgarbage()
local first = minipy.stats()
local python_blocks_at_start = first.blocks - first.lua_blocks
first = nil

-- Work that allocates in every way Lua does: tables (array and hash parts growing and
-- shrinking), strings (short, interned; long), closures with upvalues, coroutines, userdata.
local most_seen = 0 -- the largest count Lua reported along the way
local function note_count()
    most_seen = math.max(most_seen, collectgarbage("count") * 1024)
end
local t = {}
for i = 1, 10000 do t[i] = i * i end
note_count()
for i = 1, 10000, 2 do t[i] = nil end
local sum = 0
for _, v in pairs(t) do sum = sum + v end
assert(sum == 166716670000, sum)

local parts = {}
for i = 1, 2000 do parts[#parts + 1] = string.format("%d:%s", i, string.rep("ab", i % 7)) end
local joined = table.concat(parts, ",")
note_count()
-- The expected figures, counted without building any string.
local length, pairs_of_ab = 2000 - 1, 0
for i = 1, 2000 do
    length = length + math.floor(math.log(i, 10) + 1e-9) + 1 + 1 + 2 * (i % 7)
    pairs_of_ab = pairs_of_ab + i % 7
end
assert(#joined == length, #joined .. " " .. length)
assert(select(2, joined:gsub("ab", "")) == pairs_of_ab)

local function counter()
    local n = 0
    return function() n = n + 1; return n end
end
local counters = {}
for i = 1, 500 do counters[i] = counter() end
for i = 1, 500 do for _ = 1, i do counters[i]() end end
assert(counters[500]() == 501 and counters[1]() == 2)

local producer = coroutine.wrap(function()
    for i = 1, 1000 do coroutine.yield(tostring(i)) end
end)
local total = 0
for _ = 1, 1000 do total = total + tonumber(producer()) end
assert(total == 500500)

local file = io.tmpfile() -- a full userdata with a __gc
file:write(joined)
file:seek("set")
assert(file:read("a") == joined)
file:close()

-- Lua's count and the host's are the same figure: the payload bytes Lua asked for.
collectgarbage()
local count = collectgarbage("count") * 1024
local stats = minipy.stats()
assert(stats.lua_bytes == count, string.format("host %d, Lua %.0f", stats.lua_bytes, count))
assert(stats.lua_peak >= most_seen, stats.lua_peak .. " " .. most_seen)
assert(stats.lua_blocks > 1000 and stats.lua_calls > stats.lua_blocks)
assert(stats.lua_limit == 0 and stats.lua_refused == 0)

-- pymalloc's report, as CPython's sys._debugmallocstats() would give it.
if name:find("^pymalloc") then
    assert(stats.total == stats.arena_bytes and stats.arena_bytes > 0)
    assert(stats.arena_bytes == stats.arenas_allocated_current * stats.arena_size)
    assert(stats.total == stats.allocated_bytes + stats.available_bytes
        + stats.unused_pools * stats.pool_size + stats.pool_header_bytes
        + stats.quantization_bytes + stats.arena_alignment_bytes)
    -- Every small Lua block is a pymalloc block (with the debug hooks' frames making each
    -- block 16 bytes larger), beside the blocks of the Python runtime the host shares.
    local in_pools = 0
    for _, class in ipairs(stats.classes) do
        assert(class.size == (class.class + 1) * 16 and class.blocks_in_use > 0)
        in_pools = in_pools + class.blocks_in_use
    end
    assert(stats.blocks == in_pools + stats.raw_fallback_blocks)
    -- Python's share did not move while only Lua worked.
    assert(python_blocks_at_start > 0, python_blocks_at_start)
    assert(stats.blocks - stats.lua_blocks == python_blocks_at_start,
        stats.blocks .. " " .. stats.lua_blocks .. " " .. python_blocks_at_start)
else
    assert(stats.arena_bytes == 0 and #stats.classes == 0)
end

print("ok")
