# Seeded simulations: a maze carved by a randomized depth-first search, a genetic algorithm
# that evolves a phrase, a Monte Carlo estimate of pi, reservoir sampling and a random graph.
# The module-level functions and a Random instance are both used; python3.11 gives the output.
import random

random.seed(20231207)


def carve_maze(rng, width, height):
    walls = [["#"] * (2 * width + 1) for _ in range(2 * height + 1)]
    seen = {(0, 0)}
    stack = [(0, 0)]
    walls[1][1] = " "
    while stack:
        x, y = stack[-1]
        options = [(x + dx, y + dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
                   if 0 <= x + dx < width and 0 <= y + dy < height and (x + dx, y + dy) not in seen]
        if not options:
            stack.pop()
            continue
        nx, ny = rng.choice(options)
        walls[2 * ny + 1][2 * nx + 1] = " "
        walls[y + ny + 1][x + nx + 1] = " "
        seen.add((nx, ny))
        stack.append((nx, ny))
    return ["".join(row) for row in walls]


for line in carve_maze(random.Random(7), 12, 6):
    print(line)

TARGET = "minipy draws like python"
LETTERS = "abcdefghijklmnopqrstuvwxyz "


def fitness(candidate):
    return sum(1 for a, b in zip(candidate, TARGET) if a == b)


def mutate(candidate, rate):
    return "".join(random.choice(LETTERS) if random.random() < rate else c for c in candidate)


def crossover(a, b):
    cut = random.randrange(1, len(a))
    return a[:cut] + b[cut:]


population = ["".join(random.choices(LETTERS, k=len(TARGET))) for _ in range(60)]
for generation in range(200):
    population.sort(key=fitness, reverse=True)
    best = population[0]
    if generation % 25 == 0 or best == TARGET:
        print(f"generation {generation:3}: {best!r} ({fitness(best)})")
    if best == TARGET:
        break
    parents = population[:20]
    children = [mutate(crossover(*random.sample(parents, 2)), 0.04) for _ in range(40)]
    population = parents + children

inside = 0
trials = 20000
for _ in range(trials):
    x, y = random.uniform(-1, 1), random.uniform(-1, 1)
    if x * x + y * y <= 1.0:
        inside += 1
print("pi is about", 4 * inside / trials)


def reservoir(stream, k, rng):
    kept = []
    for i, item in enumerate(stream):
        if i < k:
            kept.append(item)
        else:
            j = rng.randrange(i + 1)
            if j < k:
                kept[j] = item
    return kept


print("reservoir:", reservoir(range(10000), 8, random))

nodes = list(range(12))
edges = set()
graph_rng = random.Random(2**64 + 13)
while len(edges) < 20:
    a, b = graph_rng.sample(nodes, 2)
    edges.add((min(a, b), max(a, b)))
degree = {n: 0 for n in nodes}
for a, b in edges:
    degree[a] += 1
    degree[b] += 1
print("edges:", sorted(edges))
print("degrees:", degree)
weights = {e: round(graph_rng.triangular(1, 10, 3), 3) for e in sorted(edges)}
print("heaviest:", max(weights.items(), key=lambda kv: kv[1]))
print("scores:", [round(graph_rng.betavariate(2, 5), 4) for _ in range(5)])
print("angles:", [round(graph_rng.vonmisesvariate(0, 3), 4) for _ in range(5)])
print("last:", random.random(), graph_rng.random())
