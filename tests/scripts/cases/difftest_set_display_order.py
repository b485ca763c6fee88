# Found by the differential test (tests/difftest): a set display of constants
# is built from a frozenset constant (BUILD_SET 0, LOAD_CONST, SET_UPDATE) whose table the new
# set copies, so it prints in that frozenset's order, not in the order of adding the items.
print({'Hello World', 10, '-42'})
print({8, 0, 16, 24, 3})
print({'a b', 'c d', 'e f', 1, 9, 17})
def f():
    return {'Hello World', 10, '-42'}
print(f(), f() == {'-42', 10, 'Hello World'})
s = {1, 2}
s.update({9, 17, 25})
print(s)
print({*{'x y', 3, 11}, 19})
print({*range(3), *'ab'} == {0, 1, 2, 'a', 'b'})
try:
    print({*5})
except TypeError as e:
    print(type(e).__name__, e)
