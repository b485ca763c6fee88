# Morse code: a table built from a compact string, encoding text with letter and word gaps,
# decoding with unknown codes reported, a binary-tree decoder built from the table, timing
# in units (dot=1, dash=3, gaps 1/3/7), and signal strings rendered as on/off keying.

TABLE = dict(pair.split("=") for pair in
             "A=.- B=-... C=-.-. D=-.. E=. F=..-. G=--. H=.... I=.. J=.--- K=-.- L=.-.. M=-- "
             "N=-. O=--- P=.--. Q=--.- R=.-. S=... T=- U=..- V=...- W=.-- X=-..- Y=-.-- Z=--.. "
             "0=----- 1=.---- 2=..--- 3=...-- 4=....- 5=..... 6=-.... 7=--... 8=---.. 9=----. "
             ".=.-.-.- ,=--..-- ?=..--..".split())
REVERSE = {code: ch for ch, code in TABLE.items()}


def encode(text):
    words = []
    for word in text.upper().split():
        codes = []
        for ch in word:
            if ch not in TABLE:
                raise KeyError(f"no Morse code for {ch!r}")
            codes.append(TABLE[ch])
        words.append(" ".join(codes))
    return " / ".join(words)


def decode(morse):
    words = []
    for word in morse.strip().split(" / "):
        words.append("".join(REVERSE.get(code, "?") for code in word.split()))
    return " ".join(words)


class TreeNode:
    def __init__(self):
        self.char = None
        self.dot = self.dash = None


def build_tree():
    root = TreeNode()
    for ch, code in TABLE.items():
        node = root
        for sym in code:
            attr = "dot" if sym == "." else "dash"
            if getattr(node, attr) is None:
                setattr(node, attr, TreeNode())
            node = getattr(node, attr)
        node.char = ch
    return root


def tree_decode(root, code):
    node = root
    for sym in code:
        node = node.dot if sym == "." else node.dash
        if node is None:
            raise ValueError(f"{code!r} leaves the tree")
    if node.char is None:
        raise ValueError(f"{code!r} is not a letter")
    return node.char


def keying(morse):
    out = []
    for word_i, word in enumerate(morse.split(" / ")):
        if word_i:
            out.append("0" * 7)
        for code_i, code in enumerate(word.split()):
            if code_i:
                out.append("000")
            out.append("0".join("1" if s == "." else "111" for s in code))
    return "".join(out)


for text in ["SOS", "Hello World", "minipy 3.11", "What hath God wrought?"]:
    m = encode(text)
    k = keying(m)
    print(f"{text!r}: {m}")
    print(f"    {len(k)} units, {k.count('1')} on; back: {decode(m)!r}")
print(keying(encode("PARIS")), len(keying(encode("PARIS"))) + 7)
print(decode(".... . .-.. .-.. --- / ........ / .-- --- .-. .-.. -.."))
root = build_tree()
print([tree_decode(root, c) for c in ["...", "---", ".-.-.-", "-----", "..--.."]])
depth = max(len(c) for c in TABLE.values())
print("tree depth", depth, "letters per length:", {n: sum(len(c) == n for c in TABLE.values()) for n in range(1, depth + 1)})
for bad in ["......", ".-.-"]:
    try:
        tree_decode(root, bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    encode("50% off!")
except KeyError as e:
    print("KeyError:", e)
