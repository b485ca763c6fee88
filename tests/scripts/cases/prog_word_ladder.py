# Word ladders and anagrams over a small dictionary: neighbours found through wildcard
# buckets ("c_t"), breadth-first search for the shortest ladder with all shortest paths
# counted, anagram classes keyed by sorted letters, and words reachable within k steps.

WORDS = """cat cot cog dog dot cut hut hot hog log lot lit hit hat bat bag big bog bug
mug mud mad map cap cab cob cod god nod not net pet pit pig dig dug rug rag rat tar art
arc car arm ram mar tan ant nat act tac sat mat tam pat tap apt pot top opt""".split()


def buckets(words):
    table = {}
    for w in words:
        for i in range(len(w)):
            table.setdefault(w[:i] + "_" + w[i + 1:], []).append(w)
    return table


def neighbours(word, table):
    out = set()
    for i in range(len(word)):
        out.update(table.get(word[:i] + "_" + word[i + 1:], []))
    out.discard(word)
    return sorted(out)


def ladder(start, goal, table):
    if start == goal:
        return [start], 1
    dist, ways, prev = {start: 0}, {start: 1}, {start: None}
    frontier = [start]
    while frontier and goal not in dist:
        nxt = []
        for w in frontier:
            for n in neighbours(w, table):
                if n not in dist:
                    dist[n] = dist[w] + 1
                    ways[n] = ways[w]
                    prev[n] = w
                    nxt.append(n)
                elif dist[n] == dist[w] + 1:
                    ways[n] += ways[w]
        frontier = nxt
    if goal not in dist:
        raise LookupError(f"no ladder from {start} to {goal}")
    path = [goal]
    while prev[path[-1]] is not None:
        path.append(prev[path[-1]])
    return path[::-1], ways[goal]


def within(start, k, table):
    seen, frontier = {start}, [start]
    for _ in range(k):
        frontier = [n for w in frontier for n in neighbours(w, table) if n not in seen and not seen.add(n)]
    return len(seen) - 1


table = buckets(WORDS)
print(len(WORDS), "words,", len(table), "buckets; busiest:",
      max(sorted(table), key=lambda b: len(table[b])), max(len(v) for v in table.values()))
for start, goal in [("cat", "dog"), ("hit", "cog"), ("map", "top"), ("arm", "cap"), ("bug", "net"), ("act", "act")]:
    try:
        path, count = ladder(start, goal, table)
        print(f"{start} -> {goal}: {' > '.join(path)} ({len(path) - 1} steps, {count} shortest)")
    except LookupError as e:
        print("LookupError:", e)
anagrams = {}
for w in WORDS:
    anagrams.setdefault("".join(sorted(w)), []).append(w)
print("anagram classes:", sorted((v for v in anagrams.values() if len(v) > 1), key=lambda v: (-len(v), v)))
print("reach within 1/2/3 steps of 'cat':", [within("cat", k, table) for k in (1, 2, 3)])
isolated = [w for w in WORDS if not neighbours(w, table)]
print("isolated words:", isolated)
degree = {w: len(neighbours(w, table)) for w in WORDS}
print("best connected:", sorted(degree, key=lambda w: (-degree[w], w))[:5])
