# A Pratt (precedence-climbing) parser and evaluator for arithmetic with variables:
# binding powers for + - * / % ** (right-associative) and comparisons, unary minus, calls
# to a few functions, assignment statements, an AST printed in prefix form, and syntax
# errors with positions. The last statement divides by zero and is not caught.

BINARY = {"<": 5, ">": 5, "==": 5, "+": 10, "-": 10, "*": 20, "/": 20, "%": 20, "**": 30}
RIGHT_ASSOC = {"**"}
OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
       "/": lambda a, b: a / b, "%": lambda a, b: a % b, "**": lambda a, b: a ** b,
       "<": lambda a, b: a < b, ">": lambda a, b: a > b, "==": lambda a, b: a == b}
FUNCS = {"max": max, "min": min, "abs": abs, "sqrt": lambda x: x ** 0.5}


class ParseError(Exception):
    pass


def lex(src):
    tokens, i = [], 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            tokens.append(("num", float(src[i:j]) if "." in src[i:j] else int(src[i:j]), i))
            i = j
        elif ch.isalpha():
            j = i
            while j < len(src) and src[j].isalnum():
                j += 1
            tokens.append(("name", src[i:j], i))
            i = j
        elif src[i:i + 2] in ("**", "=="):
            tokens.append(("op", src[i:i + 2], i))
            i += 2
        elif ch in "+-*/%<>=(),":
            tokens.append(("op", ch, i))
            i += 1
        else:
            raise ParseError(f"unexpected {ch!r} at {i}")
    tokens.append(("end", None, len(src)))
    return tokens


class Parser:
    def __init__(self, src):
        self.tokens = lex(src)
        self.pos = 0

    def next(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def peek(self):
        return self.tokens[self.pos]

    def expect(self, value):
        kind, v, at = self.next()
        if v != value:
            raise ParseError(f"expected {value!r} at {at}, got {v if v is not None else 'end'!r}")

    def statement(self):
        if self.tokens[0][0] == "name" and self.tokens[1][1] == "=":
            name = self.next()[1]
            self.next()
            return ("=", name, self.expr(0))
        node = self.expr(0)
        if self.peek()[0] != "end":
            raise ParseError(f"unexpected {self.peek()[1]!r} at {self.peek()[2]}")
        return node

    def expr(self, min_bp):
        kind, value, at = self.next()
        if kind == "num":
            left = value
        elif kind == "name" and self.peek()[1] == "(":
            self.next()
            args = [self.expr(0)]
            while self.peek()[1] == ",":
                self.next()
                args.append(self.expr(0))
            self.expect(")")
            left = ("call", value, *args)
        elif kind == "name":
            left = value
        elif value == "-":
            left = ("neg", self.expr(25))
        elif value == "(":
            left = self.expr(0)
            self.expect(")")
        else:
            raise ParseError(f"unexpected {value if value is not None else 'end'!r} at {at}")
        while True:
            kind, op, at = self.peek()
            if kind != "op" or op not in BINARY or BINARY[op] < min_bp:
                return left
            self.next()
            bp = BINARY[op] + (0 if op in RIGHT_ASSOC else 1)
            left = (op, left, self.expr(bp))


def show(node):
    if isinstance(node, tuple):
        return "(" + " ".join(show(n) for n in node) + ")"
    return str(node)


def evaluate(node, env):
    if isinstance(node, (int, float)):
        return node
    if isinstance(node, str):
        if node not in env:
            raise NameError(f"undefined variable {node!r}")
        return env[node]
    op, *args = node
    if op == "=":
        env[args[0]] = evaluate(args[1], env)
        return env[args[0]]
    if op == "neg":
        return -evaluate(args[0], env)
    if op == "call":
        return FUNCS[args[0]](*(evaluate(a, env) for a in args[1:]))
    a, b = (evaluate(x, env) for x in args)
    return OPS[op](a, b)


env = {}
for line in ["x = 2 + 3 * 4", "y = (2 + 3) * 4", "2 ** 3 ** 2", "-2 ** 2", "z = x * y - 10 % 4",
             "max(x, y, z) / 4", "sqrt(x + y + 6)", "x < y == 1", "1 + ", "(1 + 2", "3 $ 4",
             "w + 1", "abs(-7) * -(-3)", "1 2"]:
    try:
        tree = Parser(line).statement()
        print(f"{line:<20} {show(tree):<36} = {evaluate(tree, env)}")
    except (ParseError, NameError) as e:
        print(f"{line:<20} {type(e).__name__}: {e}")
print(sorted(env.items()))
print(evaluate(Parser("x / (y - 20)").statement(), env))
