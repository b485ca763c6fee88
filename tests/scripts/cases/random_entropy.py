# Seeding from the system's entropy (seed(), seed(None), Random()) and SystemRandom: the values
# cannot be predicted, so this checks their ranges and that two fresh generators differ.
import random

random.seed()
a = random.random()
random.seed(None)
b = random.random()
print(0.0 <= a < 1.0, 0.0 <= b < 1.0, a != b)
print(random.Random().getstate() != random.Random().getstate())
print(len(random.getstate()[1]), 0 <= random.getstate()[1][-1] <= 624)

s = random.SystemRandom()
values = [s.random() for _ in range(100)]
print(all(0.0 <= v < 1.0 for v in values), len(set(values)) > 90)
print(all(0 <= s.randrange(10) < 10 for _ in range(100)), 1 <= s.randint(1, 6) <= 6)
print(s.getrandbits(0), s.getrandbits(70) < 2**70, len(s.randbytes(16)), s.randbytes(0))
print(sorted(s.sample(range(5), 5)), s.choice("x"), s.seed(42))
deck = list(range(20))
s.shuffle(deck)
print(sorted(deck) == list(range(20)))
for name in ("getstate", "setstate"):
    try:
        getattr(s, name)(None) if name == "setstate" else s.getstate()
    except NotImplementedError as e:
        print(name, type(e).__name__, e)
try:
    s.getrandbits(-1)
except ValueError as e:
    print("getrandbits", e)
print(sorted(random.__all__), all(callable(getattr(random, n)) for n in random.__all__))
