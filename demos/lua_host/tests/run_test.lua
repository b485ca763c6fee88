-- run_test.lua: minipy.run runs Python code in the runtime the host shares with Lua. Values
-- come back as Lua values, Python's exceptions as Lua errors, names persist between calls, and
-- Python's blocks come from the same allocator as Lua's. Prints "ok" last.

-- Expressions give their value, converted.
assert(minipy.run("1 + 2") == 3 and math.type(minipy.run("1 + 2")) == "integer")
assert(minipy.run("7 / 2") == 3.5)
assert(minipy.run("2 ** 63") == 2.0 ^ 63) -- past lua_Integer: a float
assert(minipy.run("-(2 ** 63)") == math.mininteger)
assert(minipy.run("'caf\\u00e9'") == "caf\u{e9}") -- str as UTF-8
assert(minipy.run("b'\\x00\\xff'") == "\0\255")
assert(minipy.run("None") == nil)
assert(minipy.run("True") == true and minipy.run("1 > 2") == false)
local t = minipy.run("[1, 'two', [3.0, None, 5], (6,)]")
assert(#t == 4 and t[1] == 1 and t[2] == "two" and t[3][1] == 3.0 and t[3][2] == nil)
assert(t[3][3] == 5 and t[4][1] == 6)
local d = minipy.run("{'a': 1, 2: 'b', 'nested': {'x': [1, 2]}}")
assert(d.a == 1 and d[2] == "b" and d.nested.x[2] == 2)
assert(minipy.run("range(3)") == "range(0, 3)") -- anything else: its str()

-- Statements return nothing; the names they bind stay in __main__ for the next call.
assert(select("#", minipy.run("counter = 0")) == 0)
minipy.run([[
def bump(n):
    global counter
    counter += n
    return counter
]])
for i = 1, 100 do minipy.run("bump(" .. i .. ")") end
assert(minipy.run("counter") == 5050)
assert(minipy.run("[x * x for x in range(5)]")[5] == 16)

-- Python's exceptions are Lua errors with the last line of the traceback.
local ok, message = pcall(minipy.run, "1 / 0")
assert(not ok and message == "ZeroDivisionError: division by zero", message)
ok, message = pcall(minipy.run, "undefined_name")
assert(not ok and message == "NameError: name 'undefined_name' is not defined", message)
ok, message = pcall(minipy.run, "def broken(:")
assert(not ok and message:find("^SyntaxError: invalid syntax"), message)
ok, message = pcall(minipy.run, "raise KeyError('k')")
assert(not ok and message == "KeyError: 'k'", message)
ok, message = pcall(minipy.run, "raise StopIteration")
assert(not ok and message == "StopIteration", message)
ok, message = pcall(minipy.run, "{None: 1}")
assert(not ok and message:find("None as a dict key", 1, true), message)
ok, message = pcall(minipy.run, "l = []\nl.append(l)")
assert(ok)
ok, message = pcall(minipy.run, "l")
assert(not ok and message:find("nested too deeply", 1, true), message)
ok, message = pcall(minipy.run)
assert(not ok and message:find("string expected", 1, true), message)
-- The runtime is fine afterwards.
assert(minipy.run("counter + 1") == 5051)

-- Churn on both sides, in one allocator: Python's blocks come and go, Lua's too.
local before = minipy.stats().blocks
for _ = 1, 200 do
    local r = minipy.run("sorted({str(i): [i] * 3 for i in range(50)}.items())[-1][1]")
    assert(r[1] == 9 and #r == 3) -- '9' sorts last
end
collectgarbage()
minipy.run("l.clear()")
local after = minipy.stats().blocks
if minipy.allocator():find("^pymalloc") then
    assert(after - before < 50, before .. " " .. after) -- nothing piles up
end

print("ok")
