# A binary search tree keyed by ints holding values: insertion, lookup, deletion of leaves,
# one-child and two-child nodes, in-order/pre-order/level-order traversal as generators,
# height, floor/ceiling queries, and a check of the ordering invariant after every change.


class Node:
    def __init__(self, key, value):
        self.key, self.value = key, value
        self.left = self.right = None


class BST:
    def __init__(self):
        self.root = None
        self.count = 0

    def insert(self, key, value):
        def go(node):
            if node is None:
                self.count += 1
                return Node(key, value)
            if key < node.key:
                node.left = go(node.left)
            elif key > node.key:
                node.right = go(node.right)
            else:
                node.value = value
            return node
        self.root = go(self.root)

    def get(self, key):
        node = self.root
        while node:
            if key == node.key:
                return node.value
            node = node.left if key < node.key else node.right
        raise KeyError(key)

    def delete(self, key):
        def go(node, key):
            if node is None:
                raise KeyError(key)
            if key < node.key:
                node.left = go(node.left, key)
            elif key > node.key:
                node.right = go(node.right, key)
            else:
                if node.left is None or node.right is None:
                    return node.left or node.right
                succ = node.right
                while succ.left:
                    succ = succ.left
                node.key, node.value = succ.key, succ.value
                node.right = go(node.right, succ.key)
                self.count += 1
            return node
        self.root = go(self.root, key)
        self.count -= 1

    def inorder(self, node="root"):
        node = self.root if node == "root" else node
        if node:
            yield from self.inorder(node.left)
            yield node.key
            yield from self.inorder(node.right)

    def preorder(self, node="root"):
        node = self.root if node == "root" else node
        if node:
            yield node.key
            yield from self.preorder(node.left)
            yield from self.preorder(node.right)

    def levels(self):
        level = [self.root] if self.root else []
        while level:
            yield [n.key for n in level]
            level = [c for n in level for c in (n.left, n.right) if c]

    def height(self, node="root"):
        node = self.root if node == "root" else node
        return 0 if node is None else 1 + max(self.height(node.left), self.height(node.right))

    def floor(self, key):
        best, node = None, self.root
        while node:
            if node.key <= key:
                best, node = node.key, node.right
            else:
                node = node.left
        return best

    def ceiling(self, key):
        return min((k for k in self.inorder() if k >= key), default=None)

    def valid(self):
        keys = list(self.inorder())
        return keys == sorted(set(keys)) and len(keys) == self.count


tree = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30]:
    tree.insert(k, f"v{k}")
print(list(tree.inorder()), tree.count, tree.valid())
print(list(tree.preorder()))
print(list(tree.levels()), "height", tree.height())
print(tree.get(45), [tree.floor(k) for k in (10, 36, 50, 99)], [tree.ceiling(k) for k in (10, 36, 81)])
for k in [20, 30, 50, 99]:
    try:
        tree.delete(k)
        print(f"deleted {k}: {list(tree.levels())} valid={tree.valid()}")
    except KeyError as e:
        print("KeyError:", e)
try:
    tree.get(50)
except KeyError as e:
    print("missing", e)
chain = BST()
for k in range(1, 9):
    chain.insert(k, k * k)
print("chain height", chain.height(), "sum of values", sum(chain.get(k) for k in chain.inorder()))
