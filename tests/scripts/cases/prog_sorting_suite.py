# Sorting algorithms compared: insertion, merge, quick (median of three), heap and counting
# sort written by hand, each instrumented with a comparison counter object, checked against
# sorted() on seeded random, sorted, reversed and duplicate-heavy inputs; plus stability
# checked with records sorted by key.

import random


class Counter:
    def __init__(self):
        self.n = 0

    def less(self, a, b):
        self.n += 1
        return a < b


def insertion(xs, cmp):
    xs = list(xs)
    for i in range(1, len(xs)):
        item, j = xs[i], i - 1
        while j >= 0 and cmp.less(item, xs[j]):
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = item
    return xs


def merge_sort(xs, cmp):
    if len(xs) <= 1:
        return list(xs)
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid], cmp), merge_sort(xs[mid:], cmp)
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if cmp.less(right[j], left[i]):
            out.append(right[j])
            j += 1
        else:
            out.append(left[i])
            i += 1
    return out + left[i:] + right[j:]


def quick_sort(xs, cmp):
    if len(xs) <= 1:
        return list(xs)
    a, b, c = xs[0], xs[len(xs) // 2], xs[-1]
    pivot = sorted([a, b, c])[1]
    less = [x for x in xs if cmp.less(x, pivot)]
    more = [x for x in xs if cmp.less(pivot, x)]
    equal = [x for x in xs if not (x < pivot or pivot < x)]
    return quick_sort(less, cmp) + equal + quick_sort(more, cmp)


def heap_sort(xs, cmp):
    xs = list(xs)

    def sift(start, end):
        root = start
        while 2 * root + 1 < end:
            child = 2 * root + 1
            if child + 1 < end and cmp.less(xs[child], xs[child + 1]):
                child += 1
            if not cmp.less(xs[root], xs[child]):
                return
            xs[root], xs[child] = xs[child], xs[root]
            root = child

    for start in range(len(xs) // 2 - 1, -1, -1):
        sift(start, len(xs))
    for end in range(len(xs) - 1, 0, -1):
        xs[0], xs[end] = xs[end], xs[0]
        sift(0, end)
    return xs


def counting_sort(xs, cmp):
    if not xs:
        return []
    lo, hi = min(xs), max(xs)
    counts = [0] * (hi - lo + 1)
    for x in xs:
        counts[x - lo] += 1
    return [v + lo for v, k in enumerate(counts) for _ in range(k)]


rng = random.Random(314)
inputs = {"random": [rng.randrange(1000) for _ in range(200)], "sorted": list(range(200)),
          "reversed": list(range(200, 0, -1)), "few values": [rng.choice([3, 1, 4]) for _ in range(200)],
          "empty": [], "one": [42]}
algorithms = [insertion, merge_sort, quick_sort, heap_sort, counting_sort]
print(f"{'input':<11}" + "".join(f"{a.__name__:>15}" for a in algorithms))
for name, data in inputs.items():
    cells = []
    for algo in algorithms:
        cmp = Counter()
        result = algo(data, cmp)
        if result != sorted(data):
            raise AssertionError(f"{algo.__name__} failed on {name}")
        cells.append(f"{cmp.n:>15,}")
    print(f"{name:<11}" + "".join(cells))
records = [(rng.choice("abc"), i) for i in range(12)]


class KeyCmp(Counter):
    def less(self, a, b):
        self.n += 1
        return a[0] < b[0]


for algo in (insertion, merge_sort, heap_sort):
    out = algo(records, KeyCmp())
    stable = out == sorted(records, key=lambda r: r[0])
    print(f"{algo.__name__:<10} stable: {stable}  {''.join(k for k, _ in out)} {[i for _, i in out][:6]}")
print(sorted(records, key=lambda r: (r[0], -r[1]))[:4], sorted("Banana apple Cherry".split(), key=str.lower))
