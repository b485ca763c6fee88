# An LRU cache in front of a slow computation, as a web application keeps one: a dict maps
# keys to nodes of a doubly linked list kept in order of use; a hit moves its node to the
# front, a miss computes the value, inserts a node and evicts the least recently used one
# when full. Requests follow a skewed, drifting distribution from a fixed stream. Work:
# instance creation and destruction, attribute updates, dict inserts and deletes with str
# and tuple keys.
# Usage: lru_cache.py [requests]   (default 700000). Prints hits, misses and a checksum.
import sys


class Node:
    def __init__(self, key, value):
        self.key = key
        self.value = value
        self.prev = None
        self.next = None


class LruCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.nodes = {}
        # A sentinel: head.next is the most recently used node, head.prev the least.
        self.head = Node(None, None)
        self.head.prev = self.head
        self.head.next = self.head
        self.hits = 0
        self.misses = 0
        self.evictions = 0

    def unlink(self, node):
        node.prev.next = node.next
        node.next.prev = node.prev

    def push_front(self, node):
        first = self.head.next
        node.prev = self.head
        node.next = first
        first.prev = node
        self.head.next = node

    def get(self, key, compute):
        node = self.nodes.get(key)
        if node is not None:
            self.hits += 1
            self.unlink(node)
            self.push_front(node)
            return node.value
        self.misses += 1
        value = compute(key)
        node = Node(key, value)
        self.nodes[key] = node
        self.push_front(node)
        if len(self.nodes) > self.capacity:
            last = self.head.prev
            self.unlink(last)
            del self.nodes[last.key]
            self.evictions += 1
        return value


def render_profile(key):
    user, page = key
    parts = [user, "/", str(page), ":"]
    total = 0
    for i in range(8):
        total += (page * 31 + i * len(user)) % 17
        parts.append(str(total))
    return ("-".join(parts), total)


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 700000
    # 20000 entries at the default size: enough live nodes to show in the peak RSS.
    cache = LruCache(max(100, requests // 35))
    state = 5
    checksum = 0
    for i in range(requests):
        state = (state * 1103515245 + 12345) % 2147483648
        # Mostly a small hot set that drifts with time, sometimes anything at all.
        if (state >> 10) % 10 < 8:
            user = "user" + str((i >> 12) + (state >> 16) % 300)
        else:
            user = "user" + str((state >> 8) % 50000)
        key = (user, (state >> 4) % 4)
        text, total = cache.get(key, render_profile)
        checksum = (checksum + total * 3 + len(text)) % 1000000007
    print("lru_cache", requests, cache.hits, cache.misses, cache.evictions, checksum)


main()
