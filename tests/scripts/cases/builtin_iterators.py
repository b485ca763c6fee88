names = ["a", "b", "c"]
for i, n in enumerate(names):
    print(i, n)
print(list(enumerate(names, 10)), list(enumerate([], 5)))
print(list(zip([1, 2, 3], "ab")), list(zip()), dict(zip(names, range(3))))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(filter(None, [0, 1, "", "x"])), list(filter(lambda v: v % 2, range(7))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), list(reversed((1, 2))))
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as e:
    print(e)
try:
    reversed({})
except TypeError as e:
    print(e)
it = enumerate("xy")
print(next(it), next(it), type(it), type(zip()))
