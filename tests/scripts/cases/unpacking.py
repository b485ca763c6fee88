a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abc"
print(init, last)
x, (y, z) = 1, (2, 3)
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]) if False else [(0, (1, 2))]:
    print(i, p, q)
print(*[1, 2, 3], sep="-")
print([*range(3), *"ab"], (*[1], 2), {**{"a": 1}, "b": 2})
tests = [lambda: [a, b] == 0 or (lambda: None)]
try:
    a, b = 1
except TypeError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
