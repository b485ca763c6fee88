# A JSON-like encoder and decoder written in Python: documents of nested dicts and lists
# holding strs (with escapes), ints, floats, booleans and None are encoded to text by a
# recursive encoder, parsed back by a recursive-descent decoder, and compared with the
# original. Work: dicts and lists built and torn down, many small strs, str slicing and
# joining, recursion; the decoded documents stay alive to the end.
# Usage: json_codec.py [documents]   (default 16000). Prints the text length and a checksum.
import sys

ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}
UNESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "/": "/"}
NAMES = ["id", "name", "tags", "price", "stock", "child", "notes", "ok", "weight", "parts"]


class Random:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % n


def make_value(rng, depth):
    kind = rng.below(10 if depth < 4 else 6)
    if kind == 0:
        return rng.below(100000) - 5000
    if kind == 1:
        return rng.below(1000000) / 64.0
    if kind == 2:
        word = NAMES[rng.below(len(NAMES))]
        if rng.below(4) == 0:
            word = word + '\t"quoted"\n'
        return word * (1 + rng.below(3))
    if kind == 3:
        return rng.below(2) == 0
    if kind == 4:
        return None
    if kind == 5:
        return "plain"
    if kind < 8:
        return [make_value(rng, depth + 1) for _ in range(rng.below(6))]
    return make_object(rng, depth + 1)


def make_object(rng, depth):
    obj = {}
    for _ in range(1 + rng.below(6)):
        obj[NAMES[rng.below(len(NAMES))]] = make_value(rng, depth)
    return obj


def encode_str(s):
    out = ['"']
    for ch in s:
        out.append(ESCAPES.get(ch, ch))
    out.append('"')
    return "".join(out)


def encode(value, out):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(encode_str(value))
    elif isinstance(value, (int, float)):
        out.append(repr(value))
    elif isinstance(value, list):
        out.append("[")
        first = True
        for item in value:
            if not first:
                out.append(",")
            first = False
            encode(item, out)
        out.append("]")
    else:
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            out.append(encode_str(key))
            out.append(":")
            encode(item, out)
        out.append("}")


class Decoder:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def fail(self, what):
        raise ValueError(what + " at " + str(self.pos))

    def value(self):
        text = self.text
        ch = text[self.pos]
        if ch == "{":
            return self.object()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        if text.startswith("null", self.pos):
            self.pos += 4
            return None
        if text.startswith("true", self.pos):
            self.pos += 4
            return True
        if text.startswith("false", self.pos):
            self.pos += 5
            return False
        return self.number()

    def number(self):
        text = self.text
        start = self.pos
        end = start
        is_float = False
        while end < len(text) and text[end] in "+-0123456789.eE":
            if text[end] in ".eE":
                is_float = True
            end += 1
        if end == start:
            self.fail("unexpected " + repr(text[start]))
        self.pos = end
        if is_float:
            return float(text[start:end])
        return int(text[start:end])

    def string(self):
        text = self.text
        pos = self.pos + 1
        parts = []
        while True:
            end = pos
            while text[end] != '"' and text[end] != "\\":
                end += 1
            parts.append(text[pos:end])
            if text[end] == '"':
                self.pos = end + 1
                return "".join(parts)
            parts.append(UNESCAPES[text[end + 1]])
            pos = end + 2

    def array(self):
        self.pos += 1
        items = []
        if self.text[self.pos] == "]":
            self.pos += 1
            return items
        while True:
            items.append(self.value())
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "]":
                return items
            if ch != ",":
                self.fail("expected , or ]")

    def object(self):
        self.pos += 1
        obj = {}
        if self.text[self.pos] == "}":
            self.pos += 1
            return obj
        while True:
            key = self.string()
            if self.text[self.pos] != ":":
                self.fail("expected :")
            self.pos += 1
            obj[key] = self.value()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "}":
                return obj
            if ch != ",":
                self.fail("expected , or }")


def checksum(value):
    if isinstance(value, dict):
        return sum([len(k) + 3 * checksum(v) for k, v in value.items()]) + 7
    if isinstance(value, list):
        return sum([checksum(v) for v in value]) + 5
    if isinstance(value, str):
        return len(value)
    if isinstance(value, float):
        return int(value * 64) % 1000003
    if value is None:
        return 11
    return int(value) % 1000003


def main():
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 16000
    rng = Random(7)
    length = 0
    # The decoded documents are kept, as a program that loads a data set keeps its records,
    # and summed up at the end.
    loaded = []
    for _ in range(documents):
        doc = make_object(rng, 0)
        out = []
        encode(doc, out)
        text = "".join(out)
        back = Decoder(text).value()
        if back != doc:
            print("json_codec: round trip changed a document:", text)
            sys.exit(1)
        length += len(text)
        loaded.append(back)
    total = 0
    for doc in loaded:
        total = (total * 31 + checksum(doc)) % 1000000007
    print("json_codec", documents, length, total)


main()
