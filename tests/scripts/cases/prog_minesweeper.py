# Minesweeper: a board with mines placed by a seeded generator (never on the first click),
# neighbour counts, flood-reveal of empty regions, flags, a simple solver that applies the
# two basic deduction rules until stuck, and the board drawn after each phase.

import random


class Board:
    def __init__(self, rows, cols, mines, seed, first):
        self.rows, self.cols = rows, cols
        rng = random.Random(seed)
        cells = [(r, c) for r in range(rows) for c in range(cols) if (r, c) != first]
        self.mines = set(rng.sample(cells, mines))
        self.revealed, self.flags = set(), set()
        self.exploded = False

    def around(self, r, c):
        return [(r + dr, c + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                if (dr or dc) and 0 <= r + dr < self.rows and 0 <= c + dc < self.cols]

    def count(self, r, c):
        return sum(n in self.mines for n in self.around(r, c))

    def reveal(self, r, c):
        if (r, c) in self.mines:
            self.exploded = True
            return 0
        stack, opened = [(r, c)], 0
        while stack:
            cell = stack.pop()
            if cell in self.revealed or cell in self.flags:
                continue
            self.revealed.add(cell)
            opened += 1
            if self.count(*cell) == 0:
                stack.extend(n for n in self.around(*cell) if n not in self.revealed)
        return opened

    def won(self):
        return len(self.revealed) == self.rows * self.cols - len(self.mines)

    def draw(self, show_mines=False):
        lines = []
        for r in range(self.rows):
            row = ""
            for c in range(self.cols):
                if (r, c) in self.flags:
                    row += "F"
                elif (r, c) in self.revealed:
                    n = self.count(r, c)
                    row += str(n) if n else " "
                elif show_mines and (r, c) in self.mines:
                    row += "*"
                else:
                    row += "#"
            lines.append(row)
        return "\n".join(lines)


def solve_step(board):
    progress = False
    for cell in sorted(board.revealed):
        n = board.count(*cell)
        hidden = [x for x in board.around(*cell) if x not in board.revealed and x not in board.flags]
        flagged = [x for x in board.around(*cell) if x in board.flags]
        if hidden and n == len(flagged) + len(hidden):
            board.flags.update(hidden)
            progress = True
        elif hidden and n == len(flagged):
            for x in hidden:
                board.reveal(*x)
            progress = True
    return progress


for seed, mines in [(3, 10), (8, 14), (21, 25)]:
    first = (4, 4)
    board = Board(9, 9, mines, seed, first)
    opened = board.reveal(*first)
    print(f"seed {seed}, {mines} mines: first click opened {opened} cells")
    rounds = 0
    while not board.won() and solve_step(board):
        rounds += 1
    status = "solved" if board.won() else "stuck, a guess is needed"
    wrong = board.flags - board.mines
    print(f"  after {rounds} rounds: {status}; {len(board.revealed)} open, {len(board.flags)} flags, wrong flags {len(wrong)}")
    print("\n".join("  " + line for line in board.draw().splitlines()))
board = Board(5, 5, 3, 99, (0, 0))
mine = min(board.mines)
print("clicking a mine at", mine, "->", board.reveal(*mine), "exploded:", board.exploded)
print(board.draw(show_mines=True))
