# Minimum spanning trees for a cable network: a union-find with path compression and
# union by rank, Kruskal's algorithm over sorted edges, Prim's algorithm as a cross-check,
# a disconnected graph giving a spanning forest, and the redundant links listed.


class DisjointSet:
    def __init__(self, items):
        self.parent = {x: x for x in items}
        self.rank = dict.fromkeys(items, 0)
        self.finds = 0

    def find(self, x):
        self.finds += 1
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if self.rank[ra] == self.rank[rb]:
            self.rank[ra] += 1
        return True

    def groups(self):
        out = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return sorted(sorted(g) for g in out.values())


def kruskal(nodes, edges):
    ds = DisjointSet(nodes)
    tree, skipped = [], []
    for w, a, b in sorted(edges):
        (tree if ds.union(a, b) else skipped).append((w, a, b))
    return tree, skipped, ds


def prim(nodes, edges, start):
    adj = {n: [] for n in nodes}
    for w, a, b in edges:
        adj[a].append((w, b))
        adj[b].append((w, a))
    seen, total, frontier = {start}, 0, sorted(adj[start])
    while frontier:
        w, n = frontier.pop(0)
        if n in seen:
            continue
        seen.add(n)
        total += w
        frontier = sorted(frontier + [e for e in adj[n] if e[1] not in seen])
    return total, seen


EDGES = """A B 7; A D 5; B C 8; B D 9; B E 7; C E 5; D E 15; D F 6; E F 8; E G 9; F G 11;
H I 3; I J 4; H J 6"""
edges = []
for part in EDGES.replace("\n", " ").split(";"):
    a, b, w = part.split()
    edges.append((int(w), a, b))
nodes = sorted({n for _, a, b in edges for n in (a, b)})
tree, skipped, ds = kruskal(nodes, edges)
print("tree edges:", [f"{a}{b}:{w}" for w, a, b in tree])
print("total weight:", sum(w for w, _, _ in tree), "edges:", len(tree), "nodes:", len(nodes))
print("components:", ds.groups())
print("redundant links:", [f"{a}{b}:{w}" for w, a, b in skipped])
for start in ("A", "H"):
    total, reached = prim(nodes, edges, start)
    print(f"prim from {start}: weight {total}, reaches {sorted(reached)}")
main = [e for e in edges if e[1] in "ABCDEFG"]
print("kruskal on the big component agrees with prim:",
      sum(w for w, _, _ in kruskal("ABCDEFG", main)[0]) == prim(nodes, edges, "A")[0])
big = DisjointSet(range(1000))
for i in range(0, 999, 2):
    big.union(i, i + 1)
for i in range(0, 998, 4):
    big.union(i, i + 2)
print("1000 items ->", len(big.groups()), "groups;", big.union(0, 3), big.union(0, 997))
try:
    ds.find("Z")
except KeyError as e:
    print("KeyError:", e)
