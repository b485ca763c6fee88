# Conway's Game of Life on a wrapping board: cells kept as a set of coordinates, neighbour
# counts with a dict, a glider and a blinker run for several generations, period detection
# by remembering frozensets of live cells, and a drawn board.


class Life:
    def __init__(self, width, height, pattern, origin=(0, 0)):
        self.width, self.height = width, height
        ox, oy = origin
        self.cells = {(ox + x, oy + y) for y, row in enumerate(pattern.split("|"))
                      for x, ch in enumerate(row) if ch == "#"}
        self.generation = 0

    def neighbours(self, x, y):
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    yield (x + dx) % self.width, (y + dy) % self.height

    def step(self):
        counts = {}
        for cell in self.cells:
            for n in self.neighbours(*cell):
                counts[n] = counts.get(n, 0) + 1
        self.cells = {c for c, k in counts.items() if k == 3 or (k == 2 and c in self.cells)}
        self.generation += 1

    def draw(self):
        return "\n".join("".join("#" if (x, y) in self.cells else "." for x in range(self.width))
                         for y in range(self.height))

    def bounding_box(self):
        if not self.cells:
            return None
        xs = [x for x, _ in self.cells]
        ys = [y for _, y in self.cells]
        return min(xs), min(ys), max(xs), max(ys)

    def find_period(self, limit):
        seen = {frozenset(self.cells): self.generation}
        for _ in range(limit):
            self.step()
            key = frozenset(self.cells)
            if key in seen:
                return self.generation - seen[key]
            seen[key] = self.generation
        return None


glider = Life(8, 6, ".#.|..#|###", origin=(1, 1))
print(glider.draw())
for _ in range(4):
    glider.step()
print(f"after {glider.generation}: {len(glider.cells)} cells, box {glider.bounding_box()}")
print(glider.draw())
print("glider period on 8x6:", glider.find_period(100))

blinker = Life(5, 5, "###", origin=(1, 2))
print("blinker period:", blinker.find_period(10), sorted(blinker.cells))

block = Life(4, 4, "##|##", origin=(1, 1))
print("block period:", block.find_period(5))

dying = Life(6, 6, "#...#", origin=(0, 0))
dying.step()
print("lonely cells die:", dying.cells, dying.bounding_box())

rpent = Life(20, 20, ".##|##.|.#.", origin=(8, 8))
populations = []
for _ in range(30):
    rpent.step()
    populations.append(len(rpent.cells))
print("r-pentomino populations:", populations)
print("peak", max(populations), "at generation", populations.index(max(populations)) + 1)
