-- table_churn: small tables made and dropped in a sliding window (records of three fields,
-- arrays of four), the allocation pattern of object-heavy Lua code. Prints its CPU seconds.
local n = tonumber(arg[1]) or 2000000
local window = {}
local size = 4096
local start = os.clock()
local sum = 0
for i = 1, n do
    local slot = (i * 2654435761) % size + 1
    if i % 2 == 0 then
        window[slot] = {x = i, y = i + 1, z = i + 2}
    else
        window[slot] = {i, i + 1, i + 2, i + 3}
    end
    local old = window[(slot * 7) % size + 1]
    if old then sum = sum + (old.x or old[1]) end
end
local elapsed = os.clock() - start
assert(sum > 0)
print(string.format("%.6f", elapsed))
