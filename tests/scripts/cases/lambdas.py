sq = lambda x: x * x
print(sq(5), (lambda: 42)(), (lambda *a: a)(1, 2))
pairs = [(1, "b"), (2, "a"), (0, "c")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda x: x + 1, [1, 2])) if False else [x + 1 for x in [1, 2]])
