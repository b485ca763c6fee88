cases = [
    lambda: 1 + "a",
    lambda: [1][5],
    lambda: {}[()],
    lambda: None.foo,
    lambda: int("z"),
    lambda: 5 % 0,
    lambda: len[0],
    lambda: len(5),
    lambda: iter(3),
    lambda: [].pop(),
    lambda: "a" * "b",
    lambda: -"x",
]
for c in cases:
    try:
        c()
    except Exception as e:
        print(type(e), e)
