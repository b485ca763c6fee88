# Magic squares: the Siamese method for odd orders, the doubly-even construction for
# orders 4, 8, ..., a checker that reports which line fails, the eight symmetries of a
# square, and the count of distinct 3x3 magic squares found by a search over the free cells.


def siamese(n):
    if n % 2 == 0:
        raise ValueError(f"the Siamese method needs an odd order, not {n}")
    sq = [[0] * n for _ in range(n)]
    r, c = 0, n // 2
    for k in range(1, n * n + 1):
        sq[r][c] = k
        nr, nc = (r - 1) % n, (c + 1) % n
        if sq[nr][nc]:
            nr, nc = (r + 1) % n, c
        r, c = nr, nc
    return sq


def doubly_even(n):
    if n % 4:
        raise ValueError(f"order {n} is not a multiple of 4")
    sq = [[r * n + c + 1 for c in range(n)] for r in range(n)]
    for r in range(n):
        for c in range(n):
            if (r % 4 in (0, 3)) == (c % 4 in (0, 3)):
                sq[r][c] = n * n + 1 - sq[r][c]
    return sq


def check(sq):
    n = len(sq)
    target = n * (n * n + 1) // 2
    lines = {f"row {i}": sum(row) for i, row in enumerate(sq)}
    lines.update({f"col {j}": sum(sq[i][j] for i in range(n)) for j in range(n)})
    lines["diagonal"] = sum(sq[i][i] for i in range(n))
    lines["anti-diagonal"] = sum(sq[i][n - 1 - i] for i in range(n))
    bad = {k: v for k, v in lines.items() if v != target}
    if sorted(x for row in sq for x in row) != list(range(1, n * n + 1)):
        bad["numbers"] = "not 1..n^2"
    return target, bad


def symmetries(sq):
    out = []
    cur = [row[:] for row in sq]
    for _ in range(4):
        cur = [list(row) for row in zip(*cur[::-1])]
        out += [cur, [row[::-1] for row in cur]]
    return out


def show(sq):
    w = len(str(len(sq) ** 2))
    return "\n".join(" ".join(f"{x:>{w}}" for x in row) for row in sq)


def order3_candidates():
    # the centre of a 3x3 magic square is 5, so opposite cells sum to 10: choosing the top
    # row's first two cells and the middle row's first cell fixes the rest
    for a in range(1, 10):
        for b in range(1, 10):
            c = 15 - a - b
            for d in range(1, 10):
                yield [[a, b, c], [d, 5, 10 - d], [10 - c, 10 - b, 10 - a]]


for n in (3, 5, 4, 8):
    sq = siamese(n) if n % 2 else doubly_even(n)
    target, bad = check(sq)
    print(f"order {n}: magic constant {target}, problems {bad or 'none'}")
    if n <= 5:
        print(show(sq))
print("all symmetries magic:", all(not check(s)[1] for s in symmetries(siamese(3))))
print("distinct symmetries of order 3:", len({str(s) for s in symmetries(siamese(3))}))
found = []
for sq in order3_candidates():
    if not check(sq)[1]:
        found.append(sq)
print("3x3 magic squares:", len(found), "first:", found[0], "last:", found[-1])
broken = siamese(3)
broken[0][0], broken[0][1] = broken[0][1], broken[0][0]
print("broken square:", check(broken))
for bad in [lambda: siamese(4), lambda: doubly_even(6)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
