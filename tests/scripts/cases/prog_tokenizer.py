# A tokenizer for a small expression language, written as a generator: numbers (ints and
# floats), identifiers and keywords, strings with escapes, operators of one and two
# characters, comments, line and column positions, and errors that name the position.

KEYWORDS = {"let", "if", "else", "while", "print", "and", "or", "not"}
TWO_CHAR = {"==", "!=", "<=", ">=", "->", "**"}
ONE_CHAR = set("+-*/%<>=(){},;")


class LexError(Exception):
    def __init__(self, message, line, col):
        super().__init__(f"{message} at {line}:{col}")


class Token:
    __slots__ = ("kind", "text", "line", "col")

    def __init__(self, kind, text, line, col):
        self.kind, self.text, self.line, self.col = kind, text, line, col

    def __repr__(self):
        return f"{self.kind}({self.text!r})@{self.line}:{self.col}"


def tokenize(source):
    line, col, i = 1, 1, 0
    while i < len(source):
        ch = source[i]
        start_col = col
        if ch == "\n":
            line, col, i = line + 1, 1, i + 1
            continue
        if ch.isspace():
            i, col = i + 1, col + 1
            continue
        if ch == "#":
            while i < len(source) and source[i] != "\n":
                i += 1
            continue
        if ch.isdigit():
            j = i
            while j < len(source) and (source[j].isdigit() or source[j] == "."):
                j += 1
            text = source[i:j]
            if text.count(".") > 1:
                raise LexError(f"bad number {text!r}", line, col)
            yield Token("FLOAT" if "." in text else "INT", text, line, start_col)
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(source) and (source[j].isalnum() or source[j] == "_"):
                j += 1
            text = source[i:j]
            yield Token("KW" if text in KEYWORDS else "NAME", text, line, start_col)
        elif ch == '"':
            j, chars = i + 1, []
            escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
            while j < len(source) and source[j] != '"':
                if source[j] == "\\":
                    j += 1
                    if j >= len(source) or source[j] not in escapes:
                        raise LexError("bad escape", line, col + j - i)
                    chars.append(escapes[source[j]])
                elif source[j] == "\n":
                    break
                else:
                    chars.append(source[j])
                j += 1
            if j >= len(source) or source[j] != '"':
                raise LexError("unterminated string", line, col)
            j += 1
            yield Token("STR", "".join(chars), line, start_col)
        elif source[i:i + 2] in TWO_CHAR:
            j = i + 2
            yield Token("OP", source[i:j], line, start_col)
        elif ch in ONE_CHAR:
            j = i + 1
            yield Token("OP", ch, line, start_col)
        else:
            raise LexError(f"unexpected character {ch!r}", line, col)
        col += j - i
        i = j
    yield Token("EOF", "", line, col)


program = '''let x = 3.5 * (y + 42)  # compute
if x >= 10 and not done { print "big\\n" } else { print "small" }
f -> g ** 2 != h;'''
tokens = list(tokenize(program))
for tok in tokens:
    print(tok)
kinds = {}
for tok in tokens:
    kinds[tok.kind] = kinds.get(tok.kind, 0) + 1
print(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
print([t.text for t in tokens if t.kind == "NAME"])

for bad in ["let a = 1.2.3", 'print "abc', "x = 4 $ 5", 'print "a\\qb"', "ok\nfine\n  @"]:
    try:
        print(len(list(tokenize(bad))), "tokens")
    except LexError as e:
        print("LexError:", e)
