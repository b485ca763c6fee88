# intern, getrefcount, exc_info / exception, _getframe, the int/str digit limit, the
# allocator's counters.
import sys

a = sys.intern("".join(["inter", "ned"]))
b = sys.intern("interned")
print(a is b, a)
for bad in (42, None):
    try:
        sys.intern(bad)
    except TypeError as e:
        print("TypeError:", e)

x = [1, 2, 3]
base = sys.getrefcount(x)
y = x
print(sys.getrefcount(x) - base)
del y
print(sys.getrefcount(x) - base)

print(sys.exc_info(), sys.exception())
try:
    raise KeyError("k")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb is not None, sys.exception() is v)
print(sys.exc_info(), sys.exception())


def who():
    return sys._getframe().f_code.co_name, sys._getframe(1).f_code.co_name


print(who())
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError:", e)

print(sys.get_int_max_str_digits())
try:
    int("1" * 5000)
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(6000)
print(sys.get_int_max_str_digits(), len(str(int("1" * 5000))))
sys.set_int_max_str_digits(maxdigits=0)
print(sys.get_int_max_str_digits(), len(str(10 ** 9000)))
try:
    sys.set_int_max_str_digits(5)
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(4300)

blocks = sys.getallocatedblocks()
print(type(blocks) is int, blocks >= 0)  # 0 under PYTHONMALLOC=malloc, as in CPython
print(sys.getswitchinterval())
