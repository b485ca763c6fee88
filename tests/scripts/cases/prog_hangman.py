# Hangman played by a solver: the game as a class tracking guesses and the masked word,
# a solver that filters a word list by the revealed pattern and guesses the most frequent
# unseen letter, several games with a seeded choice of secret words, and invalid guesses.

import random

WORDS = """python minipy allocator runtime interpreter bytecode garbage collector reference
counting generator iterator exception traceback dictionary tuple integer float string
module package import closure decorator lambda keyword argument parameter function""".split()


class Hangman:
    def __init__(self, secret, lives=6):
        self.secret = secret
        self.lives = lives
        self.guessed = []

    @property
    def pattern(self):
        return "".join(c if c in self.guessed else "_" for c in self.secret)

    @property
    def over(self):
        return self.lives == 0 or "_" not in self.pattern

    def guess(self, letter):
        if self.over:
            raise RuntimeError("the game is over")
        if len(letter) != 1 or not letter.isalpha():
            raise ValueError(f"guess one letter, not {letter!r}")
        letter = letter.lower()
        if letter in self.guessed:
            raise ValueError(f"{letter!r} was already guessed")
        self.guessed.append(letter)
        if letter not in self.secret:
            self.lives -= 1
            return False
        return True


def candidates(pattern, guessed, words):
    wrong = {g for g in guessed if g not in pattern}
    out = []
    for w in words:
        if len(w) != len(pattern):
            continue
        if all((p == "_" and c not in guessed) or p == c for p, c in zip(pattern, w)) and not wrong & set(w):
            out.append(w)
    return out


def solver_guess(game, words):
    pool = candidates(game.pattern, game.guessed, words)
    counts = {}
    for w in pool:
        for c in set(w):
            if c not in game.guessed:
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return next(c for c in "etaoinshrdlucmfwypvbgkjqxz" if c not in game.guessed), len(pool)
    return max(sorted(counts), key=counts.get), len(pool)


rng = random.Random(7)
secrets = rng.sample(WORDS, 5)
results = []
for secret in secrets:
    game = Hangman(secret)
    trail = []
    while not game.over:
        letter, pool = solver_guess(game, WORDS)
        hit = game.guess(letter)
        trail.append(f"{letter}{'+' if hit else '-'}({pool})")
    won = "_" not in game.pattern
    results.append(won)
    print(f"{secret:<12} {'won ' if won else 'lost'} lives {game.lives}: {' '.join(trail)}")
print(f"won {sum(results)} of {len(results)}")
game = Hangman("closure", lives=2)
for g in ["e", "E", "ab", "3", "z", "q", "c"]:
    try:
        print(g, "->", game.guess(g), game.pattern, game.lives)
    except (ValueError, RuntimeError) as e:
        print(g, "->", f"{type(e).__name__}: {e}")
print(candidates("_e_e_a_o_", ["e", "a", "o", "z"], WORDS), candidates("______", [], WORDS))
