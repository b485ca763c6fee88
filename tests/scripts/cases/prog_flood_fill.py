# A paint program's flood fill: a canvas of characters, fill with a stack (4-connected)
# and with a queue (8-connected), region labelling that counts and measures each region,
# the largest region's bounding box, a bucket tool applied in sequence, and errors for
# clicks outside the canvas.

CANVAS = """
..........##........
..####....##..###...
..#..#....##..#.#...
..####..........#...
..........###.###...
####......#.#.......
...#......###....##.
...#.............##.
"""


class Canvas:
    def __init__(self, text):
        self.grid = [list(row) for row in text.strip("\n").splitlines()]
        self.h, self.w = len(self.grid), len(self.grid[0])

    def __str__(self):
        return "\n".join("".join(row) for row in self.grid)

    def check(self, r, c):
        if not (0 <= r < self.h and 0 <= c < self.w):
            raise IndexError(f"click ({r}, {c}) is outside the {self.h}x{self.w} canvas")

    def fill4(self, r, c, new):
        self.check(r, c)
        old = self.grid[r][c]
        if old == new:
            return 0
        stack, count = [(r, c)], 0
        while stack:
            y, x = stack.pop()
            if 0 <= y < self.h and 0 <= x < self.w and self.grid[y][x] == old:
                self.grid[y][x] = new
                count += 1
                stack.extend([(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)])
        return count

    def fill8(self, r, c, new):
        self.check(r, c)
        old = self.grid[r][c]
        if old == new:
            return 0
        queue, head = [(r, c)], 0
        self.grid[r][c] = new
        while head < len(queue):
            y, x = queue[head]
            head += 1
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < self.h and 0 <= nx < self.w and self.grid[ny][nx] == old:
                        self.grid[ny][nx] = new
                        queue.append((ny, nx))
        return len(queue)

    def regions(self, ch):
        seen, found = set(), []
        for r in range(self.h):
            for c in range(self.w):
                if self.grid[r][c] == ch and (r, c) not in seen:
                    cells, stack = [], [(r, c)]
                    seen.add((r, c))
                    while stack:
                        y, x = stack.pop()
                        cells.append((y, x))
                        for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                            if 0 <= ny < self.h and 0 <= nx < self.w and self.grid[ny][nx] == ch and (ny, nx) not in seen:
                                seen.add((ny, nx))
                                stack.append((ny, nx))
                    found.append(cells)
        return found


canvas = Canvas(CANVAS)
walls = canvas.regions("#")
print(f"{len(walls)} wall regions, sizes {sorted(len(w) for w in walls)}")
biggest = max(walls, key=len)
ys, xs = [y for y, _ in biggest], [x for _, x in biggest]
print("largest box:", (min(ys), min(xs)), (max(ys), max(xs)))
holes = [reg for reg in canvas.regions(".") if all(0 < y < canvas.h - 1 and 0 < x < canvas.w - 1 for y, x in reg)]
print("enclosed holes:", [sorted(h) for h in holes])
print("outside fill (4):", canvas.fill4(0, 0, "~"))
print(canvas)
print("holes left:", sum(row.count(".") for row in canvas.grid))
c2 = Canvas(CANVAS)
print("fill8 from a wall:", c2.fill8(0, 10, "@"), "fill4 from a wall:", Canvas(CANVAS).fill4(0, 10, "@"))
print(c2)
for click in [(3, 3), (20, 1), (-1, 0)]:
    try:
        print(click, "painted", c2.fill4(*click, "o"))
    except IndexError as e:
        print("IndexError:", e)
print("same colour is a no-op:", c2.fill4(0, 0, "."))
