-- closures: functions with upvalues made in a loop, called a few times and dropped (the
-- closure, its upvalues and the small tables they capture). Prints its CPU seconds.
local n = tonumber(arg[1]) or 1000000
local function make_counter(start, step)
    local state = {value = start}
    return function()
        state.value = state.value + step
        return state.value
    end
end
local start = os.clock()
local sum = 0
local keep = {}
for i = 1, n do
    local counter = make_counter(i, i % 5 + 1)
    sum = sum + counter() + counter()
    keep[i % 128 + 1] = counter
end
local elapsed = os.clock() - start
assert(sum > 0)
print(string.format("%.6f", elapsed))
