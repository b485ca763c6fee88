# Descriptive statistics and ASCII histograms of seeded random data: a normal sample, an
# exponential one and dice sums; bins computed by hand, bars scaled to a width, quartiles,
# mode, a stem-and-leaf plot and the outliers beyond 1.5 IQR.

import random

rng = random.Random(2024)
normal = [round(rng.gauss(50, 10), 1) for _ in range(200)]
expo = [round(rng.expovariate(0.2), 2) for _ in range(150)]
dice = [rng.randint(1, 6) + rng.randint(1, 6) for _ in range(360)]


def quantile(sorted_data, q):
    pos = (len(sorted_data) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_data) - 1)
    return sorted_data[lo] + (sorted_data[hi] - sorted_data[lo]) * (pos - lo)


def describe(name, data):
    s = sorted(data)
    n = len(s)
    mean = sum(s) / n
    var = sum((x - mean) ** 2 for x in s) / (n - 1)
    q1, med, q3 = (quantile(s, q) for q in (0.25, 0.5, 0.75))
    iqr = q3 - q1
    outliers = [x for x in s if x < q1 - 1.5 * iqr or x > q3 + 1.5 * iqr]
    print(f"{name}: n={n} mean={mean:.3f} sd={var ** 0.5:.3f} min={s[0]} q1={q1:.2f} "
          f"median={med:.2f} q3={q3:.2f} max={s[-1]}")
    print(f"  outliers ({len(outliers)}): {outliers[:6]}")


def histogram(data, bins, width=40):
    lo, hi = min(data), max(data)
    step = (hi - lo) / bins
    counts = [0] * bins
    for x in data:
        counts[min(int((x - lo) / step), bins - 1)] += 1
    top = max(counts)
    for i, c in enumerate(counts):
        left = lo + i * step
        print(f"  {left:7.2f} | {'#' * round(c * width / top):<{width}} {c}")


def stem_leaf(data):
    stems = {}
    for x in sorted(int(v) for v in data):
        stems.setdefault(x // 10, []).append(x % 10)
    for stem in sorted(stems):
        leaves = "".join(map(str, stems[stem]))
        print(f"  {stem:>2} | {leaves[:50]}{'+' if len(leaves) > 50 else ''}")


describe("normal", normal)
histogram(normal, 10)
describe("exponential", expo)
histogram(expo, 8, width=30)
counts = {}
for d in dice:
    counts[d] = counts.get(d, 0) + 1
print("dice sums:", dict(sorted(counts.items())))
mode = max(counts, key=lambda k: (counts[k], -k))
print("mode", mode, "expected share of 7: {:.3f} observed {:.3f}".format(6 / 36, counts[7] / len(dice)))
for total in range(2, 13):
    expected = (6 - abs(total - 7)) / 36 * len(dice)
    print(f"  {total:>2} {'*' * (counts.get(total, 0) // 3):<25} {counts.get(total, 0):>3} vs {expected:5.1f}")
stem_leaf(normal[:60])
