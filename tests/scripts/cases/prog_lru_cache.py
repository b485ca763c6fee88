# An LRU cache built on a dict's insertion order, with hit/miss statistics, eviction
# callbacks, and a memoizing decorator that uses it; then the cache under a workload.


class LRUCache:
    def __init__(self, capacity, on_evict=None):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}
        self.hits = self.misses = 0
        self.on_evict = on_evict

    def get(self, key, default=None):
        if key in self.data:
            value = self.data.pop(key)
            self.data[key] = value
            self.hits += 1
            return value
        self.misses += 1
        return default

    def put(self, key, value):
        if key in self.data:
            del self.data[key]
        elif len(self.data) >= self.capacity:
            oldest = next(iter(self.data))
            evicted = self.data.pop(oldest)
            if self.on_evict:
                self.on_evict(oldest, evicted)
        self.data[key] = value

    def __contains__(self, key):
        return key in self.data

    def __len__(self):
        return len(self.data)

    def __repr__(self):
        body = ", ".join(f"{k!r}: {v!r}" for k, v in self.data.items())
        return f"LRUCache({self.capacity}, {{{body}}})"

    def stats(self):
        total = self.hits + self.misses
        ratio = self.hits / total if total else 0.0
        return f"hits={self.hits} misses={self.misses} ratio={ratio:.1%}"


def memoize(capacity):
    def decorate(fn):
        cache = LRUCache(capacity)

        def wrapper(*args):
            sentinel = object()
            value = cache.get(args, sentinel)
            if value is sentinel:
                value = fn(*args)
                cache.put(args, value)
            return value

        wrapper.cache = cache
        wrapper.__name__ = fn.__name__
        return wrapper

    return decorate


evicted = []
cache = LRUCache(3, on_evict=lambda k, v: evicted.append(k))
for key in "abcabdeab":
    if cache.get(key) is None:
        cache.put(key, key.upper() * 2)
print(cache, len(cache), "a" in cache, "c" in cache)
print("evicted:", evicted)
print(cache.stats())


@memoize(100)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@memoize(2)
def slow_square(n):
    calls.append(n)
    return n * n


calls = []
print(fib.__name__, fib(90), fib.cache.stats())
print([slow_square(n) for n in [1, 2, 1, 3, 1, 2, 4, 4]])
print("computed:", calls, slow_square.cache.stats())
try:
    LRUCache(0)
except ValueError as e:
    print("ValueError:", e)

pages = [(i * 7) % 11 for i in range(40)]
for size in (2, 4, 8, 11):
    c = LRUCache(size)
    for p in pages:
        if c.get(p) is None:
            c.put(p, True)
    print(f"size {size:>2}: {c.stats()}")
