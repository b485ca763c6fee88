# A maze solver: an ASCII maze parsed into walls, start and goal, breadth-first search for
# the shortest path, depth-first search for any path (an explicit stack), the path drawn
# back onto the maze, dead ends counted, and an unreachable goal reported.

MAZE = """
#################
#S    #         #
# ### # ### # # #
#   #   #   # # #
### ##### ##### #
#   #   #     # #
# # # # ##### # #
# #   #       #G#
#################
"""


class Maze:
    def __init__(self, text):
        self.rows = [list(line) for line in text.strip("\n").splitlines()]
        self.start = self.goal = None
        for r, row in enumerate(self.rows):
            for c, ch in enumerate(row):
                if ch == "S":
                    self.start = (r, c)
                elif ch == "G":
                    self.goal = (r, c)
        if self.start is None or self.goal is None:
            raise ValueError("maze needs an S and a G")

    def open(self, cell):
        r, c = cell
        return 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]) and self.rows[r][c] != "#"

    def neighbours(self, cell):
        r, c = cell
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            nxt = (r + dr, c + dc)
            if self.open(nxt):
                yield nxt

    def bfs(self):
        came = {self.start: None}
        queue, head = [self.start], 0
        while head < len(queue):
            cell = queue[head]
            head += 1
            if cell == self.goal:
                break
            for nxt in self.neighbours(cell):
                if nxt not in came:
                    came[nxt] = cell
                    queue.append(nxt)
        if self.goal not in came:
            raise LookupError(f"goal {self.goal} unreachable after visiting {len(came)} cells")
        path, cell = [], self.goal
        while cell is not None:
            path.append(cell)
            cell = came[cell]
        return path[::-1], len(came)

    def dfs(self):
        stack, seen = [(self.start, [self.start])], {self.start}
        while stack:
            cell, path = stack.pop()
            if cell == self.goal:
                return path
            for nxt in self.neighbours(cell):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
        return None

    def draw(self, path):
        grid = [row[:] for row in self.rows]
        for r, c in path[1:-1]:
            grid[r][c] = "."
        return "\n".join("".join(row) for row in grid)

    def dead_ends(self):
        return sum(1 for r, row in enumerate(self.rows) for c, ch in enumerate(row)
                   if ch == " " and len(list(self.neighbours((r, c)))) == 1)


maze = Maze(MAZE)
path, visited = maze.bfs()
print(f"shortest path: {len(path) - 1} steps, {visited} cells visited")
print(maze.draw(path))
deep = maze.dfs()
print(f"depth-first path: {len(deep) - 1} steps, same ends: {deep[0] == path[0] and deep[-1] == path[-1]}")
print("dead ends:", maze.dead_ends())
turns = sum(1 for a, b, c in zip(path, path[1:], path[2:])
            if (b[0] - a[0], b[1] - a[1]) != (c[0] - b[0], c[1] - b[1]))
print("turns on the shortest path:", turns)
blocked = Maze(MAZE.replace("# # # # ##### # #", "# # # # ##### ###"))
try:
    blocked.bfs()
except LookupError as e:
    print("LookupError:", e)
print("dfs on blocked maze:", blocked.dfs())
try:
    Maze("###\n# #\n###")
except ValueError as e:
    print("ValueError:", e)
