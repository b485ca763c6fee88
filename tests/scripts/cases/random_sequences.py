# Long runs of each of random's functions after a seed: every value as python3.11 draws it.
import random

random.seed(2024)
print([random.random() for _ in range(20)])
print([random.getrandbits(k) for k in (0, 1, 2, 7, 8, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000)])
print([random.randint(1, 6) for _ in range(60)])
print([random.randint(-10**30, 10**30) for _ in range(5)])
print([random.randrange(10) for _ in range(30)])
print([random.randrange(5, 500, 7) for _ in range(20)])
print([random.randrange(100, -100, -3) for _ in range(20)])
print([random.randrange(2**70) for _ in range(5)])
print([random.randrange(0, 1) for _ in range(3)], random.randint(5, 5))
print([random.choice("abcdefghij") for _ in range(30)])
print([random.choice([1, 2.5, "x", None, (1, 2)]) for _ in range(10)])
print(random.choice(range(10**15)), random.choice((7,)))

deck = list(range(52))
random.shuffle(deck)
print(deck)
small = ["a", "b"]
random.shuffle(small)
print(small)
empty = []
random.shuffle(empty)
print(empty)

print(random.sample(range(10), 10))
print(random.sample(range(10**9), 8))        # the set strategy
print(random.sample(list("abcdefghijklmnopqrstuvwxyz"), 5))   # the pool strategy
print(random.sample(range(1000), 30))
print(random.sample(range(100), 0), random.sample("xyz", 3), random.sample((1, 2, 3, 4), k=2))
print(random.sample(["red", "blue"], counts=[4, 2], k=5))
print(random.sample(range(3), k=3, counts=[1, 0, 2]))

print(random.choices("abc", k=10))
print(random.choices(range(100), k=10))
print(random.choices("abc", [10, 1, 1], k=10))
print(random.choices("abc", cum_weights=[1, 2, 10], k=10))
print(random.choices(["x", "y"], [0.25, 0.75], k=8))
print(random.choices("abc"), random.choices("a", k=0))
print(random.choices([1, 2, 3], weights=[1, 0, 1], k=12))

print([random.uniform(1, 10) for _ in range(5)], random.uniform(-1.5, -1.5))
print([random.triangular() for _ in range(3)], [random.triangular(0, 10, 2) for _ in range(3)],
      random.triangular(3, 3, 3), random.triangular(5, 1))
print([random.gauss() for _ in range(7)])
print([random.gauss(100, 15) for _ in range(6)])
print([random.normalvariate() for _ in range(5)], random.normalvariate(10, 2))
print([random.lognormvariate(0, 0.5) for _ in range(4)])
print([random.expovariate(1.5) for _ in range(5)], random.expovariate(-2))
print([random.vonmisesvariate(1.0, k) for k in (0, 1e-7, 0.5, 4, 50)])
print([random.gammavariate(a, 2.0) for a in (0.1, 0.5, 0.99, 1.0, 1.5, 9.0, 200.0)])
print([random.betavariate(a, b) for a, b in ((0.5, 0.5), (2, 5), (1, 1), (30, 0.1))])
print([random.paretovariate(a) for a in (0.5, 1, 3)])
print([random.weibullvariate(1, b) for b in (0.5, 1, 3)])
print(random.randbytes(0), random.randbytes(1), random.randbytes(13))
print(random.random())
