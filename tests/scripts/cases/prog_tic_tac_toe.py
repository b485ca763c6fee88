# Tic-tac-toe: a board class, winner detection over the eight lines, a minimax player with
# memoisation over board strings, a game between minimax and a scripted player, a count of
# all reachable positions, and refusals for illegal moves.

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]


class IllegalMove(Exception):
    pass


class Board:
    def __init__(self, cells="........."):
        self.cells = list(cells)

    def turn(self):
        return "X" if self.cells.count("X") == self.cells.count("O") else "O"

    def winner(self):
        for a, b, c in LINES:
            if self.cells[a] != "." and self.cells[a] == self.cells[b] == self.cells[c]:
                return self.cells[a]
        return "draw" if "." not in self.cells else None

    def moves(self):
        return [i for i, c in enumerate(self.cells) if c == "."]

    def play(self, i):
        if self.winner():
            raise IllegalMove("the game is over")
        if not 0 <= i < 9:
            raise IllegalMove(f"square {i} is off the board")
        if self.cells[i] != ".":
            raise IllegalMove(f"square {i} is taken by {self.cells[i]}")
        child = Board(self.cells)
        child.cells[i] = self.turn()
        return child

    def __str__(self):
        return "\n".join(" ".join(self.cells[r:r + 3]) for r in (0, 3, 6))


memo = {}


def minimax(board):
    key = "".join(board.cells)
    if key in memo:
        return memo[key]
    w = board.winner()
    if w:
        result = ({"X": 1, "O": -1, "draw": 0}[w], None)
    else:
        player = board.turn()
        scored = [(minimax(board.play(m))[0], m) for m in board.moves()]
        pick = max if player == "X" else min
        best = pick(s for s, _ in scored)
        result = (best, min(m for s, m in scored if s == best))
    memo[key] = result
    return result


board = Board()
print("value of the empty board:", minimax(board)[0], "positions solved:", len(memo))
scripted = iter([4, 0, 2, 6, 5, 7, 1, 3, 8])
while not board.winner():
    if board.turn() == "X":
        move = minimax(board)[1]
    else:
        move = next(m for m in scripted if m in board.moves())
    board = board.play(move)
    print(f"{board.cells.count('.')} left, {'O' if board.turn() == 'X' else 'X'} took {move}")
print(board)
print("result:", board.winner())
for pos, moves in [("XX.OO....", [2]), ("XOXOOXX..", [8]), ("X........", [0, 9])]:
    b = Board(pos)
    score, best = minimax(b)
    print(f"{pos}: {b.turn()} to move, value {score}, best square {best}")
    for m in moves:
        try:
            b = b.play(m)
            print("  played", m, "->", "".join(b.cells), b.winner())
        except IllegalMove as e:
            print("  IllegalMove:", e)
finals = {}
for key in memo:
    w = Board(key).winner()
    if w:
        finals[w] = finals.get(w, 0) + 1
print("terminal positions:", dict(sorted(finals.items())))
