# K-means clustering of seeded 2-D points: three blobs generated around known centres,
# k-means++ style seeding with a Random instance, iterations until assignments settle,
# inertia for several k (the elbow), and a character plot of the clusters.

import random

rng = random.Random(11)
CENTRES = [(2.0, 2.0), (8.0, 3.0), (5.0, 8.0)]
points = [(round(cx + rng.gauss(0, 0.9), 3), round(cy + rng.gauss(0, 0.9), 3))
          for cx, cy in CENTRES for _ in range(25)]
rng.shuffle(points)


def dist2(a, b):
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def seed_centres(data, k, r):
    centres = [r.choice(data)]
    while len(centres) < k:
        weights = [min(dist2(p, c) for c in centres) for p in data]
        centres.append(r.choices(data, weights=weights)[0])
    return centres


def kmeans(data, k, seed, max_iter=50):
    r = random.Random(seed)
    centres = seed_centres(data, k, r)
    assignment = None
    for iteration in range(1, max_iter + 1):
        new = [min(range(k), key=lambda j: dist2(p, centres[j])) for p in data]
        if new == assignment:
            break
        assignment = new
        for j in range(k):
            members = [p for p, a in zip(data, assignment) if a == j]
            if members:
                centres[j] = (sum(x for x, _ in members) / len(members),
                              sum(y for _, y in members) / len(members))
    inertia = sum(dist2(p, centres[a]) for p, a in zip(data, assignment))
    return centres, assignment, inertia, iteration


centres, labels, inertia, its = kmeans(points, 3, seed=5)
order = sorted(range(3), key=lambda j: centres[j])
print(f"converged after {its} iterations, inertia {inertia:.3f}")
for j in order:
    size = labels.count(j)
    cx, cy = centres[j]
    nearest = min(CENTRES, key=lambda c: dist2(c, centres[j]))
    print(f"  centre ({cx:.3f}, {cy:.3f}) size {size} true centre {nearest} off by {dist2(nearest, centres[j]) ** 0.5:.3f}")
for k in range(1, 6):
    print(f"k={k} inertia {kmeans(points, k, seed=5)[2]:9.3f}")
marks = "abc"
grid = [["." for _ in range(24)] for _ in range(12)]
for (x, y), label in zip(points, labels):
    col, row = int(x * 2.2), 11 - int(y * 1.1)
    if 0 <= row < 12 and 0 <= col < 24:
        grid[row][col] = marks[order.index(label)]
for j in order:
    col, row = int(centres[j][0] * 2.2), 11 - int(centres[j][1] * 1.1)
    grid[row][col] = "X"
print("\n".join("".join(row) for row in grid))
try:
    kmeans(points[:2], 3, seed=1)
except (ValueError, IndexError) as e:
    print(f"{type(e).__name__}: {e}")
