# random's state: getstate/setstate round trips (gauss's spare value too), Random instances
# that do not share state, the Python 2 state format, and subclasses that supply their own
# random() or getrandbits().
import random

random.seed(99)
state = random.getstate()
print(type(state), len(state), state[0], len(state[1]), state[1][:3], state[1][-1], state[2])
first = [random.random() for _ in range(700)]   # crosses a regeneration of the 624 words
random.setstate(state)
print(first == [random.random() for _ in range(700)])

random.gauss()                       # leaves its second value for the next call
saved = random.getstate()
print(saved[2])
g1 = random.gauss()
random.setstate(saved)
print(g1 == random.gauss(), g1)
random.seed(99)
print(random.getstate()[2])          # seed() drops the spare value

a = random.Random(1)
b = random.Random(1)
c = random.Random(2)
print(a.random() == b.random(), a.random(), c.random())
a.random()
print(a.random() == b.random())
b.setstate(a.getstate())
print(a.random() == b.random(), a.getstate() == b.getstate())
print(isinstance(a, random.Random), random.Random.VERSION)

# the module's functions share one hidden instance
random.seed(5)
x = random.random()
print(x == random.Random(5).random())

# a version 2 state: the words are taken modulo 2**32
random.seed(3)
version, words, gauss_next = random.getstate()
random.setstate((2, tuple(w + 2**32 for w in words[:-1]) + (words[-1],), None))
y = random.random()
random.seed(3)
print(y == random.random())


class OnlyRandom(random.Random):
    # integers then come from random() alone
    def __init__(self):
        super().__init__(0)
        self.calls = 0

    def random(self):
        self.calls += 1
        return super().random()


r = OnlyRandom()
print([r.randrange(100) for _ in range(10)], r.calls)
print(r.choice("abcdef"), r.sample(range(50), 4), r.calls)
deck = list(range(10))
r.shuffle(deck)
print(deck)


class FromBits(random.Random):
    def getrandbits(self, k):
        return super().getrandbits(k) ^ ((1 << k) - 1)


f = FromBits(8)
print([f.randrange(10) for _ in range(10)], f.randbytes(4))


class Counter(random.Random):
    # a generator of one's own: random() and getrandbits() from a counter
    def __init__(self):
        self.n = 0
        self.gauss_next = None

    def seed(self, a=None):
        self.n = 0

    def random(self):
        self.n += 1
        return (self.n * 0.37) % 1.0

    def getrandbits(self, k):
        self.n += 1
        return (self.n * 2654435761) % (1 << k) if k else 0


cnt = Counter()
print([cnt.randrange(10) for _ in range(8)], cnt.uniform(0, 2), cnt.choices("ab", k=4))
