-- string_building: short strings made by concatenation, formatting and substitution, most of
-- them dropped at once, some kept in a rolling buffer and joined. Prints its CPU seconds.
local n = tonumber(arg[1]) or 400000
local start = os.clock()
local buffer, count, total = {}, 0, 0
for i = 1, n do
    local key = "k" .. i
    local line = string.format("%s=%d;%s", key, i * 3, key:upper())
    line = line:gsub("K", "key-")
    count = count + 1
    buffer[count] = line
    if count == 64 then
        total = total + #table.concat(buffer, ",")
        buffer, count = {}, 0
    end
end
local elapsed = os.clock() - start
assert(total > 0)
print(string.format("%.6f", elapsed))
