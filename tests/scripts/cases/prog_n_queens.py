# The N-queens puzzle: a generator of every solution by backtracking over columns with sets
# of attacked diagonals, counts for N = 1..8, the first solution drawn, symmetry classes
# found by rotating and reflecting boards, and a validator that rejects bad placements.


def solutions(n):
    cols, diag1, diag2 = set(), set(), set()
    placement = []

    def place(row):
        if row == n:
            yield tuple(placement)
            return
        for col in range(n):
            if col in cols or row - col in diag1 or row + col in diag2:
                continue
            cols.add(col)
            diag1.add(row - col)
            diag2.add(row + col)
            placement.append(col)
            yield from place(row + 1)
            placement.pop()
            cols.remove(col)
            diag1.remove(row - col)
            diag2.remove(row + col)

    return place(0)


def draw(sol):
    n = len(sol)
    return "\n".join(" ".join("Q" if sol[r] == c else "." for c in range(n)) for r in range(n))


def rotate(sol):
    n = len(sol)
    out = [0] * n
    for r, c in enumerate(sol):
        out[c] = n - 1 - r
    return tuple(out)


def reflect(sol):
    return tuple(len(sol) - 1 - c for c in sol)


def canonical(sol):
    forms = []
    for _ in range(4):
        sol = rotate(sol)
        forms += [sol, reflect(sol)]
    return min(forms)


def validate(sol):
    n = len(sol)
    if sorted(sol) != list(range(n)):
        raise ValueError(f"columns must be a permutation of 0..{n - 1}: {sol}")
    for r1 in range(n):
        for r2 in range(r1 + 1, n):
            if abs(sol[r1] - sol[r2]) == r2 - r1:
                raise ValueError(f"queens in rows {r1} and {r2} share a diagonal")
    return True


counts = {n: sum(1 for _ in solutions(n)) for n in range(1, 9)}
print("solutions:", counts)
first = next(solutions(8))
print("first for 8:", first)
print(draw(first))
all8 = list(solutions(8))
classes = {}
for s in all8:
    classes.setdefault(canonical(s), []).append(s)
print("distinct up to symmetry:", len(classes))
sizes = sorted(len(v) for v in classes.values())
print("class sizes:", {size: sizes.count(size) for size in set(sizes)})
print("all valid:", all(validate(s) for s in all8))
print("symmetric under half turn:", [s for s in all8 if rotate(rotate(s)) == s][:2])
for bad in [(0, 1, 2, 3), (1, 3, 0, 0), (1, 3, 0, 2), (2, 0, 3, 1, 4)]:
    try:
        print(bad, validate(bad))
    except ValueError as e:
        print(bad, "ValueError:", e)
gen = solutions(6)
print(next(gen), next(gen), next(gen, "none left?"), next(gen, "no more"))
