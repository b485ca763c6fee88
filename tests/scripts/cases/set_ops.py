s = {3, 1, 2}
s.add(4)
s.discard(1)
print(sorted(s), len(s), 2 in s, 9 in s)
a = {1, 2, 3}
b = {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(set(), frozenset([1]) == frozenset([1]), {x % 3 for x in range(10)})
