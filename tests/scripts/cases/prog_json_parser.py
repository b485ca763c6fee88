# A recursive-descent JSON parser and serializer: objects, arrays, strings with escapes
# (including \u), numbers (ints, floats, exponents), true/false/null, error positions,
# and a round trip whose output is compared with the input's structure.


class JSONError(ValueError):
    pass


class Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def fail(self, what):
        raise JSONError(f"{what} at offset {self.pos}")

    def skip(self):
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def peek(self):
        self.skip()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, ch):
        if self.peek() != ch:
            self.fail(f"expected {ch!r}")
        self.pos += 1

    def parse(self):
        value = self.value()
        if self.peek():
            self.fail("trailing data")
        return value

    def value(self):
        ch = self.peek()
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return val
        if ch == "-" or ch.isdigit():
            return self.number()
        self.fail("unexpected " + (repr(ch) if ch else "end of input"))

    def obj(self):
        self.expect("{")
        result = {}
        if self.peek() == "}":
            self.pos += 1
            return result
        while True:
            if self.peek() != '"':
                self.fail("expected a key")
            key = self.string()
            self.expect(":")
            result[key] = self.value()
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("}")
            return result

    def array(self):
        self.expect("[")
        items = []
        if self.peek() == "]":
            self.pos += 1
            return items
        while True:
            items.append(self.value())
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("]")
            return items

    def string(self):
        self.pos += 1
        out = []
        simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                  "t": "\t"}
        while True:
            if self.pos >= len(self.text):
                self.fail("unterminated string")
            ch = self.text[self.pos]
            self.pos += 1
            if ch == '"':
                return "".join(out)
            if ch == "\\":
                esc = self.text[self.pos:self.pos + 1]
                self.pos += 1
                if esc == "u":
                    out.append(chr(int(self.text[self.pos:self.pos + 4], 16)))
                    self.pos += 4
                elif esc in simple:
                    out.append(simple[esc])
                else:
                    self.fail(f"bad escape {esc!r}")
            else:
                out.append(ch)

    def number(self):
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in "+-0123456789.eE":
            self.pos += 1
        text = self.text[start:self.pos]
        try:
            return float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            self.fail(f"bad number {text!r}")


def dump(value):
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return '"' + "".join(c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in body) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{dump(k)}: {dump(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot serialize {type(value).__name__}")


doc = '''{"name": "minipy", "version": [3, 11, 7], "ratio": -1.5e3, "ok": true,
  "none": null, "text": "line\\nbreak \\"quoted\\" caf\\u00e9", "nested": {"a": [], "b": {}}}'''
data = Parser(doc).parse()
print(data)
print(dump(data))
print(Parser(dump(data)).parse() == data)
print(sorted(data), data["text"])
for bad in ['{"a" 1}', "[1, 2", '"abc', "[1, 2] x", "{1: 2}", "[tru]", '"\\x"', "-", ""]:
    try:
        print(Parser(bad).parse())
    except JSONError as e:
        print(f"{bad!r}: {e}")
try:
    dump({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
