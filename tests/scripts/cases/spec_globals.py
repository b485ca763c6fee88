# Specialized global and builtin loads (LOAD_GLOBAL_MODULE / LOAD_GLOBAL_BUILTIN), module
# attribute loads (LOAD_ATTR_MODULE) and their misses: a global rebound or deleted, a builtin
# shadowed by a global and unshadowed, builtins changed, one code object run with two globals.
import builtins
import sys

counter = 0


def read_counter():
    return counter


for i in range(20):
    counter = i
    read_counter()
print("rebound", read_counter())
del counter
try:
    read_counter()
except NameError as e:
    print("deleted:", e)
counter = "again"
print(read_counter())


def use_len(x):
    return len(x)


for i in range(20):
    use_len("abc")
print("builtin", use_len("abcd"))
len = lambda x: "shadowed"
print(use_len("abc"))
del len
print("unshadowed", use_len("ab"))

real_abs = builtins.abs
for i in range(20):
    abs(-i)
builtins.abs = lambda x: "patched"
print(abs(-3))
builtins.abs = real_abs
print(abs(-3))
del builtins.abs
try:
    abs(-3)
except NameError as e:
    print("no builtin:", e)
builtins.abs = real_abs
print(abs(-4))

# Many new globals (the globals dict grows and its table is rebuilt).
this_module = sys.modules[__name__]
for i in range(40):
    setattr(this_module, "g" + str(i), i)
    read_counter()
    use_len("x")
print("after growth", read_counter(), use_len("xyz"), g39)

# Module attributes.
def version_major():
    return sys.version_info[0] > 2


for i in range(10):
    version_major()
print("module attr", version_major())
sys.path.insert(0, sys.path[0] + "/import_helpers")
import greetings as helper


def helper_value():
    return helper.GREETING


for i in range(10):
    helper_value()
helper.GREETING = "changed"
print(helper_value())
del helper.GREETING
try:
    helper_value()
except AttributeError as e:
    print("module attr gone:", e)
helper.__getattr__ = lambda name: "from __getattr__ " + name
print(helper_value())


# Globals that are a split instance dict (exec in vars(obj)): a value can appear in its shared
# keys without the keys changing, so no builtin may be cached against their version.
class Namespace:
    pass


first, second = Namespace(), Namespace()
first.__builtins__ = __builtins__
first.len = lambda s: "global len"  # the shared keys: __builtins__, len
second.__builtins__ = __builtins__  # split on them, without a len
code = compile("r = [len('abc') for _ in range(50)][-1]", "<split>", "exec")
exec(code, vars(second))
exec(code, vars(first))
print("split globals", second.r, first.r)
exec("def f(x):\n    return len(x)\n", vars(second))
before = [second.f("abc") for _ in range(50)][-1]
vars(second)["len"] = lambda x: "shadowed"
print("split globals gain a name", before, second.f("abc"))
