# Huffman codes: symbol frequencies, a tree built by repeatedly merging the two lightest
# nodes (ties broken by creation order so the codes are deterministic), the code table,
# encoding to a bit string, decoding by walking the tree, and the compression ratio; plus
# run-length encoding of the bit string as a second stage.


class Leaf:
    def __init__(self, symbol, weight, order):
        self.symbol, self.weight, self.order = symbol, weight, order


class Branch:
    def __init__(self, left, right, order):
        self.left, self.right = left, right
        self.weight = left.weight + right.weight
        self.order = order


def build_tree(text):
    if not text:
        raise ValueError("cannot build a code for empty text")
    freq = {}
    for ch in text:
        freq[ch] = freq.get(ch, 0) + 1
    nodes = [Leaf(ch, w, i) for i, (ch, w) in enumerate(sorted(freq.items()))]
    order = len(nodes)
    while len(nodes) > 1:
        nodes.sort(key=lambda n: (n.weight, n.order))
        a, b = nodes.pop(0), nodes.pop(0)
        nodes.append(Branch(a, b, order))
        order += 1
    return nodes[0], freq


def codes(node, prefix="", table=None):
    table = {} if table is None else table
    if isinstance(node, Leaf):
        table[node.symbol] = prefix or "0"
    else:
        codes(node.left, prefix + "0", table)
        codes(node.right, prefix + "1", table)
    return table


def encode(text, table):
    return "".join(table[ch] for ch in text)


def decode(bits, tree):
    if isinstance(tree, Leaf):
        return tree.symbol * len(bits)
    out, node = [], tree
    for bit in bits:
        node = node.left if bit == "0" else node.right
        if isinstance(node, Leaf):
            out.append(node.symbol)
            node = tree
    if node is not tree:
        raise ValueError("bit string ends inside a code")
    return "".join(out)


def run_lengths(bits):
    runs = []
    for bit in bits:
        if runs and runs[-1][0] == bit:
            runs[-1][1] += 1
        else:
            runs.append([bit, 1])
    return "".join(f"{n}{b}" if n > 2 else b * n for b, n in runs)


for text in ["abracadabra", "mississippi river", "aaaaaaaa", "the rain in spain stays mainly"]:
    tree, freq = build_tree(text)
    table = codes(tree)
    bits = encode(text, table)
    assert decode(bits, tree) == text
    print(f"{text!r}: {len(bits)} bits vs {8 * len(text)} ({len(bits) / (8 * len(text)):.1%})")
    for ch in sorted(table, key=lambda c: (len(table[c]), c)):
        print(f"   {ch!r} x{freq[ch]:<2} {table[ch]}")
    print("   bits", bits[:48] + ("..." if len(bits) > 48 else ""), "rle", run_lengths(bits)[:40])
weighted = sum(freq[c] * len(table[c]) for c in freq) / sum(freq.values())
print(f"average code length {weighted:.3f} bits/symbol")
tree, _ = build_tree("abracadabra")
for bad in ["0101", "1"]:
    try:
        print(decode(bad, tree))
    except ValueError as e:
        print("ValueError:", e)
try:
    build_tree("")
except ValueError as e:
    print("ValueError:", e)
