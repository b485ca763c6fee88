t = (1, 2, 3)
print(t, t[0], t[1:], len(t), t + (4,), t * 2, (5,), ())
a, b, c = t
print(a, b, c)
print(t.index(2), t.count(3), 2 in t, tuple([4, 5]))
print((1, 2) < (1, 3), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
