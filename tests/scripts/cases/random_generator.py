# The generator itself (_random.Random, under random.Random): seeding, words, wide
# getrandbits, and the seeds that are not plain ints (int subclasses, hashes of floats).
import _random
import random

g = _random.Random(5)
print(g.random(), g.getrandbits(32), g.getrandbits(10000) % (10**40 + 7))
g.seed(2**70)
print(g.random(), [g.getrandbits(k) for k in (1, 31, 32, 33, 64, 96)])
g.seed(-(2**70))
print(g.random())
g.seed("abc")                   # _random hashes what is not an int: a str seed is not stable
print(0.0 <= g.random() < 1.0)
g.seed(1.0)
h = _random.Random(1)
print(g.random() == h.random())  # hash(1.0) == 1
print(isinstance(random.Random(), _random.Random), random.Random.__mro__[1] is _random.Random)
st = g.getstate()
print(type(st), len(st), st[-1])
g.setstate(st)
print(g.getstate() == st)
words = list(st)
words[-1] = 624                  # at the end of the words: the next draw regenerates them
g.setstate(tuple(words))
print(g.random())
words[-1] = 0
g.setstate(tuple(words))
print(g.random())
print(_random.Random().random() != _random.Random().random())


class Weird(int):
    def __abs__(self):
        return 99

    def __neg__(self):
        return 98


random.seed(Weird(-3))
a = random.random()
random.seed(3)
print(a == random.random(), a)
for seed in (0.5, -0.5, 1e-300, 2.0 ** 60, -1e308, float("inf"), float("-inf")):
    random.seed(seed)
    print(seed, random.random())

# many words of state, drawn across several regenerations
random.seed(31337)
total = 0
for _ in range(5000):
    total = (total * 31 + random.getrandbits(32)) % (2**61 - 1)
print(total, random.getrandbits(4096) % 1000003, random.randrange(10**300) % 997)
print(random.getrandbits(20000).bit_length() <= 20000, random.random())


# subclasses of either class: their own __init__, the generator's argument checks
class Summed(random.Random):
    def __init__(self, a, b):
        super().__init__(a + b)


class Plain(_random.Random):
    pass


print(Summed(1, 2).random() == random.Random(3).random(), Plain(3).random())
for make in (lambda: Plain(1, 2), lambda: _random.Random(x=1)):
    try:
        make()
    except TypeError as e:
        print("TypeError", e)
r = random.Random(1)
print(r.__dict__)
r.label = "mine"
print(r.label, r.random())
