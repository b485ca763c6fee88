# Binary trees of tuples: many short-lived trees of one depth and a long-lived one that
# stays, as a program's caches do. Each node is a 2-tuple; a leaf is the empty tuple, so
# the work is tuple allocation and deallocation in bulk.
# Usage: binary_trees.py [max_depth]   (default 16). Prints one checksum line.
import sys


def build(depth):
    if depth == 0:
        return ()
    depth -= 1
    return (build(depth), build(depth))


def count_nodes(node):
    if not node:
        return 1
    left, right = node
    return 1 + count_nodes(left) + count_nodes(right)


def main():
    max_depth = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    min_depth = 4
    if max_depth < min_depth + 2:
        max_depth = min_depth + 2
    total = count_nodes(build(max_depth + 1))
    keeper = build(max_depth)
    depth = min_depth
    while depth <= max_depth:
        rounds = 1 << (max_depth - depth + min_depth)
        seen = 0
        for _ in range(rounds):
            seen += count_nodes(build(depth))
        total += seen * (depth + 1)
        depth += 2
    total += count_nodes(keeper)
    print("binary_trees", max_depth, total)


main()
