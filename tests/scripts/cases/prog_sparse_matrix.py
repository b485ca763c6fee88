# A sparse matrix stored as a dict of (row, col) -> value: construction from dense lists,
# get/set with zeros removed, addition, scalar and matrix products, transpose, row sums,
# density, conversion back to dense, PageRank-style power iteration on a link graph, and
# shape errors.


class Sparse:
    def __init__(self, rows, cols, entries=None):
        self.rows, self.cols = rows, cols
        self.data = {k: v for k, v in (entries or {}).items() if v}

    @classmethod
    def from_dense(cls, dense):
        return cls(len(dense), len(dense[0]), {(r, c): v for r, row in enumerate(dense) for c, v in enumerate(row)})

    def __getitem__(self, key):
        r, c = key
        if not (0 <= r < self.rows and 0 <= c < self.cols):
            raise IndexError(f"index {key} outside {self.rows}x{self.cols}")
        return self.data.get(key, 0)

    def __setitem__(self, key, value):
        self[key]
        if value:
            self.data[key] = value
        else:
            self.data.pop(key, None)

    def __add__(self, other):
        if (self.rows, self.cols) != (other.rows, other.cols):
            raise ValueError(f"shape mismatch {self.rows}x{self.cols} + {other.rows}x{other.cols}")
        out = dict(self.data)
        for k, v in other.data.items():
            out[k] = out.get(k, 0) + v
        return Sparse(self.rows, self.cols, out)

    def __mul__(self, k):
        return Sparse(self.rows, self.cols, {key: v * k for key, v in self.data.items()})

    def __matmul__(self, other):
        if self.cols != other.rows:
            raise ValueError(f"cannot multiply {self.rows}x{self.cols} by {other.rows}x{other.cols}")
        by_row = {}
        for (r, c), v in other.data.items():
            by_row.setdefault(r, []).append((c, v))
        out = {}
        for (r, k), v in self.data.items():
            for c, w in by_row.get(k, ()):
                out[(r, c)] = out.get((r, c), 0) + v * w
        return Sparse(self.rows, other.cols, out)

    def transpose(self):
        return Sparse(self.cols, self.rows, {(c, r): v for (r, c), v in self.data.items()})

    def dense(self):
        return [[self.data.get((r, c), 0) for c in range(self.cols)] for r in range(self.rows)]

    def density(self):
        return len(self.data) / (self.rows * self.cols)

    def __repr__(self):
        return f"Sparse({self.rows}x{self.cols}, nnz={len(self.data)})"


a = Sparse.from_dense([[1, 0, 0, 2], [0, 0, 3, 0], [0, 0, 0, 0]])
b = Sparse.from_dense([[0, 1, 0, 0], [0, 0, 0, 0], [4, 0, 5, 0]])
print(a, b, f"density {a.density():.3f}")
print((a + b).dense(), (a * 10).data)
print((a @ a.transpose()).dense())
print(a.transpose().dense())
a[2, 3] = 7
a[0, 0] = 0
print(sorted(a.data.items()), a[1, 2], a[2, 1])
for bad in [lambda: a[3, 0], lambda: a + Sparse(2, 2), lambda: a @ b]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
links = {"home": ["about", "blog", "shop"], "about": ["home"], "blog": ["home", "post1", "post2"],
         "post1": ["blog", "post2"], "post2": ["blog"], "shop": ["home", "cart"], "cart": []}
pages = sorted(links)
idx = {p: i for i, p in enumerate(pages)}
n = len(pages)
m = Sparse(n, n)
for src, targets in links.items():
    for t in targets:
        m[idx[t], idx[src]] = 1 / len(targets)
rank = Sparse(n, 1, {(i, 0): 1 / n for i in range(n)})
for _ in range(40):
    dangling = sum(rank[idx[p], 0] for p in pages if not links[p]) / n
    step = m @ rank * 0.85
    rank = Sparse(n, 1, {(i, 0): step[i, 0] + 0.15 / n + 0.85 * dangling for i in range(n)})
scores = {p: rank[idx[p], 0] for p in pages}
print("link matrix:", m, f"density {m.density():.3f}")
for p in sorted(scores, key=lambda p: -scores[p]):
    print(f"  {p:<6} {scores[p]:.4f}")
print(f"total {sum(scores.values()):.6f}")
