# A Bloom filter with its own hash functions (FNV-1a and djb2 over UTF-8 bytes, combined
# by double hashing) so results do not depend on hash randomisation: sizing from the
# expected count and error rate, membership tests, the measured false-positive rate
# against the theoretical one, and a union of two filters.


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def djb2(data):
    h = 5381
    for b in data:
        h = (h * 33 + b) & 0xFFFFFFFF
    return h


class BloomFilter:
    def __init__(self, expected, error_rate):
        if not 0 < error_rate < 1:
            raise ValueError(f"error rate must be in (0, 1), got {error_rate}")
        ln2 = 0.6931471805599453
        bits = int(-expected * log(error_rate) / (ln2 * ln2)) + 1
        self.size = bits
        self.k = max(1, round(bits / expected * ln2))
        self.bits = 0
        self.count = 0

    def positions(self, item):
        data = str(item).encode()
        h1, h2 = fnv1a(data), djb2(data) | 1
        return [(h1 + i * h2) % self.size for i in range(self.k)]

    def add(self, item):
        for p in self.positions(item):
            self.bits |= 1 << p
        self.count += 1

    def __contains__(self, item):
        return all(self.bits >> p & 1 for p in self.positions(item))

    def fill_ratio(self):
        return bin(self.bits).count("1") / self.size

    def __or__(self, other):
        if (self.size, self.k) != (other.size, other.k):
            raise ValueError("filters must have the same size and hash count")
        out = BloomFilter.__new__(BloomFilter)
        out.size, out.k, out.bits, out.count = self.size, self.k, self.bits | other.bits, self.count + other.count
        return out


def log(x):
    # natural log by range reduction and the atanh series (no math module needed)
    if x <= 0:
        raise ValueError("log of a non-positive number")
    k = 0
    while x > 2:
        x, k = x / 2, k + 1
    while x < 0.5:
        x, k = x * 2, k - 1
    y = (x - 1) / (x + 1)
    total, term, n = 0.0, y, 1
    while abs(term) > 1e-17:
        total += term / n
        term *= y * y
        n += 2
    return 2 * total + k * 0.6931471805599453


print(f"fnv1a('') = {fnv1a(b''):#x}, fnv1a('a') = {fnv1a(b'a'):#x}, djb2('hello') = {djb2(b'hello')}")
bf = BloomFilter(expected=200, error_rate=0.02)
print(f"size {bf.size} bits, {bf.k} hashes")
words = [f"user{i:04d}@example.org" for i in range(200)]
for w in words:
    bf.add(w)
print("all members found:", all(w in bf for w in words), f"fill {bf.fill_ratio():.3f}")
probes = [f"guest{i}" for i in range(5000)]
fp = sum(p in bf for p in probes)
e = 2.718281828459045
theory = (1 - e ** (-bf.k * bf.count / bf.size)) ** bf.k
print(f"false positives {fp}/{len(probes)} = {fp / len(probes):.4f}, theory {theory:.4f}")
other = BloomFilter(200, 0.02)
for w in ["alice", "bob"]:
    other.add(w)
both = bf | other
print("union:", "alice" in both, words[7] in both, both.count, "alice" in bf)
for bad in [lambda: BloomFilter(10, 1.5), lambda: bf | BloomFilter(10, 0.1), lambda: log(-1)]:
    try:
        bad()
    except ValueError as err:
        print("ValueError:", err)
print([round(log(x), 12) for x in (1, 2, 10, 0.25)])
