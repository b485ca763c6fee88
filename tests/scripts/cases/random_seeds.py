# random.seed of ints (their absolute value, every 32-bit word), floats (their hash), str and
# bytes (version 2: SHA-512; version 1: the old string hash): the numbers python3.11 gives.
import random

SEEDS = [0, 1, -1, 2, 42, -42, True, 2**31, 2**32 - 1, 2**32, 2**32 + 1, 2**64 - 1, 2**64,
         2**100, -2**100, 10**50, 3**300, 7**1000, 1.5, -2.25, 0.0, 1e300, 123456789.0,
         "", "a", "hello", "Hello, world!", "héllo ✓ 日本", "x" * 1000,
         b"", b"abc", bytes(range(256))]

for s in SEEDS:
    random.seed(s)
    print(repr(s)[:40], random.random(), random.random(), random.getrandbits(32),
          random.randrange(1000))

for s in ["", "a", "hello", "héllo", b"", b"abc", b"\xff\xfe"]:
    random.seed(s, version=1)
    print("v1", repr(s), random.random(), random.getrandbits(64))

# a seed given to Random() and to seed() on an instance
r = random.Random(12345)
print(r.random(), r.randint(1, 6))
r.seed(12345)
print(r.random(), r.randint(1, 6))
print(random.Random("spam").random(), random.Random(b"spam").random())
# the same int seed in two forms
random.seed(7)
a = [random.random() for _ in range(5)]
random.seed(-7)
b = [random.random() for _ in range(5)]
print(a == b, a)
