xs = [5, 2, 8, 2, 9]
print(xs.count(2), xs.index(8), xs.copy(), xs[:] is xs)
xs.remove(2)
print(xs)
xs.clear()
print(xs, len(xs))
ys = [3, 1, 2]
ys.sort(key=lambda v: -v)
print(ys, sorted(["b", "A", "c"], key=lambda s: s.lower()), [1, 2] * 2, [[]] * 2)
print([1, 2, 3] < [1, 2, 4], [1] == [1.0], list(range(3)) + [9])
zs = list("hello")
zs[1:3] = []
print(zs, "".join(zs))
try:
    [].remove(1)
except ValueError as e:
    print(e)
