# A snake game played by a scripted AI on a small board: the snake as a list of cells with
# a set for collision checks, food placed by a seeded generator on free cells, a greedy
# move choice that avoids walls and itself, growth and score, and the game-over reason.

import random


class Game:
    DIRS = {"U": (-1, 0), "D": (1, 0), "L": (0, -1), "R": (0, 1)}

    def __init__(self, h, w, seed):
        self.h, self.w = h, w
        self.rng = random.Random(seed)
        self.snake = [(h // 2, w // 2), (h // 2, w // 2 - 1), (h // 2, w // 2 - 2)]
        self.body = set(self.snake)
        self.score = 0
        self.ticks = 0
        self.food = self.place_food()

    def place_food(self):
        free = [(r, c) for r in range(self.h) for c in range(self.w) if (r, c) not in self.body]
        return self.rng.choice(free) if free else None

    def safe(self, cell, growing):
        r, c = cell
        if not (0 <= r < self.h and 0 <= c < self.w):
            return False
        tail_moves = not growing and cell == self.snake[-1]
        return cell not in self.body or tail_moves

    def choose(self):
        head = self.snake[0]
        options = []
        for name, (dr, dc) in self.DIRS.items():
            cell = (head[0] + dr, head[1] + dc)
            growing = cell == self.food
            if self.safe(cell, growing):
                room = sum(self.safe((cell[0] + a, cell[1] + b), False) for a, b in self.DIRS.values())
                dist = abs(cell[0] - self.food[0]) + abs(cell[1] - self.food[1])
                options.append((dist - room, name, cell))
        return min(options) if options else None

    def tick(self):
        self.ticks += 1
        choice = self.choose()
        if choice is None:
            raise RuntimeError(f"trapped at {self.snake[0]} after {self.ticks} ticks")
        _, name, cell = choice
        if cell == self.food:
            self.score += 1
            self.snake.insert(0, cell)
            self.body.add(cell)
            self.food = self.place_food()
            if self.food is None:
                raise RuntimeError("board full: perfect game")
        else:
            tail = self.snake.pop()
            self.body.discard(tail)
            self.snake.insert(0, cell)
            self.body.add(cell)
        return name

    def draw(self):
        rows = [["." for _ in range(self.w)] for _ in range(self.h)]
        for r, c in self.snake[1:]:
            rows[r][c] = "o"
        rows[self.snake[0][0]][self.snake[0][1]] = "@"
        if self.food:
            rows[self.food[0]][self.food[1]] = "*"
        return "\n".join("".join(r) for r in rows)


for seed in (1, 2, 3):
    game = Game(8, 12, seed)
    moves = []
    try:
        while game.ticks < 400:
            moves.append(game.tick())
        reason = "time limit"
    except RuntimeError as e:
        reason = str(e)
    print(f"seed {seed}: score {game.score}, length {len(game.snake)}, {game.ticks} ticks: {reason}")
    print("   first moves:", "".join(moves[:40]))
    turns = sum(a != b for a, b in zip(moves, moves[1:]))
    print("   turns:", turns, "move counts:", {d: moves.count(d) for d in "UDLR"})
print(game.draw())
print("body consistent:", game.body == set(game.snake), len(game.body) == len(game.snake))
