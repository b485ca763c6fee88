# The knight's tour: Warnsdorff's rule (move to the square with the fewest onward moves,
# ties broken by a fixed order) on boards of several sizes, verification that a tour is
# legal, closed-tour detection, a numbered board, and a backtracking search for small
# boards where the heuristic alone fails.

MOVES = [(2, 1), (1, 2), (-1, 2), (-2, 1), (-2, -1), (-1, -2), (1, -2), (2, -1)]


def neighbours(n, square, visited):
    r, c = square
    for dr, dc in MOVES:
        nr, nc = r + dr, c + dc
        if 0 <= nr < n and 0 <= nc < n and (nr, nc) not in visited:
            yield nr, nc


def warnsdorff(n, start):
    tour, visited = [start], {start}
    while len(tour) < n * n:
        options = list(neighbours(n, tour[-1], visited))
        if not options:
            return None
        nxt = min(options, key=lambda sq: (len(list(neighbours(n, sq, visited))), sq))
        tour.append(nxt)
        visited.add(nxt)
    return tour


def backtrack(n, start):
    tour, visited = [start], {start}
    calls = 0

    def extend():
        nonlocal calls
        calls += 1
        if len(tour) == n * n:
            return True
        for sq in sorted(neighbours(n, tour[-1], visited)):
            tour.append(sq)
            visited.add(sq)
            if extend():
                return True
            visited.remove(tour.pop())
        return False

    found = extend()
    return (tour if found else None), calls


def verify(n, tour):
    if len(set(tour)) != n * n:
        raise ValueError("tour repeats or misses squares")
    for (r1, c1), (r2, c2) in zip(tour, tour[1:]):
        if sorted((abs(r1 - r2), abs(c1 - c2))) != [1, 2]:
            raise ValueError(f"illegal jump {(r1, c1)} -> {(r2, c2)}")
    return True


def closed(tour):
    (r1, c1), (r2, c2) = tour[0], tour[-1]
    return sorted((abs(r1 - r2), abs(c1 - c2))) == [1, 2]


def board(n, tour):
    number = {sq: i + 1 for i, sq in enumerate(tour)}
    width = len(str(n * n))
    return "\n".join(" ".join(f"{number[(r, c)]:>{width}}" for c in range(n)) for r in range(n))


for n in (5, 6, 8):
    tour = warnsdorff(n, (0, 0))
    if tour is None:
        print(f"{n}x{n}: heuristic got stuck")
        continue
    print(f"{n}x{n}: tour of {len(tour)} squares, valid {verify(n, tour)}, closed {closed(tour)}")
print(board(6, warnsdorff(6, (0, 0))))
print("3x3 from corner:", warnsdorff(3, (0, 0)), backtrack(3, (0, 0)))
tour, calls = backtrack(5, (0, 0))
print(f"5x5 backtracking: found {tour is not None} after {calls} calls, ends at {tour[-1]}")
starts = {sq: warnsdorff(5, sq) is not None for sq in [(r, c) for r in range(5) for c in range(5)]}
print("5x5 starts that work:", sum(starts.values()), "of", len(starts))
bad = warnsdorff(5, (0, 0))
bad[3], bad[4] = bad[4], bad[3]
try:
    verify(5, bad)
except ValueError as e:
    print("ValueError:", e)
try:
    verify(5, bad[:-1] + [bad[0]])
except ValueError as e:
    print("ValueError:", e)
