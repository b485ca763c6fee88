# A Sudoku solver: parses a puzzle written as text, checks it for contradictions, solves it
# by backtracking that always fills the cell with the fewest candidates, and prints the grid.

PUZZLE = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""


def parse(text):
    rows = [line.strip() for line in text.strip().splitlines()]
    if len(rows) != 9 or any(len(r) != 9 for r in rows):
        raise ValueError("a puzzle has 9 rows of 9 cells")
    return [[0 if c == "." else int(c) for c in row] for row in rows]


def candidates(grid, r, c):
    used = set(grid[r]) | {grid[i][c] for i in range(9)}
    br, bc = 3 * (r // 3), 3 * (c // 3)
    used |= {grid[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
    return [d for d in range(1, 10) if d not in used]


def check(grid):
    units = [[(r, c) for c in range(9)] for r in range(9)]
    units += [[(r, c) for r in range(9)] for c in range(9)]
    units += [[(br + i, bc + j) for i in range(3) for j in range(3)]
              for br in (0, 3, 6) for bc in (0, 3, 6)]
    for unit in units:
        values = [grid[r][c] for r, c in unit if grid[r][c]]
        if len(values) != len(set(values)):
            raise ValueError(f"repeated digit in unit starting at {unit[0]}")


def solve(grid, stats):
    best = None
    for r in range(9):
        for c in range(9):
            if grid[r][c] == 0:
                opts = candidates(grid, r, c)
                if best is None or len(opts) < len(best[2]):
                    best = (r, c, opts)
    if best is None:
        return True
    r, c, opts = best
    for d in opts:
        stats["tries"] += 1
        grid[r][c] = d
        if solve(grid, stats):
            return True
    grid[r][c] = 0
    stats["backtracks"] += 1
    return False


def show(grid):
    for r, row in enumerate(grid):
        if r in (3, 6):
            print("------+-------+------")
        cells = ["".join(str(d) if d else "." for d in row[i:i + 3]) for i in (0, 3, 6)]
        print(" | ".join(" ".join(part) for part in cells))


grid = parse(PUZZLE)
check(grid)
stats = {"tries": 0, "backtracks": 0}
print("solved:", solve(grid, stats))
show(grid)
print("tries >= 51:", stats["tries"] >= 51, "backtracks:", stats["backtracks"])
print("row sums:", {sum(row) for row in grid}, "col sums:", {sum(col) for col in zip(*grid)})

bad = PUZZLE.replace("53..7", "55..7")
try:
    check(parse(bad))
except ValueError as e:
    print("ValueError:", e)
try:
    parse("123\n456")
except ValueError as e:
    print("ValueError:", e)
hard = parse(PUZZLE)
hard[0][2] = 4
hard[0][3] = 6
stats = {"tries": 0, "backtracks": 0}
print("unsolvable one solved:", solve(hard, stats))
