-- binary_trees: the Benchmarks Game's binary-trees over Lua tables: many short-lived trees
-- of two-slot tables and one long-lived tree. Prints its CPU seconds.
local depth = tonumber(arg[1]) or 15

local function bottom_up(d)
    if d == 0 then return {} end
    d = d - 1
    return {bottom_up(d), bottom_up(d)}
end

local function check(tree)
    if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
    return 1
end

local start = os.clock()
local total = check(bottom_up(depth + 1))
local long_lived = bottom_up(depth)
for d = 4, depth, 2 do
    local iterations = 2 ^ (depth - d + 4)
    for _ = 1, iterations do total = total + check(bottom_up(d)) end
end
total = total + check(long_lived)
local elapsed = os.clock() - start
assert(total > 0)
print(string.format("%.6f", elapsed))
