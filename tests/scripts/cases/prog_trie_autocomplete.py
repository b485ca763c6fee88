# Autocomplete over a trie: words inserted with frequencies, prefix completion ranked by
# frequency then alphabetically, deletion that prunes empty branches, a generator walking
# every word, and a spelling suggester by edit distance over the stored words.


class Node:
    __slots__ = ("children", "count")

    def __init__(self):
        self.children = {}
        self.count = 0


class Trie:
    def __init__(self):
        self.root = Node()
        self.size = 0

    def add(self, word, times=1):
        node = self.root
        for ch in word:
            node = node.children.setdefault(ch, Node())
        if node.count == 0:
            self.size += 1
        node.count += times

    def _find(self, prefix):
        node = self.root
        for ch in prefix:
            node = node.children.get(ch)
            if node is None:
                return None
        return node

    def __contains__(self, word):
        node = self._find(word)
        return node is not None and node.count > 0

    def words(self, node=None, prefix=""):
        node = node or self.root
        if node.count:
            yield prefix, node.count
        for ch in sorted(node.children):
            yield from self.words(node.children[ch], prefix + ch)

    def complete(self, prefix, limit=3):
        node = self._find(prefix)
        if node is None:
            return []
        found = sorted(self.words(node, prefix), key=lambda wc: (-wc[1], wc[0]))
        return [w for w, _ in found[:limit]]

    def remove(self, word):
        path = [self.root]
        for ch in word:
            nxt = path[-1].children.get(ch)
            if nxt is None:
                raise KeyError(word)
            path.append(nxt)
        if path[-1].count == 0:
            raise KeyError(word)
        path[-1].count = 0
        self.size -= 1
        for i in range(len(word), 0, -1):
            node = path[i]
            if node.count or node.children:
                break
            del path[i - 1].children[word[i - 1]]

    def __len__(self):
        return self.size


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


text = """the cat sat on the mat then the cat ran to the car and the cart
carried tea to the team that ate the tart at ten then the tea was cold"""
trie = Trie()
for w in text.split():
    trie.add(w)
print(len(trie), "distinct words")
for prefix in ["th", "ca", "te", "ta", "x", ""]:
    print(f"{prefix!r:>5} -> {trie.complete(prefix, 4)}")
print("cart" in trie, "car" in trie, "ca" in trie)
trie.remove("cart")
trie.remove("carried")
print("after removal:", "cart" in trie, "car" in trie, len(trie), trie.complete("car"))
print("branch 'carr' pruned:", trie._find("carr") is None)
for missing in ["cart", "zebra", "c"]:
    try:
        trie.remove(missing)
    except KeyError as e:
        print("KeyError:", e)
words = [w for w, _ in trie.words()]
print(words[:8], "...")
for typo in ["teh", "cst", "tean", "hte"]:
    best = sorted(words, key=lambda w: (distance(typo, w), w))[:3]
    print(f"{typo}: {[(w, distance(typo, w)) for w in best]}")
