# A doubly linked list class with the sequence protocol: append/prepend, indexing with
# negative indices, iteration both ways, removal, reversal in place, slicing into a new
# list, equality, repr, and the IndexError/ValueError a list would raise.


class _Node:
    __slots__ = ("value", "prev", "next")

    def __init__(self, value):
        self.value = value
        self.prev = self.next = None


class LinkedList:
    def __init__(self, items=()):
        self.head = self.tail = None
        self.length = 0
        for item in items:
            self.append(item)

    def append(self, value):
        node = _Node(value)
        if self.tail is None:
            self.head = self.tail = node
        else:
            node.prev, self.tail.next = self.tail, node
            self.tail = node
        self.length += 1

    def prepend(self, value):
        node = _Node(value)
        if self.head is None:
            self.head = self.tail = node
        else:
            node.next, self.head.prev = self.head, node
            self.head = node
        self.length += 1

    def _node_at(self, index):
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("LinkedList index out of range")
        if index < self.length // 2:
            node = self.head
            for _ in range(index):
                node = node.next
        else:
            node = self.tail
            for _ in range(self.length - 1 - index):
                node = node.prev
        return node

    def __getitem__(self, index):
        if isinstance(index, slice):
            return LinkedList(self[i] for i in range(*index.indices(self.length)))
        return self._node_at(index).value

    def __setitem__(self, index, value):
        self._node_at(index).value = value

    def _unlink(self, node):
        if node.prev:
            node.prev.next = node.next
        else:
            self.head = node.next
        if node.next:
            node.next.prev = node.prev
        else:
            self.tail = node.prev
        self.length -= 1

    def remove(self, value):
        node = self.head
        while node:
            if node.value == value:
                self._unlink(node)
                return
            node = node.next
        raise ValueError(f"{value!r} not in LinkedList")

    def pop(self, index=-1):
        node = self._node_at(index)
        self._unlink(node)
        return node.value

    def reverse(self):
        node = self.head
        while node:
            node.prev, node.next = node.next, node.prev
            node = node.prev
        self.head, self.tail = self.tail, self.head

    def __iter__(self):
        node = self.head
        while node:
            yield node.value
            node = node.next

    def __reversed__(self):
        node = self.tail
        while node:
            yield node.value
            node = node.prev

    def __len__(self):
        return self.length

    def __eq__(self, other):
        return isinstance(other, LinkedList) and list(self) == list(other)

    def __repr__(self):
        return "LinkedList([" + ", ".join(map(repr, self)) + "])"


ll = LinkedList(range(1, 6))
ll.prepend(0)
ll.append("six")
print(ll, len(ll), ll[0], ll[-1], ll[3])
ll[1] = "one"
ll.remove(3)
print(ll, list(reversed(ll)))
print(ll.pop(), ll.pop(0), ll.pop(1), ll)
ll.reverse()
print(ll, ll.head.value, ll.tail.value)
print(ll[::2], ll[1:], ll[::-1] == LinkedList([4, 5, "one"][::-1][::-1][::-1]))
print(sum(x for x in ll if isinstance(x, int)), "one" in ll, 9 in ll)
for action in [lambda: ll[10], lambda: ll.remove("zero"), lambda: LinkedList().pop()]:
    try:
        action()
    except (IndexError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
words = LinkedList("the quick brown fox".split())
print(sorted(words, key=len), max(words), ", ".join(reversed(words)))
